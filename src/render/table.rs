//! A rendered-ready table: header grid, body rows, notes.
//!
//! All thirteen annex tables (and any region's tables) share this one shape, so a single
//! template renders them all. The accessibility wiring — `id` on every header cell and
//! `headers` on every data cell, including through rowspan/colspan — is computed here once
//! instead of being hand-written per table.

use crate::content::money::{Money, Shown};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write;

#[derive(Debug, Clone, Serialize, Default)]
pub struct Cell {
    pub text: String,
    /// `th` when true, else `td`.
    pub th: bool,
    /// `col`, `colgroup`, `row` or empty.
    pub scope: &'static str,
    pub colspan: usize,
    pub rowspan: usize,
    /// `num`, `code`, `label` or `text`: drives alignment and the sticky first column.
    pub class: &'static str,
    /// Set on header cells; a body row's label gets its id when the body is written.
    pub id: String,
    /// The amount of a `num` cell in the file's unit, and whether a zero is shown, kept so
    /// that the table can show it in its profile's unit (`Cell::show`).
    #[serde(skip)]
    pub amount: Option<(Money, bool)>,
}

impl Cell {
    fn new(text: impl Into<String>, class: &'static str) -> Cell {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            class,
            ..Cell::default()
        }
    }
    pub fn span(mut self, colspan: usize, rowspan: usize) -> Cell {
        self.colspan = colspan.max(1);
        self.rowspan = rowspan.max(1);
        self
    }

    /// Rewrites an amount's text as `shown` shows it (converted and rounded), spelt as the
    /// profile spells the table's amounts.
    pub fn show(&mut self, shown: Shown, spelling: crate::content::spelling::Spelling) {
        if let Some((m, always)) = self.amount {
            self.text = spelling.spell(shown.money(m), always);
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// `total`, `dept`, `unit`, `class`, `item`, …: lets CSS set subtotals apart.
    pub class: &'static str,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn new(class: &'static str) -> Row {
        Row {
            class,
            cells: Vec::new(),
        }
    }
    /// A row label (`th scope=row`).
    pub fn label(mut self, text: impl Into<String>) -> Row {
        let mut c = Cell::new(text, "label");
        c.th = true;
        c.scope = "row";
        self.cells.push(c);
        self
    }
    pub fn text(mut self, text: impl Into<String>) -> Row {
        self.cells.push(Cell::new(text, "text"));
        self
    }
    pub fn code(mut self, text: impl Into<String>) -> Row {
        self.cells.push(Cell::new(text, "code"));
        self
    }
    /// A header cell inside the body (e.g. the indicator headings of a form-like table).
    pub fn colhead(mut self, text: impl Into<String>) -> Row {
        let mut c = Cell::new(text, "head");
        c.th = true;
        c.scope = "col";
        self.cells.push(c);
        self
    }
    /// An amount, blank when zero as published tables do.
    pub fn num(mut self, m: Money) -> Row {
        let mut c = Cell::new(m.cell(), "num");
        c.amount = Some((m, false));
        self.cells.push(c);
        self
    }
    pub fn nums(self, ms: impl IntoIterator<Item = Money>) -> Row {
        ms.into_iter().fold(self, Row::num)
    }
    pub fn blanks(mut self, n: usize) -> Row {
        for _ in 0..n {
            self.cells.push(Cell::new("", "text"));
        }
        self
    }
    /// Applies a span to the last cell added.
    pub fn span(mut self, colspan: usize, rowspan: usize) -> Row {
        if let Some(c) = self.cells.pop() {
            self.cells.push(c.span(colspan, rowspan));
        }
        self
    }
}

