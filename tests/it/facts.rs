//! Facts real disclosures publish that the model once could not hold: unit kinds and
//! 机关运行经费, department totals only, and the 四舍五入 of amounts entered with more decimals.
//!
//! The 街道 here is the real sample (content/2024/085.yaml) reshaped like a real 普陀 街道: six
//! units (one 机关, one 参公, four 事业单位), every table at department level, and the
//! 机关运行经费 of its 行政 and 参公 units as published.

use gongkai::content::model::Disclosure;
use gongkai::content::money::Money;
use gongkai::content::profile::Profile;
use gongkai::derive::Figures;
use gongkai::render::page::disclosure_view;
use std::path::Path;
use tempfile::TempDir;

const SAMPLE: &str = include_str!("../../content/2024/085.yaml");
const SITE: &str = include_str!("../../content/site.yaml");
const GLOSSARY: &str = include_str!("../../content/glossary.yaml");
const ONE_UNIT: &str = "  - { code: \"085001\", name: 济源产城融合示范区招商引资服务中心 }\n";

/// Six units; codes that occur nowhere else, so any output naming one is found.
const SIX_UNITS: &str = "  - { code: \"JD0001\", name: 街道办事处机关, kind: 行政单位 }
  - { code: \"JD0002\", name: 街道城市运行管理中心, kind: 参照公务员法管理的事业单位 }
  - { code: \"JD0003\", name: 街道社区党群服务中心, kind: 事业单位 }
  - { code: \"JD0004\", name: 街道社区事务受理服务中心, kind: 事业单位 }
  - { code: \"JD0005\", name: 街道网格化综合管理中心, kind: 事业单位 }
  - { code: \"JD0006\", name: 街道社区文化活动中心, kind: 事业单位 }
";

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// The sample as a 街道 publishing department totals only, with its 机关运行经费 entered.
fn street(running_costs: &str) -> String {
    assert_eq!(SAMPLE.matches(ONE_UNIT).count(), 1);
    // Lines name no unit: the income line keeps its first field, projects lose the line.
    let unnamed = SAMPLE
        .replacen(
            "  - unit: \"085001\"\n    appropriation:",
            "  - appropriation:",
            1,
        )
        .replace("    unit: \"085001\"\n", "");
    assert!(!unnamed.contains("unit: \"085001\""));
    unnamed.replacen(
        ONE_UNIT,
        &format!("{SIX_UNITS}department_totals_only: true\nrunning_costs: {running_costs}\n"),
        1,
    )
}

fn site_with(text: &str) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-facts-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("2024")).unwrap();
    std::fs::write(content.join("site.yaml"), SITE).unwrap();
    std::fs::write(content.join("glossary.yaml"), GLOSSARY).unwrap();
    std::fs::write(content.join("2024/085.yaml"), text).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn a_street_with_totals_only_publishes_its_running_costs_and_no_money_by_unit() {
    let text = street("20.15");
    let d: Disclosure = gongkai::content::yaml::from_str(&text).unwrap();
    let f = Figures::of(&d);
    assert_eq!(f.running_costs, m("20.15"));
    // 「下属1家机关和1家参公事业单位」: the counts are named figures of the narrative.
    let view = disclosure_view(&d, &[], &Profile::default_profile(), &[]);
    let c = view.narrative.unit_counts;
    assert_eq!(
        (
            c.administrative,
            c.civil_service,
            c.institution,
            c.other,
            c.total
        ),
        (1, 1, 4, 0, 6)
    );
    assert_eq!(view.narrative.running_costs, "20.15");

    let site = site_with(&text);
    let report = gongkai::check::check_site(site.path()).unwrap_or_else(|p| panic!("{p}"));
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        ["T13-cost-indicator"],
        "only the sample's own warning"
    );
    let built = crate::common::build_site(site.path()).unwrap_or_else(|e| panic!("{e}"));
    let out = built.path().join("public");
    let page = std::fs::read_to_string(out.join("2024/085/index.html")).unwrap();
    assert!(page.contains("机关（机构）运转经费支出预算20.15万元"));
    // No page, table, CSV or chart names a unit's code; only the source and the JSON's
    // copy of the facts list the units, and no line of them names one.
    for p in files(&out) {
        let name = p.to_string_lossy().into_owned();
        if name.ends_with("085-2024.yaml") || name.ends_with("085-2024.json") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("JD000"), "{name} names a unit");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("2024/085/085-2024.json")).unwrap())
            .unwrap();
    assert!(!json["tables"].to_string().contains("JD000"));
    for list in ["income", "expenditure", "projects"] {
        for line in json["facts"][list].as_array().unwrap() {
            assert!(line["unit"].is_null(), "{list}: {line}");
        }
    }
    // Table 2 shows the total and the department, no unit rows.
    let t2 = std::fs::read_to_string(out.join("2024/085/table-02.csv")).unwrap();
    assert_eq!(t2.lines().count(), 3, "{t2}");
}

#[test]
fn totals_only_refuses_a_line_that_names_a_unit() {
    let text = street("20.15").replacen(
        "    name: 事业运行\n",
        "    name: 事业运行\n    unit: \"JD0001\"\n",
        1,
    );
    let site = site_with(&text);
    let problems = gongkai::check::check_site(site.path()).expect_err("a unit on a line");
    let shown = problems.to_string();
    assert!(shown.contains("expenditure[0].unit"), "{shown}");
    assert!(shown.contains("只公开部门合计"), "{shown}");
}

#[test]
fn split_by_unit_the_running_costs_are_the_organ_units_public_costs() {
    // The real 街道's figures: 公用经费 1,082.77万元 in all, of which its 机关 and 参公 unit
    // spend 464.64万元, the 机关运行经费 it publishes.
    let mut d: Disclosure =
        gongkai::content::yaml::from_str(&SAMPLE.replacen(ONE_UNIT, SIX_UNITS, 1)).unwrap();
    let template = d.expenditure[0].clone();
    let public = ["300.00", "164.64", "154.53", "154.53", "154.53", "154.54"];
    d.expenditure = d
        .units
        .iter()
        .zip(public)
        .map(|(u, p)| {
            let mut l = template.clone();
            l.unit = Some(u.code.clone());
            l.general = Default::default();
            l.general.public = m(p);
            l
        })
        .collect();
    let f = Figures::of(&d);
    assert_eq!(f.general.public, m("1082.77"));
    assert_eq!(f.running_costs, m("464.64"));
    assert_eq!(
        (
            f.units.administrative,
            f.units.civil_service,
            f.units.institution
        ),
        (1, 1, 4)
    );
    // One kind only: the whole 公用经费, as 济源's single 事业单位 publishes it.
    let sample: Disclosure = gongkai::content::yaml::from_str(SAMPLE).unwrap();
    assert_eq!(Figures::of(&sample).running_costs, m("43.30"));
}

#[test]
fn an_amount_with_three_decimals_is_shown_rounded_half_up_everywhere() {
    // 58.405万元 of government fund money: kept exact, shown 58.41 in table, text and JSON.
    let text = SAMPLE
        .replacen("fund: { targeted: 58.40 }", "fund: { targeted: 58.405 }", 1)
        .replace("    fund: 58.40\n", "    fund: 58.405\n")
        .replacen("fund: { project: 58.40 }", "fund: { project: 58.405 }", 1);
    let d: Disclosure = gongkai::content::yaml::from_str(&text).unwrap();
    assert_eq!(Figures::of(&d).fund.total(), m("58.405"));
    let site = site_with(&text);
    let built = crate::common::build_site(site.path()).unwrap_or_else(|e| panic!("{e}"));
    let out = built.path().join("public/2024/085");
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    let t9 = crate::common::parse_table(&page, "table-09");
    assert!(t9.iter().flatten().any(|c| c == "58.41"), "{t9:?}");
    assert!(!t9.iter().flatten().any(|c| c == "58.40"), "{t9:?}");
    assert!(crate::common::narrative_text(&page).contains("58.41万元"));
    let csv = std::fs::read_to_string(out.join("table-09.csv")).unwrap();
    assert!(csv.contains("58.41") && !csv.contains("58.40"), "{csv}");
    let json = std::fs::read_to_string(out.join("085-2024.json")).unwrap();
    assert!(json.contains("\"58.41\""));
}

#[test]
fn a_frozen_year_keeps_the_glossary_it_was_published_with() {
    let site = crate::common::TempSite::copy_example();
    let root = site.root().to_string_lossy().into_owned();
    let froze = crate::common::gongkai(&["freeze", "2024", "--root", &root]);
    assert!(froze.status.success(), "{froze:?}");
    let kept = site.root().join("content/2024/glossary.yaml");
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        GLOSSARY.as_bytes(),
        "freeze copies the site's glossary into the year"
    );
    // The site's glossary is reworded after 2024 was published.
    site.replace(
        "glossary.yaml",
        "是指市级财政当年拨付的资金。",
        "是指本级财政当年拨付的资金（新表述）。",
    );
    let built = site.build();
    assert!(built.status.success(), "{built:?}");
    let page = |p: &str| std::fs::read_to_string(site.out().join(p)).unwrap();
    let old = page("2024/085/index.html");
    assert!(old.contains("是指市级财政当年拨付的资金。") && !old.contains("新表述"));
    assert!(page("2025/085/index.html").contains("是指本级财政当年拨付的资金（新表述）。"));
    assert!(page("glossary/index.html").contains("新表述"));
    // Freezing again keeps the year's copy.
    let again = crate::common::gongkai(&["freeze", "2024", "--root", &root]);
    assert!(again.status.success(), "{again:?}");
    assert!(!std::fs::read_to_string(&kept).unwrap().contains("新表述"));
}

