//! The budget-cut page and API and the plan's timeline: a new budget gets a suggestion that
//! fits, a refused budget says why in Swedish, only an administrator applies, applying pauses
//! exactly the choice and the plan shows the money freed; dated initiatives get a bar.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::plan::initiatives::{CostInput, InitiativeInput};
use mognad_domain::role::Role;

#[tokio::test]
async fn a_budget_cut_is_suggested_chosen_and_applied() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    w.member_of(admin.org, "m@norrvik.se", Role::Member).await;
    let mut ids = Vec::new();
    for (title, cost, dates) in [
        ("Liten", 100_000, ("", "")),
        ("Mellan", 200_000, ("2026-01-01", "2026-06-30")),
        ("Stor", 300_000, ("", "")),
    ] {
        let input = InitiativeInput {
            title: title.into(),
            status: "active".into(),
            starts_on: dates.0.into(),
            ends_on: dates.1.into(),
            ..Default::default()
        };
        let id = w.app.plan().save_initiative(&admin, None, &input).await.unwrap();
        let cost = CostInput {
            label: "Drift".into(),
            amount: cost.to_string(),
            kind: "running".into(),
            year: String::new(),
        };
        w.app.plan().add_cost(&admin, id, &cost).await.unwrap();
        ids.push(id);
    }
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;

    let plan = c.get(&format!("{org}/plan")).await.body;
    assert!(plan.contains(&format!("href=\"{org}/plan/budget-cut\"")));
    assert_eq!(
        plan.matches("class=\"timeline-bar\"").count(),
        1,
        "one dated initiative"
    );
    assert!(plan.contains("2026-01-01 – 2026-06-30") && plan.contains("0 av 0 kort klara"));

    let page = c.get(&format!("{org}/plan/budget-cut")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Planerat i dag: 600\u{a0}000 kr"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Ingen avslutad mätomgång"));
    assert_eq!(
        page.body.matches(" checked>").count(),
        0,
        "no budget, nothing suggested"
    );

    // Without priorities the costliest goes first: 600 000 → 350 000 pauses "Stor" only.
    let page = c
        .get(&format!("{org}/plan/budget-cut?budget=350+000&mode=suggest"))
        .await
        .body;
    assert!(page.contains(&format!("value=\"{}\" checked>", ids[2])), "{page}");
    assert_eq!(page.matches(" checked>").count(), 1);
    assert!(page.contains("300\u{a0}000 kr") && page.contains("ryms i budgeten"));
    assert!(page.contains("Pausa de valda (1)"));

    // A choice by hand that does not fit says by how much.
    let page = c
        .get(&format!(
            "{org}/plan/budget-cut?budget=350000&mode=chosen&pause={}",
            ids[0]
        ))
        .await
        .body;
    assert!(page.contains("150\u{a0}000 kr över budgeten"), "{page}");

    let bad = c.get(&format!("{org}/plan/budget-cut?budget=12%2C5")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Budgeten ska anges i hela kronor"));
    assert!(bad.body.contains("value=\"12,5\""), "what was typed stays");

    let res = c
        .json(
            "GET",
            &format!("/api/v1{org}/budget-cut?budget=350000"),
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let doc: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(doc["rows"].as_array().unwrap().len(), 3);
    assert_eq!(doc["after"], 300_000);
    assert_eq!(doc["fits"], true);

    let mut m = w.client();
    m.login("m@norrvik.se").await;
    assert_eq!(
        m.get(&format!("{org}/plan/budget-cut")).await.status,
        StatusCode::OK,
        "members read the cut"
    );
    let refused = m
        .post_form(
            &format!("{org}/plan/budget-cut"),
            &[("mode", "chosen"), ("pause", &ids[2].to_string())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let none = c
        .post_form(&format!("{org}/plan/budget-cut"), &[("mode", "chosen")])
        .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("Välj minst ett initiativ att pausa"));

    let done = c
        .post_form(
            &format!("{org}/plan/budget-cut"),
            &[
                ("mode", "chosen"),
                ("budget", "350000"),
                ("pause", &ids[2].to_string()),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), format!("{org}/plan#initiatives"));
    let plan = c.get(&format!("{org}/plan")).await.body;
    assert!(
        plan.contains("<del>300\u{a0}000</del>"),
        "the paused one is struck through"
    );
    let (list, _) = w.app.plan().initiatives(&admin).await.unwrap();
    let statuses: Vec<&str> = list.iter().map(|i| i.status.as_str()).collect();
    assert_eq!(statuses, ["active", "active", "paused"]);

    let res = c
        .json(
            "POST",
            &format!("/api/v1{org}/budget-cut"),
            serde_json::json!({"pause": [ids[0].to_string(), ids[2].to_string()]}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body, r#"{"paused":1}"#);
}
