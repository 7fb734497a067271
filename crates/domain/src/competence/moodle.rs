//! Moodle's competency-framework CSV (the format of Moodle's framework import/export tool):
//! one row for the framework with its scale, then one row per competency pointing at its
//! parent by id number.
//!
//! Moodle's tree maps onto areas and competences: a top-level competency with children is an
//! area and everything below it are its competences; childless top-level competencies are
//! gathered in one area. Moodle frameworks have one language, so the text is used for both.
//! Role profiles have no place in the format and are left out of an export.

use super::csv_table::{Row, Table, error, plain, slug};
use super::{Area, Codes, Competence, Framework, Level};
use crate::model::Text;
use crate::org::Language;
use crate::source::SourceError;
use std::collections::{HashMap, HashSet};

const HEADERS: [&str; 14] = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
];

fn both(s: &str) -> Text {
    Text {
        sv: s.to_owned(),
        en: s.to_owned(),
    }
}

struct Item<'a> {
    row: &'a Row,
    parent: &'a str,
    name: String,
    description: String,
}

/// Reads a Moodle competency-framework CSV into a framework (version 1).
pub fn import(src: &str) -> Result<Framework, Vec<SourceError>> {
    let table = Table::read(src)?;
    let mut errors = Vec::new();
    let parent = table.required(&["Parent ID number", "parentidnumber"], &mut errors);
    let idnumber = table.required(&["ID number", "idnumber"], &mut errors);
    let name = table.required(&["Short name", "shortname"], &mut errors);
    let is_framework = table.required(&["Is framework", "isframework"], &mut errors);
    let description = table.column(&["Description"]);
    let scale = table.column(&["Scale values", "scalevalues"]);
    let format = table.column(&["Description format", "descriptionformat"]);
    if !errors.is_empty() {
        return Err(errors);
    }
    // Format 1 is HTML; the others are text.
    let text_of = |r: &Row, c: Option<usize>| {
        let raw = c.map_or("", |c| r.get(c));
        if format.is_some_and(|f| r.get(f) == "1") {
            plain(raw)
        } else {
            raw.split_whitespace().collect::<Vec<_>>().join(" ")
        }
    };
    let mut framework_row = None;
    let mut items: Vec<Item> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for row in &table.rows {
        if row.cells.iter().all(String::is_empty) {
            continue;
        }
        if row.get(is_framework) == "1" {
            if framework_row.replace(row).is_some() {
                errors.push(error(row.line, is_framework + 1, "a second framework row"));
            }
            continue;
        }
        let id = row.get(idnumber);
        if id.is_empty() {
            errors.push(error(row.line, idnumber + 1, "the competency has no id number"));
        } else if by_id.insert(id, items.len()).is_some() {
            errors.push(error(
                row.line,
                idnumber + 1,
                format!("id number \"{id}\" appears twice"),
            ));
        }
        let n = text_of(row, Some(name));
        if n.is_empty() {
            errors.push(error(row.line, name + 1, "the competency has no short name"));
        }
        let d = text_of(row, description);
        items.push(Item {
            row,
            parent: row.get(parent),
            description: if d.is_empty() { n.clone() } else { d },
            name: n,
        });
    }
    let Some(fw) = framework_row else {
        errors.push(error(1, is_framework + 1, "no row has \"Is framework\" = 1"));
        return Err(errors);
    };
    let levels: Vec<&str> = scale
        .map(|c| fw.get(c))
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if !(2..=9).contains(&levels.len()) {
        errors.push(error(
            fw.line,
            scale.map_or(1, |c| c + 1),
            format!("the scale has {} values; Mognad needs 2 to 9", levels.len()),
        ));
    }
    let fw_name = text_of(fw, Some(name));
    if fw_name.is_empty() {
        errors.push(error(fw.line, name + 1, "the framework has no short name"));
    }
    // The top-level ancestor of each item; a parent that is missing or a loop is an error.
    let mut top = vec![usize::MAX; items.len()];
    for (i, item) in items.iter().enumerate() {
        let (mut at, mut steps) = (i, 0);
        while !items[at].parent.is_empty() {
            match by_id.get(items[at].parent) {
                Some(&p) if steps <= items.len() => (at, steps) = (p, steps + 1),
                Some(_) => {
                    errors.push(error(item.row.line, parent + 1, "the parents form a loop"));
                    break;
                }
                None => {
                    errors.push(error(
                        item.row.line,
                        parent + 1,
                        format!("parent \"{}\" is no competency of the file", items[at].parent),
                    ));
                    break;
                }
            }
        }
        top[i] = at;
    }
    if items.is_empty() {
        errors.push(error(fw.line, 1, "the framework has no competencies"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (mut area_ids, mut competence_ids) = (HashSet::new(), HashSet::new());
    let mut areas: Vec<Area> = Vec::new();
    let mut area_of_top: HashMap<usize, usize> = HashMap::new();
    let mut loose = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let raw_id = item.row.get(idnumber);
        if top[i] == i {
            if top.iter().enumerate().any(|(j, t)| *t == i && j != i) {
                area_of_top.insert(i, areas.len());
                areas.push(Area {
                    id: slug(raw_id, "omrade", &mut area_ids),
                    name: both(&item.name),
                    description: both(&item.description),
                    competences: Vec::new(),
                });
            } else {
                loose.push(i);
            }
        }
    }
    let competence = |i: usize, ids: &mut HashSet<String>| Competence {
        id: slug(items[i].row.get(idnumber), "kompetens", ids),
        name: both(&items[i].name),
        description: both(&items[i].description),
        interfaces: Vec::new(),
        codes: Codes::default(),
    };
    for i in 0..items.len() {
        if top[i] != i {
            let c = competence(i, &mut competence_ids);
            areas[area_of_top[&top[i]]].competences.push(c);
        }
    }
    if !loose.is_empty() {
        let competences = loose
            .iter()
            .map(|&i| competence(i, &mut competence_ids))
            .collect();
        areas.push(Area {
            id: slug("ovriga", "ovriga", &mut area_ids),
            name: Text {
                sv: "Övriga kompetenser".into(),
                en: "Other competences".into(),
            },
            description: both(&fw_name),
            competences,
        });
    }
    let fw_description = text_of(fw, description);
    Ok(Framework {
        id: slug(fw.get(idnumber), "moodle", &mut HashSet::new()),
        version: 1,
        name: both(&fw_name),
        description: both(if fw_description.is_empty() {
            &fw_name
        } else {
            &fw_description
        }),
        levels: levels
            .iter()
            .map(|l| Level {
                name: both(l),
                description: both(l),
            })
            .collect(),
        areas,
        roles: Vec::new(),
    })
}

/// Writes a framework as a Moodle competency-framework CSV, texts in `lang`.
pub fn export(f: &Framework, lang: Language) -> String {
    use crate::text::defuse_formula;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADERS);
    // Moodle separates scale values with commas, so a comma inside a level name cannot stay.
    let scale: Vec<String> = f
        .levels
        .iter()
        .map(|l| l.name.get(lang).replace(',', ";"))
        .collect();
    let mut config = vec![r#"{"scaleid":"0"}"#.to_owned()];
    for i in 1..=f.levels.len() {
        let proficient = u8::from(i * 2 > f.levels.len());
        let default = u8::from(i == 1);
        config.push(format!(
            r#"{{"id":{i},"scaledefault":{default},"proficient":{proficient}}}"#
        ));
    }
    let row = |parent: &str, id: &str, name: &str, description: &str, framework: bool| {
        let [scale, config, taxonomy] = if framework {
            [
                scale.join(","),
                format!("[{}]", config.join(",")),
                "competency,competency".to_owned(),
            ]
        } else {
            Default::default()
        };
        // Names and texts are defused: a spreadsheet must not run them (the import undoes it).
        [
            parent.to_owned(),
            id.to_owned(),
            defuse_formula(name).into_owned(),
            defuse_formula(description).into_owned(),
            "2".to_owned(),
            defuse_formula(&scale).into_owned(),
            config,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            if framework { "1" } else { "0" }.to_owned(),
            taxonomy,
        ]
    };
    let _ = w.write_record(row("", &f.id, f.name.get(lang), f.description.get(lang), true));
    for a in &f.areas {
        let _ = w.write_record(row("", &a.id, a.name.get(lang), a.description.get(lang), false));
        for c in &a.competences {
            let _ = w.write_record(row(
                &a.id,
                &c.id,
                c.name.get(lang),
                c.description.get(lang),
                false,
            ));
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
