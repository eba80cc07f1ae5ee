//! The later sections of a disclosure: last year's figures, the free texts, procurement,
//! assets and the department's performance targets.

use super::*;

/// The previous year's figures that the narrative compares with.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousYear {
    /// 收入总计 = 支出总计.
    #[serde(default)]
    pub total: Comparison,
    /// 一般公共预算收支.
    #[serde(default)]
    pub general: Comparison,
    /// 政府性基金收支.
    #[serde(default)]
    pub fund: Comparison,
    /// 国有资本经营收支.
    #[serde(default)]
    pub state_capital: Comparison,
    /// 因公出国（境）费.
    #[serde(default)]
    pub abroad: Comparison,
    /// 公务接待费.
    #[serde(default)]
    pub reception: Comparison,
    /// 公务用车购置费.
    #[serde(default)]
    pub vehicle_purchase: Comparison,
    /// 公务用车运行维护费.
    #[serde(default)]
    pub vehicle_running: Comparison,
    /// 机关（机构）运转经费.
    #[serde(default)]
    pub running_costs: Comparison,
    /// 财政拨款收入. Some regions compare income with last year's 预算执行数 but expenditure
    /// with last year's budget (普陀 2025: +24,558.18 against +24,491.71万元), so income needs
    /// its own previous figure; the expenditure side uses `general` + `fund` + `state_capital`.
    #[serde(default)]
    pub appropriation_income: Comparison,
    /// Reason given for 公务用车购置及运行费 as a whole. Its amount is purchase + running, so
    /// only the reason is typed.
    #[serde(default)]
    pub vehicles_reason: Option<String>,
}

/// Free-text parts of 第二部分. Figures are never typed here; they are computed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    /// What 因公出国（境）费 is used for (主要用于…).
    #[serde(default)]
    pub abroad_use: String,
    /// What 公务接待费 is used for.
    #[serde(default)]
    pub reception_use: String,
    /// What 公务用车购置费 is used for.
    #[serde(default)]
    pub vehicle_purchase_use: String,
    /// What 公务用车运行维护费 is used for.
    #[serde(default)]
    pub vehicle_running_use: String,
    /// What the government fund money is used for (section 八), e.g. `用于…支出`.
    #[serde(default)]
    pub fund_use: Option<String>,
    /// What the state capital money is used for (section 九).
    #[serde(default)]
    pub state_capital_use: Option<String>,
    /// What 机关运转经费 covers (section 十(一)).
    #[serde(default)]
    pub running_costs_use: String,
    /// 预算绩效情况说明 (section 十(三)); figures are appended from the data.
    #[serde(default)]
    pub performance_management: Option<String>,
    /// 重点项目绩效评价情况 (section 十(四)). Empty in formats without that section.
    #[serde(default)]
    pub key_evaluation: String,
    /// 专项转移支付项目情况 (section 十(六)). Empty in formats without that section.
    #[serde(default)]
    pub transfer_payments: String,
}

/// 政府采购预算 by category; the total is computed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    #[serde(default)]
    pub goods: Money,
    #[serde(default)]
    pub works: Money,
    #[serde(default)]
    pub services: Money,
}

/// 国有资产占用情况.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// The date the counts refer to, as written in the narrative, e.g. `2023年期末`.
    pub as_of: String,
    /// 一般公务用车.
    #[serde(default)]
    pub official_vehicles: u32,
    /// 一般执法执勤用车.
    #[serde(default)]
    pub enforcement_vehicles: u32,
    /// 其他用车.
    #[serde(default)]
    pub other_vehicles: u32,
    /// 单价50万元以上通用设备 (台/套).
    #[serde(default)]
    pub general_equipment_over_50: u32,
    /// 单位价值100万元以上专用设备 (台/套).
    #[serde(default)]
    pub special_equipment_over_100: u32,
    /// 部级领导干部用车. This and the following categories are those of the 普陀 format.
    #[serde(default)]
    pub ministerial_vehicles: u32,
    /// 主要领导干部用车.
    #[serde(default)]
    pub leader_vehicles: u32,
    /// 机要通信用车.
    #[serde(default)]
    pub confidential_vehicles: u32,
    /// 应急保障用车.
    #[serde(default)]
    pub emergency_vehicles: u32,
    /// 特种专业技术用车.
    #[serde(default)]
    pub special_vehicles: u32,
    /// 离退休干部用车.
    #[serde(default)]
    pub retired_vehicles: u32,
    /// 单价100万元（含）以上设备（不含车辆） (台/套).
    #[serde(default)]
    pub equipment_over_100: u32,
    /// What this year's budget buys (「2025年部门预算安排购置车辆0辆…」); absent when the
    /// disclosure does not say.
    #[serde(default)]
    pub purchases: Option<AssetPurchases>,
}

