//! What the scaffold template is given: every value of the new file, computed here (codes,
//! names, amounts spelt as staff type them, last year's amounts for the comments, which
//! sources a line uses), so the template only places them and adds its comments.
//!
//! Texts are handed over as they are; the template writes them through its `yaml` filter.
//! Amounts and counts are handed over already spelt (`0`, `983.70`): they come from `Money`
//! and `u32`, never from a clerk's text.

use super::*;
use serde_json::{Value, json};

/// `{ key, amount }` pairs, for flow maps of amounts and for the comments of last year's.
fn pairs(parts: &[(&str, Money)]) -> Vec<Value> {
    parts
        .iter()
        .map(|(k, m)| json!({ "key": k, "amount": amount(*m) }))
        .collect()
}

/// The pairs of `parts` that are not zero: what a comment of last year's amounts lists.
fn nonzero(parts: &[(&str, Money)]) -> Vec<Value> {
    let kept: Vec<(&str, Money)> = parts.iter().filter(|p| !p.1.is_zero()).copied().collect();
    pairs(&kept)
}

/// Last year's amount beside this year's, only when last year had one.
fn was(m: Option<Money>) -> Value {
    match m {
        Some(m) if !m.is_zero() => json!(amount(m)),
        _ => Value::Null,
    }
}

