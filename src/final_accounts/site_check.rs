//! `gongkai check` for 决算: every 决算 file of a site loaded, its identities checked, its
//! 年初预算数 compared with the archived 部门预算 of the same year where there is one.

use super::{checks, execution, load_all};
use crate::content::kind::Kind;
use crate::content::problem::Problem;
use crate::content::profile::Profile;
use std::path::Path;

/// What checking the 决算 of a site found: files that could not be read (they stop the
/// check, as a budget file that cannot be read does), findings in files that could, and how
/// many files were checked.
pub struct Checked {
    pub unreadable: Vec<Problem>,
    pub findings: Vec<Problem>,
    pub files: usize,
}

pub fn check_site(root: &Path, profile: &Profile) -> Checked {
    let (loaded, mut unreadable) = load_all(root);
    let mut findings = Vec::new();
    if !loaded.is_empty() && !profile.kinds.contains(&Kind::FinalAccounts) {
        unreadable.push(
            Problem::new(
                &loaded[0].file,
                format!("本站的格式（{}）不公开部门决算", profile.name),
            )
            .hint("在格式文件中加上 kinds: [部门预算, 部门决算]，或把决算文件移出 content/"),
        );
    }
    for d in &loaded {
        findings.extend(checks::check(d));
        let budget = root
            .join("content")
            .join(d.data.year.to_string())
            .join(format!("{}.yaml", d.data.code));
        // A budget that does not load is reported by the budget check.
        if budget.is_file()
            && let Ok(b) = crate::content::load::load_disclosure(root, &budget)
        {
            findings.extend(execution::budgets(d, Some(&b.data)).1);
        }
    }
    Checked {
        unreadable,
        findings,
        files: loaded.len(),
    }
}
