//! Every example of wrong input that the docs give (docs/format.md, docs/checks.md,
//! docs/hostile-input.md), made in a copy of the example site and run through `gongkai check`
//! and `gongkai build` in Chinese: the clerk who reads the message must be able to fix the
//! file from it alone. So each message names the file and line (and the field where there is
//! one), is Chinese (no English sentence outside `code`, paths and field names), says in
//! Chinese what is wrong, and an error stops both commands.
//!
//! A new example in the docs is one more entry in `CASES` (messages_walk/cases.rs); one real
//! finding per family of check rules, with its Chinese wording, is in `FINDINGS`
//! (messages_walk/findings.rs).

use crate::common::TempSite;
use std::path::Path;
use std::process::Command;

mod cases;
mod findings;

use cases::{Append, CASES, Case, Copy, Edit, Replace};
use findings::FINDINGS;

/// Runs the binary in Chinese: `check` with `GONGKAI_LANG=zh`, `build` with no language set
/// at all (Chinese is the default). Returns the exit code and everything printed.
fn run(root: &Path, build: bool) -> (Option<i32>, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.env_remove("LC_ALL").env_remove("LANG");
    if build {
        c.env_remove("GONGKAI_LANG")
            .arg("build")
            .arg("--root")
            .arg(root)
            .arg("--out")
            .arg(root.join("public"));
    } else {
        c.env("GONGKAI_LANG", "zh")
            .arg("check")
            .arg("--root")
            .arg(root);
    }
    let out = c.output().expect("run gongkai");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// The first run of three or more English words in `text`, outside `code spans`. Field
/// paths, codes, amounts and file paths are single tokens with digits, dots or slashes, so
/// they pass; an English sentence does not.
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
        for w in outside.split(|c: char| c.is_whitespace() || ",;:()".contains(c)) {
            if w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                run.push(w);
                if run.len() >= 3 {
                    return Some(format!("「{}」 in: {line}", run.join(" ")));
                }
            } else if !w.is_empty() {
                run.clear();
            }
        }
    }
    None
}

/// 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the broken file"));
    text[..at].matches('\n').count() + 1
}

/// A fresh copy of a content folder of the repository, in a temporary site.
fn copy_of(example: &str) -> TempSite {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-walk-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("temp dir");
    crate::common::copy_tree(
        &crate::common::repo_root().join(example),
        &dir.path().join("content"),
    );
    TempSite { dir }
}

/// Applies the case's edit to a fresh copy of `example`; returns the site.
fn broken(example: &str, edit: &Edit) -> TempSite {
    let site = copy_of(example);
    match edit {
        Replace(file, from, to) => site.replace(file, from, to),
        Append(file, bytes) => {
            let p = site.root().join("content").join(file);
            let mut all = std::fs::read(&p).unwrap();
            all.extend_from_slice(bytes);
            std::fs::write(p, all).unwrap();
        }
        Copy(to, from) => {
            let c = site.root().join("content");
            std::fs::copy(c.join(from), c.join(to)).unwrap();
        }
    }
    site
}

/// Everything wrong with one case's messages, empty when it passes.
fn walk(case: &Case) -> Vec<String> {
    let site = broken(case.example, &case.edit);
    let mut wrong = Vec::new();
    let line = case.at.map(|needle| {
        let file = site.root().join(case.file);
        line_of(
            &String::from_utf8_lossy(&std::fs::read(file).unwrap()),
            needle,
        )
    });
    for build in [false, true] {
        let command = if build { "build" } else { "check" };
        let (code, out) = run(site.root(), build);
        let mut fail = |why: String| wrong.push(format!("{command}: {why}"));
        if out.contains("panicked") {
            fail("panicked".into());
        }
        match (case.error, code) {
            (true, Some(c)) if c != 0 => {}
            (false, Some(0)) => {}
            (_, c) => fail(format!("exit code {c:?}")),
        }
        let place = match line {
            Some(l) => format!("{}:{l}:", case.file),
            None => case.file.to_owned(),
        };
        if !out.contains(&place) {
            fail(format!("does not name {place}"));
        }
        if let Some(field) = case.field
            && !out.contains(field)
        {
            fail(format!("does not name the field {field}"));
        }
        if !out.contains("怎么改") {
            fail("gives no 怎么改 (hint)".into());
        }
        for said in case.said {
            if !out.contains(said) {
                fail(format!("does not say {said:?}"));
            }
        }
        if let Some(s) = english_sentence(&out) {
            fail(format!("English: {s}"));
        }
        if !wrong.is_empty() {
            wrong.push(format!("--- {command} printed ---\n{out}"));
        }
    }
    if case.error && site.out().join("index.html").exists() {
        wrong.push("build wrote a site despite the error".into());
    }
    wrong
}

#[test]
fn every_bad_input_example_of_the_docs_reads_as_chinese_with_its_place() {
    // Two workers: each case starts `check` and `build` on its own copy of the example.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(case) = CASES.get(i) else { break };
                    let wrong = walk(case);
                    if !wrong.is_empty() {
                        failures.lock().unwrap().push(format!(
                            "{}:\n  {}",
                            case.doc,
                            wrong.join("\n  ")
                        ));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_english_detector_finds_english_and_passes_paths_and_fields() {
    assert!(english_sentence("错误: 字段 `income[0].apropriation`: 不认识的字段").is_none());
    assert!(
        english_sentence("      第 153行  projects[1].targets.cost[0].value = 58.34万元").is_none()
    );
    assert!(english_sentence("已生成：写入 /tmp/gongkai-site-x/public").is_none());
    assert!(english_sentence("怎么改: compare the income line").is_some());
    assert!(english_sentence("T13 shows the project's 资金总额").is_some());
}

/// The findings of `gongkai check --format json` in Chinese: (rule, message, hint).
fn findings_zh(root: &Path) -> Vec<(String, String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "zh")
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .expect("run gongkai");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (s("rule"), s("message"), s("hint"))
        })
        .collect()
}

#[test]
fn each_family_of_rules_words_a_real_finding_in_chinese() {
    let mut failures = Vec::new();
    for f in FINDINGS {
        let site = match &f.edit {
            Some(e) => broken("content", e),
            None => copy_of("content"),
        };
        let found = findings_zh(site.root());
        let Some((_, message, hint)) = found.iter().find(|(r, _, _)| r == f.rule) else {
            failures.push(format!("{}: no {} finding in {found:?}", f.family, f.rule));
            continue;
        };
        for m in f.message {
            if !message.contains(m) {
                failures.push(format!("{}: message lacks {m:?}: {message}", f.family));
            }
        }
        for h in f.hint {
            if !hint.contains(h) {
                failures.push(format!("{}: hint lacks {h:?}: {hint}", f.family));
            }
        }
        for text in [message, hint] {
            if let Some(s) = english_sentence(text) {
                failures.push(format!("{}: English: {s}", f.family));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
