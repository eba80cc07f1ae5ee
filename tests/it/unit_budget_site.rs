//! `check` and `build` on the 单位预算: a broken unit identity is caught with a Chinese
//! message naming the file, line and field; bad unit files are refused at their line; a
//! frozen year's unit budget does not change without a correction in the unit file.

use crate::common::TempSite;
use std::process::{Command, Output};

const UNIT_FILE: &str = "2025/单位预算/commerce.yaml";

/// Runs `gongkai <args> --root <site>` in Chinese.
fn run(site: &TempSite, args: &[&str]) -> (Option<i32>, String) {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "zh")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .output()
        .expect("run gongkai");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

fn check(site: &TempSite) -> (Option<i32>, String) {
    run(site, &["check"])
}

fn build(site: &TempSite) -> (Option<i32>, String) {
    let out = site.out();
    run(site, &["build", "--out", &out.to_string_lossy()])
}

fn line_of(site: &TempSite, file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(site.root().join("content").join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn the_example_checks_clean_with_its_unit_budget() {
    let site = TempSite::copy_of("examples/putuo");
    let (code, text) = check(&site);
    assert_eq!(code, Some(0), "{text}");
}

/// Mutation: the 公用经费 of 类 201 two 元 short. Table 1 no longer agrees with table 8, and
/// `check` says so in Chinese at the unit file's line, with both totals.
#[test]
fn a_broken_split_of_basic_expenditure_is_caught() {
    let site = TempSite::copy_of("examples/putuo");
    site.replace(UNIT_FILE, "\"1,467,842.00\"", "\"1,467,840.00\"");
    let (code, text) = check(&site);
    assert_eq!(code, Some(1), "{text}");
    let line = line_of(&site, UNIT_FILE, "1,467,840.00");
    for want in [
        format!("content/{UNIT_FILE}:{line}"),
        "unit-split".into(),
        "财务收支预算总表的公用经费合计 1710060.00".into(),
        "1710062.00".into(),
        "units[0].public_by_class.201".into(),
    ] {
        assert!(text.contains(&want), "missing {want:?} in:\n{text}");
    }
    // The build refuses it too and writes no page.
    let (code, text) = build(&site);
    assert_ne!(code, Some(0), "{text}");
    assert!(!site.out().join("2025/unit").exists());
}

/// Mutation: more 公用经费 in a 类 than its unsplit 基本支出.
#[test]
fn public_costs_above_the_basic_expenditure_of_their_class_are_caught() {
    let site = TempSite::copy_of("examples/putuo");
    site.replace(
        UNIT_FILE,
        "\"208\": \"242,220.00\"",
        "\"208\": \"242,220.00\"\n      \"206\": \"1.00\"",
    );
    let (code, text) = check(&site);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("第206类的公用经费 1.00 超出了这一类未分开填写的基本支出 0.00"),
        "{text}"
    );
}

/// A unit budget runs the budget's own rules; with one budgeted unit its lines are the
/// department's, so an identity broken there is reported once, for the department.
#[test]
fn a_broken_identity_of_the_only_unit_is_reported_once() {
    let site = TempSite::copy_of("examples/putuo");
    // 30101 基本工资 one 元 more: economic 基本支出 no longer matches the functional lines.
    site.replace(
        "2025/commerce.yaml",
        "personnel: \"1,952,616.00\"",
        "personnel: \"1,952,617.00\"",
    );
    let (code, text) = check(&site);
    assert_eq!(code, Some(1), "{text}");
    assert_eq!(text.matches("错误[T5-T6-public]").count(), 1, "{text}");
    assert!(
        !text.contains("单位预算（上海市普陀区商务委员会）：一般公共预算"),
        "{text}"
    );
    // Table 1's 人员经费 no longer matches table 8's either: that is the unit's own finding.
    assert!(text.contains("人员经费合计 18120593.00"), "{text}");
}

#[test]
fn an_unknown_field_of_the_unit_file_is_refused_at_its_line() {
    let site = TempSite::copy_of("examples/putuo");
    site.replace(UNIT_FILE, "public_by_class:", "public_by_klass:");
    let (code, text) = check(&site);
    assert_ne!(code, Some(0), "{text}");
    let line = line_of(&site, UNIT_FILE, "public_by_klass");
    assert!(
        text.contains(&format!("content/{UNIT_FILE}:{line}")),
        "{text}"
    );
    assert!(text.contains("public_by_klass"), "{text}");
}

#[test]
fn a_unit_the_department_does_not_budget_is_refused() {
    let site = TempSite::copy_of("examples/putuo");
    site.replace(UNIT_FILE, "code: commerce-hq", "code: commerce-smes");
    let (code, text) = check(&site);
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("没有单列预算的单位“commerce-smes”") && text.contains("commerce-hq"),
        "{text}"
    );
}

