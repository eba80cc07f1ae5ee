//! Prose resolved: every reference spelled from the names table, the text left as Markdown.
//!
//! A figure's text never passes through the Markdown parser: each reference becomes a
//! placeholder (private-use characters no text contains) and its value is kept aside;
//! `render::prose` renders the Markdown and puts each value in, HTML-escaped the way the
//! templates escape data. So a reason containing `*` or `<script>` is printed as typed, and a
//! reference placed inside a link address is refused ([`problems`]).

use super::names::{Names, Value};
use super::parse::{Node, Reference, Spelling, Test};
use crate::content::model::MoneyUnit;
use crate::content::money::{Money, Shown};
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::BTreeMap;

/// Opens a placeholder: `OPEN`, the value's index, `CLOSE`.
pub const OPEN: char = '\u{E000}';
pub const CLOSE: char = '\u{E001}';

/// What resolving could not do; `check` reports these with their lines, a build prints the
/// reference as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub line: usize,
    pub name: String,
    pub message: String,
}

/// How prose writes amounts when a reference does not say: the profile's (or department's)
/// default spelling, and the unit conversion of the file.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub shown: Shown,
    pub spelling: Spelling,
}

impl Style {
    /// `m` (in the file's unit) spelled by `s` over the default.
    pub fn money(&self, m: Money, s: Spelling) -> String {
        let s = s.over(self.spelling);
        let shown = match s.unit {
            Some(u) => self.shown.in_unit(u),
            None => self.shown,
        };
        let m = shown.money(m);
        let two = s.two_decimals.unwrap_or(false);
        let thousands = s.thousands.unwrap_or(false);
        if m.is_zero() && (!two || s.zero_plain.unwrap_or(false)) {
            return "0".into();
        }
        match (two, thousands) {
            (true, true) => m.table(),
            (true, false) => m.plain(),
            (false, false) => m.prose(),
            (false, true) => {
                let t = m.table();
                match t.strip_suffix(".00") {
                    Some(whole) => whole.to_owned(),
                    None => t,
                }
            }
        }
    }

    /// The unit a reference writes amounts in.
    pub fn unit(&self, s: Spelling) -> MoneyUnit {
        s.unit.or(self.spelling.unit).unwrap_or(self.shown.to)
    }
}

struct Ctx<'a> {
    names: &'a Names,
    style: Style,
    values: Vec<String>,
    problems: Vec<Unresolved>,
}

fn lookup<'v>(
    names: &'v Names,
    r: &Reference,
    item: Option<&'v BTreeMap<String, Value>>,
) -> Result<&'v Value, String> {
    match r.name.strip_prefix('.') {
        Some(field) => match item {
            Some(entry) => entry.get(field).ok_or_else(|| {
                format!(
                    "这一项没有「.{field}」：可用的有 {}",
                    entry
                        .keys()
                        .map(|k| format!(".{k}"))
                        .collect::<Vec<_>>()
                        .join("、")
                )
            }),
            None => Err(format!(
                "「{{.{field}}}」只能写在 {{每个 …}} 和 {{结束}} 之间"
            )),
        },
        // `{序号}` is the entry's number, whatever the list.
        None => names
            .values
            .get(&r.name)
            .or_else(|| item.and_then(|e| e.get(&r.name)))
            .ok_or_else(|| unknown(names, &r.name)),
    }
}

/// `没有叫「…」的数字` with the nearest names.
pub fn unknown(names: &Names, name: &str) -> String {
    let near = names.nearest(name);
    if near.is_empty() {
        format!("没有叫「{name}」的数字：用 gongkai figures 列出本部门可用的名称")
    } else {
        format!(
            "没有叫「{name}」的数字，是不是 {}？（gongkai figures 列出全部名称）",
            near.iter()
                .map(|n| format!("{{{n}}}"))
                .collect::<Vec<_>>()
                .join("、")
        )
    }
}

