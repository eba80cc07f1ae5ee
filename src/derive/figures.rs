//! Sums over the facts: the figures that tables, narrative, charts and checks share.
//!
//! Every total of the disclosure is computed here exactly once, so the narrative can never
//! quote a figure the tables do not show.

use crate::content::model::{
    Components, Disclosure, EconomicComponents, EconomicLine, FunctionalLine, IncomeLine,
};
use crate::content::money::Money;
use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;
use std::ops::Add;

/// Where money comes from, in the order table 7 prints the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    General,
    Fund,
    StateCapital,
    Carryover,
    SpecialAccount,
    Business,
    Superior,
    Affiliated,
    Operating,
    Other,
}

impl Source {
    pub const ALL: [Source; 10] = [
        Source::General,
        Source::Fund,
        Source::StateCapital,
        Source::Carryover,
        Source::SpecialAccount,
        Source::Business,
        Source::Superior,
        Source::Affiliated,
        Source::Operating,
        Source::Other,
    ];

    /// The field of `FunctionalLine` / `EconomicLine` holding this source (paths in messages).
    pub fn field(self) -> &'static str {
        match self {
            Source::General => "general",
            Source::Fund => "fund",
            Source::StateCapital => "state_capital",
            Source::Carryover => "carryover",
            Source::SpecialAccount => "special_account",
            Source::Business => "business",
            Source::Superior => "superior",
            Source::Affiliated => "affiliated",
            Source::Operating => "operating",
            Source::Other => "other",
        }
    }

    /// The column heading the tables use for this source.
    pub fn label(self) -> &'static str {
        match self {
            Source::General => "一般公共预算",
            Source::Fund => "政府性基金",
            Source::StateCapital => "国有资本经营预算",
            Source::Carryover => "上年结转结余",
            Source::SpecialAccount => "财政专户管理资金",
            Source::Business => "事业收入",
            Source::Superior => "上级补助收入",
            Source::Affiliated => "附属单位上缴收入",
            Source::Operating => "事业单位经营收入",
            Source::Other => "其他收入",
        }
    }
}

/// Field-wise addition for the amount structs of the model.
macro_rules! add_fields {
    ($t:ty { $($f:ident),* }) => {
        impl Add for $t {
            type Output = $t;
            fn add(self, o: $t) -> $t {
                <$t>::from_fields($(self.$f + o.$f),*)
            }
        }
        impl $t {
            #[allow(clippy::too_many_arguments)]
            fn from_fields($($f: Money),*) -> $t {
                let mut x = <$t>::default();
                $(x.$f = $f;)*
                x
            }
        }
        impl std::iter::Sum for $t {
            fn sum<I: Iterator<Item = $t>>(it: I) -> $t {
                it.fold(<$t>::default(), Add::add)
            }
        }
    };
}

add_fields!(Components {
    wages,
    family,
    public,
    running,
    targeted,
    unsplit_basic,
    unsplit_project
});
add_fields!(EconomicComponents {
    personnel,
    public,
    project
});

impl Components {
    /// 人员经费 = 工资福利支出 + 对个人和家庭的补助.
    pub fn personnel(&self) -> Money {
        self.wages + self.family
    }
    /// 基本支出 = 人员经费 + 公用经费 (+ what the publisher left unsplit).
    pub fn basic(&self) -> Money {
        self.personnel() + self.public + self.unsplit_basic
    }
    /// 项目支出 = 其他运转类 + 特定目标类 (+ what the publisher left unsplit).
    pub fn project(&self) -> Money {
        self.running + self.targeted + self.unsplit_project
    }
    pub fn total(&self) -> Money {
        self.basic() + self.project()
    }
}

impl EconomicComponents {
    pub fn basic(&self) -> Money {
        self.personnel + self.public
    }
    pub fn total(&self) -> Money {
        self.basic() + self.project
    }
}

/// The per-source amounts of a functional or economic line.
pub trait BySource {
    type Amounts: Clone + Default + Add<Output = Self::Amounts>;
    fn source(&self, s: Source) -> &Self::Amounts;
    /// All sources together.
    fn all(&self) -> Self::Amounts {
        Source::ALL.iter().fold(Self::Amounts::default(), |acc, s| {
            acc + self.source(*s).clone()
        })
    }
}

