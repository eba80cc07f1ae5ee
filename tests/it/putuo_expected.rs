//! The 普陀 example (`examples/putuo`, 2025 上海市普陀区商务委员会, 9 tables in 元) against
//! the figures typed from its sample in `putuo/expected.rs`.
//!
//! Two kinds of test:
//! - `facts_*` load the example through the library and check that its facts reproduce every
//!   cell of the nine tables, the per-科目 list and the other figures of the narrative,
//!   pivoting the facts the way each table does. They verify the transcription.
//! - `page_*` (and the downloads and charts tests) compare the page built with the profile
//!   `putuo-9` with the sample: every cell of `table-01` … `table-09`, read from `<tbody>`,
//!   and the narrative's passages.

use crate::putuo_data::*;
use gongkai::content::codes::{chinese_number, subject_name};
use gongkai::content::model::{Components, Disclosure, UnitKind};
use gongkai::content::money::Money;
use gongkai::derive::Figures;
use gongkai::derive::figures::{BySource, Source, description_total};
use gongkai::derive::narrative::Change;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/putuo")
}

fn disclosure() -> &'static Disclosure {
    static D: OnceLock<Disclosure> = OnceLock::new();
    D.get_or_init(|| {
        let content =
            gongkai::content::load::load_content(&root()).unwrap_or_else(|p| panic!("{p}"));
        content
            .disclosures
            .into_iter()
            .map(|l| l.data)
            .find(|d| d.year == YEAR && d.code == CODE)
            .unwrap_or_else(|| panic!("examples/putuo has no {YEAR}/{CODE}.yaml"))
    })
}

fn figures() -> Figures {
    Figures::of(disclosure())
}

/// An amount as printed in a table (`"21,601,733.00"`, blank = 0).
fn printed(s: &str) -> Money {
    if s.is_empty() {
        Money::ZERO
    } else {
        Money::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// 元 → 万元 with two decimals, as the narrative and table 9 print them.
fn wan(m: Money) -> Money {
    Money(
        (m.0 / Decimal::from(10_000))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
    )
}

fn name_of(code: &str) -> String {
    subject_name(&disclosure().subject_names, code)
        .unwrap_or_else(|| panic!("no name for subject {code}"))
        .to_owned()
}

/// The general-budget components of every 功能分类 项, by code.
fn items() -> BTreeMap<&'static str, (&'static str, Components)> {
    let mut m = BTreeMap::new();
    for l in &disclosure().expenditure {
        let e = m
            .entry(l.code.as_str())
            .or_insert((l.name.as_str(), Components::default()));
        e.1 = e.1.clone() + l.source(Source::General).clone();
    }
    m
}

fn sum_where(prefix: &str) -> Components {
    items()
        .iter()
        .filter(|(c, _)| c.starts_with(prefix))
        .map(|(_, (_, c))| c.clone())
        .sum()
}

/// The rows of tables 2, 3 and 5: each 类, then each of its 款 followed by its 项.
fn functional_grid(cells: impl Fn(&Components) -> Vec<String>) -> Vec<Vec<String>> {
    let items = items();
    let classes: Vec<&str> = dedup(items.keys().map(|c| &c[..3]));
    let mut out = Vec::new();
    for class in classes {
        let mut row = vec![
            class.to_owned(),
            String::new(),
            String::new(),
            name_of(class),
        ];
        row.extend(cells(&sum_where(class)));
        out.push(row);
        for section in dedup(
            items
                .keys()
                .filter(|c| c.starts_with(class))
                .map(|c| &c[..5]),
        ) {
            let mut row = vec![
                class.to_owned(),
                section[3..].to_owned(),
                String::new(),
                name_of(section),
            ];
            row.extend(cells(&sum_where(section)));
            out.push(row);
            for (code, (name, c)) in items.iter().filter(|(c, _)| c.starts_with(section)) {
                let mut row = vec![
                    class.to_owned(),
                    code[3..5].to_owned(),
                    code[5..].to_owned(),
                    (*name).to_owned(),
                ];
                row.extend(cells(c));
                out.push(row);
            }
        }
    }
    let mut total = vec![
        String::new(),
        String::new(),
        String::new(),
        "合计".to_owned(),
    ];
    total.extend(cells(&sum_where("")));
    out.push(total);
    out
}

fn dedup<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = it.collect();
    v.dedup();
    v
}

