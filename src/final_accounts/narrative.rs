//! The default 情况说明 of a 决算: the eleven sections the 上海 template asks for, worded
//! as published 决算 word them, every figure computed from the facts and shown in 万元.
//!
//! Figures in the text are the tables' figures: a 类 is quoted as the table by 科目 shows it
//! (the sum of its rounded 项), a total as the rounded exact total, so a reader finds in the
//! tables every number the text names.

use super::execution::{self, Budgets};
use super::model::{FinalAccounts, ThreePublicAmounts};
use super::tables::{self, Fmt};
use crate::content::money::Money;
use crate::derive::figures::{percent, shares};
use rust_decimal::Decimal;
use serde::Serialize;

type Column = fn(&super::model::Line) -> Money;

/// One numbered section (`一、收入支出决算总体情况说明`) with its paragraphs.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// Words of one 决算 in 万元.
struct Words<'a> {
    fa: &'a FinalAccounts,
    f: Fmt,
}

impl Words<'_> {
    /// `2995.39万元`.
    fn wan(&self, m: Money) -> String {
        format!("{}万元", self.f.money(m).plain())
    }

    /// 与上年相比: `增加2.55万元，增长1.40%`, `减少…，下降…%` or `持平`.
    fn change(&self, now: Money, before: Money) -> String {
        let (now, before) = (self.f.money(now), self.f.money(before));
        if now == before {
            return "持平".into();
        }
        let (word, rate_word, d) = if now > before {
            ("增加", "增长", now - before)
        } else {
            ("减少", "下降", before - now)
        };
        match execution::rate(d, before) {
            Some(r) => format!("{word}{}万元，{rate_word}{}", d.plain(), percent(r)),
            None => format!("{word}{}万元", d.plain()),
        }
    }

    fn year(&self) -> u16 {
        self.fa.year
    }
}

fn reason(text: &Option<String>) -> String {
    match text {
        Some(t) => format!("主要原因：{}", t.trim_end_matches('。')),
        None => String::new(),
    }
}

