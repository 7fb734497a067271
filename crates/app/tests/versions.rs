//! Competence records across framework versions on every backend: a new version of the
//! framework keeps every assessment and level of the competences that remain, a person's
//! record names what the newer version adds, changes and removes, and moving everyone on a
//! version carries their levels (and drops only roles the new version lacks).

mod common;

use common::{actor, colleague, member_of, unit};
use mognad_app::competence::assess::AssessInput;
use mognad_app::competence::team_map::Scope;
use mognad_app::{App, AppError};
use mognad_domain::competence::builtin_source;
use mognad_domain::role::Role;
use mognad_store::testdb;

fn own(competence: &str, level: u8) -> AssessInput {
    AssessInput {
        competence: competence.into(),
        level: level.to_string(),
        source: "self".into(),
        note: String::new(),
    }
}

/// Version 2 of the shipped framework: empathy reworded, humility removed, trust added,
/// and the head of IT no longer a role.
fn second_version() -> String {
    let mut src = builtin_source()
        .replace("version = 2", "version = 3")
        .replace("en = \"Empathy\"", "en = \"Empathy and care\"");
    for level in 1..=5 {
        src = src.replace(&format!(" odmjukhet = {level},"), "");
    }
    let start = src.find("[[area.competence]]\nid = \"odmjukhet\"").unwrap();
    let end = start + src[start..].find("\n\n").unwrap() + 2;
    let trust = "[[area.competence]]\nid = \"tillit\"\nname = { sv = \"Tillit\", en = \"Trust\" }\n\
        description = { sv = \"Litar på andra.\", en = \"Trusts others.\" }\n\n";
    src.replace_range(start..end, trust);
    let chief = src.find("[[role]]\nid = \"it-chef\"").unwrap();
    let next = chief + 8 + src[chief + 8..].find("[[role]]").unwrap();
    src.replace_range(chief..next, "");
    src
}

