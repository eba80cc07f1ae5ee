//! 上年结转结余 entered by fund and spent by fund: a department (tests/data/carryover/085.yaml,
//! the real sample with 20.00 of 一般公共预算 and 10.00 of 政府性基金 carried over) whose
//! tables 1, 2, 4, 7 and 11 show the carryover and balance, cell by cell; and the rules
//! that hold each fund's carryover to its spending.

use gongkai::check::{self, Diagnostic, Severity};
use gongkai::content::model::Disclosure;
use gongkai::content::parse::{Loaded, parse};
use gongkai::content::profile::Profile;
use gongkai::derive::table_view::TableView;
use gongkai::render::page::disclosure_view;
use std::path::Path;

const FILE: &str = include_str!("../data/carryover/085.yaml");

fn load(text: &str) -> Loaded<Disclosure> {
    parse(text, Path::new("content/2024/085.yaml")).unwrap_or_else(|p| panic!("{p}"))
}

fn findings(text: &str) -> Vec<Diagnostic> {
    check::check_disclosure(&load(text), None)
}

fn errors(ds: &[Diagnostic]) -> Vec<String> {
    ds.iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {} ({})", d.rule, d.message, d.hint))
        .collect()
}

fn tables() -> Vec<TableView> {
    let d = load(FILE).data;
    disclosure_view(&d, &[], &Profile::default_profile(), &[]).tables
}

/// The cells of the row of table `n` (1-based) whose cells contain `label` (first match).
fn row(tables: &[TableView], n: usize, label: &str) -> Vec<String> {
    let t = &tables[n - 1];
    t.grid()
        .into_iter()
        .find(|r| r.iter().any(|c| c == label))
        .unwrap_or_else(|| panic!("table {n} has no row {label}"))
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// The cells of row `label` of table `n`, from the first cell after the label.
fn after(tables: &[TableView], n: usize, label: &str) -> Vec<String> {
    let r = row(tables, n, label);
    let at = r.iter().position(|c| c == label).unwrap();
    r[at + 1..].to_vec()
}

#[test]
fn the_department_spending_carryover_by_fund_passes_every_rule() {
    let ds = findings(FILE);
    assert!(errors(&ds).is_empty(), "{:#?}", errors(&ds));
}

#[test]
fn table_1_shows_the_carryover_and_balances() {
    let t = tables();
    assert_eq!(
        after(&t, 1, "本年收入合计")[..3],
        ["1042.10", "本年支出合计", "1072.10"]
    );
    assert_eq!(
        after(&t, 1, "上年结转结余")[..3],
        ["30.00", "年终结转结余", ""]
    );
    assert_eq!(after(&t, 1, "收入总计"), ["1072.10", "支出总计", "1072.10"]);
    // Carryover is spent in the 类 of the projects it was carried over for.
    assert_eq!(after(&t, 1, "一、一般公共服务"), ["764.00"]);
    assert_eq!(after(&t, 1, "十二、城乡社区事务"), ["68.40"]);
}

#[test]
fn table_2_shows_the_carryover_by_fund() {
    let t = tables();
    // 总计, 本年收入 合计 … 其他收入, 上年结转结余 合计, 一般公共预算, 政府性基金, 国有资本,
    // 财政专户, 单位资金.
    let dept = after(&t, 2, "济源产城融合示范区招商引资服务中心");
    assert_eq!(dept[0], "1072.10");
    assert_eq!(dept[1], "1042.10");
    assert_eq!(dept[12..], ["30.00", "20.00", "10.00", "", "", ""]);
}

#[test]
fn table_4_spends_each_funds_carryover_in_its_column_and_balances() {
    let t = tables();
    assert_eq!(after(&t, 4, "二、上年结转")[0], "30.00");
    let carried = row(&t, 4, "二、上年结转");
    assert_eq!(carried[..2], ["二、上年结转", "30.00"]);
    // 合计, 一般公共预算 小计, 其中：财政拨款, 政府性基金, 国有资本经营预算.
    assert_eq!(
        after(&t, 4, "一、本年支出"),
        ["1072.10", "1003.70", "1003.70", "68.40", ""]
    );
    assert_eq!(
        after(&t, 4, "（一）一般公共服务支出"),
        ["764.00", "764.00", "764.00", "", ""]
    );
    assert_eq!(
        after(&t, 4, "（十二）城乡社区事务支出"),
        ["68.40", "", "", "68.40", ""]
    );
    assert_eq!(
        after(&t, 4, "收入合计"),
        [
            "1072.10",
            "支出合计",
            "1072.10",
            "1003.70",
            "1003.70",
            "68.40",
            ""
        ]
    );
}

#[test]
fn table_7_shows_the_carryover_in_its_column_and_totals_table_1() {
    let t = tables();
    // 总计, 一般公共预算 小计, 其中：财政拨款, 政府性基金, 国有资本经营预算, 上年结转结余, …
    let total = after(&t, 7, "合计");
    let total: Vec<&str> = total
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(total, ["1072.10", "983.70", "983.70", "58.40", "30.00"]);
    let entrusted = after(&t, 7, "委托业务费");
    assert_eq!(
        entrusted[3..9],
        ["106.40", "18.00", "18.00", "58.40", "", "30.00"]
    );
}

#[test]
fn table_11_shows_each_projects_carryover_by_fund() {
    let t = tables();
    // 合计; 本年拨款 一般公共预算, 政府性基金, 国有资本; 上年结转结余 the same three;
    // 财政专户管理资金; 单位资金.
    assert_eq!(
        after(&t, 11, "合计")[1..],
        [
            "188.40", "100.00", "58.40", "", "20.00", "10.00", "", "", ""
        ]
    );
    assert_eq!(
        after(&t, 11, "招商引资专项-招商引资经费")[1..],
        ["120.00", "100.00", "", "", "20.00", "", "", "", ""]
    );
}

#[test]
fn carryover_of_a_fund_spent_without_its_fund_is_an_error_at_the_line() {
    // The older form: table 4 cannot show it, so the fund's carryover is unspent there.
    let text = FILE.replacen(
        "carryover: { general: { targeted: 20.00 } }",
        "carryover: { targeted: 20.00 }",
        1,
    );
    let ds = findings(&text);
    let by_fund: Vec<&Diagnostic> = ds
        .iter()
        .filter(|d| d.rule == "carryover-by-fund")
        .collect();
    assert_eq!(by_fund.len(), 1, "{ds:#?}");
    let d = by_fund[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.expected.as_deref(), Some("20.00"));
    assert_eq!(d.actual.as_deref(), Some("0.00"));
    assert!(
        d.facts
            .iter()
            .any(|f| f.field == "income[0].carryover.general")
    );
    assert!(d.hint.contains("carryover: { general:"), "{}", d.hint);
}

#[test]
fn more_carryover_spent_than_carried_over_is_an_error_naming_both_sides() {
    let text = FILE.replacen(
        "carryover: { fund: { targeted: 10.00 } }",
        "carryover: { fund: { targeted: 12.00 } }",
        1,
    );
    let ds = findings(&text);
    let d = ds
        .iter()
        .find(|d| d.rule == "carryover-by-fund")
        .unwrap_or_else(|| panic!("{ds:#?}"));
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("10.00"), Some("12.00"))
    );
    let fields: Vec<&str> = d.facts.iter().map(|f| f.field.as_str()).collect();
    assert!(
        fields.contains(&"expenditure[3].carryover.fund.targeted"),
        "{fields:?}"
    );
    assert!(fields.contains(&"income[0].carryover.fund"), "{fields:?}");
}

