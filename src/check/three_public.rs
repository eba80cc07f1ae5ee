//! “三公”经费 (T8, narrative 七). T8 is read from four economic codes, so its total always
//! equals 因公出国 + 车购置及运行 + 接待; what can go wrong is money T8 cannot see and a
//! vehicle budget without vehicles.

use super::{Ctx, Diagnostic, Rule, Severity};
use crate::content::money::Money;
use crate::derive::figures::{BySource, Source, ThreePublic};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "T8-other-sources",
        family: "三公经费",
        severity: Severity::Warning,
        description: "“三公” codes (30212, 30217, 30231, 31013) carry no money of sources other than 一般公共预算, which T8 would not show",
        run: other_sources,
    },
    Rule {
        id: "T8-vehicles",
        family: "三公经费",
        severity: Severity::Warning,
        description: "a 公务用车运行维护费 budget comes with at least one vehicle in 国有资产占用情况",
        run: vehicles,
    },
];

const CODES: [&str; 4] = [
    ThreePublic::ABROAD,
    ThreePublic::RECEPTION,
    ThreePublic::VEHICLE_RUNNING,
    ThreePublic::VEHICLE_PURCHASE,
];

fn other_sources(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (j, l) in ctx.d.economic.iter().enumerate() {
        if !CODES.contains(&l.code.as_str()) {
            continue;
        }
        let others: Vec<Source> = Source::ALL
            .into_iter()
            .filter(|s| *s != Source::General && !l.source(*s).total().is_zero())
            .collect();
        if others.is_empty() {
            continue;
        }
        let amount: Money = others.iter().map(|s| l.source(*s).total()).sum();
        let facts = others
            .iter()
            .map(|s| {
                ctx.fact(
                    format!("economic[{j}].{}", s.field()),
                    l.source(*s).total().plain(),
                )
            })
            .collect();
        let names: Vec<&str> = others.iter().map(|s| s.label()).collect();
        out.push(
            ctx.diagnostic(
                "T8-other-sources",
                Severity::Warning,
                crate::say!(
                    "{} {} 有{3}资金 {2}，表八和说明第七部分都不会显示",
                    "{} {} has {} of {} money, which T8 and narrative 七 do not show",
                    l.code,
                    l.name,
                    amount.table(),
                    names.join("、")
                ),
            )
            .amounts(Money::ZERO, amount)
            .facts(facts)
            .hint(crate::say!(
                "表八只显示一般公共预算的“三公”经费：如果确实由其他资金支付，请在说明中写明；否则请把这笔金额记到 `economic[{j}].general` 下",
                "T8 shows the “三公” money of 一般公共预算 only; if other sources really pay for it, say so in the narrative, otherwise book the amount under `general`"
            )),
        );
    }
}

fn vehicles(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let a = &ctx.d.assets;
    let running = ctx.f.three_public.vehicle_running;
    let count = a.official_vehicles + a.enforcement_vehicles + a.other_vehicles;
    if running.is_zero() || count > 0 || !ctx.f.three_public.vehicle_purchase.is_zero() {
        return;
    }
    let mut facts = vec![ctx.fact("assets.official_vehicles", a.official_vehicles)];
    facts.extend(
        ctx.d
            .economic
            .iter()
            .enumerate()
            .filter(|(_, l)| l.code == ThreePublic::VEHICLE_RUNNING)
            .map(|(j, l)| ctx.fact(format!("economic[{j}].general"), l.general.total().plain())),
    );
    out.push(
        ctx.diagnostic(
            "T8-vehicles",
            Severity::Warning,
            crate::say!(
                "安排了公务用车运行维护费 {}，但国有资产占用情况中没有车辆",
                "公务用车运行维护费 {} is budgeted, but 国有资产占用情况 lists no vehicle",
                running.table()
            ),
        )
        .texts(
            crate::say!("至少 1 辆车", "at least 1 vehicle"),
            crate::say!("0 辆车", "0 vehicles"),
        )
        .facts(facts)
        .hint(crate::say!(
            "没有车辆就不会有车辆运行费：请核对 `assets` 下的车辆数（`official_vehicles` 等）和 30231 公务用车运行维护费那一行",
            "a unit without vehicles cannot run them: check the vehicle counts under `assets` and the 30231 公务用车运行维护费 line"
        )),
    );
}
