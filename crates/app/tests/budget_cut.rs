//! The budget cut and the initiatives' timeline on both databases, over the demo organisation
//! (whose closed round shows a gap list): initiatives ranked by the gap priority they serve,
//! a suggestion that is the least important costly ones until the plan fits, a hand-made
//! choice, applying it (only what still goes on is paused, audited, administrators only), and
//! the timeline's bars and card counts.

mod common;

use mognad_app::plan::budget_cut::parse_budget;
use mognad_app::plan::cards::TaskInput;
use mognad_app::plan::initiatives::{CostInput, InitiativeInput};
use mognad_app::{Actor, App, AppError};
use mognad_domain::ids::{BoardId, InitiativeId};
use mognad_domain::role::Role;
use mognad_store::testdb;

async fn initiative(
    app: &App,
    a: &Actor,
    title: &str,
    status: &str,
    engines: &str,
    cost: i64,
) -> InitiativeId {
    let input = InitiativeInput {
        title: title.into(),
        status: status.into(),
        engines: engines.into(),
        ..Default::default()
    };
    let id = app.plan().save_initiative(a, None, &input).await.unwrap();
    let cost = CostInput {
        label: "Kostnad".into(),
        amount: cost.to_string(),
        kind: "running".into(),
        year: String::new(),
    };
    app.plan().add_cost(a, id, &cost).await.unwrap();
    id
}

/// The last column of a board: the done one on a new board.
async fn done_column(app: &App, a: &Actor, board: uuid::Uuid) -> String {
    let view = app
        .plan()
        .board(a, BoardId(board), &mognad_store::boards::Filter::default(), None)
        .await
        .unwrap();
    view.columns.last().unwrap().id.to_string()
}

#[test]
fn budgets_are_whole_kronor() {
    assert_eq!(parse_budget(" 1 200 000 ").unwrap(), Some(1_200_000));
    assert_eq!(parse_budget("").unwrap(), None);
    for bad in ["12,5", "-3", "en miljon", "9999999999999999"] {
        assert!(matches!(parse_budget(bad), Err(AppError::Invalid(_))), "{bad}");
    }
}

