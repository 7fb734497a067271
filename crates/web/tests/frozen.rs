//! A closed round seen through HTTP: what the API, the pages and the exports give is the same
//! before and after the directory and the threshold change, and an open round gives counts only.

mod common;

use axum::http::StatusCode;
use common::World;
use mognad_app::measurement::rounds::RoundInput;
use mognad_app::org::directory::{NamedInput, UnitInput};
use mognad_app::org::organisations::SettingsInput;
use mognad_domain::ids::GroupId;
use mognad_domain::role::Role;

/// Everything a reader of the round can fetch, as text.
async fn everything(c: &mut common::Client, org: uuid::Uuid, round: uuid::Uuid) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in [
        format!("/api/v1/orgs/{org}/rounds/{round}/results"),
        format!("/orgs/{org}/rounds/{round}/results"),
        format!("/orgs/{org}/rounds/{round}/results.csv"),
        format!("/orgs/{org}/rounds/{round}/answers.csv"),
    ] {
        let res = c.get(&path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
        out.push((path, res.body));
    }
    out
}

#[tokio::test]
async fn moving_a_group_and_lowering_k_after_close_changes_nothing_served() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let unit = |name: &str| UnitInput {
        name: name.into(),
        ..Default::default()
    };
    let u1 = w.app.org().save_unit(&a, None, &unit("Stab")).await.unwrap().id;
    let u2 = w.app.org().save_unit(&a, None, &unit("Drift")).await.unwrap().id;
    // A group big enough to show and one under k = 5, both under the same unit.
    let big = w.group_with_members(&a, "Stora", 6).await;
    let small = w.group_with_members(&a, "Lilla", 3).await;
    for (g, name) in [(big, "Stora"), (small, "Lilla")] {
        let input = NamedInput {
            name: name.into(),
            unit_id: Some(u1.to_string()),
        };
        w.app
            .org()
            .save_group(&a, Some(GroupId(g)), &input)
            .await
            .unwrap();
    }
    let model = w.app.measurement().models(&a).await.unwrap()[0].id;
    let input = RoundInput {
        name: "Nollmätning".into(),
        model_id: model.to_string(),
        ..Default::default()
    };
    let round = w.app.measurement().create_round(&a, &input).await.unwrap().id;
    let links = w.app.measurement().issue_invitations(&a, round).await.unwrap();
    w.app
        .measurement()
        .set_round_state(&a, round, "open")
        .await
        .unwrap();
    let m = w.app.measurement().model(&a, model).await.unwrap();
    let mut answer: i64 = 0;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let api = format!("/api/v1/orgs/{}/rounds/{round}", a.org);
    for l in &links {
        answer += 1;
        let fields = mognad_domain::answer::complete_form(&m, |it| 1 + (answer as u8) % it.answer_count(), 3);
        w.app
            .measurement()
            .submit_answers(&l.token, &fields)
            .await
            .unwrap();
        // While open: counts, never scores, and no export.
        let res = c.get(&format!("{api}/results")).await;
        let doc: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        assert_eq!(doc["organisation"]["n"].as_i64(), Some(answer));
        assert_eq!(
            doc["organisation"]["scores"],
            serde_json::json!([]),
            "open round scored"
        );
        let csv = c
            .get(&format!("/orgs/{}/rounds/{round}/answers.csv", a.org))
            .await;
        assert_ne!(
            csv.status,
            StatusCode::OK,
            "an open round's answers were exported"
        );
    }
    w.app
        .measurement()
        .set_round_state(&a, round, "closed")
        .await
        .unwrap();
    let before = everything(&mut c, a.org.0, round.0).await;
    let res = c.get(&format!("{api}/results")).await;
    let doc: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let shown = |doc: &serde_json::Value, kind: &str| -> Vec<String> {
        doc[kind]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["visible"].as_bool() == Some(true))
            .map(|x| x["name"].as_str().unwrap().to_owned())
            .collect()
    };
    // The small group has too few answers, and the big one would give it away beside the
    // organisation's total, so neither shows; the unit and the organisation (nine answers) do.
    assert!(shown(&doc, "groups").is_empty(), "{}", res.body);
    assert_eq!(shown(&doc, "units"), vec!["Stab"], "{}", res.body);
    let reasons: Vec<&str> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["withheld"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(reasons, vec!["few-answers", "protects-others"], "{}", res.body);

    // The small group moves to a unit of its own, through the API as an integration would.
    let moved = c
        .json(
            "PUT",
            &format!("/api/v1/orgs/{}/groups/{small}", a.org),
            serde_json::json!({"name": "Lilla", "unit_id": u2.to_string()}),
        )
        .await;
    assert!(moved.status.is_success(), "{}", moved.body);
    let settings = SettingsInput {
        name: "Norrvik".into(),
        language: "sv".into(),
        anonymity_threshold: "3".into(),
    };
    w.app.org().update_settings(&a, &settings).await.unwrap();
    let after = everything(&mut c, a.org.0, round.0).await;
    for ((path, b), (_, x)) in before.iter().zip(&after) {
        assert_eq!(b, x, "{path} changed after the round closed");
    }
    let unit_names: Vec<String> = serde_json::from_str::<serde_json::Value>(&after[0].1).unwrap()["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !unit_names.contains(&"Drift".to_owned()),
        "the round shows a unit it was not measured in: {unit_names:?}"
    );
}
