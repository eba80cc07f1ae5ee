//! Every example of wrong input that the docs give (docs/format.md, docs/checks.md,
//! docs/hostile-input.md), made in a copy of the example site and run through `gongkai check`
//! and `gongkai build` in Chinese: the clerk who reads the message must be able to fix the
//! file from it alone. So each message names the file and line (and the field where there is
//! one), is Chinese (no English sentence outside `code`, paths and field names), says in
//! Chinese what is wrong, and an error stops both commands.
//!
//! A new example in the docs is one more line in `CASES`. The second half holds one real
//! finding per family of check rules, with its Chinese wording.

mod common;

use common::TempSite;
use std::path::Path;
use std::process::Command;

const FILE: &str = "2024/085.yaml";
const SHOWN: &str = "content/2024/085.yaml";

/// How the example is broken.
enum Edit {
    /// In the content file `.0`, the first `.1` becomes `.2`.
    Replace(&'static str, &'static str, &'static str),
    /// The content file `.0` gets these bytes at its end.
    Append(&'static str, &'static [u8]),
    /// A new content file `.0` is written, a copy of `.1` (both relative to `content/`).
    Copy(&'static str, &'static str),
}

/// One example of wrong input from the docs.
struct Case {
    /// Where the docs give it, and what it is.
    doc: &'static str,
    /// The content folder the broken copy starts from, relative to the repository.
    example: &'static str,
    edit: Edit,
    /// The file the message must name, relative to the site root.
    file: &'static str,
    /// Text of the line the message must name, looked up in the broken file; `None` when the
    /// problem is the whole file.
    at: Option<&'static str>,
    /// The field path the message must name, as written in the YAML.
    field: Option<&'static str>,
    /// An error (both commands fail) or a warning (both succeed and say it).
    error: bool,
    /// Chinese words that tell the clerk what is wrong and what to do.
    said: &'static [&'static str],
}

const fn err(
    doc: &'static str,
    edit: Edit,
    at: Option<&'static str>,
    field: Option<&'static str>,
    said: &'static [&'static str],
) -> Case {
    Case {
        doc,
        example: "content",
        edit,
        file: SHOWN,
        at,
        field,
        error: true,
        said,
    }
}

const fn warn(
    doc: &'static str,
    edit: Edit,
    at: Option<&'static str>,
    field: Option<&'static str>,
    said: &'static [&'static str],
) -> Case {
    Case {
        error: false,
        ..err(doc, edit, at, field, said)
    }
}

/// An error in the 部门决算 of the 普陀 example (`content/2024/决算/finance.yaml`).
const fn final_accounts(
    doc: &'static str,
    from: &'static str,
    to: &'static str,
    at: &'static str,
    field: &'static str,
    said: &'static [&'static str],
) -> Case {
    Case {
        example: "examples/putuo/content",
        file: "content/2024/决算/finance.yaml",
        ..err(
            doc,
            Replace("2024/决算/finance.yaml", from, to),
            Some(at),
            Some(field),
            said,
        )
    }
}

use Edit::{Append, Copy, Replace};

