//! The rest of an organisation in an export document: accounts, competence records, the radar,
//! the plan with its boards and cards, intake forms and agendas, carried table by table as
//! portable rows (`mognad_store::records`), so that an instance moves whole.
//!
//! What stays behind: sessions and tokens (secrets of one instance), idempotency keys and
//! sign-in brakes (short-lived), and whatever the directory and measurement parts carry
//! already. Accounts travel with their password hashes, so the people keep their sign-in; the
//! file must be kept as safe as a backup.

use crate::{AppError, Invalid, Result};
use mognad_domain::ids::OrgId;
use mognad_domain::text::Email;
use mognad_store::records::{self, Row};
use mognad_store::{Tx, users};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

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
    ("competence_frameworks", OF_ORG),
    ("competence_profiles", OF_ORG),
    ("assessments", OF_ORG),
    (
        "competence_levels",
        "person_id IN (SELECT id FROM people WHERE org_id = $1)",
    ),
    ("grid_placements", OF_ORG),
    ("plan_actions", OF_ORG),
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

/// Checks what can be checked before writing: known tables, and every row that names an
/// organisation naming this one.
pub(crate) fn check(doc: &Records, org: OrgId) -> Vec<Invalid> {
    let mut errors = Vec::new();
    for (table, rows) in doc {
        if !TABLES.iter().any(|(t, _)| t == table) {
            errors.push(invalid(
                format!("records.{table}"),
                "not a table an export carries",
            ));
            continue;
        }
        for (i, row) in rows.iter().enumerate() {
            if let Some(v) = row.get("org_id")
                && v.as_str() != Some(org.0.to_string().as_str())
            {
                errors.push(invalid(
                    format!("records.{table}[{i}].org_id"),
                    "belongs to another organisation",
                ));
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
