//! Sitemaps for search engines: `/sitemap.xml` with every public page (an index of numbered
//! sitemaps above 50,000), `/news-sitemap.xml` in Google's News format, and `/robots.txt`
//! pointing at both.

use std::hash::{Hash, Hasher};

use jiff::{SignedDuration, Timestamp};

use crate::plan::{self, PageJob, PageKind, page_slice};
use crate::render::PageData;
use crate::render::views::{PageTranslation, rfc3339};
use crate::site::Site;
use crate::xml::Writer;

/// How far back the news sitemap reaches, and how many notices it may list (Google's rules).
pub const NEWS_WINDOW: SignedDuration = SignedDuration::from_hours(48);
const NEWS_LIMIT: usize = 1000;

/// The public pages sitemap part `part` of `of` lists (all of them for part 0 of 0).
fn pages_of(data: &PageData, part: usize, of: usize) -> Vec<&PageJob> {
    let public: Vec<&PageJob> = data.jobs().iter().filter(|j| j.kind.in_sitemap(&data.site)).collect();
    if of == 0 {
        return public;
    }
    let per = public.len().div_ceil(of);
    public.into_iter().skip((part - 1) * per).take(per).collect()
}

/// When the page of `kind` last changed: for a notice its `updated` time or date, for a
/// listing the latest of the notices it shows; `None` for pages without dates.
fn lastmod(site: &Site, kind: PageKind) -> Option<Timestamp> {
    let per = site.config.paginate;
    let latest = |entries: &[usize]| entries.iter().map(|&i| site.entries[i].notice.last_change()).max();
    let all = |l: usize| site.languages[l].listed.as_slice();
    match kind {
        PageKind::Notice(i) => latest(&[i]),
        PageKind::Home { language, page } => latest(page_slice(all(language), page, per)),
        PageKind::Section { section, page } => latest(page_slice(&site.sections[section].entries, page, per)),
        PageKind::Tag { tag, page } => latest(page_slice(&site.tags[tag].entries, page, per)),
        PageKind::Person(p) => latest(&site.people[p].notices),
        PageKind::PersonNotices { person, role, page } => {
            let p = &site.people[person];
            let entries = if role == plan::Role::Written { &p.authored } else { &p.edited };
            latest(page_slice(entries, page, per))
        }
        PageKind::ArchiveYear(y) => {
            latest(&site.years[y].months.iter().flat_map(|m| m.entries.iter().copied()).collect::<Vec<_>>())
        }
        // The indexes change with any notice.
        PageKind::TagIndex(l) | PageKind::PeopleIndex(l) | PageKind::ArchiveIndex(l) => latest(all(l)),
        _ => None,
    }
}

/// The language of the page of `kind`: a notice's own, else its part of the site's.
fn own_language(site: &Site, kind: PageKind) -> &str {
    match kind {
        PageKind::Notice(i) => &site.entries[i].notice.lang,
        _ => &site.languages[kind.language(site)].code,
    }
}

fn time(site: &Site, t: Timestamp) -> String {
    rfc3339(&t.to_zoned_datetime(site.config.timezone.clone()))
}

/// Sitemap part `part` of `of`.
pub fn sitemap(data: &PageData, part: usize, of: usize) -> String {
    let site = &*data.site;
    let pages: Vec<(&PageJob, Vec<PageTranslation>)> =
        pages_of(data, part, of).into_iter().map(|job| (job, data.translations(job.kind))).collect();
    let mut w = Writer::new();
    const XHTML: (&str, &str) = ("xmlns:xhtml", "http://www.w3.org/1999/xhtml");
    let translated = pages.iter().any(|(_, t)| !t.is_empty());
    let namespaces = [("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"), XHTML];
    w.open("urlset", &namespaces[..if translated { 2 } else { 1 }]);
    for (job, translations) in &pages {
        w.open("url", &[]);
        let permalink = data.urls.permalink(&job.path);
        w.text("loc", &[], &permalink);
        if let Some(t) = lastmod(site, job.kind) {
            w.text("lastmod", &[], &time(site, t));
        }
        // The page in each of its languages, itself included, as Google asks.
        if !translations.is_empty() {
            let own = own_language(site, job.kind);
            let link = |w: &mut Writer, lang: &str, href: &str| {
                w.empty("xhtml:link", &[("rel", "alternate"), ("hreflang", lang), ("href", href)])
            };
            link(&mut w, own, &permalink);
            for t in translations {
                link(&mut w, &t.lang, &t.permalink);
            }
        }
        w.close("url");
    }
    w.close("urlset");
    w.finish()
}

