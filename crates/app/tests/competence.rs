//! Competence frameworks on every backend: the shipped one is added once, uploads are
//! validated with line numbers, a stored version never changes, and organisations and roles
//! are kept apart.

mod common;

use common::actor;
use mognad_app::{App, AppError};
use mognad_domain::competence::builtin_source;
use mognad_domain::role::Role;
use mognad_store::testdb;

#[tokio::test]
async fn frameworks_are_shipped_validated_and_kept_apart() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let a = actor(&app, "a@norrvik.se", "Norrvik", Role::Admin).await;
        let b = actor(&app, "b@soderby.se", "Söderby", Role::Member).await;
        let first = app.competence().frameworks(&a).await.unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(
            app.competence().frameworks(&a).await.unwrap(),
            first,
            "the shipped framework is added once"
        );
        let f = app.competence().framework(&a, first[0].id).await.unwrap();
        assert_eq!(f.id, "it-ledarskap");
        assert!(matches!(
            app.competence().framework(&b, first[0].id).await,
            Err(AppError::NotFound)
        ));

        let broken = builtin_source().replace("id = \"empati\"", "id = \"Empati!\"");
        match app.competence().upload_framework(&a, &broken).await {
            Err(AppError::Invalid(v)) => {
                assert!(v[0].field.as_deref().is_some_and(|f| f.starts_with("line ")))
            }
            other => panic!("a broken file was accepted: {other:?}"),
        }
        assert!(matches!(
            app.competence().upload_framework(&a, builtin_source()).await,
            Err(AppError::Conflict { .. })
        ));
        let next = builtin_source().replace("version = 2", "version = 3");
        assert_eq!(
            app.competence()
                .upload_framework(&a, &next)
                .await
                .unwrap()
                .version,
            3
        );
        assert!(matches!(
            app.competence().upload_framework(&b, &next).await,
            Err(AppError::Forbidden)
        ));
        assert_eq!(app.competence().frameworks(&a).await.unwrap().len(), 2);
        t.cleanup().await.unwrap();
    }
}
