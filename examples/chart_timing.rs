//! Prints how long drawing the charts takes per disclosure, and how big they are.
//!
//! `cargo run --release --example chart_timing [ROOT] [ROUNDS]` (ROOT defaults to the
//! repository, whose content/ holds the example site).

use gongkai::content::model::Disclosure;
use gongkai::derive::Figures;
use gongkai::derive::tables::{Ctx, tables_for};
use gongkai::render::charts::{ChartFacts, ChartView, disclosure_charts, year_charts};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let rounds: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(500);
    let content = match gongkai::content::load::load_content(&root) {
        Ok(c) => c,
        Err(p) => {
            eprintln!("{p}");
            std::process::exit(1);
        }
    };
    let all: Vec<&Disclosure> = content.disclosures.iter().map(|d| &d.data).collect();
    let facts: Vec<ChartFacts> = all
        .iter()
        .map(|d| ChartFacts::of(d, &Figures::of(d)))
        .collect();
    for d in &all {
        let f = Figures::of(d);
        let tables = tables_for(&Ctx { d, f: &f }, &content.profile);
        let earlier: Vec<&ChartFacts> = facts
            .iter()
            .filter(|e| e.code == d.code && e.year < d.year)
            .collect();
        let start = Instant::now();
        let mut charts = None;
        for _ in 0..rounds {
            charts = Some(disclosure_charts(
                d,
                &f,
                &tables,
                &content.profile,
                &earlier,
            ));
        }
        let per = start.elapsed() / rounds;
        let c = charts.expect("at least one round");
        let views: Vec<&ChartView> = [
            &c.trend,
            &c.income,
            &c.basic_project,
            &c.functions,
            &c.economic,
            &c.personnel_public,
            &c.three_public,
        ]
        .into_iter()
        .flatten()
        .collect();
        let sizes: Vec<String> = views
            .iter()
            .map(|v| format!("{} {:.1} KB", v.id, v.svg.len() as f64 / 1024.0))
            .collect();
        println!(
            "{} {} ({}): {} charts in {:.1} µs per disclosure; {}",
            d.year,
            d.code,
            d.name,
            views.len(),
            per.as_secs_f64() * 1e6,
            sizes.join(", ")
        );
    }
    let mut years: Vec<u16> = all.iter().map(|d| d.year).collect();
    years.dedup();
    for y in years {
        let of_year: Vec<&ChartFacts> = facts.iter().filter(|d| d.year == y).collect();
        let start = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(year_charts(y, &of_year, &content.profile));
        }
        println!(
            "{y} year page ({} departments): {:.1} µs",
            of_year.len(),
            (start.elapsed() / rounds).as_secs_f64() * 1e6
        );
    }
}
