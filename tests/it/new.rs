//! `gongkai new`: the skeleton loads and builds, has a place for every fact of the sample, and
//! filled in with the sample's figures gives the sample's page byte for byte.
//!
//! Two ways of filling in, as staff would:
//! - blank skeleton: write the sample's sections over it (lists of lines replace the empty
//!   lists; everything the sample leaves out keeps the skeleton's value, which must therefore
//!   be neutral);
//! - `--from` last year: the sample's structure and texts come from "last year" (the sample
//!   moved to 2023); only the amounts are typed in, each at the place the skeleton kept for it.

use crate::common::{TempSite, gongkai, read_output};
use serde_json::{Map, Value};

const NAME: &str = "济源产城融合示范区招商引资服务中心";

fn ok(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn new(site: &TempSite, args: &[&str]) -> std::process::Output {
    let root = site.root().to_string_lossy().into_owned();
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", &root]);
    gongkai(&all)
}

fn read(site: &TempSite, file: &str) -> String {
    std::fs::read_to_string(site.root().join("content").join(file)).unwrap()
}

fn yaml(text: &str) -> Value {
    gongkai::content::yaml::from_str(text).unwrap()
}

/// The rules `gongkai check` finds broken in `file`, which must load; every finding says what
/// to do.
fn missing(site: &TempSite, file: &str) -> std::collections::BTreeSet<String> {
    let root = site.root().to_string_lossy().into_owned();
    let out = gongkai(&["check", "--root", &root, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "check fails until filled in");
    let mut rules = std::collections::BTreeSet::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        if d["file"] != file || d["severity"] != "error" {
            continue;
        }
        assert!(!d["hint"].as_str().unwrap_or("").is_empty(), "{d}");
        rules.insert(d["rule"].as_str().unwrap().to_owned());
    }
    rules
}

/// The sample's page and tables equal those of this site's build.
fn assert_same_page_as_the_sample(site: &TempSite) {
    ok(site.build());
    let page = std::fs::read_to_string(site.out().join("2024/085/index.html")).unwrap();
    assert!(
        page == read_output("2024/085/index.html"),
        "2024/085/index.html differs from the sample's"
    );
    for i in 1..=13 {
        let t = format!("2024/085/table-{i:02}.csv");
        assert_eq!(
            std::fs::read(site.out().join(&t)).unwrap(),
            std::fs::read(crate::common::public_dir().join(&t)).unwrap(),
            "{t}"
        );
    }
}

/// Every key the sample uses, the skeleton has (free-form maps and optional reasons aside).
fn assert_has_place_for(skeleton: &Value, sample: &Value, path: &str) {
    let (Value::Object(k), Value::Object(s)) = (skeleton, sample) else {
        return;
    };
    for (key, v) in s {
        let name = key.as_str();
        let here = format!("{path}.{name}");
        let free =
            path == ".empty_tables" || (path.starts_with(".previous_year.") && name == "reason");
        match k.get(key) {
            Some(inner) => assert_has_place_for(inner, v, &here),
            None => assert!(free, "the skeleton has no place for {here}"),
        }
    }
}

/// The sample's sections written over the skeleton: maps merge, lists and values replace.
fn overlay(skeleton: &mut Value, sample: &Value) {
    match (skeleton, sample) {
        (Value::Object(k), Value::Object(s)) => {
            for (key, v) in s {
                match k.get_mut(key) {
                    Some(inner) => overlay(inner, v),
                    None => {
                        k.insert(key.clone(), v.clone());
                    }
                }
            }
        }
        (k, s) => *k = s.clone(),
    }
}

#[test]
fn a_blank_skeleton_filled_with_the_sample_gives_the_sample_page() {
    let site = TempSite::copy_example();
    let sample = read(&site, "2024/085.yaml");
    std::fs::remove_file(site.root().join("content/2024/085.yaml")).unwrap();
    let said = ok(new(&site, &["2024", "085", NAME]));
    assert!(said.contains("content/2024/085.yaml"), "{said}");

    // As written: it loads, check asks only for what is missing, and every section is there.
    let text = read(&site, "2024/085.yaml");
    let rules = missing(&site, "content/2024/085.yaml");
    assert!(rules.contains("completeness-figures"), "{rules:?}");
    assert!(
        rules
            .iter()
            .all(|r| ["completeness-figures", "completeness-texts"].contains(&r.as_str())),
        "{rules:?}"
    );
    for section in [
        "overview:",
        "income:",
        "expenditure: []",
        "economic: []",
        "projects: []",
        "previous_year:",
        "narrative:",
        "procurement:",
        "assets:",
        "performance:",
        "empty_tables: {}",
        "year_end_balance: 0",
    ] {
        assert!(text.contains(section), "{section} missing");
    }
    for comment in [
        "# 每个功能分类“项”一行",
        "wages    = 基本支出·人员经费·工资福利支出",
        "state_capital           表十",
    ] {
        assert!(text.contains(comment), "comment {comment:?} missing");
    }

    let mut skeleton = yaml(&text);
    let sample = yaml(&sample);
    assert_has_place_for(&skeleton, &sample, "");
    overlay(&mut skeleton, &sample);
    site.write(
        "2024/085.yaml",
        &serde_saphyr::to_string(&skeleton).unwrap(),
    );
    assert_same_page_as_the_sample(&site);
}

/// Numbers of the sample outside `previous_year`, by path (e.g. `expenditure[0].general.wages`).
fn amounts(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, inner) in m {
                let k = k.as_str();
                if path.is_empty() && matches!(k, "previous_year" | "year" | "assets") {
                    continue;
                }
                amounts(inner, format!("{path}.{k}"), out);
            }
        }
        Value::Array(s) => {
            for (i, inner) in s.iter().enumerate() {
                amounts(inner, format!("{path}[{i}]"), out);
            }
        }
        Value::Number(_) => out.push((path, v.clone())),
        _ => {}
    }
}

