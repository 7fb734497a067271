//! The talent overview page: reached from the competence map, it shows each grid with the
//! people in their cells and the plans with late actions.

mod common;

use common::*;
use mognad_app::competence::develop::{ActionInput, PlaceInput};
use mognad_domain::role::Role;

#[tokio::test]
async fn the_talent_overview_shows_the_grids_and_late_plans() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let org = admin.org;
    let unit = w.unit(&admin, "IT").await;
    let anna = w.person_in(&admin, "Anna Strateg", None, unit).await;
    let c = w.app.competence();
    let place = PlaceInput {
        grid: "nio-rutor".into(),
        now: "2,2".into(),
        target: String::new(),
    };
    c.place(&admin, anna, &place).await.unwrap();
    let late = ActionInput {
        title: "Mentorskap med CIO".into(),
        kind: "mentoring".into(),
        due: "2020-05-01".into(),
        ..Default::default()
    };
    c.add_action(&admin, anna, &late).await.unwrap();

    let mut a = w.client();
    a.login("admin@norrvik.se").await;
    let map = a.get(&format!("/orgs/{org}/units/{unit}/competence")).await.body;
    let talent = format!("/orgs/{org}/units/{unit}/talent");
    assert!(
        map.contains(&format!("href=\"{talent}\"")),
        "the map links the overview"
    );
    let page = a.get(&talent).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("<strong>Stjärna</strong> <span class=\"muted\">(1)</span><br>Anna Strateg"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Mentorskap med CIO (2020-05-01)"));
    assert!(
        page.body.contains("Inte placerade på det här rutnätet: 1."),
        "not on the quadrants"
    );
}
