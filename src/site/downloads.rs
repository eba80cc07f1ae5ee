//! Machine-readable downloads: each table as CSV, the disclosure as JSON, and per year one
//! long-format CSV holding every department's tables.

use crate::derive::DisclosureView;
use crate::model::Disclosure;
use crate::table::TableView;
use serde::Serialize;

/// Excel opens UTF-8 CSV with Chinese text correctly only when it starts with a BOM.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A spreadsheet would run a cell starting with `=`, `+`, `-` or `@` as a formula; a leading
/// apostrophe keeps such text as text. Plain numbers are left alone.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn csv_bytes(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(BOM.to_vec());
    for r in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(r.iter().map(|c| neutralise(c).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// One table as CSV: the page's leaf columns as header, the body grid below.
pub fn table_csv(t: &TableView) -> Vec<u8> {
    csv_bytes(std::iter::once(t.column_names.clone()).chain(t.grid()))
}

/// File name of a table's CSV within the disclosure folder.
pub fn table_csv_name(t: &TableView) -> String {
    format!("{}.csv", t.id)
}

#[derive(Serialize)]
struct JsonTable<'a> {
    id: &'a str,
    key: &'a str,
    title: &'a str,
    columns: &'a [String],
    rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct JsonDisclosure<'a> {
    code: &'a str,
    name: &'a str,
    year: u16,
    unit: &'a str,
    /// The facts as entered.
    facts: &'a Disclosure,
    /// The tables as derived from the facts.
    tables: Vec<JsonTable<'a>>,
}

/// The facts and the derived tables, for anyone who wants to compute with them.
pub fn disclosure_json(d: &Disclosure, v: &DisclosureView) -> Vec<u8> {
    let doc = JsonDisclosure {
        code: &d.code,
        name: &d.name,
        year: d.year,
        unit: v.unit,
        facts: d,
        tables: v
            .tables
            .iter()
            .map(|t| JsonTable {
                id: &t.id,
                key: t.key,
                title: &t.title,
                columns: &t.column_names,
                rows: t.grid(),
            })
            .collect(),
    };
    serde_json::to_vec_pretty(&doc).unwrap_or_default()
}

/// Header of the year file.
pub fn long_header() -> Vec<u8> {
    csv_bytes([vec![
        "年度".into(),
        "部门代码".into(),
        "部门名称".into(),
        "表号".into(),
        "表名".into(),
        "行".into(),
        "列".into(),
        "值".into(),
    ]])
}

/// Every non-empty cell of every table of one disclosure, one line each (no BOM: these
/// lines are appended to the year file after its header).
pub fn long_rows(v: &DisclosureView) -> Vec<u8> {
    let mut rows = Vec::new();
    for t in &v.tables {
        for (r, row) in t.grid().into_iter().enumerate() {
            for (c, cell) in row.into_iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                rows.push(vec![
                    v.year.to_string(),
                    v.code.clone(),
                    v.name.clone(),
                    t.id.clone(),
                    t.title.clone(),
                    (r + 1).to_string(),
                    t.column_names.get(c).cloned().unwrap_or_default(),
                    cell,
                ]);
            }
        }
    }
    let bytes = csv_bytes(rows);
    bytes[BOM.len()..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("+1+2"), "'+1+2");
        assert_eq!(neutralise("-3.50"), "-3.50");
        assert_eq!(neutralise("1042.10"), "1042.10");
        assert_eq!(neutralise("事业运行"), "事业运行");
    }
}
