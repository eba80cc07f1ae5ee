//! `gongkai serve`: a preview that follows the files as staff edit them.
//!
//! The site is built into its preview folder (never the published `public/`; see
//! `folder`), served on loopback, and rebuilt as files change: one department's file
//! rebuilds that department and the pages listing it ([`crate::output::Site::changed`]);
//! templates, static files and site settings rebuild everything. Open pages reload themselves. A broken file shows its errors
//! in place of its page while every other page stays as last built; Ctrl-C stops the server.

mod folder;
mod http;
pub mod issues;
mod listen;
mod page;
mod watch;

use crate::messages::{say, zh};
use crate::output::{BuildError, Rebuilt, Site};
use issues::{Issue, issues};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub struct ServeOptions {
    pub root: PathBuf,
    /// First port to try; the next free one is taken when it is busy. 0: any free port.
    pub port: u16,
    /// 127.0.0.1 unless the user asks for another address.
    pub bind: IpAddr,
}

/// The year downloads (all-departments CSV, search index, SHA256SUMS) of a change are written
/// once editing pauses this long: with thousands of departments they take seconds, and the
/// next save's page must not wait for them.
const IDLE: Duration = Duration::from_millis(300);

/// How many ports after `--port` are tried when it is busy.
const PORTS_TRIED: u16 = 20;

/// A file with problems, as the server shows it.
#[derive(Debug, Clone)]
pub struct Broken {
    /// Path relative to the site root, as the user knows it.
    pub file: String,
    /// The site folder of the pages it makes (`2024/085/`), when it is a disclosure.
    pub pages: Option<String>,
    pub issues: Vec<Issue>,
}

/// What the server knows about the current build; replaced as a whole after each rebuild.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Changes with every rebuild; open pages reload when it does.
    pub build: u64,
    pub broken: Vec<Broken>,
    /// The site could not be built at all (settings, templates, disk).
    pub fatal: Option<Vec<Issue>>,
    /// The path the site is served under: where it will be published (`/zwgk/yjs/`), or `/`.
    pub prefix: String,
}

/// Shared between the builder and the request threads.
pub struct Live {
    /// The served folder, canonical.
    dir: PathBuf,
    now: Mutex<Arc<Snapshot>>,
    newer: Condvar,
}

impl Live {
    fn new(dir: PathBuf, first_build: u64) -> Live {
        Live {
            dir,
            now: Mutex::new(Arc::new(Snapshot {
                build: first_build,
                prefix: "/".into(),
                ..Snapshot::default()
            })),
            newer: Condvar::new(),
        }
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.now.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn publish(&self, broken: Vec<Broken>, fatal: Option<Vec<Issue>>, prefix: Option<String>) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        let prefix = prefix.unwrap_or_else(|| now.prefix.clone());
        *now = Arc::new(Snapshot {
            build: now.build + 1,
            broken,
            fatal,
            prefix,
        });
        self.newer.notify_all();
    }

    /// Waits until the build differs from `since` (or `timeout` passes); returns the build.
    fn wait_for_build(&self, since: u64, timeout: Duration) -> u64 {
        let guard = self.now.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .newer
            .wait_timeout_while(guard, timeout, |now| now.build == since)
            .unwrap_or_else(|e| e.into_inner());
        guard.build
    }
}

pub enum Msg {
    /// Paths changed; the instant the first event arrived.
    Changed(Vec<PathBuf>, Instant),
    Stop,
}

