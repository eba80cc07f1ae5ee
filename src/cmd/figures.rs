//! `gongkai figures YEAR CODE`: every name a department's text may quote, with its value as
//! the narrative shows it, for a clerk to copy into `{…}`.

use crate::content::problem::Problem;
use crate::derive::figures::Figures;
use crate::prose::names::Listed;
use std::path::Path;

/// The names of `content/YEAR/CODE.yaml` under `root`, with values in the profile's narrative
/// unit.
pub fn list(root: &Path, year: u16, code: &str) -> Result<Vec<Listed>, Vec<Problem>> {
    if !crate::content::load::is_safe_code(code) {
        return Err(vec![
            Problem::new(root.join("content"), format!("部门代码「{code}」不对"))
                .hint("部门代码只有字母和数字，例如 085"),
        ]);
    }
    let manifest = crate::content::load::scan(root).map_err(|p| p.0)?;
    let path = root
        .join("content")
        .join(year.to_string())
        .join(format!("{code}.yaml"));
    if !path.is_file() {
        return Err(vec![
            Problem::new(
                Path::new("content")
                    .join(year.to_string())
                    .join(format!("{code}.yaml")),
                format!("没有{year}年部门{code}的文件"),
            )
            .hint("先用 gongkai new 建立它，或检查年度和部门代码"),
        ]);
    }
    let mut d = manifest.load(&path)?;
    if let Some(last) = crate::check::LastYear::read(&manifest, &d.data) {
        crate::prose::printed::fill(&mut d.data, &manifest.profile, &last.figures);
    }
    let f = Figures::of(&d.data);
    let shown = manifest.profile.narrative_shown(d.data.money_unit);
    Ok(crate::prose::names(&d.data, &f, &manifest.profile).listed(shown))
}

/// One name a line, `名称<TAB>值<TAB>种类`, for people.
pub fn text(listed: &[Listed]) -> String {
    listed
        .iter()
        .map(|l| format!("{}\t{}\t{}\n", l.name, l.value, l.kind))
        .collect()
}

/// A JSON array of `{name, kind, value}`.
pub fn json(listed: &[Listed]) -> String {
    serde_json::to_string_pretty(listed).unwrap_or_default() + "\n"
}
