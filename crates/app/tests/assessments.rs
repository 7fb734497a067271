//! Competence records on every backend: who may see and add what follows the relationships
//! (the person, their supervisor, their mentor only with consent, admins; a colleague asked in a
//! review may add a peer assessment but sees nothing); assessments are kept as history; gaps, grid placements,
//! plans, the team heatmap and the importers work end to end.

mod common;

use common::actor;
use mognad_app::competence::assess::AssessInput;
use mognad_app::competence::develop::{ActionInput, PlaceInput};
use mognad_app::competence::team_map::Scope;
use mognad_app::org::directory::{PersonInput, UnitInput};
use mognad_app::org::relations::RelationshipInput;
use mognad_app::{Actor, App, AppError};
use mognad_domain::competence::assessment::Source;
use mognad_domain::ids::{PersonId, UnitId};
use mognad_domain::org::Language;
use mognad_domain::role::Role;
use mognad_store::testdb;

async fn member(app: &App, admin: &Actor, email: &str, name: &str, unit: UnitId) -> (Actor, PersonId) {
    let p = app
        .org()
        .save_person(
            admin,
            None,
            &PersonInput {
                name: name.into(),
                email: Some(email.into()),
                unit_id: Some(unit.to_string()),
                title: None,
            },
        )
        .await
        .unwrap();
    let user = app
        .platform()
        .create_user(email, name, "ett långt lösenord", Language::Sv)
        .await
        .unwrap();
    app.platform()
        .grant_role(user.id, admin.org, Role::Member)
        .await
        .unwrap();
    (app.platform().actor(user, admin.org).await.unwrap(), p.id)
}

async fn relate(app: &App, admin: &Actor, kind: &str, from: PersonId, to: PersonId) {
    app.org()
        .save_relationship(
            admin,
            None,
            &RelationshipInput {
                kind: kind.into(),
                from_id: from.0.to_string(),
                to_id: to.0.to_string(),
                role: None,
                valid_from: "2020-01-01".into(),
                valid_to: None,
            },
        )
        .await
        .unwrap();
}

fn input(competence: &str, level: &str, source: &str) -> AssessInput {
    AssessInput {
        competence: competence.into(),
        level: level.into(),
        source: source.into(),
        note: "Ledde budgetarbetet".into(),
    }
}

