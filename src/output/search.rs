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

/// The year's index as a script that hands the entries to the search page, written as it
/// is serialised: a province's year holds tens of megabytes of entries.
pub fn write_script(
    out: &mut impl std::io::Write,
    year: u16,
    mut entries: Vec<Entry>,
) -> std::io::Result<()> {
    entries.sort();
    write!(out, "gongkaiSearchLoaded({year},")?;
    let mut json = NoScriptEnd {
        out: &mut *out,
        after_lt: false,
    };
    serde_json::to_writer(&mut json, &entries)?;
    out.write_all(b");\n")
}

/// Writes JSON with every `</` as `<\/` (the same string to JSON): inside a script, `</`
/// would end it early.
struct NoScriptEnd<'a, W: std::io::Write> {
    out: &'a mut W,
    /// The last byte written was `<`.
    after_lt: bool,
}

impl<W: std::io::Write> std::io::Write for NoScriptEnd<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut from = 0;
        for (i, &b) in buf.iter().enumerate() {
            let after_lt = if i == 0 {
                self.after_lt
            } else {
                buf[i - 1] == b'<'
            };
            if b == b'/' && after_lt {
                self.out.write_all(&buf[from..i])?;
                self.out.write_all(b"\\")?;
                from = i;
            }
        }
        self.out.write_all(&buf[from..])?;
        if let Some(&last) = buf.last() {
            self.after_lt = last == b'<';
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `</` never reaches the script, however the JSON is cut into writes.
    #[test]
    fn a_script_end_in_a_name_is_escaped() {
        let entries = vec![Entry("项目", "a</script>b".into(), "<".into(), "/x".into())];
        let mut out = Vec::new();
        write_script(&mut out, 2024, entries).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "gongkaiSearchLoaded(2024,[[\"项目\",\"a<\\/script>b\",\"<\",\"/x\"]]);\n"
        );
        // Cut between `<` and `/`: still escaped.
        let mut cut = Vec::new();
        let mut w = NoScriptEnd {
            out: &mut cut,
            after_lt: false,
        };
        std::io::Write::write_all(&mut w, b"a<").unwrap();
        std::io::Write::write_all(&mut w, b"/b").unwrap();
        assert_eq!(cut, b"a<\\/b");
    }
}
