//! Each class of bad input gives one clear message naming file, line and field, exits
//! non-zero without a panic, and leaves the previously built site exactly as it was.

use crate::common::{TempSite, snapshot};

const FILE: &str = "2024/085.yaml";

/// Builds the good example, breaks it with `from → to`, builds again and returns stderr
/// after asserting failure, no panic and an untouched previous site.
fn broken(from: &str, to: &str) -> String {
    let site = TempSite::copy_example();
    let ok = site.build();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = snapshot(&site.out());
    site.replace(FILE, from, to);
    let out = site.build();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "bad input must exit 1: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(before, snapshot(&site.out()), "the previous site changed");
    stderr
}

/// The line number (1-based) of the first line of the example file containing `needle`.
fn line_of(needle: &str) -> usize {
    let text =
        std::fs::read_to_string(crate::common::repo_root().join("content").join(FILE)).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in file")
        + 1
}

fn assert_located(stderr: &str, line: usize, field: &str) {
    let at = format!("content/2024/085.yaml:{line}:");
    assert!(stderr.contains(&at), "expected location {at} in:\n{stderr}");
    assert!(
        stderr.contains(&format!("field `{field}`")),
        "expected field {field} in:\n{stderr}"
    );
    assert!(stderr.contains("hint:"), "expected a hint in:\n{stderr}");
    assert_eq!(
        stderr.matches("error:").count(),
        1,
        "one clear message:\n{stderr}"
    );
}

#[test]
fn malformed_yaml() {
    // One space too few: the line no longer belongs to the income entry.
    let err = broken("    appropriation: 983.70", "   appropriation: 983.70");
    let line = line_of("appropriation: 983.70");
    assert!(
        err.contains(&format!("content/2024/085.yaml:{line}:4:")),
        "{err}"
    );
    assert!(
        err.contains("indentation does not fit the lines around it"),
        "{err}"
    );
    assert!(
        err.contains("the indentation is wrong"),
        "the hint points at indentation: {err}"
    );
}

#[test]
fn wrong_type() {
    let err = broken("  duties:\n", "  duties: 不是列表\n  duties_old:\n");
    assert_located(&err, line_of("  duties:"), "overview.duties");
    assert!(err.contains("this should be a list"), "{err}");
}

#[test]
fn a_list_where_an_amount_belongs() {
    let err = broken("    appropriation: 983.70", "    appropriation: [983.70]");
    assert_located(
        &err,
        line_of("appropriation: 983.70"),
        "income[0].appropriation",
    );
    assert!(err.contains("this should be a single value"), "{err}");
}

#[test]
fn missing_field() {
    let err = broken("name: 济源产城融合示范区招商引资服务中心\nyear", "year");
    assert!(err.contains("missing field `name`"), "{err}");
    assert!(err.contains("content/2024/085.yaml:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn unknown_field() {
    let err = broken("    appropriation: 983.70", "    apropriation: 983.70");
    assert_located(
        &err,
        line_of("appropriation: 983.70"),
        "income[0].apropriation",
    );
    assert!(err.contains("unknown field `apropriation`"), "{err}");
    assert!(
        err.contains("appropriation"),
        "the message lists the allowed names: {err}"
    );
}

#[test]
fn non_numeric_amount() {
    let err = broken("    fund: 58.40", "    fund: 58.4万");
    assert_located(&err, line_of("    fund: 58.40"), "income[0].fund");
    assert!(err.contains("not an amount"), "{err}");
}

#[test]
fn functional_code_not_shaped_like_a_xiang() {
    let err = broken("code: \"2011350\"", "code: \"201135\"");
    assert_located(&err, line_of("code: \"2011350\""), "expenditure[0].code");
    assert!(err.contains("seven digits"), "{err}");
}

#[test]
fn economic_code_not_shaped_like_a_kuan() {
    let err = broken("code: \"30101\"", "code: \"3010\"");
    assert_located(&err, line_of("code: \"30101\""), "economic[0].code");
    assert!(err.contains("five digits"), "{err}");
}

#[test]
fn not_utf8() {
    let site = TempSite::copy_example();
    assert!(site.build().status.success());
    let before = snapshot(&site.out());
    let p = site.root().join("content").join(FILE);
    let mut bytes = std::fs::read(&p).unwrap();
    bytes.extend_from_slice(b"\nnote: \xb2\xbb\n"); // GBK bytes
    std::fs::write(&p, bytes).unwrap();
    let out = site.build();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("not valid UTF-8") && err.contains("UTF-8"),
        "{err}"
    );
    assert_eq!(before, snapshot(&site.out()));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = TempSite::copy_example();
    std::fs::create_dir_all(site.out()).unwrap();
    std::fs::write(site.out().join("precious.txt"), "keep me").unwrap();
    let out = site.build();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(site.out().join("precious.txt")).unwrap(),
        "keep me"
    );
}
