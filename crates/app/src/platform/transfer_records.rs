//! The rest of an organisation in an export document: accounts, competence records, the radar,
//! the plan with its boards and cards, intake forms and agendas, carried table by table as
//! portable rows (`mognad_store::records`), so that an instance moves whole.
//!
//! What stays behind: sessions, API tokens, calendar feed links, notifications, their mails and
//! each member's choice of them,
//! invitation and reset links
//! (secrets of one instance), two-factor secrets (people set their app up again), the audit log (the record of
//! what happened on that instance), idempotency keys and sign-in brakes (short-lived), and
//! whatever the directory and measurement parts carry already. The single sign-on settings go
//! along, client secret included. Accounts travel with their password hashes, so the people keep their sign-in; the
//! file must be kept as safe as a backup.

use crate::platform::transfer::OrgExport;
use crate::{AppError, Invalid, Result};
use mognad_domain::ids::OrgId;
use mognad_domain::org::Language;
use mognad_domain::text::Email;
use mognad_store::catalogue::{Kind, catalogue};
use mognad_store::records::{self, Row};
use mognad_store::{Tx, users};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Table name → its rows.
pub type Records = BTreeMap<String, Vec<Row>>;

const OF_ORG: &str = "org_id = $1";

/// The tables carried, in an order that writes every row after the rows it refers to, each
/// with the condition that picks the organisation's rows.
const TABLES: &[(&str, &str)] = &[
    (
        "users",
        "id IN (SELECT user_id FROM memberships WHERE org_id = $1)",
    ),
    ("memberships", OF_ORG),
    ("retention", OF_ORG),
    ("sign_in_policy", OF_ORG),
    ("sso_configs", OF_ORG),
    ("competence_frameworks", OF_ORG),
    ("competence_profiles", OF_ORG),
    ("assessments", OF_ORG),
    (
        "competence_levels",
        "person_id IN (SELECT id FROM people WHERE org_id = $1)",
    ),
    ("grid_placements", OF_ORG),
    ("plan_actions", OF_ORG),
    ("review_cycles", OF_ORG),
    ("review_participants", OF_ORG),
    ("peer_requests", OF_ORG),
    ("radar_blips", OF_ORG),
    ("scan_entries", OF_ORG),
    ("goals", OF_ORG),
    ("initiatives", OF_ORG),
    ("initiative_costs", OF_ORG),
    ("initiative_groups", OF_ORG),
    ("boards", OF_ORG),
    ("board_columns", OF_ORG),
    ("tasks", OF_ORG),
    ("task_checklist", OF_ORG),
    ("task_comments", OF_ORG),
    ("task_events", OF_ORG),
    ("time_entries", OF_ORG),
    ("intake_forms", OF_ORG),
    ("intake_submissions", OF_ORG),
    ("agendas", OF_ORG),
    ("agenda_items", OF_ORG),
];

pub(crate) async fn export(tx: &mut Tx, org: OrgId) -> Result<Records> {
    let mut out = Records::new();
    for (table, scope) in TABLES {
        let rows = records::dump(tx, table, scope, org.0).await?;
        if !rows.is_empty() {
            out.insert((*table).to_owned(), rows);
        }
    }
    Ok(out)
}

fn invalid(path: String, message: impl Into<String>) -> Invalid {
    Invalid::new(&path, "invalid", message)
}

/// Every id the document defines: what its records may refer to.
fn defined_ids(doc: &OrgExport) -> HashSet<String> {
    let mut ids: HashSet<String> = HashSet::new();
    ids.insert(doc.organisation.id.to_string());
    ids.extend(doc.units.iter().map(|x| x.id.to_string()));
    ids.extend(doc.people.iter().map(|x| x.id.to_string()));
    ids.extend(doc.groups.iter().map(|x| x.id.to_string()));
    ids.extend(doc.teams.iter().map(|x| x.id.to_string()));
    ids.extend(doc.relationships.iter().map(|x| x.id.to_string()));
    ids.extend(doc.measurement.models.iter().map(|x| x.id.to_string()));
    ids.extend(doc.measurement.rounds.iter().map(|x| x.id.to_string()));
    for rows in doc.records.values() {
        ids.extend(
            rows.iter()
                .filter_map(|r| r.get("id")?.as_str().map(str::to_owned)),
        );
    }
    ids
}

