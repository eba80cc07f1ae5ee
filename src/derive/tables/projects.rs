//! The project tables: 项目支出 and the two performance-target tables.

use super::*;

pub(super) fn project_nums(p: &Project) -> Vec<Money> {
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

/// Table 11 项目支出预算表.
pub(super) fn projects(ctx: &Ctx, slot: &Slot) -> TableView {
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
pub(super) fn department_performance(ctx: &Ctx, slot: &Slot) -> TableView {
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
pub(super) fn project_performance(ctx: &Ctx, slot: &Slot) -> TableView {
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
