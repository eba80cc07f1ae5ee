//! The nine 决算 tables, computed from the facts.
//!
//! Rounding: facts are exact (元 to the 分); each table rounds its own cells to 万元, half away
//! from zero, from exact values. How a subtotal row is made is the table's rule, because the
//! published tables differ: the two 总表 round each 类 from its exact sum, while the tables by
//! 功能分类 科目 add up their rounded 项 for 类 and 款 rows. Only so do both figures of the
//! sample hold — 社会保障和就业支出 326.71 in 收入支出决算总表 (the exact 3,267,100 元) and 326.72
//! in 收入决算表 (84.65 + 160.75 + 80.38 + 0.94). 合计 rows always round the exact total.

use super::layout;
use super::model::{FinalAccounts, Line};
use crate::content::model::MoneyUnit;
use crate::content::money::{Money, Rounding, Shown};
use serde::Serialize;
use std::collections::BTreeMap;

/// One table, as text cells ready to print (blank where the published table is blank).
#[derive(Debug, Clone, Serialize)]
pub struct FaTable {
    /// Stable key, e.g. `income`; also the anchor `final-income`.
    pub key: &'static str,
    pub title: &'static str,
    /// Column headings, left to right.
    pub head: Vec<&'static str>,
    pub rows: Vec<FaRow>,
    /// A note under the table (empty tables say why).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FaRow {
    /// `total`, `class`, `section`, `item` or `line`, for styling.
    pub class: &'static str,
    pub cells: Vec<String>,
}

impl FaTable {
    /// The row whose first cells are `first` (a code or a label), for tests and lookups.
    pub fn row(&self, first: &str) -> Option<&FaRow> {
        self.rows
            .iter()
            .find(|r| r.cells.first().map(String::as_str) == Some(first))
    }
}

/// Rounds and formats the figures of one 决算: from the file's unit to 万元.
#[derive(Clone, Copy)]
pub struct Fmt(pub Shown);

impl Fmt {
    pub fn new(unit: MoneyUnit) -> Fmt {
        Fmt(Shown {
            from: unit,
            to: MoneyUnit::TenThousandYuan,
            rounding: Rounding::HalfUp,
        })
    }
    /// The amount in 万元, rounded half away from zero.
    pub fn money(self, m: Money) -> Money {
        self.0.money(m)
    }
    /// A cell: blank when zero.
    pub fn cell(self, m: Money) -> String {
        self.money(m).cell()
    }
}

/// 财政拨款收入 of a 项: the three funds.
pub fn appropriation_income(l: &Line) -> Money {
    l.income.general + l.income.fund + l.income.state_capital
}

/// 本年收入 of a 项.
pub fn income_total(l: &Line) -> Money {
    let i = &l.income;
    appropriation_income(l) + i.superior + i.business + i.operating + i.affiliated + i.other
}

pub fn basic(l: &Line) -> Money {
    l.general.basic + l.fund.basic + l.state_capital.basic + l.other_funds.basic
}

pub fn project(l: &Line) -> Money {
    l.general.project + l.fund.project + l.state_capital.project + l.other_funds.project
}

/// 本年支出 of a 项.
pub fn spent_total(l: &Line) -> Money {
    let o = &l.other_funds;
    basic(l) + project(l) + o.to_superior + o.operating + o.to_affiliated
}

pub fn general(l: &Line) -> Money {
    l.general.basic + l.general.project
}

pub fn fund(l: &Line) -> Money {
    l.fund.basic + l.fund.project
}

pub fn state_capital(l: &Line) -> Money {
    l.state_capital.basic + l.state_capital.project
}

/// 财政拨款支出 of a 项.
pub fn appropriation_spent(l: &Line) -> Money {
    general(l) + fund(l) + state_capital(l)
}

type Column = fn(&Line) -> Money;

/// Exact sum of a column over the lines of a 类 (or all lines for `""`).
pub fn sum_by(fa: &FinalAccounts, prefix: &str, col: Column) -> Money {
    fa.lines
        .iter()
        .filter(|l| l.code.starts_with(prefix))
        .map(col)
        .sum()
}

/// The name of a 类 or 款 code.
fn subject(fa: &FinalAccounts, code: &str) -> String {
    fa.subject_names
        .get(code)
        .cloned()
        .or_else(|| {
            layout::CLASSES
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, n)| n.to_string())
        })
        .unwrap_or_default()
}

