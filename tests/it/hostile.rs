//! Hostile content: every free-text field of a department carries script, markup and link
//! payloads. The built site must show them as text only — no element, attribute or link
//! they try to smuggle in may reach the HTML, the SVG charts, the feeds or the browser DOM.

use std::path::Path;

use crate::common::TempSite;

const FILE: &str = "2024/085.yaml";

/// Payloads, all meant to set `window.__pwned` or rewrite the title if they ever ran.
const SCRIPT: &str = "<script>window.__pwned=1</script>";
const ATTR: &str = "\"><img src=x onerror=\"window.__pwned=1\">";
const JS_LINK: &str = "[x](javascript:window.__pwned=1)";
const DATA_LINK: &str = "[d](data:text/html,<script>window.__pwned=1</script>)";
const TITLE: &str = "</title><script>document.title='pwned'</script>";
const SVG: &str = "]]><svg onload=\"window.__pwned=1\">";
const RAW_BLOCK: &str =
    "<div onclick=\"window.__pwned=1\"><iframe src=\"javascript:window.__pwned=1\"></iframe></div>";

/// A YAML double-quoted scalar holding `s` (JSON strings are valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn long_word() -> String {
    "长".repeat(2_500) + &"W".repeat(2_500)
}

/// Copies the example and puts a payload into every reachable free-text field.
fn payload_site() -> TempSite {
    let site = TempSite::copy_example();
    let all = format!("{SCRIPT}{ATTR}{JS_LINK}{DATA_LINK}{TITLE}{SVG}");
    let r = |from: &str, to: String| site.replace(FILE, from, &to);
    // Department and unit names (the name also goes into the page title and charts).
    r(
        "name: 济源产城融合示范区招商引资服务中心\n",
        format!("name: {}\n", q(&format!("招商中心{TITLE}{SCRIPT}"))),
    );
    r(
        "name: 济源产城融合示范区招商引资服务中心 }",
        format!("name: {} }}", q(&format!("本级{ATTR}"))),
    );
    r(
        "duties_intro: 济源产城融合示范区招商引资服务中心部门的主要职责是：",
        format!("duties_intro: {}", q(&all)),
    );
    r(
        "    - 完成示范区党工委、管委会交办的其他任务。",
        format!("    - {}\n    - {}", q(&all), q(&long_word())),
    );
    r("    - 综合科", format!("    - {}", q(&all)));
    r(
        "composition: 本预算为汇总预算",
        format!("composition: {} #", q(&format!("{all}本预算为汇总预算"))),
    );
    // Subject and economic names (table cells and chart labels).
    r(
        "    name: 事业运行",
        format!("    name: {}", q(&format!("事业运行{SVG}{SCRIPT}"))),
    );
    r(
        "name: 基本工资,",
        format!("name: {},", q(&format!("基本工资{ATTR}"))),
    );
    // Projects and their performance indicators.
    r(
        "    name: 招商引资专项-招商引资经费",
        format!("    name: {}", q(&format!("招商引资专项{SCRIPT}{SVG}"))),
    );
    r(
        "{ name: 财政投入资金, value: \"100万元\" }",
        format!(
            "{{ name: {}, value: {} }}",
            q(&format!("投入{ATTR}")),
            q(&format!("100万元{SCRIPT}"))
        ),
    );
    r(
        "{ name: 外来客商满意度, value: \"≥98%\" }",
        format!(
            "{{ name: {}, value: {} }}",
            q(&long_word()),
            q(&format!("={SVG}"))
        ),
    );
    // Reasons and uses (narrative text).
    r(
        "total:            { amount: 0, reason: 该部门为2024年新增预算单位 }",
        format!("total: {{ amount: 0, reason: {} }}", q(&all)),
    );
    r(
        "abroad_use: 主要用于",
        format!("abroad_use: {} #", q(&format!("{all}主要用于"))),
    );
    r(
        "fund_use: 用于“两个禁止”平台建设支出",
        format!("fund_use: {}", q(&format!("{TITLE}{RAW_BLOCK}"))),
    );
    r(
        "key_evaluation: 2024年度",
        format!("key_evaluation: {} #", q(&format!("{all}2024年度"))),
    );
    // Glossary: Markdown with links and a raw HTML block.
    let markdown = format!(
        "{JS_LINK} {DATA_LINK} [ok](https://example.gov.cn/)\n\n{RAW_BLOCK}\n\n<script>window.__pwned=1</script>\n\n{ATTR}"
    );
    site.replace(
        "glossary.yaml",
        "- term: 财政拨款收入\n  definition: 是指市级财政当年拨付的资金。",
        &format!(
            "- term: {}\n  definition: {}",
            q(&format!("财政拨款收入{SCRIPT}{ATTR}")),
            q(&markdown)
        ),
    );
    // Site title and footer.
    site.replace(
        "site.yaml",
        "title: 济源产城融合示范区部门预算公开",
        &format!("title: {}", q(&format!("预算公开{TITLE}"))),
    );
    site.replace(
        "site.yaml",
        "  - 主办单位：济源产城融合示范区财政金融局",
        &format!("  - {}", q(&all)),
    );
    site
}