#[tokio::test]
async fn records_follow_the_relationships() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let unit = app
            .org()
            .save_unit(
                &admin,
                None,
                &UnitInput {
                    name: "IT".into(),
                    kind: None,
                    parent_id: None,
                },
            )
            .await
            .unwrap()
            .id;
        let (anna, anna_id) = member(&app, &admin, "anna@norrvik.se", "Anna", unit).await;
        let (bo, bo_id) = member(&app, &admin, "bo@norrvik.se", "Bo", unit).await;
        let (cia, cia_id) = member(&app, &admin, "cia@norrvik.se", "Cia", unit).await;
        let (dan, dan_id) = member(&app, &admin, "dan@norrvik.se", "Dan", unit).await;
        relate(&app, &admin, "supervision", bo_id, anna_id).await;
        relate(&app, &admin, "mentorship", cia_id, anna_id).await;
        let fw = app.competence().default_framework(&admin).await.unwrap();
        let framework = app.competence().framework(&admin, fw).await.unwrap();
        let strateg = framework.roles.iter().find(|r| r.id == "it-strateg").unwrap();
        let first = strateg.requires[0].0.clone();

        // The person sets their target role and assesses themselves; their manager adds one.
        app.competence()
            .set_target_role(&anna, anna_id, fw, Some("it-strateg"))
            .await
            .unwrap();
        app.competence()
            .assess(&anna, anna_id, &input(&first, "2", ""))
            .await
            .unwrap();
        app.competence()
            .assess(&bo, anna_id, &input(&first, "3", ""))
            .await
            .unwrap();
        app.competence()
            .assess(&anna, anna_id, &input(&first, "4", "self"))
            .await
            .unwrap();
        // A colleague may not rate Anna unasked; asked in a review, they add a peer
        // assessment but may not see the record.
        assert!(matches!(
            app.competence()
                .assess(&dan, anna_id, &input(&first, "2", ""))
                .await,
            Err(AppError::Forbidden)
        ));
        let deadline = (chrono::Utc::now().date_naive() + chrono::Duration::days(7)).to_string();
        let review = app
            .competence()
            .start_review(
                &admin,
                &mognad_app::competence::reviews::CycleInput {
                    name: "Samtal".into(),
                    scope: format!("unit:{unit}"),
                    deadline,
                },
            )
            .await
            .unwrap();
        app.competence()
            .request_peers(&anna, review, anna_id, &[dan_id.to_string()])
            .await
            .unwrap();
        app.competence()
            .assess(&dan, anna_id, &input(&first, "2", ""))
            .await
            .unwrap();
        let peer_view = app.competence().competence_record(&dan, anna_id).await.unwrap();
        assert!(!peer_view.access.view && peer_view.history.is_empty() && peer_view.standings.is_empty());
        assert_eq!(peer_view.access.sources, vec![Source::Peer]);
        assert!(matches!(
            app.competence().development(&dan, anna_id).await,
            Err(AppError::Forbidden)
        ));
        // Nobody may claim a source they do not hold.
        assert!(matches!(
            app.competence()
                .assess(&dan, anna_id, &input(&first, "5", "manager"))
                .await,
            Err(AppError::Invalid(_))
        ));

        // The mentor sees nothing until the person allows it; only the person can allow it.
        assert!(
            !app.competence()
                .competence_record(&cia, anna_id)
                .await
                .unwrap()
                .access
                .view
        );
        assert!(matches!(
            app.competence().set_mentor_consent(&bo, anna_id, true).await,
            Err(AppError::Forbidden)
        ));
        app.competence()
            .set_mentor_consent(&anna, anna_id, true)
            .await
            .unwrap();
        let mentor_view = app.competence().competence_record(&cia, anna_id).await.unwrap();
        assert!(mentor_view.access.view);
        assert_eq!(mentor_view.access.sources, vec![Source::Mentor]);
        app.competence()
            .set_mentor_consent(&anna, anna_id, false)
            .await
            .unwrap();
        assert!(
            !app.competence()
                .competence_record(&cia, anna_id)
                .await
                .unwrap()
                .access
                .view
        );

        for reader in [&anna, &bo, &admin] {
            let r = app.competence().competence_record(reader, anna_id).await.unwrap();
            assert!(r.access.view);
            assert_eq!(
                r.history.len(),
                3,
                "history is kept, a lone peer's entry not shown"
            );
            let s = r.standings.iter().find(|s| s.competence == first).unwrap();
            // Latest self 4, manager 3; one peer (2) neither counts nor shows.
            assert_eq!(s.combined, Some(3.5));
            assert_eq!(s.by_source[&Source::Own], 4.0);
            assert!(!s.by_source.contains_key(&Source::Peer));
            assert_eq!(s.required, Some(strateg.requires[0].1));
            assert_eq!(s.gap(), Some(f32::from(strateg.requires[0].1) - 3.5));
            assert!(s.previous.is_some());
            assert!(r.history.iter().all(|h| h.source != Source::Peer));
            let manager = r.history.iter().find(|h| h.source == Source::Manager).unwrap();
            assert_eq!(manager.assessor.as_deref(), Some("Bo"));
        }
        // Bad input is refused whole.
        match app
            .competence()
            .assess(&anna, anna_id, &input("finns-inte", "9", ""))
            .await
        {
            Err(AppError::Invalid(v)) => assert_eq!(v.len(), 2, "{v:?}"),
            other => panic!("{other:?}"),
        }

        // Grid and plan: the person and the manager may develop, a colleague may not.
        let place = PlaceInput {
            grid: "amne-djup".into(),
            now: "0,1".into(),
            target: "1,1".into(),
        };
        app.competence().place(&bo, anna_id, &place).await.unwrap();
        assert!(matches!(
            app.competence().place(&dan, anna_id, &place).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            app.competence()
                .place(
                    &anna,
                    anna_id,
                    &PlaceInput {
                        now: "5,5".into(),
                        ..place.clone()
                    }
                )
                .await,
            Err(AppError::Invalid(_))
        ));
        let action = ActionInput {
            title: "Kurs i verksamhetsarkitektur".into(),
            kind: "course".into(),
            competences: first.clone(),
            due: "2027-03-01".into(),
        };
        let id = app
            .competence()
            .add_action(&anna, anna_id, &action)
            .await
            .unwrap();
        app.competence()
            .add_action(
                &bo,
                anna_id,
                &ActionInput {
                    kind: "mentoring".into(),
                    due: String::new(),
                    ..action.clone()
                },
            )
            .await
            .unwrap();
        app.competence()
            .set_action_status(&anna, anna_id, id, "done")
            .await
            .unwrap();
        assert!(matches!(
            app.competence()
                .set_action_status(&dan, anna_id, id, "dropped")
                .await,
            Err(AppError::Forbidden)
        ));
        let d = app.competence().development(&bo, anna_id).await.unwrap();
        assert_eq!(d.placements[0].target.map(|c| c.column), Some(1));
        assert_eq!(d.actions.len(), 2);
        assert_eq!(d.progress, Some(50));

        // The heatmap: an admin sees all four, the manager sees Anna and himself, a colleague
        // only himself; risks are computed over the rows shown.
        let scope = Scope::Unit(unit);
        let all = app
            .competence()
            .team_competence(&admin, scope, None)
            .await
            .unwrap();
        assert_eq!((all.people.len(), all.hidden), (4, 0));
        let row = all.people.iter().position(|p| *p == anna_id).unwrap();
        let col = all.matrix.competences.iter().position(|c| *c == first).unwrap();
        assert_eq!(all.matrix.levels[row][col], Some(3.5));
        // Each row is held to that person's own role: Anna to the strategist's requirement, Bo
        // (IT chief) to his, the others (no role) to none, whatever the team's highest is.
        let chef = framework.roles.iter().find(|r| r.id == "it-chef").unwrap();
        let (k, more) = chef
            .requires
            .iter()
            .find(|(k, l)| strateg.requires.iter().any(|(s, sl)| s == k && sl < l))
            .expect("the IT chief needs more of something than the strategist")
            .clone();
        let less = strateg.requires.iter().find(|(s, _)| *s == k).unwrap().1;
        app.competence()
            .set_target_role(&admin, bo_id, fw, Some("it-chef"))
            .await
            .unwrap();
        let all = app
            .competence()
            .team_competence(&admin, scope, None)
            .await
            .unwrap();
        let kc = all.matrix.competences.iter().position(|c| *c == k).unwrap();
        let bo_row = all.people.iter().position(|p| *p == bo_id).unwrap();
        assert_eq!(
            all.matrix.required[kc],
            Some(more),
            "the team's row shows the highest"
        );
        assert_eq!(
            all.matrix.own[row][kc],
            Some(less),
            "Anna is held to her own role"
        );
        assert_eq!(all.matrix.own[bo_row][kc], Some(more));
        for (r, p) in all.people.iter().enumerate() {
            if *p != anna_id && *p != bo_id {
                assert!(
                    all.matrix.own[r].iter().all(Option::is_none),
                    "no role, no requirement"
                );
            }
        }
        assert!(
            !all.risks.is_empty(),
            "one IT strategist short of the role is a risk"
        );
        let managers = app.competence().team_competence(&bo, scope, None).await.unwrap();
        assert_eq!((managers.people.len(), managers.hidden), (2, 2));
        let own = app.competence().team_competence(&dan, scope, None).await.unwrap();
        assert_eq!(own.people.len(), 1);
        assert!(own.risks.is_empty(), "no role in view, so no requirement to miss");

        // Another organisation's admin sees none of it.
        let other = actor(&app, "x@soderby.se", "Söderby", Role::Admin).await;
        assert!(matches!(
            app.competence().competence_record(&other, anna_id).await,
            Err(AppError::NotFound)
        ));
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn imports_are_all_or_nothing_and_versioned() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = actor(&app, "m@norrvik.se", "Norrvik 2", Role::Member).await;
        let moodle = include_str!("../../domain/tests/data/moodle-sample.csv");
        let files = vec![("digled.csv".to_owned(), moodle.to_owned())];
        let first = app
            .competence()
            .import_framework(&admin, "moodle", &files)
            .await
            .unwrap();
        let again = app
            .competence()
            .import_framework(&admin, "moodle", &files)
            .await
            .unwrap();
        assert_eq!(
            (first.key.as_str(), first.version, again.version),
            ("digled", 1, 2)
        );
        let (_, csv) = app
            .competence()
            .framework_moodle(&admin, first.id, Language::Sv)
            .await
            .unwrap();
        assert!(csv.contains("Omvärldsanalys"));
        assert!(matches!(
            app.competence().import_framework(&member, "moodle", &files).await,
            Err(AppError::Forbidden)
        ));
        let before = app.competence().frameworks(&admin).await.unwrap().len();
        let broken = vec![(
            "x.csv".to_owned(),
            moodle.replace("\"STRAT\",\"STRAT.2\"", "\"NOPE\",\"STRAT.2\""),
        )];
        match app.competence().import_framework(&admin, "moodle", &broken).await {
            Err(AppError::Invalid(v)) => assert!(v[0].message.contains("NOPE"), "{v:?}"),
            other => panic!("{other:?}"),
        }
        let skills = include_str!("../../domain/tests/data/esco-skills-sv.csv");
        let esco = vec![("skills_sv.csv".to_owned(), skills.to_owned())];
        let e = app
            .competence()
            .import_framework(&admin, "esco", &esco)
            .await
            .unwrap();
        let f = app.competence().framework(&admin, e.id).await.unwrap();
        assert!(f.description.sv.contains("CC BY 4.0"));
        assert_eq!(
            app.competence().frameworks(&admin).await.unwrap().len(),
            before + 1
        );
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn the_demo_shows_a_manager_a_record_a_plan_and_a_coverage_risk() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let demo = app.create_demo(&|_, _| {}).await.unwrap();
        // The demo's owner is the IT chief, as the demo server signs them in.
        let user = app
            .platform()
            .create_user(
                mognad_app::demo::OWNER_EMAIL,
                "Demo",
                "ett långt lösenord",
                Language::Sv,
            )
            .await
            .unwrap();
        app.platform()
            .grant_role(user.id, demo.org, Role::Owner)
            .await
            .unwrap();
        let owner = app.platform().actor(user, demo.org).await.unwrap();
        let people = app.org().all_people(&owner).await.unwrap();
        let strateg = people
            .iter()
            .filter(|p| p.title.as_deref() == Some("IT-strateg"))
            .min_by_key(|p| p.id)
            .unwrap();
        let r = app
            .competence()
            .competence_record(&owner, strateg.id)
            .await
            .unwrap();
        assert_eq!(
            r.access.sources,
            vec![Source::Manager],
            "the owner is the strategist's manager"
        );
        assert_eq!(r.role.as_ref().map(|x| x.id.as_str()), Some("it-strateg"));
        assert!(r.history.len() >= 40, "a year of history");
        assert!(
            r.standings
                .iter()
                .all(|s| s.combined.is_some() && s.previous.is_some())
        );
        assert!(r.standings.iter().any(|s| s.gap().is_some_and(|g| g > 0.0)));
        let d = app.competence().development(&owner, strateg.id).await.unwrap();
        assert!(d.placements[0].target.is_some() && !d.role_placements.is_empty());
        assert_eq!(d.actions.len(), 4);
        assert_eq!(d.progress, Some(25));
        let it = app
            .org()
            .units(&owner)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.name == "IT-avdelningen")
            .unwrap();
        let map = app
            .competence()
            .team_competence(&owner, Scope::Unit(it.id), None)
            .await
            .unwrap();
        let scanning = map
            .risks
            .iter()
            .find(|x| x.competence == "omvarldsbevakning")
            .expect("the planted coverage risk");
        assert_eq!(
            scanning.coverage,
            mognad_domain::competence::team::Coverage::Single
        );
        let (blips, signals) = app.competence().radar(&owner).await.unwrap();
        assert!(blips.len() >= 10 && signals.len() >= 5);
        t.cleanup().await.unwrap();
    }
}
