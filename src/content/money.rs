//! Exact money amounts.
//!
//! Budget figures are published with two decimals and must add up exactly, so they are
//! `rust_decimal::Decimal`, never floats. YAML numbers are read from their source text
//! (the YAML reader hands `deserialize_str` the scalar as written), so `983.70` stays 983.70.

use crate::content::unit::MoneyUnit;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// An amount of money in the disclosure's own unit (万元 or 元).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Parses an amount as staff write it: `983.70`, `1042.1`, `1,042.10`, `0`.
    pub fn parse(text: &str) -> Result<Money, String> {
        let shown: String = text.chars().take(40).collect();
        let shown = if shown.len() < text.len() {
            format!("{shown}…")
        } else {
            shown
        };
        if !crate::content::limits::grouping_ok(text.trim()) {
            return Err(format!(
                "`{shown}` 的千位分隔符位置不对：逗号只能每三位一个（如 1,042.10），小数部分不能有逗号；请改正或去掉逗号"
            ));
        }
        let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
        if cleaned.is_empty() {
            return Err(crate::say!("金额是空的", "an amount is empty"));
        }
        let ok = cleaned
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && c == '-'));
        if !ok {
            return Err(crate::say!(
                "`{shown}` 不是金额：金额请只写数字，可带小数点，例如 983.70",
                "`{shown}` is not an amount: write digits with an optional decimal point, like 983.70"
            ));
        }
        let d = Decimal::from_str_exact(&cleaned).map_err(|_| {
            crate::say!(
                "`{shown}` 不是金额：金额请只写数字，可带小数点，例如 983.70",
                "`{shown}` is not an amount: write digits with an optional decimal point, like 983.70"
            )
        })?;
        if d.scale() > 4 {
            return Err(crate::say!(
                "`{shown}` 的小数超过四位；公开的金额只有两位小数，请照公开文本填写",
                "`{shown}` has more than four decimals; amounts are published with two"
            ));
        }
        if d.is_sign_negative() && !d.is_zero() {
            return Err(crate::say!(
                "`{shown}` 是负数；预算金额不能是负数，请去掉负号或核对这个数字",
                "`{shown}` is negative; budget amounts cannot be negative"
            ));
        }
        crate::content::limits::within_bound(d).map_err(|m| format!("`{shown}` {m}"))?;
        Ok(Money(d))
    }

    /// Table style: thousands separators, always two decimals, e.g. `1,042.10`.
    pub fn table(self) -> String {
        self.two_decimals(true)
    }

    /// Two decimals, with `,` between thousands when `grouped`. Written from the rounded
    /// amount's digits into a buffer on the stack: a page shows thousands of amounts, and
    /// going through `format!` and regrouping the text was a noticeable part of a build.
    fn two_decimals(self, grouped: bool) -> String {
        self.digits(grouped).as_str().to_owned()
    }

    fn digits(self, grouped: bool) -> Digits {
        let r = self.half_up();
        // Rounding leaves at most two decimals; scale to exactly two.
        let cents = r.mantissa().unsigned_abs()
            * if r.scale() < 2 {
                10u128.pow(2 - r.scale())
            } else {
                1
            };
        // Filled from the right: decimals first, then the whole part.
        let mut out = Digits {
            buf: [0; 64],
            start: 64,
        };
        let mut rest = cents;
        let mut n = 0;
        while rest > 0 || n < 3 {
            if n == 2 {
                out.push(b'.');
            } else if grouped && n > 2 && (n - 2) % 3 == 0 {
                out.push(b',');
            }
            out.push(b'0' + (rest % 10) as u8);
            rest /= 10;
            n += 1;
        }
        if r.is_sign_negative() {
            out.push(b'-');
        }
        out
    }

    /// Table cell: blank when zero, as published tables leave empty cells blank.
    pub fn cell(self) -> String {
        if self.is_zero() {
            String::new()
        } else {
            self.table()
        }
    }

    /// Narrative style: no separators; whole amounts without decimals (`5`, `100`),
    /// others with two (`0.50`, `1042.10`), as the published narratives write them.
    pub fn prose(self) -> String {
        let r = self.half_up();
        if r.fract().is_zero() {
            format!("{}", r.trunc())
        } else {
            format!("{r:.2}")
        }
    }

    /// Plain machine form for CSV/JSON: two decimals, no separators.
    pub fn plain(self) -> String {
        self.two_decimals(false)
    }

    /// The amount to two decimals by 四舍五入 (a tie goes away from zero: 58.405 → 58.41),
    /// the one rule every shown figure follows. `round_dp` would round a tie to even and
    /// print 58.40. An amount entered with more decimals than are published (up to four
    /// are accepted) is kept exact for every sum and rounded only here, when it is shown.
    pub fn half_up(self) -> Decimal {
        self.0
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    }
}

