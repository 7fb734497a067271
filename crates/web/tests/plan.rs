//! The plan pages through HTTP: a board with its quick-add and no-JavaScript move forms, a
//! card's page with Markdown made safe, the API's idempotent create and move, an intake form
//! answered anonymously and found in the backlog, and the plan with costs.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::plan::boards::BoardInput;
use mognad_app::plan::intake::FormInput;
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;
use serde_json::json;

#[tokio::test]
async fn boards_cards_and_intake_work_without_javascript() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let app = &w.app;
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;

    let res = c
        .post_form(&format!("{org}/boards"), &[("name", "IT-plan")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let board = res.location().to_owned();
    let page = c.get(&board).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Inkorg") && page.body.contains("/static/board.js"));

    // Quick add twice with the same one-time key: one card.
    for _ in 0..2 {
        let res = c
            .post_form(
                &format!("{board}/tasks"),
                &[("title", "Byt brandvägg"), ("key", "form-1")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    }
    c.post_form(
        &format!("{board}/tasks"),
        &[("title", "Uppdatera policy"), ("key", "form-2")],
    )
    .await;
    let res = c
        .post_form(&format!("{board}/tasks"), &[("title", ""), ("key", "form-3")])
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an empty title comes back with the error"
    );
    let board_id = board.rsplit('/').next().unwrap().parse().unwrap();
    let view = app
        .plan()
        .board(&admin, board_id, &Default::default(), None)
        .await
        .unwrap();
    assert_eq!(view.columns[0].count, 2);
    let (first, second) = (view.columns[0].cards[0].id, view.columns[0].cards[1].id);

    // The move form on a card: to the top of "Pågår", then the other card above it.
    let doing = view.columns[2].id.to_string();
    let res = c
        .post_form(
            &format!("{org}/tasks/{first}/move"),
            &[("column_id", &doing), ("position", "bottom")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(!res.location().contains('?'), "no filter, none to keep");
    // The moved card takes the focus: the address names it and its list item can hold focus.
    assert!(
        res.location().ends_with(&format!("#card-{first}")),
        "{}",
        res.location()
    );
    let page = c.get(res.location().split('#').next().unwrap()).await.body;
    assert!(page.contains(&format!(r#"id="card-{first}" tabindex="-1""#)));
    // A move from a filtered board returns to it filtered; nothing else rides along.
    let res = c
        .post_form(
            &format!("{org}/tasks/{second}/move"),
            &[
                ("column_id", &doing),
                ("position", "top"),
                ("back", "label=drift&due_by=2027-01-01\"><script>"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        res.location()
            .ends_with(&format!("?label=drift&due_by=2027-01-01script#card-{second}")),
        "{}",
        res.location()
    );
    let view = app
        .plan()
        .board(&admin, board_id, &Default::default(), None)
        .await
        .unwrap();
    let order: Vec<_> = view.columns[2].cards.iter().map(|t| t.id).collect();
    assert_eq!(order, [second, first]);

    // The same move over the API, as drag and drop sends it, with a key.
    let csrf = c.csrf();
    let req = axum::http::Request::post(format!("/api/v1{org}/tasks/{first}/move"))
        .header("content-type", "application/json")
        .header("x-csrf-token", &csrf)
        .header("idempotency-key", "drag-1")
        .body(axum::body::Body::from(
            json!({"column_id": doing, "before": second.to_string()}).to_string(),
        ))
        .unwrap();
    assert_eq!(c.send(req).await.status, StatusCode::NO_CONTENT);
    let view = app
        .plan()
        .board(&admin, board_id, &Default::default(), None)
        .await
        .unwrap();
    assert_eq!(view.columns[2].cards[0].id, first);

    // A card's page shows Markdown and defuses markup and script links.
    let description = "**Viktigt:** <script>alert(1)</script> [länk](javascript:alert(2))";
    let res = c
        .post_form(
            &format!("{org}/tasks/{first}"),
            &[
                ("title", "Byt brandvägg"),
                ("description", description),
                ("labels", "säkerhet"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    c.post_form(&format!("{org}/tasks/{first}/checklist"), &[("text", "Beställ")])
        .await;
    c.post_form(
        &format!("{org}/tasks/{first}/comments"),
        &[("text", "Klart i vecka 12")],
    )
    .await;
    let page = c.get(&format!("{org}/tasks/{first}")).await.body;
    assert!(page.contains("<strong>Viktigt:</strong>"));
    assert!(
        !page.contains("<script>alert") && !page.contains("href=\"javascript:"),
        "markup is defused"
    );
    assert!(page.contains("Beställ") && page.contains("Klart i vecka 12"));

    // An intake form, answered without signing in, becomes a card in the backlog.
    let form = FormInput {
        name: "Felanmälan".into(),
        board_id: board_id.to_string(),
        public: "1".into(),
        intro: String::new(),
        fields: "Vad gäller det? | text | required".into(),
    };
    let fid = app.plan().save_intake_form(&admin, None, &form).await.unwrap();
    let slug = app.plan().intake_form(&admin, fid).await.unwrap().slug;
    let mut visitor = w.client();
    let page = visitor.get(&format!("/f/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let res = visitor
        .post_form(&format!("/f/{slug}"), &[("f1", ""), ("key", "v-1")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Fältet måste fyllas i"), "the error in Swedish");
    let res = visitor
        .post_form(
            &format!("/f/{slug}"),
            &[
                ("f1", "Wifi i biblioteket fungerar inte"),
                ("contact", ""),
                ("key", "v-2"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Tack!"));
    let view = app
        .plan()
        .board(&admin, board_id, &Default::default(), None)
        .await
        .unwrap();
    assert!(
        view.columns[0]
            .cards
            .iter()
            .any(|t| t.title == "Wifi i biblioteket fungerar inte")
    );

    // An internal form asks a visitor to sign in.
    let internal = app
        .plan()
        .save_intake_form(
            &admin,
            None,
            &FormInput {
                public: String::new(),
                name: "Intern".into(),
                ..form
            },
        )
        .await
        .unwrap();
    let slug = app.plan().intake_form(&admin, internal).await.unwrap().slug;
    let res = visitor.get(&format!("/f/{slug}")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(res.location().starts_with("/login?next=/f/"));
}

#[tokio::test]
async fn the_api_creates_once_per_key_and_members_work_on_cards() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let b = w
        .app
        .plan()
        .create_board(
            &admin,
            &BoardInput {
                name: "Drift".into(),
                initiative_id: String::new(),
            },
        )
        .await
        .unwrap();
    let member = w
        .app
        .platform()
        .create_user(
            "m@norrvik.se",
            "Medlem",
            PASSWORD,
            mognad_domain::org::Language::Sv,
        )
        .await
        .unwrap();
    w.app
        .platform()
        .grant_role(member.id, admin.org, Role::Member)
        .await
        .unwrap();
    let mut c = w.client();
    c.login("m@norrvik.se").await;
    let path = format!("/api/v1/orgs/{}/boards/{}/tasks", admin.org, b.id);
    let mut ids = Vec::new();
    for _ in 0..3 {
        let req = axum::http::Request::post(&path)
            .header("content-type", "application/json")
            .header("x-csrf-token", c.csrf())
            .header("idempotency-key", "k-1")
            .body(axum::body::Body::from(json!({"title": "Ny server"}).to_string()))
            .unwrap();
        let res = c.send(req).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        ids.push(serde_json::from_str::<serde_json::Value>(&res.body).unwrap()["id"].clone());
    }
    assert!(ids.windows(2).all(|p| p[0] == p[1]), "one card per key");
    let board = c
        .get(&format!("/api/v1/orgs/{}/boards/{}", admin.org, b.id))
        .await;
    let doc: serde_json::Value = serde_json::from_str(&board.body).unwrap();
    assert_eq!(doc["columns"][0]["count"], 1);
    // A column's `more`, passed back unchanged, gives the next page until there is none.
    for i in 0..119 {
        let input = mognad_app::plan::cards::TaskInput {
            title: format!("Kort {i}"),
            ..Default::default()
        };
        w.app
            .plan()
            .create_task(&admin, BoardId(b.id), &input, None)
            .await
            .unwrap();
    }
    let mut seen = std::collections::HashSet::new();
    let mut more: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = more.as_ref().map(|m| format!("?more={m}")).unwrap_or_default();
        let res = c
            .get(&format!("/api/v1/orgs/{}/boards/{}{q}", admin.org, b.id))
            .await;
        let doc: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        let col = &doc["columns"][0];
        for card in col["cards"].as_array().unwrap() {
            assert!(
                seen.insert(card["id"].to_string()),
                "a card came twice: the cursor looped"
            );
        }
        pages += 1;
        assert!(pages < 10, "paging does not end");
        match col["more"].as_str() {
            Some(m) => more = Some(m.to_owned()),
            None => break,
        }
    }
    assert_eq!((seen.len(), pages), (120, 3), "50 + 50 + 20 cards");
    // Members may not make boards.
    let res = c
        .json(
            "POST",
            &format!("/api/v1/orgs/{}/boards", admin.org),
            json!({"name": "Egen"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn quick_add_takes_assignee_priority_and_due_date() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let person = w
        .app
        .org()
        .save_person(
            &admin,
            None,
            &mognad_app::org::directory::PersonInput {
                name: "Kim Karlsson".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .id;
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let org = format!("/orgs/{}", admin.org);
    let board = c
        .post_form(&format!("{org}/boards"), &[("name", "IT-plan")])
        .await;
    let board = board.location().to_owned();
    let page = c.get(&board).await.body;
    assert!(page.contains(r#"id="t-assignee""#) && page.contains(r#"id="t-due""#));
    let res = c
        .post_form(
            &format!("{board}/tasks"),
            &[
                ("title", "Förnya certifikat"),
                ("key", "quick-1"),
                ("assignee_id", &person.to_string()),
                ("priority", "urgent"),
                ("due", "2027-03-01"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id: uuid::Uuid = board.rsplit('/').next().unwrap().parse().unwrap();
    let view = w
        .app
        .plan()
        .board(&admin, BoardId(id), &Default::default(), None)
        .await
        .unwrap();
    let card = &view.columns[0].cards[0];
    assert_eq!(card.assignee_id, Some(person));
    assert_eq!(card.priority, "urgent");
    assert_eq!(card.due_on.map(|d| d.to_string()).as_deref(), Some("2027-03-01"));
}
