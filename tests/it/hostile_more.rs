//! Hostile input found by trying the tool as an attacker and as a careless clerk would:
//! overflowing amounts, a script through a correction date, a second file for one
//! department, an unsafe `base_url`, commands replacing what they did not write, special
//! files where content belongs, hidden characters. Each test failed before its fix.

use crate::common::{TempSite, gongkai};
use std::process::Output;

const FILE: &str = "2024/085.yaml";

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn check(site: &TempSite) -> Output {
    gongkai(&["check", "--root", &site.root().to_string_lossy()])
}

/// `check` and `build` both refuse with exit 1 and a located message containing `want`;
/// nothing panics and nothing is published.
fn refused_alike(site: &TempSite, want: &[&str]) {
    for (what, o) in [("check", check(site)), ("build", site.build())] {
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{what}: {t}");
        assert!(!t.contains("panicked"), "{what}: {t}");
        for w in want {
            assert!(t.contains(w), "{what} should say {w:?}: {t}");
        }
    }
    assert!(!site.out().join("index.html").exists(), "nothing published");
}

#[test]
fn a_27_digit_amount_is_refused_at_load_not_a_panic_in_build() {
    let site = TempSite::copy_example();
    site.replace(
        FILE,
        "    appropriation: 983.70",
        "    appropriation: 123456789012345678901234567",
    );
    refused_alike(&site, &["content/2024/085.yaml:", "太大"]);
}

#[test]
fn two_amounts_near_the_decimal_limit_do_not_panic_check() {
    let site = TempSite::copy_example();
    site.replace(
        FILE,
        "    appropriation: 983.70",
        "    appropriation: 40000000000000000000000000000",
    );
    site.replace(
        FILE,
        "general: { wages: 605.30,",
        "general: { wages: 40000000000000000000000000000,",
    );
    refused_alike(&site, &["太大"]);
}

#[test]
fn the_bound_follows_the_unit_of_the_file() {
    // 10^11 万元 is 10^15 元: refused in a 万元 file, with the field's line.
    let site = TempSite::copy_example();
    site.replace(
        FILE,
        "    appropriation: 983.70",
        "    appropriation: 100000000000",
    );
    refused_alike(&site, &["income[0].appropriation", "10^15 元"]);
}

/// Every amount of the sample just below the bound: whatever the checks say, nothing
/// overflows in check, derive or render.
#[test]
fn every_amount_at_the_bound_builds_or_is_refused_without_a_panic() {
    let site = TempSite::copy_example();
    let p = site.root().join("content").join(FILE);
    let src = std::fs::read_to_string(&p).unwrap();
    let mut out = String::new();
    for line in src.lines() {
        let mut l = String::new();
        let mut rest = line;
        // Replace every `NNN.NN` after a `: ` or `{ ` with the largest amount allowed.
        while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
            let (head, tail) = rest.split_at(i);
            let end = tail
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(tail.len());
            let num = &tail[..end];
            l += head;
            let is_amount =
                num.contains('.') && num.split('.').nth(1).is_some_and(|d| d.len() == 2);
            l += if is_amount && head.ends_with(": ") {
                "99999999999.99"
            } else {
                num
            };
            rest = &tail[end..];
        }
        out += &l;
        out += rest;
        out += "\n";
    }
    std::fs::write(&p, out).unwrap();
    for o in [check(&site), site.build()] {
        let t = text(&o);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{t}");
        assert!(!t.contains("panicked") && !t.contains("overflow"), "{t}");
    }
}

#[test]
fn misplaced_thousands_separators_are_refused() {
    for bad in ["\"1,00.5\"", "\"10,0000\""] {
        let site = TempSite::copy_example();
        site.replace(
            FILE,
            "    appropriation: 983.70",
            &format!("    appropriation: {bad}"),
        );
        refused_alike(&site, &["千位分隔符"]);
    }
}

#[test]
fn a_correction_date_must_be_a_calendar_date() {
    for date in [
        "2024-01-01</updated><script xmlns=\\\"http://www.w3.org/1999/xhtml\\\">alert(1)</script><updated>",
        "9999-99-99",
        "2024-02-31",
    ] {
        let site = TempSite::copy_example();
        let p = site.root().join("content").join(FILE);
        let t = std::fs::read_to_string(&p).unwrap()
            + &format!("\ncorrections:\n  - date: \"{date}\"\n    text: 更正。\n");
        std::fs::write(&p, t).unwrap();
        refused_alike(&site, &["corrections[0].date", "不是有效日期"]);
    }
}

