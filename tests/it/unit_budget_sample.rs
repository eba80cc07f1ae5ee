//! The 单位预算 of 上海市普陀区商务委员会 2025 (`examples/putuo`, made from the department's
//! facts and `content/2025/单位预算/commerce.yaml`) against the unit-level sample: every cell of
//! the nine tables, every figure of the narrative, the 目录, and the parts the unit layout
//! prints otherwise than the department's (titles, 编制单位, 机构设置, 本单位).

use crate::unit_budget_data::*;
use std::path::{Path, PathBuf};

fn public() -> PathBuf {
    crate::common::putuo_public_dir()
}

fn output(relative: &str) -> String {
    let p = public().join(relative);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn unit_dir() -> String {
    format!("{YEAR}/unit/{DEPARTMENT_CODE}/{UNIT_CODE}")
}

fn page() -> String {
    output(&format!("{}/index.html", unit_dir()))
}

#[test]
fn every_cell_of_the_nine_tables() {
    let page = page();
    let mut cells = 0;
    for t in &TABLES {
        let id = format!("table-{:02}", t.number);
        crate::common::assert_grid(&id, &crate::common::parse_table(&page, &id), t.body);
        cells += t.body.iter().map(|r| r.len()).sum::<usize>();
        let caption = crate::common::table_caption(&page, &id).unwrap_or_default();
        let unit = t.unit.replace(':', "：");
        assert!(
            caption.contains(t.title) && caption.contains(PREPARED_BY) && caption.contains(&unit),
            "{id}: caption {caption:?} lacks {:?}, {PREPARED_BY:?} or {unit:?}",
            t.title
        );
        if let Some(note) = t.note {
            crate::common::assert_contains_all(&id, &crate::common::page_text(&page), &[note]);
        }
    }
    // Every printed cell, blanks included: 8×7 + 31×9 + 31×7 + 8×7 + 31×7 + 7 + 7 + 31×6 + 7.
    assert_eq!(cells, 1032, "cells compared");
    assert!(!page.contains("id=\"table-10\""));
}

#[test]
fn every_figure_of_the_narrative() {
    let text = crate::common::page_text(&page());
    crate::common::assert_contains_all("单位预算编制说明", &text, SUBJECTS);
    crate::common::assert_contains_all("单位预算", &text, PASSAGES);
    // The department's wording is the unit's: no 「本部门」 is left from the department's texts.
    let page = page();
    for part in ["part-1", "part-2", "part-4", "annex", "part-6"] {
        let text = crate::common::text_of_id(&page, part);
        assert!(!text.contains("本部门"), "{part}: {text}");
    }
}

#[test]
fn contents_titles_and_structure_are_the_unit_layout() {
    let page = page();
    let text = crate::common::page_text(&page);
    crate::common::assert_contains_all(
        "header",
        &text,
        &[
            "上海市普陀区2025年区级单位预算",
            &format!("预算单位：{UNIT}"),
            STRUCTURE,
        ],
    );
    let doc = scraper::Html::parse_document(&page);
    let toc = scraper::Selector::parse("nav.toc > ol > li > a").unwrap();
    let parts: Vec<String> = doc
        .select(&toc)
        .map(|e| e.text().collect::<String>())
        .filter(|t| t != "数据下载")
        .collect();
    assert_eq!(parts, CONTENTS);
    let tables = scraper::Selector::parse(".toc-tables li").unwrap();
    let names: Vec<String> = doc
        .select(&tables)
        .map(|e| e.text().collect::<String>())
        .collect();
    let want: Vec<String> = TABLES
        .iter()
        .map(|t| format!("{}. {}", t.number, t.title))
        .collect();
    assert_eq!(names, want);
    // No 项目经费情况说明 and no list of the department's units.
    for absent in [
        "项目经费情况说明",
        "不单列预算",
        "下属1家预算单位",
        "本部门中",
    ] {
        assert!(!text.contains(absent), "the unit page prints {absent:?}");
    }
}

#[test]
fn the_department_page_and_the_unit_page_link_each_other() {
    let dept = output(&format!("{YEAR}/{DEPARTMENT_CODE}/index.html"));
    let href = format!("../unit/{DEPARTMENT_CODE}/{UNIT_CODE}/index.html");
    assert!(
        dept.contains(&format!("href=\"{href}\"")),
        "no link to {href}"
    );
    assert!(dept.contains("2025年度单位预算：商务委本部"));
    // The unit 不单列预算 has no page.
    assert!(
        !public()
            .join(format!("{YEAR}/unit/{DEPARTMENT_CODE}/commerce-smes"))
            .exists()
    );
    let unit = page();
    assert!(unit.contains(&format!("href=\"../../../{DEPARTMENT_CODE}/index.html\"")));
    // Every relative link of the unit page resolves to a file of the site.
    let html = scraper::Html::parse_document(&unit);
    let a = scraper::Selector::parse("a[href]").unwrap();
    let dir = public().join(unit_dir());
    for l in html.select(&a) {
        let href = l.value().attr("href").unwrap().split('#').next().unwrap();
        if href.is_empty() || href.contains(':') {
            continue;
        }
        assert!(dir.join(href).exists(), "broken link {href}");
    }
}

#[test]
fn downloads_hold_the_tables_and_the_facts() {
    let dir = unit_dir();
    let csv = output(&format!("{dir}/table-01.csv"));
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        rows[0],
        "本年收入·项目,本年收入·预算数,本年支出·项目,本年支出·预算数·合计,本年支出·预算数·基本支出·人员经费,本年支出·预算数·基本支出·公用经费,本年支出·预算数·项目支出"
    );
    assert_eq!(
        rows.last().copied(),
        Some("收入总计,371514655.00,支出总计,371514655.00,18120593.00,1710062.00,351684000.00")
    );
    for n in 2..=9 {
        assert!(public().join(format!("{dir}/table-{n:02}.csv")).is_file());
    }
    let json: serde_json::Value =
        serde_json::from_str(&output(&format!("{dir}/{UNIT_CODE}-{YEAR}.json"))).unwrap();
    // The facts are the department's lines of the unit, with the unit file's split.
    let facts = &json["facts"];
    assert_eq!(facts["class_public"]["201"], "1467842.00");
    assert_eq!(facts["code"], UNIT_CODE);
    assert_eq!(facts["expenditure"].as_array().map(Vec::len), Some(16));
    assert!(
        facts["project_descriptions"]
            .as_array()
            .is_none_or(Vec::is_empty)
    );
    assert!(
        public()
            .join(format!("{dir}/{UNIT_CODE}-{YEAR}.xlsx"))
            .is_file()
    );
    // The unit page is in the year's and the site's manifests and in the search index.
    for sums in [format!("{YEAR}/SHA256SUMS"), "SHA256SUMS".to_string()] {
        let text = output(&sums);
        assert!(
            text.contains("unit/commerce/commerce-hq/index.html"),
            "{sums}"
        );
    }
    let search = output(&format!("{YEAR}/search-index.js"));
    assert!(search.contains("2025/unit/commerce/commerce-hq/index.html"));
}

/// The unit's figures are its department's: one budgeted unit, so every total is the
/// department's (the units add up to the department).
#[test]
fn the_unit_adds_up_to_its_department() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/putuo");
    let m = gongkai::content::load::scan(&root).unwrap();
    let (departments, problems) = gongkai::unit_budget::site::load_all(&root, &m, None);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(departments.len(), 1);
    let d = &departments[0];
    let dept = gongkai::derive::Figures::of(&d.file.data);
    let units: Vec<gongkai::derive::Figures> = d
        .units
        .iter()
        .map(|u| gongkai::derive::Figures::of(&u.data))
        .collect();
    assert_eq!(units.len(), 1);
    let sum = |f: &dyn Fn(&gongkai::derive::Figures) -> gongkai::content::money::Money| {
        units.iter().map(f).sum::<gongkai::content::money::Money>()
    };
    assert_eq!(sum(&|f| f.income_total), dept.income_total);
    assert_eq!(sum(&|f| f.expenditure_total), dept.expenditure_total);
    assert_eq!(sum(&|f| f.running_costs), dept.running_costs);
    assert_eq!(
        dept.income_total,
        gongkai::content::money::Money::parse("371,514,655.00").unwrap()
    );
}
