//! Command line: parses arguments and hands over to `gongkai::cmd`.

use clap::{Parser, Subcommand};
use gongkai::cmd::{self, Format};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// A build allocates and frees millions of small strings (table cells, markup) on every
/// core; glibc's allocator spent a quarter of the build's time in malloc/free and
/// consolidating its free lists. mimalloc keeps per-thread heaps.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3 keeps freed memory for a second before giving it back (its `purge_delay`,
/// 1000 ms; version 2 waited 10 ms). A build frees tens of megabytes a second, so about half
/// its peak memory was pages already freed, and that half moved by ±15 MB from run to run.
/// At 100 ms a cold build's peak at 2,000 disclosures is 50–56 MB instead of 58–85 MB, for
/// four times the page faults (0.4 million instead of 0.1, about 1% of its CPU time); at
/// 10 ms it is 37 MB, for thirteen times the faults. `MIMALLOC_PURGE_DELAY` overrides it.
fn give_back_freed_memory_soon() {
    /// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h`; the Rust bindings do not name
    /// it (the test below checks that this is the option whose default is 1000 ms).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option; mimalloc reads it when it next frees pages.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 100) };
    }
}

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Department budget disclosures (部门预算公开) as a static site"
)]
struct Cli {
    /// Language of messages: zh (中文, the default) or en. Without it an English LANG
    /// (e.g. en_US.UTF-8) chooses English.
    #[arg(long, global = true, value_name = "zh|en")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every disclosure under content/: exit 0 clean (warnings and notes allowed),
    /// 1 errors, 2 could not run.
    Check {
        /// Site folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// text: grouped by file, for people; json: JSON Lines, one object per finding.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Check the content and build the site.
    Build {
        /// Site folder holding content/ (and optionally templates/, static/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build everything again, ignoring what the last build kept in ROOT/.gongkai/.
        #[arg(long)]
        fresh: bool,
    },
    /// Check a published folder against its SHA256SUMS manifests.
    Verify {
        /// The published site folder (or one year folder of it).
        dir: PathBuf,
    },
    /// Record the figures of a year, so that later builds refuse silent changes.
    Freeze {
        year: u16,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Preview the site while editing: build it into a temporary folder, serve it on this
    /// computer, rebuild and reload the open pages when content/, templates/, static/ or profiles/ change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to serve on; the next free one is taken when it is busy (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Only this computer can see the preview unless you choose
        /// another address, e.g. 0.0.0.0 for every network the computer is on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
    },
    /// Start a new site: content/site.yaml (every field commented in Chinese), the profile's
    /// glossary and an empty year, ready to build.
    Init {
        /// The new site's folder (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The region profile: jiyuan-13 (13 tables) or putuo-9 (9 tables).
        #[arg(long, default_value = "jiyuan-13")]
        profile: String,
        /// The first year [default: this year].
        #[arg(long)]
        year: Option<u16>,
    },
    /// Start a department's file: content/YEAR/CODE.yaml with every section, commented.
    New {
        year: u16,
        /// Department code, e.g. 085.
        code: String,
        /// Department name as published.
        name: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Start from this earlier year's file of the same department: its structure and texts
        /// are kept, its figures become the previous-year comparison.
        #[arg(long, value_name = "PREVIOUS_YEAR")]
        from: Option<u16>,
    },
    /// List the names of a disclosure's figures with their values, for `{名称}` in its text.
    Figures {
        year: u16,
        /// Department code, e.g. 085.
        code: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// text: one name a line (name, value, kind); json: an array.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write one year of the site as a self-contained zip archive.
    Archive {
        year: u16,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Archive file [default: gongkai-YEAR.zip].
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    give_back_freed_memory_soon();
    let cli = Cli::parse();
    gongkai::messages::set(gongkai::messages::choose(cli.lang.as_deref()));
    let code = match cli.command {
        Command::Check { root, format } => cmd::check(&root, format),
        Command::Build { root, out, fresh } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            cmd::build(&root, &out, fresh)
        }
        Command::Init { dir, profile, year } => cmd::init(&dir, &profile, year),
        Command::Verify { dir } => cmd::verify(&dir),
        Command::Freeze { year, root } => cmd::freeze(&root, year),
        Command::Serve { root, port, bind } => cmd::serve(root, port, bind),
        Command::New {
            year,
            code,
            name,
            root,
            from,
        } => cmd::new(&root, year, &code, &name, from),
        Command::Figures {
            year,
            code,
            root,
            format,
        } => cmd::figures(&root, year, &code, format),
        Command::Archive { year, root, out } => {
            let out = out.unwrap_or_else(|| PathBuf::from(format!("gongkai-{year}.zip")));
            cmd::archive(&root, year, &out)
        }
    };
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    /// Option 15 is the purge delay: mimalloc 3's default for it is 1000 ms, and no option
    /// beside it has that default. Fails if an upgrade renumbers the options.
    #[test]
    fn option_15_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            eprintln!("skipped: MIMALLOC_PURGE_DELAY is set, so the default is not seen");
            return;
        }
        // SAFETY: reads a plain integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(15) };
        assert_eq!(delay, 1000);
        super::give_back_freed_memory_soon();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(15) }, 100);
    }
}
