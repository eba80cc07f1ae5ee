//! The second half of a new file: projects, last year's comparison, the narrative texts,
//! the department's performance targets and the tables left empty.

use super::*;
use std::fmt::Write;

pub(super) fn write(
    w: &mut String,
    d: &Disclosure,
    last: Option<&Loaded<Disclosure>>,
    profile: &Profile,
) {
    let prev = d.year - 1;
    let last_data = last.map(|l| &l.data);

    // Projects.
    let _ = writeln!(
        w,
        "# ───────────────────── 项目（表十一、表十三）─────────────────────"
    );
    let _ = writeln!(
        w,
        "# kind = 特定目标类 或 其他运转类；general / fund / state_capital = 本年拨款（一般公共预算 / 政府性基金 /"
    );
    let _ = writeln!(
        w,
        "# 国有资本经营预算），carryover = 上年结转结余，special_account = 财政专户管理资金，unit_funds = 单位资金。"
    );
    let _ = writeln!(
        w,
        "# targets 为表十三的绩效目标：cost 成本指标、output 产出指标、effect 效益指标、satisfaction 满意度指标，"
    );
    let _ = writeln!(
        w,
        "# 每项为 三级指标(name) 与 指标值(value)，指标值一律加引号。"
    );
    if d.projects.is_empty() {
        let _ = writeln!(w, "projects: []");
        let _ = writeln!(w, "#  - code: \"419001240000000000000\"");
        let _ = writeln!(w, "#    name: 项目名称");
        let _ = writeln!(w, "#    kind: 特定目标类");
        let _ = writeln!(w, "#    general: 0");
        let _ = writeln!(w, "#    targets:");
        let _ = writeln!(w, "#      cost:");
        let _ = writeln!(w, "#        - {{ name: 财政投入资金, value: \"0万元\" }}");
        let _ = writeln!(w, "#      output: []");
        let _ = writeln!(w, "#      effect: []");
        let _ = writeln!(w, "#      satisfaction: []");
    } else {
        let _ = writeln!(w, "projects:");
        for (i, p) in d.projects.iter().enumerate() {
            let was = last_data.and_then(|x| x.projects.get(i));
            let _ = writeln!(w, "  - code: {}", quoted(&p.code));
            if let Some(u) = &p.unit {
                let _ = writeln!(w, "    unit: {}", quoted(u));
            }
            let _ = writeln!(w, "    name: {}", text(&p.name));
            let _ = writeln!(w, "    kind: {}", p.kind.label());
            let money = |p: &Project| {
                [
                    ("general", p.general),
                    ("fund", p.fund),
                    ("state_capital", p.state_capital),
                    ("special_account", p.special_account),
                    ("unit_funds", p.unit_funds),
                ]
            };
            let was_money = was.map(money);
            let mut any = false;
            for (j, (k, m)) in money(p).into_iter().enumerate() {
                let b = was_money.map(|x| x[j].1).unwrap_or_default();
                if !m.is_zero() || !b.is_zero() {
                    let note = if b.is_zero() {
                        String::new()
                    } else {
                        format!("    # 上年 {}", amount(b))
                    };
                    let _ = writeln!(w, "    {k}: {}{note}", amount(m));
                    any = true;
                }
            }
            if !any {
                let _ = writeln!(w, "    general: 0");
            }
            let carry = |p: &Project| {
                [
                    ("general", p.carryover.general),
                    ("fund", p.carryover.fund),
                    ("state_capital", p.carryover.state_capital),
                ]
            };
            let carry_was = was.map(carry).unwrap_or_default();
            if carry(p).iter().chain(&carry_was).any(|(_, m)| !m.is_zero()) {
                let _ = writeln!(
                    w,
                    "    carryover: {}{}",
                    flow_amounts(&carry(p)),
                    was_comment(&carry_was)
                );
            }
            let t = &p.targets;
            let _ = writeln!(w, "    targets:");
            for (k, items) in [
                ("cost", &t.cost),
                ("output", &t.output),
                ("effect", &t.effect),
                ("satisfaction", &t.satisfaction),
            ] {
                indicators(w, "      ", k, items);
            }
        }
    }
    let _ = writeln!(w);

    let _ = writeln!(
        w,
        "year_end_balance: {}    # 年终结转结余（表一、表四），预算中通常为 0",
        amount(d.year_end_balance)
    );
    let _ = writeln!(w);

    // Previous year.
    let _ = writeln!(
        w,
        "# ───────────────────── 上年（{prev}年）数及增减原因 ─────────────────────"
    );
    let _ = writeln!(
        w,
        "# amount = {prev}年数；reason = 说明中“主要原因：”后的文字。有增减的必须写原因，没有变化的不写。"
    );
    if last.is_some() {
        let _ = writeln!(w, "# 各 amount 已按上年文件计算填入。");
    } else {
        let _ = writeln!(
            w,
            "# 新设部门各项为 0，并在 reason 中写明（如：该部门为{}年新增预算单位）。",
            d.year
        );
    }
    let _ = writeln!(w, "previous_year:");
    let p = &d.previous_year;
    for (k, c, label) in [
        ("total", &p.total, "收入总计、支出总计"),
        ("general", &p.general, "一般公共预算收支"),
        ("fund", &p.fund, "政府性基金收支"),
        ("state_capital", &p.state_capital, "国有资本经营收支"),
        ("abroad", &p.abroad, "因公出国（境）费"),
        ("reception", &p.reception, "公务接待费"),
        ("vehicle_purchase", &p.vehicle_purchase, "公务用车购置费"),
        ("vehicle_running", &p.vehicle_running, "公务用车运行维护费"),
        ("running_costs", &p.running_costs, "机关（机构）运转经费"),
    ] {
        let reason = match &c.reason {
            Some(r) => format!(", reason: {}", text_in(r, true)),
            None => String::new(),
        };
        let head = format!("  {k}:");
        let _ = writeln!(
            w,
            "{head:<20}{{ amount: {}{reason} }}   # {label}",
            amount(c.amount)
        );
    }
    let _ = writeln!(w);

    // Narrative texts.
    let n = &d.narrative;
    let _ = writeln!(
        w,
        "# ───────────────────── 第二部分 说明中的文字部分 ─────────────────────"
    );
    let _ = writeln!(
        w,
        "# 只填文字，不填数字；数字和“与{prev}年相比……”由程序生成。用途写到“主要用于……”为止，不加句号。"
    );
    let _ = writeln!(w, "narrative:");
    let _ = writeln!(w, "  # 七、“三公”经费：各项用途");
    let _ = writeln!(w, "  abroad_use: {}", text(&n.abroad_use));
    let _ = writeln!(w, "  reception_use: {}", text(&n.reception_use));
    let _ = writeln!(
        w,
        "  vehicle_purchase_use: {}",
        text(&n.vehicle_purchase_use)
    );
    let _ = writeln!(w, "  vehicle_running_use: {}", text(&n.vehicle_running_use));
    let _ = writeln!(w, "  # 八、政府性基金预算支出用途（没有则留空）");
    let _ = writeln!(w, "  fund_use:{}", opt_text(&n.fund_use));
    let _ = writeln!(w, "  # 九、国有资本经营预算支出用途（没有则留空）");
    let _ = writeln!(w, "  state_capital_use:{}", opt_text(&n.state_capital_use));
    let _ = writeln!(w, "  # 十（一）机关（机构）运转经费包含的内容");
    let _ = writeln!(w, "  running_costs_use: {}", text(&n.running_costs_use));
    let _ = writeln!(
        w,
        "  # 十（三）预算绩效情况说明：留空则使用标准表述，由程序根据项目数据生成。"
    );
    let _ = writeln!(
        w,
        "  performance_management:{}",
        opt_text(&n.performance_management)
    );
    let _ = writeln!(
        w,
        "  # 十（四）重点项目绩效评价情况，如：{}年度我部门无项目纳入重点项目绩效评价……",
        d.year
    );
    let _ = writeln!(w, "  key_evaluation: {}", text(&n.key_evaluation));
    let _ = writeln!(w, "  # 十（六）专项转移支付项目情况");
    let _ = writeln!(w, "  transfer_payments: {}", text(&n.transfer_payments));
    let _ = writeln!(w);

    let _ = writeln!(w, "# 十（二）政府采购预算（合计由程序计算）");
    let _ = writeln!(w, "procurement:");
    let pw = last_data.map(|x| &x.procurement);
    for (k, m, b, label) in [
        ("goods", d.procurement.goods, pw.map(|x| x.goods), "货物"),
        ("works", d.procurement.works, pw.map(|x| x.works), "工程"),
        (
            "services",
            d.procurement.services,
            pw.map(|x| x.services),
            "服务",
        ),
    ] {
        let note = match b {
            Some(b) if !b.is_zero() => format!("，上年 {}", amount(b)),
            _ => String::new(),
        };
        let head = format!("  {k}: {}", amount(m));
        let _ = writeln!(w, "{head:<18}# {label}{note}");
    }
    let _ = writeln!(w);

    let a = &d.assets;
    let _ = writeln!(w, "# 十（五）国有资产占用情况（车辆合计由程序计算）");
    let _ = writeln!(w, "assets:");
    let _ = writeln!(
        w,
        "  as_of: {}    # 数据时点，如 {prev}年期末",
        text(&a.as_of)
    );
    for (k, v, label) in [
        (
            "official_vehicles",
            a.official_vehicles,
            "一般公务用车（辆）",
        ),
        (
            "enforcement_vehicles",
            a.enforcement_vehicles,
            "一般执法执勤用车（辆）",
        ),
        ("other_vehicles", a.other_vehicles, "其他用车（辆）"),
        (
            "general_equipment_over_50",
            a.general_equipment_over_50,
            "单价50万元以上通用设备（台/套）",
        ),
        (
            "special_equipment_over_100",
            a.special_equipment_over_100,
            "单位价值100万元以上专用设备（台/套）",
        ),
    ] {
        let head = format!("  {k}: {v}");
        let _ = writeln!(w, "{head:<34}# {label}");
    }
    let _ = writeln!(w);

    // Table 12.
    let pf = &d.performance;
    let _ = writeln!(
        w,
        "# ───────────────────── 表十二 部门（单位）整体绩效目标 ─────────────────────"
    );
    let _ = writeln!(
        w,
        "# “预算情况”一栏（预算总额、资金来源、资金结构）由程序根据上面的数据计算。"
    );
    let _ = writeln!(w, "performance:");
    let _ = writeln!(w, "  goal: {}    # 年度履职目标", text(&pf.goal));
    if pf.tasks.is_empty() {
        let _ = writeln!(w, "  tasks: []    # 年度主要任务");
        let _ = writeln!(w, "  #  - name: 任务名称");
        let _ = writeln!(w, "  #    content: 主要内容");
    } else {
        let _ = writeln!(w, "  tasks:    # 年度主要任务");
        for t in &pf.tasks {
            let _ = writeln!(w, "    - name: {}", text(&t.name));
            let _ = writeln!(w, "      content: {}", text(&t.content));
        }
    }
    let _ = writeln!(
        w,
        "  # 指标体系：一级指标 › 二级指标 › 三级指标（name）与指标值（value），可加指标值说明（note）。"
    );
    if pf.indicators.is_empty() {
        let _ = writeln!(w, "  indicators: []");
        let _ = writeln!(w, "  #  - name: 产出指标");
        let _ = writeln!(w, "  #    groups:");
        let _ = writeln!(w, "  #      - name: 重点工作任务完成");
        let _ = writeln!(w, "  #        items:");
        let _ = writeln!(
            w,
            "  #          - {{ name: 三级指标名称, value: \"指标值\" }}"
        );
    } else {
        let _ = writeln!(w, "  indicators:");
        for g in &pf.indicators {
            let _ = writeln!(w, "    - name: {}", text(&g.name));
            let _ = writeln!(w, "      groups:");
            for s in &g.groups {
                let _ = writeln!(w, "        - name: {}", text(&s.name));
                indicators(w, "          ", "items", &s.items);
            }
        }
    }
    let _ = writeln!(w);

    // Empty tables.
    let view =
        crate::render::page::disclosure_view(&blank(d.year, &d.code, &d.name), &[], profile, &[]);
    let _ = writeln!(
        w,
        "# 无数据的表及原因：某张表本年没有数据时，在此写明（如：本部门{}年度没有国有资本经营预算支出，故本表无数据。）",
        d.year
    );
    let _ = writeln!(w, "# 表的代号：");
    for t in &view.tables {
        let _ = writeln!(w, "#   {:<24}表{} {}", t.key, t.number, t.name);
    }
    if d.empty_tables.is_empty() {
        let _ = writeln!(w, "empty_tables: {{}}");
    } else {
        let _ = writeln!(w, "empty_tables:");
        for (k, v) in &d.empty_tables {
            let _ = writeln!(w, "  {k}: {}", text(v));
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# 公开后的更正说明（日期与内容），公开前不填：corrections: [ {{ date: \"YYYY-MM-DD\", text: … }} ]"
    );
}
