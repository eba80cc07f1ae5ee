//! Hostile YAML: each class gives a clear, located error or a bounded, correct result —
//! never a panic, a hang or runaway memory.

use std::path::Path;
use std::time::{Duration, Instant};

use gongkai::content::load::{MAX_FILE_BYTES, parse, read_and_parse};
use gongkai::content::model::Disclosure;

const EXAMPLE: &str = include_str!("../../content/2024/085.yaml");

fn shown() -> &'static Path {
    Path::new("content/2024/085.yaml")
}

/// Messages as the clerk reads them: every assertion here is on the Chinese wording. Set for
/// this test's thread only: the other tests of the binary read English.
fn in_chinese() {
    gongkai::messages::set_for_this_thread(gongkai::messages::Lang::Zh);
}

/// Parses within a time bound, returning the error message (or None when it loaded).
fn parse_bounded(text: &str) -> Option<String> {
    in_chinese();
    let start = Instant::now();
    let r = parse::<Disclosure>(text, shown());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "parsing took {:?}",
        start.elapsed()
    );
    r.err().map(|p| p.to_string())
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names: Vec<char> = ('b'..='j').collect();
    let mut prev = 'a';
    for n in names {
        text.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    let text = format!(
        "{EXAMPLE}\nbomb:\n{}",
        text.lines().map(|l| format!("  {l}\n")).collect::<String>()
    );
    let err = parse_bounded(&text).expect("the bomb must not load");
    // 9^10 copies of "lol" asked for under a field the model does not have: the reader
    // reads into the model's types, so it refuses the field before expanding anything.
    let line = EXAMPLE.lines().count() + 2;
    assert!(err.contains(&format!("085.yaml:{line}:")), "{err}");
    assert!(err.contains("不认识的字段 `bomb`"), "{err}");

    // Nested lists cannot reach a list of texts either: the first nested list is refused
    // as the wrong kind. Repeating one big text is the case left; see the next test.
}

/// No nesting needed: a 1 MB text named once and repeated 5,000 times in a list of texts
/// asked the earlier YAML reader for 5 GB (the process aborted when memory ran out). The file itself is
/// within the size limit.
#[test]
fn an_alias_repeating_a_big_text_is_refused_before_memory_runs_out() {
    let big = "长".repeat(350_000);
    let text = EXAMPLE.replacen(
        "name: 济源产城融合示范区招商引资服务中心\n",
        &format!("name: &s {big}\n"),
        1,
    );
    let duties = text.find("  duties:\n").unwrap();
    let offices = text.find("  offices:\n").unwrap();
    let text = format!(
        "{}  duties: [{}]\n{}",
        &text[..duties],
        vec!["*s"; 5_000].join(","),
        &text[offices..]
    );
    assert!(text.len() < MAX_FILE_BYTES as usize);
    let err = parse_bounded(&text).expect("must not load");
    assert!(err.contains("别名或文字的总量超过了上限（10 MB）"), "{err}");

    // A few aliases are fine, and read as the value they name.
    let text = EXAMPLE.replacen("name: 济源", "name: &n 济源", 1).replacen(
        "  offices:\n",
        "  offices:\n    - *n\n",
        1,
    );
    let d = parse::<Disclosure>(&text, shown()).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(d.data.overview.offices[0], d.data.name);
}

/// Deep nesting is refused quickly, with its position: the reader reads into the model's
/// types, so the first level that the model does not expect is refused at once (libyaml took
/// 8 s for 40,000 levels after a key, and days for 10 MB); where nothing is expected (an
/// unknown field) the field is refused before its value is read. The depth limit itself
/// (`yaml::MAX_DEPTH`) is the reader's backstop, tested in `src/content/yaml.rs`.
#[test]
fn deep_nesting_is_refused_quickly_with_its_position() {
    let limit = gongkai::content::yaml::MAX_DEPTH;
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Where the nesting sits: as the value of a known field, of an unknown one, as a key,
    // as the whole file, as block maps and compact block lists, filling the size limit.
    let flow_max = (MAX_FILE_BYTES as usize - EXAMPLE.len()) / 2 - 20;
    let cases: Vec<(&str, String, usize)> = vec![
        (
            "value of code",
            EXAMPLE.replacen("code: \"085\"", &format!("code: {}", deep(10_000)), 1),
            12,
        ),
        (
            "value of code, 10 MB",
            EXAMPLE.replacen("code: \"085\"", &format!("code: {}", deep(flow_max)), 1),
            12,
        ),
        (
            "maps in maps",
            EXAMPLE.replacen(
                "code: \"085\"",
                &format!("code: {}1{}", "{a: ".repeat(100_000), "}".repeat(100_000)),
                1,
            ),
            12,
        ),
        (
            "unknown field",
            format!("{EXAMPLE}\nnotes: {}\n", deep(10_000)),
            277,
        ),
        ("as a key", format!("? {}\n: 1\n{EXAMPLE}", deep(10_000)), 1),
        ("whole file", deep(10_000), 1),
        (
            "block maps",
            (0..500).map(|i| format!("{}a:\n", " ".repeat(i))).collect(),
            1,
        ),
        (
            "compact block lists",
            format!("{EXAMPLE}\nnotes:\n{}x\n", "- ".repeat(1_000_000)),
            277,
        ),
    ];
    assert!(limit <= 64);
    for (what, text, line) in cases {
        let err = parse_bounded(&text).unwrap_or_else(|| panic!("{what}: must not load"));
        assert!(
            err.contains("这里应当是") || err.contains("不认识的字段") || err.contains("层"),
            "{what}: {err}"
        );
        assert!(
            err.contains(&format!("content/2024/085.yaml:{line}:")),
            "{what}: expected line {line}: {err}"
        );
    }
}

