//! A fast reader for the part of YAML that disclosure files are written in.
//!
//! serde_yaml (libyaml underneath) spends about 0.6 ms on a 14 KB disclosure: three quarters
//! of `gongkai check` and a fifth of a build. The files use a small part of YAML: block maps
//! and lists, one-line flow maps and lists, one-line plain and quoted texts, `|` blocks and
//! comments. This module reads exactly that part, and gives up (`None`) on anything else:
//! anchors, tags, texts over several lines, folded blocks, tabs, several documents, and every
//! error. The caller then falls back to serde_yaml, which reads all of YAML and words every
//! error message. For a file it accepts, the result is what serde_yaml gives. The tests
//! compare its events with libyaml's on real, synthetic and mutated files.

mod de;

use std::borrow::Cow;

/// Reads `text` into `T`, or `None` if the text or the value is outside what this reader
/// handles (the caller then uses serde_yaml).
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    with_tree(text, |node| T::deserialize(node).ok())
}

/// Runs `f` on the tree of `text`, if it is in the part of YAML read here. Windows line
/// ends (CR LF) are line ends, as in libyaml, which also turns them into LF inside `|`
/// blocks; a carriage return alone is left to serde_yaml.
pub fn with_tree<R>(text: &str, f: impl FnOnce(&Node<'_>) -> Option<R>) -> Option<R> {
    if text.contains('\r') {
        let unix = text.replace("\r\n", "\n");
        return f(&parse(&unix)?);
    }
    f(&parse(text)?)
}

/// How a text was written; it decides how serde_yaml reads it (only a plain `null` or an
/// empty plain text is "no value").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// A parsed YAML value: what the tests compare with libyaml's events.
#[derive(Debug)]
pub enum Node<'a> {
    Scalar(Cow<'a, str>, Style),
    Seq(Vec<Node<'a>>),
    /// Keys are always scalars.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

/// The tree of `text`, or `None` where it is not in the part of YAML read here.
fn parse(text: &str) -> Option<Node<'_>> {
    if !ordinary_text(text) {
        return None;
    }
    let mut r = Reader {
        t: text,
        b: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let (start, indent) = r.next_content(0)?;
    if indent != 0 {
        return None;
    }
    r.pos = start;
    let node = r.block(0)?;
    match r.next_content(r.pos) {
        Some(_) => None,
        None => Some(node),
    }
}

/// Whether each character is one that libyaml reads as itself, and no line starts a directive
/// or a document marker. Tabs, carriage returns, the other line breaks YAML knows (U+0085,
/// U+2028, U+2029), byte-order marks and control characters all send a file to serde_yaml.
fn ordinary_text(text: &str) -> bool {
    let b = text.as_bytes();
    let mut line_start = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if line_start && (c == b'%' || b[i..].starts_with(b"---") || b[i..].starts_with(b"...")) {
            return false;
        }
        line_start = c == b'\n';
        let bad = match c {
            b'\n' | 0x20..=0x7e => false,
            0x00..=0x1f | 0x7f => true,
            // C1 controls and NEL are U+0080..U+009F: C2 80..C2 9F.
            0xc2 => b.get(i + 1).is_some_and(|n| *n < 0xa0),
            // U+2028, U+2029.
            0xe2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)),
            // U+FEFF, U+FFFE, U+FFFF.
            0xef => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ),
            _ => false,
        };
        if bad {
            return false;
        }
        i += 1;
    }
    true
}

/// Characters that may not start a plain text, or that start something this reader leaves
/// to serde_yaml (`-5`, `?x` and `:x` are plain texts in YAML, but rare enough to leave).
fn is_indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// What ends a plain text in a block: the line, `: ` (it was a key), or ` #`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    LineEnd,
    Colon,
    Comment,
}

/// Longest key read here, in bytes from its first character to its `:` (quotes, escapes
/// and spaces included): libyaml refuses a key whose `:` is more than 1,024 characters on.
const MAX_KEY: usize = 1000;

