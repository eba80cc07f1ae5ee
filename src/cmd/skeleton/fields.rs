//! Which fields of a line hold amounts, by source and component: what `--from` resets to 0
//! and what the file shows as last year's amounts.

use super::*;

/// Every source but carryover, which is reset as a whole (it may be split by fund).
pub(super) fn functional_sources_mut(l: &mut FunctionalLine) -> [&mut Components; 9] {
    [
        &mut l.general,
        &mut l.fund,
        &mut l.state_capital,
        &mut l.special_account,
        &mut l.business,
        &mut l.operating,
        &mut l.superior,
        &mut l.affiliated,
        &mut l.other,
    ]
}

pub(super) fn economic_sources_mut(l: &mut EconomicLine) -> [&mut EconomicComponents; 10] {
    [
        &mut l.general,
        &mut l.fund,
        &mut l.state_capital,
        &mut l.carryover,
        &mut l.special_account,
        &mut l.business,
        &mut l.operating,
        &mut l.superior,
        &mut l.affiliated,
        &mut l.other,
    ]
}

/// Sources of money as the fields of a functional or economic line name them, in file order.
pub(super) const SOURCES: [(&str, &str); 10] = [
    ("general", "一般公共预算"),
    ("fund", "政府性基金预算"),
    ("state_capital", "国有资本经营预算"),
    ("carryover", "上年结转结余"),
    ("special_account", "财政专户管理资金"),
    ("business", "事业收入"),
    ("operating", "事业单位经营收入"),
    ("superior", "上级补助收入"),
    ("affiliated", "附属单位上缴收入"),
    ("other", "其他收入"),
];

pub(super) fn functional_sources(l: &FunctionalLine) -> [&Components; 10] {
    [
        &l.general,
        &l.fund,
        &l.state_capital,
        l.carryover.total(),
        &l.special_account,
        &l.business,
        &l.operating,
        &l.superior,
        &l.affiliated,
        &l.other,
    ]
}

pub(super) fn economic_sources(l: &EconomicLine) -> [&EconomicComponents; 10] {
    [
        &l.general,
        &l.fund,
        &l.state_capital,
        &l.carryover,
        &l.special_account,
        &l.business,
        &l.operating,
        &l.superior,
        &l.affiliated,
        &l.other,
    ]
}

/// The parts of a functional line's source, in file order: the five of a split budget, then
/// the unsplit `basic` / `project` of a region that publishes only those (普陀).
pub(super) fn components(c: &Components) -> [(&'static str, Money); 7] {
    [
        ("wages", c.wages),
        ("family", c.family),
        ("public", c.public),
        ("running", c.running),
        ("targeted", c.targeted),
        ("basic", c.unsplit_basic),
        ("project", c.unsplit_project),
    ]
}

pub(super) fn economic_components(c: &EconomicComponents) -> [(&'static str, Money); 3] {
    [
        ("personnel", c.personnel),
        ("public", c.public),
        ("project", c.project),
    ]
}

/// Income fields in file order, with what they are.
pub(super) fn income_fields(l: &IncomeLine) -> [(&'static str, &'static str, Money); 15] {
    [
        ("appropriation", "一般公共预算·财政拨款", l.appropriation),
        (
            "special_revenue",
            "一般公共预算·专项收入",
            l.special_revenue,
        ),
        (
            "other_general",
            "一般公共预算·其他一般公共预算资金",
            l.other_general,
        ),
        (
            "general_advance",
            "一般公共预算·上级提前下达",
            l.general_advance,
        ),
        ("general_bond", "一般公共预算·一般债券", l.general_bond),
        ("fund", "政府性基金预算资金", l.fund),
        ("fund_advance", "政府性基金·上级提前下达", l.fund_advance),
        ("fund_bond", "政府性基金·专项债券", l.fund_bond),
        ("state_capital", "国有资本经营预算拨款收入", l.state_capital),
        ("special_account", "财政专户管理资金收入", l.special_account),
        ("business", "事业收入", l.business),
        ("operating", "事业单位经营收入", l.operating),
        ("superior", "上级补助收入", l.superior),
        ("affiliated", "附属单位上缴收入", l.affiliated),
        ("other", "其他收入", l.other),
    ]
}

pub(super) fn carryover_fields(c: &Carryover) -> [(&'static str, Money); 5] {
    [
        ("general", c.general),
        ("fund", c.fund),
        ("state_capital", c.state_capital),
        ("special_account", c.special_account),
        ("unit_funds", c.unit_funds),
    ]
}
