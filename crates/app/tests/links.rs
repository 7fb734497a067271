//! Links and anonymity, on every backend: reminders name nobody and the sheet of links does not
//! tell who answered; a shared link takes no more answers than its group has places; wrong
//! access codes are throttled; a person in two groups answers once, where they choose.

mod common;

use mognad_app::measurement::respond::SubmitResult;
use mognad_app::measurement::submit::Outcome;
use mognad_app::platform::mail::{Invitation, MailConfig, Mailer, SmtpTls};
use mognad_app::{Actor, App, AppError};
use mognad_domain::answer::complete_form;
use mognad_domain::ids::{GroupId, RoundId};
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::testdb;
use uuid::Uuid;

/// An open round for one group of `size` people: its personal links, and the group's shared
/// link and access code.
async fn open_round(
    app: &App,
    a: &Actor,
    size: usize,
) -> (
    Uuid,
    Uuid,
    Vec<mognad_app::measurement::invite::IssuedLink>,
    String,
    String,
) {
    let g = common::group_of(app, a, "Ledningen", None, size).await;
    let r = common::new_round(app, a, "T0").await;
    let links = app.measurement().issue_invitations(a, RoundId(r)).await.unwrap();
    app.measurement()
        .set_round_state(a, RoundId(r), "open")
        .await
        .unwrap();
    let status = app.measurement().round_status(a, RoundId(r)).await.unwrap();
    let s = status.iter().find(|s| s.group_id == GroupId(g)).unwrap();
    let (slug, code) = (s.shared_slug.clone().unwrap(), s.access_code.clone().unwrap());
    (g, r, links, slug, code)
}

fn folder_mailer(dir: &std::path::Path) -> Mailer {
    Mailer::new(&MailConfig {
        smtp_host: None,
        smtp_port: 25,
        smtp_tls: SmtpTls::None,
        smtp_ca_file: None,
        smtp_user: None,
        smtp_password: None,
        from: "Mognad <mognad@ekby.se>".into(),
        folder: dir.to_path_buf(),
    })
    .unwrap()
}

