//! Anonymity over time, one leak at a time, on every backend: what a closed round shows does
//! not move when the directory or the threshold does, and an open round shows counts only.
//! Reminders, shared links and people in two groups are in `links.rs`.

mod common;

use mognad_app::org::directory::{NamedInput, UnitInput};
use mognad_app::org::organisations::SettingsInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::ids::{GroupId, RoundId, UnitId};
use mognad_domain::role::Role;
use mognad_store::testdb;
use serde_json::Value;
use uuid::Uuid;

/// Everything a member can read about a round: its results and every area's detail.
async fn everything(app: &App, a: &Actor, r: Uuid) -> Value {
    let res = app.measurement().results(a, RoundId(r)).await.unwrap();
    let mut details = Vec::new();
    for id in std::iter::once(res.organisation.id)
        .chain(res.units.iter().map(|x| x.id))
        .chain(res.groups.iter().map(|x| x.id))
    {
        details.push(
            serde_json::to_value(app.measurement().area_detail(a, RoundId(r), id).await.unwrap()).unwrap(),
        );
    }
    serde_json::json!({ "results": res, "details": details })
}

/// `v` without its answer counts, which an open round shows and which change as answers come.
fn without_counts(mut v: Value) -> Value {
    match &mut v {
        Value::Object(m) => {
            m.remove("n");
            for x in m.values_mut() {
                *x = without_counts(x.take());
            }
        }
        Value::Array(xs) => xs.iter_mut().for_each(|x| *x = without_counts(x.take())),
        _ => {}
    }
    v
}

/// Units A and B under a root; G1 (6) and G2 (3) in A, G3 (6) in B; everyone answers.
async fn closed_round(app: &App, a: &Actor) -> (Uuid, [Uuid; 3], [Uuid; 3]) {
    let unit = |name: &str, parent: Option<Uuid>| UnitInput {
        name: name.into(),
        parent_id: parent.map(|p| p.to_string()),
        ..Default::default()
    };
    let root = app
        .org()
        .save_unit(a, None, &unit("Kommunen", None))
        .await
        .unwrap()
        .id
        .0;
    let ua = app
        .org()
        .save_unit(a, None, &unit("A", Some(root)))
        .await
        .unwrap()
        .id
        .0;
    let ub = app
        .org()
        .save_unit(a, None, &unit("B", Some(root)))
        .await
        .unwrap()
        .id
        .0;
    let g1 = common::group_of(app, a, "G1", Some(ua), 6).await;
    let g2 = common::group_of(app, a, "G2", Some(ua), 3).await;
    let g3 = common::group_of(app, a, "G3", Some(ub), 6).await;
    let r = common::new_round(app, a, "T0").await;
    let links = app.measurement().issue_invitations(a, RoundId(r)).await.unwrap();
    app.measurement()
        .set_round_state(a, RoundId(r), "open")
        .await
        .unwrap();
    for (i, l) in links.iter().enumerate() {
        common::answer(app, &l.token, 1 + (i % 4) as u8).await;
    }
    app.measurement()
        .set_round_state(a, RoundId(r), "closed")
        .await
        .unwrap();
    (r, [root, ua, ub], [g1, g2, g3])
}

