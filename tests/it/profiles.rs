//! Region profiles: the same facts in another region's format, and a region's own
//! format made of a YAML profile and templates, without Rust.
//!
//! The 济源 example (`content/`, 万元) is built with the 9-table 普陀 profile (元, 类/款 rows)
//! and its real figures are read back converted; the 普陀 example against its own sample is
//! in `putuo_expected.rs`.

use crate::common::{TempSite, parse_table, snapshot};

/// The example content in a site whose `site.yaml` names `profile`.
fn site_with_profile(profile: &str) -> TempSite {
    let site = TempSite::copy_example();
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}profile: {profile}\n"));
    site
}

fn built(site: &TempSite) -> std::process::Output {
    let run = site.build();
    assert!(
        run.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    run
}

fn read(site: &TempSite, relative: &str) -> String {
    let p = site.out().join(relative);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn row<'a>(grid: &'a [Vec<String>], first: &str) -> &'a [String] {
    grid.iter()
        .find(|r| r.iter().any(|c| c == first))
        .unwrap_or_else(|| panic!("no row with {first:?} in {grid:?}"))
}

#[test]
fn the_jiyuan_example_renders_in_the_nine_table_profile_converted_to_yuan() {
    let site = site_with_profile("putuo-9");
    let run = built(&site);
    // The facts lack what only the 普陀 narrative prints (款 names, per-科目 uses): warnings,
    // never errors.
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("code-subject-names"), "{stderr}");
    let page = read(&site, "2024/085/index.html");
    for n in 1..=9 {
        assert!(page.contains(&format!("<table id=\"table-{n:02}\"")));
    }
    assert!(!page.contains("<table id=\"table-10\""));

    // 收入总计 1,042.10万元 = 10,421,000.00元 (T1), split by fund.
    let t1 = parse_table(&page, "table-01");
    assert_eq!(
        row(&t1, "收入总计"),
        ["收入总计", "10,421,000.00", "支出总计", "10,421,000.00"]
    );
    assert_eq!(row(&t1, "1. 一般公共预算资金")[1], "9,837,000.00");
    assert_eq!(row(&t1, "2. 政府性基金")[1], "584,000.00");
    // T3: 基本支出 883.70, 项目支出 158.40万元; the 201 类 row (744.00) above its 款 and 项.
    let t3 = parse_table(&page, "table-03");
    assert_eq!(
        t3.last().unwrap(),
        &[
            "",
            "",
            "",
            "合计",
            "10,421,000.00",
            "8,837,000.00",
            "1,584,000.00"
        ]
    );
    assert_eq!(
        t3[0],
        [
            "201",
            "",
            "",
            "一般公共服务",
            "7,440,000.00",
            "6,440,000.00",
            "1,000,000.00"
        ]
    );
    assert_eq!(t3[1][..3], ["201", "13", ""]);
    assert_eq!(t3[2][..4], ["201", "13", "50", "事业运行"]);
    // T8: 人员经费 840.40 and 公用经费 43.30万元 of the 一般公共预算基本支出 883.70.
    let t8 = parse_table(&page, "table-08");
    assert_eq!(
        t8.last().unwrap(),
        &["", "", "合计", "8,837,000.00", "8,404,000.00", "433,000.00"]
    );
    // T9 stays in 万元 as the profile says: “三公” 5.00 = 3.00 + 0.50 + 1.50, 机关运行经费 43.30.
    assert_eq!(
        parse_table(&page, "table-09"),
        [["5.00", "3.00", "0.50", "1.50", "", "1.50", "43.30"]]
    );
    // The narrative in the profile's narrative unit (万元), separators as 普陀 writes them.
    crate::common::assert_contains_all(
        "narrative",
        &crate::common::page_text(&page),
        &[
            "收入预算1,042.10万元",
            "一般公共预算拨款支出预算983.70万元",
            "事业运行（项）”744.00万元",
            "2024年“三公”经费预算数为5.00万元",
            "财政拨款的机关运行经费预算为43.30万元",
        ],
    );
    // Downloads in 元 too, and the 043 department's 上年结转 gets a row of its own rather
    // than being dropped from the total.
    let csv = read(&site, "2024/085/table-01.csv");
    assert!(
        csv.contains("收入总计,10421000.00,支出总计,10421000.00"),
        "{csv}"
    );
    let t1 = parse_table(&read(&site, "2024/043/index.html"), "table-01");
    assert_eq!(row(&t1, "五、上年结转结余")[1], "80,000.00");
    // Year pages list the totals in the profile's unit.
    assert!(read(&site, "2024/index.html").contains("10,421,000.00"));
}

#[test]
fn naming_the_default_profile_changes_nothing() {
    let default = TempSite::copy_example();
    built(&default);
    let named = site_with_profile("jiyuan-13");
    built(&named);
    let a = snapshot(&default.out());
    let b = snapshot(&named.out());
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{} differs", pa.display());
    }
}

