//! What serde_yaml cannot say well, or not in time, about a file's shape: how deep it
//! nests, how much its aliases repeat, and where a key is repeated. Each walks yaml-rust2's
//! events (as `source_map` does) and stops as soon as it has an answer, so it stays linear
//! in the size of the file.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// Deepest nesting of lists and maps accepted. A gongkai file nests at most 8 levels
/// (projects → targets → output → indicator → …); 64 is far beyond any real file and far
/// below what could exhaust a stack or slow the parser down.
pub const MAX_DEPTH: usize = 64;

/// Most text that aliases (`*name`) may repeat, in bytes: as much as a file may hold. An
/// alias copies its anchor's whole value each time it is read: a 1 MB text named once and
/// repeated 5,000 times asks for 5 GB.
pub const MAX_ALIAS_BYTES: usize = 10 * 1024 * 1024;

/// Most values (texts, numbers, lists, maps) in one file. A real disclosure has a few
/// thousand; 100,000 functional lines of four amounts' shape have 900,000. Each costs serde_yaml and the model
/// about 250 bytes, so 10 MB of one-letter list items (5 million) took 1.4 GB to check.
pub const MAX_NODES: usize = 1_000_000;

/// Files up to this size cannot hold [`MAX_NODES`] values worth worrying about.
const LARGE_FILE: usize = 1024 * 1024;

/// Above this, libyaml's work on a file may grow with its length times its `[`/`{` count
/// (it rescans a list of open flow collections for every token: 40,000 nested `[` take
/// 8 s, the 10 MB a file may have would take days), so the depth is checked first.
/// Ordinary files are far below (a 20 KB file with 100 flow maps: 2,000,000).
const SLOW_PARSE_WORK: usize = 50_000_000;

/// A position in the text, 1-based, as in every message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl From<Marker> for Position {
    fn from(m: Marker) -> Position {
        Position {
            line: m.line(),
            column: m.col() + 1,
        }
    }
}

/// What is wrong with a file's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Lists and maps nest deeper than [`MAX_DEPTH`] here.
    TooDeep(Position),
    /// Up to this alias, aliases repeat more than [`MAX_ALIAS_BYTES`].
    AliasesTooLarge(Position),
    /// The file holds more than [`MAX_NODES`] values by here.
    TooManyValues(Position),
    /// yaml-rust2 cannot read the file here, so its shape is unknown.
    Unreadable(Position, String),
}

/// Whether serde_yaml could be slow on `text`, or run out of memory, unless [`check`] runs
/// first. Cheap bounds, so that the walk is paid only by unusual files: the flow nesting
/// libyaml tracks never exceeds the number of `[` and `{`; an alias is a `*` that starts a
/// token followed by a letter, digit, `-` or `_` (all libyaml allows in a name); a file
/// of at most 1 MB holds too few values to matter.
pub fn needs_check(text: &str) -> bool {
    let b = text.as_bytes();
    let opens = b.iter().filter(|c| matches!(c, b'[' | b'{')).count();
    let slow = opens > MAX_DEPTH && opens.saturating_mul(b.len()) > SLOW_PARSE_WORK;
    // `match_indices` of one ASCII char finds it with a fast byte search; most files have
    // no `*` at all.
    let alias = text.match_indices('*').any(|(i, _)| {
        (i == 0 || b" \t\r\n[{,:".contains(&b[i - 1]))
            && b.get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'-' || *n == b'_')
    });
    slow || alias || b.len() > LARGE_FILE
}

/// The first thing wrong with the shape of `text`, reading it once.
pub fn check(text: &str) -> Option<Finding> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    // Bytes of scalars read so far, aliases expanded, plus one per node.
    let mut total = 0usize;
    let mut repeated = 0usize;
    let mut nodes = 0usize;
    // Size of each anchor's value, and where each open collection's size began.
    let mut anchors: HashMap<usize, usize> = HashMap::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(e) => e,
            // yaml-rust2 stops at 255 open flow collections, before our limit could be seen
            // (nesting that starts as a key is read ahead before its first event).
            Err(e) if e.info().contains("recursion limit") => {
                return Some(Finding::TooDeep((*e.marker()).into()));
            }
            Err(e) => return Some(Finding::Unreadable((*e.marker()).into(), e.info().into())),
        };
        if matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        ) {
            nodes += 1;
            if nodes > MAX_NODES {
                return Some(Finding::TooManyValues(mark.into()));
            }
        }
        match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(Finding::TooDeep(mark.into()));
                }
                open.push((anchor, total));
                total += 1;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth = depth.saturating_sub(1);
                if let Some((anchor, start)) = open.pop()
                    && anchor != 0
                {
                    anchors.insert(anchor, total - start);
                }
            }
            Event::Scalar(value, _, anchor, _) => {
                total += value.len() + 1;
                if anchor != 0 {
                    anchors.insert(anchor, value.len() + 1);
                }
            }
            Event::Alias(anchor) => {
                let size = anchors.get(&anchor).copied().unwrap_or(0);
                total = total.saturating_add(size);
                repeated = repeated.saturating_add(size);
                if repeated > MAX_ALIAS_BYTES {
                    return Some(Finding::AliasesTooLarge(mark.into()));
                }
            }
            Event::StreamEnd => return None,
            _ => {}
        }
    }
}

