//! The table layouts of the 9-table format (上海市普陀区, `docs/profiles-putuo.md`): paired
//! income/expenditure lists, 功能分类 and 经济分类 tables with 类/款 subtotal rows and the
//! 合计 row last, and the combined “三公” and 机关运行经费 table.
//!
//! Like the 13-table layouts, every amount is a sum over fact lines from `Figures` or the
//! lines themselves; the profile's row style decides whether 类/款 subtotal rows appear.

use super::figures::{BySource, Source};
use super::table_view::{H, Row, TableView, two_sided};
use super::tables::{
    Ctx, ECONOMIC_LEVELS, FUNCTION_LEVELS, Slot, Spec, add_vecs, entry_has_data, finish, grouped,
    has_data, items_of, sources_of,
};
use crate::content::codes::{self, chinese_number};
use crate::content::model::{Components, EconomicComponents, FunctionalLine};
use crate::content::money::Money;
use std::collections::BTreeMap;

/// The name of a 类 as the disclosure prints it (its `subject_names`, else gongkai's).
pub(super) fn class_name(ctx: &Ctx, code: &str) -> String {
    codes::subject_name(&ctx.d.subject_names, code)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("功能分类{code}"))
}

/// 类 with money from `sources`, in code order, with the sum over `sources`.
fn classes(ctx: &Ctx, sources: &[Source]) -> Vec<(String, Money)> {
    super::tables::class_totals(ctx.d, sources)
        .into_iter()
        .map(|(code, c)| (code, c.total()))
        .filter(|(_, m)| !m.is_zero())
        .collect()
}

/// Sums of the income sources that the 9-table format has no row or column for. Their money
/// is shown in extra rows or columns after the fixed ones rather than dropped, so a total
/// always equals the sum of what the table shows.
const EXTRA_SOURCES: [(Source, &str); 4] = [
    (Source::SpecialAccount, "财政专户管理资金收入"),
    (Source::Superior, "上级补助收入"),
    (Source::Affiliated, "附属单位上缴收入"),
    (Source::Carryover, "上年结转结余"),
];

/// Two lists side by side, paired by row, the shorter padded with blanks; then the total row.
pub(super) fn paired(
    left: Vec<(String, Money)>,
    right: Vec<(String, Vec<Money>)>,
    width: usize,
    total: Row,
) -> Vec<Row> {
    let mut body = Vec::new();
    for r in 0..left.len().max(right.len()) {
        let mut row = Row::new("item");
        row = match left.get(r) {
            Some((l, m)) => row.label(l.clone()).num(*m),
            None => row.blanks(2),
        };
        row = match right.get(r) {
            Some((l, ms)) => row.label(l.clone()).nums(ms.clone()),
            None => row.blanks(1 + width),
        };
        body.push(row);
    }
    body.push(total);
    body
}

/// The income side of table 1, by source: 财政拨款 and its funds (numbered `1{sub}`, `2{sub}`
/// …), 事业, 经营 and 其他, then a row of its own for each other source with money, so the
/// total is what is shown. The department's and the unit's table 1 differ only in `sub`.
pub(super) fn income_rows(
    i: &crate::content::model::IncomeLine,
    sub: &str,
) -> Vec<(String, Money)> {
    let mut left: Vec<(String, Money)> = vec![
        (
            "一、财政拨款收入".into(),
            i.general() + i.fund_total() + i.state_capital,
        ),
        (format!("1{sub}一般公共预算资金"), i.general()),
        (format!("2{sub}政府性基金"), i.fund_total()),
        (format!("3{sub}国有资本经营预算"), i.state_capital),
        ("二、事业收入".into(), i.business),
        ("三、事业单位经营收入".into(), i.operating),
        ("四、其他收入".into(), i.other),
    ];
    let extra = [
        ("财政专户管理资金收入", i.special_account),
        ("上级补助收入", i.superior),
        ("附属单位上缴收入", i.affiliated),
        ("上年结转结余", i.carryover_total()),
    ];
    let mut n = 4;
    for (label, m) in extra.into_iter().filter(|(_, m)| !m.is_zero()) {
        n += 1;
        left.push((format!("{}、{label}", chinese_number(n)), m));
    }
    left
}