/// A functional line's carryover is all it spends of 上年结转结余, split by fund or not.
macro_rules! by_source {
    ($t:ty, $a:ty, |$l:ident| $carryover:expr) => {
        impl BySource for $t {
            type Amounts = $a;
            fn source(&self, s: Source) -> &$a {
                match s {
                    Source::General => &self.general,
                    Source::Fund => &self.fund,
                    Source::StateCapital => &self.state_capital,
                    Source::Carryover => {
                        let $l = self;
                        $carryover
                    }
                    Source::SpecialAccount => &self.special_account,
                    Source::Business => &self.business,
                    Source::Superior => &self.superior,
                    Source::Affiliated => &self.affiliated,
                    Source::Operating => &self.operating,
                    Source::Other => &self.other,
                }
            }
        }
    };
}
by_source!(FunctionalLine, Components, |l| l.carryover.total());
by_source!(EconomicLine, EconomicComponents, |l| &l.carryover);

impl IncomeLine {
    /// 一般公共预算 income.
    pub fn general(&self) -> Money {
        self.appropriation
            + self.special_revenue
            + self.other_general
            + self.general_advance
            + self.general_bond
    }
    /// 政府性基金预算拨款收入.
    pub fn fund_total(&self) -> Money {
        self.fund + self.fund_advance + self.fund_bond
    }
    /// 本年收入合计.
    pub fn year_total(&self) -> Money {
        self.general()
            + self.fund_total()
            + self.state_capital
            + self.special_account
            + self.business
            + self.operating
            + self.superior
            + self.affiliated
            + self.other
    }
    /// 上年结转结余合计.
    pub fn carryover_total(&self) -> Money {
        let c = &self.carryover;
        c.general + c.fund + c.state_capital + c.special_account + c.unit_funds
    }
    pub fn total(&self) -> Money {
        self.year_total() + self.carryover_total()
    }
    /// 本年收入 by source, labelled as section 二 of the narrative names them, in the
    /// order of table 1; shared by the narrative and the income chart.
    pub fn by_source(&self) -> [(&'static str, Money); 9] {
        [
            ("一般公共预算收入", self.general()),
            ("政府性基金收入", self.fund_total()),
            ("国有资本经营预算收入", self.state_capital),
            ("财政专户管理资金收入", self.special_account),
            ("事业收入", self.business),
            ("事业单位经营收入", self.operating),
            ("上级补助收入", self.superior),
            ("附属单位上缴收入", self.affiliated),
            ("其他收入", self.other),
        ]
    }
    /// Adds two income lines field by field (the unit is dropped).
    pub fn plus(&self, o: &IncomeLine) -> IncomeLine {
        let (a, b) = (&self.carryover, &o.carryover);
        IncomeLine {
            unit: None,
            appropriation: self.appropriation + o.appropriation,
            special_revenue: self.special_revenue + o.special_revenue,
            other_general: self.other_general + o.other_general,
            general_advance: self.general_advance + o.general_advance,
            general_bond: self.general_bond + o.general_bond,
            fund: self.fund + o.fund,
            fund_advance: self.fund_advance + o.fund_advance,
            fund_bond: self.fund_bond + o.fund_bond,
            state_capital: self.state_capital + o.state_capital,
            special_account: self.special_account + o.special_account,
            business: self.business + o.business,
            operating: self.operating + o.operating,
            superior: self.superior + o.superior,
            affiliated: self.affiliated + o.affiliated,
            other: self.other + o.other,
            carryover: crate::content::model::Carryover {
                general: a.general + b.general,
                fund: a.fund + b.fund,
                state_capital: a.state_capital + b.state_capital,
                special_account: a.special_account + b.special_account,
                unit_funds: a.unit_funds + b.unit_funds,
            },
        }
    }
}

/// Sums income lines.
pub fn sum_income<'a>(lines: impl IntoIterator<Item = &'a IncomeLine>) -> IncomeLine {
    lines
        .into_iter()
        .fold(IncomeLine::default(), |acc, l| acc.plus(l))
}

/// Department-level totals.
#[derive(Debug, Clone)]
pub struct Figures {
    pub income: IncomeLine,
    /// Expenditure components per source, and over all sources.
    pub general: Components,
    pub fund: Components,
    pub state_capital: Components,
    pub all: Components,
    /// 上年结转结余 spent, by the fund it was carried over in (as
    /// `content::model::CARRYOVER_FUNDS` orders them); only what lines split by fund.
    pub carried: [Components; 5],
    /// 本年支出合计.
    pub year_expenditure: Money,
    /// 支出总计 = 本年支出合计 + 年终结转结余.
    pub expenditure_total: Money,
    /// 收入总计 = 本年收入合计 + 上年结转结余.
    pub income_total: Money,
    /// Economic components of 一般公共预算 money.
    pub economic_general: EconomicComponents,
    pub three_public: ThreePublic,
    /// 机关（机构）运转经费 / 机关运行经费 = 一般公共预算基本支出中的公用经费, read from the
    /// economic lines because not every region splits 功能分类 基本支出 into 人员/公用.
    pub running_costs: Money,
    /// Where `running_costs` came from (see `units.rs`).
    pub running_costs_basis: super::units::RunningCostsBasis,
    /// How many units of each kind the department lists.
    pub units: super::units::UnitCounts,
    pub procurement_total: Money,
    pub project_total: Money,
    /// 编报绩效目标的项目: the number of projects and their budget, from `projects` when
    /// the disclosure lists them, else from `projects_with_targets`.
    pub target_projects: usize,
    pub target_amount: Money,
}

