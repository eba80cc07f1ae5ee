//! Checks every value of a loaded file against [`crate::content::limits`]: each text for characters
//! that XML forbids or that hide text, each amount against the maximum of its file's unit,
//! each date as a calendar date, `base_url` as an absolute http(s) address. Run by the
//! loader, so `check`, `build`, `serve` and the fuzzer refuse the same files the same way.
//!
//! The file is walked through its serde form, so a field added to the model later is
//! covered without being listed here; paths are the ones the source map locates.

use crate::content::limits;
use crate::content::model::{Disclosure, GlossaryEntry, SiteConfig};
use crate::content::parse::Loaded;
use crate::content::problem::Problem;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// Problems with a disclosure's texts, amounts and correction dates.
pub fn disclosure(d: &Loaded<Disclosure>) -> Vec<Problem> {
    let mut out = Vec::new();
    let max = limits::max_amount(d.data.money_unit);
    let unit = d.data.money_unit.label();
    if let Ok(v) = serde_json::to_value(&d.data) {
        walk(&v, &mut Vec::new(), &mut |at, s| {
            if let Some(p) = text_problem(d, at, s) {
                out.push(p);
            }
            if let Some(amount) = as_amount(s)
                && amount >= max
            {
                out.push(
                    d.problem(
                        &path(at),
                        format!("金额 {s}{unit} 太大：本文件以{unit}为单位，金额须小于 {max}{unit}（即 10^15 元）"),
                    )
                    .hint("请检查是否多输了数字，或 money_unit 写错了单位"),
                );
            }
        });
    }
    for (i, c) in d.data.corrections.iter().enumerate() {
        if !crate::content::date::is_date(&c.date) {
            out.push(bad_date(d, &format!("corrections[{i}].date"), &c.date));
        }
    }
    for (path, name) in std::iter::once(("name".to_owned(), &d.data.name)).chain(
        d.data
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (format!("units[{i}].name"), &u.name)),
    ) {
        if name.contains(['\n', '\r']) {
            out.push(
                d.problem(&path, "名称不能换行")
                    .hint("把名称写在一行里；名称会成为页面标题和表格表头"),
            );
        }
    }
    out
}

/// A located problem for a date that is not a calendar date of 2000–2100.
pub fn bad_date<T>(d: &Loaded<T>, field: &str, date: &str) -> Problem {
    let shown: String = date.chars().take(40).collect();
    d.problem(
        field,
        format!("「{shown}」不是有效日期：日期须写成 YYYY-MM-DD，是真实存在的日子，年份在 2000 至 2100 之间"),
    )
    .hint("例如 2024-05-26；2 月没有 30 日、31 日，4、6、9、11 月没有 31 日")
}

/// Problems with `site.yaml`: its texts, and `base_url`.
pub fn site(s: &Loaded<SiteConfig>) -> Vec<Problem> {
    let mut out = texts(s, &s.data);
    if let Some(url) = s.data.base_url.as_deref()
        && let Err(why) = base_url(url)
    {
        out.push(s.problem("base_url", why).hint(
            "写成完整的网址，以 / 结尾，例如 https://www.example.gov.cn/zwgk/yjs/；不要带引号、空格、换行、? 或 #",
        ));
    }
    out
}

/// Problems with the glossary's texts.
pub fn glossary(g: &Loaded<Vec<GlossaryEntry>>) -> Vec<Problem> {
    texts(g, &g.data)
}

/// Whether `url` is an absolute http(s) address that can be written into a header, an XML
/// or HTML attribute and `robots.txt` as it is: a plain host, an optional port, a path of
/// characters that need no escaping there (non-ASCII letters are allowed in the path and are
/// percent-encoded where a header needs ASCII).
pub fn base_url(url: &str) -> Result<(), String> {
    let shown: String = url.chars().take(60).collect();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url「{shown}」须以 https:// 或 http:// 开头"))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (name, port) = host.split_once(':').unwrap_or((host, ""));
    let host_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.len() <= 5;
    if !host_ok {
        return Err(format!(
            "base_url「{shown}」的域名不对：只能含字母、数字、. 和 -（中文域名请写成 xn-- 开头的形式），端口只能是数字"
        ));
    }
    let bad = path.chars().find(|c| {
        c.is_control()
            || c.is_whitespace()
            || limits::forbidden_char(&c.to_string()).is_some()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '`' | '\\' | '?' | '#' | '{' | '}' | '|' | '^'
            )
    });
    if let Some(c) = bad {
        return Err(format!(
            "base_url「{shown}」含有网址中不允许的字符 {}",
            limits::code_point(c)
        ));
    }
    Ok(())
}

