//! Tests of applying an edit: what each part changes and how refused parts are named.

use super::*;
use crate::competence::{builtin, parse, to_toml, versions::changes};

fn t(s: &str) -> Text {
    Text {
        sv: s.into(),
        en: s.into(),
    }
}

#[test]
fn an_edit_renames_removes_adds_and_sets_requirements() {
    let f = builtin();
    let empathy = f.competence("empati").unwrap();
    let edit = Edit {
        competences: vec![
            CompetenceEdit {
                id: "empati".into(),
                name: Text {
                    sv: "Empati och omtanke".into(),
                    en: "Empathy and care".into(),
                },
                description: empathy.description.clone(),
                interfaces: interfaces_from_lines("Medarbetare | Staff\nInvånare"),
                remove: false,
            },
            CompetenceEdit {
                id: "odmjukhet".into(),
                remove: true,
                ..Default::default()
            },
        ],
        requires: vec![
            ("it-strateg".into(), "empati".into(), Some(5)),
            ("it-strateg".into(), "tillit".into(), Some(2)),
        ],
        add: Some(NewCompetence {
            area: "ledarens-forhallningssatt".into(),
            id: "tillit".into(),
            name: t("Tillit"),
            description: t("Litar på andra."),
            interfaces: Vec::new(),
        }),
        ..Default::default()
    };
    let mut next = apply(f, &edit, &Used::default()).unwrap();
    next.version = f.version + 1;
    assert_eq!(
        parse(&to_toml(&next)).unwrap(),
        next,
        "the edited framework is a valid file"
    );
    let c = changes(f, &next);
    assert_eq!(
        (c.added, c.changed, c.removed),
        (
            vec!["tillit".to_owned()],
            vec!["empati".to_owned()],
            vec!["odmjukhet".to_owned()]
        )
    );
    let strategist = next.roles.iter().find(|r| r.id == "it-strateg").unwrap();
    assert!(strategist.requires.contains(&("empati".into(), 5)));
    assert!(strategist.requires.contains(&("tillit".into(), 2)));
    assert!(
        strategist.requires.iter().all(|(c, _)| c != "odmjukhet"),
        "a removed competence is required by nobody"
    );
    assert_eq!(next.competence("empati").unwrap().interfaces[1].en, "Invånare");
}

#[test]
fn a_new_competence_may_not_take_an_id_an_earlier_version_used() {
    let add = NewCompetence {
        area: "ledarens-forhallningssatt".into(),
        id: "tillit".into(),
        name: t("Tillit"),
        description: t("Litar på andra."),
        interfaces: Vec::new(),
    };
    let edit = Edit {
        add: Some(add),
        ..Default::default()
    };
    assert!(apply(builtin(), &edit, &Used::default()).is_ok());
    let refused = apply(
        builtin(),
        &edit,
        &Used {
            competences: vec!["tillit".to_owned()],
            roles: Vec::new(),
        },
    )
    .unwrap_err();
    assert_eq!(
        refused[0],
        EditError {
            field: "new.id".into(),
            code: "id-taken"
        }
    );
}

