//! The annex tables a profile lists, each a pivot of the facts.
//!
//! Every amount here is a sum over fact lines; nothing is read from a typed total. The layouts
//! here follow the published 13-table format (see `tests/data/samples/`); `tables9.rs` holds
//! those of the 9-table format. The profile picks the layout of each table (`kind`), what it
//! shows (`key`), its name, unit and row style; amounts are computed in the file's unit and
//! converted in `finish`, so every layout shows every unit.

use super::figures::{BySource, Figures, Source, project_total};
use super::table_view::{H, Row, TableView, build_head};
use super::tables9;
use crate::content::codes;
use crate::content::model::{Components, Disclosure, EconomicComponents, Project};
use crate::content::money::{Money, Shown};
use crate::content::profile::{Profile, RowStyle, TableEntry};
use std::collections::BTreeMap;

mod projects;
use projects::*;

mod economic;
use economic::*;

pub(crate) mod functional;
use functional::*;

mod income_expenditure;
use income_expenditure::*;

const ROUNDING: &str = "注：报表金额单位转换时可能存在四舍五入尾数误差。";

/// What every table builder needs.
pub struct Ctx<'a> {
    pub d: &'a Disclosure,
    pub f: &'a Figures,
}

impl<'a> Ctx<'a> {
    /// The units to show rows for, each with its part of `items`; a department that
    /// publishes totals only has one group without a unit, so no row names a unit.
    fn unit_groups<T>(
        &self,
        items: &[&'a T],
        unit: impl Fn(&T) -> &Option<String>,
    ) -> Vec<(Option<&'a crate::content::model::BudgetUnit>, Vec<&'a T>)> {
        if self.d.department_totals_only {
            return vec![(None, items.to_vec())];
        }
        self.d
            .units
            .iter()
            .map(|u| {
                let mine = (items.iter().copied())
                    .filter(|x| self.unit_name(unit(x)) == u.code)
                    .collect();
                (Some(u), mine)
            })
            .collect()
    }

    fn unit_name(&self, code: &Option<String>) -> String {
        match code {
            Some(c) => c.clone(),
            None => self
                .d
                .budgeted_units()
                .next()
                .unwrap_or(&self.d.units[0])
                .code
                .clone(),
        }
    }
}

/// One table's place in the profile: its entry, number and how its amounts are shown.
pub struct Slot<'a> {
    pub profile: &'a Profile,
    pub entry: &'a TableEntry,
    /// 1-based position in the profile.
    pub number: usize,
    pub shown: Shown,
    pub year: u16,
}

impl Slot<'_> {
    /// `部门名称：…`, `单位：万元` above the table.
    pub(super) fn meta(&self, d: &Disclosure) -> Vec<String> {
        vec![
            format!("{}：{}", self.profile.department_label, d.name),
            format!("单位：{}", self.shown.unit()),
        ]
    }
    /// The unit shown, for headings that name it (`部门预算总额(万元)`).
    pub(super) fn unit(&self) -> &'static str {
        self.shown.unit()
    }
    pub(super) fn key(&self) -> &'static str {
        static_key(self.entry.key())
    }
    pub(super) fn style(&self) -> RowStyle {
        self.profile.row_style
    }
}

/// The `&'static str` of a key the profile validated against [`crate::content::profile::KINDS`].
fn static_key(key: &str) -> &'static str {
    crate::content::profile::KINDS
        .iter()
        .flat_map(|(_, keys)| keys.iter())
        .find(|k| **k == key)
        .copied()
        .unwrap_or("")
}

/// The layout's part of a table: header, subtitle and its own notes; the profile gives the
/// rest (number, name, title, unit).
pub(super) struct Spec<'a> {
    pub subtitle: Option<String>,
    pub meta: Vec<String>,
    pub head: &'a [&'a [H<'a>]],
    /// The layout's notes, used unless the profile gives its own.
    pub notes: Vec<String>,
}

pub(super) fn finish(
    ctx: &Ctx,
    slot: &Slot,
    spec: Spec,
    mut body: Vec<Row>,
    empty: bool,
) -> TableView {
    let id = format!("table-{:02}", slot.number);
    let head = build_head(&id, spec.head);
    let spelling = slot.profile.table_spelling(slot.entry);
    if slot.shown.converts() || spelling != crate::content::spelling::Spelling::TABLE {
        for row in &mut body {
            for c in &mut row.cells {
                c.show(slot.shown, spelling);
            }
        }
    }
    let key = slot.key();
    TableView {
        id,
        key,
        number: slot.profile.number(slot.number),
        number_label: slot.profile.number_label(slot.number),
        name: slot.entry.name(slot.year),
        title: slot.entry.title(slot.year),
        subtitle: spec.subtitle,
        meta: spec.meta,
        unit: slot.shown.unit(),
        columns: head.col_ids.len(),
        column_names: head.names,
        col_ids: head.col_ids,
        head: head.cells,
        body,
        notes: slot.entry.notes.clone().unwrap_or(spec.notes),
        empty_note: if empty {
            ctx.d.empty_tables.get(key).cloned()
        } else {
            None
        },
    }
}

