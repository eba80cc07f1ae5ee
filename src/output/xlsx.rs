//! Excel workbooks: one per disclosure (a sheet per table, laid out as published) and one
//! per year (every department's cells, one per line).
//!
//! Staff and journalists open downloads in Excel or WPS first. A CSV loses what they need
//! there — codes such as `085` turn into numbers, merged headers flatten — so the workbook
//! keeps codes as text, amounts as numbers shown with two decimals, and the header cells
//! merged as on the page.

use crate::derive::table_view::{Cell, TableView};
use crate::render::page::DisclosureView;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Excel's limit on a sheet's rows; a year's file continues on a new sheet past it.
const MAX_ROWS: u32 = 1_048_576;

/// Amounts as the published tables show them: thousands separators, two decimals.
const AMOUNT: &str = "#,##0.00";

/// File name of a disclosure's workbook within its folder.
pub fn disclosure_name(code: &str, year: u16) -> String {
    format!("{code}-{year}.xlsx")
}

/// File name of a year's workbook within the year's folder.
pub fn year_name(year: u16) -> String {
    format!("budget-{year}.xlsx")
}

/// Every workbook carries the same creation date for the same content, so that a rebuild
/// writes the same bytes: the disclosure's publication date when it has one, else 1 January
/// of its year.
fn properties(title: &str, date: &str, year: u16) -> Result<DocProperties, XlsxError> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<u16>().ok());
    let when = match (parts.next(), parts.next(), parts.next()) {
        (Some(Some(y)), Some(Some(m)), Some(Some(d))) => {
            ExcelDateTime::from_ymd(y, m as u8, d as u8).ok()
        }
        _ => None,
    };
    let when = match when {
        Some(w) => w,
        None => ExcelDateTime::from_ymd(year.max(1900), 1, 1)?,
    };
    Ok(DocProperties::new()
        .set_title(title)
        .set_creation_datetime(&when))
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(t: &TableView) -> String {
    format!("{}{}", t.number_label.trim(), t.name)
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

/// Places cells with spans on a grid, as a browser does: each cell takes the first free
/// position of its row. Calls `f(row, column, cell)`.
fn place<'a>(rows: impl IntoIterator<Item = &'a [Cell]>, mut f: impl FnMut(u32, u16, &'a Cell)) {
    let mut taken: Vec<Vec<bool>> = Vec::new();
    for (r, cells) in rows.into_iter().enumerate() {
        let mut c = 0usize;
        for cell in cells {
            while taken
                .get(r)
                .and_then(|t| t.get(c))
                .copied()
                .unwrap_or(false)
            {
                c += 1;
            }
            let (cs, rs) = (cell.colspan.max(1), cell.rowspan.max(1));
            for rr in r..r + rs {
                if taken.len() <= rr {
                    taken.resize(rr + 1, Vec::new());
                }
                if taken[rr].len() < c + cs {
                    taken[rr].resize(c + cs, false);
                }
                for t in &mut taken[rr][c..c + cs] {
                    *t = true;
                }
            }
            f(r as u32, c as u16, cell);
            c += cs;
        }
    }
}

/// An amount cell's value as shown (in the table's unit), or `None` when it is blank.
fn amount(cell: &Cell) -> Option<f64> {
    if cell.class != "num" || cell.text.is_empty() {
        return None;
    }
    cell.text.replace(',', "").parse::<f64>().ok()
}

/// Display width of a text in Excel's character units: CJK characters take two.
fn width(t: &str) -> usize {
    t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

struct Formats {
    title: Format,
    head: Format,
    text: Format,
    amount: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        let grid = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            head: grid
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: grid
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            amount: grid.set_num_format(AMOUNT),
            note: Format::new(),
        }
    }
}

/// Cells side by side in one row that take the same format, given it in one call once the
/// run ends. Excel's library looks a format up by hashing all of it on every call that
/// names one — a tenth of a build's instructions when each cell named its own. The
/// workbook is the same: the cells end with the same formats, and each format is first
/// named at the same point as when every cell named it (a run is given its format before
/// any other format is named), so the styles keep their order.
#[derive(Default)]
struct Runs<'f> {
    /// Row, first and last column, format.
    open: Option<(u32, u16, u16, &'f Format)>,
}

