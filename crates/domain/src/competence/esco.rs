//! ESCO CSV downloads (skills, occupations, and the occupation–skill relations) read into a
//! framework. ESCO is published by the European Commission under CC BY 4.0; the framework
//! made from it says so, and every competence and role keeps its ESCO URI.
//!
//! Each file is recognised by its columns, so they may be given in any order. Skills become
//! competences in areas by skill type (knowledge; skills and competences); occupations become
//! role profiles; an essential relation makes the skill required at the proficient level of the
//! scale (ESCO has no levels of its own, so Mognad's five-step scale is used).

use super::csv_table::{Table, error, slug};
use super::{Area, Codes, Competence, Framework, RoleProfile, builtin};
use crate::model::Text;
use crate::source::SourceError;
use std::collections::{HashMap, HashSet};

/// The level an essential skill is required at: "proficient" on the five-step scale.
pub const ESSENTIAL_LEVEL: u8 = 3;

pub const ATTRIBUTION_SV: &str = "Innehåller data från ESCO – European Skills, Competences, Qualifications and Occupations (https://esco.ec.europa.eu), © Europeiska unionen, licens CC BY 4.0. Urvalet och nivåerna är gjorda i Mognad.";
pub const ATTRIBUTION_EN: &str = "Contains data from ESCO – European Skills, Competences, Qualifications and Occupations (https://esco.ec.europa.eu), © European Union, licensed under CC BY 4.0. The selection and the levels were made in Mognad.";

fn both(s: &str) -> Text {
    Text {
        sv: s.to_owned(),
        en: s.to_owned(),
    }
}

struct Concept {
    uri: String,
    label: String,
    description: String,
    kind: String,
}

/// Which ESCO file a table is.
enum File {
    Concepts(Vec<(usize, Concept)>),
    Relations(Vec<(usize, String, String, bool)>),
}

fn read(name: &str, src: &str, errors: &mut Vec<SourceError>) -> Option<File> {
    let prefix = |mut e: SourceError| {
        e.message = format!("{name}: {}", e.message);
        // The translated text shows the file too: its argument carries the same words.
        for (k, v) in &mut e.args {
            if *k == "message" {
                *v = format!("{name}: {v}");
            }
        }
        e
    };
    let table = match Table::read(src) {
        Ok(t) => t,
        Err(e) => {
            errors.extend(e.into_iter().map(prefix));
            return None;
        }
    };
    if let (Some(occ), Some(skill)) = (table.column(&["occupationUri"]), table.column(&["skillUri"])) {
        let kind = table.column(&["relationType"]);
        let rows = table
            .rows
            .iter()
            .filter(|r| !r.get(occ).is_empty() || !r.get(skill).is_empty());
        return Some(File::Relations(
            rows.map(|r| {
                let essential = kind.is_none_or(|k| r.get(k).eq_ignore_ascii_case("essential"));
                (r.line, r.get(occ).to_owned(), r.get(skill).to_owned(), essential)
            })
            .collect(),
        ));
    }
    let mut local = Vec::new();
    let uri = table.required(&["conceptUri"], &mut local);
    let label = table.required(&["preferredLabel"], &mut local);
    if !local.is_empty() {
        errors.extend(local.into_iter().map(prefix));
        return None;
    }
    let description = table.column(&["description"]);
    let definition = table.column(&["definition"]);
    let kind = table.column(&["skillType"]);
    let mut concepts = Vec::new();
    for r in &table.rows {
        if r.cells.iter().all(String::is_empty) {
            continue;
        }
        let u = r.get(uri);
        if !u.starts_with("http://") && !u.starts_with("https://") {
            errors.push(prefix(error(r.line, uri + 1, format!("\"{u}\" is no ESCO URI"))));
            continue;
        }
        if r.get(label).is_empty() {
            errors.push(prefix(error(
                r.line,
                label + 1,
                "the concept has no preferred label",
            )));
            continue;
        }
        let text = [description, definition]
            .iter()
            .flatten()
            .map(|&c| r.get(c))
            .find(|t| !t.is_empty())
            .unwrap_or(r.get(label));
        concepts.push((
            r.line,
            Concept {
                uri: u.to_owned(),
                label: r.get(label).to_owned(),
                description: text.split_whitespace().collect::<Vec<_>>().join(" "),
                kind: kind.map(|k| r.get(k).to_lowercase()).unwrap_or_default(),
            },
        ));
    }
    Some(File::Concepts(concepts))
}

