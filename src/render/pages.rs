//! The data of each kind of page, described once as [`Node`]s: turned into the Tera context
//! to render a page, and hashed into the page's fingerprint to tell whether it changed.
//! Notice refs are computed once per build and shared by every listing that shows them.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;
use tera::{Context, Value};

use super::node::{Node, Resolve, hash_json};
use super::views::*;
use crate::plan::{PageJob, PageKind, page_count, page_path};
use crate::site::Site;

/// What rendering needs from the model, computed once per build.
pub struct PageData<'a> {
    pub site: &'a Site,
    pub urls: Urls,
    pub refs: Vec<NoticeRef>,
    ref_hashes: Vec<u64>,
    /// Tera values of the refs, made on first use: a small rebuild needs only a few.
    values: Vec<OnceLock<Value>>,
}

impl Resolve for PageData<'_> {
    fn ref_value(&self, i: usize) -> Value {
        self.values[i].get_or_init(|| Value::from_serializable(&self.refs[i])).clone()
    }

    fn notice_value(&self, i: usize) -> Value {
        let body = &self.site.entries[i].notice.body;
        Value::from_serializable(&NoticePage { base: &self.refs[i], content: &body.html, toc: &body.toc })
    }

    fn ref_hash(&self, i: usize) -> u64 {
        self.ref_hashes[i]
    }

    fn notice_hash(&self, i: usize) -> u64 {
        let mut h = DefaultHasher::new();
        (self.ref_hashes[i], self.site.entries[i].notice.body.hash).hash(&mut h);
        h.finish()
    }
}

impl<'a> PageData<'a> {
    pub fn new(site: &'a Site) -> Self {
        let urls = Urls::new(&site.config);
        let refs: Vec<NoticeRef> = site.entries.par_iter().map(|e| notice_ref(site, &urls, e)).collect();
        let ref_hashes = refs
            .par_iter()
            .map(|r| {
                let mut h = DefaultHasher::new();
                hash_json(r, &mut h);
                h.finish()
            })
            .collect();
        let values = (0..refs.len()).map(|_| OnceLock::new()).collect();
        PageData { site, urls, refs, ref_hashes, values }
    }

    /// The context `job` is rendered with.
    pub fn context(&self, job: &PageJob) -> Context {
        let mut cx = Context::new();
        for (name, node) in self.page(job) {
            cx.insert_value(name, node.to_value(self));
        }
        cx
    }

    /// A hash of everything `job` shows: equal fingerprints, equal pages (for one set of
    /// templates and one site, which `global` stands for).
    pub fn fingerprint(&self, job: &PageJob, global: u64) -> u64 {
        let mut h = DefaultHasher::new();
        (global, job.kind.template(), &job.path).hash(&mut h);
        for (name, node) in self.page(job) {
            name.hash(&mut h);
            node.hash(self, &mut h);
        }
        h.finish()
    }

    /// The variables of `job`'s template, by name.
    fn page(&self, job: &PageJob) -> Vec<(&'static str, Node)> {
        let site = self.site;
        let words = site.lang.words();
        let mut vars = Vec::new();
        let mut page = PageView {
            kind: job.kind.name(),
            url: self.urls.href(&job.path),
            permalink: self.urls.permalink(&job.path),
            title: String::new(),
            description: site.config.description.clone(),
            lang: site.config.language.clone(),
        };
        match job.kind {
            PageKind::Notice(i) => {
                let e = &site.entries[i];
                let r = &self.refs[i];
                page.title = r.title.clone();
                page.description = r.summary.clone();
                page.lang = r.lang.clone();
                vars.push(("notice", Node::Notice(i)));
                vars.push(("older", Node::OptRef(e.older)));
                vars.push(("newer", Node::OptRef(e.newer)));
                vars.push(("section", Node::data(&section_link(site, &self.urls, e.section))));
            }
            PageKind::Home { page: n } => {
                page.title = site.config.title.clone();
                let all: Vec<usize> = (0..site.entries.len()).collect();
                vars.push(("paginator", self.paginator("/", &all, n)));
                vars.push(("content", Node::data(&site.home_content)));
            }
            PageKind::Section { section, page: n } => {
                let s = &site.sections[section];
                page.title = s.title.clone();
                if let Some(d) = &s.description {
                    page.description = d.clone();
                }
                vars.push(("paginator", self.paginator(&format!("/{}/", s.slug), &s.entries, n)));
                vars.push(("section", Node::data(&section_link(site, &self.urls, section))));
                vars.push(("content", Node::data(&s.content)));
                vars.push(("extra", Node::Data(s.extra.clone())));
            }
            PageKind::TagIndex => {
                page.title = words.tags.to_owned();
                let tags: Vec<GroupView> = site.tags.iter().map(|t| self.group(t, "tags")).collect();
                vars.push(("tags", Node::data(&tags)));
            }
            PageKind::Tag { tag, page: n } => {
                let t = &site.tags[tag];
                page.title = t.name.clone();
                vars.push(("paginator", self.paginator(&format!("/tags/{}/", t.slug), &t.entries, n)));
                vars.push(("tag", Node::data(&self.group(t, "tags"))));
            }
            PageKind::PeopleIndex => {
                page.title = words.people.to_owned();
                vars.push(("people", Node::List((0..site.people.len()).map(|i| self.person(i, false)).collect())));
            }
            PageKind::Person(i) => {
                page.title = site.people[i].name.clone();
                vars.push(("person", self.person(i, true)));
            }
            PageKind::ArchiveIndex => {
                page.title = words.archive.to_owned();
                vars.push(("years", self.years()));
            }
            PageKind::ArchiveYear(i) => {
                page.title = format!("{} {}", words.archive, site.years[i].year);
                vars.push(("year", self.year(i, true)));
                vars.push(("years", self.years()));
            }
            PageKind::NotFound => {
                page.title = words.not_found_title.to_owned();
            }
        }
        vars.push(("page", Node::data(&page)));
        vars
    }

