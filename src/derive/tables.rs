//! The annex tables a profile lists, each a pivot of the facts.
//!
//! Every amount here is a sum over fact lines; nothing is read from a typed total. The layouts
//! here follow the published 13-table format (see `tests/data/samples/`); `tables9.rs` holds
//! those of the 9-table format. The profile picks the layout of each table (`kind`), what it
//! shows (`key`), its name, unit and row style; amounts are computed in the file's unit and
//! converted in `finish`, so every layout shows every unit.

use super::figures::{BySource, Figures, Source, project_total};
use super::tables9;
use crate::content::codes;
use crate::content::model::{Components, Disclosure, EconomicComponents, Project};
use crate::content::money::{Money, Shown};
use crate::content::profile::{Profile, RowStyle, TableEntry};
use crate::render::table::{H, Row, TableView, build_head};
use std::collections::BTreeMap;

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
    let mut table = TableView {
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
        html: String::new(),
    };
    table.html = table.section_html();
    table
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
        // Profiles are validated against `profile::KINDS` when loaded, so this is the last.
        _ => tables9::three_public_running(ctx, slot),
    }
}

/// Table 1 部门收支预算表.
fn income_expenditure(ctx: &Ctx, slot: &Slot) -> TableView {
    let (d, f) = (ctx.d, ctx.f);
    let i = &f.income;
    let left: Vec<(&str, Money)> = vec![
        ("一、一般公共预算", i.general()),
        ("其中：财政拨款", i.appropriation),
        ("专项收入", i.special_revenue),
        ("其他一般公共预算资金", i.other_general),
        ("上级提前下达", i.general_advance),
        ("一般债券", i.general_bond),
        ("二、政府性基金预算拨款收入", i.fund_total()),
        ("其中：政府性基金预算资金", i.fund),
        ("上级提前下达", i.fund_advance),
        ("专项债券", i.fund_bond),
        ("三、国有资本经营预算拨款收入", i.state_capital),
        ("四、财政专户管理资金收入", i.special_account),
        ("五、事业收入", i.business),
        ("六、事业单位经营收入", i.operating),
        ("七、上级补助收入", i.superior),
        ("八、附属单位上缴收入", i.affiliated),
        ("九、其他收入", i.other),
    ];
    let by_class = class_totals(d, &Source::ALL);
    let right: Vec<(String, Money)> = codes::FUNCTION_CLASSES
        .iter()
        .map(|(code, name)| {
            let n: usize = code.parse::<usize>().unwrap_or(200) - 200;
            (
                format!("{}、{}", codes::chinese_number(n), name),
                by_class
                    .get(*code)
                    .map(Components::total)
                    .unwrap_or_default(),
            )
        })
        .collect();
    let mut body = Vec::new();
    for r in 0..left.len().max(right.len()) {
        let mut row = Row::new("item");
        row = match left.get(r) {
            Some((l, m)) => row.label(*l).num(*m),
            None => row.blanks(2),
        };
        row = match right.get(r) {
            Some((l, m)) => row.label(l.clone()).num(*m),
            None => row.blanks(2),
        };
        body.push(row);
    }
    let totals = [
        (
            "本年收入合计",
            i.year_total(),
            "本年支出合计",
            f.year_expenditure,
        ),
        (
            "上年结转结余",
            i.carryover_total(),
            "年终结转结余",
            d.year_end_balance,
        ),
        ("收入总计", f.income_total, "支出总计", f.expenditure_total),
    ];
    for (a, x, b, y) in totals {
        body.push(Row::new("total").label(a).num(x).label(b).num(y));
    }
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[
            &[("收入", 2, 1), ("支出", 2, 1)],
            &[
                ("项目", 1, 1),
                ("金额", 1, 1),
                ("项目", 1, 1),
                ("金额", 1, 1),
            ],
        ],
        notes: vec![ROUNDING.into()],
    };
    finish(ctx, slot, spec, body, false)
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

