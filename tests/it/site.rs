//! The whole site: every page type, downloads, links under any sub-path and from disk,
//! determinism, manifests and verify, freeze with corrections, and archives.

use crate::common::{TempSite, copy_tree, gongkai, parse_table, public_dir, read_output, snapshot};
use scraper::{Html, Selector};
use std::path::{Component, Path, PathBuf};

#[test]
fn every_page_type_is_built() {
    for page in [
        "index.html",
        "2024/index.html",
        "2024/085/index.html",
        "dept/085/index.html",
        "glossary/index.html",
        "guide/index.html",
        "search/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "2024/SHA256SUMS",
        "2024/budget-2024.csv",
        "2024/search-index.js",
    ] {
        assert!(public_dir().join(page).is_file(), "{page} is missing");
    }
    let home = read_output("index.html");
    assert!(
        home.contains("2024年度部门预算") && home.contains("济源产城融合示范区招商引资服务中心")
    );
    let year = read_output("2024/index.html");
    assert!(
        year.contains("1,042.10") && year.contains("class=\"budget-table year-table sortable\"")
    );
    let dept = read_output("dept/085/index.html");
    assert!(dept.contains("2024年度") && dept.contains("1,042.10"));
    let glossary = read_output("glossary/index.html");
    assert!(glossary.contains("八、行政（事业）单位机关（机构）运转经费"));
    let disclosure = read_output("2024/085/index.html");
    for crumb in [
        "<li><a href=\"../../index.html\">首页</a></li>",
        "<li><a href=\"../../2024/index.html\">2024年度</a></li>",
    ] {
        assert!(disclosure.contains(crumb), "breadcrumb {crumb}");
    }
}

/// A table's CSV, read back, equals the page's table (amounts without thousands separators).
#[test]
fn table_csv_downloads_equal_the_tables() {
    let html = read_output("2024/085/index.html");
    for i in 1..=13 {
        let id = format!("table-{i:02}");
        let bytes = std::fs::read(public_dir().join(format!("2024/085/{id}.csv"))).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{id}.csv has no BOM");
        let mut r = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(&bytes[3..]);
        let header = r.headers().unwrap().clone();
        // Codes with a leading zero are written `="085"`, so that Excel keeps them as text.
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|rec| rec.unwrap().iter().map(unwrap_code).collect())
            .collect();
        let page: Vec<Vec<String>> = parse_table(&html, &id)
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|c| if is_amount(&c) { c.replace(',', "") } else { c })
                    .collect()
            })
            .collect();
        assert_eq!(rows, page, "{id}.csv differs from the page");
        assert_eq!(
            header.len(),
            page.first().map(Vec::len).unwrap_or(header.len()),
            "{id}: columns"
        );
    }
    let t3 = String::from_utf8(std::fs::read(public_dir().join("2024/085/table-03.csv")).unwrap())
        .unwrap();
    assert!(
        t3.contains("基本支出·人员经费·工资福利支出"),
        "leaf column names"
    );
}

/// `="085"` → `085`; anything else as it is.
fn unwrap_code(cell: &str) -> String {
    cell.strip_prefix("=\"")
        .and_then(|c| c.strip_suffix('"'))
        .unwrap_or(cell)
        .to_owned()
}

#[test]
fn csv_codes_stay_text_in_excel() {
    let t2 = String::from_utf8(std::fs::read(public_dir().join("2024/085/table-02.csv")).unwrap())
        .unwrap();
    assert!(t2.contains("\"=\"\"085001\"\"\""), "{t2}");
    let year = std::fs::read_to_string(public_dir().join("2024/budget-2024.csv")).unwrap();
    assert!(
        !year.contains("\n2024,085,"),
        "the department code is written plain"
    );
}

fn is_amount(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && s.contains('.')
}

