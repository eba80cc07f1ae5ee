//! The 普陀 财政局 2024 部门决算 (`examples/putuo/content/2024/决算/finance.yaml`) against the
//! figures typed from its published document: every cell of the nine tables (the 情况说明 is
//! in `final_accounts_narrative.rs`), the checks, and the page. Cells are typed as the sample
//! prints them, `|` between cells (a blank cell is empty); codes are written without spaces
//! (`201 06 01` → `2010601`).

use crate::final_accounts_example::{loaded, root};
use gongkai::final_accounts::{self, checks, execution, tables};
use std::path::{Path, PathBuf};

fn assert_table(t: &tables::FaTable, expected: &[&str]) {
    let got: Vec<String> = t.rows.iter().map(|r| r.cells.join("|")).collect();
    for (i, (g, e)) in got.iter().zip(expected).enumerate() {
        assert_eq!(g, e, "{} row {}", t.title, i + 1);
    }
    assert_eq!(got.len(), expected.len(), "{}: number of rows", t.title);
}

#[test]
fn the_sample_closes_without_problems() {
    let d = loaded();
    let problems = checks::check(&d);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn table_1_income_expenditure() {
    let d = loaded();
    let t = tables::income_expenditure(&d.data);
    let classes = [
        ("一般公共服务支出", "2,106.66"),
        ("外交支出", ""),
        ("国防支出", ""),
        ("公共安全支出", ""),
        ("教育支出", ""),
        ("科学技术支出", ""),
        ("文化旅游体育与传媒支出", ""),
        ("社会保障和就业支出", "326.71"),
        ("卫生健康支出", "60.99"),
        ("节能环保支出", ""),
        ("城乡社区支出", ""),
        ("农林水支出", ""),
        ("交通运输支出", ""),
        ("资源勘探工业信息等支出", ""),
        ("商业服务业等支出", ""),
        ("金融支出", ""),
        ("援助其他地区支出", ""),
        ("自然资源海洋气象等支出", ""),
        ("住房保障支出", "445.69"),
        ("粮油物资储备支出", ""),
        ("国有资本经营预算支出", ""),
        ("灾害防治及应急管理支出", ""),
        ("其他支出", ""),
        ("债务还本支出", ""),
        ("债务付息支出", ""),
        ("抗疫特别国债安排的支出", ""),
    ];
    let income = [
        "一、一般公共预算财政拨款收入|2,940.05",
        "二、政府性基金预算财政拨款收入|",
        "三、国有资本经营预算财政拨款收入|",
        "四、上级补助收入|",
        "五、事业收入|",
        "六、经营收入|",
        "七、附属单位上缴收入|",
        "八、其他收入|6.20",
    ];
    let mut expected: Vec<String> = classes
        .iter()
        .enumerate()
        .map(|(i, (name, v))| {
            let left = income.get(i).copied().unwrap_or("|");
            format!(
                "{left}|{}、{name}|{v}",
                gongkai::content::codes::chinese_number(i + 1)
            )
        })
        .collect();
    expected.extend(
        [
            "本年收入合计|2,946.25|本年支出合计|2,940.05",
            "使用非财政拨款结余（含专用结余）||结余分配|",
            "年初结转和结余|49.14|年末结转和结余|55.34",
            "总计|2,995.39|总计|2,995.39",
        ]
        .map(String::from),
    );
    let e: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_table(&t, &e);
}

#[test]
fn table_2_income() {
    let d = loaded();
    assert_table(
        &tables::income(&d.data),
        &[
            "|合计|2,946.25|2,940.05|||||6.20",
            "201|一般公共服务支出|2,112.86|2,106.66|||||6.20",
            "20106|财政事务|2,112.86|2,106.66|||||6.20",
            "2010601|行政运行|1,511.90|1,511.89|||||0.01",
            "2010602|一般行政管理事务|16.19|10.00|||||6.19",
            "2010607|信息化建设|135.25|135.25|||||",
            "2010608|财政委托业务支出|449.52|449.52|||||",
            "208|社会保障和就业支出|326.72|326.72|||||",
            "20805|行政事业单位养老支出|326.72|326.72|||||",
            "2080501|行政单位离退休|84.65|84.65|||||",
            "2080505|机关事业单位基本养老保险缴费支出|160.75|160.75|||||",
            "2080506|机关事业单位职业年金缴费支出|80.38|80.38|||||",
            "2080599|其他行政事业单位养老支出|0.94|0.94|||||",
            "210|卫生健康支出|60.99|60.99|||||",
            "21011|行政事业单位医疗|60.99|60.99|||||",
            "2101101|行政单位医疗|60.99|60.99|||||",
            "221|住房保障支出|445.69|445.69|||||",
            "22102|住房改革支出|445.69|445.69|||||",
            "2210201|住房公积金|187.19|187.19|||||",
            "2210203|购房补贴|258.50|258.50|||||",
        ],
    );
}

#[test]
fn table_3_expenditure() {
    let d = loaded();
    assert_table(
        &tables::expenditure(&d.data),
        &[
            "|合计|2,940.05|2,336.91|603.14|||",
            "201|一般公共服务支出|2,106.66|1,503.52|603.14|||",
            "20106|财政事务|2,106.66|1,503.52|603.14|||",
            "2010601|行政运行|1,511.89|1,503.52|8.37|||",
            "2010602|一般行政管理事务|10.00||10.00|||",
            "2010607|信息化建设|135.25||135.25|||",
            "2010608|财政委托业务支出|449.52||449.52|||",
            "208|社会保障和就业支出|326.72|326.72||||",
            "20805|行政事业单位养老支出|326.72|326.72||||",
            "2080501|行政单位离退休|84.65|84.65||||",
            "2080505|机关事业单位基本养老保险缴费支出|160.75|160.75||||",
            "2080506|机关事业单位职业年金缴费支出|80.38|80.38||||",
            "2080599|其他行政事业单位养老支出|0.94|0.94||||",
            "210|卫生健康支出|60.99|60.99||||",
            "21011|行政事业单位医疗|60.99|60.99||||",
            "2101101|行政单位医疗|60.99|60.99||||",
            "221|住房保障支出|445.69|445.69||||",
            "22102|住房改革支出|445.69|445.69||||",
            "2210201|住房公积金|187.19|187.19||||",
            "2210203|购房补贴|258.50|258.50||||",
        ],
    );
}

#[test]
fn table_4_appropriation() {
    let d = loaded();
    let t = tables::appropriation(&d.data);
    let values = [
        (1, "2,106.66|2,106.66||"),
        (8, "326.71|326.71||"),
        (9, "60.99|60.99||"),
        (19, "445.69|445.69||"),
    ];
    let left = [
        "一、一般公共预算财政拨款|2,940.05",
        "二、政府性基金预算财政拨款|",
        "三、国有资本经营预算财政拨款|",
    ];
    let names = [
        "一般公共服务支出",
        "外交支出",
        "国防支出",
        "公共安全支出",
        "教育支出",
        "科学技术支出",
        "文化旅游体育与传媒支出",
        "社会保障和就业支出",
        "卫生健康支出",
        "节能环保支出",
        "城乡社区支出",
        "农林水支出",
        "交通运输支出",
        "资源勘探工业信息等支出",
        "商业服务业等支出",
        "金融支出",
        "援助其他地区支出",
        "自然资源海洋气象等支出",
        "住房保障支出",
        "粮油物资储备支出",
        "国有资本经营预算支出",
        "灾害防治及应急管理支出",
        "其他支出",
        "债务还本支出",
        "债务付息支出",
        "抗疫特别国债安排的支出",
    ];
    let mut expected: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let v = values
                .iter()
                .find(|(k, _)| *k == i + 1)
                .map(|(_, v)| *v)
                .unwrap_or("|||");
            format!(
                "{}|{}、{n}|{v}",
                left.get(i).copied().unwrap_or("|"),
                gongkai::content::codes::chinese_number(i + 1)
            )
        })
        .collect();
    expected.extend(
        [
            "本年收入合计|2,940.05|本年支出合计|2,940.05|2,940.05||",
            "年初财政拨款结转和结余|21.63|年末财政拨款结转和结余|21.63|21.63||",
            "一、一般公共预算财政拨款|21.63|||||",
            "二、政府性基金预算财政拨款||||||",
            "三、国有资本经营预算财政拨款||||||",
            "总计|2,961.68|总计|2,961.68|2,961.68||",
        ]
        .map(String::from),
    );
    let e: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_table(&t, &e);
}

