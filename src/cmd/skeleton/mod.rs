//! `gongkai new`: a department's file to start from, instead of a blank page.
//!
//! The file has every section of the format, each with a Chinese comment saying what goes
//! there, and loads as it is. Without `--from` the amounts are 0 and the lists of lines are
//! empty, with a commented example line to copy: a made-up line could be published by
//! mistake, an empty list cannot. With `--from` it starts from last year's file: every
//! section is kept (units, texts, lines, projects and their targets, project descriptions,
//! 类/款 names, extra facts) with this year's amounts set to 0 (last year's amount is in a
//! comment beside each), and last year's totals become the `previous_year` comparison.
//!
//! A YAML serializer cannot write comments, so the text comes from a Tera template
//! (`template.rs`, built in as `templates/new.yaml`, replaceable per site) given the values
//! computed here (`view.rs`). Before anything is written the text is read back and must be
//! exactly the model it was made from, so neither a template nor a field added to the
//! format later can drop a section silently.
use crate::content::load::{self, Loaded};
use crate::content::model::*;
use crate::content::money::Money;
use crate::content::problem::{Problem, Problems};
use crate::content::profile::Profile;
use crate::derive::Figures;
use std::path::{Path, PathBuf};

/// Writes `content/YEAR/CODE.yaml` under `root`; refuses to replace an existing file.
pub fn create(
    root: &Path,
    year: u16,
    code: &str,
    name: &str,
    from: Option<u16>,
) -> Result<PathBuf, Problems> {
    let rel = PathBuf::from(format!("content/{year}/{code}.yaml"));
    if !load::is_safe_code(code) {
        return Err(Problem::new(
            &rel,
            crate::say!(
                "部门代码 `{code}` 不能用：只能是 1 到 32 个字母、数字、`-` 或 `_`",
                "department code `{code}` must be 1–32 letters, digits, `-` or `_`"
            ),
        )
        .hint(crate::say!(
            "请填写预算系统中的部门代码，例如 085",
            "use the department code from the budget system, e.g. 085"
        ))
        .into());
    }
    if name.contains(['\n', '\r']) || crate::content::limits::forbidden_char(name).is_some() {
        return Err(
            Problem::new(&rel, "部门名称不能换行，也不能含有看不见的控制字符")
                .hint("把名称写在一行里，例如 济源产城融合示范区招商引资服务中心")
                .into(),
        );
    }
    if name.trim().is_empty() {
        return Err(Problem::new(
            &rel,
            crate::say!("部门名称是空的", "the department name is empty"),
        )
        .hint(crate::say!(
            "请照公开文本写部门名称，例如 济源产城融合示范区招商引资服务中心",
            "give the name as published, e.g. 济源产城融合示范区招商引资服务中心"
        ))
        .into());
    }
    if !(1000..=9999).contains(&year) {
        return Err(Problem::new(
            &rel,
            crate::say!("{year} 不是四位数的年份", "{year} is not a four-digit year"),
        )
        .into());
    }
    if !root.join("content").is_dir() {
        return Err(Problem::new(
            "content",
            crate::say!(
                "找不到 content 文件夹",
                "the content folder does not exist"
            ),
        )
        .hint(crate::say!(
            "请在网站文件夹里运行 gongkai，或用 --root 指定网站文件夹（新网站先用 gongkai init 建立）",
            "run gongkai in the site folder, or pass --root DIR"
        ))
        .into());
    }
    let target = root.join(&rel);
    for existing in [target.clone(), target.with_extension("yml")] {
        if existing.exists() {
            let shown = existing.strip_prefix(root).unwrap_or(&existing);
            return Err(Problem::new(
                shown,
                crate::say!(
                    "这个文件已经存在；gongkai new 不会替换已有的文件",
                    "this file already exists; gongkai new never replaces a file"
                ),
            )
            .hint(crate::say!(
                "请直接编辑这个文件；如果确实要重新开始，先把它删掉",
                "edit the file itself, or remove it first if you really want to start again"
            ))
            .into());
        }
    }
    // The site's profile says which tables `empty_tables` can name.
    let manifest = load::scan(root)?;
    // The name `site.yaml` gives, which is also the name of the profile's files.
    let profile_name = manifest
        .site
        .data
        .profile
        .clone()
        .unwrap_or_else(|| crate::content::profile::DEFAULT.to_owned());
    let profile = manifest.profile;
    let (d, last) = match from {
        None => {
            // Amounts are typed in the unit the region publishes its tables in.
            let mut d = blank(year, code, name);
            d.money_unit = profile.unit;
            (d, None)
        }
        Some(last_year) => {
            if last_year >= year {
                return Err(Problem::new(
                    &rel,
                    crate::say!(
                        "--from {last_year} 不是 {year} 之前的年份",
                        "--from {last_year} is not a year before {year}"
                    ),
                )
                .hint(crate::say!(
                    "请从更早一年的文件开始，例如 --from {}",
                    "start from an earlier year's file, e.g. --from {}",
                    year - 1
                ))
                .into());
            }
            let source = root.join(format!("content/{last_year}/{code}.yaml"));
            let last = load::load_disclosure(root, &source).map_err(Problems)?;
            (from_last_year(&last.data, year, name), Some(last))
        }
    };
    let (shown, template) = template::find(root, &profile_name)?;
    let text = render(&d, last.as_ref(), &profile, &shown, &template)?;
    let dir = target.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).map_err(|e| {
        Problem::new(
            &rel,
            crate::say!("无法创建文件夹：{e}", "cannot create the folder: {e}"),
        )
    })?;
    // create_new: never replace a file that appeared meanwhile.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| {
            Problem::new(
                &rel,
                crate::say!("无法写入文件：{e}", "cannot write the file: {e}"),
            )
        })?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| {
        Problem::new(
            &rel,
            crate::say!("无法写入文件：{e}", "cannot write the file: {e}"),
        )
    })?;
    Ok(rel)
}

