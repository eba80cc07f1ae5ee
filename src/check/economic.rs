//! Functional lines against economic lines: the same spending by purpose (T3, T5, T9, T10) and
//! by nature (T6, T7), entered from different tables.
//!
//! Per source the components must agree: 工资福利支出 with 人员经费 of the 301 codes,
//! 对个人和家庭的补助 with 人员经费 of the 303 codes, 公用经费 with 公用经费, and 项目支出 with the
//! project money of the economic lines. Together these give T5 = T6 and T7 = T5 + T9 + T10 + ….

use super::{Ctx, Diagnostic, Relation, Rule, Severity, Side};
use crate::derive::figures::{BySource, Source};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "T5-T6-wages",
        family: "functional and economic",
        severity: Severity::Error,
        description: "T5 工资福利支出 equals T6 人员经费 of the 301 工资福利支出 codes (一般公共预算)",
        run: t5_t6_wages,
    },
    Rule {
        id: "T5-T6-family",
        family: "functional and economic",
        severity: Severity::Error,
        description: "T5 对个人和家庭的补助 equals T6 人员经费 of the 303 对个人和家庭的补助 codes (一般公共预算)",
        run: t5_t6_family,
    },
    Rule {
        id: "T5-T6-public",
        family: "functional and economic",
        severity: Severity::Error,
        description: "T5 公用经费 equals T6 公用经费 (一般公共预算)",
        run: t5_t6_public,
    },
    Rule {
        id: "T5-T7-project",
        family: "functional and economic",
        severity: Severity::Error,
        description: "T5 项目支出 equals the project money of T7's 一般公共预算 column (T7 一般公共预算 − T6), so T7 一般公共预算 = T5 合计",
        run: t5_t7_project,
    },
    Rule {
        id: "T9-T7-fund",
        family: "functional and economic",
        severity: Severity::Error,
        description: "T9 equals T7's 政府性基金 column, component by component (工资福利, 个人和家庭, 公用经费, 项目)",
        run: t9_t7_fund,
    },
    Rule {
        id: "T10-T7-state-capital",
        family: "functional and economic",
        severity: Severity::Error,
        description: "T10 equals T7's 国有资本经营预算 column, component by component",
        run: t10_t7_state_capital,
    },
    Rule {
        id: "T3-T7-other-sources",
        family: "functional and economic",
        severity: Severity::Error,
        description: "for every other source (上年结转结余, 财政专户, 事业收入, …) T3 equals that column of T7, component by component",
        run: t3_t7_other_sources,
    },
    Rule {
        id: "T6-personnel-codes",
        family: "functional and economic",
        severity: Severity::Error,
        description: "人员经费 is booked only under 301 工资福利支出 and 303 对个人和家庭的补助 codes",
        run: personnel_codes,
    },
    Rule {
        id: "T6-public-codes",
        family: "functional and economic",
        severity: Severity::Error,
        description: "公用经费 is booked only under 302 商品和服务支出 and 310 资本性支出 codes",
        run: public_codes,
    },
];

/// Economic 类 whose 人员经费 and 公用经费 the tables show.
const PERSONNEL_CLASSES: [&str; 2] = ["301", "303"];
const PUBLIC_CLASSES: [&str; 2] = ["302", "310"];

#[derive(Clone, Copy)]
enum Part {
    Wages,
    Family,
    Public,
    Project,
}

impl Part {
    const ALL: [Part; 4] = [Part::Wages, Part::Family, Part::Public, Part::Project];

    fn label(self) -> &'static str {
        match self {
            Part::Wages => "工资福利支出",
            Part::Family => "对个人和家庭的补助",
            Part::Public => "公用经费",
            Part::Project => "项目支出",
        }
    }
}

/// The table of one source's functional lines.
fn functional_table(s: Source) -> String {
    match s {
        Source::General => "T5".into(),
        Source::Fund => "T9".into(),
        Source::StateCapital => "T10".into(),
        other => format!("T3 {}", other.label()),
    }
}

fn functional_side(ctx: &Ctx, s: Source, part: Part) -> Side {
    let mut side = Side::new(format!("{} {}", functional_table(s), part.label()));
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        let c = l.source(s);
        let fields = match part {
            Part::Wages => vec![("wages", c.wages)],
            Part::Family => vec![("family", c.family)],
            Part::Public => vec![("public", c.public)],
            Part::Project => vec![
                ("running", c.running),
                ("targeted", c.targeted),
                ("project", c.unsplit_project),
            ],
        };
        for (field, m) in fields {
            side.add(m, || format!("expenditure[{i}].{}.{field}", s.field()));
        }
    }
    side
}