#[test]
fn hidden_and_xml_forbidden_characters_are_refused_with_their_place() {
    for (c, what) in [
        ("\\u202E", "U+202E"),
        ("\\u200B", "U+200B"),
        ("\\u2028", "U+2028"),
        ("\\uFFFE", "U+FFFE"),
        ("\\x00", "U+0000"),
    ] {
        let site = TempSite::copy_example();
        site.replace(
            FILE,
            "name: 济源产城融合示范区招商引资服务中心\n",
            &format!("name: \"济源{c}招商引资服务中心\"\n"),
        );
        refused_alike(&site, &["content/2024/085.yaml:", "name", what]);
    }
}

#[test]
fn a_second_file_for_one_department_year_is_an_error_naming_both() {
    let site = TempSite::copy_example();
    let dir = site.root().join("content/2024");
    std::fs::copy(dir.join("085.yaml"), dir.join("085.yml")).unwrap();
    refused_alike(&site, &["content/2024/085.yaml", "content/2024/085.yml"]);
}

#[test]
fn an_upper_case_extension_is_reported_not_skipped() {
    let site = TempSite::copy_example();
    let dir = site.root().join("content/2024");
    std::fs::rename(dir.join("056.yaml"), dir.join("056.YAML")).unwrap();
    refused_alike(&site, &["056.YAML", "小写"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_or_a_fifo_where_content_belongs_is_reported_without_hanging() {
    let site = TempSite::copy_example();
    let dir = site.root().join("content/2024");
    std::os::unix::fs::symlink("/etc/passwd", dir.join("099.yaml")).unwrap();
    let fifo = dir.join("098.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    refused_alike(&site, &["099.yaml", "符号链接", "098.yaml"]);
    // The linked file's lines are never shown.
    assert!(!text(&check(&site)).contains("root:"));
}

#[cfg(unix)]
#[test]
fn site_yaml_as_a_fifo_does_not_hang() {
    let site = TempSite::copy_example();
    let p = site.root().join("content/site.yaml");
    std::fs::remove_file(&p).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&p).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    refused_alike(&site, &["site.yaml", "not an ordinary file"]);
}

#[test]
fn base_url_with_markup_or_line_breaks_is_refused() {
    for url in [
        "https://x.gov.cn/\\\"><script>alert(1)</script>",
        "https://x.gov.cn/a\\r\\nSitemap: https://evil.example/s.xml",
        "javascript:alert(1)",
    ] {
        let site = TempSite::copy_example();
        site.replace(
            "site.yaml",
            "base_url: https://www.example.gov.cn/zwgk/yjs/",
            &format!("base_url: \"{url}\""),
        );
        refused_alike(&site, &["content/site.yaml:", "base_url"]);
    }
}

#[test]
fn archive_does_not_overwrite_a_file_it_did_not_write() {
    let site = TempSite::copy_example();
    let root = site.root().to_string_lossy().into_owned();
    let victim = site.root().join("content/2024/085.yaml");
    let before = std::fs::read(&victim).unwrap();
    let o = gongkai(&[
        "archive",
        "2024",
        "--root",
        &root,
        "--out",
        &victim.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("不会覆盖"), "{}", text(&o));
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        before,
        "the file is untouched"
    );

    // Its own archive it replaces.
    let zip = site.root().join("a.zip");
    for _ in 0..2 {
        let o = gongkai(&[
            "archive",
            "2024",
            "--root",
            &root,
            "--out",
            &zip.to_string_lossy(),
        ]);
        assert!(o.status.success(), "{}", text(&o));
    }
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "no working files left");
}

#[cfg(unix)]
#[test]
fn an_out_folder_given_as_a_symlink_is_refused() {
    let site = TempSite::copy_example();
    let real = site.root().join("elsewhere");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, site.out()).unwrap();
    let o = site.build();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("符号链接"), "{}", text(&o));
    assert!(
        std::fs::symlink_metadata(site.out())
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is left as it was"
    );
}