/// Table 1 部门财务收支预算总表: income by source beside expenditure by 类 (only the 类 with
/// money, numbered in order).
pub fn paired_income_expenditure(ctx: &Ctx, slot: &Slot) -> TableView {
    let (d, f) = (ctx.d, ctx.f);
    let left = income_rows(&f.income, ". ");
    let mut right: Vec<(String, Vec<Money>)> = classes(ctx, &Source::ALL)
        .into_iter()
        .enumerate()
        .map(|(k, (code, m))| {
            (
                format!("{}、{}", chinese_number(k + 1), class_name(ctx, &code)),
                vec![m],
            )
        })
        .collect();
    if !d.year_end_balance.is_zero() {
        right.push(("年终结转结余".into(), vec![d.year_end_balance]));
    }
    let total = Row::new("total")
        .label("收入总计")
        .num(f.income_total)
        .label("支出总计")
        .num(f.expenditure_total);
    let [a, b] = two_sided(("本年收入", "本年支出"), "预算数", &[("预算数", 1, 1)]);
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(d),
        head: &[&a, &b],
        notes: vec![],
    };
    finish(ctx, slot, spec, paired(left, right, 1, total), false)
}

/// Table 4 部门财政拨款收支预算总表: appropriation income by fund beside appropriation
/// expenditure by 类 and fund.
pub fn paired_appropriation(ctx: &Ctx, slot: &Slot) -> TableView {
    let (d, f) = (ctx.d, ctx.f);
    let i = &f.income;
    let c = &i.carryover;
    let carried = c.general + c.fund + c.state_capital;
    let mut left: Vec<(String, Money)> = vec![
        ("一、一般公共预算资金".into(), i.general()),
        ("二、政府性基金".into(), i.fund_total()),
        ("三、国有资本经营预算".into(), i.state_capital),
    ];
    if !carried.is_zero() {
        left.push(("四、上年结转".into(), carried));
    }
    // Each fund spends this year's money and its own 上年结转, as in the 13-table layout.
    let funds = [Source::General, Source::Fund, Source::StateCapital];
    let by_fund: Vec<BTreeMap<String, Money>> = (funds.iter().enumerate())
        .map(|(k, s)| super::tables::functional::appropriation_by_class(d, *s, k))
        .collect();
    let amounts = |g: Money, fu: Money, sc: Money| vec![g + fu + sc, g, fu, sc];
    let mut codes: Vec<&String> = (by_fund.iter())
        .flat_map(|m| m.iter().filter(|(_, v)| !v.is_zero()).map(|(k, _)| k))
        .collect();
    codes.sort();
    codes.dedup();
    let right = codes
        .into_iter()
        .enumerate()
        .map(|(k, code)| {
            let get = |m: &BTreeMap<String, Money>| m.get(code).copied().unwrap_or_default();
            (
                format!("{}、{}", chinese_number(k + 1), class_name(ctx, code)),
                amounts(get(&by_fund[0]), get(&by_fund[1]), get(&by_fund[2])),
            )
        })
        .collect();
    let total = Row::new("total")
        .label("收入总计")
        .num(i.general() + i.fund_total() + i.state_capital + carried)
        .label("支出总计")
        .nums(amounts(
            f.appropriation_spent(Source::General),
            f.appropriation_spent(Source::Fund),
            f.appropriation_spent(Source::StateCapital),
        ));
    let spent = [
        ("合计", 1, 1),
        ("一般公共预算", 1, 1),
        ("政府性基金预算", 1, 1),
        ("国有资本经营预算", 1, 1),
    ];
    let [a, b] = two_sided(("财政拨款收入", "财政拨款支出"), "预算数", &spent);
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(d),
        head: &[&a, &b],
        notes: vec![],
    };
    finish(ctx, slot, spec, paired(left, right, 4, total), false)
}

