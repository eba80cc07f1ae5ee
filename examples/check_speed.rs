//! How long `gongkai check` takes for many departments.
//!
//! Writes N copies of the sample (content/2024/085.yaml) into a temporary site, each with its
//! own department code and a rotation of 功能分类 项 codes, then times checking the
//! way `gongkai check` does, and loading alone; then times reading the sample into the model,
//! one thread. With `--per-rule`, also the time of each rule.
//!
//! ```text
//! cargo run --release --example check_speed [N=1000] [--per-rule]
//! ```

use gongkai::check::{Ctx, rules};
use gongkai::content::load::Content;
use std::time::{Duration, Instant};

/// As in the `gongkai` binary, so that the times are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SAMPLE: &str = include_str!("../content/2024/085.yaml");
const SITE: &str = include_str!("../content/site.yaml");
const GLOSSARY: &str = include_str!("../content/glossary.yaml");

/// 201 一般公共服务 项 codes that can stand in for 2011350 事业运行.
const GENERAL_SERVICES: [&str; 5] = ["2011350", "2010350", "2010301", "2013101", "2010601"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1000);
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
    let report = gongkai::check::check_site(dir.path()).expect("the copies load");
    let checked = start.elapsed();
    let start = Instant::now();
    let content = gongkai::content::load::load_content(dir.path()).expect("the copies load");
    let loaded = start.elapsed();

    let per100 = |d: Duration| d.as_secs_f64() * 100.0 / n as f64;
    println!("{n} departments: {}", report.summary());
    for (what, d) in [
        ("check (as gongkai check)", checked),
        ("loading alone           ", loaded),
    ] {
        println!(
            "{what} {:>8.3} s  ({:.4} s per 100 departments)",
            d.as_secs_f64(),
            per100(d)
        );
    }
    readers(n);
    if args.iter().any(|a| a == "--per-rule") {
        per_rule(&content);
    }
}

/// Time to read the sample into the model, per file.
fn readers(n: usize) {
    use gongkai::content::model::Disclosure;
    use std::hint::black_box;
    let time = |read: &dyn Fn(&str) -> Disclosure| {
        let start = Instant::now();
        for _ in 0..n {
            black_box(read(black_box(SAMPLE)));
        }
        start.elapsed().as_secs_f64() * 1000.0 / n as f64
    };
    let ms = time(&|t| gongkai::content::yaml::from_str(t).expect("the sample reads"));
    println!(
        "reading one {} KB file, one thread: {ms:.3} ms",
        SAMPLE.len() / 1024
    );
}

/// Time spent in each rule over all departments, slowest first.
fn per_rule(content: &Content) {
    let mut times: Vec<(&str, Duration)> = rules().map(|r| (r.id, Duration::ZERO)).collect();
    let mut figures = Duration::ZERO;
    for d in &content.disclosures {
        let t = Instant::now();
        let ctx = Ctx::new(d, None);
        figures += t.elapsed();
        for (k, r) in rules().enumerate() {
            let t = Instant::now();
            let mut out = Vec::new();
            (r.run)(&ctx, &mut out);
            times[k].1 += t.elapsed();
        }
    }
    times.sort_by_key(|t| std::cmp::Reverse(t.1));
    println!("figures {:>10.3} ms", figures.as_secs_f64() * 1000.0);
    for (id, t) in times {
        println!("{id:<34} {:>10.3} ms", t.as_secs_f64() * 1000.0);
    }
}
