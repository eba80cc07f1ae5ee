//! Text measurement and placement for charts drawn without a font at build time.
//!
//! CI machines have no CJK fonts, and plotters' SVG backend without a font backend guesses
//! widths from UTF-8 byte counts (a Chinese character is three bytes, so labels come out
//! about 1.5× too wide). Charts therefore lay out every label themselves with
//! [`text_width`], an upper-bound estimate that holds for the CJK UI fonts a reader's
//! browser picks (Noto Sans CJK / Source Han Sans, PingFang SC, Microsoft YaHei, SimSun):
//!
//! - a full-width glyph (汉字, kana, 全角 punctuation such as `，（）“”`) is 1 em, as every CJK
//!   font draws it on a square body;
//! - digits and lower-case Latin letters are 0.6 em (0.50–0.58 em in those fonts);
//! - upper-case letters 0.72 em, `%` 0.9 em, narrow punctuation (`.,:;'|!`) and space 0.35 em;
//! - anything else counts as 1 em, so an unknown glyph can only make a box too big.
//!
//! Vertically a glyph is taken to fill the ideographic em box: [`ASCENT`] above the
//! baseline and [`DESCENT`] below it. Tests rebuild every `<text>` box from the SVG with the
//! same measure to prove that no label leaves the canvas or overlaps another.

/// Height above the baseline, in em.
pub const ASCENT: f64 = 0.9;
/// Depth below the baseline, in em (Latin descenders reach 0.2 em; CJK glyphs 0.12 em).
pub const DESCENT: f64 = 0.2;

/// Whether a character is drawn full-width (one em) by CJK fonts.
pub fn is_full_width(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F        // Hangul Jamo
        | 0x2010..=0x2027      // dashes, quotes “” ‘’, ellipsis: full-width in CJK fonts
        | 0x2E80..=0x303F      // CJK radicals, symbols and punctuation (、。「」)
        | 0x3040..=0xA4CF      // kana, bopomofo, CJK ideographs, Yi
        | 0xAC00..=0xD7A3      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFE30..=0xFE4F      // CJK compatibility forms
        | 0xFF00..=0xFF60      // full-width forms (，（）：)
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD) // CJK extensions B and beyond
}

/// Advance width of one character, in em.
pub fn char_em(c: char) -> f64 {
    match c {
        _ if is_full_width(c) => 1.0,
        '0'..='9' | 'a'..='z' => 0.6,
        'A'..='Z' => 0.72,
        '%' => 0.9,
        '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.35,
        '(' | ')' | '[' | ']' | '-' | '/' | '+' | '*' => 0.45,
        _ => 1.0,
    }
}

/// Width of `text` set at `size` px, an upper bound (see the module notes).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size
}

/// Characters that may not begin a line (禁则): closing punctuation stays with what precedes it.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '%'
            | ')'
            | ','
            | '.'
    )
}

/// Latin runs (numbers, words) are not split across lines.
fn joins(a: char, b: char) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '%' | '-');
    word(a) && word(b)
}

/// Breaks `text` into lines no wider than `max` at `size` px. Chinese breaks between any two
/// characters; Latin runs and closing punctuation are kept whole. A single unbreakable run
/// wider than `max` gets a line of its own (callers size the canvas from the result).
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    // Break opportunities: before index i.
    let can_break = |i: usize| i > 0 && !joins(chars[i - 1], chars[i]) && !no_line_start(chars[i]);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut width = 0.0;
        let mut end = start;
        let mut last_break = None;
        while end < chars.len() {
            let w = char_em(chars[end]) * size;
            if end > start && can_break(end) {
                last_break = Some(end);
            }
            if width + w > max && end > start {
                break;
            }
            width += w;
            end += 1;
        }
        if end < chars.len() {
            // Overflowed: go back to the last opportunity if there was one.
            if let Some(b) = last_break.filter(|b| *b > start) {
                end = b;
            } else {
                // No opportunity inside: run on to the next one.
                while end < chars.len() && !can_break(end) {
                    end += 1;
                }
            }
        }
        lines.push(chars[start..end].iter().collect());
        start = end;
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Horizontal anchoring of a text, as SVG's `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
    pub fn parse(s: &str) -> Anchor {
        match s {
            "middle" => Anchor::Middle,
            "end" => Anchor::End,
            _ => Anchor::Start,
        }
    }
}