/// The parts a line writes: those that are not zero this year or were not last year.
fn used<'a>(now: &[(&'a str, Money)], before: &[(&'a str, Money)]) -> Vec<(&'a str, Money)> {
    now.iter()
        .enumerate()
        .filter(|(i, p)| !p.1.is_zero() || before.get(*i).is_some_and(|b| !b.1.is_zero()))
        .map(|(_, p)| *p)
        .collect()
}

/// The view of `d`; `last` is last year's file when starting from it, `prose` the sections
/// of the narrative's words (id and text).
pub(super) fn of(
    d: &Disclosure,
    last: Option<&Loaded<Disclosure>>,
    profile: &Profile,
    prose: &[(String, String)],
) -> Value {
    let last_data = last.map(|l| &l.data);
    let o = &d.overview;
    json!({
        "code": d.code,
        "name": d.name,
        "year": d.year,
        "prev": d.year - 1,
        "profile": profile.name,
        "from": last.map(|l| l.file.display().to_string()),
        "unit": d.money_unit.label(),
        "published": d.published,
        "department_totals_only": d.department_totals_only,
        "amounts": d.amounts,
        "running_costs": d.running_costs.map(|m| json!({
            "amount": amount(m),
            "was": was(last_data.and_then(|x| x.running_costs)),
        })),
        "units": d.units.iter().map(|u| json!({
            "code": u.code,
            "name": u.name,
            "kind": u.kind.map(|k| k.label()),
            "separate_budget": u.separate_budget,
        })).collect::<Vec<_>>(),
        "overview": {
            "about": o.about,
            "duties_intro": o.duties_intro,
            "duties": o.duties,
            "duties_numbering": o.duties_numbering,
            "glossary_numbering": o.glossary_numbering,
            "glossary_layout": o.glossary_layout,
            "list_punctuation": o.list_punctuation,
            "offices": o.offices,
            "composition": o.composition,
        },
        "subject_names": d.subject_names.iter()
            .map(|(code, name)| json!({ "code": code, "name": name }))
            .collect::<Vec<_>>(),
        "income": income(d, last_data),
        "expenditure": expenditure(d, last_data),
        "economic": economic(d, last_data),
        "projects": projects(d, last_data),
        "projects_with_targets": d.projects_with_targets.as_ref().map(|p| {
            let before = last_data.and_then(|x| x.projects_with_targets.as_ref());
            json!({
                "count": p.count,
                "amount": amount(p.amount),
                "was_count": before.map(|b| b.count).filter(|c| *c != 0),
                "was_amount": was(before.map(|b| b.amount)),
            })
        }),
        "project_descriptions": descriptions(d, last_data),
        "year_end_balance": amount(d.year_end_balance),
        "previous_year": previous_year(&d.previous_year),
        "narrative": d.narrative,
        "procurement": procurement(d, last_data),
        "assets": assets(&d.assets),
        "performance": d.performance,
        "tables": tables(d, profile),
        "empty_tables": d.empty_tables.iter()
            .map(|(key, text)| json!({ "key": key, "text": text }))
            .collect::<Vec<_>>(),
        "facts": facts(d, last_data),
        "prose": prose.iter().map(|(id, text)| json!({
            "id": id,
            "lines": text.trim_matches('\n').lines()
                .map(|l| if l.trim().is_empty() { "" } else { l })
                .collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn income(d: &Disclosure, last: Option<&Disclosure>) -> Vec<Value> {
    d.income
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let before = last.and_then(|x| x.income.get(i));
            let fields: Vec<Value> = income_fields(l)
                .iter()
                .filter_map(|&(k, label, m)| {
                    let b = before.map(|x| {
                        income_fields(x)
                            .iter()
                            .find(|f| f.0 == k)
                            .map(|f| f.2)
                            .unwrap_or_default()
                    });
                    // Without last year: the two usual sources; from last year: those it used.
                    let show = match b {
                        None => !m.is_zero() || matches!(k, "appropriation" | "fund"),
                        Some(b) => !m.is_zero() || !b.is_zero() || k == "appropriation",
                    };
                    show.then(
                        || json!({ "key": k, "label": label, "amount": amount(m), "was": was(b) }),
                    )
                })
                .collect();
            let carry = carryover_fields(&l.carryover);
            let carry_was = before
                .map(|x| carryover_fields(&x.carryover))
                .unwrap_or_default();
            let carryover = carry
                .iter()
                .chain(&carry_was)
                .any(|(_, m)| !m.is_zero())
                .then(|| json!({ "parts": pairs(&carry), "was": nonzero(&carry_was) }));
            json!({ "unit": l.unit, "fields": fields, "carryover": carryover })
        })
        .collect()
}

fn expenditure(d: &Disclosure, last: Option<&Disclosure>) -> Vec<Value> {
    d.expenditure
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let before = last
                .and_then(|x| x.expenditure.get(i))
                .map(functional_sources);
            let now = functional_sources(l);
            let sources: Vec<Value> = SOURCES
                .iter()
                .enumerate()
                .filter_map(|(s, (key, _))| {
                    let parts = components(now[s]);
                    let was_parts = before.map(|b| components(b[s])).unwrap_or_default();
                    let used = used(&parts, &was_parts);
                    (!used.is_empty()).then(
                        || json!({ "key": key, "parts": pairs(&used), "was": nonzero(&was_parts) }),
                    )
                })
                .collect();
            json!({
                "code": l.code, "name": l.name, "unit": l.unit, "purpose": l.purpose,
                "sources": sources,
            })
        })
        .collect()
}

fn economic(d: &Disclosure, last: Option<&Disclosure>) -> Vec<Value> {
    d.economic
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let before = last.and_then(|x| x.economic.get(i)).map(economic_sources);
            let now = economic_sources(l);
            let mut was_all = Vec::new();
            let mut sources = Vec::new();
            for (s, (key, _)) in SOURCES.iter().enumerate() {
                let parts = economic_components(now[s]);
                let was_parts = before
                    .map(|b| economic_components(b[s]))
                    .unwrap_or_default();
                let used = used(&parts, &was_parts);
                if !used.is_empty() {
                    sources.push(json!({ "key": key, "parts": pairs(&used) }));
                }
                for (k, m) in was_parts {
                    if !m.is_zero() {
                        was_all.push(json!({ "key": format!("{key}.{k}"), "amount": amount(m) }));
                    }
                }
            }
            json!({
                "code": l.code, "name": l.name, "gov_code": l.gov_code, "gov_name": l.gov_name,
                "sources": sources, "was": was_all,
            })
        })
        .collect()
}

fn projects(d: &Disclosure, last: Option<&Disclosure>) -> Vec<Value> {
    let money = |p: &Project| {
        [
            ("general", p.general),
            ("fund", p.fund),
            ("state_capital", p.state_capital),
            ("special_account", p.special_account),
            ("unit_funds", p.unit_funds),
        ]
    };
    let carry = |p: &Project| {
        [
            ("general", p.carryover.general),
            ("fund", p.carryover.fund),
            ("state_capital", p.carryover.state_capital),
        ]
    };
    d.projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let before = last.and_then(|x| x.projects.get(i));
            let was_money = before.map(money);
            let mut shown: Vec<Value> = money(p)
                .iter()
                .enumerate()
                .filter_map(|(j, &(k, m))| {
                    let b = was_money.map(|x| x[j].1).unwrap_or_default();
                    (!m.is_zero() || !b.is_zero())
                        .then(|| json!({ "key": k, "amount": amount(m), "was": was(Some(b)) }))
                })
                .collect();
            if shown.is_empty() {
                // Every project shows where its money goes, even before it has any.
                shown.push(json!({ "key": "general", "amount": "0", "was": null }));
            }
            let carry_was = before.map(carry).unwrap_or_default();
            let carryover = carry(p)
                .iter()
                .chain(&carry_was)
                .any(|(_, m)| !m.is_zero())
                .then(|| json!({ "parts": pairs(&carry(p)), "was": nonzero(&carry_was) }));
            let t = &p.targets;
            json!({
                "code": p.code, "unit": p.unit, "name": p.name, "kind": p.kind.label(),
                "money": shown, "carryover": carryover,
                "targets": [
                    { "key": "cost", "items": t.cost },
                    { "key": "output", "items": t.output },
                    { "key": "effect", "items": t.effect },
                    { "key": "satisfaction", "items": t.satisfaction },
                ],
            })
        })
        .collect()
}