/// A new department with nothing filled in yet.
pub fn blank(year: u16, code: &str, name: &str) -> Disclosure {
    let unit = format!("{code}001");
    Disclosure {
        code: code.to_owned(),
        name: name.to_owned(),
        year,
        money_unit: MoneyUnit::TenThousandYuan,
        published: Some(crate::content::date::placeholder(year)),
        units: vec![BudgetUnit {
            code: unit.clone(),
            name: name.to_owned(),
            kind: None,
            separate_budget: true,
        }],
        department_totals_only: false,
        amounts: None,
        running_costs: None,
        overview: Overview {
            about: None,
            duties_intro: format!("{name}部门的主要职责是："),
            duties: Vec::new(),
            duties_numbering: None,
            glossary_numbering: None,
            glossary_layout: None,
            list_punctuation: None,
            offices: Vec::new(),
            composition: String::new(),
        },
        income: vec![IncomeLine {
            unit: Some(unit),
            ..IncomeLine::default()
        }],
        expenditure: Vec::new(),
        economic: Vec::new(),
        projects: Vec::new(),
        projects_with_targets: None,
        project_descriptions: Vec::new(),
        subject_names: Default::default(),
        year_end_balance: Money::ZERO,
        // Written out as `amount: 0` for the clerk to fill in: a new department's last year.
        previous_year: stated(|_| Money::ZERO),
        narrative: Narrative::default(),
        procurement: Procurement::default(),
        assets: Assets {
            as_of: format!("{}年期末", year - 1),
            ..Assets::default()
        },
        performance: DepartmentPerformance::default(),
        empty_tables: Default::default(),
        corrections: Vec::new(),
        prose: Default::default(),
        facts: Default::default(),
        class_public: Default::default(),
    }
}

