//! The offline search index: departments, projects and 科目 names of one year.
//!
//! Chinese has no spaces between words, so the client matches substrings of the normalised
//! text rather than whole words; the index is a plain list, loaded as a script so that search
//! works from disk too (no fetch, no server).
//!
//! Each disclosure leaves its entries as a *fragment* (JSON array elements) among its working
//! files, and the year's index is its fragments joined in code order, like the year's CSV: it
//! is never held in memory, however many departments a year has. The index is therefore not
//! sorted; the search page orders what it finds (`static/site.js`).

use crate::render::page::DisclosureView;
use serde::Serialize;

/// One searchable thing: what it is, its text, the department it belongs to, and where it is.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry(pub &'static str, pub String, pub String, pub String);

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

/// `entries` as a fragment of the year's index: JSON array elements separated by commas,
/// without the brackets, and with `</` written `<\/` (the same string to JSON): inside a
/// script, `</` would end it early.
pub fn fragment(entries: &[Entry]) -> Vec<u8> {
    let mut json = serde_json::to_string(entries).unwrap_or_else(|_| "[]".into());
    json.pop();
    json.remove(0);
    json.replace("</", "<\\/").into_bytes()
}

/// The fragment of the year's 决算 and 单位预算, one entry each.
pub fn finals_fragment(root: &std::path::Path, year: u16) -> Vec<u8> {
    let entries: Vec<Entry> = crate::final_accounts::listing::entries(root)
        .into_iter()
        .filter(|f| f.year == year)
        .map(|f| {
            Entry(
                f.kind.label(),
                format!("{}{}年度{}", f.name, f.year, f.kind.label()),
                f.name,
                f.href,
            )
        })
        .collect();
    fragment(&entries)
}

/// What comes before the year's fragments, between them, and after.
pub fn script_head(year: u16) -> Vec<u8> {
    format!("gongkaiSearchLoaded({year},[").into_bytes()
}
pub const SEPARATOR: &[u8] = b",";
pub const SCRIPT_TAIL: &[u8] = b"]);\n";

#[cfg(test)]
mod tests {
    use super::*;

    /// `</` never reaches the script; the fragments join into one array.
    #[test]
    fn fragments_join_into_a_script_with_no_script_end() {
        let a = fragment(&[Entry("项目", "a</script>b".into(), "<".into(), "/x".into())]);
        let b = fragment(&[
            Entry("部门", "乙".into(), "乙".into(), "2024/2/index.html".into()),
            Entry(
                "项目",
                "丙".into(),
                "乙".into(),
                "2024/2/index.html#t".into(),
            ),
        ]);
        let mut script = script_head(2024);
        for (i, f) in [a, b, fragment(&[])]
            .iter()
            .filter(|f| !f.is_empty())
            .enumerate()
        {
            if i > 0 {
                script.extend_from_slice(SEPARATOR);
            }
            script.extend_from_slice(f);
        }
        script.extend_from_slice(SCRIPT_TAIL);
        assert_eq!(
            String::from_utf8(script).unwrap(),
            "gongkaiSearchLoaded(2024,[[\"项目\",\"a<\\/script>b\",\"<\",\"/x\"],\
             [\"部门\",\"乙\",\"乙\",\"2024/2/index.html\"],\
             [\"项目\",\"丙\",\"乙\",\"2024/2/index.html#t\"]]);\n"
        );
    }
}
