//! Following up a recurring problem through the pages: the intake page links the group to its
//! follow-up page (administrators only), which lists each person once; the template mail is
//! queued and then sent by the worker with the administrator's words and a footer in the
//! organisation's language; a bad mail is refused in words; the problem gets its card.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_domain::role::Role;
use mognad_web::platform::outbox::deliver;

#[tokio::test]
async fn the_people_affected_are_mailed_once_and_the_problem_gets_a_card() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    w.member_of(admin.org, "m@norrvik.se", Role::Member).await;
    let b = w.board(&admin, "IT-stöd").await;
    let plan = w.app.plan();
    let slug = w.public_form(&admin, b.id).await;
    for (i, contact) in ["asa@norrvik.se", "Asa@Norrvik.se", "070-1234567"]
        .iter()
        .enumerate()
    {
        let answers = [("f1".to_string(), "Skrivaren i sal 4 skriver inte ut".to_string())];
        plan.submit_intake(&slug, None, &answers, contact, &format!("k{i}"))
            .await
            .unwrap();
    }
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let intake = c.get(&format!("{org}/intake")).await.body;
    let at = intake
        .find(&format!("{org}/follow-up?cards="))
        .expect("a follow-up link");
    let link = intake[at..].split('"').next().unwrap().to_owned();
    let page = c.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("value=\"Asa@Norrvik.se\"").count()
            + page.body.matches("value=\"asa@norrvik.se\"").count(),
        1
    );
    assert!(page.body.contains("får brevet: 1."), "{}", page.body);
    let cards = link.split("cards=").nth(1).unwrap().to_owned();

    let bad = c
        .post_form(
            &format!("{org}/follow-up/mail"),
            &[("cards", &cards), ("subject", ""), ("body", "Hej")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("href=\"#m-subject\">Ämne: "), "{}", bad.body);
    let sent = c
        .post_form(
            &format!("{org}/follow-up/mail"),
            &[
                ("cards", &cards),
                ("subject", "Om skrivaren"),
                ("body", "Vi byter den i morgon."),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let page = c.get(sent.location()).await.body;
    assert!(page.contains("Brev som skickas: 1"));
    assert!(page.contains("Alla med en e-postadress är redan kontaktade"));

    let dir = tempfile::tempdir().unwrap();
    let (state, cfg) = w.mailing_state(dir.path());
    assert_eq!(deliver(&state, &cfg).await.unwrap(), 1);
    let mail: String = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect::<String>()
        .replace("=\r\n", "");
    assert!(
        mail.contains("Subject: Om skrivaren") && mail.contains("Vi byter den i morgon."),
        "{mail}"
    );
    assert!(mail.contains("asa@norrvik.se") && !mail.contains("070-1234567"));

    let made = c
        .post_form(&format!("{org}/follow-up/card"), &[("cards", &cards)])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    assert!(made.location().starts_with(&format!("{org}/tasks/")));
    let card = c.get(made.location()).await.body;
    assert!(card.contains("Återkommande problem: Skrivaren i sal 4 skriver inte ut"));

    let mut m = w.client();
    m.login("m@norrvik.se").await;
    assert_eq!(m.get(&link).await.status, StatusCode::FORBIDDEN);
}
