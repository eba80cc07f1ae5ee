//! Helpers shared by the integration tests: build the bundled example site
//! once per test binary, and read tables and text back out of its HTML.
//!
//! These helpers drive the `gongkai` binary; of the library they use only `site::hex`, so
//! that file hashes are spelled as the manifests spell them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// Root of the repository (where `content/` and `templates/` live).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the bundled example site with
/// `gongkai build --root <repo root> --out <tempdir>/public`
/// and returns the temporary directory holding `public/`.
///
/// The build runs once per test binary; every caller gets the same directory.
/// If the build fails, every caller panics with the same message (the build is
/// not retried). The directory lives under cargo's `CARGO_TARGET_TMPDIR`, since
/// a value in a `static` is never dropped.
pub fn build_example() -> &'static TempDir {
    static BUILT: OnceLock<Result<TempDir, String>> = OnceLock::new();
    match BUILT.get_or_init(run_build) {
        Ok(dir) => dir,
        Err(message) => panic!("{message}"),
    }
}

fn run_build() -> Result<TempDir, String> {
    build_site(repo_root())
}

/// Builds the site at `root` into `<tempdir>/public` with the binary.
pub fn build_site(root: &Path) -> Result<TempDir, String> {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-example-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let out = dir.path().join("public");
    let output = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(&out)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", env!("CARGO_BIN_EXE_gongkai")))?;
    if !output.status.success() {
        return Err(format!(
            "`gongkai build --root {} --out {}` failed ({})\n--- stderr ---\n{}\n--- stdout ---\n{}",
            root.display(),
            out.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout),
        ));
    }
    Ok(dir)
}

/// The `public/` directory of a build of `examples/putuo` (the 9-table profile), built once
/// per test binary.
pub fn putuo_public_dir() -> PathBuf {
    static BUILT: OnceLock<Result<TempDir, String>> = OnceLock::new();
    match BUILT.get_or_init(|| build_site(&repo_root().join("examples/putuo"))) {
        Ok(dir) => dir.path().join("public"),
        Err(message) => panic!("{message}"),
    }
}

/// The `public/` directory of the example build.
pub fn public_dir() -> PathBuf {
    build_example().path().join("public")
}

/// Reads a file of the example build, given its path relative to `public/`.
pub fn read_output(relative: &str) -> String {
    let path = public_dir().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The disclosure page of one department for one year: `<out>/<year>/<code>/index.html`.
pub fn department_page(year: u32, code: &str) -> String {
    read_output(&format!("{year}/{code}/index.html"))
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// The single element matching `css`, or a panic naming the selector.
fn select_one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let sel = selector(css);
    let mut found = doc.select(&sel);
    let first = found
        .next()
        .unwrap_or_else(|| panic!("no element matches `{css}`"));
    let more = found.count();
    assert!(
        more == 0,
        "`{css}` matches {} elements, expected one",
        more + 1
    );
    first
}

fn child_elements<'a>(el: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    el.children().filter_map(ElementRef::wrap)
}

/// Text of an element: all its text nodes, trimmed.
fn cell_text(el: ElementRef<'_>) -> String {
    el.text().collect::<String>().trim().to_string()
}

fn span(el: ElementRef<'_>, attr: &str) -> Option<usize> {
    el.value().attr(attr).map(|v| v.trim().parse().unwrap_or(1))
}

/// Marks a grid position that no cell covers (a row with too few cells
/// before a cell spanned down from above). A well-formed table has none.
pub const NO_CELL: &str = "<no cell>";

