//! The summary in words of an area: its sentences agree with the numbers the result pages show
//! (response, gaps, the clear changes since the previous round), and a withheld area says nothing.

mod common;

use mognad_app::App;
use mognad_domain::role::Role;
use mognad_domain::summary::Sentence;
use mognad_store::testdb;

#[tokio::test]
async fn the_summary_says_what_the_tables_show() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let demo = app.create_demo(&|_, _| {}).await.unwrap();
        let owner = common::member_of(&app, demo.org, "owner@norrvik.se", Role::Owner).await;
        let m = app.measurement();
        let closed: Vec<_> = m
            .rounds(&owner)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.state == "closed")
            .collect();
        assert_eq!(closed.len(), 2, "the demo has a baseline and a follow-up");
        let (before, after) = (closed[0].id, closed[1].id);
        let (res, detail) = m.area_with_results(&owner, after, demo.org.0).await.unwrap();
        let said = m.summary(&owner, &res, &detail).await.unwrap();

        let Sentence::Response {
            answered,
            base,
            percent,
        } = said[0].clone()
        else {
            panic!("the response comes first: {said:?}");
        };
        assert_eq!(answered, detail.n);
        assert!(base >= answered && percent == (100 * answered + base / 2) / base);
        assert!(matches!(said[1], Sentence::Overall { .. }));
        if let Some(top) = detail.gaps.first() {
            assert!(said.contains(&Sentence::TopGaps {
                engines: detail.gaps.iter().take(3).map(|g| g.engine.clone()).collect()
            }));
            assert!(!said.contains(&Sentence::NoGaps), "{}", top.engine);
        }

        // Every engine named as clearly better is one whose interval excludes zero upwards.
        let cmp = m.compare(&owner, before, after).await.unwrap();
        let org = cmp.areas.iter().find(|a| a.id == demo.org.0).unwrap();
        let clear_up: Vec<&String> = cmp
            .engines
            .iter()
            .zip(&org.changes)
            .filter(|(_, c)| c.as_ref().is_some_and(|c| c.clear && c.diff > 0.0))
            .map(|(k, _)| k)
            .collect();
        let named_up: Vec<String> = said
            .iter()
            .find_map(|s| match s {
                Sentence::Improved { engines } => Some(engines.clone()),
                _ => None,
            })
            .unwrap_or_default();
        assert!(
            named_up.len() == clear_up.len().min(3),
            "{named_up:?} vs {clear_up:?}"
        );
        assert!(named_up.iter().all(|k| clear_up.contains(&k)));
        assert!(
            !clear_up.is_empty(),
            "the demo's follow-up is clearly better somewhere, so this test can fail"
        );

        // The baseline has nothing before it: no sentence about change.
        let (res0, detail0) = m.area_with_results(&owner, before, demo.org.0).await.unwrap();
        let said0 = m.summary(&owner, &res0, &detail0).await.unwrap();
        assert!(!said0.iter().any(|s| matches!(
            s,
            Sentence::Improved { .. } | Sentence::Declined { .. } | Sentence::NoClearChange
        )));

        // A withheld area has no summary.
        let mut hidden = detail.clone();
        hidden.visible = false;
        assert!(m.summary(&owner, &res, &hidden).await.unwrap().is_empty());
        t.cleanup().await.unwrap();
    }
}
