//! The benchmark against other organisations, on both databases: only organisations taking
//! part lend their latest closed round, only when that round shows its organisation result,
//! nothing is shown for fewer than five, a lent result enters the lender's disclosure ledger,
//! and reference tables are loaded by instance administrators only.

mod common;

use mognad_app::measurement::benchmark::ParticipationInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::benchmark::{Population, figures};
use mognad_domain::ids::RoundId;
use mognad_domain::role::Role;
use mognad_store::{frozen, testdb};

fn join(category: &str, size: &str) -> ParticipationInput {
    ParticipationInput {
        category: category.into(),
        size: size.into(),
    }
}

/// An organisation whose one group of `people` answered every item at `value` in a closed
/// round; returns its owner and the round.
async fn measured(app: &App, name: &str, people: usize, answers: usize, value: u8) -> (Actor, RoundId) {
    let a = common::actor(app, &format!("owner@{name}.se"), name, Role::Owner).await;
    common::group_of(app, &a, &format!("Ledning-{name}"), None, people).await;
    let (round, links) = common::open_round(app, &a, "Nollmätning").await;
    for l in links.iter().take(answers) {
        common::answer(app, &l.token, value).await;
    }
    let id = RoundId(round);
    app.measurement().set_round_state(&a, id, "closed").await.unwrap();
    (a, id)
}

#[tokio::test]
async fn others_taking_part_are_compared_from_five_and_none_is_named() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let m = app.measurement();
        let (me, my_round) = measured(&app, "ekby", 5, 5, 3).await;
        let mut lenders = Vec::new();
        for (i, value) in [1u8, 2, 3, 4, 5, 2].into_iter().enumerate() {
            let (a, round) = measured(&app, &format!("kommun{i}"), 5, 5, value).await;
            let size = ["under-250", "250-999", "1000-4999"][i % 3];
            m.set_participation(&a, &join("municipality", size))
                .await
                .unwrap();
            lenders.push((a, round));
        }
        // Too few answers: its organisation result is withheld, so it lends nothing.
        let (few, _) = measured(&app, "glesby", 5, 3, 5).await;
        m.set_participation(&few, &join("municipality", "under-250"))
            .await
            .unwrap();
        // Not taking part: lends nothing.
        measured(&app, "utanby", 5, 5, 5).await;

        let ledger = |round: RoundId| {
            let db = t.db.clone();
            async move {
                let mut tx = db.read().await.unwrap();
                let l = frozen::releases(&mut tx, round).await.unwrap();
                tx.rollback().await.unwrap();
                l
            }
        };
        let b = m.benchmark(&me, None).await.unwrap();
        assert_eq!(b.round, Some(my_round));
        assert!(b.participation.is_none());
        assert!(
            b.comparisons.is_empty(),
            "only those taking part see the comparison"
        );
        assert_eq!(b.own.len(), b.model.as_ref().unwrap().engines.len());
        assert!(ledger(my_round).await.iter().any(|r| r.area_id == me.org.0));

        m.set_participation(&me, &join("municipality", "under-250"))
            .await
            .unwrap();
        let b = m.benchmark(&me, Some(my_round)).await.unwrap();
        // Lending shows the lender's organisation result once it feeds a figure: its ledger holds it.
        let (a, round) = &lenders[0];
        assert!(ledger(*round).await.iter().any(|r| r.area_id == a.org.0));
        let all = &b.comparisons[0];
        assert_eq!(all.population, Population::All);
        assert_eq!(
            all.orgs, 6,
            "the six lenders; not the withheld, not the one outside"
        );
        // The figures are those of the lenders' own organisation results.
        let mut lent: Vec<f64> = Vec::new();
        for (a, round) in &lenders {
            let res = m.results(a, *round).await.unwrap();
            lent.push(res.organisation.scores[0].unwrap());
        }
        assert_eq!(all.engines[0], figures(&lent));
        assert!(all.engines[0].is_some());

        // Two leave: four remain, fewer than five, and nothing is compared.
        m.set_participation(&lenders[0].0, &ParticipationInput::default())
            .await
            .unwrap();
        assert_eq!(m.benchmark(&me, None).await.unwrap().comparisons[0].orgs, 5);
        m.set_participation(&lenders[1].0, &ParticipationInput::default())
            .await
            .unwrap();
        assert!(m.benchmark(&me, None).await.unwrap().comparisons.is_empty());

        // Only administrators sign up; a category is one of the list.
        let member = common::member_of(&app, me.org, "medlem@ekby.se", Role::Member).await;
        assert!(matches!(
            m.set_participation(&member, &join("region", "under-250")).await,
            Err(AppError::Forbidden)
        ));
        let Err(AppError::Invalid(list)) = m.set_participation(&me, &join("kommun", "")).await else {
            panic!("an unknown category is refused");
        };
        let fields: Vec<_> = list.iter().filter_map(|i| i.field.as_deref()).collect();
        assert_eq!(fields, vec!["category", "size"]);
        // A round that is not closed is not compared.
        let open = common::open_round(&app, &me, "Uppföljning").await.0;
        assert!(matches!(
            m.benchmark(&me, Some(RoundId(open))).await,
            Err(AppError::NotFound)
        ));
    }
}

#[tokio::test]
async fn reference_tables_are_loaded_by_instance_administrators() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let m = app.measurement();
        let (me, _) = measured(&app, "ekby", 5, 5, 3).await;
        let model = m.benchmark(&me, None).await.unwrap().model.unwrap();
        let (e0, e1) = (&model.engines[0].id, &model.engines[1].id);
        let csv = format!("Kommun;{e0};{e1}\nA;20;50\nB;40,5;50\nC;60;50\nD;80;\nE;90;50\n");
        assert!(matches!(
            m.load_reference(&me.user, &model.id, "Nationell 2026", &csv)
                .await,
            Err(AppError::Forbidden)
        ));
        app.platform().make_instance_admin(me.user.id).await.unwrap();
        let bad = format!("Kommun;{e0};okänd\nA;20;1\n");
        let Err(AppError::Invalid(list)) = m.load_reference(&me.user, &model.id, "Nationell", &bad).await
        else {
            panic!("an unknown engine is refused");
        };
        assert_eq!(list[0].code, "source-reference-engine");
        let loaded = m
            .load_reference(&me.user, &model.id, "Nationell 2026", &csv)
            .await
            .unwrap();
        assert_eq!(loaded.rows, 5);
        let b = m.benchmark(&me, None).await.unwrap();
        let r = b.reference.unwrap();
        assert_eq!(r.name, "Nationell 2026");
        assert_eq!(r.engines[0], figures(&[20.0, 40.5, 60.0, 80.0, 90.0]));
        assert_eq!(r.engines[1], None, "four scores, all alike");
        // Loading again replaces; removing leaves none.
        m.load_reference(&me.user, &model.id, "Nationell 2027", &csv)
            .await
            .unwrap();
        assert_eq!(m.references(&me.user).await.unwrap().len(), 1);
        m.delete_reference(&me.user, &model.id).await.unwrap();
        assert!(m.benchmark(&me, None).await.unwrap().reference.is_none());
    }
}
