//! The plan: every page the site will have, as a list of jobs computed from the model
//! alone. Pagination is decided here; rendering a job depends only on the job and the site.

use crate::config::{FeedFormat, FeedSettings, Listing};
use crate::site::Site;

/// Most URLs one sitemap file may list (the sitemaps.org limit); above it, `/sitemap.xml`
/// becomes an index of numbered sitemaps.
pub const SITEMAP_LIMIT: usize = 50_000;

/// What a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Notice(usize),
    /// Page `page` (1-based) of the home listing of a language (an index into
    /// `Site::languages`), like the other pages that carry one.
    Home {
        language: usize,
        page: usize,
    },
    Section {
        section: usize,
        page: usize,
    },
    TagIndex(usize),
    Tag {
        tag: usize,
        page: usize,
    },
    PeopleIndex(usize),
    Person(usize),
    /// All the notices a person wrote (or edited), paginated, for people with more than fit
    /// on their own page.
    PersonNotices {
        person: usize,
        role: Role,
        page: usize,
    },
    ArchiveIndex(usize),
    ArchiveYear(usize),
    NotFound,
    /// The search page (when search is on).
    Search(usize),
    /// A redirect from an earlier address of a notice (one of its `aliases`) to its page.
    Alias(usize),
    /// A feed: written by Gazette itself, not by a template, like the kinds below.
    Feed {
        scope: FeedScope,
        format: FeedFormat,
    },
    /// `/sitemap.xml` (part 0 of 0) or one of the numbered sitemaps an index lists (part 1…
    /// of `of`).
    Sitemap {
        part: usize,
        of: usize,
    },
    /// `/sitemap.xml` when the site has more pages than one sitemap may list.
    SitemapIndex {
        parts: usize,
    },
    /// `/news-sitemap.xml`: the notices of the last two days, in Google's News format.
    NewsSitemap,
    Robots,
}

/// Whose notices a feed lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedScope {
    /// The notices of one of the site's languages.
    Site(usize),
    Section(usize),
    Tag(usize),
    Person(usize),
}

impl FeedScope {
    /// The kind of listing whose feed settings apply.
    pub fn listing(self) -> Listing {
        match self {
            FeedScope::Site(_) => Listing::Site,
            FeedScope::Section(_) => Listing::Section,
            FeedScope::Tag(_) => Listing::Tag,
            FeedScope::Person(_) => Listing::Person,
        }
    }

    /// Its feeds' settings in `site`.
    pub fn settings(self, site: &Site) -> &FeedSettings {
        site.config.feeds.of(self.listing())
    }
}

impl PageKind {
    /// The language of a page of this kind in `site`, an index into `site.languages`.
    pub fn language(self, site: &Site) -> usize {
        use PageKind as K;
        match self {
            K::Notice(i) | K::Alias(i) => site.entries[i].language,
            K::Home { language, .. }
            | K::TagIndex(language)
            | K::PeopleIndex(language)
            | K::ArchiveIndex(language)
            | K::Search(language) => language,
            K::Section { section, .. } => site.sections[section].language,
            K::Tag { tag, .. } => site.tags[tag].language,
            K::Person(p) | K::PersonNotices { person: p, .. } => site.people[p].language,
            K::ArchiveYear(y) => site.years[y].language,
            K::Feed { scope, .. } => match scope {
                FeedScope::Site(language) => language,
                FeedScope::Section(i) => site.sections[i].language,
                FeedScope::Tag(i) => site.tags[i].language,
                FeedScope::Person(i) => site.people[i].language,
            },
            K::NotFound | K::Sitemap { .. } | K::SitemapIndex { .. } | K::NewsSitemap | K::Robots => 0,
        }
    }

