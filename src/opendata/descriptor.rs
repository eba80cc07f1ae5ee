//! `datapackage.json`: the Frictionless Table Schema of the facts CSV and the Fiscal Data
//! Package model over it (the measure `amount` in CNY; dimensions for the administrative,
//! functional and economic classifications, source, component, direction, phase and year).
//!
//! Written from structs and sorted maps, so the same content gives the same bytes. The
//! descriptor follows the Fiscal Data Package schema that `tests/data/` holds; CI checks it
//! with that schema and with `frictionless validate`.

use super::{COLUMNS, PRIMARY_KEY};
use crate::content::model::SiteConfig;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a package covers.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// One year.
    Year(u16),
    /// Every year of the site, from the first to the last.
    Years(u16, u16),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Package<'a> {
    profile: &'static str,
    name: String,
    title: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    homepage: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<Source<'a>>,
    country_code: &'static str,
    granularity: &'static str,
    fiscal_period: Period,
    resources: [Resource<'a>; 1],
    model: Model,
}

#[derive(Serialize)]
struct Source<'a> {
    title: &'a str,
}

#[derive(Serialize)]
struct Period {
    start: String,
    end: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Resource<'a> {
    profile: &'static str,
    name: String,
    path: &'a str,
    title: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    bytes: u64,
    hash: String,
    schema: Schema,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Schema {
    fields: Vec<Field>,
    primary_key: &'static [&'static str],
    missing_values: [&'static str; 1],
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    title: &'static str,
    description: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    constraints: Constraints,
}

#[derive(Serialize, Default)]
struct Constraints {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<u8>,
    #[serde(rename = "enum", skip_serializing_if = "<[_]>::is_empty")]
    values: &'static [&'static str],
}

impl Constraints {
    fn is_empty(&self) -> bool {
        !self.required && self.minimum.is_none() && self.values.is_empty()
    }
}

#[derive(Serialize)]
struct Model {
    measures: BTreeMap<&'static str, Measure>,
    dimensions: BTreeMap<&'static str, Dimension>,
}

