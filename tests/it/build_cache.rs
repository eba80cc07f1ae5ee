//! The build cache: a warm build writes exactly what a cold one does, whatever changed
//! between builds; it reuses what did not change (the files keep their inodes); a damaged
//! cache or a published file edited by hand is never trusted; a build killed at any point
//! leaves the published site whole; and `check` gives the same findings warm or cold.

use crate::common::{TempSite, copy_tree, gongkai, hashes, repo_root};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

fn build(root: &Path, out: &Path, fresh: bool) {
    let (root, out) = (root.to_string_lossy(), out.to_string_lossy());
    let mut args = vec!["build", "--root", &root, "--out", &out];
    if fresh {
        args.push("--fresh");
    }
    let o = gongkai(&args);
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The cache folder of the site's one output folder.
fn cache_folder(site: &TempSite) -> std::path::PathBuf {
    let mut folders = std::fs::read_dir(site.root().join(".gongkai/cache")).unwrap();
    folders.next().unwrap().unwrap().path()
}

fn inode(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().ino()
}

/// Builds warm into `site.out()` and cold (`--fresh`) beside it; the two must be the same,
/// file for file.
fn assert_warm_is_cold(site: &TempSite, step: &str) -> BTreeMap<String, String> {
    build(site.root(), &site.out(), false);
    let cold = site.root().join("cold");
    build(site.root(), &cold, true);
    let (warm, cold_files) = (hashes(&site.out()), hashes(&cold));
    let differ: Vec<_> = warm
        .keys()
        .chain(cold_files.keys())
        .filter(|k| warm.get(*k) != cold_files.get(*k))
        .collect();
    assert!(differ.is_empty(), "after {step}: warm ≠ cold in {differ:?}");
    std::fs::remove_dir_all(&cold).unwrap();
    warm
}

#[test]
fn warm_builds_equal_cold_builds_through_every_kind_of_change() {
    let site = TempSite::copy_example();
    let out = site.out();
    build(site.root(), &out, false);
    let page = |y: u16, c: &str| out.join(format!("{y}/{c}/index.html"));
    let before = (inode(&page(2024, "031")), inode(&page(2024, "085")));
    let listings = [
        "index.html",
        "2024/index.html",
        "dept/085/index.html",
        "feed.xml",
    ];
    let listed = || listings.map(|p| inode(&out.join(p)));
    let listed_before = listed();

    assert_warm_is_cold(&site, "nothing changed");
    // Unchanged files are the same files: linked, not written again.
    assert_eq!(inode(&page(2024, "031")), before.0, "031 reused");
    assert_eq!(inode(&page(2024, "085")), before.1, "085 reused");
    assert_eq!(listed(), listed_before, "the listing pages reused");

    site.raise_wages_by_ten();
    assert_warm_is_cold(&site, "a department file edited");
    assert_eq!(inode(&page(2024, "031")), before.0, "031 still reused");
    assert_ne!(inode(&page(2024, "085")), before.1, "085 written again");
    // They list its figures: all written again.
    let listed_after = listed();
    for (i, p) in listings.iter().enumerate() {
        assert_ne!(listed_after[i], listed_before[i], "{p} written again");
    }

    let text = std::fs::read_to_string(site.root().join("content/2025/056.yaml")).unwrap();
    let added = text.replacen("code: \"056\"", "code: \"057\"", 1);
    site.write("2025/057.yaml", &added);
    assert_warm_is_cold(&site, "a department added");

    std::fs::remove_file(site.root().join("content/2025/057.yaml")).unwrap();
    assert_warm_is_cold(&site, "a department removed");

    let old = site.root().join("content/2024/056.yaml");
    let text = std::fs::read_to_string(&old).unwrap();
    std::fs::remove_file(&old).unwrap();
    site.write(
        "2024/058.yaml",
        &text.replacen("code: \"056\"", "code: \"058\"", 1),
    );
    assert_warm_is_cold(&site, "a department renamed");

    let templates = site.root().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let base = std::fs::read_to_string(repo_root().join("templates/base.html")).unwrap();
    let look = |mark: &str| {
        std::fs::write(templates.join("base.html"), format!("{base}\n{mark}\n")).unwrap();
    };
    let workbook = out.join("2024/031/031-2024.xlsx");
    let data = [workbook.clone(), out.join("2024/031/table-05.csv")];
    let kept = || data.iter().map(|p| inode(p)).collect::<Vec<_>>();
    let (data_before, page_before) = (kept(), inode(&page(2024, "031")));
    look("<!-- 改版 -->");
    let files = assert_warm_is_cold(&site, "a template changed");
    let html = std::fs::read_to_string(page(2024, "031")).unwrap();
    assert!(
        html.contains("<!-- 改版 -->"),
        "the template reached every page"
    );
    assert!(files.contains_key("2024/031/index.html"));
    // A new look writes the pages again and keeps the tables and workbooks.
    assert_ne!(
        inode(&page(2024, "031")),
        page_before,
        "the page written again"
    );
    assert_eq!(kept(), data_before, "the workbook and tables reused");
    // And back: the pages follow the templates, whichever way they change.
    look("<!-- 再改 -->");
    assert_warm_is_cold(&site, "a template changed again");
    assert_eq!(kept(), data_before, "still reused");
    std::fs::remove_file(templates.join("base.html")).unwrap();
    let files = assert_warm_is_cold(&site, "a template taken back");
    assert!(!String::from_utf8_lossy(&std::fs::read(page(2024, "031")).unwrap()).contains("再改"));
    assert!(files.contains_key("2024/031/index.html"));

    site.replace(
        "glossary.yaml",
        "是指市级财政当年拨付的资金。",
        "是指当年拨付的资金。",
    );
    assert_warm_is_cold(&site, "the glossary changed");

    site.replace(
        "site.yaml",
        "title: 济源产城融合示范区部门预算公开",
        "title: 济源示范区预算公开",
    );
    let files = assert_warm_is_cold(&site, "site.yaml changed");
    assert!(!files.is_empty());
}

/// The site a build replaced is kept and the next build starts from it. Its files that are
/// still the published ones stay; nothing is ever written through them (the published site
/// stays as it was until the swap); a file of it that is not the published one, or that the
/// new site does not have, never reaches the new site.
#[test]
fn the_replaced_site_is_recycled_and_never_trusted() {
    let site = TempSite::copy_example();
    let out = site.out();
    build(site.root(), &out, false);
    build(site.root(), &out, false);
    let spare = cache_folder(&site).join("site");
    let page = "2024/085/index.html";
    assert_eq!(
        inode(&spare.join(page)),
        inode(&out.join(page)),
        "the kept site shares the published files"
    );

    // A link of our own to the published page: a build writing through the kept site's
    // link to the same file would change it.
    let held = site.root().join("held.html");
    std::fs::hard_link(out.join(page), &held).unwrap();
    let before = std::fs::read(&held).unwrap();
    // Things in the kept site that must not be published: a file the site does not have,
    // and, at the path of an unchanged page, another file than the published one.
    std::fs::write(spare.join("2024/stray.html"), "stray").unwrap();
    std::fs::create_dir_all(spare.join("1999/000")).unwrap();
    std::fs::write(spare.join("1999/000/index.html"), "old").unwrap();
    let other = spare.join("2024/031/index.html");
    std::fs::remove_file(&other).unwrap();
    std::fs::write(&other, "not the published page").unwrap();
    site.raise_wages_by_ten();
    let files = assert_warm_is_cold(&site, "a change, starting from a doctored kept site");
    assert!(!files.contains_key("2024/stray.html") && !out.join("1999").exists());
    assert!(
        std::fs::read(&held).unwrap() == before,
        "the old page is untouched"
    );
    assert!(
        std::fs::read(out.join(page)).unwrap() != before,
        "085 changed"
    );
}

/// The cache is under the site root, the output where it was asked to be, and nothing else
/// anywhere.
#[test]
fn the_cache_stays_under_the_site_root() {
    let root = TempSite::copy_example();
    let elsewhere = tempfile::Builder::new()
        .prefix("gongkai-out-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let out = elsewhere.path().join("site");
    build(root.root(), &out, false);
    build(root.root(), &out, false);
    let beside: Vec<_> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["site"]);
    let mut in_root: Vec<_> = std::fs::read_dir(root.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    in_root.sort();
    assert_eq!(in_root, [".gongkai", "content"]);
    assert!(
        !out.join(".gongkai").exists(),
        "nothing of the cache is published"
    );
}

/// Overwrites a file's bytes in place, keeping its size, inode and modification time: the
/// kind of damage only a checksum sees.
fn damage_in_place(p: &Path) {
    use std::io::{Seek, Write};
    let meta = std::fs::metadata(p).unwrap();
    let mut f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
    f.seek(std::io::SeekFrom::Start(meta.len() / 2)).unwrap();
    f.write_all(b"X").unwrap();
    f.set_modified(meta.modified().unwrap()).unwrap();
}

#[test]
fn a_damaged_cache_or_an_edited_site_is_not_trusted() {
    let site = TempSite::copy_example();
    let out = site.out();
    build(site.root(), &out, false);
    let cache = cache_folder(&site);

    // The index damaged: the build runs cold.
    let index = cache.join("index");
    let mut bytes = std::fs::read(&index).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    std::fs::write(&index, bytes).unwrap();
    let page = out.join("2024/031/index.html");
    let before = inode(&page);
    assert_warm_is_cold(&site, "a damaged index");
    assert_ne!(inode(&page), before, "a damaged index is not used");

    // One disclosure's record damaged: that disclosure is built again, the others reused.
    let record = std::fs::read_dir(cache.join("parts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "entry")
                && std::fs::read_to_string(p)
                    .unwrap()
                    .contains("\"2024/031/index.html\"")
        })
        .expect("the record of 2024/031");
    // Damaged where it still reads as a record: its date of publication, which the listing
    // pages and the feed show, one digit off. Only its seal tells.
    let text = std::fs::read_to_string(&record).unwrap();
    let at = text.find("\"published\":\"2").expect("a date") + "\"published\":\"".len();
    std::fs::write(&record, format!("{}1{}", &text[..at], &text[at + 1..])).unwrap();
    let (before, other) = (inode(&page), inode(&out.join("2025/085/index.html")));
    assert_warm_is_cold(&site, "a damaged record");
    assert_ne!(inode(&page), before, "a damaged record is not used");
    assert_eq!(inode(&out.join("2025/085/index.html")), other);

    // A published page edited by hand is written again, not linked into the new site.
    std::fs::write(&page, "defaced").unwrap();
    assert_warm_is_cold(&site, "a published page edited by hand");

    // Every working file of the year damaged without a trace but its bytes; one department
    // of that year changed, so the year's downloads are made of the others' working files.
    for e in std::fs::read_dir(cache.join("parts")).unwrap() {
        damage_in_place(&e.unwrap().path());
    }
    site.raise_wages_by_ten();
    assert_warm_is_cold(&site, "damaged working files");
}

#[test]
fn fresh_writes_every_file_again() {
    let site = TempSite::copy_example();
    let out = site.out();
    build(site.root(), &out, false);
    let page = out.join("2025/085/index.html");
    let first = inode(&page);
    build(site.root(), &out, false);
    assert_eq!(inode(&page), first);
    build(site.root(), &out, true);
    assert_ne!(inode(&page), first);
    // Nor is the site the last build replaced kept: it would be a second copy on disk.
    let kept: Vec<_> = walkdir::WalkDir::new(site.root().join(".gongkai"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "site")
        .collect();
    assert!(kept.is_empty(), "{kept:?}");
}

/// `check` reads the findings of unchanged files from the cache; what it prints is what it
/// prints with no cache at all, and a new finding in a changed file is there.
#[test]
fn check_gives_the_same_findings_warm_and_cold() {
    let site = TempSite::copy_example();
    let root = site.root().to_string_lossy().into_owned();
    let check = || {
        let o = gongkai(&["check", "--root", &root, "--format", "json"]);
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let cold = check();
    build(site.root(), &site.out(), false);
    assert_eq!(check(), cold, "warm check = cold check");
    assert!(!cold.is_empty(), "the example has a finding to compare");

    // 10万元 more wages in the basic expenditure only: table totals no longer agree.
    site.replace(
        "2024/085.yaml",
        "general: { wages: 605.30,",
        "general: { wages: 615.30,",
    );
    let warm = check();
    std::fs::remove_dir_all(site.root().join(".gongkai")).unwrap();
    assert_eq!(warm, check(), "after an edit, warm check = cold check");
    assert!(warm.contains("2024/085.yaml"), "{warm}");
}

/// Kills warm builds at seeded points — after a random number of the new site's files are
/// in place — and checks that the published folder is always the previous site or the new
/// one, whole, and that the next warm build is the cold build of the content.
#[test]
fn a_warm_build_killed_at_any_moment_leaves_a_whole_site() {
    let site = TempSite::copy_example();
    let (root, out) = (site.root().to_path_buf(), site.out());
    let templates = root.join("templates");
    let base = std::fs::read_to_string(repo_root().join("templates/base.html")).unwrap();
    // Variant 1 edits a department; variant 2 also gives the site a new look, which writes
    // every page again and keeps the rest.
    let set_look = |v: usize| {
        let _ = std::fs::remove_dir_all(&templates);
        if v == 2 {
            std::fs::create_dir_all(&templates).unwrap();
            std::fs::write(templates.join("base.html"), format!("{base}<!-- 改版 -->")).unwrap();
        }
    };
    let mut content = Vec::new();
    for variant in 0..3 {
        if variant == 1 {
            site.raise_wages_by_ten();
        }
        set_look(variant);
        let snap = root.join(format!("content-{variant}"));
        copy_tree(&root.join("content"), &snap);
        let reference = root.join(format!("reference-{variant}"));
        build(&root, &reference, true);
        content.push((snap, hashes(&reference)));
        std::fs::remove_dir_all(&reference).unwrap();
    }
    let use_content = |v: usize| {
        std::fs::remove_dir_all(root.join("content")).unwrap();
        copy_tree(&content[v].0, &root.join("content"));
        set_look(v);
    };
    use_content(0);
    build(&root, &out, false);
    let mut rng = crate::synth::Rng::new(11);
    for k in 0..6 {
        let (old, new) = (k % 3, (k + 1) % 3);
        use_content(new);
        let total = content[new].1.len();
        let at = 1 + rng.below(total as u64 - 1) as usize;
        let started = std::time::SystemTime::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("GONGKAI_LANG", "en")
            .args(["build", "--root"])
            .arg(&root)
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let tmp = root.join(format!(".public.new-{}", child.id()));
        // Files this build put in place: the folder it starts from holds the site the last
        // build replaced, whose files it keeps, unchanged, where they are still the same.
        let count = || {
            walkdir::WalkDir::new(&tmp)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter(|e| {
                    e.metadata().is_ok_and(|m| {
                        let ctime = std::time::UNIX_EPOCH
                            + Duration::new(m.ctime() as u64, m.ctime_nsec() as u32);
                        ctime >= started
                    })
                })
                .count()
        };
        while child.try_wait().unwrap().is_none() && count() < at {
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = hashes(&out);
        assert!(
            now == content[old].1 || now == content[new].1,
            "kill {k} after {at} of {total} files left neither the old site nor the new one"
        );
        build(&root, &out, false);
        assert_eq!(
            hashes(&out),
            content[new].1,
            "the warm build after kill {k}"
        );
    }
}

/// `serve` starts from the last build: what has not changed since is taken from the built
/// site (linked when it is on the same disk), what has is built again, and the preview is
/// the site a cold build of the content gives.
#[test]
fn a_preview_starts_from_the_last_build() {
    let site = TempSite::copy_example();
    let out = site.out();
    build(site.root(), &out, false);
    // Changed after the build: its pages must not come from it.
    site.raise_wages_by_ten();
    let server = crate::serve::Server::start(site.root(), 0);
    if assert_preview_is_cold(&site, &server) {
        let (built, shown) = (
            out.join("2024/031/index.html"),
            server.folder.join("2024/031/index.html"),
        );
        assert_eq!(
            inode(&built),
            inode(&shown),
            "an unchanged page is taken from the build"
        );
        let (built, shown) = (
            out.join("2024/085/index.html"),
            server.folder.join("2024/085/index.html"),
        );
        assert_ne!(inode(&built), inode(&shown), "a changed one is built again");
    }
    server.interrupt();
    // The build's site is as it was.
    assert!(out.join("2024/085/index.html").is_file());
}

/// The preview's folder is the site a cold build of the content gives (but for the manifest
/// of every file, which publishing builds alone write). Returns whether the preview is on
/// the disk of the build's output, so that it can link its files.
fn assert_preview_is_cold(site: &TempSite, server: &crate::serve::Server) -> bool {
    let cold = site.root().join("cold");
    build(site.root(), &cold, true);
    let mut preview = hashes(&server.folder);
    preview.remove(".gongkai-site");
    let mut expected = hashes(&cold);
    expected.remove(".gongkai-site");
    expected.remove("SHA256SUMS");
    let differ: Vec<_> = (preview.keys())
        .chain(expected.keys())
        .filter(|k| preview.get(*k) != expected.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "the preview differs from the cold build in {differ:?}"
    );
    std::fs::remove_dir_all(&cold).unwrap();
    std::fs::metadata(site.out()).unwrap().dev() == std::fs::metadata(&server.folder).unwrap().dev()
}

/// A preview opened after the templates changed writes every page and takes the tables and
/// workbooks from the build.
#[test]
fn a_preview_after_a_new_look_keeps_the_data_files() {
    let site = TempSite::copy_example();
    let out = site.out();
    build(site.root(), &out, false);
    let base = std::fs::read_to_string(repo_root().join("templates/base.html")).unwrap();
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::fs::write(
        site.root().join("templates/base.html"),
        format!("{base}<!-- 改版 -->"),
    )
    .unwrap();
    let server = crate::serve::Server::start(site.root(), 0);
    if assert_preview_is_cold(&site, &server) {
        let both = |rel: &str| (inode(&out.join(rel)), inode(&server.folder.join(rel)));
        let (built, shown) = both("2024/031/031-2024.xlsx");
        assert_eq!(built, shown, "the workbook is taken from the build");
        let (built, shown) = both("2024/031/index.html");
        assert_ne!(built, shown, "the page is written again");
    }
    server.interrupt();
}

/// A preview keeps its folder for the next one, which starts from it: what is still the
/// built file stays (same inode), and nothing else of it is trusted: a page put there by
/// hand is written again, a stray file is removed, and the preview is the cold build's site.
/// A second preview while the first runs gets a temporary folder of its own.
#[test]
fn the_next_preview_starts_from_the_kept_folder() {
    let site = TempSite::copy_example();
    let out = site.out();
    build(site.root(), &out, false);
    let first = crate::serve::Server::start(site.root(), 0);
    let kept = first.folder.clone();
    assert!(
        kept.ends_with(".gongkai/preview/site"),
        "{}",
        kept.display()
    );
    let second = crate::serve::Server::start(site.root(), 0);
    assert!(
        !second.folder.starts_with(site.root()),
        "a second preview does not share the folder: {}",
        second.folder.display()
    );
    second.interrupt();
    first.interrupt();

    let unchanged = "2024/031/031-2024.xlsx";
    let same_disk =
        std::fs::metadata(&out).unwrap().dev() == std::fs::metadata(&kept).unwrap().dev();
    let before = inode(&kept.join(unchanged));
    // A page that is not the built one, and a file the site does not have.
    let doctored = kept.join("2024/031/index.html");
    std::fs::remove_file(&doctored).unwrap();
    std::fs::write(&doctored, "not the page").unwrap();
    std::fs::write(kept.join("2024/stray.html"), "stray").unwrap();
    site.raise_wages_by_ten();
    let next = crate::serve::Server::start(site.root(), 0);
    assert_eq!(next.folder, kept, "the kept folder is used again");
    if assert_preview_is_cold(&site, &next) && same_disk {
        assert_eq!(
            inode(&kept.join(unchanged)),
            before,
            "an unchanged file stays"
        );
        assert_eq!(inode(&kept.join(unchanged)), inode(&out.join(unchanged)));
    }
    assert!(!kept.join("2024/stray.html").exists());
    next.interrupt();

    // A build that rewrites a little leaves the kept preview alone; one that rewrites the
    // site removes what only the preview still links, so it holds no replaced site on disk.
    build(site.root(), &out, false);
    assert!(kept.join(unchanged).exists());
    build(site.root(), &out, true);
    assert!(
        !kept.join(unchanged).exists(),
        "the replaced workbook is not kept alive by the preview"
    );
    let next = crate::serve::Server::start(site.root(), 0);
    assert!(assert_preview_is_cold(&site, &next) || !same_disk);
    next.interrupt();
}

/// The 普陀 example publishes a 决算 and a unit budget beside its budget: the budget's page
/// links them by name, so a change to the unit file reaches the page in a warm build too.
#[test]
fn other_kinds_of_disclosure_follow_their_files() {
    let site = TempSite::copy_of("examples/putuo");
    let out = site.out();
    build(site.root(), &out, false);
    assert_warm_is_cold(&site, "nothing changed (普陀)");
    site.replace(
        "2025/单位预算/commerce.yaml",
        "  - code: commerce-hq\n",
        "  - code: commerce-hq\n    name: 商务委本部（改名）\n",
    );
    let files = assert_warm_is_cold(&site, "the unit file changed");
    let unit = out.join("2025/unit/commerce/commerce-hq/index.html");
    let page = std::fs::read_to_string(&unit).unwrap();
    assert!(
        page.contains("商务委本部（改名）"),
        "the unit page follows its file"
    );
    assert!(!files.is_empty());
    // Without its unit file the department publishes no unit budget: its page links none.
    let unit_file = site.root().join("content/2025/单位预算/commerce.yaml");
    let kept = std::fs::read_to_string(&unit_file).unwrap();
    std::fs::remove_file(&unit_file).unwrap();
    assert_warm_is_cold(&site, "the unit file removed");
    let page = std::fs::read_to_string(out.join("2025/commerce/index.html")).unwrap();
    assert!(
        !page.contains("unit/commerce/commerce-hq"),
        "no link to a unit page"
    );
    site.write("2025/单位预算/commerce.yaml", &kept);
    assert_warm_is_cold(&site, "the unit file back");
    site.replace("2024/决算/finance.yaml", "name: ", "name: （改）");
    assert_warm_is_cold(&site, "the 决算 changed");
}

/// A preview started from an unchanged build reuses every year; an edit then rebuilds that
/// year's downloads from the working files the build left in its cache, and the preview
/// becomes the cold build of the edited content.
#[test]
fn a_preview_from_the_cache_follows_an_edit() {
    let site = TempSite::copy_example();
    build(site.root(), &site.out(), false);
    let server = crate::serve::Server::start(site.root(), 0);
    site.raise_wages_by_ten();
    let cold = site.root().join("cold");
    build(site.root(), &cold, true);
    let mut expected = hashes(&cold);
    expected.remove(".gongkai-site");
    expected.remove("SHA256SUMS");
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    let mut differ;
    loop {
        // The preview replaces files by renaming; a file may vanish between listing and read.
        let mut preview = std::panic::catch_unwind(|| hashes(&server.folder)).unwrap_or_default();
        preview.remove(".gongkai-site");
        differ = (preview.keys())
            .chain(expected.keys())
            .filter(|k| preview.get(*k) != expected.get(*k))
            .cloned()
            .collect::<Vec<_>>();
        if differ.is_empty() || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(differ.is_empty(), "the preview still differs in {differ:?}");
    server.interrupt();
}
