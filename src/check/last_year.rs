//! What the checks keep of a department's previous year.

use crate::content::load::Loaded;
use crate::content::model::Disclosure;
use crate::content::money::Money;
use crate::derive::Figures;

/// What the checks need of the same department's previous year: the figures its narrative
/// compares, as that year's file gives them. Small, so a streaming build can keep one per
/// department instead of the whole disclosure.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LastYear {
    pub file: std::path::PathBuf,
    pub year: u16,
    /// This year's figures of [`crate::derive::previous::handed_on`], in its order.
    pub figures: Vec<Money>,
}

impl LastYear {
    pub fn of(d: &Loaded<Disclosure>) -> LastYear {
        LastYear::with_figures(d, &Figures::of(&d.data))
    }

    /// The year before `d` of the same department, read from its file under the manifest's
    /// `content/<year-1>/`, for a command that reads one file (a build and `check` keep last
    /// year's figures as they go). `None` when there is no such file or it does not load.
    pub fn read(m: &crate::content::load::Manifest, d: &Disclosure) -> Option<LastYear> {
        let file = (m.root.join("content"))
            .join((d.year - 1).to_string())
            .join(format!("{}.yaml", d.code));
        if !file.is_file() {
            return None;
        }
        m.load(&file).ok().map(|last| LastYear::of(&last))
    }

    /// As [`LastYear::of`], with `f = Figures::of(&d.data)` already computed.
    pub fn with_figures(d: &Loaded<Disclosure>, f: &Figures) -> LastYear {
        LastYear {
            file: d.file.clone(),
            year: d.data.year,
            figures: crate::derive::previous::handed_on(&d.data, f),
        }
    }
}