/// Tables 3, 5, 9, 10 of the 13-table format: expenditure by 功能分类 项 with the full split
/// of 基本支出 and 项目支出, over the money of the table's key.
fn functional(ctx: &Ctx, slot: &Slot) -> TableView {
    let d = ctx.d;
    let key = slot.key();
    let sources = sources_of(key);
    let per_unit: Vec<(Option<&crate::content::model::BudgetUnit>, ItemRows)> =
        if d.department_totals_only {
            vec![(None, items_of(ctx, sources, None))]
        } else {
            (d.units.iter())
                .map(|u| (Some(u), items_of(ctx, sources, Some(&u.code))))
                .collect()
        };
    let total: Components = per_unit
        .iter()
        .flat_map(|(_, m)| m.values().map(|(_, c)| c.clone()))
        .sum();
    let empty = !has_data(ctx, key);
    let mut body = vec![
        Row::new("total")
            .blanks(4)
            .label("合计")
            .nums(component_nums(&total)),
    ];
    if !empty {
        body.push(
            Row::new("dept")
                .blanks(3)
                .code(&d.code)
                .label(&d.name)
                .nums(component_nums(&total)),
        );
        let several = d.units.len() > 1;
        for (u, items) in &per_unit {
            if items.is_empty() {
                continue;
            }
            if let Some(u) = u.filter(|_| several) {
                let sum: Components = items.values().map(|(_, c)| c.clone()).sum();
                body.push(
                    Row::new("unit")
                        .blanks(3)
                        .code(&u.code)
                        .label(&u.name)
                        .nums(component_nums(&sum)),
                );
            }
            let leaves: Vec<_> = items
                .iter()
                .map(|(code, (name, c))| (*code, *name, component_nums(c)))
                .collect();
            for g in grouped(d, &leaves, FUNCTION_LEVELS, slot.style()) {
                body.push(g.row(3).text("").label(g.name).nums(g.amounts));
            }
        }
    }
    let notes = match key {
        "general" => vec![ROUNDING.into(), "本表仅含当年财政拨款安排的支出。".into()],
        "state_capital" => vec!["注：若合计数与分项数不一致是因四舍五入的原因引起的。".into()],
        _ => vec![ROUNDING.into()],
    };
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(d),
        head: &[
            &[
                ("科目编码", 3, 1),
                ("单位代码", 1, 3),
                ("单位（科目名称）", 1, 3),
                ("合计", 1, 3),
                ("基本支出", 4, 1),
                ("项目支出", 3, 1),
            ],
            &[
                ("类", 1, 2),
                ("款", 1, 2),
                ("项", 1, 2),
                ("小计", 1, 2),
                ("人员经费", 2, 1),
                ("公用经费", 1, 2),
                ("小计", 1, 2),
                ("其他运转类", 1, 2),
                ("特定目标类", 1, 2),
            ],
            &[("工资福利支出", 1, 1), ("对个人和家庭的补助", 1, 1)],
        ],
        notes,
    };
    finish(ctx, slot, spec, body, empty)
}

/// Table 4 财政拨款收支总体情况表.
fn appropriation(ctx: &Ctx, slot: &Slot) -> TableView {
    let (d, f) = (ctx.d, ctx.f);
    let i = &f.income;
    let c = &i.carryover;
    let year_in = i.general() + i.fund_total() + i.state_capital;
    let carried = c.general + c.fund + c.state_capital;
    let left: Vec<(&str, Money)> = vec![
        ("一、本年收入", year_in),
        ("（一）一般公共预算拨款", i.general()),
        ("其中：财政拨款", i.appropriation),
        ("（二）政府性基金预算拨款", i.fund_total()),
        ("（三）国有资本经营预算拨款", i.state_capital),
        ("二、上年结转", carried),
        ("（一）一般公共预算拨款", c.general),
        ("（二）政府性基金预算拨款", c.fund),
        ("（三）国有资本经营预算拨款", c.state_capital),
    ];
    let g = class_totals(d, &[Source::General]);
    let fu = class_totals(d, &[Source::Fund]);
    let s = class_totals(d, &[Source::StateCapital]);
    let amounts = |g0: Money, fund: Money, sc: Money| vec![g0 + fund + sc, g0, g0, fund, sc];
    let mut right: Vec<(String, Vec<Money>)> = vec![(
        "一、本年支出".into(),
        amounts(f.general.total(), f.fund.total(), f.state_capital.total()),
    )];
    for (code, label) in codes::APPROPRIATION_ROWS {
        let get = |m: &BTreeMap<String, Components>| {
            code.and_then(|k| m.get(k))
                .map(Components::total)
                .unwrap_or_default()
        };
        right.push(((*label).into(), amounts(get(&g), get(&fu), get(&s))));
    }
    right.push((
        "二、年终结转结余".into(),
        vec![
            d.year_end_balance,
            Money::ZERO,
            Money::ZERO,
            Money::ZERO,
            Money::ZERO,
        ],
    ));
    let mut body = Vec::new();
    for r in 0..left.len().max(right.len()) {
        let mut row = Row::new("item");
        row = match left.get(r) {
            Some((l, m)) => row.label(*l).num(*m),
            None => row.blanks(2),
        };
        row = match right.get(r) {
            Some((l, ms)) => row.label(l.clone()).nums(ms.clone()),
            None => row.blanks(6),
        };
        body.push(row);
    }
    let mut out_total = amounts(f.general.total(), f.fund.total(), f.state_capital.total());
    out_total[0] += d.year_end_balance;
    body.push(
        Row::new("total")
            .label("收入合计")
            .num(year_in + carried)
            .label("支出合计")
            .nums(out_total),
    );
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[
            &[("收入", 2, 1), ("支出", 6, 1)],
            &[
                ("项目", 1, 2),
                ("金额", 1, 2),
                ("项目", 1, 2),
                ("合计", 1, 2),
                ("一般公共预算", 2, 1),
                ("政府性基金", 1, 2),
                ("国有资本经营预算", 1, 2),
            ],
            &[("小计", 1, 1), ("其中：财政拨款", 1, 1)],
        ],
        notes: vec![ROUNDING.into()],
    };
    finish(ctx, slot, spec, body, false)
}