    /// The template that renders this kind of page; `None` for the files Gazette writes itself
    /// (feeds, sitemaps, robots.txt).
    pub fn template(self) -> Option<&'static str> {
        Some(match self {
            PageKind::Notice(_) => "notice.html",
            PageKind::Home { .. } => "index.html",
            PageKind::Section { .. } => "section.html",
            PageKind::TagIndex(_) => "tags.html",
            PageKind::Tag { .. } => "tag.html",
            PageKind::PeopleIndex(_) => "people.html",
            PageKind::Person(_) => "person.html",
            PageKind::PersonNotices { .. } => "person_notices.html",
            PageKind::ArchiveIndex(_) => "archive.html",
            PageKind::ArchiveYear(_) => "archive_year.html",
            PageKind::NotFound => "404.html",
            PageKind::Search(_) => "search.html",
            PageKind::Feed { .. }
            | PageKind::Sitemap { .. }
            | PageKind::SitemapIndex { .. }
            | PageKind::NewsSitemap
            | PageKind::Robots
            | PageKind::Alias(_) => return None,
        })
    }

    /// Whether this is an HTML page a reader can visit: what sitemaps list.
    pub fn is_public_page(self) -> bool {
        self.template().is_some() && self != PageKind::NotFound
    }

    /// Whether sitemaps list this page: a public page, and for a notice, a listed one (not
    /// withdrawn or expired).
    pub fn in_sitemap(self, site: &Site) -> bool {
        match self {
            PageKind::Notice(i) => site.entries[i].status.listed(),
            _ => self.is_public_page(),
        }
    }

    /// The name templates see as `page.kind`.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Notice(_) => "notice",
            PageKind::Home { .. } => "home",
            PageKind::Section { .. } => "section",
            PageKind::TagIndex(_) => "tags",
            PageKind::Tag { .. } => "tag",
            PageKind::PeopleIndex(_) => "people",
            PageKind::Person(_) => "person",
            PageKind::PersonNotices { .. } => "person_notices",
            PageKind::ArchiveIndex(_) => "archive",
            PageKind::ArchiveYear(_) => "archive_year",
            PageKind::NotFound => "404",
            PageKind::Search(_) => "search",
            PageKind::Feed { .. } => "feed",
            PageKind::Sitemap { .. } | PageKind::SitemapIndex { .. } => "sitemap",
            PageKind::NewsSitemap => "news_sitemap",
            PageKind::Robots => "robots",
            PageKind::Alias(_) => "alias",
        }
    }
}

/// What a person did on the notices of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Written,
    Edited,
}

impl Role {
    /// The URL segment and the name templates see as `role`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Written => "written",
            Role::Edited => "edited",
        }
    }
}

/// Every template a theme must have.
pub const TEMPLATES: &[&str] = &[
    "index.html",
    "notice.html",
    "section.html",
    "tags.html",
    "tag.html",
    "people.html",
    "person.html",
    "person_notices.html",
    "archive.html",
    "archive_year.html",
    "404.html",
];

/// The template the search page needs, when search is on.
pub const SEARCH_TEMPLATE: &str = "search.html";

/// The folder under the output folder where the search index is written: no alias may be
/// written there.
pub const SEARCH_DIR: &str = "search-index";

/// The folder of language `code`'s search index under the output folder.
pub fn search_folder(code: &str) -> String {
    format!("{SEARCH_DIR}/{code}")
}

/// One output page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageJob {
    /// Site path, not percent-encoded: `/`, `/page/2/`, `/tags/veterans/`, `/404.html`.
    pub path: String,
    pub kind: PageKind,
}

impl PageJob {
    /// The file this page is written to, relative to the output folder.
    pub fn file(&self) -> String {
        file_of_path(&self.path)
    }
}

/// The file a page at site path `path` is written to, relative to the output folder.
pub fn file_of_path(path: &str) -> String {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() }
}

/// Site path of page `page` of the listing at `base` (`/`, `/meetings/`): page 1 is the
/// listing itself, page N is `{base}page/N/`.
pub fn page_path(base: &str, page: usize) -> String {
    if page <= 1 { base.to_owned() } else { format!("{base}page/{page}/") }
}