fn descriptions(d: &Disclosure, last: Option<&Disclosure>) -> Vec<Value> {
    d.project_descriptions
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let before = last.and_then(|x| x.project_descriptions.get(i));
            let budget: Vec<Value> = p
                .budget
                .iter()
                .enumerate()
                .map(|(j, b)| {
                    let w = before.and_then(|x| x.budget.get(j)).map(|x| x.amount);
                    json!({ "name": b.name, "amount": amount(b.amount), "was": was(w) })
                })
                .collect();
            json!({
                "name": p.name, "overview": p.overview, "basis": p.basis,
                "implementer": p.implementer, "plan": p.plan, "period": p.period,
                "budget": budget, "budget_text": p.budget_text, "targets_note": p.targets_note,
            })
        })
        .collect()
}

fn previous_year(p: &PreviousYear) -> Value {
    let c = |c: &Comparison| {
        let basis = (!c.basis.is_budget()).then(|| c.basis.label());
        json!({ "amount": amount(c.amount()), "basis": basis, "reason": c.reason })
    };
    json!({
        "total": c(&p.total),
        "general": c(&p.general),
        "fund": c(&p.fund),
        "state_capital": c(&p.state_capital),
        "abroad": c(&p.abroad),
        "reception": c(&p.reception),
        "vehicle_purchase": c(&p.vehicle_purchase),
        "vehicle_running": c(&p.vehicle_running),
        "running_costs": c(&p.running_costs),
        // Written only when given: most regions compare income and expenditure alike.
        "appropriation_income": (!p.appropriation_income.amount().is_zero()
            || p.appropriation_income.reason.is_some())
            .then(|| c(&p.appropriation_income)),
        "vehicles_reason": p.vehicles_reason,
    })
}

fn procurement(d: &Disclosure, last: Option<&Disclosure>) -> Value {
    let before = last.map(|x| &x.procurement);
    let p = &d.procurement;
    let one = |m: Money, b: Option<Money>| json!({ "amount": amount(m), "was": was(b) });
    json!({
        "goods": one(p.goods, before.map(|x| x.goods)),
        "works": one(p.works, before.map(|x| x.works)),
        "services": one(p.services, before.map(|x| x.services)),
    })
}

/// The counts, with the categories only some regions publish (普陀's) listed apart so that
/// the template writes them only where they are used.
fn assets(a: &Assets) -> Value {
    let more = [
        (
            "ministerial_vehicles",
            a.ministerial_vehicles,
            "部级领导干部用车（辆）",
        ),
        (
            "leader_vehicles",
            a.leader_vehicles,
            "主要领导干部用车（辆）",
        ),
        (
            "confidential_vehicles",
            a.confidential_vehicles,
            "机要通信用车（辆）",
        ),
        (
            "emergency_vehicles",
            a.emergency_vehicles,
            "应急保障用车（辆）",
        ),
        (
            "special_vehicles",
            a.special_vehicles,
            "特种专业技术用车（辆）",
        ),
        (
            "retired_vehicles",
            a.retired_vehicles,
            "离退休干部用车（辆）",
        ),
        (
            "equipment_over_100",
            a.equipment_over_100,
            "单价100万元（含）以上设备（台/套）",
        ),
    ];
    let purchases = a.purchases.as_ref().map(|p| {
        p.categories()
            .filter(|(_, _, n)| *n != 0)
            .map(|(k, _, n)| json!({ "key": k, "count": n }))
            .collect::<Vec<_>>()
    });
    json!({
        "as_of": a.as_of,
        "official_vehicles": a.official_vehicles,
        "enforcement_vehicles": a.enforcement_vehicles,
        "other_vehicles": a.other_vehicles,
        "general_equipment_over_50": a.general_equipment_over_50,
        "special_equipment_over_100": a.special_equipment_over_100,
        "more": more.iter()
            .filter(|(_, n, _)| *n != 0)
            .map(|(k, n, label)| json!({ "key": k, "count": n, "label": label }))
            .collect::<Vec<_>>(),
        "purchases": purchases,
    })
}

/// The tables `empty_tables` can name, from the site's profile.
fn tables(d: &Disclosure, profile: &Profile) -> Vec<Value> {
    let view =
        crate::render::page::disclosure_view(&blank(d.year, &d.code, &d.name), &[], profile, &[]);
    view.tables
        .iter()
        .map(|t| json!({ "key": t.key, "number": t.number, "name": t.name }))
        .collect()
}

fn facts(d: &Disclosure, last: Option<&Disclosure>) -> Vec<Value> {
    d.facts
        .iter()
        .map(|(name, f)| {
            let before = last.and_then(|x| x.facts.get(name));
            json!({
                "name": name,
                "amount": f.amount.map(amount),
                "count": f.count,
                "was_amount": was(before.and_then(|b| b.amount)),
                "was_count": before.and_then(|b| b.count).filter(|c| *c != 0),
            })
        })
        .collect()
}
