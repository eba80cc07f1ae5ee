//! Command line: parses arguments and hands over to the library.

use clap::{Parser, Subcommand};
use gongkai::site::{BuildError, BuildOptions};
use std::net::IpAddr;
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
    /// computer, rebuild and reload the open pages when content/, templates/ or static/ change.
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
    match Cli::parse().command {
        Command::Build { root, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let opts = BuildOptions {
                progress: true,
                ..BuildOptions::default()
            };
            match gongkai::site::build(&root, &out, &opts) {
                Ok(r) => {
                    println!(
                        "built {} disclosures: {} pages, {} files ({} KB) into {} in {:.2} s",
                        r.disclosures,
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
                    build_error_code(&e)
                }
            }
        }
        Command::Verify { dir } => match gongkai::manifest::verify(&dir) {
            Ok((checked, _)) if checked.is_empty() => {
                eprintln!(
                    "error: no SHA256SUMS manifest found in {} or its year folders",
                    dir.display()
                );
                ExitCode::from(2)
            }
            Ok((checked, findings)) => {
                for f in &findings {
                    println!("{f}");
                }
                println!(
                    "checked {} folders: {} problems",
                    checked.len(),
                    findings.len()
                );
                if findings.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", dir.display());
                ExitCode::from(2)
            }
        },
        Command::Freeze { year, root } => match gongkai::freeze::freeze_year(&root, year) {
            Ok((file, n)) => {
                println!("froze {n} disclosures of {year} in {}", file.display());
                ExitCode::SUCCESS
            }
            Err(p) => {
                eprintln!("{p}");
                ExitCode::from(1)
            }
        },
        Command::Serve { root, port, bind } => {
            let opts = gongkai::serve::ServeOptions { root, port, bind };
            match gongkai::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::New {
            year,
            code,
            name,
            root,
            from,
        } => match gongkai::skeleton::create(&root, year, &code, &name, from) {
            Ok(file) => {
                println!("wrote {}", root.join(&file).display());
                println!(
                    "fill in the figures, then preview with `gongkai serve` or check with `gongkai build`"
                );
                ExitCode::SUCCESS
            }
            Err(p) => {
                eprintln!("{p}");
                ExitCode::from(1)
            }
        },
        Command::Archive { year, root, out } => {
            let out = out.unwrap_or_else(|| PathBuf::from(format!("gongkai-{year}.zip")));
            match gongkai::archive::archive(&root, year, &out) {
                Ok(n) => {
                    println!("archived {year}: {n} files in {}", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    build_error_code(&e)
                }
            }
        }
    }
}

fn build_error_code(e: &BuildError) -> ExitCode {
    match e {
        BuildError::Input(_) => ExitCode::from(1),
        BuildError::Failed(_) => ExitCode::from(2),
    }
}