fn spell(style: &Style, v: &Value, s: Spelling) -> String {
    match v {
        Value::Money(m) => style.money(*m, s),
        Value::Change(m) if s.verb => {
            let m = style_round(style, *m, s);
            if m.is_zero() {
                "持平".into()
            } else if m.0.is_sign_positive() {
                "增加".into()
            } else {
                "减少".into()
            }
        }
        Value::Change(m) => style.money(Money(m.0.abs()), s),
        Value::Count(n) => n.to_string(),
        Value::Percent(p) => crate::derive::figures::percent(*p),
        Value::Text(t) => t.clone(),
        // `walk` refuses a list before spelling it.
        Value::List(l) => l.len().to_string(),
    }
}

/// The change as shown, so the verb agrees with the amount printed beside it.
fn style_round(style: &Style, m: Money, s: Spelling) -> Money {
    let s = s.over(style.spelling);
    let shown = match s.unit {
        Some(u) => style.shown.in_unit(u),
        None => style.shown,
    };
    shown.money(m)
}

fn holds(style: &Style, v: &Value, test: Test) -> bool {
    let sign = |m: Money| {
        let m = style_round(style, m, Spelling::default());
        if m.is_zero() {
            0
        } else if m.0.is_sign_positive() {
            1
        } else {
            -1
        }
    };
    match (test, v) {
        (Test::Present, v) => v.present(),
        (Test::Absent, v) => !v.present(),
        (Test::Up, Value::Change(m)) => sign(*m) > 0,
        (Test::Down, Value::Change(m)) => sign(*m) < 0,
        (Test::Same, Value::Change(m)) => sign(*m) == 0,
        (Test::Same, v) => !v.present(),
        (Test::Several, Value::List(l)) => l.len() > 1,
        (Test::Several, Value::Count(n)) => *n > 1,
        _ => false,
    }
}

fn walk(ctx: &mut Ctx, nodes: &[Node], item: Option<&BTreeMap<String, Value>>, out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Ref(r) => match lookup(ctx.names, r, item) {
                Ok(Value::List(_)) => {
                    ctx.problems.push(Unresolved {
                        line: r.line,
                        name: r.name.clone(),
                        message: format!(
                            "「{}」是一个列表，不是数字：写 {{每个 {}}}…{{结束}}，在里面引用它每一项的字段",
                            r.name, r.name
                        ),
                    });
                }
                Ok(v) => {
                    let text = spell(&ctx.style, v, r.spelling);
                    out.push(OPEN);
                    out.push_str(&ctx.values.len().to_string());
                    out.push(CLOSE);
                    ctx.values.push(text);
                }
                Err(message) => {
                    ctx.problems.push(Unresolved {
                        line: r.line,
                        name: r.name.clone(),
                        message,
                    });
                    out.push_str(&format!("\\{{{}\\}}", r.name));
                }
            },
            Node::If {
                name,
                test,
                then,
                otherwise,
            } => {
                // A list's test counts its entries; looking it up among the values would
                // only make (and drop) a message with the nearest names.
                let yes = match ctx.names.lists.get(&name.name) {
                    Some(list) => match test {
                        Test::Absent => list.is_empty(),
                        Test::Several => list.len() > 1,
                        _ => !list.is_empty(),
                    },
                    None => match lookup(ctx.names, name, item) {
                        Ok(v) => holds(&ctx.style, v, *test),
                        Err(message) => {
                            ctx.problems.push(Unresolved {
                                line: name.line,
                                name: name.name.clone(),
                                message,
                            });
                            false
                        }
                    },
                };
                walk(ctx, if yes { then } else { otherwise }, item, out);
            }
            Node::Each {
                list,
                separator,
                body,
            } => {
                let names = ctx.names;
                let entries = if list.name.starts_with('.') {
                    // A list inside the entry (a project's 立项依据).
                    match lookup(names, list, item) {
                        Ok(Value::List(l)) => Some(l),
                        _ => names.lists.get(&list.name),
                    }
                } else {
                    names.lists.get(&list.name)
                };
                let Some(entries) = entries else {
                    let message = if list.name.starts_with('.') {
                        lookup(names, list, item).err().unwrap_or_else(|| {
                            format!("「{}」不是列表：{{每个 …}} 后面写列表的名称", list.name)
                        })
                    } else if names.values.contains_key(&list.name) {
                        format!(
                            "「{}」是一个数字，不是列表：{{每个 …}} 后面写列表的名称",
                            list.name
                        )
                    } else {
                        unknown(names, &list.name)
                    };
                    ctx.problems.push(Unresolved {
                        line: list.line,
                        name: list.name.clone(),
                        message,
                    });
                    continue;
                };
                for (i, e) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(separator);
                    }
                    let mut e = super::projects::nested(item, e);
                    e.insert("序号".into(), Value::Count(i as u64 + 1));
                    walk(ctx, body, Some(&e), out);
                }
            }
        }
    }
}

