//! Comparisons with last year: the basis of last year's figure (预算 / 预算执行数 / 调整预算)
//! comes from the data, a figure left out is taken from last year's file, the change is the
//! difference of exact or of printed figures as the profile says, and the checks ask only
//! for what the narrative prints.

use gongkai::check::{self, Diagnostic, LastYear, Severity};
use gongkai::content::model::Disclosure;
use gongkai::content::money::Difference;
use gongkai::content::money::Money;
use gongkai::content::parse::{Loaded, parse};
use gongkai::content::profile::Profile;
use gongkai::render::page::disclosure_view;
use std::path::Path;

const PUTUO: &str = include_str!("../../examples/putuo/content/2025/commerce.yaml");
const PUTUO_FILE: &str = "content/2025/commerce.yaml";
const JIYUAN_2024: &str = include_str!("../../content/2024/085.yaml");
const JIYUAN_2025: &str = include_str!("../../content/2025/085.yaml");

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

fn load(text: &str, file: &str) -> Loaded<Disclosure> {
    parse(text, Path::new(file)).unwrap_or_else(|p| panic!("{p}"))
}

fn putuo() -> Profile {
    Profile::built_in("putuo-9").unwrap()
}

/// The narrative of the 普陀 example as text (tags dropped), in `profile`.
fn putuo_text(text: &str, profile: &Profile) -> String {
    let d = load(text, PUTUO_FILE).data;
    let v = disclosure_view(&d, &[], profile, &[]);
    let html: String = v.prose.sections.values().cloned().collect();
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Last year's 一般公共预算 of 33,795.8214万元 against this year's 37,151.4655万元: the
/// narrative prints 33,795.82 and 37,151.47, whose difference is 3,355.65; the exact
/// difference is 3,355.6441, printed 3,355.64 (the shape of 普陀's +3,355.65 = 18,976.76 −
/// 15,621.11, whose exact difference is 3,355.64).
fn putuo_rounding_case() -> String {
    edit(
        PUTUO,
        "general: { amount: \"126,597,555.00\" }",
        "general: { amount: \"337,958,214.00\" }",
    )
}

#[test]
fn the_putuo_profile_takes_the_difference_of_the_printed_figures() {
    let text = putuo_text(&putuo_rounding_case(), &putuo());
    assert!(
        text.contains("一般公共预算拨款支出预算37,151.47万元，比2024年预算增加3,355.65万元"),
        "{text}"
    );
    // 财政拨款支出 adds up 一般公共预算, 政府性基金 and 国有资本经营: the same difference.
    assert!(
        text.contains("财政拨款支出预算37,151.47万元，比2024年预算增加3,355.65万元"),
        "{text}"
    );
}

#[test]
fn a_profile_that_takes_exact_differences_prints_the_rounded_exact_difference() {
    let mut exact = putuo();
    exact.change_from = Difference::Exact;
    let text = putuo_text(&putuo_rounding_case(), &exact);
    assert!(
        text.contains("一般公共预算拨款支出预算37,151.47万元，比2024年预算增加3,355.64万元"),
        "{text}"
    );
}

#[test]
fn the_basis_word_comes_from_the_data() {
    // As published: income against 2024's 预算执行数, expenditure against its 预算.
    let text = putuo_text(PUTUO, &putuo());
    assert!(
        text.contains("财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元"),
        "{text}"
    );
    assert!(
        text.contains("政府性基金拨款支出预算0万元，比2024年预算执行数持平"),
        "{text}"
    );
    assert!(
        text.contains("公务接待费1.00万元，与2024年预算持平"),
        "{text}"
    );
    // The same file comparing its income with last year's budget says so.
    let budget = edit(PUTUO, "    basis: 预算执行数\n", "");
    let text = putuo_text(&budget, &putuo());
    assert!(
        text.contains("财政拨款收入37,151.47万元，比2024年预算增加24,558.18万元"),
        "{text}"
    );
    let adjusted = edit(PUTUO, "    basis: 预算执行数\n", "    basis: 调整预算\n");
    let text = putuo_text(&adjusted, &putuo());
    assert!(text.contains("比2024年调整预算增加24,558.18万元"), "{text}");
}

#[test]
fn the_basis_is_a_named_figure() {
    let d = load(PUTUO, PUTUO_FILE).data;
    let f = gongkai::derive::Figures::of(&d);
    let n = gongkai::prose::names(&d, &f, &putuo());
    let text = |name: &str| match n.values.get(name) {
        Some(gongkai::prose::names::Value::Text(t)) => t.clone(),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(text("财政拨款收入上年口径"), "预算执行数");
    assert_eq!(text("一般公共预算支出上年口径"), "预算");
    // 财政拨款支出 adds a 政府性基金 of 0 by 预算执行数 to a 一般公共预算 by 预算.
    assert_eq!(text("财政拨款支出上年口径"), "预算");
}

fn findings(text: &str, profile: &Profile, last: Option<&LastYear>) -> Vec<Diagnostic> {
    check::check_disclosure_with(&load(text, PUTUO_FILE), last, profile)
}

fn rules(ds: &[Diagnostic]) -> Vec<(&'static str, Severity)> {
    ds.iter().map(|d| (d.rule, d.severity)).collect()
}

/// Last year's file as `handed_on` gives it: 收入总计, 一般公共预算, 政府性基金, 国有资本经营,
/// 因公出国, 公务接待, 购置, 运行, 机关运行经费, 财政拨款收入 — in 元, as the 普陀 file.
fn putuo_last_year(general: &str, income: &str) -> LastYear {
    LastYear {
        file: "content/2024/commerce.yaml".into(),
        year: 2024,
        figures: vec![
            m("99,999,999.00"),
            m(general),
            Money::ZERO,
            Money::ZERO,
            Money::ZERO,
            m("10,000.00"),
            Money::ZERO,
            Money::ZERO,
            m("1.00"),
            m(income),
        ],
    }
}

#[test]
fn last_years_figures_are_checked_only_where_the_narrative_prints_them() {
    // The file states 收入总计 (which the 普陀 narrative never prints) against a last year
    // that disagrees: nothing is said of it.
    let stated_total = edit(
        PUTUO,
        "previous_year:\n",
        "previous_year:\n  total: { amount: 5 }\n",
    );
    let last = putuo_last_year("126,597,555.00", "1.00");
    let ds = findings(&stated_total, &putuo(), Some(&last));
    assert!(
        !ds.iter().any(|d| d.rule == "narrative-previous-year"),
        "{ds:#?}"
    );
    // 财政拨款收入 is compared with last year's 预算执行数, which last year's budget file
    // does not hold: not compared either. 一般公共预算 is printed and compared with 预算.
    let last = putuo_last_year("126,597,500.00", "1.00");
    let ds = findings(PUTUO, &putuo(), Some(&last));
    let found: Vec<&Diagnostic> = ds
        .iter()
        .filter(|d| d.rule == "narrative-previous-year")
        .collect();
    assert_eq!(found.len(), 1, "{ds:#?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].facts[0].field, "previous_year.general.amount");
    assert_eq!(found[0].expected.as_deref(), Some("126597500.00"));
}

#[test]
fn reasons_are_judged_by_where_the_narrative_prints_them() {
    // 普陀 never prints the reason of 一般公共预算's change (the example changes by
    // 24,491.71万元 without one), and prints reasons of unchanged figures too
    // (「与2024年预算持平，主要原因是…」): nothing to say of the example.
    let ds = findings(PUTUO, &putuo(), None);
    assert_eq!(rules(&ds), [], "{ds:#?}");
    // 财政拨款收入's reason it prints only with a change: given for a 持平, it is not shown.
    let same = edit(
        PUTUO,
        "    amount: \"125,932,855.00\"\n",
        "    amount: \"371,514,655.00\"\n",
    );
    let ds = findings(&same, &putuo(), None);
    let d = ds
        .iter()
        .find(|d| d.rule == "narrative-reason-without-change")
        .unwrap_or_else(|| panic!("{ds:#?}"));
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.facts[0].field,
        "previous_year.appropriation_income.reason"
    );
    // Its reason is optional in that text ({如果 财政拨款收入变动原因}…): a change without
    // one is not refused there, as it is in the 13-table narrative.
    let changed = edit(
        PUTUO,
        "    reason: 政策资金项目预算增加，根据实际工作安排编制预算\n",
        "",
    );
    let ds = findings(&changed, &putuo(), None);
    assert_eq!(rules(&ds), [], "{ds:#?}");
}

#[test]
fn adding_up_figures_of_different_bases_is_refused() {
    let mixed = edit(
        PUTUO,
        "  fund: { amount: 0, basis: 预算执行数 }",
        "  fund: { amount: \"1,000.00\", basis: 预算执行数 }",
    );
    let ds = findings(&mixed, &putuo(), None);
    let d = ds
        .iter()
        .find(|d| d.rule == "narrative-previous-basis")
        .unwrap_or_else(|| panic!("{ds:#?}"));
    assert_eq!(d.severity, Severity::Error);
    let fields: Vec<&str> = d.facts.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["previous_year.general.basis", "previous_year.fund.basis"]
    );
}

#[test]
fn a_printed_figure_neither_stated_nor_in_last_years_file_is_a_warning() {
    let unstated = edit(
        PUTUO,
        "reception: { amount: \"10,000.00\", reason: 根据本部门实际业务需求开展公务接待 }",
        "reception: { reason: 根据本部门实际业务需求开展公务接待 }",
    );
    let ds = findings(&unstated, &putuo(), None);
    let d = ds
        .iter()
        .find(|d| d.rule == "narrative-previous-missing")
        .unwrap_or_else(|| panic!("{ds:#?}"));
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.facts[0].field, "previous_year.reception");
    // With last year's file it is taken from there, and nothing is said.
    let last = putuo_last_year("126,597,555.00", "1.00");
    let ds = findings(&unstated, &putuo(), Some(&last));
    assert!(
        !ds.iter().any(|d| d.rule == "narrative-previous-missing"),
        "{ds:#?}"
    );
}

