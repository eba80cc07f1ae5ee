//! The fast YAML reader (`src/yaml_fast`) against libyaml, the parser serde_yaml uses.
//!
//! Whatever the fast reader accepts must give libyaml's events exactly (values, styles,
//! order), and the typed result must equal serde_yaml's. Real files, synthetic files,
//! `gongkai new` skeletons and thousands of mutants of them are compared. What it refuses
//! goes to serde_yaml, so refusing is always safe; the tests also check that it does not
//! refuse the files people actually write.

mod common;

#[path = "../examples/gen_content/synth.rs"]
#[allow(dead_code)]
mod synth;

use gongkai::model::Disclosure;
use gongkai::yaml_fast::{self, Node, Style};

#[derive(Debug, PartialEq)]
enum Ev {
    Scalar(String, Style),
    SeqStart,
    SeqEnd,
    MapStart,
    MapEnd,
}

/// libyaml's events for one document, or `None` if libyaml refuses the text, uses anchors
/// or tags, or finds more than one document.
fn libyaml_events(text: &str) -> Option<Vec<Ev>> {
    use std::mem::MaybeUninit;
    use unsafe_libyaml::*;
    // SAFETY: the parser is initialised before use and deleted once; each event is read
    // while alive and deleted after; scalar values are `length` bytes long.
    unsafe {
        let mut parser = MaybeUninit::<yaml_parser_t>::uninit();
        if yaml_parser_initialize(parser.as_mut_ptr()).fail {
            return None;
        }
        let parser = parser.as_mut_ptr();
        yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as _);
        let mut out = Vec::new();
        let mut documents = 0;
        let mut ok = true;
        loop {
            let mut event = MaybeUninit::<yaml_event_t>::uninit();
            if yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                ok = false;
                break;
            }
            let event = event.as_mut_ptr();
            let kind = (*event).type_;
            match kind {
                YAML_SCALAR_EVENT => {
                    let s = (*event).data.scalar;
                    let bytes = std::slice::from_raw_parts(s.value, s.length as usize);
                    let style = match s.style {
                        YAML_PLAIN_SCALAR_STYLE => Some(Style::Plain),
                        YAML_SINGLE_QUOTED_SCALAR_STYLE => Some(Style::SingleQuoted),
                        YAML_DOUBLE_QUOTED_SCALAR_STYLE => Some(Style::DoubleQuoted),
                        YAML_LITERAL_SCALAR_STYLE => Some(Style::Literal),
                        _ => None,
                    };
                    match (style, s.anchor.is_null() && s.tag.is_null()) {
                        (Some(style), true) => out.push(Ev::Scalar(
                            String::from_utf8_lossy(bytes).into_owned(),
                            style,
                        )),
                        _ => ok = false,
                    }
                }
                YAML_SEQUENCE_START_EVENT => {
                    let s = (*event).data.sequence_start;
                    ok &= s.anchor.is_null() && s.tag.is_null();
                    out.push(Ev::SeqStart)
                }
                YAML_MAPPING_START_EVENT => {
                    let s = (*event).data.mapping_start;
                    ok &= s.anchor.is_null() && s.tag.is_null();
                    out.push(Ev::MapStart)
                }
                YAML_SEQUENCE_END_EVENT => out.push(Ev::SeqEnd),
                YAML_MAPPING_END_EVENT => out.push(Ev::MapEnd),
                YAML_ALIAS_EVENT => ok = false,
                YAML_DOCUMENT_START_EVENT => documents += 1,
                _ => {}
            }
            yaml_event_delete(event);
            if kind == YAML_STREAM_END_EVENT || !ok {
                break;
            }
        }
        yaml_parser_delete(parser);
        (ok && documents == 1).then_some(out)
    }
}

fn fast_events(node: &Node, out: &mut Vec<Ev>) {
    match node {
        Node::Scalar(s, style) => out.push(Ev::Scalar(s.to_string(), *style)),
        Node::Seq(items) => {
            out.push(Ev::SeqStart);
            for i in items {
                fast_events(i, out);
            }
            out.push(Ev::SeqEnd);
        }
        Node::Map(entries) => {
            out.push(Ev::MapStart);
            for (k, v) in entries {
                fast_events(k, out);
                fast_events(v, out);
            }
            out.push(Ev::MapEnd);
        }
    }
}

