//! Machine-readable downloads: each table as CSV, the disclosure as JSON, and per year one
//! long-format CSV holding every department's tables.

use crate::content::model::Disclosure;
use crate::derive::table_view::{Grid, TableView};
use crate::render::cells::excel_cell;
use crate::render::page::DisclosureView;
use serde::Serialize;

/// Excel opens UTF-8 CSV with Chinese text correctly only when it starts with a BOM.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// CSV with a BOM. Fields are borrowed and written one by one: a year's file holds
/// millions of cells, and copying each into a record of owned strings was most of its cost.
fn csv_bytes<'a, R>(rows: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = &'a str>,
{
    let mut w = csv::WriterBuilder::new().from_writer(BOM.to_vec());
    for r in rows {
        write_record(&mut w, r);
    }
    w.into_inner().unwrap_or_default()
}

fn write_record<'a>(w: &mut csv::Writer<Vec<u8>>, fields: impl IntoIterator<Item = &'a str>) {
    // Writing to a Vec cannot fail. An empty iterator ends the record.
    for f in fields {
        let _ = w.write_field(excel_cell(f).as_bytes());
    }
    let _ = w.write_record(None::<&[u8]>);
}

/// A table given as text cells (a 决算 table) as CSV, written as the budget tables are:
/// BOM, codes kept as text for Excel, formulas neutralised.
pub fn cells_csv<'a>(head: &[&'a str], rows: impl IntoIterator<Item = &'a [String]>) -> Vec<u8> {
    csv_bytes(
        std::iter::once(head.to_vec()).chain(
            rows.into_iter()
                .map(|r| r.iter().map(String::as_str).collect()),
        ),
    )
}

/// One table as CSV: the page's leaf columns as header, the body grid below. `grid` is
/// `t.grid()`, computed once per table for all the downloads.
pub fn table_csv(t: &TableView, grid: &Grid) -> Vec<u8> {
    csv_bytes(
        std::iter::once(
            t.column_names
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )
        .chain(grid.iter().map(|r| r.iter().map(|c| c.as_ref()).collect())),
    )
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
    /// Only for a table in another unit than the document's `unit` (普陀 table 9).
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    columns: &'a [String],
    rows: &'a Grid<'a>,
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

/// The facts and the derived tables, for anyone who wants to compute with them. `grids` are
/// the tables' grids, in the order of `v.tables`.
pub fn disclosure_json(d: &Disclosure, v: &DisclosureView, grids: &[Grid]) -> Vec<u8> {
    let doc = JsonDisclosure {
        code: &d.code,
        name: &d.name,
        year: d.year,
        unit: v.unit,
        facts: d,
        tables: v
            .tables
            .iter()
            .zip(grids)
            .map(|(t, grid)| JsonTable {
                id: &t.id,
                key: t.key,
                title: &t.title,
                unit: (t.unit != v.unit).then_some(t.unit),
                columns: &t.column_names,
                rows: grid,
            })
            .collect(),
    };
    let mut out = Vec::with_capacity(128 * 1024);
    match serde_json::to_writer(&mut out, &doc) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// The columns of a year's all-departments files (CSV and workbook): one line per non-empty
/// table cell.
pub const LONG_COLUMNS: [&str; 8] = [
    "年度",
    "部门代码",
    "部门名称",
    "表号",
    "表名",
    "行",
    "列",
    "值",
];

/// Header of the year file.
pub fn long_header() -> Vec<u8> {
    csv_bytes([LONG_COLUMNS])
}

/// What [`long_lines`] walks through.
pub(super) enum Long<'a> {
    /// A table begins: it, and the five fields every one of its lines shares (year,
    /// department code and name, table number and title).
    Table(&'a TableView, [&'a str; 5]),
    /// A line: the cell at (`row`, `col`) of the table's grid, with its line number and
    /// column name.
    Line {
        row: usize,
        col: usize,
        line: &'a str,
        column: &'a str,
        text: &'a str,
    },
}

