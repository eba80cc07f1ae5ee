//! What the trend and year charts need of one disclosure, as data: the charts are drawn in
//! `render::charts`, from these of every year and department.

use super::figures::{Figures, Source};
use super::tables::class_totals;
use crate::content::interned::{Label, intern};
use crate::content::model::{Disclosure, MoneyUnit};
use crate::content::money::Money;

/// What the trend and year charts need of one disclosure. Small, so that a streaming build
/// can keep one per department-year instead of the whole disclosure.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChartFacts {
    pub code: String,
    pub year: u16,
    pub name: String,
    pub unit: MoneyUnit,
    /// 收入总计.
    pub total: Money,
    /// Expenditure per 功能分类 类, over all sources, by code in order. A list, not a map: a
    /// map's node is the larger part of what a build keeps of a disclosure. The codes are
    /// shared (a few dozen 类 in all), not a small string for every disclosure.
    #[serde(deserialize_with = "interned_codes")]
    pub classes: Vec<(Label, Money)>,
}

impl ChartFacts {
    pub fn of(d: &Disclosure, f: &Figures) -> ChartFacts {
        ChartFacts {
            code: d.code.clone(),
            year: d.year,
            name: d.name.clone(),
            unit: d.money_unit,
            total: f.income_total,
            classes: class_totals(d, &Source::ALL)
                .into_iter()
                .map(|(k, c)| (intern(&k), c.total()))
                .collect(),
        }
    }
}

fn interned_codes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(Label, Money)>, D::Error> {
    let read: Vec<(String, Money)> = serde::Deserialize::deserialize(d)?;
    Ok(read.into_iter().map(|(c, m)| (intern(&c), m)).collect())
}
