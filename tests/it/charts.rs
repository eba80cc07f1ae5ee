//! The charts of the built site, read back as XML and checked against the sample's real
//! figures (2024, 济源产城融合示范区招商引资服务中心, 万元): labels and values, placement beside
//! the narrative, accessibility markup, labels inside the canvas without overlaps (with the
//! same width measure the layout uses), size, escaping, and byte-identical rebuilds.
//!
//! A second content tree in a temporary folder adds a 2022 disclosure of the same
//! department (for the trend) and a second 2024 department whose names carry markup
//! (for the year ranking and for escaping).

use crate::common::{department_page, read_output, repo_root};
use gongkai::render::charts::layout::{Anchor, TextBox};
use rust_decimal::Decimal;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::OnceLock;
use tempfile::TempDir;

/// Every chart of a page: (figure id, svg markup), in page order.
fn charts(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<figure class=\"chart\" id=\"") {
        let after = &rest[i + 26..];
        let id = after[..after.find('"').unwrap()].to_owned();
        let end = after.find("</figure>").expect("figure is closed");
        let figure = &after[..end];
        let s = figure.find("<svg").expect("figure holds an svg");
        let e = figure.rfind("</svg>").expect("svg is closed") + 6;
        out.push((id, figure[s..e].to_owned()));
        rest = &after[end..];
    }
    out
}

fn chart<'a>(all: &'a [(String, String)], id: &str) -> &'a str {
    all.iter()
        .find(|(i, _)| i == id)
        .map(|(_, s)| s.as_str())
        .unwrap_or_else(|| panic!("no chart {id}; charts: {:?}", ids(all)))
}

fn ids(all: &[(String, String)]) -> Vec<&str> {
    all.iter().map(|(i, _)| i.as_str()).collect()
}

/// Texts of the chart in document order (decoded).
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_owned())
        .collect()
}

fn element_text(svg: &str, tag: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .find(|n| n.has_tag_name(tag))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no <{tag}>"))
        .to_owned()
}

fn sample() -> Vec<(String, String)> {
    charts(&department_page(2024, "085"))
}

/// Finds `wanted` in order (not necessarily adjacent) among the chart's texts.
fn assert_in_order(id: &str, svg: &str, wanted: &[&str]) {
    let t = texts(svg);
    let mut at = 0;
    for w in wanted {
        match t[at..].iter().position(|x| x == w) {
            Some(p) => at += p + 1,
            None => panic!("{id}: `{w}` missing or out of order in {t:?}"),
        }
    }
}

