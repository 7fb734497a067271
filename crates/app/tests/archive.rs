//! Archive, restore and delete in the plan, undoing a card's move and renaming a board, on
//! both databases: archived items leave every list and count, a board takes its cards and
//! forms along and brings back exactly those, only archived items can be deleted and only by
//! an administrator, and an undone move puts the card back between its old neighbours.

mod common;

use common::{actor, board, member_of};
use mognad_app::plan::agendas::AgendaInput;
use mognad_app::plan::boards::ColumnInput;
use mognad_app::plan::cards::{MoveInput, TaskInput};
use mognad_app::plan::goals::GoalInput;
use mognad_app::plan::initiatives::{CostInput, InitiativeInput};
use mognad_app::plan::intake::FormInput;
use mognad_app::{App, AppError};
use mognad_domain::ids::{BoardId, TaskId};
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use mognad_store::boards::Filter;
use mognad_store::testdb;

fn overdue(title: &str) -> TaskInput {
    TaskInput {
        title: title.into(),
        due: "2019-01-07".into(),
        ..Default::default()
    }
}

/// The counts a board shows (kept by triggers) equal a count of its live cards.
async fn counts_hold(app: &App, a: &mognad_app::Actor, board: uuid::Uuid) {
    let view = app
        .plan()
        .board(a, BoardId(board), &Filter::default(), None)
        .await
        .unwrap();
    let mut tx = app.db.read().await.unwrap();
    let live = mognad_store::boards::all_tasks(&mut tx, a.org).await.unwrap();
    tx.rollback().await.unwrap();
    for c in &view.columns {
        let n = live.iter().filter(|t| t.column_id == c.id.0).count() as i64;
        assert_eq!(c.count, n, "the count of {}", c.name);
    }
}

