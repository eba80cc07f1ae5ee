//! The scaffold's text comes from a Tera template, so that a region ships its own comments
//! and order without Rust: `ROOT/profiles/<profile>.new.yaml` (beside the site's profile and
//! its narrative text), else `ROOT/templates/new.yaml` (as a site overrides a page template),
//! else the built-in `templates/new.yaml`.
//!
//! The template writes YAML, so HTML escaping is off and every text goes through the `yaml`
//! filter (or `quoted` for codes), which a hostile name cannot break out of. `create` then
//! reads the written file back and refuses it if it lost or changed anything, so a region's
//! template cannot drop a field silently either.

use super::{quoted, text_in};
use crate::content::problem::Problem;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The built-in scaffold.
pub const BUILT_IN: &str = include_str!("../../../templates/new.yaml");

/// The name the template is known by in error messages of the built-in one.
const BUILT_IN_SHOWN: &str = "templates/new.yaml";

/// The template a site at `root` with `profile` uses: its path as shown and its text.
pub fn find(root: &Path, profile: &str) -> Result<(PathBuf, String), Problem> {
    let candidates = [
        PathBuf::from("profiles").join(format!("{profile}.new.yaml")),
        PathBuf::from("templates/new.yaml"),
    ];
    for shown in candidates {
        let file = root.join(&shown);
        if file.is_file() {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                Problem::new(
                    &shown,
                    crate::say!(
                        "无法读取底稿模板：{e}",
                        "cannot read the scaffold template: {e}"
                    ),
                )
                .hint(crate::say!(
                    "确认文件存在、可读，并以 UTF-8 保存",
                    "make sure the file is readable and saved as UTF-8"
                ))
            })?;
            return Ok((shown, text));
        }
    }
    Ok((PathBuf::from(BUILT_IN_SHOWN), BUILT_IN.to_owned()))
}

/// The file's text: `view` placed by the template `text` (shown as `shown` in errors).
pub fn render(shown: &Path, text: &str, view: &Value) -> Result<String, Problem> {
    let wrong = |e: tera::Error| {
        Problem::new(
            shown,
            crate::say!(
                "底稿模板有错：{}",
                "the scaffold template is wrong: {}",
                crate::render::error_chain(&e)
            ),
        )
        .hint(crate::say!(
            "请按提示改正这个模板（写法见 docs/format.md「新部门的底稿」），或删去它以使用内置底稿",
            "fix the template (see docs/format.md), or remove it to use the built-in scaffold"
        ))
    };
    let mut tera = tera::Tera::default();
    // YAML, not HTML: the filters below do the escaping.
    tera.autoescape_on(vec![]);
    tera.register_filter("yaml", yaml);
    tera.register_filter("quoted", quoted_filter);
    tera.register_filter("key", key);
    tera.register_filter("pad", pad);
    tera.register_filter("comment", comment);
    tera.add_raw_template("new.yaml", text).map_err(wrong)?;
    let context = tera::Context::from_value(view.clone()).map_err(wrong)?;
    tera.render("new.yaml", &context).map_err(wrong)
}

fn string_of(v: &Value, filter: &str) -> tera::Result<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(tera::Error::msg(crate::say!(
            "`{filter}` 只能用于文字，这里给的是 {v}",
            "the `{filter}` filter needs a text, not {v}"
        ))),
    }
}

/// `{{ name | yaml }}`: a text as a YAML value that reads back as exactly that text, plain
/// where that is safe (most Chinese text), else double-quoted; `flow=true` inside `{ … }`.
fn yaml(v: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let flow = args.get("flow").and_then(Value::as_bool).unwrap_or(false);
    Ok(Value::String(text_in(&string_of(v, "yaml")?, flow)))
}

/// `{{ code | quoted }}`: always double-quoted, for codes whose leading zeros must stay.
fn quoted_filter(v: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(quoted(&string_of(v, "quoted")?)))
}

/// `{{ id | key }}`: a mapping key. Plain when it is a simple lower-case name (`fund`,
/// `income`); anything else — codes, Chinese names, words YAML reads as true or null — as
/// `yaml` writes it.
fn key(v: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = string_of(v, "key")?;
    let simple = s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && !matches!(
            s.as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    Ok(Value::String(if simple { s } else { text_in(&s, false) }))
}

/// `{{ x | pad(width=9) }}`: followed by spaces up to `width` characters, to line up
/// comments; always by one at least, since a `#` right after a value is not a comment.
fn pad(v: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let width = args.get("width").and_then(Value::as_u64).unwrap_or(0) as usize;
    let s = string_of(v, "pad")?;
    let fill = width.saturating_sub(s.chars().count()).max(1);
    Ok(Value::String(format!("{s}{}", " ".repeat(fill))))
}

/// `{{ name | comment }}`: a text inside a `#` comment, kept on its line.
fn comment(v: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = string_of(v, "comment")?;
    Ok(Value::String(
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(template: &str, view: Value) -> String {
        render(Path::new("t"), template, &view).unwrap()
    }

    /// A hostile text placed by each filter reads back as itself and adds no field.
    #[test]
    fn hostile_texts_stay_one_value() {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct T {
            a: String,
            b: std::collections::BTreeMap<String, String>,
            c: Vec<String>,
        }
        for s in [
            "名称: 带冒号",
            "a: b\nc: d",
            "\"引号\" 和 'single'",
            "}, evil: { x: 1",
            "], evil: [",
            "# 不是注释",
            "&anchor *alias",
            "!!binary abc",
            "- 列表",
            "key: value # comment",
            "null",
            "  前后空格  ",
            "多行\n文字\r\n",
            "反斜杠\\n",
            "|",
            ">",
            "…",
        ] {
            let view = serde_json::json!({ "s": s });
            let text = one(
                "a: {{ s | yaml }}\nb: { {{ s | key }}: {{ s | yaml(flow=true) }} }\nc: [ {{ s | quoted }} ]\n# {{ s | comment }}\n",
                view,
            );
            let t: T = crate::content::yaml::from_str(&text)
                .unwrap_or_else(|e| panic!("{s:?}: {e}\n{text}"));
            assert_eq!(t.a, s, "{text}");
            assert_eq!(t.b.get(s).map(String::as_str), Some(s), "{text}");
            assert_eq!(t.c, vec![s.to_owned()], "{text}");
        }
    }

    #[test]
    fn a_broken_template_is_a_problem_naming_it() {
        let e = render(
            Path::new("profiles/x.new.yaml"),
            "{{ nothing_here }}",
            &serde_json::json!({}),
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(text.contains("profiles/x.new.yaml"), "{text}");
        let width = |w: u64| HashMap::from([("width".to_owned(), Value::from(w))]);
        assert_eq!(pad(&Value::from("ab"), &width(4)).unwrap(), "ab  ");
        assert_eq!(pad(&Value::from("abcd"), &width(4)).unwrap(), "abcd ");
    }
}