/// One table of the annex, ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// Stable anchor, `table-01` …
    pub id: String,
    /// Region-neutral key, e.g. `state_capital`.
    pub key: &'static str,
    /// `一`, `二` … (or `1`, `2` …) as in the annex list.
    pub number: String,
    /// The number as the list prints it before the name: `一、` or `1. `.
    pub number_label: String,
    /// Name in the annex list, e.g. `部门收支预算表`.
    pub name: String,
    /// Heading above the table, e.g. `2024年部门收支预算表`.
    pub title: String,
    pub subtitle: Option<String>,
    /// The unit its amounts are shown in (`万元`, `元`).
    pub unit: &'static str,
    /// Lines under the heading: `部门名称：…`, `单位：万元`.
    pub meta: Vec<String>,
    #[serde(skip)]
    pub head: Vec<Vec<Cell>>,
    #[serde(skip)]
    pub body: Vec<Row>,
    pub notes: Vec<String>,
    /// Why the table has no data, shown prominently.
    pub empty_note: Option<String>,
    pub columns: usize,
    /// Leaf column names, e.g. `基本支出·人员经费·工资福利支出`.
    pub column_names: Vec<String>,
    /// For every leaf column, the ids of the header cells above it.
    #[serde(skip)]
    pub col_ids: Vec<Vec<String>>,
    /// The whole `<section>` of the table as markup ([`TableView::section_html`]), so that
    /// templates place it as it is: walking thousands of cells in Tera, or handing them to a
    /// macro (which copies its arguments), was most of a page's render time.
    pub html: String,
}

/// A table's body as rows of cell texts, every position filled (see [`TableView::grid`]).
pub type Grid<'t> = Vec<Vec<Cow<'t, str>>>;

/// A header cell spec: text, colspan, rowspan.
pub type H<'a> = (&'a str, usize, usize);

/// A table's header: its cells (placed on the grid, each with an id), and for every leaf
/// column the ids of the header cells above it and its name — the texts of those cells
/// joined with `·` (`基本支出·人员经费·工资福利支出`), used for CSV and JSON downloads.
pub struct Head {
    pub cells: Vec<Vec<Cell>>,
    pub col_ids: Vec<Vec<String>>,
    pub names: Vec<String>,
}

pub fn build_head(table_id: &str, spec: &[&[H]]) -> Head {
    let columns = spec
        .first()
        .map(|r| r.iter().map(|h| h.1.max(1)).sum())
        .unwrap_or(0);
    let mut occupied = vec![vec![false; columns]; spec.len()];
    let mut col_ids = vec![Vec::new(); columns];
    let mut col_names: Vec<Vec<&str>> = vec![Vec::new(); columns];
    let mut head = Vec::new();
    for (r, row) in spec.iter().enumerate() {
        let mut out = Vec::new();
        let mut c = 0;
        for (i, (text, colspan, rowspan)) in row.iter().enumerate() {
            while c < columns && occupied[r][c] {
                c += 1;
            }
            let (cs, rs) = ((*colspan).max(1), (*rowspan).max(1));
            let id = format!("{table_id}-h{r}-{i}");
            for row in occupied.iter_mut().skip(r).take(rs) {
                for cell in row.iter_mut().skip(c).take(cs) {
                    *cell = true;
                }
            }
            for ids in col_ids.iter_mut().skip(c).take(cs) {
                ids.push(id.clone());
            }
            for names in col_names.iter_mut().skip(c).take(cs) {
                names.push(text);
            }
            out.push(Cell {
                text: (*text).to_owned(),
                th: true,
                scope: if cs > 1 { "colgroup" } else { "col" },
                colspan: cs,
                rowspan: rs,
                class: "head",
                id,
                amount: None,
            });
            c += cs;
        }
        head.push(out);
    }
    Head {
        cells: head,
        col_ids,
        names: col_names.iter().map(|n| n.join("·")).collect(),
    }
}

/// Works out, row by row, which header cells describe each body cell: those above its
/// column(s) (through rowspans of the rows above), then its row's label. Written straight
/// into the page: a page has thousands of cells, and keeping an owned `headers` string per
/// cell was a good part of deriving a disclosure.
struct Wiring<'t> {
    table_id: &'t str,
    col_ids: &'t [Vec<String>],
    /// Remaining rowspan per column from cells above.
    pending: Vec<usize>,
    ids: Vec<&'t str>,
    headers: String,
    row_id: String,
}

