//! Messages a clerk reads are Chinese by default, English on request, with the place kept.

mod common;

use common::TempSite;
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
