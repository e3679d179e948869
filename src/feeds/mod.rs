//! Feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the site and for each section, tag and
//! person. Written by Gazette itself from the model (not by templates), so every feed is
//! well formed whatever a title holds. An entry's id is its permalink, never a hash of its
//! content, so a corrected notice updates the entry readers already have.

mod atom;
mod json;
mod rss;

use std::hash::{Hash, Hasher};

use jiff::Timestamp;

use crate::config::FeedFormat;
use crate::plan::{FeedScope, feed_path};
use crate::render::PageData;
use crate::render::views::rfc3339;
use crate::site::Site;

/// A feed, whatever its format.
struct Feed<'a> {
    data: &'a PageData,
    title: String,
    description: String,
    /// Permalinks of the page the feed follows and of the feed itself.
    home: String,
    self_url: String,
    lang: &'a str,
    /// The latest time any entry was published or updated, compared as times.
    updated: Option<Timestamp>,
    /// Indexes into the site's entries, newest first, at most the scope's limit.
    entries: Vec<usize>,
    full: bool,
}

/// One entry, as every format needs it.
struct Item<'a> {
    title: &'a str,
    permalink: &'a str,
    published: Timestamp,
    updated: Timestamp,
    /// Byline names and their pages' permalinks.
    authors: Vec<(&'a str, String)>,
    tags: Vec<&'a str>,
    summary: &'a str,
    /// The notice's HTML, when the feed carries full content.
    content: Option<&'a str>,
    lang: &'a str,
}

impl<'a> Feed<'a> {
    fn new(data: &'a PageData, scope: FeedScope, format: FeedFormat) -> Feed<'a> {
        let site = &*data.site;
        let page = match scope {
            FeedScope::Site(l) => site.languages[l].path("/"),
            FeedScope::Section(i) => site.section_path(i),
            FeedScope::Tag(i) => site.tag_path(i),
            FeedScope::Person(i) => site.person_path(i),
        };
        let language = &site.languages[crate::plan::PageKind::Feed { scope, format }.language(site)];
        let entries = entries(site, scope);
        let title = crate::render::feed_links::title(site, scope);
        let description = match scope {
            FeedScope::Section(i) => site.sections[i].description.clone(),
            _ => None,
        }
        .unwrap_or_else(|| if language.description.is_empty() { title.clone() } else { language.description.clone() });
        let updated = entries.iter().map(|&i| site.entries[i].notice.last_change()).max();
        Feed {
            data,
            title,
            description,
            home: data.urls.permalink(&page),
            self_url: data.urls.permalink(&feed_path(site, scope, format)),
            lang: &language.code,
            updated,
            entries,
            full: scope.settings(site).full(),
        }
    }

    fn items(&self) -> impl Iterator<Item = Item<'_>> {
        let site = &*self.data.site;
        self.entries.iter().map(move |&i| {
            let e = &site.entries[i];
            let n = &e.notice;
            let r = &self.data.refs[i];
            Item {
                title: &n.title,
                permalink: &r.permalink,
                published: n.date,
                updated: n.updated.unwrap_or(n.date),
                authors: e
                    .byline
                    .iter()
                    .map(|&p| (site.people[p].name.as_str(), self.data.urls.permalink(&site.person_path(p))))
                    .collect(),
                tags: e.tags.iter().map(|&t| site.tags[t].name.as_str()).collect(),
                summary: &n.summary,
                content: self.full.then_some(self.data.body_html(i)),
                lang: &n.lang,
            }
        })
    }

    /// A time as RFC 3339 in the site's time zone.
    fn time(&self, t: Timestamp) -> String {
        rfc3339(&t.to_zoned_datetime(self.data.site.config.timezone.clone()))
    }

    /// The feed's `updated`: its latest entry's time; the Unix epoch for a feed with no entries
    /// yet, which keeps two builds of the same site identical.
    fn updated(&self) -> Timestamp {
        self.updated.unwrap_or(Timestamp::UNIX_EPOCH)
    }
}

/// The notices the feed of `scope` lists: its newest, at most its kind's `limit`.
pub fn entries(site: &Site, scope: FeedScope) -> Vec<usize> {
    let limit = scope.settings(site).limit;
    let all: &[usize] = match scope {
        FeedScope::Site(l) => &site.languages[l].listed,
        FeedScope::Section(i) => &site.sections[i].entries,
        FeedScope::Tag(i) => &site.tags[i].entries,
        FeedScope::Person(i) => &site.people[i].notices,
    };
    all[..all.len().min(limit)].to_vec()
}

/// The feed of `scope` in `format`.
pub fn write(data: &PageData, scope: FeedScope, format: FeedFormat) -> String {
    let feed = Feed::new(data, scope, format);
    match format {
        FeedFormat::Atom => atom::write(&feed),
        FeedFormat::Rss => rss::write(&feed),
        FeedFormat::Json => json::write(&feed),
    }
}

/// Hashes into `h` everything the feed of `scope` shows besides the site's settings.
pub fn fingerprint(data: &PageData, scope: FeedScope, format: FeedFormat, h: &mut impl Hasher) {
    let feed = Feed::new(data, scope, format);
    (&feed.title, &feed.description, &feed.home, &feed.self_url).hash(h);
    for &i in &feed.entries {
        // A feed of summaries shows no more of a notice than a listing does.
        if feed.full { data.notice_hash_of(i) } else { data.ref_hash_of(i) }.hash(h);
    }
}