/// This year's file from last year's: the same structure and texts, no amounts yet, and last
/// year's figures as the comparison.
pub fn from_last_year(last: &Disclosure, year: u16, name: &str) -> Disclosure {
    let mut d = last.clone();
    d.year = year;
    d.name = name.to_owned();
    d.published = Some(crate::content::date::placeholder(year));
    d.previous_year = previous_year_of(last);
    d.corrections.clear();
    d.assets.as_of = format!("{}年期末", year - 1);
    d.year_end_balance = Money::ZERO;
    d.procurement = Procurement::default();
    for l in &mut d.income {
        *l = IncomeLine {
            unit: l.unit.clone(),
            ..IncomeLine::default()
        };
    }
    for l in &mut d.expenditure {
        for c in functional_sources_mut(l) {
            *c = Components::default();
        }
        l.carryover = SpentCarryover::default();
    }
    for l in &mut d.economic {
        for c in economic_sources_mut(l) {
            *c = EconomicComponents::default();
        }
    }
    if let Some(m) = &mut d.running_costs {
        *m = Money::ZERO;
    }
    if let Some(p) = &mut d.projects_with_targets {
        *p = ProjectsWithTargets::default();
    }
    for p in &mut d.project_descriptions {
        for b in &mut p.budget {
            b.amount = Money::ZERO;
        }
    }
    for f in d.facts.values_mut() {
        f.amount = f.amount.map(|_| Money::ZERO);
        f.count = f.count.map(|_| 0);
    }
    if let Some(p) = &mut d.assets.purchases {
        *p = AssetPurchases::default();
    }
    // The department's own words of the narrative go into `prose:` with the profile's
    // other sections (see `render`).
    for p in &mut d.projects {
        p.general = Money::ZERO;
        p.fund = Money::ZERO;
        p.state_capital = Money::ZERO;
        p.carryover = ProjectCarryover::default();
        p.special_account = Money::ZERO;
        p.unit_funds = Money::ZERO;
    }
    d
}

/// Last year's figures as next year's file compares with them: the same figures the narrative
/// sets against `previous_year` (收入总计, 一般公共预算支出, …).
pub fn previous_year_of(last: &Disclosure) -> PreviousYear {
    let f = Figures::of(last);
    let t = &f.three_public;
    stated(|field| match field {
        "total" => f.income_total,
        "general" => f.general.total(),
        "fund" => f.fund.total(),
        "state_capital" => f.state_capital.total(),
        "abroad" => t.abroad,
        "reception" => t.reception,
        "vehicle_purchase" => t.vehicle_purchase,
        "vehicle_running" => t.vehicle_running,
        _ => f.running_costs,
    })
}

/// The nine comparisons the scaffold writes out, each stated as `amount(field)`.
fn stated(amount: impl Fn(&str) -> Money) -> PreviousYear {
    let c = |field: &str| Comparison {
        amount: Some(amount(field)),
        ..Comparison::default()
    };
    PreviousYear {
        total: c("total"),
        general: c("general"),
        fund: c("fund"),
        state_capital: c("state_capital"),
        abroad: c("abroad"),
        reception: c("reception"),
        vehicle_purchase: c("vehicle_purchase"),
        vehicle_running: c("vehicle_running"),
        running_costs: c("running_costs"),
        ..PreviousYear::default()
    }
}

/// An amount as staff write it: `0`, `983.70`.
fn amount(m: Money) -> String {
    if m.is_zero() {
        "0".into()
    } else if m.0.scale() <= 2 {
        format!("{:.2}", m.0)
    } else {
        m.0.to_string()
    }
}

