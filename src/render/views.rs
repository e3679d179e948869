//! What templates see: serializable views of the site model. Listings use light
//! [`NoticeRef`]s; only a notice's own page carries its body. See `docs/templates.md`.

use std::sync::Arc;

use serde::Serialize;

use crate::i18n::Lang;
use crate::markdown::TocEntry;
use crate::site::{Entry, Site};
use crate::slug::encode_path_into;

/// Builds URLs: site paths become percent-encoded hrefs under the base path, and permalinks.
#[derive(Clone)]
pub struct Urls {
    origin: String,
    base_path: String,
}

impl Urls {
    pub fn new(config: &crate::config::Config) -> Self {
        Urls { origin: config.origin.clone(), base_path: config.base_path.clone() }
    }

    /// `/meetings/李阳/` → `/news/meetings/%E6%9D%8E%E9%98%B3/` under base path `/news/`.
    pub fn href(&self, path: &str) -> String {
        address(["", &self.base_path], path)
    }

    pub fn permalink(&self, path: &str) -> String {
        address([&self.origin, &self.base_path], path)
    }

    /// An href made by [`Urls::href`] as a full URL.
    pub fn absolute(&self, href: &str) -> String {
        format!("{}{href}", self.origin)
    }
}

/// `start` followed by `path` (its leading slashes left out), percent-encoded: one
/// allocation, for the tens of thousands of addresses a large site's pages show.
fn address(start: [&str; 2], path: &str) -> String {
    let path = path.trim_start_matches('/');
    let mut out = String::with_capacity(start[0].len() + start[1].len() + path.len() + path.len() / 4);
    start.iter().for_each(|s| out.push_str(s));
    encode_path_into(path, &mut out);
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    pub title: String,
    pub slug: String,
    pub url: String,
    pub description: Option<String>,
}