/// A region's own format: a profile in `ROOT/profiles/` (four tables, 元, class rows) and its
/// own narrative template in `ROOT/templates/`, reached as `profile/narrative.html`.
#[test]
fn a_region_adds_its_own_profile_and_narrative_without_rust() {
    let site = site_with_profile("region-4");
    std::fs::create_dir_all(site.root().join("profiles")).unwrap();
    std::fs::write(
        site.root().join("profiles/region-4.yaml"),
        "name: region-4\n\
         unit: 元\n\
         row_style: class_section\n\
         numbering: arabic\n\
         department_label: 编制单位\n\
         narrative_template: narrative-region.html\n\
         tables:\n\
         \x20 - { key: expenditure, kind: functional_basic_project, name: 支出总表 }\n\
         \x20 - { key: income_expenditure, kind: income_expenditure, name: 收支总表 }\n\
         \x20 - { key: three_public, kind: three_public_running, name: 三公表, unit: 万元 }\n\
         \x20 - { key: general, kind: functional, name: 一般公共预算表, notes: [本表为示例。] }\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::fs::write(
        site.root().join("templates/narrative-region.html"),
        "<p id=\"region-narrative\">本部门{{ page.year }}年收入预算{{ page.explanation.income_total.text }}{{ page.explanation.unit }}。</p>\n",
    )
    .unwrap();
    built(&site);
    let page = read(&site, "2024/085/index.html");
    let tables: Vec<&str> = ["table-01", "table-02", "table-03", "table-04"]
        .into_iter()
        .filter(|id| page.contains(&format!("<table id=\"{id}\"")))
        .collect();
    assert_eq!(tables.len(), 4);
    assert!(!page.contains("<table id=\"table-05\""));
    // Its own order, titles, numbering, unit and notes.
    assert!(page.contains("<span class=\"table-number\">1. </span>2024年支出总表"));
    assert_eq!(
        parse_table(&page, "table-01").last().unwrap(),
        &[
            "",
            "",
            "",
            "合计",
            "10,421,000.00",
            "8,837,000.00",
            "1,584,000.00"
        ]
    );
    assert!(
        crate::common::table_caption(&page, "table-01")
            .unwrap()
            .contains("编制单位：")
    );
    assert_eq!(parse_table(&page, "table-03")[0][0], "5.00");
    assert!(page.contains("本表为示例。"));
    // The 13-table layout of table 5 with 类/款 rows, as the profile's row style says.
    let t4 = parse_table(&page, "table-04");
    assert!(t4.iter().any(|r| r[..3] == ["201", "13", ""]), "{t4:?}");
    // Its narrative, in the profile's unit (元: the narrative unit defaults to it).
    assert!(page.contains("<p id=\"region-narrative\">本部门2024年收入预算10,421,000.00元。</p>"));
}

#[test]
fn a_profile_naming_a_missing_template_is_refused() {
    let site = site_with_profile("region-x");
    std::fs::create_dir_all(site.root().join("profiles")).unwrap();
    let putuo = include_str!("../../profiles/putuo-9.yaml")
        .replace("name: putuo-9", "name: region-x")
        .replace("narrative-putuo.html", "narrative-nowhere.html");
    std::fs::write(site.root().join("profiles/region-x.yaml"), putuo).unwrap();
    let run = site.build();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("narrative-nowhere.html"), "{stderr}");
}

/// The other direction: the 普陀 facts (元) in the 13-table layouts (万元), through the
/// library. Each shown figure is the exact total rounded once, half up, so the parts shown may
/// differ from a sum of rounded parts, and the totals still read as published (171.01).
#[test]
fn the_putuo_facts_in_the_thirteen_table_layouts_are_rounded_once_to_wan_yuan() {
    use gongkai::content::profile::Profile;
    use gongkai::derive::Figures;
    use gongkai::derive::tables::{Ctx, tables_for};
    let root = crate::common::repo_root().join("examples/putuo");
    let content = gongkai::content::load::load_content(&root).unwrap_or_else(|p| panic!("{p}"));
    let d = &content.disclosures[0].data;
    let f = Figures::of(d);
    let tables = tables_for(&Ctx { d, f: &f }, &Profile::default_profile());
    let grid = |key: &str| {
        tables
            .iter()
            .find(|t| t.key == key)
            .unwrap_or_else(|| panic!("no {key}"))
            .grid()
    };
    // T1 收入总计 371,514,655.00元 = 37,151.4655万元 → 37,151.47.
    let t1 = grid("income_expenditure");
    assert!(t1.last().unwrap().iter().any(|c| c == "37151.47"), "{t1:?}");
    // T6 合计 19,830,655 → 1,983.07; 人员经费 18,120,593 → 1,812.06; 公用经费 1,710,062 → 171.01.
    let t6 = grid("general_basic");
    assert_eq!(t6[0][4..], ["1983.07", "1812.06", "171.01"], "{t6:?}");
    // T8 “三公”: 公务接待费 10,000元 = 1.00万元.
    assert_eq!(grid("three_public")[0], ["1.00", "", "", "", "", "1.00"]);
    // The unit line says so.
    let t3 = tables.iter().find(|t| t.key == "expenditure").unwrap();
    assert!(t3.meta.contains(&"单位：万元".to_owned()), "{:?}", t3.meta);
}