#[test]
fn refused_parts_name_their_fields() {
    let f = builtin();
    let edit = Edit {
        competences: vec![CompetenceEdit {
            id: "empati".into(),
            ..Default::default()
        }],
        requires: vec![("it-strateg".into(), "empati".into(), Some(9))],
        add: Some(NewCompetence {
            area: "nej".into(),
            id: "Empati!".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let fields: Vec<String> = apply(f, &edit, &Used::default())
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    for want in [
        "comp.empati.name_sv",
        "new.id",
        "new.area",
        "req.it-strateg.empati",
    ] {
        assert!(fields.iter().any(|f| f == want), "{want} in {fields:?}");
    }
}

fn area_edit(id: &str, name: &str, remove: bool) -> AreaEdit {
    AreaEdit {
        id: id.into(),
        name: t(name),
        description: t("Beskrivning."),
        remove,
    }
}

#[test]
fn levels_areas_and_roles_change_their_words_and_the_scale_keeps_its_length() {
    let f = builtin();
    let strategist = f.roles.iter().find(|r| r.id == "it-strateg").unwrap();
    let edit = Edit {
        framework: Some((t("IT-ledarskap i Norrvik"), t("Vår modell."))),
        levels: vec![(3, t("Självständig"), t("Klarar uppgiften utan stöd."))],
        areas: vec![area_edit(&f.areas[0].id, "Strategisk förmåga", false)],
        new_area: Some(area_edit("digital-etik", "Digital etik", false)),
        add: Some(NewCompetence {
            area: "digital-etik".into(),
            id: "ai-etik".into(),
            name: t("AI-etik"),
            description: t("Bedömer etiska frågor kring AI."),
            interfaces: Vec::new(),
        }),
        roles: vec![RoleEdit {
            id: "it-strateg".into(),
            name: t("Digital strateg"),
            description: strategist.description.clone(),
            works_with: interfaces_from_lines("Arkitekter | Architects"),
            remove: false,
        }],
        new_role: Some(RoleEdit {
            id: "dataskyddsombud".into(),
            name: t("Dataskyddsombud"),
            description: t("Granskar behandlingen av personuppgifter."),
            works_with: Vec::new(),
            remove: false,
        }),
        requires: vec![("dataskyddsombud".into(), "ai-etik".into(), Some(4))],
        ..Default::default()
    };
    let mut next = apply(f, &edit, &Used::default()).unwrap();
    next.version = f.version + 1;
    assert_eq!(parse(&to_toml(&next)).unwrap(), next, "a valid file");
    assert_eq!(next.name.sv, "IT-ledarskap i Norrvik");
    assert_eq!(next.levels.len(), f.levels.len());
    assert_eq!(next.levels[2].name.sv, "Självständig");
    assert_eq!(next.levels[1], f.levels[1], "the other levels stay");
    assert_eq!(next.areas[0].name.sv, "Strategisk förmåga");
    let new_area = next.areas.last().unwrap();
    assert_eq!(
        (new_area.id.as_str(), new_area.competences.len()),
        ("digital-etik", 1)
    );
    let renamed = next.roles.iter().find(|r| r.id == "it-strateg").unwrap();
    assert_eq!(renamed.name.sv, "Digital strateg");
    assert_eq!(renamed.works_with[0].en, "Architects");
    assert_eq!(renamed.requires, strategist.requires, "texts only");
    let dpo = next.roles.last().unwrap();
    assert_eq!(dpo.requires, vec![("ai-etik".to_owned(), 4)]);
    assert_eq!(changes(f, &next).added, vec!["ai-etik".to_owned()]);
}

#[test]
fn removing_an_area_takes_its_competences_and_their_requirements() {
    let f = builtin();
    let leader = &f.areas[1];
    let edit = Edit {
        areas: vec![area_edit(&leader.id, "", true)],
        roles: vec![RoleEdit {
            id: "it-chef".into(),
            remove: true,
            ..Default::default()
        }],
        // The form still sends the removed role's and area's fields; they are ignored.
        requires: vec![("it-chef".into(), leader.competences[0].id.clone(), Some(2))],
        ..Default::default()
    };
    let next = apply(f, &edit, &Used::default()).unwrap();
    assert!(next.areas.iter().all(|a| a.id != leader.id));
    assert!(next.roles.iter().all(|r| r.id != "it-chef"));
    for c in &leader.competences {
        assert!(next.competence(&c.id).is_none());
        assert!(
            next.roles
                .iter()
                .all(|r| r.requires.iter().all(|(k, _)| *k != c.id))
        );
    }
    let c = changes(f, &next);
    assert_eq!(c.removed.len(), leader.competences.len());
    assert_eq!(c.roles_removed, vec!["it-chef".to_owned()]);
}

#[test]
fn structure_edits_are_refused_with_their_fields() {
    let f = builtin();
    let every_area: Vec<AreaEdit> = f.areas.iter().map(|a| area_edit(&a.id, "x", true)).collect();
    let fields = |edit: &Edit, used: &Used| -> Vec<(String, &'static str)> {
        apply(f, edit, used)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    };
    let none_left = fields(
        &Edit {
            areas: every_area,
            ..Default::default()
        },
        &Used::default(),
    );
    assert!(none_left.contains(&(format!("area.{}.remove", f.areas[0].id), "no-area")));
    let refused = fields(
        &Edit {
            levels: vec![(1, t(""), t("x")), (9, t("x"), t("x"))],
            new_area: Some(area_edit("tom", "Tom", false)),
            new_role: Some(RoleEdit {
                id: "gammal-roll".into(),
                name: t("Gammal"),
                description: t("Fanns förr."),
                ..Default::default()
            }),
            ..Default::default()
        },
        &Used {
            competences: Vec::new(),
            roles: vec!["gammal-roll".into()],
        },
    );
    for want in [
        ("level.1.name_sv".to_owned(), "empty"),
        ("level.9.name_sv".to_owned(), "unknown-ref"),
        ("newarea.id".to_owned(), "area-empty"),
        ("newrole.id".to_owned(), "id-taken"),
    ] {
        assert!(refused.contains(&want), "{want:?} in {refused:?}");
    }
}

#[test]
fn lines_of_only_bars_are_no_interfaces() {
    let list = interfaces_from_lines("|\n | | \nArkitekter | Architects\nInvånare |");
    assert_eq!(
        list,
        vec![
            Text {
                sv: "Arkitekter".into(),
                en: "Architects".into()
            },
            t("Invånare")
        ]
    );
}

#[test]
fn a_new_competence_needs_an_area_that_stays() {
    let f = builtin();
    let add = |area: &str| NewCompetence {
        area: area.into(),
        id: "tillit".into(),
        name: t("Tillit"),
        description: t("Litar på andra."),
        interfaces: Vec::new(),
    };
    let code = |edit: Edit| {
        apply(f, &edit, &Used::default())
            .unwrap_err()
            .into_iter()
            .find(|e| e.field == "new.area")
            .map(|e| e.code)
    };
    let no_area = Edit {
        add: Some(add("")),
        ..Default::default()
    };
    assert_eq!(code(no_area), Some("area-none"));
    let removed = Edit {
        areas: vec![area_edit(&f.areas[1].id, "x", true)],
        add: Some(add(&f.areas[1].id)),
        ..Default::default()
    };
    assert_eq!(code(removed), Some("area-removed"));
}