fn assert_table(n: usize, got: &[Vec<String>], want: &[&[&str]]) {
    crate::common::assert_grid(&format!("table {n} from the facts"), got, want);
}

// ---------------------------------------------------------------- tables from the facts

#[test]
fn facts_table_1_income_and_expenditure() {
    let (d, f) = (disclosure(), figures());
    let income: Vec<(&str, Money)> = vec![
        (
            "一、财政拨款收入",
            f.income.general() + f.income.fund_total() + f.income.state_capital,
        ),
        ("1. 一般公共预算资金", f.income.general()),
        ("2. 政府性基金", f.income.fund_total()),
        ("3. 国有资本经营预算", f.income.state_capital),
        ("二、事业收入", f.income.business),
        ("三、事业单位经营收入", f.income.operating),
        ("四、其他收入", f.income.other),
    ];
    let classes = dedup(items().keys().map(|c| &c[..3]));
    let mut got = Vec::new();
    for r in 0..income.len().max(classes.len()) {
        let mut row = match income.get(r) {
            Some((l, m)) => vec![(*l).to_owned(), m.cell()],
            None => vec![String::new(), String::new()],
        };
        match classes.get(r) {
            Some(c) => {
                row.push(format!("{}、{}", chinese_number(r + 1), name_of(c)));
                row.push(sum_where(c).total().cell());
            }
            None => row.extend([String::new(), String::new()]),
        }
        got.push(row);
    }
    got.push(vec![
        "收入总计".into(),
        f.income_total.cell(),
        "支出总计".into(),
        f.expenditure_total.cell(),
    ]);
    assert_table(1, &got, TABLE_1);
    // The table balances without carry-over or balance rows: the 普陀 format prints neither.
    assert!(f.income.carryover_total().is_zero() && d.year_end_balance.is_zero());
}

#[test]
fn facts_table_2_income_by_function() {
    let income = |c: &Components| {
        vec![
            c.total().cell(),
            c.total().cell(),
            String::new(),
            String::new(),
            String::new(),
        ]
    };
    assert_table(2, &functional_grid(income), TABLE_2);
    // 财政拨款收入 is all the income there is: no 事业/经营/其他 money on any line.
    let f = figures();
    assert_eq!(
        f.all.total(),
        f.general.total() + f.fund.total() + f.state_capital.total()
    );
    assert_eq!(f.income.year_total(), printed(TABLE_2.last().unwrap()[5]));
}

#[test]
fn facts_table_3_and_5_expenditure_by_function() {
    let split = |c: &Components| vec![c.total().cell(), c.basic().cell(), c.project().cell()];
    let grid = functional_grid(split);
    assert_table(3, &grid, TABLE_3);
    assert_table(5, &grid, TABLE_5);
    // Table 3 covers every source, table 5 the general budget only; here they coincide.
    let f = figures();
    assert_eq!(f.all.basic(), printed(TABLE_3.last().unwrap()[5]));
    assert_eq!(f.general.project(), printed(TABLE_5.last().unwrap()[6]));
}

