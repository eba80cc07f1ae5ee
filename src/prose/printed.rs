//! Which figures a department's narrative prints: the names its sections refer to (the
//! department's own text or the profile's default), and under which conditions.
//!
//! Checks of last year's figures and of the reasons of changes ask this, so that they demand
//! only what the narrative in use prints: the 9-table text of 普陀 never prints 收入总计's
//! change, the 13-table text of 济源 never prints 财政拨款收入's.

use super::parse::{Node, parse};
use super::{DefaultText, section_text};
use crate::content::model::Disclosure;
use crate::content::money::Money;
use crate::content::profile::Profile;
use crate::derive::figures::Figures;
use crate::derive::previous::{Compared, compared, printed_fields};
use std::collections::BTreeMap;

/// Every name the narrative refers to, with the conditions (`{如果 名称 …}`) around each
/// place it is printed.
#[derive(Debug, Clone, Default)]
pub struct Printed {
    places: BTreeMap<String, Vec<Vec<String>>>,
}

impl Printed {
    /// The names of the sections `d` publishes in `profile`. A section that does not parse
    /// refers to nothing here (`check` reports it as such).
    pub fn of(d: &Disclosure, profile: &Profile) -> Printed {
        let defaults = DefaultText::of(profile);
        let mut out = Printed::default();
        for s in &defaults.sections {
            let Some((text, _)) = section_text(d, &defaults, &s.id) else {
                continue;
            };
            if let Ok(nodes) = parse(text, s.line) {
                out.walk(&nodes, &mut Vec::new());
            }
        }
        out
    }

    fn walk(&mut self, nodes: &[Node], guards: &mut Vec<String>) {
        for n in nodes {
            match n {
                Node::Text(_) => {}
                Node::Ref(r) => self.seen(&r.name, guards),
                Node::If {
                    name,
                    then,
                    otherwise,
                    ..
                } => {
                    self.seen(&name.name, guards);
                    guards.push(name.name.clone());
                    self.walk(then, guards);
                    self.walk(otherwise, guards);
                    guards.pop();
                }
                Node::Each { list, body, .. } => {
                    self.seen(&list.name, guards);
                    self.walk(body, guards);
                }
            }
        }
    }

    fn seen(&mut self, name: &str, guards: &[String]) {
        self.places
            .entry(name.to_owned())
            .or_default()
            .push(guards.to_vec());
    }

    /// Whether the narrative prints last year's figure of `c` or its change.
    pub fn compares(&self, c: &Compared) -> bool {
        ["上年", "较上年", "上年口径"]
            .iter()
            .any(|s| self.mentions(&format!("{}{s}", c.name)))
    }

    /// Whether the narrative refers to `name` anywhere.
    pub fn mentions(&self, name: &str) -> bool {
        self.places.contains_key(name)
    }

    /// Whether `name` is printed somewhere that does not depend on `condition` (the reason
    /// of a change printed also when the figure did not change).
    pub fn regardless_of(&self, name: &str, condition: &str) -> bool {
        self.places
            .get(name)
            .is_some_and(|ps| ps.iter().any(|g| !g.iter().any(|c| c == condition)))
    }
}

/// Fills in the last-year figures `d` leaves out and its narrative prints, from last year's
/// (`last`, as `derive::previous::handed_on` gave them). A build, `check`, `freeze` and
/// `gongkai figures` all call this, so they agree on every page.
pub fn fill(d: &mut Disclosure, profile: &Profile, last: &[Money]) {
    let printed = Printed::of(d, profile);
    let all = compared(d, &Figures::of(d));
    let fields = printed_fields(&all, |c| printed.compares(c));
    crate::derive::previous::fill(d, last, &fields);
}
