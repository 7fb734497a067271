//! People's rights over their data, on every backend: the document of everything held about a
//! person (and what it must not say), erasure that leaves answers counted and others' data
//! untouched, the last owner kept, and retention periods applied by the background job.

mod common;

use chrono::{Duration, Utc};
use common::{actor, board, group_of, open_round};
use mognad_app::competence::assess::AssessInput;
use mognad_app::org::directory::PersonInput;
use mognad_app::org::privacy::RetentionInput;
use mognad_app::org::relations::RelationshipInput;
use mognad_app::plan::intake::FormInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::ids::{GroupId, OrgId, RoundId};
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::testdb;
use serde_json::Value;

fn rows<'a>(doc: &'a Value, section: &str) -> &'a Vec<Value> {
    doc[section]
        .as_array()
        .unwrap_or_else(|| panic!("no section {section}: {doc}"))
}

/// A public intake form on a new board; its link's slug.
async fn service_desk(app: &App, admin: &Actor) -> String {
    let b = board(app, admin, "IT-stöd").await;
    let form = FormInput {
        name: "Felanmälan".into(),
        board_id: b.id.to_string(),
        public: "1".into(),
        intro: String::new(),
        fields: "Vad gäller det? | text | required".into(),
    };
    let form_id = app.plan().save_intake_form(admin, None, &form).await.unwrap();
    app.plan().intake_form(admin, form_id).await.unwrap().slug
}

/// A signed-up user with `role` in the organisation, as an actor.
async fn user(app: &App, org: OrgId, email: &str, role: Role) -> Actor {
    let u = app
        .platform()
        .create_user(email, "Användare", "ett långt lösenord", Language::Sv)
        .await
        .unwrap();
    app.platform().grant_role(u.id, org, role).await.unwrap();
    app.platform().actor(u, org).await.unwrap()
}

