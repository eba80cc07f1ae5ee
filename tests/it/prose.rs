//! The narrative written by the department: references to named figures in its own words,
//! the profiles' default texts spelled out in a file, typed amounts read by `check`, hostile
//! references refused, and `gongkai figures`.

use crate::common::{copy_tree, gongkai, repo_root, text_of_id};
use std::path::Path;
use tempfile::TempDir;

/// A copy of the site whose content is `content` (relative to the repository), with `append`
/// added to the end of `file`.
fn site(content: &str, file: &str, append: &str) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-prose-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    copy_tree(&repo_root().join(content), &dir.path().join("content"));
    let p = dir.path().join("content").join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("{text}\n{append}")).unwrap();
    dir
}

fn build(root: &Path) -> TempDir {
    crate::common::build_site(root).unwrap_or_else(|e| panic!("{e}"))
}

fn page(out: &TempDir, rel: &str) -> String {
    std::fs::read_to_string(out.path().join("public").join(rel)).unwrap()
}

fn check(root: &Path) -> (i32, String) {
    let o = gongkai(&["check", "--root", &root.to_string_lossy()]);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

/// Writing the profile's default text into the department file, word for word, gives the
/// same page as leaving it out: 济源 and 普陀.
#[test]
fn the_narratives_spelled_out_in_the_department_file_give_the_same_page() {
    for (content, file, profile, rel) in [
        (
            "content",
            "2024/085.yaml",
            "jiyuan-13",
            "2024/085/index.html",
        ),
        (
            "examples/putuo/content",
            "2025/commerce.yaml",
            "putuo-9",
            "2025/commerce/index.html",
        ),
    ] {
        let sections = gongkai::prose::scaffold(
            &gongkai::content::profile::Profile::built_in(profile).unwrap(),
            &Default::default(),
        );
        assert!(sections.len() >= 6, "{profile}: {sections:?}");
        let prose: std::collections::BTreeMap<&str, std::collections::BTreeMap<String, String>> =
            [("prose", sections.into_iter().collect())].into();
        let spelled = serde_saphyr::to_string(&prose).unwrap();
        let plain = site(content, file, "");
        let own = site(content, file, &spelled);
        let (a, b) = (build(plain.path()), build(own.path()));
        let (a, b) = (page(&a, rel), page(&b, rel));
        assert!(a.contains("万元"), "{rel}");
        assert!(a == b, "{rel}: the spelled-out narrative changed the page");
    }
}

const VARIANTS: &str = r#"facts:
  预留中小企业: { amount: 20.00 }
  预留小微企业: { amount: 12.50 }
  绩效编报单位: { count: 1 }
prose:
  narrative-01: |
    ### 一、收入支出预算总体情况说明

    {部门名称}（部门）{年度}年度收入总计{收入总计|千分位|两位}万元，比{上年度}年预算{收入总计较上年|动词}{收入总计较上年}万元；比{上年度}年预算执行数{收入总计较上年|动词}{收入总计较上年|两位|千分位}万元，主要原因是：{收入总计变动原因}。
  narrative-07: |
    ### 七、“三公”经费支出预算情况说明

    “三公”经费{三公经费}万元、{三公经费|两位}万元、{三公经费|元|千分位}元、{收入总计|元|千分位}元、{收入总计|元}元。公务用车购置费{公务用车购置费}万元、{公务用车购置费|两位}万元，比{上年度}年预算{公务用车购置费较上年|动词}；与{上年度}年预算{公务用车购置费较上年|动词}。主要原因是{公务接待费变动原因}。
  narrative-10: |
    ### 十、其他重要事项情况说明

    政府采购预算中预留给中小企业{预留中小企业}万元，其中预留给小微企业{预留小微企业}万元。本部门{绩效编报单位}个预算单位开展了绩效目标编报。
"#;

/// Each wording seen in real disclosures of one region and year, written in a department
/// file, builds to exactly that text (the 济源 sample: 收入总计 1,042.10万元, new in 2024;
/// “三公” 5万元; 公务用车购置费 0).
#[test]
fn each_wording_variant_builds_to_exactly_its_text() {
    let root = site("content", "2024/085.yaml", VARIANTS);
    let (status, out) = check(root.path());
    assert_eq!(status, 0, "{out}");
    let built = build(root.path());
    let html = page(&built, "2024/085/index.html");
    assert_eq!(
        text_of_id(&html, "narrative-01"),
        "一、收入支出预算总体情况说明济源产城融合示范区招商引资服务中心（部门）2024年度收入总计1,042.10万元，比2023年预算增加1042.10万元；比2023年预算执行数增加1,042.10万元，主要原因是：该部门为2024年新增预算单位。"
    );
    let seven = text_of_id(&html, "narrative-07");
    assert!(
        seven.starts_with("七、“三公”经费支出预算情况说明“三公”经费5万元、5.00万元、50,000元、10,421,000元、10421000元。公务用车购置费0万元、0.00万元，比2023年预算持平；与2023年预算持平。主要原因是该部门为2024年新增预算单位。"),
        "{seven}"
    );
    assert_eq!(
        text_of_id(&html, "narrative-10"),
        "十、其他重要事项情况说明政府采购预算中预留给中小企业20万元，其中预留给小微企业12.50万元。本部门1个预算单位开展了绩效目标编报。"
    );
    // Sections not replaced keep the default text.
    assert!(text_of_id(&html, "narrative-03").contains("基本支出883.70万元，占84.80%"));
    // Extra facts are published in the JSON download under their names.
    let json = page(&built, "2024/085/085-2024.json");
    assert!(
        json.contains(r#""facts":{"绩效编报单位":{"count":1},"预留中小企业":{"amount":"20.00"},"预留小微企业":{"amount":"12.50"}}"#),
        "{json}"
    );
}

/// The per-科目 list worded 「“类-款-项”科目N万元」 instead of 「“类（类）款（款）项（项）”N万元」,
/// and whole amounts without decimals, on the 普陀 example (tables in 元, narrative in 万元).
#[test]
fn the_per_subject_list_takes_the_departments_wording() {
    let root = site(
        "examples/putuo/content",
        "2025/commerce.yaml",
        "prose:\n  subject: |\n    “{.类}-{.款}-{.项}”科目{.金额}万元{如果 .用途}，{.用途}{结束}。\n  other-4: |\n    ### 四、绩效目标设置情况\n\n    {年度}年度，本部门编报绩效目标的项目共{绩效项目数}个，涉及项目预算资金{绩效项目金额|去零|无千分位}万元。\n",
    );
    let built = build(root.path());
    let html = page(&built, "2025/commerce/index.html");
    assert_eq!(
        text_of_id(&html, "subject-2011301"),
        "“一般公共服务支出-商贸事务-行政运行”科目938.99万元，主要用于机关行政运行和机关人员经费支出。"
    );
    assert_eq!(
        text_of_id(&html, "subject-2150899"),
        "“资源勘探工业信息等支出-支持中小企业发展和管理支出-其他支持中小企业发展和管理支出”科目29,381.00万元，主要用于支持中小企业发展和管理，产业扶持政策支出。"
    );
    let four = text_of_id(&html, "other-4");
    assert!(four.contains("本部门编报绩效目标的项目共"), "{four}");
    assert!(!four.contains(".00万元"), "{four}");
}

/// A wrong amount typed where a figure is named is an error naming the line; one equal to a
/// figure is a note; any other a warning.
#[test]
fn check_reads_amounts_typed_into_the_prose() {
    let root = site(
        "content",
        "2024/085.yaml",
        "prose:\n  narrative-01: |\n    ### 一、收入支出预算总体情况说明\n\n    本部门{年度}年收入总计{收入总计}万元，\n    支出预算1,042.20万元。\n    基本支出883.70万元，另有约7.77万元。\n",
    );
    let text = std::fs::read_to_string(root.path().join("content/2024/085.yaml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("支出预算1,042.20万元"))
        .unwrap()
        + 1;
    let (status, out) = check(root.path());
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains(&format!(
            "error[prose-typed-amount] content/2024/085.yaml:{line}: prose.narrative-01：「支出预算1,042.20万元」与表中的支出总计不符：表中是1,042.10"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("note[prose-typed-amount] content/2024/085.yaml:{}: prose.narrative-01：「883.70万元」是手写的数字，等于 {{基本支出}}", line + 1)),
        "{out}"
    );
    assert!(
        out.contains(&format!("warning[prose-typed-amount] content/2024/085.yaml:{}: prose.narrative-01：「7.77万元」是手写的数字，没有核对", line + 1)),
        "{out}"
    );
}

/// Unknown names, hostile references and broken blocks are refused with their line and the
/// nearest names; markup typed into prose is printed as text.
#[test]
fn hostile_and_unknown_references_are_refused_with_their_line() {
    let root = site(
        "content",
        "2024/085.yaml",
        "prose:\n  narrative-02: |\n    收入{支出总记}万元\n    {../x}\n    {{ 收入总计 }}\n    [链接]({收入总计})\n    {收入总计\n  narrative-99: 没有这一段\n",
    );
    let text = std::fs::read_to_string(root.path().join("content/2024/085.yaml")).unwrap();
    let first = text
        .lines()
        .position(|l| l.contains("收入{支出总记}"))
        .unwrap()
        + 1;
    let (status, out) = check(root.path());
    assert_eq!(status, 1, "{out}");
    // The first problem stops the parse of a section; the others are in their own sections.
    assert!(
        out.contains(&format!(
            "content/2024/085.yaml:{}: prose.narrative-02：「{{../x}}」不是引用",
            first + 1
        )),
        "{out}"
    );
    assert!(out.contains("没有叫「narrative-99」的段落"), "{out}");

    for (body, says) in [
        (
            "收入{支出总记}万元",
            "没有叫「支出总记」的数字，是不是 {支出总计}",
        ),
        ("{{ 收入总计 }}", "没有结束"),
        ("[链接]({收入总计})", "链接地址里不能写引用"),
        ("{收入总计", "没有结束"),
        ("{如果 收入总计}没有结束", "没有对应的 {结束}"),
    ] {
        let root = site(
            "content",
            "2024/085.yaml",
            &format!("prose:\n  narrative-02: |\n    第一行\n    {body}\n"),
        );
        let (status, out) = check(root.path());
        assert_eq!(status, 1, "{body}: {out}");
        assert!(out.contains(says), "{body}: {out}");
        assert!(
            out.contains("error[prose-reference] content/2024/085.yaml:"),
            "{out}"
        );
    }

    // Markup in the department's words and in an entered text is printed, never run.
    let root = site(
        "content",
        "2024/085.yaml",
        "prose:\n  narrative-02: |\n    <script>alert(1)</script>收入{本年收入合计}万元，<b>粗</b>\n",
    );
    let built = build(root.path());
    let html = page(&built, "2024/085/index.html");
    assert!(!html.contains("<script>alert"), "script survived");
    assert!(
        html.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt;收入1042.10万元，&lt;b&gt;粗&lt;/b&gt;"
        )
    );
}

/// `gongkai figures` lists every name with its value, as text and as JSON.
#[test]
fn figures_lists_names_with_values() {
    let root = repo_root().to_string_lossy().into_owned();
    let o = gongkai(&["figures", "--root", &root, "2024", "085"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    for line in [
        "支出总计\t1042.10\t金额",
        "基本支出占比\t84.80%\t占比",
        "一般公共预算人员经费\t840.40\t金额",
        "三公经费\t5.00\t金额",
        "政府采购\t67.61\t金额",
        "功能.201\t744.00\t金额",
        "功能.208\t202.80\t金额",
        "功能.212.政府性基金\t58.40\t金额",
        "经济.30201.一般公共预算\t9.40\t金额",
        "项目数\t",
        "收入总计较上年\t1042.10\t较上年",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(line)),
            "{line} missing:\n{text}"
        );
    }
    let o = gongkai(&[
        "figures", "--root", &root, "--format", "json", "2024", "085",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let total = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "收入总计")
        .unwrap();
    assert_eq!(total["value"], "1042.10");
    let o = gongkai(&["figures", "--root", &root, "2024", "999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有2024年部门999的文件"));
}