#[test]
fn facts_table_4_appropriations() {
    let f = figures();
    let income: Vec<(&str, Money)> = vec![
        ("一、一般公共预算资金", f.income.general()),
        ("二、政府性基金", f.income.fund_total()),
        ("三、国有资本经营预算", f.income.state_capital),
    ];
    let classes = dedup(items().keys().map(|c| &c[..3]));
    let by_class = |class: &str, s: Source| -> Money {
        disclosure()
            .expenditure
            .iter()
            .filter(|l| l.code.starts_with(class))
            .map(|l| l.source(s).total())
            .sum()
    };
    let mut got = Vec::new();
    for r in 0..income.len().max(classes.len()) {
        let mut row = match income.get(r) {
            Some((l, m)) => vec![(*l).to_owned(), m.cell()],
            None => vec![String::new(), String::new()],
        };
        match classes.get(r) {
            Some(c) => {
                let (g, fu, sc) = (
                    by_class(c, Source::General),
                    by_class(c, Source::Fund),
                    by_class(c, Source::StateCapital),
                );
                row.push(format!("{}、{}", chinese_number(r + 1), name_of(c)));
                row.extend([(g + fu + sc).cell(), g.cell(), fu.cell(), sc.cell()]);
            }
            None => row.extend(std::iter::repeat_n(String::new(), 5)),
        }
        got.push(row);
    }
    let appropriations = f.general.total() + f.fund.total() + f.state_capital.total();
    got.push(vec![
        "收入总计".into(),
        (f.income.general() + f.income.fund_total() + f.income.state_capital).cell(),
        "支出总计".into(),
        appropriations.cell(),
        f.general.total().cell(),
        f.fund.total().cell(),
        f.state_capital.total().cell(),
    ]);
    assert_table(4, &got, TABLE_4);
}

#[test]
fn facts_tables_6_and_7_are_empty_with_their_notes() {
    let (d, f) = (disclosure(), figures());
    for (n, key, amounts, table) in [
        (6, "fund", &f.fund, TABLES[5].note),
        (7, "state_capital", &f.state_capital, TABLES[6].note),
    ] {
        assert!(amounts.total().is_zero(), "table {n} should be empty");
        assert_eq!(
            d.empty_tables.get(key).map(String::as_str),
            table,
            "note under table {n}"
        );
    }
    let empty: &[&[&str]] = &[&["", "", "", "合计", "", "", ""]];
    assert_eq!(TABLE_6, empty);
    assert_eq!(TABLE_7, empty);
}

#[test]
fn facts_table_8_general_basic_by_economic_class() {
    let d = disclosure();
    let mut by_code: BTreeMap<&str, (&str, Money, Money)> = BTreeMap::new();
    for l in &d.economic {
        let e = by_code
            .entry(&l.code)
            .or_insert((&l.name, Money::ZERO, Money::ZERO));
        e.1 += l.general.personnel;
        e.2 += l.general.public;
    }
    let row = |a: &str, b: &str, name: String, p: Money, q: Money| {
        vec![
            a.to_owned(),
            b.to_owned(),
            name,
            (p + q).cell(),
            p.cell(),
            q.cell(),
        ]
    };
    let mut got = Vec::new();
    for class in dedup(by_code.keys().map(|c| &c[..3])) {
        let members: Vec<_> = by_code
            .iter()
            .filter(|(c, _)| c.starts_with(class))
            .collect();
        let p = members.iter().map(|(_, v)| v.1).sum();
        let q = members.iter().map(|(_, v)| v.2).sum();
        got.push(row(class, "", name_of(class), p, q));
        for (code, (name, p, q)) in members {
            got.push(row(class, &code[3..], (*name).to_owned(), *p, *q));
        }
    }
    let f = figures();
    let e = &f.economic_general;
    got.push(row("", "", "合计".into(), e.personnel, e.public));
    assert_table(8, &got, TABLE_8);
    // Table 8 is the basic half of table 5.
    assert_eq!(e.basic(), f.general.basic());
}

#[test]
fn facts_table_9_three_public_and_running_costs() {
    let t = figures().three_public;
    let cell = |m: Money| wan(m).cell();
    let got = vec![vec![
        cell(t.total()),
        cell(t.abroad),
        cell(t.reception),
        cell(t.vehicles()),
        cell(t.vehicle_purchase),
        cell(t.vehicle_running),
        cell(figures().running_costs),
    ]];
    assert_table(9, &got, TABLE_9);
}

