//! The reference language of the narrative: Markdown in which a figure is written as its
//! name in braces, `{支出总计}`, never as typed digits.
//!
//! Braces because Chinese text never uses them (a `【…】` or `「…」` may be part of a
//! department's own wording), because one key types them with or without a Chinese input
//! method (`｛支出总计｝` in full width is read the same), and because Markdown gives them
//! no meaning. The parser is ours and tiny: a reference names a figure and how to spell it,
//! a block chooses between texts or repeats one per list entry. Nothing in it can read a
//! file, call code or reach a template engine.

use std::fmt;

/// A located problem in a prose text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseError {
    /// 1-based line, counted from the first line of the text.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ProseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}行：{}", self.line, self.message)
    }
}

/// How a reference spells its figure; what is not chosen follows the profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spelling {
    /// `元` or `万元`.
    pub unit: Option<crate::content::model::MoneyUnit>,
    /// `两位`: always two decimals; `去零`: whole amounts without `.00`.
    pub two_decimals: Option<bool>,
    /// `零写0`: nothing written `0` even with two decimals.
    pub zero_plain: Option<bool>,
    /// `千分位` / `无千分位`.
    pub thousands: Option<bool>,
    /// `动词`: a change prints 增加 / 减少 / 持平 instead of its amount.
    pub verb: bool,
}

/// Every option a reference may carry, with what it sets; listed in error messages.
pub const OPTIONS: &[&str] = &[
    "元",
    "万元",
    "两位",
    "去零",
    "零写0",
    "千分位",
    "无千分位",
    "动词",
];

impl Spelling {
    fn set(&mut self, option: &str) -> bool {
        use crate::content::model::MoneyUnit;
        match option {
            "元" => self.unit = Some(MoneyUnit::Yuan),
            "万元" => self.unit = Some(MoneyUnit::TenThousandYuan),
            "两位" => self.two_decimals = Some(true),
            "去零" => self.two_decimals = Some(false),
            "零写0" => self.zero_plain = Some(true),
            "千分位" => self.thousands = Some(true),
            "无千分位" => self.thousands = Some(false),
            "动词" => self.verb = true,
            _ => return false,
        }
        true
    }

    /// `self` where set, else `base`.
    pub fn over(self, base: Spelling) -> Spelling {
        Spelling {
            unit: self.unit.or(base.unit),
            two_decimals: self.two_decimals.or(base.two_decimals),
            zero_plain: self.zero_plain.or(base.zero_plain),
            thousands: self.thousands.or(base.thousands),
            verb: self.verb || base.verb,
        }
    }

    /// A profile's `narrative_spelling` as the options it stands for. A zero left blank has
    /// no meaning in a sentence, so `zero: blank` leaves the text's own choice.
    pub fn from_choice(c: Option<&crate::content::spelling::SpellingChoice>) -> Spelling {
        use crate::content::spelling::{Decimals, Zero};
        let Some(c) = c else {
            return Spelling::default();
        };
        Spelling {
            unit: None,
            two_decimals: c.decimals.map(|d| d == Decimals::Two),
            zero_plain: match c.zero {
                Some(Zero::Plain) => Some(true),
                Some(Zero::Decimals) => Some(false),
                Some(Zero::Blank) | None => None,
            },
            thousands: c.separators,
            verb: false,
        }
    }

    /// Options written the way a reference writes them (`去零 无千分位`), for a profile's or
    /// a department's default spelling.
    pub fn parse(text: &str) -> Result<Spelling, String> {
        let mut s = Spelling::default();
        for o in text
            .split([' ', '　', '|', '｜', ',', '，'])
            .filter(|o| !o.is_empty())
        {
            if !s.set(o) {
                return Err(unknown_option(o));
            }
        }
        Ok(s)
    }
}

fn unknown_option(o: &str) -> String {
    format!("不认识的写法「{o}」：可用的有 {}", OPTIONS.join("、"))
}

/// What a block tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// The figure is there: an amount or count not zero, a text not empty, a change not 持平.
    Present,
    /// The opposite of `Present`.
    Absent,
    Up,
    Down,
    Same,
    /// A list with two or more entries, a count above one (「，合计…」 after several parts).
    Several,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    pub spelling: Spelling,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Text(String),
    Ref(Reference),
    If {
        name: Reference,
        test: Test,
        then: Vec<Node>,
        otherwise: Vec<Node>,
    },
    Each {
        list: Reference,
        separator: String,
        body: Vec<Node>,
    },
}

/// An open block while parsing.
enum Open {
    If {
        name: Reference,
        test: Test,
        then: Option<Vec<Node>>,
    },
    Each {
        list: Reference,
        separator: String,
    },
}

/// Full-width forms a Chinese input method types inside a reference, read as ASCII.
fn normalise(c: char) -> char {
    match c {
        '｜' => '|',
        '．' | '。' => '.',
        '　' => ' ',
        other => other,
    }
}