/// Checks what can be checked before writing: known tables; every row that names an
/// organisation naming this one; every id a row refers to defined in the document, so nothing
/// imported can point into another organisation; accounts only for the organisation's members,
/// with addresses and languages as sign-in reads them.
pub(crate) fn check(doc: &OrgExport) -> Vec<Invalid> {
    let org = doc.organisation.id.to_string();
    let known = defined_ids(doc);
    let kinds = catalogue();
    let members: HashSet<&str> = doc
        .records
        .get("memberships")
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("user_id")?.as_str())
        .collect();
    let mut errors = Vec::new();
    for (table, rows) in &doc.records {
        if !TABLES.iter().any(|(t, _)| t == table) {
            errors.push(invalid(
                format!("records.{table}"),
                "not a table an export carries",
            ));
            continue;
        }
        let refs: Vec<&str> = kinds[table.as_str()]
            .iter()
            .filter(|(c, k)| *k == Kind::Uuid && c != "id" && c != "org_id")
            .map(|(c, _)| c.as_str())
            .collect();
        for (i, row) in rows.iter().enumerate() {
            let at = |col: &str| format!("records.{table}[{i}].{col}");
            if let Some(v) = row.get("org_id")
                && v.as_str() != Some(org.as_str())
            {
                errors.push(invalid(at("org_id"), "belongs to another organisation"));
            }
            for col in &refs {
                if let Some(v) = row.get(*col).and_then(Value::as_str)
                    && !known.contains(v)
                {
                    errors.push(invalid(at(col), "refers to a record that is not in the document"));
                }
            }
            if table == "users" {
                let id = row.get("id").and_then(Value::as_str).unwrap_or_default();
                if !members.contains(id) {
                    errors.push(invalid(
                        at("id"),
                        "an account that is no member of the organisation",
                    ));
                }
                let email = row.get("email").and_then(Value::as_str).unwrap_or_default();
                if Email::parse(email).map(|e| e.as_str() != email).unwrap_or(true) {
                    errors.push(invalid(at("email"), "not an e-mail address as Mognad stores one"));
                }
                let language = row.get("language").and_then(Value::as_str).unwrap_or_default();
                if Language::parse(language).is_err() {
                    errors.push(invalid(at("language"), "not a language Mognad speaks"));
                }
            }
        }
    }
    errors
}

/// Writes the records in dependency order. An account whose e-mail address exists here already
/// is that account: the organisation's membership joins it instead of a second one.
pub(crate) async fn import(tx: &mut Tx, doc: &Records) -> mognad_store::Result<()> {
    let mut same_user: HashMap<String, String> = HashMap::new();
    for (table, _) in TABLES {
        let Some(rows) = doc.get(*table) else { continue };
        match *table {
            "users" => {
                let mut new = Vec::new();
                for row in rows {
                    let email = row.get("email").and_then(Value::as_str).unwrap_or_default();
                    let existing = match Email::parse(email) {
                        Ok(e) => users::by_email(tx, &e).await?,
                        Err(_) => None,
                    };
                    match existing {
                        Some(u) => {
                            let id = row.get("id").and_then(Value::as_str).unwrap_or_default();
                            same_user.insert(id.to_owned(), u.id.0.to_string());
                        }
                        None => new.push(row.clone()),
                    }
                }
                records::load(tx, table, &new).await?;
            }
            "memberships" => {
                let rows: Vec<Row> = rows
                    .iter()
                    .map(|r| {
                        let mut r = r.clone();
                        if let Some(id) = r.get("user_id").and_then(Value::as_str)
                            && let Some(here) = same_user.get(id)
                        {
                            r.insert("user_id".into(), Value::from(here.clone()));
                        }
                        r
                    })
                    .collect();
                records::load(tx, table, &rows).await?;
            }
            _ => records::load(tx, table, rows).await?,
        }
    }
    Ok(())
}

/// A refusal of the records in the user's terms: the store names the row and column.
pub(crate) fn refused(e: mognad_store::StoreError) -> AppError {
    match e {
        mognad_store::StoreError::Corrupt(m) => AppError::invalid("records", "invalid", m),
        other => other.into(),
    }
}
