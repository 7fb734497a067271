//! The gap report on every backend: each person counts against their own role's requirement,
//! people without a role are left out, analysts read counts only (no figure that would single
//! someone out), HR and administrators everything, members nothing.

mod common;

use common::{actor, colleague, member_of, unit};
use mognad_app::competence::assess::AssessInput;
use mognad_app::{App, AppError};
use mognad_domain::role::Role;
use mognad_store::testdb;

fn own(competence: &str, level: u8) -> AssessInput {
    AssessInput {
        competence: competence.into(),
        level: level.to_string(),
        source: "self".into(),
        note: String::new(),
    }
}

#[tokio::test]
async fn the_gap_report_counts_people_below_their_own_role() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let it = unit(&app, &admin, "IT").await;
        let fw = app.competence().default_framework(&admin).await.unwrap();
        let mut people = Vec::new();
        for (email, name, role, level) in [
            ("anna@norrvik.se", "Anna", Some("it-strateg"), 4),
            ("bo@norrvik.se", "Bo", Some("it-chef"), 4),
            ("cia@norrvik.se", "Cia", None, 1),
        ] {
            let (who, id) = colleague(&app, &admin, email, name, it).await;
            if role.is_some() {
                app.competence()
                    .set_target_role(&admin, id, fw, role)
                    .await
                    .unwrap();
            }
            // The strategist needs 5 of strategic thinking, the head of IT 3.
            app.competence()
                .assess(&who, id, &own("strategiskt-tankande", level))
                .await
                .unwrap();
            people.push(who);
        }
        let r = app.competence().gap_report(&admin, None).await.unwrap();
        assert_eq!(r.people, 2, "Cia has no role");
        let row = |c: &str| r.rows.iter().find(|g| g.competence == c).unwrap().clone();
        let s = row("strategiskt-tankande");
        assert_eq!((s.required, s.assessed, s.below), (2, 2, 1), "{s:?}");
        assert_eq!(s.mean_gap, Some(0.0), "(4 − 5 + 4 − 3) / 2");
        let e = row("empati");
        assert_eq!((e.required, e.assessed, e.below, e.not_assessed()), (2, 0, 0, 2));
        assert_eq!(e.mean_gap, None);

        let analyst = member_of(&app, admin.org, "analys@norrvik.se", Role::Analyst).await;
        // An analyst reads counts only: with two assessed (under the threshold of five) how many
        // stand below and the mean gap would tell the two people's levels.
        let counts = app.competence().gap_report(&analyst, Some(fw)).await.unwrap();
        let s = counts
            .rows
            .iter()
            .find(|g| g.competence == "strategiskt-tankande")
            .unwrap();
        assert!(s.withheld && s.below == 0 && s.mean_gap.is_none(), "{s:?}");
        assert_eq!((s.required, s.assessed), (2, 2), "the counts stay");
        assert!(
            !r.rows.iter().any(|g| g.withheld),
            "administrators read every figure"
        );
        assert!(matches!(
            app.competence().gap_report(&people[0], None).await,
            Err(AppError::Forbidden)
        ));
        t.cleanup().await.unwrap();
    }
}