#[test]
fn a_unit_file_without_its_department_is_refused() {
    let site = TempSite::copy_of("examples/putuo");
    let text = std::fs::read_to_string(site.root().join("content").join(UNIT_FILE)).unwrap();
    site.write(
        "2025/单位预算/trade.yaml",
        &text.replace("code: commerce\n", "code: trade\n"),
    );
    let (code, out) = check(&site);
    assert_ne!(code, Some(0), "{out}");
    assert!(out.contains("content/2025/单位预算/trade.yaml"), "{out}");
    assert!(out.contains("没有部门代码为“trade”的部门预算"), "{out}");
}

/// Without the split the department's lines do not say how 基本支出 divides: the unit's
/// table 1 cannot be made, and `check` says where to write it.
#[test]
fn without_the_split_the_unit_budget_is_refused_with_what_to_write() {
    let site = TempSite::copy_of("examples/putuo");
    site.replace(UNIT_FILE, "      \"201\": \"1,467,842.00\"\n", "");
    site.replace(UNIT_FILE, "      \"208\": \"242,220.00\"\n", "");
    site.replace(UNIT_FILE, "    public_by_class:\n", "");
    let (code, text) = check(&site);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("公用经费合计 0.00"), "{text}");
    assert!(text.contains("public_by_class"), "{text}");
}

/// A department without a unit file publishes its budget alone: no unit page, no link.
#[test]
fn without_a_unit_file_a_department_publishes_its_budget_alone() {
    let site = TempSite::copy_of("examples/putuo");
    std::fs::remove_file(site.root().join("content").join(UNIT_FILE)).unwrap();
    let (code, text) = build(&site);
    assert_eq!(code, Some(0), "{text}");
    assert!(!site.out().join("2025/unit").exists());
    let page = std::fs::read_to_string(site.out().join("2025/commerce/index.html")).unwrap();
    assert!(
        !page.contains("单位预算"),
        "the department page links a unit budget"
    );
}

/// A frozen year's unit budget changes only with a correction in the unit file.
#[test]
fn a_frozen_unit_budget_needs_its_own_correction() {
    let site = TempSite::copy_of("examples/putuo");
    let (code, text) = run(&site, &["freeze", "2025"]);
    assert_eq!(code, Some(0), "{text}");
    let frozen = std::fs::read_to_string(site.root().join("content/2025/FROZEN")).unwrap();
    assert!(frozen.contains("单位预算/commerce/commerce-hq"), "{frozen}");
    // A text of the unit's page changes (the use of one 科目), with a correction of the
    // department's budget only.
    site.replace(
        "2025/commerce.yaml",
        "purpose: 主要用于商贸事务管理",
        "purpose: 主要用于商贸事务管理工作",
    );
    site.replace(
        "2025/commerce.yaml",
        "narrative: {}",
        "narrative: {}\ncorrections:\n  - { date: 2025-03-01, text: 更正科目用途 }",
    );
    let (code, text) = build(&site);
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("单位预算（上海市普陀区商务委员会）：2025 年已冻结"),
        "{text}"
    );
    site.replace(
        UNIT_FILE,
        "  - code: commerce-hq\n",
        "  - code: commerce-hq\n    corrections:\n      - { date: 2025-03-01, text: 更正科目用途 }\n",
    );
    let (code, text) = build(&site);
    assert_eq!(code, Some(0), "{text}");
    let page =
        std::fs::read_to_string(site.out().join("2025/unit/commerce/commerce-hq/index.html"))
            .unwrap();
    assert!(page.contains("更正科目用途"));
    let frozen = std::fs::read_to_string(site.root().join("content/2025/FROZEN")).unwrap();
    assert_eq!(
        frozen.matches("单位预算/commerce/commerce-hq").count(),
        2,
        "{frozen}"
    );
}