impl<'f> Runs<'f> {
    /// Adds cell (`row`, `col`) to a run of `format`: a value already written without a
    /// format, or a blank, which the format alone makes.
    fn add(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        format: &'f Format,
    ) -> Result<(), XlsxError> {
        if let Some((r, _, last, f)) = &mut self.open
            && *r == row
            && *last + 1 == col
            && std::ptr::eq(*f, format)
        {
            *last = col;
            return Ok(());
        }
        self.end(ws)?;
        self.open = Some((row, col, col, format));
        Ok(())
    }

    /// Gives the open run its format.
    fn end(&mut self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        if let Some((row, first, last, format)) = self.open.take() {
            ws.set_range_format(row, first, row, last, format)?;
        }
        Ok(())
    }
}

/// A cell the sheet shows empty: written as a blank with its format only.
fn is_blank(cell: &Cell) -> bool {
    cell.text.is_empty() && cell.colspan <= 1 && cell.rowspan <= 1
}

/// The last row and column that a table's sheet writes something other than a blank into
/// (the title is at the first). A blank inside them leaves the sheet's used range as it is,
/// so it may join a run; one outside is written on its own, widening the range as before.
fn extent(t: &TableView, head_start: u32, body_start: u32, notes_start: u32) -> (u32, u16) {
    let (mut last_row, mut last_col) = (0, 0);
    let mut widen = |r: u32, c: u16| {
        last_row = last_row.max(r);
        last_col = last_col.max(c);
    };
    let lines = [t.subtitle.as_deref().filter(|s| !s.is_empty())].into_iter();
    let lines = lines
        .flatten()
        .chain(t.meta.iter().map(String::as_str))
        .chain(t.empty_note.as_deref().filter(|s| !s.is_empty()));
    for (r, text) in (1..).zip(lines) {
        if !text.is_empty() {
            widen(r, 0);
        }
    }
    let mut cells = |start: u32, r: u32, c: u16, cell: &Cell| {
        if !is_blank(cell) {
            let (cs, rs) = (cell.colspan.max(1), cell.rowspan.max(1));
            widen(start + r + rs as u32 - 1, c + cs as u16 - 1);
        }
    };
    place(t.head.iter().map(Vec::as_slice), |r, c, cell| {
        cells(head_start, r, c, cell)
    });
    place(t.body.iter().map(|r| r.cells.as_slice()), |r, c, cell| {
        cells(body_start, r, c, cell)
    });
    if !t.notes.is_empty() {
        widen(notes_start + t.notes.len() as u32 - 1, 0);
    }
    (last_row, last_col)
}

fn write_cell<'f>(
    ws: &mut Worksheet,
    f: &'f Formats,
    runs: &mut Runs<'f>,
    (row, col): (u32, u16),
    extent: (u32, u16),
    cell: &Cell,
    head: bool,
) -> Result<(), XlsxError> {
    let format = if head {
        &f.head
    } else if cell.class == "num" {
        &f.amount
    } else {
        &f.text
    };
    let (cs, rs) = (cell.colspan.max(1), cell.rowspan.max(1));
    if cs > 1 || rs > 1 {
        runs.end(ws)?;
        ws.merge_range(
            row,
            col,
            row + rs as u32 - 1,
            col + cs as u16 - 1,
            if cell.class == "num" { "" } else { &cell.text },
            format,
        )?;
    }
    match amount(cell) {
        Some(n) if !head => {
            ws.write_number(row, col, n)?;
            runs.add(ws, row, col, format)?;
        }
        // An empty text is a blank cell with the format.
        _ if is_blank(cell) && row <= extent.0 && col <= extent.1 => {
            runs.add(ws, row, col, format)?;
        }
        _ if is_blank(cell) => {
            runs.end(ws)?;
            ws.write_string_with_format(row, col, "", format)?;
        }
        // Codes, names and texts stay text: `085` keeps its zero.
        _ if cs == 1 && rs == 1 => {
            ws.write_string(row, col, &cell.text)?;
            runs.add(ws, row, col, format)?;
        }
        _ => {}
    }
    Ok(())
}

