//! `gongkai check`: for each rule, a copy of the real sample (content/2024/085.yaml) broken in
//! exactly that way, written into a temporary site, must make that rule fire, at the right
//! line and with the right numbers, and no unrelated rule. The unbroken sample passes with
//! exactly one warning: its project 419001240000000007622 states 成本指标 58.34万元 for 58.40.
//!
//! Rules are run through the library (`check::check_site`), as `gongkai check` runs
//! them; the command line itself (exit codes, JSON, `build` refusing) is tested at the end.

use crate::common::snapshot;
use gongkai::check::{self, Diagnostic, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

const SAMPLE: &str = include_str!("../../content/2024/085.yaml");
const SITE: &str = include_str!("../../content/site.yaml");
const GLOSSARY: &str = include_str!("../../content/glossary.yaml");
const FILE: &str = "content/2024/085.yaml";
/// The sample's own soft warning.
const BASELINE: &str = "T13-cost-indicator";

// ---------------------------------------------------------------- helpers

/// A site folder with the sample's site.yaml and glossary.yaml and the given department files.
fn site(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-check-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("site.yaml"), SITE).unwrap();
    std::fs::write(content.join("glossary.yaml"), GLOSSARY).unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// The sample with each `(from, to)` applied; each `from` must occur exactly once.
fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (from, to) in edits {
        assert_eq!(
            out.matches(from).count(),
            1,
            "the edit {from:?} must match exactly once"
        );
        out = out.replacen(from, to, 1);
    }
    out
}

fn check_files(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let dir = site(files);
    check::check_site(dir.path())
        .unwrap_or_else(|p| panic!("the broken copy should still load:\n{p}"))
        .diagnostics
}

fn check_sample(text: &str) -> Vec<Diagnostic> {
    check_files(&[(FILE, text)])
}

/// 1-based line of the only line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let hits: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(hits.len(), 1, "{needle:?} should be on exactly one line");
    hits[0]
}