/// An amount's text, built right to left in a fixed buffer (a Decimal has at most 29
/// digits; with separators, point and sign that is under 64 bytes).
struct Digits {
    buf: [u8; 64],
    start: usize,
}

impl Digits {
    fn push(&mut self, b: u8) {
        self.start -= 1;
        self.buf[self.start] = b;
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits, `,`, `.` and `-` are ever pushed.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("")
    }
}

/// How a figure is rounded when it is shown in a larger unit than the file's (元 → 万元).
/// Published tables round half away from zero (四舍五入); a profile may ask for another rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// 四舍五入: 0.005 → 0.01.
    #[default]
    HalfUp,
    /// Banker's rounding: 0.005 → 0.00, 0.015 → 0.02.
    HalfEven,
}

/// What a change against last year is the difference of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difference {
    /// The exact figures; the difference is rounded once.
    #[default]
    Exact,
    /// The figures as printed, each rounded to the narrative's unit first (普陀 publishes
    /// +3,355.65万元 = 18,976.76 − 15,621.11, where the exact difference is 3,355.64).
    Published,
}

impl Money {
    /// The same amount in another unit, exactly: 万元 → 元 multiplies by 10,000, 元 → 万元
    /// divides (a Decimal keeps every digit, so nothing is lost before rounding).
    pub fn convert(self, from: MoneyUnit, to: MoneyUnit) -> Money {
        let ten_thousand = Decimal::from(10_000);
        match (from, to) {
            (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan) => Money(self.0 / ten_thousand),
            (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) => Money(self.0 * ten_thousand),
            _ => self,
        }
    }

    /// Rounded to two decimals by `rule`.
    pub fn rounded(self, rule: Rounding) -> Money {
        let strategy = match rule {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
        };
        Money(self.0.round_dp_with_strategy(2, strategy))
    }
}

/// How the amounts of one file are shown: the file's unit, the unit shown and the rounding.
/// Every shown figure is computed in the file's unit first and converted last, so a total
/// shown in 万元 is the rounded exact total, never a sum of rounded parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub from: MoneyUnit,
    pub to: MoneyUnit,
    pub rounding: Rounding,
}

impl Shown {
    /// Amounts shown in the unit they are written in.
    pub fn as_written(unit: MoneyUnit) -> Shown {
        Shown {
            from: unit,
            to: unit,
            rounding: Rounding::HalfUp,
        }
    }

    /// The same file shown in `to`.
    pub fn in_unit(self, to: MoneyUnit) -> Shown {
        Shown { to, ..self }
    }

    /// Whether the amounts change unit (and so are converted and rounded).
    pub fn converts(self) -> bool {
        self.from != self.to
    }

    /// The amount as shown. Unconverted amounts are left exactly as written, so a profile in
    /// the file's own unit shows what it always showed.
    pub fn money(self, m: Money) -> Money {
        if self.converts() {
            m.convert(self.from, self.to).rounded(self.rounding)
        } else {
            m
        }
    }

    /// The amount as the narrative prints it (converted and rounded to two decimals), back
    /// in the file's unit: what a difference of printed figures is taken from.
    pub fn as_printed(self, m: Money) -> Money {
        m.convert(self.from, self.to)
            .rounded(self.rounding)
            .convert(self.to, self.from)
    }

