//! An initiative through HTTP: made from the plan page, aimed at engines and leadership groups
//! with its form's boxes, refused with the sent values kept, read and replaced over the API
//! with its dashboard; the effect and dashboard pages render for it.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;
use serde_json::json;

#[tokio::test]
async fn an_initiative_is_aimed_at_engines_and_groups_through_its_form() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let app = &w.app;
    let g1 = w.group_with_members(&admin, "Socialtjänstens ledning", 6).await;
    let g2 = w.group_with_members(&admin, "Skolans ledning", 6).await;
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;

    let res = c
        .post_form(&format!("{org}/initiatives"), &[("title", "Datadriven styrning")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page_path = res.location().to_owned();
    let id: uuid::Uuid = page_path.rsplit('/').next().unwrap().parse().unwrap();
    let page = c.get(&page_path).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Data &#38; Analys",
        "Socialtjänstens ledning",
        "Skolans ledning",
        "Hela organisationen",
        r#"name="group_ids""#,
        r#"name="engines" value="data-analys""#,
    ] {
        assert!(page.body.contains(text), "the page offers {text}");
    }

    // Ticking an engine and one group: each box is sent once.
    let (g1s, g2s) = (g1.to_string(), g2.to_string());
    let res = c
        .post_form(
            &page_path,
            &[
                ("title", "Datadriven styrning"),
                ("status", "active"),
                ("engines", "data-analys"),
                ("engines", "processer"),
                ("group_ids", &g1s),
                ("competences", "omvarldsbevakning"),
                ("other_competences", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let (list, _) = app.plan().initiatives(&admin).await.unwrap();
    let i = list.iter().find(|i| i.id == id).unwrap();
    assert_eq!(
        (i.engines.as_str(), i.groups.clone(), i.competences.as_str()),
        ("data-analys processer", vec![g1], "omvarldsbevakning")
    );
    let page = c.get(&page_path).await.body;
    assert!(
        page.contains(&format!(r#"value="{g1s}" checked"#))
            && !page.contains(&format!(r#"value="{g2s}" checked"#))
    );
    assert!(page.contains("Mognaden i motorerna initiativet riktas mot"));
    assert!(
        page.contains(r#"value="omvarldsbevakning" checked"#) && page.contains("<dd>Omvärldsbevakning</dd>")
    );

    // A refused edit comes back with the error in Swedish and what was typed.
    let res = c
        .post_form(
            &page_path,
            &[
                ("title", "Ny titel som inte sparas"),
                ("engines", "finns-inte"),
                ("group_ids", &g2s),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Valet finns inte i organisationen."),
        "{}",
        res.body
    );
    assert!(res.body.contains(r#"value="Ny titel som inte sparas""#));
    assert!(res.body.contains(&format!(r#"value="{g2s}" checked"#)));
    let (list, _) = app.plan().initiatives(&admin).await.unwrap();
    assert_eq!(
        list.iter().find(|i| i.id == id).unwrap().title,
        "Datadriven styrning"
    );

    // The API reads it with its groups, replaces it, and gives its dashboard.
    let api = format!("/api/v1{org}/initiatives/{id}");
    let doc: serde_json::Value = serde_json::from_str(&c.get(&api).await.body).unwrap();
    assert_eq!(doc["group_ids"], json!([g1s]));
    assert_eq!(doc["engines"], json!(["data-analys", "processer"]));
    let res = c
        .json(
            "PUT",
            &api,
            json!({"title": "Datadriven styrning", "engines": "data-analys", "group_ids": [g1s, g2s]}),
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    let doc: serde_json::Value = serde_json::from_str(&c.get(&api).await.body).unwrap();
    assert_eq!(doc["group_ids"].as_array().unwrap().len(), 2);
    let res = c
        .json("PUT", &api, json!({"title": "X", "group_ids": ["nej"]}))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let dash = c.get(&format!("{api}/dashboard")).await;
    assert_eq!(dash.status, StatusCode::OK);
    let dash: serde_json::Value = serde_json::from_str(&dash.body).unwrap();
    assert_eq!(dash["progress"]["total"], 0);
    assert_eq!(dash["trend"][0]["engine"], "data-analys");
    assert_eq!(dash["groups"].as_array().unwrap().len(), 2);

    // A card tied to it, assigned and estimated, shows in its workload chart and table.
    let b = app
        .plan()
        .create_board(
            &admin,
            &mognad_app::plan::boards::BoardInput {
                name: "Arbete".into(),
                initiative_id: id.to_string(),
            },
        )
        .await
        .unwrap();
    let ada = app
        .org()
        .save_person(
            &admin,
            None,
            &mognad_app::org::directory::PersonInput {
                name: "Ada Lovelace".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let card = mognad_app::plan::cards::TaskInput {
        title: "Mät datakvaliteten".into(),
        initiative_id: id.to_string(),
        assignee_id: ada.id.to_string(),
        estimate_hours: "12".into(),
        ..Default::default()
    };
    app.plan()
        .create_task(&admin, BoardId(b.id), &card, None)
        .await
        .unwrap();
    let page = c.get(&page_path).await.body;
    assert!(
        page.contains(r#"<title id="initiative-workload-title">"#),
        "a workload chart"
    );
    assert!(page.contains(">Ada Lovelace</text>") && page.contains(">12</text>"));
    assert!(page.contains("0 av 1 kort klara"));
    // The initiative lists its cards, each linking to the card.
    assert!(page.contains("Initiativets kort"));
    assert!(page.contains(">Mät datakvaliteten</a>") && page.contains("<td>Öppet</td>"));
    assert!(page.contains(&format!("{org}/tasks/")));

    // The dashboard and effect pages render; without two rounds the effect says so.
    let page = c.get(&format!("{org}/dashboard")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Öppna timmar per person"));
    let page = c.get(&format!("{org}/effect")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Effekten syns när två mätomgångar"));
}