#[tokio::test]
async fn a_closed_round_shows_the_same_whatever_the_directory_and_threshold_do() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let a = common::actor(&app, "admin@ekby.se", "Ekby kommun", Role::Admin).await;
        let (r, units, groups) = closed_round(&app, &a).await;
        let before = everything(&app, &a, r).await;
        let res = app.measurement().results(&a, RoundId(r)).await.unwrap();
        assert!(!res.area(groups[1]).unwrap().visible, "three answers under k = 5");
        // Closing recorded in the ledger exactly what the round shows.
        let mut tx = app.db.read().await.unwrap();
        let ledger = mognad_store::frozen::releases(&mut tx, RoundId(r)).await.unwrap();
        tx.rollback().await.unwrap();
        let mut recorded: Vec<Uuid> = ledger.iter().map(|x| x.area_id).collect();
        let mut shown: Vec<Uuid> = std::iter::once(&res.organisation)
            .chain(&res.units)
            .chain(&res.groups)
            .filter(|x| x.visible)
            .map(|x| x.id)
            .collect();
        recorded.sort();
        shown.sort();
        assert_eq!(recorded, shown);

        // Move the small group to the other unit, rename it, empty a group and lower k.
        let moved = NamedInput {
            name: "G2 omdöpt".into(),
            unit_id: Some(units[2].to_string()),
        };
        app.org()
            .save_group(&a, Some(GroupId(groups[1])), &moved)
            .await
            .unwrap();
        let g1 = app.org().group(&a, GroupId(groups[0])).await.unwrap();
        for p in g1.member_ids {
            app.org()
                .set_group_member(&a, GroupId(groups[0]), p, false)
                .await
                .unwrap();
        }
        let org = app.org().organisation(&a).await.unwrap();
        let lower = SettingsInput {
            name: org.settings.name.to_string(),
            language: "sv".into(),
            anonymity_threshold: "3".into(),
        };
        app.org().update_settings(&a, &lower).await.unwrap();
        app.org().delete_unit(&a, UnitId(units[1])).await.unwrap();

        // (Compared whole; printed only as a verdict, the documents are long.)
        assert!(
            everything(&app, &a, r).await == before,
            "{}: a closed round's output moved",
            t.label
        );
        let res = app.measurement().results(&a, RoundId(r)).await.unwrap();
        assert_eq!(res.k, 5, "the round keeps the threshold it was answered under");
        let status = app.measurement().round_status(&a, RoundId(r)).await.unwrap();
        let g1 = status.iter().find(|s| s.group_id == GroupId(groups[0])).unwrap();
        assert_eq!(
            (g1.name.as_str(), g1.members),
            ("G1", 6),
            "names and members as frozen"
        );

        // A round opened after the change uses the new threshold.
        let r2 = common::new_round(&app, &a, "T1").await;
        app.measurement()
            .set_round_state(&a, RoundId(r2), "open")
            .await
            .unwrap();
        assert_eq!(app.measurement().results(&a, RoundId(r2)).await.unwrap().k, 3);
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn an_open_round_shows_counts_only_and_one_more_answer_changes_nothing_else() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let a = common::actor(&app, "admin@ekby.se", "Ekby kommun", Role::Admin).await;
        let g = common::group_of(&app, &a, "Ledningen", None, 8).await;
        let r = common::new_round(&app, &a, "T0").await;
        let links = app.measurement().issue_invitations(&a, RoundId(r)).await.unwrap();
        app.measurement()
            .set_round_state(&a, RoundId(r), "open")
            .await
            .unwrap();
        for l in &links[..6] {
            common::answer(&app, &l.token, 2).await;
        }
        let before = everything(&app, &a, r).await;
        // The seventh answer is the only difference between the two reads.
        common::answer(&app, &links[6].token, 5).await;
        let after = everything(&app, &a, r).await;
        assert!(
            without_counts(after.clone()) == without_counts(before),
            "{}: an open round's output moved with one answer",
            t.label
        );
        assert_eq!(after["results"]["groups"][0]["n"], 7);
        assert!(
            after["results"]["groups"][0]["scores"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        for export in [
            app.measurement().stream_answers(&a, RoundId(r)).await.err(),
            app.measurement().results_for_export(&a, RoundId(r)).await.err(),
        ] {
            assert!(matches!(
                export,
                Some(AppError::Refused {
                    code: "not-closed",
                    ..
                })
            ));
        }
        app.measurement()
            .set_round_state(&a, RoundId(r), "closed")
            .await
            .unwrap();
        let res = app.measurement().results(&a, RoundId(r)).await.unwrap();
        assert!(
            res.area(g).unwrap().visible,
            "at close the group's results appear"
        );
        t.cleanup().await.unwrap();
    }
}
