//! The parts of a framework edit around the competences: the framework's own texts, the level
//! scale's names and descriptions, the areas (texts, removal, a new one) and the roles (texts,
//! whom they work with, removal, a new one). The number of levels never changes here: every
//! recorded level is a position on the scale, so the scale keeps its length and only its words
//! change.

use super::{Edit, EditError, Used, texts, valid_id};
use crate::competence::{Area, Framework, RoleProfile};

fn error_at(errors: &mut Vec<EditError>, field: String, code: &'static str) {
    errors.push(EditError { field, code });
}

/// The framework's name and description, and each level's name and description.
pub(super) fn framework_and_levels(out: &mut Framework, e: &Edit, errors: &mut Vec<EditError>) {
    if let Some((name, description)) = &e.framework {
        texts(errors, "fw", name, description);
        out.name = name.clone();
        out.description = description.clone();
    }
    for (n, name, description) in &e.levels {
        let prefix = format!("level.{n}");
        let Some(level) = n.checked_sub(1).and_then(|i| out.levels.get_mut(i)) else {
            error_at(errors, format!("{prefix}.name_sv"), "unknown-ref");
            continue;
        };
        texts(errors, &prefix, name, description);
        level.name = name.clone();
        level.description = description.clone();
    }
}

/// Edits the areas' texts and appends the new area; returns the ids of the areas to remove
/// (removed by the caller, after the competence edits that may still name their competences).
pub(super) fn areas(out: &mut Framework, e: &Edit, errors: &mut Vec<EditError>) -> Vec<String> {
    let mut gone = Vec::new();
    for a in &e.areas {
        let prefix = format!("area.{}", a.id);
        let Some(target) = out.areas.iter_mut().find(|x| x.id == a.id) else {
            error_at(errors, format!("{prefix}.name_sv"), "unknown-ref");
            continue;
        };
        if a.remove {
            gone.push(a.id.clone());
            continue;
        }
        texts(errors, &prefix, &a.name, &a.description);
        target.name = a.name.clone();
        target.description = a.description.clone();
    }
    if let Some(n) = &e.new_area {
        if !valid_id(&n.id) {
            error_at(errors, "newarea.id".into(), "id");
        } else if out.areas.iter().any(|a| a.id == n.id) {
            error_at(errors, "newarea.id".into(), "id-taken");
        }
        texts(errors, "newarea", &n.name, &n.description);
        out.areas.push(Area {
            id: n.id.clone(),
            name: n.name.clone(),
            description: n.description.clone(),
            competences: Vec::new(),
        });
    }
    gone
}

/// Edits the roles' texts, removes roles and appends the new one; returns the removed roles'
/// ids, whose requirement fields the caller then ignores.
pub(super) fn roles(out: &mut Framework, e: &Edit, used: &Used, errors: &mut Vec<EditError>) -> Vec<String> {
    let mut gone = Vec::new();
    for r in &e.roles {
        let prefix = format!("role.{}", r.id);
        let Some(target) = out.roles.iter_mut().find(|x| x.id == r.id) else {
            error_at(errors, format!("{prefix}.name_sv"), "unknown-ref");
            continue;
        };
        if r.remove {
            gone.push(r.id.clone());
            continue;
        }
        texts(errors, &prefix, &r.name, &r.description);
        target.name = r.name.clone();
        target.description = r.description.clone();
        target.works_with = r.works_with.clone();
    }
    out.roles.retain(|r| !gone.contains(&r.id));
    if let Some(n) = &e.new_role {
        if !valid_id(&n.id) {
            error_at(errors, "newrole.id".into(), "id");
        } else if out.roles.iter().any(|r| r.id == n.id) || gone.contains(&n.id) || used.roles.contains(&n.id)
        {
            // People on an older version with a role of this id would carry over to a role
            // that is not theirs.
            error_at(errors, "newrole.id".into(), "id-taken");
        }
        texts(errors, "newrole", &n.name, &n.description);
        out.roles.push(RoleProfile {
            id: n.id.clone(),
            name: n.name.clone(),
            description: n.description.clone(),
            works_with: n.works_with.clone(),
            requires: Vec::new(),
        });
    }
    gone
}