#[test]
fn the_sample_has_each_chart_beside_the_section_it_illustrates() {
    let html = department_page(2024, "085");
    let doc = Html::parse_document(&html);
    let in_section = |section: &str| -> Vec<String> {
        let sel = Selector::parse(&format!("#{section} figure.chart")).unwrap();
        doc.select(&sel)
            .map(|f| f.value().attr("id").unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        in_section("narrative-01"),
        Vec::<String>::new(),
        "one year: no trend"
    );
    assert_eq!(in_section("narrative-02"), ["chart-income"]);
    assert_eq!(
        in_section("narrative-03"),
        ["chart-basic-project", "chart-functions", "chart-economic"]
    );
    assert_eq!(in_section("narrative-06"), ["chart-personnel-public"]);
    assert_eq!(in_section("narrative-07"), ["chart-three-public"]);
    assert_eq!(sample().len(), 6);
}

#[test]
fn basic_and_project_match_the_sample() {
    let all = sample();
    let svg = chart(&all, "chart-basic-project");
    assert_in_order(
        "basic-project",
        svg,
        &[
            "1,042.10",
            "基本支出",
            "883.70万元",
            "84.80%",
            "项目支出",
            "158.40万元",
            "15.20%",
        ],
    );
    assert_eq!(
        element_text(svg, "desc"),
        "2024年本年支出合计1042.10万元，其中：基本支出883.70万元，占84.80%；项目支出158.40万元，占15.20%。数据见附件表三 部门支出预算表。"
    );
    assert!(element_text(svg, "title").contains("济源产城融合示范区招商引资服务中心2024年"));
}

#[test]
fn income_personnel_and_three_public_match_the_sample() {
    let all = sample();
    assert_in_order(
        "income",
        chart(&all, "chart-income"),
        &[
            "1,042.10",
            "一般公共预算收入",
            "983.70万元",
            "94.40%",
            "政府性基金收入",
            "58.40万元",
            "5.60%",
        ],
    );
    let pp = chart(&all, "chart-personnel-public");
    assert_in_order(
        "personnel-public",
        pp,
        &[
            "883.70",
            "人员经费",
            "840.40万元",
            "95.10%",
            "公用经费",
            "43.30万元",
            "4.90%",
        ],
    );
    assert!(
        element_text(pp, "desc")
            .contains("人员经费840.40万元，占95.10%；公用经费43.30万元，占4.90%")
    );
    let tp = chart(&all, "chart-three-public");
    assert_in_order(
        "three-public",
        tp,
        &[
            "5.00",
            "因公出国（境）费",
            "3.00万元",
            "60.00%",
            "公务用车运行维护费",
            "1.50万元",
            "30.00%",
            "公务接待费",
            "0.50万元",
            "10.00%",
            "公务用车购置费",
            "0.00万元",
            "0.00%",
        ],
    );
    assert!(element_text(tp, "desc").contains("因公出国（境）费3万元，占60.00%；公务用车运行维护费1.50万元，占30.00%；公务接待费0.50万元，占10.00%"));
}

/// The amounts a bar chart lists, parsed back (`744.00万元` → 744.00).
fn amounts(svg: &str) -> Vec<Decimal> {
    texts(svg)
        .iter()
        .filter_map(|t| t.strip_suffix("万元"))
        .map(|t| Decimal::from_str(&t.replace(',', "")).unwrap())
        .collect()
}

#[test]
fn bars_rank_functions_and_economic_items_as_the_tables_do() {
    let all = sample();
    let f = chart(&all, "chart-functions");
    assert_in_order(
        "functions",
        f,
        &[
            "一般公共服务",
            "744.00万元",
            "社会保障和就业",
            "202.80万元",
            "城乡社区事务",
            "58.40万元",
            "住房保障支出",
            "36.90万元",
        ],
    );
    assert_eq!(
        amounts(f).iter().sum::<Decimal>(),
        Decimal::from_str("1042.10").unwrap()
    );
    assert!(f.contains("数据见附件表一"), "the chart names its table");

    let e = chart(&all, "chart-economic");
    assert_in_order(
        "economic",
        e,
        &[
            "绩效工资",
            "337.90万元",
            "基本工资",
            "171.90万元",
            "退休费",
            "149.00万元",
        ],
    );
    let a = amounts(e);
    // Top eight and the rest grouped: nine bars, largest first, adding up to table 7's 总计.
    assert_eq!(a.len(), 9, "{:?}", texts(e));
    assert!(a[..8].windows(2).all(|w| w[0] >= w[1]), "{a:?}");
    assert_eq!(
        a.iter().sum::<Decimal>(),
        Decimal::from_str("1042.10").unwrap()
    );
    assert!(texts(e).iter().any(|t| t == "其他16项"), "{:?}", texts(e));
}

fn view_box(svg: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let vb: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .expect("viewBox")
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!((vb[0], vb[1]), (0.0, 0.0));
    (vb[2], vb[3])
}

/// Every label's box, rebuilt from the SVG with the layout's own measure.
fn boxes(svg: &str) -> Vec<(String, TextBox)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let num = |a: &str| -> f64 {
                n.attribute(a)
                    .unwrap_or_else(|| panic!("<text> without {a}"))
                    .parse()
                    .unwrap()
            };
            let text = n.text().unwrap_or("").to_owned();
            let anchor = Anchor::parse(n.attribute("text-anchor").unwrap_or("start"));
            let b = TextBox::of(&text, num("x"), num("y"), num("font-size"), anchor);
            (text, b)
        })
        .collect()
}