#[test]
fn json_and_yaml_downloads() {
    let json: serde_json::Value =
        serde_json::from_str(&read_output("2024/085/085-2024.json")).unwrap();
    assert_eq!(json["code"], "085");
    assert_eq!(json["facts"]["income"][0]["appropriation"], "983.70");
    assert_eq!(json["tables"].as_array().unwrap().len(), 13);
    assert_eq!(json["tables"][0]["rows"][30][1], "1042.10");
    let yaml = read_output("2024/085/085-2024.yaml");
    assert_eq!(
        yaml,
        std::fs::read_to_string(crate::common::repo_root().join("content/2024/085.yaml")).unwrap()
    );
    let year = std::fs::read_to_string(public_dir().join("2024/budget-2024.csv")).unwrap();
    assert!(year.starts_with("\u{feff}年度,部门代码,部门名称,表号,表名,行,列,值\n"));
    assert!(year.contains("2024,\"=\"\"085\"\"\",济源产城融合示范区招商引资服务中心,table-01,2024年部门收支预算表,31,收入·金额,1042.10"));
}

#[test]
fn feeds_sitemap_and_robots() {
    let feed = read_output("feed.xml");
    assert!(feed.contains("<title>济源产城融合示范区招商引资服务中心2024年度部门预算</title>"));
    assert!(
        feed.contains("<link href=\"https://www.example.gov.cn/zwgk/yjs/2024/085/index.html\"/>")
    );
    assert!(feed.contains("<updated>2024-05-26T00:00:00Z</updated>"));
    let sitemap = read_output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://www.example.gov.cn/zwgk/yjs/2024/085/index.html</loc>"));
    assert!(sitemap.contains("<loc>https://www.example.gov.cn/zwgk/yjs/index.html</loc>"));
    assert!(
        read_output("robots.txt")
            .contains("Sitemap: https://www.example.gov.cn/zwgk/yjs/sitemap.xml")
    );
}

/// Every link and asset of every page is relative and resolves to a file inside the site,
/// so the folder works under any sub-path and opened from disk. The 404 page alone links
/// from the site's path, since it is served at any address.
#[test]
fn every_internal_link_resolves_inside_the_site() {
    check_links(&public_dir());
}

