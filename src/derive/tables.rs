//! The thirteen annex tables, each a pivot of the facts.
//!
//! Every amount here is a sum over fact lines; nothing is read from a typed total. Row and
//! column layout follow the published 13-table format (see `../shared/samples/`).

use super::figures::{BySource, Figures, Source, project_total};
use crate::codes::{self, chinese_number};
use crate::model::{Components, Disclosure, EconomicComponents, Project};
use crate::money::Money;
use crate::table::{H, Row, TableView, build_head, column_names, wire_body};
use std::collections::BTreeMap;

const ROUNDING: &str = "注：报表金额单位转换时可能存在四舍五入尾数误差。";

/// What every table builder needs.
pub struct Ctx<'a> {
    pub d: &'a Disclosure,
    pub f: &'a Figures,
}

impl Ctx<'_> {
    fn year(&self) -> u16 {
        self.d.year
    }
    fn meta(&self) -> Vec<String> {
        vec![
            format!("部门名称：{}", self.d.name),
            format!("单位：{}", self.d.money_unit.label()),
        ]
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

/// Describes one table before its rows are computed.
struct Spec<'a> {
    key: &'static str,
    number: usize,
    name: &'static str,
    title: String,
    subtitle: Option<String>,
    meta: Vec<String>,
    head: &'a [&'a [H<'a>]],
    notes: Vec<String>,
}

fn finish(ctx: &Ctx, spec: Spec, mut body: Vec<Row>, empty: bool) -> TableView {
    let id = format!("table-{:02}", spec.number);
    let (head, col_ids) = build_head(&id, spec.head);
    let column_names = column_names(spec.head);
    wire_body(&id, &col_ids, &mut body);
    TableView {
        id,
        key: spec.key,
        number: chinese_number(spec.number),
        name: spec.name.to_owned(),
        title: spec.title,
        subtitle: spec.subtitle,
        meta: spec.meta,
        columns: col_ids.len(),
        column_names,
        head,
        body,
        notes: spec.notes,
        empty_note: if empty {
            ctx.d.empty_tables.get(spec.key).cloned()
        } else {
            None
        },
    }
}

/// The tables of the default 13-table profile in publication order: key (as used by
/// `empty_tables`) and name. The number of a table is its position + 1.
pub const PROFILE: [(&str, &str); 13] = [
    ("income_expenditure", "部门收支预算表"),
    ("income", "部门收入预算表"),
    ("expenditure", "部门支出预算表"),
    ("appropriation", "财政拨款收支总体情况表"),
    ("general", "一般公共预算支出预算表"),
    ("general_basic", "一般公共预算基本支出表"),
    ("economic", "支出经济分类汇总表"),
    ("three_public", "一般公共预算“三公”经费预算表"),
    ("fund", "政府性基金预算支出预算表"),
    ("state_capital", "国有资本经营预算支出预算表"),
    ("projects", "项目支出预算表"),
    ("department_performance", "部门（单位）整体绩效目标表"),
    ("project_performance", "部门预算项目绩效目标表"),
];

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
        "expenditure" => spends(&Source::ALL),
        "general" => spends(&[Source::General]),
        "fund" => spends(&[Source::Fund]),
        "state_capital" => spends(&[Source::StateCapital]),
        "general_basic" => d.economic.iter().any(|l| !l.general.basic().is_zero()),
        "economic" => d.economic.iter().any(|l| !l.all().total().is_zero()),
        "three_public" => !ctx.f.three_public.total().is_zero(),
        "projects" | "project_performance" => !d.projects.is_empty(),
        // Tables 1, 2, 4 and 12 always have their rows (and T12 its text).
        _ => true,
    }
}

/// All thirteen tables in publication order.
pub fn all_tables(ctx: &Ctx) -> Vec<TableView> {
    vec![
        income_expenditure(ctx),
        income(ctx),
        functional(
            ctx,
            "expenditure",
            3,
            "部门支出预算表",
            &Source::ALL,
            vec![ROUNDING.into()],
        ),
        appropriation(ctx),
        functional(
            ctx,
            "general",
            5,
            "一般公共预算支出预算表",
            &[Source::General],
            vec![ROUNDING.into(), "本表仅含当年财政拨款安排的支出。".into()],
        ),
        general_basic(ctx),
        economic(ctx),
        three_public(ctx),
        functional(
            ctx,
            "fund",
            9,
            "政府性基金预算支出预算表",
            &[Source::Fund],
            vec![ROUNDING.into()],
        ),
        functional(
            ctx,
            "state_capital",
            10,
            "国有资本经营预算支出预算表",
            &[Source::StateCapital],
            vec!["注：若合计数与分项数不一致是因四舍五入的原因引起的。".into()],
        ),
        projects(ctx),
        department_performance(ctx),
        project_performance(ctx),
    ]
}

