//! Notifications on both databases: a card given to a member's person, a mention in a comment,
//! a bulk assignment and the morning digest each tell the right member once (never the one who
//! acted); each member sees only their own; the mail choice holds; the outbox hands a mail to
//! one worker at a time and retries a failed one later.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::{actor, board, member_of};
use mognad_app::plan::bulk::BulkChange;
use mognad_app::plan::cards::TaskInput;
use mognad_app::platform::notices::NoticeSettings;
use mognad_app::{Actor, App};
use mognad_domain::ids::{BoardId, PersonId, TaskId};
use mognad_domain::role::Role;
use mognad_store::testdb;

async fn person(app: &App, admin: &Actor, name: &str, email: &str) -> PersonId {
    let input = mognad_app::org::directory::PersonInput {
        name: name.into(),
        email: Some(email.into()),
        ..Default::default()
    };
    app.org().save_person(admin, None, &input).await.unwrap().id
}

async fn kinds(app: &App, a: &Actor) -> Vec<String> {
    let n = app.platform().notices(a, None).await.unwrap();
    n.items.into_iter().map(|n| n.kind).collect()
}

fn card(title: &str, who: Option<PersonId>, due: &str) -> TaskInput {
    TaskInput {
        title: title.into(),
        assignee_id: who.map(|p| p.to_string()).unwrap_or_default(),
        due: due.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn changes_tell_the_member_concerned_once_and_never_the_actor() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let (plan, platform) = (app.plan(), app.platform());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let ada = member_of(&app, admin.org, "ada@norrvik.se", Role::Member).await;
        let bo = member_of(&app, admin.org, "bo@norrvik.se", Role::Member).await;
        let p_ada = person(&app, &admin, "Ada Berg", "ada@norrvik.se").await;
        let p_admin = person(&app, &admin, "Admin", "admin@norrvik.se").await;
        let p_none = person(&app, &admin, "Utan konto", "ingen@norrvik.se").await;
        let b = board(&app, &admin, "Drift").await;

        // Created with an assignee: Ada is told, with the card and who gave it.
        let c1 = plan
            .create_task(&admin, BoardId(b.id), &card("Byt server", Some(p_ada), ""), None)
            .await
            .unwrap();
        let list = platform.notices(&ada, None).await.unwrap();
        assert_eq!((list.items.len(), list.unread), (1, 1));
        let n = &list.items[0];
        assert_eq!(
            (n.kind.as_str(), n.task_id, n.mail.as_str()),
            ("assigned", Some(c1), "pending")
        );
        assert_eq!(n.params["card"], "Byt server");
        assert!(kinds(&app, &bo).await.is_empty(), "nobody else is told");
        // Given to oneself, or to a person without an account: nobody is told.
        plan.create_task(&admin, BoardId(b.id), &card("Eget", Some(p_admin), ""), None)
            .await
            .unwrap();
        plan.create_task(&admin, BoardId(b.id), &card("Okänd", Some(p_none), ""), None)
            .await
            .unwrap();
        assert!(kinds(&app, &admin).await.is_empty());

        // An edit that keeps the assignee tells nobody again; one that changes it does.
        let mut edit = card("Byt server nu", Some(p_ada), "");
        plan.update_task(&admin, c1, &edit).await.unwrap();
        assert_eq!(kinds(&app, &ada).await.len(), 1);
        edit.assignee_id = String::new();
        plan.update_task(&admin, c1, &edit).await.unwrap();
        edit.assignee_id = p_ada.to_string();
        plan.update_task(&admin, c1, &edit).await.unwrap();
        assert_eq!(kinds(&app, &ada).await, vec!["assigned", "assigned"]);

        // A mention by mail handle tells Ada; mentioning oneself tells nobody.
        plan.comment(&bo, c1, "Kan @ada titta? Och @bo själv.")
            .await
            .unwrap();
        let list = platform.notices(&ada, None).await.unwrap();
        assert_eq!(list.items[0].kind, "mentioned");
        assert!(list.items[0].params["excerpt"].as_str().unwrap().contains("@ada"));
        assert!(kinds(&app, &bo).await.is_empty());

        // Ada no longer wants mentions mailed: still listed, not mailed.
        let off = NoticeSettings {
            assigned: true,
            mentioned: false,
            digest: true,
        };
        platform.save_notice_settings(&ada, off).await.unwrap();
        assert_eq!(platform.notice_settings(&ada).await.unwrap(), off);
        plan.comment(&admin, c1, "@Ada igen").await.unwrap();
        let list = platform.notices(&ada, None).await.unwrap();
        assert_eq!(
            (list.items[0].kind.as_str(), list.items[0].mail.as_str()),
            ("mentioned", "none")
        );

        // A bulk assignment tells once per card that changed.
        let c2 = plan
            .create_task(&admin, BoardId(b.id), &card("Två", None, ""), None)
            .await
            .unwrap();
        let change = BulkChange {
            column: None,
            assignee: Some(Some(p_ada)),
        };
        plan.bulk_change(&admin, BoardId(b.id), &[c1, c2], change)
            .await
            .unwrap();
        let list = platform.notices(&ada, None).await.unwrap();
        assert_eq!(
            list.items.len(),
            5,
            "c1 kept its assignee; c2 is new: {:?}",
            kinds(&app, &ada).await
        );
        assert_eq!(list.items[0].task_id, Some(c2));
        assert_eq!(list.unread, 5);

        // Marking read is the reader's own.
        assert_eq!(platform.mark_notices_read(&ada).await.unwrap(), 5);
        assert_eq!(platform.notices(&ada, None).await.unwrap().unread, 0);
        // A deactivated member is told nothing.
        platform
            .set_member_active(&admin, ada.user.id, false)
            .await
            .unwrap();
        plan.create_task(&admin, BoardId(b.id), &card("Efter", Some(p_ada), ""), None)
            .await
            .unwrap();
        platform
            .set_member_active(&admin, ada.user.id, true)
            .await
            .unwrap();
        assert_eq!(platform.notices(&ada, None).await.unwrap().items.len(), 5);
        // Erasing Ada takes her notifications with her.
        assert!(platform.outbox_counts().await.unwrap().0 > 0);
        app.org().erase_person(&admin, p_ada).await.unwrap();
        assert_eq!(platform.outbox_counts().await.unwrap(), (0, 0, 0));
    }
}