// ---------------------------------------------------------------- narrative from the facts

/// A printed 万元 figure (`"3136.40"`, `"37,151.47"`, `"0"`).
fn printed_wan(s: &str) -> Money {
    printed(s)
}

#[test]
fn facts_narrative_per_subject_list() {
    let d = disclosure();
    let lines: Vec<_> = d
        .expenditure
        .iter()
        .filter(|l| !l.general.total().is_zero())
        .collect();
    assert_eq!(
        lines.len(),
        SUBJECTS.len(),
        "one entry per 项 with general-budget money"
    );
    for s in SUBJECTS {
        let l = d
            .expenditure
            .iter()
            .find(|l| l.code == s.code)
            .unwrap_or_else(|| panic!("no line {}", s.code));
        assert_eq!(name_of(&s.code[..3]), s.class, "{} 类", s.code);
        assert_eq!(name_of(&s.code[..5]), s.section, "{} 款", s.code);
        assert_eq!(l.name, s.item, "{} 项", s.code);
        assert_eq!(
            wan(l.general.total()),
            printed_wan(s.amount),
            "{} amount",
            s.code
        );
        assert_eq!(l.purpose.as_deref(), Some(s.purpose), "{} purpose", s.code);
    }
}

#[test]
fn facts_narrative_headline_figures() {
    let (d, f) = (disclosure(), figures());
    let p = &d.previous_year;
    let appropriation_in = f.income.general() + f.income.fund_total() + f.income.state_capital;
    assert_eq!(wan(f.income_total), printed_wan(INCOME_TOTAL));
    assert_eq!(wan(appropriation_in), printed_wan(APPROPRIATION_INCOME));
    assert_eq!(wan(f.income.business), printed_wan(BUSINESS_INCOME));
    assert_eq!(wan(f.income.operating), printed_wan(OPERATING_INCOME));
    assert_eq!(wan(f.income.other), printed_wan(OTHER_INCOME));
    assert_eq!(wan(f.expenditure_total), printed_wan(EXPENDITURE_TOTAL));
    assert_eq!(wan(f.general.total()), printed_wan(GENERAL_EXPENDITURE));
    assert_eq!(wan(f.fund.total()), printed_wan(FUND_EXPENDITURE));
    assert_eq!(
        wan(f.state_capital.total()),
        printed_wan(STATE_CAPITAL_EXPENDITURE)
    );

    let up = |current: Money, previous: Money| {
        let c = Change::of(
            current,
            &gongkai::content::model::Comparison {
                amount: Some(previous),
                ..Default::default()
            },
        );
        assert_eq!(c.kind, "up");
        wan(current - previous)
    };
    assert_eq!(
        up(appropriation_in, p.appropriation_income.amount()),
        printed_wan(APPROPRIATION_INCOME_INCREASE)
    );
    let appropriation_out = f.general.total() + f.fund.total() + f.state_capital.total();
    let previous_out = p.general.amount() + p.fund.amount() + p.state_capital.amount();
    assert_eq!(
        wan(appropriation_out),
        printed_wan(APPROPRIATION_EXPENDITURE)
    );
    assert_eq!(
        up(appropriation_out, previous_out),
        printed_wan(APPROPRIATION_EXPENDITURE_INCREASE)
    );
    assert_eq!(
        up(f.general.total(), p.general.amount()),
        printed_wan(GENERAL_EXPENDITURE_INCREASE)
    );
    assert_eq!(Change::of(f.fund.total(), &p.fund).kind, "same");
    assert_eq!(
        Change::of(f.state_capital.total(), &p.state_capital).kind,
        "same"
    );
    assert_eq!(
        p.appropriation_income.reason.as_deref(),
        Some(INCREASE_REASON)
    );
}