fn conflict(r: Result<(), AppError>) -> &'static str {
    match r {
        Err(AppError::Conflict { code, .. }) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn archived_cards_and_boards_leave_every_list_and_count() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = member_of(&app, admin.org, "m@norrvik.se", Role::Member).await;
        let programme = board(&app, &admin, "Program 2019").await;
        let drift = board(&app, &admin, "Drift").await;
        let mut cards = Vec::new();
        for i in 0..3 {
            cards.push(
                plan.create_task(
                    &admin,
                    BoardId(programme.id),
                    &overdue(&format!("Steg {i}")),
                    None,
                )
                .await
                .unwrap(),
            );
        }
        plan.create_task(&admin, BoardId(drift.id), &overdue("Byt brandvägg"), None)
            .await
            .unwrap();
        let form = plan
            .save_intake_form(
                &admin,
                None,
                &FormInput {
                    name: "Anmälan".into(),
                    board_id: programme.id.to_string(),
                    public: "1".into(),
                    fields: "Vad? | text | required".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let slug = plan.intake_form(&admin, form).await.unwrap().slug;
        let dash = plan.dashboard(&admin).await.unwrap();
        assert_eq!((dash.open, dash.overdue), (4, 4));

        // A member archives one card: out of the board's counts and the dashboard.
        plan.archive(&member, Archivable::Card, cards[0].0).await.unwrap();
        plan.archive(&member, Archivable::Card, cards[0].0).await.unwrap();
        let view = plan
            .board(&admin, BoardId(programme.id), &Filter::default(), None)
            .await
            .unwrap();
        assert_eq!(view.columns[0].count, 2);
        assert!(view.columns[0].cards.iter().all(|c| c.id != cards[0]));
        counts_hold(&app, &admin, programme.id).await;
        let archived_only = Filter {
            archived: true,
            ..Default::default()
        };
        let view = plan
            .board(&admin, BoardId(programme.id), &archived_only, None)
            .await
            .unwrap();
        let shown: Vec<_> = view.columns[0].cards.iter().map(|c| c.id).collect();
        assert_eq!(shown, vec![cards[0]]);
        assert_eq!(plan.dashboard(&admin).await.unwrap().open, 3);
        assert!(plan.task(&admin, cards[0]).await.unwrap().archived);

        // Boards are an administrator's to archive; deleting is only an administrator's.
        assert!(matches!(
            plan.archive(&member, Archivable::Board, programme.id).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            plan.delete_archived(&member, Archivable::Card, cards[0].0).await,
            Err(AppError::Forbidden)
        ));
        assert_eq!(
            conflict(plan.delete_archived(&admin, Archivable::Card, cards[1].0).await),
            "not-archived"
        );

        // The board goes with its other cards and its form.
        plan.archive(&admin, Archivable::Board, programme.id)
            .await
            .unwrap();
        let names: Vec<_> = plan
            .boards(&admin)
            .await
            .unwrap()
            .into_iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(names, vec!["Drift".to_owned()]);
        assert_eq!(plan.dashboard(&admin).await.unwrap().open, 1);
        counts_hold(&app, &admin, programme.id).await;
        assert!(plan.intake_forms(&admin).await.unwrap().is_empty());
        assert!(matches!(
            plan.form_by_link(&slug, None).await,
            Err(AppError::NotFound)
        ));
        let listed: Vec<_> = plan
            .archived(&admin)
            .await
            .unwrap()
            .into_iter()
            .map(|a| (a.kind, a.id))
            .collect();
        assert_eq!(listed, vec![("board".to_owned(), programme.id)]);
        assert_eq!(
            conflict(plan.restore(&member, Archivable::Card, cards[1].0).await),
            "board-archived"
        );
        // Nothing is added to or changed on an archived board until it is restored.
        match plan
            .create_task(&admin, BoardId(programme.id), &overdue("Ny"), None)
            .await
        {
            Err(AppError::Conflict { code, .. }) => assert_eq!(code, "archived"),
            other => panic!("a card on an archived board: {other:?}"),
        }
        assert_eq!(
            conflict(plan.update_task(&member, cards[1], &overdue("Ändrad")).await),
            "archived"
        );
        assert_eq!(conflict(plan.comment(&member, cards[1], "Hej").await), "archived");
        assert_eq!(
            conflict(plan.move_task(&member, cards[1], &Default::default(), None).await),
            "archived"
        );
        assert_eq!(
            conflict(
                plan.rename_board(&admin, BoardId(programme.id), "Nytt namn")
                    .await
            ),
            "archived"
        );

        // Restoring the board brings back what went with it, not the card archived before.
        plan.restore(&admin, Archivable::Board, programme.id)
            .await
            .unwrap();
        assert_eq!(plan.dashboard(&admin).await.unwrap().open, 3);
        assert_eq!(plan.intake_forms(&admin).await.unwrap().len(), 1);
        plan.form_by_link(&slug, None).await.unwrap();
        let listed: Vec<_> = plan
            .archived(&admin)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(listed, vec![cards[0].0]);

        // Deleting: the archived card for good, then the whole board with its form.
        plan.delete_archived(&admin, Archivable::Card, cards[0].0)
            .await
            .unwrap();
        assert!(matches!(
            plan.task(&admin, cards[0]).await,
            Err(AppError::NotFound)
        ));
        let owner = member_of(&app, admin.org, "owner@norrvik.se", Role::Owner).await;
        let log = app.platform().audit_log(&owner, None).await.unwrap();
        assert!(
            log.iter()
                .any(|e| e.action == "deleted" && e.subject == format!("card {}", cards[0].0))
        );
        plan.archive(&admin, Archivable::Board, programme.id)
            .await
            .unwrap();
        plan.delete_archived(&admin, Archivable::Board, programme.id)
            .await
            .unwrap();
        assert!(matches!(
            plan.task(&admin, cards[1]).await,
            Err(AppError::NotFound)
        ));
        assert!(plan.archived(&admin).await.unwrap().is_empty());
        plan.archive(&admin, Archivable::Board, programme.id)
            .await
            .expect_err("gone");
        assert_eq!(plan.dashboard(&admin).await.unwrap().open, 1);
        // Another organisation's item is not found, not archived.
        let other = actor(&app, "admin@soderby.se", "Söderby", Role::Admin).await;
        assert!(matches!(
            plan.archive(&other, Archivable::Board, drift.id).await,
            Err(AppError::NotFound)
        ));
    }
}

#[tokio::test]
async fn archived_goals_initiatives_and_agendas_leave_lists_and_totals() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let goal = plan
            .save_goal(
                &admin,
                None,
                &GoalInput {
                    title: "Digital först".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let initiative = plan
            .save_initiative(
                &admin,
                None,
                &InitiativeInput {
                    title: "Ny e-tjänstplattform".into(),
                    goal_id: goal.to_string(),
                    status: "active".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        plan.add_cost(
            &admin,
            initiative,
            &CostInput {
                label: "Licenser".into(),
                amount: "200000".into(),
                kind: "running".into(),
                year: "2027".into(),
            },
        )
        .await
        .unwrap();
        let agenda = plan
            .create_agenda(
                &admin,
                &AgendaInput {
                    title: "Ledningsmöte".into(),
                    meets_on: "2027-01-12".into(),
                },
            )
            .await
            .unwrap();
        // The first goal came with the organisation's five default perspectives.
        let goals = plan.goals(&admin).await.unwrap().len();
        assert_eq!(goals, 6);
        plan.archive(&admin, Archivable::Goal, goal.0).await.unwrap();
        plan.archive(&admin, Archivable::Initiative, initiative.0)
            .await
            .unwrap();
        plan.archive(&admin, Archivable::Agenda, agenda.0).await.unwrap();
        assert!(plan.goals(&admin).await.unwrap().iter().all(|g| g.id != goal.0));
        assert_eq!(plan.goals(&admin).await.unwrap().len(), goals - 1);
        let (list, costs) = plan.initiatives(&admin).await.unwrap();
        assert!(list.is_empty() && costs.is_empty(), "{list:?} {costs:?}");
        assert!(plan.agendas(&admin).await.unwrap().is_empty());
        let point = mognad_app::plan::agendas::PointInput {
            task_id: String::new(),
            text: "Budget".into(),
        };
        assert_eq!(conflict(plan.add_point(&admin, agenda, &point).await), "archived");
        let renamed = GoalInput {
            title: "Digital först, igen".into(),
            ..Default::default()
        };
        assert_eq!(
            conflict(plan.save_goal(&admin, Some(goal), &renamed).await.map(|_| ())),
            "archived"
        );
        // An archived initiative is not changed until it is restored.
        let more = CostInput {
            label: "Drift".into(),
            amount: "1000".into(),
            kind: "running".into(),
            year: "2027".into(),
        };
        match plan.add_cost(&admin, initiative, &more).await {
            Err(AppError::Conflict { code, .. }) => assert_eq!(code, "archived"),
            other => panic!("a cost on an archived initiative: {other:?}"),
        }
        let mut kinds: Vec<_> = plan
            .archived(&admin)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.kind)
            .collect();
        kinds.sort();
        assert_eq!(kinds, vec!["agenda", "goal", "initiative"]);
        for (kind, id) in [
            (Archivable::Goal, goal.0),
            (Archivable::Initiative, initiative.0),
            (Archivable::Agenda, agenda.0),
        ] {
            plan.restore(&admin, kind, id).await.unwrap();
        }
        let (list, costs) = plan.initiatives(&admin).await.unwrap();
        assert_eq!(
            (list.len(), costs.iter().map(|c| c.amount).sum::<i64>()),
            (1, 200_000)
        );
        assert_eq!(list[0].goal_id, Some(goal.0));
        assert_eq!(plan.goals(&admin).await.unwrap().len(), goals);
        // Every goal archived: the list stays empty, the defaults do not come back.
        for g in plan.goals(&admin).await.unwrap() {
            plan.archive(&admin, Archivable::Goal, g.id).await.unwrap();
        }
        assert!(plan.goals(&admin).await.unwrap().is_empty());
        assert_eq!(plan.agendas(&admin).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn an_undone_move_returns_the_card_between_its_old_neighbours() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let b = board(&app, &admin, "IT-plan").await;
        let mut ids = Vec::new();
        for title in ["A", "B", "C"] {
            let input = TaskInput {
                title: title.into(),
                ..Default::default()
            };
            ids.push(
                plan.create_task(&admin, BoardId(b.id), &input, None)
                    .await
                    .unwrap(),
            );
        }
        let view = plan
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        let (first, second) = (view.columns[0].id, view.columns[1].id);
        let order = |v: &mognad_app::plan::boards::BoardView, col: usize| -> Vec<String> {
            v.columns[col].cards.iter().map(|c| c.title.clone()).collect()
        };
        assert!(!plan.task(&admin, ids[1]).await.unwrap().can_undo);
        let to_second = MoveInput {
            column_id: second.to_string(),
            ..Default::default()
        };
        plan.move_task(&admin, ids[1], &to_second, None).await.unwrap();
        let card = plan.task(&admin, ids[1]).await.unwrap();
        assert!(card.can_undo);
        let last = card.history.last().unwrap();
        assert_eq!(last.kind, "moved");
        assert_eq!(last.to_column.as_deref(), Some(view.columns[1].name.as_str()));
        counts_hold(&app, &admin, b.id).await;
        plan.undo_move(&admin, ids[1]).await.unwrap();
        counts_hold(&app, &admin, b.id).await;
        let after = plan
            .board(&admin, BoardId(b.id), &Filter::default(), None)
            .await
            .unwrap();
        assert_eq!(order(&after, 0), vec!["A", "B", "C"]);
        assert_eq!(
            plan.task(&admin, ids[1])
                .await
                .unwrap()
                .history
                .last()
                .unwrap()
                .kind,
            "undone"
        );
        assert_eq!(conflict(plan.undo_move(&admin, ids[1]).await), "nothing-to-undo");

        // An edit after the move makes the move no longer the last thing: nothing to undo.
        plan.move_task(&admin, ids[0], &to_second, None).await.unwrap();
        let edit = TaskInput {
            title: "A, ändrad".into(),
            ..Default::default()
        };
        plan.update_task(&admin, ids[0], &edit).await.unwrap();
        assert_eq!(conflict(plan.undo_move(&admin, ids[0]).await), "nothing-to-undo");

        // Taken back into a done column, a card keeps the day it was first done.
        let to_done = MoveInput {
            column_id: view.columns[3].id.to_string(),
            ..Default::default()
        };
        plan.move_task(&admin, ids[1], &to_done, None).await.unwrap();
        let done_day = {
            let mut tx = app.db.read().await.unwrap();
            let t = mognad_store::boards::task(&mut tx, admin.org, ids[1].0)
                .await
                .unwrap()
                .unwrap();
            tx.rollback().await.unwrap();
            t.done_at.unwrap()
        };
        plan.move_task(&admin, ids[1], &to_second, None).await.unwrap();
        plan.undo_move(&admin, ids[1]).await.unwrap();
        let mut tx = app.db.read().await.unwrap();
        let t = mognad_store::boards::task(&mut tx, admin.org, ids[1].0)
            .await
            .unwrap()
            .unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(t.done_at, Some(done_day));
        // An archived card's move is not taken back.
        plan.move_task(&admin, ids[1], &to_second, None).await.unwrap();
        plan.archive(&admin, Archivable::Card, ids[1].0).await.unwrap();
        assert_eq!(conflict(plan.undo_move(&admin, ids[1]).await), "archived");

        // The way back respects the old column's WIP limit like any move.
        plan.move_task(&admin, ids[2], &to_second, None).await.unwrap();
        let d = TaskInput {
            title: "D".into(),
            ..Default::default()
        };
        plan.create_task(&admin, BoardId(b.id), &d, None).await.unwrap();
        plan.update_column(
            &admin,
            BoardId(b.id),
            first,
            &ColumnInput {
                name: view.columns[0].name.clone(),
                wip_limit: "1".into(),
                done: String::new(),
            },
        )
        .await
        .unwrap();
        assert_eq!(conflict(plan.undo_move(&admin, ids[2]).await), "wip-full");
        assert!(matches!(
            plan.undo_move(&admin, TaskId(uuid::Uuid::now_v7())).await,
            Err(AppError::NotFound)
        ));
    }
}

#[tokio::test]
async fn a_board_is_renamed_to_a_free_name_only() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = member_of(&app, admin.org, "m@norrvik.se", Role::Member).await;
        let b = board(&app, &admin, "IT-plan").await;
        board(&app, &admin, "Drift").await;
        assert!(matches!(
            plan.rename_board(&admin, BoardId(b.id), "Drift").await,
            Err(AppError::Invalid(e)) if e[0].code == "name-taken"
        ));
        assert!(matches!(
            plan.rename_board(&admin, BoardId(b.id), "  ").await,
            Err(AppError::Invalid(_))
        ));
        assert!(matches!(
            plan.rename_board(&member, BoardId(b.id), "Plan").await,
            Err(AppError::Forbidden)
        ));
        plan.rename_board(&admin, BoardId(b.id), "IT-plan 2027")
            .await
            .unwrap();
        let names: Vec<_> = plan
            .boards(&admin)
            .await
            .unwrap()
            .into_iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(names, vec!["Drift".to_owned(), "IT-plan 2027".to_owned()]);
    }
}