fn assert_well_laid_out(id: &str, svg: &str) {
    let (w, h) = view_box(svg);
    let b = boxes(svg);
    assert!(!b.is_empty(), "{id} has no labels");
    for (t, x) in &b {
        assert!(
            x.inside(w, h),
            "{id}: `{t}` {x:?} leaves the {w}×{h} canvas"
        );
    }
    for (i, (t1, b1)) in b.iter().enumerate() {
        for (t2, b2) in &b[i + 1..] {
            assert!(
                !b1.overlaps(b2),
                "{id}: `{t1}` {b1:?} overlaps `{t2}` {b2:?}"
            );
        }
    }
}

fn assert_accessible(id: &str, svg: &str, page: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"), "{id}");
    let labelled: Vec<&str> = root
        .attribute("aria-labelledby")
        .unwrap()
        .split(' ')
        .collect();
    let by_id = |i: &str| doc.descendants().find(|n| n.attribute("id") == Some(i));
    let title = by_id(labelled[0]).expect("title id");
    let desc = by_id(labelled[1]).expect("desc id");
    assert!(
        title.has_tag_name("title") && !title.text().unwrap_or("").is_empty(),
        "{id}"
    );
    assert!(desc.has_tag_name("desc"), "{id}");
    let d = desc.text().unwrap();
    assert!(d.contains("万元") && d.contains("数据见"), "{id}: {d}");
    // A link inside role="img" would be unreachable (and axe flags nested interactive
    // content), so the figure's caption links to the table instead.
    assert!(
        doc.descendants().all(|n| !n.has_tag_name("a")),
        "{id}: link inside the svg"
    );
    let html = Html::parse_document(page);
    let sel = Selector::parse(&format!("figure#{id} figcaption a[href]")).unwrap();
    let link = html
        .select(&sel)
        .next()
        .unwrap_or_else(|| panic!("{id} has no link"));
    let href = link.value().attr("href").unwrap();
    let target = href.strip_prefix('#').expect("in-page link");
    assert!(
        page.contains(&format!("id=\"{target}\"")),
        "{id} links to #{target}, which the page lacks"
    );
    // Viewports scale: width and height come with a viewBox, CSS sets width 100%.
    assert!(root.attribute("viewBox").is_some());
}

#[test]
fn every_sample_chart_is_accessible_lean_and_keeps_its_labels_on_the_canvas() {
    let page = department_page(2024, "085");
    for (id, svg) in charts(&page) {
        assert_accessible(&id, &svg, &page);
        assert_well_laid_out(&id, &svg);
        assert!(svg.len() < 15 * 1024, "{id} is {} bytes", svg.len());
        assert!(!svg.contains("<polygon"), "{id} draws polygons");
    }
}

#[test]
fn donut_slices_are_arc_paths() {
    let all = sample();
    for (id, slices) in [
        ("chart-basic-project", 2),
        ("chart-income", 2),
        ("chart-three-public", 3),
    ] {
        let svg = chart(&all, id);
        let doc = roxmltree::Document::parse(svg).unwrap();
        let arcs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("path"))
            .filter_map(|n| n.attribute("d"))
            .collect();
        assert_eq!(arcs.len(), slices, "{id}");
        for d in arcs {
            assert_eq!(d.matches('A').count(), 2, "{id}: {d}");
        }
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let a = build(repo_root());
    let b = build(repo_root());
    for rel in ["2024/085/index.html", "2024/index.html"] {
        let x = std::fs::read(a.path().join("public").join(rel)).unwrap();
        let y = std::fs::read(b.path().join("public").join(rel)).unwrap();
        assert!(x == y, "{rel} differs between builds");
    }
    // And the shared example build agrees with both.
    assert_eq!(
        read_output("2024/085/index.html").into_bytes(),
        std::fs::read(a.path().join("public/2024/085/index.html")).unwrap()
    );
}

