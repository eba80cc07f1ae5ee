//! Open data: every amount of a disclosure as one row of a long-format table, published per
//! year and for the whole site as a Fiscal Data Package (Frictionless Data), so standard
//! tools (frictionless, pandas, OpenSpending, a spreadsheet) read a year of budgets in one
//! step, without a script that knows gongkai's own JSON.
//!
//! The rows are the facts as entered, in 元, never the derived tables: a total is a sum a
//! user computes, so it cannot disagree with its parts. One disclosure gives three
//! breakdowns of its money, each adding up on its own: income by source, expenditure by
//! 功能分类, expenditure by 经济分类 (plus the 年终结转结余, so that income and expenditure
//! both add up to table 1's totals). `descriptor.rs` writes the `datapackage.json` that
//! describes these columns.

mod descriptor;

pub use descriptor::{Scope, descriptor};

use crate::codes;
use crate::derive::figures::{BySource, Source};
use crate::model::{Disclosure, MoneyUnit};
use crate::money::Money;
use std::collections::BTreeMap;

/// The name of a package's descriptor, in the folder of its CSV.
pub const DESCRIPTOR: &str = "datapackage.json";

/// Excel opens UTF-8 CSV with Chinese text correctly only when it starts with a BOM; the
/// Frictionless tools and pandas skip it.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The budget phase of a row, the Fiscal Data Package's `phase`. A 部门预算 is the budget
/// the people's congress approved; a 部门决算 (final accounts) states what was executed.
/// Both kinds give rows of the same shape, so one query compares plan and outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Approved,
    Executed,
}

impl Phase {
    /// The phase of a disclosure's figures. Every disclosure gongkai reads today is a 部门预算;
    /// the kind that holds a 部门决算 answers `Executed` here, and nothing else changes.
    pub fn of(_d: &Disclosure) -> Phase {
        Phase::Approved
    }

    pub fn code(self) -> &'static str {
        match self {
            Phase::Approved => "approved",
            Phase::Executed => "executed",
        }
    }
}

/// Which breakdown of the department's money a row belongs to. Rows of one breakdown add up
/// to a total; rows of different breakdowns describe the same money twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Breakdown {
    /// Income by source (tables 1 and 2), 上年结转结余 included: adds up to 收入总计.
    Income,
    /// Expenditure by 功能分类 项 (table 3): with `Balance`, adds up to 支出总计.
    Functional,
    /// 年终结转结余 (table 1's last expenditure line).
    Balance,
    /// Expenditure by 部门预算经济分类 款 (table 7).
    Economic,
}

impl Breakdown {
    const ALL: [Breakdown; 4] = [
        Breakdown::Income,
        Breakdown::Functional,
        Breakdown::Balance,
        Breakdown::Economic,
    ];

    fn code(self) -> &'static str {
        match self {
            Breakdown::Income => "income",
            Breakdown::Functional => "functional",
            Breakdown::Balance => "balance",
            Breakdown::Economic => "economic",
        }
    }

    fn direction(self) -> &'static str {
        match self {
            Breakdown::Income => "revenue",
            _ => "expenditure",
        }
    }
}

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
        "本行属于哪种分解：income 收入（按来源，含上年结转结余），functional 支出功能分类，balance 年终结转结余，economic 支出经济分类。同一口径内各行相加得总数；不同口径描述的是同一笔钱，不可相加。",
        "string",
        true,
        &["income", "functional", "balance", "economic"],
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
        "source_code",
        "资金来源代码",
        "资金来源：general 一般公共预算，fund 政府性基金，state_capital 国有资本经营预算，carryover 上年结转结余，special_account 财政专户管理资金，business 事业收入，superior 上级补助收入，affiliated 附属单位上缴收入，operating 事业单位经营收入，other 其他收入；年终结转结余为空。",
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
        "支出：wages 工资福利支出，family 对个人和家庭的补助，personnel 人员经费，public 公用经费，basic 基本支出（未细分），running 其他运转类，targeted 特定目标类，project 项目支出；收入：收入项目（如 appropriation 财政拨款，carryover.general 上年结转的一般公共预算资金）；年终结转结余：year_end_balance。",
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

/// What identifies a row within one disclosure (the primary key less year, department and
/// phase, which one disclosure shares).
type Key = (
    Breakdown,
    Option<String>,
    &'static str,
    &'static str,
    String,
    String,
);

/// One row before it is written: the columns after department and phase.
struct Row<'a> {
    breakdown: Breakdown,
    unit: Option<(&'a str, &'a str)>,
    functional: Option<&'a crate::model::FunctionalLine>,
    economic: Option<&'a crate::model::EconomicLine>,
    source: Option<(&'static str, &'static str)>,
    component: (&'static str, &'static str),
    spending_type: &'static str,
    amount: Money,
}