#[test]
fn a_profile_spells_amounts_its_way_in_tables_and_prose() {
    let site = site_with(SAMPLE);
    let profile = include_str!("../../profiles/jiyuan-13.yaml")
        .replacen("name: jiyuan-13\n", "name: mine\nspelling: { decimals: whole_without, zero: \"0\" }\nnarrative_spelling: { decimals: two }\n", 1)
        .replacen(
            "{ key: three_public, kind: three_public, name: 一般公共预算“三公”经费预算表 }",
            "{ key: three_public, kind: three_public, name: 一般公共预算“三公”经费预算表, spelling: { zero: blank } }",
            1,
        );
    std::fs::create_dir_all(site.path().join("profiles")).unwrap();
    std::fs::write(site.path().join("profiles/mine.yaml"), profile).unwrap();
    std::fs::write(
        site.path().join("content/site.yaml"),
        format!("{SITE}\nprofile: mine\n"),
    )
    .unwrap();
    let built = crate::common::build_site(site.path()).unwrap_or_else(|e| panic!("{e}"));
    let page = std::fs::read_to_string(built.path().join("public/2024/085/index.html")).unwrap();
    let t1 = crate::common::parse_table(&page, "table-01");
    let cells: Vec<&str> = t1.iter().flatten().map(String::as_str).collect();
    assert!(cells.contains(&"1,042.10"), "{t1:?}");
    // 专项收入 (zero) is written 0; 一般公共服务 744.00 is written 744.
    assert_eq!((t1[2][0].as_str(), t1[2][1].as_str()), ("专项收入", "0"));
    assert_eq!(
        (t1[0][2].as_str(), t1[0][3].as_str()),
        ("一、一般公共服务", "744")
    );
    // Table 8 keeps its blanks and writes 5.00 as 5.
    let t8 = crate::common::parse_table(&page, "table-08");
    let cells: Vec<&str> = t8.iter().flatten().map(String::as_str).collect();
    assert!(
        cells.contains(&"5") && cells.contains(&"") && !cells.contains(&"0"),
        "{t8:?}"
    );
    // The narrative writes whole amounts with two decimals: 「…5.00万元」.
    let text = crate::common::narrative_text(&page);
    assert!(
        text.contains("5.00万元") && text.contains("1042.10万元"),
        "{text}"
    );
}

