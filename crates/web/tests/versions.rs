//! Framework versions and the gap report through HTTP: a person's page names what a newer
//! version changes, the framework page compares versions and moves everyone on one, the move
//! keeps the records, and the gap report is a page, a CSV and an XLSX file.

mod common;

use common::*;
use mognad_app::competence::assess::AssessInput;
use mognad_domain::competence::builtin_source;
use mognad_domain::ids::{FrameworkId, PersonId};
use mognad_domain::role::Role;

/// An organisation whose strategist Anna (a member) has assessed her empathy at `level`.
async fn strategist(level: u8, note: &str) -> (World, mognad_app::Actor, PersonId, FrameworkId) {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let anna_id = w.person(&admin, "Anna Strateg", Some("anna@norrvik.se")).await;
    let anna = w.member_of(admin.org, "anna@norrvik.se", Role::Member).await;
    let app = w.app.competence();
    let fw = app.default_framework(&admin).await.unwrap();
    app.set_target_role(&admin, anna_id, fw, Some("it-strateg"))
        .await
        .unwrap();
    let input = AssessInput {
        competence: "empati".into(),
        level: level.to_string(),
        source: "self".into(),
        note: note.into(),
    };
    app.assess(&anna, anna_id, &input).await.unwrap();
    (w, admin, anna_id, fw)
}

#[tokio::test]
async fn a_new_version_is_offered_compared_and_moved_to_with_the_records() {
    let (w, admin, anna_id, shipped) = strategist(2, "Före nya versionen").await;
    let org = admin.org;
    let app = w.app.competence();
    let next = builtin_source()
        .replace("version = 2", "version = 3")
        .replace("sv = \"Empati\"", "sv = \"Empati och omtanke\"");
    let v3 = app.upload_framework(&admin, &next).await.unwrap();

    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let person = format!("/orgs/{org}/people/{anna_id}/competence");
    let page = c.get(&person).await.body;
    assert!(page.contains("Version 3 av ramverket finns."), "{page}");
    assert!(page.contains("Ändrade förmågor: Empati och omtanke"), "{page}");
    assert!(page.contains(&format!("name=\"framework_id\" value=\"{}\"", v3.id)));

    let here = format!("/orgs/{org}/frameworks/{}", v3.id);
    let page = c.get(&here).await.body;
    assert!(page.contains("Versioner") && page.contains("Version 2"), "{page}");
    let res = c
        .post_form(&format!("{here}/move"), &[("from", &shipped.to_string())])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let shown = c.get(res.location()).await.body;
    assert!(
        shown.contains("Flyttade hit: 1. Av dem saknar 0 nu roll"),
        "{shown}"
    );

    let page = c.get(&person).await.body;
    assert!(!page.contains("av ramverket finns."), "moved: nothing newer");
    assert!(
        page.contains("Före nya versionen"),
        "the history of version 2 stays"
    );
    assert!(page.contains("Empati och omtanke"));

    // A member may not move anyone.
    let mut m = w.client();
    m.login("anna@norrvik.se").await;
    let res = m
        .post_form(&format!("{here}/move"), &[("from", &shipped.to_string())])
        .await;
    assert_eq!(res.status, 403);
}

#[tokio::test]
async fn the_gap_report_is_a_page_a_csv_and_a_spreadsheet() {
    let (w, admin, _, fw) = strategist(1, "").await;
    let org = admin.org;

    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let base = format!("/orgs/{org}/competence/gaps");
    let page = c.get(&base).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("Personer med en roll i ramverket som räknas: 1."),
        "{}",
        page.body
    );
    let csv = c.get(&format!("{base}.csv?framework={fw}")).await;
    assert_eq!(csv.status, 200);
    let text = csv.body.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Förmåga,Krävs av,Bedömda,Under kravet,Ej bedömda,Medelgap")
    );
    // The strategist needs 3 of empathy and stands at 1.
    assert!(text.lines().any(|l| l == "Empati,1,1,1,0,-2.0"), "{text}");
    assert!(text.lines().any(|l| l == "Nyfikenhet,1,0,0,1,"), "{text}");
    let xlsx = c.get(&format!("{base}.xlsx")).await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
    let api = format!("/api/v1/orgs/{org}/competence/gaps");
    assert_eq!(
        c.get(&api).await.status,
        200,
        "without a framework: the shipped one"
    );
    let empty = c.get(&format!("{api}?framework=")).await;
    assert_eq!(empty.status, 422, "an empty id is no id: {}", empty.body);
    assert!(empty.body.contains("\"framework\""), "{}", empty.body);

    let mut m = w.client();
    m.login("anna@norrvik.se").await;
    assert_eq!(m.get(&base).await.status, 403);
}

#[tokio::test]
async fn a_framework_is_edited_in_the_browser_into_a_new_version() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let org = admin.org;
    let v2 = w.app.competence().default_framework(&admin).await.unwrap();
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let edit = format!("/orgs/{org}/frameworks/{v2}/edit");
    let page = c.get(&edit).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("id=\"comp.empati.name_sv\"") && page.body.contains("id=\"req.it-chef.empati\"")
    );
    // The whole form as the browser sends it, then with one name changed or left empty.
    let shipped = mognad_domain::competence::builtin();
    let mut form: Vec<(String, String)> = shipped
        .areas
        .iter()
        .flat_map(|a| &a.competences)
        .flat_map(|k| {
            let p = format!("comp.{}", k.id);
            [
                (format!("{p}.name_sv"), k.name.sv.clone()),
                (format!("{p}.name_en"), k.name.en.clone()),
                (format!("{p}.description_sv"), k.description.sv.clone()),
                (format!("{p}.description_en"), k.description.en.clone()),
                (
                    format!("{p}.interfaces"),
                    mognad_domain::competence::edit::interfaces_to_lines(&k.interfaces),
                ),
            ]
        })
        .collect();
    for r in &shipped.roles {
        for (k, level) in &r.requires {
            form.push((format!("req.{}.{k}", r.id), level.to_string()));
        }
    }
    let csrf = c.csrf();
    let with = |name: &str| -> Vec<(String, String)> {
        form.iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    if k == "comp.kreativitet.name_sv" {
                        name.to_owned()
                    } else {
                        v.clone()
                    },
                )
            })
            .chain([("_csrf".to_owned(), csrf.clone())])
            .collect()
    };
    let refused = c.post_raw_form(&edit, &with("")).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("href=\"#comp.kreativitet.name_sv\">Kreativitet: Fältet får inte vara tomt."),
        "{}",
        refused.body
    );
    let res = c.post_raw_form(&edit, &with("Skaparkraft")).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let shown = c.get(res.location()).await.body;
    assert!(
        shown.contains("Sparat som en ny version.") && shown.contains("Skaparkraft"),
        "{shown}"
    );
    assert!(
        shown.contains("<li>Ändrade förmågor: Skaparkraft</li>"),
        "only the one change: {shown}"
    );
    assert!(
        !shown.contains("Roller med ändrade krav"),
        "the requirements came back as they were"
    );

    w.member_of(org, "m@norrvik.se", Role::Member).await;
    let mut m = w.client();
    m.login("m@norrvik.se").await;
    assert_eq!(m.get(&edit).await.status, 403);
}
