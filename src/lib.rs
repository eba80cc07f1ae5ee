//! gongkai (公开): checks department budget disclosures and renders them as a static site.
//!
//! The folders are the pipeline, one way: `content` (YAML → model) → `derive` (figures,
//! tables, narrative) → `check` (findings) → `render` (Tera, tables, charts) → `output`
//! (write the site atomically, downloads, manifests); `cmd` and `serve` drive it. See
//! docs/design.md.

// A `Problem` carries file, line, field and hint; it is built only on the error path, so
// its size does not matter and boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod cmd;
pub mod content;
pub mod derive;
pub mod final_accounts;
pub mod messages;
mod messages_en;
pub mod opendata;
pub mod output;
pub mod prose;
pub mod render;
pub mod serve;
pub mod unit_budget;
