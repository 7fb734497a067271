//! Answering a round and reading its results, on SQLite and (when configured) PostgreSQL:
//! invitations, drafts, idempotent and concurrent submits, counts that match the answers, and
//! every anonymity rule including differencing.

mod common;

use futures_util::StreamExt;
use mognad_app::measurement::respond::SubmitResult;
use mognad_app::measurement::results::Withheld;
use mognad_app::measurement::rounds::RoundInput;
use mognad_app::measurement::submit::Outcome;
use mognad_app::org::directory::UnitInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::answer::{Answers, comment_field, complete_form, item_field};
use mognad_domain::ids::RoundId;
use mognad_domain::model::Model;
use mognad_domain::role::Role;
use mognad_domain::tally::Tally;
use mognad_store::{responses, testdb};
use uuid::Uuid;

async fn admin(app: &App) -> Actor {
    common::actor(app, "admin@ekby.se", "Ekby kommun", Role::Admin).await
}

/// Every field of `model` answered with `value` (capped at each item's range), importance 4.
fn full_form(model: &Model, value: u8, comment: Option<&str>) -> Vec<(String, String)> {
    let mut f = complete_form(model, |_| value, 4);
    if let Some(c) = comment {
        f.push((comment_field(&model.engines[0].id), c.into()));
    }
    f
}

struct Org {
    a: Actor,
    units: [Uuid; 3],
    groups: [Uuid; 3],
}

/// A root unit with units A and B; group 1 (6 people) and group 2 (3) in A, group 3 (6) in B.
async fn organisation(app: &App) -> Org {
    let a = admin(app).await;
    let unit = |name: &str, parent: Option<Uuid>| UnitInput {
        name: name.into(),
        parent_id: parent.map(|p| p.to_string()),
        ..Default::default()
    };
    let root = app
        .org()
        .save_unit(&a, None, &unit("Kommunen", None))
        .await
        .unwrap()
        .id
        .0;
    let ua = app
        .org()
        .save_unit(&a, None, &unit("A", Some(root)))
        .await
        .unwrap()
        .id
        .0;
    let ub = app
        .org()
        .save_unit(&a, None, &unit("B", Some(root)))
        .await
        .unwrap()
        .id
        .0;
    let mut groups = [Uuid::nil(); 3];
    for (gi, (name, unit_id, size)) in [("G1", ua, 6), ("G2", ua, 3), ("G3", ub, 6)]
        .into_iter()
        .enumerate()
    {
        groups[gi] = common::group_of(app, &a, name, Some(unit_id), size).await;
    }
    Org {
        a,
        units: [root, ua, ub],
        groups,
    }
}

async fn round(app: &App, a: &Actor, name: &str) -> Uuid {
    let model = app
        .measurement()
        .models(a)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.key == "nio-motorer")
        .unwrap();
    let input = RoundInput {
        name: name.into(),
        model_id: model.id.to_string(),
        ..Default::default()
    };
    app.measurement().create_round(a, &input).await.unwrap().id.0
}