    /// `万元` or `元`.
    pub fn unit(self) -> &'static str {
        self.to.label()
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.digits(false).as_str())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}
impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}
impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}
impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}
impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount like 983.70")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                crate::content::limits::within_bound(Decimal::from(v))
                    .map_err(|m| E::custom(format!("`{v}` {m}")))?;
                Ok(Money(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                Money::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.digits(false).as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    /// What `table` and `plain` wrote before they were written digit by digit.
    fn by_format(d: Decimal, grouped: bool) -> String {
        let s = format!(
            "{:.2}",
            d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        );
        if !grouped {
            return s;
        }
        let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
        let (sign, digits) = match int.strip_prefix('-') {
            Some(d) => ("-", d),
            None => ("", int),
        };
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        format!("{sign}{out}.{frac}")
    }

    #[test]
    fn two_decimals_as_format_wrote_them() {
        let mut cases: Vec<Decimal> = [
            "0",
            "-0",
            "0.004",
            "0.005",
            "0.015",
            "0.1",
            "1",
            "12",
            "123",
            "999.995",
            "1000",
            "1042.1",
            "12345.678",
            "123456",
            "1234567.891",
            "-1234.5",
            "-0.001",
            "10421000",
            "99999999999.99",
            "0.0001",
        ]
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
        // A deterministic spread of magnitudes and scales.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let scale = (x % 5) as u32;
            let mantissa = (x >> 8) as i64 % 10_i64.pow(1 + (x % 14) as u32);
            cases.push(Decimal::new(mantissa, scale));
        }
        for d in cases {
            assert_eq!(Money(d).table(), by_format(d, true), "{d}");
            assert_eq!(Money(d).plain(), by_format(d, false), "{d}");
        }
    }

    #[test]
    fn yaml_numbers_keep_their_exact_decimals() {
        #[derive(Deserialize)]
        struct T {
            a: Money,
            b: Money,
        }
        let t: T = crate::content::yaml::from_str("a: 983.70\nb: 0.1\n").unwrap();
        assert_eq!(t.a.0.to_string(), "983.70");
        assert_eq!(t.b.0.to_string(), "0.1");
        // 0.1 + 0.2 is exactly 0.3, which it is not in f64.
        assert_eq!(m("0.1") + m("0.2"), m("0.3"));
    }

    #[test]
    fn formats_like_the_published_tables() {
        assert_eq!(m("1042.1").table(), "1,042.10");
        assert_eq!(m("983.70").table(), "983.70");
        assert_eq!(m("1234567.5").table(), "1,234,567.50");
        assert_eq!(m("0").cell(), "");
        assert_eq!(m("5.00").prose(), "5");
        assert_eq!(m("0.50").prose(), "0.50");
        assert_eq!(m("1042.10").prose(), "1042.10");
    }

    #[test]
    fn converts_exactly_and_rounds_only_when_shown_in_another_unit() {
        let (wan, yuan) = (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan);
        // 普陀 table 9: 1,710,062.00元 → 171.01万元; 17,280.00元 → 1.73万元.
        let shown = Shown::as_written(yuan).in_unit(wan);
        assert_eq!(shown.money(m("1710062.00")), m("171.01"));
        assert_eq!(shown.money(m("17280.00")), m("1.73"));
        // The exact quotient is kept until the shown figure is rounded.
        assert_eq!(m("17280").convert(yuan, wan), m("1.728"));
        // A tie rounds away from zero unless the profile says otherwise.
        assert_eq!(shown.money(m("50")), m("0.01"));
        let even = Shown {
            rounding: Rounding::HalfEven,
            ..shown
        };
        assert_eq!(even.money(m("50")), m("0.00"));
        assert_eq!(even.money(m("150")), m("0.02"));
        // 万元 → 元 is a multiplication, always exact.
        let up = Shown::as_written(wan).in_unit(yuan);
        assert_eq!(up.money(m("983.70")), m("9837000"));
        assert_eq!(up.money(m("0.0001")), m("1"));
        // Shown as written: untouched, even beyond two decimals.
        assert_eq!(Shown::as_written(wan).money(m("1.2345")), m("1.2345"));
    }

    #[test]
    fn a_tie_rounds_away_from_zero_wherever_it_is_shown() {
        // 四舍五入: 58.405万元 is published 58.41, never the banker's 58.40.
        let x = m("58.405");
        assert_eq!(x.table(), "58.41");
        assert_eq!(x.cell(), "58.41");
        assert_eq!(x.plain(), "58.41");
        assert_eq!(x.prose(), "58.41");
        assert_eq!(x.to_string(), "58.41");
        assert_eq!(serde_json::to_string(&x).unwrap(), "\"58.41\"");
        assert_eq!(m("0.125").plain(), "0.13");
        assert_eq!(m("2.995").prose(), "3");
        assert_eq!(m("1234.565").table(), "1,234.57");
        // Kept exact underneath: sums use every decimal entered.
        assert_eq!((x + x).plain(), "116.81");
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert!(Money::parse("12万").is_err());
        assert!(Money::parse("abc").is_err());
        assert!(Money::parse("-3").is_err());
        assert!(Money::parse("1e3").is_err());
        assert!(Money::parse("1.23456").is_err());
    }
}