#[test]
fn facts_other_matters() {
    let (d, f) = (disclosure(), figures());
    let t = &f.three_public;
    let p = &d.previous_year;
    for (what, now, printed, prev) in [
        (
            "三公",
            t.total(),
            THREE_PUBLIC_TOTAL,
            p.abroad.amount()
                + p.reception.amount()
                + p.vehicle_purchase.amount()
                + p.vehicle_running.amount(),
        ),
        ("因公出国", t.abroad, ABROAD, p.abroad.amount()),
        (
            "公务用车",
            t.vehicles(),
            VEHICLES,
            p.vehicle_purchase.amount() + p.vehicle_running.amount(),
        ),
        (
            "购置",
            t.vehicle_purchase,
            VEHICLE_PURCHASE,
            p.vehicle_purchase.amount(),
        ),
        (
            "运行",
            t.vehicle_running,
            VEHICLE_RUNNING,
            p.vehicle_running.amount(),
        ),
        ("接待", t.reception, RECEPTION, p.reception.amount()),
    ] {
        assert_eq!(wan(now), printed_wan(printed), "{what}");
        assert_eq!(now, prev, "{what}: 与2024年预算持平");
    }
    assert!(
        p.vehicles_reason.is_some() && p.abroad.reason.is_some() && p.reception.reason.is_some()
    );
    assert_eq!(wan(f.running_costs), printed_wan(RUNNING_COSTS));
    assert_eq!(wan(f.procurement_total), printed_wan(PROCUREMENT_TOTAL));
    assert_eq!(wan(d.procurement.goods), printed_wan(PROCUREMENT_GOODS));
    assert_eq!(wan(d.procurement.works), printed_wan(PROCUREMENT_WORKS));
    assert_eq!(
        wan(d.procurement.services),
        printed_wan(PROCUREMENT_SERVICES)
    );
    assert_eq!(f.target_projects, TARGET_PROJECTS);
    assert_eq!(wan(f.target_amount), printed_wan(TARGET_AMOUNT));
    assert_eq!(d.assets.as_of, ASSETS_AS_OF);
    assert_eq!(d.assets.vehicles() + d.assets.equipment_over_100, 0);
    let bought = d
        .assets
        .purchases
        .as_ref()
        .expect("the sample states this year's purchases");
    assert_eq!(bought.vehicles() + bought.equipment_over_100, 0);
}

#[test]
fn facts_project_descriptions() {
    let d = disclosure();
    assert_eq!(d.project_descriptions.len(), PROJECTS.len());
    for (p, want) in d.project_descriptions.iter().zip(PROJECTS) {
        assert_eq!(format!("{}经费情况说明", p.name), want.heading);
        assert_eq!(
            wan(description_total(p)),
            printed_wan(want.total),
            "{}",
            p.name
        );
        let parts: Vec<(&str, Money)> = p
            .budget
            .iter()
            .map(|b| (b.name.as_str(), wan(b.amount)))
            .collect();
        let printed_parts: Vec<(&str, Money)> = want
            .parts
            .iter()
            .map(|(n, a)| (*n, printed_wan(a)))
            .collect();
        assert_eq!(parts, printed_parts, "{}", p.name);
    }
}

#[test]
fn facts_units_and_structure() {
    let d = disclosure();
    let kinds: Vec<_> = d
        .units
        .iter()
        .map(|u| (u.kind, u.separate_budget))
        .collect();
    // 「本部门中，行政单位1家，事业单位1家」; 中小企业服务中心 不单列预算.
    assert_eq!(
        kinds,
        [
            (Some(UnitKind::Administrative), true),
            (Some(UnitKind::Institution), false)
        ]
    );
    assert_eq!(d.overview.duties.len(), 13);
    assert_eq!(d.overview.offices.len(), 9, "「设9个内设机构」");
    assert_eq!(d.published, None, "the sample gives no date");
}

// ---------------------------------------------------------------- the built page

