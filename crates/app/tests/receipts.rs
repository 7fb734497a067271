//! Looking up an intake request by its receipt code, on both databases: the sender sees when it
//! came and where it stands, typed in any case; wrong guesses are braked per client and per
//! form in the database, and a code found takes its attempt back.

mod common;

use common::{actor, board};
use mognad_app::plan::cards::MoveInput;
use mognad_app::plan::receipts::{MAX_CLIENT_MISSES, MAX_FORM_MISSES};
use mognad_app::{App, AppError};
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use mognad_store::testdb;

#[tokio::test]
async fn a_sender_follows_a_request_by_its_code_and_guessing_is_braked() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let b = board(&app, &admin, "IT-stöd").await;
        let slug = common::public_form(&app, &admin, b.id).await;
        let answers = vec![("f1".to_string(), "Skrivaren skriver inte ut".to_string())];
        let r = plan.submit_intake(&slug, None, &answers, "", "k1").await.unwrap();

        let typed = format!(" {}-{} ", r.code[..4].to_lowercase(), &r.code[4..]);
        let s = plan
            .receipt_status(&slug, None, &typed, "10.0.0.1")
            .await
            .unwrap();
        assert_eq!(s.code, r.code);
        assert_eq!(s.received_on, chrono::Utc::now().date_naive());
        assert_eq!(
            (s.column.as_deref(), s.done, s.closed),
            (Some("Inkorg"), false, false)
        );

        let view = plan
            .board(
                &admin,
                mognad_domain::ids::BoardId(b.id),
                &Default::default(),
                None,
            )
            .await
            .unwrap();
        let done = MoveInput {
            column_id: view.columns.last().unwrap().id.to_string(),
            ..Default::default()
        };
        plan.move_task(&admin, r.task_id, &done, None).await.unwrap();
        assert!(
            plan.receipt_status(&slug, None, &r.code, "10.0.0.1")
                .await
                .unwrap()
                .done
        );
        plan.archive(&admin, Archivable::Card, r.task_id.0).await.unwrap();
        assert!(
            plan.receipt_status(&slug, None, &r.code, "10.0.0.1")
                .await
                .unwrap()
                .closed
        );
        assert!(matches!(
            plan.receipt_status(&slug, None, "", "10.0.0.1").await,
            Err(AppError::Invalid(_))
        ));
        assert!(matches!(
            plan.receipt_status("no-such-form", None, &r.code, "10.0.0.1")
                .await,
            Err(AppError::NotFound)
        ));

        // One client guessing: after its misses even the right code waits; others go on.
        for _ in 0..MAX_CLIENT_MISSES {
            assert!(matches!(
                plan.receipt_status(&slug, None, "AAAAAAAA", "10.0.0.2").await,
                Err(AppError::Invalid(_))
            ));
        }
        assert!(matches!(
            plan.receipt_status(&slug, None, &r.code, "10.0.0.2").await,
            Err(AppError::Throttled)
        ));
        assert!(
            plan.receipt_status(&slug, None, &r.code, "10.0.0.3")
                .await
                .is_ok()
        );

        // Guessing spread over many clients brakes the form.
        let mut misses = MAX_CLIENT_MISSES;
        let mut client = 0;
        while misses < MAX_FORM_MISSES {
            client += 1;
            let r = plan
                .receipt_status(&slug, None, "BBBBBBBB", &format!("10.1.0.{client}"))
                .await;
            assert!(matches!(r, Err(AppError::Invalid(_))), "{r:?}");
            misses += 1;
        }
        assert!(matches!(
            plan.receipt_status(&slug, None, &r.code, "10.9.9.9").await,
            Err(AppError::Throttled)
        ));
        t.cleanup().await.unwrap();
    }
}