/// A site whose profile does not publish unit budgets refuses a unit file rather than
/// skipping it.
#[test]
fn a_profile_without_unit_budgets_refuses_a_unit_file() {
    let site = TempSite::copy_example();
    site.write(
        "2024/单位预算/085.yaml",
        "code: \"085\"\nyear: 2024\nunits: []\n",
    );
    let (code, text) = check(&site);
    assert_ne!(code, Some(0), "{text}");
    assert!(text.contains("不公开单位预算"), "{text}");
}

/// With a publication date and a `base_url`, the unit budget is in the feed and the sitemap;
/// an archive of its year holds its page.
#[test]
fn feed_sitemap_and_archive_cover_the_unit_budget() {
    let site = TempSite::copy_of("examples/putuo");
    site.replace(
        UNIT_FILE,
        "  - code: commerce-hq\n",
        "  - code: commerce-hq\n    published: 2025-02-20\n",
    );
    let config = site.root().join("content/site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text + "base_url: https://example.gov.cn/yjs/\n").unwrap();
    let (code, text) = build(&site);
    assert_eq!(code, Some(0), "{text}");
    let feed = std::fs::read_to_string(site.out().join("feed.xml")).unwrap();
    assert!(
        feed.contains("上海市普陀区商务委员会2025年度单位预算")
            && feed
                .contains("https://example.gov.cn/yjs/2025/unit/commerce/commerce-hq/index.html")
            && feed.contains("支出总计37,151.47万元"),
        "{feed}"
    );
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("https://example.gov.cn/yjs/2025/unit/commerce/commerce-hq/index.html"),
        "{sitemap}"
    );
    let zip = site.root().join("2025.zip");
    gongkai::output::archive::archive(site.root(), 2025, &zip).unwrap_or_else(|e| panic!("{e}"));
    let z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<String> = z.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("2025/unit/commerce/commerce-hq/index.html")),
        "{names:?}"
    );
}

/// With several budgeted units the department's file cannot say a unit's duties, last
/// year's figures, procurement or assets, nor which unit an economic line is: `check` asks
/// for each, naming the unit and the line.
#[test]
fn several_budgeted_units_need_what_only_the_unit_file_can_say() {
    let site = TempSite::copy_of("examples/putuo");
    site.replace(
        "2025/commerce.yaml",
        "kind: 事业单位, separate_budget: false }",
        "kind: 事业单位 }",
    );
    // The budget's own rule: every income and expenditure line names its unit.
    let file = site.root().join("content/2025/commerce.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replace(
            "  - appropriation:",
            "  - unit: commerce-hq\n    appropriation:",
        )
        .replace("  - code: \"2", "  - unit: commerce-hq\n    code: \"2");
    std::fs::write(&file, text).unwrap();
    let (code, text) = check(&site);
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("单位“上海市普陀区中小企业服务中心”的单位预算缺少 duties、previous_year、procurement、assets、projects_with_targets"),
        "{text}"
    );
    assert!(text.contains("经济分类第 1 行没有写所属单位"), "{text}");
}

/// The preview shows the unit page, and a unit budget that does not close as a problem of
/// its file while the budgets still build.
#[test]
fn the_preview_shows_the_unit_budget_and_its_problems() {
    let site = TempSite::copy_of("examples/putuo");
    let out = tempfile::tempdir().unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let dir = out.path().join("site");
    let s = gongkai::output::Site::preview(site.root(), &dir, &out.path().join("s1"), stop.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.problems().is_empty());
    assert!(
        dir.join("2025/unit/commerce/commerce-hq/index.html")
            .is_file()
    );
    site.replace(UNIT_FILE, "\"1,467,842.00\"", "\"1,467,840.00\"");
    let dir2 = out.path().join("site2");
    let s = gongkai::output::Site::preview(site.root(), &dir2, &out.path().join("s2"), stop)
        .unwrap_or_else(|e| panic!("{e}"));
    let shown: Vec<String> = s
        .problems()
        .keys()
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        shown.iter().any(|p| p.ends_with("单位预算/commerce.yaml")),
        "{shown:?}"
    );
    assert!(dir2.join("2025/commerce/index.html").is_file());
}