/// Whether a table of the profile has data. The builders below decide emptiness with this, and
/// the check step asks it for every department without building the tables, so an empty
/// table and its required `empty_tables` explanation are always judged alike.
pub fn has_data(ctx: &Ctx, key: &str) -> bool {
    let d = ctx.d;
    let spends = |sources: &[Source]| {
        d.expenditure
            .iter()
            .any(|l| sources.iter().any(|s| !l.source(*s).total().is_zero()))
    };
    match key {
        "expenditure" | "general" | "fund" | "state_capital" => spends(sources_of(key)),
        "general_basic" => d.economic.iter().any(|l| !l.general.basic().is_zero()),
        "economic" => d.economic.iter().any(|l| !l.all().total().is_zero()),
        "three_public" => !ctx.f.three_public.total().is_zero(),
        "projects" | "project_performance" => !d.projects.is_empty(),
        // Tables 1, 2, 4 and 12 always have their rows (and T12 its text).
        _ => true,
    }
}

/// Whether the table of `entry` has data: as [`has_data`] for its key, except that the
/// combined “三公” and 机关运行经费 table has data when either has.
pub fn entry_has_data(ctx: &Ctx, entry: &TableEntry) -> bool {
    match entry.kind.as_str() {
        "three_public_running" => has_data(ctx, entry.key()) || !ctx.f.running_costs.is_zero(),
        _ => has_data(ctx, entry.key()),
    }
}

/// The money a table of 功能分类 rows shows, by its key.
pub(super) fn sources_of(key: &str) -> &'static [Source] {
    match key {
        "general" => &[Source::General],
        "fund" => &[Source::Fund],
        "state_capital" => &[Source::StateCapital],
        _ => &Source::ALL,
    }
}

/// The tables of the default (13-table) profile in publication order.
pub fn all_tables(ctx: &Ctx) -> Vec<TableView> {
    tables_for(ctx, Profile::default_ref())
}

/// The tables `profile` publishes, in its order, each drawn by its layout and shown in its
/// unit.
pub fn tables_for(ctx: &Ctx, profile: &Profile) -> Vec<TableView> {
    profile
        .tables
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let shown = profile.tables_shown(ctx.d.money_unit);
            let slot = Slot {
                profile,
                entry,
                number: i + 1,
                shown: entry.unit.map_or(shown, |u| shown.in_unit(u)),
                year: ctx.d.year,
            };
            build(ctx, &slot)
        })
        .collect()
}

fn build(ctx: &Ctx, slot: &Slot) -> TableView {
    match slot.entry.kind.as_str() {
        "income_expenditure" => income_expenditure(ctx, slot),
        "income" => income(ctx, slot),
        "functional" => functional(ctx, slot),
        "appropriation" => appropriation(ctx, slot),
        "general_basic" => general_basic(ctx, slot),
        "economic" => economic(ctx, slot),
        "three_public" => three_public(ctx, slot),
        "projects" => projects(ctx, slot),
        "department_performance" => department_performance(ctx, slot),
        "project_performance" => project_performance(ctx, slot),
        "paired_income_expenditure" => tables9::paired_income_expenditure(ctx, slot),
        "income_by_function" => tables9::income_by_function(ctx, slot),
        "functional_basic_project" => tables9::functional_basic_project(ctx, slot),
        "paired_appropriation" => tables9::paired_appropriation(ctx, slot),
        "general_basic_economic" => tables9::general_basic_economic(ctx, slot),
        "paired_income_expenditure_split" => {
            super::tables9_unit::paired_income_expenditure_split(ctx, slot)
        }
        // Profiles are validated against `profile::KINDS` when loaded, so this is the last.
        _ => tables9::three_public_running(ctx, slot),
    }
}

/// Sum of functional lines per 类 over the given sources.
pub(crate) fn class_totals(d: &Disclosure, sources: &[Source]) -> BTreeMap<String, Components> {
    let mut out: BTreeMap<String, Components> = BTreeMap::new();
    for l in &d.expenditure {
        let c = sources
            .iter()
            .fold(Components::default(), |acc, s| acc + l.source(*s).clone());
        let e = out.entry(l.code[..3].to_owned()).or_default();
        *e = e.clone() + c;
    }
    out
}

