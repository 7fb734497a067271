//! Plan and execution on every backend: boards and ranks, idempotent creates and moves under
//! concurrency, WIP limits, paging and filters, intake forms becoming tasks, alike problems
//! grouped, goals and initiatives from a round's gaps.

mod common;

use common::{actor, board};
use mognad_app::plan::boards::{BoardInput, ColumnInput};
use mognad_app::plan::cards::{MoveInput, TaskInput};
use mognad_app::plan::initiatives::{CostInput, InitiativeInput};
use mognad_app::plan::intake::FormInput;
use mognad_app::{App, AppError};
use mognad_domain::ids::{BoardId, ColumnId, TaskId};
use mognad_domain::role::Role;
use mognad_store::boards::Filter;
use mognad_store::testdb;
use uuid::Uuid;

fn task(title: &str) -> TaskInput {
    TaskInput {
        title: title.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn boards_keep_order_and_writes_are_idempotent() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = actor(&app, "m@soderby.se", "Söderby", Role::Member).await;
        let b = board(&app, &admin, "IT-plan").await;
        assert!(matches!(
            app.plan()
                .create_board(
                    &member,
                    &BoardInput {
                        name: "x".into(),
                        ..Default::default()
                    }
                )
                .await,
            Err(AppError::Forbidden)
        ));
        let view = app
            .plan()
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        let names: Vec<&str> = view.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Inkorg", "Redo", "Pågår", "Klart"]);
        let (backlog, doing, done) = (view.columns[0].id.0, view.columns[2].id.0, view.columns[3].id.0);

        // Sixteen clients create at once, each sending its request twice with one key.
        let mut handles = Vec::new();
        for i in 0..16 {
            for _ in 0..2 {
                let (app, admin) = (app.clone(), admin.clone());
                handles.push(tokio::spawn(async move {
                    app.plan()
                        .create_task(
                            &admin,
                            BoardId(b.id),
                            &task(&format!("Uppgift {i}")),
                            Some(&format!("key-{i}")),
                        )
                        .await
                }));
            }
        }
        let mut ids = Vec::new();
        for h in handles {
            ids.push(h.await.unwrap().expect("no create fails under concurrency"));
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 16, "one task per key");
        let view = app
            .plan()
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        assert_eq!(view.columns[0].count, 16);

        // Moves: to another column's top and bottom, after and before named cards.
        let cards: Vec<Uuid> = view.columns[0].cards.iter().map(|c| c.id.0).collect();
        let mv = |column: Uuid, after: Option<Uuid>, before: Option<Uuid>, position: &str| MoveInput {
            column_id: column.to_string(),
            after: after.map(|a| a.to_string()).unwrap_or_default(),
            before: before.map(|a| a.to_string()).unwrap_or_default(),
            position: position.into(),
        };
        app.plan()
            .move_task(&admin, TaskId(cards[0]), &mv(doing, None, None, ""), None)
            .await
            .unwrap();
        app.plan()
            .move_task(&admin, TaskId(cards[1]), &mv(doing, None, None, "top"), None)
            .await
            .unwrap();
        app.plan()
            .move_task(
                &admin,
                TaskId(cards[2]),
                &mv(doing, Some(cards[1]), None, ""),
                None,
            )
            .await
            .unwrap();
        app.plan()
            .move_task(
                &admin,
                TaskId(cards[3]),
                &mv(doing, None, Some(cards[0]), ""),
                Some("move-3"),
            )
            .await
            .unwrap();
        // The same key again does nothing, even if it asks for somewhere else.
        app.plan()
            .move_task(
                &admin,
                TaskId(cards[3]),
                &mv(backlog, None, None, "top"),
                Some("move-3"),
            )
            .await
            .unwrap();
        let view = app
            .plan()
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        let order: Vec<Uuid> = view.columns[2].cards.iter().map(|c| c.id.0).collect();
        assert_eq!(order, [cards[1], cards[2], cards[3], cards[0]]);
        assert!(
            matches!(
                app.plan()
                    .move_task(
                        &admin,
                        TaskId(cards[4]),
                        &mv(doing, Some(cards[5]), None, ""),
                        None
                    )
                    .await,
                Err(AppError::Invalid(_))
            ),
            "after a card of another column"
        );

        // Concurrent moves of different cards within one column never fail and lose nothing.
        let mut handles = Vec::new();
        for (k, id) in cards[4..].iter().enumerate() {
            let (app, admin) = (app.clone(), admin.clone());
            let target = if k % 2 == 0 { doing } else { done };
            let id = *id;
            handles.push(tokio::spawn(async move {
                app.plan()
                    .move_task(&admin, TaskId(id), &mv(target, None, None, "top"), None)
                    .await
            }));
        }
        for h in handles {
            h.await.unwrap().expect("no move fails under concurrency");
        }
        let view = app
            .plan()
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        let total: i64 = view.columns.iter().map(|c| c.count).sum();
        assert_eq!(total, 16);
        assert_eq!(view.columns[3].count, 6);
        let detail = app
            .plan()
            .task(&admin, view.columns[3].cards[0].id)
            .await
            .unwrap();
        assert!(detail.done, "a card in a done column is done");

        // A WIP limit refuses a move into a full column, with the reason.
        app.plan()
            .update_column(
                &admin,
                BoardId(b.id),
                ColumnId(doing),
                &ColumnInput {
                    name: "Pågår".into(),
                    wip_limit: "3".into(),
                    done: String::new(),
                },
            )
            .await
            .unwrap();
        let view = app
            .plan()
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        assert_eq!(view.columns[2].wip_limit, Some(3));
        let finished = view.columns[3].cards[0].id;
        match app
            .plan()
            .move_task(&admin, finished, &mv(doing, None, None, ""), None)
            .await
        {
            Err(AppError::Conflict { message, args, .. }) => {
                assert!(message.contains("Pågår"), "{message}");
                assert!(args.contains(&("column", "Pågår".to_owned())), "{args:?}");
            }
            other => panic!("{other:?}"),
        }
        // Moving within a full column is still fine, and so is moving into an empty one.
        app.plan()
            .move_task(&admin, TaskId(cards[0]), &mv(doing, None, None, "top"), None)
            .await
            .unwrap();
        app.plan()
            .move_task(&admin, finished, &mv(backlog, None, None, ""), None)
            .await
            .unwrap();

        // A create or move sent again after it filled the column gets its answer back, not a
        // refusal; a new request is refused.
        let view = app
            .plan()
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        for c in view.columns[2].cards.iter().skip(2) {
            app.plan()
                .move_task(&admin, c.id, &mv(backlog, None, None, ""), None)
                .await
                .unwrap();
        }
        let into_doing = TaskInput {
            column_id: doing.to_string(),
            ..task("Sista platsen")
        };
        let last = app
            .plan()
            .create_task(&admin, BoardId(b.id), &into_doing, Some("last-place"))
            .await
            .unwrap();
        let again = app
            .plan()
            .create_task(&admin, BoardId(b.id), &into_doing, Some("last-place"))
            .await;
        assert_eq!(again.unwrap(), last);
        assert!(matches!(
            app.plan()
                .create_task(&admin, BoardId(b.id), &into_doing, Some("one-more"))
                .await,
            Err(AppError::Conflict { .. })
        ));
        app.plan()
            .move_task(&admin, last, &mv(backlog, None, None, ""), None)
            .await
            .unwrap();
        let outside = view.columns[2].cards[2].id;
        for _ in 0..2 {
            app.plan()
                .move_task(&admin, outside, &mv(doing, None, None, ""), Some("fill"))
                .await
                .unwrap();
        }
        assert!(matches!(
            app.plan()
                .move_task(&admin, last, &mv(doing, None, None, ""), Some("overfill"))
                .await,
            Err(AppError::Conflict { .. })
        ));
        let view = app
            .plan()
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        assert_eq!(view.columns[2].count, 3);

        // Another organisation sees none of it.
        assert!(matches!(
            app.plan()
                .board(&member, BoardId(b.id), &Filter::default(), None)
                .await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            app.plan()
                .move_task(&member, TaskId(cards[0]), &mv(doing, None, None, ""), None)
                .await,
            Err(AppError::NotFound)
        ));
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn columns_page_and_filter() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let b = board(&app, &admin, "Drift").await;
        for i in 0..120 {
            let input = TaskInput {
                title: format!("Ärende {i:03}"),
                labels: if i % 3 == 0 {
                    "nätverk, akut".into()
                } else {
                    "skrivare".into()
                },
                due: if i < 10 {
                    "2026-01-15".into()
                } else {
                    String::new()
                },
                ..Default::default()
            };
            app.plan()
                .create_task(&admin, BoardId(b.id), &input, None)
                .await
                .unwrap();
        }
        let bad = TaskInput {
            title: String::new(),
            priority: "när som helst".into(),
            due: "igår".into(),
            ..Default::default()
        };
        match app.plan().create_task(&admin, BoardId(b.id), &bad, None).await {
            Err(AppError::Invalid(v)) => assert_eq!(v.len(), 3, "{v:?}"),
            other => panic!("{other:?}"),
        }
        // A title too long is said to be too long, not empty.
        let long = TaskInput {
            title: "x".repeat(10_000),
            ..Default::default()
        };
        match app.plan().create_task(&admin, BoardId(b.id), &long, None).await {
            Err(AppError::Invalid(v)) => assert_eq!(v[0].code, "too-long", "{v:?}"),
            other => panic!("{other:?}"),
        }
        let all = Filter::default();
        let first = app.plan().board(&admin, BoardId(b.id), &all, None).await.unwrap();
        let col = &first.columns[0];
        assert_eq!((col.count, col.cards.len()), (120, 50));
        let cursor = col.more.clone().expect("more to come");
        let second = app
            .plan()
            .board(&admin, BoardId(b.id), &all, Some(&cursor))
            .await
            .unwrap();
        let next = &second.columns[0].cards;
        assert_eq!(next.len(), 50);
        assert_eq!(
            next[0].title, "Ärende 050",
            "the next page starts where the first ended"
        );
        assert!(
            second.columns[1].cards.is_empty(),
            "other columns are not read again"
        );
        let label = Filter {
            label: Some("nätverk".into()),
            ..Default::default()
        };
        let v = app
            .plan()
            .board(&admin, BoardId(b.id), &label, None)
            .await
            .unwrap();
        assert_eq!(v.columns[0].count, 40);
        assert!(
            v.columns[0]
                .cards
                .iter()
                .all(|c| c.labels.contains(&"nätverk".to_string()))
        );
        let partial = Filter {
            label: Some("nät".into()),
            ..Default::default()
        };
        assert_eq!(
            app.plan()
                .board(&admin, BoardId(b.id), &partial, None)
                .await
                .unwrap()
                .columns[0]
                .count,
            0,
            "whole labels only"
        );
        let due = Filter {
            due_by: Some("2026-02-01".parse().unwrap()),
            ..Default::default()
        };
        assert_eq!(
            app.plan()
                .board(&admin, BoardId(b.id), &due, None)
                .await
                .unwrap()
                .columns[0]
                .count,
            10
        );
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn intake_submissions_become_tasks_and_alike_ones_group() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let outsider = actor(&app, "x@soderby.se", "Söderby", Role::Member).await;
        let b = board(&app, &admin, "IT-stöd").await;
        let input = FormInput {
            name: "Felanmälan".into(),
            board_id: b.id.to_string(),
            public: "1".into(),
            intro: "Berätta vad som inte fungerar.".into(),
            fields: "Vad gäller det? | text | required\nBrådskande? | choice | | Ja; Nej".into(),
        };
        let id = app.plan().save_intake_form(&admin, None, &input).await.unwrap();
        let form = app.plan().intake_form(&admin, id).await.unwrap();
        let answers = |what: &str| {
            vec![
                ("f1".to_string(), what.to_string()),
                ("f2".to_string(), "Ja".to_string()),
            ]
        };
        let r1 = app
            .plan()
            .submit_intake(
                &form.slug,
                None,
                &answers("Skrivaren på plan 3 skriver inte ut"),
                "eva@norrvik.se",
                "k1",
            )
            .await
            .unwrap();
        let again = app
            .plan()
            .submit_intake(
                &form.slug,
                None,
                &answers("Skrivaren på plan 3 skriver inte ut"),
                "eva@norrvik.se",
                "k1",
            )
            .await
            .unwrap();
        assert_eq!(
            (again.code.clone(), again.task_id),
            (r1.code.clone(), r1.task_id),
            "a resent form is one submission"
        );
        app.plan()
            .submit_intake(
                &form.slug,
                None,
                &answers("skrivaren plan 3 skriver inte ut!"),
                "",
                "k2",
            )
            .await
            .unwrap();
        app.plan()
            .submit_intake(
                &form.slug,
                None,
                &answers("Kan inte logga in i e-tjänsten"),
                "bo@norrvik.se",
                "k3",
            )
            .await
            .unwrap();
        match app
            .plan()
            .submit_intake(&form.slug, None, &[("f2".into(), "Kanske".into())], "", "k4")
            .await
        {
            Err(AppError::Invalid(v)) => assert_eq!(v.len(), 2, "{v:?}"),
            other => panic!("{other:?}"),
        }
        let view = app
            .plan()
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        assert_eq!(
            view.columns[0].count, 3,
            "each submission is a task in the backlog"
        );
        let task = app.plan().task(&admin, r1.task_id).await.unwrap();
        assert_eq!(task.title, "Skrivaren på plan 3 skriver inte ut");
        assert!(task.description.contains("**Brådskande?**: Ja"));
        let groups = app.plan().recurring_problems(&admin).await.unwrap();
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].tasks.len(), 2);
        assert_eq!(groups[0].contacts, ["eva@norrvik.se"]);
        let member = app
            .platform()
            .create_user(
                "m@norrvik.se",
                "M",
                "ett långt lösenord",
                mognad_domain::org::Language::Sv,
            )
            .await
            .unwrap();
        app.platform()
            .grant_role(member.id, admin.org, Role::Member)
            .await
            .unwrap();
        let member = app.platform().actor(member, admin.org).await.unwrap();
        let seen = app.plan().recurring_problems(&member).await.unwrap();
        assert!(
            seen[0].contacts.is_empty(),
            "contacts are for IT, not every colleague"
        );

        // An internal form: members only; others do not learn it exists.
        let internal = FormInput {
            public: String::new(),
            ..input
        };
        let id = app
            .plan()
            .save_intake_form(&admin, None, &internal)
            .await
            .unwrap();
        let slug = app.plan().intake_form(&admin, id).await.unwrap().slug;
        assert!(matches!(
            app.plan().form_by_link(&slug, None).await,
            Err(AppError::Unauthenticated)
        ));
        assert!(matches!(
            app.plan().form_by_link(&slug, Some(outsider.user.id)).await,
            Err(AppError::NotFound)
        ));
        assert!(app.plan().form_by_link(&slug, Some(admin.user.id)).await.is_ok());
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn goals_and_initiatives_from_the_gap_list() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let demo = app.create_demo(&|_, _| {}).await.unwrap();
        let owner = common::member_of(&app, demo.org, "owner@norrvik.se", Role::Owner).await;
        let goals = app.plan().goals(&owner).await.unwrap();
        let titles: Vec<&str> = goals.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Trygghet", "Kompetens", "Ledarskap", "Hållbarhet", "Innovation"]
        );
        assert_eq!(app.plan().goals(&owner).await.unwrap().len(), 5, "added once");
        let round = app
            .measurement()
            .rounds(&owner)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.state == "closed")
            .unwrap();
        let detail = app
            .measurement()
            .area_detail(&owner, round.id, demo.org.0)
            .await
            .unwrap();
        let top = &detail.gaps[0];
        let id = app
            .plan()
            .initiative_from_gap(&owner, round.id, None, &top.engine)
            .await
            .unwrap();
        let (list, _) = app.plan().initiatives(&owner).await.unwrap();
        let i = list.iter().find(|i| i.id == id.0).unwrap();
        assert_eq!(
            (i.engines.as_str(), i.round_id, i.status.as_str()),
            (top.engine.as_str(), Some(round.id.0), "proposed")
        );
        assert!(i.title.starts_with("Höj "));
        // The description carries the model's next step from the phase the engine is in.
        let model = mognad_domain::model::builtin()
            .iter()
            .find(|m| m.id == "nio-motorer")
            .unwrap();
        let phase = mognad_domain::model::score::phase_of(top.score);
        let advice = model
            .engine(&top.engine)
            .unwrap()
            .advice(&model.id, phase)
            .unwrap();
        assert!(i.description.ends_with(&advice.sv), "{}", i.description);
        let edit = InitiativeInput {
            title: i.title.clone(),
            goal_id: goals[1].id.to_string(),
            status: "active".into(),
            starts_on: "2027-01-01".into(),
            ends_on: "2026-01-01".into(),
            engines: i.engines.clone(),
            ..Default::default()
        };
        assert!(matches!(
            app.plan().save_initiative(&owner, Some(id), &edit).await,
            Err(AppError::Invalid(_))
        ));
        let edit = InitiativeInput {
            ends_on: "2027-12-31".into(),
            ..edit
        };
        app.plan().save_initiative(&owner, Some(id), &edit).await.unwrap();
        app.plan()
            .add_cost(
                &owner,
                id,
                &CostInput {
                    label: "Utbildning".into(),
                    amount: "120 000".into(),
                    kind: "running".into(),
                    year: "2027".into(),
                },
            )
            .await
            .unwrap();
        app.plan()
            .add_cost(
                &owner,
                id,
                &CostInput {
                    label: "Plattform".into(),
                    amount: "450000".into(),
                    kind: "investment".into(),
                    year: String::new(),
                },
            )
            .await
            .unwrap();
        let (list, costs) = app.plan().initiatives(&owner).await.unwrap();
        let i = list.iter().find(|i| i.id == id.0).unwrap();
        assert_eq!(
            (i.status.as_str(), i.goal_id, i.round_id),
            ("active", Some(goals[1].id), Some(round.id.0))
        );
        assert_eq!(
            costs
                .iter()
                .filter(|c| c.initiative_id == id.0)
                .map(|c| c.amount)
                .sum::<i64>(),
            570_000
        );
        // The demo's own plan: three initiatives from the baseline's gaps, boards, a form.
        assert!(list.iter().filter(|i| i.round_id == Some(round.id.0)).count() >= 4);
        let boards = app.plan().boards(&owner).await.unwrap();
        let desk = boards.iter().find(|b| b.name == "IT-servicedesk").unwrap();
        let view = app
            .plan()
            .board(&owner, BoardId(desk.id), &Default::default(), None)
            .await
            .unwrap();
        assert_eq!(view.columns.iter().map(|c| c.count).sum::<i64>(), 10_000);
        assert!(
            !app.plan().recurring_problems(&owner).await.unwrap().is_empty(),
            "the printer recurs"
        );
        // After the follow-up, the effect view shows the piloted initiative's groups ahead of
        // the others on its engine.
        let e = app
            .plan()
            .effect(&owner)
            .await
            .unwrap()
            .expect("the follow-up has results");
        let piloted = e
            .engines
            .iter()
            .find(|x| {
                x.initiatives
                    .iter()
                    .any(|i| i.status == "active" && i.groups.len() > 1)
            })
            .expect("an initiative piloted in groups");
        let (cov, oth) = (
            piloted.covered.as_ref().unwrap(),
            piloted.others.as_ref().unwrap(),
        );
        assert!(cov.groups >= 2 && oth.groups >= 1, "{cov:?} {oth:?}");
        let (c, o) = (cov.change.as_ref().unwrap(), oth.change.as_ref().unwrap());
        assert!(c.clear && c.diff > o.diff + 5.0, "{c:?} against {o:?}");
        assert!(matches!(
            app.plan()
                .initiative_from_gap(&owner, round.id, None, "finns-inte")
                .await,
            Err(AppError::Invalid(_))
        ));
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn workload_counts_open_hours_and_what_pausing_frees() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let p = app
            .org()
            .save_person(
                &admin,
                None,
                &mognad_app::org::directory::PersonInput {
                    name: "Ada".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let b = board(&app, &admin, "Drift").await;
        let paused = app
            .plan()
            .save_initiative(
                &admin,
                None,
                &InitiativeInput {
                    title: "E-arkiv".into(),
                    status: "paused".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let save = |title: &'static str, status: &'static str| {
            let (plan, admin) = (app.plan(), admin.clone());
            async move {
                let input = InitiativeInput {
                    title: title.into(),
                    status: status.into(),
                    ..Default::default()
                };
                plan.save_initiative(&admin, None, &input).await.unwrap()
            }
        };
        let cancelled = save("Gammalt intranät", "cancelled").await;
        let active = save("Ny växel", "active").await;
        let today = chrono::Utc::now().date_naive().to_string();
        for (hours, initiative) in [
            ("20", String::new()),
            ("20", String::new()),
            ("12", paused.to_string()),
            ("6", cancelled.to_string()),
        ] {
            let input = TaskInput {
                title: "Arbete".into(),
                assignee_id: p.id.to_string(),
                estimate_hours: hours.into(),
                due: today.clone(),
                initiative_id: initiative,
                ..Default::default()
            };
            app.plan()
                .create_task(&admin, BoardId(b.id), &input, None)
                .await
                .unwrap();
        }
        app.plan()
            .create_task(&admin, BoardId(b.id), &task("Ingen ansvarig"), None)
            .await
            .unwrap();
        let w = app.plan().workload(&admin).await.unwrap();
        assert_eq!(w.people.len(), 1);
        let load = &w.people[0];
        assert_eq!(load.name, "Ada");
        assert_eq!(
            load.weeks[0], 40,
            "this week's hours, the paused initiative's left out"
        );
        assert!(load.overloaded);
        assert_eq!(
            (load.freed, w.freed, w.unassigned),
            (18, 18, 1),
            "paused and cancelled initiatives' hours are freed"
        );
        // Their money leaves the plan's totals and is shown as freed.
        for (id, amount, kind) in [
            (active, "100000", "running"),
            (paused, "50000", "investment"),
            (cancelled, "20000", "running"),
        ] {
            let cost = CostInput {
                label: "Kostnad".into(),
                amount: amount.into(),
                kind: kind.into(),
                year: "2027".into(),
            };
            app.plan().add_cost(&admin, id, &cost).await.unwrap();
        }
        let (list, costs) = app.plan().initiatives(&admin).await.unwrap();
        let totals = mognad_app::plan::budget::totals(&list, &costs);
        assert_eq!((totals.planned.running, totals.planned.investment), (100_000, 0));
        assert_eq!((totals.freed.running, totals.freed.investment), (20_000, 50_000));
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn agendas_hold_cards_and_free_points_in_order() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let other = actor(&app, "x@soderby.se", "Söderby", Role::Admin).await;
        let b = board(&app, &admin, "Drift").await;
        let card = app
            .plan()
            .create_task(&admin, BoardId(b.id), &task("Byt brandvägg"), None)
            .await
            .unwrap();
        let input = mognad_app::plan::agendas::AgendaInput {
            title: "Ledningsmöte".into(),
            meets_on: "2026-12-01".into(),
        };
        let a = app.plan().create_agenda(&admin, &input).await.unwrap();
        let point = |task: &str, text: &str| mognad_app::plan::agendas::PointInput {
            task_id: task.into(),
            text: text.into(),
        };
        app.plan()
            .add_point(&admin, a, &point("", "Budget 2027"))
            .await
            .unwrap();
        app.plan()
            .add_point(&admin, a, &point(&card.to_string(), "Beslut om leverantör"))
            .await
            .unwrap();
        assert!(matches!(
            app.plan().add_point(&admin, a, &point("", "")).await,
            Err(AppError::Invalid(_))
        ));
        let foreign = app
            .plan()
            .create_task(
                &other,
                BoardId(board(&app, &other, "X").await.id),
                &task("Hemligt"),
                None,
            )
            .await
            .unwrap();
        assert!(
            matches!(
                app.plan()
                    .add_point(&admin, a, &point(&foreign.to_string(), ""))
                    .await,
                Err(AppError::Invalid(_))
            ),
            "another organisation's card"
        );
        let v = app.plan().agenda(&admin, a).await.unwrap();
        assert_eq!(v.points.len(), 2);
        assert_eq!(v.points[0].text, "Budget 2027");
        assert_eq!(
            v.points[1].task.as_ref().map(|t| t.1.as_str()),
            Some("Byt brandvägg")
        );
        assert!(matches!(
            app.plan().agenda(&other, a).await,
            Err(AppError::NotFound)
        ));
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn the_programme_runs_for_every_group_in_parallel() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let input = mognad_app::plan::programme::ProgrammeInput {
            starts_on: "2027-01-11".into(),
            weeks_between: "3".into(),
        };
        assert!(
            matches!(
                app.plan().start_programme(&admin, &input).await,
                Err(AppError::Invalid(_))
            ),
            "no groups yet"
        );
        for name in ["Kommunledningen", "IT-ledningen"] {
            let g = mognad_app::org::directory::NamedInput {
                name: name.into(),
                unit_id: None,
            };
            app.org().save_group(&admin, None, &g).await.unwrap();
        }
        let board = app.plan().start_programme(&admin, &input).await.unwrap();
        let all = app
            .plan()
            .board(&admin, board, &Filter::default(), None)
            .await
            .unwrap();
        assert_eq!(
            all.columns[0].count,
            4 * 3 * 2,
            "four steps × workshop, own work, milestone × two groups"
        );
        let step4 = Filter {
            label: Some("steg-4".into()),
            ..Default::default()
        };
        let last = app.plan().board(&admin, board, &step4, None).await.unwrap();
        assert_eq!(last.columns[0].count, 6);
        let workshop = last.columns[0]
            .cards
            .iter()
            .find(|c| c.title.starts_with("Workshop 4"))
            .unwrap();
        assert_eq!(
            workshop.due_on,
            Some("2027-03-15".parse().unwrap()),
            "the fourth workshop nine weeks after the first"
        );
        let bad = mognad_app::plan::programme::ProgrammeInput {
            starts_on: "snart".into(),
            weeks_between: "52".into(),
        };
        match app.plan().start_programme(&admin, &bad).await {
            Err(AppError::Invalid(v)) => assert_eq!(v.len(), 2),
            other => panic!("{other:?}"),
        }
        t.cleanup().await.unwrap();
    }
}