async fn answering_story(app: &App) {
    let o = organisation(app).await;
    let a = &o.a;
    let r = round(app, a, "Nollmätning").await;
    let links = app.measurement().issue_invitations(a, RoundId(r)).await.unwrap();
    assert_eq!(links.len(), 15);
    assert!(
        app.measurement()
            .issue_invitations(a, RoundId(r))
            .await
            .unwrap()
            .is_empty(),
        "nobody is invited twice"
    );
    let model = app.measurement().respondent(&links[0].token).await.unwrap().model;
    let link = |g: &str, i: usize| -> String {
        links
            .iter()
            .filter(|l| l.group_name == g)
            .nth(i)
            .unwrap()
            .token
            .clone()
    };

    // Before the round opens, nothing is accepted.
    let early = app
        .measurement()
        .submit_answers(&link("G1", 0), &full_form(&model, 3, None))
        .await
        .unwrap();
    assert!(matches!(early, SubmitResult::Done(Outcome::NotOpen)));
    app.measurement()
        .set_round_state(a, RoundId(r), "open")
        .await
        .unwrap();
    assert!(matches!(
        app.measurement().respondent("no-such-token").await,
        Err(AppError::NotFound)
    ));

    // A draft is kept between visits, and a half-answered submit points at what is missing.
    let first = model.engines[0].items[0].id.clone();
    let field = item_field(&model.engines[0].id, &first);
    let (_, errors) = app
        .measurement()
        .save_answers(&link("G1", 0), &[(field.clone(), "2".into())])
        .await
        .unwrap();
    assert!(errors.is_empty());
    assert_eq!(
        app.measurement()
            .respondent(&link("G1", 0))
            .await
            .unwrap()
            .answers
            .values[0],
        2
    );
    match app
        .measurement()
        .submit_answers(&link("G1", 0), &[])
        .await
        .unwrap()
    {
        SubmitResult::Incomplete { engine, errors, .. } => {
            assert_eq!(engine, 0);
            assert!(errors.iter().all(|e| e.code == "required" && e.field != field));
        }
        SubmitResult::Done(o) => panic!("an incomplete submit was stored: {o:?}"),
    }
    let (_, errors) = app
        .measurement()
        .save_answers(&link("G1", 0), &[(field.clone(), "99".into())])
        .await
        .unwrap();
    assert_eq!(errors[0].code, "answer-range");

    // Group 1 answers all at once (one batch or several), each link exactly once.
    let mut tasks = Vec::new();
    for i in 0..6 {
        let (app, token, form) = (
            app.clone(),
            link("G1", i),
            full_form(&model, 2 + (i % 3) as u8, Some("Mer <b>tid</b>")),
        );
        tasks.push(tokio::spawn(async move {
            app.measurement().submit_answers(&token, &form).await.unwrap()
        }));
    }
    for t in tasks {
        assert!(matches!(t.await.unwrap(), SubmitResult::Done(Outcome::Accepted)));
    }
    let again = app
        .measurement()
        .submit_answers(&link("G1", 0), &full_form(&model, 5, None))
        .await
        .unwrap();
    assert!(
        matches!(again, SubmitResult::Done(Outcome::AlreadySubmitted)),
        "a repeated submit stores nothing"
    );
    assert!(
        app.measurement()
            .respondent(&link("G1", 0))
            .await
            .unwrap()
            .submitted
    );
    for i in 0..2 {
        app.measurement()
            .submit_answers(&link("G2", i), &full_form(&model, 1, None))
            .await
            .unwrap();
    }
    for i in 0..5 {
        app.measurement()
            .submit_answers(&link("G3", i), &full_form(&model, 4, Some("Bra")))
            .await
            .unwrap();
    }

    // Response rate comes from used links.
    let status = app.measurement().round_status(a, RoundId(r)).await.unwrap();
    let g1 = status.iter().find(|s| s.name == "G1").unwrap();
    assert_eq!((g1.members, g1.invited, g1.answered), (6, 6, 6));
    let g3 = status.iter().find(|s| s.name == "G3").unwrap();
    assert_eq!((g3.answered, g3.rate.map(|r| r.round())), (5, Some(83.0)));

    // While the round is open nothing but answer counts is shown, and nothing is exported.
    let open = app.measurement().results(a, RoundId(r)).await.unwrap();
    for x in std::iter::once(&open.organisation)
        .chain(&open.units)
        .chain(&open.groups)
    {
        assert!(
            !x.visible && x.scores.is_empty(),
            "{} shown while the round is open",
            x.name
        );
        assert_eq!(x.withheld, Some(Withheld::NotClosed));
    }
    assert_eq!(open.area(o.groups[0]).unwrap().n, 6);
    assert!(
        app.measurement()
            .area_detail(a, RoundId(r), o.groups[0])
            .await
            .unwrap()
            .engines
            .is_empty()
    );
    assert!(matches!(
        app.measurement().stream_answers(a, RoundId(r)).await,
        Err(AppError::Refused {
            code: "not-closed",
            ..
        })
    ));

    // Shared link: the wrong code is refused; the right one hands out a working link.
    let status = app.measurement().round_status(a, RoundId(r)).await.unwrap();
    let g2 = status.iter().find(|s| s.name == "G2").unwrap();
    let slug = g2.shared_slug.clone().unwrap();
    assert!(matches!(
        app.measurement().join_shared(&slug, "WRONG", "test").await,
        Err(AppError::Invalid(_))
    ));
    let code = g2.access_code.clone().unwrap().to_lowercase();
    let token = app.measurement().join_shared(&slug, &code, "test").await.unwrap();
    app.measurement()
        .submit_answers(&token, &full_form(&model, 3, None))
        .await
        .unwrap();
    app.measurement()
        .submit_answers(&link("G2", 2), &full_form(&model, 3, None))
        .await
        .unwrap();

    // The running tallies equal a recount of the stored answers (counts exactly, sums to
    // rounding, since they were added in another order).
    let mut recount = std::collections::BTreeMap::<Uuid, Tally>::new();
    let mut stream = responses::stream(&app.db, RoundId(r));
    let mut stored = 0;
    while let Some(row) = stream.next().await {
        let (g, code) = row.unwrap();
        let answers = Answers::from_code(&model, &code).unwrap();
        recount.entry(g).or_default().add_answers(&model, &answers);
        stored += 1;
    }
    drop(stream);
    assert_eq!(stored, 6 + 4 + 5);
    let mut tx = app.db.read().await.unwrap();
    let kept: std::collections::BTreeMap<Uuid, Tally> = responses::tallies(&mut tx, RoundId(r))
        .await
        .unwrap()
        .into_iter()
        .collect();
    tx.rollback().await.unwrap();
    assert_eq!(
        kept.keys().collect::<Vec<_>>(),
        recount.keys().collect::<Vec<_>>()
    );
    for (g, t) in &kept {
        let want = &recount[g];
        assert_eq!((t.n, &t.counts), (want.n, &want.counts));
        for (e, s) in &t.sums {
            assert!((s.sum - want.sums[e].sum).abs() < 1e-6 && s.n == want.sums[e].n);
        }
    }

    // A closed round takes no more answers.
    app.measurement()
        .set_round_state(a, RoundId(r), "closed")
        .await
        .unwrap();
    let late = app
        .measurement()
        .submit_answers(&link("G3", 5), &full_form(&model, 3, None))
        .await
        .unwrap();
    assert!(matches!(late, SubmitResult::Done(Outcome::NotOpen)));
    assert!(app.measurement().join_shared(&slug, &code, "test").await.is_err());

    // Anonymity: G2 (4 answers) is hidden; unit A = G1 + G2 would reveal G2 by subtraction and
    // is withheld. The organisation (and the root unit, the same groups) minus G1 and G3 would
    // reveal G2 too, but the whole is not given up for one small group: G3, the smaller group
    // beside it, is withheld instead (with unit B, which equals it), and says why.
    let res = app.measurement().results(a, RoundId(r)).await.unwrap();
    let vis = |id: Uuid| res.area(id).map(|x| (x.visible, x.n)).unwrap();
    assert_eq!(vis(o.groups[0]), (true, 6));
    assert_eq!(vis(o.groups[1]), (false, 4));
    assert_eq!(vis(o.groups[2]), (false, 5));
    assert_eq!(vis(o.units[1]), (false, 10));
    assert_eq!(vis(o.units[2]), (false, 5));
    assert_eq!(vis(o.units[0]), (true, 15));
    assert_eq!(vis(a.org.0), (true, 15));
    assert_eq!(
        res.area(o.groups[1]).unwrap().withheld,
        Some(Withheld::FewAnswers)
    );
    assert_eq!(
        res.area(o.groups[2]).unwrap().withheld,
        Some(Withheld::ProtectsOthers)
    );
    assert_eq!(res.area(o.groups[0]).unwrap().withheld, None);
    for hidden in [o.groups[1], o.groups[2]] {
        assert!(
            res.area(hidden).unwrap().scores.is_empty(),
            "no numbers for a hidden group"
        );
        let detail = app
            .measurement()
            .area_detail(a, RoundId(r), hidden)
            .await
            .unwrap();
        assert!(detail.engines.is_empty() && detail.comments.is_empty());
    }

    // Scores follow the answers: G1 answered 2, 3 and 4 everywhere, twice each.
    let g1 = app
        .measurement()
        .area_detail(a, RoundId(r), o.groups[0])
        .await
        .unwrap();
    let expect = |item: &mognad_domain::model::Item, v: f64| {
        (100.0 * (v - 1.0) / f64::from(item.answer_count() - 1)).min(100.0)
    };
    let e0 = &model.engines[0];
    let want = [2.0, 3.0, 4.0]
        .iter()
        .map(|&v| {
            e0.items.iter().map(|i| expect(i, v) * i.weight).sum::<f64>()
                / e0.items.iter().map(|i| i.weight).sum::<f64>()
        })
        .sum::<f64>()
        / 3.0;
    assert!((g1.engines[0].score.unwrap() - want).abs() < 1e-6);
    assert_eq!(g1.engines[0].importance, Some(4.0));
    let comment = mognad_app::measurement::detail::Comment {
        engine: e0.id.clone(),
        text: "Mer <b>tid</b>".into(),
    };
    assert_eq!(g1.comments, vec![comment; 6]);

    // Targets give a gap list, ordered by priority.
    let targets: Vec<_> = model
        .engines
        .iter()
        .map(|e| mognad_app::measurement::compare::TargetInput {
            engine: e.id.clone(),
            target: Some(90),
        })
        .collect();
    app.measurement()
        .set_targets(a, RoundId(r), a.org.0, &targets)
        .await
        .unwrap();
    let g1 = app
        .measurement()
        .area_detail(a, RoundId(r), o.groups[0])
        .await
        .unwrap();
    assert_eq!(g1.gaps.len(), model.engines.len());
    assert!(g1.gaps.windows(2).all(|w| w[0].priority >= w[1].priority));
    let bad = [mognad_app::measurement::compare::TargetInput {
        engine: e0.id.clone(),
        target: Some(101),
    }];
    assert!(matches!(
        app.measurement().set_targets(a, RoundId(r), a.org.0, &bad).await,
        Err(AppError::Invalid(_))
    ));
}