/// Economic lines summed per 款 code, in code order, with the names of the first line.
fn economic_rows(d: &Disclosure) -> BTreeMap<&str, Vec<&crate::content::model::EconomicLine>> {
    let mut m: BTreeMap<&str, Vec<&crate::content::model::EconomicLine>> = BTreeMap::new();
    for l in &d.economic {
        m.entry(&l.code).or_default().push(l);
    }
    m
}

fn gov_name(l: &crate::content::model::EconomicLine) -> String {
    l.gov_name
        .clone()
        .or_else(|| {
            l.gov_code
                .as_deref()
                .and_then(codes::gov_economic_name)
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

/// Table 6 一般公共预算基本支出表.
fn general_basic(ctx: &Ctx, slot: &Slot) -> TableView {
    let d = ctx.d;
    let rows = economic_rows(d);
    let basic = |ls: &[&crate::content::model::EconomicLine]| -> EconomicComponents {
        ls.iter()
            .map(|l| EconomicComponents {
                project: Money::ZERO,
                ..l.general.clone()
            })
            .sum()
    };
    let nums = |c: &EconomicComponents| vec![c.basic(), c.personnel, c.public];
    let total: EconomicComponents = rows.values().map(|ls| basic(ls)).sum();
    let mut body = vec![
        Row::new("total")
            .text("")
            .label("合计")
            .blanks(2)
            .nums(nums(&total)),
    ];
    let mut classes: BTreeMap<&str, Vec<(&str, &Vec<&crate::content::model::EconomicLine>)>> =
        BTreeMap::new();
    for (code, ls) in &rows {
        if !basic(ls).basic().is_zero() {
            classes.entry(&code[..3]).or_default().push((code, ls));
        }
    }
    for (class, items) in &classes {
        let sum: EconomicComponents = items.iter().map(|(_, ls)| basic(ls)).sum();
        let name = codes::economic_class_name(class).unwrap_or("");
        body.push(
            Row::new("class")
                .code(*class)
                .label(name)
                .blanks(2)
                .nums(nums(&sum)),
        );
        for (code, ls) in items {
            let first = ls[0];
            body.push(
                Row::new("item")
                    .code(*code)
                    .label(&first.name)
                    .code(first.gov_code.as_deref().unwrap_or(""))
                    .text(gov_name(first))
                    .nums(nums(&basic(ls))),
            );
        }
    }
    let empty = !has_data(ctx, "general_basic");
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[
            &[
                ("部门预算支出经济分类科目", 2, 1),
                ("政府预算支出经济分类科目编码", 2, 1),
                ("本年一般公共预算基本支出", 3, 1),
            ],
            &[
                ("科目编码", 1, 1),
                ("科目名称", 1, 1),
                ("科目编码", 1, 1),
                ("科目名称", 1, 1),
                ("合计", 1, 1),
                ("人员经费", 1, 1),
                ("公用经费", 1, 1),
            ],
        ],
        notes: vec![ROUNDING.into()],
    };
    finish(ctx, slot, spec, body, empty)
}

/// Table 7 支出经济分类汇总表.
fn economic(ctx: &Ctx, slot: &Slot) -> TableView {
    let d = ctx.d;
    let nums = |ls: &[&crate::content::model::EconomicLine]| {
        let t = |s: Source| ls.iter().map(|l| l.source(s).total()).sum::<Money>();
        let all: Money = ls.iter().map(|l| l.all().total()).sum();
        vec![
            all,
            t(Source::General),
            t(Source::General),
            t(Source::Fund),
            t(Source::StateCapital),
            t(Source::Carryover),
            t(Source::SpecialAccount),
            t(Source::Business),
            t(Source::Superior),
            t(Source::Affiliated),
            t(Source::Operating),
            t(Source::Other),
        ]
    };
    let everything: Vec<&crate::content::model::EconomicLine> = d.economic.iter().collect();
    let rows = economic_rows(d);
    let mut body = vec![
        Row::new("total")
            .blanks(2)
            .label("合计")
            .blanks(3)
            .nums(nums(&everything)),
    ];
    let empty = !has_data(ctx, "economic");
    if !empty {
        body.push(
            Row::new("dept")
                .code(&d.code)
                .text("")
                .label(&d.name)
                .blanks(3)
                .nums(nums(&everything)),
        );
    }
    for (code, ls) in &rows {
        let n = nums(ls);
        if n[0].is_zero() {
            continue;
        }
        let first = ls[0];
        let g = first.gov_code.as_deref().unwrap_or("");
        body.push(
            Row::new("item")
                .code(&code[..3])
                .code(&code[3..])
                .label(&first.name)
                .code(&g[..g.len().min(3)])
                .code(g.get(3..).unwrap_or(""))
                .text(gov_name(first))
                .nums(n),
        );
    }
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[
            &[
                ("部门预算经济分类", 3, 1),
                ("政府预算经济分类", 3, 1),
                ("总计", 1, 3),
                ("一般公共预算", 2, 2),
                ("政府性基金", 1, 3),
                ("国有资本经营预算", 1, 3),
                ("上年结转结余", 1, 3),
                ("财政专户管理资金收入", 1, 3),
                ("事业收入", 1, 3),
                ("上级补助收入", 1, 3),
                ("附属单位上缴收入", 1, 3),
                ("事业单位经营收入", 1, 3),
                ("其他收入", 1, 3),
            ],
            &[
                ("科目编码", 2, 1),
                ("科目名称", 1, 2),
                ("科目编码", 2, 1),
                ("科目名称", 1, 2),
            ],
            &[
                ("类", 1, 1),
                ("款", 1, 1),
                ("类", 1, 1),
                ("款", 1, 1),
                ("小计", 1, 1),
                ("其中：财政拨款", 1, 1),
            ],
        ],
        notes: vec![ROUNDING.into()],
    };
    finish(ctx, slot, spec, body, empty)
}

/// Table 8 一般公共预算“三公”经费预算表.
fn three_public(ctx: &Ctx, slot: &Slot) -> TableView {
    let t = &ctx.f.three_public;
    let body = vec![Row::new("total").nums([
        t.total(),
        t.abroad,
        t.vehicles(),
        t.vehicle_purchase,
        t.vehicle_running,
        t.reception,
    ])];
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[
            &[("“三公”经费合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务用车购置及运行费", 3, 1), ("公务接待费", 1, 2)],
            &[("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行费", 1, 1)],
        ],
        notes: vec![
            "注：1. 报表金额单位转换时可能存在四舍五入尾数误差。".into(),
            "2. 按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。（1）因公出国（境）费，指单位工作人员公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出。（2）公务用车购置及运行费，指单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出，公务用车指用于履行公务的机动车辆，包括领导干部专车、一般公务用车和执法执勤用车。（3）公务接待费，指单位按规定开支的各类公务接待（含外宾接待）支出。".into(),
        ],
    };
    finish(ctx, slot, spec, body, !has_data(ctx, "three_public"))
}