/// “三公”经费, from the 一般公共预算 amounts of their economic codes.
#[derive(Debug, Clone, Default)]
pub struct ThreePublic {
    /// 30212 因公出国（境）费.
    pub abroad: Money,
    /// 30217 公务接待费.
    pub reception: Money,
    /// 31013 公务用车购置费.
    pub vehicle_purchase: Money,
    /// 30231 公务用车运行维护费.
    pub vehicle_running: Money,
}

impl ThreePublic {
    pub const ABROAD: &'static str = "30212";
    pub const RECEPTION: &'static str = "30217";
    pub const VEHICLE_PURCHASE: &'static str = "31013";
    pub const VEHICLE_RUNNING: &'static str = "30231";

    pub fn vehicles(&self) -> Money {
        self.vehicle_purchase + self.vehicle_running
    }
    pub fn total(&self) -> Money {
        self.abroad + self.reception + self.vehicles()
    }
}

impl Figures {
    pub fn of(d: &Disclosure) -> Figures {
        let sum = |s: Source| {
            d.expenditure
                .iter()
                .map(|l| l.source(s).clone())
                .sum::<Components>()
        };
        let all: Components = d.expenditure.iter().map(|l| l.all()).sum();
        let income = sum_income(&d.income);
        let general_econ = |code: &str| {
            d.economic
                .iter()
                .filter(|l| l.code == code)
                .map(|l| l.general.total())
                .sum::<Money>()
        };
        let general = sum(Source::General);
        let year_expenditure = all.total();
        let economic_general: EconomicComponents =
            d.economic.iter().map(|l| l.general.clone()).sum();
        let project_total: Money = d.projects.iter().map(project_total).sum();
        let (target_projects, target_amount) = match &d.projects_with_targets {
            Some(t) if d.projects.is_empty() => (t.count as usize, t.amount),
            _ => (d.projects.len(), project_total),
        };
        let units = super::units::UnitCounts::of(d);
        let (running_costs, running_costs_basis) =
            super::units::running_costs(d, economic_general.public);
        let carried = std::array::from_fn(|i| {
            (d.expenditure.iter())
                .map(|l| l.carryover.fund(i).clone())
                .sum()
        });
        Figures {
            carried,
            running_costs_basis,
            units,
            income_total: income.total(),
            income,
            fund: sum(Source::Fund),
            state_capital: sum(Source::StateCapital),
            running_costs,
            general,
            year_expenditure,
            expenditure_total: year_expenditure + d.year_end_balance,
            all,
            economic_general,
            three_public: ThreePublic {
                abroad: general_econ(ThreePublic::ABROAD),
                reception: general_econ(ThreePublic::RECEPTION),
                vehicle_purchase: general_econ(ThreePublic::VEHICLE_PURCHASE),
                vehicle_running: general_econ(ThreePublic::VEHICLE_RUNNING),
            },
            procurement_total: d.procurement.goods + d.procurement.works + d.procurement.services,
            project_total,
            target_projects,
            target_amount,
        }
    }
}

impl Figures {
    /// 财政拨款 spending of one fund: this year's money and what is spent of the fund's
    /// 上年结转 (table 4's expenditure columns).
    pub fn appropriation_spent(&self, s: Source) -> Money {
        match s {
            Source::General => self.general.total() + self.carried[0].total(),
            Source::Fund => self.fund.total() + self.carried[1].total(),
            Source::StateCapital => self.state_capital.total() + self.carried[2].total(),
            _ => Money::ZERO,
        }
    }

    /// 一般公共预算基本支出 as 人员经费 and 公用经费: from the 功能分类 lines when they split
    /// 基本支出 (济源), else from the economic lines (普陀 gives 功能分类 基本支出 unsplit; the
    /// check ties both to the same 基本支出).
    pub fn general_personnel_public(&self) -> (Money, Money) {
        if self.general.unsplit_basic.is_zero() {
            (self.general.personnel(), self.general.public)
        } else {
            (
                self.economic_general.personnel,
                self.economic_general.public,
            )
        }
    }
}