/// The fast reader's events, or `None` where it leaves the text to serde_yaml.
fn fast(text: &str) -> Option<Vec<Ev>> {
    yaml_fast::with_tree(text, |node| {
        let mut out = Vec::new();
        fast_events(node, &mut out);
        Some(out)
    })
}

/// Fails with the first event where the two differ, not the whole file's events.
fn assert_same(fast: Vec<Ev>, libyaml: Option<Vec<Ev>>, what: &str) {
    let Some(libyaml) = libyaml else {
        panic!("the fast reader read {what}, which libyaml refuses");
    };
    if let Some(i) = (0..fast.len().max(libyaml.len())).find(|&i| fast.get(i) != libyaml.get(i)) {
        panic!(
            "{what}: event {i} differs: fast reader {:?}, libyaml {:?} (after {:?})",
            fast.get(i),
            libyaml.get(i),
            &fast[i.saturating_sub(3)..i.min(fast.len())]
        );
    }
}

/// Real files (the bundled sites), synthetic departments, and `gongkai new` skeletons made
/// from the disclosures among them: (name, text, whether it is a disclosure).
fn corpus() -> Vec<(String, String, bool)> {
    let root = common::repo_root();
    let tmp = tempfile::tempdir().unwrap();
    synth::generate(
        tmp.path(),
        &synth::Options {
            departments: 12,
            years: 2,
            last_year: 2024,
            seed: 11,
        },
    )
    .unwrap();
    let mut out = Vec::new();
    for (label, dir) in [
        ("content", root.join("content")),
        (
            "examples/putuo/content",
            root.join("examples/putuo/content"),
        ),
        ("synthetic", tmp.path().join("content")),
    ] {
        for (rel, bytes) in common::snapshot(&dir) {
            if rel.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            // A disclosure sits in a year folder; site.yaml and glossary.yaml do not.
            let year = rel.parent().and_then(|p| p.to_str()).unwrap_or("");
            let disclosure = gongkai::load::is_year(year);
            let text = String::from_utf8(bytes).unwrap();
            out.push((format!("{label}/{}", rel.display()), text, disclosure));
        }
    }
    let profile = gongkai::profile::Profile::resolve(root, None).unwrap();
    let skeletons: Vec<_> = out
        .iter()
        .filter(|(_, _, d)| *d)
        .map(|(name, text, _)| {
            let d: Disclosure = serde_yaml::from_str(text).unwrap();
            let next = gongkai::skeleton::from_last_year(&d, d.year + 1, &d.name);
            let blank = gongkai::skeleton::blank(d.year, &d.code, &d.name);
            [
                (format!("skeleton after {name}"), next),
                (format!("blank {name}"), blank),
            ]
        })
        .collect();
    for (name, d) in skeletons.into_iter().flatten() {
        let text = gongkai::skeleton::render(&d, None, &profile);
        out.push((name, text, true));
    }
    // As saved by an editor on Windows.
    let windows: Vec<_> = out
        .iter()
        .step_by(3)
        .map(|(name, text, d)| (format!("{name} with CR LF"), text.replace('\n', "\r\n"), *d))
        .collect();
    out.extend(windows);
    out
}

#[test]
fn the_files_people_write_are_read_fast_and_as_libyaml_reads_them() {
    let corpus = corpus();
    assert!(corpus.len() > 40, "corpus has {} files", corpus.len());
    for (name, text, disclosure) in &corpus {
        let fast = fast(text).unwrap_or_else(|| panic!("the fast reader refused {name}"));
        assert_same(fast, libyaml_events(text), name);
        if *disclosure {
            let quick: Disclosure = yaml_fast::from_str(text)
                .unwrap_or_else(|| panic!("the fast reader could not type {name}"));
            let slow: Disclosure = serde_yaml::from_str(text).unwrap();
            assert_eq!(format!("{quick:?}"), format!("{slow:?}"), "{name}");
        }
    }
}