/// Table 2 部门收入预算表.
fn income(ctx: &Ctx, slot: &Slot) -> TableView {
    let d = ctx.d;
    let nums = |l: &crate::content::model::IncomeLine| {
        let c = &l.carryover;
        vec![
            l.total(),
            l.year_total(),
            l.general(),
            l.appropriation,
            l.fund_total(),
            l.state_capital,
            l.special_account,
            l.business,
            l.operating,
            l.superior,
            l.affiliated,
            l.other,
            l.carryover_total(),
            c.general,
            c.fund,
            c.state_capital,
            c.special_account,
            c.unit_funds,
        ]
    };
    let total = &ctx.f.income;
    let mut body = vec![
        Row::new("total").code("").label("合计").nums(nums(total)),
        Row::new("dept")
            .code(&d.code)
            .label(&d.name)
            .nums(nums(total)),
    ];
    // A department publishing totals only shows no unit rows.
    for u in d.units.iter().filter(|_| !d.department_totals_only) {
        let lines = d.income.iter().filter(|l| ctx.unit_name(&l.unit) == u.code);
        let sum = super::figures::sum_income(lines);
        body.push(
            Row::new("unit")
                .code(&u.code)
                .label(&u.name)
                .nums(nums(&sum)),
        );
    }
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[
            &[
                ("部门代码", 1, 3),
                ("部门名称", 1, 3),
                ("总计", 1, 3),
                ("本年收入", 11, 1),
                ("上年结转结余", 6, 1),
            ],
            &[
                ("合计", 1, 2),
                ("一般公共预算", 2, 1),
                ("政府性基金", 1, 2),
                ("国有资本经营预算", 1, 2),
                ("财政专户管理资金收入", 1, 2),
                ("事业收入", 1, 2),
                ("事业单位经营收入", 1, 2),
                ("上级补助收入", 1, 2),
                ("附属单位上缴收入", 1, 2),
                ("其他收入", 1, 2),
                ("合计", 1, 2),
                ("一般公共预算", 1, 2),
                ("政府性基金", 1, 2),
                ("国有资本经营预算", 1, 2),
                ("财政专户管理资金", 1, 2),
                ("单位资金", 1, 2),
            ],
            &[("小计", 1, 1), ("其中：财政拨款", 1, 1)],
        ],
        notes: vec![ROUNDING.into()],
    };
    finish(ctx, slot, spec, body, false)
}

pub(super) fn component_nums(c: &Components) -> Vec<Money> {
    vec![
        c.total(),
        c.basic(),
        c.wages,
        c.family,
        c.public,
        c.project(),
        c.running,
        c.targeted,
    ]
}

/// 项 code → (name, amounts), in code order.
pub(super) type ItemRows<'a> = BTreeMap<&'a str, (&'a str, Components)>;

/// The 功能分类 项 with money from `sources`, of one unit (`Some(code)`) or of the whole
/// department, summed per code.
pub(super) fn items_of<'a>(ctx: &Ctx<'a>, sources: &[Source], unit: Option<&str>) -> ItemRows<'a> {
    let mut items: ItemRows = BTreeMap::new();
    for l in ctx.d.expenditure.iter() {
        if unit.is_some_and(|u| ctx.unit_name(&l.unit) != u) {
            continue;
        }
        let c = sources
            .iter()
            .fold(Components::default(), |acc, s| acc + l.source(*s).clone());
        if c.total().is_zero() {
            continue;
        }
        let e = items
            .entry(&l.code)
            .or_insert((&l.name, Components::default()));
        e.1 = e.1.clone() + c;
    }
    items
}

/// Code lengths of the levels of 功能分类 (类 3, 款 5, 项 7) and 经济分类 (类 3, 款 5).
pub(super) const FUNCTION_LEVELS: &[usize] = &[3, 5, 7];
pub(super) const ECONOMIC_LEVELS: &[usize] = &[3, 5];

/// A row of classified amounts: a 类 or 款 subtotal, or an item.
pub(super) struct Grouped<'a> {
    /// The code split as the code columns print it: `["201"]`, `["201", "13"]`, …
    pub parts: Vec<&'a str>,
    pub name: String,
    pub amounts: Vec<Money>,
    /// Whether this is an item (the deepest level) rather than a subtotal.
    pub item: bool,
}

impl Grouped<'_> {
    /// The row, its class (`class`, `section`, `item`) and its `columns` code cells.
    pub fn row(&self, columns: usize) -> Row {
        let class = match (self.item, self.parts.len()) {
            (true, _) => "item",
            (false, 1) => "class",
            _ => "section",
        };
        (0..columns).fold(Row::new(class), |r, i| {
            r.code(self.parts.get(i).copied().unwrap_or(""))
        })
    }
}