/// The department's own sentence about its units and 机关运行经费, as the 街道 publishes it.
const UNITS_SENTENCE: &str = "  narrative-10: |\n    本街道下属{单位数.行政单位}家机关和{单位数.参公}家参公事业单位，另有事业单位{单位数.事业单位}家，共{单位数.总数}家；机关运行经费{机关运行经费}万元（{机关运行经费口径}）。\n";

fn narrative_10(d: &Disclosure, profile: &Profile) -> String {
    let f = Figures::of(d);
    let shown = profile.narrative_shown(d.money_unit);
    gongkai::render::prose::sections_html(d, &f, profile, shown).sections["narrative-10"].clone()
}

#[test]
fn prose_names_the_unit_counts_and_the_running_costs_as_computed() {
    // Department totals only, 机关运行经费 entered as published.
    let text = format!("{}prose:\n{UNITS_SENTENCE}", street("464.64"));
    let d: Disclosure = gongkai::content::yaml::from_str(&text).unwrap();
    let jiyuan = Profile::default_profile();
    assert_eq!(
        narrative_10(&d, &jiyuan),
        "<p>本街道下属1家机关和1家参公事业单位，另有事业单位4家，共6家；机关运行经费464.64万元（部门填报）。</p>\n"
    );
    // Split by unit: computed from the 行政 and 参公 units' 公用经费.
    let mut d: Disclosure = gongkai::content::yaml::from_str(&format!(
        "{}prose:\n{UNITS_SENTENCE}",
        SAMPLE.replacen(ONE_UNIT, SIX_UNITS, 1)
    ))
    .unwrap();
    let template = d.expenditure[0].clone();
    let public = ["300", "164.64", "154.53", "154.53", "154.53", "154.54"];
    d.expenditure = d
        .units
        .iter()
        .zip(public)
        .map(|(u, p)| {
            let mut l = template.clone();
            l.unit = Some(u.code.clone());
            l.general = Default::default();
            l.general.public = m(p);
            l
        })
        .collect();
    assert_eq!(
        narrative_10(&d, &jiyuan),
        "<p>本街道下属1家机关和1家参公事业单位，另有事业单位4家，共6家；机关运行经费464.64万元（行政单位和参公事业单位的一般公共预算公用经费）。</p>\n"
    );
    // The profile's narrative_spelling governs the amount: thousands separators and two
    // decimals, over the default text's 「去零 无千分位」.
    let mut spelled = jiyuan.clone();
    spelled.narrative_spelling = Some(gongkai::content::spelling::SpellingChoice {
        decimals: Some(gongkai::content::spelling::Decimals::Two),
        zero: None,
        separators: Some(true),
    });
    d.expenditure[0].general.public = m("1300");
    assert!(
        narrative_10(&d, &spelled).contains("机关运行经费1,464.64万元"),
        "{}",
        narrative_10(&d, &spelled)
    );
    d.expenditure[0].general.public = m("835.36");
    assert!(narrative_10(&d, &spelled).contains("机关运行经费1,000.00万元"));
    assert!(narrative_10(&d, &jiyuan).contains("机关运行经费1000万元"));
}
