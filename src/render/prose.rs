//! The narrative's sections as HTML: each text resolved by `prose` (its references spelt),
//! then its Markdown rendered with the site's sanitising rules and each value put in,
//! HTML-escaped the way the templates escape data.

use crate::content::model::Disclosure;
use crate::content::money::Shown;
use crate::content::profile::Profile;
use crate::derive::figures::Figures;
use crate::prose::names::{self, Names, Value};
use crate::prose::parse::{self, Node};
use crate::prose::resolve::{self, OPEN, Resolved, Style, hostile_link, markdown_options};
use crate::prose::{DefaultText, section_text};
use pulldown_cmark::{CowStr, Event, Parser, Tag};
use serde::Serialize;
use std::collections::BTreeMap;

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
    let names = crate::prose::names(d, f, profile);
    let style = defaults.style(profile, shown);
    let section = |text: &str, item: Option<&names::Entry>| match parse::parse(text, 1) {
        Ok(nodes) => html(&nodes, &names, style, item),
        Err(_) => super::markdown::render(text),
    };
    for s in &defaults.sections {
        let Some((text, _)) = section_text(d, &defaults, &s.id) else {
            continue;
        };
        match &s.each {
            None => {
                out.sections.insert(s.id.clone(), section(text, None));
            }
            Some(list) => {
                let entries = names.lists.get(list).cloned().unwrap_or_default();
                let items = entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let mut e = e.clone();
                        e.insert("序号".into(), names::Value::Count(i as u64 + 1));
                        inline(&section(text, Some(&e)))
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

/// The HTML of `nodes`, inside one entry of a list when `item` is given.
pub fn html(
    nodes: &[Node],
    names: &Names,
    style: Style,
    item: Option<&BTreeMap<String, Value>>,
) -> String {
    to_html(&resolve::resolve(nodes, names, style, item))
}

/// Text with placeholders as events: the text for the renderer to escape, each value
/// escaped as the templates escape data.
fn fill<'a>(text: &str, r: &Resolved, events: &mut Vec<Event<'a>>) {
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        if at > 0 {
            events.push(Event::Text(CowStr::from(rest[..at].to_owned())));
        }
        let (v, after) = r.value(&rest[at + OPEN.len_utf8()..]);
        events.push(Event::Html(CowStr::from(tera::escape_html(v))));
        rest = after;
    }
    if !rest.is_empty() {
        events.push(Event::Text(CowStr::from(rest.to_owned())));
    }
}

/// The resolved Markdown as HTML. A link that names a figure in its address goes to `#`
/// and an image is left out (`check` refuses both: [`resolve::problems`]).
fn to_html(r: &Resolved) -> String {
    let parser = Parser::new_ext(&r.md, markdown_options());
    let mut events: Vec<Event> = Vec::new();
    let mut pending = String::new();
    let flush = |pending: &mut String, events: &mut Vec<Event>| {
        fill(pending, r, events);
        pending.clear();
    };
    for ev in parser {
        match ev {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => pending.push_str(&t),
            Event::Code(t) => {
                flush(&mut pending, &mut events);
                // Code spans escape their text themselves.
                events.push(Event::Code(CowStr::from(r.substitute(&t))));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                flush(&mut pending, &mut events);
                let hostile = hostile_link(&dest_url, &title);
                let dest = if hostile || !super::markdown::safe_url(&dest_url) {
                    CowStr::from("#")
                } else {
                    dest_url
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title: if hostile { CowStr::from("") } else { title },
                    id,
                }));
            }
            Event::Start(Tag::Image { .. }) => flush(&mut pending, &mut events),
            Event::End(pulldown_cmark::TagEnd::Image) => {}
            other => {
                flush(&mut pending, &mut events);
                events.push(other);
            }
        }
    }
    flush(&mut pending, &mut events);
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}
