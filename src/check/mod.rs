//! check: the identities between the tables that the facts do not make true by themselves.
//!
//! The model is facts-first (docs/design.md): every table is a pivot of a few
//! lists, so a table's total always equals its rows and table 1 per 类 always equals table 3.
//! What can still disagree is money that staff enter twice, from different published tables:
//! income and expenditure, functional and economic lines, projects and the 项目 part of the
//! functional lines. Each such identity is one rule here, next to the checks of completeness,
//! codes and narrative that no type can express. `docs/checks.md` documents every rule.
//!
//! A rule is a plain function over one disclosure that pushes [`Diagnostic`]s; [`RULES`] lists
//! them all so that docs and tests can enumerate them. Comparisons of amounts go through
//! [`Ctx::compare`], the one place that knows the rounding allowance.

mod balance;
mod carryover;
mod codes;
mod completeness;
mod economic;
mod facts;
mod last_year;
mod narrative;
mod performance;
mod previous;
mod procurement;
mod projects;
mod prose;
mod prose_projects;
mod report;
mod site;
mod three_public;
pub mod unit_budget;

pub use report::Report;
pub use site::{Known, Recall, check_site, check_site_reusing};

use crate::content::load::Loaded;
use crate::content::model::Disclosure;
use crate::content::money::Money;

use crate::content::profile::Profile;
use crate::derive::Figures;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use std::fmt;
use std::path::PathBuf;

/// How bad a finding is. Errors stop `gongkai build`; warnings and notes are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A difference small enough to come from rounding the published figures.
    Note,
    /// Probably wrong, but publishable (e.g. a cost indicator that disagrees with its project).
    Warning,
    /// The disclosure contradicts itself; it must not be published like this.
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One fact a finding rests on: where it is written and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Field path in the file, e.g. `economic[8].general.public`.
    pub field: String,
    pub line: Option<usize>,
    /// The value as the check read it (amounts in plain form, `4.40`).
    pub value: String,
}

/// One finding: which rule, where, expected against actual, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    #[serde(deserialize_with = "crate::content::interned::static_str")]
    pub rule: crate::content::interned::Label,
    pub severity: Severity,
    pub file: PathBuf,
    /// The line of the first fact, where an editor should jump.
    pub line: Option<usize>,
    pub message: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// `actual − expected`, signed (`+0.01`, `-0.06`).
    pub difference: Option<String>,
    /// The rounding allowance the comparison used, when it compared amounts.
    pub tolerance: Option<String>,
    pub facts: Vec<Fact>,
    pub hint: String,
}

impl Diagnostic {
    /// Sets expected, actual and their difference from amounts.
    fn amounts(mut self, expected: Money, actual: Money) -> Diagnostic {
        self.expected = Some(expected.plain());
        self.actual = Some(actual.plain());
        self.difference = Some(signed(actual - expected));
        self
    }

    /// Sets expected and actual from text (names, codes).
    fn texts(mut self, expected: impl Into<String>, actual: impl Into<String>) -> Diagnostic {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }

    fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = hint.into();
        self
    }

    fn facts(mut self, facts: Vec<Fact>) -> Diagnostic {
        self.line = facts.iter().find_map(|f| f.line);
        self.facts = facts;
        self
    }
}

/// A check rule: a stable id (used in docs, tests and `--format json`), what it asserts, and
/// the function that asserts it.
pub struct Rule {
    pub id: &'static str,
    /// The group of `docs/checks.md` the rule belongs to.
    pub family: &'static str,
    /// Severity when the rule fails; comparisons of amounts report a difference within the
    /// rounding allowance as a note instead.
    pub severity: Severity,
    pub description: &'static str,
    pub run: fn(&Ctx, &mut Vec<Diagnostic>),
}

