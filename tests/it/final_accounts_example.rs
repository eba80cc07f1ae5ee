//! The 决算 of the 普陀 example site, loaded once per test.

use gongkai::content::load::Loaded;
use gongkai::final_accounts::{self, model::FinalAccounts};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/putuo")
}

pub fn loaded() -> Loaded<FinalAccounts> {
    let files = final_accounts::files(&root());
    assert_eq!(files.len(), 1, "one 决算 in the example: {files:?}");
    final_accounts::load(&root(), &files[0]).unwrap_or_else(|p| panic!("{p:?}"))
}