#[tokio::test]
async fn a_cut_ranks_by_gap_priority_suggests_and_applies() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let demo = app.create_demo(&|_, _| {}).await.unwrap();
        let owner = common::member_of(&app, demo.org, "owner@norrvik.se", Role::Owner).await;
        let member = common::member_of(&app, demo.org, "m@norrvik.se", Role::Member).await;
        let round = app
            .measurement()
            .rounds(&owner)
            .await
            .unwrap()
            .into_iter()
            .rev()
            .find(|r| r.state == "closed")
            .unwrap();
        let gaps = app
            .measurement()
            .area_detail(&owner, round.id, demo.org.0)
            .await
            .unwrap()
            .gaps;
        assert!(gaps.len() >= 2, "the demo's organisation shows a gap list");
        let (top, low) = (&gaps[0].engine, &gaps[gaps.len() - 1].engine);
        // The top engine together with the lowest one: it serves the top gap.
        let high = initiative(&app, &owner, "Hög", "active", &format!("{low} {top}"), 300_000).await;
        let lower = initiative(&app, &owner, "Låg", "proposed", low, 200_000).await;
        let none = initiative(&app, &owner, "Utan gap", "active", "", 100_000).await;
        let done = initiative(&app, &owner, "Klar", "done", top, 50_000).await;
        let b = common::board(&app, &owner, "Nedskärning").await;
        for (hours, done_too) in [("5", false), ("7", false), ("3", true)] {
            let input = TaskInput {
                title: "Arbete".into(),
                estimate_hours: hours.into(),
                initiative_id: high.to_string(),
                ..Default::default()
            };
            let card = app
                .plan()
                .create_task(&owner, BoardId(b.id), &input, None)
                .await
                .unwrap();
            if done_too {
                let to = mognad_app::plan::cards::MoveInput {
                    column_id: done_column(&app, &owner, b.id).await,
                    ..Default::default()
                };
                app.plan().move_task(&owner, card, &to, None).await.unwrap();
            }
        }

        let cut = app.plan().budget_cut(&member, None, None).await.unwrap();
        assert_eq!(cut.round.as_deref(), Some(round.name.as_str()));
        assert_eq!(
            cut.budget, cut.planned,
            "no budget: today's plan, nothing suggested"
        );
        assert!(cut.rows.iter().all(|r| !r.pause) && cut.fits);
        assert!(
            !cut.rows.iter().any(|r| r.id == done),
            "a done initiative is no candidate"
        );
        let at = |id: InitiativeId| cut.rows.iter().position(|r| r.id == id).unwrap();
        assert!(
            at(high) < at(lower) && at(lower) < at(none),
            "ranked by the gap served"
        );
        let h = &cut.rows[at(high)];
        assert_eq!(h.priority, Some(gaps[0].priority));
        assert_eq!(h.engines.first(), Some(top), "its most important engine first");
        assert_eq!(
            (h.hours, h.open_cards),
            (12, 2),
            "open cards' hours; the done one is left out"
        );
        let ranked: Vec<Option<f64>> = cut.rows.iter().map(|r| r.priority).collect();
        let mut sorted = ranked.clone();
        sorted.sort_by(|a, b| b.unwrap_or(f64::MIN).total_cmp(&a.unwrap_or(f64::MIN)));
        assert_eq!(ranked, sorted, "highest priority first, unlisted last");

        // A budget 250 000 below the plan: the least important costly ones, from the bottom.
        let budget = cut.planned - 250_000;
        let cut = app.plan().budget_cut(&member, Some(budget), None).await.unwrap();
        assert!(cut.fits && cut.after <= budget && cut.suggested);
        let cost = |r: &mognad_app::plan::budget_cut::CutRow| r.money.running + r.money.investment;
        let costly: Vec<_> = cut.rows.iter().filter(|r| cost(r) > 0).collect();
        let first = costly.iter().position(|r| r.pause).unwrap();
        assert!(costly[first..].iter().all(|r| r.pause), "a run from the bottom");
        assert!(
            cut.after + cost(costly[first]) > budget,
            "pausing one fewer would not fit"
        );
        assert_eq!(cut.freed_money, cut.planned - cut.after);

        // A choice by hand overrides the suggestion.
        let mine = app
            .plan()
            .budget_cut(&member, Some(budget), Some(&[high.0]))
            .await
            .unwrap();
        assert!(!mine.suggested);
        assert_eq!((mine.freed_money, mine.freed_hours), (300_000, 12));
        assert_eq!(mine.after, mine.planned - 300_000);

        // Applying: administrators only, something must be chosen, only what goes on pauses.
        assert!(matches!(
            app.plan().apply_cut(&member, &[lower]).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            app.plan().apply_cut(&owner, &[]).await,
            Err(AppError::Invalid(_))
        ));
        assert_eq!(app.plan().apply_cut(&owner, &[lower, done]).await.unwrap(), 1);
        assert_eq!(
            app.plan().apply_cut(&owner, &[lower]).await.unwrap(),
            0,
            "twice: once"
        );
        let (list, costs) = app.plan().initiatives(&owner).await.unwrap();
        let status = |id: InitiativeId| list.iter().find(|i| i.id == id.0).unwrap().status.clone();
        assert_eq!((status(lower), status(done)), ("paused".into(), "done".into()));
        let totals = mognad_app::plan::budget::totals(&list, &costs);
        assert!(totals.freed.running >= 200_000);
        let after = app.plan().budget_cut(&member, None, None).await.unwrap();
        assert!(
            !after.rows.iter().any(|r| r.id == lower),
            "a paused one is no candidate"
        );
        assert_eq!(after.planned, cut.planned - 200_000);
        let log = app.platform().audit_log(&owner, None).await.unwrap();
        assert!(
            log.iter()
                .any(|e| e.action == "budget-cut" && e.subject == lower.to_string())
        );
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn the_timeline_draws_dated_initiatives_with_their_progress() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = common::actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let empty = app.plan().timeline(&admin).await.unwrap();
        assert!(empty.rows.is_empty() && empty.from.is_none());
        let undated = initiative(&app, &admin, "Utan datum", "proposed", "", 0).await;
        let save = |title: &str, starts: &str, ends: &str| InitiativeInput {
            title: title.into(),
            status: "active".into(),
            starts_on: starts.into(),
            ends_on: ends.into(),
            ..Default::default()
        };
        let year = chrono::Utc::now().date_naive().format("%Y").to_string();
        let later = app
            .plan()
            .save_initiative(
                &admin,
                None,
                &save("Senare", &format!("{year}-07-01"), &format!("{year}-12-31")),
            )
            .await
            .unwrap();
        let whole = app
            .plan()
            .save_initiative(
                &admin,
                None,
                &save("Hela året", &format!("{year}-01-01"), &format!("{year}-12-31")),
            )
            .await
            .unwrap();
        let b = common::board(&app, &admin, "Tidslinje").await;
        for n in 0..4 {
            let input = TaskInput {
                title: format!("Kort {n}"),
                initiative_id: whole.to_string(),
                ..Default::default()
            };
            let card = app
                .plan()
                .create_task(&admin, BoardId(b.id), &input, None)
                .await
                .unwrap();
            if n == 0 {
                let to = mognad_app::plan::cards::MoveInput {
                    column_id: done_column(&app, &admin, b.id).await,
                    ..Default::default()
                };
                app.plan().move_task(&admin, card, &to, None).await.unwrap();
            }
        }
        let tl = app.plan().timeline(&admin).await.unwrap();
        let order: Vec<InitiativeId> = tl.rows.iter().map(|r| r.id).collect();
        assert_eq!(
            order,
            vec![whole, later, undated],
            "dated by start, then the undated"
        );
        assert_eq!(tl.from.unwrap().to_string(), format!("{year}-01-01"));
        assert_eq!(tl.to.unwrap().to_string(), format!("{year}-12-31"));
        let w = &tl.rows[0];
        assert_eq!((w.done, w.total), (1, 4));
        assert_eq!(w.bar, Some((0.0, 1000.0)));
        assert!((w.done_width - 250.0).abs() < 0.01);
        let (x, width) = tl.rows[1].bar.unwrap();
        assert!(
            (x - 496.0).abs() < 3.0 && (width - 504.0).abs() < 3.0,
            "{x} {width}"
        );
        assert!(tl.rows[2].bar.is_none());
        assert!(tl.today > 0.0 && tl.today < 1000.0);
        t.cleanup().await.unwrap();
    }
}
