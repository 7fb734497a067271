//! Calendar feeds on both databases: a member's link lists the due cards assigned to their
//! person and nobody else's, a board's link its due cards; renewing stops the old link, stopping
//! stops it, and a deactivated member's or an archived board's link gives nothing.

mod common;

use common::{actor, board, member_of};
use mognad_app::plan::calendar::FeedOf;
use mognad_app::plan::cards::TaskInput;
use mognad_app::{App, AppError};
use mognad_domain::ids::BoardId;
use mognad_domain::plan::archive::Archivable;
use mognad_domain::role::Role;
use mognad_store::testdb;

fn no_url(_: mognad_domain::ids::OrgId, _: uuid::Uuid) -> Option<String> {
    None
}

async fn text(app: &App, token: &str) -> Option<String> {
    let name = |of: &str| format!("Kalender: {of}");
    app.plan()
        .feed(token, &no_url, &name)
        .await
        .unwrap()
        .map(|f| f.text)
}

#[tokio::test]
async fn feeds_list_due_cards_behind_a_renewable_secret() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let plan = app.plan();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = member_of(&app, admin.org, "ada@norrvik.se", Role::Member).await;
        let mut people = Vec::new();
        for (name, email) in [("Ada", "ada@norrvik.se"), ("Bo", "bo@norrvik.se")] {
            let input = mognad_app::org::directory::PersonInput {
                name: name.into(),
                email: Some(email.into()),
                ..Default::default()
            };
            people.push(app.org().save_person(&admin, None, &input).await.unwrap().id);
        }
        let b = board(&app, &admin, "Drift").await;
        let other = board(&app, &admin, "Projekt").await;
        let today = chrono::Utc::now().date_naive();
        let soon = (today + chrono::Duration::days(3)).to_string();
        let long_ago = (today - chrono::Duration::days(400)).to_string();
        for (title, who, due, on) in [
            ("Adas kort, med komma", 0, soon.as_str(), b.id),
            ("Bos kort", 1, soon.as_str(), b.id),
            ("Adas kort utan datum", 0, "", b.id),
            ("Adas gamla kort", 0, long_ago.as_str(), b.id),
            ("Adas projektkort", 0, soon.as_str(), other.id),
        ] {
            let input = TaskInput {
                title: title.into(),
                assignee_id: people[who].to_string(),
                due: due.into(),
                ..Default::default()
            };
            plan.create_task(&admin, BoardId(on), &input, None).await.unwrap();
        }

        let mine = plan.renew_feed(&member, FeedOf::Me).await.unwrap();
        let cal = text(&app, &mine).await.unwrap();
        assert!(cal.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(cal.contains("Kalender: "), "named as the reader's language says");
        assert!(cal.contains("SUMMARY:Adas kort\\, med komma\r\n"));
        assert!(cal.contains("SUMMARY:Adas projektkort\r\n"), "every board");
        assert!(!cal.contains("Bos kort"), "only the member's own cards");
        assert!(!cal.contains("utan datum") && !cal.contains("gamla"));
        assert_eq!(cal.matches("BEGIN:VEVENT").count(), 2);
        assert!(text(&app, "not-a-token").await.is_none());

        let board_link = plan
            .renew_feed(&member, FeedOf::Board(BoardId(b.id)))
            .await
            .unwrap();
        let cal = text(&app, &board_link).await.unwrap();
        assert_eq!(cal.matches("BEGIN:VEVENT").count(), 2, "Ada's and Bo's on Drift");
        assert!(!cal.contains("projektkort"));
        let feeds = plan.calendar_feeds(&member).await.unwrap();
        assert!(feeds.mine.is_some());
        let made: Vec<bool> = feeds.boards.iter().map(|b| b.made.is_some()).collect();
        assert_eq!(made, [true, false]);

        // Renewing stops the old link at once; so does stopping.
        let renewed = plan.renew_feed(&member, FeedOf::Me).await.unwrap();
        assert!(text(&app, &mine).await.is_none());
        assert!(text(&app, &renewed).await.is_some());
        plan.stop_feed(&member, FeedOf::Me).await.unwrap();
        assert!(text(&app, &renewed).await.is_none());

        // An archived card leaves; an archived board's link gives nothing and cannot be renewed.
        let again = plan.renew_feed(&member, FeedOf::Me).await.unwrap();
        plan.archive(&admin, Archivable::Board, other.id).await.unwrap();
        assert!(!text(&app, &again).await.unwrap().contains("projektkort"));
        plan.archive(&admin, Archivable::Board, b.id).await.unwrap();
        assert!(text(&app, &board_link).await.is_none());
        assert!(matches!(
            plan.renew_feed(&member, FeedOf::Board(BoardId(b.id))).await,
            Err(AppError::Conflict { .. })
        ));

        // Board links are each member's own: another's renewal leaves the member's working, and a
        // deactivated member's board link gives nothing while the other member's still does.
        let third = board(&app, &admin, "Tredje").await;
        let theirs = plan
            .renew_feed(&member, FeedOf::Board(BoardId(third.id)))
            .await
            .unwrap();
        let admins = plan
            .renew_feed(&admin, FeedOf::Board(BoardId(third.id)))
            .await
            .unwrap();
        let admins = {
            let again = plan
                .renew_feed(&admin, FeedOf::Board(BoardId(third.id)))
                .await
                .unwrap();
            assert!(text(&app, &admins).await.is_none());
            again
        };
        assert!(
            text(&app, &theirs).await.is_some(),
            "another's renewal leaves it alone"
        );
        let mine_only = plan.calendar_feeds(&admin).await.unwrap();
        assert!(
            mine_only.mine.is_none(),
            "the member's own link is not the admin's"
        );
        // A deactivated member's links give nothing.
        let mut tx = app.db.write().await.unwrap();
        mognad_store::members::set_active(&mut tx, admin.org, member.user.id, false)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(text(&app, &again).await.is_none());
        assert!(text(&app, &theirs).await.is_none());
        assert!(text(&app, &admins).await.is_some());
        t.cleanup().await.unwrap();
    }
}