struct Reader<'a> {
    t: &'a str,
    b: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// The byte at `i`; the end of the text reads as a line end.
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(b'\n')
    }

    /// Start of the line after the one holding `i`.
    fn next_line(&self, i: usize) -> usize {
        match self
            .b
            .get(i..)
            .and_then(|r| r.iter().position(|c| *c == b'\n'))
        {
            Some(k) => i + k + 1,
            None => self.b.len(),
        }
    }

    fn spaces(&self, i: usize) -> usize {
        self.b
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|c| **c == b' ').count())
    }

    fn skip_spaces(&mut self) {
        self.pos += self.spaces(self.pos);
    }

    fn column(&self, i: usize) -> usize {
        i - self.b[..i]
            .iter()
            .rposition(|c| *c == b'\n')
            .map_or(0, |k| k + 1)
    }

    /// From the line starting at `i`, the first line that holds more than spaces and a
    /// comment: where it starts and how far it is indented.
    fn next_content(&self, mut i: usize) -> Option<(usize, usize)> {
        while i < self.b.len() {
            let indent = self.spaces(i);
            match self.at(i + indent) {
                b'\n' | b'#' => i = self.next_line(i),
                _ => return Some((i, indent)),
            }
        }
        None
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= crate::yaml_scan::MAX_DEPTH).then_some(())
    }

    fn is_dash(&self, i: usize) -> bool {
        self.at(i) == b'-' && matches!(self.at(i + 1), b' ' | b'\n')
    }

    /// A block list or map whose first line has its content at `pos`, in column `n`.
    fn block(&mut self, n: usize) -> Option<Node<'a>> {
        self.enter()?;
        let node = if self.is_dash(self.pos) {
            self.seq(n)
        } else {
            self.map(n)
        };
        self.depth -= 1;
        node
    }

    fn seq(&mut self, n: usize) -> Option<Node<'a>> {
        let mut items = Vec::new();
        loop {
            self.pos += 1;
            items.push(self.value(n, false)?);
            match self.next_content(self.pos) {
                Some((s, indent)) if indent == n && self.is_dash(s + indent) => {
                    self.pos = s + indent
                }
                Some((_, indent)) if indent > n => return None,
                _ => return Some(Node::Seq(items)),
            }
        }
    }

    fn map(&mut self, n: usize) -> Option<Node<'a>> {
        let mut entries = Vec::new();
        loop {
            let key = self.key()?;
            let value = self.value(n, true)?;
            entries.push((key, value));
            match self.next_content(self.pos) {
                Some((s, indent)) if indent == n => self.pos = s + indent,
                Some((_, indent)) if indent > n => return None,
                _ => return Some(Node::Map(entries)),
            }
        }
    }

    /// A key and its `:`, which must be followed by a space or the line end.
    fn key(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let c = self.at(start);
        let key = if c == b'"' || c == b'\'' {
            let k = self.quoted()?;
            self.skip_spaces();
            k
        } else {
            if is_indicator(c) || c == b' ' || c == b'\n' {
                return None;
            }
            let (end, Stop::Colon) = self.plain_end(start) else {
                return None;
            };
            self.pos = end;
            Node::Scalar(
                Cow::Borrowed(self.t[start..self.pos].trim_end_matches(' ')),
                Style::Plain,
            )
        };
        if !self.is_colon(self.pos) || self.pos - start > MAX_KEY {
            return None;
        }
        self.pos += 1;
        Some(key)
    }

    /// The value after a map's `:` or a list's `-`, in a collection at column `n`. Leaves
    /// `pos` at the start of the line after the value.
    fn value(&mut self, n: usize, in_map: bool) -> Option<Node<'a>> {
        self.skip_spaces();
        match self.at(self.pos) {
            b'\n' | b'#' => {
                self.pos = self.next_line(self.pos);
                self.nested(n, in_map)
            }
            // A list item that starts with a key is a map in the key's column.
            _ if !in_map && self.looks_like_key() => self.block(self.column(self.pos)),
            b'|' => self.literal(n),
            b'[' | b'{' => {
                let v = self.flow()?;
                self.end_of_line()?;
                Some(v)
            }
            b'"' | b'\'' => {
                let v = self.quoted()?;
                self.end_of_line()?;
                Some(v)
            }
            _ => self.plain(),
        }
    }

    /// What follows a key or dash with nothing after it on its line: a more indented block,
    /// a list at the key's own indentation, or no value (an empty plain text, as in libyaml).
    fn nested(&mut self, n: usize, in_map: bool) -> Option<Node<'a>> {
        match self.next_content(self.pos) {
            Some((s, indent)) if indent > n || (in_map && indent == n && self.is_dash(s + n)) => {
                self.pos = s + indent;
                self.block(indent)
            }
            _ => Some(Node::Scalar(Cow::Borrowed(""), Style::Plain)),
        }
    }

    /// Whether a list item starts with a key, making it a map (`- code: "01"`).
    fn looks_like_key(&self) -> bool {
        let q = self.at(self.pos);
        if q == b'"' || q == b'\'' {
            let mut probe = Reader { ..*self };
            if probe.quoted().is_none() {
                return false;
            }
            probe.skip_spaces();
            return probe.is_colon(probe.pos);
        }
        !is_indicator(q) && self.plain_end(self.pos).1 == Stop::Colon
    }

    /// A `:` that makes what is before it a key: followed by a space or the line end.
    fn is_colon(&self, i: usize) -> bool {
        self.at(i) == b':' && matches!(self.at(i + 1), b' ' | b'\n')
    }

    /// Where a plain text starting at `i` (not at an indicator) ends in a block, and why.
    fn plain_end(&self, mut i: usize) -> (usize, Stop) {
        loop {
            match self.at(i) {
                b'\n' => return (i, Stop::LineEnd),
                b':' if self.is_colon(i) => return (i, Stop::Colon),
                b'#' if self.b[i - 1] == b' ' => return (i, Stop::Comment),
                _ => i += 1,
            }
        }
    }

    /// A plain text to the end of its line or a comment.
    fn plain(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if is_indicator(self.at(start)) {
            return None;
        }
        // `a: b: c` is an error in YAML.
        let (end, Stop::LineEnd | Stop::Comment) = self.plain_end(start) else {
            return None;
        };
        let v = self.t[start..end].trim_end_matches(' ');
        self.pos = self.next_line(end);
        Some(Node::Scalar(Cow::Borrowed(v), Style::Plain))
    }

    /// Spaces and a comment may follow a value on its line; nothing else.
    fn end_of_line(&mut self) -> Option<()> {
        let before = self.pos;
        self.skip_spaces();
        match self.at(self.pos) {
            b'\n' => {}
            b'#' if self.pos > before => {}
            _ => return None,
        }
        self.pos = self.next_line(self.pos);
        Some(())
    }

    /// A quoted text that ends on its line. Double quotes take the common escapes only.
    fn quoted(&mut self) -> Option<Node<'a>> {
        let q = self.at(self.pos);
        let start = self.pos + 1;
        let mut i = start;
        let mut seg = start;
        let mut owned: Option<String> = None;
        loop {
            let c = self.at(i);
            match c {
                b'\n' => return None,
                b'\'' if q == b'\'' && self.at(i + 1) == b'\'' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.t[seg..i]);
                    s.push('\'');
                    i += 2;
                    seg = i;
                }
                b'\\' if q == b'"' => {
                    let (ch, len) = match self.at(i + 1) {
                        b'\\' => ('\\', 2),
                        b'"' => ('"', 2),
                        b'/' => ('/', 2),
                        b'n' => ('\n', 2),
                        b't' => ('\t', 2),
                        b'r' => ('\r', 2),
                        b'0' => ('\0', 2),
                        b'u' => {
                            let hex = self.t.get(i + 2..i + 6)?;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                                return None;
                            }
                            (char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, 6)
                        }
                        _ => return None,
                    };
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.t[seg..i]);
                    s.push(ch);
                    i += len;
                    seg = i;
                }
                _ if c == q => break,
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        let text = match owned {
            Some(mut s) => {
                s.push_str(&self.t[seg..i]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&self.t[start..i]),
        };
        let style = if q == b'"' {
            Style::DoubleQuoted
        } else {
            Style::SingleQuoted
        };
        Some(Node::Scalar(text, style))
    }

    /// A `|` or `|-` block of text under a key or dash in column `n`. Its indentation is
    /// that of its first line; a blank line more indented than that, `|+`, an indentation
    /// digit, or a last line without a line end are left to serde_yaml.
    fn literal(&mut self, n: usize) -> Option<Node<'a>> {
        self.pos += 1;
        let strip = match self.at(self.pos) {
            b'-' => {
                self.pos += 1;
                true
            }
            b'+' => return None,
            _ => false,
        };
        if self.at(self.pos).is_ascii_digit() {
            return None;
        }
        self.end_of_line()?;
        // The indentation: that of the first line with text, which blank lines before it
        // may not exceed.
        let mut i = self.pos;
        let m = loop {
            if i >= self.b.len() {
                return None;
            }
            let indent = self.spaces(i);
            if self.at(i + indent) != b'\n' {
                break indent;
            }
            i = self.next_line(i);
        };
        if m < n + 1 {
            return None;
        }
        let mut out = String::new();
        let mut breaks = 0;
        let mut first = true;
        let mut i = self.pos;
        while i < self.b.len() {
            let indent = self.spaces(i);
            if self.at(i + indent) == b'\n' {
                if indent > m {
                    return None;
                }
                breaks += 1;
                i = self.next_line(i);
                continue;
            }
            if indent < m {
                break;
            }
            if !first {
                out.push('\n');
            }
            for _ in 0..breaks {
                out.push('\n');
            }
            breaks = 0;
            first = false;
            let next = self.next_line(i);
            if next == self.b.len() && self.b.last() != Some(&b'\n') {
                return None;
            }
            out.push_str(&self.t[i + m..next - 1]);
            i = next;
        }
        self.pos = i;
        if !strip {
            out.push('\n');
        }
        Some(Node::Scalar(Cow::Owned(out), Style::Literal))
    }

    /// A flow list or map (`[a, b]`, `{ a: 1 }`) that ends on its line.
    fn flow(&mut self) -> Option<Node<'a>> {
        self.enter()?;
        let is_map = self.at(self.pos) == b'{';
        let close = if is_map { b'}' } else { b']' };
        self.pos += 1;
        self.skip_spaces();
        let mut items = Vec::new();
        let mut entries = Vec::new();
        if self.at(self.pos) == close {
            self.pos += 1;
        } else {
            loop {
                if is_map {
                    let start = self.pos;
                    let key = self.flow_item(true)?;
                    self.skip_spaces();
                    if self.at(self.pos) != b':'
                        || self.at(self.pos + 1) != b' '
                        || self.pos - start > MAX_KEY
                    {
                        return None;
                    }
                    self.pos += 1;
                    self.skip_spaces();
                    entries.push((key, self.flow_item(false)?));
                } else {
                    items.push(self.flow_item(false)?);
                }
                self.skip_spaces();
                match self.at(self.pos) {
                    b',' => {
                        self.pos += 1;
                        self.skip_spaces();
                        // A comma before the end is left to serde_yaml.
                        if self.at(self.pos) == close {
                            return None;
                        }
                    }
                    c if c == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(if is_map {
            Node::Map(entries)
        } else {
            Node::Seq(items)
        })
    }

    /// One value inside a flow collection; a key stops at `: `.
    fn flow_item(&mut self, key: bool) -> Option<Node<'a>> {
        let start = self.pos;
        match self.at(start) {
            b'"' | b'\'' => return self.quoted(),
            b'[' | b'{' if !key => return self.flow(),
            c if is_indicator(c) || c == b'\n' || c == b' ' => return None,
            _ => {}
        }
        loop {
            match self.at(self.pos) {
                b'\n' => return None,
                b',' | b'[' | b']' | b'{' | b'}' => break,
                b':' if key && self.at(self.pos + 1) == b' ' => break,
                b':' => return None,
                b'#' if self.b[self.pos - 1] == b' ' => return None,
                _ => self.pos += 1,
            }
        }
        let v = self.t[start..self.pos].trim_end_matches(' ');
        Some(Node::Scalar(Cow::Borrowed(v), Style::Plain))
    }
}