/// Vehicles and equipment the year's budget buys, by the categories of `Assets`.
///
/// Its fields are `Assets`' own again rather than a part both share: the file writes both
/// flat, and serde refuses unknown fields only in a struct that lists every field itself
/// (`deny_unknown_fields` does not work through `flatten`). What both do with the counts is
/// written once, here and in `Assets::held`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssetPurchases {
    #[serde(default)]
    pub official_vehicles: u32,
    #[serde(default)]
    pub ministerial_vehicles: u32,
    #[serde(default)]
    pub leader_vehicles: u32,
    #[serde(default)]
    pub confidential_vehicles: u32,
    #[serde(default)]
    pub emergency_vehicles: u32,
    #[serde(default)]
    pub enforcement_vehicles: u32,
    #[serde(default)]
    pub special_vehicles: u32,
    #[serde(default)]
    pub retired_vehicles: u32,
    #[serde(default)]
    pub other_vehicles: u32,
    /// 单价100万元（含）以上设备（不含车辆） (台/套).
    #[serde(default)]
    pub equipment_over_100: u32,
}

impl Assets {
    /// The counts of the categories a purchase can also name, in the shape of a purchase.
    pub fn held(&self) -> AssetPurchases {
        AssetPurchases {
            official_vehicles: self.official_vehicles,
            ministerial_vehicles: self.ministerial_vehicles,
            leader_vehicles: self.leader_vehicles,
            confidential_vehicles: self.confidential_vehicles,
            emergency_vehicles: self.emergency_vehicles,
            enforcement_vehicles: self.enforcement_vehicles,
            special_vehicles: self.special_vehicles,
            retired_vehicles: self.retired_vehicles,
            other_vehicles: self.other_vehicles,
            equipment_over_100: self.equipment_over_100,
        }
    }
}

impl AssetPurchases {
    /// Each vehicle category as (field, its name in the narrative, count), in the order the
    /// 普陀 text lists them.
    pub fn vehicle_categories(&self) -> [(&'static str, &'static str, u32); 9] {
        [
            ("official_vehicles", "一般公务用车", self.official_vehicles),
            (
                "ministerial_vehicles",
                "部级领导干部用车",
                self.ministerial_vehicles,
            ),
            ("leader_vehicles", "主要领导干部用车", self.leader_vehicles),
            (
                "confidential_vehicles",
                "机要通信用车",
                self.confidential_vehicles,
            ),
            (
                "emergency_vehicles",
                "应急保障用车",
                self.emergency_vehicles,
            ),
            (
                "enforcement_vehicles",
                "执法执勤用车",
                self.enforcement_vehicles,
            ),
            (
                "special_vehicles",
                "特种专业技术用车",
                self.special_vehicles,
            ),
            ("retired_vehicles", "离退休干部用车", self.retired_vehicles),
            ("other_vehicles", "其他用车", self.other_vehicles),
        ]
    }

    /// Every category: the vehicles, then 单价100万元以上设备.
    pub fn categories(&self) -> impl Iterator<Item = (&'static str, &'static str, u32)> {
        let equipment = (
            "equipment_over_100",
            "设备100万元以上",
            self.equipment_over_100,
        );
        self.vehicle_categories().into_iter().chain([equipment])
    }
}

/// 编报绩效目标的项目 when the projects are not listed one by one.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectsWithTargets {
    /// How many projects (「共25个」).
    pub count: u32,
    /// Their budget (「涉及项目预算资金11381.60万元」), in the file's `money_unit`.
    pub amount: Money,
}

/// 项目经费情况说明: one project's description, as the 普陀 format publishes it in seven
/// numbered sections. The heading is the name followed by 「经费情况说明」.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectDescription {
    /// 项目名称, e.g. `生命健康专项（政策资金）`.
    pub name: String,
    /// 一、项目概述.
    pub overview: String,
    /// 二、立项依据, one entry per document (numbering is added).
    #[serde(default)]
    pub basis: Vec<String>,
    /// 三、实施主体.
    #[serde(default)]
    pub implementer: Option<String>,
    /// 四、实施方案, as published.
    #[serde(default)]
    pub plan: Option<String>,
    /// 五、实施周期, as published, e.g. `2025.1.1-2025.12.31`.
    #[serde(default)]
    pub period: Option<String>,
    /// 六、年度预算安排: the parts of the project budget; the 项目总预算 is their sum.
    #[serde(default)]
    pub budget: Vec<BudgetPart>,
    /// 六、年度预算安排 in the department's words, when its document writes it so (a payment
    /// plan by quarter) instead of 「项目总预算…，其中…」: printed in place of that sentence.
    /// `check` reads the amounts typed into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_text: Option<String>,
    /// 七、绩效目标, e.g. `详见单位的项目绩效目标表`.
    #[serde(default)]
    pub targets_note: Option<String>,
}

/// One part of a project's budget (「其中支持企业规模化发展870.00万」).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetPart {
    pub name: String,
    /// In the file's `money_unit`.
    pub amount: Money,
}

/// 部门（单位）整体绩效目标 (table 12).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentPerformance {
    /// 年度履职目标.
    pub goal: String,
    /// 年度主要任务.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// The indicator tree 一级 › 二级 › 三级.
    #[serde(default)]
    pub indicators: Vec<IndicatorGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub name: String,
    pub content: String,
}

/// 一级指标 with its 二级指标.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorGroup {
    pub name: String,
    pub groups: Vec<IndicatorSubgroup>,
}

/// 二级指标 with its 三级指标.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSubgroup {
    pub name: String,
    pub items: Vec<Indicator>,
}
