//! Searching cards through the page and the API: the words and filters of the form find cards
//! on every board with where they stand, the filters stay in the form, and the API answers the
//! same as JSON.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::plan::boards::BoardInput;
use mognad_app::plan::cards::TaskInput;
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;

#[tokio::test]
async fn cards_are_found_across_boards_by_words_and_filters() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let plan = w.app.plan();
    for (board, title, priority) in [
        ("Drift", "Byt brandvägg", "urgent"),
        ("IT-plan", "Brandväggsregler för skolorna", "low"),
        ("IT-plan", "Ny e-tjänst", "urgent"),
    ] {
        let b = match plan
            .boards(&admin)
            .await
            .unwrap()
            .into_iter()
            .find(|b| b.name == board)
        {
            Some(b) => b,
            None => plan
                .create_board(
                    &admin,
                    &BoardInput {
                        name: board.into(),
                        ..Default::default()
                    },
                )
                .await
                .unwrap(),
        };
        let input = TaskInput {
            title: title.into(),
            priority: priority.into(),
            ..Default::default()
        };
        plan.create_task(&admin, BoardId(b.id), &input, None)
            .await
            .unwrap();
    }
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;

    let fresh = c.get(&format!("{org}/search")).await;
    assert_eq!(fresh.status, StatusCode::OK);
    assert!(!fresh.body.contains("Träffar"), "nothing asked, nothing listed");

    let page = c.get(&format!("{org}/search?q=brandv%C3%A4gg")).await.body;
    assert!(page.contains("Träffar: 2"), "{page}");
    assert!(page.contains("Byt brandvägg") && page.contains("Brandväggsregler för skolorna"));
    assert!(page.contains("Drift · Inkorg") && !page.contains("Ny e-tjänst"));
    let page = c.get(&format!("{org}/search?q=brand&priority=urgent")).await.body;
    assert!(
        page.contains("Träffar: 1") && page.contains("Byt brandvägg"),
        "{page}"
    );
    assert!(
        page.contains(r#"<option value="urgent" selected>"#),
        "the filter stays chosen"
    );
    let page = c.get(&format!("{org}/search?priority=urgent")).await.body;
    assert!(page.contains("Byt brandvägg") && page.contains("Ny e-tjänst") && !page.contains("skolorna"));
    let page = c.get(&format!("{org}/search?q=%22OR%22+*+(")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Inga kort passar"));

    let res = c
        .json(
            "GET",
            &format!("/api/v1{org}/search?q=brand&priority=low"),
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let doc: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(doc["hits"].as_array().unwrap().len(), 1);
    assert_eq!(doc["hits"][0]["card"]["title"], "Brandväggsregler för skolorna");
    assert_eq!(doc["hits"][0]["board"], "IT-plan");
    assert_eq!(doc["more"], false);
}