/// Builds `examples/putuo` once with the binary and returns the output folder.
fn built() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = tempfile::Builder::new()
                .prefix("gongkai-putuo-")
                .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
                .expect("temporary directory");
            let run = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
                .env("GONGKAI_LANG", "en")
                .args(["build", "--root"])
                .arg(root())
                .arg("--out")
                .arg(dir.path().join("public"))
                .output()
                .expect("run gongkai");
            assert!(
                run.status.success(),
                "build failed:\n{}",
                String::from_utf8_lossy(&run.stderr)
            );
            // The 9-table profile asks only for what the format publishes: no warning.
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert!(!stderr.contains("warning["), "{stderr}");
            dir
        })
        .path()
}

fn output(relative: &str) -> String {
    let p = built().join("public").join(relative);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The department page.
fn page() -> &'static str {
    static PAGE: OnceLock<String> = OnceLock::new();
    PAGE.get_or_init(|| output(&format!("{YEAR}/{CODE}/index.html")))
}

#[test]
fn page_every_cell_of_the_nine_tables() {
    let mut cells = 0;
    for t in &TABLES {
        let id = format!("table-{:02}", t.number);
        crate::common::assert_grid(&id, &crate::common::parse_table(page(), &id), t.body);
        cells += t.body.iter().map(|r| r.len()).sum::<usize>();
        let caption = crate::common::table_caption(page(), &id).unwrap_or_default();
        assert!(
            caption.contains(t.title),
            "{id}: caption {caption:?} lacks {:?}",
            t.title
        );
        // 编制部门 and the unit on every table; the sample prints 单位:万元 with a
        // half-width colon once, the page writes every unit line alike.
        let unit = t.unit.replace(':', "：");
        assert!(
            caption.contains(PREPARED_BY) && caption.contains(&unit),
            "{id}: caption {caption:?} lacks {PREPARED_BY:?} or {unit:?}"
        );
        if let Some(note) = t.note {
            crate::common::assert_contains_all(&id, &crate::common::page_text(page()), &[note]);
        }
    }
    // Every printed cell of the nine tables, blanks included (a guard against a grid that
    // silently shrinks: `assert_grid` compares what both sides have, then the row counts).
    assert_eq!(cells, 1008, "cells compared");
    // No table of the 13-table format slips in.
    assert!(!page().contains("id=\"table-10\""));
}

#[test]
fn page_narrative_per_subject_list() {
    let text = crate::common::page_text(page());
    let passages: Vec<String> = SUBJECTS
        .iter()
        .map(|s| {
            // Amounts with separators throughout (the sample omits them once: 3136.40).
            let amount = printed(s.amount).table();
            format!(
                "“{}（类）{}（款）{}（项）”{}万元，{}。",
                s.class, s.section, s.item, amount, s.purpose
            )
        })
        .collect();
    let refs: Vec<&str> = passages.iter().map(String::as_str).collect();
    crate::common::assert_contains_all("部门预算编制说明", &text, &refs);
}

#[test]
fn page_narrative_and_other_matters() {
    let text = crate::common::page_text(page());
    crate::common::assert_contains_all(
        "narrative",
        &text,
        &[
            "2025年，上海市普陀区商务委员会收入预算37,151.47万元，其中：财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。",
            "支出预算37,151.47万元，其中：财政拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元。",
            "一般公共预算拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元；",
            "财政拨款收入支出增加的主要原因是：政策资金项目预算增加，根据实际工作安排编制预算。",
            "2025年“三公”经费预算数为1.00万元，与2024年预算持平。",
            "（一）因公出国（境）费0万元，与2024年预算持平，主要原因是此部分预算由区外办统一安排。",
            "公务用车购置费0万元，与2024年预算持平，主要原因是无公务用车车辆；公务用车运行费0万元，与2024年预算持平，主要原因是无公务用车车辆。",
            "2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为171.01万元。",
            "2025年度本部门政府采购预算38.20万元，其中：政府采购货物预算7.80万元、政府采购工程预算0万元、政府采购服务预算30.40万元。",
            "2025年度，本部门编报绩效目标的项目共25个，涉及项目预算资金11381.60万元。",
            "截至2024年8月31日，上海市普陀区商务委员会共有车辆0辆",
            "本部门中，行政单位1家，事业单位1家",
            "上海市普陀区中小企业服务中心，不单列预算。",
            "科技创新专项经费情况说明",
            "2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万",
        ],
    );
}