fn economic_side(ctx: &Ctx, s: Source, part: Part) -> Side {
    let label = match (s, part) {
        (Source::General, Part::Wages) => crate::say!(
            "T6 301 工资福利支出各款的人员经费",
            "T6 人员经费 of the 301 工资福利支出 codes"
        ),
        (Source::General, Part::Family) => crate::say!(
            "T6 303 对个人和家庭的补助各款的人员经费",
            "T6 人员经费 of the 303 对个人和家庭的补助 codes"
        ),
        (Source::General, Part::Public) => "T6 公用经费".into(),
        (Source::General, Part::Project) => crate::say!(
            "T7 一般公共预算的项目支出（T7 − T6）",
            "T7 一般公共预算 project money (T7 − T6)"
        ),
        (_, Part::Wages) => crate::say!(
            "T7 {} 301 各款的人员经费",
            "T7 {} 人员经费 of the 301 codes",
            s.label()
        ),
        (_, Part::Family) => crate::say!(
            "T7 {} 303 各款的人员经费",
            "T7 {} 人员经费 of the 303 codes",
            s.label()
        ),
        (_, p) => format!("T7 {} {}", s.label(), p.label()),
    };
    let mut side = Side::new(label);
    for (j, l) in ctx.d.economic.iter().enumerate() {
        let e = l.source(s);
        let class = l.code.get(..3).unwrap_or("");
        let (field, m) = match part {
            Part::Wages if class == "301" => ("personnel", e.personnel),
            Part::Family if class == "303" => ("personnel", e.personnel),
            Part::Wages | Part::Family => continue,
            Part::Public => ("public", e.public),
            Part::Project => ("project", e.project),
        };
        side.add(m, || format!("economic[{j}].{}.{field}", s.field()));
    }
    side
}

/// 基本支出 of one source as a whole, by purpose and by nature: the fallback identity when the
/// functional lines give 基本支出 unsplit (普陀), so 人员/公用 can only be compared together.
fn basic_identity(ctx: &Ctx, out: &mut Vec<Diagnostic>, rule: &'static str, s: Source) {
    let src = s.field();
    let mut functional = Side::new(format!("{} 基本支出", functional_table(s)));
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        let c = l.source(s);
        for (field, m) in [
            ("wages", c.wages),
            ("family", c.family),
            ("public", c.public),
            ("basic", c.unsplit_basic),
        ] {
            functional.add(m, || format!("expenditure[{i}].{src}.{field}"));
        }
    }
    let mut economic = Side::new(crate::say!(
        "{}基本支出（人员经费 + 公用经费）",
        "{} 基本支出 (人员经费 + 公用经费)",
        s.label()
    ));
    for (j, l) in ctx.d.economic.iter().enumerate() {
        let e = l.source(s);
        economic.add(e.personnel, || format!("economic[{j}].{src}.personnel"));
        economic.add(e.public, || format!("economic[{j}].{src}.public"));
    }
    let advice = crate::say!(
        "按功能分类和按经济分类的基本支出是同一笔钱：请把 `expenditure` 各行的 `{src}.basic`（及拆分后的各部分）与 `economic` 各行的 `{src}.personnel` + `{src}.public` 对照核对。",
        "基本支出 by purpose and by nature are the same money: compare `{src}.basic` (and any split parts) of `expenditure` with `{src}.personnel` + `{src}.public` of `economic`."
    );
    ctx.compare(out, rule, Relation::Equal, &functional, &economic, &advice);
}

fn identity(ctx: &Ctx, out: &mut Vec<Diagnostic>, rule: &'static str, s: Source, part: Part) {
    let unsplit = ctx
        .d
        .expenditure
        .iter()
        .any(|l| !l.source(s).unsplit_basic.is_zero());
    // Without T7 the economic lines carry no project money to compare with.
    if matches!(part, Part::Project) && !ctx.publishes("economic") {
        return;
    }
    if unsplit {
        match part {
            Part::Wages | Part::Family => return,
            Part::Public => return basic_identity(ctx, out, rule, s),
            Part::Project => {}
        }
    }
    let functional = functional_side(ctx, s, part);
    let economic = economic_side(ctx, s, part);
    let src = s.field();
    let advice = match part {
        Part::Wages => crate::say!(
            "按功能分类和按经济分类的工资福利支出是同一笔钱：请把 `expenditure` 各行的 `{src}.wages` 与 `economic` 中 301 开头各行的 `{src}.personnel` 对照核对。",
            "工资福利支出 by purpose and by nature are the same money: compare `{src}.wages` of `expenditure` with `{src}.personnel` of the 301xx `economic` lines."
        ),
        Part::Family => crate::say!(
            "按功能分类和按经济分类的对个人和家庭的补助是同一笔钱：请把 `expenditure` 各行的 `{src}.family` 与 `economic` 中 303 开头各行的 `{src}.personnel` 对照核对。",
            "对个人和家庭的补助 by purpose and by nature are the same money: compare `{src}.family` of `expenditure` with `{src}.personnel` of the 303xx `economic` lines."
        ),
        Part::Public => crate::say!(
            "按功能分类和按经济分类的公用经费是同一笔钱：请把 `expenditure` 各行的 `{src}.public` 与 `economic` 各行的 `{src}.public` 对照核对。",
            "公用经费 by purpose and by nature are the same money: compare `{src}.public` of `expenditure` with `{src}.public` of `economic`."
        ),
        Part::Project => crate::say!(
            "按功能分类和按经济分类的项目支出是同一笔钱：请把 `expenditure` 各行的 `{src}.running` + `{src}.targeted` 与 `economic` 各行的 `{src}.project` 对照核对。",
            "项目支出 by purpose and by nature are the same money: compare `{src}.running` + `{src}.targeted` of `expenditure` with `{src}.project` of `economic`."
        ),
    };
    ctx.compare(out, rule, Relation::Equal, &functional, &economic, &advice);
}

