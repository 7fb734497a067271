//! Reading a reference table: a CSV file of engine means per organisation for one model (a
//! national benchmark). The first column names the organisation and is not kept; every other
//! column is headed by an engine id of the model and holds scores 0–100. Commas or semicolons
//! separate cells (a semicolon file may write decimals with a comma); an empty cell is a score
//! the organisation lacks.

use super::MIN_ORGS;
use crate::model::Model;
use crate::source::SourceError;

fn error(
    line: usize,
    column: usize,
    code: &'static str,
    args: &[(&'static str, String)],
    message: String,
) -> SourceError {
    SourceError {
        line,
        column,
        message,
        code,
        args: args.to_vec(),
    }
}

/// The rows of a reference table for `model`, each as (engine id, score); every problem with
/// its line and column, so a file is loaded whole or not at all.
pub fn parse(src: &str, model: &Model) -> Result<Vec<Vec<(String, f64)>>, Vec<SourceError>> {
    let src = src.trim_start_matches('\u{feff}');
    let first = src.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(src.as_bytes());
    let mut errors = Vec::new();
    let mut records = Vec::new();
    for r in reader.records() {
        match r {
            Ok(r) => records.push(r),
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                errors.push(error(
                    line,
                    1,
                    "other",
                    &[("message", e.to_string())],
                    e.to_string(),
                ));
            }
        }
    }
    let Some((header, body)) = records.split_first() else {
        return Err(vec![error(
            1,
            1,
            "reference-no-engine",
            &[],
            "the file has no header row".into(),
        )]);
    };
    let mut engines: Vec<Option<String>> = vec![None];
    for (i, h) in header.iter().enumerate().skip(1) {
        let id = h.trim().to_lowercase();
        if model.engine(&id).is_some() {
            engines.push(Some(id));
        } else {
            engines.push(None);
            errors.push(error(
                1,
                i + 1,
                "reference-engine",
                &[("id", h.trim().to_owned())],
                format!("'{}' is no engine of the model", h.trim()),
            ));
        }
    }
    if engines.iter().all(Option::is_none) {
        errors.push(error(
            1,
            1,
            "reference-no-engine",
            &[],
            "the header names no engine".into(),
        ));
    }
    let mut rows = Vec::new();
    for r in body {
        let line = r.position().map_or(0, |p| p.line() as usize);
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut row = Vec::new();
        for (i, cell) in r.iter().enumerate().skip(1) {
            let cell = cell.trim();
            let Some(Some(engine)) = engines.get(i) else {
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            match cell.replace(',', ".").parse::<f64>() {
                Ok(v) if (0.0..=100.0).contains(&v) => row.push((engine.clone(), v)),
                _ => errors.push(error(
                    line,
                    i + 1,
                    "reference-score",
                    &[("value", cell.to_owned())],
                    format!("'{cell}' is not a score from 0 to 100"),
                )),
            }
        }
        rows.push(row);
    }
    if errors.is_empty() && rows.len() < MIN_ORGS {
        errors.push(error(
            1,
            1,
            "reference-rows",
            &[("count", rows.len().to_string()), ("min", MIN_ORGS.to_string())],
            format!("{} rows; a reference table needs at least {MIN_ORGS}", rows.len()),
        ));
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> &'static Model {
        &crate::model::builtin()[0]
    }

    #[test]
    fn reads_either_separator_decimal_commas_and_empty_cells() {
        let ids: Vec<&str> = model().engines.iter().take(2).map(|e| e.id.as_str()).collect();
        let semi = format!(
            "Kommun;{};{}\nA;50,5;60\nB;40;\nC;30;20\nD;10;90\nE;70;75,25\n",
            ids[0], ids[1]
        );
        let rows = parse(&semi, model()).unwrap();
        assert_eq!(rows.len(), 5);
        assert_eq!(
            rows[0],
            vec![(ids[0].to_owned(), 50.5), (ids[1].to_owned(), 60.0)]
        );
        assert_eq!(
            rows[1],
            vec![(ids[0].to_owned(), 40.0)],
            "an empty cell is no score"
        );
        let comma = format!("org,{}\nA,1\nB,2\nC,3\nD,4\nE,5\n", ids[0].to_uppercase());
        assert_eq!(parse(&comma, model()).unwrap()[4], vec![(ids[0].to_owned(), 5.0)]);
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let id = &model().engines[0].id;
        let src = format!("org,{id},nope\nA,50,1\nB,101,2\nC,x,3\n");
        let errors = parse(&src, model()).unwrap_err();
        let found: Vec<(usize, usize, &str)> = errors.iter().map(|e| (e.line, e.column, e.code)).collect();
        assert_eq!(
            found,
            vec![
                (1, 3, "reference-engine"),
                (3, 2, "reference-score"),
                (4, 2, "reference-score")
            ]
        );
        let few = format!("org,{id}\nA,1\nB,2\n");
        assert_eq!(parse(&few, model()).unwrap_err()[0].code, "reference-rows");
        assert_eq!(parse("", model()).unwrap_err()[0].code, "reference-no-engine");
    }
}
