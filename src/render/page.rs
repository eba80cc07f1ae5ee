//! The view of one disclosure page: the derived figures, tables and texts, with the markup
//! made from them (charts, the narrative's Markdown, the glossary), ready for the template.

use crate::content::codes::chinese_number;
use crate::content::model::{Disclosure, GlossaryEntry};
use crate::content::numbering::NumberStyle;
use crate::content::profile::Profile;
use crate::derive::chart_facts::ChartFacts;
use crate::derive::previous::ChangeFrom;
use crate::derive::table_view::TableView;
use crate::derive::{
    Figures, Numbered, Summary, date_text, explanation, list_punctuation, narrative, summary,
    tables,
};
use crate::render::markdown;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView {
    /// `一、`.
    pub number: String,
    /// `一`, for formats that number otherwise (`（一）`).
    pub ordinal: String,
    pub term: String,
    /// Sanitised HTML from the Markdown definition.
    pub html: String,
    pub anchor: String,
}

/// One disclosure page, ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureView {
    pub code: String,
    pub name: String,
    pub year: u16,
    /// `YYYY-MM-DD`, empty when the disclosure gives no date.
    pub published: String,
    /// `2024年5月26日`, empty when the disclosure gives no date.
    pub published_text: String,
    /// The unit the tables show (the profile's).
    pub unit: &'static str,
    pub units: Vec<crate::content::model::BudgetUnit>,
    /// The paragraph on what the department is, before its duties (may be absent).
    pub about: Option<String>,
    pub duties_intro: String,
    pub duties: Vec<Numbered>,
    pub offices: Vec<String>,
    /// `8个`: how many internal offices.
    pub office_count: usize,
    pub offices_text: String,
    pub composition: String,
    /// The figures of the 13-table narrative (第二部分).
    pub narrative: narrative::NarrativeView,
    /// The figures of the per-科目 narrative (编制说明, 其他相关情况说明, 项目经费情况说明).
    pub explanation: explanation::ExplanationView,
    /// The disclosure's free texts (reasons and uses), as entered.
    pub texts: crate::content::model::Narrative,
    /// The narrative's sections as HTML by id, from the department's text or the profile's
    /// default, every figure spelled from the tables' figures.
    pub prose: crate::render::prose::ProseHtml,
    pub assets: crate::content::model::Assets,
    /// The annex tables as data; the page gets each with its markup ([`Page`]).
    #[serde(skip)]
    pub tables: Vec<TableView>,
    pub glossary: Vec<GlossaryView>,
    /// `list` (term above definition) or `line` (「术语：定义」), as the department or the
    /// profile chooses.
    pub glossary_layout: &'static str,
    /// Totals for year and home pages.
    pub summary: Summary,
    /// Charts as ready SVG, one per narrative section they illustrate.
    pub charts: crate::render::charts::DisclosureCharts,
    /// What later years' trend charts and the year page's charts need of this one.
    #[serde(skip)]
    pub chart_facts: ChartFacts,
}

/// The glossary numbered `一、`, as the site's glossary page prints it.
pub fn glossary_view(entries: &[GlossaryEntry]) -> Vec<GlossaryView> {
    glossary_numbered(entries, NumberStyle::Chinese)
}

/// The glossary numbered in `style`.
pub fn glossary_numbered(entries: &[GlossaryEntry], style: NumberStyle) -> Vec<GlossaryView> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| GlossaryView {
            number: style.label(i + 1),
            ordinal: chinese_number(i + 1),
            term: e.term.clone(),
            html: markdown::render_inline(&e.definition),
            anchor: format!("term-{:02}", i + 1),
        })
        .collect()
}

/// The view of one disclosure as `profile` publishes it; `earlier` are what the charts need
/// of the same department's earlier years (for the trend).
pub fn disclosure_view(
    d: &Disclosure,
    glossary: &[GlossaryEntry],
    profile: &Profile,
    earlier: &[&ChartFacts],
) -> DisclosureView {
    view_with_figures(d, &Figures::of(d), glossary, profile, earlier)
}

/// As [`disclosure_view`], with `f = Figures::of(d)` already computed.
pub fn view_with_figures(
    d: &Disclosure,
    f: &Figures,
    glossary: &[GlossaryEntry],
    profile: &Profile,
    earlier: &[&ChartFacts],
) -> DisclosureView {
    let ctx = tables::Ctx { d, f };
    let tables = tables::tables_for(&ctx, profile);
    let shown = profile.tables_shown(d.money_unit);
    let said = profile.narrative_shown(d.money_unit);
    let charts = crate::render::charts::disclosure_charts(d, f, &tables, profile, earlier);
    let o = &d.overview;
    DisclosureView {
        code: d.code.clone(),
        name: d.name.clone(),
        year: d.year,
        published: d.published.clone().unwrap_or_default(),
        published_text: d.published.as_deref().map(date_text).unwrap_or_default(),
        unit: shown.unit(),
        units: d.units.clone(),
        about: d.overview.about.clone(),
        duties_intro: d.overview.duties_intro.clone(),
        duties: list_punctuation(d, profile)
            .list(&d.overview.duties)
            .into_iter()
            .enumerate()
            .map(|(i, text)| Numbered {
                number: d
                    .overview
                    .duties_numbering
                    .or(profile.duties_numbering)
                    .unwrap_or(NumberStyle::Bracketed)
                    .label(i + 1),
                text,
            })
            .collect(),
        offices: d.overview.offices.clone(),
        office_count: d.overview.offices.len(),
        offices_text: d.overview.offices.join("、"),
        composition: d.overview.composition.clone(),
        narrative: narrative::narrative(
            d,
            f,
            ChangeFrom::new(profile.change_from, said),
            said,
            profile.prose_spelling(),
        ),
        explanation: explanation::explanation(
            d,
            f,
            ChangeFrom::new(profile.change_from, said),
            said,
        ),
        texts: d.narrative.clone(),
        prose: crate::render::prose::sections_html(d, f, profile, said),
        assets: d.assets.clone(),
        tables,
        glossary: glossary_numbered(
            glossary,
            o.glossary_numbering
                .or(profile.glossary_numbering)
                .unwrap_or(NumberStyle::Chinese),
        ),
        glossary_layout: o
            .glossary_layout
            .or(profile.glossary_layout)
            .unwrap_or_default()
            .key(),
        summary: summary(f, shown),
        charts,
        chart_facts: ChartFacts::of(d, f),
    }
}

/// What a page template gets as `page`: the view, and each table with its section's markup
/// as `html` beside its data (`t.id`, `t.name` … for the list of tables).
#[derive(Serialize)]
pub struct Page<'v> {
    #[serde(flatten)]
    pub view: &'v DisclosureView,
    pub tables: Vec<TableSection<'v>>,
}

/// One table and its markup.
#[derive(Serialize)]
pub struct TableSection<'v> {
    #[serde(flatten)]
    pub table: &'v TableView,
    pub html: String,
}

impl DisclosureView {
    /// The view as the page template gets it, with every table's markup from `tera`'s
    /// table template.
    pub fn page(&self, tera: &tera::Tera) -> Result<Page<'_>, tera::Error> {
        let tables = self
            .tables
            .iter()
            .map(|t| {
                Ok(TableSection {
                    table: t,
                    html: crate::render::table::section_html(tera, t)?,
                })
            })
            .collect::<Result<_, tera::Error>>()?;
        Ok(Page { view: self, tables })
    }
}
