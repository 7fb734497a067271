//! Searching cards on both databases: words are found in titles, descriptions, checklists and
//! comments as word beginnings, titles first; edits, archiving and deletion reach the index in
//! the same transaction; filters narrow; another organisation's cards are never found; search
//! syntax typed into the box is only words.

mod common;

use common::{actor, board};
use mognad_app::App;
use mognad_app::plan::cards::TaskInput;
use mognad_app::plan::search::HITS;
use mognad_domain::ids::{BoardId, TaskId};
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use mognad_store::boards::Filter;
use mognad_store::testdb;

fn card(title: &str, description: &str, priority: &str) -> TaskInput {
    TaskInput {
        title: title.into(),
        description: description.into(),
        priority: priority.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn words_are_found_wherever_a_card_holds_them() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let b = BoardId(board(&app, &admin, "IT-plan").await.id);
        let add = |input: TaskInput| {
            let (plan, admin) = (app.plan(), admin.clone());
            async move { plan.create_task(&admin, b, &input, None).await.unwrap() }
        };
        let in_body = add(card("Se över nätet", "Byt brandväggen i huset", "")).await;
        let in_title = add(card("Byt brandvägg", "", "high")).await;
        let bygglov = add(card("Ny e-tjänst för bygglov", "", "")).await;
        plan.add_checklist_item(&admin, bygglov, "Kontakta Lantmäteriet")
            .await
            .unwrap();
        plan.comment(&admin, bygglov, "Vi väntar på leverantören")
            .await
            .unwrap();
        let other = actor(&app, "admin@soderby.se", "Söderby", Role::Admin).await;
        let ob = BoardId(board(&app, &other, "Plan").await.id);
        plan.create_task(&other, ob, &card("Brandvägg i Söderby", "", ""), None)
            .await
            .unwrap();

        let ids = |q: &'static str, f: Filter| {
            let (plan, admin) = (app.plan(), admin.clone());
            async move {
                let r = plan.search(&admin, q, &f).await.unwrap();
                r.hits.iter().map(|h| h.card.id).collect::<Vec<TaskId>>()
            }
        };
        // A word's beginning finds it, in the title first, then in the description.
        assert_eq!(ids("brand", Filter::default()).await, vec![in_title, in_body]);
        assert_eq!(
            ids("BYT Brandvägg", Filter::default()).await,
            vec![in_title, in_body]
        );
        assert_eq!(ids("lantmäteriet", Filter::default()).await, vec![bygglov]);
        assert_eq!(ids("leverantör", Filter::default()).await, vec![bygglov]);
        assert_eq!(ids("e-tjänst bygglov", Filter::default()).await, vec![bygglov]);
        assert!(ids("brandvägg lantmäteriet", Filter::default()).await.is_empty());
        // Addresses and host names are words apart on both databases.
        let host = add(card(
            "Certifikat",
            "Förnya för srv01.corp.local och anna@kommun.se",
            "",
        ))
        .await;
        assert_eq!(ids("corp", Filter::default()).await, vec![host]);
        assert_eq!(ids("kommun", Filter::default()).await, vec![host]);
        // Query syntax is only words here: no error, no widening.
        assert!(
            ids("\"OR\" * NEAR( ) : & | !", Filter::default())
                .await
                .is_empty()
        );
        let hit = plan.search(&admin, "bygglov", &Filter::default()).await.unwrap();
        assert_eq!(
            (hit.hits[0].board.as_str(), hit.hits[0].column.as_str()),
            ("IT-plan", "Inkorg")
        );

        // Filters narrow; with no words the filter alone lists.
        let high = Filter {
            priority: Some("high".into()),
            ..Default::default()
        };
        assert_eq!(ids("brand", high.clone()).await, vec![in_title]);
        assert_eq!(ids("", high).await, vec![in_title]);

        // An edit moves the card in the index at once.
        plan.update_task(&admin, in_title, &card("Byt router", "", "high"))
            .await
            .unwrap();
        assert_eq!(ids("brand", Filter::default()).await, vec![in_body]);
        assert_eq!(ids("router", Filter::default()).await, vec![in_title]);

        // Archived cards are found only when asked for; deleted ones never.
        plan.archive(&admin, Archivable::Card, in_body.0).await.unwrap();
        assert!(ids("brand", Filter::default()).await.is_empty());
        let archived = Filter {
            archived: true,
            ..Default::default()
        };
        assert_eq!(ids("brand", archived.clone()).await, vec![in_body]);
        plan.delete_archived(&admin, Archivable::Card, in_body.0)
            .await
            .unwrap();
        assert!(ids("brand", archived).await.is_empty());

        // More hits than a page: the first page and word that there are more.
        for i in 0..=HITS {
            add(card(&format!("Steg {i}"), "", "")).await;
        }
        let r = plan.search(&admin, "steg", &Filter::default()).await.unwrap();
        assert_eq!((r.hits.len() as i64, r.more), (HITS, true));
        assert_eq!(r.words, vec!["steg".to_owned()]);
    }
}
