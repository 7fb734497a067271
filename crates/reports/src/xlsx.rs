//! Tables as Excel workbooks: one sheet, a bold header row, numbers stored as numbers.

use mognad_app::measurement::export::{Table, Value, rounded};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Writes `table` into a workbook with one sheet named `sheet` (at most 31 characters are kept).
pub fn write(table: &Table, sheet: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(if name.is_empty() { "Mognad" } else { &name })?;
    let bold = Format::new().set_bold();
    for (c, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            match v {
                Value::Text(t) => {
                    ws.write_string(r, c as u16, t)?;
                }
                Value::Number(n) => {
                    ws.write_number(r, c as u16, rounded(*n))?;
                }
                Value::Count(n) => {
                    ws.write_number(r, c as u16, *n as f64)?;
                }
                Value::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_becomes_a_zip_workbook() {
        let t = Table {
            headers: vec!["name".into(), "score".into()],
            rows: vec![vec![Value::Text("G1".into()), Value::Number(41.25)]],
        };
        let bytes = write(&t, "Resultat: T0/2026").unwrap();
        assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip archive");
        assert!(bytes.len() > 1000);
    }
}
