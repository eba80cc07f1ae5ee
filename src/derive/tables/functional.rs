//! The tables by 功能分类: expenditure by 功能分类 and the 财政拨款 table.

use super::*;

/// Tables 3, 5, 9, 10 of the 13-table format: expenditure by 功能分类 项 with the full split
/// of 基本支出 and 项目支出, over the money of the table's key.
pub(super) fn functional(ctx: &Ctx, slot: &Slot) -> TableView {
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
pub(super) fn appropriation(ctx: &Ctx, slot: &Slot) -> TableView {
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
    // Each fund's column spends this year's money and the fund's 上年结转, so the
    // carryover on the left is spent on the right.
    let g = appropriation_by_class(d, Source::General, 0);
    let fu = appropriation_by_class(d, Source::Fund, 1);
    let s = appropriation_by_class(d, Source::StateCapital, 2);
    let amounts = |g0: Money, fund: Money, sc: Money| vec![g0 + fund + sc, g0, g0, fund, sc];
    let spent = |s: Source| f.appropriation_spent(s);
    let all_spent = amounts(
        spent(Source::General),
        spent(Source::Fund),
        spent(Source::StateCapital),
    );
    let mut right: Vec<(String, Vec<Money>)> = vec![("一、本年支出".into(), all_spent.clone())];
    for (code, label) in codes::APPROPRIATION_ROWS {
        let get =
            |m: &BTreeMap<String, Money>| code.and_then(|k| m.get(k)).copied().unwrap_or_default();
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
    let mut out_total = all_spent;
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

/// 财政拨款 spending of one fund per 类: this year's money of `source` and what the lines
/// spend of carryover fund `fund` (an index of `CARRYOVER_FUNDS`).
pub(crate) fn appropriation_by_class(
    d: &Disclosure,
    source: Source,
    fund: usize,
) -> BTreeMap<String, Money> {
    let mut out: BTreeMap<String, Money> = BTreeMap::new();
    for l in &d.expenditure {
        let m = l.source(source).total() + l.carryover.fund(fund).total();
        *out.entry(l.code[..3].to_owned()).or_default() += m;
    }
    out
}
