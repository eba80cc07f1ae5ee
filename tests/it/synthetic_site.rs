//! The synthetic content generator (`examples/gen_content`) that the benchmark relies on:
//! it must be deterministic, build cleanly, and satisfy the identities a real disclosure
//! satisfies, or the benchmark would time a site no bureau could publish.
//!
//! The identities are asserted here with the library's own `Figures`/`BySource`/`Money`,
//! independently of the generator's cent arithmetic.

use gongkai::content::codes;
use gongkai::content::load::{self, Content};
use gongkai::content::model::{
    Components, Disclosure, EconomicComponents, FunctionalLine, ProjectKind,
};
use gongkai::content::money::Money;
use gongkai::derive::figures::{BySource, Figures, Source, project_total};
use gongkai::render::page::disclosure_view;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const DEPARTMENTS: usize = 20;
const YEARS: usize = 2;

fn opts(seed: u64) -> crate::synth::Options {
    crate::synth::Options {
        departments: DEPARTMENTS,
        years: YEARS,
        last_year: 2024,
        seed,
    }
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn generate(seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::synth::generate(dir.path(), &opts(seed)).unwrap();
    dir
}

fn load(dir: &Path) -> Content {
    load::load_content(dir).unwrap_or_else(|p| panic!("synthetic content does not load:\n{p}"))
}

#[test]
fn same_seed_same_bytes_other_seed_other_content() {
    let a = generate(42);
    let b = generate(42);
    let c = generate(43);
    let (fa, fb, fc) = (files(a.path()), files(b.path()), files(c.path()));
    assert_eq!(fa.len(), DEPARTMENTS * YEARS + 3, "{:?}", fa.keys());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(
            v == &fb[k],
            "{k} differs between two runs with the same seed"
        );
    }
    assert_ne!(fa["content/2024/001.yaml"], fc["content/2024/001.yaml"]);
    // Regenerating into the same folder replaces it (it carries our marker) …
    crate::synth::generate(a.path(), &opts(42)).unwrap();
    assert_eq!(files(a.path()), fa);
    // … but a content folder that is not ours is left alone.
    let real = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(real.path().join("content/2024")).unwrap();
    std::fs::write(real.path().join("content/2024/085.yaml"), "code: x").unwrap();
    assert!(crate::synth::generate(real.path(), &opts(1)).is_err());
    assert!(real.path().join("content/2024/085.yaml").exists());
}

#[test]
fn the_binary_builds_the_synthetic_site() {
    let site = generate(42);
    let check = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "check failed:\n{said}");
    assert!(
        said.contains(&format!(
            "{} files checked: 0 errors, 0 warnings",
            DEPARTMENTS * YEARS
        )),
        "{said}"
    );
    let out = site.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let content = load(site.path());
    for d in &content.disclosures {
        let page = out.join(format!("{}/{}/index.html", d.data.year, d.data.code));
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.contains(&d.data.name), "{}", page.display());
        assert!(html.contains("table-13"), "{}", page.display());
    }
}

fn sum_source<'a>(lines: impl Iterator<Item = &'a FunctionalLine>, s: Source) -> Components {
    lines.map(|l| l.source(s).clone()).sum()
}

fn econ(d: &Disclosure, s: Source) -> EconomicComponents {
    d.economic.iter().map(|l| l.source(s).clone()).sum()
}

