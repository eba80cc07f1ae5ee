//! The content's dates (`published`, corrections): real calendar days only.
//!
//! A date is written `YYYY-MM-DD`; a day that no calendar has (`2024-02-31`, `2023-02-29`)
//! is a typo that would otherwise be published and fed to readers' feeds as it is. A small
//! validator is enough: the format is fixed and the Gregorian leap rule is three lines.

/// Years a date may fall in: wide enough for any archive, narrow enough that a typo such as
/// `9999-12-31` cannot pin an entry to the top of the feed for ever. Fixed, not relative to
/// today, so that the same content always builds the same site.
pub const YEARS: std::ops::RangeInclusive<u32> = 2000..=2100;

/// Whether `s` is a real calendar date written `YYYY-MM-DD` in [`YEARS`]. Used for every
/// date of the content: `published` and each correction's date.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    YEARS.contains(&year) && (1..=12).contains(&month) && (1..=days_in(year, month)).contains(&day)
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// The publication date `gongkai new` writes for a year before anyone knows the real one
/// (1 January, a public holiday on which nothing is published). `check` warns while a
/// disclosure still carries it.
pub fn placeholder(year: u16) -> String {
    format!("{year}-01-01")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_calendar_days_are_dates() {
        for ok in [
            "2024-05-26",
            "2024-02-29",
            "2000-02-29",
            "2023-12-31",
            "2025-04-30",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2024-02-31",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-05-00",
            "2024-5-26",
            "2024/05/26",
            "２０２４-05-26",
            "0999-01-01",
            "1999-12-31",
            "2101-01-01",
            "9999-99-99",
            "2024-01-01</updated><script>",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn the_placeholder_is_new_year() {
        assert_eq!(placeholder(2026), "2026-01-01");
        assert!(is_date(&placeholder(2026)));
    }
}