/// The 合计 row closing a table of classified rows: code cells blank, 「合计」 in the name
/// column.
fn total_row(code_columns: usize, amounts: Vec<Money>) -> Row {
    Row::new("total")
        .blanks(code_columns)
        .label("合计")
        .nums(amounts)
}

/// The three header rows over 类 | 款 | 项 | name and `money` columns under `group`.
fn function_head<'a>(group: &'a str, money: &'a [H<'a>]) -> [Vec<H<'a>>; 3] {
    let mut second = vec![("功能分类科目编码", 3, 1), ("功能分类科目名称", 1, 2)];
    second.extend(money.iter().copied());
    [
        vec![("项目", 4, 1), (group, money.len(), 1)],
        second,
        vec![("类", 1, 1), ("款", 1, 1), ("项", 1, 1)],
    ]
}

/// Table 2 部门收入预算总表: the money of each 功能分类 项 by the source it comes from.
pub fn income_by_function(ctx: &Ctx, slot: &Slot) -> TableView {
    let d = ctx.d;
    // Sources the fixed columns do not show get a column of their own when they have money.
    let extra: Vec<(Source, &str)> = EXTRA_SOURCES
        .into_iter()
        .filter(|(s, _)| {
            d.expenditure
                .iter()
                .any(|l| !l.source(*s).total().is_zero())
        })
        .collect();
    let amounts = |l: &FunctionalLine| {
        let t = |s: Source| l.source(s).total();
        let mut v = vec![
            l.all().total(),
            t(Source::General) + t(Source::Fund) + t(Source::StateCapital),
            t(Source::Business),
            t(Source::Operating),
            t(Source::Other),
        ];
        v.extend(extra.iter().map(|(s, _)| t(*s)));
        v
    };
    let mut items: BTreeMap<&str, (&str, Vec<Money>)> = BTreeMap::new();
    for l in &d.expenditure {
        let v = amounts(l);
        if v[0].is_zero() {
            continue;
        }
        let e = items.entry(&l.code).or_insert((&l.name, Vec::new()));
        e.1 = add_vecs(std::mem::take(&mut e.1), v);
    }
    let leaves: Vec<_> = items
        .iter()
        .map(|(code, (name, v))| (*code, *name, v.clone()))
        .collect();
    let width = 5 + extra.len();
    let total = leaves
        .iter()
        .fold(vec![Money::ZERO; width], |acc, (_, _, v)| {
            add_vecs(acc, v.clone())
        });
    let mut body: Vec<Row> = grouped(d, &leaves, FUNCTION_LEVELS, slot.style())
        .into_iter()
        .map(|g| g.row(3).label(g.name).nums(g.amounts))
        .collect();
    body.push(total_row(3, total));
    let mut money: Vec<H> = vec![
        ("合计", 1, 2),
        ("财政拨款收入", 1, 2),
        ("事业收入", 1, 2),
        ("事业单位经营收入", 1, 2),
        ("其他收入", 1, 2),
    ];
    money.extend(extra.iter().map(|(_, label)| (*label, 1, 2)));
    let [a, b, c] = function_head("收入预算", &money);
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(d),
        head: &[&a, &b, &c],
        notes: vec![],
    };
    finish(ctx, slot, spec, body, false)
}

