//! Mutation test of `gongkai check`: every amount of the sample's YAML is changed in turn by
//! +0.01 and by +1.00, and the check must notice. Prints the figures:
//!
//! ```text
//! cargo test --test it check_mutations -- --nocapture
//! ```
//!
//! An amount that appears in more than one table (income, functional and economic lines,
//! project amounts) must be caught every time: +1.00 as an error, +0.01 at least as a note
//! (a cent is within the rounding allowance, so it cannot be told from rounding). Amounts that
//! appear in one place only — last year's figures and the procurement split, each quoted once
//! in the narrative — have nothing to be checked against and are listed as such.

use gongkai::check::{self, Diagnostic, Severity};
use gongkai::content::model::Disclosure;
use std::collections::BTreeMap;
use std::path::Path;

const SAMPLE: &str = include_str!("../../content/2024/085.yaml");

/// Sections whose amounts appear in more than one table.
const CROSS_CHECKED: [&str; 4] = ["income", "expenditure", "economic", "projects"];

/// An unquoted number in a value position: its byte range, text and line.
struct Scalar {
    start: usize,
    end: usize,
    text: String,
    line: usize,
    section: String,
}

/// Finds the unquoted numbers written after `key: ` in the sample, outside comments.
fn scalars(text: &str) -> Vec<Scalar> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut section = String::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let code = line.split('#').next().unwrap_or("");
        if let Some(key) = code.strip_suffix(":\n").or(code.strip_suffix(':'))
            && !key.starts_with(' ')
            && !key.is_empty()
        {
            section = key.to_owned();
        } else if !line.starts_with(' ')
            && let Some((key, _)) = code.split_once(':')
            && !key.is_empty()
        {
            section = key.to_owned();
        }
        let bytes = code.as_bytes();
        let mut i = 0;
        while let Some(pos) = code[i..].find(": ") {
            let mut s = i + pos + 2;
            while s < bytes.len() && bytes[s] == b' ' {
                s += 1;
            }
            let mut e = s;
            while e < bytes.len() && (bytes[e].is_ascii_digit() || bytes[e] == b'.') {
                e += 1;
            }
            let ends_well =
                e == bytes.len() || matches!(bytes[e], b',' | b' ' | b'}' | b'\n' | b'\r');
            if e > s && ends_well {
                out.push(Scalar {
                    start: offset + s,
                    end: offset + e,
                    text: code[s..e].to_owned(),
                    line: n + 1,
                    section: section.clone(),
                });
            }
            i = e.max(i + pos + 2);
        }
        offset += line.len();
    }
    out
}

fn diagnostics(text: &str) -> Option<Vec<Diagnostic>> {
    let loaded =
        gongkai::content::load::parse::<Disclosure>(text, Path::new("content/2024/085.yaml"))
            .ok()?;
    Some(check::check_disclosure(&loaded, None))
}

/// (rule, severity) with counts: what changed against the unbroken sample.
fn signature(ds: &[Diagnostic]) -> BTreeMap<(&'static str, Severity), usize> {
    let mut m = BTreeMap::new();
    for d in ds {
        *m.entry((d.rule, d.severity)).or_insert(0) += 1;
    }
    m
}

#[derive(Default)]
struct Tally {
    mutations: usize,
    errors: usize,
    softer: usize,
    missed: Vec<String>,
}

#[test]
fn every_cross_checked_amount_is_caught() {
    let baseline = signature(&diagnostics(SAMPLE).expect("the sample loads"));
    let deltas = [("+0.01", "0.01"), ("+1.00", "1.00")];
    let mut tallies: BTreeMap<(&str, bool), Tally> = BTreeMap::new();
    let mut not_amounts = 0;
    let mut amounts = 0;
    for s in scalars(SAMPLE) {
        let Ok(value) = rust_decimal::Decimal::from_str_exact(&s.text) else {
            continue;
        };
        let mut counted = false;
        for (label, delta) in deltas {
            let changed = value + rust_decimal::Decimal::from_str_exact(delta).unwrap();
            let text = format!("{}{:.2}{}", &SAMPLE[..s.start], changed, &SAMPLE[s.end..]);
            // Counts of vehicles and the year are not amounts: they no longer load.
            let Some(ds) = diagnostics(&text) else {
                if !counted {
                    not_amounts += 1;
                }
                counted = true;
                continue;
            };
            if !counted {
                amounts += 1;
                counted = true;
            }
            let cross = CROSS_CHECKED.contains(&s.section.as_str());
            let t = tallies.entry((label, cross)).or_default();
            t.mutations += 1;
            let sig = signature(&ds);
            if sig == baseline {
                t.missed.push(format!(
                    "line {:>3} {:<14} {}",
                    s.line,
                    s.section,
                    SAMPLE.lines().nth(s.line - 1).unwrap_or("").trim()
                ));
            } else if ds.iter().any(|d| d.severity == Severity::Error) {
                t.errors += 1;
            } else {
                t.softer += 1;
            }
        }
    }

    println!("mutation test of gongkai check on content/2024/085.yaml");
    println!(
        "{amounts} amounts, each changed by +0.01 and by +1.00 ({not_amounts} other numbers skipped: year, vehicle counts)"
    );
    let mut total = (0, 0);
    for ((label, cross), t) in &tallies {
        let caught = t.errors + t.softer;
        total.0 += caught;
        total.1 += t.mutations;
        println!(
            "{label} {:<34} {caught:>3}/{:<3} caught ({} as errors, {} as notes/warnings only)",
            if *cross {
                "in more than one table:"
            } else {
                "in one place only (narrative):"
            },
            t.mutations,
            t.errors,
            t.softer
        );
        for m in &t.missed {
            println!("        missed: {m}");
        }
    }
    println!("all: {}/{} mutations caught", total.0, total.1);

    for ((label, cross), t) in &tallies {
        if !cross {
            continue;
        }
        assert!(
            t.missed.is_empty(),
            "{label}: cross-checked amounts missed: {:#?}",
            t.missed
        );
        if *label == "+1.00" {
            assert_eq!(
                t.errors, t.mutations,
                "+1.00 on a cross-checked amount must be an error"
            );
        }
    }
    assert!(
        amounts >= 50,
        "the scan should find the sample's amounts, found {amounts}"
    );
}
