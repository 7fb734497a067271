//! Rows of any table as portable JSON, for moving an organisation between instances and
//! backends: what one backend writes, the other reads back to the same row.
//!
//! Each column is read and written by its kind from the [`catalogue`](crate::catalogue): ids as
//! UUID text, timestamps as RFC 3339 in UTC to the microsecond (PostgreSQL keeps no more),
//! dates as `YYYY-MM-DD`, booleans and numbers as JSON's own, bytes as hex. A value of the wrong
//! kind is refused with the row and column it stands in; the schema's own constraints (checks,
//! foreign keys, uniqueness) judge the rest.

use crate::catalogue::{Kind, catalogue};
use crate::{Result, StoreError, Tx, on_tx};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{Map, Value};
use sqlx::Row as _;
use uuid::Uuid;

/// One row: column name → value.
pub type Row = Map<String, Value>;

fn columns(table: &str) -> Result<&'static [(String, Kind)]> {
    catalogue()
        .get(table)
        .map(Vec::as_slice)
        .ok_or_else(|| StoreError::Config(format!("no table {table}")))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    s.len()
        .is_multiple_of(2)
        .then(|| {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
                .collect()
        })
        .flatten()
}

/// Reads column `i` of `$row` as `$kind` into a JSON value (on either backend's row type).
macro_rules! read_value {
    ($row:expr, $i:expr, $kind:expr) => {
        match $kind {
            Kind::Uuid => $row
                .try_get::<Option<Uuid>, _>($i)?
                .map(|v| Value::from(v.to_string())),
            Kind::Text => $row.try_get::<Option<String>, _>($i)?.map(Value::from),
            Kind::Int => $row.try_get::<Option<i64>, _>($i)?.map(Value::from),
            Kind::Float => $row.try_get::<Option<f64>, _>($i)?.map(Value::from),
            Kind::Bool => $row.try_get::<Option<bool>, _>($i)?.map(Value::from),
            Kind::Date => $row
                .try_get::<Option<NaiveDate>, _>($i)?
                .map(|d| Value::from(d.format("%F").to_string())),
            Kind::Timestamp => $row
                .try_get::<Option<DateTime<Utc>>, _>($i)?
                .map(|t| Value::from(t.to_rfc3339_opts(SecondsFormat::Micros, true))),
            Kind::Bytes => $row
                .try_get::<Option<Vec<u8>>, _>($i)?
                .map(|b| Value::from(hex(&b))),
        }
        .unwrap_or(Value::Null)
    };
}

/// The rows of `table` that `scope` (an SQL condition on `$1`, the organisation) selects, in a
/// stable order.
pub async fn dump(tx: &mut Tx, table: &str, scope: &str, org: Uuid) -> Result<Vec<Row>> {
    let cols = columns(table)?;
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    let sql = format!("SELECT {} FROM {table} WHERE {scope}", names.join(", "));
    let mut rows: Vec<Row> = on_tx!(tx, |c| {
        let fetched = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(org)
            .fetch_all(c)
            .await?;
        let mut out = Vec::with_capacity(fetched.len());
        for r in &fetched {
            let mut row = Row::new();
            for (i, (name, kind)) in cols.iter().enumerate() {
                row.insert(name.clone(), read_value!(r, i, *kind));
            }
            out.push(row);
        }
        Ok::<_, sqlx::Error>(out)
    })?;
    // Sorted by content: the file is the same whatever order the backend returned.
    rows.sort_by_cached_key(|r| serde_json::to_string(r).unwrap_or_default());
    Ok(rows)
}

/// A value that did not fit its column.
fn misfit(table: &str, i: usize, col: &str, why: &str) -> StoreError {
    StoreError::Corrupt(format!("{table}[{i}].{col}: {why}"))
}

/// One value, parsed for its column; `None` is SQL NULL.
enum Bound {
    Uuid(Option<Uuid>),
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
    Timestamp(Option<DateTime<Utc>>),
    Bytes(Option<Vec<u8>>),
}