fn is_open(c: char) -> bool {
    c == '{' || c == '｛'
}

fn is_close(c: char) -> bool {
    c == '}' || c == '｝'
}

/// A figure's name: letters, digits (any script), `.` between parts and `_`; a name in a
/// list entry starts with `.`. Anything else (`/`, `<`, quotes, `..`) is refused, so a name
/// can never be read as a path or markup.
pub fn valid_name(name: &str) -> bool {
    let body = name.strip_prefix('.').unwrap_or(name);
    !body.is_empty()
        && !body.starts_with('.')
        && !body.ends_with('.')
        && !body.contains("..")
        && body
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '（' | '）'))
}

fn reference(text: &str, line: usize) -> Result<Reference, ProseError> {
    let err = |message: String| ProseError { line, message };
    let mut parts = text.split('|').map(str::trim);
    let name = parts.next().unwrap_or_default().to_owned();
    if !valid_name(&name) {
        return Err(err(format!(
            "「{{{text}}}」不是引用：花括号里写数字的名称（如 {{支出总计}}），名称只能有汉字、字母、数字和点；要写花括号本身，请写 \\{{ 和 \\}}"
        )));
    }
    let mut spelling = Spelling::default();
    for o in parts {
        if !spelling.set(o) {
            return Err(err(unknown_option(o)));
        }
    }
    Ok(Reference {
        name,
        spelling,
        line,
    })
}

/// Parses `text`; `first_line` is the line its first line has in its file.
pub fn parse(text: &str, first_line: usize) -> Result<Vec<Node>, ProseError> {
    let mut stack: Vec<(Open, Vec<Node>)> = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut buf = String::new();
    let mut line = first_line;
    let mut chars = text.chars().peekable();
    let flush = |buf: &mut String, nodes: &mut Vec<Node>| {
        if !buf.is_empty() {
            nodes.push(Node::Text(std::mem::take(buf)));
        }
    };
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| is_open(*n) || is_close(*n)) {
            // An escaped brace is text; Markdown drops the backslash of `\{` and `\}`.
            let n = chars.next().unwrap_or(c);
            buf.push('\\');
            buf.push(match n {
                '｛' => '{',
                '｝' => '}',
                other => other,
            });
            continue;
        }
        if c == '\n' {
            line += 1;
        }
        if is_close(c) {
            return Err(ProseError {
                line,
                message: "多了一个 }：引用写作 {名称}；要写花括号本身，请写 \\}".into(),
            });
        }
        if !is_open(c) {
            buf.push(c);
            continue;
        }
        let start = line;
        let mut inner = String::new();
        let mut closed = false;
        for d in chars.by_ref() {
            if is_close(d) {
                closed = true;
                break;
            }
            if d == '\n' || is_open(d) {
                break;
            }
            inner.push(normalise(d));
        }
        if !closed {
            return Err(ProseError {
                line: start,
                message: format!(
                    "引用「{{{inner}」没有结束：在同一行写完 {{名称}}，不要在引用里换行或再写 {{"
                ),
            });
        }
        let inner = inner.trim();
        let words: Vec<&str> = inner.split(' ').filter(|w| !w.is_empty()).collect();
        let close_block = |nodes: &mut Vec<Node>, stack: &mut Vec<(Open, Vec<Node>)>| {
            let Some((open, outer)) = stack.pop() else {
                return Err(ProseError {
                    line: start,
                    message: "多了一个 {结束}：它前面没有 {如果 …} 或 {每个 …}".into(),
                });
            };
            let inner_nodes = std::mem::replace(nodes, outer);
            nodes.push(match open {
                Open::If { name, test, then } => match then {
                    Some(then) => Node::If {
                        name,
                        test,
                        then,
                        otherwise: inner_nodes,
                    },
                    None => Node::If {
                        name,
                        test,
                        then: inner_nodes,
                        otherwise: Vec::new(),
                    },
                },
                Open::Each { list, separator } => Node::Each {
                    list,
                    separator,
                    body: inner_nodes,
                },
            });
            Ok(())
        };
        match words.as_slice() {
            ["如果", name, rest @ ..] => {
                flush(&mut buf, &mut nodes);
                let name = reference(name, start)?;
                let test = match rest {
                    [] | ["有"] => Test::Present,
                    ["无"] => Test::Absent,
                    ["增加"] => Test::Up,
                    ["减少"] => Test::Down,
                    ["持平"] => Test::Same,
                    ["多个"] => Test::Several,
                    _ => {
                        return Err(ProseError {
                            line: start,
                            message: format!(
                                "「{{{inner}}}」：{{如果 名称}} 后面只能写 有、无、增加、减少、持平 或 多个"
                            ),
                        });
                    }
                };
                stack.push((
                    Open::If {
                        name,
                        test,
                        then: None,
                    },
                    std::mem::take(&mut nodes),
                ));
            }
            ["每个", list, rest @ ..] => {
                flush(&mut buf, &mut nodes);
                let list = reference(list, start)?;
                stack.push((
                    Open::Each {
                        list,
                        separator: rest.join(" "),
                    },
                    std::mem::take(&mut nodes),
                ));
            }
            ["否则"] => {
                flush(&mut buf, &mut nodes);
                match stack.last_mut() {
                    Some((Open::If { then, .. }, _)) if then.is_none() => {
                        *then = Some(std::mem::take(&mut nodes));
                    }
                    _ => {
                        return Err(ProseError {
                            line: start,
                            message: "{否则} 只能写在 {如果 …} 和 {结束} 之间，且只写一次".into(),
                        });
                    }
                }
            }
            ["结束"] => {
                flush(&mut buf, &mut nodes);
                close_block(&mut nodes, &mut stack)?;
            }
            _ => {
                flush(&mut buf, &mut nodes);
                nodes.push(Node::Ref(reference(inner, start)?));
            }
        }
    }
    flush(&mut buf, &mut nodes);
    if let Some((open, _)) = stack.last() {
        let (what, at) = match open {
            Open::If { name, .. } => ("如果", name.line),
            Open::Each { list, .. } => ("每个", list.line),
        };
        return Err(ProseError {
            line: at,
            message: format!("{{{what} …}} 没有对应的 {{结束}}：在这段文字末尾补上 {{结束}}"),
        });
    }
    Ok(nodes)
}

