//! Tables 6 to 9: 基本支出 by 经济分类, “三公”经费, and the two per-fund tables.

use super::{Column, FaRow, FaTable, Fmt, by_subject, fund, row, s, state_capital};
use crate::content::money::Money;
use crate::final_accounts::layout;
use crate::final_accounts::model::FinalAccounts;

/// 人员经费 and 公用经费 of the 基本支出, exactly.
pub fn personnel_public(fa: &FinalAccounts) -> (Money, Money) {
    let mut personnel = Money::ZERO;
    let mut public = Money::ZERO;
    for (code, m) in &fa.basic_economic {
        if layout::is_personnel(code) {
            personnel += *m;
        } else {
            public += *m;
        }
    }
    (personnel, public)
}

/// 六、一般公共预算财政拨款基本支出决算表: 人员经费 left, 公用经费 right, every 款 of the layout.
pub fn general_basic(fa: &FinalAccounts) -> FaTable {
    let f = Fmt::new(fa.money_unit);
    let amount = |code: &str| -> String {
        let m: Money = fa
            .basic_economic
            .iter()
            .filter(|(c, _)| c.starts_with(code))
            .map(|(_, m)| *m)
            .sum();
        f.cell(m)
    };
    let half = |list: &[&str], i: usize| -> [String; 3] {
        match list.get(i) {
            Some(c) => [
                c.to_string(),
                layout::economic_name(c).unwrap_or_default().to_string(),
                amount(c),
            ],
            None => [s(""), s(""), s("")],
        }
    };
    let n = layout::PERSONNEL.len().max(layout::PUBLIC.len());
    let mut rows: Vec<FaRow> = (0..n)
        .map(|i| {
            let mut cells = half(layout::PERSONNEL, i).to_vec();
            cells.extend(half(layout::PUBLIC, i));
            let class = if cells[0].len() == 3 || cells[3].len() == 3 {
                "class"
            } else {
                "item"
            };
            row(class, cells)
        })
        .collect();
    let (personnel, public) = personnel_public(fa);
    rows.push(row(
        "total",
        vec![
            s(""),
            s("人员经费合计"),
            f.cell(personnel),
            s(""),
            s("公用经费合计"),
            f.cell(public),
        ],
    ));
    FaTable {
        key: "general_basic",
        title: "一般公共预算财政拨款基本支出决算表",
        head: vec![
            "科目编码",
            "科目名称",
            "决算数",
            "科目编码",
            "科目名称",
            "决算数",
        ],
        rows,
        note: None,
    }
}

/// 七、财政拨款“三公”经费支出决算表: one row of 预算数 and 决算数 pairs.
pub fn three_public(fa: &FinalAccounts) -> FaTable {
    let f = Fmt::new(fa.money_unit);
    let (b, a) = (&fa.three_public.budget, &fa.three_public.actual);
    let pairs = [
        (b.total(), a.total()),
        (b.abroad, a.abroad),
        (b.vehicles(), a.vehicles()),
        (b.vehicle_purchase, a.vehicle_purchase),
        (b.vehicle_running, a.vehicle_running),
        (b.reception, a.reception),
    ];
    let cells = pairs
        .iter()
        .flat_map(|(b, a)| [f.cell(*b), f.cell(*a)])
        .collect();
    FaTable {
        key: "three_public",
        title: "财政拨款“三公”经费支出决算表",
        head: vec![
            "合计 预算数",
            "合计 决算数",
            "因公出国（境）费 预算数",
            "因公出国（境）费 决算数",
            "公务用车购置及运行费 小计 预算数",
            "公务用车购置及运行费 小计 决算数",
            "公务用车购置费 预算数",
            "公务用车购置费 决算数",
            "公务用车运行费 预算数",
            "公务用车运行费 决算数",
            "公务接待费 预算数",
            "公务接待费 决算数",
        ],
        rows: vec![row("line", cells)],
        note: None,
    }
}

/// 八、九、the per-fund tables: 年初结转和结余, 本年收入, 本年支出 (小计, 基本, 项目), 年末.
fn fund_table(
    fa: &FinalAccounts,
    key: &'static str,
    title: &'static str,
    cols: [Column; 4],
    carry: (Money, Money),
    fund_name: &str,
) -> FaTable {
    let f = Fmt::new(fa.money_unit);
    // Per-项 carry-overs are not entered; the 合计 row carries the fund's.
    let zero: Column = |_| Money::ZERO;
    let all_cols = [zero, cols[0], cols[1], cols[2], cols[3], zero];
    let mut rows = by_subject(fa, &all_cols, cols[1], false);
    let total = rows
        .last_mut()
        .expect("by_subject always ends with the total");
    total.cells[2] = f.cell(carry.0);
    total.cells[7] = f.cell(carry.1);
    let empty = rows.len() == 1 && carry.0.is_zero() && carry.1.is_zero();
    FaTable {
        key,
        title,
        head: vec![
            "科目编码",
            "科目名称",
            "年初结转和结余",
            "本年收入",
            "本年支出 小计",
            "本年支出 基本支出",
            "本年支出 项目支出",
            "年末结转和结余",
        ],
        rows,
        note: empty.then(|| format!("注：{}无{fund_name}财政拨款支出，故本表无数据。", fa.name)),
    }
}

/// 八、政府性基金预算财政拨款收入支出决算表.
pub fn fund_table_8(fa: &FinalAccounts) -> FaTable {
    let b = &fa.balances;
    fund_table(
        fa,
        "fund",
        "政府性基金预算财政拨款收入支出决算表",
        [
            |l| l.income.fund,
            fund,
            |l| l.fund.basic,
            |l| l.fund.project,
        ],
        (b.opening_appropriation.fund, b.closing_appropriation.fund),
        "政府性基金预算",
    )
}

/// 九、国有资本经营预算财政拨款收入支出决算表.
pub fn state_capital_table(fa: &FinalAccounts) -> FaTable {
    let b = &fa.balances;
    fund_table(
        fa,
        "state_capital",
        "国有资本经营预算财政拨款收入支出决算表",
        [
            |l| l.income.state_capital,
            state_capital,
            |l| l.state_capital.basic,
            |l| l.state_capital.project,
        ],
        (
            b.opening_appropriation.state_capital,
            b.closing_appropriation.state_capital,
        ),
        "国有资本经营预算",
    )
}