/// A notice as listings show it.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeRef {
    pub title: String,
    pub url: String,
    pub permalink: String,
    /// RFC 3339 in the site's time zone, e.g. `2021-01-25T00:00:00+08:00`.
    pub date: String,
    /// `25 January 2021` / `2021年1月25日`, in the site's language.
    pub date_display: String,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub location: Option<String>,
    /// `Urumqi, 25 January 2021` / `乌鲁木齐，2021年1月25日`: place and date, written in the
    /// notice's language when Gazette knows it (else the site's).
    pub dateline: String,
    /// The language `dateline` is written in.
    pub dateline_lang: String,
    pub summary: String,
    /// Shared with every other notice that links to the same person, tag or section (see
    /// [`SharedLinks`]): a large site holds one copy of each, not one per notice.
    pub byline: Vec<Arc<Link>>,
    pub editors: Vec<Arc<Link>>,
    pub tags: Vec<Arc<Link>>,
    pub section: Arc<SectionLink>,
    pub reference: Option<String>,
    pub lang: String,
    pub original_title: Option<String>,
    pub original_lang: Option<String>,
    pub draft: bool,
    /// `published`, `draft`, `scheduled` (embargoed, in a preview), `expired` or `withdrawn`.
    pub status: &'static str,
    /// The embargo, when the notice has one: RFC 3339 and as shown.
    pub publish_at: Option<String>,
    pub publish_at_display: Option<String>,
    pub expires: Option<String>,
    pub expires_display: Option<String>,
    pub withdrawn: Option<WithdrawnView>,
    /// Oldest first.
    pub corrections: Vec<CorrectionView>,
    pub attachments: Vec<AttachmentView>,
    /// The notice this one translates, and the notices that translate this one.
    pub translation_of: Option<TranslationLink>,
    pub translations: Vec<TranslationLink>,
    pub slug: String,
    /// Path of the source under `content/`.
    pub source: String,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct WithdrawnView {
    pub date: String,
    pub date_display: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView {
    pub date: String,
    pub date_display: String,
    pub note: String,
    pub minor: bool,
    /// `Correction, 3 March 2021` / `更正，2021年3月3日`.
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub url: String,
    /// `PDF`, `Word`, `CSV`.
    pub kind: String,
    pub bytes: u64,
    /// `1.2 MB`.
    pub size: String,
    /// `PDF, 1.2 MB`.
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TranslationLink {
    pub title: String,
    pub url: String,
    pub permalink: String,
    /// The language tag, for `hreflang` and `lang`.
    pub lang: String,
    /// The language's own name: `English`, `简体中文`.
    pub language: String,
}

/// A notice on its own page: everything in [`NoticeRef`] plus the body and what is
/// measured from it (kept out of listings, so that editing a notice's text below its first
/// paragraph changes its own page only).
#[derive(Debug, Clone, Serialize)]
pub struct NoticePage<'a> {
    #[serde(flatten)]
    pub base: &'a NoticeRef,
    /// The body as HTML (already safe: print it with `| safe`).
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub reading_minutes: u32,
    /// `3 min read` / `阅读约 3 分钟`.
    pub reading_time: String,
    pub word_count: usize,
    /// The schema.org `NewsArticle` as JSON, safe to print (with `| safe`) inside
    /// `<script type="application/ld+json">`.
    pub json_ld: String,
}

pub fn section_link(site: &Site, urls: &Urls, i: usize) -> SectionLink {
    let s = &site.sections[i];
    SectionLink {
        title: s.title.clone(),
        slug: s.slug.clone(),
        url: urls.href(&site.section_path(i)),
        description: s.description.clone(),
    }
}

/// The links to every person, tag and section of a site, made once for all its notices' refs.
pub struct SharedLinks {
    people: Vec<Arc<Link>>,
    tags: Vec<Arc<Link>>,
    sections: Vec<Arc<SectionLink>>,
}

impl SharedLinks {
    pub fn new(site: &Site, urls: &Urls) -> SharedLinks {
        SharedLinks {
            people: (0..site.people.len())
                .map(|i| Arc::new(Link { name: site.people[i].name.clone(), url: urls.href(&site.person_path(i)) }))
                .collect(),
            tags: (0..site.tags.len())
                .map(|i| Arc::new(Link { name: site.tags[i].name.clone(), url: urls.href(&site.tag_path(i)) }))
                .collect(),
            sections: (0..site.sections.len()).map(|i| Arc::new(section_link(site, urls, i))).collect(),
        }
    }
}

pub fn notice_ref(site: &Site, urls: &Urls, links: &SharedLinks, e: &Entry) -> NoticeRef {
    let n = &e.notice;
    let ed = &n.editorial;
    let tz = &site.config.timezone;
    let language = &site.languages[e.language];
    let lang = language.lang;
    let zoned = n.date.to_zoned_datetime(tz.clone());
    let date_display = lang.date(zoned.date());
    let dateline_lang = Lang::known(&n.lang).unwrap_or(lang);
    let person = |i: &usize| links.people[*i].clone();
    NoticeRef {
        title: n.title.clone(),
        url: urls.href(&e.path),
        permalink: urls.permalink(&e.path),
        date: rfc3339(&zoned),
        dateline: dateline_lang.dateline(n.location.as_deref(), &dateline_lang.date(zoned.date())),
        dateline_lang: if Lang::known(&n.lang).is_some() { n.lang.clone() } else { language.code.clone() },
        date_display,
        updated: n.updated.map(|u| rfc3339(&u.to_zoned_datetime(tz.clone()))),
        updated_display: n.updated.map(|u| lang.date(u.to_zoned_datetime(tz.clone()).date())),
        location: n.location.clone(),
        summary: n.summary.clone(),
        byline: e.byline.iter().map(person).collect(),
        editors: e.editors.iter().map(person).collect(),
        tags: e.tags.iter().map(|&i| links.tags[i].clone()).collect(),
        section: links.sections[e.section].clone(),
        reference: n.reference.clone(),
        lang: n.lang.clone(),
        original_title: n.original_title.clone(),
        original_lang: n.original_lang.clone(),
        draft: n.draft,
        status: e.status.name(),
        publish_at: ed.publish_at.map(|t| rfc3339(&t.to_zoned_datetime(tz.clone()))),
        publish_at_display: ed.publish_at.map(|t| moment(lang, &t.to_zoned_datetime(tz.clone()))),
        expires: ed.expires.map(|t| rfc3339(&t.to_zoned_datetime(tz.clone()))),
        expires_display: ed.expires.map(|t| moment(lang, &t.to_zoned_datetime(tz.clone()))),
        withdrawn: ed.withdrawn.as_ref().map(|w| {
            let z = w.date.to_zoned_datetime(tz.clone());
            WithdrawnView { date: rfc3339(&z), date_display: lang.date(z.date()), reason: w.reason.clone() }
        }),
        corrections: ed
            .corrections
            .iter()
            .map(|c| {
                let z = c.date.to_zoned_datetime(tz.clone());
                let words = lang.words();
                let kind = if c.minor { words.minor_correction } else { words.correction };
                CorrectionView {
                    date: rfc3339(&z),
                    date_display: lang.date(z.date()),
                    note: c.note.clone(),
                    minor: c.minor,
                    label: format!("{kind}{}{}", words.comma, lang.date(z.date())),
                }
            })
            .collect(),
        attachments: ed
            .attachments
            .iter()
            .map(|a| {
                let kind = crate::content::editorial::kind_of(&a.path);
                let size = crate::content::editorial::size_label(a.bytes);
                AttachmentView {
                    title: a.title.clone(),
                    url: urls.href(&format!("{}{}", e.path, a.path)),
                    label: format!("{kind}{}{size}", lang.words().comma),
                    kind,
                    bytes: a.bytes,
                    size,
                }
            })
            .collect(),
        translation_of: e.translation_of.map(|i| translation_link(site, urls, i)),
        translations: e.translations.iter().map(|&i| translation_link(site, urls, i)).collect(),
        slug: e.slug.clone(),
        source: n.rel_path.clone(),
        extra: n.extra.clone(),
    }
}

/// A moment as shown: its date, and its time unless it is midnight (as when only a date
/// was written).
fn moment(lang: Lang, z: &jiff::ZonedDateTime) -> String {
    if z.time() == jiff::civil::Time::midnight() { lang.date(z.date()) } else { lang.date_time(z) }
}

fn translation_link(site: &Site, urls: &Urls, i: usize) -> TranslationLink {
    let e = &site.entries[i];
    TranslationLink {
        title: e.notice.title.clone(),
        url: urls.href(&e.path),
        permalink: urls.permalink(&e.path),
        lang: e.notice.lang.clone(),
        language: crate::i18n::language_name(&e.notice.lang),
    }
}

pub fn rfc3339(z: &jiff::ZonedDateTime) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The site as every template sees it, as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Origin and base path without the trailing slash: `https://example.gov/news`.
    pub base_url: String,
    /// The path the site lives under, with a trailing slash: `/` or `/news/`.
    pub base_path: &'a str,
    pub language: &'a str,
    pub timezone: &'a str,
    pub publisher: &'a str,
    pub extra: &'a serde_json::Value,
    pub sections: Vec<SectionLink>,
    pub words: &'static crate::i18n::Words,
    pub home_url: String,
    pub tags_url: String,
    pub people_url: String,
    pub archive_url: String,
    /// The search page, when search is on.
    pub search_url: Option<String>,
    /// The search page's script, the folder of this language's search index, and the
    /// site's root, against which the index's links are resolved (a sub-path, if the site
    /// is published under one).
    pub search_script: String,
    pub search_index: String,
    pub search_root: &'a str,
    pub notice_count: usize,
    /// Every language the site is published in, its own first, each with its home page.
    pub languages: Vec<LanguageLink>,
}

