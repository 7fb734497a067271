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
/// partial post changes only what it names.
pub fn edit_of(f: &Framework, pairs: &HashMap<String, String>) -> Edit {
    let get = |k: &str| pairs.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let has = |k: &str| pairs.contains_key(k);
    let text = |prefix: &str, what: &str| Text {
        sv: get(&format!("{prefix}.{what}_sv")),
        en: get(&format!("{prefix}.{what}_en")),
    };
    let named = |prefix: &str| (text(prefix, "name"), text(prefix, "description"));
    let area = |prefix: &str, id: &str| {
        let (name, description) = named(prefix);
        AreaEdit {
            id: id.to_owned(),
            name,
            description,
            remove: has(&format!("{prefix}.remove")),
        }
    };
    let role = |prefix: &str, id: &str| {
        let (name, description) = named(prefix);
        RoleEdit {
            id: id.to_owned(),
            name,
            description,
            works_with: interfaces_from_lines(&get(&format!("{prefix}.works_with"))),
            remove: has(&format!("{prefix}.remove")),
        }
    };
    let all: Vec<_> = f.areas.iter().flat_map(|a| &a.competences).collect();
    let competences = all
        .iter()
        .map(|c| {
            let p = format!("comp.{}", c.id);
            let (name, description) = named(&p);
            CompetenceEdit {
                id: c.id.clone(),
                name,
                description,
                interfaces: interfaces_from_lines(&get(&format!("{p}.interfaces"))),
                remove: has(&format!("{p}.remove")),
            }
        })
        .collect();
    let mut requires = Vec::new();
    for r in &f.roles {
        for c in &all {
            let v = get(&format!("req.{}.{}", r.id, c.id));
            requires.push((r.id.clone(), c.id.clone(), v.parse().ok()));
        }
    }
    let new_area = Some(get("newarea.id"))
        .filter(|id| !id.is_empty())
        .map(|id| area("newarea", &id));
    let new_role = Some(get("newrole.id"))
        .filter(|id| !id.is_empty())
        .map(|id| role("newrole", &id));
    if let Some(n) = &new_role {
        for c in &all {
            let v = get(&format!("newreq.{}", c.id));
            requires.push((n.id.clone(), c.id.clone(), v.parse().ok()));
        }
    }
    let add = Some(get("new.id")).filter(|id| !id.is_empty()).map(|id| {
        let (name, description) = named("new");
        NewCompetence {
            // The empty choice is the area added in the same edit.
            area: Some(get("new.area"))
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| get("newarea.id")),
            id,
            name,
            description,
            interfaces: interfaces_from_lines(&get("new.interfaces")),
        }
    });
    Edit {
        framework: has("fw.name_sv").then(|| named("fw")),
        levels: (1..=f.levels.len())
            .filter(|n| has(&format!("level.{n}.name_sv")))
            .map(|n| {
                let (name, description) = named(&format!("level.{n}"));
                (n, name, description)
            })
            .collect(),
        areas: f
            .areas
            .iter()
            .filter(|a| has(&format!("area.{}.name_sv", a.id)))
            .map(|a| area(&format!("area.{}", a.id), &a.id))
            .collect(),
        new_area,
        competences,
        requires,
        add,
        roles: f
            .roles
            .iter()
            .filter(|r| has(&format!("role.{}.name_sv", r.id)))
            .map(|r| role(&format!("role.{}", r.id), &r.id))
            .collect(),
        new_role,
    }
}

/// What a refused field is about, in words: the framework, a level, an area, a competence, a
/// role, a requirement, or what is being added.
pub fn label(f: &Framework, field: &str, tr: crate::i18n::Tr) -> String {
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
        _ => tr.t("fe-new"),
    }
}