/// Freeze 2024; change a figure with a correction (published); change it again without a
/// new correction: refused. Rewriting or deleting the published correction: refused.
#[test]
fn a_frozen_year_needs_a_new_correction_for_every_change_and_keeps_old_ones() {
    let site = TempSite::copy_example();
    let root = site.root().to_string_lossy().into_owned();
    let frozen = gongkai(&["freeze", "2024", "--root", &root]);
    assert!(frozen.status.success(), "{}", text(&frozen));
    // 10万元 more wages from 财政拨款, consistent across the tables; 2025 follows.
    let raise = |from: &str, to: &str, y2025: (&str, &str, &str, &str)| {
        site.replace(
            FILE,
            &format!("    appropriation: {from}"),
            &format!("    appropriation: {to}"),
        );
        site.replace(
            FILE,
            &format!("general: {{ wages: {},", y2025.0),
            &format!("general: {{ wages: {},", y2025.1),
        );
        site.replace(
            FILE,
            &format!("general: {{ personnel: {} }}", y2025.2),
            &format!("general: {{ personnel: {} }}", y2025.3),
        );
        site.replace(
            "2025/085.yaml",
            &format!("total:            {{ amount: {}", add_one_thousand(from)),
            &format!("total:            {{ amount: {}", add_one_thousand(to)),
        );
        site.replace(
            "2025/085.yaml",
            &format!("general:          {{ amount: {from}"),
            &format!("general:          {{ amount: {to}"),
        );
    };
    raise("983.70", "993.70", ("605.30", "615.30", "171.90", "181.90"));
    let p = site.root().join("content").join(FILE);
    let with_correction = std::fs::read_to_string(&p).unwrap()
        + "\ncorrections:\n  - date: \"2024-07-01\"\n    text: 更正基本工资预算数，增加10万元。\n";
    std::fs::write(&p, &with_correction).unwrap();
    let ok = site.build();
    assert!(ok.status.success(), "{}", text(&ok));
    let p2025 = site.root().join("content/2025/085.yaml");
    let corrected_2025 = std::fs::read_to_string(&p2025).unwrap();

    // Again, without a new correction.
    raise(
        "993.70",
        "1003.70",
        ("615.30", "625.30", "181.90", "191.90"),
    );
    let refused = site.build();
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("2024 is frozen"),
        "{}",
        text(&refused)
    );

    // Back to the corrected figures, but the published correction rewritten.
    std::fs::write(&p2025, &corrected_2025).unwrap();
    std::fs::write(
        &p,
        with_correction.replace("更正基本工资预算数，增加10万元。", "无"),
    )
    .unwrap();
    let rewritten = site.build();
    assert_eq!(rewritten.status.code(), Some(1), "{}", text(&rewritten));
    assert!(
        text(&rewritten).contains("corrections[0]"),
        "{}",
        text(&rewritten)
    );
    assert!(
        text(&rewritten).contains("已发布的第 1 条更正"),
        "{}",
        text(&rewritten)
    );

    // Its date changed: refused too; restored: builds.
    std::fs::write(&p, with_correction.replace("2024-07-01", "2024-07-02")).unwrap();
    assert_eq!(site.build().status.code(), Some(1));
    std::fs::write(&p, &with_correction).unwrap();
    let again = site.build();
    assert!(again.status.success(), "{}", text(&again));
}

/// `983.70` → `1042.10`: the 2025 file's previous-year total is 58.40 more than 一般公共预算.
fn add_one_thousand(general: &str) -> String {
    let cents: i64 = general.replace('.', "").parse().unwrap();
    let total = cents + 5840;
    format!("{}.{:02}", total / 100, total % 100)
}

/// `verify` sees every file of the published folder, not only the year folders.
#[cfg(unix)]
#[test]
fn verify_covers_the_whole_site_and_fails_without_its_manifest() {
    let site = TempSite::copy_example();
    assert!(site.build().status.success());
    let out = site.out();
    let verify = || {
        let o = gongkai(&["verify", &out.to_string_lossy()]);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    assert_eq!(verify().0, Some(0), "{}", verify().1);
    std::fs::write(out.join("static/site.js"), "alert(1)").unwrap();
    std::fs::write(out.join("index.html"), "x").unwrap();
    std::fs::write(out.join("feed.xml"), "x").unwrap();
    std::fs::remove_file(out.join("2024/SHA256SUMS")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", out.join("2024/link.html")).unwrap();
    std::fs::write(out.join("dept/extra.html"), "x").unwrap();
    let (code, text) = verify();
    assert_eq!(code, Some(1), "{text}");
    for want in [
        "changed: static/site.js",
        "changed: index.html",
        "changed: feed.xml",
        "missing: 2024/SHA256SUMS",
        "symlink: 2024/link.html",
        "extra:   dept/extra.html",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    std::fs::remove_file(out.join("SHA256SUMS")).unwrap();
    let (code, text) = verify();
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("no manifest: SHA256SUMS"), "{text}");
    assert!(text.contains("no manifest: 2024/SHA256SUMS"), "{text}");
}

#[test]
fn new_refuses_a_name_with_a_line_break() {
    let site = TempSite::copy_example();
    let root = site.root().to_string_lossy().into_owned();
    let o = gongkai(&[
        "new",
        "2025",
        "099",
        "某部门\ncorrections: []",
        "--root",
        &root,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("不能换行"), "{}", text(&o));
    assert!(!site.root().join("content/2025/099.yaml").exists());
}
