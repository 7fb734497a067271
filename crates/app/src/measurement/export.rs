//! Exports of a round: the results table (for CSV and XLSX) and every anonymous answer as CSV.
//!
//! The answer export streams: rows go from the database cursor through a bounded channel in
//! chunks, so memory stays flat however many answers there are. Rows of groups whose results
//! are withheld are left out, and rows carry no key, time or order of arrival.

use crate::measurement::results::{AreaKind, RoundResults};
use crate::{Actor, AppError, Result};
use futures_util::StreamExt;
use mognad_domain::answer::Answers;
use mognad_domain::ids::RoundId;
use mognad_domain::role::Role;
use mognad_store::responses;
use std::collections::HashMap;
use tokio::sync::mpsc;
use uuid::Uuid;

/// Answers per chunk sent to the client.
const CHUNK_ROWS: usize = 2000;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Count(i64),
    Empty,
}

/// A score as both exports write it: one decimal, halves away from zero (so CSV and XLSX agree).
pub fn rounded(n: f64) -> f64 {
    (n * 10.0).round() / 10.0
}

/// The words of the results export in the reader's language: the four leading column headings,
/// the area kinds (organisation, unit, group) and shown/withheld.
pub struct ExportWords {
    pub headers: [String; 4],
    pub kinds: [String; 3],
    pub shown: [String; 2],
    pub lang: mognad_domain::org::Language,
}

/// A table ready to be written as CSV or XLSX.
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Quotes a CSV field when needed, and defuses a leading formula character so a spreadsheet
/// opening the file does not run it.
pub fn csv_field(raw: &str) -> String {
    let text = mognad_domain::text::defuse_formula(raw);
    if text.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

impl Table {
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let line = |cells: Vec<String>| cells.join(",") + "\r\n";
        out.push_str(&line(self.headers.iter().map(|h| csv_field(h)).collect()));
        for r in &self.rows {
            out.push_str(&line(
                r.iter()
                    .map(|v| match v {
                        Value::Text(t) => csv_field(t),
                        Value::Number(n) => format!("{:.1}", rounded(*n)),
                        Value::Count(n) => n.to_string(),
                        Value::Empty => String::new(),
                    })
                    .collect(),
            ));
        }
        out
    }
}

/// The results of every area, one row each, engines as columns headed by their names.
pub fn results_table(res: &RoundResults, words: &ExportWords) -> Table {
    let mut headers: Vec<String> = words.headers.to_vec();
    headers.extend(
        res.model
            .engines
            .iter()
            .map(|e| e.name.get(words.lang).to_owned()),
    );
    let kind = |k: AreaKind| match k {
        AreaKind::Organisation => &words.kinds[0],
        AreaKind::Unit => &words.kinds[1],
        AreaKind::Group => &words.kinds[2],
    };
    let rows = std::iter::once(&res.organisation)
        .chain(&res.units)
        .chain(&res.groups)
        .map(|a| {
            let mut row = vec![
                Value::Text(kind(a.kind).clone()),
                Value::Text(a.name.clone()),
                Value::Count(a.n),
                Value::Text(words.shown[usize::from(!a.visible)].clone()),
            ];
            if a.visible {
                row.extend(
                    a.scores
                        .iter()
                        .map(|s| s.map(Value::Number).unwrap_or(Value::Empty)),
                );
            } else {
                row.extend(res.engines.iter().map(|_| Value::Empty));
            }
            row
        })
        .collect();
    Table { headers, rows }
}

/// Exports exist only for closed rounds: before, answers still come in, and two exports a
/// reminder apart would tell what the answers in between were.
fn closed(res: RoundResults) -> Result<RoundResults> {
    if res.state != "closed" {
        return Err(AppError::Refused {
            code: "not-closed",
            message: "results and answers can be exported once the round has closed".into(),
        });
    }
    Ok(res)
}

impl super::Measurement<'_> {
    /// A closed round's results for the results export; refused before the round closes.
    #[tracing::instrument(skip_all)]
    pub async fn results_for_export(&self, actor: &Actor, round: RoundId) -> Result<RoundResults> {
        let res = closed(self.results(actor, round).await?)?;
        crate::platform::audit::note(&self.db, actor, "export", &format!("results {}", res.round_name))
            .await?;
        Ok(res)
    }

    /// Every answer of the round's shown groups as CSV, in chunks: a header line first.
    /// Refused before the round closes.
    #[tracing::instrument(skip_all)]
    pub async fn stream_answers(
        &self,
        actor: &Actor,
        round: RoundId,
    ) -> Result<mpsc::Receiver<Result<String>>> {
        actor.require(Role::Analyst)?;
        let res = closed(self.results(actor, round).await?)?;
        crate::platform::audit::note(&self.db, actor, "export", &format!("answers {}", res.round_name))
            .await?;
        let shown: HashMap<Uuid, String> = res
            .groups
            .iter()
            .filter(|g| g.visible)
            .map(|g| (g.id, csv_field(&g.name)))
            .collect();
        let model = res.model.clone();
        let mut header = vec!["group".to_string()];
        for e in &model.engines {
            header.extend(e.items.iter().map(|i| csv_field(&format!("{}.{}", e.id, i.id))));
        }
        header.extend(
            model
                .engines
                .iter()
                .map(|e| csv_field(&format!("{}.importance", e.id))),
        );
        let columns = header.len() - 1;
        // Fails loudly in tests if the stored code and the header ever disagree.
        debug_assert_eq!(Answers::empty(&model).code().len(), columns);
        let (tx, rx) = mpsc::channel(4);
        let db = self.db.clone();
        tokio::spawn(async move {
            let mut chunk = header.join(",") + "\r\n";
            let mut rows = 0;
            let mut stream = responses::stream(&db, round);
            while let Some(row) = stream.next().await {
                let (group, code) = match row {
                    Ok(r) => r,
                    Err(e) => {
                        let _ = tx.send(Err(AppError::Internal(e.to_string()))).await;
                        return;
                    }
                };
                let Some(label) = shown.get(&group) else { continue };
                // The stored code is already one digit per column, in the header's order.
                if code.len() != columns || !code.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                chunk.push_str(label);
                for b in code.bytes() {
                    chunk.push(',');
                    if b != b'0' {
                        chunk.push(char::from(b));
                    }
                }
                chunk.push_str("\r\n");
                rows += 1;
                if rows % CHUNK_ROWS == 0 && tx.send(Ok(std::mem::take(&mut chunk))).await.is_err() {
                    return;
                }
            }
            let _ = tx.send(Ok(chunk)).await;
        });
        Ok(rx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("Ledning"), "Ledning");
        assert_eq!(csv_field("A, B"), "\"A, B\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        let t = Table {
            headers: vec!["name".into(), "score".into()],
            rows: vec![
                vec![Value::Text("G1".into()), Value::Number(41.25)],
                vec![Value::Text("G2".into()), Value::Empty],
            ],
        };
        // Halves away from zero, as the XLSX export writes them.
        assert_eq!(t.to_csv(), "name,score\r\nG1,41.3\r\nG2,\r\n");
    }
}