/// Each construct the reader takes, next to libyaml.
#[test]
fn each_construct_reads_as_libyaml_reads_it() {
    let cases = [
        "a: 1\nb: two words  \nc:   spaced # comment\n",
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",
        "list:\n- a\n-   b\n- c # note\nafter: x\n",
        "list:\n  - a: 1\n    b: 2\n  -   c: 3\n      d: 4\n  -\n    e: 5\n  -\n",
        "a: \"x\\\"y\\\\z\\n\\t\\u00e9\\/\"\nb: 'it''s'\nc: \"\"\nd: ''\n",
        "\"quoted key\": 1\n'single key': 2\nkey with spaces  : 3\n",
        "a: |\n  line one\n    indented\n\n  after blank\nb: |-\n  strip\n\n\nc: 1\n",
        "a: |  # comment\n\n  starts after a blank\n  end\n\n",
        "- |\n  in a list\n- x\n",
        "a: [1, two, \"three\", 'four', [5, 6], {k: v}]\nb: { x: 1, y: { z: \"2\" } }\nc: []\nd: {}\n",
        "a: 1\r\nb: |\r\n  two\r\n  lines\r\n\r\nc: 'x' # note\r\n",
        "a:\nb: ~\nc: null\nd:\n  # only a comment\ne: 1\n",
        "# head\n\n\na: 1 # tail\n  # deeper comment\nb: 2\n# end\n",
        "a: http://example.org/x#y\nb: 50%\nc: a,b [c] {d}\nd: x:y\n",
        "code: \"031\"\nname: 济源产城融合示范区教育局\nunits:\n  - { code: \"031001\", name: 本级 }\n",
        "- a\n- - b\n",
        "a: b\n  c\n",
        "a: 'multi\n  line'\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: >\n  folded\n",
        "a:\tb\n",
        "a: 1\rb: 2\r",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: [1,\n  2]\n",
        "a: b: c\n",
        "a: 1\na: 2\n",
        "  a: 1\n",
        "a: |\nb: 1\n",
        "a: |+\n  keep\n\n",
        "a: -1\n",
        "? a\n: b\n",
        "a: [1, 2,]\n",
        "a: \"\\x41\"\n",
        "a: \"\\ud800\"\n",
        "[a, b]\n",
        "a: |\n  no line end at the end",
    ];
    let mut accepted = 0;
    for text in cases {
        let libyaml = libyaml_events(text);
        if let Some(events) = fast(text) {
            accepted += 1;
            assert_same(events, libyaml, &format!("{text:?}"));
        }
    }
    // The first fifteen cases are what the reader is for; it must take each of them.
    assert!(accepted >= 15, "only {accepted} cases were read");
    for text in &cases[..15] {
        assert!(fast(text).is_some(), "refused {text:?}");
    }
}

/// A small deterministic generator, so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `text` with one to three small edits of the kind a hand edit makes, each at a character
/// boundary: a YAML-significant character inserted, a character deleted, a line's
/// indentation changed, or a line repeated.
fn mutate(text: &str, rng: &mut Rng) -> String {
    const INSERTS: &[&str] = &[
        " ", "  ", ":", ": ", "-", "- ", "#", " #", "\"", "'", "|", "|-", "\n", "\n\n", "[", "]",
        "{", "}", ",", "\\", "a", "0", "&", "*", ">", "~", "null", "!", "?", "%", "''", "\\u4e2d",
        "\\n", "---", "\t", "\r", "\r\n",
    ];
    let mut s = text.to_owned();
    for _ in 0..1 + rng.below(3) {
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(4) {
            0 => s.insert_str(at, INSERTS[rng.below(INSERTS.len())]),
            1 => {
                if let Some(c) = s[at..].chars().next() {
                    s.replace_range(at..at + c.len_utf8(), "");
                }
            }
            2 => {
                let start = s[..at].rfind('\n').map_or(0, |i| i + 1);
                if rng.below(2) == 0 {
                    s.insert_str(start, if rng.below(2) == 0 { " " } else { "  " });
                } else if s[start..].starts_with(' ') {
                    s.remove(start);
                }
            }
            _ => {
                let start = s[..at].rfind('\n').map_or(0, |i| i + 1);
                let end = s[at..].find('\n').map_or(s.len(), |i| at + i + 1);
                let line = s[start..end].to_owned();
                s.insert_str(start, &line);
            }
        }
    }
    s
}

