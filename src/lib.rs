//! Gazette: a static site generator for official announcements.
//!
//! Press staff write notices in Markdown under `content/`; `gazette build` renders them
//! through Tera themes into a static bureau news site. The build flows one way:
//! [`config`] and [`content`] load the sources, [`site`] models them, [`plan`] lists every
//! page to write, [`render`] fills the templates and [`output`] writes into a fresh folder
//! that is swapped in at the end, so a failed build never touches the previous output.
//!
//! Each module imports only modules below it, in this order (checked by
//! `python3 ../shared/tools/module-cycles.py src`, which finds no cycle): the leaves
//! ([`text`], [`hash`], [`fs`], [`xml`], [`i18n`], [`diagnostic`]), then [`config`],
//! [`slug`], [`markdown`], [`content`], [`site`], [`plan`]; then what makes the files:
//! [`images`], [`render`], and [`feeds`], [`sitemaps`] and [`search`], which read render's
//! page data; then [`project`], the writer that dispatches every kind of page; then the
//! commands ([`cmd`], [`watch`], [`serve`], [`check`]).

pub mod cache;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod feeds;
pub mod fs;
pub mod hash;
pub mod i18n;
pub mod images;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod project;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemaps;
pub mod slug;
pub mod svg;
pub mod text;
pub mod theme;
pub mod watch;
pub mod xml;

pub use diagnostic::{Diagnostic, Error, report, report_problem};

use std::ffi::OsString;

/// Runs the `gazette` command line with `args` (the first one is the program name).
///
/// Prints progress to stdout; the caller prints the error, once, with [`report`].
pub fn run<I, T>(args: I) -> Result<(), Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::parse_args(args)? {
        Some(cli) => cli,
        // --help or --version was printed.
        None => return Ok(()),
    };
    cmd::dispatch(cli)
}