/// The eleven sections, with the 年初预算数 of each 项 from `budgets`.
pub fn sections(fa: &FinalAccounts, budgets: &Budgets) -> Vec<Section> {
    let w = Words {
        fa,
        f: Fmt::new(fa.money_unit),
    };
    let b = &fa.balances;
    let (y, prev_y) = (w.year(), w.year() - 1);
    let income = tables::sum_by(fa, "", tables::income_total);
    let spent = tables::sum_by(fa, "", tables::spent_total);
    let total = income + b.non_fiscal_used + b.opening;
    let mut out = Vec::new();
    let mut section = |title: &str, paragraphs: Vec<String>| {
        out.push(Section {
            title: title.into(),
            paragraphs: paragraphs.into_iter().filter(|p| !p.is_empty()).collect(),
        })
    };

    // 一
    let mut p = format!("{}{y}年度收入支出总计{}。", fa.name, w.wan(total));
    if let Some(prev) = fa.previous_year.total {
        p += &format!(
            "与{prev_y}年度相比，收入支出总计{}。",
            w.change(total, prev)
        );
        p += &reason(&fa.reasons.total);
    }
    section("一、收入支出决算总体情况说明", vec![ended(p)]);

    // 二
    let sources: [(&str, Column); 5] = [
        ("财政拨款收入", tables::appropriation_income),
        ("上级补助收入", |l| l.income.superior),
        ("事业收入", |l| l.income.business),
        ("经营收入", |l| l.income.operating),
        ("其他收入", |l| l.income.other + l.income.affiliated),
    ];
    let amounts: Vec<(&str, Money)> = sources
        .iter()
        .map(|(n, c)| (*n, tables::sum_by(fa, "", *c)))
        .filter(|(_, m)| !m.is_zero())
        .collect();
    section(
        "二、收入决算情况说明",
        vec![format!(
            "本年收入合计{}，其中：{}。",
            w.wan(income),
            split(&w, &amounts, income)
        )],
    );

    // 三
    let parts: Vec<(&str, Money)> = [
        ("基本支出", tables::sum_by(fa, "", tables::basic)),
        ("项目支出", tables::sum_by(fa, "", tables::project)),
        (
            "上缴上级支出",
            tables::sum_by(fa, "", |l| l.other_funds.to_superior),
        ),
        (
            "经营支出",
            tables::sum_by(fa, "", |l| l.other_funds.operating),
        ),
        (
            "对附属单位补助支出",
            tables::sum_by(fa, "", |l| l.other_funds.to_affiliated),
        ),
    ]
    .into_iter()
    .filter(|(_, m)| !m.is_zero())
    .collect();
    section(
        "三、支出决算情况说明",
        vec![format!(
            "本年支出合计{}，其中：{}。",
            w.wan(spent),
            split(&w, &parts, spent)
        )],
    );

    // 四
    let app_total =
        tables::sum_by(fa, "", tables::appropriation_income) + b.opening_appropriation.total();
    let mut p = format!(
        "{}{y}年度财政拨款收入支出总计{}。",
        fa.name,
        w.wan(app_total)
    );
    if let Some(prev) = fa.previous_year.appropriation_total {
        p += &format!(
            "与{prev_y}年度相比，财政拨款收入支出总计{}。",
            w.change(app_total, prev)
        );
        p += &reason(&fa.reasons.appropriation_total);
    }
    section("四、财政拨款收入支出决算总体情况说明", vec![ended(p)]);

    // 五
    section(
        "五、一般公共预算财政拨款支出决算情况说明",
        general_paragraphs(&w, budgets, spent),
    );

    // 六
    let (personnel, public) = tables::personnel_public(fa);
    let names = |personnel_side: bool| -> String {
        fa.basic_economic
            .iter()
            .filter(|(c, m)| super::layout::is_personnel(c) == personnel_side && !m.is_zero())
            .filter_map(|(c, _)| super::layout::economic_name(c))
            .collect::<Vec<_>>()
            .join("、")
    };
    let basic_total = tables::sum_by(fa, "", |l| l.general.basic);
    section(
        "六、一般公共预算财政拨款基本支出决算情况说明",
        vec![format!(
            "一般公共预算财政拨款基本支出{}。其中：人员经费{}，主要包括：{}；公用经费{}，主要包括：{}。",
            w.wan(basic_total),
            w.wan(personnel),
            names(true),
            w.wan(public),
            names(false)
        )],
    );

    // 七
    section("七、财政拨款“三公”经费支出决算情况说明", three_public(&w));

    // 八、九
    for (title, fund, name) in [
        (
            "八、政府性基金预算财政拨款收入支出决算情况说明",
            tables::fund as Column,
            "政府性基金预算",
        ),
        (
            "九、国有资本经营预算财政拨款收入支出决算情况说明",
            tables::state_capital,
            "国有资本经营预算",
        ),
    ] {
        let m = tables::sum_by(fa, "", fund);
        let p = if m.is_zero() {
            format!("{}{y}年度无{name}财政拨款收入和支出。", fa.name)
        } else {
            format!("{}{y}年度{name}财政拨款支出{}。", fa.name, w.wan(m))
        };
        section(title, vec![p]);
    }

    // 十
    section("十、预算绩效管理情况", performance(&w));

    // 十一
    section("十一、其他重要事项的情况说明", other(&w));
    out
}

fn ended(p: String) -> String {
    if p.ends_with('。') {
        p
    } else {
        format!("{p}。")
    }
}

/// `财政拨款收入2940.05万元，占99.79%；其他收入6.20万元，占0.21%`.
fn split(w: &Words, parts: &[(&str, Money)], whole: Money) -> String {
    let ms: Vec<Money> = parts.iter().map(|(_, m)| *m).collect();
    let pct = shares(&ms, whole);
    parts
        .iter()
        .zip(pct)
        .map(|((n, m), p)| format!("{n}{}，占{}", w.wan(*m), percent(p)))
        .collect::<Vec<_>>()
        .join("；")
}