impl<'t> Wiring<'t> {
    fn new(table_id: &'t str, col_ids: &'t [Vec<String>]) -> Wiring<'t> {
        Wiring {
            table_id,
            col_ids,
            pending: vec![0; col_ids.len()],
            ids: Vec::new(),
            headers: String::new(),
            row_id: String::new(),
        }
    }

    /// Calls `f` for each cell of row `r` with the cell's own id (a row label's) and the
    /// space-separated ids of the cells that describe it.
    fn row(&mut self, r: usize, row: &Row, mut f: impl FnMut(&Cell, Option<&str>, &str)) {
        let columns = self.col_ids.len();
        let mut c = 0;
        let mut labelled = false;
        for (i, cell) in row.cells.iter().enumerate() {
            while c < columns && self.pending[c] > 0 {
                c += 1;
            }
            self.ids.clear();
            for col in self.col_ids.iter().skip(c).take(cell.colspan) {
                for id in col {
                    if !self.ids.contains(&id.as_str()) {
                        self.ids.push(id);
                    }
                }
            }
            self.headers.clear();
            for id in &self.ids {
                if !self.headers.is_empty() {
                    self.headers.push(' ');
                }
                self.headers.push_str(id);
            }
            let is_label = cell.th && cell.scope == "row" && !cell.text.is_empty();
            if is_label {
                self.row_id.clear();
                let _ = write!(self.row_id, "{}-r{r}-{i}", self.table_id);
                labelled = true;
            } else if labelled {
                if !self.headers.is_empty() {
                    self.headers.push(' ');
                }
                self.headers.push_str(&self.row_id);
            }
            f(
                cell,
                is_label.then_some(self.row_id.as_str()),
                &self.headers,
            );
            for p in self.pending.iter_mut().skip(c).take(cell.colspan) {
                *p = cell.rowspan;
            }
            c += cell.colspan;
        }
        for p in self.pending.iter_mut() {
            *p = p.saturating_sub(1);
        }
    }
}

/// ` colspan="3"`, written only for a span over more than one cell.
fn span(h: &mut String, attr: &str, n: usize) {
    if n > 1 {
        h.push_str(attr);
        let _ = write!(h, "{n}");
        h.push('"');
    }
}

/// HTML-escapes `t` as the templates' autoescape does ([`crate::render::escape`]). Most texts (ids, codes, amounts, Chinese
/// names) have nothing to escape and are copied as they are.
fn esc(t: &str) -> std::borrow::Cow<'_, str> {
    // A byte scan: the characters that need escaping are ASCII, and matching each char of
    // a long Chinese text against a set of chars was several times slower.
    if t.bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        crate::render::escape(t).into()
    } else {
        t.into()
    }
}