/// Tables 3, 5, 6, 7: expenditure by 功能分类 with 基本支出 and 项目支出 as wholes, over the
/// money of the table's key.
pub fn functional_basic_project(ctx: &Ctx, slot: &Slot) -> TableView {
    let key = slot.key();
    let nums = |c: &Components| vec![c.total(), c.basic(), c.project()];
    let items = items_of(ctx, sources_of(key), None);
    let leaves: Vec<_> = items
        .iter()
        .map(|(code, (name, c))| (*code, *name, nums(c)))
        .collect();
    let total: Components = items.values().map(|(_, c)| c.clone()).sum();
    let mut body: Vec<Row> = grouped(ctx.d, &leaves, FUNCTION_LEVELS, slot.style())
        .into_iter()
        .map(|g| g.row(3).label(g.name).nums(g.amounts))
        .collect();
    body.push(total_row(3, nums(&total)));
    let group = match key {
        "general" => "一般公共预算支出",
        "fund" => "政府性基金预算支出",
        "state_capital" => "国有资本经营预算支出",
        _ => "支出预算",
    };
    let money: [H; 3] = [("合计", 1, 2), ("基本支出", 1, 2), ("项目支出", 1, 2)];
    let [a, b, c] = function_head(group, &money);
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[&a, &b, &c],
        notes: vec![],
    };
    finish(ctx, slot, spec, body, !has_data(ctx, key))
}

/// Table 8 一般公共预算基本支出部门预算经济分类预算表: 人员经费 and 公用经费 per 经济分类 款.
pub fn general_basic_economic(ctx: &Ctx, slot: &Slot) -> TableView {
    let d = ctx.d;
    let nums = |c: &EconomicComponents| vec![c.basic(), c.personnel, c.public];
    let mut items: BTreeMap<&str, (&str, EconomicComponents)> = BTreeMap::new();
    for l in &d.economic {
        let basic = EconomicComponents {
            project: Money::ZERO,
            ..l.general.clone()
        };
        if basic.basic().is_zero() {
            continue;
        }
        let e = items
            .entry(&l.code)
            .or_insert((&l.name, EconomicComponents::default()));
        e.1 = e.1.clone() + basic;
    }
    let leaves: Vec<_> = items
        .iter()
        .map(|(code, (name, c))| (*code, *name, nums(c)))
        .collect();
    let total: EconomicComponents = items.values().map(|(_, c)| c.clone()).sum();
    let mut body: Vec<Row> = grouped(d, &leaves, ECONOMIC_LEVELS, slot.style())
        .into_iter()
        .map(|g| g.row(2).label(g.name).nums(g.amounts))
        .collect();
    body.push(total_row(2, nums(&total)));
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(d),
        head: &[
            &[("项目", 3, 1), ("一般公共预算基本支出", 3, 1)],
            &[
                ("部门预算经济分类科目编码", 2, 1),
                ("经济分类科目名称", 1, 2),
                ("合计", 1, 2),
                ("人员经费", 1, 2),
                ("公用经费", 1, 2),
            ],
            &[("类", 1, 1), ("款", 1, 1)],
        ],
        notes: vec![],
    };
    finish(ctx, slot, spec, body, !has_data(ctx, "general_basic"))
}

/// Table 9 “三公”经费和机关运行经费预算表, in the printed column order (公务接待费 before
/// 公务用车).
pub fn three_public_running(ctx: &Ctx, slot: &Slot) -> TableView {
    let f = ctx.f;
    let t = &f.three_public;
    let body = vec![Row::new("total").nums([
        t.total(),
        t.abroad,
        t.reception,
        t.vehicles(),
        t.vehicle_purchase,
        t.vehicle_running,
        f.running_costs,
    ])];
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[
            &[("“三公”经费预算数", 6, 1), ("机关运行经费预算数", 1, 3)],
            &[
                ("合计", 1, 2),
                ("因公出国(境)费", 1, 2),
                ("公务接待费", 1, 2),
                ("公务用车购置及运行费", 3, 1),
            ],
            &[("小计", 1, 1), ("购置费", 1, 1), ("运行费", 1, 1)],
        ],
        notes: vec![],
    };
    finish(ctx, slot, spec, body, !entry_has_data(ctx, slot.entry))
}
