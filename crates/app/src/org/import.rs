//! Importing people, units and leadership groups from the CSV or XLSX files HR systems export.
//!
//! One row per person. Recognised columns (Swedish or English headers, any order, any case):
//! `name`/`namn` (required), `email`/`e-post`, `title`/`titel`, `unit`/`enhet` (a path such as
//! `Socialförvaltningen / Äldreomsorg`, created where missing), `groups`/`ledningsgrupper`
//! (names separated by `;` or `|`, created where missing) and `supervisor_email`/`chef_e-post`
//! (makes a primary supervision from today). People are matched by e-mail, then by exact name.
//!
//! The whole file runs in one transaction. If any row is rejected — or on a dry run — the
//! transaction is rolled back, so nothing is ever half-imported; the report lists every rejected
//! row with its line and the reason.

use super::import_file::{Col, column_for, read_csv, read_xlsx};
use super::import_write::{ensure_group, ensure_unit_path, load_state, upsert_person};
use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::ids::*;
use mognad_domain::relationship::{Period, Supervision, check_supervision};
use mognad_domain::role::Role;
use mognad_domain::text::{Email, Name, optional_email, optional_name};
use mognad_store::{groups, relationships};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// Guesses the format from a file name, falling back to the content's magic bytes.
    pub fn detect(file_name: &str, bytes: &[u8]) -> Format {
        let lower = file_name.to_lowercase();
        if lower.ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// One rejected row: the file line (1 = header), the column, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RowError {
    pub line: usize,
    pub column: Option<String>,
    /// A stable code when the reason is a validation rule (the same codes as form errors), so a
    /// page can say it in the reader's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub message: String,
    /// Values for the translated reason (`invalid-<code>`); the API carries `message`.
    #[serde(skip)]
    pub args: Vec<(String, String)>,
}

