//! An annex table's section from the `table.html` template, for a site that writes its own:
//! the template gets the table's texts and every cell with its `id` and `headers` already
//! worked out (by `render::table`'s wiring), so a region changes the markup without Rust
//! and without losing what screen readers need.

use super::table::{Wiring, is_form, row_labelled};
use crate::derive::table_view::TableView;
use serde::Serialize;
use tera::Tera;

/// What `templates/table.html` gets as `t`: the table's texts, and its cells with their
/// `id`s and `headers` worked out, so that the template only decides the markup.
#[derive(Serialize)]
struct Section<'t> {
    id: &'t str,
    number_label: &'t str,
    name: &'t str,
    title: &'t str,
    subtitle: Option<&'t str>,
    meta: &'t [String],
    empty_note: Option<&'t str>,
    columns: usize,
    /// ` sticky` ([`row_labelled`]), ` form` ([`is_form`]) or empty: added to the table's
    /// classes.
    class: &'static str,
    head: Vec<Vec<HeadCell<'t>>>,
    body: Vec<BodyRow<'t>>,
    notes: &'t [String],
}

#[derive(Serialize)]
struct HeadCell<'t> {
    id: &'t str,
    scope: &'static str,
    colspan: usize,
    rowspan: usize,
    text: &'t str,
}

#[derive(Serialize)]
struct BodyRow<'t> {
    class: &'static str,
    cells: Vec<BodyCell<'t>>,
}

/// A body cell. Only what the cell has is handed over (a `td` has no `th`, `id` or
/// `scope`; most cells span one column and row): a page has thousands of cells, and each
/// field is copied into Tera's context.
#[derive(Serialize)]
struct BodyCell<'t> {
    /// `th` when present, else `td`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    th: bool,
    /// A row label's id (or a heading cell's own).
    #[serde(skip_serializing_if = "String::is_empty")]
    id: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    scope: &'static str,
    class: &'static str,
    /// The ids of the header cells that describe it, space-separated.
    #[serde(skip_serializing_if = "String::is_empty")]
    headers: String,
    /// Present only above 1.
    #[serde(skip_serializing_if = "one")]
    colspan: usize,
    #[serde(skip_serializing_if = "one")]
    rowspan: usize,
    text: &'t str,
}

fn one(n: &usize) -> bool {
    *n <= 1
}

/// The table's section (heading, meta lines, the table with its header and body rows, notes)
/// as the `table.html` of `tera` writes it.
pub fn section_html(tera: &Tera, t: &TableView) -> Result<String, tera::Error> {
    let mut ctx = tera::Context::new();
    ctx.insert("t", &section(t));
    tera.render(super::table::TEMPLATE, &ctx)
}

fn section(t: &TableView) -> Section<'_> {
    let head = t
        .head
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| HeadCell {
                    id: &c.id,
                    scope: c.scope,
                    colspan: c.colspan,
                    rowspan: c.rowspan,
                    text: &c.text,
                })
                .collect()
        })
        .collect();
    let mut wiring = Wiring::new(&t.id, &t.col_ids);
    let body = t
        .body
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let mut cells = Vec::with_capacity(row.cells.len());
            wiring.row(r, row, |c, id, headers| {
                cells.push(BodyCell {
                    th: c.th,
                    id: match id {
                        Some(id) => id.to_owned(),
                        None if c.th => c.id.clone(),
                        None => String::new(),
                    },
                    scope: c.scope,
                    class: c.class,
                    headers: headers.to_owned(),
                    colspan: c.colspan,
                    rowspan: c.rowspan,
                    text: &c.text,
                })
            });
            BodyRow {
                class: row.class,
                cells,
            }
        })
        .collect();
    Section {
        id: &t.id,
        number_label: &t.number_label,
        name: &t.name,
        title: &t.title,
        subtitle: t.subtitle.as_deref(),
        meta: &t.meta,
        empty_note: t.empty_note.as_deref(),
        columns: t.columns,
        class: if row_labelled(t) {
            " sticky"
        } else if is_form(t) {
            " form"
        } else {
            ""
        },
        head,
        body,
        notes: &t.notes,
    }
}