/// Rows by 功能分类 科目 (合计, then 类, 款 and 项) for the lines where `keep` holds; the
/// 合计 rounds the exact total, 类 and 款 add up the rounded 项.
fn by_subject(fa: &FinalAccounts, cols: &[Column], keep: Column, total_first: bool) -> Vec<FaRow> {
    let f = Fmt::new(fa.money_unit);
    let mut lines: Vec<&Line> = fa.lines.iter().filter(|l| !keep(l).is_zero()).collect();
    lines.sort_by(|a, b| a.code.cmp(&b.code));
    // A 类 or 款 row adds up its rounded 项, as the published tables by 科目 do.
    let shown_sum = |ls: &[&Line], c: Column| -> Money { ls.iter().map(|l| f.money(c(l))).sum() };
    let total = FaRow {
        class: "total",
        cells: ["".to_string(), "合计".to_string()]
            .into_iter()
            .chain(
                cols.iter()
                    .map(|c| f.cell(lines.iter().map(|l| c(l)).sum())),
            )
            .collect(),
    };
    let mut rows = Vec::new();
    let mut groups: BTreeMap<&str, Vec<&Line>> = BTreeMap::new();
    for l in &lines {
        groups.entry(&l.code[..3]).or_default().push(l);
    }
    for (class, ls) in &groups {
        rows.push(FaRow {
            class: "class",
            cells: [class.to_string(), subject(fa, class)]
                .into_iter()
                .chain(cols.iter().map(|c| shown_sum(ls, *c).cell()))
                .collect(),
        });
        let mut sections: BTreeMap<&str, Vec<&Line>> = BTreeMap::new();
        for l in ls {
            sections.entry(&l.code[..5]).or_default().push(l);
        }
        for (section, ls) in &sections {
            rows.push(FaRow {
                class: "section",
                cells: [section.to_string(), subject(fa, section)]
                    .into_iter()
                    .chain(cols.iter().map(|c| shown_sum(ls, *c).cell()))
                    .collect(),
            });
            for l in ls {
                rows.push(FaRow {
                    class: "item",
                    cells: [l.code.clone(), l.name.clone()]
                        .into_iter()
                        .chain(cols.iter().map(|c| f.cell(c(l))))
                        .collect(),
                });
            }
        }
    }
    if total_first {
        rows.insert(0, total);
    } else {
        rows.push(total);
    }
    rows
}

fn row(class: &'static str, cells: Vec<String>) -> FaRow {
    FaRow { class, cells }
}

fn s(text: &str) -> String {
    text.to_string()
}

/// 一、收入支出决算总表.
pub fn income_expenditure(fa: &FinalAccounts) -> FaTable {
    let f = Fmt::new(fa.money_unit);
    let all = |c: Column| sum_by(fa, "", c);
    let inc = |g: fn(&Line) -> Money| f.cell(all(g));
    let income: Vec<(String, String)> = vec![
        (s("一、一般公共预算财政拨款收入"), inc(|l| l.income.general)),
        (s("二、政府性基金预算财政拨款收入"), inc(|l| l.income.fund)),
        (
            s("三、国有资本经营预算财政拨款收入"),
            inc(|l| l.income.state_capital),
        ),
        (s("四、上级补助收入"), inc(|l| l.income.superior)),
        (s("五、事业收入"), inc(|l| l.income.business)),
        (s("六、经营收入"), inc(|l| l.income.operating)),
        (s("七、附属单位上缴收入"), inc(|l| l.income.affiliated)),
        (s("八、其他收入"), inc(|l| l.income.other)),
    ];
    let mut rows = Vec::new();
    for (i, (code, name)) in layout::CLASSES.iter().enumerate() {
        let (il, iv) = income.get(i).cloned().unwrap_or_default();
        let label = format!("{}、{name}", crate::content::codes::chinese_number(i + 1));
        rows.push(row(
            "line",
            vec![il, iv, label, f.cell(sum_by(fa, code, spent_total))],
        ));
    }
    let b = &fa.balances;
    let (inc_total, exp_total) = (all(income_total), all(spent_total));
    rows.push(row(
        "total",
        vec![
            s("本年收入合计"),
            f.cell(inc_total),
            s("本年支出合计"),
            f.cell(exp_total),
        ],
    ));
    rows.push(row(
        "line",
        vec![
            s("使用非财政拨款结余（含专用结余）"),
            f.cell(b.non_fiscal_used),
            s("结余分配"),
            f.cell(b.distribution),
        ],
    ));
    rows.push(row(
        "line",
        vec![
            s("年初结转和结余"),
            f.cell(b.opening),
            s("年末结转和结余"),
            f.cell(b.closing),
        ],
    ));
    rows.push(row(
        "total",
        vec![
            s("总计"),
            f.cell(inc_total + b.non_fiscal_used + b.opening),
            s("总计"),
            f.cell(exp_total + b.distribution + b.closing),
        ],
    ));
    FaTable {
        key: "income_expenditure",
        title: "收入支出决算总表",
        head: vec!["收入项目", "决算数", "支出项目", "决算数"],
        rows,
        note: None,
    }
}

