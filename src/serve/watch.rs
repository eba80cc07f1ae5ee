//! Watching `content/`, `templates/`, `static/` and `profiles/`, and turning a burst of file events (an
//! editor's save is several) into one batch of changed paths.

use super::Msg;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// A batch is sent once no event came for this long…
const QUIET: Duration = Duration::from_millis(20);
/// …or this long after its first event, whichever is first.
const LONGEST: Duration = Duration::from_millis(300);

/// The folders watched, relative to the root.
pub const FOLDERS: [&str; 4] = ["content", "templates", "static", "profiles"];

pub struct Watch {
    watcher: RecommendedWatcher,
    /// Set when a batch is sent, so that long work can stop for it.
    waiting: Arc<AtomicBool>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching the site at `root` (canonical); batches go to `tx`.
    pub fn start(root: &Path, tx: Sender<Msg>) -> Result<Watch, String> {
        let (raw_tx, raw_rx) = mpsc::channel::<Event>();
        let watcher = notify::recommended_watcher(move |r: notify::Result<Event>| {
            if let Ok(e) = r {
                let _ = raw_tx.send(e);
            }
        })
        .map_err(|e| crate::say!("无法监视文件的改动：{e}", "cannot watch files: {e}"))?;
        let waiting = Arc::new(AtomicBool::new(false));
        let flag = waiting.clone();
        std::thread::spawn(move || debounce(raw_rx, tx, &flag));
        let mut w = Watch {
            watcher,
            waiting,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        // The root itself, not recursively: to notice templates/ or static/ being created
        // without watching public/ or anything else that may be large.
        w.watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| {
                crate::say!(
                    "无法监视 {} 的改动：{e}",
                    "cannot watch {}: {e}",
                    root.display()
                )
            })?;
        w.refresh();
        Ok(w)
    }

    /// True from when a batch of changes is sent until its receiver clears it.
    pub fn waiting(&self) -> Arc<AtomicBool> {
        self.waiting.clone()
    }

    /// Watches the folders that exist now (one may have been created since).
    pub fn refresh(&mut self) {
        for name in FOLDERS {
            let p = self.root.join(name);
            let is_watched = self.watched.contains(&p);
            if p.is_dir() && !is_watched {
                if self.watcher.watch(&p, RecursiveMode::Recursive).is_ok() {
                    self.watched.push(p);
                }
            } else if !p.is_dir() && is_watched {
                let _ = self.watcher.unwatch(&p);
                self.watched.retain(|w| w != &p);
            }
        }
    }
}

/// Whether an event may change a file's content. Opening and reading (which the build itself
/// does) must not trigger a rebuild; closing after writing may.
fn relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn debounce(rx: Receiver<Event>, tx: Sender<Msg>, waiting: &AtomicBool) {
    loop {
        let Ok(first) = rx.recv() else { return };
        if !relevant(&first.kind) {
            continue;
        }
        let start = Instant::now();
        let mut paths = first.paths;
        loop {
            let left = LONGEST.saturating_sub(start.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(QUIET.min(left)) {
                Ok(e) if relevant(&e.kind) => paths.extend(e.paths),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        paths.sort();
        paths.dedup();
        waiting.store(true, Ordering::SeqCst);
        if tx.send(Msg::Changed(paths, start)).is_err() {
            return;
        }
    }
}