fn project_nums(p: &Project) -> Vec<Money> {
    let c = &p.carryover;
    vec![
        project_total(p),
        p.general,
        p.fund,
        p.state_capital,
        c.general,
        c.fund,
        c.state_capital,
        p.special_account,
        p.unit_funds,
    ]
}

pub(super) fn add_vecs(a: Vec<Money>, b: Vec<Money>) -> Vec<Money> {
    if a.is_empty() {
        return b;
    }
    a.into_iter().zip(b).map(|(x, y)| x + y).collect()
}

/// Table 11 项目支出预算表.
fn projects(ctx: &Ctx, slot: &Slot) -> TableView {
    let d = ctx.d;
    let sum =
        |ps: &mut dyn Iterator<Item = &Project>| ps.map(project_nums).fold(Vec::new(), add_vecs);
    let total = sum(&mut d.projects.iter());
    let empty = !has_data(ctx, "projects");
    let zeros = || vec![Money::ZERO; 9];
    let total = if empty { zeros() } else { total };
    let mut body = vec![
        Row::new("total")
            .text("")
            .label("合计")
            .text("")
            .nums(total.clone()),
    ];
    if !empty {
        body.push(
            Row::new("dept")
                .code(&d.code)
                .label(&d.name)
                .text("")
                .nums(total),
        );
        let all: Vec<&Project> = d.projects.iter().collect();
        for (u, mine) in ctx.unit_groups(&all, |p| &p.unit) {
            if mine.is_empty() {
                continue;
            }
            if let Some(u) = u {
                body.push(
                    Row::new("unit")
                        .code(&u.code)
                        .label(&u.name)
                        .text("")
                        .nums(sum(&mut mine.iter().copied())),
                );
            }
            for p in mine {
                body.push(
                    Row::new("item")
                        .code(u.map_or("", |u| u.code.as_str()))
                        .label(&p.name)
                        .text(p.kind.label())
                        .nums(project_nums(p)),
                );
            }
        }
    }
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[
            &[
                ("部门代码", 1, 2),
                ("部门（项目）名称", 1, 2),
                ("项目类型", 1, 2),
                ("合计", 1, 2),
                ("本年拨款", 3, 1),
                ("上年结转结余", 3, 1),
                ("财政专户管理资金", 1, 2),
                ("单位资金", 1, 2),
            ],
            &[
                ("一般公共预算", 1, 1),
                ("政府性基金预算", 1, 1),
                ("国有资本经营预算", 1, 1),
                ("一般公共预算", 1, 1),
                ("政府性基金预算", 1, 1),
                ("国有资本经营预算", 1, 1),
            ],
        ],
        notes: vec![ROUNDING.into()],
    };
    finish(ctx, slot, spec, body, empty)
}

