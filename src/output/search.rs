//! The offline search index: departments, projects and 科目 names of one year.
//!
//! Chinese has no spaces between words, so the client matches substrings of the normalised
//! text rather than whole words; the index is a plain list, built once per year in linear time
//! and loaded as a script so that search works from disk too (no fetch, no server).

use crate::render::page::DisclosureView;
use serde::Serialize;

/// One searchable thing: what it is, its text, the department it belongs to, and where it is.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry(
    #[serde(deserialize_with = "crate::content::interned::static_str")]
    pub  crate::content::interned::Label,
    pub String,
    pub String,
    pub String,
);

/// Entries of one disclosure. `href` is relative to the site root.
pub fn entries(v: &DisclosureView) -> Vec<Entry> {
    let base = format!("{}/{}/index.html", v.year, v.code);
    let mut out = vec![Entry("部门", v.name.clone(), v.name.clone(), base.clone())];
    let mut seen = std::collections::BTreeSet::new();
    for t in &v.tables {
        let anchor = format!("{base}#{}", t.id);
        for row in &t.body {
            for c in row.cells.iter().filter(|c| c.class == "label") {
                let (kind, keep) = match t.key {
                    "projects" if row.class == "item" => ("项目", true),
                    "expenditure" if row.class == "item" => ("功能科目", true),
                    "economic" if row.class == "item" => ("经济科目", true),
                    _ => ("", false),
                };
                if keep && seen.insert((kind, c.text.clone())) {
                    out.push(Entry(kind, c.text.clone(), v.name.clone(), anchor.clone()));
                }
            }
        }
    }
    out
}

/// The year's 决算 and 单位预算, one entry each, added to the entries of its budgets.
pub fn with_finals(root: &std::path::Path, year: u16, mut entries: Vec<Entry>) -> Vec<Entry> {
    for f in crate::final_accounts::listing::entries(root)
        .into_iter()
        .filter(|f| f.year == year)
    {
        entries.push(Entry(
            f.kind.label(),
            format!("{}{}年度{}", f.name, f.year, f.kind.label()),
            f.name,
            f.href,
        ));
    }
    entries
}

/// The year's index as a script that hands the entries to the search page.
pub fn script(year: u16, mut entries: Vec<Entry>) -> String {
    entries.sort();
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".into());
    // `</` inside a script would end it early; JSON allows `<\/`.
    let json = json.replace("</", "<\\/");
    format!("gongkaiSearchLoaded({year},{json});\n")
}
