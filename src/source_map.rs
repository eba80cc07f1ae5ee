//! Where each field of a YAML file sits, so that every message can name file *and line*.
//!
//! serde_yaml reports positions only for parse errors; checks that run later on the typed
//! model need the line of a fact too. This walks the YAML events once and records the line of
//! every field path, spelled like `serde_path_to_error` spells it: `expenditure[0].general.wages`.

use std::collections::HashMap;
use std::sync::OnceLock;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Built lazily: walking the events costs about as much as parsing the file, and only a file
/// with a problem is ever asked for a line (10% of a build's CPU when built for every file).
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    text: String,
    lines: OnceLock<HashMap<String, usize>>,
}

impl SourceMap {
    pub fn build(text: &str) -> SourceMap {
        SourceMap {
            text: text.to_owned(),
            lines: OnceLock::new(),
        }
    }

    fn lines(&self) -> &HashMap<String, usize> {
        self.lines.get_or_init(|| {
            let mut rec = Recorder::default();
            // A malformed file was already reported by serde_yaml; a partial map is fine then.
            let _ = Parser::new_from_str(&self.text).load(&mut rec, false);
            rec.lines
        })
    }

    /// Whether the file writes `path` itself (not only an ancestor of it).
    pub fn has(&self, path: &str) -> bool {
        self.lines().contains_key(path)
    }

    /// Line (1-based) of `path`, or of its nearest recorded ancestor.
    pub fn line(&self, path: &str) -> Option<usize> {
        let lines = self.lines();
        let mut p = path;
        loop {
            if let Some(l) = lines.get(p) {
                return Some(*l);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

enum Frame {
    Map {
        key: Option<String>,
        expecting_key: bool,
    },
    Seq {
        next: usize,
        current: Option<usize>,
    },
}

#[derive(Default)]
struct Recorder {
    stack: Vec<Frame>,
    lines: HashMap<String, usize>,
}

impl Recorder {
    fn path(&self) -> String {
        let mut out = String::new();
        for f in &self.stack {
            match f {
                Frame::Map { key: Some(k), .. } => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Frame::Seq {
                    current: Some(i), ..
                } => {
                    out.push_str(&format!("[{i}]"));
                }
                _ => {}
            }
        }
        out
    }

    /// A value starts at `mark`: advance the parent and record the value's line.
    fn value_start(&mut self, mark: Marker) {
        match self.stack.last_mut() {
            Some(Frame::Map { expecting_key, .. }) => *expecting_key = true,
            Some(Frame::Seq { next, current }) => {
                *current = Some(*next);
                *next += 1;
            }
            None => {}
        }
        let p = self.path();
        self.lines.entry(p).or_insert(mark.line());
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(v, ..) => {
                if let Some(Frame::Map { key, expecting_key }) = self.stack.last_mut()
                    && *expecting_key
                {
                    *key = Some(v);
                    *expecting_key = false;
                    let p = self.path();
                    self.lines.insert(p, mark.line());
                    return;
                }
                self.value_start(mark);
            }
            Event::Alias(_) => self.value_start(mark),
            Event::SequenceStart(..) => {
                self.value_start(mark);
                self.stack.push(Frame::Seq {
                    next: 0,
                    current: None,
                });
            }
            Event::MappingStart(..) => {
                self.value_start(mark);
                self.stack.push(Frame::Map {
                    key: None,
                    expecting_key: true,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_lines_of_nested_fields() {
        let text = "code: \"085\"\nexpenditure:\n  - code: \"2011350\"\n    general:\n      wages: 605.30\n  - code: \"2080502\"\n    general: { family: 149.00 }\n";
        let m = SourceMap::build(text);
        assert_eq!(m.line("code"), Some(1));
        assert_eq!(m.line("expenditure[0].code"), Some(3));
        assert_eq!(m.line("expenditure[0].general.wages"), Some(5));
        assert_eq!(m.line("expenditure[1].general.family"), Some(7));
        // A field that is absent falls back to its parent's line.
        assert_eq!(m.line("expenditure[1].general.public"), Some(7));
    }
}
