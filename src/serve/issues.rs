//! What went wrong, in the one shape the error page and the terminal show, whatever step
//! found it: a load problem or a failed check rule.

use crate::check::Diagnostic;
use crate::content::problem::{Problem, Problems};
use crate::messages::{say, tr};
use crate::output::BuildError;
use serde::Serialize;
use std::path::Path;

/// One line of a file shown with a finding.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
    /// The line the finding is about.
    pub here: bool,
}

/// One finding, ready for the error page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Issue {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<String>,
    /// `error`, `warning` or `note`: the page sets warnings and notes apart from errors.
    pub severity: &'static str,
    /// The rule that failed (check rules have ids; load problems have none).
    pub rule: Option<String>,
    pub message: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub hint: Option<String>,
    /// The file's lines around `line`, for the error page.
    pub excerpt: Vec<Line>,
    /// The finding as the terminal prints it.
    pub text: String,
}

impl Issue {
    fn from_problem(p: &Problem) -> Issue {
        Issue {
            file: p.file.display().to_string(),
            line: p.line,
            column: p.column,
            field: p.field.clone(),
            severity: "error",
            rule: None,
            message: tr(&p.message).into_owned(),
            expected: None,
            actual: None,
            hint: p.hint.as_deref().map(|h| tr(h).into_owned()),
            excerpt: Vec::new(),
            text: format!("{}: {p}", say("错误", "error")),
        }
    }

    fn from_diagnostic(d: &Diagnostic) -> Issue {
        Issue {
            file: d.file.display().to_string(),
            line: d.line,
            column: None,
            field: d.facts.first().map(|f| f.field.clone()),
            severity: d.severity.label(),
            rule: Some(d.rule.to_owned()),
            message: tr(&d.message).into_owned(),
            expected: d.expected.clone(),
            actual: d.actual.clone(),
            hint: Some(tr(&d.hint).into_owned()).filter(|h| !h.is_empty()),
            excerpt: Vec::new(),
            text: d.text().trim_end().to_owned(),
        }
    }

    /// Fills in the lines around the finding from the file under `root`.
    fn with_excerpt(mut self, root: &Path) -> Issue {
        let Some(line) = self.line else { return self };
        let Ok(text) = std::fs::read_to_string(root.join(&self.file)) else {
            return self;
        };
        let first = line.saturating_sub(3).max(1);
        self.excerpt = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .skip(first - 1)
            .take(line + 4 - first)
            .map(|(number, l)| Line {
                number,
                text: l.to_owned(),
                here: number == line,
            })
            .collect();
        self
    }
}

/// The findings of a failed build step. Every kind of build error is listed here, so a new
/// kind (the check report) cannot be added without saying how the preview shows it.
pub fn issues(e: &BuildError, root: &Path) -> Vec<Issue> {
    let list = match e {
        BuildError::Input(Problems(ps)) => ps.iter().map(Issue::from_problem).collect(),
        BuildError::Check(r) => r.diagnostics.iter().map(Issue::from_diagnostic).collect(),
        BuildError::Failed(m) => vec![Issue {
            file: String::new(),
            line: None,
            column: None,
            field: None,
            severity: "error",
            rule: None,
            message: m.clone(),
            expected: None,
            actual: None,
            hint: None,
            excerpt: Vec::new(),
            text: format!("{}: {m}", say("错误", "error")),
        }],
    };
    list.into_iter().map(|i| i.with_excerpt(root)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_keeps_file_line_field_and_hint_and_shows_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/2024")).unwrap();
        std::fs::write(
            dir.path().join("content/2024/085.yaml"),
            "a: 1\nb: 2\nc: 3\nd: x\ne: 5\nf: 6\ng: 7\nh: 8\n",
        )
        .unwrap();
        let p = Problem::new("content/2024/085.yaml", "`x` is not an amount")
            .at(Some(4), Some(4))
            .field("d")
            .hint("write a number");
        let found = issues(&BuildError::Input(p.clone().into()), dir.path());
        assert_eq!(found.len(), 1);
        let i = &found[0];
        assert_eq!((i.line, i.field.as_deref()), (Some(4), Some("d")));
        assert_eq!(i.hint.as_deref(), Some("write a number"));
        assert_eq!(i.text, format!("error: {p}"));
        let lines: Vec<usize> = i.excerpt.iter().map(|l| l.number).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 6, 7]);
        assert!(i.excerpt[3].here && i.excerpt[3].text == "d: x");
        assert_eq!(i.excerpt.iter().filter(|l| l.here).count(), 1);
    }
}