/// Every rule, family by family, in the order `docs/checks.md` lists them.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    [
        balance::RULES,
        carryover::RULES,
        economic::RULES,
        projects::RULES,
        performance::RULES,
        three_public::RULES,
        procurement::RULES,
        completeness::RULES,
        codes::RULES,
        previous::RULES,
        narrative::RULES,
        facts::RULES,
        prose::RULES,
        prose_projects::RULES,
    ]
    .into_iter()
    .flatten()
}

/// What every rule sees: one disclosure, its figures, and the same department's previous year.
pub use last_year::LastYear;

pub struct Ctx<'a> {
    pub file: &'a Loaded<Disclosure>,
    pub d: &'a Disclosure,
    /// Computed here, or lent by a build that derives the tables from the same figures.
    pub f: std::borrow::Cow<'a, Figures>,
    /// The same department's figures of the year before, when `content/` holds them.
    pub previous: Option<&'a LastYear>,
    /// The region profile: rules about a table it does not publish do not fire.
    pub profile: &'a Profile,
    /// The names of the figures, made once for the rules on the text (see [`Ctx::names`]).
    names: std::cell::OnceCell<crate::prose::names::Names>,
    /// What the narrative prints, read once for the rules on last year's figures.
    printed: std::cell::OnceCell<crate::prose::printed::Printed>,
}

/// The default profile, parsed once for callers that do not name one.
fn default_profile() -> &'static Profile {
    static P: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
    P.get_or_init(Profile::default_profile)
}

/// The amounts on one side of an identity, with the facts they come from.
#[derive(Debug, Clone)]
pub struct Side {
    /// What the side is, in the tables' words: `T6 公用经费`.
    pub label: String,
    pub value: Money,
    /// How many rounded figures were added up (each may be off by half a cent).
    pub parts: usize,
    /// (field path, amount) of every non-zero fact.
    pub facts: Vec<(String, Money)>,
}

impl Side {
    pub fn new(label: impl Into<String>) -> Side {
        Side {
            label: label.into(),
            value: Money::ZERO,
            parts: 0,
            facts: Vec::new(),
        }
    }

    /// Adds one fact. A blank (zero) is exact, so it is neither a rounded part nor shown.
    pub fn add(&mut self, amount: Money, field: impl FnOnce() -> String) {
        if !amount.is_zero() {
            self.value += amount;
            self.parts += 1;
            self.facts.push((field(), amount));
        }
    }
}

/// How two sides of an identity must relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// actual = expected.
    Equal,
    /// actual ≤ expected (e.g. spending of a source when a 年终结转结余 keeps part of it).
    AtMost,
}

/// The rounding allowance for a comparison of amounts that add up `parts` rounded figures.
///
/// Published figures are rounded to the second decimal of their unit (「报表金额单位转换时可能
/// 存在四舍五入尾数误差」), so each may be off by up to half a unit of that decimal. Two sums of
/// rounded figures that describe the same money can therefore differ by half a cent per
/// rounded figure on either side, and no more.
pub fn tolerance(parts: usize) -> Money {
    Money(Decimal::new(5, 3) * Decimal::from(parts as u64))
}

/// Added to the hint when exact amounts differ by less than rounding would allow (in Chinese
/// whatever the language: it is addressed to the clerk who keeps the file).
const EXACT_HINT: &str = "（本文件金额为精确数（以元为单位、含角分），合计与分项之间不允许任何尾数差额，\
请逐项核对原始数据；如金额确系由更小单位四舍五入而来，请在文件中写明 `amounts: rounded`。）";

/// A rounding allowance, exact: `0.055`, `0.010`.
pub fn allowance(tol: Money) -> String {
    format!("{:.3}", tol.0)
}

/// `+0.01`, `-0.06`, `0.00`.
pub fn signed(m: Money) -> String {
    if m > Money::ZERO {
        format!("+{}", m.plain())
    } else {
        m.plain()
    }
}