/// The identities of docs/domain.md that tie the lists of facts together.
fn assert_identities(d: &Disclosure, name: &str) {
    let f = Figures::of(d);
    let ctx = |what: &str| format!("{name}: {what}");

    // T1 balances; income per source equals expenditure per source.
    assert_eq!(
        f.income_total,
        f.expenditure_total,
        "{}",
        ctx("收入总计 = 支出总计")
    );
    assert_eq!(
        f.income.general(),
        f.general.total(),
        "{}",
        ctx("一般公共预算")
    );
    assert_eq!(
        f.income.fund_total(),
        f.fund.total(),
        "{}",
        ctx("政府性基金")
    );
    assert_eq!(
        f.income.state_capital,
        f.state_capital.total(),
        "{}",
        ctx("国有资本经营")
    );
    let exp = |s: Source| sum_source(d.expenditure.iter(), s).total();
    let inc = &f.income;
    for (s, income) in [
        (Source::SpecialAccount, inc.special_account),
        (Source::Business, inc.business),
        (Source::Operating, inc.operating),
        (Source::Superior, inc.superior),
        (Source::Affiliated, inc.affiliated),
        (Source::Other, inc.other),
        (Source::Carryover, inc.carryover_total()),
    ] {
        assert_eq!(income, exp(s), "{}", ctx(&format!("{s:?} income")));
    }
    // Each unit's income covers its own expenditure.
    for u in &d.units {
        let mine = |unit: &Option<String>| unit.as_deref().unwrap_or(&d.units[0].code) == u.code;
        let income: Money = d
            .income
            .iter()
            .filter(|l| mine(&l.unit))
            .map(|l| l.total())
            .sum();
        let spent: Money = d
            .expenditure
            .iter()
            .filter(|l| mine(&l.unit))
            .map(|l| l.all().total())
            .sum();
        assert_eq!(income, spent, "{}", ctx(&format!("unit {}", u.code)));
    }

    // Economic = functional, per source: 人员经费, 公用经费, 项目.
    for s in Source::ALL {
        let func = sum_source(d.expenditure.iter(), s);
        let e = econ(d, s);
        assert_eq!(
            e.personnel,
            func.personnel(),
            "{}",
            ctx(&format!("{s:?} 人员经费"))
        );
        assert_eq!(e.public, func.public, "{}", ctx(&format!("{s:?} 公用经费")));
        assert_eq!(e.project, func.project(), "{}", ctx(&format!("{s:?} 项目")));
    }
    assert_eq!(
        f.economic_general.basic(),
        f.general.basic(),
        "{}",
        ctx("T5 = T6")
    );

    // Projects = the project parts of the functional lines, per source and per kind.
    let ps = &d.projects;
    let total = |pick: &dyn Fn(&gongkai::content::model::Project) -> Money| {
        ps.iter().map(pick).sum::<Money>()
    };
    assert_eq!(
        total(&|p| p.general),
        f.general.project(),
        "{}",
        ctx("T11 一般公共预算")
    );
    assert_eq!(
        total(&|p| p.fund),
        f.fund.project(),
        "{}",
        ctx("T11 政府性基金")
    );
    assert_eq!(
        total(&|p| p.state_capital),
        f.state_capital.project(),
        "{}",
        ctx("T11 国有资本")
    );
    assert_eq!(
        total(&|p| p.carryover.general + p.carryover.fund + p.carryover.state_capital),
        sum_source(d.expenditure.iter(), Source::Carryover).project(),
        "{}",
        ctx("T11 上年结转")
    );
    for (kind, func) in [
        (ProjectKind::Targeted, f.all.targeted),
        (ProjectKind::Running, f.all.running),
    ] {
        let projects: Money = ps
            .iter()
            .filter(|p| p.kind == kind)
            .map(project_total)
            .sum();
        assert_eq!(projects, func, "{}", ctx(kind.label()));
    }
    assert_eq!(f.project_total, f.all.project(), "{}", ctx("T11 = T3 项目"));

    // Soft rules and completeness.
    assert!(
        f.procurement_total <= f.income_total,
        "{}",
        ctx("政府采购 ≤ 总计")
    );
    assert!(!d.performance.goal.is_empty() && !d.performance.indicators.is_empty());
    for p in ps {
        let t = &p.targets;
        assert!(
            [&t.cost, &t.output, &t.effect, &t.satisfaction]
                .iter()
                .all(|l| !l.is_empty()),
            "{}",
            ctx(&p.code)
        );
        assert_eq!(t.cost[0].value, format!("{}万元", project_total(p).plain()));
    }

    // Codes gongkai can name.
    for l in &d.expenditure {
        assert!(
            codes::function_class_name(&l.code[..3]).is_some(),
            "{}",
            ctx(&l.code)
        );
    }
    for l in &d.economic {
        assert!(
            codes::economic_class_name(&l.code[..3]).is_some(),
            "{}",
            ctx(&l.code)
        );
        assert!(
            l.gov_name.is_some()
                || l.gov_code
                    .as_deref()
                    .and_then(codes::gov_economic_name)
                    .is_some(),
            "{}",
            ctx(l.gov_code.as_deref().unwrap_or("(none)"))
        );
    }

    // Every table that comes out empty says why, and only those.
    let must_explain = [
        ("fund", f.fund.total().is_zero()),
        ("state_capital", f.state_capital.total().is_zero()),
        ("three_public", f.three_public.total().is_zero()),
        ("projects", ps.is_empty()),
        ("project_performance", ps.is_empty()),
    ];
    for (key, empty) in must_explain {
        assert_eq!(d.empty_tables.contains_key(key), empty, "{}", ctx(key));
    }
    for t in disclosure_view(
        d,
        &[],
        gongkai::content::profile::Profile::default_ref(),
        &[],
    )
    .tables
    {
        assert_eq!(
            t.empty_note.is_some(),
            d.empty_tables.contains_key(t.key),
            "{}",
            ctx(t.key)
        );
    }
}

#[test]
fn identities_hold_and_shapes_vary() {
    let site = generate(42);
    let content = load(site.path());
    let ds: Vec<&Disclosure> = content.disclosures.iter().map(|l| &l.data).collect();
    assert_eq!(ds.len(), DEPARTMENTS * YEARS);
    for l in &content.disclosures {
        assert_identities(&l.data, &l.file.display().to_string());
    }

    // The shapes the issue asks for occur.
    let items = |d: &Disclosure| d.expenditure.len();
    assert!(ds.iter().all(|d| (5..=62).contains(&items(d))));
    assert!(ds.iter().all(|d| (1..=8).contains(&d.units.len())));
    assert!(ds.iter().all(|d| d.projects.len() <= 20));
    assert!(ds.iter().any(|d| d.units.len() > 1));
    assert!(ds.iter().any(|d| d.units.len() == 1));
    assert!(ds.iter().any(|d| d.projects.is_empty()));
    assert!(ds.iter().any(|d| d.projects.len() >= 7));
    assert!(ds.iter().any(|d| items(d) >= 20));
    assert!(ds.iter().any(|d| !Figures::of(d).fund.total().is_zero()));
    assert!(ds.iter().any(|d| !d.empty_tables.is_empty()));
    assert!(ds.iter().any(|d| !Figures::of(d).income.business.is_zero()));

    // Last year's figures of a department are what it published last year.
    for d in ds.iter().filter(|d| d.year == 2024) {
        let before = ds
            .iter()
            .find(|p| p.year == 2023 && p.code == d.code)
            .expect("every department has both years");
        let (now, then) = (&d.previous_year, Figures::of(before));
        assert_eq!(now.total.amount(), then.income_total, "{}", d.code);
        assert_eq!(now.general.amount(), then.general.total(), "{}", d.code);
        assert_eq!(now.running_costs.amount(), then.running_costs, "{}", d.code);
        assert_eq!(now.abroad.amount(), then.three_public.abroad, "{}", d.code);
    }
}
