//! The measurement pages: models (list, upload with line-precise errors) and rounds (create,
//! open, close), through the browser-like client.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_domain::role::Role;

fn multipart(file: &str) -> (String, String) {
    let boundary = "mOgNaD";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"modell.toml\"\r\nContent-Type: text/plain\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn an_admin_uploads_a_model_and_runs_a_round() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let base = format!("/orgs/{}", a.org);

    let models = c.get(&format!("{base}/models")).await;
    assert_eq!(models.status, StatusCode::OK);
    assert!(models.body.contains("Digital mognad – nio motorer"));

    let broken =
        mognad_domain::model::builtin_sources()[0].replace("id = \"nio-motorer\"", "id = \"Fel Id\"");
    let (ct, body) = multipart(&broken);
    let req = |token: String, body: String| {
        axum::http::Request::post(format!("{base}/models?_csrf={token}"))
            .header("content-type", ct.clone())
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let res = c.send(req(c.csrf(), body)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body
            .contains("Rad 4, kolumn 6: id:t &#39;Fel Id&#39; för modell ska vara")
            || res
                .body
                .contains("Rad 4, kolumn 6: id:t 'Fel Id' för modell ska vara"),
        "the error names its line, in the page's language: {}",
        res.body
    );
    c.lang = Some("en");
    let res = c.send(req(c.csrf(), multipart(&broken).1)).await;
    assert!(res.body.contains("Line 4, column 6: model id"), "{}", res.body);
    c.lang = None;
    let fine = broken.replace("id = \"Fel Id\"", "id = \"egen-modell\"");
    let res = c.send(req(c.csrf(), multipart(&fine).1)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        c.get(&format!("{base}/models"))
            .await
            .body
            .contains("egen-modell")
    );

    let model_id = w
        .app
        .measurement()
        .models(&a)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.key == "nio-motorer")
        .unwrap()
        .id;
    let bad = c
        .post_form(
            &format!("{base}/rounds"),
            &[("name", ""), ("model_id", &model_id.to_string())],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let made = c
        .post_form(
            &format!("{base}/rounds"),
            &[
                ("name", "0-mätning 2026"),
                ("model_id", &model_id.to_string()),
                ("opens_on", ""),
                ("closes_on", ""),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let round_path = made.location().to_owned();
    let page = c.get(&round_path).await.body;
    assert!(
        page.contains("utkast")
            && page.contains("Värderingar")
            && page.contains(r#"name="state" value="open""#)
    );
    assert_eq!(
        c.post_form(&format!("{round_path}/state"), &[("state", "open")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        c.get(&round_path)
            .await
            .body
            .contains(r#"name="state" value="closed""#)
    );
    assert_eq!(
        c.post_form(&format!("{round_path}/state"), &[("state", "closed")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let closed = c.get(&round_path).await.body;
    assert!(
        closed.contains("stängd") && !closed.contains(r#"name="state""#),
        "a closed round offers no way back"
    );
    assert_eq!(
        c.post_form(&format!("{round_path}/state"), &[("state", "open")])
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(
        c.get(&format!("{base}/rounds"))
            .await
            .body
            .contains("0-mätning 2026")
    );
}

#[tokio::test]
async fn members_see_rounds_but_cannot_run_them() {
    let w = World::new().await;
    let m = w.member("m@norrvik.se", "Norrvik", Role::Member).await;
    let mut c = w.client();
    c.login("m@norrvik.se").await;
    let base = format!("/orgs/{}", m.org);
    assert_eq!(c.get(&format!("{base}/rounds")).await.status, StatusCode::OK);
    assert_eq!(
        c.get(&format!("{base}/rounds/new")).await.status,
        StatusCode::FORBIDDEN
    );
    let models = c.get(&format!("{base}/models")).await.body;
    assert!(!models.contains(r#"type="file""#), "no upload form for members");

    // A member reads a model in full, with its advice per phase, and downloads its file.
    let nine = w.app.measurement().models(&m).await.unwrap();
    let nine = nine.iter().find(|x| x.key == "nio-motorer").unwrap();
    let page = c.get(&format!("{base}/models/{}", nine.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    let shipped = &mognad_domain::model::builtin()[0];
    let advice = &shipped.engines[0].advice.as_ref().unwrap()[2].sv;
    assert!(page.body.contains("Nästa steg") && page.body.contains(advice.as_str()));
    let file = c.get(&format!("{base}/models/{}/file", nine.id)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(
        file.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("nio-motorer-v1.toml")
    );
    assert_eq!(file.body, mognad_domain::model::builtin_sources()[0]);
    assert_eq!(
        c.get(&format!("{base}/models/{}", uuid::Uuid::now_v7()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let api = c
        .json(
            "POST",
            &format!("/api/v1{base}/rounds"),
            serde_json::json!({"name": "x", "model_id": "y"}),
        )
        .await;
    assert_eq!(api.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn unknown_links_and_wrong_access_codes_get_clear_pages() {
    let w = World::new().await;
    let mut c = w.client();
    let res = c.get("/r/not-a-real-token").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("Länken fungerar inte"));
    assert_eq!(c.get("/g/nope").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_results_api_withholds_what_the_pages_withhold() {
    use mognad_app::measurement::rounds::RoundInput;
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let g_id = w.group_with_members(&a, "Liten", 3).await;
    let model = w.app.measurement().models(&a).await.unwrap()[0].id;
    let input = RoundInput {
        name: "T0".into(),
        model_id: model.to_string(),
        ..Default::default()
    };
    let round = w.app.measurement().create_round(&a, &input).await.unwrap();
    w.app
        .measurement()
        .set_round_state(&a, round.id, "open")
        .await
        .unwrap();
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let base = format!("/api/v1/orgs/{}/rounds/{}", a.org, round.id);
    let made = c
        .json("POST", &format!("{base}/invitations"), serde_json::json!(null))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let links: serde_json::Value = serde_json::from_str(&made.body).unwrap();
    assert_eq!(links.as_array().unwrap().len(), 3);
    let m = w.app.measurement().model(&a, model).await.unwrap();
    let fields = mognad_domain::answer::complete_form(&m, |_| 2, 3);
    for l in links.as_array().unwrap() {
        w.app
            .measurement()
            .submit_answers(l["token"].as_str().unwrap(), &fields)
            .await
            .unwrap();
    }
    let res = c.get(&format!("{base}/results")).await;
    let doc: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let group = &doc["groups"][0];
    assert_eq!(
        (group["n"].as_i64(), group["visible"].as_bool()),
        (Some(3), Some(false))
    );
    assert_eq!(
        group["scores"],
        serde_json::json!([]),
        "a hidden group carries no scores"
    );
    let detail = c.get(&format!("{base}/results/{}", g_id)).await;
    let d: serde_json::Value = serde_json::from_str(&detail.body).unwrap();
    assert_eq!(d["engines"], serde_json::json!([]));
    let status = c.get(&format!("{base}/status")).await;
    assert!(status.body.contains("\"answered\":3"), "{}", status.body);
    let bad = c
        .json(
            "PUT",
            &format!("{base}/results/{}/targets", a.org),
            serde_json::json!([{"engine": "nope", "target": 50}]),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_round_can_be_limited_to_chosen_groups() {
    use mognad_app::org::directory::NamedInput;
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let mut ids = Vec::new();
    for name in ["Ett", "Två", "Tre"] {
        let g = w
            .app
            .org()
            .save_group(
                &a,
                None,
                &NamedInput {
                    name: name.into(),
                    unit_id: None,
                },
            )
            .await
            .unwrap();
        ids.push(g.id.to_string());
    }
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let base = format!("/orgs/{}", a.org);
    let form = c.get(&format!("{base}/rounds/new")).await.body;
    assert!(
        form.contains("type=\"checkbox\"") && form.contains("<legend>"),
        "groups are offered as checkboxes"
    );
    let model = w.app.measurement().models(&a).await.unwrap()[0].id.to_string();
    let made = c
        .post_form(
            &format!("{base}/rounds"),
            &[
                ("name", "Två grupper"),
                ("model_id", &model),
                ("group_ids", &ids[0]),
                ("group_ids", &ids[2]),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let rounds = w.app.measurement().rounds(&a).await.unwrap();
    let mut chosen: Vec<String> = rounds[0].group_ids.iter().map(|g| g.to_string()).collect();
    chosen.sort();
    let mut want = vec![ids[0].clone(), ids[2].clone()];
    want.sort();
    assert_eq!(chosen, want);
}