/// Builds the site of `root` into a temporary folder with the binary.
fn build(root: &Path) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-charts-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(dir.path().join("public"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "build of {} failed:\n{}",
        root.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

const EVIL: &str = "<script>alert(1)</script> & 测试中心";

/// The example content plus a 2022 disclosure of 085 (income 900.00 instead of 983.70,
/// wages cut to match) and a 2024 department 086 with markup in its names.
fn two_year_site() -> &'static (TempDir, PathBuf) {
    static SITE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = tempfile::Builder::new()
            .prefix("gongkai-two-years-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        let content = root.path().join("content");
        std::fs::create_dir_all(content.join("2022")).unwrap();
        std::fs::create_dir_all(content.join("2024")).unwrap();
        for f in ["site.yaml", "glossary.yaml"] {
            std::fs::copy(repo_root().join("content").join(f), content.join(f)).unwrap();
        }
        let y2024 = std::fs::read_to_string(repo_root().join("content/2024/085.yaml")).unwrap();
        std::fs::write(content.join("2024/085.yaml"), &y2024).unwrap();
        let replace = |text: &str, pairs: &[(&str, &str)]| {
            pairs.iter().fold(text.to_owned(), |t, (a, b)| {
                assert!(t.contains(a), "the sample no longer contains `{a}`");
                t.replace(a, b)
            })
        };
        let wages = "general: { wages: 605.30, public: 38.70, targeted: 100.00 }";
        let y2022 = replace(
            &y2024,
            &[
                ("year: 2024", "year: 2022"),
                // Two years apart, so 2024's comparison with its previous year (a new unit)
                // is not checked against this file.
                ("published: \"2024-05-26\"", "published: \"2022-05-20\""),
                ("appropriation: 983.70", "appropriation: 900.00"),
                (
                    wages,
                    "general: { wages: 521.60, public: 38.70, targeted: 100.00 }",
                ),
                // The same 83.70 less, seen by economic classification.
                (
                    "general: { personnel: 171.90 }",
                    "general: { personnel: 88.20 }",
                ),
            ],
        );
        std::fs::write(content.join("2022/085.yaml"), y2022).unwrap();
        let other = replace(
            &y2024,
            &[
                ("code: \"085\"", "code: \"086\""),
                ("085001", "086001"),
                (
                    "name: 济源产城融合示范区招商引资服务中心\n",
                    &format!("name: \"{EVIL}\"\n"),
                ),
                ("appropriation: 983.70", "appropriation: 1983.70"),
                (
                    wages,
                    "general: { wages: 1605.30, public: 38.70, targeted: 100.00 }",
                ),
                (
                    "general: { personnel: 171.90 }",
                    "general: { personnel: 1171.90 }",
                ),
                ("name: 基本工资,", "name: \"基本<工资>&\","),
            ],
        );
        std::fs::write(content.join("2024/086.yaml"), other).unwrap();
        let out = build(root.path());
        let public = out.path().join("public");
        (out, public)
    })
}

fn two_year_page(rel: &str) -> String {
    std::fs::read_to_string(two_year_site().1.join(rel)).unwrap()
}

#[test]
fn the_trend_appears_with_two_years_and_only_looks_back() {
    let page = two_year_page("2024/085/index.html");
    let all = charts(&page);
    let trend = chart(&all, "chart-trend");
    assert_in_order("trend", trend, &["958.40", "2022年", "1,042.10", "2024年"]);
    assert_eq!(
        element_text(trend, "desc"),
        "济源产城融合示范区招商引资服务中心历年收入总计（等于支出总计）：2022年958.40万元；2024年1042.10万元。数据见各年度附件表一 部门收支预算表。"
    );
    let doc = Html::parse_document(&page);
    let sel = Selector::parse("#narrative-01 figure.chart").unwrap();
    assert_eq!(doc.select(&sel).count(), 1);
    assert_accessible("chart-trend", trend, &page);
    assert_well_laid_out("chart-trend", trend);
    // The 2022 page has no earlier year, and a later year does not change it.
    let earlier = charts(&two_year_page("2022/085/index.html"));
    assert!(
        !ids(&earlier).contains(&"chart-trend"),
        "{:?}",
        ids(&earlier)
    );
}

