//! The data of each kind of page, described once as [`Node`]s: turned into the Tera context
//! to render a page, and hashed into the page's fingerprint to tell whether it changed.
//! Notice refs are computed once per build and shared by every listing that shows them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use tera::{Context, Value};

use super::node::{Node, Resolve};
use super::views::*;
use crate::plan::{FeedScope, PageJob, PageKind, Role, page_slice};
use crate::site::{Entry, Site};

/// How many characters of a page's description its meta tags and link previews carry.
const DESCRIPTION_CHARS: usize = 200;

/// What rendering needs from the model, computed once per build.
pub struct PageData {
    pub site: Arc<Site>,
    pub urls: Urls,
    pub refs: Vec<Arc<NoticeRef>>,
    ref_hashes: Vec<u64>,
    /// Notices' bodies with their links by source path pointing at their targets' pages and
    /// their photos sized; `None` for a body shown as rendered.
    linked: Vec<Option<String>>,
    /// A hash of each body changed for showing (as `linked` holds it); `None` for a body
    /// shown as rendered, whose own hash is read from the notice (so that a patched notice's
    /// new body counts).
    body_hashes: Vec<Option<u64>>,
    /// The photos beside the notices, measured and resized.
    pub photos: crate::images::PhotoSet,
    /// The plan, for the sitemaps, made on first use.
    jobs: OnceLock<Vec<PageJob>>,
}

impl Resolve for PageData {
    fn ref_value(&self, i: usize) -> Value {
        // Made for each page that lists the notice, not kept: a Tera value of a ref takes
        // several times the memory of the ref, and a large site has a hundred thousand refs.
        // Keeping them all saved a tenth of the template time and cost a third of the memory.
        Value::from_serializable(&*self.refs[i])
    }

    fn notice_value(&self, i: usize) -> Value {
        let body = &self.site.entries[i].notice.body;
        Value::from_serializable(&NoticePage {
            base: &self.refs[i],
            content: self.body_html(i),
            toc: &body.toc,
            reading_minutes: body.reading_minutes,
            reading_time: self.site.languages[self.site.entries[i].language].lang.reading_time(body.reading_minutes),
            word_count: body.word_count,
            json_ld: super::structured::news_article(&self.site, &self.urls, &self.refs[i], &self.images(i)),
        })
    }

    fn ref_hash(&self, i: usize) -> u64 {
        self.ref_hash_of(i)
    }

    fn notice_hash(&self, i: usize) -> u64 {
        self.notice_hash_of(i)
    }
}

/// Notice refs kept between builds of one site (one configuration): a ref is made again
/// only when its notice, its address, or the names and addresses it links to changed.
#[derive(Default)]
pub struct RefCache {
    by_source: HashMap<String, Cached>,
}

#[derive(Clone)]
struct Cached {
    key: u64,
    notice_ref: Arc<NoticeRef>,
    hash: u64,
}

/// The body of `e` with the marker of each link by source path replaced by the address of
/// the page it leads to; `None` when it has no such links.
fn link_body(site: &Site, urls: &Urls, e: &Entry) -> Option<String> {
    if e.links.is_empty() {
        return None;
    }
    let mut html = e.notice.body.html.clone();
    for (k, (j, fragment)) in e.links.iter().enumerate() {
        let mut href = urls.href(&site.entries[*j].path);
        if let Some(f) = fragment {
            href.push('#');
            crate::xml::escape_into(&mut href, f);
        }
        let marker = format!("href=\"{}\"", crate::markdown::internal_marker(k));
        html = html.replace(&marker, &format!("href=\"{href}\""));
    }
    Some(html)
}

