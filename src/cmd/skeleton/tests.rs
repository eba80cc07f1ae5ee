//! The scaffold reads back as the model it was made from.

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
    let text = built_in(d, last, Profile::default_ref());
    let back = load::parse::<Disclosure>(&text, Path::new("new.yaml"))
        .unwrap_or_else(|p| panic!("{p}\n{text}"));
    // `prose:` holds the profile's sections besides the department's own (tested below).
    let without_prose = |d: &Disclosure| {
        let mut v = model(d);
        v.as_object_mut().unwrap().remove("prose");
        v
    };
    assert_eq!(without_prose(&back.data), without_prose(d), "{text}");
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
        Some(Figures::of(&last.data).income_total)
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

/// The file's text from the built-in template.
fn built_in(d: &Disclosure, last: Option<&Loaded<Disclosure>>, profile: &Profile) -> String {
    render(
        d,
        last,
        profile,
        Path::new("templates/new.yaml"),
        template::BUILT_IN,
    )
    .unwrap_or_else(|p| panic!("{p}"))
}

/// Every leaf of `v` with its path (`projects[0].targets.cost[1].value`); an empty list or
/// map is a leaf of its own, so that a section kept empty is still seen.
fn leaves(v: &serde_json::Value, path: String, out: &mut Vec<(String, serde_json::Value)>) {
    use serde_json::Value;
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, inner) in m {
                let here = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(inner, here, out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, inner) in a.iter().enumerate() {
                leaves(inner, format!("{path}[{i}]"), out);
            }
        }
        _ => out.push((path, v.clone())),
    }
}

/// Whether a leaf is an amount or count of 0.
fn zero(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Number(n) => n.as_f64() == Some(0.0),
        serde_json::Value::String(s) => Money::parse(s).is_ok_and(|m| m.is_zero()),
        _ => false,
    }
}

/// `new --from` on the department file `file` of the site at `root`: the written file loads,
/// and every leaf of last year's model is in this year's, unchanged — except amounts and
/// counts, which may be 0, and what the design renews each year (year, name, date, the
/// comparison with last year, the date of the asset counts, corrections). Generic over the
/// serialized model, so a field added to the format later cannot be dropped unnoticed.
fn keeps_every_section(root: &Path, file: &str) -> (Loaded<Disclosure>, Loaded<Disclosure>) {
    let last = load::load_disclosure(root, &root.join(file)).unwrap_or_else(|p| panic!("{p:?}"));
    let profile = load::scan(root).unwrap().profile;
    let year = last.data.year + 1;
    let d = from_last_year(&last.data, year, &last.data.name);
    let text = built_in(&d, Some(&last), &profile);
    let back = load::parse::<Disclosure>(&text, Path::new("new.yaml"))
        .unwrap_or_else(|p| panic!("{p}\n{text}"));
    let (mut before, mut after) = (Vec::new(), Vec::new());
    leaves(&model(&last.data), String::new(), &mut before);
    leaves(&model(&back.data), String::new(), &mut after);
    let after: std::collections::BTreeMap<_, _> = after.into_iter().collect();
    let renewed = [
        "year",
        "published",
        "previous_year.",
        "assets.as_of",
        "corrections",
    ];
    let mut compared = 0;
    for (path, was) in &before {
        if renewed.iter().any(|r| path.starts_with(r)) {
            continue;
        }
        let now = after
            .get(path)
            .unwrap_or_else(|| panic!("{file}: `new --from` drops {path}\n{text}"));
        assert!(
            now == was || zero(now),
            "{file}: {path} was {was}, is {now}"
        );
        compared += 1;
    }
    // This year's money is all to be typed; last year's is the comparison.
    let f = Figures::of(&back.data);
    assert!(
        f.income_total.is_zero() && f.all.total().is_zero(),
        "{text}"
    );
    assert_eq!(
        back.data.previous_year.total.amount,
        Some(Figures::of(&last.data).income_total)
    );
    assert!(compared > 100, "{file}: only {compared} values compared");
    (last, back)
}

#[test]
fn from_last_year_keeps_every_section_of_the_sample() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (last, new) = keeps_every_section(root, "content/2024/085.yaml");
    assert_eq!(new.data.overview.duties, last.data.overview.duties);
    assert_eq!(new.data.projects[1].targets.cost[0].value, "58.34万元");
}

/// The 普陀 example has what the 济源 sample lacks: project descriptions, 类/款 names, the
/// 9-table asset categories, unsplit 基本/项目 amounts and the purposes of its 项.
#[test]
fn from_last_year_keeps_the_putuo_descriptions_and_subject_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/putuo");
    let (last, new) = keeps_every_section(&root, "content/2025/commerce.yaml");
    let (l, n) = (&last.data, &new.data);
    assert!(!l.project_descriptions.is_empty() && !l.subject_names.is_empty());
    assert_eq!(n.subject_names, l.subject_names);
    assert_eq!(n.project_descriptions.len(), l.project_descriptions.len());
    for (a, b) in n.project_descriptions.iter().zip(&l.project_descriptions) {
        assert_eq!(
            (&a.name, &a.overview, &a.basis, &a.plan),
            (&b.name, &b.overview, &b.basis, &b.plan)
        );
        assert_eq!(a.budget.len(), b.budget.len());
        assert!(a.budget.iter().all(|p| p.amount.is_zero()));
    }
    assert_eq!(n.overview.about, l.overview.about);
    assert!(
        n.expenditure
            .iter()
            .zip(&l.expenditure)
            .all(|(a, b)| a.purpose == b.purpose)
    );
    assert!(l.expenditure.iter().any(|e| e.purpose.is_some()));
    assert_eq!(n.projects_with_targets.as_ref().map(|p| p.count), Some(0));
    assert!(n.assets.purchases.is_some());
}

/// A department's own narrative section comes back as written, after the profile's others.
#[test]
fn own_prose_sections_are_kept() {
    let last = sample();
    let mut d = from_last_year(&last.data, 2025, "x");
    d.prose.insert(
        "narrative-02".into(),
        "本部门自己的说法：{支出总计}。\n\n第二段。".into(),
    );
    let text = built_in(&d, Some(&last), Profile::default_ref());
    let back = load::parse::<Disclosure>(&text, Path::new("new.yaml")).unwrap();
    assert_eq!(
        back.data.prose["narrative-02"].trim_end(),
        "本部门自己的说法：{支出总计}。\n\n第二段。"
    );
    assert!(back.data.prose.len() > 5);
}

/// A site's own template is used, and one that drops a section is refused before writing.
#[test]
fn a_template_that_drops_a_section_is_refused() {
    let last = sample();
    let d = from_last_year(&last.data, 2025, "x");
    let dropped = template::BUILT_IN.replace(
        "  composition: {{ overview.composition | yaml }}\n",
        "  composition: \"\"\n",
    );
    let e = render(
        &d,
        Some(&last),
        Profile::default_ref(),
        Path::new("templates/new.yaml"),
        &dropped,
    )
    .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("overview.composition") && text.contains("templates/new.yaml"),
        "{text}"
    );
    // Unquoted text that adds a field does not load.
    let mut hostile = blank(2025, "086", "x");
    hostile.overview.composition = "a\ncorrections: [{date: \"2025-01-01\", text: x}]".into();
    let raw = template::BUILT_IN.replace("overview.composition | yaml", "overview.composition");
    assert!(render(&hostile, None, Profile::default_ref(), Path::new("t"), &raw).is_err());
    // Through the filter it is one text again.
    built_in(&hostile, None, Profile::default_ref());
}