/// One table on its sheet: title, the `部门名称` and `单位` lines, the header as published
/// (merged cells merged), the body, notes. Returns the row of the first body line.
fn table_sheet(ws: &mut Worksheet, t: &TableView, f: &Formats) -> Result<u32, XlsxError> {
    ws.set_name(sheet_name(t))?;
    let last_col = t.columns.saturating_sub(1) as u16;
    ws.write_string_with_format(0, 0, &t.title, &f.title)?;
    let mut row = 1;
    if let Some(sub) = t.subtitle.as_deref().filter(|s| !s.is_empty()) {
        ws.write_string(row, 0, sub)?;
        row += 1;
    }
    for m in &t.meta {
        ws.write_string(row, 0, m)?;
        row += 1;
    }
    if let Some(note) = t.empty_note.as_deref().filter(|s| !s.is_empty()) {
        ws.write_string(row, 0, note)?;
        row += 1;
    }
    let mut widths = vec![4usize; t.columns.max(1)];
    let mut result = Ok(());
    let head_start = row;
    let body_start = head_start + t.head.len() as u32;
    let notes_start = body_start + t.body.len() as u32;
    let extent = extent(t, head_start, body_start, notes_start);
    let mut runs = Runs::default();
    place(t.head.iter().map(Vec::as_slice), |r, c, cell| {
        if result.is_ok() {
            result = write_cell(ws, f, &mut runs, (head_start + r, c), extent, cell, true);
        }
        if cell.colspan <= 1
            && let Some(w) = widths.get_mut(c as usize)
        {
            *w = (*w).max(width(&cell.text).min(16));
        }
    });
    std::mem::replace(&mut result, Ok(()))?;
    place(t.body.iter().map(|r| r.cells.as_slice()), |r, c, cell| {
        if result.is_ok() {
            result = write_cell(ws, f, &mut runs, (body_start + r, c), extent, cell, false);
        }
        if cell.colspan <= 1
            && let Some(w) = widths.get_mut(c as usize)
        {
            *w = (*w).max(width(&cell.text).min(40));
        }
    });
    result?;
    runs.end(ws)?;
    for (row, n) in (notes_start..).zip(&t.notes) {
        ws.write_string_with_format(row, 0, n, &f.note)?;
    }
    for (c, w) in widths.iter().enumerate().take(last_col as usize + 1) {
        ws.set_column_width(c as u16, (*w + 2) as f64)?;
    }
    ws.set_freeze_panes(body_start, 0)?;
    Ok(body_start)
}

/// A workbook compressed at zip level 1: deflating every disclosure's workbook at the
/// default level 6 was the largest single cost of a build (about a sixth of its CPU time at
/// 2,000 department-years); level 1 takes a fraction of that for files a little larger.
fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(1);
    wb
}

/// The disclosure's workbook: one sheet per table, in the annex's order.
pub fn disclosure(v: &DisclosureView) -> Result<Vec<u8>, XlsxError> {
    let mut wb = workbook();
    let title = format!("{}{}年度部门预算", v.name, v.year);
    wb.set_properties(&properties(&title, &v.published, v.year)?);
    let f = Formats::new();
    for t in &v.tables {
        table_sheet(wb.add_worksheet(), t, &f)?;
    }
    wb.save_to_buffer()
}

/// The columns of a year's workbook; one line per non-empty table cell.
pub const YEAR_HEADER: [&str; 8] = [
    "年度",
    "部门代码",
    "部门名称",
    "表号",
    "表名",
    "行",
    "列",
    "值",
];

/// A year's workbook from the lines of its departments (each: the eight fields of
/// [`YEAR_HEADER`] and whether the value is an amount). Written with constant memory: a
/// year may hold millions of lines. A sheet that reaches Excel's row limit continues on
/// the next.
pub fn year<I>(year: u16, lines: I) -> Result<Vec<u8>, XlsxError>
where
    I: IntoIterator<Item = ([String; 8], bool)>,
{
    let mut wb = workbook();
    wb.set_properties(&properties(&format!("{year}年度部门预算"), "", year)?);
    let bold = Format::new().set_bold();
    let amount = Format::new().set_num_format(AMOUNT);
    let mut sheets = 0;
    let mut ws = new_year_sheet(&mut wb, year, &mut sheets, &bold)?;
    let mut row = 1;
    for (fields, is_amount) in lines {
        if row == MAX_ROWS {
            ws = new_year_sheet(&mut wb, year, &mut sheets, &bold)?;
            row = 1;
        }
        // Each text is handed over, not copied: a year has millions of cells.
        for (c, field) in fields.into_iter().enumerate() {
            let number = (c == 5 || (c == 7 && is_amount))
                .then(|| field.parse::<f64>().ok())
                .flatten();
            match number {
                Some(n) if c == 7 => ws.write_number_with_format(row, c as u16, n, &amount)?,
                Some(n) => ws.write_number(row, c as u16, n)?,
                None => ws.write_string(row, c as u16, field)?,
            };
        }
        row += 1;
    }
    wb.save_to_buffer()
}

