//! The preview's incremental rebuilds write exactly what a full build of the same content
//! writes: after each kind of change (a figure, an earlier year, a new file, a deleted file,
//! a broken and then fixed file, a year emptied, the site settings) the preview folder is
//! compared byte for byte with `gongkai build` of the same content.

use crate::common::{TempSite, snapshot};
use gongkai::output::{self, BuildOptions, Site};
use std::path::{Path, PathBuf};

const TARGETED: &str = "general: { wages: 605.30, public: 38.70, targeted: 100.00 }";

const OFFICE: &str = "general: { public: 4.40, project: 5.00 } }";

struct Preview {
    site: TempSite,
    state: Site,
    dir: tempfile::TempDir,
    _scratch: tempfile::TempDir,
}

impl Preview {
    /// The example plus 086 (a copy under another code) in 2024 and 085 in 2023.
    fn new() -> Preview {
        let site = TempSite::copy_example();
        let sample = std::fs::read_to_string(site.root().join("content/2024/085.yaml")).unwrap();
        site.write("2024/086.yaml", &other_department(&sample, "086", "示例局"));
        // With a 2023 file, 2024's comparison with last year must give its figures.
        let mut with_2023 = sample.clone();
        for (item, amount) in [
            ("total:            ", "1052.10"),
            ("general:          ", "983.70"),
            ("fund:             ", "58.40"),
            ("abroad:           ", "3.00"),
            ("reception:        ", "0.50"),
            ("vehicle_running:  ", "1.50"),
            ("running_costs:    ", "43.30"),
        ] {
            let from = format!("{item}{{ amount: 0,");
            assert!(with_2023.contains(&from), "{from}");
            with_2023 = with_2023.replace(&from, &format!("{item}{{ amount: {amount},"));
        }
        site.write("2024/085.yaml", &with_2023);
        site.write(
            "2023/085.yaml",
            &sample
                .replace("year: 2024", "year: 2023")
                .replace("published: \"2024-05-26\"", "published: \"2023-05-20\"")
                // Other figures than 2024's, still balanced: 10万元 of 事业收入, spent.
                .replace(
                    "appropriation: 983.70\n",
                    "appropriation: 983.70\n    business: 10.00\n",
                )
                .replace(
                    TARGETED,
                    &format!("{TARGETED}\n    business: {{ public: 10.00 }}"),
                )
                .replace(
                    OFFICE,
                    "general: { public: 4.40, project: 5.00 }, business: { public: 10.00 } }",
                ),
        );
        let dir = tempfile::tempdir().unwrap();
        let scratch = tempfile::tempdir().unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let state = Site::preview(site.root(), &dir.path().join("site"), scratch.path(), stop)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(state.problems().is_empty(), "{:?}", state.problems());
        Preview {
            site,
            state,
            dir,
            _scratch: scratch,
        }
    }

    fn served(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn changed(&mut self, files: &[&str]) {
        let paths: Vec<PathBuf> = files.iter().map(|f| self.site.root().join(f)).collect();
        self.state.changed(&paths).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            self.state
                .finish(&|| false)
                .unwrap_or_else(|e| panic!("{e}"))
        );
    }

    /// The preview folder equals a fresh full build of the same content.
    fn assert_same_as_full_build(&self, after: &str) {
        let full = tempfile::tempdir().unwrap();
        let out = full.path().join("public");
        output::build(self.site.root(), &out, &BuildOptions::default())
            .unwrap_or_else(|e| panic!("{after}: full build failed: {e}"));
        // The manifest of every file is written by publishing builds only: the preview
        // changes file by file and is never published.
        std::fs::remove_file(out.join("SHA256SUMS")).unwrap();
        let (a, b) = (snapshot(&self.served()), snapshot(&out));
        let names = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b), "{after}: different files");
        for ((p, x), (_, y)) in a.iter().zip(&b) {
            assert!(
                x == y,
                "{after}: {} differs from the full build",
                p.display()
            );
        }
    }
}

