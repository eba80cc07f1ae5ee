//! The open-data packages: each year's rows add up, per department, to table 1's 收入总计 and
//! 支出总计 as gongkai's own table code derives them; the descriptor describes its CSV; and
//! the reference tools accept the packages — `frictionless validate`, and the Fiscal Data
//! Package JSON schema in `tests/data/` (checked with Python's `jsonschema`). Without those
//! tools the last test says it was skipped; under `CI=true` it fails.

use rust_decimal::Decimal;
use sha2::Digest;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The rows of a facts CSV, as maps from column name to value.
fn rows(csv_path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(csv_path).unwrap_or_else(|e| panic!("{}: {e}", csv_path.display()));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn amount(text: &str) -> Decimal {
    text.replace(',', "")
        .parse()
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// Per department of one year: (revenue, expenditure) summed from the package rows.
fn sums(public: &Path, year: u16) -> BTreeMap<String, (Decimal, Decimal)> {
    let mut out: BTreeMap<String, (Decimal, Decimal)> = BTreeMap::new();
    for r in rows(&public.join(format!("{year}/budget-facts-{year}.csv"))) {
        assert_eq!(r["year"], year.to_string());
        if r["phase"] != "approved" {
            continue;
        }
        let a = amount(&r["amount"]);
        assert!(a > Decimal::ZERO, "{r:?}");
        let e = out.entry(r["department_code"].clone()).or_default();
        match r["breakdown"].as_str() {
            "income" => {
                assert_eq!(r["direction"], "revenue");
                e.0 += a;
            }
            "functional" | "balance" => {
                assert_eq!(r["direction"], "expenditure");
                e.1 += a;
            }
            "economic" | "project" => assert_eq!(r["direction"], "expenditure"),
            other => panic!("unknown breakdown {other}"),
        }
    }
    out
}

/// Table 1's 收入总计 and 支出总计 of a disclosure, as the profile's table code derives
/// them, in 元, and whether table 1 shows 万元 (then each is the exact total rounded once).
struct TableOne {
    income: Decimal,
    expenditure: Decimal,
    wan: bool,
}

fn table_one_totals(root: &Path) -> BTreeMap<(u16, String), TableOne> {
    use gongkai::derive::Figures;
    use gongkai::derive::tables::{Ctx, tables_for};
    let content = gongkai::content::load::load_content(root).unwrap_or_else(|p| panic!("{p}"));
    let mut out = BTreeMap::new();
    for d in &content.disclosures {
        let d = &d.data;
        let f = Figures::of(d);
        let tables = tables_for(&Ctx { d, f: &f }, &content.profile);
        let t1 = &tables[0];
        let grid = t1.grid();
        let after = |label: &str| {
            grid.iter()
                .flat_map(|row| row.iter().zip(row.iter().skip(1)))
                .find(|(l, _)| l.as_ref() == label)
                .map(|(_, v)| amount(v))
                .unwrap_or_else(|| panic!("no {label} in table 1 of {}: {grid:?}", d.code))
        };
        let wan = t1.unit == "万元";
        let scale = Decimal::from(if wan { 10_000 } else { 1 });
        out.insert(
            (d.year, d.code.clone()),
            TableOne {
                income: after("收入总计") * scale,
                expenditure: after("支出总计") * scale,
                wan,
            },
        );
    }
    out
}

/// An amount in 元 as table 1 shows it: in 万元, rounded half up to two decimals (and
/// given back in 元).
fn as_shown(yuan: Decimal, wan: bool) -> Decimal {
    if !wan {
        return yuan;
    }
    let w = Decimal::from(10_000);
    (yuan / w).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero) * w
}

fn rows_add_up_to_table_one(root: &Path, public: &Path) {
    let expected = table_one_totals(root);
    let years: std::collections::BTreeSet<u16> = expected.keys().map(|k| k.0).collect();
    let mut compared = 0;
    for year in years {
        let got = sums(public, year);
        let want: Vec<_> = expected.iter().filter(|(k, _)| k.0 == year).collect();
        assert_eq!(got.len(), want.len(), "{year}: departments in the package");
        for ((_, code), t) in want {
            let (rev, exp) = got[code];
            assert_eq!(as_shown(rev, t.wan), t.income, "{year} {code} 收入总计");
            assert_eq!(
                as_shown(exp, t.wan),
                t.expenditure,
                "{year} {code} 支出总计"
            );
            compared += 1;
        }
    }
    assert!(compared > 0);
}

#[test]
fn jiyuan_rows_add_up_to_table_one_per_department() {
    rows_add_up_to_table_one(crate::common::repo_root(), &crate::common::public_dir());
    // The real sample, to the fen: 收入总计 1,042.10万元.
    let got = sums(&crate::common::public_dir(), 2024);
    assert_eq!(got["085"].0, Decimal::new(10_421_000, 0));
    assert_eq!(got["085"].1, Decimal::new(10_421_000, 0));
    // Table 11's projects, by project and source: their 合计 is 158.40万元, as the table's.
    let projects: Decimal = rows(&crate::common::public_dir().join("2024/budget-facts-2024.csv"))
        .iter()
        .filter(|r| r["department_code"] == "085" && r["breakdown"] == "project")
        .map(|r| amount(&r["amount"]))
        .sum();
    let t11 = crate::common::parse_table(&crate::common::department_page(2024, "085"), "table-11");
    let total = t11.iter().find(|r| r[1] == "合计").expect("合计 row")[3].clone();
    assert_eq!(total, "158.40");
    assert_eq!(projects, amount(&total) * Decimal::from(10_000));
}

#[test]
fn putuo_rows_add_up_to_table_one_per_department() {
    let root = crate::common::repo_root().join("examples/putuo");
    rows_add_up_to_table_one(&root, &crate::common::putuo_public_dir());
    // 收入总计 371,514,655.00元 as published.
    let got = sums(&crate::common::putuo_public_dir(), 2025);
    let (rev, exp) = got.values().next().unwrap();
    assert_eq!(*rev, Decimal::new(371_514_655, 0));
    assert_eq!(*exp, Decimal::new(371_514_655, 0));
}

/// The 普陀 财政局's 2024 决算 (a year of the example without a budget) has a package of its
/// own with phase `executed`: income and expenditure rows add up alike, to the published
/// 收入支出总计 2,995.39万元; the site's package holds plan and outcome side by side.
#[test]
fn final_accounts_rows_are_executed_and_add_up_to_the_published_total() {
    let public = crate::common::putuo_public_dir();
    let all = rows(&public.join("2024/budget-facts-2024.csv"));
    assert!(!all.is_empty());
    let (mut income, mut spent, mut basic_general, mut economic) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for r in &all {
        assert_eq!(
            (r["phase"].as_str(), r["department_code"].as_str()),
            ("executed", "finance")
        );
        let a = amount(&r["amount"]);
        match r["breakdown"].as_str() {
            "income" => income += a,
            "functional" | "balance" => spent += a,
            "economic" => economic += a,
            other => panic!("a 决算 has no {other} rows"),
        }
        if r["breakdown"] == "functional"
            && r["source_code"] == "general"
            && r["component_code"] == "basic"
        {
            basic_general += a;
        }
    }
    assert_eq!(income, spent, "收入 + 年初 = 支出 + 年末");
    let wan = (income / Decimal::from(10_000))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(wan.to_string(), "2995.39");
    // The 经济分类 rows are the 一般公共预算财政拨款基本支出 (决算表六), split by 款.
    assert_eq!(economic, basic_general);
    assert!(economic > Decimal::ZERO);
    let site = rows(&public.join("data/budget-facts.csv"));
    let phases: std::collections::BTreeSet<(&str, &str)> = site
        .iter()
        .map(|r| (r["year"].as_str(), r["phase"].as_str()))
        .collect();
    assert_eq!(
        phases.into_iter().collect::<Vec<_>>(),
        [("2024", "executed"), ("2025", "approved")]
    );
}

/// The real sample's rows, by hand from its file: 2011350 事业运行 工资福利支出 605.30万元.
#[test]
fn a_fact_of_the_sample_is_one_row_in_yuan() {
    let all = rows(&crate::common::public_dir().join("2024/budget-facts-2024.csv"));
    let hit: Vec<_> = all
        .iter()
        .filter(|r| {
            r["department_code"] == "085"
                && r["functional_code"] == "2011350"
                && r["component_code"] == "wages"
        })
        .collect();
    assert_eq!(hit.len(), 1, "{hit:?}");
    let r = hit[0];
    assert_eq!(r["amount"], "6053000.00");
    assert_eq!(r["unit_code"], "085001");
    assert_eq!(r["functional_class_code"], "201");
    assert_eq!(r["functional_section_code"], "20113");
    assert_eq!(r["functional_name"], "事业运行");
    assert_eq!(r["source_code"], "general");
    assert_eq!(r["spending_type"], "basic");
    // 30201 办公费: 4.40 公用经费 and 5.00 项目 of 一般公共预算.
    let office: Vec<_> = all
        .iter()
        .filter(|r| r["department_code"] == "085" && r["economic_code"] == "30201")
        .map(|r| (r["component_code"].as_str(), r["amount"].as_str()))
        .collect();
    assert_eq!(office, [("public", "44000.00"), ("project", "50000.00")]);
}

/// Every package: the descriptor's resource is the CSV beside it, with its size and hash,
/// and its fields are the CSV's columns; both are in their folder's SHA256SUMS.
#[test]
fn descriptors_describe_their_csv_and_manifests_cover_them() {
    for public in [
        crate::common::public_dir(),
        crate::common::putuo_public_dir(),
    ] {
        for dir in packages(&public) {
            let text = std::fs::read_to_string(dir.join("datapackage.json")).unwrap();
            let d: serde_json::Value = serde_json::from_str(&text).unwrap();
            let res = &d["resources"][0];
            let csv_name = res["path"].as_str().unwrap();
            let bytes = std::fs::read(dir.join(csv_name)).unwrap();
            assert_eq!(res["bytes"].as_u64(), Some(bytes.len() as u64));
            let sha = gongkai::output::hex(&sha2::Sha256::digest(&bytes));
            assert_eq!(res["hash"].as_str(), Some(format!("sha256:{sha}").as_str()));
            let header = String::from_utf8_lossy(&bytes[3..])
                .lines()
                .next()
                .unwrap()
                .to_owned();
            let fields: Vec<&str> = res["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            assert_eq!(header, fields.join(","));
            assert_eq!(d["model"]["measures"]["amount"]["currency"], "CNY");
            let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
            for f in ["datapackage.json", csv_name] {
                assert!(sums.lines().any(|l| l.ends_with(&format!("  {f}"))), "{f}");
            }
        }
    }
    // Linked from the year page and home.
    let year = crate::common::read_output("2024/index.html");
    assert!(year.contains("href=\"datapackage.json\""), "year page");
    let home = crate::common::read_output("index.html");
    assert!(home.contains("href=\"data/datapackage.json\""), "home page");
}

/// The folders holding a package: each year's and the site's `data/`.
fn packages(public: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(public)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("datapackage.json").is_file())
        .collect();
    out.sort();
    assert!(out.len() >= 2, "{out:?}");
    out
}

/// Whether a tool the test needs is there; without it the test is skipped, except in CI.
fn have(what: &str, mut probe: Command) -> bool {
    let ok = probe.output().is_ok_and(|o| o.status.success());
    if !ok {
        crate::common::skip(&format!(
            "{what} is not installed (pip install frictionless jsonschema; .ci/run installs it)"
        ));
    }
    ok
}

#[test]
fn frictionless_and_the_fiscal_data_package_schema_accept_the_packages() {
    let mut probe = Command::new("frictionless");
    probe.arg("--version");
    if !have("frictionless", probe) {
        return;
    }
    let mut probe = Command::new("python3");
    probe.args(["-c", "import jsonschema"]);
    if !have("python3 with jsonschema", probe) {
        return;
    }
    let schema = crate::common::repo_root().join("tests/data/fiscal-data-package.json");
    for public in [
        crate::common::public_dir(),
        crate::common::putuo_public_dir(),
    ] {
        for dir in packages(&public) {
            let descriptor = dir.join("datapackage.json");
            let o = Command::new("frictionless")
                .arg("validate")
                .arg(&descriptor)
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "frictionless validate {}:\n{}{}",
                descriptor.display(),
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            let o = Command::new("python3")
                .arg("-c")
                .arg(
                    "import json, sys, jsonschema\n\
                     schema = json.load(open(sys.argv[1], encoding='utf-8'))\n\
                     doc = json.load(open(sys.argv[2], encoding='utf-8'))\n\
                     errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))\n\
                     for e in errors: print(list(e.absolute_path), e.message[:300])\n\
                     sys.exit(1 if errors else 0)",
                )
                .arg(&schema)
                .arg(&descriptor)
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "{} against the Fiscal Data Package schema:\n{}{}",
                descriptor.display(),
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
}