fn new_year_sheet<'w>(
    wb: &'w mut Workbook,
    year: u16,
    sheets: &mut usize,
    bold: &Format,
) -> Result<&'w mut Worksheet, XlsxError> {
    *sheets += 1;
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(if *sheets == 1 {
        format!("{year}年度")
    } else {
        format!("{year}年度（{sheets}）")
    })?;
    for (c, h) in YEAR_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, bold)?;
    }
    for (c, w) in [6, 10, 30, 10, 30, 6, 30, 16].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(ws)
}

/// One department's lines for the year's workbook, as CSV without a header: the eight
/// fields of [`YEAR_HEADER`] unchanged (no formula guard: a workbook cell written as a
/// string is never run) and `1` when the value is an amount. Kept on disk between the
/// department's step and the year's, like the year's CSV fragments, and encoded as they
/// are: the five fields every line of a table shares once per table.
pub fn year_part(v: &DisclosureView, grids: &[crate::derive::table_view::Grid]) -> Vec<u8> {
    use super::downloads::push_quoted;
    let year = v.year.to_string();
    let mut out = Vec::new();
    let mut prefix = Vec::new();
    for (t, grid) in v.tables.iter().zip(grids) {
        let mut amounts = vec![vec![false; t.columns]; grid.len()];
        place(t.body.iter().map(|r| r.cells.as_slice()), |r, c, cell| {
            if let Some(a) = amounts
                .get_mut(r as usize)
                .and_then(|row| row.get_mut(c as usize))
            {
                *a = cell.class == "num";
            }
        });
        let title = if t.unit == v.unit {
            std::borrow::Cow::from(t.title.as_str())
        } else {
            format!("{}（单位：{}）", t.title, t.unit).into()
        };
        prefix.clear();
        for f in [year.as_str(), &v.code, &v.name, &t.id, &title] {
            push_quoted(&mut prefix, f);
            prefix.push(b',');
        }
        for (r, row) in grid.iter().enumerate() {
            let line = (r + 1).to_string();
            for (c, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                let column = t.column_names.get(c).map(String::as_str).unwrap_or("");
                let is_amount = amounts[r].get(c).copied().unwrap_or(false);
                out.extend_from_slice(&prefix);
                out.extend_from_slice(line.as_bytes());
                out.push(b',');
                push_quoted(&mut out, column);
                out.push(b',');
                push_quoted(&mut out, cell);
                out.extend_from_slice(if is_amount { b",1\n" } else { b",0\n" });
            }
        }
    }
    out
}

/// Reads the lines [`year_part`] wrote.
pub fn read_year_part(bytes: &[u8]) -> impl Iterator<Item = ([String; 8], bool)> + '_ {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .into_records()
        .filter_map(Result::ok)
        .map(|r| {
            let f = |i: usize| r.get(i).unwrap_or("").to_owned();
            (
                [f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7)],
                f(8) == "1",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The working lines are CSV the reader takes back field for field, whatever a name or
    /// a cell holds.
    #[test]
    fn year_lines_come_back_as_written() {
        let fields = [
            "2024",
            "085",
            "a \"quoted\", name",
            "table-01",
            "line\nbreak",
            "3",
            "=1+1",
            "",
        ];
        let mut bytes = Vec::new();
        for amount in [true, false] {
            for f in fields {
                super::super::downloads::push_quoted(&mut bytes, f);
                bytes.push(b',');
            }
            bytes.extend_from_slice(if amount { b"1\n" } else { b"0\n" });
        }
        let back: Vec<([String; 8], bool)> = read_year_part(&bytes).collect();
        assert_eq!(back.len(), 2);
        for (line, amount) in back.iter().zip([true, false]) {
            assert_eq!(line.0.each_ref().map(String::as_str), fields);
            assert_eq!(line.1, amount);
        }
    }
}
