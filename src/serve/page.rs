//! The pages only the preview shows: the error page, and the live-reload script (with a notice
//! when some file is broken) added to every HTML response.
//!
//! They are built from their own template, not the site's: a broken site template must not
//! hide the page that explains it.

use super::issues::Issue;
use super::{Broken, Snapshot};
use serde::Serialize;
use std::sync::OnceLock;
use tera::{Context, Tera};

const TEMPLATE: &str = include_str!("error.html");

fn tera() -> &'static Tera {
    static T: OnceLock<Tera> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tera::default();
        t.add_raw_template("error.html", TEMPLATE)
            .expect("the built-in error page is valid");
        t.autoescape_on(vec![".html"]);
        t.set_escape_fn(crate::render::escape);
        t
    })
}

#[derive(Serialize)]
struct FileIssues<'a> {
    file: &'a str,
    issues: &'a [Issue],
}

fn render(heading: &str, lead: &str, files: &[FileIssues]) -> Vec<u8> {
    let text: Vec<&str> = files
        .iter()
        .flat_map(|f| f.issues.iter().map(|i| i.text.as_str()))
        .collect();
    let mut c = Context::new();
    c.insert("heading", heading);
    c.insert("lead", lead);
    c.insert("files", files);
    c.insert("text", &text.join("\n"));
    tera()
        .render("error.html", &c)
        .unwrap_or_else(|e| {
            format!("<!DOCTYPE html><title>error</title><body><pre>{e}</pre></body>")
        })
        .into_bytes()
}

/// The page shown in place of a disclosure whose file is broken.
pub fn broken(b: &Broken, _now: &Snapshot) -> Vec<u8> {
    render(
        &format!("{} 有错误，本页暂时无法生成", b.file),
        "其他页面仍显示最近一次成功生成的内容。",
        &[FileIssues {
            file: &b.file,
            issues: &b.issues,
        }],
    )
}

/// The page shown for every page when the site as a whole cannot be built.
pub fn fatal(issues: &[Issue], _now: &Snapshot) -> Vec<u8> {
    let files: Vec<FileIssues> = issues
        .chunk_by(|a, b| a.file == b.file)
        .map(|run| FileIssues {
            file: &run[0].file,
            issues: run,
        })
        .collect();
    render(
        "网站无法生成",
        "网站设置、名词解释或模板有错误，改好之前无法生成任何页面。",
        &files,
    )
}

/// All current errors.
pub fn errors(now: &Snapshot) -> Vec<u8> {
    if let Some(f) = &now.fatal {
        return fatal(f, now);
    }
    let files: Vec<FileIssues> = now
        .broken
        .iter()
        .map(|b| FileIssues {
            file: &b.file,
            issues: &b.issues,
        })
        .collect();
    let heading = if files.is_empty() {
        "没有错误".to_owned()
    } else {
        format!("{} 个文件有错误", files.len())
    };
    render(&heading, "有错误的文件保持最近一次成功生成的页面。", &files)
}

/// Script (and notice) added before `</body>` of every HTML response. It asks the server,
/// holding the request open until a build newer than this page's, then reloads.
pub fn injection(now: &Snapshot) -> String {
    let mut s = String::new();
    if now.fatal.is_none() && !now.broken.is_empty() {
        let names: Vec<String> = now.broken.iter().map(|b| escape(&b.file)).collect();
        s.push_str(&format!(
            "<div id=\"gongkai-notice\" role=\"alert\" style=\"position:fixed;bottom:0;left:0;right:0;z-index:9999;background:#a00;color:#fff;padding:.5rem 1rem;font:15px/1.5 system-ui,sans-serif\">{} 个文件有错误：{}。<a href=\"{}\" style=\"color:#fff;text-decoration:underline\">查看错误</a></div>",
            names.len(),
            names.join("、"),
            super::http::ERRORS
        ));
    }
    s.push_str(&format!(
        "<script>(function(){{var b={};function poll(){{fetch('{}?since='+b,{{cache:'no-store'}}).then(function(r){{return r.text()}}).then(function(t){{if(t.trim()!==String(b)){{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>",
        now.build,
        super::http::EVENTS
    ));
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(file: &str, msg: &str) -> Issue {
        Issue {
            file: file.into(),
            line: Some(3),
            column: None,
            field: Some("income[0].appropriation".into()),
            severity: "error",
            rule: Some("T1-balance".into()),
            message: msg.into(),
            expected: Some("1042.10".into()),
            actual: Some("1042.20".into()),
            hint: Some("fix <it>".into()),
            excerpt: Vec::new(),
            text: format!("error: {file}: {msg}"),
        }
    }

    #[test]
    fn the_error_page_shows_everything_and_escapes_it() {
        let b = Broken {
            file: "content/2024/085.yaml".into(),
            pages: Some("2024/085/".into()),
            issues: vec![issue("content/2024/085.yaml", "<b>bad</b>")],
        };
        let html = String::from_utf8(broken(&b, &Snapshot::default())).unwrap();
        for part in [
            "content/2024/085.yaml",
            "第 3 行",
            "income[0].appropriation",
            "T1-balance",
            "1042.10",
            "1042.20",
            "fix &lt;it&gt;",
            "&lt;b&gt;bad&lt;/b&gt;",
        ] {
            assert!(html.contains(part), "{part} missing from {html}");
        }
        assert!(!html.contains("<b>bad"));
    }

    #[test]
    fn fatal_groups_issues_by_file() {
        let issues = vec![
            issue("content/site.yaml", "one"),
            issue("content/site.yaml", "two"),
            issue("templates/base.html", "three"),
        ];
        let html = String::from_utf8(fatal(&issues, &Snapshot::default())).unwrap();
        assert_eq!(html.matches("<section class=\"file\">").count(), 2);
        assert_eq!(html.matches("<article class=\"issue error\">").count(), 3);
    }

    #[test]
    fn the_notice_appears_only_when_a_file_is_broken() {
        let mut now = Snapshot {
            build: 7,
            ..Snapshot::default()
        };
        assert!(!injection(&now).contains("gongkai-notice"));
        assert!(injection(&now).contains("var b=7;"));
        now.broken.push(Broken {
            file: "content/2024/<x>.yaml".into(),
            pages: None,
            issues: Vec::new(),
        });
        let s = injection(&now);
        assert!(s.contains("gongkai-notice") && s.contains("content/2024/&lt;x&gt;.yaml"));
    }
}
