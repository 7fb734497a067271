//! The web layer as a browser and an API client meet it.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::org::directory::UnitInput;
use mognad_domain::role::Role;

#[tokio::test]
async fn sign_in_renews_tokens_and_sign_out_ends_the_session() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    let page = c.get("/orgs/00000000-0000-0000-0000-000000000000").await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "not signed in: sent to the sign-in page"
    );
    assert!(page.location().starts_with("/login?next="));

    let wrong = c
        .post_form(
            "/login",
            &[("email", "anna@norrvik.se"), ("password", "fel lösenord!")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("Fel e-post eller lösenord"));

    let before = c.csrf();
    let ok = c.login("anna@norrvik.se").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let set: Vec<_> = ok
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        set.iter().any(|c| c.starts_with("mognad_session=")
            && c.contains("HttpOnly")
            && c.contains("SameSite=Lax")),
        "{set:?}"
    );
    assert_ne!(c.csrf(), before, "the CSRF token is renewed at sign-in");

    let home = c.get("/").await;
    assert_eq!(
        home.location(),
        format!("/orgs/{}", a.org),
        "one organisation: straight to it"
    );
    assert_eq!(c.get(&format!("/orgs/{}", a.org)).await.status, StatusCode::OK);

    assert_eq!(c.post_form("/logout", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        c.get(&format!("/orgs/{}", a.org)).await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );
}