/// A site with 济源's 2024 and 2025 files of department 085, 2025's as given.
fn jiyuan_site(text_2025: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-comparisons-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let c = dir.path().join("content");
    std::fs::create_dir_all(c.join("2024")).unwrap();
    std::fs::create_dir_all(c.join("2025")).unwrap();
    let root = crate::common::repo_root();
    for f in ["site.yaml", "glossary.yaml"] {
        std::fs::copy(root.join("content").join(f), c.join(f)).unwrap();
    }
    std::fs::write(c.join("2024/085.yaml"), JIYUAN_2024).unwrap();
    std::fs::write(c.join("2025/085.yaml"), text_2025).unwrap();
    dir
}

/// 2025's file with every previous-year amount left out (reasons kept).
fn without_amounts() -> String {
    let mut out = String::new();
    for line in JIYUAN_2025.lines() {
        let keep = match line.find("{ amount: ") {
            Some(at) if line.starts_with("  ") => {
                let rest = &line[at + "{ amount: ".len()..];
                let after = rest.find([',', ' ']).map(|e| &rest[e..]).unwrap_or("");
                let after = after.trim_start_matches(',').trim_start();
                if after.starts_with('}') {
                    // `{ amount: 0 }` alone: the whole entry goes.
                    continue;
                }
                format!("{}{{ {after}", &line[..at])
            }
            _ => line.to_owned(),
        };
        out.push_str(&keep);
        out.push('\n');
    }
    assert!(!out.contains("amount: 1042.10"), "{out}");
    out
}