const CASES: &[Case] = &[
    // docs/format.md — rules that apply everywhere.
    err(
        "format.md: a misspelt key (`apropriation:`)",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    apropriation: 983.70",
        ),
        Some("apropriation: 983.70"),
        Some("income[0].apropriation"),
        &["不认识的字段", "怎么改", "拼写"],
    ),
    err(
        "format.md: money with a unit",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: 983.70万元",
        ),
        Some("appropriation: 983.70万元"),
        Some("income[0].appropriation"),
        &["不是金额", "只写数字", "金额写成普通数字"],
    ),
    err(
        "format.md: money as text",
        Replace(FILE, "    fund: 58.40", "    fund: 五十八"),
        Some("    fund: 五十八"),
        Some("income[0].fund"),
        &["不是金额", "只写数字"],
    ),
    err(
        "format.md: a negative amount",
        Replace(FILE, "    fund: 58.40", "    fund: -58.40"),
        Some("    fund: -58.40"),
        Some("income[0].fund"),
        &["负数"],
    ),
    err(
        "format.md: more than four decimals",
        Replace(FILE, "    fund: 58.40", "    fund: 58.40001"),
        Some("    fund: 58.40001"),
        Some("income[0].fund"),
        &["小数超过四位"],
    ),
    err(
        "format.md: a date that is not a calendar day (2024-02-31)",
        Replace(
            FILE,
            "published: \"2024-05-26\"",
            "published: \"2024-02-31\"",
        ),
        Some("published: \"2024-02-31\""),
        Some("published"),
        &["不是日期", "2024-05-26"],
    ),
    err(
        "format.md: a department file with no units",
        Replace(
            FILE,
            "units:\n  - { code: \"085001\", name: 济源产城融合示范区招商引资服务中心 }",
            "units: []",
        ),
        Some("units: []"),
        Some("units"),
        &["至少要有一个预算单位"],
    ),
    err(
        "format.md: a line naming a unit the department does not have",
        Replace(
            FILE,
            "  - unit: \"085001\"\n    appropriation",
            "  - unit: \"085009\"\n    appropriation",
        ),
        Some("unit: \"085009\""),
        Some("income[0].unit"),
        &["不是本部门单列预算的单位"],
    ),
    err(
        "format.md: `empty_tables` naming a table that does not exist",
        Replace(FILE, "  state_capital: 本部门", "  state_capitol: 本部门"),
        Some("state_capitol: 本部门"),
        Some("empty_tables.state_capitol"),
        &["不是本站公开格式中的表", "改成下列表名之一"],
    ),
    err(
        "format.md: a table without data and without its explanation",
        Replace(
            FILE,
            "empty_tables:\n  state_capital: 本部门2024年度没有国有资本经营预算支出，故本表无数据。",
            "empty_tables: {}",
        ),
        Some("empty_tables: {}"),
        None,
        &["没有数据，也没有写明原因", "empty_tables"],
    ),
    err(
        "format.md: `subject_names` with a code that is not a 类 or 类+款",
        Replace(
            FILE,
            "empty_tables:\n",
            "subject_names:\n  \"2011\": 一般公共服务\nempty_tables:\n",
        ),
        Some("\"2011\": 一般公共服务"),
        Some("subject_names.2011"),
        &["不是类级代码", "加引号"],
    ),
    err(
        "format.md: `prose` replacing a section the profile does not have",
        Replace(
            FILE,
            "empty_tables:\n",
            "prose:\n  no-such-part: 文字\nempty_tables:\n",
        ),
        Some("no-such-part: 文字"),
        None,
        &["没有叫「no-such-part」的段落", "可替换的段落有"],
    ),
    err(
        "format.md: an amount typed in a text that differs from the figure it names",
        Replace(
            FILE,
            "  running_costs_use: 主要保障",
            "  running_costs_use: 机关运行经费43.20万元，主要保障",
        ),
        Some("running_costs_use: 机关运行经费43.20万元"),
        None,
        &["与表中的机关运行经费不符", "改成引用"],
    ),
    // docs/checks.md — one example per family of rules.
    err(
        "checks.md: income and expenditure do not balance (T1-balance)",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: 993.70",
        ),
        Some("appropriation: 993.70"),
        Some("income[0].appropriation"),
        &["收入和支出必须平衡", "不相等", "差额"],
    ),
    err(
        "checks.md: T6 公用经费 ≠ T5 公用经费 (T5-T6-public)",
        Replace(FILE, "public: 38.70", "public: 39.70"),
        Some("public: 39.70"),
        Some("expenditure[0].general.public"),
        &["是同一笔钱", "对照核对", "不相等"],
    ),
    err(
        "checks.md: projects that do not account for 特定目标类 (T11-T5-projects)",
        Replace(FILE, "    general: 100.00\n", "    general: 90.00\n"),
        Some("targeted: 100.00"),
        Some("projects[0].general"),
        &["都应属于表中列出的某个项目", "kind"],
    ),
    err(
        "checks.md: procurement larger than 公用经费 and 项目支出",
        Replace(FILE, "  goods: 9.21", "  goods: 900.21"),
        None,
        Some("procurement.goods"),
        &["政府采购", "不能用人员经费"],
    ),
    err(
        "checks.md: a text every disclosure publishes is empty",
        Replace(
            FILE,
            "  composition: 本预算为汇总预算，包括招商引资服务中心本级预算，无二级机构预算。",
            "  composition: \"\"",
        ),
        Some("composition: \"\""),
        Some("overview.composition"),
        &["是空的", "预算说明中抄到"],
    ),
    err(
        "checks.md: a 功能分类 code with 项 `00`",
        Replace(FILE, "code: \"2011350\"", "code: \"2011300\""),
        Some("code: \"2011300\""),
        Some("expenditure[0].code"),
        &["没有这样的项", "7 位项级代码"],
    ),
    err(
        "checks.md: a 功能分类 code of no known 类",
        Replace(FILE, "code: \"2011350\"", "code: \"9991350\""),
        Some("code: \"9991350\""),
        Some("expenditure[0].code"),
        &["不是已有的类", "核对"],
    ),
    err(
        "checks.md: an economic code with 款 `00`",
        Replace(FILE, "code: \"30101\"", "code: \"30100\""),
        Some("code: \"30100\""),
        Some("economic[0].code"),
        &["没有这样的款", "5 位款级代码"],
    ),
    err(
        "checks.md: 人员经费 booked under a 302 code",
        Replace(
            FILE,
            "{ code: \"30101\", name: 基本工资, gov_code: \"50501\", general: { personnel: 171.90 } }",
            "{ code: \"30201\", name: 办公费, gov_code: \"50502\", general: { personnel: 171.90 } }",
        ),
        Some("general: { personnel: 171.90 }"),
        Some("economic[0].general.personnel"),
        &["人员经费记在了", "移到正确的代码下"],
    ),
    err(
        "checks.md: a changed figure without its reason",
        Replace(
            FILE,
            "  total:            { amount: 0, reason: 该部门为2024年新增预算单位 }",
            "  total:            { amount: 0 }",
        ),
        Some("  total:            { amount: 0 }"),
        Some("previous_year.total.amount"),
        &["但没有写原因", "reason"],
    ),
    warn(
        "checks.md: an economic name that is not the code's (code-names)",
        Replace(
            FILE,
            "name: 基本工资, gov_code",
            "name: 基本工资资, gov_code",
        ),
        Some("name: 基本工资资"),
        Some("economic[0].name"),
        &["写的名称是「基本工资资」", "写错了"],
    ),
    warn(
        "checks.md: a project without 满意度指标 (T13-targets)",
        Replace(
            FILE,
            "      satisfaction:\n        - { name: 外来客商满意度, value: \"≥98%\" }\n",
            "",
        ),
        Some("targets:"),
        Some("projects[0].targets"),
        &["没有满意度指标", "补上缺少的列表"],
    ),
    warn(
        "checks.md: the publication date still the placeholder",
        Replace(
            FILE,
            "published: \"2024-05-26\"",
            "published: \"2024-01-01\"",
        ),
        Some("published: \"2024-01-01\""),
        Some("published"),
        &["占位日期", "实际公开日期"],
    ),
    // docs/hostile-input.md — input classes.
    err(
        "hostile-input.md: a code that is a path (`../085`)",
        Replace(FILE, "code: \"085\"", "code: \"../085\""),
        Some("code: \"../085\""),
        Some("code"),
        &["部门代码", "不能用"],
    ),
    err(
        "hostile-input.md: a code Windows reserves (`CON`)",
        Replace(FILE, "code: \"085\"", "code: \"CON\""),
        Some("code: \"CON\""),
        Some("code"),
        &["Windows 保留的名称"],
    ),
    err(
        "hostile-input.md: a field twice in the same map",
        Replace(FILE, "year: 2024\n", "year: 2024\nyear: 2024\n"),
        Some("year: 2024\nmoney_unit"),
        None,
        &["写了两次", "第一次在第 14 行"],
    ),
    err(
        "hostile-input.md: bytes that are not UTF-8 (GBK)",
        Append(FILE, b"\nnote: \xb2\xbb\n"),
        None,
        None,
        &["UTF-8", "另存为"],
    ),
    err(
        "hostile-input.md: a hidden character (U+202E) in a text",
        Replace(
            FILE,
            "name: 济源产城融合示范区招商引资服务中心\nyear",
            "name: 济源产城融合\u{202e}示范区招商引资服务中心\nyear",
        ),
        Some("示范区招商引资服务中心\nyear"),
        Some("name"),
        &["U+202E"],
    ),
    err(
        "hostile-input.md: thousands separators in the wrong place (`1,00.5`)",
        Replace(FILE, "    fund: 58.40", "    fund: \"1,00.5\""),
        Some("    fund: \"1,00.5\""),
        Some("income[0].fund"),
        &["千位分隔符", "金额写成普通数字"],
    ),
    err(
        "hostile-input.md: a 27-digit amount",
        Replace(
            FILE,
            "    fund: 58.40",
            "    fund: 123456789012345678901234567",
        ),
        Some("    fund: 1234567890"),
        Some("income[0].fund"),
        &["太大", "10^15"],
    ),
    err(
        "hostile-input.md: a date out of range (`9999-99-99`)",
        Replace(
            FILE,
            "published: \"2024-05-26\"",
            "published: \"9999-99-99\"",
        ),
        Some("published: \"9999-99-99\""),
        Some("published"),
        &["不是日期"],
    ),
    err(
        "hostile-input.md: a second file for one department-year",
        Copy("2024/085.yml", FILE),
        None,
        None,
        &["085.yml", "只能有一个文件"],
    ),
    err(
        "hostile-input.md: wrong indentation",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "   appropriation: 983.70",
        ),
        Some("   appropriation: 983.70"),
        None,
        &["缩进"],
    ),
    err(
        "hostile-input.md: a wrong type (text where a list belongs)",
        Replace(FILE, "  duties:\n", "  duties: 不是列表\n  duties_old:\n"),
        Some("  duties: 不是列表"),
        Some("overview.duties"),
        &["应当是列表"],
    ),
    err(
        "hostile-input.md: a list where an amount belongs",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: [983.70]",
        ),
        Some("appropriation: [983.70]"),
        Some("income[0].appropriation"),
        &["应当是"],
    ),
    err(
        "hostile-input.md: a missing field",
        Replace(
            FILE,
            "name: 济源产城融合示范区招商引资服务中心\nyear",
            "year",
        ),
        None,
        None,
        &["缺少必填字段 `name`", "补上"],
    ),
    err(
        "hostile-input.md: malformed YAML (an unclosed bracket)",
        Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: [983.70",
        ),
        Some("appropriation: [983.70"),
        Some("income[0].appropriation"),
        &["应当是单个值"],
    ),
    // docs/format.md — identities `check` enforces on a 部门决算.
    final_accounts(
        "format.md: a 决算 whose 年末结转和结余 does not close the year",
        "  closing: 553400",
        "  closing: 553500",
        "  closing: 553500",
        "balances.closing",
        &["收支不平衡", "核对年末结转和结余"],
    ),
    final_accounts(
        "format.md: `basic_economic` that does not add up to the 基本支出",
        "  \"30101\": 2623260",
        "  \"30101\": 2623270",
        "basic_economic:",
        "basic_economic",
        &["基本支出", "不一致", "请核对 `basic_economic`"],
    ),
];

