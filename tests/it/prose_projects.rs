//! The 普陀 项目经费情况说明 as prose: the default text gives the published page, a department
//! rewords it (项目概况, 立项依据 in one paragraph, 年度预算安排 by quarter or in words with no
//! total), `check` reads the amounts typed into a project's texts; and the glossary layout and
//! list punctuation chosen by the profile or the department.

use crate::common::{copy_tree, repo_root, text_of_id};
use gongkai::check::{Diagnostic, Severity};
use gongkai::content::model::Disclosure;
use gongkai::content::profile::Profile;
use std::path::Path;
use tempfile::TempDir;

const COMMERCE: &str = include_str!("../../examples/putuo/content/2025/commerce.yaml");
const JIYUAN: &str = include_str!("../../content/2024/085.yaml");

/// A copy of the site at `root` (relative to the repository) with `file` replaced by `text`.
fn site(root: &str, file: &str, text: &str) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-prose-projects-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    copy_tree(
        &repo_root().join(root).join("content"),
        &dir.path().join("content"),
    );
    std::fs::write(dir.path().join("content").join(file), text).unwrap();
    dir
}

fn putuo(text: &str) -> TempDir {
    site("examples/putuo", "2025/commerce.yaml", text)
}

fn jiyuan(text: &str) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-prose-projects-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    for f in ["site.yaml", "glossary.yaml"] {
        std::fs::create_dir_all(dir.path().join("content/2024")).unwrap();
        std::fs::copy(
            repo_root().join("content").join(f),
            dir.path().join("content").join(f),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("content/2024/085.yaml"), text).unwrap();
    dir
}

fn page(root: &Path, rel: &str) -> String {
    let built = crate::common::build_site(root).unwrap_or_else(|e| panic!("{e}"));
    std::fs::read_to_string(built.path().join("public").join(rel)).unwrap()
}

fn commerce_page(text: &str) -> String {
    page(putuo(text).path(), "2025/commerce/index.html")
}

/// `text` with `from` replaced once, which must be there.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// The default text builds each description as the department published it (the sample's
/// 七、项目经费情况说明): 「合计」 only after several parts, amounts as 「1170.00万」.
#[test]
fn the_default_text_builds_the_published_descriptions() {
    let html = commerce_page(COMMERCE);
    assert_eq!(
        text_of_id(&html, "description-2"),
        "生命健康专项（政策资金）经费情况说明一、项目概述推动生命健康产业高质量发展，完成经济指标任务。\
         二、立项依据1、《普陀区加快发展生命健康产业实施意见》。三、实施主体上海市普陀区商务委员会\
         四、实施方案根据《普陀区加快发展生命健康产业实施意见》，制定实施流程和细则，明确申报指南，发布项目申报通知，组织项目审核跟踪、评估，按程序落实专项资金拨付\
         五、实施周期2025.1.1-2025.12.31\
         六、年度预算安排2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业创新化发展70.00万，支持企业协同化发展180.00万，支持企业国际化发展50.00万，合计1170.00万。\
         七、绩效目标详见单位的项目绩效目标表"
    );
    assert!(html.contains(
        "<section id=\"description-1\" class=\"description\">\n<h3>科技创新专项经费情况说明</h3>\n<h4>一、项目概述</h4>\n<p>加快推动本区企业创新驱动发展，促进企业加大创新力度、加快成果转化。</p>\n<h4>二、立项依据</h4>\n<p>1、《普陀区服务企业发展工作实施意见》（普投资规范〔2023〕1号）。</p>\n<p>2、《普陀区支持科技创新实施意见》（普科合规范〔2023〕3号）。</p>\n<h4>三、实施主体</h4>\n"
    ));
    assert!(html.contains(
        "<p>2025年度项目总预算1720.00万，其中各级企业技术中心及专精特新认定1720.00万。</p>"
    ));
    // Copying only the default text of the descriptions into the file changes nothing.
    let text = gongkai::prose::DefaultText::built_in("putuo-9")
        .unwrap()
        .section("description")
        .unwrap()
        .text
        .clone();
    let block: String = text
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_owned()
            } else {
                format!("    {l}\n")
            }
        })
        .collect();
    let own = commerce_page(&format!("{COMMERCE}\nprose:\n  description: |\n{block}"));
    assert!(own == html, "the copied default text changed the page");
}

