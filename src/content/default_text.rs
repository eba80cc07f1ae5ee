//! A profile's default text (`profiles/<name>.narrative.md`): the sections of the
//! narrative in the reference language, each opened by a line `::: id`.
//!
//! Read with the profile (a site's own text is refused at its line when the profile is
//! loaded), so it sits in content, below everything that publishes it.

use crate::content::problem::Problem;
use crate::content::prose_parse::{self as parse, ProseError, Spelling};
use std::path::{Path, PathBuf};

/// The default texts of the built-in profiles.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "jiyuan-13",
        include_str!("../../profiles/jiyuan-13.narrative.md"),
    ),
    (
        "putuo-9",
        include_str!("../../profiles/putuo-9.narrative.md"),
    ),
    // The 单位预算 of 普陀, looked up as `<profile>.unit`.
    (
        "putuo-9.unit",
        include_str!("../../profiles/putuo-9.unit.narrative.md"),
    ),
];

/// One section of a default text: its id, its first line in the file and its text.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    /// `::: subject 每个 科目`: the text is written once per entry of this list, each entry
    /// on its own (the page places them, e.g. one numbered paragraph per 科目).
    pub each: Option<String>,
    pub line: usize,
    pub text: String,
}

/// A profile's default text: the spelling of amounts and the sections in order.
#[derive(Debug, Clone, Default)]
pub struct DefaultText {
    pub spelling: Spelling,
    pub sections: Vec<Section>,
}

const SPELLING_LINE: &str = "金额写法：";

impl DefaultText {
    /// Reads a default text: optional `金额写法：…` lines first, then sections, each opened
    /// by a line `::: id`.
    pub fn parse(text: &str) -> Result<DefaultText, ProseError> {
        let mut out = DefaultText::default();
        for (i, line) in text.lines().enumerate() {
            if let Some(head) = line.strip_prefix(":::") {
                let mut words = head.split_whitespace();
                let id = words.next().unwrap_or_default().to_owned();
                let each = match (words.next(), words.next()) {
                    (None, _) => None,
                    (Some("每个"), Some(list)) => Some(list.to_owned()),
                    _ => {
                        return Err(ProseError {
                            line: i + 1,
                            message: "段落名后面只能写「每个 列表名」".into(),
                        });
                    }
                };
                out.sections.push(Section {
                    id,
                    each,
                    line: i + 2,
                    text: String::new(),
                });
            } else if let Some(s) = out.sections.last_mut() {
                s.text.push_str(line);
                s.text.push('\n');
            } else if let Some(options) = line.strip_prefix(SPELLING_LINE) {
                out.spelling = Spelling::parse(options).map_err(|message| ProseError {
                    line: i + 1,
                    message,
                })?;
            } else if !line.trim().is_empty() {
                return Err(ProseError {
                    line: i + 1,
                    message: format!(
                        "第一个「::: 段落名」之前只能写「{SPELLING_LINE}…」：把这行移到某一段里"
                    ),
                });
            }
        }
        Ok(out)
    }

    /// The built-in default text of `profile`, if it has one.
    pub fn built_in(profile: &str) -> Option<DefaultText> {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == profile)?;
        // Built-in texts are tested to parse.
        DefaultText::parse(text).ok()
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// The site's own default text of profile `name` (`ROOT/profiles/<name>.narrative.md`), if
/// the site ships one; a text that does not parse is refused at its line.
pub fn site_text(root: &Path, name: &str) -> Result<Option<DefaultText>, Problem> {
    let shown = PathBuf::from("profiles").join(format!("{name}.narrative.md"));
    let file = root.join(&shown);
    if !file.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&file).map_err(|e| {
        Problem::new(&shown, format!("读不出默认文字：{e}"))
            .hint("确认文件存在、可读，并以 UTF-8 保存")
    })?;
    let located = |e: ProseError| {
        Problem::new(&shown, e.message)
            .at(Some(e.line), None)
            .hint("按提示改正默认文字的这一行")
    };
    let parsed = DefaultText::parse(&text).map_err(located)?;
    for s in &parsed.sections {
        parse::parse(&s.text, s.line).map_err(located)?;
    }
    Ok(Some(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `built_in` drops a text that does not parse, so each shipped text is held to parse here,
    /// section by section.
    #[test]
    fn the_built_in_default_texts_parse() {
        for (name, text) in BUILT_IN {
            let d = DefaultText::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(d.sections.len() >= 6, "{name}");
            for s in &d.sections {
                parse::parse(&s.text, s.line).unwrap_or_else(|e| panic!("{name} {}: {e}", s.id));
            }
        }
        let putuo = DefaultText::built_in("putuo-9").unwrap();
        assert_eq!(
            putuo.section("subject").unwrap().each.as_deref(),
            Some("科目")
        );
        assert!(DefaultText::parse("多余的一行\n::: a\n").is_err());
    }
}
