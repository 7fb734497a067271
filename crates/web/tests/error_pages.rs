//! Error pages are pages like any other: inside an organisation they carry its menu, and they
//! speak the reader's language, down to a malformed address, a refused query and an upload
//! that is too large.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use mognad_domain::role::Role;

fn framed(body: &str) -> bool {
    body.contains(r#"class="main-nav""#) && body.contains("Ledarskap")
}

#[tokio::test]
async fn error_pages_inside_an_organisation_carry_its_menu_in_the_readers_language() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let round = w
        .app
        .measurement()
        .create_round(
            &a,
            &mognad_app::measurement::rounds::RoundInput {
                name: "Nollmätning".into(),
                model_id: w.app.measurement().models(&a).await.unwrap()[0].id.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let base = format!("/orgs/{}", a.org);

    // A query the use case refuses.
    let span = c.get(&format!("{base}/checks?min=5&max=1")).await;
    assert_eq!(span.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(framed(&span.body), "{}", span.body);
    assert!(
        span.body
            .contains("Det minsta kontrollspannet är större än det största.")
    );
    assert!(span.body.contains(r#"lang="sv""#));

    // A query that cannot be read: no parser's English.
    let compare = c.get(&format!("{base}/rounds/{}/compare", round.id)).await;
    assert_eq!(compare.status, StatusCode::BAD_REQUEST);
    assert!(framed(&compare.body));
    assert!(
        compare
            .body
            .contains("Adressen eller formuläret innehåller något")
    );
    assert!(!compare.body.contains("missing field"), "{}", compare.body);

    // An upload over the limit.
    let b = "mOgNaD";
    let mut body =
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stor.toml\"\r\n\r\n")
            .into_bytes();
    body.extend(std::iter::repeat_n(b'x', 11 * 1024 * 1024));
    body.extend(format!("\r\n--{b}--\r\n").as_bytes());
    let big = c
        .send(
            Request::post(format!("{base}/models?_csrf={}", c.csrf()))
                .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(framed(&big.body), "{}", big.body);
    assert!(big.body.contains("för stort"));
    assert!(
        big.headers.contains_key("content-security-policy"),
        "the headers stay"
    );

    // In English for an English reader.
    c.lang = Some("en");
    let en = c.get(&format!("{base}/checks?min=5&max=1")).await;
    assert!(
        en.body
            .contains("The smallest span of control is larger than the largest.")
    );
    assert!(en.body.contains("Leadership"));

    // Another organisation's address: the plain frame, nothing of it shown.
    let other = w.member("bo@vastby.se", "Västby", Role::Owner).await;
    c.lang = None;
    let foreign = c.get(&format!("/orgs/{}/checks?min=5&max=1", other.org)).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert!(!foreign.body.contains("main-nav") && !foreign.body.contains("Västby"));
    assert!(foreign.body.contains("Sidan eller posten finns inte"));
}