/// Runs the binary in Chinese: `check` with `GONGKAI_LANG=zh`, `build` with no language set
/// at all (Chinese is the default). Returns the exit code and everything printed.
fn run(root: &Path, build: bool) -> (Option<i32>, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.env_remove("LC_ALL").env_remove("LANG");
    if build {
        c.env_remove("GONGKAI_LANG")
            .arg("build")
            .arg("--root")
            .arg(root)
            .arg("--out")
            .arg(root.join("public"));
    } else {
        c.env("GONGKAI_LANG", "zh")
            .arg("check")
            .arg("--root")
            .arg(root);
    }
    let out = c.output().expect("run gongkai");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// The first run of three or more English words in `text`, outside `code spans`. Field
/// paths, codes, amounts and file paths are single tokens with digits, dots or slashes, so
/// they pass; an English sentence does not.
fn english_sentence(text: &str) -> Option<String> {
    for line in text.lines() {
        let mut outside = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                outside.push_str(part);
                outside.push(' ');
            }
        }
        let mut run: Vec<&str> = Vec::new();
        for w in outside.split(|c: char| c.is_whitespace() || ",;:()".contains(c)) {
            if w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                run.push(w);
                if run.len() >= 3 {
                    return Some(format!("「{}」 in: {line}", run.join(" ")));
                }
            } else if !w.is_empty() {
                run.clear();
            }
        }
    }
    None
}

