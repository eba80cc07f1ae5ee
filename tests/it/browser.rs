//! The disclosure page in a real browser: it loads, shows all thirteen tables, fits a phone
//! screen with tables scrolling inside their own box, and prints each table on its own page.
//! Screenshots are left in target/screenshots/ for a person to look at.

use crate::common::{chromium, png_size, public_dir, putuo_public_dir, run_chromium};
use std::path::{Path, PathBuf};

fn page_url() -> String {
    format!(
        "file://{}",
        public_dir().join("2024/085/index.html").display()
    )
}

fn shots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn page_renders_all_tables_in_chromium() {
    let Some(chrome) = chromium() else { return };
    let dom = String::from_utf8(run_chromium(&chrome, &["--dump-dom".into(), page_url()])).unwrap();
    assert!(
        dom.contains("<title>济源产城融合示范区招商引资服务中心2024年度部门预算"),
        "{}",
        &dom[..dom.len().min(500)]
    );
    for i in 1..=13 {
        assert!(
            dom.contains(&format!("<table id=\"table-{i:02}\"")),
            "table-{i:02} missing in the browser DOM"
        );
    }
    assert!(dom.contains("占84.80%"));
}

#[test]
fn screenshots_at_phone_and_desktop_width() {
    let Some(chrome) = chromium() else { return };
    for (name, w, h) in [("desktop", 1280, 2000), ("phone", 390, 2000)] {
        let file = shots().join(format!("disclosure-{name}.png"));
        run_chromium(
            &chrome,
            &[
                format!("--screenshot={}", file.display()),
                format!("--window-size={w},{h}"),
                page_url(),
            ],
        );
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(png_size(&bytes), (w, h));
        assert!(
            bytes.len() > 20_000,
            "{name} screenshot looks empty ({} bytes)",
            bytes.len()
        );
    }
}

#[test]
fn print_puts_each_table_on_its_own_page() {
    let Some(chrome) = chromium() else { return };
    let file = shots().join("disclosure.pdf");
    run_chromium(
        &chrome,
        &[
            format!("--print-to-pdf={}", file.display()),
            "--no-pdf-header-footer".into(),
            page_url(),
        ],
    );
    let pdf = std::fs::read(&file).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let pages = pdf_page_count(&pdf);
    // The annex and each of its thirteen tables start a page.
    assert!(pages >= 16, "only {pages} pages in the printed disclosure");
}

/// Page objects in a PDF: `/Type /Page` (or `/Type/Page`) not followed by `s` (`/Pages` is the tree).
fn pdf_page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf).replace("/Type /Page", "/Type/Page");
    text.match_indices("/Type/Page")
        .filter(|(i, _)| text.as_bytes().get(i + 10) != Some(&b's'))
        .count()
}

/// The DOM Chromium builds of `url`, after checking that it holds the nine tables of a 普陀
/// layout.
fn dom_with_nine_tables(chrome: &Path, url: &str) -> String {
    let dom = String::from_utf8(run_chromium(chrome, &["--dump-dom".into(), url.into()])).unwrap();
    for i in 1..=9 {
        assert!(
            dom.contains(&format!("<table id=\"table-{i:02}\"")),
            "table-{i:02} missing in the browser DOM"
        );
    }
    dom
}

/// The 9-table 普陀 page (examples/putuo): its nine tables and narrative in the browser DOM,
/// and screenshots at desktop and phone width (`target/screenshots/putuo-*.png`).
#[test]
fn putuo_page_renders_its_nine_tables_in_chromium() {
    let Some(chrome) = chromium() else { return };
    let url = format!(
        "file://{}",
        putuo_public_dir()
            .join("2025/commerce/index.html")
            .display()
    );
    let dom = dom_with_nine_tables(&chrome, &url);
    assert!(!dom.contains("<table id=\"table-10\""));
    assert!(dom.contains("“一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元"));
    for (name, w, h) in [("desktop", 1280, 2000), ("phone", 390, 2000)] {
        let file = shots().join(format!("putuo-{name}.png"));
        run_chromium(
            &chrome,
            &[
                format!("--screenshot={}", file.display()),
                format!("--window-size={w},{h}"),
                url.clone(),
            ],
        );
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(png_size(&bytes), (w, h));
        assert!(bytes.len() > 20_000, "{name} screenshot looks empty");
    }
}

/// A unit's 单位预算 page (examples/putuo): its nine tables, the split of table 1 and the
/// unit's narrative in the browser DOM, and a phone-width screenshot
/// (`target/screenshots/unit-phone.png`).
#[test]
fn unit_budget_page_renders_in_chromium() {
    let Some(chrome) = chromium() else { return };
    let url = format!(
        "file://{}",
        putuo_public_dir()
            .join("2025/unit/commerce/commerce-hq/index.html")
            .display()
    );
    let dom = dom_with_nine_tables(&chrome, &url);
    assert!(dom.contains("2025年预算单位财务收支预算总表"));
    assert!(dom.contains("1,467,842.00"));
    assert!(dom.contains("2025年度本单位政府采购预算38.20万元"));
    let file = shots().join("unit-phone.png");
    run_chromium(
        &chrome,
        &[
            format!("--screenshot={}", file.display()),
            "--window-size=390,2000".into(),
            url,
        ],
    );
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(png_size(&bytes), (390, 2000));
    assert!(bytes.len() > 20_000, "unit screenshot looks empty");
}