#[test]
fn page_table_list_numbers_and_names_the_nine_tables() {
    let doc = scraper::Html::parse_document(page());
    let sel = scraper::Selector::parse(".toc-tables li").unwrap();
    let items: Vec<String> = doc
        .select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect();
    let want: Vec<String> = TABLES
        .iter()
        .map(|t| format!("{}. {}", t.number, t.title))
        .collect();
    assert_eq!(items, want);
}

#[test]
fn downloads_follow_the_profile_tables_and_units() {
    let dir = format!("{YEAR}/{CODE}");
    for n in 1..=9 {
        let csv = output(&format!("{dir}/table-{n:02}.csv"));
        let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            rows.len(),
            TABLES[n - 1].body.len() + 1,
            "table-{n:02}.csv rows"
        );
    }
    assert!(!built().join(format!("public/{dir}/table-10.csv")).exists());
    // Table 9 in 万元 as on the page, in the column order printed.
    let t9 = output(&format!("{dir}/table-09.csv"));
    assert!(t9.contains("\n1.00,,1.00,,,,171.01\n"), "{t9}");
    assert!(t9.contains("“三公”经费预算数·公务接待费"), "{t9}");
    // Table 1 in 元, plain numbers.
    let t1 = output(&format!("{dir}/table-01.csv"));
    assert!(
        t1.contains("收入总计,371514655.00,支出总计,371514655.00"),
        "{t1}"
    );
    // The JSON names the document's unit and the one table in another.
    let json: serde_json::Value =
        serde_json::from_str(&output(&format!("{dir}/{CODE}-{YEAR}.json"))).unwrap();
    assert_eq!(json["unit"], "元");
    let tables = json["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 9);
    assert_eq!(tables[8]["unit"], "万元");
    assert!(tables[..8].iter().all(|t| t.get("unit").is_none()));
    assert_eq!(tables[7]["rows"].as_array().unwrap().len(), TABLE_8.len());
    // The year's long CSV says which table is in 万元.
    let year = output(&format!("{YEAR}/budget-{YEAR}.csv"));
    assert!(
        year.contains("2025年部门“三公”经费和机关运行经费预算表（单位：万元）"),
        "year CSV"
    );
    // The page's download list says it too.
    assert!(page().contains("9. 2025年部门“三公”经费和机关运行经费预算表（CSV，单位：万元）"));
}

#[test]
fn charts_point_to_the_profile_tables_in_its_unit() {
    let doc = scraper::Html::parse_document(page());
    let link = |chart: &str| {
        let sel = scraper::Selector::parse(&format!("#{chart} figcaption a")).unwrap();
        doc.select(&sel)
            .next()
            .unwrap_or_else(|| panic!("no chart {chart}"))
            .value()
            .attr("href")
            .unwrap()
            .to_owned()
    };
    // 基本支出 and 项目支出 are table 3's columns; 人员/公用经费 and the largest economic
    // items are table 8's (the format has no table 7 of economic classes).
    assert_eq!(link("chart-basic-project"), "#table-03");
    assert_eq!(link("chart-functions"), "#table-01");
    assert_eq!(link("chart-personnel-public"), "#table-08");
    assert_eq!(link("chart-economic"), "#table-08");
    let text = crate::common::page_text(page());
    // In 万元, as the text beside them: 人员经费 18,120,593.00元 and 公用经费 1,710,062.00元
    // of table 8, converted.
    crate::common::assert_contains_all(
        "charts",
        &text,
        &[
            "2025年一般公共预算基本支出1983.07万元，其中：人员经费1812.06万元，占91.38%；公用经费171.01万元，占8.62%。数据见附件表8",
            "1,812.06万元",
        ],
    );
}
