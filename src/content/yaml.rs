//! Reading YAML: the one way every content file, profile and test turns text into the model.
//!
//! serde-saphyr reads the text straight into the typed model, with limits (nesting depth,
//! aliases, number of values) enforced while it parses, repeated keys refused where they repeat,
//! and every error carrying its line and column. `serde_path_to_error` adds the field path. The
//! library's errors are structured, so the clerk's message is chosen by kind, in Chinese, not by
//! matching English text.

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DuplicateKeyPolicy, Error, Options};
use std::cell::RefCell;

/// Lists and maps nest at most this deep; a disclosure needs five levels.
pub const MAX_DEPTH: usize = 64;
/// Values (scalars, keys, lists, maps) in one file. A real department-year holds a few
/// thousand; 100,000 functional lines (about 1.1 million) still load.
pub const MAX_NODES: usize = 2_000_000;
/// Aliases (`*name`) in one file: content has no reason to use them, but a few are harmless.
pub const MAX_ALIASES: usize = 1_000;
/// Text that aliases may repeat in total, in bytes.
pub const MAX_ALIAS_BYTES: usize = 10 * 1024 * 1024;

/// Why a text could not be read, located and worded for the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Field path as `serde_path_to_error` spells it (`expenditure[0].general.wages`); empty
    /// when the error is in the file's structure rather than in a field.
    pub field: String,
    pub message: String,
    pub hint: String,
    /// The key, when the error is a key given twice in one map (the caller can find where
    /// it was first given: the reader reports only the repeat).
    pub repeated_key: Option<String>,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(l) = self.line {
            write!(f, "第 {l} 行：")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}：", self.field)?;
        }
        write!(f, "{}（{}）", self.message, self.hint)
    }
}

fn options() -> Options {
    serde_saphyr::options! {
        duplicate_keys: DuplicateKeyPolicy::Error,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_events: 2 * MAX_NODES,
            max_aliases: MAX_ALIASES,
            max_recorded_anchor_bytes: MAX_ALIAS_BYTES,
        },
    }
}

/// Parses `text` into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let field = RefCell::new(String::new());
    serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
            *field.borrow_mut() = e.path().to_string();
            e.into_inner()
        })
    })
    .map_err(|e| {
        let field = field.into_inner();
        let field = if field == "." || field == "?" {
            String::new()
        } else {
            field
        };
        located(&e, field)
    })
}

fn located(e: &Error, field: String) -> YamlError {
    let (line, column) = match e.location() {
        Some(l) if l.line() > 0 => (Some(l.line() as usize), Some(l.column() as usize)),
        _ => (None, None),
    };
    let (message, hint) = explain(e, &field);
    let repeated_key = match innermost(e) {
        Error::DuplicateMappingKey { key, .. } => key.clone(),
        Error::Message { msg, .. } => repeated_in(msg).map(str::to_owned),
        _ => None,
    };
    YamlError {
        line,
        column,
        field,
        message,
        hint,
        repeated_key,
    }
}

const SYNTAX_HINT: &str =
    "检查这一行附近的写法：缩进只用空格，每个字段名后面是英文冒号加一个空格，括号和引号要成对";
const AMOUNT_HINT: &str = "金额写成普通数字，例如 983.70，不带单位和文字";
const FORMAT_HINT: &str = "docs/format.md 列出了每个字段及示例";

