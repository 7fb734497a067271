//! The receipt page beside a public intake form: a sender without an account looks up a
//! request by its code, a wrong code is said in Swedish, and guessing ends in 429.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_domain::role::Role;

#[tokio::test]
async fn a_sender_looks_up_a_request_and_guessing_is_stopped() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let plan = w.app.plan();
    let b = w.board(&admin, "IT-stöd").await;
    let slug = w.public_form(&admin, b.id).await;
    let answers = vec![("f1".to_string(), "Skrivaren".to_string())];
    let r = plan.submit_intake(&slug, None, &answers, "", "k1").await.unwrap();

    let mut c = w.client();
    let form = c.get(&format!("/f/{slug}")).await.body;
    assert!(form.contains(&format!("href=\"/f/{slug}/receipt\"")));
    let page = c.get(&format!("/f/{slug}/receipt")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Hur går mitt ärende?"));
    let found = c
        .post_form(&format!("/f/{slug}/receipt"), &[("code", &r.code.to_lowercase())])
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert!(found.body.contains("Status: Inkorg"));
    assert!(!found.body.contains("Skrivaren"), "what was sent is not shown");

    for _ in 0..10 {
        let miss = c
            .post_form(&format!("/f/{slug}/receipt"), &[("code", "ZZZZ-ZZZZ")])
            .await;
        assert_eq!(miss.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(miss.body.contains("Inget ärende har den koden"));
    }
    let braked = c
        .post_form(&format!("/f/{slug}/receipt"), &[("code", &r.code)])
        .await;
    assert_eq!(braked.status, StatusCode::TOO_MANY_REQUESTS);
}