fn general_paragraphs(w: &Words, budgets: &Budgets, spent: Money) -> Vec<String> {
    let fa = w.fa;
    let prev_y = fa.year - 1;
    let general = tables::sum_by(fa, "", tables::general);
    let mut out = vec!["（一）一般公共预算财政拨款支出决算总体情况".to_string()];
    let share = execution::rate(general, spent).unwrap_or_default();
    let mut p = format!(
        "一般公共预算财政拨款支出{}，占本年支出合计的{}。",
        w.wan(general),
        percent(share)
    );
    if let Some(prev) = fa.previous_year.general_expenditure {
        p += &format!(
            "与{prev_y}年度相比，一般公共预算财政拨款支出{}。",
            w.change(general, prev)
        );
        p += &reason(&fa.reasons.general_expenditure);
    }
    out.push(ended(p));

    out.push("（二）一般公共预算财政拨款支出决算结构情况".into());
    // A 类 as table 5 shows it: the sum of its rounded 项.
    let table = tables::general_expenditure(fa);
    let classes: Vec<(String, Money)> = table
        .rows
        .iter()
        .filter(|r| r.class == "class")
        .map(|r| {
            let m = Money::parse(&r.cells[2]).unwrap_or_default();
            (format!("{}（类）", r.cells[1]), m)
        })
        .collect();
    let shown_total = w.f.money(general);
    let parts = classes
        .iter()
        .map(|(n, m)| {
            let r = execution::rate(*m, shown_total).unwrap_or_default();
            format!("{n}{}万元，占{}", m.plain(), percent(r))
        })
        .collect::<Vec<_>>()
        .join("；");
    out.push(format!(
        "一般公共预算财政拨款支出{}，主要用于以下方面：{parts}。",
        w.wan(general)
    ));

    out.push("（三）一般公共预算财政拨款支出决算具体情况".into());
    let budget_total: Money = budgets.values().copied().sum();
    let mut p = format!(
        "一般公共预算财政拨款支出年初预算为{}，支出决算为{}",
        w.wan(budget_total),
        w.wan(general)
    );
    if let Some(r) = execution::rate(w.f.money(general), w.f.money(budget_total)) {
        p += &format!("，完成年初预算的{}", percent(r));
    }
    p += "。";
    p += &compare(w, budget_total, general, &fa.reasons.general_budget);
    if fa.lines.iter().any(|l| !tables::general(l).is_zero()) {
        p += "其中：";
    }
    out.push(p);
    let mut lines: Vec<&super::model::Line> = fa
        .lines
        .iter()
        .filter(|l| !tables::general(l).is_zero() || budgets.contains_key(&l.code))
        .collect();
    lines.sort_by(|a, b| a.code.cmp(&b.code));
    for (i, l) in lines.iter().enumerate() {
        let name = |c: &str| fa.subject_names.get(c).cloned().unwrap_or_default();
        let budget = budgets.get(&l.code).copied().unwrap_or_default();
        let actual = tables::general(l);
        let mut p = format!(
            "{}、{}（类）{}（款）{}（项）。",
            i + 1,
            name(&l.code[..3]),
            name(&l.code[..5]),
            l.name
        );
        if let Some(purpose) = &l.purpose {
            p += &format!("主要用于：{}。", purpose.trim_end_matches('。'));
        }
        p += &format!("年初预算为{}，支出决算为{}。", w.wan(budget), w.wan(actual));
        p += &compare(w, budget, actual, &l.reason);
        out.push(p);
    }
    out
}

/// `决算数小于预算数的主要原因：…。`, `决算数大于…` or `决算数与预算数基本持平。`.
fn compare(w: &Words, budget: Money, actual: Money, reason: &Option<String>) -> String {
    let (b, a) = (w.f.money(budget), w.f.money(actual));
    let word = if a == b {
        return "决算数与预算数基本持平。".into();
    } else if a < b {
        "小于"
    } else {
        "大于"
    };
    match reason {
        Some(r) => format!(
            "决算数{word}预算数的主要原因：{}。",
            r.trim_end_matches('。')
        ),
        None => format!("决算数{word}预算数。"),
    }
}

