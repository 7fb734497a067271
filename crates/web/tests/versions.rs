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
    let form = browser_form(mognad_domain::competence::builtin());
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
        refused.body.contains(
            "href=\"#comp.kreativitet.name_sv\">Kreativitet – namn på svenska: Fältet får inte vara tomt."
        ),
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

/// Every field of the framework editor with the values the page shows, as a browser posts it.
fn browser_form(f: &mognad_domain::competence::Framework) -> Vec<(String, String)> {
    use mognad_domain::competence::edit::interfaces_to_lines;
    use mognad_domain::model::Text;
    let texts = |p: &str, name: &Text, description: &Text| {
        [
            (format!("{p}.name_sv"), name.sv.clone()),
            (format!("{p}.name_en"), name.en.clone()),
            (format!("{p}.description_sv"), description.sv.clone()),
            (format!("{p}.description_en"), description.en.clone()),
        ]
    };
    let mut form: Vec<(String, String)> = texts("fw", &f.name, &f.description).into();
    for (i, l) in f.levels.iter().enumerate() {
        form.extend(texts(&format!("level.{}", i + 1), &l.name, &l.description));
    }
    for a in &f.areas {
        form.extend(texts(&format!("area.{}", a.id), &a.name, &a.description));
        for k in &a.competences {
            let p = format!("comp.{}", k.id);
            form.extend(texts(&p, &k.name, &k.description));
            form.push((format!("{p}.interfaces"), interfaces_to_lines(&k.interfaces)));
        }
    }
    for r in &f.roles {
        form.extend(texts(&format!("role.{}", r.id), &r.name, &r.description));
        form.push((
            format!("role.{}.works_with", r.id),
            interfaces_to_lines(&r.works_with),
        ));
        for (k, level) in &r.requires {
            form.push((format!("req.{}.{k}", r.id), level.to_string()));
        }
    }
    // What is added stays empty unless filled in.
    for empty in ["newarea.id", "new.id", "new.area", "newrole.id"] {
        form.push((empty.to_owned(), String::new()));
    }
    form
}

/// An administrator signed in, and the editor's address for the shipped framework's version 2.
async fn editor() -> (World, mognad_app::Actor, Client, String) {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let v2 = w.app.competence().default_framework(&admin).await.unwrap();
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let edit = format!("/orgs/{}/frameworks/{v2}/edit", admin.org);
    (w, admin, c, edit)
}

/// The id of version `n` of the shipped framework.
async fn stored_version_id(w: &World, admin: &mognad_app::Actor, n: i64) -> FrameworkId {
    let list = w.app.competence().frameworks(admin).await.unwrap();
    list.into_iter().find(|i| i.version == n).unwrap().id
}

/// Version `n` of the shipped framework as stored.
async fn stored_version(
    w: &World,
    admin: &mognad_app::Actor,
    n: i64,
) -> mognad_domain::competence::Framework {
    let id = stored_version_id(w, admin, n).await;
    w.app.competence().framework(admin, id).await.unwrap()
}