/// A string YAML reads back unchanged: plain where that is safe (most Chinese text), else
/// double-quoted (JSON's escaping is valid YAML). `flow`: inside `{ … }`, where `,` and
/// brackets end a plain value.
fn text_in(s: &str, flow: bool) -> String {
    let first = s.chars().next();
    let plain = match first {
        None => false,
        Some(c) => {
            !"-?:,[]{}#&*!|>'\"%@`".contains(c)
                && !c.is_whitespace()
                && s.trim_end() == s
                // Numbers, booleans, null and dates are ASCII: text with other characters
                // is never read as one of them.
                && !s.is_ascii()
                && !s.contains(": ")
                && !s.contains(" #")
                && !s.ends_with(':')
                && !s
                    .chars()
                    .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'))
                && !(flow && s.contains([',', '[', ']', '{', '}']))
        }
    };
    if plain { s.to_owned() } else { quoted(s) }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

mod fields;
mod template;
mod view;

use fields::*;

/// The file's text, from the scaffold template `template` (shown as `shown`), with every
/// section of `d` and the narrative's words (`prose:`) the profile has; `last` is last year's
/// file when starting from it. Read back, the text must give `d` again: what it does not,
/// the template dropped, and the file is refused before it is written.
pub fn render(
    d: &Disclosure,
    last: Option<&Loaded<Disclosure>>,
    profile: &Profile,
    shown: &Path,
    template: &str,
) -> Result<String, Problems> {
    let prose = crate::prose::scaffold(profile, &d.prose);
    let text = template::render(shown, template, &view::of(d, last, profile, &prose))?;
    let back = load::parse::<Disclosure>(&text, shown).map_err(|p| {
        Problem::new(
            shown,
            crate::say!(
                "用这个底稿模板写出的文件读不回来：{}",
                "the file this scaffold template writes does not load: {}",
                p.message
            ),
        )
        .hint(crate::say!(
            "请检查模板：文字要经过 | yaml，编码经过 | quoted，缩进与内置底稿 templates/new.yaml 一致",
            "check the template: texts through | yaml, codes through | quoted, indentation as in the built-in templates/new.yaml"
        ))
    })?;
    let mut want = d.clone();
    want.prose = prose.into_iter().collect();
    if let Some(path) = first_difference(&model(&back.data), &model(&want), "") {
        return Err(Problem::new(
            shown,
            crate::say!(
                "用这个底稿模板写出的文件丢了或改了 `{}`",
                "the file this scaffold template writes loses or changes `{}`",
                path
            ),
        )
        .field(path)
        .hint(crate::say!(
            "请在模板中照内置底稿 templates/new.yaml 写出这一项；文件没有写出",
            "write this field in the template as the built-in templates/new.yaml does; nothing was written"
        ))
        .into());
    }
    Ok(text)
}

/// A disclosure as JSON, for comparing field by field; `prose` texts are compared as a `|`
/// block keeps them: without line breaks at their ends, and blank lines empty.
pub fn model(d: &Disclosure) -> serde_json::Value {
    let mut v = serde_json::to_value(d).unwrap_or_default();
    if let Some(serde_json::Value::Object(p)) = v.get_mut("prose") {
        for t in p.values_mut() {
            if let serde_json::Value::String(s) = t {
                let lines: Vec<&str> = s
                    .trim_matches('\n')
                    .lines()
                    .map(|l| if l.trim().is_empty() { "" } else { l })
                    .collect();
                *s = lines.join("\n");
            }
        }
    }
    v
}

/// The path of the first value of `want` that `got` lacks or holds differently
/// (`projects[2].targets.cost`), or `None` when they are equal.
pub fn first_difference(
    got: &serde_json::Value,
    want: &serde_json::Value,
    path: &str,
) -> Option<String> {
    use serde_json::Value;
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => w
            .iter()
            .find_map(|(k, wv)| {
                let here = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match g.get(k) {
                    Some(gv) => first_difference(gv, wv, &here),
                    None => Some(here),
                }
            })
            .or_else(|| {
                g.keys().find(|k| !w.contains_key(*k)).map(|k| {
                    if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    }
                })
            }),
        (Value::Array(g), Value::Array(w)) => {
            (0..g.len().max(w.len())).find_map(|i| match (g.get(i), w.get(i)) {
                (Some(gv), Some(wv)) => first_difference(gv, wv, &format!("{path}[{i}]")),
                _ => Some(format!("{path}[{i}]")),
            })
        }
        _ if got == want => None,
        _ => Some(if path.is_empty() {
            "(文件)".to_owned()
        } else {
            path.to_owned()
        }),
    }
}

#[cfg(test)]
mod tests;