/// The page numbers a listing's page `n` of `total` links to: the first and last, and two on
/// each side of `n`; `None` marks a gap. A constant number, however long the listing.
pub fn page_window(n: usize, total: usize) -> Vec<Option<usize>> {
    let mut shown: Vec<usize> = vec![1, total];
    shown.extend(n.saturating_sub(2).max(1)..=(n + 2).min(total));
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len() + 2);
    let mut last = 0;
    for p in shown {
        if p > last + 1 {
            out.push(None);
        }
        out.push(Some(p));
        last = p;
    }
    out
}

/// The entries page `n` (1-based) of a listing of `entries` shows, `per` to a page.
pub fn page_slice(entries: &[usize], n: usize, per: usize) -> &[usize] {
    let start = (n.saturating_sub(1) * per).min(entries.len());
    &entries[start..(start + per).min(entries.len())]
}

/// How many pages a listing of `count` notices takes; an empty listing still has one.
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// Every page of `site`, in a stable order.
pub fn plan(site: &Site) -> Vec<PageJob> {
    plan_with(site, SITEMAP_LIMIT)
}

/// The file name of a feed in `format`, under the folder of what it lists.
pub fn feed_file(format: FeedFormat) -> &'static str {
    match format {
        FeedFormat::Atom => "atom.xml",
        FeedFormat::Rss => "rss.xml",
        FeedFormat::Json => "feed.json",
    }
}

/// The site path of the feed of `scope` in `format`: `/atom.xml`, `/tags/budget/rss.xml`.
pub fn feed_path(site: &Site, scope: FeedScope, format: FeedFormat) -> String {
    let base = match scope {
        FeedScope::Site(l) => site.languages[l].path("/"),
        FeedScope::Section(i) => site.section_path(i),
        FeedScope::Tag(i) => site.tag_path(i),
        FeedScope::Person(i) => site.person_path(i),
    };
    format!("{base}{}", feed_file(format))
}

/// The scopes that have feeds: the site, and every section, tag and person with notices.
pub fn feed_scopes(site: &Site) -> Vec<FeedScope> {
    let mut scopes: Vec<FeedScope> = (0..site.languages.len()).map(FeedScope::Site).collect();
    scopes.extend((0..site.sections.len()).filter(|&i| !site.sections[i].entries.is_empty()).map(FeedScope::Section));
    scopes.extend((0..site.tags.len()).map(FeedScope::Tag));
    scopes.extend((0..site.people.len()).filter(|&i| !site.people[i].notices.is_empty()).map(FeedScope::Person));
    scopes
}

/// The sitemap file of part `part`: `/sitemap.xml` for a single sitemap, else numbered.
pub fn sitemap_path(part: usize) -> String {
    if part == 0 { "/sitemap.xml".to_owned() } else { format!("/sitemap-{part}.xml") }
}

