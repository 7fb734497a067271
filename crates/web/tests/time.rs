//! Time on cards through the pages and the API: logging from the card's page in Swedish
//! notation, a refused entry keeping what was typed, taking an entry back, the timesheet with
//! its totals and its CSV and XLSX downloads, and the same through JSON.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::plan::cards::TaskInput;
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;

#[tokio::test]
async fn time_is_logged_on_a_card_and_read_on_the_timesheet() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let plan = w.app.plan();
    let ada = w.person(&admin, "Ada Lund", Some("admin@norrvik.se")).await;
    let b = w.board(&admin, "Drift").await;
    let input = TaskInput {
        title: "Byt växel".into(),
        estimate_hours: "10".into(),
        ..Default::default()
    };
    let card = plan
        .create_task(&admin, BoardId(b.id), &input, None)
        .await
        .unwrap();
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;

    let page = c.get(&format!("{org}/tasks/{card}")).await.body;
    assert!(page.contains("Loggat: 0 h av uppskattade 10 h"), "{page}");
    assert!(
        page.contains(&format!(r#"<option value="{ada}" selected>"#)),
        "the reader's own person is chosen"
    );
    let today = chrono::Utc::now().date_naive().to_string();
    let done = c
        .post_form(
            &format!("{org}/tasks/{card}/time"),
            &[
                ("person_id", &ada.to_string()),
                ("worked_on", &today),
                ("hours", "1,5"),
                ("note", "Offert"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), format!("{org}/tasks/{card}#time"));
    let page = c.get(&format!("{org}/tasks/{card}")).await.body;
    assert!(page.contains("Loggat: 1,5 h av uppskattade 10 h"));
    assert!(page.contains("Offert"));

    let refused = c
        .post_form(
            &format!("{org}/tasks/{card}/time"),
            &[
                ("person_id", &ada.to_string()),
                ("worked_on", &today),
                ("hours", "en stund"),
                ("note", "Möte"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Skriv tiden som timmar (1,5)"));
    assert!(refused.body.contains(r#"value="en stund""#) && refused.body.contains(r#"value="Möte""#));

    let res = c
        .json(
            "POST",
            &format!("/api/v1{org}/tasks/{card}/time"),
            serde_json::json!({"person_id": ada.to_string(), "worked_on": "2026-01-05", "hours": "45 min", "note": ""}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let entry: serde_json::Value = serde_json::from_str(&res.body).unwrap();

    let sheet = c
        .get(&format!("{org}/timesheet?from=2026-01-01&to={today}"))
        .await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(
        sheet.body.contains(&format!("2026-01-01 – {today}: 2,25 h")),
        "{}",
        sheet.body
    );
    assert!(sheet.body.contains("Ada Lund") && sheet.body.contains("Byt växel"));
    let csv = c
        .get(&format!(
            "{org}/timesheet.csv?person={ada}&from=2026-01-01&to={today}"
        ))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body
            .starts_with("\u{feff}Dag,Person,Tavla,Kort,Minuter,Timmar,Anteckning\r\n")
    );
    assert!(
        csv.body
            .contains("2026-01-05,Ada Lund,Drift,Byt växel,45,0.8,\r\n"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains(",90,1.5,Offert\r\n"));
    let xlsx = c.get(&format!("{org}/timesheet.xlsx?from=2026-01-01")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with("PK"), "an XLSX file is a zip archive");
    let bad = c
        .get(&format!("{org}/timesheet?from=2026-03-01&to=2026-02-01"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Perioden måste börja före sitt slut"));

    let res = c
        .json(
            "GET",
            &format!("/api/v1{org}/timesheet?from=2026-01-01"),
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let doc: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(doc["minutes"], 135);
    assert_eq!(doc["totals"][0]["person"], "Ada Lund");

    let gone = c
        .post_form(
            &format!("{org}/time/{}/remove", entry["id"].as_str().unwrap()),
            &[],
        )
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    let page = c.get(&format!("{org}/tasks/{card}")).await.body;
    assert!(page.contains("Loggat: 1,5 h av uppskattade 10 h"));
}
