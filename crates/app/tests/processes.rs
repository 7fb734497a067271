//! State that matters lives in the database: two `App`s on one database (as two server
//! processes are) share the sign-in brake and the access-code brake, and one sees a session the
//! other opened. On every backend.

mod common;

use mognad_app::{App, AppError};
use mognad_domain::ids::{GroupId, RoundId};
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::testdb;

#[tokio::test]
async fn two_apps_on_one_database_share_brakes_and_sessions() {
    for t in testdb::backends().await {
        let (one, two) = (App::new(t.db.clone()), App::new(t.db.clone()));
        one.platform()
            .create_user("eva@ekby.se", "Eva", "ett långt lösenord", Language::Sv)
            .await
            .unwrap();
        // Failures through one process count in the other.
        for i in 0..mognad_app::platform::sign_in::MAX_FAILURES {
            let app = if i % 2 == 0 { &one } else { &two };
            assert!(matches!(
                app.platform().sign_in("eva@ekby.se", "fel", "10.0.0.1").await,
                Err(AppError::Unauthenticated)
            ));
        }
        assert!(
            matches!(
                two.platform()
                    .sign_in("eva@ekby.se", "ett långt lösenord", "10.0.0.1")
                    .await,
                Err(AppError::Throttled)
            ),
            "{}: the brake holds in the other process",
            t.label
        );
        let s = one
            .platform()
            .sign_in("eva@ekby.se", "ett långt lösenord", "10.0.0.2")
            .await
            .unwrap()
            .session()
            .expect("no second factor set up");
        assert!(two.platform().session_user(&s.token).await.unwrap().is_some());

        // The access-code brake, likewise.
        let a = common::actor(&one, "admin@ekby.se", "Ekby kommun", Role::Admin).await;
        let g = common::group_of(&one, &a, "Ledningen", None, 4).await;
        let r = common::new_round(&one, &a, "T0").await;
        one.measurement().issue_invitations(&a, RoundId(r)).await.unwrap();
        one.measurement()
            .set_round_state(&a, RoundId(r), "open")
            .await
            .unwrap();
        let status = one.measurement().round_status(&a, RoundId(r)).await.unwrap();
        let s = status.iter().find(|s| s.group_id == GroupId(g)).unwrap();
        let (slug, code) = (s.shared_slug.clone().unwrap(), s.access_code.clone().unwrap());
        for i in 0..10 {
            let app = if i % 2 == 0 { &one } else { &two };
            let _ = app.measurement().join_shared(&slug, "FEL", "10.0.0.3").await;
        }
        assert!(matches!(
            two.measurement().join_shared(&slug, &code, "10.0.0.3").await,
            Err(AppError::Throttled)
        ));
        t.cleanup().await.unwrap();
    }
}

/// Guessing spread over many addresses is braked per account, and one address trying many
/// accounts is braked per address; the others go on signing in.
#[tokio::test]
async fn guessing_is_braked_per_account_and_per_client() {
    use mognad_app::platform::sign_in::{MAX_ACCOUNT_FAILURES, MAX_CLIENT_FAILURES};
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        for email in ["eva@ekby.se", "bo@ekby.se"] {
            app.platform()
                .create_user(email, "Namn", "ett långt lösenord", Language::Sv)
                .await
                .unwrap();
        }
        for i in 0..MAX_ACCOUNT_FAILURES {
            let client = format!("192.0.2.{i}");
            assert!(matches!(
                app.platform().sign_in("eva@ekby.se", "fel", &client).await,
                Err(AppError::Unauthenticated)
            ));
        }
        assert!(
            matches!(
                app.platform()
                    .sign_in("eva@ekby.se", "ett långt lösenord", "198.51.100.1")
                    .await,
                Err(AppError::Throttled)
            ),
            "{}: guessing from many addresses was not braked",
            t.label
        );
        for i in 0..MAX_CLIENT_FAILURES {
            let _ = app
                .platform()
                .sign_in(&format!("finns{i}@ekby.se"), "fel", "203.0.113.7")
                .await;
        }
        assert!(matches!(
            app.platform()
                .sign_in("bo@ekby.se", "ett långt lösenord", "203.0.113.7")
                .await,
            Err(AppError::Throttled)
        ));
        assert!(
            app.platform()
                .sign_in("bo@ekby.se", "ett långt lösenord", "198.51.100.2")
                .await
                .is_ok(),
            "another address is not braked"
        );
        t.cleanup().await.unwrap();
    }
}