/// The site as the templates of language `l`'s pages see it: its title, words, sections
/// and links are those of that language's part of the site.
pub fn site_view<'a>(site: &'a Site, urls: &Urls, l: usize) -> SiteView<'a> {
    let c = &site.config;
    let language = &site.languages[l];
    SiteView {
        title: &language.title,
        description: &language.description,
        base_url: format!("{}{}", c.origin, c.base_path.trim_end_matches('/')),
        base_path: &c.base_path,
        language: &language.code,
        timezone: &c.timezone_name,
        publisher: &c.publisher,
        extra: &c.extra,
        sections: (0..site.sections.len())
            .filter(|&i| site.sections[i].language == l)
            .map(|i| section_link(site, urls, i))
            .collect(),
        words: language.lang.words(),
        home_url: urls.href(&language.path("/")),
        tags_url: urls.href(&language.path("/tags/")),
        people_url: urls.href(&language.path("/people/")),
        archive_url: urls.href(&language.path("/archive/")),
        search_url: c.search.then(|| urls.href(&language.path("/search/"))),
        search_script: urls.href(&format!("/{}/search.js", crate::plan::SEARCH_DIR)),
        search_index: urls.href(&format!("/{}/", crate::plan::search_folder(&language.code))),
        search_root: &c.base_path,
        notice_count: language.listed.len(),
        languages: site
            .languages
            .iter()
            .enumerate()
            .map(|(o, other)| LanguageLink {
                lang: other.code.clone(),
                name: crate::i18n::language_name(&other.code),
                url: urls.href(&other.path("/")),
                current: o == l,
            })
            .collect(),
    }
}