/// 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the broken file"));
    text[..at].matches('\n').count() + 1
}

/// A fresh copy of a content folder of the repository, in a temporary site.
fn copy_of(example: &str) -> TempSite {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-walk-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("temp dir");
    common::copy_tree(
        &common::repo_root().join(example),
        &dir.path().join("content"),
    );
    TempSite { dir }
}

/// Applies the case's edit to a fresh copy of `example`; returns the site.
fn broken(example: &str, edit: &Edit) -> TempSite {
    let site = copy_of(example);
    match edit {
        Replace(file, from, to) => site.replace(file, from, to),
        Append(file, bytes) => {
            let p = site.root().join("content").join(file);
            let mut all = std::fs::read(&p).unwrap();
            all.extend_from_slice(bytes);
            std::fs::write(p, all).unwrap();
        }
        Copy(to, from) => {
            let c = site.root().join("content");
            std::fs::copy(c.join(from), c.join(to)).unwrap();
        }
    }
    site
}

/// Everything wrong with one case's messages, empty when it passes.
fn walk(case: &Case) -> Vec<String> {
    let site = broken(case.example, &case.edit);
    let mut wrong = Vec::new();
    let line = case.at.map(|needle| {
        let file = site.root().join(case.file);
        line_of(
            &String::from_utf8_lossy(&std::fs::read(file).unwrap()),
            needle,
        )
    });
    for build in [false, true] {
        let command = if build { "build" } else { "check" };
        let (code, out) = run(site.root(), build);
        let mut fail = |why: String| wrong.push(format!("{command}: {why}"));
        if out.contains("panicked") {
            fail("panicked".into());
        }
        match (case.error, code) {
            (true, Some(c)) if c != 0 => {}
            (false, Some(0)) => {}
            (_, c) => fail(format!("exit code {c:?}")),
        }
        let place = match line {
            Some(l) => format!("{}:{l}:", case.file),
            None => case.file.to_owned(),
        };
        if !out.contains(&place) {
            fail(format!("does not name {place}"));
        }
        if let Some(field) = case.field
            && !out.contains(field)
        {
            fail(format!("does not name the field {field}"));
        }
        if !out.contains("怎么改") {
            fail("gives no 怎么改 (hint)".into());
        }
        for said in case.said {
            if !out.contains(said) {
                fail(format!("does not say {said:?}"));
            }
        }
        if let Some(s) = english_sentence(&out) {
            fail(format!("English: {s}"));
        }
        if !wrong.is_empty() {
            wrong.push(format!("--- {command} printed ---\n{out}"));
        }
    }
    if case.error && site.out().join("index.html").exists() {
        wrong.push("build wrote a site despite the error".into());
    }
    wrong
}