fn t5_t6_wages(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity(ctx, out, "T5-T6-wages", Source::General, Part::Wages);
}

fn t5_t6_family(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity(ctx, out, "T5-T6-family", Source::General, Part::Family);
}

fn t5_t6_public(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity(ctx, out, "T5-T6-public", Source::General, Part::Public);
}

fn t5_t7_project(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    identity(ctx, out, "T5-T7-project", Source::General, Part::Project);
}

fn t9_t7_fund(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for part in Part::ALL {
        identity(ctx, out, "T9-T7-fund", Source::Fund, part);
    }
}

fn t10_t7_state_capital(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for part in Part::ALL {
        identity(ctx, out, "T10-T7-state-capital", Source::StateCapital, part);
    }
}

fn t3_t7_other_sources(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in Source::ALL.into_iter().skip(3) {
        for part in Part::ALL {
            identity(ctx, out, "T3-T7-other-sources", s, part);
        }
    }
}

/// Flags economic lines carrying `component` money under a 类 outside `allowed`.
fn misfiled(
    ctx: &Ctx,
    out: &mut Vec<Diagnostic>,
    rule: &'static str,
    component: &str,
    allowed: [&str; 2],
    pick: fn(&crate::content::model::EconomicComponents) -> crate::content::money::Money,
) {
    for (j, l) in ctx.d.economic.iter().enumerate() {
        let class = l.code.get(..3).unwrap_or("");
        if allowed.contains(&class) {
            continue;
        }
        let facts: Vec<_> = Source::ALL
            .iter()
            .filter(|s| !pick(l.source(**s)).is_zero())
            .map(|s| {
                ctx.fact(
                    format!("economic[{j}].{}.{component}", s.field()),
                    pick(l.source(*s)).plain(),
                )
            })
            .collect();
        if facts.is_empty() {
            continue;
        }
        let class_name = crate::content::codes::economic_class_name(class)
            .unwrap_or(crate::messages::say("未知的类", "unknown class"));
        let (cn, right) = match component {
            "personnel" => (
                "人员经费",
                crate::messages::say(
                    "工资福利支出（301）和对个人和家庭的补助（303）",
                    "工资福利支出 (301) and 对个人和家庭的补助 (303)",
                ),
            ),
            _ => (
                "公用经费",
                crate::messages::say(
                    "商品和服务支出（302）和资本性支出（310）",
                    "商品和服务支出 (302) and 资本性支出 (310)",
                ),
            ),
        };
        let message = crate::say!(
            "{cn}记在了 {} {} 下（类 {class} {class_name}）",
            "{cn} booked under {} {} (class {class} {class_name})",
            l.code,
            l.name
        );
        let hint = crate::say!(
            "表六只在{right}下显示{cn}：请把这笔金额移到正确的代码下，或改记为别的部分（`personnel` 人员经费、`public` 公用经费、`project` 项目支出）。",
            "T6 shows {cn} only for {right}: move the amount to the right code, or enter it as another component (`personnel`, `public`, `project`)."
        );
        out.push(
            ctx.diagnostic(rule, Severity::Error, message)
                .texts(
                    crate::say!("{} 或 {}", "{} or {}", allowed[0], allowed[1]),
                    class,
                )
                .facts(facts)
                .hint(hint),
        );
    }
}

fn personnel_codes(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    misfiled(
        ctx,
        out,
        "T6-personnel-codes",
        "personnel",
        PERSONNEL_CLASSES,
        |c| c.personnel,
    );
}

fn public_codes(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    misfiled(ctx, out, "T6-public-codes", "public", PUBLIC_CLASSES, |c| {
        c.public
    });
}