fn three_public(w: &Words) -> Vec<String> {
    let fa = w.fa;
    let (y, prev_y) = (fa.year, fa.year - 1);
    let (b, a) = (&fa.three_public.budget, &fa.three_public.actual);
    let done = |actual: Money, budget: Money| -> String {
        match execution::rate(w.f.money(actual), w.f.money(budget)) {
            Some(r) => format!("完成预算的{}", percent(r)),
            None if actual.is_zero() => format!("完成预算的{}", percent(Decimal::ZERO)),
            None => "无年初预算".into(),
        }
    };
    let mut p = format!(
        "“三公”经费财政拨款支出年初预算为{}，支出决算为{}，{}，其中：因公出国（境）费决算为{}，{}；\
         公务用车购置及运行维护费支出决算为{}，{}；公务接待费支出决算为{}，{}。",
        w.wan(b.total()),
        w.wan(a.total()),
        done(a.total(), b.total()),
        w.wan(a.abroad),
        done(a.abroad, b.abroad),
        w.wan(a.vehicles()),
        done(a.vehicles(), b.vehicles()),
        w.wan(a.reception),
        done(a.reception, b.reception),
    );
    let (tb, ta) = (w.f.money(b.total()), w.f.money(a.total()));
    if tb != ta {
        let word = if ta < tb { "小于" } else { "大于" };
        p += &format!("{y}年度“三公”经费支出决算数{word}预算数");
        p += &match &fa.three_public.reason {
            Some(r) => format!("的主要原因：{}。", r.trim_end_matches('。')),
            None => "。".into(),
        };
    }
    let mut out = vec![
        "（一）“三公”经费财政拨款支出决算总体情况说明。".to_string(),
        p,
    ];
    if let Some(prev) = &fa.previous_year.three_public {
        out.push(three_public_change(w, a, prev, prev_y));
    }
    out.push("（二）“三公”经费财政拨款支出决算具体情况说明。".into());
    if a.total().is_zero() {
        out.push(format!("{}{y}年度无“三公”经费财政拨款支出。", fa.name));
    } else {
        out.push(format!(
            "{y}年度因公出国（境）费支出决算{}；公务用车购置费支出决算{}，公务用车运行维护费支出决算{}；公务接待费支出决算{}。",
            w.wan(a.abroad),
            w.wan(a.vehicle_purchase),
            w.wan(a.vehicle_running),
            w.wan(a.reception)
        ));
    }
    out
}

fn three_public_change(
    w: &Words,
    a: &ThreePublicAmounts,
    prev: &ThreePublicAmounts,
    prev_y: u16,
) -> String {
    let y = w.fa.year;
    let total = w.change(a.total(), prev.total());
    let head = if total == "持平" {
        format!("{y}年度“三公”经费财政拨款支出决算数与{prev_y}年度持平。")
    } else {
        format!("{y}年度“三公”经费财政拨款支出决算数比{prev_y}年度{total}。")
    };
    format!(
        "{head}其中：因公出国（境）费支出决算{}；公务用车购置及运行维护费支出决算{}；公务接待费支出决算{}。",
        w.change(a.abroad, prev.abroad),
        w.change(a.vehicles(), prev.vehicles()),
        w.change(a.reception, prev.reception)
    )
}

