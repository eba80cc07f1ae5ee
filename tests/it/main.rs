//! All integration tests, in one binary: one link of the crate instead of one per file,
//! and one build of the example site shared by every test (see `common`).

#[path = "../../examples/gen_content/synth.rs"]
#[allow(dead_code)]
mod synth;

mod bad_input;
mod browser;
mod build_cache;
mod carryover;
mod charts;
mod check;
mod check_mutations;
mod common;
mod comparisons;
mod e2e;
mod fact_changes;
mod facts;
mod faults;
mod final_accounts;
mod final_accounts_example;
mod final_accounts_freeze;
mod final_accounts_narrative;
mod final_accounts_site;
mod hostile;
mod hostile_more;
mod hostile_yaml;
mod incremental;
mod init;
mod layers;
mod messages;
mod messages_walk;
mod new;
mod opendata;
mod profile_text;
mod profiles;
mod properties;
mod prose;
mod prose_projects;
mod putuo_data;
mod putuo_expected;
mod sample_tables;
mod serve;
mod serve_limits;
mod site;
mod synthetic_site;
mod table_markup;
mod unit_budget_data;
mod unit_budget_sample;
mod unit_budget_site;
mod unit_budget_units;
mod xlsx;
