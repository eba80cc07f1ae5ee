//! The tables by 经济分类: 一般公共预算基本支出, the 经济分类 table and 三公经费.

use super::*;

/// Economic lines summed per 款 code, in code order, with the names of the first line.
pub(super) fn economic_rows(
    d: &Disclosure,
) -> BTreeMap<&str, Vec<&crate::content::model::EconomicLine>> {
    let mut m: BTreeMap<&str, Vec<&crate::content::model::EconomicLine>> = BTreeMap::new();
    for l in &d.economic {
        m.entry(&l.code).or_default().push(l);
    }
    m
}

pub(super) fn gov_name(l: &crate::content::model::EconomicLine) -> String {
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
pub(super) fn general_basic(ctx: &Ctx, slot: &Slot) -> TableView {
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
pub(super) fn economic(ctx: &Ctx, slot: &Slot) -> TableView {
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
pub(super) fn three_public(ctx: &Ctx, slot: &Slot) -> TableView {
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
