//! Reading back a `&'static str` that was written out, for the few labels (a rule's id, a
//! search entry's kind, a unit's name) that the code names as constants and the build cache
//! stores. Each distinct text is leaked once and shared after, so memory is bounded by the
//! number of distinct labels (a few dozen), not by the number of times one is read.

use serde::{Deserialize, Deserializer};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// A `&'static str` field that the cache reads back. serde takes a field written as a
/// reference for borrowed from its input (and would require the input to live forever);
/// through this name it is deserialized by [`static_str`] instead.
pub type Label = &'static str;

static SEEN: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// The one `'static` copy of `s`.
pub fn intern(s: &str) -> &'static str {
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = seen.get(s) {
        return found;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    seen.insert(leaked);
    leaked
}

/// `#[serde(deserialize_with = "…")]` for a `&'static str` field.
pub fn static_str<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = String::deserialize(d)?;
    Ok(intern(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_copy_per_text() {
        let a = intern(&String::from("部门"));
        let b = intern(&String::from("部门"));
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "部门");
    }
}