/// Runs the preview until Ctrl-C. Errors are for what stops it from starting.
pub fn serve(opts: &ServeOptions) -> Result<(), String> {
    let root = opts.root.canonicalize().map_err(|e| {
        if zh() {
            format!(
                "无法打开网站文件夹 {}：{e}；请检查路径是否正确",
                opts.root.display()
            )
        } else {
            format!("cannot open the site folder {}: {e}", opts.root.display())
        }
    })?;
    let work = folder::Folder::open(&root)?;
    let dir = work.site();
    let scratch = work.scratch();
    std::fs::create_dir_all(&dir).map_err(|e| {
        format!(
            "{} {}: {e}",
            say("无法创建", "cannot create"),
            dir.display()
        )
    })?;
    let dir = dir.canonicalize().map_err(|e| e.to_string())?;

    // Build numbers start from the clock, so a page left open across a restart reloads.
    let first = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(1);
    let live = Arc::new(Live::new(dir.clone(), first));
    // Watching starts before the first build, so that nothing saved meanwhile is missed.
    let (tx, rx) = mpsc::channel();
    let mut watch = watch::Watch::start(&root, tx.clone())?;
    let stop = Arc::new(AtomicBool::new(false));
    stop_on_ctrl_c(tx, stop.clone(), watch.waiting())?;
    let mut builder = Builder {
        root: root.clone(),
        dir: dir.clone(),
        scratch,
        site: None,
        live: live.clone(),
        shown: Vec::new(),
        downloads_due: false,
        stop: stop.clone(),
    };
    if zh() {
        eprintln!(
            "正在把 {} 生成到预览文件夹 {} ……",
            root.display(),
            dir.display()
        );
    } else {
        eprintln!(
            "building {} into the preview folder {} …",
            root.display(),
            dir.display()
        );
    }
    builder.full();
    if stop.load(Ordering::SeqCst) {
        drop(builder);
        work.close();
        return Ok(());
    }

    let listener = bind(opts.bind, opts.port)?;
    let server = listen::start(listener, live.clone()).map_err(|e| e.to_string())?;
    let addr = server.addr;
    if !opts.bind.is_loopback() {
        if zh() {
            eprintln!(
                "警告：预览在 {} 上提供，网络上的其他电脑也能看到这个预览",
                opts.bind
            );
        } else {
            eprintln!(
                "warning: serving on {}: other computers on the network can see this preview",
                opts.bind
            );
        }
    }
    let url = format!("http://{}{}", url_host(addr), live.snapshot().prefix);
    if zh() {
        println!(
            "预览地址 {url} （预览文件夹 {}；按 Ctrl-C 停止）",
            dir.display()
        );
    } else {
        println!(
            "serving {url} (preview folder {}; Ctrl-C to stop)",
            dir.display()
        );
    }

    let waiting = watch.waiting();
    loop {
        let msg = if builder.downloads_due {
            match rx.recv_timeout(IDLE) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    builder.finish(&waiting);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(m) => m,
                Err(_) => break,
            }
        };
        match msg {
            Msg::Changed(paths, first_event) => {
                waiting.store(false, Ordering::SeqCst);
                watch.refresh();
                builder.changed(&paths, first_event, &waiting);
            }
            Msg::Stop => break,
        }
    }
    server.stop();
    drop(builder);
    work.close();
    Ok(())
}

fn url_host(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) => a.to_string(),
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
    }
}

/// Binds `port`, or the next free one of the following few (any free port for 0).
fn bind(ip: IpAddr, port: u16) -> Result<std::net::TcpListener, String> {
    let tries = if port == 0 { 1 } else { PORTS_TRIED };
    let mut last = String::new();
    for p in (0..tries).filter_map(|i| port.checked_add(i)) {
        match std::net::TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(s) => return Ok(s),
            Err(e) => last = e.to_string(),
        }
    }
    let after = tries - 1;
    Err(if zh() {
        format!(
            "无法在 {ip} 的端口 {port} 及其后 {after} 个端口上提供预览：{last}；请用 --port 另选一个端口"
        )
    } else {
        format!(
            "cannot listen on {ip} port {port} or the {after} after it: {last} (choose another with --port)"
        )
    })
}

/// Ctrl-C (and SIGTERM) stop the server; the main loop then closes the preview folder. A
/// running build stops at once too (a full build of thousands of departments takes minutes):
/// `stop` makes its writes fail and `waiting` interrupts the year downloads.
fn stop_on_ctrl_c(
    tx: Sender<Msg>,
    stop: Arc<AtomicBool>,
    waiting: Arc<AtomicBool>,
) -> Result<(), String> {
    ctrlc::set_handler(move || {
        stop.store(true, Ordering::SeqCst);
        waiting.store(true, Ordering::SeqCst);
        let _ = tx.send(Msg::Stop);
    })
    .map_err(|e| format!("{}: {e}", say("无法处理 Ctrl-C", "cannot handle Ctrl-C")))
}

/// Owns the site state and rebuilds it; tells the server and the terminal what happened.
struct Builder {
    root: PathBuf,
    dir: PathBuf,
    scratch: PathBuf,
    /// None until a first full build succeeds.
    site: Option<Site>,
    live: Arc<Live>,
    /// What the terminal last showed, so unchanged errors are not printed again.
    shown: Vec<String>,
    /// A change's year downloads are still to be written.
    downloads_due: bool,
    /// Set by Ctrl-C: builds stop writing.
    stop: Arc<AtomicBool>,
}

impl Builder {
    fn full(&mut self) {
        let start = Instant::now();
        match Site::preview(&self.root, &self.dir, &self.scratch, self.stop.clone()) {
            Ok(site) => {
                let n = site.disclosure_count();
                self.site = Some(site);
                self.report(Ok(Rebuilt {
                    disclosures: n,
                    files: n,
                    full: true,
                    elapsed: start.elapsed(),
                }));
            }
            Err(e) => self.report(Err(e)),
        }
    }

