//! The competence pages through HTTP as a browser uses them: a person assesses themselves and
//! plans, their manager reads the record, a colleague asked gets only the peer form, bad input comes
//! back as the page with its errors, frameworks are imported from Moodle CSV and downloaded,
//! and the radar is kept.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use mognad_app::org::directory::{PersonInput, UnitInput};
use mognad_app::org::relations::RelationshipInput;
use mognad_domain::org::Language;
use mognad_domain::role::Role;

const MOODLE: &str = include_str!("../../domain/tests/data/moodle-sample.csv");

fn multipart(path: &str, csrf: &str, kind: &str, files: &[(&str, &str)]) -> Request<Body> {
    let boundary = "mognad-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n");
    for (name, content) in files {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    Request::post(format!("{path}?_csrf={csrf}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn people_assess_plan_and_read_as_the_relationships_allow() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let app = &w.app;
    let unit = app
        .org()
        .save_unit(
            &admin,
            None,
            &UnitInput {
                name: "IT".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (name, email) in [
        ("Anna Strateg", "anna@norrvik.se"),
        ("Bo Chef", "bo@norrvik.se"),
        ("Dan Kollega", "dan@norrvik.se"),
    ] {
        let p = app
            .org()
            .save_person(
                &admin,
                None,
                &PersonInput {
                    name: name.into(),
                    email: Some(email.into()),
                    unit_id: Some(unit.id.to_string()),
                    title: None,
                },
            )
            .await
            .unwrap();
        let u = app
            .platform()
            .create_user(email, name, PASSWORD, Language::Sv)
            .await
            .unwrap();
        app.platform()
            .grant_role(u.id, admin.org, Role::Member)
            .await
            .unwrap();
        ids.push(p.id);
    }
    let rel = RelationshipInput {
        kind: "supervision".into(),
        from_id: ids[1].to_string(),
        to_id: ids[0].to_string(),
        role: None,
        valid_from: "2024-01-01".into(),
        valid_to: None,
    };
    app.org().save_relationship(&admin, None, &rel).await.unwrap();
    let org = format!("/orgs/{}", admin.org);
    let anna = format!("{org}/people/{}/competence", ids[0]);
    let fw = app.competence().default_framework(&admin).await.unwrap();

    // Anna sets her target role, assesses herself, places herself and plans a course.
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let page = c.get(&anna).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("name=\"allow\""),
        "the person decides on mentor consent"
    );
    let res = c
        .post_form(
            &format!("{anna}/role"),
            &[("framework_id", &fw.to_string()), ("role", "it-strateg")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = c
        .post_form(
            &format!("{anna}/assessments"),
            &[
                ("competence", "omvarldsbevakning"),
                ("level", "2"),
                ("source", "self"),
                ("note", "Läser få rapporter"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = c
        .post_form(
            &format!("{anna}/placement"),
            &[("grid", "amne-djup"), ("now", "0,1"), ("target", "1,1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = c
        .post_form(
            &format!("{anna}/actions"),
            &[
                ("title", "Omvärldskurs"),
                ("kind", "course"),
                ("competences", "omvarldsbevakning"),
                ("due", "2027-05-01"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // A level off the scale comes back as the page with the error, in Swedish.
    let res = c
        .post_form(
            &format!("{anna}/assessments"),
            &[("competence", "omvarldsbevakning"), ("level", "9")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Välj en nivå på ramverkets skala"),
        "{}",
        res.body
    );

    // Her manager sees the record: the gap (5 required − 2), the plan and the grid.
    let mut boss = w.client();
    boss.login("bo@norrvik.se").await;
    let page = boss.get(&anna).await;
    assert_eq!(page.status, StatusCode::OK);
    for needle in [
        "Omvärldsbevakning",
        "+3.0",
        "Omvärldskurs",
        "Strategisk expert",
        "Läser få rapporter",
        "role=\"img\"",
    ] {
        assert!(page.body.contains(needle), "the manager's view lacks {needle}");
    }
    assert!(
        !page.body.contains("name=\"allow\""),
        "only the person gives consent"
    );
    let action_id = app
        .competence()
        .development(&admin, ids[0])
        .await
        .unwrap()
        .actions[0]
        .id;
    let res = boss
        .post_form(
            &format!("{anna}/actions/{action_id}/status"),
            &[("status", "started")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);

    // A colleague not asked gets nothing; asked in a review, the peer form and nothing of
    // the record.
    let mut dan = w.client();
    dan.login("dan@norrvik.se").await;
    assert_eq!(dan.get(&anna).await.status, StatusCode::FORBIDDEN);
    let review = app
        .competence()
        .start_review(
            &admin,
            &mognad_app::competence::reviews::CycleInput {
                name: "Samtal".into(),
                scope: format!("unit:{}", unit.id),
                deadline: "2099-01-31".into(),
            },
        )
        .await
        .unwrap();
    let res = c
        .post_form(
            &format!("{org}/reviews/{review}/people/{}/peers", ids[0]),
            &[("peer", &ids[2].to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = dan.get(&anna).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"competence\"") && !page.body.contains("Läser få rapporter"));
    assert!(!page.body.contains("Omvärldskurs"));
    let res = dan
        .post_form(
            &format!("{anna}/placement"),
            &[("grid", "amne-djup"), ("now", "1,1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let api = dan
        .get(&format!("/api/v1{org}/people/{}/competence", ids[0]))
        .await;
    assert_eq!(api.status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(doc["may_view"], false);
    assert_eq!(doc["history"].as_array().unwrap().len(), 0);

    // The unit's map: the manager sees Anna and himself, the risk is named.
    let map = boss.get(&format!("{org}/units/{}/competence", unit.id)).await;
    assert_eq!(map.status, StatusCode::OK);
    assert!(map.body.contains("Anna Strateg") && !map.body.contains("Dan Kollega"));
    assert!(
        map.body.contains("Ingen har"),
        "an uncovered competence is a risk"
    );
}

#[tokio::test]
async fn frameworks_are_imported_downloaded_and_radar_kept() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let frameworks = format!("{org}/frameworks");
    let csrf = c.csrf();
    let res = c
        .send(multipart(&frameworks, &csrf, "moodle", &[("digled.csv", MOODLE)]))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = c.get(res.location()).await;
    assert!(page.body.contains("Omvärldsanalys") && page.body.contains("moodle.csv"));
    let csv = c.get(&format!("{}/moodle.csv", res.location())).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("digled-v1")
    );
    assert!(csv.body.starts_with("Parent ID number,ID number"));
    let toml = c.get(&format!("{}/framework.toml", res.location())).await;
    assert!(toml.body.contains("format = \"mognad-framework-1\""));

    let broken = MOODLE.replace("\"STRAT\",\"STRAT.2\"", "\"NOPE\",\"STRAT.2\"");
    let res = c
        .send(multipart(&frameworks, &csrf, "moodle", &[("bad.csv", &broken)]))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Rad 6") && res.body.contains("NOPE"),
        "{}",
        res.body
    );
    let esco = include_str!("../../domain/tests/data/esco-skills-sv.csv");
    let res = c
        .send(multipart(&frameworks, &csrf, "esco", &[("skills_sv.csv", esco)]))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(c.get(res.location()).await.body.contains("CC BY 4.0"));

    let shipped = w.app.competence().default_framework(&admin).await.unwrap();
    let role = format!("{frameworks}/{shipped}/roles/it-strateg/placement");
    let res = c.post_form(&role, &[("now", "1,1")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{role}: {}", res.body);
    assert_eq!(
        c.post_form(&role, &[("now", "7,7")]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let page = c.get(&format!("{frameworks}/{shipped}")).await.body;
    assert!(
        page.contains("Ämneskompetens och djup:</strong> Strategisk expert"),
        "the role's cell"
    );

    let radar = format!("{org}/radar");
    let res = c
        .post_form(
            &radar,
            &[
                ("name", "Öppna data"),
                ("quadrant", "techniques"),
                ("ring", "trial"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = c
        .post_form(
            &radar,
            &[
                ("name", "Öppna data"),
                ("quadrant", "techniques"),
                ("ring", "adopt"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "the same name moves the blip");
    let res = c
        .post_form(
            &format!("{org}/signals"),
            &[
                ("source", "Grannkommunen"),
                ("signal", "Öppnar API"),
                ("link", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only web links are kept"
    );
    let page = c.get(&radar).await.body;
    assert_eq!(page.matches("<th scope=\"row\">Öppna data</th>").count(), 1);
    assert!(page.contains(">Använd<"));
}
