//! The 决算 on the whole site: the budget page and the 决算 page link each other, the home,
//! year and department pages list it, its tables download as CSV, and the feed, sitemap,
//! search index, manifests and archive cover it. Built from a copy of the 普陀 example with a
//! 2024 budget of the same department beside its 2024 决算.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/putuo")
}

/// The example site, plus `content/2024/finance.yaml`: the 2025 commerce budget renamed, so
/// the finance bureau has a budget and a 决算 of 2024. The 决算's typed 预算数 are removed so
/// they are read from that budget, as they are when both are published.
fn site_with_budget_and_final() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(root())
        .into_iter()
        .map(Result::unwrap)
    {
        let to = dir.path().join(e.path().strip_prefix(root()).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let content = dir.path().join("content");
    let budget = std::fs::read_to_string(content.join("2025/commerce.yaml")).unwrap();
    let budget = budget
        .replace("year: 2025", "year: 2024")
        .replace("code: commerce\n", "code: finance\n");
    std::fs::write(content.join("2024/finance.yaml"), budget).unwrap();
    let fa = content.join("2024/决算/finance.yaml");
    let text = std::fs::read_to_string(&fa).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("budget:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&fa, text).unwrap();
    let site = content.join("site.yaml");
    let s = std::fs::read_to_string(&site).unwrap();
    std::fs::write(site, s + "base_url: https://example.gov.cn/yjs/\n").unwrap();
    dir
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every relative link of the page leads to a file of the built site.
fn links_resolve(public: &Path, page: &str) {
    let html = scraper::Html::parse_document(&read(&public.join(page)));
    let sel = scraper::Selector::parse("a[href]").unwrap();
    let dir = public.join(page).parent().unwrap().to_path_buf();
    for a in html.select(&sel) {
        let href = a.value().attr("href").unwrap().split('#').next().unwrap();
        if href.is_empty() || href.contains(':') {
            continue;
        }
        assert!(dir.join(href).is_file(), "{page}: broken link {href}");
    }
}

#[test]
fn the_final_accounts_are_part_of_the_whole_site() {
    let site = site_with_budget_and_final();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    gongkai::output::build(site.path(), &public, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));

    // Budget and 决算 of the same year link each other.
    let budget = read(&public.join("2024/finance/index.html"));
    assert!(
        budget.contains("href=\"../final/finance/index.html\">2024年度部门决算</a>"),
        "the budget page links its 决算"
    );
    let fin = read(&public.join("2024/final/finance/index.html"));
    assert!(fin.contains("href=\"../../finance/index.html\">2024年度部门预算</a>"));
    assert!(fin.contains("href=\"../../../dept/finance/index.html\""));
    // The 2025 commerce budget has no 决算: no link.
    assert!(!read(&public.join("2025/commerce/index.html")).contains("年度部门决算</a>"));

    // Home, year and department pages list it.
    let link = "2024/final/finance/index.html";
    assert!(read(&public.join("index.html")).contains(&format!("href=\"{link}\"")));
    assert!(read(&public.join("2024/index.html")).contains(&format!("href=\"../{link}\"")));
    let dept = read(&public.join("dept/finance/index.html"));
    assert!(dept.contains(&format!("href=\"../../{link}\">2024年度部门决算</a>")));
    // Both lines: the budget of 2024 and the 决算 of 2024, with its 本年支出合计 (sample: 2,940.05).
    assert!(dept.contains("历年预算总额") && dept.contains("历年部门决算"));
    assert!(dept.contains("<td class=\"num\">2,940.05</td>"), "{dept}");
    for page in [
        "index.html",
        "2024/index.html",
        "dept/finance/index.html",
        "2024/finance/index.html",
        "2024/final/finance/index.html",
    ] {
        links_resolve(&public, page);
    }

    // The nine tables as CSV, written as the budget tables are (BOM, header, cells).
    let dir = public.join("2024/final/finance");
    let csvs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    assert_eq!(csvs.len(), 9, "{csvs:?}");
    let bytes = std::fs::read(dir.join("finance-2024-final-1-income_expenditure.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    // The same 合计 as the page's table 1.
    assert!(
        rows.iter().any(|row| row.iter().any(|c| c == "2,946.25")),
        "{text}"
    );
    let income = read(&dir.join("finance-2024-final-2-income.csv"));
    assert!(
        income.contains("2080501"),
        "codes stay in the 收入决算表 CSV"
    );

    // Feed (the 决算 has a publication date) and sitemap.
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(sitemap.contains(&format!("https://example.gov.cn/yjs/{link}")));
    let feed = read(&public.join("feed.xml"));
    let has_date = read(&site.path().join("content/2024/决算/finance.yaml")).contains("published:");
    assert_eq!(feed.contains("2024年度部门决算"), has_date, "{feed}");

    // Search finds the 决算.
    let index = read(&public.join("2024/search-index.js"));
    assert!(
        index.contains("[\"部门决算\",\"上海市普陀区财政局2024年度部门决算\""),
        "{index}"
    );

    // The year's manifest and the site's cover every 决算 file, and verify checks them.
    let sums = read(&public.join("2024/SHA256SUMS"));
    assert!(sums.contains("  final/finance/index.html\n"), "{sums}");
    assert!(sums.contains("  final/finance/finance-2024-final-1-income_expenditure.csv\n"));
    let root_sums = read(&public.join("SHA256SUMS"));
    assert!(root_sums.contains("  2024/final/finance/finance-2024-final.json\n"));
    let (_, findings) = gongkai::output::manifest::verify(&public).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    std::fs::write(dir.join("finance-2024-final.json"), b"{}").unwrap();
    let (_, findings) = gongkai::output::manifest::verify(&public).unwrap();
    assert_eq!(
        findings,
        vec![gongkai::output::manifest::Finding::Changed(
            "2024/final/finance/finance-2024-final.json".into()
        )]
    );
}

fn zip_names(file: &Path) -> Vec<String> {
    let z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    z.file_names().map(|n| n.unwrap().into_owned()).collect()
}

#[test]
fn an_archive_holds_the_final_accounts_of_its_year_only() {
    let site = site_with_budget_and_final();
    let out = tempfile::tempdir().unwrap();
    let a2024 = out.path().join("2024.zip");
    gongkai::output::archive::archive(site.path(), 2024, &a2024).unwrap_or_else(|e| panic!("{e}"));
    let names = zip_names(&a2024);
    assert!(
        names
            .iter()
            .any(|n| n == "gongkai-2024/2024/final/finance/index.html"),
        "{names:?}"
    );
    let a2025 = out.path().join("2025.zip");
    gongkai::output::archive::archive(site.path(), 2025, &a2025).unwrap_or_else(|e| panic!("{e}"));
    let names = zip_names(&a2025);
    assert!(!names.iter().any(|n| n.contains("/final/")), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n == "gongkai-2025/2025/commerce/index.html")
    );
}

#[test]
fn the_preview_shows_the_final_accounts_and_their_problems() {
    let site = site_with_budget_and_final();
    let out = tempfile::tempdir().unwrap();
    let (dir, scratch) = (out.path().join("site"), out.path().join("scratch"));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let s = gongkai::output::Site::preview(site.path(), &dir, &scratch, stop.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.problems().is_empty());
    assert!(dir.join("2024/final/finance/index.html").is_file());
    // A 决算 that does not close is shown as a problem of its file; the budgets still build.
    let fa = site.path().join("content/2024/决算/finance.yaml");
    let text = read(&fa).replace("  closing: 553400", "  closing: 553500");
    std::fs::write(&fa, text).unwrap();
    let dir2 = out.path().join("site2");
    let s = gongkai::output::Site::preview(site.path(), &dir2, &out.path().join("s2"), stop)
        .unwrap_or_else(|e| panic!("{e}"));
    let shown: Vec<String> = s
        .problems()
        .keys()
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        shown
            .iter()
            .any(|p| p.ends_with("finance.yaml") && p.contains("决算")),
        "{shown:?}"
    );
    assert!(dir2.join("2024/finance/index.html").is_file());
}
