//! Tera templates: built into the binary, and overridable per site.
//!
//! A site's own `ROOT/templates/NAME` replaces the built-in template of the same name, so a
//! bureau can restyle pages without rebuilding gongkai.

pub mod cells;
pub mod charts;
pub mod markdown;
pub mod page;
pub mod prose;
pub mod table;
pub mod table_template;
pub mod xml;

use crate::content::profile::Profile;
use std::path::Path;
use tera::Tera;

/// The built-in templates, compiled into the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("table.html", include_str!("../../templates/table.html")),
    ("charts.html", include_str!("../../templates/charts.html")),
    (
        "year_charts.html",
        include_str!("../../templates/year_charts.html"),
    ),
    (
        "narrative.html",
        include_str!("../../templates/narrative.html"),
    ),
    (
        "disclosure.html",
        include_str!("../../templates/disclosure.html"),
    ),
    (
        "narrative-putuo.html",
        include_str!("../../templates/narrative-putuo.html"),
    ),
    (
        "disclosure-putuo.html",
        include_str!("../../templates/disclosure-putuo.html"),
    ),
    (
        "disclosure-putuo-unit.html",
        include_str!("../../templates/disclosure-putuo-unit.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "final-accounts.html",
        include_str!("../../templates/final-accounts.html"),
    ),
    ("year.html", include_str!("../../templates/year.html")),
    (
        "department.html",
        include_str!("../../templates/department.html"),
    ),
    (
        "glossary.html",
        include_str!("../../templates/glossary.html"),
    ),
    ("guide.html", include_str!("../../templates/guide.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
];

/// The name under which a page template reaches the profile's narrative template, whatever
/// that template is called, so that a profile can swap the narrative without a new page.
pub const PROFILE_NARRATIVE: &str = "profile/narrative.html";

/// Marks, in a template set, a built-in template the site replaced (an empty template named
/// `OWN` + the name): where Rust writes what the built-in template would (a table's section),
/// a site's own template must be used instead.
const OWN: &str = "site's own/";

/// Whether the site replaced the built-in template `name` with a text of its own.
pub fn own_template(tera: &Tera, name: &str) -> bool {
    tera.get_template(&format!("{OWN}{name}")).is_ok()
}

/// Builds the template set: built-ins, each replaced by `root/templates/NAME` when present,
/// plus any other `root/templates/*.html` (a region's own page or narrative), and the
/// profile's narrative template again as [`PROFILE_NARRATIVE`].
pub fn templates(root: &Path, profile: &Profile) -> Result<Tera, String> {
    let mut tera = Tera::default();
    let mut sources: Vec<(String, String)> = Vec::new();
    let own_dir = root.join("templates");
    let read = |own: &Path| {
        std::fs::read_to_string(own).map_err(|e| {
            crate::say!(
                "{}：无法读取模板：{e}",
                "{}: cannot read template: {e}",
                own.display()
            )
        })
    };
    for (name, builtin) in BUILTIN {
        let own = own_dir.join(name);
        let text = if own.is_file() {
            read(&own)?
        } else {
            (*builtin).to_owned()
        };
        // A copy of the built-in text (as this repository's own `templates/`) changes nothing.
        if text != *builtin {
            sources.push((format!("{OWN}{name}"), String::new()));
        }
        sources.push(((*name).to_owned(), text));
    }
    let mut extra: Vec<std::path::PathBuf> = std::fs::read_dir(&own_dir)
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    extra.sort();
    for own in extra {
        let Some(name) = own.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.ends_with(".html") && own.is_file() && !sources.iter().any(|(n, _)| n == name) {
            sources.push((name.to_owned(), read(&own)?));
        }
    }
    for (what, name) in [
        ("page_template", &profile.page_template),
        ("narrative_template", &profile.narrative_template),
    ] {
        if !sources.iter().any(|(n, _)| n == name) {
            return Err(crate::say!(
                "公开格式 `{}` 的 {what} 是 `{name}`，但内置模板和 {} 里都没有这个模板；请改正格式文件中的 `{what}`，或把模板放进这个文件夹",
                "profile `{}`: {what} `{name}` is neither built in nor in {}",
                profile.name,
                own_dir.display()
            ));
        }
    }
    let narrative = sources
        .iter()
        .find(|(n, _)| *n == profile.narrative_template)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    sources.push((PROFILE_NARRATIVE.to_owned(), narrative));
    tera.add_raw_templates(sources)
        .map_err(|e| format!("template error: {}", error_chain(&e)))?;
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape);
    Ok(tera)
}

/// HTML-escapes a text from data: `&`, `<`, `>`, `"` and `'`. Unlike Tera's default it
/// leaves `/` alone — it is harmless inside quoted attributes and text, and written as
/// `&#x2F;` it broke simple link checkers reading the pages' links.
pub fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len() + 8);
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Tera nests the useful message in its error sources.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    msg
}

/// Built-in static assets, written to `static/` in the output unless the site has its own.
pub const STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("site.js", include_str!("../../static/site.js")),
    ("favicon.svg", include_str!("../../static/favicon.svg")),
];