#[test]
fn every_bad_input_example_of_the_docs_reads_as_chinese_with_its_place() {
    // Two workers: each case starts `check` and `build` on its own copy of the example.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(case) = CASES.get(i) else { break };
                    let wrong = walk(case);
                    if !wrong.is_empty() {
                        failures.lock().unwrap().push(format!(
                            "{}:\n  {}",
                            case.doc,
                            wrong.join("\n  ")
                        ));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_english_detector_finds_english_and_passes_paths_and_fields() {
    assert!(english_sentence("错误: 字段 `income[0].apropriation`: 不认识的字段").is_none());
    assert!(
        english_sentence("      第 153行  projects[1].targets.cost[0].value = 58.34万元").is_none()
    );
    assert!(english_sentence("已生成：写入 /tmp/gongkai-site-x/public").is_none());
    assert!(english_sentence("怎么改: compare the income line").is_some());
    assert!(english_sentence("T13 shows the project's 资金总额").is_some());
}

// ---------------------------------------------------------------- one finding per family

/// One real finding of a family of check rules: how the example is broken (`None`: as it
/// is), the rule, and Chinese passages its message and hint must hold.
struct Finding {
    family: &'static str,
    edit: Option<Edit>,
    rule: &'static str,
    message: &'static [&'static str],
    hint: &'static [&'static str],
}