/// The value at `path`, which must exist in the skeleton.
fn at<'a>(v: &'a mut Value, path: &str) -> &'a mut Value {
    let mut cur = v;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']').parse::<usize>().unwrap())),
            None => (part, None),
        };
        cur = cur
            .get_mut(key)
            .unwrap_or_else(|| panic!("the skeleton has no {key} on the way to {path}"));
        if let Some(i) = index {
            cur = cur
                .get_mut(i)
                .unwrap_or_else(|| panic!("the skeleton has no [{i}] on the way to {path}"));
        }
    }
    cur
}

#[test]
fn from_last_year_keeps_the_structure_and_the_sample_figures_give_the_sample_page() {
    let site = TempSite::copy_example();
    let sample_text = read(&site, "2024/085.yaml");
    std::fs::remove_file(site.root().join("content/2024/085.yaml")).unwrap();
    // The sample plays last year.
    site.write(
        "2023/085.yaml",
        &sample_text
            .replace("year: 2024", "year: 2023")
            .replace("published: \"2024-05-26\"", "published: \"2023-05-26\""),
    );
    ok(new(&site, &["2024", "085", NAME, "--from", "2023"]));
    let text = read(&site, "2024/085.yaml");
    let rules = missing(&site, "content/2024/085.yaml");
    assert!(rules.contains("completeness-figures"), "{rules:?}");
    assert!(
        rules.iter().all(|r| [
            "completeness-figures",
            "completeness-texts",
            "narrative-change-reason"
        ]
        .contains(&r.as_str())),
        "{rules:?}"
    );

    // Last year's totals are this year's comparison, computed, not copied.
    for line in [
        "total:            { amount: 1042.10 }",
        "general:          { amount: 983.70 }",
        "fund:             { amount: 58.40 }",
        "state_capital:    { amount: 0 }",
        "abroad:           { amount: 3.00 }",
        "reception:        { amount: 0.50 }",
        "vehicle_purchase: { amount: 0 }",
        "vehicle_running:  { amount: 1.50 }",
        "running_costs:    { amount: 43.30 }",
    ] {
        assert!(text.contains(line), "previous_year: {line:?} missing");
    }
    // Last year's amount beside each zeroed one.
    assert!(text.contains("appropriation: 0    # 一般公共预算·财政拨款，上年 983.70"));
    assert!(text.contains("general: { wages: 0, public: 0, targeted: 0 }   # 上年：wages 605.30，public 38.70，targeted 100.00"));

    // This year's amounts are all zero; typing the sample's at their places gives the sample.
    let sample = yaml(&sample_text);
    let mut skeleton = yaml(&text);
    let mut found = Vec::new();
    amounts(&skeleton, String::new(), &mut found);
    assert!(found.len() >= 45, "only {} amounts", found.len());
    for (path, v) in &found {
        assert_eq!(v.as_f64(), Some(0.0), "{path} is not zero");
    }
    let mut typed = Vec::new();
    amounts(&sample, String::new(), &mut typed);
    for (path, v) in &typed {
        *at(&mut skeleton, path) = v.clone();
    }
    // What the staff write anew each year: the comparison's reasons and the publication date.
    let skeleton_map: &mut Map<String, Value> = skeleton.as_object_mut().unwrap();
    skeleton_map.insert("previous_year".into(), sample["previous_year"].clone());
    skeleton_map.insert("published".into(), sample["published"].clone());
    site.write(
        "2024/085.yaml",
        &serde_saphyr::to_string(&skeleton).unwrap(),
    );
    std::fs::remove_dir_all(site.root().join("content/2023")).unwrap();
    assert_same_page_as_the_sample(&site);
}