#[tokio::test]
async fn the_digest_is_made_once_a_morning_for_those_who_want_it() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let (plan, platform) = (app.plan(), app.platform());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let ada = member_of(&app, admin.org, "ada@norrvik.se", Role::Member).await;
        let bo = member_of(&app, admin.org, "bo@norrvik.se", Role::Member).await;
        let p_ada = person(&app, &admin, "Ada", "ada@norrvik.se").await;
        let p_bo = person(&app, &admin, "Bo", "bo@norrvik.se").await;
        let b = board(&app, &admin, "Drift").await;
        let day = Utc::now().date_naive();
        let at = |d: i64| (day + Duration::days(d)).to_string();
        for (title, who, due) in [
            ("Försenat", p_ada, at(-3)),
            ("I dag", p_ada, at(0)),
            ("I morgon", p_ada, at(1)),
            ("Nästa vecka", p_ada, at(7)),
            ("Bos i morgon", p_bo, at(1)),
        ] {
            plan.create_task(&admin, BoardId(b.id), &card(title, Some(who), &due), None)
                .await
                .unwrap();
        }
        let off = NoticeSettings {
            assigned: true,
            mentioned: true,
            digest: false,
        };
        platform.save_notice_settings(&bo, off).await.unwrap();

        let night = Utc.from_utc_datetime(&day.and_hms_opt(3, 0, 0).unwrap());
        assert_eq!(
            platform.make_digests(night).await.unwrap(),
            0,
            "not before the morning"
        );
        let morning = Utc.from_utc_datetime(&day.and_hms_opt(7, 0, 0).unwrap());
        assert_eq!(platform.make_digests(morning).await.unwrap(), 2, "Ada's and Bo's");
        assert_eq!(platform.make_digests(morning).await.unwrap(), 0, "once a day");
        let list = platform.notices(&ada, None).await.unwrap();
        let digest = list.items.iter().find(|n| n.kind == "digest").unwrap();
        assert_eq!(digest.params["overdue"], 1);
        assert_eq!(digest.params["today"], 1);
        assert_eq!(digest.params["tomorrow"], 1);
        let titles: Vec<&str> = digest.params["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, vec!["Försenat", "I dag", "I morgon"]);
        let bos = platform.notices(&bo, None).await.unwrap();
        let bos = bos.items.iter().find(|n| n.kind == "digest").unwrap();
        assert_eq!(
            (bos.mail.as_str(), &bos.params["tomorrow"]),
            ("none", &serde_json::json!(1)),
            "Bo chose no digest mail: listed, not mailed"
        );
    }
}

