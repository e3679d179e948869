//! The plan: every page the site will have, as a list of jobs computed from the model
//! alone. Pagination is decided here; rendering a job depends only on the job and the site.

use crate::site::Site;

/// What a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Notice(usize),
    /// Page `page` (1-based) of the home listing.
    Home {
        page: usize,
    },
    Section {
        section: usize,
        page: usize,
    },
    TagIndex,
    Tag {
        tag: usize,
        page: usize,
    },
    PeopleIndex,
    Person(usize),
    ArchiveIndex,
    ArchiveYear(usize),
    NotFound,
}

impl PageKind {
    /// The template that renders this kind of page.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Notice(_) => "notice.html",
            PageKind::Home { .. } => "index.html",
            PageKind::Section { .. } => "section.html",
            PageKind::TagIndex => "tags.html",
            PageKind::Tag { .. } => "tag.html",
            PageKind::PeopleIndex => "people.html",
            PageKind::Person(_) => "person.html",
            PageKind::ArchiveIndex => "archive.html",
            PageKind::ArchiveYear(_) => "archive_year.html",
            PageKind::NotFound => "404.html",
        }
    }

    /// The name templates see as `page.kind`.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Notice(_) => "notice",
            PageKind::Home { .. } => "home",
            PageKind::Section { .. } => "section",
            PageKind::TagIndex => "tags",
            PageKind::Tag { .. } => "tag",
            PageKind::PeopleIndex => "people",
            PageKind::Person(_) => "person",
            PageKind::ArchiveIndex => "archive",
            PageKind::ArchiveYear(_) => "archive_year",
            PageKind::NotFound => "404",
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
    "archive.html",
    "archive_year.html",
    "404.html",
];

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
        let rel = self.path.trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() }
    }
}

/// Site path of page `page` of the listing at `base` (`/`, `/meetings/`): page 1 is the
/// listing itself, page N is `{base}page/N/`.
pub fn page_path(base: &str, page: usize) -> String {
    if page <= 1 { base.to_owned() } else { format!("{base}page/{page}/") }
}

/// How many pages a listing of `count` notices takes; an empty listing still has one.
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// Every page of `site`, in a stable order.
pub fn plan(site: &Site) -> Vec<PageJob> {
    let per = site.config.paginate;
    let mut jobs = Vec::new();
    let mut listing = |base: &str, count: usize, kind: &dyn Fn(usize) -> PageKind| {
        for page in 1..=page_count(count, per) {
            jobs.push(PageJob { path: page_path(base, page), kind: kind(page) });
        }
    };
    listing("/", site.entries.len(), &|page| PageKind::Home { page });
    for (i, s) in site.sections.iter().enumerate() {
        listing(&format!("/{}/", s.slug), s.entries.len(), &|page| PageKind::Section { section: i, page });
    }
    for (i, t) in site.tags.iter().enumerate() {
        listing(&format!("/tags/{}/", t.slug), t.entries.len(), &|page| PageKind::Tag { tag: i, page });
    }
    jobs.extend(
        site.entries.iter().enumerate().map(|(i, e)| PageJob { path: e.path.clone(), kind: PageKind::Notice(i) }),
    );
    jobs.push(PageJob { path: "/tags/".into(), kind: PageKind::TagIndex });
    jobs.push(PageJob { path: "/people/".into(), kind: PageKind::PeopleIndex });
    jobs.extend(
        site.people
            .iter()
            .enumerate()
            .map(|(i, p)| PageJob { path: format!("/people/{}/", p.slug), kind: PageKind::Person(i) }),
    );
    jobs.push(PageJob { path: "/archive/".into(), kind: PageKind::ArchiveIndex });
    jobs.extend(
        site.years
            .iter()
            .enumerate()
            .map(|(i, y)| PageJob { path: format!("/archive/{}/", y.year), kind: PageKind::ArchiveYear(i) }),
    );
    jobs.push(PageJob { path: "/404.html".into(), kind: PageKind::NotFound });
    jobs
}

/// The first output file two jobs would both write, if any. The model prevents this; the
/// check keeps a mistake in it from silently dropping a page.
pub fn first_clash(jobs: &[PageJob]) -> Option<String> {
    let mut seen = std::collections::HashSet::with_capacity(jobs.len());
    jobs.iter().map(PageJob::file).find(|f| !seen.insert(f.clone()))
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
    fn clashes_are_found() {
        let job = |path: &str| PageJob { path: path.into(), kind: PageKind::NotFound };
        assert_eq!(first_clash(&[job("/a/"), job("/b/")]), None);
        assert_eq!(first_clash(&[job("/a/"), job("/b/"), job("/a/")]), Some("a/index.html".into()));
    }

    #[test]
    fn files_of_pages() {
        for (path, file) in [("/", "index.html"), ("/a/b/", "a/b/index.html"), ("/404.html", "404.html")] {
            assert_eq!(PageJob { path: path.into(), kind: PageKind::NotFound }.file(), file);
        }
    }
}