/// A project's 合计 over every source of table 11.
pub fn project_total(p: &crate::content::model::Project) -> Money {
    p.general
        + p.fund
        + p.state_capital
        + p.carryover.general
        + p.carryover.fund
        + p.carryover.state_capital
        + p.special_account
        + p.unit_funds
}

/// 项目总预算 of a described project: the sum of its budget parts.
pub fn description_total(p: &crate::content::model::ProjectDescription) -> Money {
    p.budget.iter().map(|b| b.amount).sum()
}

/// Vehicle counts: every vehicle category, so that a region's categories all count.
impl crate::content::model::Assets {
    pub fn vehicles(&self) -> u32 {
        self.held().vehicles()
    }
}

impl crate::content::model::AssetPurchases {
    pub fn vehicles(&self) -> u32 {
        self.vehicle_categories().iter().map(|(_, _, n)| n).sum()
    }
}

/// Shares of `whole` in percent with two decimals that add up to exactly 100.00
/// (largest remainder), as published splits such as 84.80% / 15.20% do.
pub fn shares(parts: &[Money], whole: Money) -> Vec<Decimal> {
    if whole.is_zero() {
        return vec![Decimal::ZERO; parts.len()];
    }
    let hundred = Decimal::from(100);
    let exact: Vec<Decimal> = parts.iter().map(|p| p.0 * hundred / whole.0).collect();
    let mut rounded: Vec<Decimal> = exact
        .iter()
        .map(|e| e.round_dp_with_strategy(2, RoundingStrategy::ToZero))
        .collect();
    let parts_sum: Money = parts.iter().sum();
    if parts_sum != whole {
        // Not a full split: plain rounding of each share.
        return exact
            .iter()
            .map(|e| e.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
            .collect();
    }
    let cent = Decimal::new(1, 2);
    let mut missing = hundred - rounded.iter().sum::<Decimal>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| {
        (exact[*b] - rounded[*b])
            .cmp(&(exact[*a] - rounded[*a]))
            .then(a.cmp(b))
    });
    for i in order {
        if missing <= Decimal::ZERO {
            break;
        }
        if exact[i] != rounded[i] {
            rounded[i] += cent;
            missing -= cent;
        }
    }
    rounded
}

/// `84.80%`.
pub fn percent(d: Decimal) -> String {
    format!("{:.2}%", d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn shares_match_the_sample_and_add_up() {
        let s = shares(&[m("883.70"), m("158.40")], m("1042.10"));
        assert_eq!(
            (percent(s[0]), percent(s[1])),
            ("84.80%".into(), "15.20%".into())
        );
        let s = shares(&[m("883.70"), m("100.00")], m("983.70"));
        assert_eq!(
            (percent(s[0]), percent(s[1])),
            ("89.83%".into(), "10.17%".into())
        );
        let s = shares(&[m("840.40"), m("43.30")], m("883.70"));
        assert_eq!(
            (percent(s[0]), percent(s[1])),
            ("95.10%".into(), "4.90%".into())
        );
        // Three equal thirds would round to 99.99 independently.
        let s = shares(&[m("1"), m("1"), m("1")], m("3"));
        assert_eq!(s.iter().sum::<Decimal>(), Decimal::from(100));
    }

    /// Each held category reaches its purchase twin, and only vehicles count as vehicles:
    /// every count is a different power of two, so a category left out or added twice shows.
    #[test]
    fn held_and_bought_vehicles_are_counted_alike() {
        let a: crate::content::model::Assets = serde_json::from_value(serde_json::json!({
            "as_of": "2024年期末",
            "official_vehicles": 1, "ministerial_vehicles": 2, "leader_vehicles": 4,
            "confidential_vehicles": 8, "emergency_vehicles": 16,
            "enforcement_vehicles": 32, "special_vehicles": 64, "retired_vehicles": 128,
            "other_vehicles": 256, "equipment_over_100": 512,
            "general_equipment_over_50": 1024, "special_equipment_over_100": 2048,
        }))
        .unwrap();
        assert_eq!(a.vehicles(), 511);
        let held = serde_json::to_value(a.held()).unwrap();
        for (field, _, n) in a.held().categories() {
            assert_eq!(held[field], n, "{field}");
        }
        assert_eq!(a.held().categories().map(|(_, _, n)| n).sum::<u32>(), 1023);
        let bought: crate::content::model::AssetPurchases = serde_json::from_value(held).unwrap();
        assert_eq!(bought.vehicles(), a.vehicles());
    }
}
