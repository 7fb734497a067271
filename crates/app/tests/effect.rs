//! The loop from plan back to measurement, on every backend: initiatives name the engines and
//! leadership groups they work with (checked against what the organisation has), the effect
//! view sets the change in those groups against the others, and the organisation's and one
//! initiative's dashboards count progress, throughput, workload and the maturity trend.

mod common;

use chrono::{Duration, Utc};
use mognad_app::measurement::rounds::RoundInput;
use mognad_app::org::directory::{NamedInput, PersonInput};
use mognad_app::plan::cards::{MoveInput, TaskInput};
use mognad_app::plan::initiatives::InitiativeInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::answer::complete_form;
use mognad_domain::ids::{BoardId, InitiativeId, RoundId};
use mognad_domain::model::Model;
use mognad_domain::role::Role;
use mognad_store::testdb;
use uuid::Uuid;

struct Org {
    a: Actor,
    /// G1 … G4, six people each.
    groups: Vec<Uuid>,
    model: Model,
}

async fn organisation(app: &App) -> Org {
    let a = common::actor(app, "admin@ekby.se", "Ekby kommun", Role::Admin).await;
    let mut groups = Vec::new();
    for name in ["G1", "G2", "G3", "G4"] {
        groups.push(common::group_of(app, &a, name, None, 6).await);
    }
    let info = app
        .measurement()
        .models(&a)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.key == "nio-motorer")
        .unwrap();
    let model = app.measurement().model(&a, info.id).await.unwrap();
    Org { a, groups, model }
}

/// A round in `groups` where each respondent of group `g` answers every item of engine `e` with
/// `value(g, e)` plus 0 or 1 by turns (so every group has some spread).
async fn measure(app: &App, o: &Org, name: &str, groups: &[Uuid], value: &dyn Fn(Uuid, &str) -> u8) -> Uuid {
    let models = app.measurement().models(&o.a).await.unwrap();
    let model_id = models.iter().find(|m| m.key == "nio-motorer").unwrap().id;
    let input = RoundInput {
        name: name.into(),
        model_id: model_id.to_string(),
        group_ids: groups.iter().map(Uuid::to_string).collect(),
        ..Default::default()
    };
    let r = app.measurement().create_round(&o.a, &input).await.unwrap().id.0;
    let links = app
        .measurement()
        .issue_invitations(&o.a, RoundId(r))
        .await
        .unwrap();
    app.measurement()
        .set_round_state(&o.a, RoundId(r), "open")
        .await
        .unwrap();
    let names: Vec<(Uuid, String)> = app
        .org()
        .groups(&o.a)
        .await
        .unwrap()
        .into_iter()
        .map(|g| (g.id.0, g.name))
        .collect();
    for (i, l) in links.iter().enumerate() {
        let group = names.iter().find(|(_, n)| *n == l.group_name).unwrap().0;
        let form = complete_form(
            &o.model,
            |item| {
                let engine = o
                    .model
                    .engines
                    .iter()
                    .find(|e| e.items.iter().any(|x| std::ptr::eq(x, item)))
                    .unwrap();
                value(group, &engine.id) + (i % 2) as u8
            },
            4,
        );
        app.measurement().submit_answers(&l.token, &form).await.unwrap();
    }
    // Results (and so effects) show only once a round has closed.
    app.measurement()
        .set_round_state(&o.a, RoundId(r), "closed")
        .await
        .unwrap();
    r
}

fn initiative(title: &str, engine: &str, groups: &[Uuid]) -> InitiativeInput {
    InitiativeInput {
        title: title.into(),
        status: "active".into(),
        engines: engine.into(),
        group_ids: groups.iter().map(Uuid::to_string).collect(),
        ..Default::default()
    }
}

