//! The findings of a run, as terminal text grouped by file or as JSON Lines.

use super::{Diagnostic, Fact, Severity};
use crate::content::problem::Problems;
use crate::messages::{say, tr, zh};
use std::fmt::Write;

/// How many facts the text format lists under one finding; JSON always has all of them.
const FACTS_SHOWN: usize = 8;

/// All findings of a run over the content.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Sorted by file, then line, then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// How many disclosures were checked.
    pub files: usize,
}

impl Report {
    pub fn new(mut diagnostics: Vec<Diagnostic>, files: usize) -> Report {
        diagnostics.sort_by(|a, b| (&a.file, a.line, a.rule).cmp(&(&b.file, b.line, b.rule)));
        Report { diagnostics, files }
    }

    /// The problems that stopped loading, in the same shape, so that tools reading
    /// `--format json` see one kind of object whatever went wrong. Their rule id is `load`.
    pub fn from_problems(problems: &Problems) -> Report {
        let diagnostics = problems
            .0
            .iter()
            .map(|p| Diagnostic {
                rule: "load",
                severity: Severity::Error,
                file: p.file.clone(),
                line: p.line,
                message: p.message.clone(),
                expected: None,
                actual: None,
                difference: None,
                tolerance: None,
                facts: p
                    .field
                    .iter()
                    .map(|f| Fact {
                        field: f.clone(),
                        line: p.line,
                        value: String::new(),
                    })
                    .collect(),
                hint: p.hint.clone().unwrap_or_default(),
            })
            .collect();
        Report::new(diagnostics, 0)
    }

    pub fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// `1 file checked: 0 errors, 1 warning, 0 notes`.
    pub fn summary(&self) -> String {
        if zh() {
            return format!(
                "检查了 {} 个文件：{} 个错误，{} 个警告，{} 个提示",
                self.files,
                self.count(Severity::Error),
                self.count(Severity::Warning),
                self.count(Severity::Note)
            );
        }
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        format!(
            "{} checked: {}, {}, {}",
            n(self.files, "file", "files"),
            n(self.count(Severity::Error), "error", "errors"),
            n(self.count(Severity::Warning), "warning", "warnings"),
            n(self.count(Severity::Note), "note", "notes"),
        )
    }

    /// Findings grouped by file, each with its numbers, facts and hint, then the summary.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut current = None;
        for d in &self.diagnostics {
            if current != Some(&d.file) {
                if current.is_some() {
                    out.push('\n');
                }
                let _ = writeln!(out, "{}", d.file.display());
                current = Some(&d.file);
            }
            write_one(&mut out, d);
        }
        if current.is_some() {
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// JSON Lines: one object per finding, one per line, nothing else.
    pub fn json_lines(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            // A Diagnostic holds only strings, numbers and lists: serialising cannot fail.
            out.push_str(&serde_json::to_string(d).unwrap_or_default());
            out.push('\n');
        }
        out
    }
}

impl Diagnostic {
    /// The finding as the text format prints it (indented, with its facts and hint).
    pub fn text(&self) -> String {
        let mut out = String::new();
        write_one(&mut out, self);
        out
    }
}

fn write_one(out: &mut String, d: &Diagnostic) {
    let at = d.line.map(|l| format!(":{l}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "  {}[{}] {}{}: {}",
        severity(d.severity),
        d.rule,
        d.file.display(),
        at,
        tr(&d.message)
    );
    if let (Some(e), Some(a)) = (&d.expected, &d.actual) {
        let mut line = if zh() {
            format!("      应为 {e}，实为 {a}")
        } else {
            format!("      expected {e}, actual {a}")
        };
        if let Some(diff) = &d.difference {
            let _ = write!(line, "{}{diff}", say("，差额 ", ", difference "));
        }
        if let Some(t) = &d.tolerance {
            if zh() {
                let _ = write!(line, "（四舍五入允许 {t}）");
            } else {
                let _ = write!(line, " (rounding allows {t})");
            }
        }
        let _ = writeln!(out, "{line}");
    }
    for f in d.facts.iter().take(FACTS_SHOWN) {
        let line = f
            .line
            .map(|l| {
                if zh() {
                    format!("第{l:>4}行")
                } else {
                    format!("line {l:>4}")
                }
            })
            .unwrap_or_default();
        if f.value.is_empty() {
            let _ = writeln!(out, "      {line}  {}", f.field);
        } else {
            let _ = writeln!(out, "      {line}  {} = {}", f.field, f.value);
        }
    }
    if d.facts.len() > FACTS_SHOWN {
        let more = d.facts.len() - FACTS_SHOWN;
        if zh() {
            let _ = writeln!(out, "      ……另有 {more} 项（--format json 列出全部）");
        } else {
            let _ = writeln!(
                out,
                "      … and {more} more (all of them in --format json)"
            );
        }
    }
    if !d.hint.is_empty() {
        let _ = writeln!(out, "      {}: {}", say("怎么改", "hint"), tr(&d.hint));
    }
}

/// `错误`, `警告`, `提示` (or the English label).
pub fn severity(s: Severity) -> &'static str {
    match (zh(), s) {
        (true, Severity::Error) => "错误",
        (true, Severity::Warning) => "警告",
        (true, Severity::Note) => "提示",
        (false, s) => s.label(),
    }
}