#[test]
fn table_5_general_expenditure() {
    let d = loaded();
    assert_table(
        &tables::general_expenditure(&d.data),
        &[
            "201|一般公共服务支出|2,106.66|1,503.52|603.14",
            "20106|财政事务|2,106.66|1,503.52|603.14",
            "2010601|行政运行|1,511.89|1,503.52|8.37",
            "2010602|一般行政管理事务|10.00||10.00",
            "2010607|信息化建设|135.25||135.25",
            "2010608|财政委托业务支出|449.52||449.52",
            "208|社会保障和就业支出|326.72|326.72|",
            "20805|行政事业单位养老支出|326.72|326.72|",
            "2080501|行政单位离退休|84.65|84.65|",
            "2080505|机关事业单位基本养老保险缴费支出|160.75|160.75|",
            "2080506|机关事业单位职业年金缴费支出|80.38|80.38|",
            "2080599|其他行政事业单位养老支出|0.94|0.94|",
            "210|卫生健康支出|60.99|60.99|",
            "21011|行政事业单位医疗|60.99|60.99|",
            "2101101|行政单位医疗|60.99|60.99|",
            "221|住房保障支出|445.69|445.69|",
            "22102|住房改革支出|445.69|445.69|",
            "2210201|住房公积金|187.19|187.19|",
            "2210203|购房补贴|258.50|258.50|",
            "|合计|2,940.05|2,336.91|603.14",
        ],
    );
}

