//! Use-case story tests, run on SQLite and (when configured) PostgreSQL: access control across
//! organisations and roles, the importer's all-or-nothing rule, relationship rules, the demo,
//! and moving an organisation between backends.

mod common;

use common::actor;
use mognad_app::org::directory::{NamedInput, PersonInput, UnitInput};
use mognad_app::org::relations::RelationshipInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::ids::RoundId;
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::testdb;

async fn isolation_and_roles(app: &App) {
    let a = actor(app, "a@norrvik.se", "Norrvik", Role::Admin).await;
    let b = actor(app, "b@soderby.se", "Söderby", Role::Owner).await;
    let unit = app
        .org()
        .save_unit(
            &a,
            None,
            &UnitInput {
                name: "IT".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let person = app
        .org()
        .save_person(
            &a,
            None,
            &PersonInput {
                name: "Anna".into(),
                unit_id: Some(unit.id.to_string()),
                ..Default::default()
            },
        )
        .await
        .unwrap();

    // Another organisation's owner sees none of it and cannot touch it.
    assert!(matches!(
        app.org().unit(&b, unit.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.org().person(&b, person.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.org().delete_person(&b, person.id).await,
        Err(AppError::NotFound)
    ));
    assert!(app.org().units(&b).await.unwrap().is_empty());
    // Nor can it point its own records at it.
    let err = app
        .org()
        .save_person(
            &b,
            None,
            &PersonInput {
                name: "X".into(),
                unit_id: Some(unit.id.to_string()),
                ..Default::default()
            },
        )
        .await;
    assert!(
        matches!(err, Err(AppError::Invalid(ref v)) if v[0].code == "unknown-ref"),
        "{err:?}"
    );
    // And a user who is not a member of an organisation cannot act in it at all.
    assert!(matches!(
        app.platform().actor(b.user.clone(), a.org).await,
        Err(AppError::NotFound)
    ));

    // Members read, admins write.
    let member = Actor {
        role: Role::Member,
        ..a.clone()
    };
    assert_eq!(app.org().units(&member).await.unwrap().len(), 1);
    assert!(matches!(
        app.org()
            .save_unit(
                &member,
                None,
                &UnitInput {
                    name: "Y".into(),
                    ..Default::default()
                }
            )
            .await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        app.org()
            .update_settings(
                &member,
                &mognad_app::org::organisations::SettingsInput {
                    name: "N".into(),
                    language: "sv".into(),
                    anonymity_threshold: "5".into()
                }
            )
            .await,
        Err(AppError::Forbidden)
    ));

    // Every bad field is reported at once.
    let err = app
        .org()
        .save_person(
            &a,
            None,
            &PersonInput {
                name: " ".into(),
                email: Some("nope".into()),
                ..Default::default()
            },
        )
        .await;
    let Err(AppError::Invalid(list)) = err else {
        panic!("expected invalid, got {err:?}")
    };
    assert_eq!(
        list.iter().map(|i| i.field.clone().unwrap()).collect::<Vec<_>>(),
        ["name", "email"]
    );

    // The tree stays a tree.
    let child = app
        .org()
        .save_unit(
            &a,
            None,
            &UnitInput {
                name: "Drift".into(),
                parent_id: Some(unit.id.to_string()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let err = app
        .org()
        .save_unit(
            &a,
            Some(unit.id),
            &UnitInput {
                name: "IT".into(),
                parent_id: Some(child.id.to_string()),
                ..Default::default()
            },
        )
        .await;
    assert!(
        matches!(err, Err(AppError::Invalid(ref v)) if v[0].code == "unit-cycle"),
        "{err:?}"
    );
    assert!(matches!(
        app.org().delete_unit(&a, unit.id).await,
        Err(AppError::Conflict { .. })
    ));

    // Relationship rules through the use case.
    let bo = app
        .org()
        .save_person(
            &a,
            None,
            &PersonInput {
                name: "Bo".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let rel = |kind: &str, from: uuid::Uuid, to: uuid::Uuid, role: Option<&str>| RelationshipInput {
        kind: kind.into(),
        from_id: from.to_string(),
        to_id: to.to_string(),
        role: role.map(Into::into),
        valid_from: "2026-01-01".into(),
        valid_to: None,
    };
    app.org()
        .save_relationship(&a, None, &rel("supervision", person.id.0, bo.id.0, None))
        .await
        .unwrap();
    let err = app
        .org()
        .save_relationship(&a, None, &rel("supervision", bo.id.0, person.id.0, None))
        .await;
    assert!(
        matches!(err, Err(AppError::Invalid(ref v)) if v[0].code == "supervision-cycle"),
        "{err:?}"
    );
    let team = app
        .org()
        .save_team(
            &a,
            None,
            &NamedInput {
                name: "Plattform".into(),
                unit_id: None,
            },
        )
        .await
        .unwrap();
    app.org()
        .save_relationship(&a, None, &rel("team", bo.id.0, team.id.0, Some("lead")))
        .await
        .unwrap();
    let err = app
        .org()
        .save_relationship(&a, None, &rel("team", person.id.0, team.id.0, Some("lead")))
        .await;
    assert!(
        matches!(err, Err(AppError::Invalid(ref v)) if v[0].code == "second-team-lead"),
        "{err:?}"
    );
    let m = app
        .org()
        .save_relationship(&a, None, &rel("mentorship", bo.id.0, person.id.0, None))
        .await
        .unwrap();
    let mut ended = rel("mentorship", bo.id.0, person.id.0, None);
    ended.valid_to = Some("2026-06-30".into());
    assert_eq!(
        app.org()
            .save_relationship(&a, Some(m.id), &ended)
            .await
            .unwrap()
            .valid_to
            .unwrap()
            .to_string(),
        "2026-06-30"
    );
    // The people and the kind stay: a change of either is a new relationship.
    let swapped = rel("mentorship", person.id.0, bo.id.0, None);
    let err = app.org().save_relationship(&a, Some(m.id), &swapped).await;
    assert!(
        matches!(err, Err(AppError::Invalid(ref v)) if v[0].code == "relationship-people"),
        "{err:?}"
    );
    let rekinded = rel("supervision", bo.id.0, person.id.0, None);
    let err = app.org().save_relationship(&a, Some(m.id), &rekinded).await;
    assert!(
        matches!(err, Err(AppError::Invalid(ref v)) if v[0].code == "relationship-kind"),
        "{err:?}"
    );
    assert_eq!(app.org().relationships(&a).await.unwrap().len(), 3);
    assert!(matches!(
        app.org().delete_relationship(&b, m.id).await,
        Err(AppError::NotFound)
    ));
    app.org().delete_relationship(&a, m.id).await.unwrap();
    assert_eq!(app.org().relationships(&a).await.unwrap().len(), 2);
}

async fn import_all_or_nothing(app: &App) {
    let a = actor(app, "imp@norrvik.se", "Importby", Role::Admin).await;
    let csv = "namn;e-post;titel;enhet;ledningsgrupper;chef_e-post;lön\n\
               Anna Berg;anna@importby.se;IT-chef;Kommunledning / IT;KLF ledning;;1\n\
               Bo Ek;bo@importby.se;Utvecklare;Kommunledning / IT;;anna@importby.se;2\n\
               ;nameless@importby.se;;;;;3\n\
               Cia Lund;not-an-email;;;;;4\n\
               Dan Ny;dan@importby.se;;;;ghost@importby.se;5\n";
    let report = app
        .org()
        .import_people(&a, "people.csv", csv.as_bytes(), false)
        .await
        .unwrap();
    assert!(!report.applied);
    assert_eq!(
        report
            .errors
            .iter()
            .map(|e| (e.line, e.column.clone().unwrap()))
            .collect::<Vec<_>>(),
        [
            (4, "name".to_owned()),
            (5, "email".to_owned()),
            (6, "supervisor_email".to_owned())
        ]
    );
    assert_eq!(report.ignored_columns, ["lön"]);
    assert_eq!(
        app.org().people(&a, None, 10, 0).await.unwrap().1,
        0,
        "a rejected file writes nothing"
    );
    assert!(app.org().units(&a).await.unwrap().is_empty());

    let good: String = csv.lines().take(3).map(|l| format!("{l}\n")).collect();
    let dry = app
        .org()
        .import_people(&a, "people.csv", good.as_bytes(), true)
        .await
        .unwrap();
    assert!(dry.errors.is_empty() && !dry.applied);
    assert_eq!(
        (
            dry.people_created,
            dry.units_created,
            dry.groups_created,
            dry.supervisions_created
        ),
        (2, 2, 1, 1)
    );
    assert_eq!(
        app.org().people(&a, None, 10, 0).await.unwrap().1,
        0,
        "a dry run writes nothing"
    );
    let real = app
        .org()
        .import_people(&a, "people.csv", good.as_bytes(), false)
        .await
        .unwrap();
    assert!(real.applied);
    assert_eq!(app.org().people(&a, None, 10, 0).await.unwrap().1, 2);
    assert_eq!(app.org().units(&a).await.unwrap().len(), 2);
    // Importing again updates instead of duplicating.
    let again = app
        .org()
        .import_people(&a, "people.csv", good.as_bytes(), false)
        .await
        .unwrap();
    assert_eq!(
        (
            again.people_created,
            again.people_updated,
            again.units_created,
            again.supervisions_created
        ),
        (0, 2, 0, 0)
    );

    // The same rows as an XLSX workbook.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in [
        "Name,Email,Unit",
        "Eva Holm,eva@importby.se,Socialtjänst",
        "Fel,fel@,Socialtjänst",
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let report = app
        .org()
        .import_people(&a, "people.xlsx", &bytes, false)
        .await
        .unwrap();
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].line, 3);
    let fixed = app
        .org()
        .import_people(&a, "export", &bytes[..], true)
        .await
        .unwrap();
    assert_eq!(fixed.rows, 2, "XLSX is recognised by content too");

    for junk in [
        &b""[..],
        b"\xff\xfe\x00garbage",
        b"PK\x03\x04broken",
        b"email\nx@y.se\n",
    ] {
        assert!(
            matches!(
                app.org().import_people(&a, "f.csv", junk, false).await,
                Err(AppError::Invalid(_))
            ),
            "{junk:?}"
        );
    }
}

async fn models_and_rounds(app: &App) {
    use mognad_app::measurement::rounds::RoundInput;
    let a = actor(app, "matning@norrvik.se", "Mätby", Role::Admin).await;
    let b = actor(app, "matning@soderby.se", "Annanby", Role::Admin).await;
    let models = app.measurement().models(&a).await.unwrap();
    assert_eq!(
        models.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(),
        ["med-relationer", "nio-motorer"]
    );
    assert_eq!(
        app.measurement().models(&a).await.unwrap().len(),
        2,
        "shipped models are added once"
    );
    let nine = models.iter().find(|m| m.key == "nio-motorer").unwrap().clone();
    assert_eq!(
        app.measurement().model(&a, nine.id).await.unwrap().engines.len(),
        9
    );
    assert!(
        matches!(
            app.measurement().model(&b, nine.id).await,
            Err(AppError::NotFound)
        ),
        "models belong to one organisation"
    );

    // Upload: member refused, broken file reported by line, a valid one stored and replaceable.
    let member = Actor {
        role: Role::Member,
        ..a.clone()
    };
    let source = mognad_domain::model::builtin_sources()[0].replace("id = \"nio-motorer\"", "id = \"egen\"");
    assert!(matches!(
        app.measurement().upload_model(&member, &source).await,
        Err(AppError::Forbidden)
    ));
    let broken = source.replace("kind = \"scale\"", "kind = \"stars\"");
    let Err(AppError::Invalid(list)) = app.measurement().upload_model(&a, &broken).await else {
        panic!("broken model accepted")
    };
    assert!(
        list.len() >= 9 && list[0].field.as_deref().unwrap().starts_with("line "),
        "{list:?}"
    );
    let own = app.measurement().upload_model(&a, &source).await.unwrap();
    assert_eq!(
        app.measurement().upload_model(&a, &source).await.unwrap().id,
        own.id,
        "an unused version may be replaced"
    );

    // A shipped model stored before its advice existed takes the shipped texts while unused.
    let shipped = mognad_domain::model::builtin_sources()[1];
    let older: String = shipped
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("advice."))
        .collect();
    let rel = app.measurement().upload_model(&a, &older).await.unwrap();
    let (file, text) = app.measurement().model_source(&a, rel.id).await.unwrap();
    assert!(!text.contains("advice.") && file == "med-relationer-v1.toml");
    app.measurement().models(&a).await.unwrap();
    assert_eq!(
        app.measurement().model_source(&a, rel.id).await.unwrap().1,
        shipped
    );
    // An organisation's own edit under the shipped id and version stays as uploaded.
    let mine = shipped.replace("Digital mognad – med Relationer", "Vår egen variant");
    app.measurement().upload_model(&a, &mine).await.unwrap();
    app.measurement().models(&a).await.unwrap();
    assert_eq!(app.measurement().model_source(&a, rel.id).await.unwrap().1, mine);

    // Rounds: every group by default, only forward through their states.
    for g in ["KLF ledning", "Soc ledning"] {
        app.org()
            .save_group(
                &a,
                None,
                &NamedInput {
                    name: g.into(),
                    unit_id: None,
                },
            )
            .await
            .unwrap();
    }
    let input = RoundInput {
        name: "0-mätning 2026".into(),
        model_id: nine.id.to_string(),
        opens_on: Some("2026-02-01".into()),
        closes_on: Some("2026-03-01".into()),
        ..Default::default()
    };
    let round = app.measurement().create_round(&a, &input).await.unwrap();
    assert_eq!((round.state.as_str(), round.group_ids.len()), ("draft", 2));
    let err = app.org().delete_group(&a, round.group_ids[0]).await;
    assert!(
        matches!(err, Err(AppError::Conflict { ref message, .. }) if message.contains("measurement round")),
        "{err:?}"
    );
    let backwards = RoundInput {
        closes_on: Some("2026-01-01".into()),
        ..input.clone()
    };
    assert!(matches!(
        app.measurement().create_round(&a, &backwards).await,
        Err(AppError::Invalid(_))
    ));
    let foreign = RoundInput {
        model_id: nine.id.to_string(),
        ..input.clone()
    };
    assert!(
        matches!(app.measurement().create_round(&b, &foreign).await, Err(AppError::Invalid(ref v)) if v[0].code == "unknown-ref")
    );
    assert!(
        matches!(app.measurement().set_round_state(&a, round.id, "closed").await, Err(AppError::Invalid(ref v)) if v[0].code == "round-transition")
    );
    assert_eq!(
        app.measurement()
            .set_round_state(&a, round.id, "open")
            .await
            .unwrap()
            .state,
        "open"
    );
    assert_eq!(
        app.measurement()
            .set_round_state(&a, round.id, "closed")
            .await
            .unwrap()
            .state,
        "closed"
    );
    assert!(
        app.measurement()
            .set_round_state(&a, round.id, "open")
            .await
            .is_err(),
        "a closed round never reopens"
    );
    assert!(matches!(
        app.measurement().set_round_state(&b, round.id, "closed").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.measurement().round(&b, round.id).await,
        Err(AppError::NotFound)
    ));

    // The model a round used is frozen.
    let models = app.measurement().models(&a).await.unwrap();
    assert!(models.iter().find(|m| m.id == nine.id).unwrap().in_use);
    let same = mognad_domain::model::builtin_sources()[0];
    assert!(
        matches!(app.measurement().upload_model(&a, same).await, Err(AppError::Conflict { ref message, .. }) if message.contains("version 2"))
    );
    let next = same.replace("version = 1", "version = 2");
    assert_eq!(
        app.measurement().upload_model(&a, &next).await.unwrap().version,
        2
    );
}

#[tokio::test]
async fn use_cases_on_every_backend() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        isolation_and_roles(&app).await;
        import_all_or_nothing(&app).await;
        models_and_rounds(&app).await;
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn demo_and_transfer_between_backends() {
    let mut dbs = testdb::backends().await;
    let source = App::new(dbs[0].db.clone());
    let summary = source.create_demo(&|_, _| {}).await.unwrap();
    assert_eq!((summary.units, summary.people, summary.groups), (13, 400, 40));
    assert!(summary.relationships > 400);
    assert!(
        summary.answers > 200,
        "the demo rounds hold simulated answers: {}",
        summary.answers
    );
    assert!(matches!(
        source.create_demo(&|_, _| {}).await,
        Err(AppError::Conflict { .. })
    ));
    let owner = source
        .platform()
        .create_user("agare@norrvik.se", "Ägare", "ett långt lösenord", Language::Sv)
        .await
        .unwrap();
    source
        .platform()
        .grant_role(owner.id, summary.org, Role::Owner)
        .await
        .unwrap();
    // The organisation's single sign-on settings travel too.
    let owner_actor = source.platform().actor(owner.clone(), summary.org).await.unwrap();
    source
        .platform()
        .save_sso_settings(
            &owner_actor,
            &mognad_app::platform::sso::SsoInput {
                issuer: "https://login.microsoftonline.com/tenant/v2.0".into(),
                client_id: "mognad".into(),
                client_secret: "hemligt".into(),
                email_domains: "norrvik.se".into(),
                role_map: "it = admin".into(),
                default_role: "member".into(),
                enabled: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let doc = source.platform().export_org(summary.org).await.unwrap();
    let json = serde_json::to_string(&doc).unwrap();

    // Into a fresh database of the other backend when there is one, else a second SQLite file.
    let target_db = if dbs.len() > 1 {
        dbs.pop().unwrap()
    } else {
        testdb::TestDb::sqlite().await.unwrap()
    };
    let target = App::new(target_db.db.clone());
    let parsed: mognad_app::platform::transfer::OrgExport = serde_json::from_str(&json).unwrap();
    assert_eq!(target.platform().import_org(&parsed).await.unwrap(), summary.org);
    let mut back = target.platform().export_org(summary.org).await.unwrap();
    back.exported_at = doc.exported_at;
    assert_eq!(back, doc, "{} → {} round trip", dbs[0].label, target_db.label);
    // Everything else travels table by table: accounts, competence, radar, plan, intake.
    for table in [
        "users",
        "memberships",
        "sso_configs",
        "competence_frameworks",
        "assessments",
        "plan_actions",
        "radar_blips",
        "goals",
        "initiatives",
        "initiative_groups",
        "boards",
        "board_columns",
        "tasks",
        "intake_forms",
        "agendas",
    ] {
        assert!(
            doc.records.get(table).is_some_and(|rows| !rows.is_empty()),
            "the export carries no {table}"
        );
    }
    assert_eq!(doc.records["tasks"].len(), back.records["tasks"].len());
    // The owner signs in on the new instance with the same password.
    assert!(
        target
            .platform()
            .login("agare@norrvik.se", "ett långt lösenord")
            .await
            .is_ok(),
        "the owner's account did not move"
    );
    // The measurements travel too, and the recounted tallies give the same results.
    assert_eq!(doc.measurement.rounds.len(), 3);
    assert_eq!(doc.measurement.answers.len(), summary.answers);
    let reader = |app: &App| {
        let app = app.clone();
        async move {
            let user = app
                .platform()
                .create_user("las@norrvik.se", "Läsare", "ett långt lösenord", Language::Sv)
                .await
                .unwrap();
            app.platform()
                .grant_role(user.id, summary.org, Role::Member)
                .await
                .unwrap();
            app.platform().actor(user, summary.org).await.unwrap()
        }
    };
    let (ra, rb) = (reader(&source).await, reader(&target).await);
    for r in &doc.measurement.rounds {
        let (x, y) = (
            source.measurement().results(&ra, RoundId(r.id)).await.unwrap(),
            target.measurement().results(&rb, RoundId(r.id)).await.unwrap(),
        );
        let (xs, ys) = (&x.organisation.scores, &y.organisation.scores);
        assert_eq!(
            (x.organisation.n, x.organisation.visible),
            (y.organisation.n, y.organisation.visible)
        );
        assert!(xs.iter().zip(ys).all(|(a, b)| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            (a, b) => a == b,
        }));
    }
    assert!(matches!(
        target.platform().import_org(&parsed).await,
        Err(AppError::Conflict { .. })
    ));

    // Rows of another organisation are refused before anything is written.
    let mut foreign = parsed.clone();
    foreign.records.get_mut("tasks").unwrap()[0].insert(
        "org_id".into(),
        serde_json::Value::from(uuid::Uuid::now_v7().to_string()),
    );
    let other = testdb::TestDb::sqlite().await.unwrap();
    let err = App::new(other.db.clone()).platform().import_org(&foreign).await;
    assert!(
        matches!(err, Err(AppError::Invalid(ref v)) if v[0].field.as_deref() == Some("records.tasks[0].org_id")),
        "{err:?}"
    );
    // Nor may a row point at anything the document does not hold, or bring an account that is
    // no member of the organisation.
    let mut outside = parsed.clone();
    outside.records.get_mut("tasks").unwrap()[0].insert(
        "assignee_id".into(),
        serde_json::Value::from(uuid::Uuid::now_v7().to_string()),
    );
    let mut stranger = outside.records["users"][0].clone();
    stranger.insert(
        "id".into(),
        serde_json::Value::from(uuid::Uuid::now_v7().to_string()),
    );
    stranger.insert("email".into(), serde_json::Value::from("vd@annan.se"));
    outside.records.get_mut("users").unwrap().push(stranger);
    let err = App::new(other.db.clone()).platform().import_org(&outside).await;
    let fields: Vec<String> = match err {
        Err(AppError::Invalid(v)) => v.into_iter().filter_map(|i| i.field).collect(),
        other => panic!("{other:?}"),
    };
    assert!(
        fields.contains(&"records.tasks[0].assignee_id".to_owned()),
        "{fields:?}"
    );
    assert!(
        fields
            .iter()
            .any(|f| f.starts_with("records.users[") && f.ends_with("].id")),
        "{fields:?}"
    );
    other.cleanup().await.unwrap();

    let mut broken = parsed.clone();
    broken.people[3].name = "".into();
    let fresh = testdb::TestDb::sqlite().await.unwrap();
    let fresh_app = App::new(fresh.db.clone());
    let err = fresh_app.platform().import_org(&broken).await;
    assert!(
        matches!(err, Err(AppError::Invalid(ref v)) if v[0].field.as_deref() == Some("people[3]")),
        "{err:?}"
    );
    assert!(
        fresh_app.platform().export_org(summary.org).await.is_err(),
        "nothing half-imported"
    );
    fresh.cleanup().await.unwrap();
    target_db.cleanup().await.unwrap();
    for t in dbs {
        t.cleanup().await.unwrap();
    }
}
