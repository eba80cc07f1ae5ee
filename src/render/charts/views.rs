//! The charts of a disclosure page and of a year page, from their figures.

use super::*;

pub fn disclosure_charts(
    d: &Disclosure,
    f: &Figures,
    tables: &[TableView],
    profile: &Profile,
    earlier: &[&ChartFacts],
) -> DisclosureCharts {
    // Charts illustrate the text beside them, so they speak its unit (普陀's tables are in
    // 元, its text in 万元); each amount is converted last.
    let shown = profile.narrative_shown(d.money_unit);
    let unit = shown.unit();
    let m = |x: Money| shown.money(x);
    let prose = |x: Money| shown.money(x).prose();
    let part = |label: &str, x: Money| Part::new(label, m(x));
    let head = format!("{}{}年", d.name, d.year);
    let series = |id: &str, caption: &str, table: &[&str]| Series {
        id: format!("chart-{id}"),
        title: format!("{head}{caption}"),
        caption: caption.to_owned(),
        intro: String::new(),
        center: String::new(),
        unit,
        whole: Money::ZERO,
        parts: Vec::new(),
        table: table_ref(tables, table),
    };

    let i = &f.income;
    let income = Series {
        intro: format!(
            "{}年本年收入合计{}{unit}，其中：",
            d.year,
            prose(i.year_total())
        ),
        center: "本年收入合计".into(),
        whole: m(i.year_total()),
        parts: i
            .by_source()
            .iter()
            .filter(|(_, x)| !x.is_zero())
            .map(|(l, x)| part(l, *x))
            .collect(),
        ..series("income", "收入预算构成", &["income_expenditure"])
    };

    let basic_project = Series {
        intro: format!(
            "{}年本年支出合计{}{unit}，其中：",
            d.year,
            prose(f.year_expenditure)
        ),
        center: "本年支出合计".into(),
        whole: m(f.year_expenditure),
        parts: vec![
            part("基本支出", f.all.basic()),
            part("项目支出", f.all.project()),
        ],
        ..series("basic-project", "基本支出与项目支出", &["expenditure"])
    };

    let by_class = class_totals(d, &Source::ALL);
    let function_parts = by_class
        .iter()
        .map(|(code, c)| {
            // The 类 as the disclosure's tables name it (`subject_names`), else gongkai's name.
            let name = codes::subject_name(&d.subject_names, code)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("功能分类{code}"));
            Part::new(name, m(c.total()))
        })
        .collect();
    let functions = Series {
        intro: format!(
            "{}年本年支出合计{}{unit}，按支出功能分类（类），从高到低：",
            d.year,
            prose(f.year_expenditure)
        ),
        whole: m(f.year_expenditure),
        parts: top_and_rest(function_parts, TOP_FUNCTIONS, "其他{n}类"),
        ..series("functions", "支出按功能分类", &["income_expenditure"])
    };

    let mut by_code: BTreeMap<&str, Part> = BTreeMap::new();
    for l in &d.economic {
        let e = by_code
            .entry(l.code.as_str())
            .or_insert_with(|| Part::new(l.name.clone(), Money::ZERO));
        e.amount += l.all().total();
    }
    let economic_whole = m(by_code.values().map(|p| p.amount).sum());
    for p in by_code.values_mut() {
        p.amount = m(p.amount);
    }
    let economic = Series {
        intro: format!(
            "{}年按支出经济分类（款），支出合计{}{unit}，金额最大的项目从高到低：",
            d.year,
            economic_whole.prose()
        ),
        whole: economic_whole,
        parts: top_and_rest(by_code.into_values().collect(), TOP_ECONOMIC, "其他{n}项"),
        ..series(
            "economic",
            "支出经济分类：金额最大的项目",
            &["economic", "general_basic"],
        )
    };

    let (personnel, public) = f.general_personnel_public();
    let personnel_public = Series {
        intro: format!(
            "{}年一般公共预算基本支出{}{unit}，其中：",
            d.year,
            prose(f.general.basic())
        ),
        center: "基本支出".into(),
        whole: m(f.general.basic()),
        parts: vec![part("人员经费", personnel), part("公用经费", public)],
        ..series(
            "personnel-public",
            "一般公共预算基本支出构成",
            &["general_basic"],
        )
    };

    let t = &f.three_public;
    let three_public = Series {
        intro: format!(
            "{}年“三公”经费预算{}{unit}，其中：",
            d.year,
            prose(t.total())
        ),
        center: "“三公”经费".into(),
        whole: m(t.total()),
        parts: vec![
            part("因公出国（境）费", t.abroad),
            part("公务用车运行维护费", t.vehicle_running),
            part("公务接待费", t.reception),
            part("公务用车购置费", t.vehicle_purchase),
        ],
        ..series("three-public", "“三公”经费构成", &["three_public"])
    };

    let mut years: Vec<(u16, Money)> = earlier
        .iter()
        .filter(|e| e.code == d.code && e.year < d.year)
        .map(|e| {
            (
                e.year,
                Shown {
                    from: e.unit,
                    ..shown
                }
                .money(e.total),
            )
        })
        .collect();
    years.sort_by_key(|(y, _)| *y);
    years.dedup_by_key(|(y, _)| *y);
    years.push((d.year, m(f.income_total)));
    let trend = (years.len() >= 2).then(|| {
        let s = Series {
            intro: format!("{}历年收入总计（等于支出总计）：", d.name),
            parts: years
                .iter()
                .map(|(y, m)| Part {
                    current: *y == d.year,
                    ..Part::new(format!("{y}年"), *m)
                })
                .collect(),
            ..series("trend", "历年收支总计", &["income_expenditure"])
        };
        bar::columns(&s).ok().map(|svg| s.view(svg))
    });

    DisclosureCharts {
        trend: trend.flatten(),
        income: donut_view(income),
        basic_project: donut_view(basic_project),
        functions: bars_view(functions),
        economic: bars_view(economic),
        personnel_public: donut_view(personnel_public),
        three_public: donut_view(three_public),
    }
}

