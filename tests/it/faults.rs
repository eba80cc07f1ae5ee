//! Faults during a build: killed at any moment, an output folder that cannot be written, a
//! full disk. Each must leave the previously published site exactly as it was (every file
//! compared by SHA-256), give a clear error, and let the next build succeed.
//!
//! The read-only file system and the full disk are real: the build runs in a user and mount
//! namespace (`unshare`) with a read-only bind mount or a small tmpfs. Where `unshare` is not
//! permitted the test says so and skips (in CI, where it must run, it fails); the messages are also unit-tested in `output.rs`.

use crate::common::hashes;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_gongkai");

/// What a build left beside the output folder (`.public.new-…`, `.public.old-…`, …).
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// A site folder under cargo's temporary folder, readable by everyone (some tests build
/// as an unprivileged user).
fn site_dir(prefix: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// Writes synthetic content (`departments` × 2 years) into `root/content`.
fn generate(root: &Path, seed: u64, departments: usize) {
    let o = crate::synth::Options {
        departments,
        years: 2,
        last_year: 2024,
        seed,
    };
    crate::synth::generate(root, &o).unwrap();
}

fn build_cmd(root: &Path, out: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env("GONGKAI_LANG", "en");
    c.arg("build").arg("--root").arg(root).arg("--out").arg(out);
    c
}

fn build_ok(root: &Path, out: &Path) {
    let o = build_cmd(root, out).output().unwrap();
    assert!(o.status.success(), "build failed: {}", text(&o));
}

fn text(o: &Output) -> String {
    format!(
        "{}\n--- stdout ---\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    )
}

/// A failed build: exit status 2 (could not run), no panic, the folder named, a hint.
fn assert_clear_failure(o: &Output, names: &Path, says: &str) {
    let msg = text(o);
    assert_eq!(o.status.code(), Some(2), "{msg}");
    assert!(!msg.contains("panicked"), "{msg}");
    assert!(
        msg.contains(&names.display().to_string()),
        "names {}: {msg}",
        names.display()
    );
    assert!(msg.contains(says), "says {says:?}: {msg}");
    assert!(msg.contains("hint:") && msg.contains("--out"), "{msg}");
    assert!(msg.contains("the previous site in"), "{msg}");
}

/// Files under `dir` so far (it is being written: what vanishes or fails is skipped).
fn files_so_far(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

/// Kills builds at seeded random points — after a random number of the new site's files
/// are written, the last one just before the swap — rather than at random times, so that
/// every kill lands inside the build however loaded the machine. After each kill the
/// published folder is the previous site, file for file, or — when the kill came after the
/// swap — the new one, complete; never a mixture. The next build then succeeds and leaves
/// nothing behind.
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site() {
    let dir = site_dir("gongkai-kill-");
    let root = dir.path();
    let out = root.join("public");
    // Two different contents, and the site each one builds.
    let mut expected = Vec::new();
    for seed in [1, 2] {
        generate(root, seed, 20);
        let reference = root.join(format!("reference-{seed}"));
        build_ok(root, &reference);
        expected.push(hashes(&reference));
    }
    assert_ne!(expected[0], expected[1]);
    generate(root, 1, 20);
    build_ok(root, &out);
    assert_eq!(hashes(&out), expected[0]);

    let mut rng = crate::synth::Rng::new(9);
    let kills = 5;
    let mut mid_build = 0;
    for k in 0..kills {
        let (old, new) = (k % 2, (k + 1) % 2);
        generate(root, new as u64 + 1, 20);
        let total = expected[new].len();
        // The last kill comes when all but the marker are written: just before the swap.
        let at = if k == kills - 1 {
            total - 1
        } else {
            1 + rng.below(total as u64 - 1) as usize
        };
        let mut child = build_cmd(root, &out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let tmp = root.join(format!(".public.new-{}", child.id()));
        while child.try_wait().unwrap().is_none() && files_so_far(&tmp) < at {
            std::thread::sleep(Duration::from_millis(1));
        }
        let running = child.try_wait().unwrap().is_none();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = hashes(&out);
        let intact = now == expected[old];
        assert!(
            intact || now == expected[new],
            "kill {k} after {at} files left a site that is neither the old nor the new one"
        );
        mid_build += usize::from(intact && running);
        eprintln!(
            "kill {k} after {at} of {total} files: {}",
            if intact {
                "previous site intact"
            } else {
                "new site complete"
            }
        );
        build_ok(root, &out);
        assert_eq!(hashes(&out), expected[new], "the build after kill {k}");
        assert_eq!(leftovers(root), Vec::<String>::new(), "after kill {k}");
    }
    // If no kill had hit a running build before its swap, the test would prove nothing.
    assert!(
        mid_build >= kills - 1,
        "only {mid_build} kills landed mid-build"
    );
}

/// A kill between moving the old site aside and moving the new one in leaves no site at
/// `out`, only `.public.old-PID`; the next build, even a failing one, puts it back.
#[test]
fn a_kill_during_the_swap_is_recovered_by_the_next_build() {
    let dir = site_dir("gongkai-swap-");
    let root = dir.path();
    let out = root.join("public");
    generate(root, 1, 3);
    build_ok(root, &out);
    let before = hashes(&out);
    std::fs::rename(&out, root.join(".public.old-4242")).unwrap();
    std::fs::create_dir_all(root.join(".public.new-4242/2024")).unwrap();
    // A content error stops this build, after it has put the old site back.
    let bad = root.join("content/2024/001.yaml");
    let good = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, good.replacen("year: 2024", "year: 二〇二四", 1)).unwrap();
    let o = build_cmd(root, &out).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(hashes(&out), before);
    assert_eq!(leftovers(root), Vec::<String>::new());
}

/// Builds with the output folder's parent made unwritable; `how` runs the build.
fn unwritable(prefix: &str, how: impl FnOnce(&Path, &Path, &Path) -> Option<Output>, says: &str) {
    let dir = site_dir(prefix);
    let root = dir.path();
    let parent = root.join("www");
    let out = parent.join("public");
    generate(root, 1, 2);
    build_ok(root, &out);
    let before = hashes(&out);
    generate(root, 2, 2); // a build that got through would change the site
    let Some(o) = how(root, &parent, &out) else {
        return;
    };
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_clear_failure(&o, &parent, says);
    assert_eq!(hashes(&out), before);
    assert_eq!(leftovers(&parent), Vec::<String>::new());
}

/// Whether the tests run as root: /proc/self belongs to the process's effective user.
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Permission denied. Root ignores file modes, so as root the build runs as `nobody`.
#[test]
fn an_output_folder_without_write_permission_is_a_clear_error() {
    unwritable(
        "gongkai-denied-",
        |root, parent, out| {
            std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o555)).unwrap();
            let mut c = build_cmd(root, out);
            if is_root() {
                c.uid(65534).gid(65534);
            }
            Some(c.output().unwrap())
        },
        "Permission denied",
    );
}

/// Runs `script` (with `sh` arguments `args`) as root of a new user and mount namespace,
/// or None with the reason printed when this machine does not allow one.
fn in_namespace(script: &str, args: &[&Path]) -> Option<Output> {
    let probe = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "true"])
        .output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        // CI probed this too and said so in its log (`.ci/run`): the machine, not the code.
        if let Ok(why) = std::env::var("GONGKAI_NO_NAMESPACES") {
            eprintln!("skipped: {why}");
            return None;
        }
        crate::common::skip(&format!(
            "`unshare --user --map-root-user --mount` is not permitted here ({})",
            probe
                .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
                .unwrap_or_else(|e| e.to_string())
        ));
        return None;
    }
    let o = Command::new("unshare")
        .env("GONGKAI_LANG", "en")
        .args([
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            script,
            "sh",
        ])
        .args(args)
        .output()
        .unwrap();
    Some(o)
}