#[test]
fn table_6_general_basic() {
    let d = loaded();
    assert_table(
        &tables::general_basic(&d.data),
        &[
            "301|工资福利支出|2,082.85|302|商品和服务支出|171.07",
            "30101|基本工资|262.33|30201|办公费|21.21",
            "30102|津贴补贴|1,238.58|30202|印刷费|7.61",
            "30103|奖金||30203|咨询费|",
            "30106|伙食补助费||30204|手续费|0.09",
            "30107|绩效工资||30205|水费|",
            "30108|机关事业单位基本养老保险缴费|160.75|30206|电费|",
            "30109|职业年金缴费|80.38|30207|邮电费|4.88",
            "30110|职工基本医疗保险缴费|60.99|30208|取暖费|",
            "30111|公务员医疗补助缴费||30209|物业管理费|",
            "30112|其他社会保障缴费|1.61|30211|差旅费|1.20",
            "30113|住房公积金|187.19|30212|因公出国（境）费用|",
            "30114|医疗费||30213|维修（护）费|2.83",
            "30199|其他工资福利支出|91.03|30214|租赁费|",
            "303|对个人和家庭的补助|69.41|30215|会议费|",
            "30301|离休费||30216|培训费|4.05",
            "30302|退休费|69.10|30217|公务接待费|",
            "30303|退职（役）费||30218|专用材料费|",
            "30304|抚恤金||30224|被装购置费|",
            "30305|生活补助||30225|专用燃料费|",
            "30307|医疗费补助||30226|劳务费|2.01",
            "30308|助学金||30227|委托业务费|",
            "30309|奖励金|0.31|30228|工会经费|24.42",
            "30310|个人农业生产补贴||30229|福利费|42.77",
            "30311|代缴社会保险费||30231|公务用车运行维护费|",
            "30399|其他对个人和家庭的补助||30239|其他交通费用|48.49",
            "|||30240|税金及附加费用|",
            "|||30299|其他商品和服务支出|11.53",
            "|||310|资本性支出|13.58",
            "|||31001|房屋建筑物购建|",
            "|||31002|办公设备购置|13.58",
            "|||31003|专用设备购置|",
            "|||31007|信息网络及软件购置更新|",
            "|||31013|公务用车购置|",
            "|||31019|其他交通工具购置|",
            "|||31021|文物和陈列品购置|",
            "|||31022|无形资产购置|",
            "|||31099|其他资本性支出|",
            "|人员经费合计|2,152.26||公用经费合计|184.65",
        ],
    );
}