/// Everything a notice's ref is made from, besides the site's configuration.
fn ref_key(site: &Site, e: &Entry) -> u64 {
    let mut h = crate::hash::hasher();
    (e.notice.head_hash, &e.notice.rel_path, &e.path, &e.slug, e.status).hash(&mut h);
    // A translation's link shows the other notice's title, address and language.
    for &t in e.translation_of.iter().chain(&e.translations) {
        let other = &site.entries[t];
        (&other.notice.title, &other.path, &other.notice.lang).hash(&mut h);
    }
    let s = &site.sections[e.section];
    (&s.title, &s.slug, &s.description, e.language).hash(&mut h);
    for &t in &e.tags {
        (&site.tags[t].name, &site.tags[t].slug).hash(&mut h);
    }
    for &p in e.byline.iter().chain(&e.editors) {
        (&site.people[p].name, &site.people[p].slug).hash(&mut h);
    }
    (e.byline.len(), e.editors.len()).hash(&mut h);
    h.finish()
}

impl PageData {
    pub fn new(site: Arc<Site>, cache: &mut RefCache, photos: crate::images::PhotoSet) -> Self {
        let urls = Urls::new(&site.config);
        let links = super::views::SharedLinks::new(&site, &urls);
        let cached: Vec<Cached> = site
            .entries
            .par_iter()
            .map(|e| {
                let key = ref_key(&site, e);
                match cache.by_source.get(&e.notice.rel_path) {
                    Some(c) if c.key == key => c.clone(),
                    _ => {
                        let r = notice_ref(&site, &urls, &links, e);
                        let mut h = crate::hash::hasher();
                        crate::hash::json(&r, &mut h);
                        Cached { key, notice_ref: Arc::new(r), hash: h.finish() }
                    }
                }
            })
            .collect();
        cache.by_source = site.entries.iter().map(|e| e.notice.rel_path.clone()).zip(cached.iter().cloned()).collect();
        let linked: Vec<Option<String>> = site
            .entries
            .par_iter()
            .map(|e| {
                let linked = link_body(&site, &urls, e);
                if photos.is_empty() || !e.notice.body.links.iter().any(|l| l.image) {
                    return linked;
                }
                let html = linked.as_deref().unwrap_or(&e.notice.body.html);
                let dir = e.path.trim_start_matches('/');
                let photo_of =
                    |src: &str| crate::images::beside(src).and_then(|rel| photos.get(&format!("{dir}{rel}")));
                super::photos::sized(html, &site.config.images.sizes, photo_of).or(linked)
            })
            .collect();
        let body_hashes = linked.iter().map(|l| l.as_ref().map(|html| crate::hash::bytes(html.as_bytes()))).collect();
        PageData {
            linked,
            body_hashes,
            photos,
            site,
            urls,
            refs: cached.iter().map(|c| c.notice_ref.clone()).collect(),
            ref_hashes: cached.iter().map(|c| c.hash).collect(),
            jobs: OnceLock::new(),
        }
    }

    /// A hash of what listings show of notice `i`.
    pub fn ref_hash_of(&self, i: usize) -> u64 {
        self.ref_hashes[i]
    }

    /// A hash of all notice `i` shows, its text included.
    pub fn notice_hash_of(&self, i: usize) -> u64 {
        let mut h = crate::hash::hasher();
        (self.ref_hashes[i], self.body_hash(i)).hash(&mut h);
        h.finish()
    }

    /// A hash of notice `i`'s body as shown.
    fn body_hash(&self, i: usize) -> u64 {
        self.body_hashes[i].unwrap_or(self.site.entries[i].notice.body.hash)
    }

    /// The HTML of notice `i`'s body, its links by source path leading to their targets.
    pub fn body_html(&self, i: usize) -> &str {
        self.linked[i].as_deref().unwrap_or(&self.site.entries[i].notice.body.html)
    }