#[tokio::test]
async fn every_unsafe_request_needs_this_browsers_csrf_token() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let path = format!("/orgs/{}/units", a.org);
    let missing = c
        .post_raw_form(&path, &[("name".into(), "Utan token".into())])
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let mut other = w.client();
    other.get("/login").await;
    let foreign = c
        .post_raw_form(
            &path,
            &[
                ("name".into(), "Fel token".into()),
                ("_csrf".into(), other.csrf()),
            ],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let api = c
        .send(
            axum::http::Request::post(format!("/api/v1{path}"))
                .header("content-type", "application/json")
                .body(axum::body::Body::from(r#"{"name":"x"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(api.status, StatusCode::FORBIDDEN);
    assert_eq!(api.headers["content-type"], "application/problem+json");
    assert!(
        w.app.org().units(&a).await.unwrap().is_empty(),
        "nothing was written"
    );
    assert_eq!(
        c.post_form(&path, &[("name", "Med token")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(w.app.org().units(&a).await.unwrap().len(), 1);
}

#[tokio::test]
async fn another_organisations_data_is_invisible() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Owner).await;
    let b = w.member("bo@soderby.se", "Söderby", Role::Owner).await;
    let unit = w
        .app
        .org()
        .save_unit(
            &b,
            None,
            &UnitInput {
                name: "Hemlig".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    for path in [
        format!("/orgs/{}", b.org),
        format!("/orgs/{}/units", b.org),
        format!("/orgs/{}/units/{}", b.org, unit.id),
        format!("/orgs/{}/units/{}", a.org, unit.id),
    ] {
        let res = c.get(&path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!res.body.contains("Hemlig"));
    }
    let api = c.get(&format!("/api/v1/orgs/{}/units", b.org)).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.headers["content-type"], "application/problem+json");
    let del = c
        .json(
            "DELETE",
            &format!("/api/v1/orgs/{}/units/{}", b.org, unit.id),
            serde_json::json!(null),
        )
        .await;
    assert_eq!(del.status, StatusCode::NOT_FOUND);
    let post = c
        .post_form(&format!("/orgs/{}/units/{}/delete", b.org, unit.id), &[])
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    assert_eq!(w.app.org().units(&b).await.unwrap().len(), 1, "still there");
}

#[tokio::test]
async fn members_read_and_admins_write() {
    let w = World::new().await;
    let m = w.member("m@norrvik.se", "Norrvik", Role::Member).await;
    let mut c = w.client();
    c.login("m@norrvik.se").await;
    assert_eq!(
        c.get(&format!("/orgs/{}/units", m.org)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        c.get(&format!("/orgs/{}/units/new", m.org)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        c.get(&format!("/orgs/{}/settings", m.org)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        c.post_form(&format!("/orgs/{}/units", m.org), &[("name", "X")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let api = c
        .json(
            "POST",
            &format!("/api/v1/orgs/{}/units", m.org),
            serde_json::json!({"name": "X"}),
        )
        .await;
    assert_eq!(api.status, StatusCode::FORBIDDEN);
    let nav = c.get(&format!("/orgs/{}", m.org)).await.body;
    assert!(!nav.contains("/settings"), "members are not offered admin pages");
}

#[tokio::test]
async fn pages_speak_swedish_and_english() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let path = format!("/orgs/{}/units", a.org);
    let sv = c.get(&path).await.body;
    assert!(sv.contains(r#"<html lang="sv">"#) && sv.contains("<h1>Enheter</h1>"));
    let switch = c.get(&format!("/lang/en?next={path}")).await;
    assert_eq!(switch.location(), path);
    let en = c.get(&path).await.body;
    assert!(en.contains(r#"<html lang="en">"#) && en.contains("<h1>Units</h1>"));
    assert_eq!(
        c.get("/lang/en?next=//evil.example").await.location(),
        "/",
        "no open redirect"
    );
    let mut browser = w.client();
    browser.lang = Some("en-GB,en;q=0.9");
    assert!(browser.get("/login").await.body.contains("Sign in"));
}

#[tokio::test]
async fn the_stylesheet_is_served_whole_from_its_two_files() {
    let w = World::new().await;
    let css = w.client().get("/static/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.body.starts_with("/* Mognad: one stylesheet"),
        "the frame's rules first"
    );
    assert!(css.body.contains("ul.notices"), "then the product areas'");
}

#[tokio::test]
async fn htmx_is_served_and_the_people_search_enhances_a_plain_form() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    let js = c.get("/static/htmx.min.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(
        js.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(js.body.contains("htmx"));
    c.login("anna@norrvik.se").await;
    let path = format!("/orgs/{}/people", a.org);
    let page = c.get(&path).await.body;
    assert!(page.contains(r#"<script src="/static/htmx.min.js" defer></script>"#));
    assert!(
        page.contains(r#""includeIndicatorStyles":false"#),
        "htmx must not add inline styles (CSP)"
    );
    assert!(
        page.contains(&format!(
            r#"<form method="get" action="{path}" class="search" role="search""#
        )),
        "works without JavaScript"
    );
    assert!(page.contains(&format!(r#"hx-get="{path}""#)) && page.contains(r#"<div id="results">"#));
}

#[tokio::test]
async fn forms_report_errors_next_to_fields_and_escape_input() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let res = c
        .post_form(
            &format!("/orgs/{}/people", a.org),
            &[("name", ""), ("email", "inte-en-adress")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains(r##"<a href="#f-name">"##) && res.body.contains(r##"<a href="#f-email">"##),
        "error summary links to fields"
    );
    assert!(
        res.body
            .contains(r#"aria-invalid="true" aria-describedby="f-email-error""#)
    );
    assert!(
        res.body.contains(r#"value="inte-en-adress""#),
        "what was typed is kept"
    );

    let payload = r#"<script>alert(1)</script>"#;
    assert_eq!(
        c.post_form(&format!("/orgs/{}/units", a.org), &[("name", payload)])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let list = c.get(&format!("/orgs/{}/units", a.org)).await;
    assert!(!list.body.contains(payload), "markup is never echoed live");
    assert!(list.body.contains("&#60;script&#62;") || list.body.contains("&lt;script&gt;"));
    for h in [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
    ] {
        assert!(list.headers.contains_key(h), "{h}");
    }
    assert!(
        !list.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("unsafe-inline")
    );
}

#[tokio::test]
async fn import_with_a_bad_row_changes_nothing() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let csv = "namn;e-post;enhet\nAnna Berg;anna@norrvik.se;IT\nBo Ek;inte-en-adress;IT\n";
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\napply\r\n--{boundary}--\r\n"
    );
    let req = |token: String| {
        axum::http::Request::post(format!("/orgs/{}/import?_csrf={token}", a.org))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(axum::body::Body::from(body.clone()))
            .unwrap()
    };
    assert_eq!(c.send(req("wrong".into())).await.status, StatusCode::FORBIDDEN);
    let res = c.send(req(c.csrf())).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Filen har fel"), "{}", res.body);
    assert!(
        res.body.contains("<td>3</td><td>email</td>"),
        "the bad row and column are named"
    );
    assert!(
        res.body.contains("Det är inte en giltig e-postadress"),
        "the reason is given in the page's language"
    );
    assert_eq!(w.app.org().people(&a, None, 10, 0).await.unwrap().1, 0);
    assert!(w.app.org().units(&a).await.unwrap().is_empty());
}

#[tokio::test]
async fn sign_in_is_rate_limited() {
    let w = World::new().await;
    w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    for _ in 0..5 {
        let res = c
            .post_form(
                "/login",
                &[("email", "anna@norrvik.se"), ("password", "gissning nummer x")],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let res = c
        .post_form("/login", &[("email", "anna@norrvik.se"), ("password", PASSWORD)])
        .await;
    assert_eq!(
        res.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
}

#[tokio::test]
async fn api_answers_problem_documents_and_round_trips() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let base = format!("/api/v1/orgs/{}", a.org);
    let bad = c
        .json(
            "POST",
            &format!("{base}/people"),
            serde_json::json!({"name": "", "email": "x"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: serde_json::Value = serde_json::from_str(&bad.body).unwrap();
    assert_eq!(problem["status"], 422);
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2);
    let broken = c
        .send(
            axum::http::Request::post(format!("{base}/units"))
                .header("content-type", "application/json")
                .header("x-csrf-token", c.csrf())
                .body(axum::body::Body::from("{not json"))
                .unwrap(),
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.headers["content-type"], "application/problem+json");
    assert_eq!(
        c.get(&format!("{base}/units/not-a-uuid")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(c.get("/api/v1/no-such-route").await.status, StatusCode::NOT_FOUND);
    let bad_query = c.get(&format!("{base}/people?limit=many")).await;
    assert_eq!(bad_query.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_query.headers["content-type"], "application/problem+json");
    let bad_page = c.get(&format!("/orgs/{}/people?page=first", a.org)).await;
    assert_eq!(bad_page.status, StatusCode::BAD_REQUEST);
    assert!(bad_page.body.contains("<h1>"), "a friendly page, not plain text");

    let made = c
        .json(
            "POST",
            &format!("{base}/people"),
            serde_json::json!({"name": "Åsa Öberg", "email": "Asa@Norrvik.se"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED);
    let person: serde_json::Value = serde_json::from_str(&made.body).unwrap();
    assert_eq!(person["email"], "asa@norrvik.se");
    let page: serde_json::Value =
        serde_json::from_str(&c.get(&format!("{base}/people?q=%C3%A5SA")).await.body).unwrap();
    assert_eq!(page["total"], 1);
    let id = person["id"].as_str().unwrap();
    assert_eq!(
        c.json("DELETE", &format!("{base}/people/{id}"), serde_json::json!(null))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        c.get(&format!("{base}/people/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn health_readiness_and_metrics_behind_their_token() {
    let w = World::new().await;
    let config = mognad_web::WebConfig {
        metrics_token: Some("skrapa-0123456789".into()),
        ..Default::default()
    };
    let router = mognad_web::router(mognad_web::AppState::new(w.app.clone(), config));
    let send = |req: axum::http::Request<axum::body::Body>| {
        let router = router.clone();
        async move {
            let res = tower::ServiceExt::oneshot(router, req).await.unwrap();
            let status = res.status();
            let cookies = res
                .headers()
                .get_all(axum::http::header::SET_COOKIE)
                .iter()
                .count();
            let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
            (status, cookies, String::from_utf8(body.to_vec()).unwrap())
        }
    };
    let get = |path: &str| {
        axum::http::Request::get(path)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    // Probes get their answer and no cookie.
    assert_eq!(send(get("/healthz")).await, (StatusCode::OK, 0, "ok\n".into()));
    assert_eq!(send(get("/readyz")).await, (StatusCode::OK, 0, "ready\n".into()));
    send(get("/nowhere")).await;
    // Metrics only with the token.
    let (status, _, _) = send(get("/metrics")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let wrong = axum::http::Request::get("/metrics")
        .header("authorization", "Bearer fel")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(send(wrong).await.0, StatusCode::UNAUTHORIZED);
    let right = axum::http::Request::get("/metrics")
        .header("authorization", "Bearer skrapa-0123456789")
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, cookies, m) = send(right).await;
    assert_eq!((status, cookies), (StatusCode::OK, 0));
    // /nowhere and the two refused scrapes.
    assert!(m.contains("mognad_http_requests_total{status=\"4xx\"} 3"), "{m}");
    assert!(
        m.contains("mognad_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 1"),
        "{m}"
    );
    assert!(
        m.contains("mognad_writer_batches_total{writer=\"cards\"}")
            && m.contains("mognad_db_connections{state=\"open\"}")
    );
    // Without a token configured, metrics are not served at all.
    assert_eq!(w.client().get("/metrics").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cookies_are_secure_when_served_over_tls() {
    let w = World::new().await;
    w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let config = mognad_web::WebConfig {
        secure_cookies: true,
        ..Default::default()
    };
    let mut c = Client::new(mognad_web::router(mognad_web::AppState::new(
        w.app.clone(),
        config,
    )));
    let login = c.get("/login").await;
    let ok = c.login("anna@norrvik.se").await;
    for res in [&login, &ok] {
        for cookie in res.headers.get_all("set-cookie") {
            let cookie = cookie.to_str().unwrap();
            assert!(
                cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite"),
                "{cookie}"
            );
        }
    }
    assert!(ok.headers.get_all("set-cookie").iter().count() >= 1);
}

#[tokio::test]
async fn members_are_not_offered_links_to_edit_forms() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let unit = mognad_app::org::directory::UnitInput {
        name: "IT-avdelningen".into(),
        ..Default::default()
    };
    let u = w.app.org().save_unit(&a, None, &unit).await.unwrap();
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
        .grant_role(member.id, a.org, Role::Member)
        .await
        .unwrap();
    let mut c = w.client();
    c.login("m@norrvik.se").await;
    let list = c.get(&format!("/orgs/{}/units", a.org)).await.body;
    assert!(list.contains("IT-avdelningen"));
    assert!(
        !list.contains(&format!("/units/{}\"", u.id)),
        "no link to the admin-only edit form"
    );
    assert!(
        list.contains(&format!("/units/{}/chart", u.id)),
        "the org chart is open to members"
    );
}

#[tokio::test]
async fn the_whole_organisation_has_one_chart_whose_arcs_say_what_they_are() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let it = w.unit(&a, "IT-avdelningen").await;
    let lead = w.person_in(&a, "Ali Ledare", None, it).await;
    let dev = w.person_in(&a, "Bo Utvecklare", None, it).await;
    let mentor = w.person(&a, "Cia Mentor", None).await;
    let team = w
        .app
        .org()
        .save_team(
            &a,
            None,
            &mognad_app::org::directory::NamedInput {
                name: "Team Drift".into(),
                unit_id: None,
            },
        )
        .await
        .unwrap()
        .id;
    for (kind, from, to, role) in [
        ("team", lead.to_string(), team.to_string(), Some("lead")),
        ("team", dev.to_string(), team.to_string(), None),
        ("mentorship", mentor.to_string(), dev.to_string(), None),
    ] {
        let input = mognad_app::org::relations::RelationshipInput {
            kind: kind.into(),
            from_id: from,
            to_id: to,
            role: role.map(str::to_owned),
            valid_from: "2020-01-01".into(),
            ..Default::default()
        };
        w.app.org().save_relationship(&a, None, &input).await.unwrap();
    }
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let whole = format!("/orgs/{}/chart", a.org);
    assert!(
        c.get(&format!("/orgs/{}/units", a.org))
            .await
            .body
            .contains(&whole)
    );
    let page = c.get(&whole).await;
    assert_eq!(page.status, 200);
    for want in [
        "Organisationsschema för Norrvik",
        "Ali Ledare · IT-avdelningen",
        ">Team Drift</text>",
        ">mentor</text>",
        "Ali Ledare (IT-avdelningen) → Bo Utvecklare (IT-avdelningen) (Team Drift)",
        "Cia Mentor → Bo Utvecklare (IT-avdelningen)",
    ] {
        assert!(page.body.contains(want), "{want}: {}", page.body);
    }
    let api = c.get(&format!("/api/v1/orgs/{}/chart", a.org)).await;
    let doc: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(doc["whole"], true);
    assert_eq!(doc["team_links"][0]["team"], "Team Drift");
    assert_eq!(doc["rows"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn an_oversized_body_gets_a_problem_document_or_a_page_not_plain_text() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let big = vec![b'x'; mognad_web::server::MAX_BODY + 1];
    let api = axum::http::Request::post(format!("/api/v1/orgs/{}/import?filename=a.csv", a.org))
        .header("content-type", "application/octet-stream")
        .header("x-csrf-token", c.csrf())
        .body(axum::body::Body::from(big.clone()))
        .unwrap();
    let res = c.send(api).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let doc: serde_json::Value = serde_json::from_str(&res.body).expect("a problem document");
    assert_eq!(
        (doc["status"].as_u64(), doc["code"].as_str()),
        (Some(413), Some("too-large"))
    );
    let page = axum::http::Request::post(format!("/orgs/{}/import", a.org))
        .header("content-type", "multipart/form-data; boundary=x")
        .header("x-csrf-token", c.csrf())
        .body(axum::body::Body::from(big))
        .unwrap();
    let res = c.send(page).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.body.contains("<html") && res.body.contains("för stort"),
        "{}",
        res.body
    );
}
