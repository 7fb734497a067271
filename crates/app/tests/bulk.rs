//! Bulk changes on a board, on both databases: the chosen cards move together to the end of a
//! column in the order they stood and get one assignee (or none), each with a history entry; a
//! column that would overflow its WIP limit refuses the whole change, and cards of another board
//! or in the archive are refused with nothing changed.

mod common;

use common::{actor, board};
use mognad_app::plan::boards::ColumnInput;
use mognad_app::plan::bulk::BulkChange;
use mognad_app::plan::cards::TaskInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::ids::{BoardId, ColumnId, PersonId};
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use mognad_store::boards::Filter;
use mognad_store::testdb;

async fn titles_in(app: &App, a: &Actor, b: BoardId, column: ColumnId) -> Vec<String> {
    let view = app.plan().board(a, b, &Filter::default(), None).await.unwrap();
    let col = view.columns.iter().find(|c| c.id == column).unwrap();
    col.cards.iter().map(|t| t.title.clone()).collect()
}

#[tokio::test]
async fn chosen_cards_move_and_get_an_assignee_together_or_not_at_all() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = common::member_of(&app, admin.org, "m@norrvik.se", Role::Member).await;
        let ada = app
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
            .unwrap()
            .id;
        let b = board(&app, &admin, "Drift").await;
        let bid = BoardId(b.id);
        let narrow = plan
            .add_column(
                &admin,
                bid,
                &ColumnInput {
                    name: "Granskas".into(),
                    wip_limit: "2".into(),
                    done: String::new(),
                },
            )
            .await
            .unwrap();
        let view = plan.board(&admin, bid, &Filter::default(), None).await.unwrap();
        let (inbox, done) = (view.columns[0].id, view.columns[3].id);
        let mut cards = Vec::new();
        for title in ["A", "B", "C", "D"] {
            let input = TaskInput {
                title: title.into(),
                ..Default::default()
            };
            cards.push(plan.create_task(&admin, bid, &input, None).await.unwrap());
        }
        let other = board(&app, &admin, "Projekt").await;
        let stray = plan
            .create_task(
                &admin,
                BoardId(other.id),
                &TaskInput {
                    title: "X".into(),
                    ..Default::default()
                },
                None,
            )
            .await
            .unwrap();

        // Three into a column of two: refused whole, nothing moved.
        let into_narrow = BulkChange {
            column: Some(narrow),
            assignee: Some(Some(ada)),
        };
        let r = plan.bulk_change(&member, bid, &cards[..3], into_narrow).await;
        assert!(matches!(r, Err(AppError::Conflict { .. })), "{r:?}");
        assert_eq!(titles_in(&app, &member, bid, inbox).await, ["A", "B", "C", "D"]);
        assert!(
            plan.task(&member, cards[0]).await.unwrap().assignee_id.is_none(),
            "nor assigned"
        );

        // Chosen in any order, they keep the board's order in the new column.
        let chosen = [cards[2], cards[0], cards[3]];
        let to_done = BulkChange {
            column: Some(done),
            assignee: Some(Some(ada)),
        };
        assert_eq!(plan.bulk_change(&member, bid, &chosen, to_done).await.unwrap(), 3);
        assert_eq!(titles_in(&app, &member, bid, done).await, ["A", "C", "D"]);
        assert_eq!(titles_in(&app, &member, bid, inbox).await, ["B"]);
        let a = plan.task(&member, cards[0]).await.unwrap();
        assert_eq!(a.assignee_id, Some(ada));
        assert!(a.done, "a done column's cards count as done");
        let kinds: Vec<&str> = a.history.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["edited", "moved"]);

        // Taking the assignee away; a card already there and so unchanged is not counted.
        let nobody = BulkChange {
            column: Some(done),
            assignee: Some(None),
        };
        assert_eq!(
            plan.bulk_change(&member, bid, &[cards[0], cards[1]], nobody)
                .await
                .unwrap(),
            2
        );
        assert!(plan.task(&member, cards[0]).await.unwrap().assignee_id.is_none());
        assert_eq!(
            plan.bulk_change(&member, bid, &[cards[0]], nobody).await.unwrap(),
            0
        );

        // Refusals: another board's card, an archived card, nothing to do, nobody chosen.
        assert!(matches!(
            plan.bulk_change(&member, bid, &[cards[1], stray], to_done).await,
            Err(AppError::Invalid(_))
        ));
        plan.archive(&member, Archivable::Card, cards[3].0).await.unwrap();
        assert!(matches!(
            plan.bulk_change(&member, bid, &[cards[3]], to_done).await,
            Err(AppError::Conflict { .. })
        ));
        assert!(matches!(
            plan.bulk_change(&member, bid, &[cards[1]], BulkChange::default())
                .await,
            Err(AppError::Invalid(_))
        ));
        assert!(matches!(
            plan.bulk_change(&member, bid, &[], to_done).await,
            Err(AppError::Invalid(_))
        ));
        let stranger = BulkChange {
            column: None,
            assignee: Some(Some(PersonId(uuid::Uuid::now_v7()))),
        };
        assert!(matches!(
            plan.bulk_change(&member, bid, &[cards[1]], stranger).await,
            Err(AppError::Invalid(_))
        ));
        t.cleanup().await.unwrap();
    }
}