fn performance(w: &Words) -> Vec<String> {
    let fa = w.fa;
    let Some(p) = &fa.performance else {
        return vec![format!(
            "{}{}年度未填写预算绩效管理情况。",
            fa.name, fa.year
        )];
    };
    let mut text = format!("{}{}年度预算绩效管理工作开展情况如下：", fa.name, fa.year);
    if let Some(work) = &p.work {
        text += work.trim_end_matches('。');
        text += "；";
    }
    text += &format!(
        "实行全过程绩效管理实施情况跟踪：编报绩效目标的{y}年度项目{}个，涉及预算金额{}；\
         绩效跟踪评价的{y}年度项目{}个，涉及预算金额{}；绩效自评的{y}年度项目{}个，涉及预算金额{}",
        p.targets.projects,
        w.wan(p.targets.amount),
        p.tracking.projects,
        w.wan(p.tracking.amount),
        p.self_evaluation.projects,
        w.wan(p.self_evaluation.amount),
        y = fa.year
    );
    if let Some(score) = p.average_score {
        text += &format!("，平均得分{}分", score.plain());
    }
    text += &format!(
        "（其中，绩效评级为“优”的项目{}个；绩效评级为“良”的项目{}个；绩效评级为“合格”的项目{}个；\
         绩效评级为“不合格”的项目{}个。绩效自评中共发现问题{}个，已经完成整改的{}个，正在整改的{}个）。",
        p.excellent, p.good, p.pass, p.fail, p.problems, p.fixed, p.fixing
    );
    vec![text]
}

fn other(w: &Words) -> Vec<String> {
    let fa = w.fa;
    let (y, prev_y) = (fa.year, fa.year - 1);
    let mut out = vec!["（一）机关运行经费支出情况".to_string()];
    match &fa.running_costs {
        Some(rc) => {
            let mut p = format!("机关运行经费支出{}", w.wan(rc.amount));
            if let Some(prev) = fa.previous_year.running_costs {
                let c = w.change(rc.amount, prev);
                p += &if c == "持平" {
                    format!("，与{prev_y}年度持平")
                } else {
                    format!("，比{prev_y}年度{c}")
                };
            }
            p += "。";
            if let Some(r) = &rc.reason {
                p += &format!("主要原因是{}。", r.trim_end_matches('。'));
            }
            out.push(p);
        }
        None => out.push(format!("{}{y}年度无机关运行经费支出。", fa.name)),
    }
    out.push("（二）政府采购支出情况".into());
    if let Some(pr) = &fa.procurement {
        out.push(format!(
            "{}{y}年度政府采购金额（以合同签订为准）为{}，其中：货物采购金额{}、工程采购金额{}、服务采购金额{}。",
            fa.name,
            w.wan(pr.goods + pr.works + pr.services),
            w.wan(pr.goods),
            w.wan(pr.works),
            w.wan(pr.services)
        ));
        out.push(format!(
            "{y}年度本部门面向中小企业预留政府采购项目预算金额{}，面向小微企业预留政府采购项目预算金额{}。\
             在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额{}；\
             在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额{}；\
             在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额{}。",
            w.wan(pr.sme_reserved),
            w.wan(pr.micro_reserved),
            w.wan(pr.sme_won),
            w.wan(pr.micro_won),
            w.wan(pr.sme_won_other)
        ));
    } else {
        out.push(format!("{}{y}年度无政府采购支出。", fa.name));
    }
    out.push("（三）国有资产占有使用情况说明".into());
    if let Some(a) = &fa.assets {
        let vehicles = a.ministerial_vehicles
            + a.leader_vehicles
            + a.confidential_vehicles
            + a.emergency_vehicles
            + a.enforcement_vehicles
            + a.special_vehicles
            + a.retired_vehicles
            + a.other_vehicles;
        out.push(format!(
            "截至{}，{}共有车辆{vehicles}辆，其中：部级领导干部用车{}辆、主要领导干部用车{}辆、机要通信用车{}辆、\
             应急保障用车{}辆、执法执勤用车{}辆、特种专业技术用车{}辆、离退休干部用车{}辆、其他用车{}辆。\
             单价100万元（含）以上设备（不含车辆）{}台（套）。",
            a.as_of,
            fa.name,
            a.ministerial_vehicles,
            a.leader_vehicles,
            a.confidential_vehicles,
            a.emergency_vehicles,
            a.enforcement_vehicles,
            a.special_vehicles,
            a.retired_vehicles,
            a.other_vehicles,
            a.equipment_over_100
        ));
    }
    out
}
