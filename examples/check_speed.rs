//! How long `gongkai check` takes for many departments.
//!
//! Writes N copies of the sample (content/2024/085.yaml) into a temporary site, each with its
//! own department code and a rotation of 功能分类 项 codes, then times loading and checking the
//! way `gongkai check` does. Run with
//!
//! ```text
//! cargo run --release --example check_speed [N=1000]
//! ```

use std::time::Instant;

const SAMPLE: &str = include_str!("../content/2024/085.yaml");
const SITE: &str = include_str!("../content/site.yaml");
const GLOSSARY: &str = include_str!("../content/glossary.yaml");

/// 201 一般公共服务 项 codes that can stand in for 2011350 事业运行.
const GENERAL_SERVICES: [&str; 5] = ["2011350", "2010350", "2010301", "2013101", "2010601"];

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().expect("temp dir");
    let year = dir.path().join("content/2024");
    std::fs::create_dir_all(&year).expect("content dir");
    std::fs::write(dir.path().join("content/site.yaml"), SITE).expect("site.yaml");
    std::fs::write(dir.path().join("content/glossary.yaml"), GLOSSARY).expect("glossary");
    for i in 0..n {
        let code = format!("d{i:04}");
        let text = SAMPLE
            .replace("code: \"085\"", &format!("code: \"{code}\""))
            .replace(
                "code: \"2011350\"",
                &format!("code: \"{}\"", GENERAL_SERVICES[i % GENERAL_SERVICES.len()]),
            );
        std::fs::write(year.join(format!("{code}.yaml")), text).expect("write");
    }

    let start = Instant::now();
    let content = gongkai::load::load_content(dir.path()).expect("the copies load");
    let loaded = start.elapsed();
    let start = Instant::now();
    let report = gongkai::check::run(&content);
    let checked = start.elapsed();

    let per100 = |d: std::time::Duration| d.as_secs_f64() * 100.0 / n as f64;
    println!("{n} departments: {}", report.summary());
    println!(
        "load  {:>8.3} s  ({:.4} s per 100 departments)",
        loaded.as_secs_f64(),
        per100(loaded)
    );
    println!(
        "check {:>8.3} s  ({:.4} s per 100 departments)",
        checked.as_secs_f64(),
        per100(checked)
    );
    println!(
        "total {:>8.3} s  ({:.4} s per 100 departments)",
        (loaded + checked).as_secs_f64(),
        per100(loaded + checked)
    );
}