/// The index of sitemaps 1 to `parts`.
pub fn sitemap_index(data: &PageData, parts: usize) -> String {
    let site = &*data.site;
    let mut w = Writer::new();
    w.open("sitemapindex", &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")]);
    for part in 1..=parts {
        w.open("sitemap", &[]);
        w.text("loc", &[], &data.urls.permalink(&plan::sitemap_path(part)));
        if let Some(t) = pages_of(data, part, parts).iter().filter_map(|j| lastmod(site, j.kind)).max() {
            w.text("lastmod", &[], &time(site, t));
        }
        w.close("sitemap");
    }
    w.close("sitemapindex");
    w.finish()
}

/// The notices published in the two days before the site's `now`, newest first.
fn recent(site: &Site) -> Vec<usize> {
    let since = site.now - NEWS_WINDOW;
    site.listed
        .iter()
        .copied()
        .filter(|&i| {
            let date = site.entries[i].notice.date;
            date >= since && date <= site.now
        })
        .take(NEWS_LIMIT)
        .collect()
}

/// The language code Google News wants: ISO 639, but `zh-cn` and `zh-tw` for Chinese scripts.
fn news_language(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let primary = parts.next().unwrap_or("en").to_owned();
    if primary != "zh" {
        return primary;
    }
    let rest: Vec<&str> = parts.collect();
    if rest.iter().any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo")) { "zh-tw".into() } else { "zh-cn".into() }
}

/// `/news-sitemap.xml`.
pub fn news_sitemap(data: &PageData) -> String {
    let site = &*data.site;
    let mut w = Writer::new();
    w.open(
        "urlset",
        &[
            ("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"),
            ("xmlns:news", "http://www.google.com/schemas/sitemap-news/0.9"),
        ],
    );
    for i in recent(site) {
        let e = &site.entries[i];
        w.open("url", &[]);
        w.text("loc", &[], &data.refs[i].permalink);
        w.open("news:news", &[]);
        w.open("news:publication", &[]);
        w.text("news:name", &[], &site.config.publisher);
        w.text("news:language", &[], &news_language(&e.notice.lang));
        w.close("news:publication");
        w.text("news:publication_date", &[], &time(site, e.notice.date));
        w.text("news:title", &[], &e.notice.title);
        w.close("news:news");
        w.close("url");
    }
    w.close("urlset");
    w.finish()
}

/// `/robots.txt`: everything may be crawled; the sitemaps are named.
pub fn robots(data: &PageData) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\nSitemap: {}\n",
        data.urls.permalink(&plan::sitemap_path(0)),
        data.urls.permalink("/news-sitemap.xml")
    )
}

/// Hashes into `h` everything the file of `kind` shows besides the site's settings.
pub fn fingerprint(data: &PageData, kind: PageKind, h: &mut impl Hasher) {
    let site = &*data.site;
    match kind {
        PageKind::Sitemap { part, of } => {
            for job in pages_of(data, part, of) {
                (&job.path, lastmod(site, job.kind)).hash(h);
                for t in data.translations(job.kind) {
                    (&t.lang, &t.permalink).hash(h);
                }
            }
        }
        // The index shows what its parts together show: every public page.
        PageKind::SitemapIndex { parts } => {
            parts.hash(h);
            for job in pages_of(data, 0, 0) {
                (&job.path, lastmod(site, job.kind)).hash(h);
            }
        }
        PageKind::NewsSitemap => {
            for i in recent(site) {
                (data.ref_hash_of(i), &site.entries[i].notice.lang).hash(h);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_languages() {
        for (tag, want) in [
            ("en", "en"),
            ("en-GB", "en"),
            ("zh", "zh-cn"),
            ("zh-CN", "zh-cn"),
            ("zh-Hans", "zh-cn"),
            ("zh-Hant", "zh-tw"),
            ("zh-TW", "zh-tw"),
            ("fr", "fr"),
        ] {
            assert_eq!(news_language(tag), want, "{tag}");
        }
    }
}