impl<'a> Ctx<'a> {
    /// The names a text can refer to, with the department's extra facts: several rules read
    /// them, and making them is the dearest step of checking a file.
    pub fn names(&self) -> &crate::prose::names::Names {
        (self.names).get_or_init(|| crate::prose::names(self.d, &self.f, self.profile))
    }

    /// The names the narrative in use prints: five rules ask, and reading it parses every
    /// section of the text.
    pub fn printed(&self) -> &crate::prose::printed::Printed {
        (self.printed).get_or_init(|| crate::prose::printed::Printed::of(self.d, self.profile))
    }

    pub fn new(file: &'a Loaded<Disclosure>, previous: Option<&'a LastYear>) -> Ctx<'a> {
        Ctx::with_profile(file, previous, default_profile())
    }

    pub fn with_profile(
        file: &'a Loaded<Disclosure>,
        previous: Option<&'a LastYear>,
        profile: &'a Profile,
    ) -> Ctx<'a> {
        Ctx {
            file,
            d: &file.data,
            f: std::borrow::Cow::Owned(Figures::of(&file.data)),
            previous,
            profile,
            names: Default::default(),
            printed: Default::default(),
        }
    }

    /// The rounding allowance for `parts` figures of this disclosure: none when its amounts
    /// are exact (a 元 disclosure with fen), half a cent per part when they are rounded.
    pub fn tolerance(&self, parts: usize) -> Money {
        if self.d.exact() {
            Money::ZERO
        } else {
            tolerance(parts)
        }
    }

    /// Whether the profile publishes the table `key`.
    pub fn publishes(&self, key: &str) -> bool {
        self.profile.publishes(key)
    }

    pub fn line(&self, field: &str) -> Option<usize> {
        self.file.map.line(field)
    }

    pub fn fact(&self, field: impl Into<String>, value: impl fmt::Display) -> Fact {
        let field = field.into();
        Fact {
            line: self.line(&field),
            field,
            value: value.to_string(),
        }
    }

    /// A finding of `rule` in this file; `.amounts`, `.facts` and `.hint` fill in the rest.
    pub fn diagnostic(
        &self,
        rule: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            file: self.file.file.clone(),
            line: None,
            message: message.into(),
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            facts: Vec::new(),
            hint: String::new(),
        }
    }

    fn side_facts(&self, sides: &[&Side]) -> Vec<Fact> {
        sides
            .iter()
            .flat_map(|s| s.facts.iter())
            .map(|(field, m)| self.fact(field.clone(), m.plain()))
            .collect()
    }

    /// Compares two sides of an identity with the rounding allowance and reports a difference:
    /// beyond the allowance as an error, within it as a note. `advice` says where to look.
    pub fn compare(
        &self,
        out: &mut Vec<Diagnostic>,
        rule: &'static str,
        relation: Relation,
        expected: &Side,
        actual: &Side,
        advice: &str,
    ) {
        let (e, a) = (expected.value, actual.value);
        let diff = a - e;
        let off = match relation {
            Relation::Equal => diff != Money::ZERO,
            Relation::AtMost => diff > Money::ZERO,
        };
        if !off {
            return;
        }
        let parts = expected.parts + actual.parts;
        let tol = self.tolerance(parts);
        let within = diff.0.abs() <= tol.0;
        // An exact disclosure's difference that rounding would have excused: say why not.
        let exact_note = if self.d.exact() && diff.0.abs() <= tolerance(parts).0 {
            EXACT_HINT
        } else {
            ""
        };
        let (should, verb) = match relation {
            Relation::Equal => (crate::messages::say("应等于", "should equal"), "≠"),
            Relation::AtMost => (crate::messages::say("不应大于", "should be at most"), ">"),
        };
        let (al, at, el, et) = (&actual.label, a.table(), &expected.label, e.table());
        let d = signed(diff);
        let (severity, message, hint) = if within {
            let allow = allowance(tol);
            (
                Severity::Note,
                crate::say!(
                    "{al} {at} 与 {el} {et} 相差 {d}，在四舍五入允许的范围内",
                    "{al} {at} {verb} {el} {et} by {d}, within rounding"
                ),
                crate::say!(
                    "公开的数字经过四舍五入，{parts} 个数字相加最多可相差 {allow}；如果每个数字都与公开文本一致，无需修改",
                    "published figures are rounded, so {parts} rounded figures may differ by up to {allow}; \
                     no action needed if each figure was copied exactly as published"
                ),
            )
        } else {
            let message = match relation {
                Relation::Equal => crate::say!(
                    "{al} {at} 与 {el} {et} 不相等",
                    "{al} {at} {verb} {el} {et}"
                ),
                Relation::AtMost => {
                    crate::say!("{al} {at} 大于 {el} {et}", "{al} {at} {verb} {el} {et}")
                }
            };
            (
                Severity::Error,
                message,
                crate::say!(
                    "{al} {at} {should} {el} {et}（差额 {d}）。{advice}{exact_note}",
                    "{al} {at} {should} {el} {et} (difference {d}). {advice}{exact_note}"
                ),
            )
        };
        // The side with fewer facts first: usually the single figure the other side must match.
        let sides = if actual.facts.len() < expected.facts.len() {
            [actual, expected]
        } else {
            [expected, actual]
        };
        let mut d = self
            .diagnostic(rule, severity, message)
            .amounts(e, a)
            .facts(self.side_facts(&sides))
            .hint(hint);
        d.tolerance = Some(allowance(tol));
        out.push(d);
    }
}