#[test]
fn refuses_what_it_must_not_do() {
    let site = TempSite::copy_example();
    let before = read(&site, "2024/085.yaml");
    let out = new(&site, &["2024", "085", NAME]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(read(&site, "2024/085.yaml"), before, "never replaced");

    for (args, says) in [
        (vec!["2024", "../x", NAME], "must be 1–32 letters"),
        (vec!["2024", "086", " "], "name is empty"),
        (
            vec!["2025", "086", NAME, "--from", "2024"],
            "cannot read the file",
        ),
        (
            vec!["2024", "086", NAME, "--from", "2024"],
            "is not a year before 2024",
        ),
    ] {
        let out = new(&site, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!site.root().join("content/2025/086.yaml").exists());
    }
    let empty = tempfile::tempdir().unwrap();
    let out = gongkai(&[
        "new",
        "2024",
        "086",
        NAME,
        "--root",
        &empty.path().to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("content folder does not exist"));
}

#[test]
fn a_new_file_uses_the_unit_of_the_sites_profile() {
    // The 普陀 example publishes in 元: a new department's amounts are typed in 元 too.
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_tree(
        &crate::common::repo_root().join("examples/putuo"),
        dir.path(),
    );
    let root = dir.path().to_string_lossy().into_owned();
    let out = gongkai(&["new", "2026", "099", "测试局", "--root", &root]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("content/2026/099.yaml")).unwrap();
    assert!(text.contains("money_unit: 元"), "{text}");
    // Its empty_tables keys are the 9-table profile's.
    assert!(text.contains("#   three_public            表9"), "{text}");
}

/// A region's own scaffold beside its profile is used; one that leaves a section out is
/// refused with the section's name, and nothing is written.
#[test]
fn a_region_ships_its_own_scaffold_and_cannot_drop_a_section() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_tree(
        &crate::common::repo_root().join("examples/putuo"),
        dir.path(),
    );
    let root = dir.path().to_string_lossy().into_owned();
    let built_in =
        std::fs::read_to_string(crate::common::repo_root().join("templates/new.yaml")).unwrap();
    let own = dir.path().join("profiles/putuo-9.new.yaml");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(
        &own,
        built_in.replace("# 填写说明：", "# 普陀区财政局填写说明（本区自己的底稿）："),
    )
    .unwrap();
    let out = gongkai(&[
        "new",
        "2026",
        "commerce",
        "上海市普陀区商务委员会",
        "--from",
        "2025",
        "--root",
        &root,
    ]);
    ok(out);
    let written = dir.path().join("content/2026/commerce.yaml");
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("# 普陀区财政局填写说明"), "{text}");
    // Last year's project descriptions and 类/款 names are there, and the file loads.
    let v = yaml(&text);
    assert_eq!(v["project_descriptions"].as_array().map(Vec::len), Some(4));
    assert_eq!(v["subject_names"]["20113"], "商贸事务");
    std::fs::remove_file(&written).unwrap();

    // The same template without the project descriptions.
    let start = built_in.find("{%- if project_descriptions %}").unwrap();
    let end = start + built_in[start..].find("\n\nyear_end_balance").unwrap();
    std::fs::write(&own, format!("{}{}", &built_in[..start], &built_in[end..])).unwrap();
    let out = gongkai(&[
        "new",
        "2026",
        "commerce",
        "上海市普陀区商务委员会",
        "--from",
        "2025",
        "--root",
        &root,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("profiles/putuo-9.new.yaml") && err.contains("project_descriptions"),
        "{err}"
    );
    assert!(!written.exists(), "nothing is written");
}

/// A name that looks like YAML stays one name: it adds no field and reads back as typed.
#[test]
fn a_hostile_name_stays_one_value() {
    let site = TempSite::copy_example();
    let name = "局: x, corrections: [{date: \"2025-01-01\"}] # \"引号\" 'a' {b} [c] &d *e !f";
    ok(new(&site, &["2025", "099", name]));
    let v = yaml(&read(&site, "2025/099.yaml"));
    assert_eq!(v["name"], name);
    assert_eq!(v["units"][0]["name"], name);
    assert!(v.get("corrections").is_none());
}
