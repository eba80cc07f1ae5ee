//! The one table a 单位预算 of the 9-table format lays out otherwise than its department's:
//! 预算单位财务收支预算总表, whose expenditure side splits each 类 into 人员经费, 公用经费 and
//! 项目支出 (the department's shows one 预算数 per 类).
//!
//! Lines entered with an unsplit `basic` do not say how their 基本支出 divides; the unit's
//! `public_by_class` (in `Disclosure::class_public`) gives each 类's 公用经费, and what is
//! left of the unsplit 基本支出 is 人员经费. `check` holds the split to table 8 (the 人员经费
//! and 公用经费 of the economic lines).

use super::figures::Source;
use super::table_view::{Row, TableView};
use super::tables::{Ctx, Slot, Spec, class_totals, finish};
use super::tables9::{class_name, income_rows, paired};
use crate::content::codes::chinese_number;
use crate::content::model::Disclosure;
use crate::content::money::Money;
use std::collections::BTreeMap;

/// One 类's expenditure: 合计, 人员经费, 公用经费, 项目支出.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Split {
    pub total: Money,
    pub personnel: Money,
    pub public: Money,
    pub project: Money,
}

impl Split {
    fn cells(self) -> Vec<Money> {
        vec![self.total, self.personnel, self.public, self.project]
    }
}

/// Every 类 with money, in code order, split into 人员经费, 公用经费 and 项目支出 over all
/// sources of money.
pub fn class_splits(d: &Disclosure) -> BTreeMap<String, Split> {
    class_totals(d, &Source::ALL)
        .into_iter()
        .filter(|(_, c)| !c.total().is_zero())
        .map(|(code, c)| {
            let public = c.public + d.class_public.get(&code).copied().unwrap_or_default();
            let split = Split {
                total: c.total(),
                personnel: c.basic() - public,
                public,
                project: c.project(),
            };
            (code, split)
        })
        .collect()
}

/// The sum of the splits: the 支出总计 row.
pub fn split_total(splits: &BTreeMap<String, Split>) -> Split {
    splits.values().fold(Split::default(), |a, s| Split {
        total: a.total + s.total,
        personnel: a.personnel + s.personnel,
        public: a.public + s.public,
        project: a.project + s.project,
    })
}

/// Table 1 预算单位财务收支预算总表: income by source beside expenditure by 类, each 类 with
/// its 合计, 人员经费, 公用经费 and 项目支出.
pub fn paired_income_expenditure_split(ctx: &Ctx, slot: &Slot) -> TableView {
    let (d, f) = (ctx.d, ctx.f);
    let left = income_rows(&f.income, "、");
    let splits = class_splits(d);
    let mut right: Vec<(String, Vec<Money>)> = splits
        .iter()
        .enumerate()
        .map(|(k, (code, s))| {
            (
                format!("{}、{}", chinese_number(k + 1), class_name(ctx, code)),
                s.cells(),
            )
        })
        .collect();
    let mut total = split_total(&splits);
    if !d.year_end_balance.is_zero() {
        right.push((
            "年终结转结余".into(),
            vec![d.year_end_balance, Money::ZERO, Money::ZERO, Money::ZERO],
        ));
        total.total += d.year_end_balance;
    }
    let total = Row::new("total")
        .label("收入总计")
        .num(f.income_total)
        .label("支出总计")
        .nums(total.cells());
    let spec = Spec {
        subtitle: None,
        meta: slot.meta(d),
        head: &[
            &[("本年收入", 2, 1), ("本年支出", 5, 1)],
            &[
                ("项目", 1, 3),
                ("预算数", 1, 3),
                ("项目", 1, 3),
                ("预算数", 4, 1),
            ],
            &[("合计", 1, 2), ("基本支出", 2, 1), ("项目支出", 1, 2)],
            &[("人员经费", 1, 1), ("公用经费", 1, 1)],
        ],
        notes: vec![],
    };
    finish(ctx, slot, spec, paired(left, right, 4, total), false)
}
