//! A person's rights over their data in the browser and the API: the download, erasure after a
//! confirmation, and the retention periods with their refusals in Swedish.

mod common;

use axum::http::{StatusCode, header};
use common::World;
use mognad_app::org::directory::PersonInput;
use mognad_domain::role::Role;
use serde_json::json;

#[tokio::test]
async fn an_admin_downloads_a_persons_data_and_erases_them() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let input = PersonInput {
        name: "Eva Ek".into(),
        email: Some("eva@norrvik.se".into()),
        ..Default::default()
    };
    let eva = w.app.org().save_person(&a, None, &input).await.unwrap().id;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let person = format!("/orgs/{}/people/{eva}", a.org);

    let page = c.get(&person).await;
    assert!(
        page.body.contains(&format!("{person}/data")) && page.body.contains(&format!("{person}/erase")),
        "the person's page offers the download and erasure"
    );
    let data = c.get(&format!("{person}/data")).await;
    assert_eq!(data.status, StatusCode::OK);
    assert!(
        data.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
        "a download"
    );
    let doc: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    assert_eq!(doc["person"]["name"], "Eva Ek");

    let confirm = c.get(&format!("{person}/erase")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("Radera Eva Ek") && confirm.body.contains("Anonyma enkätsvar"));
    let erased = c.post_form(&format!("{person}/erase"), &[]).await;
    assert_eq!(erased.status, StatusCode::SEE_OTHER, "{}", erased.body);
    assert_eq!(c.get(&person).await.status, StatusCode::NOT_FOUND);
    let api = format!("/api/v1/orgs/{}/people/{eva}/data", a.org);
    assert_eq!(c.get(&api).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn retention_periods_are_set_in_the_browser_and_the_api() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let page_path = format!("/orgs/{}/privacy", a.org);
    let page = c.get(&page_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"365\""), "the defaults are shown");

    let refused = c
        .post_form(
            &page_path,
            &[
                ("links_days", "tio"),
                ("drafts_days", "90"),
                ("contacts_days", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Ange ett antal dagar"), "{}", refused.body);
    let saved = c
        .post_form(
            &page_path,
            &[("links_days", "10"), ("drafts_days", "90"), ("contacts_days", "")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let api = format!("/api/v1/orgs/{}/retention", a.org);
    let got: serde_json::Value = serde_json::from_str(&c.get(&api).await.body).unwrap();
    assert_eq!(
        got,
        json!({"links_days": 10, "drafts_days": 90, "contacts_days": null})
    );
    let put = c.json("PUT", &api, got.clone()).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&put.body).unwrap(), got);
}
