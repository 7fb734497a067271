//! The framework editor's form as fields: reading a posted form into an [`Edit`] and naming a
//! refused field in words. Every field is named `<part>.<id>.<what>` (or `new…` for what is
//! added), the same as its input's id, so an error links to its input.

use mognad_domain::competence::Framework;
use mognad_domain::competence::edit::{
    AreaEdit, CompetenceEdit, Edit, NewCompetence, RoleEdit, interfaces_from_lines,
};
use mognad_domain::model::Text;
use std::collections::HashMap;

/// The posted form. A part whose fields are absent is left as it is, so an older form or a
/// partial post changes only what it names; a part being added whose id is left empty while
/// anything else of it is filled in is still read, so the missing id is refused rather than
/// what was typed silently dropped.
pub fn edit_of(f: &Framework, pairs: &HashMap<String, String>) -> Edit {
    let get = |k: &str| pairs.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let has = |k: &str| pairs.contains_key(k);
    // A posted value, or what the version has when the field is absent.
    let or = |k: &str, now: &str| pairs.get(k).map_or(now.to_owned(), |v| v.trim().to_owned());
    let named_or = |prefix: &str, name: &Text, description: &Text| {
        let text = |what: &str, now: &Text| Text {
            sv: or(&format!("{prefix}.{what}_sv"), &now.sv),
            en: or(&format!("{prefix}.{what}_en"), &now.en),
        };
        (text("name", name), text("description", description))
    };
    let lines_or = |k: &str, now: &[Text]| match pairs.get(k) {
        Some(v) => interfaces_from_lines(v),
        None => now.to_vec(),
    };
    let blank = Text::default();
    // Whether anything of a part being added was filled in.
    let started =
        |prefix: &str, fields: &[&str]| fields.iter().any(|f| !get(&format!("{prefix}.{f}")).is_empty());
    const TEXTS: [&str; 5] = ["id", "name_sv", "name_en", "description_sv", "description_en"];
    let all: Vec<_> = f.areas.iter().flat_map(|a| &a.competences).collect();
    let competences = all
        .iter()
        .filter(|c| has(&format!("comp.{}.name_sv", c.id)) || has(&format!("comp.{}.remove", c.id)))
        .map(|c| {
            let p = format!("comp.{}", c.id);
            let (name, description) = named_or(&p, &c.name, &c.description);
            CompetenceEdit {
                id: c.id.clone(),
                name,
                description,
                interfaces: lines_or(&format!("{p}.interfaces"), &c.interfaces),
                remove: has(&format!("{p}.remove")),
            }
        })
        .collect();
    let mut requires = Vec::new();
    for r in &f.roles {
        for c in &all {
            let k = format!("req.{}.{}", r.id, c.id);
            if has(&k) {
                requires.push((r.id.clone(), c.id.clone(), get(&k).parse().ok()));
            }
        }
    }
    let new_area = started("newarea", &TEXTS).then(|| {
        let (name, description) = named_or("newarea", &blank, &blank);
        AreaEdit {
            id: get("newarea.id"),
            name,
            description,
            remove: false,
        }
    });
    let levels_chosen = all.iter().any(|c| !get(&format!("newreq.{}", c.id)).is_empty());
    let new_role =
        (started("newrole", &TEXTS) || started("newrole", &["works_with"]) || levels_chosen).then(|| {
            let (name, description) = named_or("newrole", &blank, &blank);
            RoleEdit {
                id: get("newrole.id"),
                name,
                description,
                works_with: interfaces_from_lines(&get("newrole.works_with")),
                remove: false,
            }
        });
    if let Some(n) = &new_role {
        for c in &all {
            let v = get(&format!("newreq.{}", c.id));
            requires.push((n.id.clone(), c.id.clone(), v.parse().ok()));
        }
    }
    let add = (started("new", &TEXTS) || started("new", &["interfaces"])).then(|| {
        let (name, description) = named_or("new", &blank, &blank);
        NewCompetence {
            // The empty choice is the area added in the same edit.
            area: Some(get("new.area"))
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| get("newarea.id")),
            id: get("new.id"),
            name,
            description,
            interfaces: interfaces_from_lines(&get("new.interfaces")),
        }
    });
    Edit {
        framework: has("fw.name_sv").then(|| named_or("fw", &f.name, &f.description)),
        levels: f
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .filter(|(n, _)| has(&format!("level.{n}.name_sv")))
            .map(|(n, l)| {
                let (name, description) = named_or(&format!("level.{n}"), &l.name, &l.description);
                (n, name, description)
            })
            .collect(),
        areas: f
            .areas
            .iter()
            .filter(|a| has(&format!("area.{}.name_sv", a.id)) || has(&format!("area.{}.remove", a.id)))
            .map(|a| {
                let p = format!("area.{}", a.id);
                let (name, description) = named_or(&p, &a.name, &a.description);
                AreaEdit {
                    id: a.id.clone(),
                    name,
                    description,
                    remove: has(&format!("{p}.remove")),
                }
            })
            .collect(),
        new_area,
        competences,
        requires,
        add,
        roles: f
            .roles
            .iter()
            .filter(|r| has(&format!("role.{}.name_sv", r.id)) || has(&format!("role.{}.remove", r.id)))
            .map(|r| {
                let p = format!("role.{}", r.id);
                let (name, description) = named_or(&p, &r.name, &r.description);
                RoleEdit {
                    id: r.id.clone(),
                    name,
                    description,
                    works_with: lines_or(&format!("{p}.works_with"), &r.works_with),
                    remove: has(&format!("{p}.remove")),
                }
            })
            .collect(),
        new_role,
    }
}

/// What a refused field is about, in words: the framework, a level, an area, a competence, a
/// role, a requirement, or what is being added, and which of its inputs.
pub fn label(f: &Framework, field: &str, tr: crate::i18n::Tr) -> String {
    let part = part_label(f, field, tr);
    // Which of the part's inputs, where it has several.
    let input = match field.rsplit('.').next() {
        Some("name_sv") => "fe-name-sv",
        Some("name_en") => "fe-name-en",
        Some("description_sv") => "fe-description-sv",
        Some("description_en") => "fe-description-en",
        Some("id") => "fe-id",
        _ => return part,
    };
    format!("{part} – {}", tr.t(input).to_lowercase())
}

fn part_label(f: &Framework, field: &str, tr: crate::i18n::Tr) -> String {
    let lang = tr.lang;
    let parts: Vec<&str> = field.split('.').collect();
    let competence = |id: &str| {
        f.competence(id)
            .map_or(id.to_owned(), |c| c.name.get(lang).to_owned())
    };
    let role = |id: &str| {
        f.roles
            .iter()
            .find(|r| r.id == id)
            .map_or(id.to_owned(), |r| r.name.get(lang).to_owned())
    };
    match parts.as_slice() {
        ["fw", ..] => f.name.get(lang).to_owned(),
        ["level", n, ..] => tr.t1("fe-level", "n", n),
        ["area", id, ..] => f
            .areas
            .iter()
            .find(|a| a.id == *id)
            .map_or((*id).to_owned(), |a| a.name.get(lang).to_owned()),
        ["comp", id, ..] => competence(id),
        ["role", id, ..] => role(id),
        ["req", r, id] => format!("{} – {}", role(r), competence(id)),
        ["newreq", id] => format!("{} – {}", tr.t("fe-new-role"), competence(id)),
        ["newarea", ..] => tr.t("fe-new-area"),
        ["newrole", ..] => tr.t("fe-new-role"),
        ["fe-save"] => tr.t("fe-save"),
        _ => tr.t("fe-new"),
    }
}
