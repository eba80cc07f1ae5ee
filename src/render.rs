//! Tera templates: built into the binary, and overridable per site.
//!
//! A site's own `ROOT/templates/NAME` replaces the built-in template of the same name, so a
//! bureau can restyle pages without rebuilding gongkai.

use std::path::Path;
use tera::Tera;

/// The built-in templates, compiled into the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("table.html", include_str!("../templates/table.html")),
    ("charts.html", include_str!("../templates/charts.html")),
    (
        "year_charts.html",
        include_str!("../templates/year_charts.html"),
    ),
    (
        "narrative.html",
        include_str!("../templates/narrative.html"),
    ),
    (
        "disclosure.html",
        include_str!("../templates/disclosure.html"),
    ),
    ("index.html", include_str!("../templates/index.html")),
    ("year.html", include_str!("../templates/year.html")),
    (
        "department.html",
        include_str!("../templates/department.html"),
    ),
    ("glossary.html", include_str!("../templates/glossary.html")),
    ("guide.html", include_str!("../templates/guide.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("404.html", include_str!("../templates/404.html")),
];

/// Builds the template set: built-ins, each replaced by `root/templates/NAME` when present.
pub fn templates(root: &Path) -> Result<Tera, String> {
    let mut tera = Tera::default();
    let mut sources = Vec::new();
    for (name, builtin) in BUILTIN {
        let own = root.join("templates").join(name);
        let text = if own.is_file() {
            std::fs::read_to_string(&own)
                .map_err(|e| format!("{}: cannot read template: {e}", own.display()))?
        } else {
            (*builtin).to_owned()
        };
        sources.push((*name, text));
    }
    tera.add_raw_templates(sources)
        .map_err(|e| format!("template error: {}", error_chain(&e)))?;
    tera.autoescape_on(vec![".html"]);
    Ok(tera)
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
    ("style.css", include_str!("../static/style.css")),
    ("site.js", include_str!("../static/site.js")),
];