#[test]
fn with_a_year_end_balance_a_fund_may_keep_part_of_its_carryover() {
    // 年终结转结余 5.00 of the 一般公共预算 carryover: spending 15.00 of 20.00 is allowed.
    let text = FILE
        .replacen(
            "carryover: { general: { targeted: 20.00 } }",
            "carryover: { general: { targeted: 15.00 } }",
            1,
        )
        .replacen("projects:\n", "year_end_balance: 5.00\n\nprojects:\n", 1)
        .replacen(
            "    carryover: { general: 20.00 }\n    targets",
            "    carryover: { general: 15.00 }\n    targets",
            1,
        )
        .replacen(
            "carryover: { project: 30.00 }",
            "carryover: { project: 25.00 }",
            1,
        );
    let ds = findings(&text);
    assert!(!ds.iter().any(|d| d.rule == "carryover-by-fund"), "{ds:#?}");
}

#[test]
fn a_project_whose_carryover_names_another_fund_is_an_error() {
    let text = FILE.replacen(
        "    carryover: { fund: 10.00 }\n",
        "    carryover: { general: 10.00 }\n",
        1,
    );
    let ds = findings(&text);
    let rules: Vec<&str> = ds
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.rule)
        .collect();
    assert_eq!(
        rules,
        ["T11-carryover-by-fund", "T11-carryover-by-fund"],
        "{ds:#?}"
    );
}

#[test]
fn the_two_forms_in_one_line_are_refused_with_the_field() {
    let text = FILE.replacen(
        "carryover: { general: { targeted: 20.00 } }",
        "carryover: { general: { targeted: 20.00 }, targeted: 1.00 }",
        1,
    );
    let err = parse::<Disclosure>(&text, Path::new("content/2024/085.yaml")).unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("expenditure[0].carryover"), "{shown}");
    assert!(shown.contains("不能两种写法混用"), "{shown}");
}

#[test]
fn the_one_set_form_of_older_files_still_reads_and_writes_back_unchanged() {
    let d = load(&FILE.replacen(
        "carryover: { general: { targeted: 20.00 } }",
        "carryover: { targeted: 20.00 }",
        1,
    ))
    .data;
    let json = serde_json::to_value(&d.expenditure[0].carryover).unwrap();
    assert_eq!(json["targeted"], serde_json::json!("20.00"));
    assert!(json.get("general").is_none());
    let split = load(FILE).data;
    let json = serde_json::to_value(&split.expenditure[0].carryover).unwrap();
    assert_eq!(json["general"]["targeted"], serde_json::json!("20.00"));
}