fn built_payload_site() -> &'static TempSite {
    static SITE: std::sync::OnceLock<TempSite> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = payload_site();
        let out = site.build();
        assert!(
            out.status.success(),
            "the payload site must still build:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        site
    })
}

fn files(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    walkdir(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Fragments that would only appear if a payload went through unescaped. (An attribute such
/// as `onerror="…"` may legitimately appear as visible text; attributes are checked on the
/// parsed document instead.)
const FORBIDDEN: &[&str] = &[
    "<script>window.__pwned",
    "<script>document.title",
    "<img src=x",
    "<svg onload",
    "<iframe",
];

#[test]
fn no_payload_reaches_the_markup_unescaped() {
    let site = built_payload_site();
    let mut checked = 0;
    for ext in ["html", "svg", "xml"] {
        for path in files(&site.out(), ext) {
            let text = std::fs::read_to_string(&path).unwrap();
            for bad in FORBIDDEN {
                assert!(
                    !text.contains(bad),
                    "{} contains the unescaped payload {bad:?}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} files checked");
    // The payload text is still shown, as text.
    let page = std::fs::read_to_string(site.out().join("2024/085/index.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;")
            || page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;")
    );
    assert!(page.contains(&long_word()), "the long word is kept whole");
}

#[test]
fn every_page_still_parses_and_keeps_its_title() {
    let site = built_payload_site();
    for path in files(&site.out(), "html") {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = scraper::Html::parse_document(&text);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        let titles: Vec<_> = doc.select(&sel("head > title")).collect();
        assert_eq!(titles.len(), 1, "{}: one <title>", path.display());
        assert!(
            doc.select(&sel("script:not([src])"))
                .all(|s| !s.inner_html().contains("__pwned")),
            "{}: an injected inline script",
            path.display()
        );
        for el in doc.select(&sel("*")) {
            for (name, value) in el.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{}: event attribute {name}",
                    path.display()
                );
                let v = value.trim_start().to_ascii_lowercase();
                assert!(
                    !(v.starts_with("javascript:") || v.starts_with("data:text")),
                    "{}: {name}={value:?}",
                    path.display()
                );
            }
        }
    }
    for path in files(&site.out(), "svg") {
        let text = std::fs::read_to_string(&path).unwrap();
        roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}", path.display()));
    }
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let site = built_payload_site();
    let mut seen = false;
    for path in files(&site.out(), "csv") {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                if cell.starts_with("'=") {
                    seen = true;
                }
                // A code kept as text for Excel: `="085"`, digits only inside.
                let kept_code = cell
                    .strip_prefix("=\"")
                    .and_then(|c| c.strip_suffix('"'))
                    .is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()));
                if let Some(first) = cell.chars().next()
                    && "=+-@".contains(first)
                    && !kept_code
                {
                    assert!(
                        cell.parse::<f64>().is_ok(),
                        "{}: formula-like cell {cell:?} not neutralised",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(
        seen,
        "the `=` indicator value should appear neutralised in some CSV"
    );
}

#[test]
fn nothing_executes_in_the_browser() {
    let Some(chrome) = crate::common::chromium() else {
        return;
    };
    let site = built_payload_site();
    for page in ["2024/085/index.html", "2024/index.html", "index.html"] {
        let path = site.out().join(page);
        let dom = crate::common::run_chromium(
            &chrome,
            &[
                "--virtual-time-budget=2000".into(),
                "--run-all-compositor-stages-before-draw".into(),
                "--dump-dom".into(),
                format!("file://{}", path.display()),
            ],
        );
        let dom = String::from_utf8_lossy(&dom);
        assert!(dom.contains("<title>"), "{page}: no DOM dumped");
        let doc = scraper::Html::parse_document(&dom);
        let title: String = doc
            .select(&scraper::Selector::parse("head > title").unwrap())
            .next()
            .unwrap()
            .text()
            .collect();
        assert_ne!(title.trim(), "pwned", "{page}: a payload rewrote the title");
        for bad in FORBIDDEN {
            assert!(
                !dom.contains(bad),
                "{page}: {bad:?} made it into the live DOM"
            );
        }
    }
}