/// Every text of `data` without forbidden or hidden characters.
fn texts<T, D: Serialize>(file: &Loaded<T>, data: &D) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(data) {
        walk(&v, &mut Vec::new(), &mut |at, s| {
            out.extend(text_problem(file, at, s));
        });
    }
    out
}

fn text_problem<T>(file: &Loaded<T>, at: &[Step], s: &str) -> Option<Problem> {
    let (c, what) = limits::forbidden_char(s)?;
    Some(
        file.problem(
            &path(at),
            format!("文字中有不允许的字符 {}（{what}）", limits::code_point(c)),
        )
        .hint("删除这个字符：它在页面上看不见，却会隐藏或颠倒文字，或使网页和订阅文件无效；从其他文档复制文字时常会带上它"),
    )
}

/// One step from the root of a file's serde form to a value: a field (or map key), or a
/// position in a list.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The path the source map locates, e.g. `income[0].appropriation`. Made only for a value
/// with a problem: a file has thousands of values and almost never a problem.
fn path(at: &[Step]) -> String {
    let mut p = String::new();
    for step in at {
        match step {
            Step::Key(k) => {
                if !p.is_empty() {
                    p.push('.');
                }
                p.push_str(k);
            }
            Step::Index(i) => {
                p.push('[');
                p.push_str(&i.to_string());
                p.push(']');
            }
        }
    }
    p
}

/// Calls `f` with the place and value of every string (and map key) in `v`.
fn walk<'a>(v: &'a Value, at: &mut Vec<Step<'a>>, f: &mut impl FnMut(&[Step], &str)) {
    match v {
        Value::String(s) => f(at, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                walk(item, at, f);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                at.push(Step::Key(k));
                f(at, k);
                walk(item, at, f);
                at.pop();
            }
        }
        _ => {}
    }
}

/// An amount as the model writes it (`Money` serializes as digits, a point and two
/// decimals); codes and texts never have that shape.
fn as_amount(s: &str) -> Option<Decimal> {
    let (int, frac) = s.split_once('.')?;
    let shaped = !int.is_empty()
        && frac.len() == 2
        && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit());
    if shaped { s.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_an_absolute_http_address_safe_in_headers_and_markup() {
        for ok in [
            "https://www.example.gov.cn/zwgk/yjs/",
            "http://localhost:8080/",
            "https://www.example.gov.cn/预算公开/",
            "https://www.example.gov.cn",
        ] {
            assert_eq!(base_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "www.example.gov.cn/",
            "javascript:alert(1)",
            "https://x.cn/\"><script>alert(1)</script>",
            "https://x.cn/a\r\nSitemap: https://evil/",
            "https://x.cn/a b/",
            "https://x.cn/?q=1",
            "https://ex ample.cn/",
            "https://x.cn:80a/",
            "https:///path",
            "https://x.cn/\u{202e}/",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_string_is_reached_with_the_path_the_source_map_locates() {
        let v: Value = serde_json::json!([
            {"name": "a", "income": [{"unit": "b", "tags": ["c"]}]},
            {"subject_names": {"201": "d"}}
        ]);
        let mut seen = Vec::new();
        walk(&v, &mut Vec::new(), &mut |at, s| {
            seen.push((path(at), s.to_owned()))
        });
        let want = [
            ("[0].income", "income"),
            ("[0].income[0].tags", "tags"),
            ("[0].income[0].tags[0]", "c"),
            ("[0].income[0].unit", "unit"),
            ("[0].income[0].unit", "b"),
            ("[0].name", "name"),
            ("[0].name", "a"),
            ("[1].subject_names", "subject_names"),
            ("[1].subject_names.201", "201"),
            ("[1].subject_names.201", "d"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn only_two_decimal_numbers_are_read_as_amounts() {
        assert!(as_amount("983.70").is_some());
        assert!(as_amount("2011350").is_none());
        assert!(as_amount("2024-05-26").is_none());
        assert!(as_amount("1.5").is_none());
    }
}