#[tokio::test]
async fn a_new_version_keeps_every_record_of_the_competences_that_remain() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let unit = unit(&app, &admin, "IT").await;
        let (anna, anna_id) = colleague(&app, &admin, "anna@norrvik.se", "Anna", unit).await;
        let (bo, bo_id) = colleague(&app, &admin, "bo@norrvik.se", "Bo", unit).await;
        let (cia, cia_id) = colleague(&app, &admin, "cia@norrvik.se", "Cia", unit).await;
        let v1 = app.competence().default_framework(&admin).await.unwrap();
        app.competence()
            .set_target_role(&admin, anna_id, v1, Some("it-strateg"))
            .await
            .unwrap();
        app.competence()
            .set_target_role(&admin, cia_id, v1, Some("it-chef"))
            .await
            .unwrap();
        for (who, id) in [(&anna, anna_id), (&bo, bo_id), (&cia, cia_id)] {
            for (c, l) in [("empati", 3), ("odmjukhet", 4), ("kommunikation", 2)] {
                app.competence().assess(who, id, &own(c, l)).await.unwrap();
            }
        }
        let before = app.competence().competence_record(&anna, anna_id).await.unwrap();
        assert_eq!(before.history.len(), 3);
        assert!(before.newer.is_none(), "no newer version yet");

        let v2 = app
            .competence()
            .upload_framework(&admin, &second_version())
            .await
            .unwrap();
        let seen = app.competence().competence_record(&anna, anna_id).await.unwrap();
        assert_eq!(
            seen.framework_id, v1,
            "a profile stays on its version until moved"
        );
        let (newer, changes) = seen.newer.expect("the newer version is offered");
        assert_eq!(newer.id, v2.id);
        assert_eq!(changes.added, vec!["tillit".to_owned()]);
        assert_eq!(changes.changed, vec!["empati".to_owned()]);
        assert_eq!(changes.removed, vec!["odmjukhet".to_owned()]);
        assert_eq!(changes.roles_removed, vec!["it-chef".to_owned()]);

        let member = member_of(&app, admin.org, "m@norrvik.se", Role::Member).await;
        assert!(matches!(
            app.competence()
                .move_version(&member, &v1.to_string(), v2.id)
                .await,
            Err(AppError::Forbidden)
        ));
        for from in [v1.to_string(), "v1".into()] {
            assert!(matches!(
                app.competence().move_version(&admin, &from, v1).await,
                Err(AppError::Invalid(_))
            ));
        }
        let moved = app
            .competence()
            .move_version(&admin, &v1.to_string(), v2.id)
            .await
            .unwrap();
        assert_eq!(
            (moved.people, moved.without_role),
            (2, 1),
            "Anna and Cia; Cia's role is gone"
        );

        for (who, id) in [(&anna, anna_id), (&bo, bo_id), (&cia, cia_id)] {
            let r = app.competence().competence_record(who, id).await.unwrap();
            assert_eq!(
                r.framework_id, v2.id,
                "Bo, without a profile, follows the newest version"
            );
            assert_eq!(r.history.len(), 3, "the history of every version stays");
            let level = |c: &str| {
                r.standings
                    .iter()
                    .find(|s| s.competence == c)
                    .and_then(|s| s.combined)
            };
            assert_eq!(level("empati"), Some(3.0));
            assert_eq!(level("kommunikation"), Some(2.0));
            assert_eq!(level("tillit"), None, "added, not assessed yet");
            assert!(r.standings.iter().all(|s| s.competence != "odmjukhet"), "removed");
        }
        let r = app.competence().competence_record(&anna, anna_id).await.unwrap();
        assert_eq!(r.role.map(|x| x.id), Some("it-strateg".to_owned()));
        assert!(r.newer.is_none());

        let map = app
            .competence()
            .team_competence(&admin, Scope::Unit(unit), Some(v2.id))
            .await
            .unwrap();
        let col = map.matrix.competences.iter().position(|c| c == "empati").unwrap();
        for (i, name) in map.matrix.people.iter().enumerate() {
            assert_eq!(
                map.matrix.levels[i][col],
                Some(3.0),
                "{name}'s level carried to version 2"
            );
        }

        // A later assessment on version 2 combines with the ones made on version 1.
        app.competence()
            .assess(&bo, bo_id, &own("empati", 5))
            .await
            .unwrap();
        let map = app
            .competence()
            .team_competence(&admin, Scope::Unit(unit), Some(v2.id))
            .await
            .unwrap();
        let bo_row = map.matrix.people.iter().position(|p| p == "Bo").unwrap();
        assert_eq!(
            map.matrix.levels[bo_row][col],
            Some(5.0),
            "the newest self-assessment counts"
        );

        // Moving back to version 1 brings humility back with its levels.
        app.competence()
            .set_target_role(&admin, anna_id, v1, Some("it-strateg"))
            .await
            .unwrap();
        let r = app.competence().competence_record(&anna, anna_id).await.unwrap();
        let humility = r.standings.iter().find(|s| s.competence == "odmjukhet").unwrap();
        assert_eq!(humility.combined, Some(4.0));
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn an_edit_in_the_browser_is_saved_as_the_next_version() {
    use mognad_domain::competence::edit::{CompetenceEdit, Edit};
    use mognad_domain::model::Text;
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let c = app.competence();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let member = member_of(&app, admin.org, "m@norrvik.se", Role::Member).await;
        let v2 = c.default_framework(&admin).await.unwrap();
        let base = c.framework(&admin, v2).await.unwrap();
        let empathy = base.competence("empati").unwrap();
        let edit = Edit {
            competences: vec![CompetenceEdit {
                id: "empati".into(),
                name: Text {
                    sv: "Empati och omtanke".into(),
                    en: "Empathy and care".into(),
                },
                description: empathy.description.clone(),
                interfaces: Vec::new(),
                remove: false,
            }],
            requires: vec![("it-chef".into(), "empati".into(), Some(5))],
            ..Default::default()
        };
        assert!(matches!(
            c.edit_framework(&member, v2, &edit).await,
            Err(AppError::Forbidden)
        ));
        let saved = c.edit_framework(&admin, v2, &edit).await.unwrap();
        assert_eq!((saved.key.as_str(), saved.version), ("it-ledarskap", 3));
        let next = c.framework(&admin, saved.id).await.unwrap();
        assert_eq!(next.competence("empati").unwrap().name.en, "Empathy and care");
        let chief = next.roles.iter().find(|r| r.id == "it-chef").unwrap();
        assert!(chief.requires.contains(&("empati".to_owned(), 5)));
        assert_eq!(
            c.framework(&admin, v2).await.unwrap(),
            base,
            "the stored version never changes"
        );
        assert!(
            matches!(
                c.edit_framework(&admin, v2, &edit).await,
                Err(AppError::Conflict {
                    code: "framework-stale",
                    ..
                })
            ),
            "an edit of version 2 now that 3 exists would drop 3's changes"
        );

        let mut empty = edit.clone();
        empty.competences[0].name.sv.clear();
        match c.edit_framework(&admin, v2, &empty).await {
            Err(AppError::Invalid(v)) => assert_eq!(v[0].field.as_deref(), Some("comp.empati.name_sv")),
            other => panic!("{other:?}"),
        }
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn a_roles_grid_cell_holds_for_its_later_versions_not_its_earlier_ones() {
    use mognad_app::competence::develop::PlaceInput;
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let c = app.competence();
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let v2 = c.default_framework(&admin).await.unwrap();
        let cell = |now: &str| PlaceInput {
            grid: "amne-djup".into(),
            now: now.into(),
            target: String::new(),
        };
        c.place_role(&admin, v2, "it-strateg", &cell("1,1"))
            .await
            .unwrap();
        let edit = mognad_domain::competence::edit::Edit {
            levels: vec![(
                1,
                mognad_domain::model::Text {
                    sv: "Nybörjare".into(),
                    en: "Beginner".into(),
                },
                c.framework(&admin, v2).await.unwrap().levels[0]
                    .description
                    .clone(),
            )],
            ..Default::default()
        };
        let v3 = c.edit_framework(&admin, v2, &edit).await.unwrap().id;
        let strategist = |list: Vec<(String, Vec<mognad_app::competence::develop::Placed>)>| {
            list.into_iter()
                .find(|(r, _)| r == "it-strateg")
                .map(|(_, p)| p.iter().map(|x| (x.now.column, x.now.row)).collect::<Vec<_>>())
                .unwrap()
        };
        assert_eq!(
            strategist(c.role_placements(&admin, v3).await.unwrap()),
            vec![(1, 1)],
            "the new version keeps the role's cell"
        );
        c.place_role(&admin, v3, "it-strateg", &cell("0,1"))
            .await
            .unwrap();
        assert_eq!(
            strategist(c.role_placements(&admin, v3).await.unwrap()),
            vec![(0, 1)]
        );
        assert_eq!(
            strategist(c.role_placements(&admin, v2).await.unwrap()),
            vec![(1, 1)],
            "a later version's cell is not the earlier version's"
        );
        t.cleanup().await.unwrap();
    }
}
