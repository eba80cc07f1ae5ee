//! Where each field of a YAML file sits, so that every message can name file *and line*.
//!
//! The YAML reader reports positions only for its own errors; checks that run later on the typed
//! model need the line of a fact too. This walks the YAML events once and records the line of
//! every field path, spelled like `serde_path_to_error` spells it: `expenditure[0].general.wages`.

use serde_saphyr::granit_parser::{Event, Parser};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Built lazily: walking the events costs about as much as parsing the file, and only a file
/// with a problem is ever asked for a line (10% of a build's CPU when built for every file).
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    text: String,
    lines: OnceLock<Lines>,
}

#[derive(Debug, Default, Clone)]
struct Lines {
    of: HashMap<String, usize>,
    repeats: HashMap<String, usize>,
}

impl SourceMap {
    pub fn build(text: &str) -> SourceMap {
        SourceMap {
            text: text.to_owned(),
            lines: OnceLock::new(),
        }
    }

    fn lines(&self) -> &Lines {
        self.lines.get_or_init(|| {
            let mut rec = Recorder::default();
            // A malformed file was already reported when it was read; a partial map is fine then.
            for (event, span) in Parser::new_from_str(&self.text).map_while(Result::ok) {
                rec.on_event(event, span.start.line());
            }
            Lines {
                of: rec.lines,
                repeats: rec.repeats,
            }
        })
    }

    /// Whether the file writes `path` itself (not only an ancestor of it).
    pub fn has(&self, path: &str) -> bool {
        self.lines().of.contains_key(path)
    }

    /// Line (1-based) of `path`, or of its nearest recorded ancestor.
    pub fn line(&self, path: &str) -> Option<usize> {
        let lines = &self.lines().of;
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

impl SourceMap {
    /// A key given twice in one map: its field path, the line where it was first given and
    /// the line of the repeat. The YAML reader reports one position only; `line`, when it is
    /// the repeat's, tells apart keys of one name repeated in several maps.
    pub fn repeated(&self, key: &str, line: Option<usize>) -> Option<(String, usize, usize)> {
        let Lines { of, repeats } = self.lines();
        let mut found: Vec<(String, usize, usize)> = repeats
            .iter()
            .filter(|(p, _)| p.as_str() == key || p.ends_with(&format!(".{key}")))
            .map(|(p, first)| (p.clone(), *first, of.get(p).copied().unwrap_or(*first)))
            .collect();
        found.sort();
        found
            .iter()
            .find(|r| Some(r.2) == line)
            .or(found.first())
            .cloned()
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
    /// Key paths given twice in one map, with the line of the first.
    repeats: HashMap<String, usize>,
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
    fn value_start(&mut self, line: usize) {
        match self.stack.last_mut() {
            Some(Frame::Map { expecting_key, .. }) => *expecting_key = true,
            Some(Frame::Seq { next, current }) => {
                *current = Some(*next);
                *next += 1;
            }
            None => {}
        }
        let p = self.path();
        self.lines.entry(p).or_insert(line);
    }

    fn on_event(&mut self, ev: Event, line: usize) {
        match ev {
            Event::Scalar(v, ..) => {
                if let Some(Frame::Map { key, expecting_key }) = self.stack.last_mut()
                    && *expecting_key
                {
                    *key = Some(v.into_owned());
                    *expecting_key = false;
                    let p = self.path();
                    if let Some(first) = self.lines.insert(p.clone(), line) {
                        self.repeats.entry(p).or_insert(first);
                    }
                    return;
                }
                self.value_start(line);
            }
            Event::Alias(_) => self.value_start(line),
            Event::SequenceStart(..) => {
                self.value_start(line);
                self.stack.push(Frame::Seq {
                    next: 0,
                    current: None,
                });
            }
            Event::MappingStart(..) => {
                self.value_start(line);
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
