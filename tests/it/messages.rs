//! Messages a clerk reads are Chinese by default, English on request, with the place kept.

use crate::common::TempSite;
use std::process::Command;

fn check(root: &std::path::Path, lang: Option<&str>) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.env_remove("GONGKAI_LANG")
        .env_remove("LC_ALL")
        .env("LANG", "C.UTF-8")
        .arg("check")
        .arg("--root")
        .arg(root);
    if let Some(l) = lang {
        c.arg("--lang").arg(l);
    }
    let out = c.output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_yaml_error_is_told_in_chinese_with_its_place() {
    let site = TempSite::copy_example();
    site.replace(
        "2024/085.yaml",
        "appropriation: 983.70",
        "appropriation: [983.70",
    );
    let zh = check(site.root(), None);
    assert!(zh.contains("content/2024/085.yaml:"), "{zh}");
    assert!(
        zh.contains("类型不对") && zh.contains("怎么改：") || zh.contains("怎么改: "),
        "{zh}"
    );
    for english in [
        "invalid type",
        "did not find expected",
        "hint:",
        "wrong kind",
    ] {
        assert!(!zh.contains(english), "{english}: {zh}");
    }
    let en = check(site.root(), Some("en"));
    assert!(
        en.contains("this should be") && en.contains("hint:"),
        "{en}"
    );
}

#[test]
fn an_unknown_field_and_an_amount_are_told_in_chinese() {
    let site = TempSite::copy_example();
    site.replace(
        "2024/085.yaml",
        "appropriation: 983.70",
        "apropriation: 983.70",
    );
    let zh = check(site.root(), None);
    assert!(zh.contains("不认识的字段 `apropriation`"), "{zh}");
    let site = TempSite::copy_example();
    site.replace(
        "2024/085.yaml",
        "appropriation: 983.70",
        "appropriation: 98x.70",
    );
    let zh = check(site.root(), None);
    assert!(
        zh.contains("`98x.70` 不是金额") && zh.contains("金额请只写数字"),
        "{zh}"
    );
}

#[test]
fn the_summary_is_chinese() {
    let site = TempSite::copy_example();
    let zh = check(site.root(), None);
    assert!(zh.contains("检查了") && zh.contains("个错误"), "{zh}");
    assert!(zh.contains("警告["), "{zh}");
}

/// Runs `check` in Chinese on the example broken by `from → to`.
fn check_zh_broken(from: &str, to: &str) -> String {
    let site = TempSite::copy_example();
    site.replace("2024/085.yaml", from, to);
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "zh")
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The first run of four or more English words in `text`, outside `code spans`: field
/// names, codes, numbers and paths are single tokens and pass.
fn english_sentence(text: &str) -> Option<String> {
    for line in text.lines() {
        let mut outside = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                outside.push_str(part);
                outside.push(' ');
            }
        }
        let mut run: Vec<&str> = Vec::new();
        for w in outside.split(|c: char| c.is_whitespace() || "，。；：（）,;:()".contains(c))
        {
            if w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                run.push(w);
                if run.len() >= 4 {
                    return Some(format!("{} … in: {line}", run.join(" ")));
                }
            } else if !w.is_empty() {
                run.clear();
            }
        }
    }
    None
}

#[test]
fn bad_input_reads_as_chinese_with_its_place() {
    let cases = [
        // An indent one space short.
        (
            "    appropriation: 983.70",
            "   appropriation: 983.70",
            "缩进",
        ),
        // A misspelt field.
        (
            "    appropriation: 983.70",
            "    apropriation: 983.70",
            "不认识的字段",
        ),
        // A list where an amount belongs.
        (
            "    appropriation: 983.70",
            "    appropriation: [983.70]",
            "应当是",
        ),
        // An amount with a typo.
        (
            "    appropriation: 983.70",
            "    appropriation: 98x.70",
            "不是金额",
        ),
        // An unclosed bracket.
        (
            "    appropriation: 983.70",
            "    appropriation: [983.70",
            "怎么改",
        ),
        // Income and expenditure that no longer balance.
        (
            "    appropriation: 983.70",
            "    appropriation: 993.70",
            "收入和支出必须平衡",
        ),
    ];
    for (from, to, said) in cases {
        let zh = check_zh_broken(from, to);
        assert!(
            zh.contains("content/2024/085.yaml:"),
            "{to}: no file and line: {zh}"
        );
        assert!(zh.contains(said), "{to}: {said:?} not said: {zh}");
        // The errors, with their facts and hints (the example's warnings are not at issue).
        let mut errors = String::new();
        let mut keep = true;
        for line in zh.lines() {
            if !line.starts_with("    ") {
                keep = !line.starts_with("  警告[") && !line.starts_with("  提示[");
            }
            if keep {
                errors.push_str(line);
                errors.push('\n');
            }
        }
        if let Some(s) = english_sentence(&errors) {
            panic!("{to}: English left in the Chinese message: {s}\n{zh}");
        }
    }
}

#[test]
fn the_english_detector_finds_english() {
    assert!(english_sentence("错误: income[0].appropriation `99x.70` 不是金额。").is_none());
    assert!(english_sentence("怎么改: compare the income line with 收入").is_some());
}