/// Nesting up to the limit is not refused for its depth (the model rejects the shape).
#[test]
fn nesting_within_the_limit_gives_the_ordinary_error() {
    let text = EXAMPLE.replacen(
        "code: \"085\"",
        &format!("code: {}{}", "[".repeat(10), "]".repeat(10)),
        1,
    );
    let err = parse_bounded(&text).expect("must not load");
    assert!(err.contains("这里应当是单个值"), "{err}");
    assert!(err.contains("content/2024/085.yaml:12:"), "{err}");
}

/// The settings and the glossary are read the same way.
#[test]
fn deep_nesting_in_site_yaml_and_the_glossary_is_refused() {
    for file in ["site.yaml", "glossary.yaml"] {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        for f in ["site.yaml", "glossary.yaml"] {
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("content")
                    .join(f),
                content.join(f),
            )
            .unwrap();
        }
        let original = std::fs::read_to_string(content.join(file)).unwrap();
        let depth = 200_000;
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let text = if file == "glossary.yaml" {
            format!("{original}- {deep}\n")
        } else {
            format!("{original}\nx: {deep}\n")
        };
        std::fs::write(content.join(file), text).unwrap();
        in_chinese();
        let start = Instant::now();
        let err = gongkai::content::load::scan(dir.path())
            .expect_err("must not load")
            .to_string();
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{file}: {:?}",
            start.elapsed()
        );
        assert!(err.contains(&format!("content/{file}:")), "{err}");
        assert!(
            err.contains("这里应当是") || err.contains("不认识的字段") || err.contains("嵌套"),
            "{file}: {err}"
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("085.yaml");
    let mut text = String::from(EXAMPLE);
    let pad = format!("# {}\n", "x".repeat(1000));
    while (text.len() as u64) < 50 * 1024 * 1024 {
        text.push_str(&pad);
    }
    std::fs::write(&path, &text).unwrap();
    let start = Instant::now();
    let err = read_and_parse::<Disclosure>(&path, shown())
        .expect_err("a 50 MB file must be refused")
        .to_string();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(err.contains(&MAX_FILE_BYTES.to_string()), "{err}");
    assert!(err.contains("10 MB"), "{err}");
}

#[test]
fn a_file_just_under_the_limit_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("085.yaml");
    let mut text = String::from(EXAMPLE);
    let pad = format!("# {}\n", "x".repeat(1000));
    while (text.len() + pad.len()) as u64 <= MAX_FILE_BYTES {
        text.push_str(&pad);
    }
    std::fs::write(&path, &text).unwrap();
    read_and_parse::<Disclosure>(&path, shown()).unwrap_or_else(|p| panic!("{p}"));
}

#[test]
fn a_hundred_thousand_rows_load_correctly() {
    let mut text = EXAMPLE.replace("expenditure:\n", "expenditure:\n__ROWS__");
    let rows: String = (0..100_000)
        .map(|i| format!("  - {{ code: \"2011350\", name: 行{i}, general: {{ public: 0.01 }} }}\n"))
        .collect();
    text = text.replace("__ROWS__", &rows);
    let start = Instant::now();
    let d = parse::<Disclosure>(&text, shown()).unwrap_or_else(|p| panic!("{p}"));
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    let example = parse::<Disclosure>(EXAMPLE, shown()).unwrap();
    assert_eq!(
        d.data.expenditure.len(),
        example.data.expenditure.len() + 100_000
    );
}

