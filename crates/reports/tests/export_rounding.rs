//! The results export rounds the same way in CSV and XLSX: every number reads back equal.

use calamine::{Data, Reader, Xlsx};
use mognad_app::measurement::export::{Table, Value};
use std::io::Cursor;

#[test]
fn csv_and_xlsx_agree_on_every_score() {
    // Halves, near-halves and values whose decimal halves are not exact in binary.
    let numbers: Vec<f64> = (0..=2000)
        .map(|i| f64::from(i) * 0.05)
        .chain([12.25, 12.35, 0.05, 66.65])
        .collect();
    let table = Table {
        headers: vec!["score".into()],
        rows: numbers.iter().map(|n| vec![Value::Number(*n)]).collect(),
    };
    let csv = table.to_csv();
    let from_csv: Vec<f64> = csv.lines().skip(1).map(|l| l.parse().unwrap()).collect();
    let bytes = mognad_reports::xlsx::write(&table, "t").unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("t").unwrap();
    let from_xlsx: Vec<f64> = sheet
        .rows()
        .skip(1)
        .map(|r| match &r[0] {
            Data::Float(f) => *f,
            other => panic!("not a number: {other:?}"),
        })
        .collect();
    assert_eq!(from_csv.len(), numbers.len());
    for ((n, c), x) in numbers.iter().zip(&from_csv).zip(&from_xlsx) {
        assert_eq!(c, x, "{n} is {c} in CSV but {x} in XLSX");
    }
}