const FINDINGS: &[Finding] = &[
    Finding {
        family: "income and expenditure",
        edit: Some(Replace(
            FILE,
            "    appropriation: 983.70",
            "    appropriation: 993.70",
        )),
        rule: "T1-balance",
        message: &["T1 支出总计 1,042.10 与 T1 收入总计 1,052.10 不相等"],
        hint: &[
            "T1 支出总计 1,042.10 应等于 T1 收入总计 1,052.10（差额 -10.00）。",
            "预算的收入和支出必须平衡",
        ],
    },
    Finding {
        family: "functional and economic",
        edit: Some(Replace(FILE, "public: 38.70", "public: 39.70")),
        rule: "T5-T6-public",
        message: &["T6 公用经费 43.30 与 T5 公用经费 44.30 不相等"],
        hint: &[
            "按功能分类和按经济分类的公用经费是同一笔钱：请把 `expenditure` 各行的 `general.public` 与 `economic` 各行的 `general.public` 对照核对。",
        ],
    },
    Finding {
        family: "projects",
        edit: Some(Replace(
            FILE,
            "    general: 100.00\n",
            "    general: 90.00\n",
        )),
        rule: "T11-T5-projects",
        message: &[
            "T11 一般公共预算特定目标类项目 90.00 与 T5 一般公共预算 特定目标类 100.00 不相等",
        ],
        hint: &["一般公共预算的每一笔特定目标类都应属于表中列出的某个项目"],
    },
    Finding {
        family: "performance (the sample's own warning)",
        edit: None,
        rule: "T13-cost-indicator",
        message: &[
            "项目 419001240000000007622 电子政务专项-“两个禁止”综合信息监管平台 的成本指标写的是 财政投入资金 58.34万元；市级财政投入资金 58.34万元，但项目金额是 58.40万元",
        ],
        hint: &[
            "表十三把项目的资金总额 58.40万元 和成本指标并排显示",
            "否则请改正 `projects[1].targets.cost` 下的 `value`，或改正项目金额",
        ],
    },
    Finding {
        family: "三公经费",
        edit: Some(Replace(
            FILE,
            "official_vehicles: 1 ",
            "official_vehicles: 0 ",
        )),
        rule: "T8-vehicles",
        message: &["安排了公务用车运行维护费 1.50，但国有资产占用情况中没有车辆"],
        hint: &["请核对 `assets` 下的车辆数"],
    },
    Finding {
        family: "procurement",
        edit: Some(Replace(FILE, "  goods: 9.21", "  goods: 900.21")),
        rule: "procurement-within-budget",
        message: &["政府采购预算 958.61 大于 公用经费 + 项目支出（T3） 201.70"],
        hint: &["只能从公用经费和项目支出中支付，不能用人员经费"],
    },
    Finding {
        family: "completeness",
        edit: Some(Replace(
            FILE,
            "  composition: 本预算为汇总预算，包括招商引资服务中心本级预算，无二级机构预算。",
            "  composition: \"\"",
        )),
        rule: "completeness-texts",
        message: &["预算单位构成（`overview.composition`）是空的"],
        hint: &["请从本部门的预算说明中抄到 `overview.composition`"],
    },
    Finding {
        family: "codes",
        edit: Some(Replace(FILE, "code: \"2011350\"", "code: \"2011300\"")),
        rule: "code-function-shape",
        message: &["功能分类科目代码 2011300 事业运行 的项是 `00`，没有这样的项"],
        hint: &["请在 `code` 写完整的 7 位项级代码（现在缺项）"],
    },
    Finding {
        family: "narrative",
        edit: Some(Replace(
            FILE,
            "  total:            { amount: 0, reason: 该部门为2024年新增预算单位 }",
            "  total:            { amount: 0 }",
        )),
        rule: "narrative-change-reason",
        message: &["收入总计、支出总计比2023年增加1042.10（由 0.00 变为 1,042.10），但没有写原因"],
        hint: &["请在 `previous_year.total` 下加上 `reason:`（原因）"],
    },
    Finding {
        family: "facts",
        edit: Some(Replace(
            FILE,
            "published: \"2024-05-26\"",
            "published: \"2024-01-01\"",
        )),
        rule: "published-placeholder",
        message: &["公开日期仍是新建文件时填入的占位日期 2024-01-01"],
        hint: &["请把 `published:` 改为实际公开日期"],
    },
    Finding {
        family: "the department's text",
        edit: Some(Replace(
            FILE,
            "  running_costs_use: 主要保障",
            "  running_costs_use: 机关运行经费43.20万元，主要保障",
        )),
        rule: "prose-typed-amount",
        message: &["「机关运行经费43.20万元」与表中的机关运行经费不符：表中是43.30"],
        hint: &["改成引用 {机关运行经费}"],
    },
];

/// The findings of `gongkai check --format json` in Chinese: (rule, message, hint).
fn findings_zh(root: &Path) -> Vec<(String, String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "zh")
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .expect("run gongkai");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (s("rule"), s("message"), s("hint"))
        })
        .collect()
}

#[test]
fn each_family_of_rules_words_a_real_finding_in_chinese() {
    let mut failures = Vec::new();
    for f in FINDINGS {
        let site = match &f.edit {
            Some(e) => broken("content", e),
            None => copy_of("content"),
        };
        let found = findings_zh(site.root());
        let Some((_, message, hint)) = found.iter().find(|(r, _, _)| r == f.rule) else {
            failures.push(format!("{}: no {} finding in {found:?}", f.family, f.rule));
            continue;
        };
        for m in f.message {
            if !message.contains(m) {
                failures.push(format!("{}: message lacks {m:?}: {message}", f.family));
            }
        }
        for h in f.hint {
            if !hint.contains(h) {
                failures.push(format!("{}: hint lacks {h:?}: {hint}", f.family));
            }
        }
        for text in [message, hint] {
            if let Some(s) = english_sentence(text) {
                failures.push(format!("{}: English: {s}", f.family));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
