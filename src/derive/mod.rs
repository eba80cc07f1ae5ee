//! derive: from the facts of a disclosure to the figures, tables and texts a page shows, as
//! data. Nothing here writes markup (`render` does), so the downloads, the checks and the
//! pages read the same numbers.
//!
//! Templates never do arithmetic; all sums, shares and changes are here.

pub mod chart_facts;
pub mod charts;
pub mod explanation;
pub mod figures;
pub mod narrative;
pub mod previous;
pub mod table_view;
pub mod tables;
pub mod tables9;
pub mod tables9_unit;
pub mod units;

use crate::content::layout::ListPunctuation;
use crate::content::model::Disclosure;
use crate::content::money::Shown;
use crate::content::profile::Profile;
pub use figures::Figures;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Numbered {
    /// `（一）`, `一、` …
    pub number: String,
    pub text: String,
}

/// The headline figures of one disclosure, as listed on year and home pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Summary {
    pub total: String,
    pub general: String,
    pub fund: String,
    pub basic: String,
    pub project: String,
}

/// How the items of `d`'s numbered lists end: the department's choice, else the profile's.
pub fn list_punctuation(d: &Disclosure, profile: &Profile) -> ListPunctuation {
    d.overview
        .list_punctuation
        .or(profile.list_punctuation)
        .unwrap_or_default()
}

/// The headline figures as the tables show them.
pub fn summary(f: &Figures, shown: Shown) -> Summary {
    // A zero part is left blank, as the published tables leave it; the total always shows.
    let t = |m| shown.money(m).table();
    let part = |m| shown.money(m).cell();
    Summary {
        total: t(f.income_total),
        general: part(f.general.total()),
        fund: part(f.fund.total()),
        basic: part(f.all.basic()),
        project: part(f.all.project()),
    }
}

/// `2024-05-26` → `2024年5月26日`; the loader has checked the shape.
pub fn date_text(date: &str) -> String {
    let (y, m, day) = (&date[..4], &date[5..7], &date[8..10]);
    format!(
        "{}年{}月{}日",
        y,
        m.trim_start_matches('0'),
        day.trim_start_matches('0')
    )
}