/// [`plan`], with sitemaps of at most `sitemap_limit` URLs.
pub fn plan_with(site: &Site, sitemap_limit: usize) -> Vec<PageJob> {
    let per = site.config.paginate;
    let mut jobs = Vec::new();
    let mut listing = |base: &str, count: usize, kind: &dyn Fn(usize) -> PageKind| {
        for page in 1..=page_count(count, per) {
            jobs.push(PageJob { path: page_path(base, page), kind: kind(page) });
        }
    };
    for (l, language) in site.languages.iter().enumerate() {
        listing(&language.path("/"), language.listed.len(), &|page| PageKind::Home { language: l, page });
    }
    for (i, s) in site.sections.iter().enumerate() {
        listing(&site.section_path(i), s.entries.len(), &|page| PageKind::Section { section: i, page });
    }
    for (i, t) in site.tags.iter().enumerate() {
        listing(&site.tag_path(i), t.entries.len(), &|page| PageKind::Tag { tag: i, page });
    }
    jobs.extend(
        site.entries.iter().enumerate().map(|(i, e)| PageJob { path: e.path.clone(), kind: PageKind::Notice(i) }),
    );
    jobs.extend(site.entries.iter().enumerate().flat_map(|(i, e)| {
        e.notice.editorial.aliases.iter().map(move |a| PageJob { path: a.clone(), kind: PageKind::Alias(i) })
    }));
    for (l, language) in site.languages.iter().enumerate() {
        jobs.push(PageJob { path: language.path("/tags/"), kind: PageKind::TagIndex(l) });
        jobs.push(PageJob { path: language.path("/people/"), kind: PageKind::PeopleIndex(l) });
    }
    for (i, p) in site.people.iter().enumerate() {
        jobs.push(PageJob { path: site.person_path(i), kind: PageKind::Person(i) });
        for (role, entries) in [(Role::Written, &p.authored), (Role::Edited, &p.edited)] {
            // A person whose notices all fit on their own page needs no more.
            if entries.len() > per {
                let base = format!("{}{}/", site.person_path(i), role.name());
                for page in 1..=page_count(entries.len(), per) {
                    let kind = PageKind::PersonNotices { person: i, role, page };
                    jobs.push(PageJob { path: page_path(&base, page), kind });
                }
            }
        }
    }
    for (l, language) in site.languages.iter().enumerate() {
        jobs.push(PageJob { path: language.path("/archive/"), kind: PageKind::ArchiveIndex(l) });
    }
    jobs.extend((0..site.years.len()).map(|i| PageJob { path: site.year_path(i), kind: PageKind::ArchiveYear(i) }));
    jobs.push(PageJob { path: "/404.html".into(), kind: PageKind::NotFound });
    if site.config.search {
        for (l, language) in site.languages.iter().enumerate() {
            jobs.push(PageJob { path: language.path("/search/"), kind: PageKind::Search(l) });
        }
    }

    let public = jobs.iter().filter(|j| j.kind.in_sitemap(site)).count();
    if public > sitemap_limit {
        let parts = public.div_ceil(sitemap_limit);
        jobs.push(PageJob { path: sitemap_path(0), kind: PageKind::SitemapIndex { parts } });
        jobs.extend(
            (1..=parts).map(|part| PageJob { path: sitemap_path(part), kind: PageKind::Sitemap { part, of: parts } }),
        );
    } else {
        jobs.push(PageJob { path: sitemap_path(0), kind: PageKind::Sitemap { part: 0, of: 0 } });
    }
    jobs.push(PageJob { path: "/news-sitemap.xml".into(), kind: PageKind::NewsSitemap });
    jobs.push(PageJob { path: "/robots.txt".into(), kind: PageKind::Robots });
    for scope in feed_scopes(site) {
        for &format in &scope.settings(site).formats {
            jobs.push(PageJob { path: feed_path(site, scope, format), kind: PageKind::Feed { scope, format } });
        }
    }
    jobs
}

/// Something that writes a file of the output: to find two that would write one file, or
/// one a file where the other needs a folder (`/atom.xml` and `/atom.xml/`), and to say
/// which of the two is at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer<'a> {
    Page(&'a PageJob),
    /// A static file, of the theme (`theme`) or of the site's `static/`.
    Static {
        rel: &'a str,
        theme: bool,
    },
    /// Attachment `index` of entry `entry`.
    Attachment {
        entry: usize,
        index: usize,
    },
    /// An image written beside entry `entry`'s page, from its body's link `link` (or one of
    /// the photo's smaller copies).
    Image {
        entry: usize,
        link: usize,
        copy: bool,
    },
}

