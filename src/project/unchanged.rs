//! `gazette build` with nothing to do: the record a cached build leaves for the next one
//! ([`cache::unchanged`]), and the report that build gives back without reading a notice.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Report;
use crate::cache::unchanged::{Record, Stamps, Unchanged};
use crate::site::Site;

/// What a build reported that the next build, finding nothing changed, reports again.
#[derive(Serialize, Deserialize)]
pub struct Reported {
    notices: usize,
    drafts_skipped: usize,
    held: Vec<(PathBuf, String)>,
    pages: usize,
    static_files: usize,
    tags: usize,
    people: usize,
}

impl Reported {
    fn of(r: &Report) -> Reported {
        Reported {
            notices: r.notices,
            drafts_skipped: r.drafts_skipped,
            held: r.held.clone(),
            pages: r.pages,
            static_files: r.static_files,
            tags: r.tags,
            people: r.people,
        }
    }

    /// The report of a build that found this, after `elapsed`, into `output`.
    pub fn report(self, output: PathBuf, elapsed: Duration) -> Report {
        Report {
            notices: self.notices,
            drafts_skipped: self.drafts_skipped,
            held: self.held,
            pages: self.pages,
            rendered: 0,
            written: 0,
            removed: 0,
            static_files: self.static_files,
            tags: self.tags,
            people: self.people,
            css_only: false,
            full: false,
            elapsed,
            timings: vec![("check unchanged", elapsed)],
            work: Vec::new(),
            output,
        }
    }
}

/// The record for builds of the site at `root` into `output` with `settings`.
pub fn record(root: &Path, output: &Path, settings: u64) -> Unchanged {
    Unchanged::new(root, output, settings)
}

/// Saves what the next build needs to find that nothing changed: the inputs as stamped
/// before this build read them, the files it left in `output`, and the time until which
/// its output stays right.
pub fn save(unchanged: &Unchanged, inputs: Stamps, output: &Path, files: &[String], site: &Site, report: &Report) {
    let manifest = crate::output::manifest::FILE_NAME;
    let outputs = Stamps::outputs(output, files.iter().map(String::as_str).chain([manifest]));
    let valid_until = valid_until(site).map(|t| t.as_second());
    unchanged.save(&Record { inputs, outputs, valid_until, report: Reported::of(report) });
}

/// The first time after the build's `now` at which its output would change by itself: an
/// embargo lifting, a notice expiring or being withdrawn, a notice dated later reaching its
/// date, or one leaving the news sitemap.
fn valid_until(site: &Site) -> Option<Timestamp> {
    let news = crate::sitemaps::NEWS_WINDOW;
    let dates = site.entries.iter().flat_map(|e| [e.notice.date, e.notice.date + news]);
    dates.chain(site.next_change).filter(|&t| t > site.now).min()
}
