//! `gongkai init`: a new site that builds and checks at once, for either built-in profile.

/// Runs gongkai in Chinese, the language clerks read.
fn run(args: &[&str]) -> (bool, String) {
    run_in("zh", args)
}

fn run_in(lang: &str, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", lang)
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn a_new_site_builds_and_checks_at_once() {
    for profile in ["jiyuan-13", "putuo-9"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("新网站");
        let d = dir.to_str().unwrap();
        let (ok, text) = run(&["init", d, "--profile", profile, "--year", "2026"]);
        assert!(ok, "{text}");
        assert!(
            text.contains("下一步") && text.contains("gongkai new 2026"),
            "{text}"
        );
        let site = std::fs::read_to_string(dir.join("content/site.yaml")).unwrap();
        // Every field of site.yaml is there, each under a Chinese comment.
        for field in [
            "title:",
            "region:",
            "publisher:",
            "footer:",
            "base_url:",
            "contact:",
            "profile:",
        ] {
            let lines: Vec<&str> = site.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.trim_start_matches("# ").starts_with(field))
                .unwrap_or_else(|| panic!("{field} missing"));
            let before = lines[..at].last().copied().unwrap_or("");
            assert!(
                before.starts_with('#') && before.chars().any(|c| c > '\u{2e80}'),
                "{field}: no Chinese comment above it"
            );
        }
        assert!(site.contains(&format!("profile: {profile}")));
        assert!(dir.join("content/2026").is_dir());
        let glossary = std::fs::read_to_string(dir.join("content/glossary.yaml")).unwrap();
        assert!(glossary.contains("- term: "), "{profile}: glossary");

        let (ok, text) = run(&["check", "--root", d]);
        assert!(ok, "{profile}: check failed:\n{text}");
        let out = tmp.path().join("public");
        let (ok, text) = run(&["build", "--root", d, "--out", out.to_str().unwrap()]);
        assert!(ok, "{profile}: build failed:\n{text}");
        assert!(out.join("index.html").is_file());

        // A second init refuses and changes nothing.
        let (ok, text) = run(&["init", d, "--profile", profile]);
        assert!(!ok && text.contains("已经存在"), "{text}");
        assert_eq!(
            std::fs::read_to_string(dir.join("content/site.yaml")).unwrap(),
            site
        );
    }
}

#[test]
fn an_unknown_profile_is_refused_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("x");
    let (ok, text) = run(&["init", d.to_str().unwrap(), "--profile", "shanghai"]);
    assert!(!ok);
    assert!(
        text.contains("没有名为 `shanghai` 的公开格式") && text.contains("jiyuan-13"),
        "{text}"
    );
    assert!(!d.join("content").exists());
}

#[test]
fn init_speaks_the_chosen_language() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("site");
    let d = d.to_str().unwrap();
    let (ok, text) = run_in(
        "en",
        &["init", d, "--profile", "jiyuan-13", "--year", "2026"],
    );
    assert!(ok, "{text}");
    assert!(
        text.contains("created a new site") && text.contains("next:"),
        "{text}"
    );
    assert!(!text.contains("下一步"), "{text}");
    let (ok, text) = run_in("en", &["init", d, "--profile", "jiyuan-13"]);
    assert!(!ok && text.contains("already exists"), "{text}");
    let (ok, text) = run(&["init", &format!("{d}2"), "--profile", "jiyuan-13"]);
    assert!(ok && text.contains("下一步"), "{text}");
}