/// 10 MB of one-letter list items is 5 million values: the earlier reader and the model took
/// 1.4 GB and 20 s to check them. Refused, where the limit is passed.
#[test]
fn millions_of_tiny_values_are_refused() {
    let duties = EXAMPLE.find("  duties:\n").unwrap();
    let offices = EXAMPLE.find("  offices:\n").unwrap();
    let n = (MAX_FILE_BYTES as usize - EXAMPLE.len()) / 2 - 100;
    let text = format!(
        "{}  duties: [{}]\n{}",
        &EXAMPLE[..duties],
        vec!["a"; n].join(","),
        &EXAMPLE[offices..]
    );
    let start = Instant::now();
    let err = parse_bounded(&text).expect("must not load");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    let line = EXAMPLE[..duties].lines().count() + 1;
    assert!(err.contains(&format!("085.yaml:{line}:")), "{err}");
    assert!(
        err.contains(&format!("超过 {} 个值", gongkai::content::yaml::MAX_NODES)),
        "{err}"
    );
}

#[test]
fn a_duplicate_key_names_the_key_and_both_lines() {
    let text = EXAMPLE.replacen("year: 2024\n", "year: 2024\nyear: 2024\n", 1);
    let err = parse_bounded(&text).expect("a duplicate key must not load");
    // The repeat is on line 15 (the first `year:` on 14).
    assert!(
        err.contains("content/2024/085.yaml:15:1: 字段 `year`"),
        "{err}"
    );
    assert!(
        err.contains("`year` 在同一层写了两次：第一次在第 14 行"),
        "{err}"
    );

    // Inside a nested map: the field path leads to the key.
    let at = EXAMPLE.find("  fund_use: ").unwrap();
    let line = EXAMPLE[..at].lines().count() + 1;
    let text = EXAMPLE.replacen("  fund_use: ", "  fund_use: 一\n  fund_use: ", 1);
    let err = parse_bounded(&text).expect("a duplicate nested key must not load");
    assert!(
        err.contains(&format!(
            "085.yaml:{}:3: 字段 `narrative.fund_use`",
            line + 1
        )),
        "{err}"
    );
    assert!(err.contains(&format!("第一次在第 {line} 行")), "{err}");

    // serde keeps the last value of a repeated map key without a word; a repeated code
    // in subject_names or empty_tables is refused like a repeated field.
    let at = EXAMPLE.find("empty_tables:\n").unwrap();
    let line = EXAMPLE[..at].lines().count() + 2;
    let text = EXAMPLE.replacen(
        "empty_tables:\n  state_capital: ",
        "empty_tables:\n  state_capital: 甲\n  state_capital: ",
        1,
    );
    let err = parse_bounded(&text).expect("a duplicate map key must not load");
    assert!(
        err.contains(&format!(
            "085.yaml:{}:3: 字段 `empty_tables.state_capital`",
            line + 1
        )),
        "{err}"
    );
    assert!(err.contains(&format!("第一次在第 {line} 行")), "{err}");
    let text = format!("{EXAMPLE}subject_names:\n  \"201\": 甲\n  201: 乙\n");
    let err = parse_bounded(&text).expect("a duplicate map key must not load");
    let line = EXAMPLE.lines().count() + 3;
    assert!(
        err.contains(&format!("085.yaml:{line}: 字段 `subject_names.201`")),
        "{err}"
    );
}

#[test]
fn non_utf8_bytes_give_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("085.yaml");
    let mut bytes = EXAMPLE.as_bytes().to_vec();
    let at = EXAMPLE.find("year: 2024").unwrap();
    bytes.splice(at..at, [0xff, 0xfe, b'\n']);
    std::fs::write(&path, bytes).unwrap();
    let line = EXAMPLE[..at].lines().count() + 1;
    let err = read_and_parse::<Disclosure>(&path, shown())
        .expect_err("non-UTF-8 must be refused")
        .to_string();
    assert!(err.contains("UTF-8"), "{err}");
    assert!(err.contains(&format!(":{line}")), "{err}");
}

#[test]
fn a_byte_order_mark_loads_fine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("085.yaml");
    std::fs::write(&path, format!("\u{feff}{EXAMPLE}")).unwrap();
    let d = read_and_parse::<Disclosure>(&path, shown()).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(d.data.code, "085");
}

/// The fuzzer's seeds and every input it flagged (`fuzz/regressions/`) go through load and
/// check here too, so CI runs them without libFuzzer: no panic, and quickly.
#[test]
fn the_fuzzers_seeds_and_flagged_inputs_load_or_fail_quickly() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut seen = 0;
    for dir in ["corpus/disclosure", "regressions"] {
        for entry in std::fs::read_dir(fuzz.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let start = Instant::now();
            let bytes = std::fs::read(&path).unwrap();
            if let Ok(d) = gongkai::content::load::disclosure_from_bytes(bytes, shown()) {
                gongkai::check::check_disclosure(&d, None);
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{}: {:?}",
                path.display(),
                start.elapsed()
            );
            seen += 1;
        }
    }
    assert!(seen >= 6, "{seen} inputs");
}
