//! Writing an import: what is already there (units by path, groups by name, people by e-mail and name, supervisions) and the records a row creates or updates.

use super::import::ImportReport;
use crate::Result;
use mognad_domain::DomainError;
use mognad_domain::ids::*;
use mognad_domain::people::{LeadershipGroup, Person, Unit};
use mognad_domain::relationship::Supervision;
use mognad_domain::text::{Email, Name};
use mognad_store::{Tx, groups, people, relationships, units};
use std::collections::HashMap;

/// What the import knows while it runs: existing records by their natural keys.
pub(crate) struct State {
    pub(crate) org: OrgId,
    pub(crate) units_by_path: HashMap<String, UnitId>,
    pub(crate) groups_by_name: HashMap<String, GroupId>,
    pub(crate) people_by_email: HashMap<String, Person>,
    pub(crate) people_by_name: HashMap<String, Vec<Person>>,
    pub(crate) supervisions: Vec<Supervision>,
}
pub(crate) async fn load_state(tx: &mut Tx, org: OrgId) -> Result<State> {
    let all_units = units::list(tx, org).await?;
    let by_id: HashMap<UnitId, &Unit> = all_units.iter().map(|u| (u.id, u)).collect();
    let mut units_by_path = HashMap::new();
    for u in &all_units {
        let mut parts = vec![u.name.to_string()];
        let mut cursor = u.parent_id;
        while let Some(p) = cursor.and_then(|id| by_id.get(&id)) {
            parts.push(p.name.to_string());
            cursor = p.parent_id;
            if parts.len() > by_id.len() {
                break;
            }
        }
        parts.reverse();
        units_by_path.insert(path_key(&parts), u.id);
    }
    let groups_by_name = groups::list(tx, org)
        .await?
        .into_iter()
        .map(|g| (g.name.to_string().to_lowercase(), g.id))
        .collect();
    let everyone = people::all(tx, org).await?;
    let mut people_by_name: HashMap<String, Vec<Person>> = HashMap::new();
    for p in &everyone {
        people_by_name
            .entry(p.name.to_string())
            .or_default()
            .push(p.clone());
    }
    let people_by_email = everyone
        .into_iter()
        .filter_map(|p| p.email.clone().map(|e| (e.to_string(), p)))
        .collect();
    let supervisions = relationships::supervisions(tx, org).await?;
    Ok(State {
        org,
        units_by_path,
        groups_by_name,
        people_by_email,
        people_by_name,
        supervisions,
    })
}

pub(crate) fn path_key(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// Finds the unit at `path` (`A / B / C` or `A > B > C`), creating the missing tail.
pub(crate) async fn ensure_unit_path(
    tx: &mut Tx,
    state: &mut State,
    path: &str,
    report: &mut ImportReport,
) -> Result<UnitId> {
    let parts: Vec<String> = path
        .split(['/', '>'])
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    let mut parent: Option<UnitId> = None;
    for depth in 1..=parts.len() {
        let key = path_key(&parts[..depth]);
        if let Some(id) = state.units_by_path.get(&key) {
            parent = Some(*id);
            continue;
        }
        let unit = Unit {
            id: UnitId::new(),
            org_id: state.org,
            parent_id: parent,
            name: Name::parse("unit", &parts[depth - 1])?,
            kind: None,
        };
        units::insert(tx, &unit).await?;
        report.units_created += 1;
        state.units_by_path.insert(key, unit.id);
        parent = Some(unit.id);
    }
    parent.ok_or_else(|| DomainError::Empty { field: "unit" }.into())
}

pub(crate) async fn ensure_group(
    tx: &mut Tx,
    state: &mut State,
    name: &str,
    unit: Option<UnitId>,
    report: &mut ImportReport,
) -> Result<GroupId> {
    let name = Name::parse("groups", name)?;
    let key = name.to_string().to_lowercase();
    if let Some(id) = state.groups_by_name.get(&key) {
        return Ok(*id);
    }
    let g = LeadershipGroup {
        id: GroupId::new(),
        org_id: state.org,
        unit_id: unit,
        name,
    };
    groups::insert(tx, &g).await?;
    report.groups_created += 1;
    state.groups_by_name.insert(key, g.id);
    Ok(g.id)
}

/// Updates the person matched by e-mail (or by a unique exact name) or creates a new one.
pub(crate) async fn upsert_person(
    tx: &mut Tx,
    state: &mut State,
    name: Name,
    email: Option<Email>,
    title: Option<Name>,
    unit: Option<UnitId>,
    report: &mut ImportReport,
) -> Result<PersonId> {
    let existing = match &email {
        Some(e) => state.people_by_email.get(e.as_str()).cloned(),
        None => match state.people_by_name.get(name.as_str()).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            _ => None,
        },
    };
    let person = match existing {
        Some(old) => {
            let p = Person {
                name,
                email: email.or(old.email.clone()),
                title: title.or(old.title.clone()),
                unit_id: unit.or(old.unit_id),
                ..old
            };
            people::update(tx, &p).await?;
            report.people_updated += 1;
            p
        }
        None => {
            let p = Person {
                id: PersonId::new(),
                org_id: state.org,
                name,
                email,
                unit_id: unit,
                title,
            };
            people::insert(tx, &p).await?;
            report.people_created += 1;
            p
        }
    };
    if let Some(e) = &person.email {
        state.people_by_email.insert(e.to_string(), person.clone());
    }
    state
        .people_by_name
        .entry(person.name.to_string())
        .or_default()
        .push(person.clone());
    Ok(person.id)
}