#[test]
fn figures_left_out_are_taken_from_last_years_file() {
    let dir = jiyuan_site(&without_amounts());
    let listed = gongkai::cmd::figures::list(dir.path(), 2025, "085").unwrap();
    let value = |name: &str| {
        listed
            .iter()
            .find(|l| l.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .value
            .clone()
    };
    // 2024's 收入总计 and 机关运行经费 (content/2024/085.yaml).
    assert_eq!(value("收入总计上年"), "1042.10");
    assert_eq!(value("机关运行经费上年"), "43.30");
    assert_eq!(value("收入总计上年口径"), "预算");
    // `check` takes them too: no finding calls them 0.00 or missing.
    let report = check::check_site(dir.path()).unwrap();
    let mine: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("2025/085.yaml"))
        .filter(|d| d.rule.starts_with("narrative-"))
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
    // And the page says what it says with the amounts typed in.
    let built = crate::common::build_site(dir.path()).unwrap();
    let page = std::fs::read_to_string(built.path().join("public/2025/085/index.html")).unwrap();
    let stated_dir = jiyuan_site(JIYUAN_2025);
    let stated = crate::common::build_site(stated_dir.path()).unwrap();
    let expected =
        std::fs::read_to_string(stated.path().join("public/2025/085/index.html")).unwrap();
    let sentence = |html: &str| {
        html.split("收、支总计各")
            .nth(1)
            .and_then(|s| s.split('。').next())
            .map(str::to_owned)
    };
    assert_eq!(
        sentence(&page).as_deref(),
        Some("增加31.80万元，主要原因：人员工资正常调整，新增驻外招商联络机构运转经费")
    );
    assert_eq!(sentence(&page), sentence(&expected));
    let narrative = |html: &str| {
        let start = html.find("第二部分").unwrap();
        let end = html[start..].find("第三部分").unwrap() + start;
        html[start..end].to_owned()
    };
    assert_eq!(narrative(&page), narrative(&expected));
}

#[test]
fn a_basis_other_than_the_budget_is_not_taken_from_last_years_file() {
    let text = edit(
        &without_amounts(),
        "  running_costs:    { reason:",
        "  running_costs:    { basis: 预算执行数, reason:",
    );
    let dir = jiyuan_site(&text);
    let report = check::check_site(dir.path()).unwrap();
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "narrative-previous-missing")
        .unwrap_or_else(|| panic!("{:#?}", report.diagnostics));
    assert_eq!(d.facts[0].field, "previous_year.running_costs");
}
