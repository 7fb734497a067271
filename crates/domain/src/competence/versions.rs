//! What a new version of a framework changes for the people on an older one. A competence
//! keeps its identity, its id, across versions, so assessments, levels and plan actions of a
//! competence that remains carry over; this module names what was added, changed (its texts
//! or its codes) or removed, and which roles' requirements moved.

use super::{Framework, assessment::Assessment};
use std::collections::{BTreeMap, HashMap};

/// The difference between two versions of one framework, competence and role ids in the newer
/// version's order (removed ones in the older's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Roles in both versions whose requirements differ.
    pub roles: Vec<String>,
    pub roles_added: Vec<String>,
    pub roles_removed: Vec<String>,
    /// Roles in both versions whose name, description or works-with differ.
    pub roles_reworded: Vec<String>,
    /// Level numbers (from 1) whose name or description differ.
    pub levels: Vec<usize>,
    /// Areas added, removed, or with another name or description.
    pub areas: Vec<String>,
    /// Whether the framework's own name or description differ.
    pub framework: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

/// What `new` changes compared with `old`.
pub fn changes(old: &Framework, new: &Framework) -> Changes {
    let competences = |f: &Framework| -> Vec<super::Competence> {
        f.areas
            .iter()
            .flat_map(|a| a.competences.iter().cloned())
            .collect()
    };
    let before: HashMap<String, super::Competence> =
        competences(old).into_iter().map(|c| (c.id.clone(), c)).collect();
    let after = competences(new);
    let mut out = Changes::default();
    for c in &after {
        match before.get(&c.id) {
            None => out.added.push(c.id.clone()),
            Some(b) if b != c => out.changed.push(c.id.clone()),
            Some(_) => {}
        }
    }
    out.removed = competences(old)
        .into_iter()
        .filter(|c| new.competence(&c.id).is_none())
        .map(|c| c.id)
        .collect();
    let requires = |r: &super::RoleProfile| -> BTreeMap<String, u8> { r.requires.iter().cloned().collect() };
    for r in &new.roles {
        match old.roles.iter().find(|o| o.id == r.id) {
            None => out.roles_added.push(r.id.clone()),
            Some(o) => {
                if requires(o) != requires(r) {
                    out.roles.push(r.id.clone());
                }
                if (&o.name, &o.description, &o.works_with) != (&r.name, &r.description, &r.works_with) {
                    out.roles_reworded.push(r.id.clone());
                }
            }
        }
    }
    out.roles_removed = old
        .roles
        .iter()
        .filter(|o| !new.roles.iter().any(|r| r.id == o.id))
        .map(|o| o.id.clone())
        .collect();
    out.levels = (1..=old.levels.len().max(new.levels.len()))
        .filter(|n| old.levels.get(n - 1) != new.levels.get(n - 1))
        .collect();
    let texts = |a: &super::Area| (a.name.clone(), a.description.clone());
    out.areas = new
        .areas
        .iter()
        .filter(|a| old.areas.iter().find(|o| o.id == a.id).map(texts) != Some(texts(a)))
        .chain(
            old.areas
                .iter()
                .filter(|o| !new.areas.iter().any(|a| a.id == o.id)),
        )
        .map(|a| a.id.clone())
        .collect();
    out.framework = (&old.name, &old.description) != (&new.name, &new.description);
    out
}

/// The combined level of every competence of `order` that has assessments, whatever version
/// of the framework they were made against.
pub fn levels(order: &[&str], history: &[Assessment]) -> BTreeMap<String, f64> {
    order
        .iter()
        .filter_map(|c| {
            let same: Vec<&Assessment> = history.iter().filter(|a| a.competence == *c).collect();
            super::assessment::combined(&same).map(|l| ((*c).to_owned(), f64::from(l)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competence::{builtin, builtin_source, parse};

    fn edited(from: &str, to: &str) -> Framework {
        let src = builtin_source().replace("version = 2", "version = 3");
        assert!(src.contains(from), "the shipped file has {from}");
        parse(&src.replacen(from, to, 1)).unwrap()
    }

    #[test]
    fn an_unchanged_version_changes_nothing() {
        assert!(changes(builtin(), builtin()).is_empty());
    }

    #[test]
    fn a_renamed_competence_is_changed_and_a_new_id_is_added_and_removed() {
        let renamed = edited("en = \"Empathy\"", "en = \"Empathy and care\"");
        let c = changes(builtin(), &renamed);
        assert_eq!(
            (c.changed, c.added, c.removed),
            (vec!["empati".to_owned()], vec![], vec![])
        );

        let src = builtin_source().replace("version = 2", "version = 3");
        let rekeyed = parse(&src.replace("empati", "medkansla")).unwrap();
        let c = changes(builtin(), &rekeyed);
        assert_eq!(c.added, vec!["medkansla".to_owned()]);
        assert_eq!(c.removed, vec!["empati".to_owned()]);
        assert!(!c.roles.is_empty(), "roles that required empati now lack it");
    }

    #[test]
    fn levels_areas_roles_and_the_name_are_told_apart() {
        let f = edited("en = \"Foundation\"", "en = \"Beginner\"");
        assert_eq!(changes(builtin(), &f).levels, vec![1]);
        let mut g = builtin().clone();
        g.name.sv = "Vårt ramverk".into();
        g.areas[0].name.sv = "Strategi".into();
        g.roles[0].works_with.pop();
        let removed = g.roles.remove(1);
        let c = changes(builtin(), &g);
        assert!(c.framework);
        assert_eq!(c.areas, vec![g.areas[0].id.clone()]);
        assert_eq!(c.roles_reworded, vec![g.roles[0].id.clone()]);
        assert_eq!(c.roles_removed, vec![removed.id.clone()]);
        assert!(c.roles.is_empty() && c.roles_added.is_empty());
        let back = changes(&g, builtin());
        assert_eq!(
            back.roles_added,
            vec![removed.id],
            "read the other way, it is added"
        );
    }

    #[test]
    fn a_changed_requirement_names_the_role() {
        let f = edited("strategiskt-tankande = 5", "strategiskt-tankande = 4");
        assert_eq!(changes(builtin(), &f).roles, vec!["it-strateg".to_owned()]);
    }
}