/// The body of `table#<id>` as a full grid of cell texts.
///
/// Only the rows of the table's own `<tbody>` elements are read (`<thead>`,
/// `<tfoot>` and nested tables are ignored). Both `th` and `td` are cells.
/// `rowspan`/`colspan` are expanded: a spanned cell's text sits at its
/// top-left position and every other position it covers holds `""`.
/// A rowspan never reaches past its own `<tbody>` (`rowspan="0"` runs to its end).
pub fn parse_table(html: &str, id: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(html);
    let table = select_one(&doc, &format!("table#{id}"));
    let mut grid: Vec<Vec<Option<String>>> = Vec::new();
    for tbody in child_elements(table).filter(|e| e.value().name() == "tbody") {
        let rows: Vec<ElementRef> = child_elements(tbody)
            .filter(|e| e.value().name() == "tr")
            .collect();
        let first = grid.len();
        grid.resize_with(first + rows.len(), Vec::new);
        for (i, tr) in rows.iter().enumerate() {
            let r = first + i;
            let mut c = 0;
            for cell in child_elements(*tr).filter(|e| matches!(e.value().name(), "td" | "th")) {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let colspan = span(cell, "colspan").unwrap_or(1).max(1);
                let rowspan = match span(cell, "rowspan") {
                    Some(0) => rows.len() - i,
                    Some(n) => n.min(rows.len() - i),
                    None => 1,
                };
                for dr in 0..rowspan {
                    let row = &mut grid[r + dr];
                    for dc in 0..colspan {
                        if row.len() <= c + dc {
                            row.resize(c + dc + 1, None);
                        }
                        let text = if dr == 0 && dc == 0 {
                            cell_text(cell)
                        } else {
                            String::new()
                        };
                        // Overlapping spans: the first cell placed keeps the slot.
                        row[c + dc].get_or_insert(text);
                    }
                }
                c += colspan;
            }
        }
    }
    grid.into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| cell.unwrap_or_else(|| NO_CELL.to_string()))
                .collect()
        })
        .collect()
}

/// The trimmed text of the `<caption>` of `table#<id>`, if it has one.
pub fn table_caption(html: &str, id: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let table = select_one(&doc, &format!("table#{id}"));
    child_elements(table)
        .find(|e| e.value().name() == "caption")
        .map(cell_text)
}

