//! The tables and their columns with the kind of value each holds, read from the PostgreSQL
//! migrations (the SQLite ones have the same tables and columns: `tests/migrations.rs` holds
//! them together). SQLite declares a timestamp, a date and a text all as `TEXT`; PostgreSQL's
//! declarations say which is which, and that is what moving rows between the two needs.
//!
//! The migrations declare one column per line (`name TYPE …`), and `ALTER TABLE t ADD COLUMN`;
//! a test on PostgreSQL compares this reading with the server's own catalogue.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What a column holds, as far as moving it between backends is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Uuid,
    Text,
    Int,
    Float,
    Bool,
    Date,
    Timestamp,
    Bytes,
}

impl Kind {
    fn from_sql(word: &str, next: Option<&str>) -> Option<Kind> {
        Some(match word.to_ascii_uppercase().as_str() {
            "UUID" => Kind::Uuid,
            "TEXT" => Kind::Text,
            "BIGINT" | "INTEGER" | "INT" | "SMALLINT" => Kind::Int,
            "BOOLEAN" => Kind::Bool,
            "DATE" => Kind::Date,
            "TIMESTAMPTZ" => Kind::Timestamp,
            "BYTEA" => Kind::Bytes,
            "REAL" => Kind::Float,
            "DOUBLE"
                if next.is_some_and(|n| n.trim_end_matches([',', ';']).eq_ignore_ascii_case("PRECISION")) =>
            {
                Kind::Float
            }
            _ => return None,
        })
    }
}

/// Table name → its columns in declaration order.
pub type Catalogue = BTreeMap<String, Vec<(String, Kind)>>;

/// Reads `CREATE TABLE` and `ALTER TABLE … ADD COLUMN` statements from migration text.
pub fn read(sql: &str, into: &mut Catalogue) {
    let mut table: Option<String> = None;
    for line in sql.lines() {
        let line = line.split("--").next().unwrap_or("").trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["CREATE", "TABLE", name, ..] => {
                let name = name.trim_end_matches('(').to_owned();
                into.entry(name.clone()).or_default();
                table = Some(name);
            }
            ["ALTER", "TABLE", t, "ADD", "COLUMN", col, ty, rest @ ..] => {
                if let Some(kind) = Kind::from_sql(ty.trim_end_matches([',', ';']), rest.first().copied()) {
                    into.entry((*t).to_owned())
                        .or_default()
                        .push(((*col).to_owned(), kind));
                }
            }
            [first, ..] if first.starts_with(')') => table = None,
            [col, ty, rest @ ..] if table.is_some() => {
                let ty = ty.trim_end_matches(',');
                if let Some(kind) = Kind::from_sql(ty, rest.first().copied()) {
                    let t = table.as_ref().expect("inside a table");
                    into.get_mut(t)
                        .expect("table entered")
                        .push(((*col).to_owned(), kind));
                }
            }
            _ => {}
        }
    }
}

/// Every table of the schema as the migrations leave it.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut c = Catalogue::new();
        for m in crate::db::postgres_migrations() {
            read(m.sql.as_str(), &mut c);
        }
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_with_their_kinds_and_later_additions() {
        let mut c = Catalogue::new();
        read(
            "CREATE TABLE t (\n    id UUID PRIMARY KEY NOT NULL,\n    -- a note\n    n BIGINT CHECK (n > 0),\n    \
             at TIMESTAMPTZ NOT NULL,\n    on_day DATE,\n    x DOUBLE PRECISION,\n    UNIQUE (id, n)\n);\n\
             ALTER TABLE t ADD COLUMN done BOOLEAN NOT NULL DEFAULT FALSE;\n",
            &mut c,
        );
        let kinds: Vec<(&str, Kind)> = c["t"].iter().map(|(n, k)| (n.as_str(), *k)).collect();
        assert_eq!(
            kinds,
            vec![
                ("id", Kind::Uuid),
                ("n", Kind::Int),
                ("at", Kind::Timestamp),
                ("on_day", Kind::Date),
                ("x", Kind::Float),
                ("done", Kind::Bool),
            ]
        );
    }

    #[test]
    fn the_schema_is_read_whole() {
        let c = catalogue();
        let tasks: Vec<&str> = c["tasks"].iter().map(|(n, _)| n.as_str()).collect();
        assert!(tasks.contains(&"rank") && tasks.contains(&"done_at"), "{tasks:?}");
        assert!(
            c["rounds"]
                .iter()
                .any(|(n, k)| n == "released" && *k == Kind::Bool)
        );
        assert!(c.values().all(|cols| !cols.is_empty()));
    }
}
