//! The board's bulk form: ticked cards move and get an assignee together, the board comes back
//! as it was filtered, and a refusal is said in Swedish on the board.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::plan::cards::TaskInput;
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;

#[tokio::test]
async fn ticked_cards_change_together() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let plan = w.app.plan();
    let b = w.board(&admin, "Drift").await;
    let mut cards = Vec::new();
    for title in ["Första", "Andra", "Tredje"] {
        let input = TaskInput {
            title: title.into(),
            ..Default::default()
        };
        cards.push(
            plan.create_task(&admin, BoardId(b.id), &input, None)
                .await
                .unwrap(),
        );
    }
    let ada = w.person(&admin, "Ada", None).await;
    let view = plan
        .board(&admin, BoardId(b.id), &Default::default(), None)
        .await
        .unwrap();
    let doing = view.columns[2].id;
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;

    let page = c.get(&format!("{org}/boards/{}", b.id)).await.body;
    assert!(page.contains(r#"<form id="bulk""#));
    assert_eq!(page.matches(r#"form="bulk" name="cards""#).count(), 3);

    let done = c
        .post_form(
            &format!("{org}/boards/{}/bulk", b.id),
            &[
                ("cards", &cards[0].to_string()),
                ("cards", &cards[2].to_string()),
                ("column_id", &doing.to_string()),
                ("assignee", &ada.to_string()),
                ("back", "priority=normal"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), format!("{org}/boards/{}?priority=normal", b.id));
    let moved = plan.task(&admin, cards[2]).await.unwrap();
    assert_eq!((moved.column_id, moved.assignee_id), (doing, Some(ada)));
    assert_eq!(
        plan.task(&admin, cards[1]).await.unwrap().column_id,
        view.columns[0].id
    );

    // The same through the API, and archive, restore and undo as JSON.
    let res = c
        .json(
            "POST",
            &format!("/api/v1{org}/boards/{}/bulk", b.id),
            serde_json::json!({"cards": [cards[0].to_string(), cards[1].to_string()], "unassign": true}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body, r#"{"changed":1}"#, "only the assigned one changed");
    let item = serde_json::json!({"kind": "card", "id": cards[1].to_string()});
    let res = c
        .json("POST", &format!("/api/v1{org}/archive"), item.clone())
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    let listed = c
        .json("GET", &format!("/api/v1{org}/archive"), serde_json::Value::Null)
        .await;
    assert!(listed.body.contains("Andra"));
    let res = c.json("POST", &format!("/api/v1{org}/restore"), item).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let res = c
        .json(
            "POST",
            &format!("/api/v1{org}/archive"),
            serde_json::json!({"kind": "planet", "id": cards[1].to_string()}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = c
        .json(
            "POST",
            &format!("/api/v1{org}/tasks/{}/undo", cards[2]),
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    assert_eq!(
        plan.task(&admin, cards[2]).await.unwrap().column_id,
        view.columns[0].id,
        "moved back"
    );

    let none = c
        .post_form(
            &format!("{org}/boards/{}/bulk", b.id),
            &[("column_id", &doing.to_string())],
        )
        .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("Kryssa i minst ett kort"));
}
