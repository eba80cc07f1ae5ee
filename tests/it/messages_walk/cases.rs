//! The examples of wrong input the docs give: the table `messages_walk.rs` walks. A new
//! docs example is one more entry here.

pub const FILE: &str = "2024/085.yaml";
pub const SHOWN: &str = "content/2024/085.yaml";

/// How the example is broken.
pub enum Edit {
    /// In the content file `.0`, the first `.1` becomes `.2`.
    Replace(&'static str, &'static str, &'static str),
    /// The content file `.0` gets these bytes at its end.
    Append(&'static str, &'static [u8]),
    /// A new content file `.0` is written, a copy of `.1` (both relative to `content/`).
    Copy(&'static str, &'static str),
}

/// One example of wrong input from the docs.
pub struct Case {
    /// Where the docs give it, and what it is.
    pub doc: &'static str,
    /// The content folder the broken copy starts from, relative to the repository.
    pub example: &'static str,
    pub edit: Edit,
    /// The file the message must name, relative to the site root.
    pub file: &'static str,
    /// Text of the line the message must name, looked up in the broken file; `None` when the
    /// problem is the whole file.
    pub at: Option<&'static str>,
    /// The field path the message must name, as written in the YAML.
    pub field: Option<&'static str>,
    /// An error (both commands fail) or a warning (both succeed and say it).
    pub error: bool,
    /// Chinese words that tell the clerk what is wrong and what to do.
    pub said: &'static [&'static str],
}

const fn err(
    doc: &'static str,
    edit: Edit,
    at: Option<&'static str>,
    field: Option<&'static str>,
    said: &'static [&'static str],
) -> Case {
    Case {
        doc,
        example: "content",
        edit,
        file: SHOWN,
        at,
        field,
        error: true,
        said,
    }
}

const fn warn(
    doc: &'static str,
    edit: Edit,
    at: Option<&'static str>,
    field: Option<&'static str>,
    said: &'static [&'static str],
) -> Case {
    Case {
        error: false,
        ..err(doc, edit, at, field, said)
    }
}

/// An error in the 部门决算 of the 普陀 example (`content/2024/决算/finance.yaml`).
const fn final_accounts(
    doc: &'static str,
    from: &'static str,
    to: &'static str,
    at: &'static str,
    field: &'static str,
    said: &'static [&'static str],
) -> Case {
    Case {
        example: "examples/putuo/content",
        file: "content/2024/决算/finance.yaml",
        ..err(
            doc,
            Replace("2024/决算/finance.yaml", from, to),
            Some(at),
            Some(field),
            said,
        )
    }
}

pub use Edit::{Append, Copy, Replace};

