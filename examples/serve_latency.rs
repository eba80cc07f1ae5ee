//! Benchmark (not a test): how long after saving one department's file `gongkai serve` serves
//! the new page, in a site of thousands of departments.
//!
//! ```text
//! cargo build --release && cargo run --release --example serve_latency -- [DEPTS] [YEARS] [EDITS]
//! ```
//! DEPTS (default 2000) departments × YEARS (default 1) years are made by copying the sample
//! `content/2024/085.yaml` under other codes. The release binary is started with `serve`;
//! then, EDITS times (default 20), one department's 公用经费 is moved between two functions and
//! saved (the file stays balanced, so it passes check), and the
//! page is fetched over HTTP every millisecond until it shows the new figure. Prints the
//! latency from save to new page served (median, p90, max), and the server's own account of
//! when the year downloads were written. With YEARS > 1 the edited file is of the first year,
//! so that department's pages of every later year are rebuilt too.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The sample's totals, as the next year's `previous_year` gives them.
const LAST_YEAR: [(&str, &str); 7] = [
    ("total:            ", "1042.10"),
    ("general:          ", "983.70"),
    ("fund:             ", "58.40"),
    ("abroad:           ", "3.00"),
    ("reception:        ", "0.50"),
    ("vehicle_running:  ", "1.50"),
    ("running_costs:    ", "43.30"),
];

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numbers: DEPTS YEARS EDITS"))
        .collect();
    let depts = args.first().copied().unwrap_or(2000);
    let years = args.get(1).copied().unwrap_or(1).max(1);
    let edits = args.get(2).copied().unwrap_or(20).max(1);

    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = std::env::var_os("GONGKAI_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("target/release/gongkai"));
    assert!(
        bin.is_file(),
        "{} missing: run `cargo build --release` first (or set GONGKAI_BIN)",
        bin.display()
    );
    let site = tempfile::Builder::new()
        .prefix("gongkai-latency-")
        .tempdir()
        .expect("temp dir");
    let sample = std::fs::read_to_string(repo.join("content/2024/085.yaml")).unwrap();
    let content = site.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for f in ["site.yaml", "glossary.yaml"] {
        std::fs::copy(repo.join("content").join(f), content.join(f)).unwrap();
    }
    let first_year = 2024 - years as u16 + 1;
    for y in first_year..=2024 {
        let dir = content.join(y.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..depts {
            let code = format!("{:04}", i + 1);
            let mut text = sample
                .replace("code: \"085\"", &format!("code: \"{code}\""))
                .replace("year: 2024", &format!("year: {y}"))
                .replace(
                    "published: \"2024-05-26\"",
                    &format!("published: \"{y}-05-26\""),
                );
            if y > first_year {
                // The comparison with last year gives last year's figures (check asks it).
                for (item, amount) in LAST_YEAR {
                    text = text.replace(
                        &format!("{item}{{ amount: 0,"),
                        &format!("{item}{{ amount: {amount},"),
                    );
                }
            }
            std::fs::write(dir.join(format!("{code}.yaml")), text).unwrap();
        }
    }
    println!(
        "site: {depts} departments × {years} year(s) = {} department-years in {}",
        depts * years,
        site.path().display()
    );

    let start = Instant::now();
    let mut child = Command::new(&bin)
        // The server's own account below is read in its English wording.
        .env("GONGKAI_LANG", "en")
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for l in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    let (etx, erx) = mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for l in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = etx.send(l);
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(1800))
        .expect("serve printed no address");
    println!(
        "first full build and serving: {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("URL");
    let rest = url.trim_start_matches("http://");
    let (addr, prefix) = rest.split_at(rest.find('/').unwrap());
    let code = format!("{:04}", depts / 2 + 1);
    let file = content.join(format!("{first_year}/{code}.yaml"));
    let path = format!("{prefix}{first_year}/{code}/index.html");
    let later = format!("{prefix}2024/{code}/index.html");

    let mut text = std::fs::read_to_string(&file).unwrap();
    // Each edit moves 公用经费 between two functions (2011350 and 2080502): the file still
    // balances, and its totals, which later years compare with, stay the same.
    let line = |x: u32| {
        let y = 4330 - x;
        (
            format!("public: {}.{:02}, targeted", x / 100, x % 100),
            format!("family: 149.00, public: {}.{:02}", y / 100, y % 100),
        )
    };
    let mut current = line(3870);
    let mut n = 0;
    // Saves one new figure and returns how long until the page shows it.
    let mut edit_once = |n: usize| {
        let x = 2000 + n as u32;
        let figure = format!("{}.{:02}", x / 100, x % 100);
        let next = line(x);
        text = text
            .replacen(&current.0, &next.0, 1)
            .replacen(&current.1, &next.1, 1);
        current = next;
        std::fs::write(&file, &text).unwrap();
        let saved = Instant::now();
        loop {
            if get(addr, &path).contains(&format!("table-03-r2-4\">{figure}</td>")) {
                return saved.elapsed();
            }
            assert!(saved.elapsed() < Duration::from_secs(60), "no new page");
            std::thread::sleep(Duration::from_millis(1));
        }
    };
    // The server's own account, from its log: "… its pages served N ms after the change,
    // the pages listing it M ms", then, once editing pauses, "… written in K ms".
    let server_says = |what: &str| -> Option<(u64, Option<u64>)> {
        while let Ok(l) = erx.recv_timeout(Duration::from_secs(120)) {
            if let Some(rest) = l.split(what).nth(1) {
                let num = |s: &str| s.split_whitespace().next().and_then(|v| v.parse().ok());
                let first = num(rest)?;
                let second = rest.split("listing it ").nth(1).and_then(num);
                return Some((first, second));
            }
        }
        None
    };
    while erx.try_recv().is_ok() {}

    println!("\n1. one save at a time (the year downloads finish before the next save):");
    let mut paused = Vec::new();
    for _ in 0..edits {
        let t = edit_once(n);
        n += 1;
        let pages = server_says("pages served ");
        let downloads = server_says("written in ");
        paused.push(t);
        let show = |v: Option<u64>| v.map_or("?".into(), |v| v.to_string());
        println!(
            "   save → new page served {:6.1} ms   (server, from the file event: its pages {} ms, listing pages {} ms; year downloads then took {} ms)",
            ms(t),
            show(pages.map(|p| p.0)),
            show(pages.and_then(|p| p.1)),
            show(downloads.map(|d| d.0))
        );
    }
    summary("one save at a time", &mut paused);

    println!("\n2. saves in quick succession (each as soon as the previous page is served):");
    let mut rapid = Vec::new();
    for _ in 0..edits {
        rapid.push(edit_once(n));
        n += 1;
    }
    summary("quick succession", &mut rapid);

    if years > 1 {
        let body = get(addr, &later);
        println!(
            "the {code} page of 2024 links to {first_year}: {}",
            body.contains(&format!("{first_year}年度"))
        );
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summary(what: &str, times: &mut [Duration]) {
    times.sort();
    println!(
        "   {what}, {} saves: save → new page served median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 9 / 10).min(times.len() - 1)]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn get(addr: &str, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw).into_owned()
}