#[tokio::test]
async fn a_person_gets_their_data_and_can_be_erased_while_answers_stay_counted() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let group = group_of(&app, &admin, "Ledningen", None, 4).await;
        let save = |name: &str, email: &str| PersonInput {
            name: name.into(),
            email: Some(email.into()),
            ..Default::default()
        };
        let eva = app
            .org()
            .save_person(&admin, None, &save("Eva Ek", "eva@norrvik.se"))
            .await
            .unwrap()
            .id;
        let bo = app
            .org()
            .save_person(&admin, None, &save("Bo Berg", "bo@norrvik.se"))
            .await
            .unwrap()
            .id;
        app.org()
            .set_group_member(&admin, GroupId(group), eva, true)
            .await
            .unwrap();
        for (kind, from, to) in [("supervision", bo, eva), ("mentorship", eva, bo)] {
            let rel = RelationshipInput {
                kind: kind.into(),
                from_id: from.to_string(),
                to_id: to.to_string(),
                role: None,
                valid_from: "2024-01-01".into(),
                valid_to: None,
            };
            app.org().save_relationship(&admin, None, &rel).await.unwrap();
        }
        // Eva has an account, and assesses herself.
        let eva_actor = user(&app, admin.org, "eva@norrvik.se", Role::Member).await;
        let fw = app.competence().default_framework(&admin).await.unwrap();
        app.competence()
            .set_target_role(&eva_actor, eva, fw, Some("it-strateg"))
            .await
            .unwrap();
        let framework = app.competence().framework(&admin, fw).await.unwrap();
        let first = framework
            .roles
            .iter()
            .find(|r| r.id == "it-strateg")
            .unwrap()
            .requires[0]
            .0
            .clone();
        let assess = AssessInput {
            competence: first.clone(),
            level: "3".into(),
            source: "self".into(),
            note: "Ledde budgeten".into(),
        };
        app.competence().assess(&eva_actor, eva, &assess).await.unwrap();
        // She wrote to the service desk with her address.
        let slug = service_desk(&app, &admin).await;
        let answers = vec![("f1".to_string(), "Skrivaren".to_string())];
        app.plan()
            .submit_intake(&slug, None, &answers, "Eva Ek, Eva@Norrvik.se", "k1")
            .await
            .unwrap();
        app.plan()
            .submit_intake(&slug, None, &answers, "olle@norrvik.se", "k2")
            .await
            .unwrap();
        // An address that holds hers inside it is someone else's.
        app.plan()
            .submit_intake(&slug, None, &answers, "maeva@norrvik.se", "k3")
            .await
            .unwrap();
        // A round she answers in, which then closes.
        let (round, links) = open_round(&app, &admin, "T1").await;
        for l in &links {
            common::answer(&app, &l.token, 2).await;
        }
        app.measurement()
            .set_round_state(&admin, RoundId(round), "closed")
            .await
            .unwrap();
        let before = app.measurement().results(&admin, RoundId(round)).await.unwrap();

        // Her document: every part, and nothing about whether she answered.
        let doc = app.org().person_data(&eva_actor, eva).await.unwrap();
        assert_eq!(doc["person"]["email"], "eva@norrvik.se");
        assert_eq!(rows(&doc, "groups").len(), 1);
        assert_eq!(
            rows(&doc, "supervisions").len() + rows(&doc, "mentorships").len(),
            2
        );
        assert_eq!(rows(&doc, "assessments").len(), 1);
        assert_eq!(rows(&doc, "intake_requests").len(), 1, "{doc}");
        assert_eq!(doc["account"]["role"], "member");
        let invitations = rows(&doc, "invitations");
        assert_eq!(invitations.len(), 1);
        assert!(
            invitations[0].get("used").is_none() && invitations[0].get("token_hash").is_none(),
            "the document tells whether she answered: {}",
            invitations[0]
        );
        // A colleague may not read it; an administrator may.
        let bo_actor = user(&app, admin.org, "bo@norrvik.se", Role::Member).await;
        assert!(matches!(
            app.org().person_data(&bo_actor, eva).await,
            Err(AppError::Forbidden)
        ));
        assert!(app.org().person_data(&admin, eva).await.is_ok());
        assert!(matches!(
            app.org().erase_person(&eva_actor, eva).await,
            Err(AppError::Forbidden)
        ));

        let erased = app.org().erase_person(&admin, eva).await.unwrap();
        assert_eq!((erased.contacts, erased.account), (1, true));
        assert!(matches!(
            app.org().person(&admin, eva).await,
            Err(AppError::NotFound)
        ));
        assert!(app.org().relationships(&admin).await.unwrap().is_empty());
        let group_now = app.org().group(&admin, GroupId(group)).await.unwrap();
        assert!(!group_now.member_ids.contains(&eva));
        let left = app
            .platform()
            .user_by_email("eva@norrvik.se")
            .await
            .unwrap()
            .unwrap();
        assert!(
            app.platform().actor(left, admin.org).await.is_err(),
            "her role here remains"
        );
        // Her answers stay, counted as before; Bo and the other request are untouched.
        let after = app.measurement().results(&admin, RoundId(round)).await.unwrap();
        assert_eq!(after.organisation.n, before.organisation.n);
        assert_eq!(after.organisation.scores, before.organisation.scores);
        assert!(app.org().person(&admin, bo).await.is_ok());
        let bo_doc = app.org().person_data(&admin, bo).await.unwrap();
        assert!(rows(&bo_doc, "assessments").is_empty());
        let mut tx = app.db.read().await.unwrap();
        let requests = mognad_store::records::dump(&mut tx, "intake_submissions", "org_id = $1", admin.org.0)
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        let contacts: Vec<&Value> = requests.iter().map(|r| &r["contact"]).collect();
        assert!(contacts.contains(&&Value::from("olle@norrvik.se")) && contacts.contains(&&Value::Null));
        assert!(
            contacts.contains(&&Value::from("maeva@norrvik.se")),
            "{contacts:?}"
        );
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn the_only_owner_is_not_erased() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let owner = actor(&app, "agare@norrvik.se", "Norrvik", Role::Owner).await;
        let me = PersonInput {
            name: "Ägaren".into(),
            email: Some("agare@norrvik.se".into()),
            ..Default::default()
        };
        let id = app.org().save_person(&owner, None, &me).await.unwrap().id;
        let refused = app.org().erase_person(&owner, id).await;
        assert!(
            matches!(&refused, Err(AppError::Invalid(v)) if v[0].code == "last-owner"),
            "{refused:?}"
        );
        assert!(app.org().person(&owner, id).await.is_ok(), "half erased");
        // With a second owner, an admin still may not take an owner's role away by erasure.
        let second = user(&app, owner.org, "andra@norrvik.se", Role::Owner).await;
        let admin = user(&app, owner.org, "admin@norrvik.se", Role::Admin).await;
        let refused = app.org().erase_person(&admin, id).await;
        assert!(
            matches!(&refused, Err(AppError::Invalid(v)) if v[0].code == "outranks"),
            "{refused:?}"
        );
        // The other owner may.
        assert!(app.org().erase_person(&second, id).await.unwrap().account);
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn retention_forgets_links_drafts_and_contacts_when_their_time_is_up() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        group_of(&app, &admin, "Ledningen", None, 3).await;
        let (closed, links) = open_round(&app, &admin, "Stängd").await;
        common::answer(&app, &links[0].token, 3).await;
        app.measurement()
            .set_round_state(&admin, RoundId(closed), "closed")
            .await
            .unwrap();
        let (_, open_links) = open_round(&app, &admin, "Öppen").await;
        // An unfinished answer in the open round.
        let model = app
            .measurement()
            .respondent(&open_links[0].token)
            .await
            .unwrap()
            .model;
        let fields = mognad_domain::answer::complete_form(&model, |_| 2, 3);
        app.measurement()
            .save_answers(&open_links[0].token, &fields[..2])
            .await
            .unwrap();
        let slug = service_desk(&app, &admin).await;
        app.plan()
            .submit_intake(
                &slug,
                None,
                &[("f1".into(), "Skrivaren".into())],
                "eva@norrvik.se",
                "k1",
            )
            .await
            .unwrap();

        // Defaults: 30, 90 and 365 days. Nothing is due today.
        let r = app.org().retention(&admin).await.unwrap();
        assert_eq!(
            (r.links_days, r.drafts_days, r.contacts_days),
            (Some(30), Some(90), Some(365))
        );
        let now = Utc::now();
        let none = app.platform().apply_retention(now).await.unwrap();
        assert_eq!((none.links, none.drafts, none.contacts), (0, 0, 0));
        // Thirty-one days on, the closed round's links forget their people, the open round's do not.
        let month = app
            .platform()
            .apply_retention(now + Duration::days(31))
            .await
            .unwrap();
        assert_eq!((month.links, month.contacts), (3, 0), "{month:?}");
        let status = app
            .measurement()
            .round_status(&admin, RoundId(closed))
            .await
            .unwrap();
        assert_eq!(
            status.iter().map(|g| g.answered).sum::<i64>(),
            1,
            "the answer still counts"
        );
        // Periods can be changed, or blanked to keep; bad input is refused field by field.
        let bad = RetentionInput {
            links_days: "-1".into(),
            drafts_days: "x".into(),
            contacts_days: String::new(),
        };
        let refused = app.org().set_retention(&admin, &bad).await;
        assert!(
            matches!(&refused, Err(AppError::Invalid(v)) if v.len() == 2),
            "{refused:?}"
        );
        let keep_contacts = RetentionInput {
            links_days: "0".into(),
            drafts_days: "0".into(),
            contacts_days: String::new(),
        };
        app.org().set_retention(&admin, &keep_contacts).await.unwrap();
        let later = app
            .platform()
            .apply_retention(now + Duration::days(400))
            .await
            .unwrap();
        assert_eq!(
            (later.drafts, later.contacts),
            (1, 0),
            "a blank period keeps: {later:?}"
        );
        // The open round's respondent can still answer; only the draft went.
        assert!(app.measurement().respondent(&open_links[0].token).await.is_ok());
        t.cleanup().await.unwrap();
    }
}