fn parse(v: &Value, kind: Kind) -> std::result::Result<Bound, &'static str> {
    let null = v.is_null();
    let text = v.as_str();
    Ok(match kind {
        Kind::Uuid if null => Bound::Uuid(None),
        Kind::Uuid => Bound::Uuid(Some(
            text.and_then(|s| Uuid::parse_str(s).ok()).ok_or("not an id")?,
        )),
        Kind::Text if null => Bound::Text(None),
        Kind::Text => Bound::Text(Some(text.ok_or("not text")?.to_owned())),
        Kind::Int if null => Bound::Int(None),
        Kind::Int => Bound::Int(Some(v.as_i64().ok_or("not a whole number")?)),
        Kind::Float if null => Bound::Float(None),
        Kind::Float => Bound::Float(Some(v.as_f64().ok_or("not a number")?)),
        Kind::Bool if null => Bound::Bool(None),
        Kind::Bool => Bound::Bool(Some(v.as_bool().ok_or("not true or false")?)),
        Kind::Date if null => Bound::Date(None),
        Kind::Date => Bound::Date(Some(
            text.and_then(|s| NaiveDate::parse_from_str(s, "%F").ok())
                .ok_or("not a date (YYYY-MM-DD)")?,
        )),
        Kind::Timestamp if null => Bound::Timestamp(None),
        Kind::Timestamp => Bound::Timestamp(Some(
            text.and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .ok_or("not a time (RFC 3339)")?
                .with_timezone(&Utc),
        )),
        Kind::Bytes if null => Bound::Bytes(None),
        Kind::Bytes => Bound::Bytes(Some(text.and_then(unhex).ok_or("not hex")?)),
    })
}

/// Writes `rows` into `table`, every column the catalogue knows taken from the row (a missing
/// one is NULL). Rows are checked before the first is written.
pub async fn load(tx: &mut Tx, table: &str, rows: &[Row]) -> Result<()> {
    let cols = columns(table)?;
    let mut parsed: Vec<Vec<Bound>> = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if let Some(extra) = row.keys().find(|k| !cols.iter().any(|(n, _)| n == *k)) {
            return Err(misfit(table, i, extra, "no such column"));
        }
        let mut values = Vec::with_capacity(cols.len());
        for (name, kind) in cols {
            let v = row.get(name).unwrap_or(&Value::Null);
            values.push(parse(v, *kind).map_err(|why| misfit(table, i, name, why))?);
        }
        parsed.push(values);
    }
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    for values in parsed {
        on_tx!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for v in values {
                q = match v {
                    Bound::Uuid(x) => q.bind(x),
                    Bound::Text(x) => q.bind(x),
                    Bound::Int(x) => q.bind(x),
                    Bound::Float(x) => q.bind(x),
                    Bound::Bool(x) => q.bind(x),
                    Bound::Date(x) => q.bind(x),
                    Bound::Timestamp(x) => q.bind(x),
                    Bound::Bytes(x) => q.bind(x),
                };
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_parse_by_kind_and_misfits_say_why() {
        assert!(matches!(
            parse(&Value::from("2026-12-05T09:00:00.123456Z"), Kind::Timestamp),
            Ok(Bound::Timestamp(Some(_)))
        ));
        assert!(matches!(parse(&Value::Null, Kind::Date), Ok(Bound::Date(None))));
        assert_eq!(
            parse(&Value::from("5"), Kind::Int).err(),
            Some("not a whole number")
        );
        assert_eq!(parse(&Value::from("x"), Kind::Uuid).err(), Some("not an id"));
        assert_eq!(
            parse(&Value::from("2026-13-01"), Kind::Date).err(),
            Some("not a date (YYYY-MM-DD)")
        );
        assert_eq!(unhex(&hex(&[0, 15, 255])), Some(vec![0, 15, 255]));
        assert_eq!(unhex("0g"), None);
    }
}
