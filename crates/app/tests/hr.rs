//! The HR role on every backend: it reads every competence record, map, review and the gap
//! report, develops nobody's record by that right, and has none of the measurement's
//! administration or the analysts' answer files; analysts, beside it, read counts but no record.

mod common;

use common::{actor, colleague, member_of, new_round, unit};
use mognad_app::competence::assess::AssessInput;
use mognad_app::competence::develop::ActionInput;
use mognad_app::competence::reviews::CycleInput;
use mognad_app::competence::team_map::Scope;
use mognad_app::measurement::rounds::RoundInput;
use mognad_app::{App, AppError};
use mognad_domain::role::Role;
use mognad_store::testdb;

#[tokio::test]
async fn hr_reads_every_competence_record_and_nothing_of_measurement() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let c = app.competence();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let it = unit(&app, &admin, "IT").await;
        let (anna, anna_id) = colleague(&app, &admin, "anna@norrvik.se", "Anna", it).await;
        let input = AssessInput {
            competence: "empati".into(),
            level: "3".into(),
            source: "self".into(),
            note: "Lyssnar in".into(),
        };
        c.assess(&anna, anna_id, &input).await.unwrap();
        // Someone of the unit who has no account yet.
        let input = mognad_app::org::directory::PersonInput {
            name: "Utan Konto".into(),
            unit_id: Some(it.to_string()),
            ..Default::default()
        };
        app.org().save_person(&admin, None, &input).await.unwrap();
        let review = c
            .start_review(
                &admin,
                &CycleInput {
                    name: "Samtal".into(),
                    scope: format!("unit:{it}"),
                    deadline: "2099-01-31".into(),
                },
            )
            .await
            .unwrap();
        let round = new_round(&app, &admin, "Mätning").await;

        let hr = member_of(&app, admin.org, "hr@norrvik.se", Role::Hr).await;
        let r = c.competence_record(&hr, anna_id).await.unwrap();
        assert!(r.access.view && !r.access.develop && r.access.sources.is_empty());
        assert_eq!(r.history.len(), 1);
        assert!(matches!(
            c.add_action(
                &hr,
                anna_id,
                &ActionInput {
                    title: "Kurs".into(),
                    ..Default::default()
                }
            )
            .await,
            Err(AppError::Forbidden)
        ));
        let map = c.team_competence(&hr, Scope::Unit(it), None).await.unwrap();
        assert_eq!((map.matrix.people.len(), map.hidden), (2, 0));
        let status = c.review_status(&hr, review).await.unwrap();
        assert_eq!((status.rows.len(), status.without_account), (2, 1));
        assert_eq!(status.without_manager, 2, "nobody in IT has a supervisor");
        assert_eq!(c.review_cycles(&hr).await.unwrap().len(), 1);
        c.gap_report(&hr, None).await.unwrap();
        assert!(matches!(
            c.remind_review(&hr, review).await,
            Err(AppError::Forbidden)
        ));
        assert!(
            app.org().relationships(&hr).await.is_ok(),
            "HR reads the relationships"
        );

        // Nothing of the measurement's administration, nor the analysts' answer files; the
        // results a member reads, HR reads too.
        let new = RoundInput {
            name: "Ny".into(),
            ..Default::default()
        };
        assert!(matches!(
            app.measurement().create_round(&hr, &new).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            app.measurement()
                .stream_answers(&hr, mognad_domain::ids::RoundId(round))
                .await,
            Err(AppError::Forbidden)
        ));

        // An analyst reads the counts but no one's record.
        let analyst = member_of(&app, admin.org, "analys@norrvik.se", Role::Analyst).await;
        c.gap_report(&analyst, None).await.unwrap();
        assert!(matches!(
            c.competence_record(&analyst, anna_id).await,
            Err(AppError::Forbidden)
        ));
        t.cleanup().await.unwrap();
    }
}
