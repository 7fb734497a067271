//! Notifications through the browser and the API: the member given a card sees it in their list
//! (linked to the card) and nobody else does; marking read and the mail choice stick; the worker
//! renders each mail in the reader's language with the card's link and a Message-ID made from
//! the notification, and sends it once.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::plan::cards::TaskInput;
use mognad_domain::ids::BoardId;
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_web::platform::outbox::deliver;

#[tokio::test]
async fn the_member_given_a_card_is_told_in_the_list_and_the_api() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    w.member_of(admin.org, "ada@norrvik.se", Role::Member).await;
    let ada = w.person(&admin, "Ada", Some("ada@norrvik.se")).await;
    let b = w.board(&admin, "Drift").await;
    let input = TaskInput {
        title: "Byt <server>".into(),
        assignee_id: ada.to_string(),
        ..Default::default()
    };
    let card = w
        .app
        .plan()
        .create_task(&admin, BoardId(b.id), &input, None)
        .await
        .unwrap();
    let org = format!("/orgs/{}", admin.org);

    let mut boss = w.client();
    boss.login("admin@norrvik.se").await;
    let page = boss.get(&format!("{org}/notifications")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Olästa: 0") && page.body.contains("Inga aviseringar"));

    let mut c = w.client();
    c.login("ada@norrvik.se").await;
    let page = c.get(&format!("{org}/notifications")).await.body;
    assert!(page.contains("Olästa: 1"), "{page}");
    assert!(
        page.contains("Testperson gav dig kortet ”Byt &#60;server&#62;”.")
            || page.contains("Testperson gav dig kortet ”Byt &lt;server&gt;”."),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"{org}/tasks/{card}\"")));

    let api = c.get(&format!("/api/v1{org}/notifications")).await;
    assert_eq!(api.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(v["unread"], 1);
    assert_eq!(v["items"][0]["kind"], "assigned");
    assert_eq!(v["items"][0]["params"]["card"], "Byt <server>");
    let bad = c.get(&format!("/api/v1{org}/notifications?before=nej")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let read = c.post_form(&format!("{org}/notifications/read"), &[]).await;
    assert_eq!(read.status, StatusCode::SEE_OTHER);
    assert!(
        c.get(&format!("{org}/notifications"))
            .await
            .body
            .contains("Olästa: 0")
    );

    // Only the digest stays ticked: the boxes not sent are off.
    let saved = c
        .post_form(&format!("{org}/notifications/settings"), &[("digest", "on")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = c.get(saved.location()).await.body;
    assert!(page.contains("Sparat."));
    assert!(page.contains("name=\"digest\" value=\"on\" checked"));
    assert!(!page.contains("name=\"assigned\" value=\"on\" checked"));
}

fn read_all(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

#[tokio::test]
async fn the_worker_mails_each_notification_once_in_the_readers_language() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let user = w
        .app
        .platform()
        .create_user("ada@norrvik.se", "Ada Berg", PASSWORD, Language::En)
        .await
        .unwrap();
    w.app
        .platform()
        .grant_role(user.id, admin.org, Role::Member)
        .await
        .unwrap();
    let ada = w.person(&admin, "Ada", Some("ada@norrvik.se")).await;
    let b = w.board(&admin, "Drift").await;
    let input = TaskInput {
        title: "Renew the certificate".into(),
        assignee_id: ada.to_string(),
        ..Default::default()
    };
    let card = w
        .app
        .plan()
        .create_task(&admin, BoardId(b.id), &input, None)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (state, cfg) = w.mailing_state(dir.path());
    assert_eq!(deliver(&state, &cfg).await.unwrap(), 1);
    assert_eq!(deliver(&state, &cfg).await.unwrap(), 0, "sent once");
    let mails = read_all(dir.path());
    assert_eq!(mails.len(), 1);
    // Long lines arrive quoted-printable: joined again for reading.
    let mail = &mails[0].replace("=\r\n", "").replace("=3D", "=");
    let id = w
        .app
        .platform()
        .notices(&w.app.platform().actor(user, admin.org).await.unwrap(), None)
        .await
        .unwrap()
        .items[0]
        .id;
    assert!(mail.contains(&format!("Message-ID: <{id}@norrvik.se>")), "{mail}");
    assert!(
        mail.contains("Subject: A new card for you: Renew the certificate"),
        "{mail}"
    );
    assert!(mail.contains("Testperson gave you the card \"Renew the certificate\"."));
    assert!(mail.contains(&format!(
        "https://mognad.norrvik.se/orgs/{}/tasks/{card}",
        admin.org
    )));
    assert!(mail.contains(&format!(
        "https://mognad.norrvik.se/orgs/{}/notifications",
        admin.org
    )));
    assert_eq!(w.app.platform().outbox_counts().await.unwrap(), (0, 1, 0));
}