fn other_department(sample: &str, code: &str, name: &str) -> String {
    sample
        .replace("code: \"085\"", &format!("code: \"{code}\""))
        .replace(
            "name: 济源产城融合示范区招商引资服务中心\nyear",
            &format!("name: {name}\nyear"),
        )
}

/// Raises a department's budget by `more` (0.10 or 0.20): more 一般公共预算 income, spent on
/// 公用经费 (办公费), so the file still balances.
fn spend(root: &Path, file: &str, more: &str) {
    let cents: u32 = more.trim_start_matches("0.").parse().unwrap();
    let plus = |base: u32| format!("{}.{:02}", (base + cents) / 100, (base + cents) % 100);
    edit(
        root,
        file,
        "appropriation: 983.70",
        &format!("appropriation: {}", plus(98370)),
    );
    edit(
        root,
        file,
        "public: 38.70",
        &format!("public: {}", plus(3870)),
    );
    edit(
        root,
        file,
        "general: { public: 4.40,",
        &format!("general: {{ public: {},", plus(440)),
    );
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let p = root.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let mut p = Preview::new();
    p.assert_same_as_full_build("the first build");
    let root = p.site.root().to_path_buf();

    // Downloads interrupted by a newer change are written by the next finish.
    spend(&root, "content/2024/086.yaml", "0.20");
    p.state
        .changed(&[root.join("content/2024/086.yaml")])
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!p.state.finish(&|| true).unwrap(), "stops when told");
    let year = std::fs::read_to_string(p.served().join("2024/index.html")).unwrap();
    assert!(
        year.contains("1,042.30"),
        "the listing pages are written first"
    );
    let csv = std::fs::read_to_string(p.served().join("2024/budget-2024.csv")).unwrap();
    assert!(!csv.contains("983.90"), "not written yet");

    // 10万元 of 公用经费 moved between functions (2025 compares with 2024's totals).
    edit(
        &root,
        "content/2024/085.yaml",
        "public: 38.70",
        "public: 28.70",
    );
    edit(
        &root,
        "content/2024/085.yaml",
        "public: 4.60",
        "public: 14.60",
    );
    p.changed(&["content/2024/085.yaml"]);
    let page = std::fs::read_to_string(p.served().join("2024/085/index.html")).unwrap();
    assert!(page.contains("28.70"), "the new figure is on the page");
    p.assert_same_as_full_build("a figure of 2024/085");

    // A text only: the summary is the same, so nothing else is rewritten.
    let year_page = std::fs::metadata(p.served().join("2024/index.html"))
        .unwrap()
        .modified()
        .unwrap();
    edit(
        &root,
        "content/2024/085.yaml",
        "  - 综合科",
        "  - 综合办公室",
    );
    p.changed(&["content/2024/085.yaml"]);
    let page = std::fs::read_to_string(p.served().join("2024/085/index.html")).unwrap();
    assert!(page.contains("综合办公室"));
    let after = std::fs::metadata(p.served().join("2024/index.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(year_page, after, "the year page was not rewritten");
    p.assert_same_as_full_build("a text of 2024/085");

    // An earlier year: the department page lists it; the 2024 page links to it.
    // 1万元 of 公用经费 moved between functions: 2023's chart changes, its totals (which
    // 2024 compares with) do not.
    edit(
        &root,
        "content/2023/085.yaml",
        "public: 38.70",
        "public: 37.70",
    );
    edit(
        &root,
        "content/2023/085.yaml",
        "public: 4.60",
        "public: 5.60",
    );
    p.changed(&["content/2023/085.yaml"]);
    p.assert_same_as_full_build("a figure of 2023/085");

    let sample = std::fs::read_to_string(root.join("content/2024/085.yaml")).unwrap();
    p.site
        .write("2024/087.yaml", &other_department(&sample, "087", "新增局"));
    p.changed(&["content/2024/087.yaml"]);
    assert!(p.served().join("2024/087/index.html").is_file());
    p.assert_same_as_full_build("a new file");

    std::fs::remove_file(root.join("content/2024/086.yaml")).unwrap();
    p.changed(&["content/2024/086.yaml"]);
    assert!(!p.served().join("2024/086").exists());
    assert!(!p.served().join("dept/086").exists());
    p.assert_same_as_full_build("a deleted file");

    // Removing 2023's only file removes the year, and the 2024 page's link to it.
    std::fs::remove_file(root.join("content/2023/085.yaml")).unwrap();
    std::fs::remove_dir(root.join("content/2023")).unwrap();
    p.changed(&["content/2023/085.yaml"]);
    assert!(!p.served().join("2023").exists());
    assert_eq!(p.state.earlier_years("085", 2024), Vec::<u16>::new());
    p.assert_same_as_full_build("a year emptied");

    edit(
        &root,
        "content/site.yaml",
        "title: 济源产城融合示范区部门预算公开",
        "title: 预览测试",
    );
    p.changed(&["content/site.yaml"]);
    p.assert_same_as_full_build("the site settings");
}

#[test]
fn a_broken_file_keeps_its_last_good_pages_until_fixed() {
    let mut p = Preview::new();
    let root = p.site.root().to_path_buf();
    let before = snapshot(&p.served());

    edit(
        &root,
        "content/2024/085.yaml",
        "appropriation: 983.70",
        "appropriation: 98x.70",
    );
    p.changed(&["content/2024/085.yaml"]);
    let problems = p.state.problems();
    let output::BuildError::Input(found) = &problems[Path::new("content/2024/085.yaml")] else {
        panic!("a load problem expected: {problems:?}");
    };
    let found = &found.0;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field.as_deref(), Some("income[0].appropriation"));
    assert!(found[0].line.is_some());
    assert_eq!(
        snapshot(&p.served()),
        before,
        "the last good site stays as it was"
    );

    // Editing another department meanwhile works, and keeps 085's last good pages.
    spend(&root, "content/2024/086.yaml", "0.10");
    p.changed(&["content/2024/086.yaml"]);
    let page = std::fs::read_to_string(p.served().join("2024/086/index.html")).unwrap();
    assert!(page.contains("983.80"));
    assert!(p.served().join("2024/085/index.html").is_file());

    // A template change rebuilds everything; 085 still keeps its last good pages.
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let guide =
        std::fs::read_to_string(crate::common::repo_root().join("templates/guide.html")).unwrap();
    std::fs::write(
        root.join("templates/guide.html"),
        guide.replace("</h1>", "（本地）</h1>"),
    )
    .unwrap();
    p.changed(&["templates/guide.html"]);
    assert!(p.served().join("2024/085/index.html").is_file());
    assert!(p.served().join("2024/085/table-01.csv").is_file());
    let year = std::fs::read_to_string(p.served().join("2024/index.html")).unwrap();
    assert!(year.contains("085/index.html"), "085 is still listed");
    assert!(
        p.state
            .problems()
            .contains_key(Path::new("content/2024/085.yaml"))
    );

    edit(
        &root,
        "content/2024/085.yaml",
        "appropriation: 98x.70",
        "appropriation: 983.70",
    );
    p.changed(&["content/2024/085.yaml"]);
    assert!(p.state.problems().is_empty());
    p.assert_same_as_full_build("the fixed file");

    // A new file that is broken from the start is not listed until it is fixed.
    std::fs::create_dir_all(root.join("content/2026")).unwrap();
    std::fs::write(root.join("content/2026/099.yaml"), "code: [").unwrap();
    p.changed(&["content/2026/099.yaml"]);
    assert!(
        p.state
            .problems()
            .contains_key(Path::new("content/2026/099.yaml"))
    );
    assert!(!p.served().join("2026").exists());
    let home = std::fs::read_to_string(p.served().join("index.html")).unwrap();
    assert!(!home.contains("2026年度"));
    let sample = std::fs::read_to_string(root.join("content/2024/085.yaml")).unwrap();
    std::fs::write(
        root.join("content/2026/099.yaml"),
        other_department(&sample, "099", "新设局").replace("year: 2024", "year: 2026"),
    )
    .unwrap();
    p.changed(&["content/2026/099.yaml"]);
    assert!(p.state.problems().is_empty());
    p.assert_same_as_full_build("a new year, fixed");
}
