//! The columns of the facts table: names, Chinese titles and descriptions, types and the
//! primary key. The CSV header and the descriptor's table schema are both written from
//! this one list, so they cannot disagree.

/// Excel opens UTF-8 CSV with Chinese text correctly only when it starts with a BOM; the
/// Frictionless tools and pandas skip it.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A column of the facts table: its name (what tools and code use), its Chinese title and
/// description (what a reader of the descriptor sees), and its Table Schema type.
pub struct Column {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// `string`, `integer` or `number`.
    pub kind: &'static str,
    /// Every row has a value.
    pub required: bool,
    /// The only values it takes, when they are a fixed list.
    pub values: &'static [&'static str],
}

const fn col(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    kind: &'static str,
    required: bool,
    values: &'static [&'static str],
) -> Column {
    Column {
        name,
        title,
        description,
        kind,
        required,
        values,
    }
}

/// The columns, in order. `docs/open-data.md` explains them to data users.
pub const COLUMNS: &[Column] = &[
    col(
        "year",
        "预算年度",
        "预算年度，如 2024。",
        "integer",
        true,
        &[],
    ),
    col(
        "department_code",
        "部门代码",
        "部门代码，如 085。",
        "string",
        true,
        &[],
    ),
    col(
        "department_name",
        "部门名称",
        "部门名称。",
        "string",
        true,
        &[],
    ),
    col(
        "unit_code",
        "单位代码",
        "预算单位代码；部门只有一个单列预算的单位时即该单位；金额未分到单位时为空（如经济分类按部门填报）。",
        "string",
        false,
        &[],
    ),
    col(
        "unit_name",
        "单位名称",
        "预算单位名称；单位代码为空时为空。",
        "string",
        false,
        &[],
    ),
    col(
        "breakdown",
        "口径",
        "本行属于哪种分解：income 收入（按来源，含上年结转结余），functional 支出功能分类，balance 年终结转结余，economic 支出经济分类，project 项目支出（按项目、资金来源）。同一口径内各行相加得总数；不同口径描述的是同一笔钱，不可相加。",
        "string",
        true,
        &["income", "functional", "balance", "economic", "project"],
    ),
    col(
        "direction",
        "收支",
        "revenue 收入，expenditure 支出。",
        "string",
        true,
        &["revenue", "expenditure"],
    ),
    col(
        "phase",
        "预算阶段",
        "approved 批准的预算（部门预算），executed 执行数（部门决算）。",
        "string",
        true,
        &["approved", "executed"],
    ),
    col(
        "functional_class_code",
        "功能分类类代码",
        "支出功能分类“类”代码（3位），如 201；仅功能分类口径。",
        "string",
        false,
        &[],
    ),
    col(
        "functional_class_name",
        "功能分类类名称",
        "“类”名称，如 一般公共服务。",
        "string",
        false,
        &[],
    ),
    col(
        "functional_section_code",
        "功能分类款代码",
        "支出功能分类“款”代码（5位），如 20113。",
        "string",
        false,
        &[],
    ),
    col(
        "functional_section_name",
        "功能分类款名称",
        "“款”名称，公开文件未列出时为空。",
        "string",
        false,
        &[],
    ),
    col(
        "functional_code",
        "功能分类项代码",
        "支出功能分类“项”代码（7位），如 2011350。",
        "string",
        false,
        &[],
    ),
    col(
        "functional_name",
        "功能分类项名称",
        "“项”名称，如 事业运行。",
        "string",
        false,
        &[],
    ),
    col(
        "economic_class_code",
        "经济分类类代码",
        "部门预算支出经济分类“类”代码（3位），如 301；仅经济分类口径。",
        "string",
        false,
        &[],
    ),
    col(
        "economic_class_name",
        "经济分类类名称",
        "“类”名称，如 工资福利支出。",
        "string",
        false,
        &[],
    ),
    col(
        "economic_code",
        "经济分类款代码",
        "部门预算支出经济分类“款”代码（5位），如 30101。",
        "string",
        false,
        &[],
    ),
    col(
        "economic_name",
        "经济分类款名称",
        "“款”名称，如 基本工资。",
        "string",
        false,
        &[],
    ),
    col(
        "gov_economic_code",
        "政府经济分类代码",
        "对应的政府预算支出经济分类代码（5位），如 50501；公开文件未列出时为空。",
        "string",
        false,
        &[],
    ),
    col(
        "gov_economic_name",
        "政府经济分类名称",
        "政府预算支出经济分类名称。",
        "string",
        false,
        &[],
    ),
    col(
        "project_code",
        "项目代码",
        "项目代码；仅按项目口径（project）。",
        "string",
        false,
        &[],
    ),
    col(
        "project_name",
        "项目名称",
        "项目名称；仅按项目口径。",
        "string",
        false,
        &[],
    ),
    col(
        "source_code",
        "资金来源代码",
        "资金来源：general 一般公共预算，fund 政府性基金，state_capital 国有资本经营预算，carryover 上年结转结余，special_account 财政专户管理资金，business 事业收入，superior 上级补助收入，affiliated 附属单位上缴收入，operating 事业单位经营收入，other 其他收入，unit_funds 单位资金（项目的资金来源），other_funds 非财政拨款资金（决算支出）；年终结转结余为空。",
        "string",
        false,
        &[
            "general",
            "fund",
            "state_capital",
            "carryover",
            "special_account",
            "business",
            "superior",
            "affiliated",
            "operating",
            "other",
            "unit_funds",
            "other_funds",
        ],
    ),
    col(
        "source_name",
        "资金来源",
        "资金来源名称。",
        "string",
        false,
        &[],
    ),
    col(
        "component_code",
        "构成代码",
        "支出：wages 工资福利支出，family 对个人和家庭的补助，personnel 人员经费，public 公用经费，basic 基本支出（未细分），running 其他运转类，targeted 特定目标类，project 项目支出，to_superior 上缴上级支出，operating 经营支出，to_affiliated 对附属单位补助支出（决算）；收入：收入项目（如 appropriation 财政拨款，carryover.general 上年结转的一般公共预算资金；决算：opening 年初结转和结余，non_fiscal_used 使用非财政拨款结余）；年终结转结余：year_end_balance，决算另有 distribution 结余分配。",
        "string",
        true,
        &[],
    ),
    col("component_name", "构成", "构成名称。", "string", true, &[]),
    col(
        "spending_type",
        "支出类型",
        "basic 基本支出，project 项目支出；收入和年终结转结余为空。",
        "string",
        false,
        &["basic", "project"],
    ),
    col(
        "amount",
        "金额（元）",
        "金额，单位元，精确值（以万元填报的乘以10000，不四舍五入）。",
        "number",
        true,
        &[],
    ),
];

/// The columns that identify a row: at most one row has each combination.
pub const PRIMARY_KEY: &[&str] = &[
    "year",
    "department_code",
    "unit_code",
    "breakdown",
    "functional_code",
    "economic_code",
    "project_code",
    "source_code",
    "component_code",
    "phase",
];

/// The header of a facts CSV, after the BOM.
pub fn header() -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(BOM.to_vec());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(COLUMNS.iter().map(|c| c.name));
    w.into_inner().unwrap_or_default()
}
