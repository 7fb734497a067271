//! Following up a recurring problem on both databases: the people affected are listed once each
//! however they wrote their contact; a mail from the template is queued in the outbox once per
//! reachable person and marks them contacted; others are marked by hand; the problem's card is
//! made once and the group links to it; members may not follow up.

mod common;

use common::{actor, board, member_of};
use mognad_app::{App, AppError};
use mognad_domain::ids::TaskId;
use mognad_domain::role::Role;
use mognad_store::testdb;

#[tokio::test]
async fn a_recurring_problem_is_followed_up_once_per_person() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let (plan, platform) = (app.plan(), app.platform());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = member_of(&app, admin.org, "m@norrvik.se", Role::Member).await;
        let b = board(&app, &admin, "IT-stöd").await;
        let slug = common::public_form(&app, &admin, b.id).await;
        let mut cards = Vec::new();
        for (i, contact) in ["asa@norrvik.se", " ASA@norrvik.se", "070-123 45 67", ""]
            .iter()
            .enumerate()
        {
            let answers = [("f1".to_string(), "Wifi i sal 4 fungerar inte".to_string())];
            let r = plan
                .submit_intake(&slug, None, &answers, contact, &format!("k{i}"))
                .await
                .unwrap();
            cards.push(r.task_id);
        }
        let groups = plan.recurring_problems(&admin).await.unwrap();
        assert_eq!(groups.len(), 1);
        assert_eq!(
            groups[0].contacts,
            ["070-123 45 67", "ASA@norrvik.se"],
            "each person once, newest first"
        );
        assert_eq!(groups[0].card, None);
        let group: Vec<TaskId> = groups[0].tasks.iter().map(|(id, _)| TaskId(*id)).collect();

        let f = plan.follow_up(&admin, &group).await.unwrap();
        let people: Vec<(&str, usize, bool, bool)> = f
            .contacts
            .iter()
            .map(|c| (c.contact.as_str(), c.requests, c.mailable, c.contacted))
            .collect();
        assert_eq!(
            people,
            vec![
                ("asa@norrvik.se", 2, true, false),
                ("070-123 45 67", 1, false, false)
            ]
        );
        assert_eq!(f.anonymous, 1);

        match plan.mail_follow_up(&admin, &group, " ", "Hej").await {
            Err(AppError::Invalid(v)) => assert_eq!(v[0].field.as_deref(), Some("subject")),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            plan.mail_follow_up(&admin, &group, "Om wifi", "Vi jobbar på det.")
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            platform.outbox_counts().await.unwrap(),
            (1, 0, 0),
            "one mail for two requests"
        );
        let mail = platform
            .claim_mail(chrono::Duration::minutes(2))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (mail.kind.as_str(), mail.email.as_str()),
            ("follow-up", "asa@norrvik.se")
        );
        assert_eq!(mail.params["body"], "Vi jobbar på det.");
        assert_eq!(
            plan.mail_follow_up(&admin, &group, "Om wifi", "Igen")
                .await
                .unwrap(),
            0,
            "the contacted are not mailed again"
        );
        assert_eq!(
            plan.mark_contacted(&admin, &group, &["0701234567".into()])
                .await
                .unwrap(),
            1
        );
        let f = plan.follow_up(&admin, &group).await.unwrap();
        assert!(f.contacts.iter().all(|c| c.contacted));

        let card = plan
            .follow_up_card(&admin, &group, "Återkommande problem: wifi")
            .await
            .unwrap();
        assert_eq!(
            plan.follow_up_card(&admin, &group, "Igen").await.unwrap(),
            card,
            "made once"
        );
        let made = plan.task(&admin, card).await.unwrap();
        assert_eq!(made.title, "Återkommande problem: wifi");
        assert!(made.description.contains("- Wifi i sal 4 fungerar inte"));
        let again = plan.recurring_problems(&admin).await.unwrap();
        assert_eq!(again[0].card, Some(card.0));
        assert!(
            again[0].tasks.iter().all(|(id, _)| *id != card.0),
            "the problem's own card is not one more report of it"
        );
        let with_hand_made: Vec<TaskId> = group.iter().copied().chain([card]).collect();
        assert_eq!(
            plan.follow_up(&admin, &with_hand_made).await.unwrap().cards.len(),
            group.len() + 1
        );

        assert!(matches!(
            plan.follow_up(&member, &group).await,
            Err(AppError::Forbidden)
        ));
        let strange = [TaskId(uuid::Uuid::now_v7())];
        assert!(matches!(
            plan.follow_up(&admin, &strange).await,
            Err(AppError::NotFound)
        ));
        assert!(
            matches!(plan.follow_up(&admin, &[card]).await, Err(AppError::Invalid(_))),
            "not a request"
        );
        // The contacts' retention period takes the follow-up mail with the contacts.
        assert_eq!(platform.outbox_counts().await.unwrap().0, 1);
        let later = chrono::Utc::now() + chrono::Duration::days(400);
        platform.apply_retention(later).await.unwrap();
        assert_eq!(platform.outbox_counts().await.unwrap(), (0, 0, 0));
        assert!(group.iter().all(|g| cards.contains(g)));
    }
}
