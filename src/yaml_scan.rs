//! What serde_yaml cannot say well about a file's shape: how deep it nests, and where a key
//! is repeated. Both walk yaml-rust2's events (as `source_map` does) and stop as soon as
//! they have an answer, so they stay linear in the size of the file.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// Deepest nesting of lists and maps accepted. A gongkai file nests at most 8 levels
/// (projects → targets → output → indicator → …); 64 is far beyond any real file and far
/// below what could exhaust a stack or slow the parser down.
pub const MAX_DEPTH: usize = 64;

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

/// Whether serde_yaml could be slow on `text` unless its depth is checked first.
///
/// A cheap bound, so that the full depth scan is paid only by unusual files: the flow
/// nesting libyaml has to track never exceeds the number of `[` and `{` in the text.
pub fn needs_depth_check(text: &str) -> bool {
    let opens = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    opens > MAX_DEPTH && opens.saturating_mul(text.len()) > SLOW_PARSE_WORK
}

/// Where `text` first nests deeper than [`MAX_DEPTH`], if it does. A syntax error ends the
/// scan without an answer: serde_yaml reports it better.
pub fn too_deep(text: &str) -> Option<Position> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    loop {
        match parser.next_token() {
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), mark)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(mark.into());
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            Ok((Event::StreamEnd, _)) => return None,
            Ok(_) => {}
            // yaml-rust2 stops at 255 open flow collections, before our limit could be seen
            // (when the nesting starts as a key it looks ahead before the first event).
            Err(e) if e.info().contains("recursion limit") => return Some((*e.marker()).into()),
            Err(_) => return None,
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
    fn ordinary_files_skip_the_depth_scan() {
        let example = include_str!("../content/2024/085.yaml");
        assert!(!needs_depth_check(example));
        assert!(needs_depth_check(&nested(100_000)));
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