#[test]
fn the_year_page_ranks_departments_and_sums_functions() {
    let page = two_year_page("2024/index.html");
    let all = charts(&page);
    assert_eq!(
        ids(&all),
        ["chart-year-departments", "chart-year-functions"]
    );
    let ranking = chart(&all, "chart-year-departments");
    let t = texts(ranking);
    let evil_first = t
        .iter()
        .position(|x| x.starts_with("<script>"))
        .expect("086 named");
    let sample_at = t
        .iter()
        .position(|x| x.starts_with("济源"))
        .expect("085 named");
    assert!(evil_first < sample_at, "larger department first: {t:?}");
    assert_in_order(
        "ranking",
        ranking,
        &["2,042.10万元", "66.21%", "1,042.10万元", "33.79%"],
    );
    let functions = chart(&all, "chart-year-functions");
    assert_in_order(
        "year functions",
        functions,
        &[
            "一般公共服务",
            "2,488.00万元",
            "社会保障和就业",
            "405.60万元",
        ],
    );
    assert_eq!(
        amounts(functions).iter().sum::<Decimal>(),
        Decimal::from_str("3084.20").unwrap()
    );
    assert!(page.contains("id=\"year-functions\""));
    for (id, svg) in &all {
        assert_accessible(id, svg, &page);
        assert_well_laid_out(id, svg);
    }
}

#[test]
fn names_from_data_are_escaped_inside_the_svg() {
    let page = two_year_page("2024/086/index.html");
    let all = charts(&page);
    assert_eq!(all.len(), 6);
    for (id, svg) in &all {
        // Parses as XML, and the name comes back as text, not markup.
        assert!(element_text(svg, "title").starts_with(EVIL), "{id}");
        assert!(!svg.contains("<script"), "{id} carries raw markup");
    }
    let economic = chart(&all, "chart-economic");
    assert!(texts(economic).iter().any(|t| t == "基本<工资>&"));
    assert!(economic.contains("基本&lt;工资&gt;&amp;"));
    let year = two_year_page("2024/index.html");
    assert!(
        !year.contains("<script>alert"),
        "the year page carries raw markup"
    );
}

// ------------------------------------------------ hard cases, drawn through the library

use gongkai::content::money::Money;
use gongkai::render::charts::{Part, Series, TableRef, bar, donut};

fn series(id: &str, unit: &'static str, parts: &[(&str, &str)]) -> Series {
    let parts: Vec<Part> = parts
        .iter()
        .map(|(l, a)| Part::new(*l, Money::parse(a).unwrap()))
        .collect();
    Series {
        id: id.into(),
        title: "测试".into(),
        caption: "测试".into(),
        intro: String::new(),
        center: "本年收入合计".into(),
        unit,
        whole: parts.iter().map(|p| p.amount).sum(),
        parts,
        table: TableRef {
            href: "#table-01".into(),
            label: "附件表一 部门收支预算表".into(),
        },
    }
}

#[test]
fn many_small_slices_are_labelled_outside_without_collisions() {
    let s = series(
        "chart-many",
        "万元",
        &[
            ("一般公共预算收入", "900"),
            ("政府性基金收入", "30"),
            ("国有资本经营预算收入", "20"),
            ("财政专户管理资金收入", "10"),
            ("事业收入", "5"),
            ("事业单位经营收入", "3"),
            ("上级补助收入", "2"),
            ("附属单位上缴收入", "1"),
            ("其他收入", "0.5"),
        ],
    );
    let svg = donut::donut(&s);
    assert_well_laid_out("many", &svg);
    let t = texts(&svg);
    // Every share is on the ring (inside or outside) and again in the legend.
    let amounts: Vec<Money> = s.parts.iter().map(|p| p.amount).collect();
    for sh in gongkai::derive::figures::shares(&amounts, s.whole) {
        let label = gongkai::derive::figures::percent(sh);
        assert_eq!(
            t.iter().filter(|x| **x == label).count(),
            2,
            "{label} in {t:?}"
        );
    }
    // Shares that do not fit inside get a leader line each.
    assert_eq!(svg.matches("<polyline").count(), 9 - inside_labels(&svg));
    assert!(inside_labels(&svg) >= 1);
}