/// Items in code order, grouped as the row style asks: `Items` gives them as they are;
/// `ClassSection` puts a 类 row and a 款 row (the sums of their items) above their items,
/// named from the disclosure's `subject_names` (see `codes::subject_name`).
pub(super) fn grouped<'a>(
    d: &Disclosure,
    items: &[(&'a str, &'a str, Vec<Money>)],
    levels: &[usize],
    style: RowStyle,
) -> Vec<Grouped<'a>> {
    let split = |code: &'a str, depth: usize| -> Vec<&'a str> {
        let mut from = 0;
        levels[..=depth]
            .iter()
            .map(|&to| {
                let part = code.get(from..to).unwrap_or("");
                from = to;
                part
            })
            .collect()
    };
    let mut sums: BTreeMap<&str, Vec<Money>> = BTreeMap::new();
    if style == RowStyle::ClassSection {
        for (code, _, amounts) in items {
            for &len in &levels[..levels.len() - 1] {
                let e = sums.entry(code.get(..len).unwrap_or(code)).or_default();
                *e = add_vecs(std::mem::take(e), amounts.clone());
            }
        }
    }
    let mut out = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    for (code, name, amounts) in items {
        if style == RowStyle::ClassSection {
            for (depth, &len) in levels[..levels.len() - 1].iter().enumerate() {
                let prefix = code.get(..len).unwrap_or(code);
                if open.get(depth) == Some(&prefix) {
                    continue;
                }
                open.truncate(depth);
                open.push(prefix);
                out.push(Grouped {
                    parts: split(code, depth),
                    name: codes::subject_name(&d.subject_names, prefix)
                        .unwrap_or("")
                        .to_owned(),
                    amounts: sums.get(prefix).cloned().unwrap_or_default(),
                    item: false,
                });
            }
        }
        out.push(Grouped {
            parts: split(code, levels.len() - 1),
            name: (*name).to_owned(),
            amounts: amounts.clone(),
            item: true,
        });
    }
    out
}

pub(super) fn add_vecs(a: Vec<Money>, b: Vec<Money>) -> Vec<Money> {
    if a.is_empty() {
        return b;
    }
    a.into_iter().zip(b).map(|(x, y)| x + y).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jiyuan_085() -> Disclosure {
        crate::content::yaml::from_str(include_str!("../../content/2024/085.yaml")).unwrap()
    }

    #[test]
    fn the_default_profile_lists_the_tables_all_tables_builds() {
        let d = jiyuan_085();
        let f = Figures::of(&d);
        let built = all_tables(&Ctx { d: &d, f: &f });
        let profile = Profile::default_profile();
        assert_eq!(built.len(), 13);
        for (i, (t, e)) in built.iter().zip(&profile.tables).enumerate() {
            assert_eq!((t.key, t.name.as_str()), (e.key(), e.name.as_str()));
            assert_eq!(t.number, crate::content::codes::chinese_number(i + 1));
            assert_eq!(t.id, format!("table-{:02}", i + 1));
        }
    }

    #[test]
    fn class_section_rows_put_class_and_section_sums_above_their_items() {
        let d = jiyuan_085();
        let items = [
            (
                "2011350",
                "事业运行",
                vec![Money(5.into()), Money(1.into())],
            ),
            ("2011399", "其他", vec![Money(2.into()), Money::ZERO]),
            ("2080505", "养老", vec![Money(3.into()), Money(3.into())]),
        ];
        let rows = grouped(&d, &items, FUNCTION_LEVELS, RowStyle::ClassSection);
        let got: Vec<(Vec<&str>, String, Vec<Money>, bool)> = rows
            .into_iter()
            .map(|g| (g.parts, g.name, g.amounts, g.item))
            .collect();
        let m = |n: i64| Money(n.into());
        assert_eq!(
            got[0],
            (vec!["201"], "一般公共服务".into(), vec![m(7), m(1)], false)
        );
        assert_eq!(got[1].0, vec!["201", "13"]);
        assert_eq!(got[1].2, vec![m(7), m(1)]);
        assert!(got[2].3 && got[2].0 == vec!["201", "13", "50"]);
        assert_eq!(got[4].0, vec!["208"]);
        assert_eq!(got.len(), 7);
        let plain = grouped(&d, &items, FUNCTION_LEVELS, RowStyle::Items);
        assert_eq!(plain.len(), 3);
        assert!(plain.iter().all(|g| g.item));
    }
}