#[test]
fn table_7_three_public() {
    let d = loaded();
    // 合计 预算数 0.95 and 公务接待费 预算数 0.95; every 决算数 blank.
    let t = tables::three_public(&d.data);
    assert_eq!(
        t.rows[0].cells,
        ["0.95", "", "", "", "", "", "", "", "", "", "0.95", ""]
    );
}

#[test]
fn tables_8_and_9_are_empty_with_their_notes() {
    let d = loaded();
    let t8 = tables::fund_table_8(&d.data);
    assert_table(&t8, &["|合计||||||"]);
    assert_eq!(
        t8.note.as_deref(),
        Some("注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。")
    );
    let t9 = tables::state_capital_table(&d.data);
    assert_table(&t9, &["|合计||||||"]);
    assert_eq!(
        t9.note.as_deref(),
        Some("注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。")
    );
}

/// A copy of the example site with the 决算 file's text changed by `edit`.
fn edited(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("content/2024/决算");
    std::fs::create_dir_all(&folder).unwrap();
    let text = std::fs::read_to_string(root().join("content/2024/决算/finance.yaml")).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit changed nothing");
    let file = folder.join("finance.yaml");
    std::fs::write(&file, edited).unwrap();
    (dir, file)
}

fn problems_after(edit: impl Fn(&str) -> String) -> Vec<String> {
    let (dir, file) = edited(edit);
    match final_accounts::load(dir.path(), &file) {
        Ok(d) => checks::check(&d),
        Err(p) => p,
    }
    .iter()
    .map(|p| p.to_string())
    .collect()
}

#[test]
fn mutation_a_wrong_closing_balance_breaks_the_year() {
    let p = problems_after(|t| t.replace("  closing: 553400", "  closing: 553500"));
    assert!(
        p.iter()
            .any(|m| m.contains("收支不平衡") && m.contains("balances.closing")),
        "{p:?}"
    );
}

#[test]
fn mutation_income_without_expenditure_or_balance_breaks_the_year() {
    let p = problems_after(|t| t.replace("other: 61900", "other: 62000"));
    assert!(p.iter().any(|m| m.contains("收支不平衡")), "{p:?}");
}

#[test]
fn mutation_a_fund_that_does_not_close() {
    let p = problems_after(|t| {
        t.replace(
            "closing_appropriation: { general: 216300 }",
            "closing_appropriation: { general: 216200 }",
        )
    });
    assert!(
        p.iter().any(|m| m.contains("一般公共预算财政拨款不平衡")),
        "{p:?}"
    );
}

#[test]
fn mutation_economic_split_that_disagrees_with_basic_expenditure() {
    let p = problems_after(|t| t.replace("\"30101\": 2623260", "\"30101\": 2623360"));
    assert!(
        p.iter()
            .any(|m| m.contains("basic_economic") && m.contains("不一致")),
        "{p:?}"
    );
}

