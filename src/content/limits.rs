//! What a value from content may be, checked once at load so that later steps need not.
//!
//! Amounts are bounded so that no sum, conversion or share can overflow a `Decimal` (whose
//! largest value is about 7.9·10^28): every amount is below [`MAX_AMOUNT_DIGITS`] whole
//! digits (10^15) in any unit, and below 10^15 元 = 10^11 万元 in its file's unit
//! ([`max_amount`]). A file holds at most 10 MB, so at most about five million amounts;
//! their sum in 元 stays below 5·10^25, times 100 for a percentage below 5·10^27. So plain
//! `+` on amounts cannot overflow once a file has loaded, and no checked arithmetic is needed
//! downstream.
//!
//! Dates are calendar dates of the years 2000–2100: a budget disclosure of this system is
//! never older, and a year bound (unlike "not after today") gives the same answer on every
//! day, so builds stay deterministic.
//!
//! Text may not hold characters that XML forbids or that hide or reorder what a reader sees.

use crate::content::unit::MoneyUnit;
use rust_decimal::Decimal;

/// Whole digits an amount may have in any unit: less than 10^15.
pub const MAX_AMOUNT_DIGITS: u32 = 15;

/// The largest amount allowed in a file of `unit`: below 10^15 元, i.e. below 10^11 万元.
pub fn max_amount(unit: MoneyUnit) -> Decimal {
    match unit {
        MoneyUnit::Yuan => Decimal::from(10u64.pow(15)),
        MoneyUnit::TenThousandYuan => Decimal::from(10u64.pow(11)),
    }
}

/// Refuses an amount of 10^15 or more in any unit (the unit-aware bound is checked after the
/// whole file is read, when its unit is known).
pub fn within_bound(d: Decimal) -> Result<(), String> {
    if d.abs() >= Decimal::from(10u64.pow(MAX_AMOUNT_DIGITS)) {
        return Err(
            "太大：金额不能达到 10^15（一千万亿）；请检查是否多输了数字或把单位写错".into(),
        );
    }
    Ok(())
}

/// Whether the thousands separators of an amount, if any, are where they belong:
/// `1,042.10` and `12,345,678` are fine; `1,00.5`, `10,0000`, `,100`, `1,000.0,0` are not.
pub fn grouping_ok(text: &str) -> bool {
    if !text.contains(',') {
        return true;
    }
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.contains(',') {
        return false;
    }
    let int = int.strip_prefix('-').unwrap_or(int);
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// The first character of `s` that may not appear in published text, with its name in
/// Chinese: characters XML 1.0 forbids (controls other than tab and line breaks,
/// noncharacters), and characters that hide or reorder text (line/paragraph separators,
/// bidirectional controls, zero-width characters, a byte-order mark inside text).
pub fn forbidden_char(s: &str) -> Option<(char, &'static str)> {
    s.chars().find_map(|c| forbidden(c).map(|why| (c, why)))
}

fn forbidden(c: char) -> Option<&'static str> {
    let u = c as u32;
    match c {
        '\t' | '\n' | '\r' => None,
        '\0' => Some("空字符（NUL）"),
        _ if u < 0x20 || (0x7f..=0x9f).contains(&u) => Some("控制字符"),
        '\u{2028}' | '\u{2029}' => Some("行分隔符或段分隔符"),
        '\u{200e}'
        | '\u{200f}'
        | '\u{061c}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some("文字方向控制符"),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{180e}' => {
            Some("零宽字符")
        }
        _ if (0xfdd0..=0xfdef).contains(&u) || (u & 0xfffe) == 0xfffe => Some("非字符码位"),
        _ => None,
    }
}

/// `U+XXXX`, how a character that cannot be seen is named in a message.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misplaced_thousands_separators_are_refused() {
        for ok in ["1,042.10", "12,345,678", "100", "1,000", "0.5"] {
            assert!(grouping_ok(ok), "{ok}");
        }
        for bad in [
            "1,00.5",
            "10,0000",
            ",100",
            "1,000.0,0",
            "1,,000",
            "1000,000",
        ] {
            assert!(!grouping_ok(bad), "{bad}");
        }
    }

    #[test]
    fn hidden_and_forbidden_characters_are_found() {
        for c in [
            '\0',
            '\u{1}',
            '\u{85}',
            '\u{2028}',
            '\u{2029}',
            '\u{202e}',
            '\u{2066}',
            '\u{200b}',
            '\u{200d}',
            '\u{feff}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{1fffe}',
        ] {
            assert!(forbidden_char(&format!("部门{c}名称")).is_some(), "{c:?}");
        }
        assert!(forbidden_char("济源产城融合示范区\n第二行\t（一）《预算法》").is_none());
    }

    #[test]
    fn the_bound_is_ten_to_the_fifteen_yuan() {
        assert!(within_bound(Decimal::from(10u64.pow(15) - 1)).is_ok());
        assert!(within_bound(Decimal::from(10u64.pow(15))).is_err());
        assert_eq!(
            max_amount(MoneyUnit::TenThousandYuan) * Decimal::from(10_000),
            max_amount(MoneyUnit::Yuan)
        );
    }
}
