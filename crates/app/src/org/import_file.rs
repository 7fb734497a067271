//! Reading an HR export: a CSV (any common delimiter, with or without BOM) or XLSX file, into a table of the columns the import knows.

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Col {
    Name,
    Email,
    Title,
    Unit,
    Groups,
    Supervisor,
}

pub(crate) fn column_for(header: &str) -> Option<Col> {
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
pub(crate) struct Table {
    pub(crate) headers: Vec<String>,
    pub(crate) rows: Vec<(usize, Vec<String>)>,
}

pub(crate) fn read_csv(bytes: &[u8]) -> std::result::Result<Table, String> {
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

pub(crate) fn read_xlsx(bytes: &[u8]) -> std::result::Result<Table, String> {
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