#[tokio::test]
async fn levels_areas_and_roles_are_edited_and_a_role_added_in_the_browser() {
    let (w, admin, mut c, edit) = editor().await;
    let page = c.get(&edit).await.body;
    for field in [
        "fw.name_sv",
        "level.3.description_sv",
        "area.ledarens-forhallningssatt.remove",
        "role.it-strateg.works_with",
        "newrole.id",
        "newreq.empati",
    ] {
        assert!(page.contains(&format!("id=\"{field}\"")), "{field}");
    }
    let shipped = mognad_domain::competence::builtin();
    let set = |form: &mut Vec<(String, String)>, field: &str, value: &str| {
        form.retain(|(k, _)| k != field);
        form.push((field.to_owned(), value.to_owned()));
    };
    let mut form = browser_form(shipped);
    set(
        &mut form,
        "level.3.description_sv",
        "Gör det på egen hand, också i nya lägen.",
    );
    set(
        &mut form,
        "area.ledarens-forhallningssatt.name_sv",
        "Ledarens hållning",
    );
    set(
        &mut form,
        "role.it-strateg.works_with",
        "Arkitekter | Architects\nDataskyddsombud | Data protection officer",
    );
    set(&mut form, "newrole.id", "dataskyddsombud");
    set(&mut form, "newrole.name_sv", "Dataskyddsombud");
    set(&mut form, "newrole.name_en", "Data protection officer");
    set(
        &mut form,
        "newrole.description_sv",
        "Granskar behandlingen av personuppgifter.",
    );
    set(
        &mut form,
        "newrole.description_en",
        "Reviews the processing of personal data.",
    );
    set(&mut form, "newreq.kommunikation", "4");
    form.push(("_csrf".to_owned(), c.csrf()));
    let mut blank = form.clone();
    set(&mut blank, "level.2.name_en", "");
    let refused = c.post_raw_form(&edit, &blank).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("href=\"#level.2.name_en\">Nivå 2 – namn på engelska: Fältet får inte vara tomt."),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"dataskyddsombud\""),
        "what was typed is kept after a refusal"
    );
    let res = c.post_raw_form(&edit, &form).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let f = stored_version(&w, &admin, 3).await;
    assert_eq!(f.levels.len(), shipped.levels.len());
    assert_eq!(
        f.levels[2].description.sv,
        "Gör det på egen hand, också i nya lägen."
    );
    assert_eq!(f.areas[1].name.sv, "Ledarens hållning");
    let strategist = f.roles.iter().find(|r| r.id == "it-strateg").unwrap();
    assert_eq!(strategist.works_with[1].en, "Data protection officer");
    let dpo = f.roles.iter().find(|r| r.id == "dataskyddsombud").unwrap();
    assert_eq!(dpo.requires, vec![("kommunikation".to_owned(), 4)]);
    assert_eq!(
        f.competence("empati"),
        shipped.competence("empati"),
        "the rest unchanged"
    );
}

#[tokio::test]
async fn a_partial_post_changes_only_what_it_names_and_a_new_role_without_id_is_refused() {
    let (w, admin, mut c, edit) = editor().await;
    let csrf = c.csrf();
    let post = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .chain([("_csrf".to_owned(), csrf.clone())])
            .collect()
    };
    let refused = c
        .post_raw_form(&edit, &post(&[("newrole.name_sv", "Dataskyddsombud")]))
        .await;
    assert_eq!(
        refused.status, 422,
        "what was typed is not dropped for want of an id"
    );
    assert!(refused.body.contains("href=\"#newrole.id\""), "{}", refused.body);
    assert!(
        refused
            .body
            .contains("id=\"newrole.id\" name=\"newrole.id\" value=\"\" maxlength=\"40\" aria-describedby=\"newrole.id-error newrole.id-hint\" aria-invalid=\"true\""),
        "the field itself says it is wrong: {}",
        refused.body
    );
    let res = c
        .post_raw_form(&edit, &post(&[("level.1.name_sv", "Nybörjare")]))
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let shipped = mognad_domain::competence::builtin();
    let f = stored_version(&w, &admin, 3).await;
    assert_eq!(f.levels[0].name.sv, "Nybörjare");
    assert_eq!(
        f.levels[0].name.en, shipped.levels[0].name.en,
        "the absent English name stays"
    );
    assert_eq!(
        f.roles, shipped.roles,
        "requirements and works-with not posted stay"
    );
    assert_eq!(f.areas, shipped.areas);

    // Version 2's editor now says version 3 is newer and offers no save; version 3's refuses
    // a save that changes nothing.
    let old_page = c.get(&edit).await.body;
    assert!(old_page.contains("Version 3 är nyare än den här.") && !old_page.contains("id=\"fe-save\""));
    let v3 = format!(
        "/orgs/{}/frameworks/{}/edit",
        admin.org,
        stored_version_id(&w, &admin, 3).await
    );
    let unchanged = c.post_raw_form(&v3, &post(&[])).await;
    assert_eq!(unchanged.status, 422);
    assert!(
        unchanged.body.contains("Inga ändringar att spara"),
        "{}",
        unchanged.body
    );
}
