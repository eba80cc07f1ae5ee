//! One real finding per family of check rules, with the Chinese its message and hint must
//! hold: the table `messages_walk.rs` checks.

use super::cases::{Edit, FILE, Replace};

/// One real finding of a family of check rules: how the example is broken (`None`: as it
/// is), the rule, and Chinese passages its message and hint must hold.
pub struct Finding {
    pub family: &'static str,
    pub edit: Option<Edit>,
    pub rule: &'static str,
    pub message: &'static [&'static str],
    pub hint: &'static [&'static str],
}

pub const FINDINGS: &[Finding] = &[
    Finding {
        family: "income and expenditure",
        edit: Some(Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: 993.70",
        )),
        rule: "T1-balance",
        message: &["T1 支出总计 1,042.10 与 T1 收入总计 1,052.10 不相等"],
        hint: &[
            "T1 支出总计 1,042.10 应等于 T1 收入总计 1,052.10（差额 -10.00）。",
            "预算的收入和支出必须平衡",
        ],
    },
    Finding {
        family: "functional and economic",
        edit: Some(Replace(FILE, "public: 38.70", "public: 39.70")),
        rule: "T5-T6-public",
        message: &["T6 公用经费 43.30 与 T5 公用经费 44.30 不相等"],
        hint: &[
            "按功能分类和按经济分类的公用经费是同一笔钱：请把 `expenditure` 各行的 `general.public` 与 `economic` 各行的 `general.public` 对照核对。",
        ],
    },
    Finding {
        family: "projects",
        edit: Some(Replace(
            FILE,
            "    general: 100.00\n",
            "    general: 90.00\n",
        )),
        rule: "T11-T5-projects",
        message: &[
            "T11 一般公共预算特定目标类项目 90.00 与 T5 一般公共预算 特定目标类 100.00 不相等",
        ],
        hint: &["一般公共预算的每一笔特定目标类都应属于表中列出的某个项目"],
    },
    Finding {
        family: "performance (the sample's own warning)",
        edit: None,
        rule: "T13-cost-indicator",
        message: &[
            "项目 419001240000000007622 电子政务专项-“两个禁止”综合信息监管平台 的成本指标写的是 财政投入资金 58.34万元；市级财政投入资金 58.34万元，但项目金额是 58.40万元",
        ],
        hint: &[
            "表十三把项目的资金总额 58.40万元 和成本指标并排显示",
            "否则请改正 `projects[1].targets.cost` 下的 `value`，或改正项目金额",
        ],
    },
    Finding {
        family: "三公经费",
        edit: Some(Replace(
            FILE,
            "official_vehicles: 1 ",
            "official_vehicles: 0 ",
        )),
        rule: "T8-vehicles",
        message: &["安排了公务用车运行维护费 1.50，但国有资产占用情况中没有车辆"],
        hint: &["请核对 `assets` 下的车辆数"],
    },
    Finding {
        family: "procurement",
        edit: Some(Replace(FILE, "  goods: 9.21", "  goods: 900.21")),
        rule: "procurement-within-budget",
        message: &["政府采购预算 958.61 大于 公用经费 + 项目支出（T3） 201.70"],
        hint: &["只能从公用经费和项目支出中支付，不能用人员经费"],
    },
    Finding {
        family: "completeness",
        edit: Some(Replace(
            FILE,
            "  composition: 本预算为汇总预算，包括招商引资服务中心本级预算，无二级机构预算。",
            "  composition: \"\"",
        )),
        rule: "completeness-texts",
        message: &["预算单位构成（`overview.composition`）是空的"],
        hint: &["请从本部门的预算说明中抄到 `overview.composition`"],
    },
    Finding {
        family: "codes",
        edit: Some(Replace(FILE, "code: \"2011350\"", "code: \"2011300\"")),
        rule: "code-function-shape",
        message: &["功能分类科目代码 2011300 事业运行 的项是 `00`，没有这样的项"],
        hint: &["请在 `code` 写完整的 7 位项级代码（现在缺项）"],
    },
    Finding {
        family: "narrative",
        edit: Some(Replace(
            FILE,
            "  total:            { amount: 0, reason: 该部门为2024年新增预算单位 }",
            "  total:            { amount: 0 }",
        )),
        rule: "narrative-change-reason",
        message: &[
            "收入总计、支出总计比2023年增加1042.10（从 0.00 到 1,042.10），但没有写主要原因",
        ],
        hint: &["请在 `previous_year.total.reason` 填写原因"],
    },
    Finding {
        family: "facts",
        edit: Some(Replace(
            FILE,
            "published: \"2024-05-26\"",
            "published: \"2024-01-01\"",
        )),
        rule: "published-placeholder",
        message: &["公开日期仍是新建文件时填入的占位日期 2024-01-01"],
        hint: &["请把 `published:` 改为实际公开日期"],
    },
    Finding {
        family: "the department's text",
        edit: Some(Replace(
            FILE,
            "  running_costs_use: 主要保障",
            "  running_costs_use: 机关运行经费43.20万元，主要保障",
        )),
        rule: "prose-typed-amount",
        message: &["「机关运行经费43.20万元」与表中的机关运行经费不符：表中是43.30"],
        hint: &["改成引用 {机关运行经费}"],
    },
];