pub fn check_links(root: &Path) {
    let sel = Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        let doc = Html::parse_document(&html);
        let is_404 = path.file_name().unwrap() == "404.html";
        for el in doc.select(&sel) {
            let target = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if target.starts_with("https://")
                || target.starts_with("http://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            let (file_part, fragment) = target.split_once('#').unwrap_or((target, ""));
            let file_part = file_part.split('?').next().unwrap();
            if is_404 && !target.starts_with('#') {
                assert!(
                    target.starts_with("/zwgk/yjs/"),
                    "404 link {target} must start at the site path"
                );
                continue;
            }
            assert!(
                !target.starts_with('/'),
                "{}: absolute link {target}",
                path.display()
            );
            let resolved = if file_part.is_empty() {
                path.to_path_buf()
            } else {
                normalise(&path.parent().unwrap().join(file_part))
            };
            assert!(
                resolved.starts_with(root),
                "{}: {target} leaves the site",
                path.display()
            );
            assert!(
                resolved.is_file(),
                "{}: {target} does not resolve to a file",
                path.display()
            );
            if !fragment.is_empty() && resolved.extension().is_some_and(|e| e == "html") {
                let other = std::fs::read_to_string(&resolved).unwrap();
                assert!(
                    other.contains(&format!("id=\"{fragment}\"")),
                    "{}: {target}: no such anchor",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[test]
fn building_twice_gives_identical_bytes() {
    let site = TempSite::copy_example();
    let a = site.root().join("a");
    let b = site.root().join("b");
    for out in [&a, &b] {
        let o = gongkai(&[
            "build",
            "--root",
            &site.root().to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
        ]);
        assert!(o.status.success());
    }
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 30);
    assert_eq!(sa, sb);
}

#[test]
fn verify_names_changed_missing_and_extra_files() {
    let site = TempSite::copy_example();
    assert!(site.build().status.success());
    let out = site.out();
    let ok = gongkai(&["verify", &out.to_string_lossy()]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    std::fs::write(out.join("2024/085/index.html"), "tampered").unwrap();
    std::fs::remove_file(out.join("2024/085/table-05.csv")).unwrap();
    std::fs::write(out.join("2024/085/extra.html"), "x").unwrap();
    let bad = gongkai(&["verify", &out.to_string_lossy()]);
    let text = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{text}");
    assert!(text.contains("changed: 2024/085/index.html"), "{text}");
    assert!(text.contains("missing: 2024/085/table-05.csv"), "{text}");
    assert!(text.contains("extra:   2024/085/extra.html"), "{text}");
    assert!(text.contains("3 problems"), "{text}");
}

#[test]
fn a_frozen_year_refuses_silent_changes_but_takes_corrections() {
    let site = TempSite::copy_example();
    let root = site.root().to_string_lossy().into_owned();
    let frozen = gongkai(&["freeze", "2024", "--root", &root]);
    assert!(
        frozen.status.success(),
        "{}",
        String::from_utf8_lossy(&frozen.stderr)
    );
    assert!(
        site.build().status.success(),
        "an unchanged frozen year builds"
    );

    // The consistent change fact_changes.rs checks: 10万元 more wages, paid from 财政拨款.
    site.raise_wages_by_ten();
    let refused = site.build();
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/2024/085.yaml") && err.contains("2024 is frozen"),
        "{err}"
    );
    assert!(
        err.contains("corrections"),
        "the hint says how to proceed: {err}"
    );

    let text = std::fs::read_to_string(site.root().join("content/2024/085.yaml")).unwrap();
    let text = text
        + "\ncorrections:\n  - date: \"2024-07-01\"\n    text: 更正基本工资预算数，增加10万元。\n";
    std::fs::write(site.root().join("content/2024/085.yaml"), text).unwrap();
    let ok = site.build();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let page = std::fs::read_to_string(site.out().join("2024/085/index.html")).unwrap();
    assert!(page.contains("更正说明") && page.contains("更正基本工资预算数，增加10万元。"));
    let feed = std::fs::read_to_string(site.out().join("feed.xml")).unwrap();
    assert!(
        feed.contains("<title>更正：济源产城融合示范区招商引资服务中心2024年度部门预算</title>"),
        "{feed}"
    );
    assert!(feed.contains("<updated>2024-07-01T00:00:00Z</updated>"));
}

#[test]
fn archive_is_self_contained() {
    let site = TempSite::copy_example();
    let zip_path = site.root().join("a.zip");
    let o = gongkai(&[
        "archive",
        "2024",
        "--root",
        &site.root().to_string_lossy(),
        "--out",
        &zip_path.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    for must in [
        "gongkai-2024/index.html",
        "gongkai-2024/2024/085/index.html",
        "gongkai-2024/2024/SHA256SUMS",
        "gongkai-2024/static/style.css",
        "gongkai-2024/2024/085/table-07.csv",
    ] {
        assert!(names.iter().any(|n| n == must), "{must} not in archive");
    }
    let unpacked = site.root().join("unpacked");
    zip.extract(&unpacked).unwrap();
    let year_root = unpacked.join("gongkai-2024");
    check_links(&year_root);
    let v = gongkai(&["verify", &year_root.to_string_lossy()]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    // Same content, same archive bytes.
    let again = site.root().join("b.zip");
    gongkai(&[
        "archive",
        "2024",
        "--root",
        &site.root().to_string_lossy(),
        "--out",
        &again.to_string_lossy(),
    ]);
    assert_eq!(
        std::fs::read(&zip_path).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn works_when_copied_under_a_sub_path() {
    // Serving from /zwgk/yjs/ is the same as the folder sitting at that path.
    let site = TempSite::copy_example();
    let nested = site.root().join("www/zwgk/yjs");
    copy_tree(&public_dir(), &nested);
    check_links(&nested);
}