/// 「项目概况」, 立项依据 in one paragraph, 年度预算安排 by quarter with no total, and one
/// project's 年度预算安排 in words: each exactly as written.
#[test]
fn a_department_rewords_the_descriptions() {
    let mut text = edit(
        COMMERCE,
        "      - { name: 各级企业技术中心及专精特新认定, amount: \"17,200,000.00\" }\n",
        "      - { name: 第一季度, amount: \"4,300,000.00\" }\n      - { name: 第二季度, amount: \"4,300,000.00\" }\n      - { name: 第三季度, amount: \"4,300,000.00\" }\n      - { name: 第四季度, amount: \"4,300,000.00\" }\n",
    );
    text = edit(
        &text,
        "      - { name: 支持企业国际化发展, amount: \"500,000.00\" }\n",
        "      - { name: 支持企业国际化发展, amount: \"500,000.00\" }\n    budget_text: 资金按项目进度分期拨付。\n",
    );
    text = edit(
        &text,
        "  duties_intro: 主要职能包括：\n",
        "  duties_intro: 主要职能包括：\n  list_punctuation: 无\n",
    );
    text.push_str(
        "\nprose:\n  description: |\n    ### {.名称}经费情况说明\n\n    #### 一、项目概况\n\n    {.概述}\n\n    #### 二、立项依据\n\n    根据{每个 .立项依据 、}{.文件}{结束}。\n\n    #### 三、年度预算安排\n\n    {如果 .预算安排}{.预算安排}{否则}{每个 .分项 ，}{.名称}支付{.金额|去零}万元{结束}。{结束}\n",
    );
    let root = putuo(&text);
    let report = gongkai::check::check_site(root.path()).unwrap_or_else(|p| panic!("{p}"));
    let errors: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let html = page(root.path(), "2025/commerce/index.html");
    assert_eq!(
        text_of_id(&html, "description-1"),
        "科技创新专项经费情况说明一、项目概况加快推动本区企业创新驱动发展，促进企业加大创新力度、加快成果转化。\
         二、立项依据根据《普陀区服务企业发展工作实施意见》（普投资规范〔2023〕1号）、《普陀区支持科技创新实施意见》（普科合规范〔2023〕3号）。\
         三、年度预算安排第一季度支付430万元，第二季度支付430万元，第三季度支付430万元，第四季度支付430万元。"
    );
    assert_eq!(
        text_of_id(&html, "description-2"),
        "生命健康专项（政策资金）经费情况说明一、项目概况推动生命健康产业高质量发展，完成经济指标任务。\
         二、立项依据根据《普陀区加快发展生命健康产业实施意见》。三、年度预算安排资金按项目进度分期拨付。"
    );
    // The department's list punctuation reaches its duties too: no end punctuation.
    assert!(
        html.contains("<p>13、完成区委、区政府交办的其他任务</p>"),
        "{html}"
    );
}

fn project_diagnostics(text: &str) -> Vec<Diagnostic> {
    let root = putuo(text);
    gongkai::check::check_site(root.path())
        .unwrap_or_else(|p| panic!("{p}"))
        .diagnostics
        .into_iter()
        .filter(|d| d.rule.starts_with("project-") || d.rule.starts_with("prose-"))
        .collect()
}