/// The clerk's sentence and what to do, by kind of error.
fn explain(e: &Error, field: &str) -> (String, String) {
    let e = innermost(e);
    match e {
        Error::SerdeUnknownField {
            field: name,
            expected,
            ..
        } => (
            format!(
                "不认识的字段 `{name}`；这里可以写的字段是：{}",
                expected.join("、")
            ),
            format!("检查字段名的拼写（大小写也要一致）；{FORMAT_HINT}"),
        ),
        Error::SerdeMissingField { field: name, .. } => (
            format!("缺少必填字段 `{name}`"),
            format!("补上这个字段；{FORMAT_HINT}"),
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            format!(
                "`{variant}` 不是这里可用的值；可用的值是：{}",
                expected.join("、")
            ),
            "从上面列出的值中选一个，照原样填写".into(),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            format!("这里应当是{}，写的却是{}", kind(expected), kind(unexpected)),
            value_hint(field, expected),
        ),
        Error::SerdeInvalidLength { len, expected, .. } => (
            format!("这里应当是{}，却有 {len} 项", kind(expected)),
            format!("对照 {FORMAT_HINT}"),
        ),
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("`{k}` 在同一层写了两次"),
                None => "同一个字段在同一层写了两次".into(),
            },
            "保留一处、删掉另一处；如果两个值都需要，其中一个应当写在别的字段下".into(),
        ),
        Error::Budget { breach, .. } => budget(breach),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => (
            format!(
                "别名（`*名称`）重复的内容超过了 {} MB",
                MAX_ALIAS_BYTES / (1024 * 1024)
            ),
            "把值直接写出来，不要用锚点（`&名称`）和别名重复".into(),
        ),
        Error::UnknownAnchor { .. } => (
            "这里的别名（`*名称`）没有对应的锚点（`&名称`）".into(),
            "把值直接写出来，或者检查 `*` 后面的名称".into(),
        ),
        Error::MultipleDocuments { .. } => (
            "文件里有不止一份文档（出现了单独一行的 `---` 或 `...`）".into(),
            "一个文件只写一个部门一年的内容；删掉多余的 `---` 及其后的内容".into(),
        ),
        Error::Eof { .. } => (
            "文件在这里意外结束".into(),
            "检查括号和引号是否成对、最后一个字段是否写完".into(),
        ),
        Error::Unexpected { expected, .. } => (
            format!("这里应当是{}", kind(expected)),
            value_hint(field, expected),
        ),
        Error::NullIntoString { .. } => (
            "这里的值是空的，应当写上文字".into(),
            value_hint(field, "a string"),
        ),
        Error::Message { msg, .. } => match repeated_in(msg) {
            Some(k) => (
                format!("`{k}` 在同一层写了两次"),
                "保留一处、删掉另一处；如果两个值都需要，其中一个应当写在别的字段下".into(),
            ),
            // An amount the model refused, worded in either language (`Money::parse`).
            None if [
                "amount",
                "decimals",
                "negative",
                "金额",
                "小数",
                "负数",
                "千位分隔符",
            ]
            .iter()
            .any(|w| msg.contains(w)) =>
            {
                (own_message(msg), AMOUNT_HINT.into())
            }
            None => (own_message(msg), SYNTAX_HINT.into()),
        },
        Error::ExternalMessage { msg, .. } => parser_message(msg),
        _ => (
            format!("YAML 写法有误：{}", english_detail(e)),
            SYNTAX_HINT.into(),
        ),
    }
}

/// The YAML parser's own sentences (its errors carry only English text), by what they mean.
fn parser_message(msg: &str) -> (String, String) {
    const INDENT: &str =
        "缩进不对：同一层的字段要对齐，下一层比上一层多缩进两个空格，只用空格不用 Tab";
    let has = |s: &str| msg.contains(s);
    let said = if has("nest") || has("depth") || has("recursion") {
        (
            "列表和映射在这里嵌套得太深",
            "一份公开文件最多嵌套几层；检查是否有没闭合的 `[` 或 `{`，或越来越深的缩进",
        )
    } else if has("expected '-'")
        || has("did not find expected key")
        || has("block collection")
        || has("block mapping")
    {
        ("这一行的缩进和上下文对不上", INDENT)
    } else if has("mapping values are not allowed") {
        (
            "这里不能再写 `字段: 值`",
            "通常是缩进不对；如果值里本身有冒号，请把整个值用引号括起来",
        )
    } else if has("tab") || has("cannot start any token") {
        (
            "这里有不能用的字符（常见的是 Tab 键或全角符号）",
            "缩进只用空格；字段名和冒号用英文半角",
        )
    } else if has("',' or ']'")
        || has("',' or '}'")
        || has("unclosed bracket")
        || has("flow sequence")
        || has("flow mapping")
    {
        (
            "方括号或花括号没有闭合，或者两项之间少了逗号",
            "检查这一行的 `[` `]` `{` `}` 是否成对，各项之间用英文逗号隔开",
        )
    } else if has("quoted scalar")
        || has("unclosed quote")
        || has("end of the stream")
        || has("unexpected end")
    {
        (
            "引号没有闭合",
            "检查这一行的引号是否成对（英文引号 \" 或 '）",
        )
    } else if has("alias") || has("anchor") {
        (
            "别名（`*名称`）或锚点（`&名称`）写法有误",
            "把值直接写出来，不要用锚点和别名",
        )
    } else {
        ("这里的 YAML 写法有误", SYNTAX_HINT)
    };
    (said.0.to_owned(), said.1.to_owned())
}

/// The error itself, without the wrappers that add a snippet or an alias's origin.
fn innermost(e: &Error) -> &Error {
    let mut e = e;
    while let Error::WithSnippet { error, .. } | Error::AliasError { error, .. } = e {
        e = error;
    }
    e
}

fn budget(breach: &BudgetBreach) -> (String, String) {
    match breach {
        BudgetBreach::Depth { .. } => (
            format!("列表和映射在这里嵌套超过了 {MAX_DEPTH} 层"),
            "一份公开文件最多嵌套几层；检查是否有没闭合的 `[` 或 `{`，或越来越深的缩进；docs/format.md 有完整的样例".into(),
        ),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => (
            format!("文件到这里已经有超过 {MAX_NODES} 个值"),
            "一个部门一年的文件只有几千个值；检查是否放错了文件，或把不属于这个部门这一年的内容移走".into(),
        ),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => (
            format!("别名（`*名称`）超过了 {MAX_ALIASES} 个"),
            "把值直接写出来，不要用锚点（`&名称`）和别名重复".into(),
        ),
        _ => (
            format!(
                "别名或文字的总量超过了上限（{} MB）",
                MAX_ALIAS_BYTES / (1024 * 1024)
            ),
            "把值直接写出来，不要用锚点（`&名称`）和别名重复；检查是否放错了文件".into(),
        ),
    }
}

