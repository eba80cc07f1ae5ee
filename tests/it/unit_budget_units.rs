//! A department with two budgeted units (the 普陀 example with its 中小企业服务中心 given a
//! budget of its own, made up for the test): each unit's budget closes, the units add up to the
//! department in every total, and a unit figure of the unit file that does not add up is
//! caught.

use crate::common::TempSite;
use gongkai::content::money::Money;
use gongkai::derive::Figures;
use std::process::Command;

const DEPT: &str = "2025/commerce.yaml";
const UNIT_FILE: &str = "2025/单位预算/commerce.yaml";

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// The example split in two: 中小企业服务中心 gets 事业运行, 事业单位离退休 and 事业单位医疗
/// (3,168,962.00 元 of 基本支出, all 人员经费: part of 津贴补贴) and the income that pays for
/// them; 商务委本部 keeps the rest.
fn two_units() -> TempSite {
    let site = TempSite::copy_of("examples/putuo");
    let path = site.root().join("content").join(DEPT);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in [
        (
            "kind: 事业单位, separate_budget: false }",
            // 行政单位 like 本部, so that 机关运行经费 is every unit's 公用经费 (the lines do not
            // split 基本支出, which units of different kinds would need).
            "kind: 行政单位 }",
        ),
        (
            "  - appropriation: \"371,514,655.00\"",
            "  - { unit: commerce-hq, appropriation: \"368,345,693.00\" }\n  - { unit: commerce-smes, appropriation: \"3,168,962.00\" }",
        ),
        (
            "{ code: \"30102\", name: 津贴补贴, general: { personnel: \"7,533,376.00\" } }",
            "{ code: \"30102\", name: 津贴补贴, general: { personnel: \"4,364,414.00\" }, unit: commerce-hq }\n  - { code: \"30102\", name: 津贴补贴, general: { personnel: \"3,168,962.00\" }, unit: commerce-smes }",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let smes = ["\"2011350\"", "\"2080502\"", "\"2101102\""];
    let mut out = String::new();
    for line in text.lines() {
        if let Some(code) = line.strip_prefix("  - code: ") {
            let unit = if smes.contains(&code) {
                "commerce-smes"
            } else {
                "commerce-hq"
            };
            out.push_str(&format!("  - unit: {unit}\n    code: {code}\n"));
        } else if line.starts_with("  - { code: \"3") && !line.contains("unit:") {
            out.push_str(
                &line
                    .replacen(" }", " }, unit: commerce-hq }", 0)
                    .replace(" } }", " }, unit: commerce-hq }"),
            );
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    std::fs::write(&path, out).unwrap();
    let own = |procurement: &str, count: u32, amount: &str| {
        format!(
            "    duties: [单位职责]\n    previous_year: {{}}\n    procurement: {procurement}\n    assets: {{ as_of: 截至2024年8月31日 }}\n    projects_with_targets: {{ count: {count}, amount: \"{amount}\" }}\n"
        )
    };
    let smes_note = "    empty_tables:\n      three_public: 本单位2025年无“三公”经费和机关运行经费预算，故本表为空表。\n";
    site.write(
        UNIT_FILE,
        &format!(
            "code: commerce\nyear: 2025\nunits:\n  - code: commerce-hq\n    public_by_class:\n      \"201\": \"1,467,842.00\"\n      \"208\": \"242,220.00\"\n{}  - code: commerce-smes\n{}{smes_note}",
            own("{ goods: \"78,000.00\", services: \"304,000.00\" }", 25, "113,816,000.00"),
            own("{}", 0, "0"),
        ),
    );
    site
}

fn check(site: &TempSite) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "zh")
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn two_units_close_and_add_up_to_their_department() {
    let site = two_units();
    let (code, text) = check(&site);
    assert_eq!(code, Some(0), "{text}");
    let m_ = gongkai::content::load::scan(site.root()).unwrap();
    let (departments, problems) = gongkai::unit_budget::site::load_all(site.root(), &m_, None);
    assert!(problems.is_empty(), "{problems:?}");
    let d = &departments[0];
    assert_eq!(d.units.len(), 2);
    let dept = Figures::of(&d.file.data);
    let units: Vec<Figures> = d.units.iter().map(|u| Figures::of(&u.data)).collect();
    let sum = |f: fn(&Figures) -> Money| units.iter().map(f).sum::<Money>();
    assert_eq!(sum(|f| f.income_total), dept.income_total);
    assert_eq!(sum(|f| f.expenditure_total), dept.expenditure_total);
    assert_eq!(sum(|f| f.general.basic()), dept.general.basic());
    assert_eq!(sum(|f| f.general.project()), dept.general.project());
    assert_eq!(
        sum(|f| f.economic_general.personnel),
        dept.economic_general.personnel
    );
    assert_eq!(
        sum(|f| f.economic_general.public),
        dept.economic_general.public
    );
    assert_eq!(sum(|f| f.three_public.total()), dept.three_public.total());
    assert_eq!(sum(|f| f.procurement_total), dept.procurement_total);
    assert_eq!(units[1].expenditure_total, m("3,168,962.00"));
    // The second unit's page is its own: its name, its three 项, all 人员经费.
    let out = site.out();
    let run = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page =
        std::fs::read_to_string(out.join("2025/unit/commerce/commerce-smes/index.html")).unwrap();
    assert!(page.contains("预算单位：上海市普陀区中小企业服务中心"));
    let t1 = crate::common::parse_table(&page, "table-01");
    assert_eq!(
        t1.last().unwrap(),
        &[
            "收入总计",
            "3,168,962.00",
            "支出总计",
            "3,168,962.00",
            "3,168,962.00",
            "",
            ""
        ]
    );
    let dept_page = std::fs::read_to_string(out.join("2025/commerce/index.html")).unwrap();
    assert!(dept_page.contains("../unit/commerce/commerce-smes/index.html"));
    assert!(dept_page.contains("../unit/commerce/commerce-hq/index.html"));
}

/// Mutation: the units' 政府采购 no longer add up to the department's.
#[test]
fn units_that_do_not_add_up_to_their_department_are_caught() {
    let site = two_units();
    site.replace(
        UNIT_FILE,
        "services: \"304,000.00\"",
        "services: \"305,000.00\"",
    );
    let (code, text) = check(&site);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("[unit-sum]")
            && text
                .contains("各单位的政府采购预算之和 383000.00 与部门的政府采购预算 382000.00 不符"),
        "{text}"
    );
}
