//! Time logging and the timesheet on both databases: entries as people type them, the refusals
//! with their reasons, who may take an entry back, the card's sum against its estimate, the
//! workload's and dashboard's logged hours, the timesheet's period and totals, and erasure.

mod common;

use common::{actor, board, member_of};
use mognad_app::plan::cards::TaskInput;
use mognad_app::plan::time_log::TimeInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::ids::{BoardId, PersonId};
use mognad_domain::role::Role;
use mognad_store::testdb;

async fn person(app: &App, a: &Actor, name: &str) -> PersonId {
    let input = mognad_app::org::directory::PersonInput {
        name: name.into(),
        ..Default::default()
    };
    app.org().save_person(a, None, &input).await.unwrap().id
}

fn entry(p: PersonId, day: &str, hours: &str) -> TimeInput {
    TimeInput {
        person_id: p.to_string(),
        worked_on: day.into(),
        hours: hours.into(),
        note: "Arbete".into(),
    }
}

fn codes(r: Result<mognad_domain::ids::TimeEntryId, AppError>) -> Vec<String> {
    match r {
        Err(AppError::Invalid(list)) => list.into_iter().map(|i| i.code.to_string()).collect(),
        other => panic!("expected refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn time_is_logged_refused_removed_and_summed() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = member_of(&app, admin.org, "m@norrvik.se", Role::Member).await;
        let other = member_of(&app, admin.org, "o@norrvik.se", Role::Member).await;
        let stranger = actor(&app, "x@ekby.se", "Ekby", Role::Admin).await;
        let ada = person(&app, &admin, "Ada").await;
        let bo = person(&app, &admin, "Bo").await;
        let foreign = person(&app, &stranger, "Främling").await;
        let b = board(&app, &admin, "Drift").await;
        let initiative = plan
            .save_initiative(
                &admin,
                None,
                &mognad_app::plan::initiatives::InitiativeInput {
                    title: "Ny växel".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let input = TaskInput {
            title: "Byt växel".into(),
            estimate_hours: "10".into(),
            initiative_id: initiative.to_string(),
            assignee_id: ada.to_string(),
            ..Default::default()
        };
        let card = plan
            .create_task(&admin, BoardId(b.id), &input, None)
            .await
            .unwrap();
        let today = chrono::Utc::now().date_naive();
        let tomorrow = (today + chrono::Duration::days(1)).to_string();
        let today = today.to_string();

        plan.log_time(&member, card, &entry(ada, &today, "1,5"))
            .await
            .unwrap();
        plan.log_time(&member, card, &entry(ada, "", "0:30"))
            .await
            .unwrap();
        let bo_entry = plan
            .log_time(&other, card, &entry(bo, "2026-01-05", "45 min"))
            .await
            .unwrap();

        assert_eq!(
            codes(plan.log_time(&member, card, &entry(ada, &tomorrow, "1")).await),
            ["time-future"]
        );
        assert_eq!(
            codes(
                plan.log_time(&member, card, &entry(ada, &today, "en stund"))
                    .await
            ),
            ["time-unreadable"]
        );
        assert_eq!(
            codes(plan.log_time(&member, card, &entry(ada, &today, "25")).await),
            ["time-range"]
        );
        assert_eq!(
            codes(plan.log_time(&member, card, &entry(foreign, &today, "1")).await),
            ["bad-ref"]
        );
        let mut nobody = entry(ada, "igår", "");
        nobody.person_id = String::new();
        let mut got = codes(plan.log_time(&member, card, &nobody).await);
        got.sort();
        assert_eq!(got, ["date", "required", "required"], "every problem at once");
        assert!(matches!(
            plan.log_time(&stranger, card, &entry(foreign, &today, "1")).await,
            Err(AppError::NotFound)
        ));

        let time = plan.card_time(&member, card).await.unwrap();
        assert_eq!(time.minutes, 90 + 30 + 45);
        assert_eq!(time.entries.len(), 3);
        assert_eq!(time.entries[2].person, "Bo", "the latest day first");
        let mine: Vec<bool> = time.entries.iter().map(|e| e.removable).collect();
        assert_eq!(
            mine,
            [true, true, false],
            "the member may take back only their own"
        );
        assert!(matches!(
            plan.remove_time(&member, bo_entry).await,
            Err(AppError::Forbidden)
        ));

        // The workload counts this week's minutes; the dashboard the initiative's estimate and all.
        let w = plan.workload(&member).await.unwrap();
        let row = w.people.iter().find(|p| p.person == ada.0).unwrap();
        assert_eq!(row.logged_minutes, 120);
        let d = plan.dashboard(&member).await.unwrap();
        let p = d.initiatives.iter().find(|p| p.id == initiative).unwrap();
        assert_eq!((p.estimate_hours, p.logged_minutes), (10, 165));

        // The timesheet: the period, one person or all, totals per person.
        let all = plan.timesheet(&admin, None, "2026-01-01", &today).await.unwrap();
        assert_eq!(all.minutes, 165);
        assert_eq!(all.rows[0].person, "Bo", "by day");
        assert_eq!(all.rows[0].board, "Drift");
        let totals: Vec<(&str, i64)> = all
            .totals
            .iter()
            .map(|t| (t.person.as_str(), t.minutes))
            .collect();
        assert_eq!(totals, [("Ada", 120), ("Bo", 45)]);
        let ada_only = plan
            .timesheet(&admin, Some(ada), "2026-01-01", &today)
            .await
            .unwrap();
        assert_eq!(ada_only.rows.len(), 2);
        // A member reads only their own person's hours: none without a person, another's never.
        let own = plan.timesheet(&member, None, "2026-01-01", &today).await.unwrap();
        assert!(own.rows.is_empty() && own.person.is_none());
        assert!(matches!(
            plan.timesheet(&member, Some(ada), "2026-01-01", &today).await,
            Err(AppError::Forbidden)
        ));
        let january = plan
            .timesheet(&admin, None, "2026-01-01", "2026-01-31")
            .await
            .unwrap();
        assert_eq!(january.minutes, 45);
        for (from, to) in [("2026-02-01", "2026-01-01"), ("2025-01-01", "2026-06-01")] {
            assert!(matches!(
                plan.timesheet(&admin, None, from, to).await,
                Err(AppError::Invalid(_))
            ));
        }
        let default = plan.timesheet(&admin, None, "", "").await.unwrap();
        assert_eq!(default.to.to_string(), today);
        assert_eq!(default.from.format("%d").to_string(), "01");

        // An administrator may take anyone's entry back; an archived card takes no new time.
        let removed = plan.remove_time(&admin, bo_entry).await.unwrap();
        assert_eq!(removed, card);
        assert_eq!(plan.card_time(&member, card).await.unwrap().minutes, 120);
        plan.archive(&member, mognad_domain::plan::archive::Archivable::Card, card.0)
            .await
            .unwrap();
        assert!(matches!(
            plan.log_time(&member, card, &entry(ada, &today, "1")).await,
            Err(AppError::Conflict { .. })
        ));
        let sheet = plan.timesheet(&admin, None, "2026-01-01", &today).await.unwrap();
        assert_eq!(
            sheet.minutes, 120,
            "time worked on an archived card stays on the sheet"
        );

        // Erasing a person takes their entries along.
        app.org().erase_person(&admin, ada).await.unwrap();
        let sheet = plan.timesheet(&admin, None, "2026-01-01", &today).await.unwrap();
        assert_eq!(sheet.minutes, 0);
        t.cleanup().await.unwrap();
    }
}
