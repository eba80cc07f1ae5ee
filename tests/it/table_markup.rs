//! Annex-table markup: the built-in `templates/table.html` and the Rust writer used when a
//! site keeps it write the same bytes, and a site's own `table.html` is what its pages use,
//! with the `id`/`headers` wiring still filled in.

use crate::common::{TempSite, repo_root};
use gongkai::render::page::disclosure_view;
use gongkai::render::{table, table_template, templates};

/// Every table of every disclosure of the sample and the 普陀 example: the template (as a
/// site with its own copy of the built-in file would get it) and the Rust writer agree.
#[test]
fn the_built_in_template_and_the_rust_writer_write_the_same_markup() {
    let mut tables = 0;
    for root in [
        repo_root().to_path_buf(),
        repo_root().join("examples/putuo"),
    ] {
        let content = gongkai::content::load::load_content(&root).unwrap();
        let tera = templates(&root, &content.profile).unwrap();
        assert!(!gongkai::render::own_template(&tera, table::TEMPLATE));
        for d in &content.disclosures {
            let view = disclosure_view(&d.data, &content.glossary, &content.profile, &[]);
            for t in &view.tables {
                let fast = table::section_html(&tera, t).unwrap();
                let templated = table_template::section_html(&tera, t).unwrap();
                assert_eq!(fast, templated, "{} {} {}", d.data.code, d.data.year, t.id);
                assert!(
                    t.body.is_empty() || fast.contains(" headers=\""),
                    "{}",
                    t.id
                );
                tables += 1;
            }
        }
    }
    // 13 tables for each 济源 disclosure, 9 for each 普陀 one.
    assert!(tables >= 13 + 9, "{tables}");
}

/// A region's own `templates/table.html` shapes every table of the page; the wiring it is
/// handed is the one the built-in markup has.
#[test]
fn a_sites_own_table_template_is_used() {
    let site = TempSite::copy_example();
    let own = std::fs::read_to_string(repo_root().join("templates/table.html"))
        .unwrap()
        .replace(
            "<section class=\"annex-table\"",
            "<section data-region=\"own\" class=\"annex-table\"",
        );
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::fs::write(site.root().join("templates/table.html"), own).unwrap();
    let out = site.build();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(site.out().join("2024/031/index.html")).unwrap();
    assert_eq!(page.matches("<section data-region=\"own\"").count(), 13);
    assert!(
        page.contains("headers=\"table-01-h"),
        "the cells keep their headers"
    );
}
