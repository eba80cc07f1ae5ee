//! The narrative as the department's text: Markdown in which every figure is a reference to
//! a named figure (`{支出总计}`), so that whatever words a department chooses, its text
//! cannot disagree with its tables.
//!
//! Each profile ships its default text in the same language (`profiles/<name>.narrative.md`),
//! cut into sections by id; a department's file may replace any section (`prose:`) and add
//! figures no table carries (`facts:`).

pub mod names;
pub mod parse;
pub mod printed;
pub mod projects;
pub mod render;

use crate::content::model::Disclosure;
use crate::content::money::Shown;
use crate::content::problem::Problem;
use crate::content::profile::Profile;
use crate::derive::figures::Figures;
use crate::derive::previous::ChangeFrom;
use names::Names;
use parse::{ProseError, Spelling};
use serde::Serialize;
use std::collections::BTreeMap;
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
];

pub use crate::content::model::ExtraFact;

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

    /// The default text `profile` publishes with: the site's own file beside the profile,
    /// else the built-in text of that name, else the built-in text written for the same
    /// narrative template (a site profile copied from 济源 keeps 济源's sections).
    pub fn of(profile: &Profile) -> DefaultText {
        if let Some(t) = &profile.narrative_text {
            return t.clone();
        }
        DefaultText::built_in(&profile.name)
            .or_else(|| {
                let by_template = Profile::built_in_names().find(|n| {
                    Profile::built_in(n)
                        .is_some_and(|p| p.narrative_template == profile.narrative_template)
                })?;
                DefaultText::built_in(by_template)
            })
            .unwrap_or_default()
    }

    /// How prose writes an amount when its reference does not say: the text's
    /// `金额写法：` line, over which the profile's `narrative_spelling` wins.
    pub fn style(&self, profile: &Profile, shown: Shown) -> render::Style {
        render::Style {
            shown,
            spelling: Spelling::from_choice(profile.narrative_spelling.as_ref())
                .over(self.spelling),
        }
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

/// The names of `d`'s figures as `profile` publishes them, with its project descriptions
/// (立项依据 punctuated as the department or `profile` says) and its extra facts.
pub fn names(d: &Disclosure, f: &Figures, profile: &Profile) -> Names {
    let mut n = Names::of(
        d,
        f,
        ChangeFrom::new(profile.change_from, profile.narrative_shown(d.money_unit)),
    );
    n.lists.insert(
        "项目说明".into(),
        projects::descriptions(d, crate::derive::list_punctuation(d, profile)),
    );
    for (name, fact) in &d.facts {
        if n.values.contains_key(name) {
            // `check` reports the clash; the table's figure wins.
            continue;
        }
        let v = match (fact.amount, fact.count) {
            (Some(m), _) => names::Value::Money(m),
            (None, Some(c)) => names::Value::Count(c),
            (None, None) => continue,
        };
        n.values.insert(name.clone(), v);
    }
    n
}

/// The text of section `id` for `d`: the department's own when it wrote one, else the
/// profile's default; with the line its text starts on and whether it is the department's.
pub fn section_text<'a>(
    d: &'a Disclosure,
    defaults: &'a DefaultText,
    id: &str,
) -> Option<(&'a str, bool)> {
    match d.prose.get(id) {
        Some(t) => Some((t.as_str(), true)),
        None => defaults.section(id).map(|s| (s.text.as_str(), false)),
    }
}

/// The narrative's sections as HTML: whole sections by id, and sections written once per
/// list entry (inline, without a paragraph) by id.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProseHtml {
    pub sections: BTreeMap<String, String>,
    pub items: BTreeMap<String, Vec<String>>,
}

/// Every section of the narrative as HTML. A section that does not parse or names an unknown
/// figure is still written (its references as typed); `check` refuses such a file before a
/// build publishes it.
pub fn sections_html(d: &Disclosure, f: &Figures, profile: &Profile, shown: Shown) -> ProseHtml {
    let mut out = ProseHtml::default();
    let defaults = DefaultText::of(profile);
    let names = names(d, f, profile);
    let style = defaults.style(profile, shown);
    let html = |text: &str, item: Option<&names::Entry>| match parse::parse(text, 1) {
        Ok(nodes) => render::render_with(&nodes, &names, style, item).0,
        Err(_) => crate::render::markdown::render(text),
    };
    for s in &defaults.sections {
        let Some((text, _)) = section_text(d, &defaults, &s.id) else {
            continue;
        };
        match &s.each {
            None => {
                out.sections.insert(s.id.clone(), html(text, None));
            }
            Some(list) => {
                let entries = names.lists.get(list).cloned().unwrap_or_default();
                let items = entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let mut e = e.clone();
                        e.insert("序号".into(), names::Value::Count(i as u64 + 1));
                        inline(&html(text, Some(&e)))
                    })
                    .collect();
                out.items.insert(s.id.clone(), items);
            }
        }
    }
    out
}

/// One paragraph's HTML without its `<p>`.
fn inline(html: &str) -> String {
    let t = html.trim_end();
    match t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html.to_owned(),
    }
}

/// The sections of the `prose:` part of a new department file, as id and text: every
/// section of the profile's default text (or `own`, a section the department wrote last
/// year), so that the clerk edits words in the file instead of asking for a template. The
/// scaffold template writes them.
pub fn scaffold(profile: &Profile, own: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let defaults = DefaultText::of(profile);
    let mut out: Vec<(String, String)> = defaults
        .sections
        .iter()
        .map(|s| (s.id.clone(), own.get(&s.id).unwrap_or(&s.text).clone()))
        .collect();
    // A section of its own the profile does not have is kept too: `check` names it.
    for (id, text) in own {
        if defaults.section(id).is_none() {
            out.push((id.clone(), text.clone()));
        }
    }
    out
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