    /// Rebuilds after a change: the changed department's pages first (open pages reload
    /// then), the pages listing it next unless another change already waits.
    fn changed(&mut self, paths: &[PathBuf], first_event: Instant, waiting: &AtomicBool) {
        let fatal = self.live.snapshot().fatal.is_some();
        let result = match &mut self.site {
            None => return self.full(),
            // After a failure of the whole site, any change may be the fix: rebuild it all.
            Some(site) if fatal => site.reload(),
            Some(site) => site.changed(paths),
        };
        if matches!(&result, Ok(r) if r.files == 0 && !r.full) {
            return;
        }
        let what: Vec<String> = paths
            .iter()
            .filter(|p| self.site.as_ref().is_none_or(|s| s.concerns(p)))
            .filter_map(|p| p.strip_prefix(&self.root).ok())
            .map(|p| p.display().to_string())
            .collect();
        let page = first_event.elapsed();
        self.downloads_due = result.as_ref().is_ok_and(|r| !r.full);
        self.report(result);
        if !self.downloads_due || waiting.load(Ordering::SeqCst) {
            return;
        }
        let Some(site) = &mut self.site else { return };
        if let Err(e) = site.listings() {
            return self.report(Err(e));
        }
        // Open listing pages reload now (publishing is a new build); later years rendered
        // again with them may have failed or passed.
        let broken = self.broken();
        self.publish(broken);
        let (what, page, all) = (
            what.join(", "),
            page.as_millis(),
            first_event.elapsed().as_millis(),
        );
        if zh() {
            eprintln!("  {what} → 修改后 {page} 毫秒更新了它的页面，{all} 毫秒更新了列出它的页面");
        } else {
            eprintln!(
                "  {what} → its pages served {page} ms after the change, the pages listing it {all} ms"
            );
        }
    }

    /// Writes the year downloads left by the last changes, unless a newer change waits.
    fn finish(&mut self, waiting: &AtomicBool) {
        let Some(site) = &mut self.site else {
            self.downloads_due = false;
            return;
        };
        let start = Instant::now();
        // Listing pages skipped for a quicker change come first; open ones reload.
        match site.listings() {
            Ok(true) => {
                let broken = self.broken();
                self.publish(broken);
            }
            Ok(false) => {}
            Err(e) => {
                self.downloads_due = false;
                return self.report(Err(e));
            }
        }
        let Some(site) = &mut self.site else { return };
        match site.finish(&|| waiting.load(Ordering::SeqCst)) {
            Ok(false) => {}
            Ok(true) => {
                self.downloads_due = false;
                let ms = start.elapsed().as_millis();
                eprintln!(
                    "  {}",
                    if zh() {
                        format!("年度下载文件和 SHA256SUMS 已写好，用时 {ms} 毫秒")
                    } else {
                        format!("year downloads and SHA256SUMS written in {ms} ms")
                    }
                );
            }
            Err(e) => {
                self.downloads_due = false;
                self.report(Err(e));
            }
        }
    }

    /// The files that fail now, as the error page and the notice show them.
    fn broken(&self) -> Vec<Broken> {
        self.site
            .as_ref()
            .map(|s| {
                s.problems()
                    .iter()
                    .map(|(file, e)| Broken {
                        file: file.display().to_string(),
                        pages: s.pages_of(file),
                        issues: issues(e, &self.root),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Serves `broken` as the error pages and notice; prints their findings, and how many
    /// files fail, when they changed. The count is printed here, from the same list the page
    /// shows, and not with the rebuild's timing: a change's later years are checked again
    /// only with the listing pages, after that timing line.
    fn publish(&mut self, broken: Vec<Broken>) {
        let texts: Vec<String> = broken
            .iter()
            .flat_map(|b| b.issues.iter().map(|i| i.text.clone()))
            .collect();
        if texts != self.shown {
            for t in &texts {
                eprintln!("{t}");
            }
            if !broken.is_empty() {
                eprintln!("{}", failing(broken.len()));
            } else if !self.shown.is_empty() {
                eprintln!(
                    "{}",
                    say("所有文件都已通过检查。", "every file passes again")
                );
            }
            self.shown = texts;
        }
        let prefix = self.site.as_ref().map(Site::site_path);
        self.live.publish(broken, None, prefix);
    }

    fn report(&mut self, result: Result<Rebuilt, BuildError>) {
        if self.stop.load(Ordering::SeqCst) {
            return;
        }
        match result {
            Ok(r) => {
                let ms = r.elapsed.as_millis();
                let n = r.disclosures;
                if zh() {
                    let verb = if r.full { "生成" } else { "重新生成" };
                    eprintln!("{verb}了 {n} 份公开材料，用时 {ms} 毫秒");
                } else {
                    eprintln!(
                        "{} {n} disclosure{} in {ms} ms",
                        if r.full { "built" } else { "rebuilt" },
                        if n == 1 { "" } else { "s" },
                    );
                }
                let broken = self.broken();
                self.publish(broken);
            }
            Err(e) => {
                let found = issues(&e, &self.root);
                eprintln!("{e}");
                eprintln!(
                    "{}",
                    say(
                        "网站无法生成；预览继续显示上次成功生成的页面。",
                        "the site cannot be built; the last good pages stay served"
                    )
                );
                self.shown.clear();
                self.live.publish(Vec::new(), Some(found), None);
            }
        }
    }
}

/// How many files fail, as the terminal says it.
fn failing(n: usize) -> String {
    if zh() {
        format!("有 {n} 个文件有错误，预览继续显示它们上次成功生成的页面；请按上面的说明修改。")
    } else {
        format!("{n} file(s) with errors keep their last good pages")
    }
}
