//! What the CSV importers share: reading a file into rows with their line numbers, finding
//! columns by header whatever their order, and turning outside identifiers into framework ids.
//!
//! Every problem is collected with its line and column so a file is reported in full and
//! imported whole or not at all.

use crate::source::SourceError;
use std::collections::HashSet;

pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

pub struct Table {
    headers: Vec<String>,
    pub rows: Vec<Row>,
}

fn normalise(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .replace(" (optional)", "")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A problem in an imported CSV file. Its words are not in the translation files yet: the
/// reader sees the English message under a translated line and column.
pub fn error(line: usize, column: usize, message: impl Into<String>) -> SourceError {
    let message = message.into();
    SourceError {
        line,
        column,
        code: "other",
        args: vec![("message", message.clone())],
        message,
    }
}

impl Table {
    /// Reads a comma-separated file with a header row (a byte-order mark is allowed).
    pub fn read(src: &str) -> Result<Table, Vec<SourceError>> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(src.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.iter().map(normalise).collect::<Vec<_>>(),
            Err(e) => return Err(vec![error(1, 1, format!("the header row cannot be read: {e}"))]),
        };
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for record in reader.records() {
            match record {
                Ok(r) => rows.push(Row {
                    line: r.position().map_or(0, |p| p.line() as usize),
                    cells: r.iter().map(|c| c.trim().to_owned()).collect(),
                }),
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    errors.push(error(line, 1, format!("the row cannot be read: {e}")));
                }
            }
        }
        if errors.is_empty() {
            Ok(Table { headers, rows })
        } else {
            Err(errors)
        }
    }

    /// The position of the first column whose header is one of `names` (compared without case,
    /// spaces or punctuation).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.headers.iter().position(|h| *h == normalise(n)))
    }

    /// Like `column`, recording an error when the file lacks it.
    pub fn required(&self, names: &[&str], errors: &mut Vec<SourceError>) -> usize {
        self.column(names).unwrap_or_else(|| {
            errors.push(error(1, 1, format!("the file has no column \"{}\"", names[0])));
            usize::MAX
        })
    }
}

impl Row {
    /// The cell in `column`, empty when the row is short or the column is missing; a formula
    /// defused by an export (a leading `'`) reads as it was.
    pub fn get(&self, column: usize) -> &str {
        self.cells
            .get(column)
            .map_or("", |c| crate::text::restore_formula(c))
    }
}

/// A framework id made from an outside identifier: a–z, 0–9 and '-', at most 40 characters,
/// unique among `taken` (a number is added when two identifiers meet).
pub fn slug(raw: &str, fallback: &str, taken: &mut HashSet<String>) -> String {
    let mut s = String::new();
    for c in raw.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if !(c == '-' && (s.is_empty() || s.ends_with('-'))) {
            s.push(c);
        }
    }
    let mut base: String = s.trim_end_matches('-').chars().take(34).collect();
    base = base.trim_end_matches('-').to_owned();
    if base.is_empty() {
        base = fallback.to_owned();
    }
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Text without HTML tags, whitespace collapsed.
pub fn plain(raw: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_ids_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(slug("IT-Strategi 1.2", "x", &mut taken), "it-strategi-1-2");
        assert_eq!(slug("it strategi 1 2", "x", &mut taken), "it-strategi-1-2-2");
        assert_eq!(slug("Ändå övrigt", "x", &mut taken), "anda-ovrigt");
        assert_eq!(slug("!!!", "rad-4", &mut taken), "rad-4");
        let long = slug(&"a".repeat(100), "x", &mut taken);
        assert!(long.len() <= 40);
        assert_eq!(plain("<p>Hej&nbsp;<b>du</b></p>"), "Hej du");
    }
}