impl TableView {
    /// The table's section: heading, meta lines, the table with its header and body rows,
    /// notes. Byte for byte what `templates/table.html` made of it when Tera rendered it.
    pub fn section_html(&self) -> String {
        let id = esc(&self.id);
        let title = esc(&self.title);
        let mut h = String::with_capacity(1024 + self.body.len() * 512);
        let _ = write!(
            h,
            "<section class=\"annex-table\" aria-labelledby=\"{id}-title\">\n  <h3 id=\"{id}-title\"><span class=\"table-number\">{}</span>{title}",
            esc(&self.number_label)
        );
        if let Some(sub) = self.subtitle.as_deref().filter(|s| !s.is_empty()) {
            let _ = write!(h, " <span class=\"subtitle\">{}</span>", esc(sub));
        }
        h.push_str("</h3>\n  ");
        if !self.meta.is_empty() {
            h.push_str("<p class=\"table-meta\">");
            for m in &self.meta {
                let _ = write!(h, "<span>{}</span>", esc(m));
            }
            h.push_str("</p>");
        }
        h.push_str("\n  ");
        if let Some(note) = self.empty_note.as_deref().filter(|s| !s.is_empty()) {
            let _ = write!(h, "<p class=\"empty-note\" role=\"note\">{}</p>", esc(note));
        }
        let _ = write!(
            h,
            "\n  <div class=\"table-scroll\" role=\"region\" aria-label=\"表格：{}\" tabindex=\"0\">\n  <table id=\"{id}\" class=\"budget-table cols-{}{}\">\n    <caption>{title}",
            esc(&self.name),
            self.columns,
            if self.row_labelled() {
                " sticky"
            } else if self.is_form() {
                " form"
            } else {
                ""
            }
        );
        if !self.meta.is_empty() {
            let _ = write!(h, "（{}）", esc(&self.meta.join("，")));
        }
        h.push_str("</caption>\n    <thead>");
        for row in &self.head {
            h.push_str("\n      <tr>");
            for c in row {
                let _ = write!(h, "<th id=\"{}\" scope=\"{}\"", esc(&c.id), esc(c.scope));
                span(&mut h, " colspan=\"", c.colspan);
                span(&mut h, " rowspan=\"", c.rowspan);
                let _ = write!(h, ">{}</th>", esc(&c.text));
            }
            h.push_str("</tr>");
        }
        h.push_str("\n    </thead>\n    <tbody>");
        self.body_html(&mut h);
        h.push_str("\n    </tbody>\n  </table>\n  </div>\n  ");
        for n in &self.notes {
            let _ = write!(h, "<p class=\"table-note\">{}</p>", esc(n));
        }
        h.push_str("\n</section>");
        h
    }

    /// Whether the first column labels every figure of its row, so that it may stay in
    /// view while the table scrolls sideways: every row starts in the first column (no
    /// cell merged down from above sits there) with its one label. A two-sided table
    /// (收入 beside 支出) has two labels in a row; a sticky 收入 label would sit beside
    /// 支出 figures and mislead.
    pub fn row_labelled(&self) -> bool {
        let mut below = 0usize;
        self.body.iter().all(|row| {
            let starts = below == 0;
            let first = row.cells.first();
            // A code (`301`) alone does not say what a row is; its name does.
            let label = first.is_some_and(|c| c.th && c.scope == "row");
            below = match first {
                Some(c) if starts => c.rowspan.max(1) - 1,
                _ => below.saturating_sub(1),
            };
            let labels = row
                .cells
                .iter()
                .filter(|c| c.th && c.scope == "row")
                .count();
            starts && label && labels <= 1
        }) && !self.body.is_empty()
    }

