//! The talent overview on every backend: everyone the reader may see on each grid with their
//! current cell, target and moves, and the development plans with late actions first; a
//! manager sees their own people only.

mod common;

use common::{actor, colleague, supervise, unit};
use mognad_app::App;
use mognad_app::competence::develop::{ActionInput, PlaceInput};
use mognad_app::competence::team_map::Scope;
use mognad_domain::competence::grid::Cell;
use mognad_domain::role::Role;
use mognad_store::testdb;

fn place(now: &str, target: &str) -> PlaceInput {
    PlaceInput {
        grid: "amne-djup".into(),
        now: now.into(),
        target: target.into(),
    }
}

#[tokio::test]
async fn the_talent_overview_places_everyone_shown_and_names_late_actions() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let c = app.competence();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let it = unit(&app, &admin, "IT").await;
        let (bo, bo_id) = colleague(&app, &admin, "bo@norrvik.se", "Bo", it).await;
        let (_, anna_id) = colleague(&app, &admin, "anna@norrvik.se", "Anna", it).await;
        let (cia, cia_id) = colleague(&app, &admin, "cia@norrvik.se", "Cia", it).await;
        supervise(&app, &admin, bo_id, anna_id).await;
        c.place(&bo, anna_id, &place("0,0", "1,1")).await.unwrap();
        c.place(&bo, anna_id, &place("1,0", "1,1")).await.unwrap();
        c.place(&cia, cia_id, &place("1,1", "")).await.unwrap();
        let yesterday = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
        for (title, due) in [
            ("Ledarskapskurs", yesterday.as_str()),
            ("Läsa om arkitektur", "2099-01-01"),
        ] {
            let input = ActionInput {
                title: title.into(),
                kind: "course".into(),
                due: due.into(),
                ..Default::default()
            };
            c.add_action(&bo, anna_id, &input).await.unwrap();
        }

        let as_admin = c.talent(&admin, Scope::Unit(it)).await.unwrap();
        assert_eq!((as_admin.shown, as_admin.hidden), (3, 0));
        let quadrants = &as_admin.grids[0];
        assert_eq!((quadrants.placed.len(), quadrants.unplaced), (2, 1));
        let anna = quadrants.placed.iter().find(|p| p.name == "Anna").unwrap();
        assert_eq!(anna.standing.now, Cell { column: 1, row: 0 });
        assert_eq!(anna.standing.target, Some(Cell { column: 1, row: 1 }));
        assert_eq!(anna.standing.moves, 1);
        assert!(as_admin.grids[1].placed.is_empty(), "nobody on the 9-box");
        let plan = &as_admin.plans[0];
        assert_eq!((plan.name.as_str(), plan.open), ("Anna", 2));
        assert_eq!(plan.late.len(), 1);
        assert_eq!(plan.late[0].0, "Ledarskapskurs");

        // The start page's count of late actions, by the person's unit.
        assert_eq!(c.late_actions_by_unit(&admin).await.unwrap(), vec![(it, 1)]);
        assert!(
            c.late_actions_by_unit(&cia).await.unwrap().is_empty(),
            "Cia sees only her own"
        );

        // Bo sees himself and Anna, not Cia.
        let as_bo = c.talent(&bo, Scope::Unit(it)).await.unwrap();
        assert_eq!((as_bo.shown, as_bo.hidden), (2, 1));
        assert!(as_bo.grids[0].placed.iter().all(|p| p.name != "Cia"));
        t.cleanup().await.unwrap();
    }
}
