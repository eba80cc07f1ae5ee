//! The narrative as the department's text: Markdown in which every figure is a reference to
//! a named figure (`{支出总计}`), so that whatever words a department chooses, its text
//! cannot disagree with its tables.
//!
//! Each profile ships its default text in the same language (`profiles/<name>.narrative.md`),
//! cut into sections by id; a department's file may replace any section (`prose:`) and add
//! figures no table carries (`facts:`).

pub mod names;
/// The language's parser reads content, so it sits with the content; the name stays.
pub use crate::content::prose_parse as parse;
pub mod printed;
pub mod projects;
pub mod resolve;

use crate::content::model::Disclosure;
use crate::content::money::Shown;
use crate::content::profile::Profile;
use crate::derive::figures::Figures;
use crate::derive::previous::ChangeFrom;
use names::Names;
use parse::Spelling;
use std::collections::BTreeMap;

pub use crate::content::default_text::{DefaultText, Section, site_text};
pub use crate::content::model::ExtraFact;

/// Which text a profile publishes with and how it spells amounts need the profile, which
/// holds the site's own text: so they live here, above both.
impl DefaultText {
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
    pub fn style(&self, profile: &Profile, shown: Shown) -> resolve::Style {
        resolve::Style {
            shown,
            spelling: Spelling::from_choice(profile.narrative_spelling.as_ref())
                .over(self.spelling),
        }
    }
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