    /// Page `n` of the listing at `base` of `entries`.
    fn paginator(&self, base: &str, entries: &[usize], n: usize) -> Node {
        let per = self.site.config.paginate;
        let total = page_count(entries.len(), per);
        let start = ((n - 1) * per).min(entries.len());
        let end = (start + per).min(entries.len());
        let url = |p: usize| self.urls.href(&page_path(base, p));
        let meta = Paginator {
            number: n,
            total_pages: total,
            total_notices: entries.len(),
            first_url: url(1),
            last_url: url(total),
            previous_url: (n > 1).then(|| url(n - 1)),
            next_url: (n < total).then(|| url(n + 1)),
            label: self.site.lang.page_of(n, total),
            pages: (1..=total).map(|p| PageNumber { number: p, url: url(p), current: p == n }).collect(),
        };
        Node::With(to_json(&meta), vec![("notices", Node::Refs(entries[start..end].to_vec()))])
    }

    fn group(&self, g: &crate::site::Group, under: &str) -> GroupView {
        GroupView {
            name: g.name.clone(),
            slug: g.slug.clone(),
            url: self.urls.href(&format!("/{under}/{}/", g.slug)),
            count: g.entries.len(),
            count_text: self.site.lang.notices(g.entries.len()),
        }
    }

    fn person(&self, i: usize, with_notices: bool) -> Node {
        let p = &self.site.people[i];
        let meta = PersonView {
            name: &p.name,
            slug: &p.slug,
            url: self.urls.href(&format!("/people/{}/", p.slug)),
            authored_count: p.authored.len(),
            edited_count: p.edited.len(),
        };
        let list = |entries: &[usize]| Node::Refs(if with_notices { entries.to_vec() } else { Vec::new() });
        Node::With(to_json(&meta), vec![("authored", list(&p.authored)), ("edited", list(&p.edited))])
    }

    fn years(&self) -> Node {
        Node::List((0..self.site.years.len()).map(|i| self.year(i, false)).collect())
    }

    fn year(&self, i: usize, with_notices: bool) -> Node {
        let y = &self.site.years[i];
        let lang = self.site.lang;
        let meta = YearView {
            year: y.year,
            url: self.urls.href(&format!("/archive/{}/", y.year)),
            count: y.count(),
            count_text: lang.notices(y.count()),
        };
        let months = y
            .months
            .iter()
            .map(|m| {
                let meta = MonthView { month: m.month, name: lang.month(y.year, m.month), count: m.entries.len() };
                let notices = if with_notices { m.entries.clone() } else { Vec::new() };
                Node::With(to_json(&meta), vec![("notices", Node::Refs(notices))])
            })
            .collect();
        Node::With(to_json(&meta), vec![("months", Node::List(months))])
    }
}

fn to_json<T: serde::Serialize>(data: &T) -> serde_json::Value {
    serde_json::to_value(data).expect("page data serializes")
}