/// Runs every rule over one disclosure. Findings come sorted by line, then rule.
pub fn check_disclosure(file: &Loaded<Disclosure>, previous: Option<&LastYear>) -> Vec<Diagnostic> {
    check_disclosure_with(file, previous, default_profile())
}

/// Runs every rule over one disclosure published in `profile`.
pub fn check_disclosure_with(
    file: &Loaded<Disclosure>,
    previous: Option<&LastYear>,
    profile: &Profile,
) -> Vec<Diagnostic> {
    check_with_figures(file, &Figures::of(&file.data), previous, profile)
}

/// As [`check_disclosure_with`], with the disclosure's figures already computed (`f` must
/// be `Figures::of(&file.data)`): the build computes them once for checking, deriving and
/// next year's comparison.
pub fn check_with_figures(
    file: &Loaded<Disclosure>,
    f: &Figures,
    previous: Option<&LastYear>,
    profile: &Profile,
) -> Vec<Diagnostic> {
    let ctx = Ctx {
        file,
        d: &file.data,
        f: std::borrow::Cow::Borrowed(f),
        previous,
        profile,
        names: Default::default(),
        printed: Default::default(),
    };
    let mut out = Vec::new();
    for rule in rules() {
        (rule.run)(&ctx, &mut out);
    }
    out.sort_by(|a, b| (a.line, a.rule).cmp(&(b.line, b.rule)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn tolerance_is_half_a_cent_per_rounded_figure() {
        assert_eq!(tolerance(0), m("0"));
        assert_eq!(tolerance(1), m("0.005"));
        assert_eq!(tolerance(9), m("0.045"));
    }

    #[test]
    fn rule_ids_are_unique_and_described() {
        let mut seen = std::collections::HashSet::new();
        for r in rules() {
            assert!(seen.insert(r.id), "rule id {} is used twice", r.id);
            assert!(!r.description.is_empty(), "{} has no description", r.id);
            assert!(!r.description.contains('\n'), "{}: one line, please", r.id);
        }
        assert!(seen.len() >= 30);
    }

    #[test]
    fn signed_differences() {
        assert_eq!(signed(m("0.01")), "+0.01");
        assert_eq!(signed(Money::ZERO - m("0.06")), "-0.06");
        assert_eq!(signed(Money::ZERO), "0.00");
    }
}