pub const CASES: &[Case] = &[
    // docs/format.md — rules that apply everywhere.
    err(
        "format.md: a misspelt key (`apropriation:`)",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    apropriation: 983.70",
        ),
        Some("apropriation: 983.70"),
        Some("income[0].apropriation"),
        &["不认识的字段", "怎么改", "拼写"],
    ),
    err(
        "format.md: money with a unit",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: 983.70万元",
        ),
        Some("appropriation: 983.70万元"),
        Some("income[0].appropriation"),
        &["不是金额", "只写数字", "金额写成普通数字"],
    ),
    err(
        "format.md: money as text",
        Replace(FILE, "    fund: 58.40", "    fund: 五十八"),
        Some("    fund: 五十八"),
        Some("income[0].fund"),
        &["不是金额", "只写数字"],
    ),
    err(
        "format.md: a negative amount",
        Replace(FILE, "    fund: 58.40", "    fund: -58.40"),
        Some("    fund: -58.40"),
        Some("income[0].fund"),
        &["负数"],
    ),
    err(
        "format.md: more than four decimals",
        Replace(FILE, "    fund: 58.40", "    fund: 58.40001"),
        Some("    fund: 58.40001"),
        Some("income[0].fund"),
        &["小数超过四位"],
    ),
    err(
        "format.md: a date that is not a calendar day (2024-02-31)",
        Replace(
            FILE,
            "published: \"2024-05-26\"",
            "published: \"2024-02-31\"",
        ),
        Some("published: \"2024-02-31\""),
        Some("published"),
        &["不是日期", "2024-05-26"],
    ),
    err(
        "format.md: a department file with no units",
        Replace(
            FILE,
            "units:\n  - { code: \"085001\", name: 济源产城融合示范区招商引资服务中心 }",
            "units: []",
        ),
        Some("units: []"),
        Some("units"),
        &["至少要有一个预算单位"],
    ),
    err(
        "format.md: a line naming a unit the department does not have",
        Replace(
            FILE,
            "  - unit: \"085001\"\n    appropriation",
            "  - unit: \"085009\"\n    appropriation",
        ),
        Some("unit: \"085009\""),
        Some("income[0].unit"),
        &["不是本部门单列预算的单位"],
    ),
    err(
        "format.md: `empty_tables` naming a table that does not exist",
        Replace(FILE, "  state_capital: 本部门", "  state_capitol: 本部门"),
        Some("state_capitol: 本部门"),
        Some("empty_tables.state_capitol"),
        &["不是本站公开格式中的表", "改成下列表名之一"],
    ),
    err(
        "format.md: a table without data and without its explanation",
        Replace(
            FILE,
            "empty_tables:\n  state_capital: 本部门2024年度没有国有资本经营预算支出，故本表无数据。",
            "empty_tables: {}",
        ),
        Some("empty_tables: {}"),
        None,
        &["没有数据，也没有写明原因", "empty_tables"],
    ),
    err(
        "format.md: `subject_names` with a code that is not a 类 or 类+款",
        Replace(
            FILE,
            "empty_tables:\n",
            "subject_names:\n  \"2011\": 一般公共服务\nempty_tables:\n",
        ),
        Some("\"2011\": 一般公共服务"),
        Some("subject_names.2011"),
        &["不是类级代码", "加引号"],
    ),
    err(
        "format.md: `prose` replacing a section the profile does not have",
        Replace(
            FILE,
            "empty_tables:\n",
            "prose:\n  no-such-part: 文字\nempty_tables:\n",
        ),
        Some("no-such-part: 文字"),
        None,
        &["没有叫「no-such-part」的段落", "可替换的段落有"],
    ),
    err(
        "format.md: an amount typed in a text that differs from the figure it names",
        Replace(
            FILE,
            "  running_costs_use: 主要保障",
            "  running_costs_use: 机关运行经费43.20万元，主要保障",
        ),
        Some("running_costs_use: 机关运行经费43.20万元"),
        None,
        &["与表中的机关运行经费不符", "改成引用"],
    ),
    // docs/checks.md — one example per family of rules.
    err(
        "checks.md: income and expenditure do not balance (T1-balance)",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: 993.70",
        ),
        Some("appropriation: 993.70"),
        Some("income[0].appropriation"),
        &["收入和支出必须平衡", "不相等", "差额"],
    ),
    err(
        "checks.md: T6 公用经费 ≠ T5 公用经费 (T5-T6-public)",
        Replace(FILE, "public: 38.70", "public: 39.70"),
        Some("public: 39.70"),
        Some("expenditure[0].general.public"),
        &["是同一笔钱", "对照核对", "不相等"],
    ),
    err(
        "checks.md: projects that do not account for 特定目标类 (T11-T5-projects)",
        Replace(FILE, "    general: 100.00\n", "    general: 90.00\n"),
        Some("targeted: 100.00"),
        Some("projects[0].general"),
        &["都应属于表中列出的某个项目", "kind"],
    ),
    err(
        "checks.md: procurement larger than 公用经费 and 项目支出",
        Replace(FILE, "  goods: 9.21", "  goods: 900.21"),
        None,
        Some("procurement.goods"),
        &["政府采购", "不能用人员经费"],
    ),
    err(
        "checks.md: a text every disclosure publishes is empty",
        Replace(
            FILE,
            "  composition: 本预算为汇总预算，包括招商引资服务中心本级预算，无二级机构预算。",
            "  composition: \"\"",
        ),
        Some("composition: \"\""),
        Some("overview.composition"),
        &["是空的", "预算说明中抄到"],
    ),
    err(
        "checks.md: a 功能分类 code with 项 `00`",
        Replace(FILE, "code: \"2011350\"", "code: \"2011300\""),
        Some("code: \"2011300\""),
        Some("expenditure[0].code"),
        &["没有这样的项", "7 位项级代码"],
    ),
    err(
        "checks.md: a 功能分类 code of no known 类",
        Replace(FILE, "code: \"2011350\"", "code: \"9991350\""),
        Some("code: \"9991350\""),
        Some("expenditure[0].code"),
        &["不是已有的类", "核对"],
    ),
    err(
        "checks.md: an economic code with 款 `00`",
        Replace(FILE, "code: \"30101\"", "code: \"30100\""),
        Some("code: \"30100\""),
        Some("economic[0].code"),
        &["没有这样的款", "5 位款级代码"],
    ),
    err(
        "checks.md: 人员经费 booked under a 302 code",
        Replace(
            FILE,
            "{ code: \"30101\", name: 基本工资, gov_code: \"50501\", general: { personnel: 171.90 } }",
            "{ code: \"30201\", name: 办公费, gov_code: \"50502\", general: { personnel: 171.90 } }",
        ),
        Some("general: { personnel: 171.90 }"),
        Some("economic[0].general.personnel"),
        &["人员经费记在了", "移到正确的代码下"],
    ),
    err(
        "checks.md: a changed figure without its reason",
        Replace(
            FILE,
            "  total:            { amount: 0, reason: 该部门为2024年新增预算单位 }",
            "  total:            { amount: 0 }",
        ),
        Some("  total:            { amount: 0 }"),
        Some("previous_year.total.amount"),
        &["但没有写主要原因", "reason"],
    ),
    warn(
        "checks.md: an economic name that is not the code's (code-names)",
        Replace(
            FILE,
            "name: 基本工资, gov_code",
            "name: 基本工资资, gov_code",
        ),
        Some("name: 基本工资资"),
        Some("economic[0].name"),
        &["写的名称是「基本工资资」", "写错了"],
    ),
    warn(
        "checks.md: a project without 满意度指标 (T13-targets)",
        Replace(
            FILE,
            "      satisfaction:\n        - { name: 外来客商满意度, value: \"≥98%\" }\n",
            "",
        ),
        Some("targets:"),
        Some("projects[0].targets"),
        &["没有满意度指标", "补上缺少的列表"],
    ),
    warn(
        "checks.md: the publication date still the placeholder",
        Replace(
            FILE,
            "published: \"2024-05-26\"",
            "published: \"2024-01-01\"",
        ),
        Some("published: \"2024-01-01\""),
        Some("published"),
        &["占位日期", "实际公开日期"],
    ),
    // docs/hostile-input.md — input classes.
    err(
        "hostile-input.md: a code that is a path (`../085`)",
        Replace(FILE, "code: \"085\"", "code: \"../085\""),
        Some("code: \"../085\""),
        Some("code"),
        &["部门代码", "不能用"],
    ),
    err(
        "hostile-input.md: a code Windows reserves (`CON`)",
        Replace(FILE, "code: \"085\"", "code: \"CON\""),
        Some("code: \"CON\""),
        Some("code"),
        &["Windows 保留的名称"],
    ),
    err(
        "hostile-input.md: a field twice in the same map",
        Replace(FILE, "year: 2024\n", "year: 2024\nyear: 2024\n"),
        Some("year: 2024\nmoney_unit"),
        None,
        &["写了两次", "第一次在第 14 行"],
    ),
    err(
        "hostile-input.md: bytes that are not UTF-8 (GBK)",
        Append(FILE, b"\nnote: \xb2\xbb\n"),
        None,
        None,
        &["UTF-8", "另存为"],
    ),
    err(
        "hostile-input.md: a hidden character (U+202E) in a text",
        Replace(
            FILE,
            "name: 济源产城融合示范区招商引资服务中心\nyear",
            "name: 济源产城融合\u{202e}示范区招商引资服务中心\nyear",
        ),
        Some("示范区招商引资服务中心\nyear"),
        Some("name"),
        &["U+202E"],
    ),
    err(
        "hostile-input.md: thousands separators in the wrong place (`1,00.5`)",
        Replace(FILE, "    fund: 58.40", "    fund: \"1,00.5\""),
        Some("    fund: \"1,00.5\""),
        Some("income[0].fund"),
        &["千位分隔符", "金额写成普通数字"],
    ),
    err(
        "hostile-input.md: a 27-digit amount",
        Replace(
            FILE,
            "    fund: 58.40",
            "    fund: 123456789012345678901234567",
        ),
        Some("    fund: 1234567890"),
        Some("income[0].fund"),
        &["太大", "10^15"],
    ),
    err(
        "hostile-input.md: a date out of range (`9999-99-99`)",
        Replace(
            FILE,
            "published: \"2024-05-26\"",
            "published: \"9999-99-99\"",
        ),
        Some("published: \"9999-99-99\""),
        Some("published"),
        &["不是日期"],
    ),
    err(
        "hostile-input.md: a second file for one department-year",
        Copy("2024/085.yml", FILE),
        None,
        None,
        &["085.yml", "只能有一个文件"],
    ),
    err(
        "hostile-input.md: wrong indentation",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "   appropriation: 983.70",
        ),
        Some("   appropriation: 983.70"),
        None,
        &["缩进"],
    ),
    err(
        "hostile-input.md: a wrong type (text where a list belongs)",
        Replace(FILE, "  duties:\n", "  duties: 不是列表\n  duties_old:\n"),
        Some("  duties: 不是列表"),
        Some("overview.duties"),
        &["应当是列表"],
    ),
    err(
        "hostile-input.md: a list where an amount belongs",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: [983.70]",
        ),
        Some("appropriation: [983.70]"),
        Some("income[0].appropriation"),
        &["应当是"],
    ),
    err(
        "hostile-input.md: a missing field",
        Replace(
            FILE,
            "name: 济源产城融合示范区招商引资服务中心\nyear",
            "year",
        ),
        None,
        None,
        &["缺少必填字段 `name`", "补上"],
    ),
    err(
        "hostile-input.md: malformed YAML (an unclosed bracket)",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: [983.70",
        ),
        Some("appropriation: [983.70"),
        Some("income[0].appropriation"),
        &["应当是单个值"],
    ),
    // docs/format.md — identities `check` enforces on a 部门决算.
    final_accounts(
        "format.md: a 决算 whose 年末结转和结余 does not close the year",
        "  closing: 553400",
        "  closing: 553500",
        "  closing: 553500",
        "balances.closing",
        &["收支不平衡", "核对年末结转和结余"],
    ),
    final_accounts(
        "format.md: `basic_economic` that does not add up to the 基本支出",
        "  \"30101\": 2623260",
        "  \"30101\": 2623270",
        "basic_economic:",
        "basic_economic",
        &["基本支出", "不一致", "请核对 `basic_economic`"],
    ),
];
