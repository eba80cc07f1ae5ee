//! A site's own profile ships its own default text, and `check` reads the amounts typed into
//! the department's texts under `narrative` (uses, reasons) as it reads `prose`.

use gongkai::check::{Diagnostic, Severity};
use tempfile::TempDir;

const SAMPLE: &str = include_str!("../../content/2024/085.yaml");
const SITE: &str = include_str!("../../content/site.yaml");
const GLOSSARY: &str = include_str!("../../content/glossary.yaml");
const PROFILE: &str = include_str!("../../profiles/jiyuan-13.yaml");
const TEXT: &str = include_str!("../../profiles/jiyuan-13.narrative.md");

/// A site with `files` (path, text) beside the sample.
fn site(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-profile-text-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let mut all = vec![
        ("content/site.yaml", SITE.to_owned()),
        ("content/glossary.yaml", GLOSSARY.to_owned()),
        ("content/2024/085.yaml", SAMPLE.to_owned()),
    ];
    all.extend(files.iter().map(|(p, t)| (*p, (*t).to_owned())));
    for (path, text) in all {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// The site's profile `ours`, a copy of 济源's, with `text` as its default text.
fn own_profile(text: &str) -> TempDir {
    let profile = PROFILE.replacen("name: jiyuan-13\n", "name: ours\n", 1);
    assert!(profile.contains("name: ours\n"));
    site(&[
        ("content/site.yaml", &format!("{SITE}\nprofile: ours\n")),
        ("profiles/ours.yaml", &profile),
        ("profiles/ours.narrative.md", text),
    ])
}

#[test]
fn a_site_profile_ships_its_own_default_text() {
    let heading = "### 一、收入支出预算总体情况说明\n\n";
    let text = TEXT.replacen(
        heading,
        &format!(
            "{heading}本部门共有{{单位数.总数}}个单位，收入合计{{收入总计|两位|千分位}}万元。\n\n"
        ),
        1,
    );
    assert_ne!(text, TEXT);
    let dir = own_profile(&text);
    let report = gongkai::check::check_site(dir.path()).unwrap_or_else(|p| panic!("{p}"));
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
        "{:?}",
        report.diagnostics
    );
    let built = crate::common::build_site(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let page = std::fs::read_to_string(built.path().join("public/2024/085/index.html")).unwrap();
    assert!(
        crate::common::narrative_text(&page).contains("本部门共有1个单位，收入合计1,042.10万元。"),
        "{}",
        crate::common::narrative_text(&page)
    );
}

#[test]
fn a_site_default_text_that_does_not_parse_is_refused_at_its_line() {
    let text = TEXT.replacen("{收入总计}", "{收入总计", 1);
    let line = text
        .lines()
        .position(|l| l.contains("{收入总计万元"))
        .unwrap()
        + 1;
    let dir = own_profile(&text);
    let shown = gongkai::check::check_site(dir.path())
        .expect_err("a broken default text")
        .to_string();
    assert!(shown.contains("ours.narrative.md"), "{shown}");
    assert!(shown.contains(&format!(":{line}")), "line {line}: {shown}");
}

fn typed(text: &str) -> Vec<Diagnostic> {
    let dir = site(&[("content/2024/085.yaml", text)]);
    gongkai::check::check_site(dir.path())
        .unwrap_or_else(|p| panic!("{p}"))
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == "prose-typed-amount")
        .collect()
}

#[test]
fn amounts_typed_into_uses_and_reasons_are_read_like_prose() {
    // 机关运行经费 is 43.30万元; a use text that states 43.20 is an error at its line.
    let from = "running_costs_use: 主要保障";
    let text = SAMPLE.replacen(
        from,
        "running_costs_use: 机关运行经费43.20万元，主要保障",
        1,
    );
    assert_ne!(text, SAMPLE);
    let ds = typed(&text);
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].severity, Severity::Error);
    assert!(
        ds[0].message.contains("narrative.running_costs_use"),
        "{}",
        ds[0].message
    );
    let line = text.lines().position(|l| l.contains("43.20万元")).unwrap() + 1;
    assert_eq!(ds[0].line, Some(line));
    // A reason quoting the right figure is a note suggesting the reference.
    let text = SAMPLE.replacen(
        "reason: 该部门为2024年新增预算单位",
        "reason: 该部门为2024年新增预算单位，收入总计1042.10万元",
        1,
    );
    assert_ne!(text, SAMPLE);
    let ds = typed(&text);
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].severity, Severity::Note);
    assert!(
        ds[0].message.contains("previous_year.total.reason"),
        "{}",
        ds[0].message
    );
}

#[test]
fn duties_are_numbered_as_the_profile_or_the_department_says() {
    use gongkai::content::numbering::NumberStyle;
    let d: gongkai::content::model::Disclosure = gongkai::content::yaml::from_str(SAMPLE).unwrap();
    let labels = |d: &gongkai::content::model::Disclosure,
                  p: &gongkai::content::profile::Profile| {
        let v = gongkai::render::page::disclosure_view(d, &[], p, &[]);
        v.duties
            .iter()
            .map(|n| n.number.clone())
            .take(2)
            .collect::<Vec<_>>()
    };
    let jiyuan = gongkai::content::profile::Profile::default_profile();
    assert_eq!(labels(&d, &jiyuan), ["（一）", "（二）"]);
    let putuo = gongkai::content::profile::Profile::built_in("putuo-9").unwrap();
    assert_eq!(labels(&d, &putuo), ["1、", "2、"]);
    let mut dotted = jiyuan.clone();
    dotted.duties_numbering = Some(NumberStyle::Dot);
    assert_eq!(labels(&d, &dotted), ["1.", "2."]);
    // The department's own choice wins over the profile's.
    let text = SAMPLE.replacen("  duties:\n", "  duties_numbering: 一、\n  duties:\n", 1);
    assert_ne!(text, SAMPLE);
    let own: gongkai::content::model::Disclosure = gongkai::content::yaml::from_str(&text).unwrap();
    assert_eq!(labels(&own, &dotted), ["一、", "二、"]);
    let bad = SAMPLE.replacen("  duties:\n", "  duties_numbering: 甲、\n  duties:\n", 1);
    assert!(gongkai::content::yaml::from_str::<gongkai::content::model::Disclosure>(&bad).is_err());
    // On the page: 「1.」 straight before the duty.
    let dir = site(&[(
        "content/2024/085.yaml",
        &SAMPLE.replacen("  duties:\n", "  duties_numbering: \"1.\"\n  duties:\n", 1),
    )]);
    let built = crate::common::build_site(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let page = std::fs::read_to_string(built.path().join("public/2024/085/index.html")).unwrap();
    assert!(
        page.contains(&format!("<p>1.{}</p>", d.overview.duties[0])),
        "{page}"
    );
}
