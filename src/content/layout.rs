//! How a document lays out its glossary and punctuates its numbered lists. Departments of one
//! region write 「（一）财政拨款收入：是……」 on one line or the term above its definition, and
//! end the items of a list with 「；」 and the last with 「。」, each with 「。」, or as typed; a
//! reader comparing the page with the department's own document sees any other choice as a
//! difference. The profile chooses; a department may say otherwise (`overview`).

use serde::{Deserialize, Serialize};

/// How the glossary (名词解释) prints an entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum GlossaryLayout {
    /// The numbered term above its definition (a definition list).
    #[default]
    #[serde(rename = "列表", alias = "list")]
    List,
    /// 「（一）术语：定义」 in one paragraph.
    #[serde(rename = "一行", alias = "line")]
    Line,
}

impl GlossaryLayout {
    /// The name templates branch on.
    pub fn key(self) -> &'static str {
        match self {
            GlossaryLayout::List => "list",
            GlossaryLayout::Line => "line",
        }
    }
}

/// How the items of a numbered list the page writes from entered items (主要职责, 立项依据)
/// end, written in the file as it prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum ListPunctuation {
    /// Each item as typed in the file.
    #[default]
    #[serde(rename = "原样")]
    AsTyped,
    /// 「；」 after each item, 「。」 after the last (济源's duties).
    #[serde(rename = "；。")]
    SemicolonsThenStop,
    /// 「。」 after each item (普陀's duties and 立项依据).
    #[serde(rename = "。")]
    Stops,
    /// No punctuation at the end of an item.
    #[serde(rename = "无")]
    Bare,
}

/// Punctuation an item may end with, removed before the chosen one is added.
const ENDINGS: &[char] = &['；', ';', '。', '.', '，', ',', '、'];

impl ListPunctuation {
    /// Item `text` as it prints, `last` when it ends the list. An item's own 「；」 or 「。」 is
    /// replaced, so a file typed for one style prints right in another.
    pub fn apply(self, text: &str, last: bool) -> String {
        let bare = || text.trim_end().trim_end_matches(ENDINGS).to_owned();
        match self {
            ListPunctuation::AsTyped => text.to_owned(),
            ListPunctuation::Bare => bare(),
            ListPunctuation::Stops => bare() + "。",
            ListPunctuation::SemicolonsThenStop if last => bare() + "。",
            ListPunctuation::SemicolonsThenStop => bare() + "；",
        }
    }

    /// Every item of `items` as it prints.
    pub fn list(self, items: &[String]) -> Vec<String> {
        items
            .iter()
            .enumerate()
            .map(|(i, t)| self.apply(t, i + 1 == items.len()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_style_ends_items_as_written() {
        let items = ["甲；".to_owned(), "乙。".to_owned(), "丙".to_owned()];
        assert_eq!(ListPunctuation::AsTyped.list(&items), items);
        assert_eq!(
            ListPunctuation::SemicolonsThenStop.list(&items),
            ["甲；", "乙；", "丙。"]
        );
        assert_eq!(
            ListPunctuation::Stops.list(&items),
            ["甲。", "乙。", "丙。"]
        );
        assert_eq!(ListPunctuation::Bare.list(&items), ["甲", "乙", "丙"]);
        // A closing bracket or quote stays; only the end punctuation is replaced.
        assert_eq!(
            ListPunctuation::Stops.apply("《办法》（沪商规〔2024〕3号）；", true),
            "《办法》（沪商规〔2024〕3号）。"
        );
    }

    #[test]
    fn styles_are_read_as_they_print() {
        let p: ListPunctuation = crate::content::yaml::from_str("；。").unwrap();
        assert_eq!(p, ListPunctuation::SemicolonsThenStop);
        let g: GlossaryLayout = crate::content::yaml::from_str("一行").unwrap();
        assert_eq!(g, GlossaryLayout::Line);
        assert!(crate::content::yaml::from_str::<ListPunctuation>("；").is_err());
    }
}
