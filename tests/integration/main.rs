//! Integration tests: each builds a tiny site with the real `gazette` command (in-process
//! through `gazette::run`, or the binary where exit status and stderr matter) and checks
//! the files it wrote.

mod harness;

mod aliases;
mod build_pages;
mod cache;
mod cli;
mod cli_extras;
mod commands;
mod content_rules;
mod editorial;
mod errors;
mod feeds;
mod incremental;
mod interrupted;
mod languages;
mod links;
mod output_safety;
mod outside_files;
mod permalinks;
mod photos;
mod preview;
mod raw_html;
mod search;
mod shortcodes;
mod sitemaps;
mod structured_data;
mod themes;