/// The charts of a year page: departments ranked by total budget, and expenditure by
/// 功能分类 类 summed over every department of the year.
/// The charts are in the profile's unit: amounts are converted exactly, summed, and rounded
/// as the profile says only when some department's file is in another unit.
pub fn year_charts(year: u16, ds: &[&ChartFacts], profile: &Profile) -> YearCharts {
    let unit_kind = profile.unit;
    let unit = unit_kind.label();
    let converts = ds.iter().any(|d| d.unit != unit_kind);
    let shown = |m: Money| {
        if converts {
            m.rounded(profile.rounding)
        } else {
            m
        }
    };
    let mut totals = Vec::new();
    let mut exact_total = Money::ZERO;
    let mut classes: BTreeMap<String, Money> = BTreeMap::new();
    for d in ds {
        let total = convert(d.total, d.unit, unit_kind);
        exact_total += total;
        totals.push(Part::new(d.name.clone(), shown(total)));
        for (code, m) in &d.classes {
            *classes.entry(code.clone()).or_default() += convert(*m, d.unit, unit_kind);
        }
    }
    let class_whole = shown(classes.values().sum());
    for m in classes.values_mut() {
        *m = shown(*m);
    }
    let all_total = shown(exact_total);
    let departments = Series {
        id: "chart-year-departments".into(),
        title: format!("{year}年度各部门预算总额排名"),
        caption: "各部门预算总额排名".into(),
        intro: format!(
            "{year}年度{}个部门预算总额合计{}{unit}，从高到低：",
            ds.len(),
            all_total.prose()
        ),
        center: String::new(),
        unit,
        whole: all_total,
        parts: top_and_rest(totals, TOP_DEPARTMENTS, "其余{n}个部门"),
        table: TableRef {
            href: "#departments".into(),
            label: "本页各部门预算总额表".into(),
        },
    };

    let class_parts: Vec<Part> = classes
        .iter()
        .map(|(code, m)| {
            Part::new(
                codes::function_class_name(code)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("功能分类{code}")),
                *m,
            )
        })
        .collect();
    let row_shares = shares(
        &class_parts.iter().map(|p| p.amount).collect::<Vec<_>>(),
        class_whole,
    );
    let function_rows = classes
        .keys()
        .zip(&class_parts)
        .zip(&row_shares)
        .filter(|((_, p), _)| !p.amount.is_zero())
        .map(|((code, p), s)| FunctionRow {
            code: code.clone(),
            name: p.label.clone(),
            amount: p.amount.table(),
            share: percent(*s),
        })
        .collect();
    let functions = Series {
        id: "chart-year-functions".into(),
        title: format!("{year}年度全部部门支出按功能分类汇总"),
        caption: "全部部门支出按功能分类汇总".into(),
        intro: format!(
            "{year}年度{}个部门本年支出合计{}{unit}，按支出功能分类（类），从高到低：",
            ds.len(),
            class_whole.prose()
        ),
        center: String::new(),
        unit,
        whole: class_whole,
        parts: top_and_rest(class_parts, TOP_FUNCTIONS, "其他{n}类"),
        table: TableRef {
            href: "#year-functions".into(),
            label: "本页按功能分类汇总表".into(),
        },
    };
    YearCharts {
        unit,
        departments: bars_view(departments),
        functions: bars_view(functions),
        function_rows,
        function_total: class_whole.table(),
    }
}
