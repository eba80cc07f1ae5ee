//! `gongkai new`: a department's file to start from, instead of a blank page.
//!
//! The file has every section of the format, each with a Chinese comment saying what goes
//! there, and loads as it is. Without `--from` the amounts are 0 and the lists of lines are
//! empty, with a commented example line to copy: a made-up line could be published by
//! mistake, an empty list cannot. With `--from` it starts from last year's file: units, texts,
//! the lines (codes, names, projects and their targets) are kept with this year's amounts set
//! to 0 (last year's amount is in a comment beside each), and last year's totals become the
//! `previous_year` comparison. A YAML serializer cannot write comments, so the text is written here
//! by hand; the tests load it back.

use crate::content::load::{self, Loaded};
use crate::content::model::*;
use crate::content::money::Money;
use crate::content::problem::{Problem, Problems};
use crate::content::profile::Profile;
use crate::derive::Figures;
use std::fmt::Write;
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
    let profile = load::scan(root)?.profile;
    let (text, own) = match from {
        None => {
            // Amounts are typed in the unit the region publishes its tables in.
            let mut d = blank(year, code, name);
            d.money_unit = profile.unit;
            (render(&d, None, &profile), Default::default())
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
            (
                render(
                    &from_last_year(&last.data, year, name),
                    Some(&last),
                    &profile,
                ),
                last.data.prose.clone(),
            )
        }
    };
    // The narrative's words, from the profile's default text or last year's own.
    let text = text + &crate::prose::scaffold(&profile, &own);
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
        previous_year: PreviousYear::default(),
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
    }
    for l in &mut d.economic {
        for c in economic_sources_mut(l) {
            *c = EconomicComponents::default();
        }
    }
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
    let c = |amount: Money| Comparison {
        amount,
        reason: None,
    };
    PreviousYear {
        total: c(f.income_total),
        general: c(f.general.total()),
        fund: c(f.fund.total()),
        state_capital: c(f.state_capital.total()),
        abroad: c(f.three_public.abroad),
        reception: c(f.three_public.reception),
        vehicle_purchase: c(f.three_public.vehicle_purchase),
        vehicle_running: c(f.three_public.vehicle_running),
        running_costs: c(f.running_costs),
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

fn text(s: &str) -> String {
    text_in(s, false)
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// ` value` after a key, or nothing (an empty value reads as "not given").
fn opt_text(s: &Option<String>) -> String {
    match s {
        Some(t) => format!(" {}", text(t)),
        None => String::new(),
    }
}

/// `{ wages: 0, public: 0 }` of the named parts; with last year's non-zero amounts in `was`.
fn flow_amounts(parts: &[(&str, Money)]) -> String {
    let inner: Vec<String> = parts
        .iter()
        .map(|(k, m)| format!("{k}: {}", amount(*m)))
        .collect();
    format!("{{ {} }}", inner.join(", "))
}

fn was_comment(parts: &[(&str, Money)]) -> String {
    let was: Vec<String> = parts
        .iter()
        .filter(|(_, m)| !m.is_zero())
        .map(|(k, m)| format!("{k} {}", amount(*m)))
        .collect();
    if was.is_empty() {
        String::new()
    } else {
        format!("   # 上年：{}", was.join("，"))
    }
}

/// The file's text. `last` is last year's file when starting from it.
mod facts;
mod fields;
mod texts;

use fields::*;

/// The file's text: every section of the format, with its Chinese comments.
pub fn render(d: &Disclosure, last: Option<&Loaded<Disclosure>>, profile: &Profile) -> String {
    let mut o = String::new();
    facts::write(&mut o, d, last);
    texts::write(&mut o, d, last, profile);
    o
}

pub(super) fn list(w: &mut String, indent: &str, key: &str, items: &[String], example: &str) {
    if items.is_empty() {
        let _ = writeln!(w, "{indent}{key}: []");
        let _ = writeln!(w, "{indent}#  - {example}");
    } else {
        let _ = writeln!(w, "{indent}{key}:");
        for s in items {
            let _ = writeln!(w, "{indent}  - {}", text(s));
        }
    }
}

pub(super) fn indicators(w: &mut String, indent: &str, key: &str, items: &[Indicator]) {
    if items.is_empty() {
        let _ = writeln!(w, "{indent}{key}: []");
        return;
    }
    let _ = writeln!(w, "{indent}{key}:");
    for i in items {
        let note = match &i.note {
            Some(n) => format!(", note: {}", quoted(n)),
            None => String::new(),
        };
        let _ = writeln!(
            w,
            "{indent}  - {{ name: {}, value: {}{note} }}",
            text_in(&i.name, true),
            quoted(&i.value)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back_unchanged() {
        #[derive(serde::Deserialize)]
        struct T {
            a: String,
            b: Vec<String>,
        }
        for s in [
            "济源产城融合示范区招商引资服务中心",
            "贯彻执行国家、省、示范区关于招商引资工作的方针、政策和法律法规，统筹做好",
            "一是围绕济源重点产业,瞄准国内外500强, 行业龙头",
            "“两个禁止”综合信息监管平台",
            "- 开头是横线",
            "#不是注释",
            "a: b",
            "中文 #号",
            "结尾冒号:",
            "true",
            "null",
            "085",
            "1e3",
            "2024-05-26",
            "",
            " 前导空格",
            "多行\n文字",
            "引号\"和\\反斜杠",
            ">90%",
            "≥98%",
            "100万元",
            "{花括号}",
            "[方括号]",
            "逗号,在中间",
            "制表\t符",
            "行分隔\u{2028}符",
            "2023年期末",
        ] {
            for flow in [false, true] {
                let v = text_in(s, flow);
                let yaml = if flow {
                    format!("a: {v}\nb: [ {v} ]\n")
                } else {
                    format!("a: {v}\nb:\n  - {v}\n")
                };
                let t: T = crate::content::yaml::from_str(&yaml)
                    .unwrap_or_else(|e| panic!("{s:?} as {v:?}: {e}\n{yaml}"));
                assert_eq!(t.a, s, "{yaml}");
                assert_eq!(t.b, vec![s.to_owned()], "{yaml}");
            }
        }
    }

    /// The text written reads back as exactly the model it was written from.
    fn round_trip(d: &Disclosure, last: Option<&Loaded<Disclosure>>) {
        let text = render(d, last, Profile::default_ref());
        let back = load::parse::<Disclosure>(&text, Path::new("new.yaml"))
            .unwrap_or_else(|p| panic!("{p}\n{text}"));
        assert_eq!(
            serde_json::to_value(&back.data).unwrap(),
            serde_json::to_value(d).unwrap(),
            "{text}"
        );
    }

    fn sample() -> Loaded<Disclosure> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        load::load_disclosure(root, &root.join("content/2024/085.yaml")).unwrap()
    }

    #[test]
    fn a_blank_file_reads_back_as_written() {
        round_trip(&blank(2024, "086", "示例局"), None);
        round_trip(
            &blank(2025, "A-1", "name: with \"quotes\" # and a hash"),
            None,
        );
    }

    #[test]
    fn a_file_from_last_year_reads_back_as_written() {
        let last = sample();
        let d = from_last_year(&last.data, 2025, "新名称");
        round_trip(&d, Some(&last));
        // Every text of last year is kept; every amount of this year is zero.
        assert_eq!(d.overview.duties, last.data.overview.duties);
        assert_eq!(
            d.performance.indicators.len(),
            last.data.performance.indicators.len()
        );
        assert_eq!(d.projects[1].targets.cost[0].value, "58.34万元");
        let f = Figures::of(&d);
        assert!(f.income_total.is_zero() && f.all.total().is_zero() && f.project_total.is_zero());
        assert_eq!(
            d.previous_year.total.amount,
            Figures::of(&last.data).income_total
        );
        // Also a department whose lines use many sources and units.
        let mut rich = last.data.clone();
        rich.units.push(BudgetUnit {
            code: "085002".into(),
            name: "二级单位".into(),
            kind: None,
            separate_budget: true,
        });
        rich.income[0].business = Money::parse("12.34").unwrap();
        rich.income[0].carryover.unit_funds = Money::parse("5").unwrap();
        rich.expenditure[0].unit = Some("085001".into());
        rich.expenditure[0].other.running = Money::parse("1.5").unwrap();
        rich.economic[0].gov_name = Some("工资福利支出".into());
        rich.projects[0].carryover.general = Money::parse("2").unwrap();
        rich.narrative.state_capital_use = Some("用于…".into());
        rich.empty_tables
            .insert("fund".into(), "本部门没有，故本表无数据。".into());
        let loaded = Loaded {
            data: rich.clone(),
            ..last
        };
        round_trip(&from_last_year(&rich, 2025, "x"), Some(&loaded));
        round_trip(&rich, None);
    }

    #[test]
    fn amounts_keep_their_decimals() {
        let m = |s| Money::parse(s).unwrap();
        assert_eq!(amount(m("0")), "0");
        assert_eq!(amount(m("983.7")), "983.70");
        assert_eq!(amount(m("1042.10")), "1042.10");
        assert_eq!(amount(m("0.125")), "0.125");
        assert_eq!(amount(m("5")), "5.00");
    }
}
