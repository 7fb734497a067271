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
    /// Roles whose requirements differ, or that one version lacks.
    pub roles: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty() && self.roles.is_empty()
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
    let requires = |f: &Framework| -> HashMap<String, BTreeMap<String, u8>> {
        f.roles
            .iter()
            .map(|r| (r.id.clone(), r.requires.iter().cloned().collect()))
            .collect()
    };
    let (ro, rn) = (requires(old), requires(new));
    out.roles = new
        .roles
        .iter()
        .map(|r| &r.id)
        .chain(old.roles.iter().map(|r| &r.id).filter(|id| !rn.contains_key(*id)))
        .filter(|id| ro.get(*id) != rn.get(*id))
        .cloned()
        .collect();
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
    fn a_changed_requirement_names_the_role() {
        let f = edited("strategiskt-tankande = 5", "strategiskt-tankande = 4");
        assert_eq!(changes(builtin(), &f).roles, vec!["it-strateg".to_owned()]);
    }
}