#[test]
fn mutated_files_are_read_as_libyaml_and_serde_yaml_read_them_or_left_to_them() {
    // Short files keep each mutant's edits dense; the bundled disclosures are long.
    let corpus = corpus();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut accepted, mut refused, mut typed) = (0, 0, 0);
    for round in 0..6000 {
        let (name, text, disclosure) = &corpus[round % corpus.len()];
        let m = mutate(text, &mut rng);
        match fast(&m) {
            Some(events) => {
                accepted += 1;
                assert_same(
                    events,
                    libyaml_events(&m),
                    &format!("mutant {round} of {name}:\n{m}"),
                );
            }
            None => refused += 1,
        }
        if *disclosure && let Some(quick) = yaml_fast::from_str::<Disclosure>(&m) {
            typed += 1;
            let slow: Disclosure = serde_yaml::from_str(&m)
                .unwrap_or_else(|e| panic!("serde_yaml refused mutant {round} of {name}: {e}"));
            assert_eq!(
                format!("{quick:?}"),
                format!("{slow:?}"),
                "mutant {round} of {name}"
            );
        }
    }
    eprintln!("mutants: {accepted} read, {refused} left to serde_yaml, {typed} typed");
    // The comparison means something only if many mutants are read, and some are not.
    assert!(accepted > 1500, "only {accepted} mutants were read");
    assert!(refused > 500, "only {refused} mutants were refused");
    assert!(typed > 500, "only {typed} mutants were typed");
}

/// Short texts made of YAML's pieces at random: where one byte decides the meaning, the
/// fast reader either reads as libyaml does or leaves the text alone.
#[test]
fn random_short_texts_are_read_as_libyaml_reads_them_or_left_alone() {
    const PIECES: &[&str] = &[
        "a", "b", "key", "中文", ": ", ":", "- ", "-", " ", "  ", "\n", "\n  ", "\n    ", "'x'",
        "'it''s'", "\"y\"", "\"\\n\"", "|", "|-", "[", "]", "{", "}", ", ", ",", "# c", " # c",
        "~", "null", "1", "0.50", "007", "\\", "''", "\"\"", "#", "x:y", "\r\n", "---",
    ];
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    let mut accepted = 0;
    for round in 0..100_000 {
        let text: String = (0..1 + rng.below(14))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        if let Some(events) = fast(&text) {
            accepted += 1;
            assert_same(
                events,
                libyaml_events(&text),
                &format!("text {round}: {text:?}"),
            );
        }
    }
    eprintln!("short texts: {accepted} of 100,000 read");
    assert!(accepted > 2000, "only {accepted} short texts were read");
}

/// libyaml gives up on a key whose `:` comes more than 1,024 characters after its start,
/// escapes and spaces included; the fast reader must not read such a key either.
#[test]
fn keys_libyaml_finds_too_long_are_left_to_serde_yaml() {
    let escaped = format!("\"{}\": 1\n", "\\u0041".repeat(200));
    let spaced = format!("{}{}: 1\n", "k".repeat(990), " ".repeat(40));
    let flow = format!("a: {{ {}: 1 }}\n", "k".repeat(1100));
    for text in [&escaped, &spaced, &flow] {
        assert_eq!(libyaml_events(text), None, "libyaml reads {text:.40}…");
        assert_eq!(fast(text), None, "the fast reader reads {text:.40}…");
    }
    let fine = format!("{}: 1\nb: {{ {}: 2 }}\n", "k".repeat(900), "j".repeat(900));
    assert_same(
        fast(&fine).expect("a 900-character key is read"),
        libyaml_events(&fine),
        "900-character keys",
    );
}
