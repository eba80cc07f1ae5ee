//! What each subcommand does and prints, and its exit status: 0 success, 1 the content or the
//! checked folder has problems the user can fix, 2 the command could not run.

pub mod figures;
pub mod init;
pub mod skeleton;

use crate::messages::{say, zh};
use crate::output::{BuildError, BuildOptions};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn check(root: &Path, format: Format) -> u8 {
    let report = match crate::check::check_site_reusing(root, |m| {
        let cache = crate::output::cache::Cache::for_check(m);
        Box::new(move |year, code| {
            let (diagnostics, last_year) = cache.known(year, code)?;
            Some(crate::check::Known {
                diagnostics,
                last_year,
            })
        })
    }) {
        Ok(report) => report,
        Err(problems) => {
            match format {
                Format::Text => {
                    eprintln!("{problems}");
                    eprintln!(
                        "{}",
                        say(
                            "无法检查：请先改正上面的问题",
                            "could not check: fix the problems above first"
                        )
                    );
                }
                Format::Json => print!(
                    "{}",
                    crate::check::Report::from_problems(&problems).json_lines()
                ),
            }
            // Problems in the content: the same status `build` gives for them.
            return 1;
        }
    };
    match format {
        Format::Text => print!("{}", report.text()),
        Format::Json => {
            print!("{}", report.json_lines());
            eprintln!("{}", report.summary());
        }
    }
    u8::from(report.has_errors())
}

pub fn build(root: &Path, out: &Path, fresh: bool) -> u8 {
    let opts = BuildOptions {
        progress: true,
        fresh,
        ..BuildOptions::default()
    };
    match crate::output::build(root, out, &opts) {
        Ok(r) => {
            if !r.checks.diagnostics.is_empty() {
                eprint!("{}", r.checks.text());
            }
            if zh() {
                println!(
                    "已生成 {} 份部门预算：{} 个页面，{} 个文件（{} KB），写入 {}，用时 {:.2} 秒",
                    r.disclosures,
                    r.pages,
                    r.files,
                    r.bytes / 1024,
                    out.display(),
                    r.elapsed.as_secs_f64()
                );
            } else {
                println!(
                    "built {} disclosures: {} pages, {} files ({} KB) into {} in {:.2} s",
                    r.disclosures,
                    r.pages,
                    r.files,
                    r.bytes / 1024,
                    out.display(),
                    r.elapsed.as_secs_f64()
                );
            }
            0
        }
        Err(e) => {
            eprintln!("{e}");
            if zh() {
                eprintln!("没有写入任何文件；{} 中原来的网站保持不变", out.display());
            } else {
                eprintln!(
                    "nothing was written; the previous site in {} is unchanged",
                    out.display()
                );
            }
            error_code(&e)
        }
    }
}

pub fn verify(dir: &Path) -> u8 {
    match crate::output::manifest::verify(dir) {
        Ok((checked, _)) if checked.is_empty() => {
            eprintln!(
                "{}",
                crate::say!(
                    "错误：在 {} 及其年度文件夹中没有找到 SHA256SUMS 清单；请指定 gongkai build 生成的网站文件夹",
                    "error: no SHA256SUMS manifest found in {} or its year folders",
                    dir.display()
                )
            );
            2
        }
        Ok((checked, findings)) => {
            for f in &findings {
                println!("{f}");
            }
            println!(
                "{}",
                crate::say!(
                    "核对了 {} 个文件夹：{} 处问题",
                    "checked {} folders: {} problems",
                    checked.len(),
                    findings.len()
                )
            );
            u8::from(!findings.is_empty())
        }
        Err(e) => {
            eprintln!(
                "{}",
                crate::say!(
                    "错误：无法读取 {}：{e}",
                    "error: cannot read {}: {e}",
                    dir.display()
                )
            );
            2
        }
    }
}

pub fn freeze(root: &Path, year: u16) -> u8 {
    match crate::output::freeze::freeze_year(root, year) {
        Ok((file, n)) => {
            println!(
                "{}",
                crate::say!(
                    "已冻结 {year} 年的 {n} 份公开文件，记录在 {}",
                    "froze {n} disclosures of {year} in {}",
                    file.display()
                )
            );
            0
        }
        Err(p) => {
            eprintln!("{p}");
            1
        }
    }
}

pub fn archive(root: &Path, year: u16, out: &Path) -> u8 {
    match crate::output::archive::archive(root, year, out) {
        Ok(n) => {
            println!(
                "{}",
                crate::say!(
                    "已归档 {year} 年：{n} 个文件，写入 {}",
                    "archived {year}: {n} files in {}",
                    out.display()
                )
            );
            0
        }
        Err(e) => {
            eprintln!("{e}");
            error_code(&e)
        }
    }
}

fn error_code(e: &BuildError) -> u8 {
    match e {
        BuildError::Input(_) | BuildError::Check(_) => 1,
        BuildError::Failed(_) => 2,
    }
}

pub fn serve(root: PathBuf, port: u16, bind: IpAddr) -> u8 {
    match crate::serve::serve(&crate::serve::ServeOptions { root, port, bind }) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{}: {e}", say("错误", "error"));
            2
        }
    }
}

/// `gongkai init`: a new site; says what was written and what to do next.
pub fn init(dir: &Path, profile: &str, year: Option<u16>) -> u8 {
    let year = year.unwrap_or_else(crate::cmd::init::this_year);
    match crate::cmd::init::create(dir, profile, year) {
        Ok(c) => {
            let d = dir.display();
            if zh() {
                println!("已在 {d} 创建新网站（公开格式 {profile}）：");
            } else {
                println!("created a new site in {d} (profile {profile}):");
            }
            for f in &c.files {
                println!("  {}", f.display());
            }
            let y = c.year;
            if zh() {
                println!("下一步：");
                println!("  1. 打开 content/site.yaml，按注释填写网站名称、地区和发布单位；");
                println!(
                    "  2. 为第一个部门建立文件：gongkai new {y} 部门代码 部门名称 --root {d}；"
                );
                println!(
                    "  3. 运行 gongkai serve --root {d} 预览，gongkai build --root {d} 生成网站。"
                );
            } else {
                println!("next:");
                println!(
                    "  1. open content/site.yaml and fill in the site's name, region and publisher as its comments say;"
                );
                println!(
                    "  2. make the first department's file: gongkai new {y} CODE NAME --root {d};"
                );
                println!(
                    "  3. preview with gongkai serve --root {d}, build with gongkai build --root {d}."
                );
            }
            0
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

pub fn new(root: &Path, year: u16, code: &str, name: &str, from: Option<u16>) -> u8 {
    match crate::cmd::skeleton::create(root, year, code, name, from) {
        Ok(file) => {
            if zh() {
                println!("已写入 {}", root.join(&file).display());
                println!("请填写各项数字，然后用 `gongkai serve` 预览，或用 `gongkai check` 检查");
            } else {
                println!("wrote {}", root.join(&file).display());
                println!(
                    "fill in the figures, then preview with `gongkai serve` or check with `gongkai check`"
                );
            }
            0
        }
        Err(p) => {
            eprintln!("{p}");
            1
        }
    }
}

/// Lists the names of a disclosure's figures: 0 listed, 1 the file has problems.
pub fn figures(root: &Path, year: u16, code: &str, format: Format) -> u8 {
    match figures::list(root, year, code) {
        Ok(listed) => {
            match format {
                Format::Text => print!("{}", figures::text(&listed)),
                Format::Json => print!("{}", figures::json(&listed)),
            }
            0
        }
        Err(problems) => {
            eprintln!("{}", crate::content::problem::Problems(problems));
            1
        }
    }
}
