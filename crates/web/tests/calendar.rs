//! Calendar feeds through the browser: the page makes a secret link once, the link serves
//! iCalendar text with the member's due cards and no session, renewing kills the old link.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::plan::cards::TaskInput;
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;

fn link(body: &str) -> String {
    let at = body.find("/ics/").expect("a link on the page");
    body[at..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_secret_link_serves_the_members_due_cards() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let ada = w.person(&admin, "Ada", Some("admin@norrvik.se")).await;
    let plan = w.app.plan();
    let b = w.board(&admin, "Drift").await;
    let input = TaskInput {
        title: "Förnya certifikat".into(),
        assignee_id: ada.to_string(),
        due: (chrono::Utc::now().date_naive() + chrono::Duration::days(2)).to_string(),
        ..Default::default()
    };
    plan.create_task(&admin, BoardId(b.id), &input, None)
        .await
        .unwrap();
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;

    let page = c.get(&format!("{org}/calendar")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ingen länk") && !page.body.contains("/ics/"));
    let made = c.post_form(&format!("{org}/calendar/me"), &[]).await;
    assert_eq!(made.status, StatusCode::OK);
    assert_eq!(made.headers.get("cache-control").unwrap(), "no-store");
    assert!(made.body.contains("Ny länk: Mina kort"));
    let first = link(&made.body);

    let mut anonymous = w.client();
    let feed = anonymous.get(&first).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(
        feed.headers.get("content-type").unwrap(),
        "text/calendar; charset=utf-8"
    );
    assert!(feed.body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        feed.body.contains("X-WR-CALNAME:Mognad – Testperson\r\n"),
        "named from the translations"
    );
    assert!(feed.body.contains("SUMMARY:Förnya certifikat\r\n"));
    assert!(feed.body.contains("/tasks/"), "each event links to its card");

    let page = c.get(&format!("{org}/calendar")).await.body;
    assert!(
        page.contains("Länk skapad") && !page.contains("/ics/"),
        "the link is shown only once"
    );
    let renewed = link(&c.post_form(&format!("{org}/calendar/me"), &[]).await.body);
    assert_ne!(renewed, first);
    assert_eq!(anonymous.get(&first).await.status, StatusCode::NOT_FOUND);
    assert_eq!(anonymous.get(&renewed).await.status, StatusCode::OK);

    let board_link = link(
        &c.post_form(&format!("{org}/calendar/boards/{}", b.id), &[])
            .await
            .body,
    );
    assert!(
        anonymous
            .get(&board_link)
            .await
            .body
            .contains("Förnya certifikat")
    );
    let stopped = c
        .post_form(&format!("{org}/calendar/boards/{}/stop", b.id), &[])
        .await;
    assert_eq!(stopped.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.get(&board_link).await.status, StatusCode::NOT_FOUND);
}
