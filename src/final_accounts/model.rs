//! The facts of one 部门决算, as entered in `content/<year>/决算/<code>.yaml`.
//!
//! Every amount is entered once, in the file's unit (元 to the 分 keeps it exact); the nine
//! tables and the 情况说明 are computed from these facts. Unknown fields are errors, so a
//! typo never drops a figure silently.

use crate::content::model::{Assets, MoneyUnit};
use crate::content::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One department's final accounts for one year.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FinalAccounts {
    /// Department code; the file is named after it and its 部门预算 has the same code.
    pub code: String,
    pub name: String,
    /// The year accounted for (the 决算 of 2024 is published in 2025).
    pub year: u16,
    pub money_unit: MoneyUnit,
    #[serde(default)]
    pub published: Option<String>,
    /// 主要职能, one paragraph per entry, printed as written.
    #[serde(default)]
    pub duties: Vec<String>,
    /// 部门决算单位构成: the units whose accounts are included.
    pub units: Vec<AccountUnit>,
    /// Names of 类 (3 digits) and 款 (5 digits) as the tables print them.
    #[serde(default)]
    pub subject_names: BTreeMap<String, String>,
    /// Income and expenditure per 功能分类 项.
    pub lines: Vec<Line>,
    /// 一般公共预算财政拨款基本支出 by 经济分类 款 (`"30101": 基本工资`'s amount).
    #[serde(default)]
    pub basic_economic: BTreeMap<String, Money>,
    /// 结转和结余 and the other items that close the year.
    #[serde(default)]
    pub balances: Balances,
    /// 财政拨款“三公”经费: 年初预算数 and 决算数.
    #[serde(default)]
    pub three_public: ThreePublic,
    /// 机关运行经费 of the year and its reason for the change.
    #[serde(default)]
    pub running_costs: Option<RunningCosts>,
    /// 政府采购 (以合同签订为准).
    #[serde(default)]
    pub procurement: Option<FinalProcurement>,
    /// 国有资产占有使用情况.
    #[serde(default)]
    pub assets: Option<Assets>,
    /// 预算绩效管理情况.
    #[serde(default)]
    pub performance: Option<Performance>,
    /// The previous year's published figures the 情况说明 compares with.
    #[serde(default)]
    pub previous_year: PreviousFinal,
    /// The reasons the 情况说明 gives, in the department's words.
    #[serde(default)]
    pub reasons: Reasons,
    /// Corrections after publication, oldest first. Once the year is frozen, its figures
    /// change only together with a new entry here, and entries are never changed.
    #[serde(default)]
    pub corrections: Vec<crate::content::model::Correction>,
}

/// A unit in 部门决算单位构成.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccountUnit {
    pub name: String,
    /// 备注, e.g. `预算不单列，并入本级`.
    #[serde(default)]
    pub note: Option<String>,
}

/// Income and expenditure of one 功能分类 项.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// Seven digits: 类 + 款 + 项, e.g. `"2010601"`.
    pub code: String,
    pub name: String,
    /// 主要用于: what the money was for (情况说明 五(三)).
    #[serde(default)]
    pub purpose: Option<String>,
    /// 一般公共预算财政拨款 年初预算数 of this 项. Left out when the year's 部门预算 is in
    /// the archive: it is then read from there.
    #[serde(default)]
    pub budget: Option<Money>,
    /// Why the 决算数 differs from the 年初预算数.
    #[serde(default)]
    pub reason: Option<String>,
    /// 本年收入 by source.
    #[serde(default)]
    pub income: Income,
    /// 一般公共预算财政拨款 spent.
    #[serde(default)]
    pub general: Spent,
    /// 政府性基金预算财政拨款 spent.
    #[serde(default)]
    pub fund: Spent,
    /// 国有资本经营预算财政拨款 spent.
    #[serde(default)]
    pub state_capital: Spent,
    /// Money other than 财政拨款 spent (上级补助, 事业, 经营, 其他 …).
    #[serde(default)]
    pub other_funds: OtherSpent,
}

/// 本年收入 of a 项 by source.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Income {
    /// 一般公共预算财政拨款收入.
    #[serde(default)]
    pub general: Money,
    /// 政府性基金预算财政拨款收入.
    #[serde(default)]
    pub fund: Money,
    /// 国有资本经营预算财政拨款收入.
    #[serde(default)]
    pub state_capital: Money,
    /// 上级补助收入.
    #[serde(default)]
    pub superior: Money,
    /// 事业收入.
    #[serde(default)]
    pub business: Money,
    /// 经营收入.
    #[serde(default)]
    pub operating: Money,
    /// 附属单位上缴收入.
    #[serde(default)]
    pub affiliated: Money,
    /// 其他收入.
    #[serde(default)]
    pub other: Money,
}

/// 财政拨款 spent on a 项: 基本支出 and 项目支出.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Spent {
    #[serde(default)]
    pub basic: Money,
    #[serde(default)]
    pub project: Money,
}

/// Money other than 财政拨款 spent on a 项, by the columns of 支出决算表.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OtherSpent {
    #[serde(default)]
    pub basic: Money,
    #[serde(default)]
    pub project: Money,
    /// 上缴上级支出.
    #[serde(default)]
    pub to_superior: Money,
    /// 经营支出.
    #[serde(default)]
    pub operating: Money,
    /// 对附属单位补助支出.
    #[serde(default)]
    pub to_affiliated: Money,
}

