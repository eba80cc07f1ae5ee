//! An annex table as data: header grid, body rows, notes, and which header cells stand
//! above each leaf column.
//!
//! All thirteen annex tables (and any region's tables) share this one shape, built by the
//! layouts in `derive::tables`; `render::table` writes it as markup, the downloads read its
//! grid. The `id`s of the header cells are given here once, so every output names the same
//! cells.

use crate::content::money::{Money, Shown};
use serde::Serialize;
use std::borrow::Cow;

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
    pub fn new(text: impl Into<String>, class: &'static str) -> Cell {
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
}

/// A table's body as rows of cell texts, every position filled (see [`TableView::grid`]).
pub type Grid<'t> = Vec<Vec<Cow<'t, str>>>;

/// A header cell spec: text, colspan, rowspan.
pub type H<'a> = (&'a str, usize, usize);

/// The two header rows of a table that sets income beside expenditure (tables 1, and the
/// 9-table layout's table 4): `income` over 项目 and one `amount` column, `expenditure`
/// over 项目 and the `spent` columns.
pub fn two_sided<'a>(
    (income, expenditure): (&'a str, &'a str),
    amount: &'a str,
    spent: &[H<'a>],
) -> [Vec<H<'a>>; 2] {
    let width = 1 + spent.iter().map(|h| h.1.max(1)).sum::<usize>();
    let mut leaves = vec![("项目", 1, 1), (amount, 1, 1), ("项目", 1, 1)];
    leaves.extend_from_slice(spent);
    [vec![(income, 2, 1), (expenditure, width, 1)], leaves]
}

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

impl TableView {
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
    }
}