/// T0 → T1: G1 rises clearly, and a change is only given where both rounds show the group.
async fn comparison_story(app: &App) {
    let o = organisation(app).await;
    let a = &o.a;
    let mut rounds = Vec::new();
    for (name, value) in [("T0", 2u8), ("T1", 4u8)] {
        let r = round(app, a, name).await;
        let links = app.measurement().issue_invitations(a, RoundId(r)).await.unwrap();
        app.measurement()
            .set_round_state(a, RoundId(r), "open")
            .await
            .unwrap();
        let model = app.measurement().respondent(&links[0].token).await.unwrap().model;
        for (i, l) in links.iter().filter(|l| l.group_name != "G2").enumerate() {
            let v = value + (i % 2) as u8;
            app.measurement()
                .submit_answers(&l.token, &full_form(&model, v, None))
                .await
                .unwrap();
        }
        app.measurement()
            .set_round_state(a, RoundId(r), "closed")
            .await
            .unwrap();
        rounds.push(r);
    }
    assert_eq!(
        app.measurement()
            .previous_round(a, RoundId(rounds[1]))
            .await
            .unwrap(),
        Some(RoundId(rounds[0]))
    );
    assert_eq!(
        app.measurement()
            .previous_round(a, RoundId(rounds[0]))
            .await
            .unwrap(),
        None
    );
    let c = app
        .measurement()
        .compare(a, RoundId(rounds[0]), RoundId(rounds[1]))
        .await
        .unwrap();
    let g1 = c.areas.iter().find(|x| x.id == o.groups[0]).unwrap();
    let ch = g1.changes[0].as_ref().unwrap();
    assert!(ch.diff > 0.0 && ch.clear && ch.low > 0.0, "{ch:?}");
    let g2 = c.areas.iter().find(|x| x.id == o.groups[1]).unwrap();
    assert!(!g2.visible && g2.changes.iter().all(Option::is_none));
}

#[tokio::test]
async fn answering_and_results_on_every_backend() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        answering_story(&app).await;
        eprintln!("answering story passed on {}", t.label);
        let label = t.label;
        t.cleanup().await.unwrap();
        let t = if label == "sqlite" {
            testdb::TestDb::sqlite().await.unwrap()
        } else {
            testdb::TestDb::postgres().await.unwrap().unwrap()
        };
        let app = App::new(t.db.clone());
        comparison_story(&app).await;
        t.cleanup().await.unwrap();
    }
}
