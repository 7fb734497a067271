//! Editing a framework in the browser: the framework's and levels' texts, areas, a competence's
//! texts and interfaces, removing one, adding one to an area, roles and each role's required
//! levels. An edit makes the next version; the stored version never changes, and ids stay, so
//! records carry over.

mod parts;
#[cfg(test)]
mod tests;

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

/// An area's texts as the form gives them back, or its removal (with its competences).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AreaEdit {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub remove: bool,
}

/// A role's texts and whom it works with, or its removal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoleEdit {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub works_with: Vec<Text>,
    pub remove: bool,
}

/// Everything one save changes; parts left out stay as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit {
    /// The framework's name and description.
    pub framework: Option<(Text, Text)>,
    /// (level number from 1, name, description).
    pub levels: Vec<(usize, Text, Text)>,
    pub areas: Vec<AreaEdit>,
    /// An area to add; a new competence must go into it in the same edit (`remove` is ignored).
    pub new_area: Option<AreaEdit>,
    pub competences: Vec<CompetenceEdit>,
    /// (role, competence, level or none); the new role's requirements name its id.
    pub requires: Vec<(String, String, Option<u8>)>,
    pub add: Option<NewCompetence>,
    pub roles: Vec<RoleEdit>,
    /// A role to add (`remove` is ignored).
    pub new_role: Option<RoleEdit>,
}

/// The ids every version of the framework used. A new competence or role may not take one:
/// the records, or the profiles, of the old one would carry over to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Used {
    pub competences: Vec<String>,
    pub roles: Vec<String>,
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
        // A line of only bars says nothing (and an empty text would not make a valid file).
        .filter(|t| !t.sv.is_empty())
        .collect()
}

/// The interfaces as the text area shows them.
pub fn interfaces_to_lines(list: &[Text]) -> String {
    list.iter()
        .map(|t| format!("{} | {}", t.sv, t.en))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(super) fn texts(errors: &mut Vec<EditError>, prefix: &str, name: &Text, description: &Text) {
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
pub fn apply(f: &Framework, e: &Edit, used: &Used) -> Result<Framework, Vec<EditError>> {
    let mut out = f.clone();
    let mut errors = Vec::new();
    parts::framework_and_levels(&mut out, e, &mut errors);
    let gone_areas = parts::areas(&mut out, e, &mut errors);
    let in_gone_area = |id: &str| {
        f.areas
            .iter()
            .any(|a| gone_areas.contains(&a.id) && a.competences.iter().any(|c| c.id == id))
    };
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
        if !c.remove && !in_gone_area(&c.id) {
            texts(&mut errors, &format!("comp.{}", c.id), &c.name, &c.description);
        }
        target.name = c.name.clone();
        target.description = c.description.clone();
        target.interfaces = c.interfaces.clone();
    }
    out.areas.retain(|a| !gone_areas.contains(&a.id));
    if out.areas.is_empty() {
        errors.push(EditError {
            field: gone_areas
                .first()
                .map_or("newarea.id".into(), |a| format!("area.{a}.remove")),
            code: "no-area",
        });
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
            let new = e.new_area.as_ref().is_some_and(|n| n.id == a.id);
            errors.push(EditError {
                field: if new {
                    "newarea.id".into()
                } else {
                    format!("area.{}.name_sv", a.id)
                },
                code: "area-empty",
            });
        }
    }
    if let Some(n) = &e.add {
        if !valid_id(&n.id) {
            errors.push(EditError {
                field: "new.id".into(),
                code: "id",
            });
        } else if f.competence(&n.id).is_some() || used.competences.contains(&n.id) {
            errors.push(EditError {
                field: "new.id".into(),
                code: "id-taken",
            });
        }
        texts(&mut errors, "new", &n.name, &n.description);
        match out.areas.iter_mut().find(|a| a.id == n.area) {
            Some(a) => a.competences.push(Competence {
                id: n.id.clone(),
                name: n.name.clone(),
                description: n.description.clone(),
                interfaces: n.interfaces.clone(),
                codes: Default::default(),
            }),
            // No area chosen (the new one without an id) or one this edit removes.
            None if n.area.is_empty() => errors.push(EditError {
                field: "new.area".into(),
                code: "area-none",
            }),
            None if gone_areas.contains(&n.area) => errors.push(EditError {
                field: "new.area".into(),
                code: "area-removed",
            }),
            None => errors.push(EditError {
                field: "new.area".into(),
                code: "unknown-ref",
            }),
        }
    }
    let gone_roles = parts::roles(&mut out, e, used, &mut errors);
    let top = out.levels.len();
    let order: Vec<String> = out
        .areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| c.id.clone())
        .collect();
    for (role, competence, level) in e.requires.iter().filter(|(r, _, _)| !gone_roles.contains(r)) {
        let field = match &e.new_role {
            Some(n) if &n.id == role => format!("newreq.{competence}"),
            _ => format!("req.{role}.{competence}"),
        };
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