fn last_segment(uri: &str) -> &str {
    uri.trim_end_matches('/').rsplit('/').next().unwrap_or(uri)
}

/// Reads ESCO CSV files, given as (file name, text), into a framework (version 1).
pub fn import(files: &[(&str, &str)]) -> Result<Framework, Vec<SourceError>> {
    let mut errors = Vec::new();
    let (mut skills, mut occupations, mut relations) = (Vec::new(), Vec::new(), Vec::new());
    for (name, src) in files {
        match read(name, src, &mut errors) {
            Some(File::Concepts(c)) => {
                for (line, concept) in c {
                    if concept.uri.contains("/occupation/") {
                        occupations.push((name, line, concept));
                    } else {
                        skills.push((name, line, concept));
                    }
                }
            }
            Some(File::Relations(r)) => relations.extend(r.into_iter().map(|r| (name, r))),
            None => {}
        }
    }
    if skills.is_empty() && errors.is_empty() {
        errors.push(error(
            1,
            1,
            "no file holds ESCO skills (conceptUri, preferredLabel)",
        ));
    }
    let mut seen = HashSet::new();
    for (name, line, c) in skills.iter().chain(&occupations) {
        if !seen.insert(c.uri.as_str()) {
            errors.push(error(*line, 1, format!("{name}: {} appears twice", c.uri)));
        }
    }
    let mut competence_ids = HashSet::new();
    let mut id_of: HashMap<&str, String> = HashMap::new();
    let groups = [
        ("kunskaper", "Kunskaper", "Knowledge", true),
        (
            "fardigheter",
            "Färdigheter och kompetenser",
            "Skills and competences",
            false,
        ),
    ];
    let mut areas: Vec<Area> = groups
        .iter()
        .map(|(id, sv, en, _)| Area {
            id: (*id).into(),
            name: Text {
                sv: (*sv).into(),
                en: (*en).into(),
            },
            description: Text {
                sv: format!("{sv} ur ESCO."),
                en: format!("{en} from ESCO."),
            },
            competences: Vec::new(),
        })
        .collect();
    for (_, _, c) in &skills {
        let id = slug(last_segment(&c.uri), "kompetens", &mut competence_ids);
        id_of.insert(&c.uri, id.clone());
        let area = usize::from(!c.kind.contains("knowledge"));
        areas[area].competences.push(Competence {
            id,
            name: both(&c.label),
            description: both(&c.description),
            interfaces: Vec::new(),
            codes: Codes {
                esco: Some(c.uri.clone()),
                ..Codes::default()
            },
        });
    }
    areas.retain(|a| !a.competences.is_empty());
    let mut role_ids = HashSet::new();
    let mut roles: Vec<RoleProfile> = Vec::new();
    let mut role_of: HashMap<&str, usize> = HashMap::new();
    for (_, _, o) in &occupations {
        role_of.insert(&o.uri, roles.len());
        roles.push(RoleProfile {
            id: slug(last_segment(&o.uri), "roll", &mut role_ids),
            name: both(&o.label),
            description: both(&o.description),
            works_with: Vec::new(),
            requires: Vec::new(),
        });
    }
    for (name, (line, occ, skill, essential)) in &relations {
        let Some(&r) = role_of.get(occ.as_str()) else {
            // Relations of occupations not in the selection are skipped: ESCO ships them all.
            continue;
        };
        match id_of.get(skill.as_str()) {
            Some(c) if *essential && !roles[r].requires.iter().any(|(x, _)| x == c) => {
                roles[r].requires.push((c.clone(), ESSENTIAL_LEVEL));
            }
            Some(_) => {}
            None => errors.push(error(
                *line,
                1,
                format!("{name}: skill {skill} of a selected occupation is not among the skills"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let order: Vec<&str> = areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| c.id.as_str())
        .collect();
    for r in &mut roles {
        r.requires.sort_by_key(|(c, _)| order.iter().position(|o| o == c));
    }
    Ok(Framework {
        id: "esco-urval".into(),
        version: 1,
        name: Text {
            sv: "ESCO-urval".into(),
            en: "ESCO selection".into(),
        },
        description: Text {
            sv: ATTRIBUTION_SV.into(),
            en: ATTRIBUTION_EN.into(),
        },
        levels: builtin().levels.clone(),
        areas,
        roles,
    })
}