/// An amount typed into a project's text where its total or a part is named and differing is
/// an error at its line; one equal to a part a note; any other a warning.
#[test]
fn check_reads_amounts_typed_into_project_texts() {
    assert!(project_diagnostics(COMMERCE).is_empty());
    let text = edit(
        COMMERCE,
        "      - { name: 支持企业国际化发展, amount: \"500,000.00\" }\n",
        "      - { name: 支持企业国际化发展, amount: \"500,000.00\" }\n    budget_text: 项目总预算1180.00万，其中支持企业规模化发展870.00万，另有宣传3.21万元。\n",
    );
    let line = text
        .lines()
        .position(|l| l.contains("budget_text:"))
        .unwrap()
        + 1;
    let ds = project_diagnostics(&text);
    assert_eq!(ds.len(), 3, "{ds:?}");
    assert!(ds.iter().all(|d| d.line == Some(line)), "{ds:?}");
    let of = |s: Severity| {
        ds.iter()
            .find(|d| d.severity == s)
            .unwrap()
            .message
            .as_str()
    };
    // The library's messages are English; the command line's Chinese (below).
    assert_eq!(
        of(Severity::Error),
        "project 「生命健康专项（政策资金）」, budget_text: 「项目总预算1180.00万」 differs from its 总预算: it is 1170.00"
    );
    assert_eq!(
        of(Severity::Note),
        "project 「生命健康专项（政策资金）」, budget_text: 「870.00万」 is typed, and equals 支持企业规模化发展"
    );
    assert_eq!(
        of(Severity::Warning),
        "project 「生命健康专项（政策资金）」, budget_text: 「3.21万元」 is typed and unchecked"
    );
    let root = putuo(&text);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "zh")
        .args(["check", "--root", &root.path().to_string_lossy()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&format!("content/2025/commerce.yaml:{line}: 项目「生命健康专项（政策资金）」的budget_text：「项目总预算1180.00万」与总预算不符：应是1170.00")),
        "{out}"
    );

    // A list quoted as a figure, and a text repeated as a list, are refused at their line.
    for (body, says) in [
        ("{.立项依据}", "是一个列表"),
        ("{每个 .概述}{结束}", "不是列表"),
    ] {
        let text = format!("{COMMERCE}\nprose:\n  description: |\n    ### {{.名称}}\n    {body}\n");
        let ds = project_diagnostics(&text);
        let line = text.lines().position(|l| l.contains(body)).unwrap() + 1;
        assert!(
            ds.iter().any(|d| d.rule == "prose-reference"
                && d.line == Some(line)
                && d.message.contains(says)),
            "{body}: {ds:?}"
        );
    }
}

/// A described project that the project table lists has the same budget in both.
#[test]
fn a_described_project_in_the_project_table_has_the_same_total() {
    let d: Disclosure = gongkai::content::yaml::from_str(JIYUAN).unwrap();
    let p = &d.projects[0];
    let described = format!(
        "\nproject_descriptions:\n  - name: {}\n    overview: 概述。\n    budget:\n      - {{ name: 全年, amount: \"99999.00\" }}\n",
        p.name
    );
    let root = jiyuan(&format!("{JIYUAN}{described}"));
    let report = gongkai::check::check_site(root.path()).unwrap_or_else(|p| panic!("{p}"));
    let d: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "project-description-total")
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(d[0].actual.as_deref(), Some("99999.00"));
}

/// Glossary entries as 「术语：定义」 on one line or as a definition list, numbered as the
/// profile or the department says; both from the 济源 sample's own glossary.
#[test]
fn the_glossary_is_laid_out_and_numbered_as_chosen() {
    let d: Disclosure = gongkai::content::yaml::from_str(JIYUAN).unwrap();
    let glossary: Vec<gongkai::content::model::GlossaryEntry> =
        gongkai::content::yaml::from_str(include_str!("../../content/glossary.yaml")).unwrap();
    let view = |d: &Disclosure, p: &Profile| {
        let v = gongkai::render::page::disclosure_view(d, &glossary, p, &[]);
        (v.glossary_layout, v.glossary[0].number.clone())
    };
    let jiyuan_profile = Profile::default_profile();
    assert_eq!(view(&d, &jiyuan_profile), ("list", "一、".into()));
    let putuo_profile = Profile::built_in("putuo-9").unwrap();
    assert_eq!(view(&d, &putuo_profile), ("list", "（一）".into()));
    let mut lines = jiyuan_profile.clone();
    lines.glossary_layout = Some(gongkai::content::layout::GlossaryLayout::Line);
    assert_eq!(view(&d, &lines), ("line", "一、".into()));
    // The department's choice wins over the profile's.
    let own: Disclosure = gongkai::content::yaml::from_str(&edit(
        JIYUAN,
        "  duties:\n",
        "  glossary_layout: 列表\n  glossary_numbering: （一）\n  duties:\n",
    ))
    .unwrap();
    assert_eq!(view(&own, &lines), ("list", "（一）".into()));

    // On the page, the sample's own line: 「一、财政拨款收入：是指市级财政当年拨付的资金。」
    let html = page(
        jiyuan(&edit(
            JIYUAN,
            "  duties:\n",
            "  glossary_layout: 一行\n  duties:\n",
        ))
        .path(),
        "2024/085/index.html",
    );
    assert!(
        html.contains("<div class=\"glossary glossary-lines\">\n  <p id=\"term-01\">一、财政拨款收入：是指市级财政当年拨付的资金。</p><p id=\"term-02\">二、事业收入：是指事业单位开展专业活动及辅助活动所取得的收入。</p>"),
        "{html}"
    );
    let default = page(jiyuan(JIYUAN).path(), "2024/085/index.html");
    assert!(default.contains("<dl class=\"glossary\">\n  <div id=\"term-01\"><dt>一、财政拨款收入</dt><dd>是指市级财政当年拨付的资金。</dd></div>"));
}

