//! The pipeline from what was read to what to write: content → site → plan, with the
//! checks a build makes of the whole (clashing aliases, refused markup, static files) and
//! the photos measured and resized; and the hash of what every page depends on.

use std::hash::{Hash, Hasher};

use super::setup::Setup;
use super::{Laps, Options, photos};
use crate::content::Sources;
use crate::plan::{self, PageJob};
use crate::site::Site;
use crate::{Diagnostic, Error};

/// Why the model is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Goal {
    /// To write the site: markup the build refuses stops it, and photos are resized.
    Write,
    /// For `gazette check`, which writes nothing, not even to the cache: what the build
    /// refuses is among its findings instead, and photos are measured, none resized.
    Check,
}

/// The model and the plan, or every problem in the sources.
pub(super) fn model(
    opts: &Options,
    setup: &Setup,
    sources: &Sources,
    laps: &mut Laps,
    goal: Goal,
) -> Result<(Site, Vec<PageJob>, crate::images::PhotoSet), Error> {
    let content = sources.content()?;
    laps.lap("content");
    let now = match &opts.now {
        Some(text) => crate::content::date::parse(text, &setup.config.timezone).map_err(|e| Error::Usage(e.message))?,
        None => jiff::Timestamp::now(),
    };
    let site = Site::build(setup.config.clone(), &content, opts.drafts, now)?;
    laps.lap("site");
    let mut jobs = plan::plan(&site);
    if setup.theme.statics.contains_key("robots.txt") {
        // The site's own robots.txt replaces the one Gazette writes.
        jobs.retain(|j| j.kind != plan::PageKind::Robots);
    }
    laps.lap("plan");
    // Two pages or files for one path are found with every file to write, in `checks::files`.
    let in_search_folder = plan::aliases_in_search_folder(&site, &jobs);
    if !in_search_folder.is_empty() {
        return Err(Error::Site(in_search_folder));
    }
    if goal == Goal::Write {
        let missing: Vec<Diagnostic> =
            site.entries.iter().flat_map(|e| crate::content::refusals::refused_by_build(&e.notice)).collect();
        if !missing.is_empty() {
            return Err(Error::Site(missing));
        }
    }
    let photos = match goal {
        Goal::Write => photos::process(&opts.root, &site, &setup.photos)?,
        Goal::Check => photos::process(&opts.root, &site, &crate::images::Photos::sizes_only(&setup.config.images))?,
    };
    laps.lap("photos");
    Ok((site, jobs, photos))
}

/// What every page depends on besides its own data: the templates, and the `site` variable
/// whose hash the engine gave when it was set (`Engine::set_site`).
pub(super) fn global_hash(site_hash: u64, theme: &crate::theme::Theme) -> u64 {
    let mut h = crate::hash::hasher();
    site_hash.hash(&mut h);
    for (name, t) in &theme.templates {
        (name, &t.text).hash(&mut h);
    }
    h.finish()
}