#[tokio::test]
async fn a_mail_is_one_workers_at_a_time_and_a_failure_waits() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let platform = app.platform();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let ada = member_of(&app, admin.org, "ada@norrvik.se", Role::Member).await;
        let p_ada = person(&app, &admin, "Ada", "ada@norrvik.se").await;
        let b = board(&app, &admin, "Drift").await;
        let made: Vec<TaskId> = {
            let mut v = Vec::new();
            for title in ["Ett", "Två"] {
                let c = card(title, Some(p_ada), "");
                v.push(
                    app.plan()
                        .create_task(&admin, BoardId(b.id), &c, None)
                        .await
                        .unwrap(),
                );
            }
            v
        };
        assert_eq!(platform.outbox_counts().await.unwrap(), (2, 0, 0));
        let lease = Duration::minutes(2);
        let first = platform.claim_mail(lease).await.unwrap().unwrap();
        assert_eq!(
            (first.email.as_str(), first.task),
            ("ada@norrvik.se", Some(made[0]))
        );
        assert_eq!((first.kind.as_str(), first.attempts), ("assigned", 1));
        let second = platform.claim_mail(lease).await.unwrap().unwrap();
        assert_eq!(second.task, Some(made[1]), "the first is held by its lease");
        assert!(platform.claim_mail(lease).await.unwrap().is_none());
        assert!(platform.mail_sent(&first).await.unwrap());
        platform.mail_failed(&second, "connection refused").await.unwrap();
        assert_eq!(platform.outbox_counts().await.unwrap(), (1, 1, 0));
        assert!(
            platform.claim_mail(lease).await.unwrap().is_none(),
            "a failed mail waits before it is tried again"
        );
        assert!(
            !platform.mail_sent(&second).await.unwrap(),
            "a claim that is over marks nothing"
        );
        let list = platform.notices(&ada, None).await.unwrap();
        let mail: Vec<&str> = list.items.iter().map(|n| n.mail.as_str()).collect();
        assert_eq!(mail, vec!["pending", "sent"]);
        // Given up after the last attempt.
        let c = card("Tre", Some(p_ada), "");
        app.plan()
            .create_task(&admin, BoardId(b.id), &c, None)
            .await
            .unwrap();
        let mut third = platform.claim_mail(lease).await.unwrap().unwrap();
        third.attempts = mognad_app::platform::notices::MAX_ATTEMPTS;
        platform.mail_failed(&third, "refused").await.unwrap();
        assert_eq!(platform.outbox_counts().await.unwrap(), (1, 1, 1));
        // A member paused before their mail went gets none.
        app.plan()
            .create_task(&admin, BoardId(b.id), &card("Fyra", Some(p_ada), ""), None)
            .await
            .unwrap();
        platform
            .set_member_active(&admin, ada.user.id, false)
            .await
            .unwrap();
        assert!(platform.claim_mail(lease).await.unwrap().is_none());
        assert_eq!(platform.outbox_counts().await.unwrap(), (1, 1, 2));
    }
}
