//! Every page of the plan, whatever makes it: the one dispatcher over [`PageKind`] for the
//! writer. Templates and redirects are render's; feeds are `feeds`'; sitemaps and
//! robots.txt are `sitemaps`'. Each of those reads the build's [`PageData`], and none calls
//! another.

use std::hash::Hasher;

use crate::Diagnostic;
use crate::plan::{PageJob, PageKind};
use crate::render::{Engine, PageData};

/// The bytes of `job`'s page or file, as text.
pub fn render(engine: &Engine, data: &PageData, job: &PageJob) -> Result<String, Diagnostic> {
    Ok(match job.kind {
        PageKind::Feed { scope, format } => crate::feeds::write(data, scope, format),
        PageKind::Sitemap { part, of } => crate::sitemaps::sitemap(data, part, of),
        PageKind::SitemapIndex { parts } => crate::sitemaps::sitemap_index(data, parts),
        PageKind::NewsSitemap => crate::sitemaps::news_sitemap(data),
        PageKind::Robots => crate::sitemaps::robots(data),
        _ => return engine.render(data, job),
    })
}

/// A hash of everything `job` shows: equal fingerprints, equal pages (for one set of
/// templates and one site, which `global` stands for).
pub fn fingerprint(data: &PageData, job: &PageJob, global: u64) -> u64 {
    match job.kind {
        PageKind::Feed { scope, format } => {
            let mut h = data.fingerprinter(job, global);
            crate::feeds::fingerprint(data, scope, format, &mut h);
            h.finish()
        }
        PageKind::Sitemap { .. } | PageKind::SitemapIndex { .. } | PageKind::NewsSitemap | PageKind::Robots => {
            let mut h = data.fingerprinter(job, global);
            crate::sitemaps::fingerprint(data, job.kind, &mut h);
            h.finish()
        }
        _ => data.fingerprint(job, global),
    }
}