    /// The images of notice `i` for its structured data: their full addresses, captions,
    /// credits and, for photos beside it, their size.
    fn images(&self, i: usize) -> Vec<super::structured::Image> {
        let e = &self.site.entries[i];
        let page = self.urls.permalink(&e.path);
        let dir = e.path.trim_start_matches('/');
        e.notice
            .body
            .links
            .iter()
            .filter(|l| l.image)
            .filter_map(|l| {
                let beside = crate::images::beside(&l.url);
                let url = match &beside {
                    Some(_) => format!("{page}{}", l.url.trim_start_matches("./")),
                    None if l.url.starts_with("https://") || l.url.starts_with("http://") => l.url.clone(),
                    None if l.url.starts_with('/') && !l.url.starts_with("//") => self.urls.absolute(&l.url),
                    None => return None,
                };
                let photo = beside.and_then(|rel| self.photos.get(&format!("{dir}{rel}")));
                // A decorative image has nothing to say; a photo's caption says more than its alt.
                let alt = Some(l.alt.clone()).filter(|a| !a.is_empty() && a != crate::markdown::DECORATIVE);
                Some(super::structured::Image {
                    kind: "ImageObject",
                    url,
                    caption: l.caption.clone().or(alt),
                    credit: l.credit.clone(),
                    width: photo.map(|p| p.width),
                    height: photo.map(|p| p.height),
                })
            })
            .collect()
    }

    /// Every page of the site, as planned.
    pub fn jobs(&self) -> &[PageJob] {
        self.jobs.get_or_init(|| crate::plan::plan(&self.site))
    }

    /// The redirect page of an alias, which render writes without a template; `None` for
    /// other pages.
    pub fn generated(&self, job: &PageJob) -> Option<String> {
        match job.kind {
            PageKind::Alias(i) => Some(super::alias::page(self, i)),
            _ => None,
        }
    }

    /// The context `job` is rendered with.
    pub fn context(&self, job: &PageJob) -> Context {
        let mut cx = Context::new();
        for (name, node) in self.page(job) {
            cx.insert_value(name, node.to_value(self));
        }
        cx
    }

    /// A hasher that has taken what every page's fingerprint starts with: the templates and
    /// site (`global`), the kind of page and its path.
    pub fn fingerprinter(&self, job: &PageJob, global: u64) -> crate::hash::Fingerprinter {
        let mut h = crate::hash::hasher();
        (global, job.kind.template(), &job.path).hash(&mut h);
        h
    }

    /// A hash of everything `job` shows, for the pages render makes (templates, redirects):
    /// equal fingerprints, equal pages (for one set of templates and one site, which `global`
    /// stands for). The writer's dispatcher adds feeds and sitemaps.
    pub fn fingerprint(&self, job: &PageJob, global: u64) -> u64 {
        let mut h = self.fingerprinter(job, global);
        if let PageKind::Alias(i) = job.kind {
            // All a redirect shows of its notice.
            (&self.refs[i].title, &self.refs[i].url, &self.refs[i].permalink, &self.refs[i].lang).hash(&mut h);
            return h.finish();
        }
        for (name, node) in self.page(job) {
            name.hash(&mut h);
            node.hash(self, &mut h);
        }
        h.finish()
    }

    /// For a notice's page, a hash of everything [`PageData::page`] reads for it (the
    /// notice, its neighbours' refs, its section): when it is unchanged, so is the page's
    /// fingerprint, which then need not be computed again. `None` for other pages.
    pub fn inputs(&self, job: &PageJob, global: u64) -> Option<u64> {
        let PageKind::Notice(i) = job.kind else { return None };
        let e = &self.site.entries[i];
        let s = &self.site.sections[e.section];
        let mut h = crate::hash::hasher();
        (global, &job.path, self.ref_hashes[i], self.body_hash(i)).hash(&mut h);
        (e.older.map(|o| self.ref_hashes[o]), e.newer.map(|n| self.ref_hashes[n])).hash(&mut h);
        (&s.title, &s.slug, &s.description).hash(&mut h);
        Some(h.finish())
    }

