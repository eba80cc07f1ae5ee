//! `gongkai serve` end to end: the binary on a free loopback port, spoken to over plain TCP.
//!
//! A broken file's page answers 500 with the error page (file, line, field, message, hint);
//! every other page keeps answering 200 with its last good version and a notice. Requests are
//! HTTP/1.0 so that the body arrives whole, without chunked encoding.

#![cfg(unix)]

use crate::common::TempSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// The example's published path (from base_url in content/site.yaml).
const BASE: &str = "/zwgk/yjs/";

pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: String,
    /// The path the site is served under.
    prefix: String,
    /// Where the preview is written.
    pub(crate) folder: PathBuf,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    pub(crate) fn start(root: &Path, port: u16) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("GONGKAI_LANG", "en")
            .args(["serve", "--root"])
            .arg(root)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gongkai serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                sink.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_str(&(line + "\n"));
            }
        });
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| {
                panic!(
                    "no address printed; stderr:\n{}",
                    stderr.lock().unwrap_or_else(|e| e.into_inner())
                )
            });
        // serving http://127.0.0.1:PORT/zwgk/yjs/ (preview folder DIR; Ctrl-C to stop)
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        let rest = url.strip_prefix("http://").unwrap();
        let addr = rest[..rest.find('/').unwrap()].to_owned();
        let prefix = rest[rest.find('/').unwrap()..].to_owned();
        let folder = line
            .split_once("preview folder ")
            .and_then(|(_, r)| r.split_once(';'))
            .map(|(f, _)| PathBuf::from(f))
            .unwrap_or_else(|| panic!("no preview folder in {line:?}"));
        Server {
            child,
            addr,
            prefix,
            folder,
            stderr,
        }
    }

    pub(crate) fn get(&self, path: &str) -> Response {
        get(&self.addr, path)
    }

    /// Polls `path` until `ok` holds, for up to 60 s (debug builds on a busy machine are slow).
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            if start.elapsed() > Duration::from_secs(60) {
                panic!(
                    "{path}: {what} did not happen; last status {}; stderr:\n{}",
                    r.status,
                    self.stderr.lock().unwrap_or_else(|e| e.into_inner())
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl-C: the server stops; it keeps the site's own preview folder for the next preview
    /// (its working files go), and removes a temporary one.
    pub(crate) fn interrupt(mut self) {
        let status = ctrl_c(&mut self.child, Duration::from_secs(20));
        assert!(status.success(), "exit status {status}");
        let said = self
            .stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let work = self.folder.parent().unwrap();
        if work.ends_with(".gongkai/preview") {
            assert!(self.folder.is_dir(), "the preview folder is kept");
            assert!(!work.join("scratch").exists(), "its working files are not");
            assert!(said.contains("kept the preview folder"), "{said}");
        } else {
            assert!(!work.exists(), "a temporary preview folder is removed");
            assert!(said.contains("removed the preview folder"), "{said}");
        }
    }
}

/// Sends Ctrl-C (SIGINT) and waits for the process to end, at most `within`.
fn ctrl_c(child: &mut std::process::Child, within: Duration) -> std::process::ExitStatus {
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        assert!(start.elapsed() < within, "did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = Command::new("kill")
                .args(["-INT", &self.child.id().to_string()])
                .status();
            std::thread::sleep(Duration::from_millis(500));
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub(crate) struct Response {
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request, sent exactly as given (no normalisation of `..` or encodings).
fn get(addr: &str, path: &str) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
    }
}

fn build_id(page: &str) -> u64 {
    let at = page.find("var b=").expect("live-reload script") + 6;
    page[at..].split(';').next().unwrap().parse().unwrap()
}

fn page(p: &str) -> String {
    format!("{BASE}{p}")
}

#[test]
fn serves_the_site_and_follows_edits_breakage_and_fixes() {
    let site = TempSite::copy_example();
    let server = Server::start(site.root(), 0);
    assert!(
        server.addr.starts_with("127.0.0.1:"),
        "loopback only: {}",
        server.addr
    );
    assert_eq!(
        server.prefix, BASE,
        "served under the site's published path"
    );

    // Pages and content types.
    let home = server.get(BASE);
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("/__gongkai/events"),
        "live reload injected"
    );
    let root = server.get("/");
    assert_eq!((root.status, root.header("Location")), (302, Some(BASE)));
    let bare = server.get("/zwgk/yjs/2024/085");
    assert_eq!(
        (bare.status, bare.header("Location")),
        (302, Some("/zwgk/yjs/2024/085/"))
    );
    for (path, ctype) in [
        ("2024/085/", "text/html; charset=utf-8"),
        ("2024/085/index.html", "text/html; charset=utf-8"),
        ("static/style.css", "text/css; charset=utf-8"),
        ("static/site.js", "application/javascript; charset=utf-8"),
        ("2024/085/table-01.csv", "text/csv; charset=utf-8"),
        ("2024/085/085-2024.json", "application/json"),
        (
            "2024/search-index.js",
            "application/javascript; charset=utf-8",
        ),
        ("feed.xml", "application/atom+xml"),
        ("sitemap.xml", "application/xml"),
        ("2024/SHA256SUMS", "text/plain; charset=utf-8"),
    ] {
        let r = server.get(&page(path));
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type"), Some(ctype), "{path}");
    }
    let missing = server.get(&page("2024/999/index.html"));
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("页面不存在"),
        "the site's own 404 page"
    );
    let dept = server.get(&page("2024/085/"));
    assert!(dept.body.contains("983.70"));
    // The built files never hold the script; only responses do.
    let on_disk = std::fs::read_to_string(server.folder.join("2024/085/index.html")).unwrap();
    assert!(!on_disk.contains("__gongkai"));
    assert!(
        server.folder.ends_with(".gongkai/preview/site"),
        "the site's own preview folder, beside the build cache: {}",
        server.folder.display()
    );
    assert!(
        !site.root().join("public").exists(),
        "public/ is not touched"
    );

    // Concurrent requests, with a live-reload poll held open meanwhile.
    let id = build_id(&dept.body);
    let poll = {
        let addr = server.addr.clone();
        std::thread::spawn(move || get(&addr, &format!("/__gongkai/events?since={id}")))
    };
    let threads: Vec<_> = (0..24)
        .map(|i| {
            let addr = server.addr.clone();
            std::thread::spawn(move || {
                let p = ["", "2024/", "2024/085/", "static/style.css"][i % 4];
                get(&addr, &page(p)).status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }

    // An edit: the new figure is served, and the poll answers with a new build.
    // 10万元 more income, spent on 办公费 (T3 and T7), so the file still balances.
    site.replace(
        "2024/085.yaml",
        "appropriation: 983.70",
        "appropriation: 993.70",
    );
    site.replace("2024/085.yaml", "public: 38.70", "public: 48.70");
    site.replace(
        "2024/085.yaml",
        "general: { public: 4.40,",
        "general: { public: 14.40,",
    );
    server.wait_for(&page("2024/085/"), "the new figure", |r| {
        r.status == 200 && r.body.contains("993.70")
    });
    let answer = poll.join().unwrap();
    assert_eq!(answer.status, 200);
    assert_ne!(answer.body.trim(), id.to_string(), "a new build id");
    // The pages listing it follow.
    server.wait_for(&page("2024/"), "the new total on the year page", |r| {
        r.body.contains("1,052.10")
    });

    // A failed check: the error page names the rule, expected and actual.
    site.replace("2024/085.yaml", "public: 48.70", "public: 38.70");
    let err = server.wait_for(&page("2024/085/"), "the check's error page", |r| {
        r.status == 500
    });
    for part in [
        "T1-balance",
        "1,042.10 ≠ T1 收入总计 1,052.10",
        "<dt>应为</dt><dd>1052.10</dd><dt>实为</dt><dd>1042.10</dd>",
        "expenditure[0].general.public",
    ] {
        assert!(err.body.contains(part), "check error page lacks {part:?}");
    }
    site.replace("2024/085.yaml", "public: 38.70", "public: 48.70");
    server.wait_for(&page("2024/085/"), "the page after the check passes", |r| {
        r.status == 200
    });

    // Broken: the page becomes the error page; the others stay, with a notice.
    site.replace(
        "2024/085.yaml",
        "appropriation: 993.70",
        "appropriation: 99x.70",
    );
    let err = server.wait_for(&page("2024/085/"), "the error page", |r| r.status == 500);
    assert_eq!(err.header("Content-Type"), Some("text/html; charset=utf-8"));
    for part in [
        "content/2024/085.yaml",
        "income[0].appropriation",
        "`99x.70` is not an amount",
        "write the amount as a plain number",
        "appropriation: 99x.70",
        "/__gongkai/events",
    ] {
        assert!(err.body.contains(part), "error page lacks {part:?}");
    }
    let line = std::fs::read_to_string(site.root().join("content/2024/085.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("99x.70"))
        .unwrap()
        + 1;
    assert!(
        err.body.contains(&format!("第 {line} 行")),
        "the line of the error"
    );
    let year = server.get(&page("2024/"));
    assert_eq!(year.status, 200);
    assert!(
        year.body.contains("1,052.10"),
        "last good figures stay served"
    );
    assert!(year.body.contains("gongkai-notice"));
    assert!(
        server
            .get("/__gongkai/errors")
            .body
            .contains("income[0].appropriation")
    );
    let start = Instant::now();
    while !server
        .stderr
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .contains("`99x.70` is not an amount")
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the terminal shows the error"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // Fixed: the page comes back, without a restart.
    site.replace(
        "2024/085.yaml",
        "appropriation: 99x.70",
        "appropriation: 983.70",
    );
    site.replace("2024/085.yaml", "public: 48.70", "public: 38.70");
    site.replace(
        "2024/085.yaml",
        "general: { public: 14.40,",
        "general: { public: 4.40,",
    );
    // Later years compare with this one: 2025/085 is broken while 2024's totals differ
    // from its comparison, and the notice goes once it follows.
    let back = server.wait_for(&page("2024/085/"), "the page again", |r| {
        r.status == 200 && !r.body.contains("gongkai-notice")
    });
    assert!(back.body.contains("983.70"));
    // The terminal agrees with the pages: its count of failing files follows the same
    // list, including the later years checked again after the page (it once lagged an edit).
    let start = Instant::now();
    loop {
        let err = server
            .stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let tail = &err[err.rfind("`99x.70` is not an amount").unwrap()..];
        if tail.contains("every file passes again") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the terminal still counts failing files:\n{tail}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // A new file appears, then goes.
    let sample = std::fs::read_to_string(site.root().join("content/2024/085.yaml")).unwrap();
    site.write(
        "2024/086.yaml",
        &sample.replace("code: \"085\"", "code: \"086\""),
    );
    server.wait_for(&page("2024/086/"), "the new department", |r| {
        r.status == 200
    });
    std::fs::remove_file(site.root().join("content/2024/086.yaml")).unwrap();
    server.wait_for(&page("2024/086/"), "the department gone", |r| {
        r.status == 404
    });

    server.interrupt();
}

#[test]
fn refuses_every_path_outside_the_folder() {
    let site = TempSite::copy_example();
    let server = Server::start(site.root(), 0);
    // Something worth stealing beside the served folder, and links pointing out of it.
    let work = server.folder.parent().unwrap();
    std::fs::write(work.join("Cargo.toml"), "SECRET-CARGO").unwrap();
    std::os::unix::fs::symlink(work.join("Cargo.toml"), server.folder.join("escape.txt")).unwrap();
    std::os::unix::fs::symlink("/etc", server.folder.join("etc")).unwrap();
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2e%2e%2fCargo.toml",
        "//etc/passwd",
        "/..\\Cargo.toml",
        "/zwgk/yjs/../../../Cargo.toml",
        "/zwgk/yjs/%2e%2e/%2e%2e/%2e%2e/Cargo.toml",
        "/zwgk/yjs/%2E%2E%2F%2E%2E%2F%2E%2E%2FCargo.toml",
        "/zwgk/yjs/..%5c..%5c..%5cCargo.toml",
        "/zwgk/yjs/..\\..\\..\\Cargo.toml",
        "/zwgk/yjs/escape.txt",
        "/zwgk/yjs/etc/passwd",
        "/zwgk/yjs//etc/passwd",
        "/zwgk/yjs/%2fetc%2fpasswd",
        "/zwgk/yjs/.gongkai-site",
        "/zwgk/yjs/%00",
        "http://127.0.0.1/../Cargo.toml",
    ] {
        let r = server.get(path);
        assert!(
            matches!(r.status, 400 | 403 | 404),
            "{path}: status {}",
            r.status
        );
        assert!(
            !r.body.contains("SECRET") && !r.body.contains("root:"),
            "{path} leaked a file"
        );
    }
    server.interrupt();
}

#[test]
fn a_busy_port_moves_to_the_next() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = TempSite::copy_example();
    let server = Server::start(site.root(), port);
    let got: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
    assert!(
        got > port && got <= port + 20,
        "port {got} after busy {port}"
    );
    assert_eq!(server.get(BASE).status, 200);
    server.interrupt();
}

/// Broken site settings at start: every page explains, and fixing them brings the site.
#[test]
fn broken_settings_show_on_every_page_until_fixed() {
    let site = TempSite::copy_example();
    site.replace("site.yaml", "title:", "titel:");
    let server = Server::start(site.root(), 0);
    // The site's path is not known yet: everything under / explains.
    assert_eq!(server.prefix, "/");
    let r = server.wait_for("/2024/085/", "the error page", |r| r.status == 500);
    assert!(r.body.contains("content/site.yaml") && r.body.contains("unknown field `titel`"));
    site.replace("site.yaml", "titel:", "title:");
    server.wait_for(BASE, "the home page", |r| {
        r.status == 200 && r.body.contains("2024年度部门预算")
    });
    server.interrupt();
}

/// An open page in headless Chromium reloads by itself after each edit (tests/e2e/live.mjs).
/// Skipped without Node.js, `npm ci --prefix tests/e2e` and Chromium, except in CI.
#[test]
fn an_open_page_reloads_by_itself() {
    let Some(chrome) = crate::common::chromium() else {
        return;
    };
    let Some(e2e) = crate::common::node_e2e() else {
        return;
    };
    let site = TempSite::copy_example();
    let server = Server::start(site.root(), 0);
    let out = Command::new("node")
        .arg(e2e.join("live.mjs"))
        .arg(format!("http://{}{}", server.addr, page("2024/085/")))
        .arg(site.root().join("content/2024/085.yaml"))
        .env("GONGKAI_CHROMIUM", &chrome)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("PASS: live reload"),
        "live reload failed:\n{stdout}\n{}\nserver:\n{}",
        String::from_utf8_lossy(&out.stderr),
        server.stderr.lock().unwrap_or_else(|e| e.into_inner())
    );
    server.interrupt();
}

/// Ctrl-C during a long first build stops at once and still removes the working files.
#[test]
fn ctrl_c_during_the_first_build_stops_at_once() {
    let site = TempSite::copy_example();
    let sample = std::fs::read_to_string(site.root().join("content/2024/085.yaml")).unwrap();
    for i in 0..150 {
        let code = format!("{:03}", 100 + i);
        site.write(
            &format!("2024/{code}.yaml"),
            &sample.replace("code: \"085\"", &format!("code: \"{code}\"")),
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let folder = line
        .split_once("preview folder ")
        .map(|(_, f)| PathBuf::from(f.trim_end().trim_end_matches(" …")))
        .unwrap_or_else(|| panic!("no folder in {line:?}"));
    let folder = folder.parent().unwrap().to_path_buf();
    // Wait until the build has written something, then interrupt it.
    let start = Instant::now();
    while !folder.join("site/2024").exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no build started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = ctrl_c(&mut child, Duration::from_secs(10));
    let mut rest = String::new();
    let _ = err.read_to_string(&mut rest);
    assert!(status.success(), "{status}: {rest}");
    assert!(!rest.contains("serving"), "interrupted before serving");
    std::thread::sleep(Duration::from_millis(200));
    let scratch = folder.join("scratch");
    assert!(!scratch.exists(), "{} is left behind", scratch.display());
}

/// A `base_url` with a Chinese path: the preview redirects to it and serves it
/// percent-encoded, as browsers ask for it (it used to panic in the header code).
#[test]
fn a_chinese_base_url_path_is_served_percent_encoded() {
    let site = TempSite::copy_example();
    site.replace("site.yaml", "/zwgk/yjs/", "/预算公开/");
    let server = Server::start(site.root(), 0);
    let encoded = "/%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80/";
    let home = server.wait_for(encoded, "the home page", |r| r.status == 200);
    assert!(home.body.contains("2024年度部门预算"), "{}", home.body);
    let r = server.get("/");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("Location"), Some(encoded));
    assert_eq!(server.get(&format!("{encoded}2024/085/")).status, 200);
    let bare = server.get(&format!("{encoded}2024/085"));
    assert_eq!(bare.status, 302);
    assert_eq!(
        bare.header("Location"),
        Some(format!("{encoded}2024/085/").as_str())
    );
    server.interrupt();
}