/// 二、收入决算表.
pub fn income(fa: &FinalAccounts) -> FaTable {
    let cols: [Column; 7] = [
        income_total,
        appropriation_income,
        |l| l.income.superior,
        |l| l.income.business,
        |l| l.income.operating,
        |l| l.income.affiliated,
        |l| l.income.other,
    ];
    FaTable {
        key: "income",
        title: "收入决算表",
        head: vec![
            "科目编码",
            "科目名称",
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
        ],
        rows: by_subject(fa, &cols, income_total, true),
        note: None,
    }
}

/// 三、支出决算表.
pub fn expenditure(fa: &FinalAccounts) -> FaTable {
    let cols: [Column; 6] = [
        spent_total,
        basic,
        project,
        |l| l.other_funds.to_superior,
        |l| l.other_funds.operating,
        |l| l.other_funds.to_affiliated,
    ];
    FaTable {
        key: "expenditure",
        title: "支出决算表",
        head: vec![
            "科目编码",
            "科目名称",
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ],
        rows: by_subject(fa, &cols, spent_total, true),
        note: None,
    }
}

/// 四、财政拨款收入支出决算总表.
pub fn appropriation(fa: &FinalAccounts) -> FaTable {
    let f = Fmt::new(fa.money_unit);
    let all = |c: Column| sum_by(fa, "", c);
    let income = [
        (
            s("一、一般公共预算财政拨款"),
            f.cell(all(|l| l.income.general)),
        ),
        (
            s("二、政府性基金预算财政拨款"),
            f.cell(all(|l| l.income.fund)),
        ),
        (
            s("三、国有资本经营预算财政拨款"),
            f.cell(all(|l| l.income.state_capital)),
        ),
    ];
    let funds: [Column; 4] = [appropriation_spent, general, fund, state_capital];
    let mut rows = Vec::new();
    for (i, (code, name)) in layout::CLASSES.iter().enumerate() {
        let (il, iv) = income.get(i).cloned().unwrap_or_default();
        let mut cells = vec![
            il,
            iv,
            format!("{}、{name}", crate::content::codes::chinese_number(i + 1)),
        ];
        cells.extend(funds.iter().map(|c| f.cell(sum_by(fa, code, *c))));
        rows.push(row("line", cells));
    }
    let b = &fa.balances;
    let spent: Vec<Money> = funds.iter().map(|c| all(*c)).collect();
    let mut total = vec![
        s("本年收入合计"),
        f.cell(all(appropriation_income)),
        s("本年支出合计"),
    ];
    total.extend(spent.iter().map(|m| f.cell(*m)));
    rows.push(row("total", total));
    let close = &b.closing_appropriation;
    let closing = [
        close.total(),
        close.general,
        close.fund,
        close.state_capital,
    ];
    let open = &b.opening_appropriation;
    let mut r = vec![
        s("年初财政拨款结转和结余"),
        f.cell(open.total()),
        s("年末财政拨款结转和结余"),
    ];
    r.extend(closing.iter().map(|m| f.cell(*m)));
    rows.push(row("line", r));
    for (label, m) in [
        ("一、一般公共预算财政拨款", open.general),
        ("二、政府性基金预算财政拨款", open.fund),
        ("三、国有资本经营预算财政拨款", open.state_capital),
    ] {
        rows.push(row(
            "line",
            vec![s(label), f.cell(m), s(""), s(""), s(""), s(""), s("")],
        ));
    }
    let mut r = vec![
        s("总计"),
        f.cell(all(appropriation_income) + open.total()),
        s("总计"),
    ];
    r.extend(spent.iter().zip(closing).map(|(sp, cl)| f.cell(*sp + cl)));
    rows.push(row("total", r));
    FaTable {
        key: "appropriation",
        title: "财政拨款收入支出决算总表",
        head: vec![
            "收入项目",
            "决算数",
            "支出项目",
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ],
        rows,
        note: None,
    }
}

/// 五、一般公共预算财政拨款支出决算表.
pub fn general_expenditure(fa: &FinalAccounts) -> FaTable {
    let cols: [Column; 3] = [general, |l| l.general.basic, |l| l.general.project];
    FaTable {
        key: "general",
        title: "一般公共预算财政拨款支出决算表",
        head: vec!["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        rows: by_subject(fa, &cols, general, false),
        note: None,
    }
}

mod by_fund;
pub use by_fund::{
    fund_table_8, general_basic, personnel_public, state_capital_table, three_public,
};

/// The nine tables in publication order.
pub fn all(fa: &FinalAccounts) -> Vec<FaTable> {
    vec![
        income_expenditure(fa),
        income(fa),
        expenditure(fa),
        appropriation(fa),
        general_expenditure(fa),
        general_basic(fa),
        three_public(fa),
        fund_table_8(fa),
        state_capital_table(fa),
    ]
}
