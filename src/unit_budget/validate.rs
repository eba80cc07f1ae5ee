//! The unit file's own shape against its department, checked when it is loaded: the units
//! it names are the department's budgeted units, once each; its 类 codes have three digits;
//! with several budgeted units it says what only it can say of each.

use super::model::UnitFile;
use crate::content::load::Loaded;
use crate::content::model::Disclosure;
use crate::content::problem::Problem;
use std::path::Path;

/// The unit file's own shape against its department: known, budgeted, unique units; 类
/// codes of three digits; with several budgeted units, what only the unit file can say.
pub fn unit_file(d: &Disclosure, dept_file: &Path, f: Option<&Loaded<UnitFile>>) -> Vec<Problem> {
    let mut out = Vec::new();
    let several = d.budgeted_units().count() > 1;
    if let Some(f) = f {
        for (i, u) in f.data.units.iter().enumerate() {
            let at = |field: &str| format!("units[{i}].{field}");
            if !d.budgeted_units().any(|b| b.code == u.code) {
                let listed: Vec<&str> = d.budgeted_units().map(|b| b.code.as_str()).collect();
                out.push(
                    f.problem(
                        &at("code"),
                        format!("部门“{}”没有单列预算的单位“{}”", d.name, u.code),
                    )
                    .hint(format!(
                        "`code` 写部门文件 `units` 下单列预算的单位代码之一：{}",
                        listed.join("、")
                    )),
                );
            }
            if f.data.units[..i].iter().any(|o| o.code == u.code) {
                out.push(
                    f.problem(&at("code"), format!("单位“{}”写了两次", u.code))
                        .hint("每个单位只写一项：请把两项合并"),
                );
            }
            for c in u.public_by_class.keys() {
                if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_digit()) {
                    out.push(
                        f.problem(
                            &format!("units[{i}].public_by_class.{c}"),
                            format!("“{c}”不是功能分类的类级代码"),
                        )
                        .hint("按类填写公用经费，键是 3 位类级代码并加引号，如 \"201\""),
                    );
                }
            }
        }
    }
    if !several {
        return out;
    }
    // Several budgeted units: the department's file cannot say which unit a figure of the
    // whole department belongs to, so each unit's must be in the unit file.
    let shown = f.map_or_else(
        || super::unit_file_path(Path::new(""), d.year, &d.code),
        |f| f.file.clone(),
    );
    for u in d.budgeted_units() {
        let facts = f.and_then(|f| f.data.units.iter().find(|x| x.code == u.code));
        let missing: Vec<&str> = [
            ("duties", facts.is_none_or(|x| x.duties.is_none())),
            (
                "previous_year",
                facts.is_none_or(|x| x.previous_year.is_none()),
            ),
            ("procurement", facts.is_none_or(|x| x.procurement.is_none())),
            ("assets", facts.is_none_or(|x| x.assets.is_none())),
            (
                "projects_with_targets",
                d.projects_with_targets.is_some()
                    && facts.is_none_or(|x| x.projects_with_targets.is_none()),
            ),
        ]
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(k, _)| k)
        .collect();
        if !missing.is_empty() {
            out.push(
                Problem::new(
                    &shown,
                    format!(
                        "部门有几个单列预算的单位，单位“{}”的单位预算缺少 {}",
                        u.name,
                        missing.join("、")
                    ),
                )
                .hint(format!(
                    "在单位预算文件的 `units` 下为 code: {} 写出这些项（部门文件里的这些数字是全部门的，不能替单位填写）",
                    u.code
                )),
            );
        }
    }
    for (i, l) in d.economic.iter().enumerate() {
        if l.unit.is_none() {
            out.push(
                Problem::new(dept_file, format!("经济分类第 {} 行没有写所属单位", i + 1))
                    .field(format!("economic[{i}].unit"))
                    .hint("部门有几个单列预算的单位时，单位预算要知道每行经济分类属于哪个单位：请在这一行写 `unit:` 单位代码"),
            );
        }
    }
    out
}