/// Text of the element with the given id, all whitespace removed.
pub fn text_of_id(html: &str, id: &str) -> String {
    let doc = Html::parse_document(html);
    let el = select_one(&doc, &format!("#{id}"));
    el.text()
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Text of the narrative (`#part-2`, 第二部分 预算情况说明), all whitespace removed.
pub fn narrative_text(html: &str) -> String {
    text_of_id(html, "part-2")
}

/// Text of the whole document body, all whitespace removed.
pub fn page_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    doc.root_element()
        .text()
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn show_row<S: AsRef<str>>(row: &[S]) -> String {
    let cells: Vec<String> = row.iter().map(|c| format!("{:?}", c.as_ref())).collect();
    format!("[{}] ({} cells)", cells.join(", "), row.len())
}

/// Compares a parsed table body with the expected grid. Panics at the first
/// difference, naming the table, the row and column, and showing both rows.
pub fn assert_grid(table: &str, actual: &[Vec<String>], expected: &[&[&str]]) {
    for (r, (got, want)) in actual.iter().zip(expected).enumerate() {
        let column = (0..got.len().max(want.len()))
            .find(|&c| got.get(c).map(String::as_str) != want.get(c).copied());
        if let Some(c) = column {
            panic!(
                "{table}: body row {r}, column {c} differs: got {:?}, expected {:?}\n  got:      {}\n  expected: {}",
                got.get(c).map(String::as_str).unwrap_or("<missing>"),
                want.get(c).copied().unwrap_or("<missing>"),
                show_row(got),
                show_row(want),
            );
        }
    }
    if actual.len() != expected.len() {
        let n = actual.len().min(expected.len());
        let extra: Vec<String> = if actual.len() > n {
            actual[n..]
                .iter()
                .map(|r| format!("  got:      {}", show_row(r)))
                .collect()
        } else {
            expected[n..]
                .iter()
                .map(|r| format!("  expected: {}", show_row(r)))
                .collect()
        };
        panic!(
            "{table}: {} body rows, expected {} (the first {n} agree); from row {n}:\n{}",
            actual.len(),
            expected.len(),
            extra.join("\n"),
        );
    }
}

/// Checks that `text` contains every fragment; panics listing all that are missing.
pub fn assert_contains_all(what: &str, text: &str, fragments: &[&str]) {
    let missing: Vec<&str> = fragments
        .iter()
        .copied()
        .filter(|f| !text.contains(&f.chars().filter(|c| !c.is_whitespace()).collect::<String>()))
        .collect();
    assert!(
        missing.is_empty(),
        "{what}: {} of {} expected passages missing:\n{}\n--- text (whitespace removed) ---\n{text}",
        missing.len(),
        fragments.len(),
        missing
            .iter()
            .map(|m| format!("  {m}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

/// A throwaway site folder holding a copy of the example content, to be edited by a test.
pub struct TempSite {
    pub dir: TempDir,
}

impl TempSite {
    /// Copies `content/` of the example into a new temporary site root.
    pub fn copy_example() -> TempSite {
        TempSite::copy_of("")
    }

    /// Copies `content/` of the site at `site` (relative to the repository: "" for the
    /// bundled example, "examples/putuo" for the 普陀 one) into a new temporary site root.
    pub fn copy_of(site: &str) -> TempSite {
        let dir = tempfile::Builder::new()
            .prefix("gongkai-site-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("temp dir");
        let from = repo_root().join(site).join("content");
        copy_tree(&from, &dir.path().join("content"));
        TempSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Rewrites a content file (path relative to `content/`); panics if `from` is absent,
    /// so a test never silently edits nothing.
    pub fn replace(&self, file: &str, from: &str, to: &str) {
        let p = self.root().join("content").join(file);
        let text = std::fs::read_to_string(&p).expect("content file");
        assert!(text.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).expect("write content");
    }

    /// A consistent change of the sample, worked out by hand: 10万元 more wages in 2024, paid
    /// from 财政拨款 (983.70 → 993.70, 605.30 → 615.30, 171.90 → 181.90), with 2025's
    /// previous-year amounts following (1,042.10 → 1,052.10, 983.70 → 993.70).
    pub fn raise_wages_by_ten(&self) {
        for (file, from, to) in [
            (
                "2024/085.yaml",
                "    appropriation: 983.70",
                "    appropriation: 993.70",
            ),
            (
                "2024/085.yaml",
                "general: { wages: 605.30,",
                "general: { wages: 615.30,",
            ),
            (
                "2024/085.yaml",
                "general: { personnel: 171.90 }",
                "general: { personnel: 181.90 }",
            ),
            (
                "2025/085.yaml",
                "total:            { amount: 1042.10",
                "total:            { amount: 1052.10",
            ),
            (
                "2025/085.yaml",
                "general:          { amount: 983.70",
                "general:          { amount: 993.70",
            ),
        ] {
            self.replace(file, from, to);
        }
    }

    pub fn write(&self, file: &str, text: &str) {
        let p = self.root().join("content").join(file);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Runs `gongkai build --root <site> --out <site>/public`.
    pub fn build(&self) -> std::process::Output {
        gongkai(&[
            "build",
            "--root",
            &self.root().to_string_lossy(),
            "--out",
            &self.out().to_string_lossy(),
        ])
    }
}

/// Runs the gongkai binary with `args`.
pub fn gongkai(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(args)
        .output()
        .expect("run gongkai")
}

pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path: a snapshot to compare builds.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push((
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// SHA-256 of every file under `dir`, by relative path.
pub fn hashes(dir: &Path) -> std::collections::BTreeMap<String, String> {
    use sha2::{Digest, Sha256};
    snapshot(dir)
        .into_iter()
        .map(|(rel, bytes)| {
            (
                rel.to_string_lossy().into_owned(),
                gongkai::output::hex(&Sha256::digest(bytes)),
            )
        })
        .collect()
}

/// Headless Chromium, if installed. Without it a browser test is skipped with a message —
/// except in CI (`CI=true`), where `.ci/run` installs it and a skip is a failure.
pub fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("GONGKAI_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from))
        .find(|p| p.is_file());
    if found.is_none() {
        skip(
            "headless Chromium not found (install Debian package `chromium` or set GONGKAI_CHROMIUM)",
        );
    }
    found
}

/// The folder of the Node.js browser scripts (`tests/e2e`), when Node.js and its packages are
/// installed; otherwise says why the test is skipped (a failure in CI).
pub fn node_e2e() -> Option<PathBuf> {
    let e2e = repo_root().join("tests/e2e");
    let node_ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if node_ok && e2e.join("node_modules/playwright-core").is_dir() {
        return Some(e2e);
    }
    skip("Node.js or tests/e2e/node_modules missing (run `npm ci --prefix tests/e2e`)");
    None
}

/// Says why a test cannot run here and returns, so that `cargo test` passes on a machine
/// without Chromium or user namespaces; in CI (`CI=true`), where `.ci/run` provides them, a
/// test that cannot run is a failure rather than a silent pass.
pub fn skip(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{why}; CI must run this test");
    }
    eprintln!("skipped: {why}");
}

/// Runs headless Chromium with the project's standard flags plus `args`; returns stdout.
pub fn run_chromium(chrome: &Path, args: &[String]) -> Vec<u8> {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Width and height of a PNG, from its IHDR chunk.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}
