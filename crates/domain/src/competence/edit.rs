//! Editing a framework in the browser: a competence's texts and interfaces, removing one,
//! adding one to an area, and each role's required levels. An edit makes the next version;
//! the stored version never changes, and ids stay, so records carry over.

use super::{Competence, Framework};
use crate::model::Text;

/// A competence as the edit form gives it back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompetenceEdit {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub interfaces: Vec<Text>,
    pub remove: bool,
}

/// A competence to add to `area`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewCompetence {
    pub area: String,
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub interfaces: Vec<Text>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit {
    pub competences: Vec<CompetenceEdit>,
    /// (role, competence, level or none).
    pub requires: Vec<(String, String, Option<u8>)>,
    pub add: Option<NewCompetence>,
}

/// A refused part of an edit: the form field and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    pub field: String,
    pub code: &'static str,
}

/// Interfaces from a text area: one per line, `svenska | English`, or one text for both.
pub fn interfaces_from_lines(raw: &str) -> Vec<Text> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once('|') {
            Some((sv, en)) if !sv.trim().is_empty() && !en.trim().is_empty() => Text {
                sv: sv.trim().to_owned(),
                en: en.trim().to_owned(),
            },
            _ => Text {
                sv: l.trim_matches('|').trim().to_owned(),
                en: l.trim_matches('|').trim().to_owned(),
            },
        })
        .collect()
}

/// The interfaces as the text area shows them.
pub fn interfaces_to_lines(list: &[Text]) -> String {
    list.iter()
        .map(|t| format!("{} | {}", t.sv, t.en))
        .collect::<Vec<_>>()
        .join("\n")
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn texts(errors: &mut Vec<EditError>, prefix: &str, name: &Text, description: &Text) {
    for (field, value) in [
        ("name_sv", &name.sv),
        ("name_en", &name.en),
        ("description_sv", &description.sv),
        ("description_en", &description.en),
    ] {
        if value.trim().is_empty() {
            errors.push(EditError {
                field: format!("{prefix}.{field}"),
                code: "empty",
            });
        }
    }
}

/// `f` with the edit applied (the caller gives it the next version), or every refused part.
/// `used` holds the competence ids of every version of the framework: a new competence may not
/// take one, since the records of the old one would carry over to it.
pub fn apply(f: &Framework, e: &Edit, used: &[String]) -> Result<Framework, Vec<EditError>> {
    let mut out = f.clone();
    let mut errors = Vec::new();
    for c in &e.competences {
        let Some(target) = out
            .areas
            .iter_mut()
            .flat_map(|a| a.competences.iter_mut())
            .find(|x| x.id == c.id)
        else {
            errors.push(EditError {
                field: format!("comp.{}.name_sv", c.id),
                code: "unknown-ref",
            });
            continue;
        };
        if !c.remove {
            texts(&mut errors, &format!("comp.{}", c.id), &c.name, &c.description);
        }
        target.name = c.name.clone();
        target.description = c.description.clone();
        target.interfaces = c.interfaces.clone();
    }
    let removed: Vec<&str> = e
        .competences
        .iter()
        .filter(|c| c.remove)
        .map(|c| c.id.as_str())
        .collect();
    for a in &mut out.areas {
        a.competences.retain(|c| !removed.contains(&c.id.as_str()));
        if a.competences.is_empty() && e.add.as_ref().is_none_or(|n| n.area != a.id) {
            errors.push(EditError {
                field: format!("area.{}", a.id),
                code: "area-empty",
            });
        }
    }
    if let Some(n) = &e.add {
        let prefix = "new";
        if !valid_id(&n.id) {
            errors.push(EditError {
                field: "new.id".into(),
                code: "id",
            });
        } else if f.competence(&n.id).is_some() || used.contains(&n.id) {
            errors.push(EditError {
                field: "new.id".into(),
                code: "id-taken",
            });
        }
        texts(&mut errors, prefix, &n.name, &n.description);
        match out.areas.iter_mut().find(|a| a.id == n.area) {
            Some(a) => a.competences.push(Competence {
                id: n.id.clone(),
                name: n.name.clone(),
                description: n.description.clone(),
                interfaces: n.interfaces.clone(),
                codes: Default::default(),
            }),
            None => errors.push(EditError {
                field: "new.area".into(),
                code: "unknown-ref",
            }),
        }
    }
    let top = out.levels.len();
    let order: Vec<String> = out
        .areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| c.id.clone())
        .collect();
    for (role, competence, level) in &e.requires {
        let field = format!("req.{role}.{competence}");
        let Some(r) = out.roles.iter_mut().find(|r| &r.id == role) else {
            errors.push(EditError {
                field,
                code: "unknown-ref",
            });
            continue;
        };
        r.requires.retain(|(c, _)| c != competence);
        match level {
            Some(l) if (1..=top).contains(&usize::from(*l)) && order.contains(competence) => {
                r.requires.push((competence.clone(), *l));
            }
            Some(_) if order.contains(competence) => errors.push(EditError { field, code: "level" }),
            _ => {}
        }
    }
    for r in &mut out.roles {
        r.requires.retain(|(c, _)| order.contains(c));
        r.requires.sort_by_key(|(c, _)| order.iter().position(|o| o == c));
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
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
        };
        let mut next = apply(f, &edit, &[]).unwrap();
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
        assert!(apply(builtin(), &edit, &[]).is_ok());
        let refused = apply(builtin(), &edit, &["tillit".to_owned()]).unwrap_err();
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
        };
        let fields: Vec<String> = apply(f, &edit, &[])
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
}
