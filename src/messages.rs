//! The language of what a clerk reads: Chinese by default on the command line, English with
//! `--lang en` or an English `LANG` (`en_US.UTF-8`).
//!
//! Most messages are worded where they are found, in both languages at once with `say!`:
//! check findings, load errors, what `new`, `freeze`, `archive` and `verify` print. Their
//! Chinese is written for the clerk, not translated. The catalog below puts into Chinese
//! what comes worded in English from elsewhere (the YAML reader's and serde's classes of
//! error) and the few patterns still made in English; a message it does not know is shown
//! as it is. The library's own callers get English until the command line sets the
//! language, so tests that call it read one stable wording.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    Zh,
    En,
}

/// English until the command line says otherwise: library callers and tests read the
/// messages as made.
static LANG: AtomicU8 = AtomicU8::new(1);

pub fn set(lang: Lang) {
    LANG.store(if lang == Lang::Zh { 0 } else { 1 }, Ordering::Relaxed);
}

thread_local! {
    /// A language for this thread alone, over the process's: the tests run in one process,
    /// each on its own thread, and one test's Chinese must not change another's English.
    static THREAD: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Sets the language of messages made on this thread (tests that read one language while
/// others run beside them).
pub fn set_for_this_thread(lang: Lang) {
    THREAD.with(|t| t.set(Some(lang)));
}

pub fn current() -> Lang {
    if let Some(lang) = THREAD.with(std::cell::Cell::get) {
        return lang;
    }
    if LANG.load(Ordering::Relaxed) == 0 {
        Lang::Zh
    } else {
        Lang::En
    }
}

pub fn zh() -> bool {
    current() == Lang::Zh
}

/// The command line's language: `--lang` when given, else `GONGKAI_LANG`, else English
/// for an English `LC_ALL` or `LANG`, else Chinese.
pub fn choose(flag: Option<&str>) -> Lang {
    let english = |v: &str| v.to_ascii_lowercase().starts_with("en");
    let flag = flag
        .map(str::to_owned)
        .or_else(|| std::env::var("GONGKAI_LANG").ok().filter(|v| !v.is_empty()));
    match flag.as_deref() {
        Some(f) => {
            if english(f) {
                Lang::En
            } else {
                Lang::Zh
            }
        }
        None => {
            let env = std::env::var("LC_ALL")
                .ok()
                .filter(|v| !v.is_empty())
                .or_else(|| std::env::var("LANG").ok())
                .unwrap_or_default();
            if english(&env) { Lang::En } else { Lang::Zh }
        }
    }
}

/// Picks the wording for the current language.
pub fn say<'a>(zh_text: &'a str, en_text: &'a str) -> &'a str {
    if zh() { zh_text } else { en_text }
}

/// A sentence in the current language, formatted: `say!("{0} 不是金额", "{0} is not an
/// amount", text)`. Both wordings take the same arguments. Check findings are worded with it
/// where they are made: their sentences are too varied for patterns, and the Chinese can be
/// written for the clerk rather than translated from the English.
#[macro_export]
macro_rules! say {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        if $crate::messages::zh() {
            format!($zh $(, $arg)*)
        } else {
            format!($en $(, $arg)*)
        }
    };
}

/// Sentence patterns: `{}` matches any text (as little as possible, the last one the rest);
/// the Chinese side places the matched texts with `{0}`, `{1}` … Longer patterns first
/// where one begins like another.
const CATALOG: &[(&str, &str)] = &[
    // The YAML reader's classes of error (libyaml's wording).
    (
        "did not find expected ',' or '}'",
        "花括号 `{…}` 没有正确结束：这里缺少 `,` 或 `}`。",
    ),
    (
        "did not find expected ',' or ']'",
        "方括号 `[…]` 没有正确结束：这里缺少 `,` 或 `]`。",
    ),
    (
        "did not find expected key",
        "这里应是一个字段名，但没有找到：多半是缩进与上一行不齐。",
    ),
    (
        "did not find expected '-' indicator",
        "这里应是列表的一项（以 `- ` 开头），但没有找到：多半是缩进不齐。",
    ),
    (
        "did not find expected node content",
        "这里缺少值：冒号或 `- ` 后面应有内容。",
    ),
    (
        "mapping values are not allowed in this context",
        "这里不能出现 `名称: 值`：多半是上一行的冒号后缺少空格，或值里含有冒号（请给值加引号）。",
    ),
    (
        "block sequence entries are not allowed in this context",
        "这里不能开始列表（`- `）：请检查缩进。",
    ),
    (
        "could not find expected ':'",
        "缺少冒号：每个字段写成 `名称: 值`（冒号后有一个空格）。",
    ),
    (
        "found character that cannot start any token",
        "这里有一个不能作为值开头的字符（例如制表符 Tab、`@` 或反引号）：请删除它或给值加引号。",
    ),
    (
        "found a tab character that violates indentation",
        "缩进里有制表符（Tab）：请全部改用空格缩进。",
    ),
    (
        "found a tab character where an indentation space is expected",
        "缩进里有制表符（Tab）：请全部改用空格缩进。",
    ),
    (
        "found unexpected end of stream",
        "文件意外结束：有引号或括号没有闭合。",
    ),
    (
        "found unknown escape character",
        "双引号里有不认识的转义（`\\` 后的字符）：请删掉 `\\` 或改用单引号。",
    ),
    ("found undefined alias", "引用了没有定义的锚点（`*名称`）。"),
    ("unknown anchor", "引用了没有定义的锚点（`*名称`）。"),
    (
        "found duplicate anchor",
        "同一个锚点（`&名称`）定义了两次。",
    ),
    (
        "control characters are not allowed",
        "文件里有控制字符：请从原始文档重新复制这一段文字。",
    ),
    ("the YAML cannot be read: {}", "无法读取 YAML：{0}"),
    // serde's classes, as serde_yaml words them.
    (
        "unknown field `{}`, expected one of {}",
        "不认识的字段 `{0}`；这里允许的字段有：{1}。",
    ),
    (
        "unknown field `{}`, expected {}",
        "不认识的字段 `{0}`；这里允许的字段是 {1}。",
    ),
    (
        "unknown field `{}`, there are no fields",
        "不认识的字段 `{0}`；这里不能有字段。",
    ),
    ("missing field `{}`", "缺少必填字段 `{0}`。"),
    ("duplicate field `{}`", "字段 `{0}` 写了两次。"),
    (
        "unknown variant `{}`, expected one of {}",
        "不认识的取值 `{0}`；可选的有：{1}。",
    ),
    (
        "unknown variant `{}`, expected {}",
        "不认识的取值 `{0}`；应为 {1}。",
    ),
    (
        "invalid type: {}, expected {}",
        "类型不对：这里应为 {1}，写成了 {0}。",
    ),
    (
        "invalid value: {}, expected {}",
        "取值不对：这里应为 {1}，写成了 {0}。",
    ),
    (
        "invalid length {}, expected {}",
        "个数不对：这里应为 {1}，写了 {0} 个。",
    ),
    // gongkai's own load messages.
    (
        "`{}` is given twice in the same map: first on line {}, again here",
        "`{0}` 在同一层写了两次：第 {1} 行一次，这里又一次。",
    ),
    ("`{}` is not an amount: {}", "`{0}` 不是金额：{1}"),
    (
        "write digits with an optional decimal point, like 983.70",
        "金额请只写数字，可带小数点，例如 983.70。",
    ),
    ("`{}` is not an amount", "`{0}` 不是金额。"),
    (
        "`{}` is not a date like 2024-05-26",
        "`{0}` 不是日期；请写成 2024-05-26 这样。",
    ),
    (
        "the content folder does not exist",
        "找不到 content 文件夹。",
    ),
    (
        "cannot read the content folder: {}",
        "无法读取 content 文件夹：{0}",
    ),
    ("cannot read the file: {}", "无法读取文件：{0}"),
    (
        "the file is not valid UTF-8 text",
        "文件不是 UTF-8 编码的文本。",
    ),
    (
        "the file is{} larger than the limit of {} bytes (10 MB)",
        "文件超过 10 MB 的上限（{1} 字节）。",
    ),
    (
        "lists and maps are nested more than {} levels deep here",
        "这里的列表和映射嵌套超过 {0} 层。",
    ),
    (
        "aliases (`*name`) repeat more than {} MB of text by here",
        "到这里为止，别名（`*名称`）重复的文字已超过 {0} MB。",
    ),
    (
        "the file holds more than {} values by here",
        "到这里为止，文件中的值已超过 {0} 个。",
    ),
    ("unknown profile `{}`", "没有名为 `{0}` 的公开格式。"),
    // Check findings: the comparison every balance rule makes.
    ("{} {} ≠ {} {}", "{0} {1} 与 {2} {3} 不相等。"),
    ("{} {} > {} {}", "{0} {1} 大于 {2} {3}。"),
    // Hints.
    (
        "{} {} should equal {} {} (difference {}). {}",
        "{0} {1} 应等于 {2} {3}（差额 {4}）。{5}",
    ),
    (
        "{} {} should be at most {} {} (difference {}). {}",
        "{0} {1} 不应大于 {2} {3}（超出 {4}）。{5}",
    ),
    (
        "{} {} {} {} {} by {}, within rounding",
        "{0} {1} {2} {3} {4}，相差 {5}，在四舍五入允许的范围内。",
    ),
    (
        "published figures are rounded, so {} rounded figures may differ by up to {}; no action needed if each figure was copied exactly as published",
        "公开的数字经过四舍五入，{0} 个数字相加最多可相差 {1}；如果每个数字都与公开文本一致，无需修改。",
    ),
    (
        "check the spelling of the field name; the fields allowed here are listed above and in {}",
        "请检查字段名的拼写；这里允许的字段见上文和 {0}。",
    ),
    (
        "add the missing field; {} describes each field with an example",
        "请补上缺少的字段；{0} 对每个字段都有说明和示例。",
    ),
    (
        "write the amount as a plain number such as 983.70, without units or text",
        "金额请只写数字，例如 983.70，不要带单位或文字。",
    ),
    (
        "check the YAML syntax around this line: indentation with spaces, a colon and a space after each key",
        "请检查这一行附近的写法：用空格缩进，每个字段名后是冒号加一个空格。",
    ),
    (
        "keep one of the two and delete the other; if both values are needed, one of them belongs under another key",
        "保留其中一个，删除另一个；如果两个值都需要，其中一个应放在别的字段下。",
    ),
    (
        "the value has the wrong kind (text, number, list or map); compare with the example in {}",
        "值的种类不对（文字、数字、列表或映射）；请对照 {0} 中的示例。",
    ),
    (
        "use one of the values listed above, exactly as written",
        "请从上面列出的取值中选一个，照原样书写。",
    ),
    ("an amount like 983.70", "金额（如 983.70）"),
    ("sequence", "列表"),
    ("map", "映射"),
    // A message behind the place it is about (`income[0]: unknown field …`).
    ("{}: {}", "{0}：{1}"),
];

/// `text` in the current language: English made where it was found put into Chinese, or
/// the few sentences made in Chinese (the YAML reader's) put into English.
pub fn tr(text: &str) -> Cow<'_, str> {
    if zh() { to_zh(text) } else { to_en(text) }
}