/// Amounts per 财政拨款 fund.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ByFund {
    #[serde(default)]
    pub general: Money,
    #[serde(default)]
    pub fund: Money,
    #[serde(default)]
    pub state_capital: Money,
}

impl ByFund {
    pub fn total(&self) -> Money {
        self.general + self.fund + self.state_capital
    }
}

/// What opens and closes the year. 年末结转和结余 is typed, not computed: that the year
/// closes (收入 + 使用非财政拨款结余 + 年初 = 支出 + 结余分配 + 年末) is the main check of a 决算.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Balances {
    /// 年初结转和结余, all money.
    #[serde(default)]
    pub opening: Money,
    /// 使用非财政拨款结余（含专用结余）.
    #[serde(default)]
    pub non_fiscal_used: Money,
    /// 结余分配.
    #[serde(default)]
    pub distribution: Money,
    /// 年末结转和结余, all money.
    #[serde(default)]
    pub closing: Money,
    /// 年初财政拨款结转和结余 per fund (part of `opening`).
    #[serde(default)]
    pub opening_appropriation: ByFund,
    /// 年末财政拨款结转和结余 per fund (part of `closing`).
    #[serde(default)]
    pub closing_appropriation: ByFund,
}

/// “三公”经费 split as the table shows it.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublicAmounts {
    /// 因公出国（境）费.
    #[serde(default)]
    pub abroad: Money,
    /// 公务用车购置费.
    #[serde(default)]
    pub vehicle_purchase: Money,
    /// 公务用车运行费.
    #[serde(default)]
    pub vehicle_running: Money,
    /// 公务接待费.
    #[serde(default)]
    pub reception: Money,
}

impl ThreePublicAmounts {
    pub fn vehicles(&self) -> Money {
        self.vehicle_purchase + self.vehicle_running
    }
    pub fn total(&self) -> Money {
        self.abroad + self.vehicles() + self.reception
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublic {
    /// 年初预算数.
    #[serde(default)]
    pub budget: ThreePublicAmounts,
    /// 决算数.
    #[serde(default)]
    pub actual: ThreePublicAmounts,
    /// Why the 决算数 differs from the 预算数.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RunningCosts {
    pub amount: Money,
    #[serde(default)]
    pub reason: Option<String>,
}

/// 政府采购 of the year and what went to small and medium enterprises.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FinalProcurement {
    /// 货物采购金额.
    #[serde(default)]
    pub goods: Money,
    /// 工程采购金额.
    #[serde(default)]
    pub works: Money,
    /// 服务采购金额.
    #[serde(default)]
    pub services: Money,
    /// 面向中小企业预留政府采购项目预算金额.
    #[serde(default)]
    pub sme_reserved: Money,
    /// 面向小微企业预留政府采购项目预算金额.
    #[serde(default)]
    pub micro_reserved: Money,
    /// 预留项目中由中小企业供应商中标或成交的采购金额.
    #[serde(default)]
    pub sme_won: Money,
    /// 小微企业预留项目中由小微企业供应商中标或成交的采购金额.
    #[serde(default)]
    pub micro_won: Money,
    /// 其他政府采购项目中由中小企业供应商中标或成交的采购金额.
    #[serde(default)]
    pub sme_won_other: Money,
}

/// 预算绩效管理情况: counts and amounts of the year's projects at each stage.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// What the department did, in its own words (制定了…，建立了…).
    #[serde(default)]
    pub work: Option<String>,
    pub targets: Stage,
    pub tracking: Stage,
    pub self_evaluation: Stage,
    /// 平均得分, as published (e.g. `99.43`); read like an amount (exact, two decimals).
    #[serde(default)]
    pub average_score: Option<Money>,
    #[serde(default)]
    pub excellent: u32,
    #[serde(default)]
    pub good: u32,
    #[serde(default)]
    pub pass: u32,
    #[serde(default)]
    pub fail: u32,
    #[serde(default)]
    pub problems: u32,
    #[serde(default)]
    pub fixed: u32,
    #[serde(default)]
    pub fixing: u32,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub projects: u32,
    pub amount: Money,
}

/// The previous year's figures, as published in its 决算.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousFinal {
    /// 收入支出总计.
    #[serde(default)]
    pub total: Option<Money>,
    /// 财政拨款收入支出总计.
    #[serde(default)]
    pub appropriation_total: Option<Money>,
    /// 一般公共预算财政拨款支出.
    #[serde(default)]
    pub general_expenditure: Option<Money>,
    /// “三公”经费决算数.
    #[serde(default)]
    pub three_public: Option<ThreePublicAmounts>,
    /// 机关运行经费.
    #[serde(default)]
    pub running_costs: Option<Money>,
}

/// Reasons, one per place the 情况说明 asks for one.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    /// 收入支出总计 against the previous year.
    #[serde(default)]
    pub total: Option<String>,
    /// 财政拨款收入支出总计 against the previous year.
    #[serde(default)]
    pub appropriation_total: Option<String>,
    /// 一般公共预算财政拨款支出 against the previous year.
    #[serde(default)]
    pub general_expenditure: Option<String>,
    /// 一般公共预算财政拨款支出 决算数 against 年初预算数.
    #[serde(default)]
    pub general_budget: Option<String>,
}