impl Row<'_> {
    fn key(&self) -> Key {
        (
            self.breakdown,
            self.unit.map(|u| u.0.to_owned()),
            self.source.map_or("", |s| s.0),
            self.component.0,
            self.functional.map_or(String::new(), |l| l.code.clone()),
            self.economic.map_or(String::new(), |l| l.code.clone()),
        )
    }
}

/// Collects rows, adding up rows with the same key (a code entered twice is a warning, not
/// an error; the tables add such lines up too, and so the key stays a key).
#[derive(Default)]
struct Rows<'a> {
    rows: Vec<Row<'a>>,
    at: BTreeMap<Key, usize>,
}

impl<'a> Rows<'a> {
    fn push(&mut self, row: Row<'a>) {
        if row.amount.is_zero() {
            return;
        }
        match self.at.get(&row.key()) {
            Some(&i) => self.rows[i].amount += row.amount,
            None => {
                self.at.insert(row.key(), self.rows.len());
                self.rows.push(row);
            }
        }
    }
}

/// The budget unit a line belongs to: the one it names, or the only unit with a budget of
/// its own when it names none. Lines that name none in a department of several units are
/// the department's as a whole: no unit.
fn unit_of<'a>(d: &'a Disclosure, code: Option<&'a str>) -> Option<(&'a str, &'a str)> {
    match code {
        Some(c) => Some((
            c,
            d.units
                .iter()
                .find(|u| u.code == c)
                .map_or("", |u| u.name.as_str()),
        )),
        None => {
            let mut budgeted = d.budgeted_units();
            match (budgeted.next(), budgeted.next()) {
                (Some(u), None) => Some((u.code.as_str(), u.name.as_str())),
                _ => None,
            }
        }
    }
}

fn source(s: Source) -> Option<(&'static str, &'static str)> {
    Some((s.field(), s.label()))
}

/// Every amount of one disclosure as rows of the facts CSV (no header, no BOM: the rows are
/// appended to a year's file after its header), in the order of the facts: income, 功能分类,
/// 年终结转结余, 经济分类.
pub fn fact_rows(d: &Disclosure, phase: Phase) -> Vec<u8> {
    let mut rows = Rows::default();
    for b in Breakdown::ALL {
        match b {
            Breakdown::Income => income_rows(d, &mut rows),
            Breakdown::Functional => functional_rows(d, &mut rows),
            Breakdown::Balance => rows.push(Row {
                breakdown: b,
                unit: unit_of(d, None),
                functional: None,
                economic: None,
                source: None,
                component: ("year_end_balance", "年终结转结余"),
                spending_type: "",
                amount: d.year_end_balance,
            }),
            Breakdown::Economic => economic_rows(d, &mut rows),
        }
    }
    write_rows(d, phase, &rows.rows)
}

fn income_rows<'a>(d: &'a Disclosure, rows: &mut Rows<'a>) {
    use Source::*;
    for l in &d.income {
        let c = &l.carryover;
        let parts = [
            (General, "appropriation", "财政拨款", l.appropriation),
            (General, "special_revenue", "专项收入", l.special_revenue),
            (
                General,
                "other_general",
                "其他一般公共预算资金",
                l.other_general,
            ),
            (
                General,
                "general_advance",
                "上级提前下达",
                l.general_advance,
            ),
            (General, "general_bond", "一般债券", l.general_bond),
            (Fund, "fund", "政府性基金预算资金", l.fund),
            (Fund, "fund_advance", "上级提前下达", l.fund_advance),
            (Fund, "fund_bond", "专项债券", l.fund_bond),
            (
                StateCapital,
                "state_capital",
                "国有资本经营预算拨款收入",
                l.state_capital,
            ),
            (
                SpecialAccount,
                "special_account",
                "财政专户管理资金收入",
                l.special_account,
            ),
            (Business, "business", "事业收入", l.business),
            (Operating, "operating", "事业单位经营收入", l.operating),
            (Superior, "superior", "上级补助收入", l.superior),
            (Affiliated, "affiliated", "附属单位上缴收入", l.affiliated),
            (Other, "other", "其他收入", l.other),
            (Carryover, "carryover.general", "一般公共预算", c.general),
            (Carryover, "carryover.fund", "政府性基金", c.fund),
            (
                Carryover,
                "carryover.state_capital",
                "国有资本经营预算",
                c.state_capital,
            ),
            (
                Carryover,
                "carryover.special_account",
                "财政专户管理资金",
                c.special_account,
            ),
            (Carryover, "carryover.unit_funds", "单位资金", c.unit_funds),
        ];
        for (s, code, name, amount) in parts {
            rows.push(Row {
                breakdown: Breakdown::Income,
                unit: unit_of(d, l.unit.as_deref()),
                functional: None,
                economic: None,
                source: source(s),
                component: (code, name),
                spending_type: "",
                amount,
            });
        }
    }
}