/// Every reference of `nodes`, in order, with the list a name inside `{每个}` belongs to.
pub fn references<'a>(
    nodes: &'a [Node],
    list: Option<&'a str>,
    out: &mut Vec<(&'a Reference, Option<&'a str>)>,
) {
    for n in nodes {
        match n {
            Node::Text(_) => {}
            Node::Ref(r) => out.push((r, list)),
            Node::If {
                name,
                then,
                otherwise,
                ..
            } => {
                out.push((name, list));
                references(then, list, out);
                references(otherwise, list, out);
            }
            Node::Each { list: l, body, .. } => {
                out.push((l, list));
                references(body, Some(&l.name), out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<String> {
        let nodes = parse(text, 1).unwrap();
        let mut out = Vec::new();
        references(&nodes, None, &mut out);
        out.iter().map(|(r, _)| r.name.clone()).collect()
    }

    #[test]
    fn references_sit_between_chinese_punctuation_in_either_width() {
        assert_eq!(
            refs("收入总计{收入总计}万元，支出｛支出总计｜两位｝万元。"),
            ["收入总计", "支出总计"]
        );
        let nodes = parse("{支出总计｜元｜两位｜千分位}", 1).unwrap();
        let Node::Ref(r) = &nodes[0] else { panic!() };
        assert_eq!(
            r.spelling.unit,
            Some(crate::content::model::MoneyUnit::Yuan)
        );
        assert_eq!(r.spelling.two_decimals, Some(true));
        assert_eq!(r.spelling.thousands, Some(true));
    }

    #[test]
    fn blocks_nest_and_escaped_braces_stay_text() {
        let nodes = parse(
            "{如果 收入总计较上年 持平}持平{否则}{每个 收入来源 ；}{.名称}{结束}{结束}\\{x\\}",
            1,
        )
        .unwrap();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[1], Node::Text("\\{x\\}".into()));
        let Node::If {
            then,
            otherwise,
            test,
            ..
        } = &nodes[0]
        else {
            panic!()
        };
        assert_eq!(*test, Test::Same);
        assert_eq!(then, &[Node::Text("持平".into())]);
        assert!(matches!(&otherwise[0], Node::Each { separator, .. } if separator == "；"));
    }

    #[test]
    fn hostile_or_broken_references_are_refused_with_their_line() {
        for (text, line, says) in [
            ("第一行\n{../x}", 2, "不是引用"),
            ("{{收入总计}}", 1, "没有结束"),
            ("{ }", 1, "不是引用"),
            ("<script>{x<script>}", 1, "不是引用"),
            ("一\n二\n{收入总计", 3, "没有结束"),
            ("收入}", 1, "多了一个 }"),
            ("{收入总计|粗体}", 1, "不认识的写法「粗体」"),
            ("{如果 x}\n没有结束", 1, "没有对应的 {结束}"),
            ("{结束}", 1, "多了一个 {结束}"),
            ("{如果 x 大于}{结束}", 1, "只能写"),
        ] {
            let e = parse(text, 1).unwrap_err();
            assert_eq!(e.line, line, "{text}: {e}");
            assert!(e.message.contains(says), "{text}: {e}");
        }
    }
}