/// Every non-empty cell of every table of one disclosure, in order, as the year's files list
/// them. The CSV and the workbook each encode them their own way.
pub(super) fn long_lines(v: &DisclosureView, grids: &[Grid], mut f: impl FnMut(Long)) {
    let year = v.year.to_string();
    for (t, grid) in v.tables.iter().zip(grids) {
        // The files have no unit column (every table of a format used to share one); a
        // table in another unit than its page says so in its name.
        let title = if t.unit == v.unit {
            std::borrow::Cow::from(t.title.as_str())
        } else {
            format!("{}（单位：{}）", t.title, t.unit).into()
        };
        f(Long::Table(t, [&year, &v.code, &v.name, &t.id, &title]));
        for (row, cells) in grid.iter().enumerate() {
            let line = (row + 1).to_string();
            for (col, text) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                let column = t.column_names.get(col).map(String::as_str).unwrap_or("");
                f(Long::Line {
                    row,
                    col,
                    line: &line,
                    column,
                    text,
                });
            }
        }
    }
}

/// Every non-empty cell of every table of one disclosure, one line each (no BOM: these
/// lines are appended to the year file after its header). `grids` as for `disclosure_json`.
/// Fields are encoded as the `csv` crate would; the five that are the same on every line of
/// a table (year, department code and name, table number and title) are encoded once per
/// table — a year's file has millions of lines.
pub fn long_rows(v: &DisclosureView, grids: &[Grid]) -> Vec<u8> {
    // About 150 bytes a line; growing from empty copied the buffer a dozen times.
    let cells: usize = grids.iter().flatten().map(|r| r.len()).sum();
    let mut out = Vec::with_capacity(cells * 150);
    let mut prefix = Vec::new();
    long_lines(v, grids, |l| match l {
        Long::Table(_, fields) => {
            prefix.clear();
            for f in fields {
                push_field(&mut prefix, f);
                prefix.push(b',');
            }
        }
        Long::Line {
            line, column, text, ..
        } => {
            out.extend_from_slice(&prefix);
            out.extend_from_slice(line.as_bytes());
            out.push(b',');
            push_field(&mut out, column);
            out.push(b',');
            push_field(&mut out, text);
            out.push(b'\n');
        }
    });
    out
}

/// One CSV field, neutralised, quoted only where needed — as `csv::Writer` writes it with
/// its defaults (a field holding `,`, `"`, CR or LF is quoted, quotes doubled).
fn push_field(out: &mut Vec<u8>, field: &str) {
    push_quoted(out, &excel_cell(field));
}

/// One CSV field as it is, quoted only where needed (see [`push_field`]).
pub(super) fn push_quoted(out: &mut Vec<u8>, field: &str) {
    let b = field.as_bytes();
    if b.iter().any(|c| matches!(c, b',' | b'"' | b'\r' | b'\n')) {
        out.push(b'"');
        for &c in b {
            if c == b'"' {
                out.push(b'"');
            }
            out.push(c);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_written_as_the_csv_crate_writes_them() {
        let pieces = [
            "a", ",", "\"", "\r", "\n", " ", "=", "-1", "事业", "'", "\t", "",
        ];
        let mut x: u32 = 12345;
        for _ in 0..3000 {
            let mut f = String::new();
            for _ in 0..(x % 6) {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                f.push_str(pieces[(x % pieces.len() as u32) as usize]);
            }
            x = x.wrapping_add(7);
            let fields = ["2024", f.as_str(), "x"];
            let mut by_crate = csv::WriterBuilder::new().from_writer(Vec::new());
            write_record(&mut by_crate, fields);
            let by_crate = by_crate.into_inner().unwrap();
            let mut by_hand = Vec::new();
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    by_hand.push(b',');
                }
                push_field(&mut by_hand, f);
            }
            by_hand.push(b'\n');
            assert_eq!(
                String::from_utf8_lossy(&by_hand),
                String::from_utf8_lossy(&by_crate),
                "{f:?}"
            );
        }
    }
}