/// Table 12 部门（单位）整体绩效目标表: a form rather than a grid.
fn department_performance(ctx: &Ctx, slot: &Slot) -> TableView {
    let (d, f) = (ctx.d, ctx.f);
    let p = &d.performance;
    let i = &f.income;
    let government = i.general()
        + i.fund_total()
        + i.state_capital
        + i.carryover.general
        + i.carryover.fund
        + i.carryover.state_capital;
    let special = i.special_account + i.carryover.special_account;
    let unit_funds =
        i.business + i.operating + i.superior + i.affiliated + i.other + i.carryover.unit_funds;
    let mut body = vec![
        Row::new("form")
            .label("部门(单位)名称")
            .span(2, 1)
            .text(&d.name)
            .span(3, 1),
        Row::new("form")
            .label("年度履职目标")
            .text(&p.goal)
            .span(4, 1),
        Row::new("form")
            .label("年度主要任务")
            .span(1, 1 + p.tasks.len())
            .colhead("任务名称")
            .colhead("主要内容")
            .span(3, 1),
    ];
    for t in &p.tasks {
        body.push(Row::new("form").label(&t.name).text(&t.content).span(3, 1));
    }
    let unit = slot.unit();
    let budget: Vec<(String, Money)> = vec![
        (format!("部门预算总额({unit})"), f.income_total),
        ("1、资金来源: (1) 政府预算资金".into(), government),
        ("(2) 财政专户管理资金".into(), special),
        ("(3) 单位资金".into(), unit_funds),
        ("2、资金结构: (1) 基本支出".into(), f.all.basic()),
        ("(2) 项目支出".into(), f.all.project()),
    ];
    for (k, (label, m)) in budget.into_iter().enumerate() {
        let mut row = Row::new("form");
        if k == 0 {
            row = row.label("预算情况").span(1, 6);
        }
        body.push(row.label(label).span(2, 1).num(m).span(2, 1));
    }
    body.push(
        Row::new("form")
            .colhead("一级指标")
            .colhead("二级指标")
            .colhead("三级指标")
            .colhead("指标值")
            .colhead("指标值说明"),
    );
    for g1 in &p.indicators {
        let n1: usize = g1.groups.iter().map(|g| g.items.len()).sum();
        let mut first1 = true;
        for g2 in &g1.groups {
            for (k, it) in g2.items.iter().enumerate() {
                let mut row = Row::new("indicator");
                if first1 {
                    row = row.label(&g1.name).span(1, n1);
                    first1 = false;
                }
                if k == 0 {
                    row = row.label(&g2.name).span(1, g2.items.len());
                }
                row = row
                    .label(&it.name)
                    .text(&it.value)
                    .text(it.note.clone().unwrap_or_default());
                body.push(row);
            }
        }
    }
    let spec = Spec {
        subtitle: Some(format!("({}年度)", slot.year)),
        meta: vec![],
        head: &[&[("项目", 2, 1), ("内容", 3, 1)]],
        notes: vec![],
    };
    finish(ctx, slot, spec, body, false)
}