    /// Whether the table is a form (headings inside its body, as the performance tables):
    /// its first lines are not a header to repeat on each printed page.
    pub fn is_form(&self) -> bool {
        self.body
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.class == "head")
    }

    fn body_html(&self, h: &mut String) {
        // Classes, scopes and ids are the program's own ASCII words (ids are built from
        // `table-NN`); only the cells' texts come from data and are escaped. Pushed piece by
        // piece: `write!` was a good part of writing a page's thousands of cells.
        let mut wiring = Wiring::new(&self.id, &self.col_ids);
        for (r, row) in self.body.iter().enumerate() {
            h.push_str("\n      <tr class=\"");
            h.push_str(row.class);
            h.push_str("\">");
            wiring.row(r, row, |c, id, headers| {
                if c.th {
                    h.push_str("<th");
                    if let Some(id) = id.or(Some(c.id.as_str()).filter(|i| !i.is_empty())) {
                        h.push_str(" id=\"");
                        h.push_str(id);
                        h.push('"');
                    }
                    h.push_str(" scope=\"");
                    h.push_str(c.scope);
                    h.push_str("\" class=\"");
                } else {
                    h.push_str("<td class=\"");
                }
                h.push_str(c.class);
                h.push('"');
                if !headers.is_empty() {
                    h.push_str(" headers=\"");
                    h.push_str(headers);
                    h.push('"');
                }
                span(h, " colspan=\"", c.colspan);
                span(h, " rowspan=\"", c.rowspan);
                h.push('>');
                h.push_str(&esc(&c.text));
                h.push_str(if c.th { "</th>" } else { "</td>" });
            });
            h.push_str("</tr>");
        }
    }

    /// The body as a full grid: a spanned cell's text in its top-left position, `""` in the
    /// positions it covers. Amounts are plain numbers (`1042.10`), ready for CSV and JSON.
    /// Texts are borrowed from the cells; only amounts with separators are copied.
    pub fn grid(&self) -> Grid<'_> {
        // Empty strings do not allocate, so the grid starts as all-empty and `taken` marks
        // the positions already covered by a span from above.
        let mut grid: Grid = Vec::with_capacity(self.body.len());
        let mut taken: Vec<Vec<bool>> = Vec::with_capacity(self.body.len());
        for (r, row) in self.body.iter().enumerate() {
            let mut c = 0;
            for cell in &row.cells {
                let grow = (r + cell.rowspan).max(r + 1);
                while grid.len() < grow {
                    grid.push(vec![Cow::Borrowed(""); self.columns]);
                    taken.push(vec![false; self.columns]);
                }
                while c < self.columns && taken[r][c] {
                    c += 1;
                }
                let end = (c + cell.colspan).min(self.columns);
                for covered in &mut taken[r..r + cell.rowspan] {
                    for t in covered.iter_mut().take(end).skip(c) {
                        *t = true;
                    }
                }
                if c < self.columns && cell.rowspan > 0 {
                    grid[r][c] = if cell.class == "num" && cell.text.contains(',') {
                        Cow::Owned(cell.text.replace(',', ""))
                    } else {
                        Cow::Borrowed(cell.text.as_str())
                    };
                }
                c += cell.colspan;
            }
            if grid.len() <= r {
                grid.push(vec![Cow::Borrowed(""); self.columns]);
                taken.push(vec![false; self.columns]);
            }
        }
        grid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each body cell's (own id, headers) as the page writes them.
    fn wired(table_id: &str, col_ids: &[Vec<String>], body: &[Row]) -> Vec<Vec<(String, String)>> {
        let mut w = Wiring::new(table_id, col_ids);
        let mut out = Vec::new();
        for (r, row) in body.iter().enumerate() {
            let mut cells = Vec::new();
            w.row(r, row, |_, id, headers| {
                cells.push((id.unwrap_or("").to_owned(), headers.to_owned()))
            });
            out.push(cells);
        }
        out
    }

    #[test]
    fn header_ids_follow_spans() {
        let head = build_head(
            "t",
            &[
                &[("合计", 1, 2), ("基本支出", 2, 1)],
                &[("人员", 1, 1), ("公用", 1, 1)],
            ],
        );
        assert_eq!(head.cells[1][0].id, "t-h1-0");
        assert_eq!(head.col_ids[0], vec!["t-h0-0"]);
        assert_eq!(head.col_ids[2], vec!["t-h0-1", "t-h1-1"]);
        assert_eq!(head.names, ["合计", "基本支出·人员", "基本支出·公用"]);
        let body = vec![
            Row::new("item")
                .label("事业运行")
                .num(Money::ZERO)
                .num(Money::ZERO),
        ];
        // The label takes column 0; the two amounts sit under 人员 and 公用.
        let w = wired("t", &head.col_ids, &body);
        assert_eq!(w[0][0], ("t-r0-0".to_owned(), "t-h0-0".to_owned()));
        assert_eq!(w[0][1].1, "t-h0-1 t-h1-0 t-r0-0");
    }

    #[test]
    fn rowspans_in_the_body_shift_later_rows() {
        let cols = vec![
            vec!["a".to_owned()],
            vec!["b".to_owned()],
            vec!["c".to_owned()],
        ];
        let body = vec![
            Row::new("x").label("P").span(1, 2).text("1").text("2"),
            Row::new("x").text("3").text("4"),
        ];
        let w = wired("t", &cols, &body);
        assert!(w[1][0].1.starts_with('b'));
        assert!(w[1][1].1.starts_with('c'));
    }
}
