//! Command line: parses arguments and hands over to the library.

use clap::{Parser, Subcommand, ValueEnum};
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
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn check(root: &std::path::Path, format: Format) -> ExitCode {
    let report = match gongkai::load::load_content(root) {
        Ok(content) => gongkai::check::run(&content),
        Err(problems) => {
            match format {
                Format::Text => {
                    eprintln!("{problems}");
                    eprintln!("could not check: fix the problems above first");
                }
                Format::Json => print!(
                    "{}",
                    gongkai::check::Report::from_problems(&problems).json_lines()
                ),
            }
            return ExitCode::from(2);
        }
    };
    match format {
        Format::Text => print!("{}", report.text()),
        Format::Json => {
            print!("{}", report.json_lines());
            eprintln!("{}", report.summary());
        }
    }
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { root, format } => check(&root, format),
        Command::Build { root, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            match gongkai::site::build(&root, &out) {
                Ok(r) => {
                    if !r.checks.diagnostics.is_empty() {
                        eprint!("{}", r.checks.text());
                    }
                    println!(
                        "built {} pages, {} files ({} KB) into {} in {:.2} s",
                        r.pages,
                        r.files,
                        r.bytes / 1024,
                        out.display(),
                        r.elapsed.as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    eprintln!(
                        "nothing was written; the previous site in {} is unchanged",
                        out.display()
                    );
                    match e {
                        gongkai::site::BuildError::Input(_) => ExitCode::from(1),
                        gongkai::site::BuildError::Check(_) => ExitCode::from(1),
                        gongkai::site::BuildError::Failed(_) => ExitCode::from(2),
                    }
                }
            }
        }
    }
}
