//! How a list of numbered paragraphs (主要职责) is numbered: regions and departments write
//! 「1.」, 「1、」, 「一、」 or 「（一）」, and a reader comparing the page with the department's
//! own document sees any other choice as a difference.

use serde::{Deserialize, Serialize};

/// A numbering style, written in the file as it prints for the first entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum NumberStyle {
    /// `1.`
    #[serde(rename = "1.")]
    Dot,
    /// `1、`
    #[serde(rename = "1、")]
    Comma,
    /// `一、`
    #[serde(rename = "一、")]
    Chinese,
    /// `（一）`
    #[serde(rename = "（一）")]
    Bracketed,
}

impl NumberStyle {
    /// The label of entry `n` (from 1).
    pub fn label(self, n: usize) -> String {
        let chinese = crate::content::codes::chinese_number;
        match self {
            NumberStyle::Dot => format!("{n}."),
            NumberStyle::Comma => format!("{n}、"),
            NumberStyle::Chinese => format!("{}、", chinese(n)),
            NumberStyle::Bracketed => format!("（{}）", chinese(n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_style_numbers_as_written() {
        let labels = |s: NumberStyle| (s.label(1), s.label(12));
        assert_eq!(labels(NumberStyle::Dot), ("1.".into(), "12.".into()));
        assert_eq!(labels(NumberStyle::Comma), ("1、".into(), "12、".into()));
        assert_eq!(
            labels(NumberStyle::Chinese),
            ("一、".into(), "十二、".into())
        );
        assert_eq!(
            labels(NumberStyle::Bracketed),
            ("（一）".into(), "（十二）".into())
        );
    }
}
