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
use crate::derive::{self, Figures};
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
            format!("department code `{code}` must be 1–32 letters, digits, `-` or `_`"),
        )
        .hint("use the department code from the budget system, e.g. 085")
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
        return Err(Problem::new(&rel, "the department name is empty")
            .hint("give the name as published, e.g. 济源产城融合示范区招商引资服务中心")
            .into());
    }
    if !(1000..=9999).contains(&year) {
        return Err(Problem::new(&rel, format!("{year} is not a four-digit year")).into());
    }
    if !root.join("content").is_dir() {
        return Err(Problem::new("content", "the content folder does not exist")
            .hint("run gongkai in the site folder, or pass --root DIR")
            .into());
    }
    let target = root.join(&rel);
    for existing in [target.clone(), target.with_extension("yml")] {
        if existing.exists() {
            let shown = existing.strip_prefix(root).unwrap_or(&existing);
            return Err(Problem::new(
                shown,
                "this file already exists; gongkai new never replaces a file",
            )
            .hint("edit the file itself, or remove it first if you really want to start again")
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
                    format!("--from {last_year} is not a year before {year}"),
                )
                .hint(format!(
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
    std::fs::create_dir_all(dir)
        .map_err(|e| Problem::new(&rel, format!("cannot create the folder: {e}")))?;
    // create_new: never replace a file that appeared meanwhile.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| Problem::new(&rel, format!("cannot write the file: {e}")))?;
    std::io::Write::write_all(&mut f, text.as_bytes())
        .map_err(|e| Problem::new(&rel, format!("cannot write the file: {e}")))?;
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

fn functional_sources_mut(l: &mut FunctionalLine) -> [&mut Components; 10] {
    [
        &mut l.general,
        &mut l.fund,
        &mut l.state_capital,
        &mut l.carryover,
        &mut l.special_account,
        &mut l.business,
        &mut l.operating,
        &mut l.superior,
        &mut l.affiliated,
        &mut l.other,
    ]
}

fn economic_sources_mut(l: &mut EconomicLine) -> [&mut EconomicComponents; 10] {
    [
        &mut l.general,
        &mut l.fund,
        &mut l.state_capital,
        &mut l.carryover,
        &mut l.special_account,
        &mut l.business,
        &mut l.operating,
        &mut l.superior,
        &mut l.affiliated,
        &mut l.other,
    ]
}

/// Sources of money as the fields of a functional or economic line name them, in file order.
const SOURCES: [(&str, &str); 10] = [
    ("general", "一般公共预算"),
    ("fund", "政府性基金预算"),
    ("state_capital", "国有资本经营预算"),
    ("carryover", "上年结转结余"),
    ("special_account", "财政专户管理资金"),
    ("business", "事业收入"),
    ("operating", "事业单位经营收入"),
    ("superior", "上级补助收入"),
    ("affiliated", "附属单位上缴收入"),
    ("other", "其他收入"),
];

fn functional_sources(l: &FunctionalLine) -> [&Components; 10] {
    [
        &l.general,
        &l.fund,
        &l.state_capital,
        &l.carryover,
        &l.special_account,
        &l.business,
        &l.operating,
        &l.superior,
        &l.affiliated,
        &l.other,
    ]
}

fn economic_sources(l: &EconomicLine) -> [&EconomicComponents; 10] {
    [
        &l.general,
        &l.fund,
        &l.state_capital,
        &l.carryover,
        &l.special_account,
        &l.business,
        &l.operating,
        &l.superior,
        &l.affiliated,
        &l.other,
    ]
}

fn components(c: &Components) -> [(&'static str, Money); 5] {
    [
        ("wages", c.wages),
        ("family", c.family),
        ("public", c.public),
        ("running", c.running),
        ("targeted", c.targeted),
    ]
}

fn economic_components(c: &EconomicComponents) -> [(&'static str, Money); 3] {
    [
        ("personnel", c.personnel),
        ("public", c.public),
        ("project", c.project),
    ]
}

/// Income fields in file order, with what they are.
fn income_fields(l: &IncomeLine) -> [(&'static str, &'static str, Money); 15] {
    [
        ("appropriation", "一般公共预算·财政拨款", l.appropriation),
        (
            "special_revenue",
            "一般公共预算·专项收入",
            l.special_revenue,
        ),
        (
            "other_general",
            "一般公共预算·其他一般公共预算资金",
            l.other_general,
        ),
        (
            "general_advance",
            "一般公共预算·上级提前下达",
            l.general_advance,
        ),
        ("general_bond", "一般公共预算·一般债券", l.general_bond),
        ("fund", "政府性基金预算资金", l.fund),
        ("fund_advance", "政府性基金·上级提前下达", l.fund_advance),
        ("fund_bond", "政府性基金·专项债券", l.fund_bond),
        ("state_capital", "国有资本经营预算拨款收入", l.state_capital),
        ("special_account", "财政专户管理资金收入", l.special_account),
        ("business", "事业收入", l.business),
        ("operating", "事业单位经营收入", l.operating),
        ("superior", "上级补助收入", l.superior),
        ("affiliated", "附属单位上缴收入", l.affiliated),
        ("other", "其他收入", l.other),
    ]
}

fn carryover_fields(c: &Carryover) -> [(&'static str, Money); 5] {
    [
        ("general", c.general),
        ("fund", c.fund),
        ("state_capital", c.state_capital),
        ("special_account", c.special_account),
        ("unit_funds", c.unit_funds),
    ]
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
pub fn render(d: &Disclosure, last: Option<&Loaded<Disclosure>>, profile: &Profile) -> String {
    let mut o = String::new();
    let w = &mut o;
    let prev = d.year - 1;
    let unit = d.money_unit.label();
    let last_data = last.map(|l| &l.data);

    // Header.
    let _ = writeln!(
        w,
        "# {} {}年度部门预算公开数据（部门代码 {}）",
        d.name, d.year, d.code
    );
    let _ = writeln!(w, "#");
    match last {
        Some(l) => {
            let _ = writeln!(
                w,
                "# 由 gongkai new 以 {} 为底稿生成：结构、科目、项目和文字沿用上年，本年金额均为 0，",
                l.file.display()
            );
            let _ = writeln!(
                w,
                "# 每个金额旁的注释是上年数；上年各项总数已填入 previous_year。文字部分请逐段核对年份和内容。"
            );
        }
        None => {
            let _ = writeln!(
                w,
                "# 由 gongkai new 生成的空白底稿：各部分都已列出，金额为 0，列表为空（下附示例行）。"
            );
        }
    }
    let _ = writeln!(w, "#");
    let _ = writeln!(w, "# 填写说明：");
    let _ = writeln!(
        w,
        "# - 每个数字只填一次。合计、小计、类/款汇总、占比、与上年比较的增减额，以及第二部分"
    );
    let _ = writeln!(
        w,
        "#   说明中的各项数字，全部由程序根据本文件计算生成，请勿另行填写。"
    );
    let _ = writeln!(
        w,
        "# - 金额单位为{unit}，照表中数字填写（如 983.70）；没有的金额填 0 或删去该项，视为 0。"
    );
    let _ = writeln!(
        w,
        "# - 科目编码、单位编码一律加英文引号（如 \"085\"），以免前导零丢失。"
    );
    let _ = writeln!(
        w,
        "# - 列表写作 [] 表示暂无内容：要填写时删去 []，再去掉示例行开头的 #，照样填写。"
    );
    let _ = writeln!(
        w,
        "# - 边改边看：gongkai serve；检查：gongkai check。字段说明见 docs/format.md。"
    );
    let _ = writeln!(w);

    let _ = writeln!(w, "code: {}", quoted(&d.code));
    let _ = writeln!(w, "name: {}", text(&d.name));
    let _ = writeln!(w, "year: {}", d.year);
    let _ = writeln!(w, "money_unit: {unit}            # 金额单位：万元 或 元");
    let _ = writeln!(
        w,
        "published: {}     # 公开日期 YYYY-MM-DD（此为占位，发布前改为实际日期）",
        quoted(d.published.as_deref().unwrap_or_default())
    );
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# 预算单位构成：每个预算单位一行（单位编码、单位名称）。只有本级一个单位时，下面各处的 unit 可省略。"
    );
    let _ = writeln!(w, "units:");
    for u in &d.units {
        let mut fields = vec![
            format!("code: {}", quoted(&u.code)),
            format!("name: {}", text_in(&u.name, true)),
        ];
        if let Some(k) = u.kind {
            fields.push(format!("kind: {}", k.label()));
        }
        if !u.separate_budget {
            fields.push("separate_budget: false".into());
        }
        let _ = writeln!(w, "  - {{ {} }}", fields.join(", "));
    }
    let _ = writeln!(w);

    // 第一部分.
    let _ = writeln!(
        w,
        "# ───────────────────────── 第一部分 部门概况 ─────────────────────────"
    );
    let _ = writeln!(w, "overview:");
    let _ = writeln!(w, "  # 一、主要职责（序号“（一）（二）…”由程序自动添加）");
    let _ = writeln!(w, "  duties_intro: {}", text(&d.overview.duties_intro));
    list(
        w,
        "  ",
        "duties",
        &d.overview.duties,
        "贯彻执行……（每条职责一行）",
    );
    let _ = writeln!(
        w,
        "  # 二、机构设置（“内设机构N个，包括……”一句由程序根据下列名单生成）"
    );
    list(
        w,
        "  ",
        "offices",
        &d.overview.offices,
        "综合科（每个内设机构一行）",
    );
    let _ = writeln!(
        w,
        "  # 预算单位构成的说明，如：本预算为汇总预算，包括……本级预算，无二级机构预算。"
    );
    let _ = writeln!(w, "  composition: {}", text(&d.overview.composition));
    let _ = writeln!(w);

    // Income.
    let _ = writeln!(
        w,
        "# ───────────────────────── 收入（表一、表二、表四）─────────────────────────"
    );
    let _ = writeln!(
        w,
        "# 每个预算单位一行，按资金来源填写；用不到的来源可以删去。上年结转结余填在 carryover 下。"
    );
    let _ = writeln!(w, "income:");
    for (i, l) in d.income.iter().enumerate() {
        let was = last_data.and_then(|x| x.income.get(i));
        let first = match &l.unit {
            Some(u) => format!("unit: {}", quoted(u)),
            None => String::new(),
        };
        let mut lead = "  - ";
        if !first.is_empty() {
            let _ = writeln!(w, "{lead}{first}");
            lead = "    ";
        }
        for (k, label, m) in income_fields(l) {
            let before = was.map(|x| {
                income_fields(x)
                    .iter()
                    .find(|f| f.0 == k)
                    .map(|f| f.2)
                    .unwrap_or_default()
            });
            // Without last year: the two usual sources; from last year: those it used.
            let show = match was {
                None => !m.is_zero() || matches!(k, "appropriation" | "fund"),
                Some(_) => {
                    !m.is_zero() || before.is_some_and(|b| !b.is_zero()) || k == "appropriation"
                }
            };
            if show {
                let note = match before {
                    Some(b) if !b.is_zero() => format!("，上年 {}", amount(b)),
                    _ => String::new(),
                };
                let _ = writeln!(w, "{lead}{k}: {}    # {label}{note}", amount(m));
                lead = "    ";
            }
        }
        let carry = carryover_fields(&l.carryover);
        let carry_was = was
            .map(|x| carryover_fields(&x.carryover))
            .unwrap_or_default();
        if carry.iter().chain(&carry_was).any(|(_, m)| !m.is_zero()) {
            let _ = writeln!(
                w,
                "{lead}carryover: {}    # 上年结转结余{}",
                flow_amounts(&carry),
                was_comment(&carry_was)
            );
        }
    }
    let _ = writeln!(
        w,
        "# 其他来源（按需加在上面的行里）：special_revenue 专项收入，other_general 其他一般公共预算资金，"
    );
    let _ = writeln!(
        w,
        "#   general_advance / fund_advance 上级提前下达，general_bond 一般债券，fund_bond 专项债券，"
    );
    let _ = writeln!(
        w,
        "#   state_capital 国有资本经营预算，special_account 财政专户管理资金，business 事业收入，"
    );
    let _ = writeln!(
        w,
        "#   operating 事业单位经营收入，superior 上级补助收入，affiliated 附属单位上缴收入，other 其他收入；"
    );
    let _ = writeln!(
        w,
        "#   carryover: {{ general: 0, fund: 0, state_capital: 0, special_account: 0, unit_funds: 0 }} 上年结转结余。"
    );
    let _ = writeln!(w);

    // Functional expenditure.
    let _ = writeln!(
        w,
        "# ───────────────────── 支出·功能分类（表一、表三、表四、表五、表九、表十）─────────────────────"
    );
    let _ = writeln!(
        w,
        "# 每个功能分类“项”一行，编码为 类(3位)+款(2位)+项(2位)，如 201 13 50 → \"2011350\"。"
    );
    let _ = writeln!(
        w,
        "# 按资金来源分：general = 一般公共预算（表五），fund = 政府性基金（表九），"
    );
    let _ = writeln!(
        w,
        "#   state_capital = 国有资本经营预算（表十）；另有 carryover、special_account、business、operating、"
    );
    let _ = writeln!(w, "#   superior、affiliated、other（含义同收入）。");
    let _ = writeln!(w, "# 每个来源再按支出构成分：");
    let _ = writeln!(w, "#   wages    = 基本支出·人员经费·工资福利支出");
    let _ = writeln!(w, "#   family   = 基本支出·人员经费·对个人和家庭的补助");
    let _ = writeln!(w, "#   public   = 基本支出·公用经费");
    let _ = writeln!(w, "#   running  = 项目支出·其他运转类");
    let _ = writeln!(w, "#   targeted = 项目支出·特定目标类");
    if d.expenditure.is_empty() {
        let _ = writeln!(w, "expenditure: []");
        let _ = writeln!(w, "#  - code: \"2011350\"      # 201 13 50");
        let _ = writeln!(w, "#    name: 事业运行");
        let _ = writeln!(
            w,
            "#    general: {{ wages: 0, family: 0, public: 0, running: 0, targeted: 0 }}"
        );
        let _ = writeln!(w, "#    fund: {{ targeted: 0 }}");
    } else {
        let _ = writeln!(w, "expenditure:");
        for (i, l) in d.expenditure.iter().enumerate() {
            let was = last_data.and_then(|x| x.expenditure.get(i));
            let _ = writeln!(w, "  - code: {}", quoted(&l.code));
            let _ = writeln!(w, "    name: {}", text(&l.name));
            if let Some(u) = &l.unit {
                let _ = writeln!(w, "    unit: {}", quoted(u));
            }
            let now = functional_sources(l);
            let before = was.map(functional_sources);
            for (s, (key, _)) in SOURCES.iter().enumerate() {
                let parts = components(now[s]);
                let was_parts = before.map(|b| components(b[s])).unwrap_or_default();
                let used: Vec<(&str, Money)> = parts
                    .iter()
                    .zip(&was_parts)
                    .filter(|(p, b)| !p.1.is_zero() || !b.1.is_zero())
                    .map(|(p, _)| *p)
                    .collect();
                if !used.is_empty() {
                    let _ = writeln!(
                        w,
                        "    {key}: {}{}",
                        flow_amounts(&used),
                        was_comment(&was_parts)
                    );
                }
            }
        }
    }
    let _ = writeln!(w);

    // Economic expenditure.
    let _ = writeln!(
        w,
        "# ───────────────────── 支出·经济分类（表六、表七、表八）─────────────────────"
    );
    let _ = writeln!(
        w,
        "# 每个部门预算支出经济分类“款”一行（5位编码），按编码排序；gov_code 为对应的政府预算支出经济分类"
    );
    let _ = writeln!(
        w,
        "# 编码（名称由程序填出；程序不认识的编码才需要另加 gov_name）。按资金来源分（同上），每个来源："
    );
    let _ = writeln!(
        w,
        "#   personnel = 基本支出·人员经费，public = 基本支出·公用经费，project = 项目支出"
    );
    let _ = writeln!(
        w,
        "# “三公”经费（表八）取自 30212 因公出国(境)费用、30217 公务接待费、30231 公务用车运行维护费、31013 公务用车购置。"
    );
    if d.economic.is_empty() {
        let _ = writeln!(w, "economic: []");
        let _ = writeln!(
            w,
            "#  - {{ code: \"30101\", name: 基本工资, gov_code: \"50501\", general: {{ personnel: 0 }} }}"
        );
        let _ = writeln!(
            w,
            "#  - {{ code: \"30201\", name: 办公费, gov_code: \"50502\", general: {{ public: 0, project: 0 }} }}"
        );
    } else {
        let _ = writeln!(w, "economic:");
        for (i, l) in d.economic.iter().enumerate() {
            let was = last_data.and_then(|x| x.economic.get(i));
            let mut fields = vec![
                format!("code: {}", quoted(&l.code)),
                format!("name: {}", text_in(&l.name, true)),
            ];
            if let Some(g) = &l.gov_code {
                fields.push(format!("gov_code: {}", quoted(g)));
            }
            if let Some(g) = &l.gov_name {
                fields.push(format!("gov_name: {}", text_in(g, true)));
            }
            let now = economic_sources(l);
            let before = was.map(economic_sources);
            let mut was_all = Vec::new();
            for (s, (key, _)) in SOURCES.iter().enumerate() {
                let parts = economic_components(now[s]);
                let was_parts = before
                    .map(|b| economic_components(b[s]))
                    .unwrap_or_default();
                let used: Vec<(&str, Money)> = parts
                    .iter()
                    .zip(&was_parts)
                    .filter(|(p, b)| !p.1.is_zero() || !b.1.is_zero())
                    .map(|(p, _)| *p)
                    .collect();
                if !used.is_empty() {
                    fields.push(format!("{key}: {}", flow_amounts(&used)));
                }
                for (k, m) in was_parts {
                    if !m.is_zero() {
                        was_all.push(format!("{key}.{k} {}", amount(m)));
                    }
                }
            }
            let note = if was_all.is_empty() {
                String::new()
            } else {
                format!("   # 上年：{}", was_all.join("，"))
            };
            let _ = writeln!(w, "  - {{ {} }}{note}", fields.join(", "));
        }
    }
    let _ = writeln!(w);

    // Projects.
    let _ = writeln!(
        w,
        "# ───────────────────── 项目（表十一、表十三）─────────────────────"
    );
    let _ = writeln!(
        w,
        "# kind = 特定目标类 或 其他运转类；general / fund / state_capital = 本年拨款（一般公共预算 / 政府性基金 /"
    );
    let _ = writeln!(
        w,
        "# 国有资本经营预算），carryover = 上年结转结余，special_account = 财政专户管理资金，unit_funds = 单位资金。"
    );
    let _ = writeln!(
        w,
        "# targets 为表十三的绩效目标：cost 成本指标、output 产出指标、effect 效益指标、satisfaction 满意度指标，"
    );
    let _ = writeln!(
        w,
        "# 每项为 三级指标(name) 与 指标值(value)，指标值一律加引号。"
    );
    if d.projects.is_empty() {
        let _ = writeln!(w, "projects: []");
        let _ = writeln!(w, "#  - code: \"419001240000000000000\"");
        let _ = writeln!(w, "#    name: 项目名称");
        let _ = writeln!(w, "#    kind: 特定目标类");
        let _ = writeln!(w, "#    general: 0");
        let _ = writeln!(w, "#    targets:");
        let _ = writeln!(w, "#      cost:");
        let _ = writeln!(w, "#        - {{ name: 财政投入资金, value: \"0万元\" }}");
        let _ = writeln!(w, "#      output: []");
        let _ = writeln!(w, "#      effect: []");
        let _ = writeln!(w, "#      satisfaction: []");
    } else {
        let _ = writeln!(w, "projects:");
        for (i, p) in d.projects.iter().enumerate() {
            let was = last_data.and_then(|x| x.projects.get(i));
            let _ = writeln!(w, "  - code: {}", quoted(&p.code));
            if let Some(u) = &p.unit {
                let _ = writeln!(w, "    unit: {}", quoted(u));
            }
            let _ = writeln!(w, "    name: {}", text(&p.name));
            let _ = writeln!(w, "    kind: {}", p.kind.label());
            let money = |p: &Project| {
                [
                    ("general", p.general),
                    ("fund", p.fund),
                    ("state_capital", p.state_capital),
                    ("special_account", p.special_account),
                    ("unit_funds", p.unit_funds),
                ]
            };
            let was_money = was.map(money);
            let mut any = false;
            for (j, (k, m)) in money(p).into_iter().enumerate() {
                let b = was_money.map(|x| x[j].1).unwrap_or_default();
                if !m.is_zero() || !b.is_zero() {
                    let note = if b.is_zero() {
                        String::new()
                    } else {
                        format!("    # 上年 {}", amount(b))
                    };
                    let _ = writeln!(w, "    {k}: {}{note}", amount(m));
                    any = true;
                }
            }
            if !any {
                let _ = writeln!(w, "    general: 0");
            }
            let carry = |p: &Project| {
                [
                    ("general", p.carryover.general),
                    ("fund", p.carryover.fund),
                    ("state_capital", p.carryover.state_capital),
                ]
            };
            let carry_was = was.map(carry).unwrap_or_default();
            if carry(p).iter().chain(&carry_was).any(|(_, m)| !m.is_zero()) {
                let _ = writeln!(
                    w,
                    "    carryover: {}{}",
                    flow_amounts(&carry(p)),
                    was_comment(&carry_was)
                );
            }
            let t = &p.targets;
            let _ = writeln!(w, "    targets:");
            for (k, items) in [
                ("cost", &t.cost),
                ("output", &t.output),
                ("effect", &t.effect),
                ("satisfaction", &t.satisfaction),
            ] {
                indicators(w, "      ", k, items);
            }
        }
    }
    let _ = writeln!(w);

    let _ = writeln!(
        w,
        "year_end_balance: {}    # 年终结转结余（表一、表四），预算中通常为 0",
        amount(d.year_end_balance)
    );
    let _ = writeln!(w);

    // Previous year.
    let _ = writeln!(
        w,
        "# ───────────────────── 上年（{prev}年）数及增减原因 ─────────────────────"
    );
    let _ = writeln!(
        w,
        "# amount = {prev}年数；reason = 说明中“主要原因：”后的文字。有增减的必须写原因，没有变化的不写。"
    );
    if last.is_some() {
        let _ = writeln!(w, "# 各 amount 已按上年文件计算填入。");
    } else {
        let _ = writeln!(
            w,
            "# 新设部门各项为 0，并在 reason 中写明（如：该部门为{}年新增预算单位）。",
            d.year
        );
    }
    let _ = writeln!(w, "previous_year:");
    let p = &d.previous_year;
    for (k, c, label) in [
        ("total", &p.total, "收入总计、支出总计"),
        ("general", &p.general, "一般公共预算收支"),
        ("fund", &p.fund, "政府性基金收支"),
        ("state_capital", &p.state_capital, "国有资本经营收支"),
        ("abroad", &p.abroad, "因公出国（境）费"),
        ("reception", &p.reception, "公务接待费"),
        ("vehicle_purchase", &p.vehicle_purchase, "公务用车购置费"),
        ("vehicle_running", &p.vehicle_running, "公务用车运行维护费"),
        ("running_costs", &p.running_costs, "机关（机构）运转经费"),
    ] {
        let reason = match &c.reason {
            Some(r) => format!(", reason: {}", text_in(r, true)),
            None => String::new(),
        };
        let head = format!("  {k}:");
        let _ = writeln!(
            w,
            "{head:<20}{{ amount: {}{reason} }}   # {label}",
            amount(c.amount)
        );
    }
    let _ = writeln!(w);

    // Narrative texts.
    let n = &d.narrative;
    let _ = writeln!(
        w,
        "# ───────────────────── 第二部分 说明中的文字部分 ─────────────────────"
    );
    let _ = writeln!(
        w,
        "# 只填文字，不填数字；数字和“与{prev}年相比……”由程序生成。用途写到“主要用于……”为止，不加句号。"
    );
    let _ = writeln!(w, "narrative:");
    let _ = writeln!(w, "  # 七、“三公”经费：各项用途");
    let _ = writeln!(w, "  abroad_use: {}", text(&n.abroad_use));
    let _ = writeln!(w, "  reception_use: {}", text(&n.reception_use));
    let _ = writeln!(
        w,
        "  vehicle_purchase_use: {}",
        text(&n.vehicle_purchase_use)
    );
    let _ = writeln!(w, "  vehicle_running_use: {}", text(&n.vehicle_running_use));
    let _ = writeln!(w, "  # 八、政府性基金预算支出用途（没有则留空）");
    let _ = writeln!(w, "  fund_use:{}", opt_text(&n.fund_use));
    let _ = writeln!(w, "  # 九、国有资本经营预算支出用途（没有则留空）");
    let _ = writeln!(w, "  state_capital_use:{}", opt_text(&n.state_capital_use));
    let _ = writeln!(w, "  # 十（一）机关（机构）运转经费包含的内容");
    let _ = writeln!(w, "  running_costs_use: {}", text(&n.running_costs_use));
    let _ = writeln!(
        w,
        "  # 十（三）预算绩效情况说明：留空则使用标准表述，由程序根据项目数据生成。"
    );
    let _ = writeln!(
        w,
        "  performance_management:{}",
        opt_text(&n.performance_management)
    );
    let _ = writeln!(
        w,
        "  # 十（四）重点项目绩效评价情况，如：{}年度我部门无项目纳入重点项目绩效评价……",
        d.year
    );
    let _ = writeln!(w, "  key_evaluation: {}", text(&n.key_evaluation));
    let _ = writeln!(w, "  # 十（六）专项转移支付项目情况");
    let _ = writeln!(w, "  transfer_payments: {}", text(&n.transfer_payments));
    let _ = writeln!(w);

    let _ = writeln!(w, "# 十（二）政府采购预算（合计由程序计算）");
    let _ = writeln!(w, "procurement:");
    let pw = last_data.map(|x| &x.procurement);
    for (k, m, b, label) in [
        ("goods", d.procurement.goods, pw.map(|x| x.goods), "货物"),
        ("works", d.procurement.works, pw.map(|x| x.works), "工程"),
        (
            "services",
            d.procurement.services,
            pw.map(|x| x.services),
            "服务",
        ),
    ] {
        let note = match b {
            Some(b) if !b.is_zero() => format!("，上年 {}", amount(b)),
            _ => String::new(),
        };
        let head = format!("  {k}: {}", amount(m));
        let _ = writeln!(w, "{head:<18}# {label}{note}");
    }
    let _ = writeln!(w);

    let a = &d.assets;
    let _ = writeln!(w, "# 十（五）国有资产占用情况（车辆合计由程序计算）");
    let _ = writeln!(w, "assets:");
    let _ = writeln!(
        w,
        "  as_of: {}    # 数据时点，如 {prev}年期末",
        text(&a.as_of)
    );
    for (k, v, label) in [
        (
            "official_vehicles",
            a.official_vehicles,
            "一般公务用车（辆）",
        ),
        (
            "enforcement_vehicles",
            a.enforcement_vehicles,
            "一般执法执勤用车（辆）",
        ),
        ("other_vehicles", a.other_vehicles, "其他用车（辆）"),
        (
            "general_equipment_over_50",
            a.general_equipment_over_50,
            "单价50万元以上通用设备（台/套）",
        ),
        (
            "special_equipment_over_100",
            a.special_equipment_over_100,
            "单位价值100万元以上专用设备（台/套）",
        ),
    ] {
        let head = format!("  {k}: {v}");
        let _ = writeln!(w, "{head:<34}# {label}");
    }
    let _ = writeln!(w);

    // Table 12.
    let pf = &d.performance;
    let _ = writeln!(
        w,
        "# ───────────────────── 表十二 部门（单位）整体绩效目标 ─────────────────────"
    );
    let _ = writeln!(
        w,
        "# “预算情况”一栏（预算总额、资金来源、资金结构）由程序根据上面的数据计算。"
    );
    let _ = writeln!(w, "performance:");
    let _ = writeln!(w, "  goal: {}    # 年度履职目标", text(&pf.goal));
    if pf.tasks.is_empty() {
        let _ = writeln!(w, "  tasks: []    # 年度主要任务");
        let _ = writeln!(w, "  #  - name: 任务名称");
        let _ = writeln!(w, "  #    content: 主要内容");
    } else {
        let _ = writeln!(w, "  tasks:    # 年度主要任务");
        for t in &pf.tasks {
            let _ = writeln!(w, "    - name: {}", text(&t.name));
            let _ = writeln!(w, "      content: {}", text(&t.content));
        }
    }
    let _ = writeln!(
        w,
        "  # 指标体系：一级指标 › 二级指标 › 三级指标（name）与指标值（value），可加指标值说明（note）。"
    );
    if pf.indicators.is_empty() {
        let _ = writeln!(w, "  indicators: []");
        let _ = writeln!(w, "  #  - name: 产出指标");
        let _ = writeln!(w, "  #    groups:");
        let _ = writeln!(w, "  #      - name: 重点工作任务完成");
        let _ = writeln!(w, "  #        items:");
        let _ = writeln!(
            w,
            "  #          - {{ name: 三级指标名称, value: \"指标值\" }}"
        );
    } else {
        let _ = writeln!(w, "  indicators:");
        for g in &pf.indicators {
            let _ = writeln!(w, "    - name: {}", text(&g.name));
            let _ = writeln!(w, "      groups:");
            for s in &g.groups {
                let _ = writeln!(w, "        - name: {}", text(&s.name));
                indicators(w, "          ", "items", &s.items);
            }
        }
    }
    let _ = writeln!(w);

    // Empty tables.
    let view = derive::disclosure_view(&blank(d.year, &d.code, &d.name), &[], profile, &[]);
    let _ = writeln!(
        w,
        "# 无数据的表及原因：某张表本年没有数据时，在此写明（如：本部门{}年度没有国有资本经营预算支出，故本表无数据。）",
        d.year
    );
    let _ = writeln!(w, "# 表的代号：");
    for t in &view.tables {
        let _ = writeln!(w, "#   {:<24}表{} {}", t.key, t.number, t.name);
    }
    if d.empty_tables.is_empty() {
        let _ = writeln!(w, "empty_tables: {{}}");
    } else {
        let _ = writeln!(w, "empty_tables:");
        for (k, v) in &d.empty_tables {
            let _ = writeln!(w, "  {k}: {}", text(v));
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# 公开后的更正说明（日期与内容），公开前不填：corrections: [ {{ date: \"YYYY-MM-DD\", text: … }} ]"
    );
    o
}

fn list(w: &mut String, indent: &str, key: &str, items: &[String], example: &str) {
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

fn indicators(w: &mut String, indent: &str, key: &str, items: &[Indicator]) {
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