impl Writer<'_> {
    /// Who keeps the file when two want it, lowest first: the site's own pages (listings,
    /// feeds, sitemaps), then notices' pages, then static files, then what a notice copies
    /// beside its page, and last aliases, which only redirect. The other one is at fault:
    /// the field that asked for the file is where the problem is reported.
    fn rank(self) -> u8 {
        match self {
            Writer::Page(job) => match job.kind {
                PageKind::Notice(_) => 1,
                PageKind::Alias(_) => 4,
                _ => 0,
            },
            Writer::Static { .. } => 2,
            Writer::Attachment { .. } | Writer::Image { .. } => 3,
        }
    }

    /// The notice whose field asked for the file, if one did.
    pub fn entry(self) -> Option<usize> {
        match self {
            Writer::Page(job) => match job.kind {
                PageKind::Notice(i) | PageKind::Alias(i) => Some(i),
                _ => None,
            },
            Writer::Static { .. } => None,
            Writer::Attachment { entry, .. } | Writer::Image { entry, .. } => Some(entry),
        }
    }
}

/// How a file clashes with the file of a writer before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash<'a> {
    /// Both write this very file.
    Same(Writer<'a>),
    /// The file would be inside a folder that is this other file.
    InFile(String, Writer<'a>),
    /// The file is a folder of this other file's.
    HoldsFolder(String, Writer<'a>),
}

/// One writer at fault: its file, and what that file clashes with.
#[derive(Debug)]
pub struct Blame<'a> {
    pub writer: Writer<'a>,
    pub file: String,
    pub clash: Clash<'a>,
}

/// Every writer whose file (relative to the output folder) clashes with that of a writer
/// that keeps it (see [`Writer::rank`]); one problem per writer at fault, in a stable order.
pub fn clashes<'a>(mut writers: Vec<(String, Writer<'a>)>) -> Vec<Blame<'a>> {
    use rustc_hash::FxHashMap;
    writers.sort_by_key(|(_, w)| w.rank());
    // Keys borrow from `writers`; values are positions in it.
    let mut files: FxHashMap<&str, usize> = FxHashMap::default();
    files.reserve(writers.len());
    // Each folder of the output, with one file inside it.
    let mut folders: FxHashMap<&str, usize> = FxHashMap::default();
    folders.reserve(writers.len());
    let mut found = Vec::new();
    for (at, (file, writer)) in writers.iter().enumerate() {
        let (file, writer) = (file.as_str(), *writer);
        let clash = if let Some(&other) = files.get(file) {
            let other = writers[other].1;
            // A notice may show a file it also attaches, and link one image twice.
            let shared = matches!(writer, Writer::Attachment { .. } | Writer::Image { .. })
                && matches!(other, Writer::Attachment { .. } | Writer::Image { .. })
                && writer.entry() == other.entry();
            if shared {
                continue;
            }
            Some(Clash::Same(other))
        } else if let Some(dir) = file.match_indices('/').map(|(i, _)| &file[..i]).find(|d| files.contains_key(*d)) {
            Some(Clash::InFile(dir.to_owned(), writers[files[dir]].1))
        } else {
            folders.get(file).map(|&inside| Clash::HoldsFolder(writers[inside].0.clone(), writers[inside].1))
        };
        match clash {
            Some(clash) => found.push(Blame { writer, file: file.to_owned(), clash }),
            None => {
                // Longest first: once one is known, so are those above it.
                for (i, _) in file.rmatch_indices('/') {
                    if folders.contains_key(&file[..i]) {
                        break;
                    }
                    folders.insert(&file[..i], at);
                }
                files.insert(file, at);
            }
        }
    }
    found
}