/// Facts about the page being rendered, as `page`.
#[derive(Debug, Serialize)]
pub struct PageView {
    /// `home`, `notice`, `section`, `tags`, `tag`, `people`, `person`, `archive`,
    /// `archive_year` or `404`.
    pub kind: &'static str,
    pub url: String,
    pub permalink: String,
    /// The page's own title, for `<title>` and the `h1` (the site's title on the home page).
    pub title: String,
    pub description: String,
    /// The language of the page's main text.
    pub lang: String,
    /// The feeds to link with `<link rel="alternate">`: the site's, and those of the section,
    /// tag or person the page is about.
    pub feeds: Vec<super::feed_links::FeedLink>,
    /// The same page in other languages, for `<link rel="alternate" hreflang>`: a notice's
    /// translations; on a site in several languages, the home page, indexes, search page and
    /// sections of the others.
    pub translations: Vec<PageTranslation>,
    /// On a site in several languages, each language with a link to this page in it (or to
    /// its home page), for a language switcher; empty otherwise.
    pub languages: Vec<LanguageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageTranslation {
    /// The language tag, for `hreflang`.
    pub lang: String,
    /// The language's name in itself: `English`, `中文`.
    pub language: String,
    pub url: String,
    pub permalink: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    pub lang: String,
    /// The language's name in itself.
    pub name: String,
    pub url: String,
    /// Whether this page is in this language.
    pub current: bool,
}

/// A listing page's place in its listing, as `paginator`; `paginator.notices` holds the
/// page's [`NoticeRef`]s.
#[derive(Debug, Serialize)]
pub struct Paginator {
    /// 1-based.
    pub number: usize,
    pub total_pages: usize,
    pub total_notices: usize,
    /// `1 notice`, `25 notices`, `25 篇`.
    pub total_text: String,
    pub first_url: String,
    pub last_url: String,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
    /// `Page 2 of 5`.
    pub label: String,
    /// The pages to link to: the first, the last, and two on each side of this one, with
    /// gaps; a constant number however long the listing.
    pub pages: Vec<PageNumber>,
}

/// A link in a listing's page navigation; a gap (`…`) when `number` is none.
#[derive(Debug, Serialize)]
pub struct PageNumber {
    pub number: Option<usize>,
    pub url: Option<String>,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct GroupView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
    /// `3 notices`.
    pub count_text: String,
}

#[derive(Debug, Serialize)]
pub struct PersonView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub authored_count: usize,
    pub edited_count: usize,
    /// The paginated list of all the notices written (edited), when there are more than
    /// `paginate`: the person's own page shows only the newest.
    pub written_url: Option<String>,
    pub edited_url: Option<String>,
    /// From `content/people/{slug}.md`, if the person has one: their role, and on their own
    /// page their biography as HTML (print it with `| safe`) and `extra`.
    pub role: Option<String>,
    pub bio: Option<String>,
    pub extra: Option<serde_json::Value>,
    // `authored` and `edited`, lists of [`NoticeRef`]s (at most `paginate`, newest first),
    // are added by the page builder on the person's own page.
}

#[derive(Debug, Serialize)]
pub struct YearView {
    pub year: i16,
    pub url: String,
    pub count: usize,
    pub count_text: String,
    // `months`, a list of [`MonthView`]s, is added by the page builder.
}

#[derive(Debug, Serialize)]
pub struct MonthView {
    pub month: i8,
    /// `January 2021` / `2021年1月`.
    pub name: String,
    pub count: usize,
    // `notices`, a list of [`NoticeRef`]s, is added by the page builder (filled on the year's
    // own page only).
}