#[test]
fn mutation_unknown_field_and_wrong_codes_are_refused() {
    let p = problems_after(|t| t.replace("  opening: 491400", "  openning: 491400"));
    assert!(p.iter().any(|m| m.contains("openning")), "{p:?}");
    let p = problems_after(|t| t.replace("\"30101\": 2623260", "\"30100\": 2623260"));
    assert!(p.iter().any(|m| m.contains("30100")), "{p:?}");
    let p = problems_after(|t| t.replace("code: \"2010607\"", "code: \"201067\""));
    assert!(p.iter().any(|m| m.contains("不是7位数字")), "{p:?}");
}

#[test]
fn budgets_come_from_the_archived_budget_and_disagreements_are_reported() {
    let d = loaded();
    // Any archived 部门预算 will do: the 2025 commerce budget of the same example site has
    // none of the finance bureau's 项, so every typed 预算数 disagrees with it.
    let content = gongkai::content::load::load_content(&root()).unwrap_or_else(|p| panic!("{p}"));
    let archived = &content.disclosures[0].data;
    let (budgets, problems) = execution::budgets(&d, Some(archived));
    let first = &archived.expenditure[0];
    assert_eq!(budgets.get(&first.code), Some(&first.general.total()));
    assert!(!budgets.contains_key("2010601"));
    assert_eq!(problems.len(), d.data.lines.len(), "{problems:?}");
    let m = problems[0].to_string();
    assert!(
        m.contains("行政运行") && m.contains("2024年部门预算"),
        "{m}"
    );
}

#[test]
fn the_site_publishes_the_final_accounts_page_with_an_accessible_execution_chart() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    gongkai::output::build(&root(), &public, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let page = std::fs::read_to_string(public.join("2024/final/finance/index.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let svg = html.select(&sel("svg[role=img]")).next().expect("a chart");
    let desc = svg
        .select(&sel("desc"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(svg.select(&sel("title")).next().is_some());
    assert!(
        desc.contains("一般公共服务支出：预算数2156.47万元，决算数2106.66万元，执行率97.69%"),
        "{desc}"
    );
    // The unit table, the execution table and the nine 决算 tables, each with a caption.
    let tables: Vec<_> = html.select(&sel("table")).collect();
    assert_eq!(tables.len(), 11);
    assert!(
        tables
            .iter()
            .all(|t| t.select(&sel("caption")).next().is_some())
    );
    let t2 = html.select(&sel("#final-income tbody tr")).count();
    assert_eq!(t2, 20);
    assert!(page.contains("完成年初预算的98.20%"));
    // Every link of the page leads to a file of the built site.
    let dir = public.join("2024/final/finance");
    for a in html.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap().split('#').next().unwrap();
        if href.is_empty() || href.contains(':') {
            continue;
        }
        assert!(dir.join(href).is_file(), "broken link {href}");
    }
    let json =
        std::fs::read_to_string(public.join("2024/final/finance/finance-2024-final.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["tables"][0]["rows"][26]["cells"][1], "2,946.25");
}

/// A full copy of the example site, with the 决算 file's text changed by `edit`.
fn site_copy(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(root())
        .into_iter()
        .map(Result::unwrap)
    {
        let rel = e.path().strip_prefix(root()).unwrap();
        let to = dir.path().join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let f = dir.path().join("content/2024/决算/finance.yaml");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, edit(&text)).unwrap();
    dir
}

fn gongkai_check(root: &Path) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn gongkai_check_covers_the_final_accounts() {
    let (code, text) = gongkai_check(&root());
    assert_eq!(code, 0, "{text}");
    let broken = site_copy(|t| t.replace("  closing: 553400", "  closing: 553500"));
    let (code, text) = gongkai_check(broken.path());
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("收支不平衡") && text.contains("finance.yaml"),
        "{text}"
    );
    // A broken 决算 is never published.
    let out = tempfile::tempdir().unwrap();
    let r = gongkai::output::build(
        broken.path(),
        &out.path().join("public"),
        &Default::default(),
    );
    assert!(r.is_err());
    assert!(
        !out.path()
            .join("public/2024/final/finance/index.html")
            .exists()
    );
}
