//! A disclosure's Excel workbook: a sheet per table, laid out as published. (The year's
//! workbook, every department's cells one per line, is [`super::year_book`].)
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

/// Amounts as the published tables show them: thousands separators, two decimals.
const AMOUNT: &str = "#,##0.00";

/// File name of a disclosure's workbook within its folder.
pub fn disclosure_name(code: &str, year: u16) -> String {
    format!("{code}-{year}.xlsx")
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
pub(super) fn place<'a>(
    rows: impl IntoIterator<Item = &'a [Cell]>,
    mut f: impl FnMut(u32, u16, &'a Cell),
) {
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
