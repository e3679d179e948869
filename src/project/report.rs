//! What a build did ([`Report`]), and the stopwatch of its phases.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::site::Site;

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub notices: usize,
    pub drafts_skipped: usize,
    /// Embargoed notices left out, soonest first: the file and when it goes live, in the
    /// site's time zone.
    pub held: Vec<(PathBuf, String)>,
    pub pages: usize,
    /// Pages rendered (all of them in a full build).
    pub rendered: usize,
    /// Files written or removed in the output folder.
    pub written: usize,
    pub removed: usize,
    pub static_files: usize,
    /// Tags and people that have a page.
    pub tags: usize,
    pub people: usize,
    /// Only stylesheets changed: a browser can swap them without reloading the page.
    pub css_only: bool,
    pub full: bool,
    pub elapsed: Duration,
    /// How long each phase took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Time spent in each kind of work, summed over the threads that shared it (a full
    /// build only): Markdown, templates, writing files.
    pub work: Vec<(&'static str, Duration)>,
    pub output: PathBuf,
}

/// Times the phases of a build.
pub(super) struct Laps {
    pub(super) started: Instant,
    last: Instant,
    pub(super) laps: Vec<(&'static str, Duration)>,
}

impl Laps {
    pub(super) fn start() -> Laps {
        let now = Instant::now();
        Laps { started: now, last: now, laps: Vec::new() }
    }

    pub(super) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
}

/// The embargoed notices left out, with when each goes live in the site's time zone.
pub(super) fn held(site: &Site) -> Vec<(PathBuf, String)> {
    let tz = &site.config.timezone;
    site.held
        .iter()
        .map(|h| {
            (h.shown.clone(), h.publish_at.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M %:z").to_string())
        })
        .collect()
}
