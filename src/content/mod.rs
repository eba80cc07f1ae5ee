//! Reading a site's content: YAML files with their lines, into the model, with every
//! limit and shape checked on the way in. Nothing here knows about pages.

pub mod codes;
pub mod date;
pub mod default_text;
pub mod files;
pub mod kind;
pub mod layout;
pub mod limits;
pub mod load;
pub mod model;
pub mod money;
pub mod numbering;
pub mod parse;
pub mod problem;
pub mod profile;
pub mod prose_parse;
pub mod shape;
pub mod source_map;
pub mod spelling;
pub mod unit;
pub mod validate;
pub mod yaml;
