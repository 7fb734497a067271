//! Competence frameworks on every backend: the shipped one is added once, uploads are
//! validated with line numbers, a stored version never changes, and organisations and roles
//! are kept apart.

use mognad_app::{Actor, App, AppError};
use mognad_domain::competence::builtin_source;
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::role::Role;
use mognad_domain::text::Name;
use mognad_store::testdb;

async fn actor(app: &App, email: &str, org: &str, role: Role) -> Actor {
    let user = app
        .create_user(email, "Test", "ett långt lösenord", Language::Sv)
        .await
        .unwrap();
    let settings = OrgSettings {
        name: Name::parse("name", org).unwrap(),
        language: Language::Sv,
        anonymity_threshold: AnonymityThreshold::DEFAULT,
    };
    let o = app.create_org(settings, Some(user.id)).await.unwrap();
    app.grant_role(user.id, o.id, role).await.unwrap();
    app.actor(user, o.id).await.unwrap()
}

#[tokio::test]
async fn frameworks_are_shipped_validated_and_kept_apart() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let a = actor(&app, "a@norrvik.se", "Norrvik", Role::Admin).await;
        let b = actor(&app, "b@soderby.se", "Söderby", Role::Member).await;
        let first = app.frameworks(&a).await.unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(
            app.frameworks(&a).await.unwrap(),
            first,
            "the shipped framework is added once"
        );
        let f = app.framework(&a, first[0].id).await.unwrap();
        assert_eq!(f.id, "it-ledarskap");
        assert!(matches!(
            app.framework(&b, first[0].id).await,
            Err(AppError::NotFound)
        ));

        let broken = builtin_source().replace("id = \"empati\"", "id = \"Empati!\"");
        match app.upload_framework(&a, &broken).await {
            Err(AppError::Invalid(v)) => {
                assert!(v[0].field.as_deref().is_some_and(|f| f.starts_with("line ")))
            }
            other => panic!("a broken file was accepted: {other:?}"),
        }
        assert!(matches!(
            app.upload_framework(&a, builtin_source()).await,
            Err(AppError::Conflict(_))
        ));
        let next = builtin_source().replace("version = 1", "version = 2");
        assert_eq!(app.upload_framework(&a, &next).await.unwrap().version, 2);
        assert!(matches!(
            app.upload_framework(&b, &next).await,
            Err(AppError::Forbidden)
        ));
        assert_eq!(app.frameworks(&a).await.unwrap().len(), 2);
        t.cleanup().await.unwrap();
    }
}