    /// The variables of `job`'s template, by name.
    fn page(&self, job: &PageJob) -> Vec<(&'static str, Node)> {
        let site = &*self.site;
        let l = job.kind.language(site);
        let language = &site.languages[l];
        let words = language.lang.words();
        let mut vars = Vec::new();
        let mut page = PageView {
            kind: job.kind.name(),
            url: self.urls.href(&job.path),
            permalink: self.urls.permalink(&job.path),
            title: String::new(),
            description: language.description.clone(),
            lang: language.code.clone(),
            feeds: Vec::new(),
            translations: self.translations(job.kind),
            languages: Vec::new(),
        };
        let mut feeds = vec![FeedScope::Site(l)];
        match job.kind {
            PageKind::Notice(i) => {
                let e = &site.entries[i];
                let r = &self.refs[i];
                page.title = r.title.clone();
                page.description = r.summary.clone();
                page.lang = r.lang.clone();
                feeds.push(FeedScope::Section(e.section));
                vars.push(("notice", Node::Notice(i)));
                vars.push(("older", Node::OptRef(e.older)));
                vars.push(("newer", Node::OptRef(e.newer)));
                vars.push(("section", Node::data(section_link(site, &self.urls, e.section))));
            }
            PageKind::Home { page: n, .. } => {
                page.title = language.title.clone();
                vars.push(("paginator", self.paginator(&language.path("/"), &language.listed, n, l)));
                vars.push(("content", Node::data(language.home_content.clone())));
            }
            PageKind::Section { section, page: n } => {
                let s = &site.sections[section];
                page.title = s.title.clone();
                feeds.push(FeedScope::Section(section));
                if let Some(d) = &s.description {
                    page.description = d.clone();
                }
                vars.push(("paginator", self.paginator(&site.section_path(section), &s.entries, n, l)));
                vars.push(("section", Node::data(section_link(site, &self.urls, section))));
                vars.push(("content", Node::data(s.content.clone())));
                vars.push(("extra", Node::data(s.extra.clone())));
            }
            PageKind::TagIndex(_) => {
                page.title = words.tags.to_owned();
                let tags: Vec<GroupView> =
                    (0..site.tags.len()).filter(|&t| site.tags[t].language == l).map(|t| self.tag(t)).collect();
                vars.push(("tags", Node::data(tags)));
            }
            PageKind::Tag { tag, page: n } => {
                let t = &site.tags[tag];
                page.title = t.name.clone();
                feeds.push(FeedScope::Tag(tag));
                vars.push(("paginator", self.paginator(&site.tag_path(tag), &t.entries, n, l)));
                vars.push(("tag", Node::data(self.tag(tag))));
            }
            PageKind::PeopleIndex(_) => {
                page.title = words.people.to_owned();
                let people = (0..site.people.len()).filter(|&i| site.people[i].language == l);
                vars.push(("people", Node::List(people.map(|i| self.person(i, false)).collect())));
            }
            PageKind::Person(i) => {
                page.title = site.people[i].name.clone();
                feeds.push(FeedScope::Person(i));
                vars.push(("person", self.person(i, true)));
            }
            PageKind::PersonNotices { person, role, page: n } => {
                let p = &site.people[person];
                let (entries, label) = match role {
                    Role::Written => (&p.authored, words.written),
                    Role::Edited => (&p.edited, words.edited),
                };
                page.title = format!("{}{}{label}", p.name, words.colon);
                feeds.push(FeedScope::Person(person));
                let base = format!("{}{}/", site.person_path(person), role.name());
                vars.push(("person", self.person(person, false)));
                vars.push(("role", Node::data(role.name())));
                vars.push(("paginator", self.paginator(&base, entries, n, l)));
            }
            PageKind::ArchiveIndex(_) => {
                page.title = words.archive.to_owned();
                vars.push(("years", self.years(l)));
            }
            PageKind::ArchiveYear(i) => {
                page.title = format!("{} {}", words.archive, site.years[i].year);
                vars.push(("year", self.year(i, true)));
                vars.push(("years", self.years(l)));
            }
            PageKind::NotFound => {
                page.title = words.not_found_title.to_owned();
            }
            PageKind::Search(_) => {
                page.title = words.search.to_owned();
            }
            // Written by Gazette, not by templates: see `generated`.
            PageKind::Feed { .. }
            | PageKind::Sitemap { .. }
            | PageKind::SitemapIndex { .. }
            | PageKind::NewsSitemap
            | PageKind::Robots
            | PageKind::Alias(_) => {}
        }
        // An empty section has no feed.
        feeds.retain(|s| match *s {
            FeedScope::Section(i) => !site.sections[i].entries.is_empty(),
            FeedScope::Person(i) => !site.people[i].notices.is_empty(),
            _ => true,
        });
        page.feeds = super::feed_links::links(self, &feeds);
        page.languages = self.language_links(l, &page.translations);
        page.description = crate::text::cut(&page.description, DESCRIPTION_CHARS);
        vars.push(("page", Node::data(page)));
        vars
    }

