//! Command line: parses arguments and hands over to the library.

use clap::{Parser, Subcommand};
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            match gongkai::site::build(&root, &out) {
                Ok(r) => {
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
                        gongkai::site::BuildError::Failed(_) => ExitCode::from(2),
                    }
                }
            }
        }
    }
}