#[derive(Serialize)]
struct Measure {
    source: &'static str,
    currency: &'static str,
    title: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dimension {
    attributes: BTreeMap<&'static str, Attribute>,
    primary_key: Vec<&'static str>,
    dimension_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    classification_type: Option<&'static str>,
}

#[derive(Serialize)]
struct Attribute {
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    labelfor: Option<&'static str>,
}

/// A dimension from its attributes, `(column, parent, labelfor)`, and the columns that
/// identify one of its members.
fn dimension(
    kind: &'static str,
    classification: Option<&'static str>,
    attrs: &[(&'static str, Option<&'static str>, Option<&'static str>)],
    key: &[&'static str],
) -> Dimension {
    Dimension {
        attributes: attrs
            .iter()
            .map(|&(source, parent, labelfor)| {
                (
                    source,
                    Attribute {
                        source,
                        parent,
                        labelfor,
                    },
                )
            })
            .collect(),
        primary_key: key.to_vec(),
        dimension_type: kind,
        classification_type: classification,
    }
}

fn model() -> Model {
    let c = "classification";
    let dimensions = BTreeMap::from([
        (
            "fiscal_year",
            dimension("datetime", None, &[("year", None, None)], &["year"]),
        ),
        (
            "administrative",
            dimension(
                c,
                Some("administrative"),
                &[
                    ("department_code", None, None),
                    ("department_name", None, Some("department_code")),
                    ("unit_code", Some("department_code"), None),
                    ("unit_name", None, Some("unit_code")),
                ],
                &["department_code", "unit_code"],
            ),
        ),
        (
            "functional",
            dimension(
                c,
                Some("functional"),
                &[
                    ("functional_class_code", None, None),
                    ("functional_class_name", None, Some("functional_class_code")),
                    (
                        "functional_section_code",
                        Some("functional_class_code"),
                        None,
                    ),
                    (
                        "functional_section_name",
                        None,
                        Some("functional_section_code"),
                    ),
                    ("functional_code", Some("functional_section_code"), None),
                    ("functional_name", None, Some("functional_code")),
                ],
                &["functional_code"],
            ),
        ),
        (
            "economic",
            dimension(
                c,
                Some("economic"),
                &[
                    ("economic_class_code", None, None),
                    ("economic_class_name", None, Some("economic_class_code")),
                    ("economic_code", Some("economic_class_code"), None),
                    ("economic_name", None, Some("economic_code")),
                ],
                &["economic_code"],
            ),
        ),
        (
            "gov_economic",
            dimension(
                c,
                Some("economic"),
                &[
                    ("gov_economic_code", None, None),
                    ("gov_economic_name", None, Some("gov_economic_code")),
                ],
                &["gov_economic_code"],
            ),
        ),
        (
            "project",
            dimension(
                "other",
                None,
                &[
                    ("project_code", None, None),
                    ("project_name", None, Some("project_code")),
                ],
                &["project_code"],
            ),
        ),
        (
            "source",
            dimension(
                c,
                None,
                &[
                    ("source_code", None, None),
                    ("source_name", None, Some("source_code")),
                ],
                &["source_code"],
            ),
        ),
        (
            "component",
            dimension(
                c,
                None,
                &[
                    ("component_code", None, None),
                    ("component_name", None, Some("component_code")),
                    ("spending_type", None, None),
                ],
                &["component_code"],
            ),
        ),
        (
            "breakdown",
            dimension("other", None, &[("breakdown", None, None)], &["breakdown"]),
        ),
        (
            "direction",
            dimension("other", None, &[("direction", None, None)], &["direction"]),
        ),
        (
            "phase",
            dimension("other", None, &[("phase", None, None)], &["phase"]),
        ),
    ]);
    Model {
        measures: BTreeMap::from([(
            "amount",
            Measure {
                source: "amount",
                currency: "CNY",
                title: "金额（元）",
            },
        )]),
        dimensions,
    }
}

/// The descriptor of a package whose facts are in `csv` (a file name beside it) of `bytes`
/// bytes with SHA-256 `sha256` (hex), so that a validator can tell a damaged download.
pub fn descriptor(site: &SiteConfig, scope: Scope, csv: &str, bytes: u64, sha256: &str) -> Vec<u8> {
    let (name, years, first, last) = match scope {
        Scope::Year(y) => (format!("budget-{y}"), format!("{y}年度"), y, y),
        Scope::Years(a, b) if a == b => ("budget".to_owned(), format!("{a}年度"), a, b),
        Scope::Years(a, b) => ("budget".to_owned(), format!("{a}—{b}年度"), a, b),
    };
    let title = format!("{}{years}部门预算数据", site.region);
    let pkg = Package {
        profile: "tabular-data-package",
        name,
        description: format!(
            "{}各部门{years}部门预算的全部金额，每笔一行，单位元。数据与“{}”网站公开的预算表一致：各部门的收入总计、支出总计等合计数均由本表各行相加得到（同一口径 breakdown 内相加）。",
            site.region, site.title
        ),
        homepage: site.base_url.as_deref(),
        sources: site
            .publisher
            .as_deref()
            .map(|title| Source { title })
            .into_iter()
            .collect(),
        country_code: "CN",
        granularity: "aggregated",
        fiscal_period: Period {
            start: format!("{first}-01-01"),
            end: format!("{last}-12-31"),
        },
        resources: [Resource {
            profile: "tabular-data-resource",
            name: csv.trim_end_matches(".csv").to_owned(),
            path: csv,
            title: title.clone(),
            format: "csv",
            mediatype: "text/csv",
            encoding: "utf-8",
            bytes,
            hash: format!("sha256:{sha256}"),
            schema: Schema {
                fields: COLUMNS
                    .iter()
                    .map(|c| Field {
                        name: c.name,
                        title: c.title,
                        description: c.description,
                        kind: c.kind,
                        constraints: Constraints {
                            required: c.required,
                            minimum: (c.kind == "number").then_some(0),
                            values: c.values,
                        },
                    })
                    .collect(),
                primary_key: PRIMARY_KEY,
                missing_values: [""],
            },
        }],
        title,
        model: model(),
    };
    let mut out = serde_json::to_vec_pretty(&pkg).unwrap_or_default();
    out.push(b'\n');
    out
}
