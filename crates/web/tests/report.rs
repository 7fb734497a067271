//! The PDF report of an area, read back: the demo organisation's report carries the summary,
//! a page per engine with its advice, the comparison and the gap list; a withheld group's
//! report says why and shows no number.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_domain::org::Language;
use mognad_domain::role::Role;

fn read(pdf: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    (pages.len(), doc.extract_text(&pages).expect("text"))
}

#[tokio::test]
async fn the_organisation_report_says_what_the_page_says() {
    let w = World::new().await;
    let demo = w.app.create_demo(&|_, _| {}).await.unwrap();
    let user = w
        .app
        .platform()
        .create_user("las@norrvik.se", "Läsare", PASSWORD, Language::Sv)
        .await
        .unwrap();
    w.app
        .platform()
        .grant_role(user.id, demo.org, Role::Member)
        .await
        .unwrap();
    let actor = w.app.platform().actor(user, demo.org).await.unwrap();
    let rounds = w.app.measurement().rounds(&actor).await.unwrap();
    let follow_up = rounds.iter().filter(|r| r.state == "closed").nth(1).unwrap();
    let mut c = w.client();
    c.login("las@norrvik.se").await;
    let area = format!("/orgs/{}/rounds/{}/results/{}", demo.org, follow_up.id, demo.org);
    let page = c.get(&area).await;
    assert!(
        page.body.contains(&format!("{area}/report.pdf")),
        "the page links its report"
    );

    // The results table reads as the unit tree: each unit followed by its own units and groups.
    let results = c
        .get(&format!("/orgs/{}/rounds/{}/results", demo.org, follow_up.id))
        .await
        .body;
    let at = |s: &str| results.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("Förskola (enhet") < at("Förskola enhetsledning 1"));
    assert!(at("Förskola enhetsledning 1") < at("Grundskola (enhet"));
    assert!(at("Ledningsgrupp Förskola") < at("Grundskola (enhet"));
    assert!(results.contains("class=\"depth-2\""));

    // The comparison page draws the organisation in both rounds.
    let earlier = rounds.iter().find(|r| r.state == "closed").unwrap();
    let compare = c
        .get(&format!(
            "/orgs/{}/rounds/{}/compare?with={}",
            demo.org, follow_up.id, earlier.id
        ))
        .await
        .body;
    assert!(
        compare.contains("compare-radar-title"),
        "no radar on the comparison page"
    );

    let res = c.get(&format!("{area}/report.pdf")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers["content-type"], "application/pdf");
    let (pages, text) = read(&res.bytes);
    // Cover, heatmap, nine engines, comparison, gaps.
    assert!(pages >= 13, "{pages} pages");
    let model = &mognad_domain::model::builtin()[0];
    for needle in [
        "Sammanfattning",
        "har svarat",
        "Nästa steg",
        "Jämförelse",
        "Prioriterade gap",
        "Sida 13",
    ] {
        assert!(text.contains(needle), "{needle} missing");
    }
    for e in &model.engines {
        assert!(text.contains(e.name.sv.as_str()), "{} missing", e.name.sv);
    }
    // The summary's first sentence is the one the page shows.
    let summary = page.body.split("id=\"summary-title\"").nth(1).unwrap();
    let first = summary
        .split("<li>")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(text.contains(first), "{first}");
}

#[tokio::test]
async fn a_withheld_group_report_shows_no_number() {
    use mognad_app::measurement::rounds::RoundInput;
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let g = w.group_with_members(&a, "Liten", 3).await;
    let model = w.app.measurement().models(&a).await.unwrap()[0].id;
    let input = RoundInput {
        name: "T0".into(),
        model_id: model.to_string(),
        ..Default::default()
    };
    let round = w.app.measurement().create_round(&a, &input).await.unwrap();
    let links = w.app.measurement().issue_invitations(&a, round.id).await.unwrap();
    w.app
        .measurement()
        .set_round_state(&a, round.id, "open")
        .await
        .unwrap();
    let m = w.app.measurement().model(&a, model).await.unwrap();
    let fields = mognad_domain::answer::complete_form(&m, |_| 4, 3);
    for l in &links {
        w.app
            .measurement()
            .submit_answers(&l.token, &fields)
            .await
            .unwrap();
    }
    w.app
        .measurement()
        .set_round_state(&a, round.id, "closed")
        .await
        .unwrap();
    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let res = c
        .get(&format!(
            "/orgs/{}/rounds/{}/results/{g}/report.pdf",
            a.org, round.id
        ))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let (pages, text) = read(&res.bytes);
    assert_eq!(pages, 1);
    assert!(text.contains("färre än 5 svar"), "{text}");
    assert!(!text.contains("Nästa steg") && !text.contains("poäng"), "{text}");
    // Every answer was 4 of 5: the score 75 appears nowhere.
    assert!(!text.contains("75"), "{text}");
}