/// Table 13 部门预算项目绩效目标表.
fn project_performance(ctx: &Ctx, slot: &Slot) -> TableView {
    let d = ctx.d;
    let amounts = |p: &Project| {
        let c = &p.carryover;
        let gov = p.general + p.fund + p.state_capital + c.general + c.fund + c.state_capital;
        vec![project_total(p), gov, p.special_account, p.unit_funds]
    };
    let sum = |ps: &[&Project]| ps.iter().map(|p| amounts(p)).fold(Vec::new(), add_vecs);
    let all: Vec<&Project> = d.projects.iter().collect();
    let empty = !has_data(ctx, "project_performance");
    let amount_head = format!("项目金额（{}）", slot.unit());
    let mut body = Vec::new();
    if !empty {
        body.push(
            Row::new("dept")
                .code(&d.code)
                .text("")
                .nums(sum(&all))
                .blanks(8),
        );
        for (u, mine) in ctx.unit_groups(&all, |p| &p.unit) {
            if mine.is_empty() {
                continue;
            }
            if let Some(u) = u {
                body.push(
                    Row::new("unit")
                        .code(&u.code)
                        .label(&u.name)
                        .nums(sum(&mine))
                        .blanks(8),
                );
            }
            for p in mine {
                let t = &p.targets;
                let lists = [&t.cost, &t.output, &t.effect, &t.satisfaction];
                let n = lists.iter().map(|l| l.len()).max().unwrap_or(0).max(1);
                for k in 0..n {
                    let mut row = Row::new("item");
                    if k == 0 {
                        row = row.code(&p.code).span(1, n).label(&p.name).span(1, n);
                        for m in amounts(p) {
                            row = row.num(m).span(1, n);
                        }
                    }
                    for l in lists {
                        row = match l.get(k) {
                            Some(ind) => row.text(&ind.name).text(&ind.value),
                            None => row.blanks(2),
                        };
                    }
                    body.push(row);
                }
            }
        }
    }
    let spec = Spec {
        subtitle: None,
        meta: vec![format!("{}：{}", slot.profile.department_label, d.name)],
        head: &[
            &[
                ("单位编码（项目编码）", 1, 3),
                ("项目单位（项目名称）", 1, 3),
                (&amount_head, 4, 1),
                ("绩效目标", 8, 1),
            ],
            &[
                ("资金总额", 1, 2),
                ("政府预算资金", 1, 2),
                ("财政专户管理资金", 1, 2),
                ("单位资金", 1, 2),
                ("成本指标", 2, 1),
                ("产出指标", 2, 1),
                ("效益指标", 2, 1),
                ("满意度指标", 2, 1),
            ],
            &[
                ("三级指标", 1, 1),
                ("指标值", 1, 1),
                ("三级指标", 1, 1),
                ("指标值", 1, 1),
                ("三级指标", 1, 1),
                ("指标值", 1, 1),
                ("三级指标", 1, 1),
                ("指标值", 1, 1),
            ],
        ],
        notes: vec![],
    };
    finish(ctx, slot, spec, body, empty)
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