fn functional_rows<'a>(d: &'a Disclosure, rows: &mut Rows<'a>) {
    for l in &d.expenditure {
        for s in Source::ALL {
            let c = l.source(s);
            let parts = [
                ("wages", "工资福利支出", "basic", c.wages),
                ("family", "对个人和家庭的补助", "basic", c.family),
                ("public", "公用经费", "basic", c.public),
                ("basic", "基本支出", "basic", c.unsplit_basic),
                ("running", "其他运转类", "project", c.running),
                ("targeted", "特定目标类", "project", c.targeted),
                ("project", "项目支出", "project", c.unsplit_project),
            ];
            for (code, name, kind, amount) in parts {
                rows.push(Row {
                    breakdown: Breakdown::Functional,
                    unit: unit_of(d, l.unit.as_deref()),
                    functional: Some(l),
                    economic: None,
                    source: source(s),
                    component: (code, name),
                    spending_type: kind,
                    amount,
                });
            }
        }
    }
}

fn economic_rows<'a>(d: &'a Disclosure, rows: &mut Rows<'a>) {
    for l in &d.economic {
        for s in Source::ALL {
            let c = l.source(s);
            let parts = [
                ("personnel", "人员经费", "basic", c.personnel),
                ("public", "公用经费", "basic", c.public),
                ("project", "项目支出", "project", c.project),
            ];
            for (code, name, kind, amount) in parts {
                rows.push(Row {
                    breakdown: Breakdown::Economic,
                    // Economic lines are entered per department.
                    unit: unit_of(d, None),
                    functional: None,
                    economic: Some(l),
                    source: source(s),
                    component: (code, name),
                    spending_type: kind,
                    amount,
                });
            }
        }
    }
}

/// An amount in 元, exactly: 万元 × 10000 keeps every digit; at least two decimals, more
/// only when the file has them (元 with four decimals).
pub fn yuan(m: Money, unit: MoneyUnit) -> String {
    let mut v = m.convert(unit, MoneyUnit::Yuan).0.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    v.to_string()
}

fn write_rows(d: &Disclosure, phase: Phase, rows: &[Row]) -> Vec<u8> {
    let year = d.year.to_string();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(rows.len() * 300));
    for r in rows {
        let f = r.functional.map(|l| l.code.as_str()).unwrap_or("");
        let class = f.get(..3).unwrap_or("");
        let section = f.get(..5).unwrap_or("");
        let name_of = |code: &str| {
            if code.is_empty() {
                ""
            } else {
                codes::subject_name(&d.subject_names, code).unwrap_or("")
            }
        };
        let e = r.economic;
        let e_code = e.map(|l| l.code.as_str()).unwrap_or("");
        let e_class = e_code.get(..3).unwrap_or("");
        let gov_code = e.and_then(|l| l.gov_code.as_deref()).unwrap_or("");
        let gov_name = e
            .and_then(|l| l.gov_name.as_deref().or(codes::gov_economic_name(gov_code)))
            .unwrap_or("");
        let amount = yuan(r.amount, d.money_unit);
        let fields: [&str; 26] = [
            &year,
            &d.code,
            &d.name,
            r.unit.map_or("", |u| u.0),
            r.unit.map_or("", |u| u.1),
            r.breakdown.code(),
            r.breakdown.direction(),
            phase.code(),
            class,
            name_of(class),
            section,
            name_of(section),
            f,
            r.functional.map_or("", |l| l.name.as_str()),
            e_class,
            codes::economic_class_name(e_class).unwrap_or(""),
            e_code,
            e.map_or("", |l| l.name.as_str()),
            gov_code,
            gov_name,
            r.source.map_or("", |s| s.0),
            r.source.map_or("", |s| s.1),
            r.component.0,
            r.component.1,
            r.spending_type,
            &amount,
        ];
        // Text from the data is neutralised as in every CSV of the site; writing to a Vec
        // cannot fail.
        let _ = w.write_record(
            fields
                .iter()
                .map(|f| crate::site::neutralise(f).into_owned()),
        );
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_yuan_are_exact() {
        let m = |s: &str| Money::parse(s).unwrap();
        assert_eq!(yuan(m("983.70"), MoneyUnit::TenThousandYuan), "9837000.00");
        assert_eq!(yuan(m("0.0001"), MoneyUnit::TenThousandYuan), "1.00");
        assert_eq!(yuan(m("5"), MoneyUnit::TenThousandYuan), "50000.00");
        assert_eq!(yuan(m("9,389,913.00"), MoneyUnit::Yuan), "9389913.00");
        assert_eq!(yuan(m("1.2345"), MoneyUnit::Yuan), "1.2345");
        assert_eq!(yuan(m("0.5"), MoneyUnit::Yuan), "0.50");
    }

    #[test]
    fn the_header_names_every_column_once() {
        let h = String::from_utf8(header()).unwrap();
        let names: Vec<&str> = h
            .trim_start_matches('\u{feff}')
            .trim_end()
            .split(',')
            .collect();
        assert_eq!(names.len(), COLUMNS.len());
        let unique: std::collections::BTreeSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        for k in PRIMARY_KEY {
            assert!(names.contains(k), "{k}");
        }
    }
}