/// A key given twice in the same map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    /// Line of the first occurrence.
    pub first_line: usize,
    /// Where it is given again.
    pub again: Position,
}

/// The first place where `key` is given a second time in one map, in the order the file
/// is read (the order in which serde_yaml meets it).
pub fn repeated_key(text: &str, key: &str) -> Option<Repeat> {
    enum Frame {
        Map {
            keys: HashMap<String, usize>,
            expecting_key: bool,
        },
        Seq,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, mark) = parser.next_token().ok()?;
        // A node starts: in a map it is a key or a value, alternately.
        let is_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        let mut this_is_key = false;
        if is_node && let Some(Frame::Map { expecting_key, .. }) = stack.last_mut() {
            this_is_key = *expecting_key;
            *expecting_key = !*expecting_key;
        }
        match event {
            Event::Scalar(k, ..) if this_is_key => {
                if let Some(Frame::Map { keys, .. }) = stack.last_mut() {
                    match keys.get(&k) {
                        Some(&first_line) if k == key => {
                            return Some(Repeat {
                                first_line,
                                again: mark.into(),
                            });
                        }
                        Some(_) => {}
                        None => {
                            keys.insert(k, mark.line());
                        }
                    }
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if stack.len() >= MAX_DEPTH => {
                return None;
            }
            Event::SequenceStart(..) => stack.push(Frame::Seq),
            Event::MappingStart(..) => stack.push(Frame::Map {
                keys: HashMap::new(),
                expecting_key: true,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
            }
            Event::StreamEnd => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth))
    }

    fn too_deep(text: &str) -> Option<Position> {
        match check(text) {
            Some(Finding::TooDeep(p)) => Some(p),
            None => None,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn depth_up_to_the_limit_is_fine_and_one_more_is_not() {
        // The top-level map is one level.
        assert_eq!(too_deep(&nested(MAX_DEPTH - 1)), None);
        let p = too_deep(&nested(MAX_DEPTH)).expect("too deep");
        assert_eq!(p.line, 1);
        assert_eq!(p.column, 4 + MAX_DEPTH - 1);
    }

    #[test]
    fn block_nesting_counts_too() {
        let text: String = (0..=MAX_DEPTH)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect();
        let p = too_deep(&format!("{text}{}x\n", " ".repeat(MAX_DEPTH + 1))).expect("deep");
        assert_eq!(p.line, MAX_DEPTH + 1);
        // yaml-rust2 places a block map at the `:` of its first key.
        assert_eq!(p.column, MAX_DEPTH + 2);
    }

    #[test]
    fn nesting_beyond_what_yaml_rust2_tracks_is_reported_not_missed() {
        // As a key, the nesting is read ahead to its end before the first event.
        let text = format!("? {}{}\n: 1\n", "[".repeat(300), "]".repeat(300));
        assert!(too_deep(&text).is_some());
    }

    #[test]
    fn aliases_may_repeat_up_to_the_limit() {
        let big = "x".repeat(1000);
        let text = |n: usize| format!("a: &s {big}\nb: [{}]\n", vec!["*s"; n].join(","));
        let fits = MAX_ALIAS_BYTES / 1001;
        assert_eq!(check(&text(fits)), None);
        assert_eq!(
            check(&text(fits + 1)),
            Some(Finding::AliasesTooLarge(Position {
                line: 2,
                column: 5 + 3 * fits
            }))
        );
        // Nested anchors count what they hold, aliases included.
        let text = "a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b]\n";
        assert_eq!(check(text), None);
    }

    #[test]
    fn the_check_runs_only_for_unusual_files() {
        let example = include_str!("../content/2024/085.yaml");
        assert!(!needs_check(example));
        assert!(needs_check(&nested(100_000)));
        assert!(needs_check("a: *b\n"));
        assert!(needs_check("a: [x,*b]\n"));
        // Markdown emphasis is not an alias.
        assert!(!needs_check("a: 这是 *重点* 和 **要点**\n"));
    }

    #[test]
    fn values_are_counted() {
        let text = |n: usize| format!("a: [{}]\n", vec!["1"; n].join(","));
        // The top-level map, its key and its list are three values.
        assert_eq!(check(&text(MAX_NODES - 3)), None);
        assert!(matches!(
            check(&text(MAX_NODES - 2)),
            Some(Finding::TooManyValues(_))
        ));
        assert!(needs_check(&text(MAX_NODES)));
    }

    #[test]
    fn a_file_yaml_rust2_cannot_read_is_said_so() {
        assert!(matches!(check("a: [\n"), Some(Finding::Unreadable(..))));
    }

    #[test]
    fn a_repeated_key_is_found_where_it_repeats() {
        let text = "a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\nc: 4\n";
        let r = repeated_key(text, "c").expect("repeat");
        assert_eq!(r.first_line, 3);
        assert_eq!(r.again, Position { line: 5, column: 3 });
        // The same key in sibling maps, or as a value, is not a repeat.
        let text = "- { c: 1, d: c }\n- { c: 2 }\n";
        assert_eq!(repeated_key(text, "c"), None);
        // Quoting does not make a different key.
        let r = repeated_key("\"201\": a\n201: b\n", "201").expect("repeat");
        assert_eq!(r.again.line, 2);
    }
}
