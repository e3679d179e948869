//! The context of each kind of page. Notice refs are computed once per build and shared by
//! every listing that shows them.

use rayon::prelude::*;
use tera::{Context, Value};

use super::views::*;
use crate::plan::{PageJob, PageKind, page_count, page_path};
use crate::site::Site;

/// What rendering needs from the model, computed once per build.
pub struct PageData<'a> {
    pub site: &'a Site,
    pub urls: Urls,
    pub refs: Vec<NoticeRef>,
    values: Vec<Value>,
}

impl<'a> PageData<'a> {
    pub fn new(site: &'a Site) -> Self {
        let urls = Urls::new(site);
        let refs: Vec<NoticeRef> = site.entries.par_iter().map(|e| notice_ref(site, &urls, e)).collect();
        let values = refs.par_iter().map(Value::from_serializable).collect();
        PageData { site, urls, refs, values }
    }

    fn values(&self, indexes: &[usize]) -> Vec<Value> {
        indexes.iter().map(|&i| self.values[i].clone()).collect()
    }

    /// The context `job` is rendered with.
    pub fn context(&self, job: &PageJob) -> Context {
        let site = self.site;
        let words = site.lang.words();
        let mut cx = Context::new();
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
                cx.insert("notice", &NoticePage { base: r, content: &e.notice.body.html, toc: &e.notice.body.toc });
                cx.insert_value("older", e.older.map(|o| self.values[o].clone()).into());
                cx.insert_value("newer", e.newer.map(|n| self.values[n].clone()).into());
                cx.insert("section", &section_link(site, &self.urls, e.section));
            }
            PageKind::Home { page: n } => {
                page.title = site.config.title.clone();
                let all: Vec<usize> = (0..site.entries.len()).collect();
                cx.insert_value("paginator", self.paginator("/", &all, n));
                cx.insert("content", &site.home_content);
            }
            PageKind::Section { section, page: n } => {
                let s = &site.sections[section];
                page.title = s.title.clone();
                if let Some(d) = &s.description {
                    page.description = d.clone();
                }
                cx.insert_value("paginator", self.paginator(&format!("/{}/", s.slug), &s.entries, n));
                cx.insert("section", &section_link(site, &self.urls, section));
                cx.insert("content", &s.content);
                cx.insert("extra", &s.extra);
            }
            PageKind::TagIndex => {
                page.title = words.tags.to_owned();
                let tags: Vec<GroupView> = site.tags.iter().map(|t| self.group(t, "tags")).collect();
                cx.insert("tags", &tags);
            }
            PageKind::Tag { tag, page: n } => {
                let t = &site.tags[tag];
                page.title = t.name.clone();
                cx.insert_value("paginator", self.paginator(&format!("/tags/{}/", t.slug), &t.entries, n));
                cx.insert("tag", &self.group(t, "tags"));
            }
            PageKind::PeopleIndex => {
                page.title = words.people.to_owned();
                let people: Vec<PersonView> = (0..site.people.len()).map(|i| self.person(i, false)).collect();
                cx.insert("people", &people);
            }
            PageKind::Person(i) => {
                page.title = site.people[i].name.clone();
                cx.insert("person", &self.person(i, true));
            }
            PageKind::ArchiveIndex => {
                page.title = words.archive.to_owned();
                let years: Vec<YearView> = (0..site.years.len()).map(|i| self.year(i, false)).collect();
                cx.insert("years", &years);
            }
            PageKind::ArchiveYear(i) => {
                page.title = format!("{} {}", words.archive, site.years[i].year);
                cx.insert("year", &self.year(i, true));
                let years: Vec<YearView> = (0..site.years.len()).map(|i| self.year(i, false)).collect();
                cx.insert("years", &years);
            }
            PageKind::NotFound => {
                page.title = words.not_found_title.to_owned();
            }
        }
        cx.insert("page", &page);
        cx
    }

    /// Page `n` of the listing at `base` of `entries`.
    fn paginator(&self, base: &str, entries: &[usize], n: usize) -> Value {
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
        let mut map = Value::from_serializable(&meta).into_map().expect("a struct serializes to a map");
        map.insert("notices".into(), Value::from(self.values(&entries[start..end])));
        Value::from(map)
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

    fn person(&self, i: usize, with_notices: bool) -> PersonView<'_> {
        let p = &self.site.people[i];
        PersonView {
            name: &p.name,
            slug: &p.slug,
            url: self.urls.href(&format!("/people/{}/", p.slug)),
            authored_count: p.authored.len(),
            edited_count: p.edited.len(),
            authored: if with_notices { self.values(&p.authored) } else { vec![] },
            edited: if with_notices { self.values(&p.edited) } else { vec![] },
        }
    }

    fn year(&self, i: usize, with_notices: bool) -> YearView {
        let y = &self.site.years[i];
        let lang = self.site.lang;
        YearView {
            year: y.year,
            url: self.urls.href(&format!("/archive/{}/", y.year)),
            count: y.count(),
            count_text: lang.notices(y.count()),
            months: y
                .months
                .iter()
                .map(|m| MonthView {
                    month: m.month,
                    name: lang.month(y.year, m.month),
                    count: m.entries.len(),
                    notices: if with_notices { self.values(&m.entries) } else { vec![] },
                })
                .collect(),
        }
    }
}
