//! What the API's `GET` gives, its `PUT` takes: each resource is read, sent back unchanged and
//! read again, and must come back the same. Numbers stay numbers (the threshold, an assessment's
//! level, a card's hours), `null` is "none", lists are lists.

mod common;

use axum::http::StatusCode;
use common::{Client, World};
use mognad_domain::role::Role;
use serde_json::{Value, json};

async fn create(c: &mut Client, path: &str, body: Value) -> String {
    let res = c.json("POST", path, body).await;
    assert!(
        res.status.is_success(),
        "POST {path}: {} {}",
        res.status,
        res.body
    );
    let v: Value = serde_json::from_str(&res.body).unwrap();
    v["id"].as_str().expect("the new id").to_owned()
}

async fn read(c: &mut Client, path: &str) -> Value {
    let res = c.get(path).await;
    assert_eq!(res.status, StatusCode::OK, "GET {path}: {}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

/// GET, PUT the same body, GET again: both reads must agree.
async fn round_trip(c: &mut Client, path: &str) -> Value {
    let first = read(c, path).await;
    let res = c.json("PUT", path, first.clone()).await;
    assert!(
        res.status.is_success(),
        "PUT {path} refused what GET gave ({}): {}\nsent: {first}",
        res.status,
        res.body
    );
    let second = read(c, path).await;
    assert_eq!(first, second, "{path} changed by sending it back");
    first
}

#[tokio::test]
async fn every_resource_takes_back_what_it_gives() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Owner).await;
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let api = format!("/api/v1/orgs/{}", a.org);

    let org = round_trip(&mut c, &api).await;
    assert!(org["anonymity_threshold"].is_number(), "{org}");

    let stab = create(&mut c, &format!("{api}/units"), json!({"name": "Stab"})).await;
    let it = create(
        &mut c,
        &format!("{api}/units"),
        json!({"name": "IT", "parent_id": stab}),
    )
    .await;
    round_trip(&mut c, &format!("{api}/units/{it}")).await;
    round_trip(&mut c, &format!("{api}/units/{stab}")).await;
    let anna = create(
        &mut c,
        &format!("{api}/people"),
        json!({"name": "Anna Berg", "email": "anna@norrvik.se", "unit_id": it}),
    )
    .await;
    let bo = create(&mut c, &format!("{api}/people"), json!({"name": "Bo Ek"})).await;
    round_trip(&mut c, &format!("{api}/people/{anna}")).await;
    round_trip(&mut c, &format!("{api}/people/{bo}")).await;
    let group = create(
        &mut c,
        &format!("{api}/groups"),
        json!({"name": "Ledningsgruppen", "unit_id": stab}),
    )
    .await;
    round_trip(&mut c, &format!("{api}/groups/{group}")).await;
    let team = create(&mut c, &format!("{api}/teams"), json!({"name": "Drift"})).await;
    round_trip(&mut c, &format!("{api}/teams/{team}")).await;

    let board = create(&mut c, &format!("{api}/boards"), json!({"name": "IT-plan"})).await;
    let task = create(
        &mut c,
        &format!("{api}/boards/{board}/tasks"),
        json!({"title": "Byt brandvägg", "due": "2027-01-15", "labels": "nät,säkerhet",
               "estimate_hours": 4, "assignee_id": anna, "priority": "high"}),
    )
    .await;
    let t = round_trip(&mut c, &format!("{api}/tasks/{task}")).await;
    assert_eq!(
        (&t["estimate_hours"], &t["labels"], &t["due_on"]),
        (&json!(4), &json!(["nät", "säkerhet"]), &json!("2027-01-15")),
        "{t}"
    );
    // A card without the optional fields: nulls go back as "none".
    let bare = create(
        &mut c,
        &format!("{api}/boards/{board}/tasks"),
        json!({"title": "Rensa konton"}),
    )
    .await;
    round_trip(&mut c, &format!("{api}/tasks/{bare}")).await;

    let initiative = create(
        &mut c,
        &format!("{api}/initiatives"),
        json!({"title": "Datadriven styrning", "starts_on": "2027-01-01", "ends_on": "2027-06-30",
               "owner_id": anna, "group_ids": [group]}),
    )
    .await;
    round_trip(&mut c, &format!("{api}/initiatives/{initiative}")).await;

    // An assessment's level is a number both ways.
    let fw = w.app.competence().default_framework(&a).await.unwrap();
    let res = c
        .post_form(
            &format!("/orgs/{}/people/{anna}/competence/role", a.org),
            &[("framework_id", &fw.to_string()), ("role", "it-strateg")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = c
        .json(
            "POST",
            &format!("{api}/people/{anna}/assessments"),
            json!({"competence": "omvarldsbevakning", "level": 3, "source": "self"}),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    let record = read(&mut c, &format!("{api}/people/{anna}/competence")).await;
    let text = record.to_string();
    assert!(text.contains(r#""level":3"#), "{text}");
}