    /// Page `n` of the listing at `base` of `entries`, in language `l`.
    fn paginator(&self, base: &str, entries: &[usize], n: usize, l: usize) -> Node {
        let per_page = self.site.config.paginate;
        let data = super::paginator::PaginatorData {
            base: base.to_owned(),
            number: n,
            count: entries.len(),
            per_page,
            lang: self.site.languages[l].lang,
            urls: self.urls.clone(),
        };
        Node::With(Box::new(data), vec![("notices", Node::Refs(page_slice(entries, n, per_page).to_vec()))])
    }

    fn tag(&self, i: usize) -> GroupView {
        let g = &self.site.tags[i];
        GroupView {
            name: g.name.clone(),
            slug: g.slug.clone(),
            url: self.urls.href(&self.site.tag_path(i)),
            count: g.entries.len(),
            count_text: self.site.languages[g.language].lang.notices(g.entries.len()),
        }
    }

    fn person(&self, i: usize, with_notices: bool) -> Node {
        let p = &self.site.people[i];
        let per = self.site.config.paginate;
        let path = self.site.person_path(i);
        let all = |role: Role, entries: &[usize]| {
            (entries.len() > per).then(|| self.urls.href(&format!("{path}{}/", role.name())))
        };
        let meta = PersonView {
            name: p.name.clone(),
            slug: p.slug.clone(),
            url: self.urls.href(&path),
            authored_count: p.authored.len(),
            edited_count: p.edited.len(),
            written_url: all(Role::Written, &p.authored),
            edited_url: all(Role::Edited, &p.edited),
            role: p.about.as_ref().and_then(|a| a.role.clone()),
            bio: p.about.as_ref().filter(|a| with_notices && !a.bio.is_empty()).map(|a| a.bio.clone()),
            extra: p.about.as_ref().filter(|_| with_notices).map(|a| a.extra.clone()),
        };
        let list = |entries: &[usize]| {
            Node::Refs(if with_notices { entries[..entries.len().min(per)].to_vec() } else { Vec::new() })
        };
        Node::with(meta, vec![("authored", list(&p.authored)), ("edited", list(&p.edited))])
    }

    fn years(&self, l: usize) -> Node {
        let years = (0..self.site.years.len()).filter(|&i| self.site.years[i].language == l);
        Node::List(years.map(|i| self.year(i, false)).collect())
    }

    fn year(&self, i: usize, with_notices: bool) -> Node {
        let y = &self.site.years[i];
        let lang = self.site.languages[y.language].lang;
        let meta = YearView {
            year: y.year,
            url: self.urls.href(&self.site.year_path(i)),
            count: y.count(),
            count_text: lang.notices(y.count()),
        };
        let months = y
            .months
            .iter()
            .map(|m| {
                let meta = MonthView { month: m.month, name: lang.month(y.year, m.month), count: m.entries.len() };
                let notices = if with_notices { m.entries.clone() } else { Vec::new() };
                Node::with(meta, vec![("notices", Node::Refs(notices))])
            })
            .collect();
        Node::with(meta, vec![("months", Node::List(months))])
    }
}