/// The box a text occupies: x from `left` to `right`, y from `top` to `bottom`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl TextBox {
    /// The box of `text` with its anchor point at (`x`, baseline `y`).
    pub fn of(text: &str, x: f64, y: f64, size: f64, anchor: Anchor) -> TextBox {
        let w = text_width(text, size);
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        TextBox {
            left,
            right: left + w,
            top: y - ASCENT * size,
            bottom: y + DESCENT * size,
        }
    }

    /// Whether two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, o: &TextBox) -> bool {
        self.left < o.right && o.left < self.right && self.top < o.bottom && o.top < self.bottom
    }

    /// Whether the box lies within a `width` × `height` canvas.
    pub fn inside(&self, width: f64, height: f64) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= width && self.bottom <= height
    }

    pub fn corners(&self) -> [(f64, f64); 4] {
        [
            (self.left, self.top),
            (self.right, self.top),
            (self.left, self.bottom),
            (self.right, self.bottom),
        ]
    }
}

/// A coordinate with two decimals: fixed formatting keeps the SVG byte-identical between
/// builds and small (`-0.00` is written `0.00`).
pub fn num(v: f64) -> String {
    // A chart has hundreds of coordinates, and `{:.2}` formats a float exactly (slowly).
    // Rounding v × 100 gives the same hundredths unless the product lies next to a tie
    // (it is off by at most half an ulp, far below 0.001 at chart sizes); those few go
    // the exact way.
    let c = v * 100.0;
    if c.is_finite() && c.abs() < 1e12 && ((c - c.trunc()).abs() - 0.5).abs() > 1e-3 {
        let cents = c.round() as i64;
        let (whole, frac) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
        let sign = if cents < 0 { "-" } else { "" };
        return match frac {
            0 => format!("{sign}{whole}"),
            f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
            f => format!("{sign}{whole}.{f:02}"),
        };
    }
    exact_num(v)
}

fn exact_num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = if s == "-0.00" { "0.00".to_owned() } else { s };
    // Trim trailing zeros: 12.50 → 12.5, 12.00 → 12.
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_as_exact_formatting_writes_them() {
        let mut cases = vec![
            0.0, -0.0, 0.004, -0.004, 0.005, 0.015, 0.125, 2.675, 12.5, 1e9, -7.25,
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let scale = [1.0, 10.0, 100.0, 1000.0, 0.01][(x % 5) as usize];
            let v = ((x >> 11) as f64 / (1u64 << 53) as f64 - 0.3) * 1000.0 * scale;
            cases.push(v);
            // Values on and next to ties in the hundredths.
            cases.push((v * 100.0).trunc() / 100.0 + 0.005);
        }
        for v in cases {
            assert_eq!(num(v), exact_num(v), "{v:?}");
        }
    }

    #[test]
    fn chinese_is_one_em_and_digits_narrower() {
        assert_eq!(text_width("基本支出", 10.0), 40.0);
        assert_eq!(text_width("（一）", 10.0), 30.0);
        assert!((text_width("883.70", 10.0) - 33.5).abs() < 1e-9);
        // The byte count would say 12 units for 基本支出; the measure says 4 em.
        assert!(text_width("基本支出", 1.0) < "基本支出".len() as f64 * 0.6);
    }

    #[test]
    fn wraps_chinese_anywhere_but_keeps_numbers_and_closing_marks() {
        let lines = wrap("其他国有土地使用权出让收入安排的支出", 10.0, 60.0);
        assert!(
            lines.iter().all(|l| text_width(l, 10.0) <= 60.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "其他国有土地使用权出让收入安排的支出");
        let lines = wrap("合计1,042.10万元", 10.0, 50.0);
        assert!(lines.iter().any(|l| l.contains("1,042.10")), "{lines:?}");
        let lines = wrap("一二三四，五六", 10.0, 40.0);
        assert!(!lines[1].starts_with('，'), "{lines:?}");
        assert_eq!(wrap("", 10.0, 40.0), vec![String::new()]);
    }

    #[test]
    fn boxes_follow_the_anchor() {
        let b = TextBox::of("一二", 100.0, 50.0, 10.0, Anchor::End);
        assert_eq!((b.left, b.right), (80.0, 100.0));
        let m = TextBox::of("一二", 100.0, 50.0, 10.0, Anchor::Middle);
        assert_eq!((m.left, m.right), (90.0, 110.0));
        assert!(b.overlaps(&m));
        assert!(!b.overlaps(&TextBox::of("一", 100.0, 50.0, 10.0, Anchor::Start)));
    }

    #[test]
    fn numbers_are_fixed_and_short() {
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(-0.001), "0");
    }
}
