//! A review cycle through HTTP as the browser runs it: the administrator starts it, the person
//! fills in one sheet for every competence (a missing level names its competence), asks
//! colleagues, the manager hands in and signs off, and the status page and the notifications
//! follow.

mod common;

use common::*;
use mognad_app::org::relations::RelationshipInput;
use mognad_domain::role::Role;

#[tokio::test]
async fn a_review_runs_in_the_browser_from_start_to_sign_off() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let org = admin.org;
    let unit = w.unit(&admin, "IT").await;
    let mut ids = Vec::new();
    for (name, email) in [("Bo Chef", "bo@norrvik.se"), ("Anna Strateg", "anna@norrvik.se")] {
        ids.push(w.person_in(&admin, name, Some(email), unit).await);
        w.member_of(org, email, Role::Member).await;
    }
    let dan = w.person(&admin, "Dan Kollega", Some("dan@norrvik.se")).await;
    let (bo, anna) = (ids[0], ids[1]);
    w.app
        .org()
        .save_relationship(
            &admin,
            None,
            &RelationshipInput {
                kind: "supervision".into(),
                from_id: bo.to_string(),
                to_id: anna.to_string(),
                valid_from: "2020-01-01".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();

    let mut a = w.client();
    a.login("admin@norrvik.se").await;
    let list = format!("/orgs/{org}/reviews");
    let page = a.get(&list).await.body;
    assert!(page.contains(&format!("value=\"unit:{unit}\"")), "{page}");
    let bad = a
        .post_form(&list, &[("name", ""), ("scope", ""), ("deadline", "2000-01-01")])
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Välj en enhet eller ett team.") && bad.body.contains("href=\"#r-scope\""));
    let res = a
        .post_form(
            &list,
            &[
                ("name", "Samtal 2027"),
                ("scope", &format!("unit:{unit}")),
                ("deadline", "2099-06-30"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let review = res.location().to_owned();
    let status = a.get(&review).await.body;
    assert!(status.contains("Inte påbörjad: 2"), "{status}");

    // Anna is told, and her sheet asks about every competence on one page.
    let mut an = w.client();
    an.login("anna@norrvik.se").await;
    let told = an.get(&format!("/orgs/{org}/notifications")).await.body;
    assert!(told.contains("Genomgången Samtal 2027 har startat."), "{told}");
    let sheet = format!("{review}/people/{anna}");
    assert!(told.contains(&sheet), "the notification links the sheet");
    let page = an.get(&sheet).await.body;
    assert!(page.contains("name=\"level_empati\"") && page.contains("Använder förmågan på egen hand"));
    let mut form: Vec<(String, String)> = mognad_domain::competence::builtin()
        .areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| (format!("level_{}", c.id), "3".to_owned()))
        .collect();
    let empathy = form.iter().position(|(k, _)| k == "level_empati").unwrap();
    let missing: Vec<(&str, &str)> = form
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != empathy)
        .map(|(_, (k, v))| (k.as_str(), v.as_str()))
        .collect();
    let refused = an.post_form(&sheet, &missing).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("Välj en nivå för Empati.") && refused.body.contains("href=\"#lvl-empati-1\"")
    );
    assert!(
        refused.body.contains("value=\"3\" checked"),
        "the levels given are kept"
    );
    form.push(("note_empati".into(), "Lyssnar".into()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = an.post_form(&sheet, &pairs).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(an.get(res.location()).await.body.contains("Inlämnat."));
    let res = an
        .post_form(&format!("{sheet}/peers"), &[("peer", &dan.to_string())])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(
        an.get(&sheet)
            .await
            .body
            .contains("Tillfrågade: 1. Har svarat: 0.")
    );

    // Bo assesses as manager and signs off.
    let mut b = w.client();
    b.login("bo@norrvik.se").await;
    let page = b.get(&sheet).await.body;
    assert!(page.contains("chef"), "{page}");
    let res = b.post_form(&format!("{sheet}/sign-off"), &[]).await;
    assert_eq!(res.status, 422, "not before the manager hands in");
    let res = b.post_form(&sheet, &pairs).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let res = b.post_form(&format!("{sheet}/sign-off"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let status = a.get(&review).await.body;
    assert!(
        status.contains("Godkänd: 1") && status.contains("Inte påbörjad: 1"),
        "{status}"
    );

    // The relationships list narrows by kind, validity and name.
    let rels = a
        .get(&format!(
            "/orgs/{org}/relationships?kind=supervision&state=current&q=anna"
        ))
        .await
        .body;
    assert!(rels.contains("Relationer som stämmer: 1. Sida 1 av 1."), "{rels}");
    assert!(rels.contains("Bo Chef") && rels.contains("<option value=\"supervision\" selected>"));
    let none = a
        .get(&format!("/orgs/{org}/relationships?state=ended"))
        .await
        .body;
    assert!(none.contains("Relationer som stämmer: 0."));

    // Reminders: Bo has not assessed himself.
    let res = a.post_form(&format!("{review}/remind"), &[]).await;
    assert_eq!(res.status, 303);
    assert!(
        a.get(res.location())
            .await
            .body
            .contains("Påminnelser skickade: 1.")
    );
}