/// A real read-only file system: the parent folder bind-mounted read-only.
#[test]
fn an_output_folder_on_a_read_only_file_system_is_a_clear_error() {
    unwritable(
        "gongkai-rofs-",
        |root, parent, out| {
            let script = r#"mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 99
                exec "$4" build --root "$2" --out "$3""#;
            let o = in_namespace(script, &[parent, root, out, Path::new(BIN)])?;
            if o.status.code() == Some(99) {
                crate::common::skip(&format!("cannot mount read-only here: {}", text(&o)));
                return None;
            }
            Some(o)
        },
        "Read-only file system",
    );
}

/// A real full disk: the site sits on a tmpfs with room for the previous site and half of
/// a new one. The build fails part-way through writing, and cleans up after itself.
#[test]
fn a_full_disk_is_a_clear_error_and_the_previous_site_stays() {
    let dir = site_dir("gongkai-full-");
    let root = dir.path();
    let prev = root.join("prev");
    generate(root, 1, 4);
    build_ok(root, &prev.join("public"));
    let before = hashes(&prev.join("public"));
    // tmpfs gives each file whole 4 KB pages.
    let pages: u64 = walkdir::WalkDir::new(&prev)
        .into_iter()
        .map(|e| e.unwrap().metadata().unwrap().len().div_ceil(4096))
        .sum();
    generate(root, 2, 4);
    let (mnt, after) = (root.join("mnt"), root.join("after"));
    std::fs::create_dir_all(&mnt).unwrap();
    std::fs::create_dir_all(&after).unwrap();
    // Copies the tmpfs out before the namespace (and the tmpfs) goes away.
    let script = format!(
        r#"mount -t tmpfs -o size={}k gongkai-full "$1" || exit 99
        cp -a "$2/." "$1/" || exit 98
        "$5" build --root "$3" --out "$1/public"; status=$?
        cp -a "$1/." "$4/"; exit $status"#,
        (pages + pages / 2) * 4
    );
    let Some(o) = in_namespace(&script, &[&mnt, &prev, root, &after, Path::new(BIN)]) else {
        return;
    };
    if matches!(o.status.code(), Some(98 | 99)) {
        crate::common::skip(&format!("cannot mount a tmpfs here: {}", text(&o)));
        return;
    }
    assert_clear_failure(&o, &mnt, "No space left on device");
    assert!(text(&o).contains("the disk is full"), "{}", text(&o));
    assert_eq!(hashes(&after.join("public")), before);
    assert_eq!(leftovers(&after), Vec::<String>::new());
}