/// What `writer`'s file is, said to notice `own` (whose field is at fault), after "is":
/// `the address of content/meetings/b.md`.
pub fn what_is(site: &Site, writer: Writer, own: Option<usize>) -> String {
    let shown = |i: usize| site.entries[i].notice.shown.display().to_string();
    match writer {
        Writer::Page(job) => match job.kind {
            PageKind::Notice(j) if Some(j) == own => "this notice's own address".to_owned(),
            PageKind::Notice(j) => format!("the address of {}", shown(j)),
            PageKind::Alias(j) if Some(j) == own => "another alias of this notice".to_owned(),
            PageKind::Alias(j) => format!("an alias of {} too", shown(j)),
            kind => format!("the address of a page of the site ({})", kind.name().replace('_', " ")),
        },
        Writer::Static { rel, theme: true } => format!("the address of the theme's static file {rel}"),
        Writer::Static { rel, theme: false } => format!("the address of the static file static/{rel}"),
        Writer::Attachment { entry, index } => {
            let a = &site.entries[entry].notice.editorial.attachments[index];
            if Some(entry) == own {
                format!("the address of this notice's attachment `{}`", a.path)
            } else {
                format!("the address of the attachment `{}` of {}", a.path, shown(entry))
            }
        }
        Writer::Image { entry, link, copy } => {
            let n = &site.entries[entry].notice;
            let of = if Some(entry) == own { "this notice".to_owned() } else { shown(entry) };
            let what = if copy { "a smaller copy of the image" } else { "the image" };
            format!("the address of {what} `{}` of {of}", n.body.links[link].url)
        }
    }
}

/// The end of a message about `blame`, after its subject: `is the address of …`.
pub fn clash_phrase(site: &Site, blame: &Blame) -> String {
    let own = blame.writer.entry();
    match &blame.clash {
        Clash::Same(other) => format!("is {}", what_is(site, *other, own)),
        Clash::InFile(dir, other) => format!("would need a folder /{dir}, which is {}", what_is(site, *other, own)),
        Clash::HoldsFolder(inside, other) => {
            format!("would be a file where the site needs a folder, for /{inside}: {}", what_is(site, *other, own))
        }
    }
}

/// The problem with a page at fault, at the field that gives it its address: an alias at
/// `aliases`, a notice at its `slug` (when it has one). `None` for other writers.
pub fn page_problem(site: &Site, blame: &Blame) -> Option<crate::Diagnostic> {
    let Writer::Page(job) = blame.writer else { return None };
    let phrase = clash_phrase(site, blame);
    Some(match job.kind {
        PageKind::Alias(i) => {
            let n = &site.entries[i].notice;
            let (line, col) = n.editorial.aliases_at;
            crate::Diagnostic::file(&n.shown, format!("the alias {} {phrase}", job.path))
                .with_position(line, col)
                .with_hint("an alias is an old address that no page has any more; remove this one")
        }
        PageKind::Notice(i) => {
            let n = &site.entries[i].notice;
            let d = crate::Diagnostic::file(&n.shown, format!("the notice's address {} {phrase}", job.path));
            match n.slug_at {
                Some((line, col)) => d.with_position(line, col).with_hint("give the notice another `slug`"),
                None => d.with_hint("give the notice a `slug` of its own in its front matter"),
            }
        }
        // The model keeps its own pages apart; this says so if a mistake in it does not.
        _ => crate::Diagnostic::file(
            crate::content::CONTENT_DIR,
            format!("two pages would be written at {}", blame.file),
        )
        .with_hint("rename the notice, section or tag whose URL this is"),
    })
}

/// The writers of the pages of `jobs`.
pub fn page_writers(jobs: &[PageJob]) -> impl Iterator<Item = (String, Writer<'_>)> {
    jobs.iter().map(|j| (j.file(), Writer::Page(j)))
}

/// Aliases in the search index's folder: its files are known only once it is made, so its
/// whole folder is its own.
pub fn aliases_in_search_folder(site: &Site, jobs: &[PageJob]) -> Vec<crate::Diagnostic> {
    if !site.config.search {
        return Vec::new();
    }
    let folder = format!("/{SEARCH_DIR}/");
    jobs.iter()
        .filter(|j| j.path.starts_with(&folder))
        .filter_map(|job| {
            let PageKind::Alias(i) = job.kind else { return None };
            let n = &site.entries[i].notice;
            let (line, col) = n.editorial.aliases_at;
            Some(
                crate::Diagnostic::file(
                    &n.shown,
                    format!("the alias {} is in {folder}, where the search index is written", job.path),
                )
                .with_position(line, col)
                .with_hint("an alias is an old address that no page has any more; remove this one"),
            )
        })
        .collect()
}

