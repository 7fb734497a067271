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

use crate::{Actor, AppError, Result};
use chrono::Utc;
use mognad_domain::DomainError;
use mognad_domain::ids::*;
use mognad_domain::people::{LeadershipGroup, Person, Unit};
use mognad_domain::relationship::{Period, Supervision, check_supervision};
use mognad_domain::role::Role;
use mognad_domain::text::{Email, Name, optional_email, optional_name};
use mognad_store::{Tx, groups, people, relationships, units};
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

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Name,
    Email,
    Title,
    Unit,
    Groups,
    Supervisor,
}

fn column_for(header: &str) -> Option<Col> {
    let h: String = header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.'))
        .collect();
    Some(match h.as_str() {
        "name" | "namn" | "fullname" | "fullständigtnamn" => Col::Name,
        "email" | "epost" | "mail" | "epostadress" => Col::Email,
        "title" | "titel" | "befattning" | "roll" => Col::Title,
        "unit" | "enhet" | "organisation" | "orgenhet" | "avdelning" => Col::Unit,
        "groups" | "group" | "ledningsgrupper" | "ledningsgrupp" => Col::Groups,
        "supervisoremail" | "chefepost" | "chef" | "manageremail" => Col::Supervisor,
        _ => return None,
    })
}

/// A file read into lines of cells; `line` numbers count the header as line 1.
struct Table {
    headers: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

fn read_csv(bytes: &[u8]) -> std::result::Result<Table, String> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| "the file is not UTF-8 text; save it as CSV UTF-8".to_owned())?;
    let first = text.lines().next().unwrap_or("");
    // Swedish spreadsheet programs write ';' because ',' is the decimal separator.
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("the header row cannot be read: {e}"))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("line {}: {e}", i + 2))?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(i + 2);
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(Table { headers, rows })
}

fn read_xlsx(bytes: &[u8]) -> std::result::Result<Table, String> {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("the file is not a readable XLSX workbook: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| "the workbook has no sheets".to_owned())?
        .map_err(|e| format!("the first sheet cannot be read: {e}"))?;
    let mut lines = range
        .rows()
        .enumerate()
        .map(|(i, r)| (i + 1, r.iter().map(|c| c.to_string()).collect::<Vec<_>>()));
    let (_, headers) = lines
        .next()
        .ok_or_else(|| "the first sheet is empty".to_owned())?;
    let rows = lines
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Table { headers, rows })
}

/// What the import knows while it runs: existing records by their natural keys.
struct State {
    org: OrgId,
    units_by_path: HashMap<String, UnitId>,
    groups_by_name: HashMap<String, GroupId>,
    people_by_email: HashMap<String, Person>,
    people_by_name: HashMap<String, Vec<Person>>,
    supervisions: Vec<Supervision>,
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
            let mut fail = |column: Option<&str>, code: Option<&str>, message: String| {
                row_errors.push(RowError {
                    line: *line,
                    column: column.map(str::to_owned),
                    code: code.map(str::to_owned),
                    message,
                });
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
                fail(Some("email"), None, format!("{e} also appears on line {first}"));
                continue;
            }
            let unit = match cell(row, Col::Unit) {
                Some(path) => match ensure_unit_path(&mut tx, &mut state, &path, &mut report).await {
                    Ok(u) => Some(u),
                    Err(AppError::Invalid(list)) => {
                        fail(
                            Some("unit"),
                            None,
                            list.into_iter().map(|i| i.message).collect::<Vec<_>>().join("; "),
                        );
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
                        Err(e) => fail(Some("groups"), None, e.to_string()),
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
            let fail = |m: String| RowError {
                line,
                column: Some("supervisor_email".into()),
                code: None,
                message: m,
            };
            let Ok(email) = Email::parse(&raw) else {
                report
                    .errors
                    .push(fail(format!("'{raw}' is not a valid e-mail address")));
                continue;
            };
            let Some(boss) = state.people_by_email.get(email.as_str()).map(|p| p.id) else {
                report.errors.push(fail(format!(
                    "no person with e-mail {email} in the file or the organisation"
                )));
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
                Err(e) => report.errors.push(fail(e.to_string())),
            }
        }
        report.errors.sort_by_key(|e| e.line);
        if dry_run || !report.errors.is_empty() {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
            report.applied = true;
        }
        Ok(report)
    }
}

async fn load_state(tx: &mut Tx, org: OrgId) -> Result<State> {
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

fn path_key(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// Finds the unit at `path` (`A / B / C` or `A > B > C`), creating the missing tail.
async fn ensure_unit_path(
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

async fn ensure_group(
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
async fn upsert_person(
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
