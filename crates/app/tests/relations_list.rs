//! The relationships list on every backend: narrowed by kind, by whether a relationship still
//! holds and by a name on either side, fifty to a page.

mod common;

use common::{actor, unit};
use mognad_app::App;
use mognad_app::org::directory::PersonInput;
use mognad_app::org::relations::RelationshipInput;
use mognad_app::org::relations_list::{PAGE, RelFilter};
use mognad_domain::role::Role;
use mognad_store::testdb;

#[tokio::test]
async fn the_relationships_list_filters_and_pages() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let it = unit(&app, &admin, "IT").await;
        let mut ids = Vec::new();
        for i in 0..=PAGE + 1 {
            let input = PersonInput {
                name: format!("Person {i:02}"),
                unit_id: Some(it.to_string()),
                ..Default::default()
            };
            ids.push(app.org().save_person(&admin, None, &input).await.unwrap().id);
        }
        let rel = |kind: &str, from: usize, to: usize, valid_to: Option<&str>| RelationshipInput {
            kind: kind.into(),
            from_id: ids[from].to_string(),
            to_id: ids[to].to_string(),
            valid_from: "2020-01-01".into(),
            valid_to: valid_to.map(str::to_owned),
            ..Default::default()
        };
        for to in 1..ids.len() {
            app.org()
                .save_relationship(&admin, None, &rel("supervision", 0, to, None))
                .await
                .unwrap();
        }
        app.org()
            .save_relationship(&admin, None, &rel("mentorship", 3, 4, Some("2021-12-31")))
            .await
            .unwrap();
        let list = |f: RelFilter| {
            let app = app.clone();
            let admin = admin.clone();
            async move { app.org().relationship_list(&admin, &f).await.unwrap() }
        };

        let all = list(RelFilter::default()).await;
        assert_eq!((all.total, all.pages, all.rows.len()), (PAGE + 2, 2, PAGE));
        let second = list(RelFilter {
            page: Some(2),
            ..Default::default()
        })
        .await;
        assert_eq!((second.page, second.rows.len()), (2, 2));
        let beyond = list(RelFilter {
            page: Some(9),
            ..Default::default()
        })
        .await;
        assert_eq!(beyond.page, 2, "a page past the end shows the last");

        let mentoring = list(RelFilter {
            kind: "mentorship".into(),
            ..Default::default()
        })
        .await;
        assert_eq!(mentoring.total, 1);
        let ended = list(RelFilter {
            state: "ended".into(),
            ..Default::default()
        })
        .await;
        assert_eq!((ended.total, ended.rows[0].view.kind.as_str()), (1, "mentorship"));
        let current = list(RelFilter {
            state: "current".into(),
            ..Default::default()
        })
        .await;
        assert_eq!(current.total, PAGE + 1);
        let named = list(RelFilter {
            q: "person 04".into(),
            ..Default::default()
        })
        .await;
        assert_eq!(named.total, 2, "Person 04 is supervised and mentored");
        assert!(
            named
                .rows
                .iter()
                .all(|r| r.from_name == "Person 04" || r.to_name == "Person 04")
        );
        t.cleanup().await.unwrap();
    }
}
