//! An annex table's markup: its `<section>` with heading, meta lines, the table and notes.
//!
//! The table itself is data ([`TableView`], made in `derive`); here it becomes markup. The
//! accessibility wiring — `id` on every header cell and `headers` on every data cell,
//! including through rowspan/colspan — is computed here once instead of being hand-written
//! per table.

use crate::derive::table_view::{Cell, Row, TableView};
use std::fmt::Write;
use tera::Tera;

/// Works out, row by row, which header cells describe each body cell: those above its
/// column(s) (through rowspans of the rows above), then its row's label. Written straight
/// into the page: a page has thousands of cells, and keeping an owned `headers` string per
/// cell was a good part of deriving a disclosure.
pub(super) struct Wiring<'t> {
    table_id: &'t str,
    col_ids: &'t [Vec<String>],
    /// Remaining rowspan per column from cells above.
    pending: Vec<usize>,
    ids: Vec<&'t str>,
    headers: String,
    row_id: String,
}

impl<'t> Wiring<'t> {
    pub(super) fn new(table_id: &'t str, col_ids: &'t [Vec<String>]) -> Wiring<'t> {
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
    pub(super) fn row<'r>(
        &mut self,
        r: usize,
        row: &'r Row,
        mut f: impl FnMut(&'r Cell, Option<&str>, &str),
    ) {
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

/// The name of the template that writes a table's section.
pub const TEMPLATE: &str = "table.html";

/// The table's section. A site with its own `templates/table.html` gets it from that
/// template; every other site gets the same markup as the built-in template writes it, from
/// [`section_markup`].
pub fn section_html(tera: &Tera, t: &TableView) -> Result<String, tera::Error> {
    if super::own_template(tera, TEMPLATE) {
        super::table_template::section_html(tera, t)
    } else {
        Ok(section_markup(t))
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

/// The table's section: heading, meta lines, the table with its header and body rows,
/// notes — byte for byte what the built-in `templates/table.html` writes (a test holds the
/// two together), written in Rust because a page has thousands of cells and handing them
/// to Tera made a whole build about a quarter slower.
fn section_markup(t: &TableView) -> String {
    let id = esc(&t.id);
    let title = esc(&t.title);
    let mut h = String::with_capacity(1024 + t.body.len() * 512);
    let _ = write!(
        h,
        "<section class=\"annex-table\" aria-labelledby=\"{id}-title\">\n  <h3 id=\"{id}-title\"><span class=\"table-number\">{}</span>{title}",
        esc(&t.number_label)
    );
    if let Some(sub) = t.subtitle.as_deref().filter(|s| !s.is_empty()) {
        let _ = write!(h, " <span class=\"subtitle\">{}</span>", esc(sub));
    }
    h.push_str("</h3>\n  ");
    if !t.meta.is_empty() {
        h.push_str("<p class=\"table-meta\">");
        for m in &t.meta {
            let _ = write!(h, "<span>{}</span>", esc(m));
        }
        h.push_str("</p>");
    }
    h.push_str("\n  ");
    if let Some(note) = t.empty_note.as_deref().filter(|s| !s.is_empty()) {
        let _ = write!(h, "<p class=\"empty-note\" role=\"note\">{}</p>", esc(note));
    }
    let _ = write!(
        h,
        "\n  <div class=\"table-scroll\" role=\"region\" aria-label=\"表格：{}\" tabindex=\"0\">\n  <table id=\"{id}\" class=\"budget-table cols-{}{}\">\n    <caption>{title}",
        esc(&t.name),
        t.columns,
        if row_labelled(t) {
            " sticky"
        } else if is_form(t) {
            " form"
        } else {
            ""
        }
    );
    if !t.meta.is_empty() {
        let _ = write!(h, "（{}）", esc(&t.meta.join("，")));
    }
    h.push_str("</caption>\n    <thead>");
    for row in &t.head {
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
    body_html(t, &mut h);
    h.push_str("\n    </tbody>\n  </table>\n  </div>\n  ");
    for n in &t.notes {
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
pub fn row_labelled(t: &TableView) -> bool {
    let mut below = 0usize;
    t.body.iter().all(|row| {
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
    }) && !t.body.is_empty()
}

/// Whether the table is a form (headings inside its body, as the performance tables):
/// its first lines are not a header to repeat on each printed page.
pub fn is_form(t: &TableView) -> bool {
    t.body
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.class == "head")
}

fn body_html(t: &TableView, h: &mut String) {
    // Classes, scopes and ids are the program's own ASCII words (ids are built from
    // `table-NN`); only the cells' texts come from data and are escaped. Pushed piece by
    // piece: `write!` was a good part of writing a page's thousands of cells.
    let mut wiring = Wiring::new(&t.id, &t.col_ids);
    for (r, row) in t.body.iter().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::money::Money;
    use crate::derive::table_view::build_head;

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
    fn body_cells_name_the_headers_above_them() {
        let head = build_head(
            "t",
            &[
                &[("合计", 1, 2), ("基本支出", 2, 1)],
                &[("人员", 1, 1), ("公用", 1, 1)],
            ],
        );
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