/// Table 1 部门收支预算表.
fn income_expenditure(ctx: &Ctx) -> TableView {
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
                format!("{}、{}", chinese_number(n), name),
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
        key: "income_expenditure",
        number: 1,
        name: "部门收支预算表",
        title: format!("{}年部门收支预算表", ctx.year()),
        subtitle: None,
        meta: ctx.meta(),
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
    finish(ctx, spec, body, false)
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
fn income(ctx: &Ctx) -> TableView {
    let d = ctx.d;
    let nums = |l: &crate::model::IncomeLine| {
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
    for u in &d.units {
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
        key: "income",
        number: 2,
        name: "部门收入预算表",
        title: format!("{}年部门收入预算表", ctx.year()),
        subtitle: None,
        meta: ctx.meta(),
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
    finish(ctx, spec, body, false)
}

fn component_nums(c: &Components) -> Vec<Money> {
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

/// 项 code → (name, amounts) within one unit, in code order.
type ItemRows<'a> = BTreeMap<&'a str, (&'a str, Components)>;

/// Tables 3, 5, 9, 10: expenditure by 功能分类 项, over the given sources.
fn functional(
    ctx: &Ctx,
    key: &'static str,
    number: usize,
    name: &'static str,
    sources: &[Source],
    notes: Vec<String>,
) -> TableView {
    let d = ctx.d;
    let pick = |l: &crate::model::FunctionalLine| {
        sources
            .iter()
            .fold(Components::default(), |acc, s| acc + l.source(*s).clone())
    };
    // (unit, code) → (name, amounts), in code order within each unit.
    let mut per_unit: Vec<(&crate::model::BudgetUnit, ItemRows)> = Vec::new();
    for u in &d.units {
        let mut items: ItemRows = BTreeMap::new();
        for l in d
            .expenditure
            .iter()
            .filter(|l| ctx.unit_name(&l.unit) == u.code)
        {
            let c = pick(l);
            if c.total().is_zero() {
                continue;
            }
            let e = items
                .entry(&l.code)
                .or_insert((&l.name, Components::default()));
            e.1 = e.1.clone() + c;
        }
        per_unit.push((u, items));
    }
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
            if several {
                let sum: Components = items.values().map(|(_, c)| c.clone()).sum();
                body.push(
                    Row::new("unit")
                        .blanks(3)
                        .code(&u.code)
                        .label(&u.name)
                        .nums(component_nums(&sum)),
                );
            }
            for (code, (name, c)) in items {
                body.push(
                    Row::new("item")
                        .code(&code[..3])
                        .code(&code[3..5])
                        .code(&code[5..7])
                        .text("")
                        .label(*name)
                        .nums(component_nums(c)),
                );
            }
        }
    }
    let spec = Spec {
        key,
        number,
        name,
        title: format!("{}年{}", ctx.year(), name),
        subtitle: None,
        meta: ctx.meta(),
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
    finish(ctx, spec, body, empty)
}

/// Table 4 财政拨款收支总体情况表.
fn appropriation(ctx: &Ctx) -> TableView {
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
        key: "appropriation",
        number: 4,
        name: "财政拨款收支总体情况表",
        title: format!("{}年财政拨款收支总体情况表", ctx.year()),
        subtitle: None,
        meta: ctx.meta(),
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
    finish(ctx, spec, body, false)
}

/// Economic lines summed per 款 code, in code order, with the names of the first line.
fn economic_rows(d: &Disclosure) -> BTreeMap<&str, Vec<&crate::model::EconomicLine>> {
    let mut m: BTreeMap<&str, Vec<&crate::model::EconomicLine>> = BTreeMap::new();
    for l in &d.economic {
        m.entry(&l.code).or_default().push(l);
    }
    m
}

fn gov_name(l: &crate::model::EconomicLine) -> String {
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
fn general_basic(ctx: &Ctx) -> TableView {
    let d = ctx.d;
    let rows = economic_rows(d);
    let basic = |ls: &[&crate::model::EconomicLine]| -> EconomicComponents {
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
    let mut classes: BTreeMap<&str, Vec<(&str, &Vec<&crate::model::EconomicLine>)>> =
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
        key: "general_basic",
        number: 6,
        name: "一般公共预算基本支出表",
        title: "一般公共预算基本支出表".into(),
        subtitle: None,
        meta: ctx.meta(),
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
    finish(ctx, spec, body, empty)
}

/// Table 7 支出经济分类汇总表.
fn economic(ctx: &Ctx) -> TableView {
    let d = ctx.d;
    let nums = |ls: &[&crate::model::EconomicLine]| {
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
    let everything: Vec<&crate::model::EconomicLine> = d.economic.iter().collect();
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
        key: "economic",
        number: 7,
        name: "支出经济分类汇总表",
        title: format!("{}年支出经济分类汇总表", ctx.year()),
        subtitle: None,
        meta: ctx.meta(),
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
    finish(ctx, spec, body, empty)
}

/// Table 8 一般公共预算“三公”经费预算表.
fn three_public(ctx: &Ctx) -> TableView {
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
        key: "three_public",
        number: 8,
        name: "一般公共预算“三公”经费预算表",
        title: format!("{}年一般公共预算“三公”经费预算表", ctx.year()),
        subtitle: None,
        meta: ctx.meta(),
        head: &[
            &[("“三公”经费合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务用车购置及运行费", 3, 1), ("公务接待费", 1, 2)],
            &[("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行费", 1, 1)],
        ],
        notes: vec![
            "注：1. 报表金额单位转换时可能存在四舍五入尾数误差。".into(),
            "2. 按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。（1）因公出国（境）费，指单位工作人员公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出。（2）公务用车购置及运行费，指单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出，公务用车指用于履行公务的机动车辆，包括领导干部专车、一般公务用车和执法执勤用车。（3）公务接待费，指单位按规定开支的各类公务接待（含外宾接待）支出。".into(),
        ],
    };
    finish(ctx, spec, body, !has_data(ctx, "three_public"))
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

fn add_vecs(a: Vec<Money>, b: Vec<Money>) -> Vec<Money> {
    if a.is_empty() {
        return b;
    }
    a.into_iter().zip(b).map(|(x, y)| x + y).collect()
}

/// Table 11 项目支出预算表.
fn projects(ctx: &Ctx) -> TableView {
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
        for u in &d.units {
            let mine: Vec<&Project> = d
                .projects
                .iter()
                .filter(|p| ctx.unit_name(&p.unit) == u.code)
                .collect();
            if mine.is_empty() {
                continue;
            }
            body.push(
                Row::new("unit")
                    .code(&u.code)
                    .label(&u.name)
                    .text("")
                    .nums(sum(&mut mine.iter().copied())),
            );
            for p in mine {
                body.push(
                    Row::new("item")
                        .code(&u.code)
                        .label(&p.name)
                        .text(p.kind.label())
                        .nums(project_nums(p)),
                );
            }
        }
    }
    let spec = Spec {
        key: "projects",
        number: 11,
        name: "项目支出预算表",
        title: "项目支出预算表".into(),
        subtitle: None,
        meta: ctx.meta(),
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
    finish(ctx, spec, body, empty)
}

/// Table 12 部门（单位）整体绩效目标表: a form rather than a grid.
fn department_performance(ctx: &Ctx) -> TableView {
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
    let unit = d.money_unit.label();
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
        key: "department_performance",
        number: 12,
        name: "部门（单位）整体绩效目标表",
        title: "部门(单位)整体绩效目标表".into(),
        subtitle: Some(format!("({}年度)", ctx.year())),
        meta: vec![],
        head: &[&[("项目", 2, 1), ("内容", 3, 1)]],
        notes: vec![],
    };
    finish(ctx, spec, body, false)
}

/// Table 13 部门预算项目绩效目标表.
fn project_performance(ctx: &Ctx) -> TableView {
    let d = ctx.d;
    let amounts = |p: &Project| {
        let c = &p.carryover;
        let gov = p.general + p.fund + p.state_capital + c.general + c.fund + c.state_capital;
        vec![project_total(p), gov, p.special_account, p.unit_funds]
    };
    let sum = |ps: &[&Project]| ps.iter().map(|p| amounts(p)).fold(Vec::new(), add_vecs);
    let all: Vec<&Project> = d.projects.iter().collect();
    let empty = !has_data(ctx, "project_performance");
    let amount_head = format!("项目金额（{}）", d.money_unit.label());
    let mut body = Vec::new();
    if !empty {
        body.push(
            Row::new("dept")
                .code(&d.code)
                .text("")
                .nums(sum(&all))
                .blanks(8),
        );
        for u in &d.units {
            let mine: Vec<&Project> = all
                .iter()
                .copied()
                .filter(|p| ctx.unit_name(&p.unit) == u.code)
                .collect();
            if mine.is_empty() {
                continue;
            }
            body.push(
                Row::new("unit")
                    .code(&u.code)
                    .label(&u.name)
                    .nums(sum(&mine))
                    .blanks(8),
            );
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
        key: "project_performance",
        number: 13,
        name: "部门预算项目绩效目标表",
        title: format!("{}年度部门预算项目绩效目标表", ctx.year()),
        subtitle: None,
        meta: vec![format!("部门名称：{}", d.name)],
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
    finish(ctx, spec, body, empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_lists_the_tables_all_tables_builds() {
        let text = include_str!("../../content/2024/085.yaml");
        let d: Disclosure = serde_yaml::from_str(text).unwrap();
        let f = Figures::of(&d);
        let built = all_tables(&Ctx { d: &d, f: &f });
        let keys: Vec<(&str, &str)> = built.iter().map(|t| (t.key, t.name.as_str())).collect();
        assert_eq!(keys, PROFILE.to_vec());
        for (i, t) in built.iter().enumerate() {
            assert_eq!(t.number, chinese_number(i + 1));
        }
    }
}