/// Labels drawn inside the ring are bold with a halo.
fn inside_labels(svg: &str) -> usize {
    svg.matches("paint-order=\"stroke\"").count()
}

#[test]
fn long_names_and_large_yuan_amounts_still_fit() {
    let s = series(
        "chart-long",
        "元",
        &[
            (
                "济源产城融合示范区招商引资服务中心驻京津冀招商联络处和驻中西部招商联络处",
                "123456789.12",
            ),
            ("机关事业单位基本养老保险缴费支出", "98765432.10"),
            ("其他国有土地使用权出让收入安排的支出", "1234.56"),
        ],
    );
    let d = donut::donut(&s);
    assert_well_laid_out("long donut", &d);
    assert!(texts(&d).contains(&"123,456,789.12元".to_owned()));
    let b = bar::bars(&s).unwrap();
    assert_well_laid_out("long bars", &b);
    assert!(d.len() < 15 * 1024 && b.len() < 15 * 1024);
}

#[test]
fn a_long_trend_falls_back_to_rows_and_a_short_one_stands_in_columns() {
    let years: Vec<(String, String)> = (2013..=2024)
        .map(|y| (format!("{y}年"), format!("{}.50", 900 + (y - 2013) * 37)))
        .collect();
    let refs: Vec<(&str, &str)> = years
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let long = bar::columns(&series("chart-t12", "万元", &refs)).unwrap();
    assert_well_laid_out("12 years", &long);
    assert!(texts(&long).contains(&"2013年".to_owned()));
    let short = bar::columns(&series(
        "chart-t3",
        "元",
        &[
            ("2022年", "9876543.21"),
            ("2023年", "10234567.89"),
            ("2024年", "11000000"),
        ],
    ))
    .unwrap();
    assert_well_laid_out("3 years", &short);
    assert!(
        texts(&short).contains(&"单位：元".to_owned()),
        "columns carry the unit"
    );
    assert!(texts(&short).contains(&"11,000,000.00".to_owned()));
}

#[test]
fn drawing_twice_gives_the_same_bytes() {
    let s = series(
        "chart-x",
        "万元",
        &[("基本支出", "883.70"), ("项目支出", "158.40")],
    );
    assert_eq!(donut::donut(&s), donut::donut(&s));
    assert_eq!(bar::bars(&s).unwrap(), bar::bars(&s).unwrap());
}

/// The font size of the `<text>` that shows exactly `text`.
fn size_of(svg: &str, text: &str) -> f64 {
    let end = svg
        .find(&format!(">{text}</text>"))
        .unwrap_or_else(|| panic!("no text {text} in {svg}"));
    let open = svg[..end].rfind("<text").unwrap();
    let attrs = &svg[open..end];
    let at = attrs.find("font-size=\"").unwrap() + "font-size=\"".len();
    attrs[at..].split('"').next().unwrap().parse().unwrap()
}

#[test]
fn a_long_whole_keeps_its_size_in_the_hole() {
    let short = donut::donut(&series("chart-s", "万元", &[("甲", "600"), ("乙", "400")]));
    assert_eq!(size_of(&short, "1,000.00"), 16.0);
    // The usual ring: the hole's radius is 46.
    assert!(short.contains("A46,46 "), "{short}");

    // 1,234,567,890.12 元 would have shrunk to 8 px; the hole widens instead.
    let long = series(
        "chart-l",
        "元",
        &[("甲", "1000000000.00"), ("乙", "234567890.12")],
    );
    let svg = donut::donut(&long);
    assert_well_laid_out("long whole", &svg);
    let size = size_of(&svg, "1,234,567,890.12");
    assert!(size >= 13.0, "the whole is drawn at {size} px");
    assert!(!svg.contains("A46,46 "), "the hole did not widen: {svg}");
    // Ten-digit amounts in 万元 keep the full size.
    let svg = donut::donut(&series(
        "chart-w",
        "万元",
        &[("甲", "90000000.00"), ("乙", "9999999.99")],
    ));
    assert_eq!(size_of(&svg, "99,999,999.99"), 16.0);
}