#[tokio::test]
async fn reminders_name_nobody_and_the_sheet_does_not_tell_who_answered() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let a = common::actor(&app, "admin@ekby.se", "Ekby kommun", Role::Admin).await;
        // Five with an address, two without.
        let g = common::group_of(&app, &a, "Ledningen", None, 5).await;
        for name in ["Utan Adress", "Också Utan"] {
            let p = mognad_app::org::directory::PersonInput {
                name: name.into(),
                ..Default::default()
            };
            let p = app.org().save_person(&a, None, &p).await.unwrap();
            app.org()
                .set_group_member(&a, GroupId(g), p.id, true)
                .await
                .unwrap();
        }
        let r = common::new_round(&app, &a, "T0").await;
        let links = app.measurement().issue_invitations(&a, RoundId(r)).await.unwrap();
        app.measurement()
            .set_round_state(&a, RoundId(r), "open")
            .await
            .unwrap();
        let with: Vec<_> = links.iter().filter(|l| l.email.is_some()).collect();
        let without: Vec<_> = links.iter().filter(|l| l.email.is_none()).collect();
        common::answer(&app, &with[0].token, 3).await;
        common::answer(&app, &without[0].token, 3).await;

        let dir = tempfile::tempdir().unwrap();
        let about = Invitation {
            round: "T0",
            org: "Ekby kommun",
            language: Language::Sv,
            base_url: "https://mognad.ekby.se",
            reminder: true,
        };
        let report = app
            .measurement()
            .remind(&a, RoundId(r), &folder_mailer(dir.path()), &about)
            .await
            .unwrap();
        assert_eq!(
            (report.sent, report.without_address, report.failed),
            (4, 2, 0),
            "{}",
            t.label
        );
        let text = serde_json::to_string(&report).unwrap();
        for l in &links {
            assert!(!text.contains(&l.person_name) && !text.contains(l.email.as_deref().unwrap_or("§")));
        }
        let mails: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert_eq!(
            mails.len(),
            4,
            "one reminder per person with an address who has not answered"
        );
        assert!(
            mails
                .iter()
                .all(|m| !m.contains(with[0].email.as_deref().unwrap()))
        );

        // The sheet has a working link for both people without an address, answered or not.
        let sheet = app.measurement().link_sheet(&a, RoundId(r)).await.unwrap();
        assert_eq!(sheet.len(), 2);
        let mut states: Vec<bool> = Vec::new();
        for l in &sheet {
            assert!(l.email.is_none());
            states.push(app.measurement().respondent(&l.token).await.unwrap().submitted);
        }
        states.sort();
        assert_eq!(states, vec![false, true]);
        assert!(matches!(
            app.measurement().respondent(&without[1].token).await,
            Err(AppError::NotFound)
        ));
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn a_shared_link_takes_no_more_answers_than_its_group_has_places() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let a = common::actor(&app, "admin@ekby.se", "Ekby kommun", Role::Admin).await;
        let (g, r, links, slug, code) = open_round(&app, &a, 3).await;
        common::answer(&app, &links[0].token, 2).await;
        // Two places left; three people take a link before anyone submits.
        let mut taken = Vec::new();
        for _ in 0..3 {
            taken.push(
                app.measurement()
                    .join_shared(&slug, &code, "10.0.0.1")
                    .await
                    .unwrap(),
            );
        }
        let mut outcomes = Vec::new();
        for token in &taken {
            match common::answer(&app, token, 4).await {
                SubmitResult::Done(o) => outcomes.push(o),
                SubmitResult::Incomplete { .. } => panic!("a complete form was incomplete"),
            }
        }
        assert_eq!(
            outcomes,
            vec![Outcome::Accepted, Outcome::Accepted, Outcome::LinkFull],
            "{}",
            t.label
        );
        assert!(matches!(
            app.measurement().join_shared(&slug, &code, "10.0.0.1").await,
            Err(AppError::Refused {
                code: "link-full",
                ..
            })
        ));
        let status = app.measurement().round_status(&a, RoundId(r)).await.unwrap();
        assert_eq!(
            status.iter().find(|s| s.group_id == GroupId(g)).unwrap().answered,
            3
        );
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn wrong_access_codes_are_throttled_per_client_and_per_link() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let a = common::actor(&app, "admin@ekby.se", "Ekby kommun", Role::Admin).await;
        let (_, _, _, slug, code) = open_round(&app, &a, 6).await;
        for _ in 0..10 {
            assert!(matches!(
                app.measurement().join_shared(&slug, "FEL", "10.0.0.9").await,
                Err(AppError::Invalid(_))
            ));
        }
        assert!(
            matches!(
                app.measurement().join_shared(&slug, &code, "10.0.0.9").await,
                Err(AppError::Throttled)
            ),
            "even the right code waits once a client has failed ten times"
        );
        assert!(
            app.measurement()
                .join_shared(&slug, &code, "10.0.0.10")
                .await
                .is_ok(),
            "another client is not punished"
        );
        // Across clients, a hundred failures close the link for a while.
        for i in 0..90 {
            let _ = app
                .measurement()
                .join_shared(&slug, "FEL", &format!("10.1.0.{i}"))
                .await;
        }
        assert!(matches!(
            app.measurement().join_shared(&slug, &code, "10.2.0.1").await,
            Err(AppError::Throttled)
        ));
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn a_person_in_two_groups_answers_once_and_counts_where_they_answer() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let a = common::actor(&app, "admin@ekby.se", "Ekby kommun", Role::Admin).await;
        let g1 = common::group_of(&app, &a, "G1", None, 4).await;
        let g2 = common::group_of(&app, &a, "G2", None, 4).await;
        let both = app.org().group(&a, GroupId(g1)).await.unwrap().member_ids[0];
        app.org()
            .set_group_member(&a, GroupId(g2), both, true)
            .await
            .unwrap();
        let r = common::new_round(&app, &a, "T0").await;
        let links = app.measurement().issue_invitations(&a, RoundId(r)).await.unwrap();
        assert_eq!(links.len(), 8, "invited once");
        let several = app.measurement().several_groups(&a, RoundId(r)).await.unwrap();
        assert_eq!((several.len(), several[0].settled), (1, false));
        let members = |st: &[mognad_app::measurement::invite::GroupStatus]| {
            let m = |g| st.iter().find(|s| s.group_id == g).unwrap().members;
            (m(GroupId(g1)), m(GroupId(g2)))
        };
        let first = members(&app.measurement().round_status(&a, RoundId(r)).await.unwrap());
        assert_eq!(first.0 + first.1, 8, "each person counted once");
        app.measurement()
            .set_round_state(&a, RoundId(r), "open")
            .await
            .unwrap();
        assert!(matches!(
            app.measurement()
                .set_answering_group(&a, RoundId(r), both, GroupId(g2))
                .await,
            Err(AppError::Refused { .. })
        ));

        // The person is asked which group they answer for, and cannot answer before.
        let token = &links
            .iter()
            .find(|l| l.person_name == several[0].person_name)
            .unwrap()
            .token;
        let me = app.measurement().respondent(token).await.unwrap();
        let choice: Vec<Uuid> = me.choice.unwrap().into_iter().map(|(g, _)| g).collect();
        assert_eq!(choice.len(), 2);
        let model = me.model;
        assert!(matches!(
            app.measurement()
                .submit_answers(token, &complete_form(&model, |_| 3, 3))
                .await,
            Err(AppError::Refused { .. })
        ));
        app.measurement()
            .choose_group(token, &g2.to_string())
            .await
            .unwrap();
        assert!(
            app.measurement()
                .respondent(token)
                .await
                .unwrap()
                .choice
                .is_none()
        );
        common::answer(&app, token, 3).await;
        let st = app.measurement().round_status(&a, RoundId(r)).await.unwrap();
        assert_eq!(members(&st), (3, 5), "{}", t.label);
        let answered = |g| st.iter().find(|s| s.group_id == g).unwrap().answered;
        assert_eq!((answered(GroupId(g1)), answered(GroupId(g2))), (0, 1));

        // In a draft an administrator may settle it instead.
        let r2 = common::new_round(&app, &a, "T1").await;
        app.measurement()
            .issue_invitations(&a, RoundId(r2))
            .await
            .unwrap();
        app.measurement()
            .set_answering_group(&a, RoundId(r2), both, GroupId(g2))
            .await
            .unwrap();
        assert!(app.measurement().several_groups(&a, RoundId(r2)).await.unwrap()[0].settled);
        assert_eq!(
            members(&app.measurement().round_status(&a, RoundId(r2)).await.unwrap()),
            (3, 5)
        );
        t.cleanup().await.unwrap();
    }
}