/// The site path of the page a static file at `rel` would stand in for.
pub fn path_of_file(rel: &str) -> String {
    match rel.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{rel}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_scheme() {
        assert_eq!(page_path("/", 1), "/");
        assert_eq!(page_path("/", 2), "/page/2/");
        assert_eq!(page_path("/tags/a/", 3), "/tags/a/page/3/");
        for (count, per, pages) in [(0, 20, 1), (1, 20, 1), (20, 20, 1), (21, 20, 2), (41, 20, 3)] {
            assert_eq!(page_count(count, per), pages, "{count}/{per}");
        }
    }

    #[test]
    fn page_windows() {
        let show = |n, total| {
            page_window(n, total)
                .iter()
                .map(|p| p.map_or("…".to_owned(), |p| p.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (n, total, want) in [
            (1, 1, "1"),
            (1, 2, "1 2"),
            (1, 10, "1 2 3 … 10"),
            (4, 10, "1 2 3 4 5 6 … 10"),
            (5, 10, "1 … 3 4 5 6 7 … 10"),
            (10, 10, "1 … 8 9 10"),
            (250, 500, "1 … 248 249 250 251 252 … 500"),
        ] {
            assert_eq!(show(n, total), want, "{n}/{total}");
        }
    }

    #[test]
    fn clashes_are_found_by_file_and_folder_and_blamed_on_the_lower_ranked() {
        let jobs: Vec<PageJob> = [
            ("/", PageKind::NotFound),
            ("/atom.xml", PageKind::NotFound),
            ("/a/", PageKind::Notice(0)),
            ("/index.html", PageKind::Alias(0)),
            ("/atom.xml/", PageKind::Alias(0)),
            ("/a/index.html/", PageKind::Alias(1)),
            ("/b/", PageKind::Alias(1)),
            ("/b/", PageKind::Alias(2)),
            ("/c.html", PageKind::Alias(2)),
        ]
        .into_iter()
        .map(|(path, kind)| PageJob { path: path.into(), kind })
        .collect();
        let mut writers: Vec<(String, Writer)> = page_writers(&jobs).collect();
        writers.push(("c.html/x.pdf".into(), Writer::Attachment { entry: 3, index: 0 }));
        let found: Vec<(&str, String)> = clashes(writers)
            .iter()
            .map(|b| {
                let Writer::Page(job) = b.writer else { panic!("{b:?}") };
                let how = match &b.clash {
                    Clash::Same(Writer::Page(o)) => format!("same as {}", o.path),
                    Clash::InFile(f, _) => format!("in file {f}"),
                    Clash::HoldsFolder(f, _) => format!("holds {f}"),
                    other => format!("{other:?}"),
                };
                (job.path.as_str(), how)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("/index.html", "same as /".to_owned()),
                ("/atom.xml/", "in file atom.xml".into()),
                ("/a/index.html/", "in file a/index.html".into()),
                ("/b/", "same as /b/".into()),
                ("/c.html", "holds c.html/x.pdf".into()),
            ]
        );
    }

    #[test]
    fn files_of_pages() {
        for (path, file) in [("/", "index.html"), ("/a/b/", "a/b/index.html"), ("/404.html", "404.html")] {
            assert_eq!(PageJob { path: path.into(), kind: PageKind::NotFound }.file(), file);
            assert_eq!(path_of_file(file), path);
        }
        assert_eq!(path_of_file("style.css"), "/style.css");
        assert_eq!(path_of_file("a/myindex.html"), "/a/myindex.html");
    }
}