/// List items end as the profile or the department says: the 济源 sample's 「；」…「。」 from
/// duties typed without punctuation, 普陀's 「。」 after each.
#[test]
fn list_items_end_as_chosen() {
    use gongkai::content::layout::ListPunctuation;
    let bare = JIYUAN
        .replace("；\n", "\n")
        .replace("其他任务。\n", "其他任务\n");
    assert_ne!(bare, JIYUAN);
    let duties = |text: &str, p: &Profile| {
        let d: Disclosure = gongkai::content::yaml::from_str(text).unwrap();
        gongkai::render::page::disclosure_view(&d, &[], p, &[])
            .duties
            .into_iter()
            .map(|n| n.text)
            .collect::<Vec<_>>()
    };
    let sample: Disclosure = gongkai::content::yaml::from_str(JIYUAN).unwrap();
    let mut profile = Profile::default_profile();
    // As typed by default.
    assert_eq!(duties(JIYUAN, &profile), sample.overview.duties);
    profile.list_punctuation = Some(ListPunctuation::SemicolonsThenStop);
    assert_eq!(duties(&bare, &profile), sample.overview.duties);
    let stops = duties(
        &edit(JIYUAN, "  duties:\n", "  list_punctuation: 。\n  duties:\n"),
        &profile,
    );
    assert_eq!(
        stops[0],
        "贯彻执行国家、省、示范区关于招商引资工作的方针、政策和法律法规，统筹做好示范区招商引资协调服务工作。"
    );
    assert_eq!(stops[8], "完成示范区党工委、管委会交办的其他任务。");
    // On the page.
    let html = page(
        jiyuan(&edit(
            &bare,
            "  duties:\n",
            "  list_punctuation: ；。\n  duties:\n",
        ))
        .path(),
        "2024/085/index.html",
    );
    assert!(html.contains("<p>（一）贯彻执行国家、省、示范区关于招商引资工作的方针、政策和法律法规，统筹做好示范区招商引资协调服务工作；</p>"));
    assert!(html.contains("<p>（九）完成示范区党工委、管委会交办的其他任务。</p>"));
}

/// A field misspelt inside a list of the entry is found even when the first project's list is
/// empty, and reported once however many projects repeat it.
#[test]
fn a_misspelt_field_in_a_nested_list_is_found_once() {
    let text = edit(
        COMMERCE,
        "    budget:\n      - { name: 各级企业技术中心及专精特新认定, amount: \"17,200,000.00\" }\n",
        "",
    );
    let text = format!(
        "{text}\nprose:\n  description: |\n    ### {{.名称}}\n    {{每个 .分项 ，}}{{.金顿}}{{结束}}\n"
    );
    let line = text.lines().position(|l| l.contains("{.金顿}")).unwrap() + 1;
    let ds: Vec<Diagnostic> = project_diagnostics(&text)
        .into_iter()
        .filter(|d| d.rule == "prose-reference")
        .collect();
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].line, Some(line));
    assert!(ds[0].message.contains("这一项没有「.金顿」"), "{ds:?}");
}
