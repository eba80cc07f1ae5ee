//! The income tables: 收支总表 (income and expenditure together).

use super::*;
use crate::derive::table_view::two_sided;

/// Table 1 部门收支预算表.
pub(super) fn income_expenditure(ctx: &Ctx, slot: &Slot) -> TableView {
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
    let [a, b] = two_sided(("收入", "支出"), "金额", &[("金额", 1, 1)]);
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(ctx.d),
        head: &[&a, &b],
        notes: vec![ROUNDING.into()],
    };
    finish(ctx, slot, spec, body, false)
}
