//! The leadership checks find the problems planted in the demo organisation, on every backend.

use mognad_app::App;
use mognad_app::org::checks::DEFAULT_SPAN;
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::testdb;

#[tokio::test]
async fn the_checks_find_the_demos_planted_problems() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let demo = app.create_demo(&|_, _| {}).await.unwrap();
        let user = app
            .platform()
            .create_user("analys@norrvik.se", "Analys", "ett långt lösenord", Language::Sv)
            .await
            .unwrap();
        app.platform()
            .grant_role(user.id, demo.org, Role::Member)
            .await
            .unwrap();
        let a = app.platform().actor(user, demo.org).await.unwrap();
        let c = app.org().leadership_checks(&a, DEFAULT_SPAN).await.unwrap();
        // Every 25th person was left without a supervisor.
        assert!(
            c.without_supervisor.len() >= 400 / 25,
            "{}",
            c.without_supervisor.len()
        );
        // Team leads were chosen who supervise nobody in their team.
        assert!(!c.lead_mismatches.is_empty());
        assert!(
            c.lead_mismatches
                .iter()
                .all(|m| m.supervisor.as_ref() != Some(&m.lead))
        );
        // Mentoring covers a few people only.
        assert!(c.without_mentor.len() > 300);
        assert!(c.cycles.is_empty(), "the rules keep supervision free of cycles");
        assert!(
            c.span_outside
                .iter()
                .all(|s| s.direct_reports < DEFAULT_SPAN.0 || s.direct_reports > DEFAULT_SPAN.1)
        );
        assert!(
            app.org().leadership_checks(&a, (5, 2)).await.is_err(),
            "an upside-down range is refused"
        );
        t.cleanup().await.unwrap();
    }
}
