//! Command line: parses arguments and hands over to `gongkai::commands`.

use clap::{Parser, Subcommand};
use gongkai::commands::{self, Format};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Department budget disclosures (部门预算公开) as a static site"
)]
struct Cli {
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
    let code = match Cli::parse().command {
        Command::Check { root, format } => commands::check(&root, format),
        Command::Build { root, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            commands::build(&root, &out)
        }
        Command::Verify { dir } => commands::verify(&dir),
        Command::Freeze { year, root } => commands::freeze(&root, year),
        Command::Archive { year, root, out } => {
            let out = out.unwrap_or_else(|| PathBuf::from(format!("gongkai-{year}.zip")));
            commands::archive(&root, year, &out)
        }
    };
    ExitCode::from(code)
}