/// A text with its references resolved: Markdown with a placeholder where each value goes.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub md: String,
    pub values: Vec<String>,
    /// References that could not be spelled (a build prints them as typed).
    pub problems: Vec<Unresolved>,
}

/// Resolves `nodes`, inside one entry of a list when `item` is given (`.金额` names its
/// fields).
pub fn resolve(
    nodes: &[Node],
    names: &Names,
    style: Style,
    item: Option<&BTreeMap<String, Value>>,
) -> Resolved {
    let mut ctx = Ctx {
        names,
        style,
        values: Vec::new(),
        problems: Vec::new(),
    };
    let mut md = String::new();
    walk(&mut ctx, nodes, item, &mut md);
    Resolved {
        md,
        values: ctx.values,
        problems: ctx.problems,
    }
}

/// Everything wrong with `nodes` as written: references that cannot be spelled, then a
/// reference inside a link address and any image, in the order the Markdown has them.
pub fn problems(
    nodes: &[Node],
    names: &Names,
    style: Style,
    item: Option<&BTreeMap<String, Value>>,
) -> Vec<Unresolved> {
    let r = resolve(nodes, names, style, item);
    let mut problems = r.problems;
    for ev in Parser::new_ext(&r.md, markdown_options()) {
        match ev {
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) if hostile_link(&dest_url, &title) => problems.push(Unresolved {
                line: 0,
                name: String::new(),
                message: "链接地址里不能写引用：数字写在链接文字里，不写在地址里".into(),
            }),
            Event::Start(Tag::Image { .. }) => problems.push(Unresolved {
                line: 0,
                name: String::new(),
                message: "说明里不能插入图片".into(),
            }),
            _ => {}
        }
    }
    problems
}

/// The Markdown the narrative may use: CommonMark with tables and strikethrough.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Whether a link names a figure in its address or title, where a value would be spelt
/// unescaped into an attribute: such a link is refused, and rendered as `#`.
pub fn hostile_link(dest_url: &str, title: &str) -> bool {
    dest_url.contains(OPEN) || title.contains(OPEN)
}

impl Resolved {
    /// The value a placeholder at the start of `after` (just past its `OPEN`) stands for,
    /// and the text after the placeholder.
    pub fn value<'a>(&'a self, after: &'a str) -> (&'a str, &'a str) {
        let end = after.find(CLOSE).unwrap_or(after.len());
        let v = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| self.values.get(i))
            .map(String::as_str)
            .unwrap_or("");
        (v, after.get(end + CLOSE.len_utf8()..).unwrap_or(""))
    }

    /// `text` with its placeholders replaced by their values, unescaped.
    pub fn substitute(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(OPEN) {
            out.push_str(&rest[..at]);
            let (v, after) = self.value(&rest[at + OPEN.len_utf8()..]);
            out.push_str(v);
            rest = after;
        }
        out.push_str(rest);
        out
    }
}
