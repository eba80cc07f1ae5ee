//! Writes a synthetic `content/` tree for benchmarks and scale tests (not part of the CLI).
//!
//! ```text
//! cargo run --release --example gen_content -- --out DIR --departments N --years Y --seed S
//! ```
//! then `gongkai build --root DIR`. The same arguments always give byte-identical files.

mod synth;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Write synthetic department-year disclosures into DIR/content")]
struct Args {
    /// Site folder; content/ is (re)created inside it.
    #[arg(long)]
    out: PathBuf,
    /// Departments per year.
    #[arg(long, default_value_t = 100)]
    departments: usize,
    /// Years per department, ending with --last-year.
    #[arg(long, default_value_t = 2)]
    years: usize,
    #[arg(long, default_value_t = 2024)]
    last_year: u16,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let a = Args::parse();
    if a.years == 0 || a.years > usize::from(a.last_year) {
        eprintln!("--years must be between 1 and --last-year");
        return ExitCode::from(2);
    }
    let opts = synth::Options {
        departments: a.departments,
        years: a.years,
        last_year: a.last_year,
        seed: a.seed,
    };
    match synth::generate(&a.out, &opts) {
        Ok(w) => {
            println!(
                "wrote {} department-years ({} files, {} KB) into {}",
                a.departments * a.years,
                w.files,
                w.bytes / 1024,
                a.out.join("content").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
