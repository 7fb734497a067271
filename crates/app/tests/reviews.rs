//! A review cycle end to end on every backend: an administrator starts it for a unit, each
//! participant is told, the person assesses every competence of their role on one sheet, peer
//! feedback comes only from colleagues asked and shows only from three answers, the manager
//! assesses and signs off, the status and reminders follow, and a closed review takes nothing.

mod common;

use common::{actor, colleague, supervise, unit};
use mognad_app::competence::review_sheet::SheetInput;
use mognad_app::competence::reviews::CycleInput;
use mognad_app::{App, AppError};
use mognad_domain::competence::assessment::Source;
use mognad_domain::competence::review::Status;
use mognad_domain::role::Role;
use mognad_store::testdb;

/// A level for every competence of the sheet.
fn filled(sheet: &mognad_app::competence::review_sheet::Sheet, level: u8) -> SheetInput {
    SheetInput {
        levels: sheet
            .rows
            .iter()
            .map(|r| (r.competence.id.clone(), level.to_string()))
            .collect(),
        notes: Default::default(),
    }
}

fn invalid_code(r: Result<impl std::fmt::Debug, AppError>) -> String {
    match r {
        Err(AppError::Invalid(v)) => v[0].code.clone(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_review_cycle_runs_from_start_to_sign_off() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let c = app.competence();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let it = unit(&app, &admin, "IT").await;
        let other = unit(&app, &admin, "Ekonomi").await;
        let (bo, bo_id) = colleague(&app, &admin, "bo@norrvik.se", "Bo", it).await;
        let (anna, anna_id) = colleague(&app, &admin, "anna@norrvik.se", "Anna", it).await;
        let (cia, cia_id) = colleague(&app, &admin, "cia@norrvik.se", "Cia", it).await;
        let mut peers = Vec::new();
        for (email, name) in [
            ("dan@norrvik.se", "Dan"),
            ("eva@norrvik.se", "Eva"),
            ("fia@norrvik.se", "Fia"),
        ] {
            peers.push(colleague(&app, &admin, email, name, other).await);
        }
        for sub in [anna_id, cia_id] {
            supervise(&app, &admin, bo_id, sub).await;
        }
        let fw = c.default_framework(&admin).await.unwrap();
        c.set_target_role(&admin, anna_id, fw, Some("it-strateg"))
            .await
            .unwrap();

        let deadline = (chrono::Utc::now().date_naive() + chrono::Duration::days(14)).to_string();
        let input = CycleInput {
            name: "Utvecklingssamtal 2027".into(),
            scope: format!("unit:{it}"),
            deadline: deadline.clone(),
        };
        assert!(matches!(
            c.start_review(&anna, &input).await,
            Err(AppError::Forbidden)
        ));
        let past = CycleInput {
            deadline: "2020-01-01".into(),
            scope: "unit:nonsense".into(),
            ..input.clone()
        };
        assert_eq!(invalid_code(c.start_review(&admin, &past).await), "review-scope");
        let review = c.start_review(&admin, &input).await.unwrap();
        let told = app.platform().notices(&anna, None).await.unwrap();
        assert_eq!(told.items.len(), 1, "each participant is told");
        assert_eq!(told.items[0].kind, "review");

        // A colleague not asked may not rate Anna.
        let (dan, dan_id) = (&peers[0].0, peers[0].1);
        assert!(matches!(
            c.competence_record(dan, anna_id).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            c.review_sheet(dan, review, anna_id).await,
            Err(AppError::Forbidden)
        ));

        // Anna's sheet: every competence of her role on one page, all of them needed.
        let sheet = c.review_sheet(&anna, review, anna_id).await.unwrap();
        assert_eq!(sheet.source, Some(Source::Own));
        assert_eq!(
            sheet.rows.len(),
            12,
            "the strategist's role names twelve competences"
        );
        assert!(sheet.rows.iter().all(|r| r.required.is_some()));
        let mut partial = filled(&sheet, 3);
        partial.levels.remove("empati");
        assert_eq!(
            invalid_code(c.submit_sheet(&anna, review, anna_id, &partial).await),
            "review-level"
        );
        c.submit_sheet(&anna, review, anna_id, &filled(&sheet, 3))
            .await
            .unwrap();
        assert!(c.review_sheet(&anna, review, anna_id).await.unwrap().handed_in);

        // Anna asks two colleagues, Bo a third; peers show only from three answers.
        let ids = |v: &[usize]| v.iter().map(|i| peers[*i].1.to_string()).collect::<Vec<_>>();
        assert!(matches!(
            c.request_peers(dan, review, anna_id, &ids(&[1])).await,
            Err(AppError::Forbidden)
        ));
        assert_eq!(
            c.request_peers(&anna, review, anna_id, &ids(&[0, 1]))
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            c.request_peers(&anna, review, anna_id, &ids(&[0])).await.unwrap(),
            0,
            "asked once"
        );
        assert_eq!(
            invalid_code(
                c.request_peers(&anna, review, anna_id, &[anna_id.to_string()])
                    .await
            ),
            "review-peers"
        );
        assert_eq!(
            c.request_peers(&bo, review, anna_id, &ids(&[2])).await.unwrap(),
            1
        );
        let peer_sheet = c.review_sheet(dan, review, anna_id).await.unwrap();
        assert_eq!(peer_sheet.source, Some(Source::Peer));
        assert!(
            peer_sheet.asked.is_empty(),
            "a peer does not see whom else was asked"
        );
        c.submit_sheet(dan, review, anna_id, &filled(&peer_sheet, 2))
            .await
            .unwrap();
        c.submit_sheet(&peers[1].0, review, anna_id, &filled(&peer_sheet, 2))
            .await
            .unwrap();
        let record = c.competence_record(&anna, anna_id).await.unwrap();
        assert!(
            record
                .standings
                .iter()
                .all(|s| !s.by_source.contains_key(&Source::Peer)),
            "two peers do not show"
        );
        c.submit_sheet(&peers[2].0, review, anna_id, &filled(&peer_sheet, 2))
            .await
            .unwrap();
        let record = c.competence_record(&anna, anna_id).await.unwrap();
        let empathy = record
            .standings
            .iter()
            .find(|s| s.competence == "empati")
            .unwrap();
        assert_eq!(
            empathy.by_source.get(&Source::Peer),
            Some(&2.0),
            "three peers show as their mean"
        );
        let _ = dan_id;

        // The manager assesses, then signs off.
        assert_eq!(
            invalid_code(c.sign_off(&bo, review, anna_id).await),
            "review-not-ready"
        );
        assert!(matches!(
            c.sign_off(&anna, review, anna_id).await,
            Err(AppError::Forbidden)
        ));
        let manager_sheet = c.review_sheet(&bo, review, anna_id).await.unwrap();
        assert_eq!(manager_sheet.source, Some(Source::Manager));
        c.submit_sheet(&bo, review, anna_id, &filled(&manager_sheet, 4))
            .await
            .unwrap();
        c.sign_off(&bo, review, anna_id).await.unwrap();

        // The status as each reader may see it.
        let status = c.review_status(&admin, review).await.unwrap();
        let of = |name: &str| status.rows.iter().find(|r| r.name == name).unwrap().clone();
        assert_eq!(of("Anna").status, Status::SignedOff);
        assert_eq!((of("Anna").peers_asked, of("Anna").peers_answered), (3, 3));
        assert_eq!(of("Cia").status, Status::NotStarted);
        assert_eq!(status.rows.len(), 3, "Bo, Anna and Cia are in IT");
        assert_eq!(status.without_manager, 1, "Bo has no supervisor");
        let as_bo = c.review_status(&bo, review).await.unwrap();
        assert_eq!(
            (as_bo.rows.len(), as_bo.hidden),
            (3, 0),
            "Bo sees himself and his two"
        );
        let as_cia = c.review_status(&cia, review).await.unwrap();
        assert_eq!((as_cia.rows.len(), as_cia.hidden), (1, 2));
        assert_eq!(c.review_cycles(&cia).await.unwrap().len(), 1);
        assert!(
            c.review_cycles(dan).await.unwrap().is_empty(),
            "Dan takes no part"
        );
        assert!(
            matches!(c.review_status(dan, review).await, Err(AppError::NotFound)),
            "a review Dan has no one in is not his to know of"
        );

        // Reminders go to those waited for, once a day.
        assert_eq!(
            c.remind_review(&admin, review).await.unwrap(),
            2,
            "Cia and Bo for himself"
        );
        assert_eq!(c.remind_review(&admin, review).await.unwrap(), 0);

        // A closed review takes nothing more, and the asked colleagues lose their access.
        c.close_review(&admin, review).await.unwrap();
        let cia_sheet = c.review_sheet(&cia, review, cia_id).await.unwrap();
        assert!(cia_sheet.closed);
        assert_eq!(
            invalid_code(c.submit_sheet(&cia, review, cia_id, &filled(&cia_sheet, 3)).await),
            "review-closed"
        );
        assert!(matches!(
            c.competence_record(dan, anna_id).await,
            Err(AppError::Forbidden)
        ));
        // Anna's own document holds her review, without whom she was asked about; erasing her
        // takes the review notifications that name her out of Dan's list.
        let doc = app.org().person_data(&anna, anna_id).await.unwrap();
        assert_eq!(doc["reviews"].as_array().map(Vec::len), Some(1));
        let about = doc["peer_requests_about"].as_array().unwrap();
        assert_eq!(about.len(), 3);
        assert!(about.iter().all(|r| r.get("peer_id").is_none()), "{about:?}");
        let named = |list: &mognad_app::platform::notices::Notices| {
            list.items
                .iter()
                .filter(|n| n.kind == "review" && n.params["person"] == anna_id.to_string())
                .count()
        };
        assert!(named(&app.platform().notices(dan, None).await.unwrap()) > 0);
        app.org().erase_person(&admin, anna_id).await.unwrap();
        assert_eq!(named(&app.platform().notices(dan, None).await.unwrap()), 0);
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn reminders_go_out_by_themselves_a_week_and_two_days_before_and_on_the_last_day() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let c = app.competence();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let it = unit(&app, &admin, "IT").await;
        colleague(&app, &admin, "anna@norrvik.se", "Anna", it).await;
        colleague(&app, &admin, "bo@norrvik.se", "Bo", it).await;
        let now = chrono::Utc::now();
        let days = |n: i64| now + chrono::Duration::days(n);
        let input = CycleInput {
            name: "Höstens genomgång".into(),
            scope: format!("unit:{it}"),
            deadline: days(9).date_naive().to_string(),
        };
        let review = c.start_review(&admin, &input).await.unwrap();
        assert_eq!(
            c.remind_due_reviews(now).await.unwrap(),
            0,
            "nine days before: no reminder"
        );
        assert_eq!(
            c.remind_due_reviews(days(2)).await.unwrap(),
            2,
            "a week before: Anna and Bo, who have not started"
        );
        assert_eq!(c.remind_due_reviews(days(2)).await.unwrap(), 0, "once that day");
        assert_eq!(
            c.remind_due_reviews(days(3)).await.unwrap(),
            0,
            "six days before: none"
        );
        assert_eq!(c.remind_due_reviews(days(7)).await.unwrap(), 2, "two days before");
        c.close_review(&admin, review).await.unwrap();
        assert_eq!(
            c.remind_due_reviews(days(9)).await.unwrap(),
            0,
            "a closed review reminds nobody"
        );

        // A review started on a reminder day has just told its people: the schedule waits.
        let soon = CycleInput {
            name: "Snabbgenomgång".into(),
            deadline: days(2).date_naive().to_string(),
            ..input
        };
        c.start_review(&admin, &soon).await.unwrap();
        assert_eq!(c.remind_due_reviews(now).await.unwrap(), 0, "started today");
        assert_eq!(c.remind_due_reviews(days(2)).await.unwrap(), 2, "on the last day");
        t.cleanup().await.unwrap();
    }
}