/// `text` in Chinese, if the catalog knows its pattern.
pub fn to_zh(text: &str) -> Cow<'_, str> {
    translate(CATALOG, text)
}

/// `text` in English, if it is one of the sentences made in Chinese.
pub fn to_en(text: &str) -> Cow<'_, str> {
    translate(crate::messages_en::CATALOG, text)
}

/// `text` through `catalog`, the parts matched by `{}` translated as well.
fn translate<'t>(catalog: &[(&str, &str)], text: &'t str) -> Cow<'t, str> {
    for (pattern, to) in catalog {
        if let Some(parts) = matches(pattern, text) {
            // `place: message` is a field path before a message; a colon inside a sentence
            // already in Chinese (`separate_budget: false` as code) is left alone.
            if *pattern == "{}: {}" && !is_field_path(parts[0]) {
                continue;
            }
            let mut out = (*to).to_owned();
            for (i, p) in parts.iter().enumerate() {
                out = out.replace(&format!("{{{i}}}"), &translate(catalog, p));
            }
            return out.into();
        }
    }
    text.into()
}

/// `income[0].appropriation`: a YAML field path, no words.
fn is_field_path(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "[]._-".contains(c))
}

/// The texts matched by each `{}` of `pattern`, if `text` has its shape.
fn matches<'t>(pattern: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let pieces: Vec<&str> = pattern.split("{}").collect();
    let mut rest = text.strip_prefix(pieces[0])?;
    let mut found = Vec::new();
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        let last = i == pieces.len() - 1;
        if last {
            if piece.is_empty() {
                found.push(rest);
                rest = "";
            } else {
                let at = rest.strip_suffix(piece)?;
                found.push(at);
                rest = "";
            }
        } else {
            if piece.is_empty() {
                return None;
            }
            let at = rest.find(piece)?;
            found.push(&rest[..at]);
            rest = &rest[at + piece.len()..];
        }
    }
    (rest.is_empty() && found.iter().all(|f| !f.is_empty())).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_errors_become_chinese() {
        assert_eq!(
            to_zh("did not find expected ',' or '}'"),
            "花括号 `{…}` 没有正确结束：这里缺少 `,` 或 `}`。"
        );
        assert_eq!(
            to_zh("unknown field `apropriation`, expected one of `unit`, `appropriation`"),
            "不认识的字段 `apropriation`；这里允许的字段有：`unit`, `appropriation`。"
        );
        assert_eq!(to_zh("`99x.70` is not an amount"), "`99x.70` 不是金额。");
        assert_eq!(
            to_zh("the YAML cannot be read: found unexpected end of stream"),
            "无法读取 YAML：文件意外结束：有引号或括号没有闭合。"
        );
    }

    #[test]
    fn comparisons_become_chinese() {
        assert_eq!(
            to_zh(
                "T1 income 1,042.10 should equal T3 expenditure 1,047.10 (difference -5.00). Look at `income`."
            ),
            "T1 income 1,042.10 应等于 T3 expenditure 1,047.10（差额 -5.00）。Look at `income`."
        );
    }

    #[test]
    fn the_yaml_readers_chinese_has_english() {
        assert_eq!(
            to_en("这里应当是列表（每项以 `- ` 开头），写的却是映射（`字段: 值` 的若干行）"),
            "this should be a list (each item starting with `- `), but it is a map (lines of `field: value`)"
        );
        assert_eq!(
            to_en("不认识的字段 `nn`；这里可以写的字段是：code、n"),
            "unknown field `nn`; the fields allowed here are: code、n"
        );
        assert_eq!(to_en("something new"), "something new");
    }

    #[test]
    fn a_colon_in_chinese_code_is_kept() {
        let hint = "请在 `empty_tables` 下加一行 `state_capital: 本部门2024年度没有…`";
        assert_eq!(to_zh(hint), hint);
        assert_eq!(
            to_zh("income[0]: missing field `unit`"),
            "income[0]：缺少必填字段 `unit`。"
        );
    }

    #[test]
    fn unknown_texts_stay_as_they_are() {
        assert_eq!(to_zh("something new"), "something new");
        assert!(matches("a {} b", "a  b").is_none());
    }
}
