//! gongkai (公开): checks department budget disclosures and renders them as a static site.
//!
//! The flow is one way: `load` (YAML → model) → `derive` (figures, tables, narrative)
//! → `render` (Tera) → `site` (write atomically).

// A `Problem` carries file, line, field and hint; it is built only on the error path, so
// its size does not matter and boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod archive;
pub mod charts;
pub mod check;
pub mod codes;
pub mod commands;
pub mod content_files;
pub mod date;
pub mod derive;
pub mod final_accounts;
pub mod freeze;
pub mod init;
pub mod kind;
pub mod limits;
pub mod load;
pub mod lock;
pub mod manifest;
pub mod markdown;
pub mod messages;
mod messages_en;
pub mod model;
pub mod money;
pub mod numbering;
pub mod opendata;
pub mod problem;
pub mod profile;
pub mod prose;
pub mod render;
pub mod serve;
pub mod site;
pub mod skeleton;
pub mod source_map;
pub mod spelling;
pub mod table;
pub mod validate;
pub mod xml;
pub mod yaml;
