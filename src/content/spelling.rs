//! How a region spells its amounts: decimals, zero and thousands separators.
//!
//! Regions differ (whole 元 amounts printed without decimals: 94,995,790; zeros printed `0` or
//! `0.00` instead of left blank), so a profile chooses, for its tables and per table, and for
//! the narrative. The defaults are gongkai's spelling before the choice existed, so a
//! profile that says nothing prints what it always printed.

use crate::content::money::Money;
use serde::Deserialize;

/// Whether amounts carry two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decimals {
    /// Always two: `5.00`.
    Two,
    /// Whole amounts without decimals, others with two: `5`, `0.50`.
    WholeWithout,
}

/// How a zero amount is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Zero {
    /// Left blank, as most published tables leave it.
    #[serde(rename = "blank")]
    Blank,
    /// `0`.
    #[serde(rename = "0")]
    Plain,
    /// `0.00`.
    #[serde(rename = "0.00")]
    Decimals,
}

/// A spelling of amounts. In a profile every field is optional; what is left out keeps the
/// default of the place it applies to (tables or narrative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpellingChoice {
    #[serde(default)]
    pub decimals: Option<Decimals>,
    #[serde(default)]
    pub zero: Option<Zero>,
    /// `,` between thousands.
    #[serde(default)]
    pub separators: Option<bool>,
}

/// A complete spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spelling {
    pub decimals: Decimals,
    pub zero: Zero,
    pub separators: bool,
}

impl Spelling {
    /// Tables: `1,042.10`, zero blank.
    pub const TABLE: Spelling = Spelling {
        decimals: Decimals::Two,
        zero: Zero::Blank,
        separators: true,
    };
    /// Narrative: `1042.10`, `5`, zero `0`.
    pub const PROSE: Spelling = Spelling {
        decimals: Decimals::WholeWithout,
        zero: Zero::Plain,
        separators: false,
    };

    /// This spelling with `choice`'s fields where it gives them.
    pub fn with(self, choice: Option<&SpellingChoice>) -> Spelling {
        let Some(c) = choice else { return self };
        Spelling {
            decimals: c.decimals.unwrap_or(self.decimals),
            zero: c.zero.unwrap_or(self.zero),
            separators: c.separators.unwrap_or(self.separators),
        }
    }

    /// `m` spelt this way (rounded by 四舍五入 first). `always` is for a cell that shows a
    /// zero even when zeros are left blank (a total that is zero): it is then `0.00`.
    pub fn spell(self, m: Money, always: bool) -> String {
        let r = Money(m.half_up());
        if r.is_zero() {
            return match self.zero {
                Zero::Blank if always => "0.00".into(),
                Zero::Blank => String::new(),
                Zero::Plain => "0".into(),
                Zero::Decimals => "0.00".into(),
            };
        }
        let text = if self.separators {
            r.table()
        } else {
            r.plain()
        };
        match self.decimals {
            Decimals::WholeWithout if r.0.fract().is_zero() => {
                text.trim_end_matches(".00").to_owned()
            }
            _ => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn the_defaults_spell_as_money_always_did() {
        for x in [
            "0",
            "5",
            "0.5",
            "1042.1",
            "94995790",
            "58.405",
            "1234567.891",
        ] {
            let a = m(x);
            assert_eq!(Spelling::TABLE.spell(a, false), a.cell(), "{x}");
            assert_eq!(Spelling::TABLE.spell(a, true), a.table(), "{x}");
            assert_eq!(Spelling::PROSE.spell(a, false), a.prose(), "{x}");
        }
    }

    #[test]
    fn a_region_spells_whole_amounts_and_zeros_its_way() {
        // 普陀-style 元 tables: 94,995,790 without decimals, zeros as 0.
        let yuan = Spelling::TABLE.with(Some(&SpellingChoice {
            decimals: Some(Decimals::WholeWithout),
            zero: Some(Zero::Plain),
            separators: None,
        }));
        assert_eq!(yuan.spell(m("94995790"), false), "94,995,790");
        assert_eq!(yuan.spell(m("91016775.35"), false), "91,016,775.35");
        assert_eq!(yuan.spell(m("0"), false), "0");
        let decimals = Spelling::TABLE.with(Some(&SpellingChoice {
            zero: Some(Zero::Decimals),
            separators: Some(false),
            ..SpellingChoice::default()
        }));
        assert_eq!(decimals.spell(m("0"), false), "0.00");
        assert_eq!(decimals.spell(m("1042.1"), false), "1042.10");
        // Prose with two decimals always: 10.00万元.
        let prose = Spelling::PROSE.with(Some(&SpellingChoice {
            decimals: Some(Decimals::Two),
            ..SpellingChoice::default()
        }));
        assert_eq!(prose.spell(m("10"), false), "10.00");
    }
}
