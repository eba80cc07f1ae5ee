//! 上年结转结余 spent on one functional line, by the fund it was carried over in.
//!
//! Income states its carryover by fund (`income[].carryover.general`, …). Spending used to
//! state it as one set of components, so table 4 (财政拨款收支总体情况表), which shows the
//! 上年结转 of each 财政拨款 fund on its income side, had nowhere to show it being spent and
//! could not balance. A line may now split it the same way income does; the one-set form
//! stays valid for files written before (and for carryover of 单位资金, which table 4 does
//! not show).

use super::*;

/// The funds carryover is entered in, as `income[].carryover` names them.
pub const CARRYOVER_FUNDS: [(&str, &str); 5] = [
    ("general", "一般公共预算"),
    ("fund", "政府性基金"),
    ("state_capital", "国有资本经营预算"),
    ("special_account", "财政专户管理资金"),
    ("unit_funds", "单位资金"),
];

/// `carryover:` of an expenditure line: either components without a fund
/// (`carryover: { targeted: 10 }`) or components by fund
/// (`carryover: { general: { targeted: 10 }, fund: { running: 5 } }`), not both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(try_from = "RawSpent")]
pub struct SpentCarryover {
    /// Not split by fund (the older form).
    pub unsplit: Components,
    /// By fund, in the order of [`CARRYOVER_FUNDS`].
    pub by_fund: [Components; 5],
    /// All of it, computed when read: tables 1, 3 and 7 show carryover in one column.
    total: Components,
}

impl SpentCarryover {
    /// Carryover spent, split by fund; the total follows.
    pub fn by_fund(by_fund: [Components; 5]) -> SpentCarryover {
        let total = by_fund.iter().cloned().sum();
        SpentCarryover {
            unsplit: Components::default(),
            by_fund,
            total,
        }
    }

    /// All carryover spent on the line, split or not.
    pub fn total(&self) -> &Components {
        &self.total
    }

    /// Spent from the carryover of fund `i` of [`CARRYOVER_FUNDS`].
    pub fn fund(&self, i: usize) -> &Components {
        &self.by_fund[i]
    }

    /// Whether the line splits its carryover by fund.
    pub fn is_split(&self) -> bool {
        self.by_fund.iter().any(|c| !c.total().is_zero())
    }
}

/// The form a clerk writes, before it is known which of the two it is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpent {
    #[serde(default)]
    wages: Option<Money>,
    #[serde(default)]
    family: Option<Money>,
    #[serde(default)]
    public: Option<Money>,
    #[serde(default)]
    running: Option<Money>,
    #[serde(default)]
    targeted: Option<Money>,
    #[serde(default)]
    basic: Option<Money>,
    #[serde(default)]
    project: Option<Money>,
    #[serde(default)]
    general: Option<Components>,
    #[serde(default)]
    fund: Option<Components>,
    #[serde(default)]
    state_capital: Option<Components>,
    #[serde(default)]
    special_account: Option<Components>,
    #[serde(default)]
    unit_funds: Option<Components>,
}

impl TryFrom<RawSpent> for SpentCarryover {
    type Error = String;

    fn try_from(r: RawSpent) -> Result<SpentCarryover, String> {
        let unsplit = [
            r.wages, r.family, r.public, r.running, r.targeted, r.basic, r.project,
        ];
        let funds = [
            r.general,
            r.fund,
            r.state_capital,
            r.special_account,
            r.unit_funds,
        ];
        let split = funds.iter().any(Option::is_some);
        if split && unsplit.iter().any(Option::is_some) {
            return Err(
                "上年结转结余要么按资金来源分开写（general、fund、state_capital、special_account、unit_funds，每个来源下再写 wages、public、targeted 等），要么不分来源直接写 wages、public、targeted 等，同一行不能两种写法混用"
                    .into(),
            );
        }
        if split {
            return Ok(SpentCarryover::by_fund(
                funds.map(Option::unwrap_or_default),
            ));
        }
        let z = |m: Option<Money>| m.unwrap_or_default();
        let c = Components {
            wages: z(r.wages),
            family: z(r.family),
            public: z(r.public),
            running: z(r.running),
            targeted: z(r.targeted),
            unsplit_basic: z(r.basic),
            unsplit_project: z(r.project),
        };
        Ok(SpentCarryover {
            total: c.clone(),
            unsplit: c,
            by_fund: Default::default(),
        })
    }
}

/// Written back as it was read: the one-set form as before (so the JSON download of a file
/// without a split is unchanged), the split form with the funds it uses.
impl Serialize for SpentCarryover {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if !self.is_split() {
            return self.unsplit.serialize(s);
        }
        let used: Vec<usize> = (0..5)
            .filter(|i| !self.by_fund[*i].total().is_zero())
            .collect();
        let mut m = s.serialize_map(Some(used.len()))?;
        for i in used {
            m.serialize_entry(CARRYOVER_FUNDS[i].0, &self.by_fund[i])?;
        }
        m.end()
    }
}