/// The first problem of a refused value as (code, English message), for a row's reason.
fn first_problem(e: AppError) -> (Option<String>, String) {
    match e {
        AppError::Invalid(list) if !list.is_empty() => (Some(list[0].code.clone()), list[0].message.clone()),
        other => (None, other.to_string()),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub dry_run: bool,
    /// True when the changes were committed.
    pub applied: bool,
    pub rows: usize,
    pub people_created: usize,
    pub people_updated: usize,
    pub units_created: usize,
    pub groups_created: usize,
    pub group_memberships: usize,
    pub supervisions_created: usize,
    pub ignored_columns: Vec<String>,
    pub errors: Vec<RowError>,
}

impl super::Org<'_> {
    /// Imports a file of people. See the module documentation for the columns and guarantees.
    #[tracing::instrument(skip_all)]
    pub async fn import_people(
        &self,
        actor: &Actor,
        file_name: &str,
        bytes: &[u8],
        dry_run: bool,
    ) -> Result<ImportReport> {
        actor.require(Role::Admin)?;
        let table = match Format::detect(file_name, bytes) {
            Format::Csv => read_csv(bytes),
            Format::Xlsx => read_xlsx(bytes),
        }
        .map_err(|m| AppError::invalid("file", "file", m))?;
        let mut report = ImportReport {
            dry_run,
            rows: table.rows.len(),
            ..Default::default()
        };
        let mut cols: HashMap<Col, usize> = HashMap::new();
        for (i, h) in table.headers.iter().enumerate() {
            match column_for(h) {
                Some(c) if !cols.contains_key(&c) => {
                    cols.insert(c, i);
                }
                _ if h.trim().is_empty() => {}
                _ => report.ignored_columns.push(h.trim().to_owned()),
            }
        }
        if !cols.contains_key(&Col::Name) {
            return Err(AppError::invalid(
                "file",
                "file",
                "the file needs a 'name' (or 'namn') column",
            ));
        }
        if table.rows.is_empty() {
            return Err(AppError::invalid(
                "file",
                "file",
                "the file has no rows below the header",
            ));
        }
        let mut tx = self.db.write().await?;
        let mut state = load_state(&mut tx, actor.org).await?;
        let cell = |row: &Vec<String>, c: Col| {
            cols.get(&c)
                .and_then(|i| row.get(*i))
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        let mut seen_emails: HashMap<String, usize> = HashMap::new();
        let mut pending_supervisors: Vec<(usize, PersonId, String)> = Vec::new();
        let mut row_errors: Vec<RowError> = Vec::new();
        for (line, row) in &table.rows {
            let mut fail_with =
                |column: Option<&str>, code: Option<&str>, message: String, args: &[(&str, String)]| {
                    row_errors.push(RowError {
                        line: *line,
                        column: column.map(str::to_owned),
                        code: code.map(str::to_owned),
                        message,
                        args: args.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
                    });
                };
            let mut fail = |column: Option<&str>, code: Option<&str>, message: String| {
                fail_with(column, code, message, &[])
            };
            let name = match Name::parse("name", cell(row, Col::Name).as_deref().unwrap_or("")) {
                Ok(n) => n,
                Err(e) => {
                    fail(Some("name"), Some(e.code()), e.to_string());
                    continue;
                }
            };
            let email = match optional_email(cell(row, Col::Email).as_deref()) {
                Ok(e) => e,
                Err(e) => {
                    fail(Some("email"), Some(e.code()), e.to_string());
                    continue;
                }
            };
            let title = match optional_name("title", cell(row, Col::Title).as_deref()) {
                Ok(t) => t,
                Err(e) => {
                    fail(Some("title"), Some(e.code()), e.to_string());
                    continue;
                }
            };
            if let Some(e) = &email
                && let Some(first) = seen_emails.insert(e.to_string(), *line)
            {
                fail_with(
                    Some("email"),
                    Some("import-email-twice"),
                    format!("{e} also appears on line {first}"),
                    &[("email", e.to_string()), ("line", first.to_string())],
                );
                continue;
            }
            let unit = match cell(row, Col::Unit) {
                Some(path) => match ensure_unit_path(&mut tx, &mut state, &path, &mut report).await {
                    Ok(u) => Some(u),
                    Err(e @ AppError::Invalid(_)) => {
                        let (code, message) = first_problem(e);
                        fail(Some("unit"), code.as_deref(), message);
                        continue;
                    }
                    Err(other) => return Err(other),
                },
                None => None,
            };
            let person = upsert_person(&mut tx, &mut state, name, email, title, unit, &mut report).await?;
            if let Some(list) = cell(row, Col::Groups) {
                for g in list.split([';', '|']).map(str::trim).filter(|g| !g.is_empty()) {
                    match ensure_group(&mut tx, &mut state, g, unit, &mut report).await {
                        Ok(gid) => {
                            groups::add_member(&mut tx, gid, person).await?;
                            report.group_memberships += 1;
                        }
                        Err(e) => {
                            let (code, message) = first_problem(e);
                            fail(Some("groups"), code.as_deref(), message);
                        }
                    }
                }
            }
            if let Some(sup) = cell(row, Col::Supervisor) {
                pending_supervisors.push((*line, person, sup));
            }
        }
        report.errors.extend(row_errors);
        // Supervisors may appear further down the file, so they are linked after every row.
        let today = Utc::now().date_naive();
        for (line, subordinate, raw) in pending_supervisors {
            let fail = |code: &str, m: String, args: &[(&str, &str)]| RowError {
                line,
                column: Some("supervisor_email".into()),
                code: Some(code.to_owned()),
                message: m,
                args: args
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
            };
            let Ok(email) = Email::parse(&raw) else {
                report.errors.push(fail(
                    "email",
                    format!("'{raw}' is not a valid e-mail address"),
                    &[],
                ));
                continue;
            };
            let Some(boss) = state.people_by_email.get(email.as_str()).map(|p| p.id) else {
                report.errors.push(fail(
                    "import-supervisor-unknown",
                    format!("no person with e-mail {email} in the file or the organisation"),
                    &[("email", email.as_str())],
                ));
                continue;
            };
            if state.supervisions.iter().any(|s| {
                s.supervisor_id == boss && s.subordinate_id == subordinate && s.period.contains(today)
            }) {
                continue;
            }
            let s = Supervision {
                id: SupervisionId::new(),
                org_id: state.org,
                supervisor_id: boss,
                subordinate_id: subordinate,
                primary: true,
                period: Period::new(today, None)?,
            };
            match check_supervision(&s, &state.supervisions) {
                Ok(()) => {
                    relationships::save_supervision(&mut tx, &s).await?;
                    state.supervisions.push(s);
                    report.supervisions_created += 1;
                }
                Err(e) => report.errors.push(fail(e.code(), e.to_string(), &[])),
            }
        }
        report.errors.sort_by_key(|e| e.line);
        if dry_run || !report.errors.is_empty() {
            tx.rollback().await?;
        } else {
            crate::platform::audit::record(
                &mut tx,
                actor,
                "import",
                &format!("{file_name} ({} rows)", report.rows),
            )
            .await?;
            tx.commit().await?;
            report.applied = true;
        }
        Ok(report)
    }
}