fn show(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(|d| format!("  {}[{}] {:?}: {}", d.severity, d.rule, d.line, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rules that fired, with how often, leaving out the sample's own warning, which must
/// still be there exactly once.
fn fired(ds: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let baseline = ds
        .iter()
        .filter(|d| d.rule == BASELINE && d.message.contains("419001240000000007622"))
        .count();
    assert_eq!(
        baseline,
        1,
        "the sample's own warning is expected once:\n{}",
        show(ds)
    );
    let mut m = BTreeMap::new();
    for d in ds {
        if d.rule == BASELINE && d.message.contains("419001240000000007622") {
            continue;
        }
        *m.entry(d.rule).or_insert(0) += 1;
    }
    m
}

/// Exactly these rules fired (each as often as given), besides the sample's own warning.
fn assert_only(ds: &[Diagnostic], expected: &[(&str, usize)]) {
    let want: BTreeMap<&str, usize> = expected.iter().copied().collect();
    assert_eq!(
        fired(ds).into_iter().collect::<Vec<_>>(),
        want.into_iter().collect::<Vec<_>>(),
        "unexpected set of rules:\n{}",
        show(ds)
    );
}

/// The one finding of `rule` (besides the baseline warning).
fn one<'a>(ds: &'a [Diagnostic], rule: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = ds
        .iter()
        .filter(|d| d.rule == rule && !(d.rule == BASELINE && d.message.contains("7622")))
        .collect();
    assert_eq!(found.len(), 1, "{rule} should fire once:\n{}", show(ds));
    found[0]
}

fn assert_numbers(d: &Diagnostic, severity: Severity, expected: &str, actual: &str, diff: &str) {
    assert_eq!(d.file, PathBuf::from(FILE));
    assert_eq!(d.severity, severity, "{}", d.message);
    assert_eq!(d.expected.as_deref(), Some(expected), "{}", d.message);
    assert_eq!(d.actual.as_deref(), Some(actual), "{}", d.message);
    assert_eq!(d.difference.as_deref(), Some(diff), "{}", d.message);
    assert!(!d.hint.is_empty());
}

/// The finding names `field` at `line` with `value`.
fn assert_fact(d: &Diagnostic, field: &str, line: usize, value: &str) {
    let f = d
        .facts
        .iter()
        .find(|f| f.field == field)
        .unwrap_or_else(|| panic!("{} should name {field}; it names {:?}", d.rule, d.facts));
    assert_eq!(f.line, Some(line), "line of {field}");
    assert_eq!(f.value, value, "value of {field}");
}

// ---------------------------------------------------------------- the sample

#[test]
fn the_sample_passes_with_exactly_the_expected_warning() {
    let ds = check_sample(SAMPLE);
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    let d = &ds[0];
    assert_eq!(d.rule, "T13-cost-indicator");
    assert_numbers(d, Severity::Warning, "58.40", "58.34", "-0.06");
    let first = line_of(SAMPLE, "{ name: 财政投入资金, value: \"58.34万元\" }");
    assert_eq!(d.line, Some(first));
    assert_fact(d, "projects[1].targets.cost[0].value", first, "58.34万元");
    assert_fact(
        d,
        "projects[1].targets.cost[1].value",
        line_of(SAMPLE, "{ name: 市级财政投入资金, value: \"58.34万元\" }"),
        "58.34万元",
    );
    assert_fact(d, "projects[1].fund", 149, "58.40");
    assert_only(&ds, &[]);
}

#[test]
fn correcting_the_cost_indicator_leaves_nothing() {
    let fixed = SAMPLE.replace("58.34万元", "58.40万元");
    let ds = check_sample(&fixed);
    assert!(ds.is_empty(), "{}", show(&ds));
}

#[test]
fn a_second_disagreeing_cost_indicator_is_a_second_warning() {
    let text = edit(
        SAMPLE,
        &[(
            "{ name: 财政投入资金, value: \"100万元\" }",
            "{ name: 财政投入资金, value: \"90万元\" }",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T13-cost-indicator", 1)]);
    let d = ds
        .iter()
        .find(|d| d.message.contains("419001240000000006991"))
        .unwrap();
    assert_numbers(d, Severity::Warning, "100.00", "90.00", "-10.00");
    assert_fact(
        d,
        "projects[0].targets.cost[0].value",
        line_of(&text, "value: \"90万元\""),
        "90万元",
    );
}

#[test]
fn a_cost_indicator_off_by_rounding_is_a_note() {
    let text = SAMPLE.replace("58.34万元", "58.395万元");
    let ds = check_sample(&text);
    assert_eq!(ds.len(), 1, "{}", show(&ds));
    assert_eq!(ds[0].rule, "T13-cost-indicator");
    assert_eq!(ds[0].severity, Severity::Note);
}

// ---------------------------------------------------------------- income and expenditure

#[test]
fn t1_balance() {
    let text = edit(
        SAMPLE,
        &[(
            "published: \"2024-05-26\"\n",
            "published: \"2024-05-26\"\nyear_end_balance: 5.00\n",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T1-balance", 1)]);
    let d = one(&ds, "T1-balance");
    assert_numbers(d, Severity::Error, "1042.10", "1047.10", "+5.00");
    assert_fact(
        d,
        "year_end_balance",
        line_of(&text, "year_end_balance"),
        "5.00",
    );
    assert_fact(
        d,
        "income[0].appropriation",
        line_of(&text, "appropriation: 983.70"),
        "983.70",
    );
}

#[test]
fn t4_general() {
    let text = edit(
        SAMPLE,
        &[("appropriation: 983.70", "appropriation: 993.70")],
    );
    let ds = check_sample(&text);
    // The same slip also unbalances table 1.
    assert_only(&ds, &[("T4-general", 1), ("T1-balance", 1)]);
    let d = one(&ds, "T4-general");
    assert_numbers(d, Severity::Error, "993.70", "983.70", "-10.00");
    assert_eq!(d.line, Some(53));
    assert_fact(d, "income[0].appropriation", 53, "993.70");
    assert_fact(d, "expenditure[0].general.wages", 69, "605.30");
    assert!(d.hint.contains("should equal"), "{}", d.hint);
    assert_numbers(
        one(&ds, "T1-balance"),
        Severity::Error,
        "1052.10",
        "1042.10",
        "-10.00",
    );
}

#[test]
fn t4_fund() {
    let text = edit(
        SAMPLE,
        &[(
            "appropriation: 983.70\n    fund: 58.40",
            "appropriation: 983.70\n    fund: 60.40",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T4-fund", 1), ("T1-balance", 1)]);
    let d = one(&ds, "T4-fund");
    assert_numbers(d, Severity::Error, "60.40", "58.40", "-2.00");
    assert_fact(d, "income[0].fund", 54, "60.40");
    assert_fact(d, "expenditure[3].fund.targeted", 78, "58.40");
}

#[test]
fn t4_state_capital() {
    let text = edit(
        SAMPLE,
        &[(
            "    fund: 58.40\n\n",
            "    fund: 58.40\n    state_capital: 10.00\n\n",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T4-state-capital", 1), ("T1-balance", 1)]);
    let d = one(&ds, "T4-state-capital");
    assert_numbers(d, Severity::Error, "10.00", "0.00", "-10.00");
    assert_fact(d, "income[0].state_capital", 55, "10.00");
}

#[test]
fn t1_other_sources() {
    let text = edit(
        SAMPLE,
        &[(
            "    fund: 58.40\n\n",
            "    fund: 58.40\n    business: 5.00\n\n",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T1-other-sources", 1), ("T1-balance", 1)]);
    let d = one(&ds, "T1-other-sources");
    assert!(d.message.contains("事业收入"), "{}", d.message);
    assert_numbers(d, Severity::Error, "5.00", "0.00", "-5.00");
    assert_fact(d, "income[0].business", 55, "5.00");
}

/// The sample with a second budget unit 085002 that gets the 住房公积金 line.
fn two_units(extra_income: &str) -> String {
    let mut edits = vec![(
        "  - { code: \"085001\", name: 济源产城融合示范区招商引资服务中心 }\n",
        "  - { code: \"085001\", name: 济源产城融合示范区招商引资服务中心 }\n  - { code: \"085002\", name: 二级单位 }\n",
    )];
    let units = [
        (
            "    name: 事业运行\n",
            "    name: 事业运行\n    unit: \"085001\"\n",
        ),
        (
            "    name: 事业单位离退休\n",
            "    name: 事业单位离退休\n    unit: \"085001\"\n",
        ),
        (
            "    name: 机关事业单位基本养老保险缴费支出\n",
            "    name: 机关事业单位基本养老保险缴费支出\n    unit: \"085001\"\n",
        ),
        (
            "    name: 其他国有土地使用权出让收入安排的支出\n",
            "    name: 其他国有土地使用权出让收入安排的支出\n    unit: \"085001\"\n",
        ),
        (
            "    name: 住房公积金\n",
            "    name: 住房公积金\n    unit: \"085002\"\n",
        ),
    ];
    edits.extend(units);
    let text = edit(SAMPLE, &edits);
    edit(&text, &[("    fund: 58.40\n\n", extra_income)])
}

#[test]
fn t2_t3_unit_balance() {
    let text = two_units("    fund: 58.40\n\n");
    let ds = check_sample(&text);
    assert_only(&ds, &[("T2-T3-unit-balance", 2)]);
    let first = ds.iter().find(|d| d.message.contains("085001")).unwrap();
    assert_numbers(first, Severity::Error, "1042.10", "1005.20", "-36.90");
    let second = ds.iter().find(|d| d.message.contains("085002")).unwrap();
    assert_numbers(second, Severity::Error, "0.00", "36.90", "+36.90");
    assert_fact(
        second,
        "expenditure[4].general.wages",
        line_of(&text, "general: { wages: 36.90 }"),
        "36.90",
    );
    // Giving 085002 its own income balances both units.
    let balanced = edit(
        &two_units("    fund: 58.40\n  - unit: \"085002\"\n    appropriation: 36.90\n\n"),
        &[("appropriation: 983.70", "appropriation: 946.80")],
    );
    assert_only(&check_sample(&balanced), &[]);
}

// ---------------------------------------------------------------- functional and economic

#[test]
fn t5_t6_wages() {
    let text = edit(SAMPLE, &[("personnel: 171.90", "personnel: 172.90")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("T5-T6-wages", 1)]);
    let d = one(&ds, "T5-T6-wages");
    assert_numbers(d, Severity::Error, "691.40", "692.40", "+1.00");
    assert_fact(d, "economic[0].general.personnel", 94, "172.90");
    assert_fact(d, "expenditure[0].general.wages", 69, "605.30");
}

#[test]
fn t5_t6_family() {
    let text = edit(SAMPLE, &[("personnel: 149.00", "personnel: 150.00")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("T5-T6-family", 1)]);
    let d = one(&ds, "T5-T6-family");
    assert_numbers(d, Severity::Error, "149.00", "150.00", "+1.00");
    assert_fact(d, "economic[22].general.personnel", 116, "150.00");
    assert_fact(d, "expenditure[1].general.family", 72, "149.00");
}

#[test]
fn t5_t6_public() {
    let text = edit(
        SAMPLE,
        &[("public: 4.40, project: 5.00", "public: 5.40, project: 5.00")],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T5-T6-public", 1)]);
    let d = one(&ds, "T5-T6-public");
    assert_numbers(d, Severity::Error, "43.30", "44.30", "+1.00");
    assert_fact(d, "economic[8].general.public", 102, "5.40");
    assert!(d.message.contains("T6 公用经费 44.30") && d.message.contains("T5 公用经费 43.30"));
}

#[test]
fn t5_t7_project() {
    let text = edit(
        SAMPLE,
        &[("public: 4.40, project: 5.00", "public: 4.40, project: 6.00")],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T5-T7-project", 1)]);
    let d = one(&ds, "T5-T7-project");
    assert_numbers(d, Severity::Error, "100.00", "101.00", "+1.00");
    assert_fact(d, "economic[8].general.project", 102, "6.00");
    assert_fact(d, "expenditure[0].general.targeted", 69, "100.00");
}

#[test]
fn t9_t7_fund() {
    let text = edit(
        SAMPLE,
        &[("fund: { project: 58.40 }", "fund: { project: 59.40 }")],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T9-T7-fund", 1)]);
    let d = one(&ds, "T9-T7-fund");
    assert_numbers(d, Severity::Error, "58.40", "59.40", "+1.00");
    assert_fact(d, "economic[17].fund.project", 111, "59.40");
    assert_fact(d, "expenditure[3].fund.targeted", 78, "58.40");
}

#[test]
fn t10_t7_state_capital() {
    let text = edit(
        SAMPLE,
        &[(
            "fund: { project: 58.40 } }",
            "fund: { project: 58.40 }, state_capital: { project: 3.00 } }",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T10-T7-state-capital", 1)]);
    let d = one(&ds, "T10-T7-state-capital");
    assert_numbers(d, Severity::Error, "0.00", "3.00", "+3.00");
    assert_fact(d, "economic[17].state_capital.project", 111, "3.00");
}

#[test]
fn t3_t7_other_sources() {
    let text = edit(
        SAMPLE,
        &[(
            "福利费, gov_code: \"50502\", general: { public: 5.10 } }",
            "福利费, gov_code: \"50502\", general: { public: 5.10 }, business: { public: 2.00 } }",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T3-T7-other-sources", 1)]);
    let d = one(&ds, "T3-T7-other-sources");
    assert!(d.message.contains("事业收入 公用经费"), "{}", d.message);
    assert_numbers(d, Severity::Error, "0.00", "2.00", "+2.00");
    assert_fact(d, "economic[18].business.public", 112, "2.00");
}

#[test]
fn t6_personnel_codes() {
    let text = edit(
        SAMPLE,
        &[(
            "{ code: \"30302\", name: 退休费,",
            "{ code: \"30216\", name: 培训费,",
        )],
    );
    let ds = check_sample(&text);
    // The 149.00 moved off 303 is also missing from 对个人和家庭的补助.
    assert_only(&ds, &[("T6-personnel-codes", 1), ("T5-T6-family", 1)]);
    let d = one(&ds, "T6-personnel-codes");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.actual.as_deref(), Some("302"));
    assert_fact(d, "economic[22].general.personnel", 116, "149.00");
    assert_numbers(
        one(&ds, "T5-T6-family"),
        Severity::Error,
        "149.00",
        "0.00",
        "-149.00",
    );
}

#[test]
fn t6_public_codes() {
    let text = edit(
        SAMPLE,
        &[(
            "{ code: \"31002\", name: 办公设备购置, gov_code: \"50601\"",
            "{ code: \"30399\", name: 其他对个人和家庭的补助, gov_code: \"50905\"",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T6-public-codes", 1)]);
    let d = one(&ds, "T6-public-codes");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.expected.as_deref(), Some("302 or 310"));
    assert_eq!(d.actual.as_deref(), Some("303"));
    assert_fact(d, "economic[23].general.public", 117, "7.61");
}

// ---------------------------------------------------------------- projects

#[test]
fn t11_t5_projects_by_kind() {
    let text = edit(
        SAMPLE,
        &[(
            "kind: 特定目标类\n    general: 100.00",
            "kind: 其他运转类\n    general: 100.00",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T11-T5-projects", 2)]);
    let targeted = ds
        .iter()
        .find(|d| d.message.contains("T11 一般公共预算 特定目标类"))
        .unwrap();
    assert_numbers(targeted, Severity::Error, "100.00", "0.00", "-100.00");
    assert_fact(targeted, "expenditure[0].general.targeted", 69, "100.00");
    let running = ds
        .iter()
        .find(|d| d.message.contains("T11 一般公共预算 其他运转类"))
        .unwrap();
    assert_numbers(running, Severity::Error, "0.00", "100.00", "+100.00");
    assert_fact(running, "projects[0].general", 128, "100.00");
}

#[test]
fn t11_t5_projects_by_amount() {
    let text = edit(
        SAMPLE,
        &[("    general: 100.00\n", "    general: 101.00\n")],
    );
    let ds = check_sample(&text);
    // The project's own 成本指标 (100万元) now disagrees too.
    assert_only(&ds, &[("T11-T5-projects", 1), ("T13-cost-indicator", 1)]);
    let d = one(&ds, "T11-T5-projects");
    assert_numbers(d, Severity::Error, "100.00", "101.00", "+1.00");
    assert_fact(d, "projects[0].general", 128, "101.00");
}

#[test]
fn t11_t9_projects() {
    let text = edit(
        SAMPLE,
        &[(
            "    fund: 58.40\n    targets:",
            "    fund: 60.00\n    targets:",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T11-T9-projects", 1)]);
    let d = one(&ds, "T11-T9-projects");
    assert_numbers(d, Severity::Error, "58.40", "60.00", "+1.60");
    assert_fact(d, "projects[1].fund", 149, "60.00");
    assert_fact(d, "expenditure[3].fund.targeted", 78, "58.40");
}

#[test]
fn t11_t10_projects() {
    let text = edit(
        SAMPLE,
        &[(
            "    fund: 58.40\n    targets:",
            "    fund: 58.40\n    state_capital: 5.00\n    targets:",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T11-T10-projects", 1)]);
    let d = one(&ds, "T11-T10-projects");
    assert_numbers(d, Severity::Error, "0.00", "5.00", "+5.00");
    assert_fact(d, "projects[1].state_capital", 150, "5.00");
}

#[test]
fn t11_t3_projects() {
    let text = edit(
        SAMPLE,
        &[(
            "    fund: 58.40\n    targets:",
            "    fund: 58.40\n    unit_funds: 5.00\n    targets:",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T11-T3-projects", 1)]);
    let d = one(&ds, "T11-T3-projects");
    assert!(d.message.contains("单位资金"), "{}", d.message);
    assert_numbers(d, Severity::Error, "0.00", "5.00", "+5.00");
    assert_fact(d, "projects[1].unit_funds", 150, "5.00");
}

// ---------------------------------------------------------------- performance

#[test]
fn t13_targets() {
    let text = edit(
        SAMPLE,
        &[(
            "      satisfaction:\n        - { name: 受益企业、工地满意度, value: \">90%\" }\n",
            "",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T13-targets", 1)]);
    let d = one(&ds, "T13-targets");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("满意度指标"), "{}", d.message);
    assert_eq!(
        d.line,
        Some(line_of(&text, "      # 注意：原表成本指标为") - 1)
    );
}

#[test]
fn t12_indicators() {
    let start = SAMPLE
        .find("  indicators:\n    - name: 投入管理指标")
        .unwrap();
    let end = SAMPLE.find("# 无数据的表").unwrap();
    let text = format!("{}  indicators: []\n\n{}", &SAMPLE[..start], &SAMPLE[end..]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("T12-indicators", 1)]);
    let d = one(&ds, "T12-indicators");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.line, Some(line_of(&text, "  indicators: []")));
}

// ---------------------------------------------------------------- 三公经费

#[test]
fn t8_other_sources() {
    let text = edit(
        SAMPLE,
        &[
            ("fund: { project: 58.40 }", "fund: { project: 57.40 }"),
            (
                "公务接待费, gov_code: \"50502\", general: { public: 0.50 } }",
                "公务接待费, gov_code: \"50502\", general: { public: 0.50 }, fund: { project: 1.00 } }",
            ),
        ],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T8-other-sources", 1)]);
    let d = one(&ds, "T8-other-sources");
    assert_numbers(d, Severity::Warning, "0.00", "1.00", "+1.00");
    assert_fact(d, "economic[16].fund", 110, "1.00");
}

#[test]
fn t8_vehicles() {
    let text = edit(
        SAMPLE,
        &[("official_vehicles: 1 ", "official_vehicles: 0 ")],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("T8-vehicles", 1)]);
    let d = one(&ds, "T8-vehicles");
    assert_eq!(d.severity, Severity::Warning);
    assert_fact(d, "assets.official_vehicles", 205, "0");
    assert_fact(d, "economic[19].general", 113, "1.50");
}

// ---------------------------------------------------------------- procurement

#[test]
fn procurement_within_budget() {
    let text = edit(SAMPLE, &[("services: 58.40", "services: 258.40")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("procurement-within-budget", 1)]);
    let d = one(&ds, "procurement-within-budget");
    assert_numbers(d, Severity::Error, "201.70", "267.61", "+65.91");
    assert_eq!(d.line, Some(198));
    assert_fact(d, "procurement.services", 200, "258.40");
}

// ---------------------------------------------------------------- completeness

const EMPTY_TABLES: &str =
    "empty_tables:\n  state_capital: 本部门2024年度没有国有资本经营预算支出，故本表无数据。\n";

#[test]
fn completeness_empty_table_without_the_map() {
    let text = edit(SAMPLE, &[(EMPTY_TABLES, "")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("completeness-empty-table", 1)]);
    let d = one(&ds, "completeness-empty-table");
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.message.contains("十 国有资本经营预算支出预算表"),
        "{}",
        d.message
    );
}

#[test]
fn completeness_empty_table_with_a_blank_explanation() {
    let text = edit(
        SAMPLE,
        &[(EMPTY_TABLES, "empty_tables:\n  state_capital: \"\"\n")],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("completeness-empty-table", 1)]);
    let d = one(&ds, "completeness-empty-table");
    assert_eq!(d.line, Some(line_of(&text, "  state_capital: \"\"")));
}

#[test]
fn completeness_empty_three_public_table() {
    // No 三公 money at all: table 8 is empty and needs its sentence too.
    let text = edit(
        SAMPLE,
        &[
            (
                "{ code: \"30212\", name: 因公出国(境)费用, gov_code: \"50502\", general: { project: 3.00 } }",
                "{ code: \"30212\", name: 因公出国(境)费用, gov_code: \"50502\" }",
            ),
            (
                "{ code: \"30217\", name: 公务接待费, gov_code: \"50502\", general: { public: 0.50 } }",
                "{ code: \"30217\", name: 公务接待费, gov_code: \"50502\" }",
            ),
            (
                "{ code: \"30231\", name: 公务用车运行维护费, gov_code: \"50502\", general: { public: 1.50 } }",
                "{ code: \"30231\", name: 公务用车运行维护费, gov_code: \"50502\" }",
            ),
            (
                "public: 13.10, project: 20.00",
                "public: 15.10, project: 23.00",
            ),
            (
                "abroad:           { amount: 0, reason: 该部门为2024年新增预算单位 }",
                "abroad:           { amount: 0 }",
            ),
            (
                "reception:        { amount: 0, reason: 该部门为2024年新增预算单位 }",
                "reception:        { amount: 0 }",
            ),
            (
                "vehicle_running:  { amount: 0, reason: 该部门为2024年新增预算单位 }",
                "vehicle_running:  { amount: 0 }",
            ),
        ],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("completeness-empty-table", 1)]);
    assert!(
        one(&ds, "completeness-empty-table")
            .message
            .contains("三公")
    );
    let explained = edit(
        &text,
        &[(
            EMPTY_TABLES,
            &format!(
                "{EMPTY_TABLES}  three_public: 本部门2024年度没有“三公”经费预算，故本表无数据。\n"
            ),
        )],
    );
    assert_only(&check_sample(&explained), &[]);
}

#[test]
fn completeness_explanation_for_data() {
    let text = edit(
        SAMPLE,
        &[(
            EMPTY_TABLES,
            &format!(
                "{EMPTY_TABLES}  fund: 本部门2024年度没有政府性基金预算支出，故本表无数据。\n"
            ),
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("completeness-explanation-for-data", 1)]);
    let d = one(&ds, "completeness-explanation-for-data");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.line,
        Some(line_of(&text, "  fund: 本部门2024年度没有政府性基金"))
    );
}

#[test]
fn completeness_unknown_table() {
    let text = edit(
        SAMPLE,
        &[(
            EMPTY_TABLES,
            &format!("{EMPTY_TABLES}  three_publics: 本部门没有“三公”经费。\n"),
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("completeness-unknown-table", 1)]);
    let d = one(&ds, "completeness-unknown-table");
    assert_eq!(d.actual.as_deref(), Some("three_publics"));
    assert!(d.hint.contains("three_public,"), "{}", d.hint);
    assert_eq!(d.line, Some(line_of(&text, "  three_publics:")));
}

#[test]
fn completeness_texts() {
    let text = edit(
        SAMPLE,
        &[(
            "key_evaluation: 2024年度我部门无项目纳入重点项目绩效评价，故本年度未开展相关工作。",
            "key_evaluation: \"\"",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("completeness-texts", 1)]);
    let d = one(&ds, "completeness-texts");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.line, Some(line_of(&text, "key_evaluation:")));
}

#[test]
fn completeness_figures() {
    // A file fresh from `gongkai new`: one finding about the figures, none per empty table.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    for f in ["site.yaml", "glossary.yaml"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .join(f);
        std::fs::copy(from, dir.path().join("content").join(f)).unwrap();
    }
    gongkai::cmd::skeleton::create(dir.path(), 2024, "085", "示例局", None).unwrap();
    let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
    let ds = check_sample(&text);
    let d = one(&ds, "completeness-figures");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.hint.contains("`income`"), "{}", d.hint);
    assert_eq!(d.line, Some(line_of(&text, "income:")));
    assert!(
        ds.iter().all(|d| d.severity != Severity::Error
            || ["completeness-figures", "completeness-texts"].contains(&d.rule)),
        "{}",
        show(&ds)
    );
    assert!(!ds.iter().any(|d| d.rule == "completeness-empty-table"));
    // Filled in, the finding goes.
    assert!(
        !check_sample(SAMPLE)
            .iter()
            .any(|d| d.rule == "completeness-figures")
    );
}

// ---------------------------------------------------------------- codes

#[test]
fn code_function_shape() {
    let text = edit(SAMPLE, &[("code: \"2080505\"", "code: \"2080005\"")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("code-function-shape", 1)]);
    let d = one(&ds, "code-function-shape");
    assert_eq!(d.actual.as_deref(), Some("2080005"));
    assert_eq!(d.line, Some(73));
}

#[test]
fn code_function_class() {
    let text = edit(SAMPLE, &[("code: \"2210201\"", "code: \"2250201\"")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("code-function-class", 1)]);
    let d = one(&ds, "code-function-class");
    assert_eq!(d.actual.as_deref(), Some("225"));
    assert_eq!(d.line, Some(79));
}

#[test]
fn code_economic_shape() {
    let text = edit(SAMPLE, &[("code: \"30214\"", "code: \"30200\"")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("code-economic-shape", 1)]);
    let d = one(&ds, "code-economic-shape");
    assert_eq!(d.actual.as_deref(), Some("30200"));
    assert_eq!(d.line, Some(108));
}

#[test]
fn code_economic_class() {
    let text = edit(SAMPLE, &[("code: \"30214\"", "code: \"32014\"")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("code-economic-class", 1)]);
    let d = one(&ds, "code-economic-class");
    assert_eq!(d.actual.as_deref(), Some("320"));
    assert_eq!(d.line, Some(108));
}

#[test]
fn code_names() {
    let text = edit(SAMPLE, &[("name: 基本工资,", "name: 基本公资,")]);
    let ds = check_sample(&text);
    assert_only(&ds, &[("code-names", 1)]);
    let d = one(&ds, "code-names");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.expected.as_deref(), Some("基本工资"));
    assert_eq!(d.actual.as_deref(), Some("基本公资"));
    assert_fact(d, "economic[0].name", 94, "基本公资");
}

#[test]
fn code_names_accept_either_bracket_width() {
    // The sample writes 因公出国(境)费用 and 维修(护)费 with half-width brackets.
    assert!(SAMPLE.contains("因公出国(境)费用") && SAMPLE.contains("维修(护)费"));
    let text = SAMPLE.replace("(境)", "（境）");
    assert_only(&check_sample(&text), &[]);
}

#[test]
fn code_duplicate() {
    let text = edit(
        SAMPLE,
        &[(
            "  - { code: \"30201\", name: 办公费, gov_code: \"50502\", general: { public: 4.40, project: 5.00 } }\n",
            "  - { code: \"30201\", name: 办公费, gov_code: \"50502\", general: { public: 4.40 } }\n  - { code: \"30201\", name: 办公费, gov_code: \"50502\", general: { project: 5.00 } }\n",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("code-duplicate", 1)]);
    let d = one(&ds, "code-duplicate");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.facts.len(), 2);
    assert_eq!(d.facts[0].line, Some(102));
    assert_eq!(d.facts[1].line, Some(103));
}

// ---------------------------------------------------------------- narrative

#[test]
fn narrative_change_reason() {
    let text = edit(
        SAMPLE,
        &[(
            "total:            { amount: 0, reason: 该部门为2024年新增预算单位 }",
            "total:            { amount: 0 }",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("narrative-change-reason", 1)]);
    let d = one(&ds, "narrative-change-reason");
    assert_numbers(d, Severity::Error, "0.00", "1042.10", "+1042.10");
    assert_fact(d, "previous_year.total.amount", 168, "0.00");
}

#[test]
fn prose_reference_names_the_line_and_the_nearest_name() {
    let text = format!("{SAMPLE}\nprose:\n  narrative-02: |\n    收入{{支出总记}}万元\n");
    let ds = check_sample(&text);
    assert_only(&ds, &[("prose-reference", 1)]);
    let d = one(&ds, "prose-reference");
    assert_eq!(d.line, Some(line_of(&text, "收入{支出总记}")));
    assert!(d.message.contains("是不是 {支出总计}"), "{}", d.message);
}

#[test]
fn prose_typed_amount_differing_from_the_named_figure() {
    let text = format!("{SAMPLE}\nprose:\n  narrative-02: |\n    支出预算1,042.20万元。\n");
    let ds = check_sample(&text);
    assert_only(&ds, &[("prose-typed-amount", 1)]);
    let d = one(&ds, "prose-typed-amount");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.line, Some(line_of(&text, "支出预算1,042.20万元")));
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("1042.10"), Some("1042.20"))
    );
}

#[test]
fn project_typed_amount_differing_from_the_project_total() {
    let text = format!(
        "{SAMPLE}\nproject_descriptions:\n  - name: 宣传专项\n    overview: 项目总预算12.00万元。\n    budget:\n      - {{ name: 全年, amount: 10.00 }}\n"
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("project-typed-amount", 1)]);
    let d = one(&ds, "project-typed-amount");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.line, Some(line_of(&text, "项目总预算12.00万元")));
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("10.00"), Some("12.00"))
    );
}

#[test]
fn project_description_total_differing_from_the_project_table() {
    let text = format!(
        "{SAMPLE}\nproject_descriptions:\n  - name: 招商引资专项-招商引资经费\n    overview: 招商引资。\n    budget:\n      - {{ name: 全年, amount: 10.00 }}\n"
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("project-description-total", 1)]);
    let d = one(&ds, "project-description-total");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.line,
        Some(line_of(&text, "{ name: 全年, amount: 10.00 }") - 1)
    );
    assert_eq!(d.actual.as_deref(), Some("10.00"));
}

#[test]
fn narrative_reason_without_change() {
    let text = edit(
        SAMPLE,
        &[(
            "state_capital:    { amount: 0 }",
            "state_capital:    { amount: 0, reason: 业务调整 }",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("narrative-reason-without-change", 1)]);
    let d = one(&ds, "narrative-reason-without-change");
    assert_numbers(d, Severity::Warning, "0.00", "0.00", "0.00");
    assert_fact(d, "previous_year.state_capital.reason", 171, "业务调整");
}

#[test]
fn narrative_use_text() {
    let text = edit(
        SAMPLE,
        &[(
            "abroad_use: 主要用于单位按规定因招商引资工作需要开展的因公出国境费用支出",
            "abroad_use: \"\"",
        )],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("narrative-use-text", 1)]);
    let d = one(&ds, "narrative-use-text");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("因公出国（境）费 3.00"), "{}", d.message);
    assert_eq!(d.line, Some(182));
}

/// The sample as the 2023 disclosure of the same department.
fn sample_2023() -> String {
    edit(
        SAMPLE,
        &[
            ("year: 2024", "year: 2023"),
            ("published: \"2024-05-26\"", "published: \"2023-05-26\""),
        ],
    )
}

/// The 2024 sample with last year's figures taken from `sample_2023`, `running_costs` as given.
fn sample_2024_after_2023(running_costs: &str) -> String {
    let start = SAMPLE.find("previous_year:\n").unwrap();
    let end = SAMPLE.find("\nnarrative:\n").unwrap() + 1;
    let previous = format!(
        "previous_year:\n  total: {{ amount: 1042.10 }}\n  general: {{ amount: 983.70 }}\n  fund: {{ amount: 58.40 }}\n  state_capital: {{ amount: 0 }}\n  abroad: {{ amount: 3.00 }}\n  reception: {{ amount: 0.50 }}\n  vehicle_purchase: {{ amount: 0 }}\n  vehicle_running: {{ amount: 1.50 }}\n  running_costs: {running_costs}\n\n"
    );
    format!("{}{previous}{}", &SAMPLE[..start], &SAMPLE[end..])
}

#[test]
fn narrative_previous_year() {
    let last = sample_2023();
    let same = sample_2024_after_2023("{ amount: 43.30 }");
    let ds = check_files(&[("content/2023/085.yaml", &last), (FILE, &same)]);
    let mine: Vec<Diagnostic> = ds
        .iter()
        .filter(|d| d.file == Path::new(FILE))
        .cloned()
        .collect();
    assert_only(&mine, &[]);

    let wrong = sample_2024_after_2023("{ amount: 40.00, reason: 压减一般性支出 }");
    let ds = check_files(&[("content/2023/085.yaml", &last), (FILE, &wrong)]);
    let (mine, theirs): (Vec<Diagnostic>, Vec<Diagnostic>) =
        ds.into_iter().partition(|d| d.file == Path::new(FILE));
    assert_only(&theirs, &[]);
    assert_only(&mine, &[("narrative-previous-year", 1)]);
    let d = one(&mine, "narrative-previous-year");
    assert_numbers(d, Severity::Error, "43.30", "40.00", "-3.30");
    assert!(d.message.contains("content/2023/085.yaml"), "{}", d.message);
    assert_fact(
        d,
        "previous_year.running_costs.amount",
        line_of(&wrong, "  running_costs: { amount: 40.00"),
        "40.00",
    );

    // A figure the file never states is taken from last year's file (43.30): not compared,
    // nor called "entered as 0.00"; the narrative then says 持平 and drops the reason.
    let unstated = sample_2024_after_2023("{ reason: 新增机关运转经费 }");
    let ds = check_files(&[("content/2023/085.yaml", &last), (FILE, &unstated)]);
    let mine: Vec<Diagnostic> = ds
        .into_iter()
        .filter(|d| d.file == Path::new(FILE))
        .collect();
    assert_only(&mine, &[("narrative-reason-without-change", 1)]);
}

// ---------------------------------------------------------------- rounding

#[test]
fn a_difference_within_rounding_is_a_note_beyond_it_an_error() {
    // 0.01 against 11 rounded figures (3 wages + 8 economic 301 lines): within 0.055.
    let ds = check_sample(&edit(SAMPLE, &[("personnel: 171.90", "personnel: 171.91")]));
    assert_only(&ds, &[("T5-T6-wages", 1)]);
    let d = one(&ds, "T5-T6-wages");
    assert_numbers(d, Severity::Note, "691.40", "691.41", "+0.01");
    assert_eq!(d.tolerance.as_deref(), Some("0.055"));
    // 0.06 is beyond it.
    let ds = check_sample(&edit(SAMPLE, &[("personnel: 171.90", "personnel: 171.96")]));
    assert_numbers(
        one(&ds, "T5-T6-wages"),
        Severity::Error,
        "691.40",
        "691.46",
        "+0.06",
    );
    // One figure against one: half a cent each, so 0.01 is still rounding ...
    let ds = check_sample(&edit(
        SAMPLE,
        &[("fund: { project: 58.40 }", "fund: { project: 58.41 }")],
    ));
    assert_eq!(one(&ds, "T9-T7-fund").severity, Severity::Note);
    // ... and 0.02 is not.
    let ds = check_sample(&edit(
        SAMPLE,
        &[("fund: { project: 58.40 }", "fund: { project: 58.42 }")],
    ));
    assert_eq!(one(&ds, "T9-T7-fund").severity, Severity::Error);
}

#[test]
fn exact_amounts_allow_no_rounding_difference() {
    // A typo of a few fen in one economic line, as a real 元 disclosure published (table 8
    // 合计 24,606,775.26 against table 5 基本支出 24,606,775.35): in a 元 file with fen the
    // amounts are exact, so 0.05 is an error although 11 rounded parts would excuse 0.055.
    let yuan = edit(
        SAMPLE,
        &[
            ("money_unit: 万元", "money_unit: 元"),
            ("personnel: 171.90", "personnel: 171.95"),
        ],
    );
    let d = one(&check_sample(&yuan), "T5-T6-wages").clone();
    assert_numbers(&d, Severity::Error, "691.40", "691.45", "+0.05");
    assert_eq!(d.tolerance.as_deref(), Some("0.000"));
    assert!(d.hint.contains("精确数"), "{}", d.hint);
    // The equivalent in the 万元 sample, rounded per cell, stays within the allowance.
    let ds = check_sample(&edit(
        SAMPLE,
        &[("personnel: 171.90", "personnel: 171.905")],
    ));
    assert_numbers(
        one(&ds, "T5-T6-wages"),
        Severity::Note,
        "691.40",
        "691.41",
        "+0.01",
    );
    // A 万元 file may say its amounts are exact; then the same half cent is an error.
    let exact = edit(
        SAMPLE,
        &[
            ("money_unit: 万元\n", "money_unit: 万元\namounts: exact\n"),
            ("personnel: 171.90", "personnel: 171.905"),
        ],
    );
    assert_eq!(
        one(&check_sample(&exact), "T5-T6-wages").severity,
        Severity::Error
    );
    // And a 元 file may say they are rounded.
    let rounded = edit(
        SAMPLE,
        &[
            ("money_unit: 万元\n", "money_unit: 元\namounts: rounded\n"),
            ("personnel: 171.90", "personnel: 171.91"),
        ],
    );
    assert_eq!(
        one(&check_sample(&rounded), "T5-T6-wages").severity,
        Severity::Note
    );
}

// ---------------------------------------------------------------- facts: dates and 机关运行经费

#[test]
fn the_scaffolds_placeholder_date_is_a_warning() {
    let text = edit(
        SAMPLE,
        &[("published: \"2024-05-26\"", "published: \"2024-01-01\"")],
    );
    let ds = check_sample(&text);
    assert_only(&ds, &[("published-placeholder", 1)]);
    let d = one(&ds, "published-placeholder");
    assert_eq!(d.severity, Severity::Warning);
    assert_fact(d, "published", line_of(&text, "published:"), "2024-01-01");
}

/// Two units, 085001 of `first` kind and 085002 (住房公积金) of `second`, balanced.
fn two_kinds(first: &str, second: &str) -> String {
    let balanced = edit(
        &two_units("    fund: 58.40\n  - unit: \"085002\"\n    appropriation: 36.90\n\n"),
        &[("appropriation: 983.70", "appropriation: 946.80")],
    );
    edit(
        &balanced,
        &[
            (
                "name: 济源产城融合示范区招商引资服务中心 }",
                &format!("name: 济源产城融合示范区招商引资服务中心, kind: {first} }}"),
            ),
            (
                "name: 二级单位 }",
                &format!("name: 二级单位, kind: {second} }}"),
            ),
        ],
    )
}

#[test]
fn running_costs_entered_against_the_units_public_costs() {
    // 行政 085001 holds all 公用经费 (38.70 + 4.60); 事业 085002 none: derived, nothing to say.
    let text = two_kinds("行政单位", "事业单位");
    assert_only(&check_sample(&text), &[]);
    // An entered figure must match what the split by unit gives ...
    let entered = edit(
        &text,
        &[("published: ", "running_costs: 40.00\npublished: ")],
    );
    let ds = check_sample(&entered);
    assert_only(&ds, &[("running-costs-entered", 1)]);
    let d = one(&ds, "running-costs-entered");
    assert_numbers(d, Severity::Error, "43.30", "40.00", "-3.30");
    assert_fact(
        d,
        "running_costs",
        line_of(&entered, "running_costs: 40.00"),
        "40.00",
    );
    // ... and can never exceed the 一般公共预算 公用经费 (43.30).
    let over = edit(
        SAMPLE,
        &[("published: ", "running_costs: 50.00\npublished: ")],
    );
    let ds = check_sample(&over);
    assert_only(&ds, &[("running-costs-entered", 1)]);
    assert_numbers(
        one(&ds, "running-costs-entered"),
        Severity::Error,
        "43.30",
        "50.00",
        "+6.70",
    );
}

#[test]
fn running_costs_need_the_organ_units_public_costs() {
    // 行政 085002 gives its 基本支出 unsplit: its 公用经费 cannot be told apart.
    let text = edit(
        &two_kinds("事业单位", "行政单位"),
        &[("general: { wages: 36.90 }", "general: { basic: 36.90 }")],
    );
    let ds = check_sample(&text);
    let d = one(&ds, "running-costs-by-kind");
    assert_eq!(d.severity, Severity::Error);
    assert_fact(
        d,
        "expenditure[4].general.basic",
        line_of(&text, "general: { basic: 36.90 }"),
        "36.90",
    );
}

// ---------------------------------------------------------------- carryover by fund, last year's basis
// (more in tests/carryover.rs and tests/comparisons.rs)

#[test]
fn carryover_by_fund_and_previous_year_rules() {
    let carried = |spent: &str| {
        edit(
            SAMPLE,
            &[
                (
                    "    fund: 58.40\n\n",
                    "    fund: 58.40\n    carryover: { general: 5.00 }\n\n",
                ),
                (
                    "general: { wages: 605.30, public: 38.70, targeted: 100.00 }\n",
                    &format!(
                        "general: {{ wages: 605.30, public: 38.70, targeted: 100.00 }}\n    carryover: {spent}\n"
                    ),
                ),
            ],
        )
    };
    // Spent without its fund: table 4 cannot show it.
    let unsplit = edit(
        &carried("{ public: 5.00 }"),
        &[(
            "general: { public: 4.40, project: 5.00 } }",
            "general: { public: 4.40, project: 5.00 }, carryover: { public: 5.00 } }",
        )],
    );
    assert_only(&check_sample(&unsplit), &[("carryover-by-fund", 1)]);
    // Spent as 一般公共预算 on a project whose carryover is said to be 政府性基金 (its amount,
    // now 105.00, also leaves its 成本指标 of 100万元 behind).
    let wrong_fund = edit(
        &carried("{ general: { targeted: 5.00 } }"),
        &[
            (
                "general: { public: 4.40, project: 5.00 } }",
                "general: { public: 4.40, project: 5.00 }, carryover: { project: 5.00 } }",
            ),
            (
                "    general: 100.00\n",
                "    general: 100.00\n    carryover: { fund: 5.00 }\n",
            ),
        ],
    );
    assert_only(
        &check_sample(&wrong_fund),
        &[("T11-carryover-by-fund", 2), ("T13-cost-indicator", 1)],
    );
    // A printed comparison with no figure and no last year's file.
    let missing = edit(
        SAMPLE,
        &[(
            "  state_capital:    { amount: 0 }",
            "  state_capital:    { }",
        )],
    );
    assert_only(
        &check_sample(&missing),
        &[("narrative-previous-missing", 1)],
    );
    // “三公”经费 adds 因公出国 by 预算执行数 to 公务接待费 by 预算.
    let mixed = edit(
        SAMPLE,
        &[
            (
                "  abroad:           { amount: 0,",
                "  abroad:           { amount: 2.00, basis: 预算执行数,",
            ),
            (
                "  reception:        { amount: 0,",
                "  reception:        { amount: 1.00,",
            ),
        ],
    );
    assert_only(&check_sample(&mixed), &[("narrative-previous-basis", 1)]);
}

// ---------------------------------------------------------------- every rule is tested and documented

#[test]
fn every_rule_is_documented() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks.md"))
        .expect("docs/checks.md");
    for r in check::rules() {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", r.id)))
            .unwrap_or_else(|| panic!("docs/checks.md has no row for {}", r.id));
        assert!(
            row.contains(&format!("| {} |", r.severity)),
            "docs/checks.md gives {} another severity than {}",
            r.id,
            r.severity
        );
    }
}

#[test]
fn every_rule_has_a_test_here() {
    let me = include_str!("check.rs");
    for r in check::rules() {
        assert!(
            me.contains(&format!("(\"{}\", ", r.id)) || me.contains(&format!("\"{}\");", r.id)),
            "no test asserts that {} fires",
            r.id
        );
    }
}

// ---------------------------------------------------------------- command line

fn gongkai(args: &[&str], root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run gongkai")
}

#[test]
fn cli_exit_codes_and_text() {
    let clean = site(&[(FILE, SAMPLE)]);
    let out = gongkai(&["check"], clean.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("content/2024/085.yaml\n"), "{stdout}");
    assert!(
        stdout.contains("warning[T13-cost-indicator] content/2024/085.yaml:153:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("expected 58.40, actual 58.34, difference -0.06"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 file checked: 0 errors, 1 warning, 0 notes\n"),
        "{stdout}"
    );

    let broken = site(&[(
        FILE,
        &edit(SAMPLE, &[("personnel: 171.90", "personnel: 172.90")]),
    )]);
    let out = gongkai(&["check"], broken.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("error[T5-T6-wages] content/2024/085.yaml:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("should equal T5 工资福利支出 691.40 (difference +1.00)"),
        "{stdout}"
    );

    let unreadable = site(&[(
        FILE,
        &edit(
            SAMPLE,
            &[("appropriation: 983.70", "appropriation: 983.70万")],
        ),
    )]);
    let out = gongkai(&["check"], unreadable.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The same status `build` gives for the same file.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/2024/085.yaml:53"), "{stderr}");
    assert!(stderr.contains("could not check"), "{stderr}");
}

#[test]
fn cli_json_lines() {
    let broken = site(&[(
        FILE,
        &edit(
            SAMPLE,
            &[("public: 4.40, project: 5.00", "public: 5.40, project: 5.00")],
        ),
    )]);
    let out = gongkai(&["check", "--format", "json"], broken.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect();
    assert_eq!(objects.len(), 2, "{stdout}");
    let d = objects
        .iter()
        .find(|o| o["rule"] == "T5-T6-public")
        .unwrap();
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], FILE);
    assert_eq!(d["expected"], "43.30");
    assert_eq!(d["actual"], "44.30");
    assert_eq!(d["difference"], "+1.00");
    let facts = d["facts"].as_array().unwrap();
    assert!(
        facts
            .iter()
            .any(|f| f["field"] == "economic[8].general.public"
                && f["line"] == 102
                && f["value"] == "5.40")
    );

    let unreadable = site(&[(
        FILE,
        &edit(SAMPLE, &[("appropriation: 983.70", "apropriation: 983.70")]),
    )]);
    let out = gongkai(&["check", "--format", "json"], unreadable.path());
    assert_eq!(out.status.code(), Some(1));
    let line = String::from_utf8(out.stdout).unwrap();
    let o: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(o["rule"], "load");
    assert_eq!(o["line"], 53);
}

#[test]
fn build_refuses_on_an_error_and_keeps_the_previous_site() {
    let dir = site(&[(FILE, SAMPLE)]);
    let public = dir.path().join("public");
    let out = gongkai(&["build"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // Warnings are printed and the build goes on.
    assert!(stderr.contains("warning[T13-cost-indicator]"), "{stderr}");
    let before: BTreeMap<PathBuf, Vec<u8>> = snapshot(&public).into_iter().collect();
    assert!(before.contains_key(Path::new("2024/085/index.html")));

    let broken = edit(SAMPLE, &[("personnel: 171.90", "personnel: 172.90")]);
    std::fs::write(dir.path().join(FILE), broken).unwrap();
    let out = gongkai(&["build"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[T5-T6-wages]"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        snapshot(&public).into_iter().collect::<BTreeMap<_, _>>(),
        before,
        "the previous site must be untouched"
    );
}

// ---------------------------------------------------------------- profiles

const PUTUO: &str = include_str!("../../examples/putuo/content/2025/commerce.yaml");
const PUTUO_SITE: &str = include_str!("../../examples/putuo/content/site.yaml");
const PUTUO_FILE: &str = "content/2025/commerce.yaml";

/// The 普陀 example (9-table profile, named by its site.yaml) with `text` as its disclosure.
fn check_putuo(text: &str) -> Vec<Diagnostic> {
    check_files(&[("content/site.yaml", PUTUO_SITE), (PUTUO_FILE, text)])
}

fn rules_of(ds: &[Diagnostic]) -> Vec<&'static str> {
    ds.iter().map(|d| d.rule).collect()
}

/// The finding of `rule`, which must be the only finding.
fn only<'a>(ds: &'a [Diagnostic], rule: &str) -> &'a Diagnostic {
    assert_eq!(rules_of(ds), [rule], "{}", show(ds));
    &ds[0]
}

#[test]
fn the_putuo_example_passes_its_profile_without_findings() {
    // No T12, 十(四)/十(六), 持平-without-reason or 三公-use findings: the 9-table format
    // publishes none of them.
    let ds = check_putuo(PUTUO);
    assert!(ds.is_empty(), "{}", show(&ds));
}

#[test]
fn code_subject_names() {
    let text = edit(PUTUO, &[("  \"20113\": 商贸事务\n", "")]);
    let ds = check_putuo(&text);
    assert_eq!(rules_of(&ds).len(), 1, "{}", show(&ds));
    let d = only(&ds, "code-subject-names");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("款 201 13"), "{}", d.message);
    assert_eq!(d.line, Some(line_of(&text, "code: \"2011301\"")));
    // The 13-table format prints no 款 rows: the sample needs no 款 names.
    assert!(!rules_of(&check_sample(SAMPLE)).contains(&"code-subject-names"));
}

#[test]
fn narrative_use_text_in_a_per_subject_narrative() {
    let text = edit(PUTUO, &[("    purpose: 主要用于商贸事务支出\n", "")]);
    let ds = check_putuo(&text);
    assert_eq!(rules_of(&ds), ["narrative-use-text"], "{}", show(&ds));
    assert!(
        ds[0].message.contains("2011302 一般行政管理事务"),
        "{}",
        ds[0].message
    );
    assert_eq!(ds[0].line, Some(line_of(&text, "code: \"2011302\"")));
}

#[test]
fn an_explanation_kept_for_another_format_is_no_typo() {
    // T11 is not a table of the 9-table profile, but of the 13-table one: the facts may
    // carry its explanation for that format.
    let text = edit(
        PUTUO,
        &[(
            "empty_tables:\n",
            "empty_tables:\n  projects: 本部门无项目。\n",
        )],
    );
    assert!(check_putuo(&text).is_empty());
    let text = edit(
        PUTUO,
        &[(
            "empty_tables:\n",
            "empty_tables:\n  projekts: 本部门无项目。\n",
        )],
    );
    assert_eq!(
        rules_of(&check_putuo(&text)),
        ["completeness-unknown-table"]
    );
}
