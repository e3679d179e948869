//! The feeds a page links with `<link rel="alternate">`, and their titles (which the feeds
//! themselves carry too).

use crate::config::FeedFormat;
use crate::plan::{FeedScope, feed_path};
use crate::site::Site;

use super::PageData;

/// The feed's title: the site's (in the feed's language), followed by the section, tag or
/// person it follows.
pub fn title(site: &Site, scope: FeedScope) -> String {
    let (language, name) = match scope {
        FeedScope::Site(l) => return site.languages[l].title.clone(),
        FeedScope::Section(i) => (site.sections[i].language, &site.sections[i].title),
        FeedScope::Tag(i) => (site.tags[i].language, &site.tags[i].name),
        FeedScope::Person(i) => (site.people[i].language, &site.people[i].name),
    };
    format!("{} – {name}", site.languages[language].title)
}

/// What a page links with `<link rel="alternate">`: the feeds of the site, and those of the
/// section, tag or person the page is about.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
    /// The MIME type: `application/atom+xml`, `application/rss+xml`, `application/feed+json`.
    #[serde(rename = "type")]
    pub mime: &'static str,
    pub format: &'static str,
}

/// The links to the feeds of `scopes`, in every format configured for each.
pub fn links(data: &PageData, scopes: &[FeedScope]) -> Vec<FeedLink> {
    let site = &*data.site;
    let mut out = Vec::new();
    for &scope in scopes {
        let name = title(site, scope);
        for &format in &scope.settings(site).formats {
            let (mime, label) = match format {
                FeedFormat::Atom => ("application/atom+xml", "Atom"),
                FeedFormat::Rss => ("application/rss+xml", "RSS"),
                FeedFormat::Json => ("application/feed+json", "JSON Feed"),
            };
            out.push(FeedLink {
                title: format!("{name} ({label})"),
                url: data.urls.href(&feed_path(site, scope, format)),
                mime,
                format: crate::plan::feed_file(format),
            });
        }
    }
    out
}
