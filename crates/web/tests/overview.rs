//! The start page as a CIO reads it: on the demo it says where the organisation stands (the
//! latest closed round, its phase and largest gaps), the round under way with its response,
//! the initiatives' progress and the leadership checks with findings, each linking on; a new
//! organisation is told what is missing. The menu shows the areas, Administration only to
//! administrators.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::org::checks::DEFAULT_SPAN;
use mognad_domain::org::Language;
use mognad_domain::role::Role;

#[tokio::test]
async fn the_start_page_says_where_the_organisation_stands() {
    let w = World::new().await;
    let demo = w.app.create_demo(&|_, _| {}).await.unwrap();
    let user = w
        .app
        .platform()
        .create_user("cio@norrvik.se", "CIO", PASSWORD, Language::Sv)
        .await
        .unwrap();
    w.app
        .platform()
        .grant_role(user.id, demo.org, Role::Member)
        .await
        .unwrap();
    let actor = w.app.platform().actor(user, demo.org).await.unwrap();
    let mut c = w.client();
    c.login("cio@norrvik.se").await;
    let base = format!("/orgs/{}", demo.org);
    let page = c.get(&base).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;

    let rounds = w.app.measurement().rounds(&actor).await.unwrap();
    let latest = rounds.iter().rev().find(|r| r.state == "closed").unwrap();
    assert!(body.contains(&format!("Senaste avslutade mätomgång: {}.", latest.name)));
    assert!(body.contains("och är i fasen"));
    assert!(body.contains(&format!("{base}/rounds/{}/results/{}", latest.id, demo.org)));
    let (_, detail) = w
        .app
        .measurement()
        .area_with_results(&actor, latest.id, demo.org.0)
        .await
        .unwrap();
    assert_eq!(
        body.matches("poäng under målet").count(),
        detail.gaps.len().min(3)
    );

    let open = rounds.iter().find(|r| r.state == "open").unwrap();
    let status = w.app.measurement().round_status(&actor, open.id).await.unwrap();
    let (answered, members): (i64, i64) = status
        .iter()
        .fold((0, 0), |(a, m), g| (a + g.answered, m + g.members));
    assert!(body.contains(&format!("{}</a>: {answered} av {members} har svarat", open.name)));

    let dash = w.app.plan().dashboard(&actor).await.unwrap();
    assert!(body.contains(&format!("{} öppna kort, {} försenade.", dash.open, dash.overdue)));
    let first = &dash.initiatives[0];
    assert!(body.contains(&format!("{base}/initiatives/{}", first.id)));

    let checks = w.app.org().leadership_checks(&actor, DEFAULT_SPAN).await.unwrap();
    assert!(body.contains(&format!("Utan chef: {}", checks.without_supervisor.len())));

    // The demo's planted coverage risk, to a reader who sees the department's records: one
    // person holds a competence the IT roles require. A member sees only their own record.
    assert!(!body.contains("bara en person har"));
    let admin = w
        .app
        .platform()
        .create_user("admin@norrvik.se", "Admin", PASSWORD, Language::Sv)
        .await
        .unwrap();
    w.app
        .platform()
        .grant_role(admin.id, demo.org, Role::Admin)
        .await
        .unwrap();
    let mut ad = w.client();
    ad.login("admin@norrvik.se").await;
    let seen = ad.get(&base).await.body;
    assert!(
        seen.contains("IT-avdelningen</a>: kompetenser som rollerna kräver och som bara en person har: 1"),
        "{seen}"
    );

    // The menu by area; a member sees no Administration.
    assert!(body.contains(">Mätning</a>") && body.contains(">Ledarskap</a>"));
    assert!(!body.contains(">Administration</a>"));

    // A new organisation is told what is missing.
    let a = w.member("ny@vastby.se", "Västby", Role::Admin).await;
    let mut n = w.client();
    n.login("ny@vastby.se").await;
    let fresh = n.get(&format!("/orgs/{}", a.org)).await.body;
    assert!(fresh.contains("Ingen mätomgång är avslutad än.") && fresh.contains("Ingen mätomgång pågår."));
    assert!(fresh.contains(">Administration</a>"));
}