async fn story(app: &App) {
    let o = organisation(app).await;
    let a = &o.a;
    let (focus, wide, idle) = (
        o.model.engines[1].id.clone(),
        o.model.engines[2].id.clone(),
        o.model.engines[0].id.clone(),
    );
    // Before any round the shipped nine engines are offered.
    let choices = app.plan().engine_choices(a).await.unwrap();
    assert_eq!(choices.len(), 9);
    assert!(
        app.plan().effect(a).await.unwrap().is_none(),
        "no effect without two rounds"
    );

    let t0 = measure(app, &o, "T0", &o.groups, &|_, _| 2).await;
    let piloted = app
        .plan()
        .save_initiative(
            a,
            None,
            &InitiativeInput {
                competences: "kommunikation, empati".into(),
                ..initiative("Pilot", &focus, &o.groups[..2])
            },
        )
        .await
        .unwrap();
    let everyone = app
        .plan()
        .save_initiative(a, None, &initiative("Alla", &wide, &[]))
        .await
        .unwrap();
    let (list, _) = app.plan().initiatives(a).await.unwrap();
    let p = list.iter().find(|i| i.id == piloted.0).unwrap();
    assert_eq!(p.groups, o.groups[..2].to_vec());
    assert_eq!(p.competences, "kommunikation empati");
    assert!(
        list.iter()
            .find(|i| i.id == everyone.0)
            .unwrap()
            .groups
            .is_empty()
    );

    // Names that are not the organisation's are refused whole, each at its field.
    let other = common::actor(app, "admin@annan.se", "Annan kommun", Role::Admin).await;
    let stranger = app
        .org()
        .save_group(
            &other,
            None,
            &NamedInput {
                name: "Främling".into(),
                unit_id: None,
            },
        )
        .await
        .unwrap();
    for (input, field) in [
        (initiative("X", "finns-inte", &[]), "engines"),
        (
            InitiativeInput {
                competences: "kommunikation finns-inte".into(),
                ..initiative("X", &focus, &[])
            },
            "competences",
        ),
        (initiative("X", &focus, &[stranger.id.0]), "group_ids"),
        (
            InitiativeInput {
                group_ids: vec!["inte-ett-id".into()],
                ..initiative("X", &focus, &[])
            },
            "group_ids",
        ),
    ] {
        match app.plan().save_initiative(a, Some(piloted), &input).await {
            Err(AppError::Invalid(e)) => assert_eq!(e[0].field.as_deref(), Some(field), "{e:?}"),
            other => panic!("{field}: {other:?}"),
        }
    }
    let (list, _) = app.plan().initiatives(a).await.unwrap();
    let kept = list.iter().find(|i| i.id == piloted.0).unwrap();
    assert_eq!(
        (kept.title.as_str(), &kept.groups),
        ("Pilot", &o.groups[..2].to_vec())
    );

    // T1: the pilot groups rose on the focus engine, everyone on the wide one; G4 sat it out.
    let pilots = o.groups[..2].to_vec();
    let t1 = measure(app, &o, "T1", &o.groups[..3], &|g, e| {
        if e == focus && pilots.contains(&g) {
            4
        } else if e == wide {
            3
        } else {
            2
        }
    })
    .await;
    assert_eq!(
        app.measurement().previous_round(a, RoundId(t1)).await.unwrap(),
        Some(RoundId(t0))
    );

    let effect = app
        .plan()
        .effect(a)
        .await
        .unwrap()
        .expect("two rounds of one model");
    assert_eq!((effect.before.as_str(), effect.after.as_str()), ("T0", "T1"));
    let engine = |k: &str| effect.engines.iter().find(|e| e.engine == k).unwrap();
    let f = engine(&focus);
    assert_eq!(f.initiatives.len(), 1);
    let pi = &f.initiatives[0];
    assert_eq!(pi.id, piloted);
    assert_eq!(
        pi.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(),
        ["G1", "G2"]
    );
    for g in &pi.groups {
        let ch = g.change.as_ref().expect("shown in both rounds");
        assert!(ch.clear && ch.diff > 20.0, "{}: {ch:?}", g.name);
    }
    let covered = f.covered.as_ref().unwrap();
    let others = f.others.as_ref().unwrap();
    assert_eq!((covered.groups, others.groups), (2, 1), "G4 is in one round only");
    let (cov, oth) = (covered.change.as_ref().unwrap(), others.change.as_ref().unwrap());
    assert!(cov.clear && cov.diff > 20.0, "{cov:?}");
    assert!(!oth.clear && oth.diff.abs() < 1e-9, "G3 answered alike: {oth:?}");
    assert!((pi.change.as_ref().unwrap().diff - cov.diff).abs() < 1e-9);
    let org = f.change.as_ref().unwrap();
    assert!(org.diff > 0.0 && org.diff < cov.diff, "{org:?}");

    let w = engine(&wide);
    assert_eq!(w.initiatives[0].id, everyone);
    assert!(w.initiatives[0].groups.is_empty());
    let ch = w.change.as_ref().unwrap();
    assert!(ch.clear && ch.diff > 0.0);
    assert!((w.initiatives[0].change.as_ref().unwrap().diff - ch.diff).abs() < 1e-9);
    assert!(w.covered.is_none() && w.others.is_none());
    let i = engine(&idle);
    assert!(i.initiatives.is_empty() && i.covered.is_none());

    // One initiative's dashboard: its cards and its engine's trend in its groups.
    let b = common::board(app, a, "Arbete").await;
    let view = app
        .plan()
        .board(a, BoardId(b.id), &Default::default(), None)
        .await
        .unwrap();
    let done_column = view.columns.iter().find(|c| c.done).unwrap().id;
    let ada = app
        .org()
        .save_person(
            a,
            None,
            &PersonInput {
                name: "Ada".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let today = Utc::now().date_naive();
    let mut cards = Vec::new();
    for (due, hours) in [
        (today + Duration::days(7), "6"),
        (today - Duration::days(1), "10"),
        (today, "2"),
    ] {
        let input = TaskInput {
            title: "Arbete".into(),
            initiative_id: piloted.to_string(),
            assignee_id: ada.id.to_string(),
            due: due.to_string(),
            estimate_hours: hours.into(),
            ..Default::default()
        };
        cards.push(
            app.plan()
                .create_task(a, BoardId(b.id), &input, None)
                .await
                .unwrap(),
        );
    }
    let to_done = MoveInput {
        column_id: done_column.to_string(),
        ..Default::default()
    };
    app.plan().move_task(a, cards[2], &to_done, None).await.unwrap();
    let d = app.plan().initiative_dashboard(a, piloted).await.unwrap();
    assert_eq!((d.progress.done, d.progress.total, d.progress.overdue), (1, 3, 1));
    assert_eq!(d.throughput.last().map(|w| w.1), Some(1), "done this week");
    assert_eq!(d.throughput.iter().map(|w| w.1).sum::<usize>(), 1);
    let load = &d.workload.people;
    assert_eq!((load.len(), load[0].name.as_str(), load[0].cards), (1, "Ada", 2));
    assert_eq!(load[0].weeks[0], 10, "the overdue card falls in this week");
    assert_eq!(load[0].total(), 16);
    assert_eq!(
        d.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(),
        ["G1", "G2"]
    );
    assert_eq!(d.trend.len(), 1);
    let pts = &d.trend[0].points;
    assert_eq!(
        pts.iter()
            .map(|p| (p.round.as_str(), p.groups_shown))
            .collect::<Vec<_>>(),
        [("T0", 2), ("T1", 2)]
    );
    assert!(pts[1].score.unwrap() > pts[0].score.unwrap() + 20.0);
    let wd = app.plan().initiative_dashboard(a, everyone).await.unwrap();
    let wp = &wd.trend[0].points;
    assert!(wp.iter().all(|p| p.groups_shown == 0) && wp[1].score > wp[0].score);
    assert_eq!(wd.progress.total, 0);
    assert!(matches!(
        app.plan()
            .initiative_dashboard(a, InitiativeId(Uuid::now_v7()))
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.plan().initiative_dashboard(&other, piloted).await,
        Err(AppError::NotFound)
    ));

    // The organisation's dashboard holds the same counts among everything else.
    let org = app.plan().dashboard(a).await.unwrap();
    assert_eq!((org.open, org.overdue), (2, 1));
    let pp = org.initiatives.iter().find(|p| p.id == piloted).unwrap();
    assert_eq!((pp.done, pp.total, pp.overdue), (1, 3, 1));
    assert_eq!(
        org.throughput.len(),
        mognad_app::plan::dashboard::THROUGHPUT_WEEKS
    );
    assert_eq!(org.throughput.last().map(|w| w.1), Some(1));
    assert_eq!(org.workload.people[0].name, "Ada");
    let trend: Vec<&str> = org.trend.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(trend, ["T0", "T1"]);
    assert!(org.trend[1].1.unwrap() > org.trend[0].1.unwrap());

    // From a group's gap list an initiative works with that group; engine choices now come
    // from the rounds' model.
    let targets: Vec<_> = o
        .model
        .engines
        .iter()
        .map(|e| mognad_app::measurement::compare::TargetInput {
            engine: e.id.clone(),
            target: Some(95),
        })
        .collect();
    app.measurement()
        .set_targets(a, RoundId(t1), a.org.0, &targets)
        .await
        .unwrap();
    let from_group = app
        .plan()
        .initiative_from_gap(a, RoundId(t1), Some(o.groups[2]), &idle)
        .await
        .unwrap();
    let (list, _) = app.plan().initiatives(a).await.unwrap();
    let made = list.iter().find(|i| i.id == from_group.0).unwrap();
    assert_eq!(made.groups, vec![o.groups[2]]);
    assert!(made.description.contains("(G3)"), "{}", made.description);
    assert_eq!(
        app.plan().engine_choices(a).await.unwrap().len(),
        o.model.engines.len()
    );
}

#[tokio::test]
async fn initiatives_in_groups_and_their_effect_on_every_backend() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        story(&app).await;
        eprintln!("effect story passed on {}", t.label);
        t.cleanup().await.unwrap();
    }
}