/// The key that the model's own map readers found twice (see `model::unique_keys`).
fn repeated_in(msg: &str) -> Option<&str> {
    msg.strip_prefix("duplicate key `")?.strip_suffix('`')
}

/// Messages that gongkai's own deserializers raise (`Money`, codes) are already Chinese;
/// serde's stock wording is translated.
fn own_message(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return format!("项数不对：{rest}");
    }
    msg.to_owned()
}

/// The library's own wording, for the rare errors without a Chinese sentence.
fn english_detail(e: &Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// serde's names of kinds, in Chinese.
fn kind(what: &str) -> String {
    let w = what.trim();
    let zh = if w.contains("sequence") || w.starts_with("a list") {
        "列表（每项以 `- ` 开头）"
    } else if w.contains("map") || w.starts_with("struct") {
        "映射（`字段: 值` 的若干行）"
    } else if w.contains("scalar") {
        "单个值（文字或数字），不是列表或映射"
    } else if w.contains("string") || w.contains("text") {
        "文字"
    } else if w.contains("bool") {
        "是或否（true / false）"
    } else if w.contains("integer") || w.contains("u16") || w.contains("u32") || w.contains("u64") {
        "整数"
    } else if w.contains("amount") || w.contains("金额") {
        "金额"
    } else if w.contains("float") || w.contains("number") {
        "数字"
    } else if w.contains("null") || w.contains("unit") {
        "空值"
    } else {
        return format!("“{w}”");
    };
    zh.to_owned()
}

fn value_hint(field: &str, expected: &str) -> String {
    let last = field.rsplit(['.', '[']).next().unwrap_or(field);
    if expected.contains("amount") || expected.contains("金额") {
        AMOUNT_HINT.into()
    } else if last.chars().all(|c| c.is_ascii_digit() || c == ']') && !last.is_empty() {
        format!("列表中的这一项写法不对；{FORMAT_HINT}")
    } else {
        format!("值的种类不对（文字、数字、列表或映射）；{FORMAT_HINT}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Line {
        code: String,
        n: u32,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        year: u16,
        lines: Vec<Line>,
    }

    #[test]
    fn an_unknown_field_is_located_at_its_key_with_its_path() {
        let e = from_str::<Doc>("year: 2024\nlines:\n  - code: \"201\"\n    nn: 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(4), Some(5)));
        assert_eq!(e.field, "lines[0].nn");
        assert!(e.message.contains("不认识的字段 `nn`"), "{}", e.message);
        assert!(e.message.contains("code、n"), "{}", e.message);
    }

    #[test]
    fn a_repeated_key_is_located_at_the_repeat() {
        let e = from_str::<Doc>("year: 2024\nlines: []\nyear: 2025\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            e.message.contains("`year` 在同一层写了两次"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_missing_field_and_a_wrong_kind_say_so_in_chinese() {
        let e = from_str::<Doc>("year: 2024\nlines:\n  - code: \"201\"\n").unwrap_err();
        assert!(e.message.contains("缺少必填字段 `n`"), "{}", e.message);
        assert_eq!(e.field, "lines[0]");
        let e = from_str::<Doc>("year: x\nlines: []\n").unwrap_err();
        assert_eq!(e.field, "year");
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn deep_nesting_is_refused_with_its_limit() {
        // Where the model takes any value, the depth limit stops the reader.
        let text = format!("year: {}{}", "[".repeat(200), "]".repeat(200));
        let e = from_str::<serde_json::Value>(&text).unwrap_err();
        assert!(
            e.message.contains(&format!("{MAX_DEPTH} 层")),
            "{}",
            e.message
        );
        assert_eq!(e.line, Some(1));
        // Where it does not, the first level that does not fit is refused, at once.
        let e = from_str::<Doc>(&text).unwrap_err();
        assert_eq!(
            (e.line, e.column, e.field.as_str()),
            (Some(1), Some(7), "year")
        );
        assert!(e.message.contains("应当是"), "{}", e.message);
    }

    #[test]
    fn a_file_reads_as_written() {
        let d = from_str::<Doc>("year: 2024\nlines:\n  - { code: 08, n: 3 }\n").unwrap();
        assert_eq!(
            d,
            Doc {
                year: 2024,
                lines: vec![Line {
                    code: "08".into(),
                    n: 3
                }]
            }
        );
    }
}
