//! Freezing covers the 部门决算 too: `gongkai freeze` records each 决算 of the year beside
//! the budgets, and a later build refuses a changed 决算 figure unless a new correction says
//! what was corrected; published corrections stay as they were; a frozen 决算 cannot vanish.

use crate::common::TempSite;

const FILE: &str = "2024/决算/finance.yaml";

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn a_frozen_final_accounts_changes_only_with_a_new_correction() {
    // The 普陀 example's 2024 has a 决算 and no budget: a year can be frozen for its 决算.
    let site = TempSite::copy_of("examples/putuo");
    let root = site.root().to_string_lossy().into_owned();
    let froze = crate::common::gongkai(&["freeze", "2024", "--root", &root]);
    assert!(froze.status.success(), "{}", text(&froze));
    let frozen = std::fs::read_to_string(site.root().join("content/2024/FROZEN")).unwrap();
    assert!(frozen.contains("  决算/finance  corrections=0"), "{frozen}");
    assert!(site.build().status.success());

    // 三公 年初预算数 of 公务接待费: 9,500元 → 9,600元, without a correction.
    site.replace(
        FILE,
        "budget: { reception: 9500 }",
        "budget: { reception: 9600 }",
    );
    let refused = site.build();
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    let said = text(&refused);
    assert!(said.contains("content/2024/决算/finance.yaml"), "{said}");
    assert!(said.contains("2024 is frozen"), "{said}");
    assert!(said.contains("corrections"), "{said}");

    // With a correction it is published, shown on the page, and recorded.
    std::fs::write(
        site.root().join("content").join(FILE),
        std::fs::read_to_string(site.root().join("content").join(FILE)).unwrap()
            + "\ncorrections:\n  - { date: \"2025-10-08\", text: \"公务接待费年初预算数更正为9,600元\" }\n",
    )
    .unwrap();
    let built = site.build();
    assert!(built.status.success(), "{}", text(&built));
    let page = std::fs::read_to_string(site.out().join("2024/final/finance/index.html")).unwrap();
    assert!(
        page.contains("公务接待费年初预算数更正为9,600元"),
        "the page shows it"
    );
    let feed = std::fs::read_to_string(site.out().join("feed.xml")).unwrap();
    assert!(
        feed.contains("<title>更正：上海市普陀区财政局2024年度部门决算</title>"),
        "the feed lists it: {feed}"
    );
    assert!(
        feed.contains("2024/final/finance/index.html#correction-1"),
        "{feed}"
    );
    let frozen = std::fs::read_to_string(site.root().join("content/2024/FROZEN")).unwrap();
    assert!(frozen.contains("  决算/finance  corrections=1"), "{frozen}");

    // The next change needs another correction; the published one may not be rewritten.
    site.replace(
        FILE,
        "budget: { reception: 9600 }",
        "budget: { reception: 9700 }",
    );
    assert_eq!(site.build().status.code(), Some(1));
    site.replace(
        FILE,
        "budget: { reception: 9700 }",
        "budget: { reception: 9600 }",
    );
    site.replace(FILE, "\"公务接待费年初预算数更正为9,600元\"", "\"无\"");
    let rewritten = site.build();
    assert_eq!(rewritten.status.code(), Some(1), "{}", text(&rewritten));
    site.replace(FILE, "\"无\"", "\"公务接待费年初预算数更正为9,600元\"");
    assert!(site.build().status.success());

    // A frozen 决算 stays published.
    std::fs::remove_file(site.root().join("content").join(FILE)).unwrap();
    let gone = site.build();
    assert_eq!(gone.status.code(), Some(1), "{}", text(&gone));
    assert!(text(&gone).contains("决算/finance.yaml"), "{}", text(&gone));
}

/// A budget year's FROZEN holds its 决算 beside the budgets, and neither is taken for a
/// missing file of the other kind.
#[test]
fn budgets_and_final_accounts_of_one_year_freeze_together() {
    let site = TempSite::copy_of("examples/putuo");
    // The 2025 budget and a 决算 of 2025 (last year's, copied forward) in one year.
    let fa = std::fs::read_to_string(site.root().join("content").join(FILE)).unwrap();
    site.write(
        "2025/决算/finance.yaml",
        &fa.replace("year: 2024", "year: 2025"),
    );
    let root = site.root().to_string_lossy().into_owned();
    let froze = crate::common::gongkai(&["freeze", "2025", "--root", &root]);
    assert!(froze.status.success(), "{}", text(&froze));
    let frozen = std::fs::read_to_string(site.root().join("content/2025/FROZEN")).unwrap();
    assert!(frozen.contains("  commerce  corrections=0"), "{frozen}");
    assert!(frozen.contains("  决算/finance  corrections=0"), "{frozen}");
    let built = site.build();
    assert!(built.status.success(), "{}", text(&built));
}
