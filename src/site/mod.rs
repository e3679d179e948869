//! The site model: published notices in order (newest first, then by path) with their URLs,
//! and the indexes listings are made from: sections, tags, people, years and months.
//! Built from loaded content in one pass; pure data, no I/O.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;
use std::sync::Arc;

use crate::Diagnostic;

mod groups;
mod languages;
mod links;
pub mod publication;
mod sections;
use crate::config::Config;
use crate::content::{Content, Notice, PersonMeta};
use crate::i18n::Lang;
pub use publication::{Held, Status};

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// The site's own language's words and formats (those of `languages[0]`).
    pub lang: Lang,
    /// The languages the site is published in: its own first, then those of
    /// `[languages]`, each with its own part of the site.
    pub languages: Vec<Language>,
    /// The notices that have a page in this build, newest first (ties by path): published
    /// ones, withdrawn and expired ones (unlisted), and with drafts, drafts and embargoed ones.
    pub entries: Vec<Entry>,
    /// The entries listings, feeds, sitemaps and search show, newest first, in every
    /// language (each language's own are in its [`Language::listed`]).
    pub listed: Vec<usize>,
    /// Embargoed notices left out of this build, soonest first.
    pub held: Vec<Held>,
    /// The next moment after `now` when a notice's embargo lifts, or it expires or is
    /// withdrawn: the site built later would differ.
    pub next_change: Option<jiff::Timestamp>,
    pub sections: Vec<Section>,
    pub tags: Vec<Group>,
    pub people: Vec<Person>,
    /// Newest year first; months newest first.
    pub years: Vec<Year>,
    /// Drafts left out of this build.
    pub drafts_skipped: usize,
    /// The time the site is built as of: what "recent" is measured from.
    pub now: jiff::Timestamp,
}

/// A language the site is published in, and its part of the site.
#[derive(Debug)]
pub struct Language {
    /// The tag: the site's `language`, or a key of `[languages]`.
    pub code: String,
    pub lang: Lang,
    /// What its part's site paths start with: `""` for the site's own language,
    /// `/zh-Hans` for another.
    pub prefix: String,
    pub title: String,
    pub description: String,
    /// Its listed entries, newest first: what its home page and feed show.
    pub listed: Vec<usize>,
    /// Its home page's introduction, from `content/_index.md` (`_index.<tag>.md`).
    pub home_content: String,
}

impl Language {
    /// The site path `path` (such as `/tags/`) in this language's part of the site.
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }
}

/// A notice with its place in the site.
#[derive(Debug)]
pub struct Entry {
    pub notice: Arc<Notice>,
    pub slug: String,
    /// Its language, an index into `Site::languages`.
    pub language: usize,
    /// Site path of its page, e.g. `/meetings/work-conference/` (not percent-encoded).
    pub path: String,
    pub section: usize,
    pub status: Status,
    /// Its tags that have pages (an unlisted notice's tags may have none).
    pub tags: Vec<usize>,
    pub byline: Vec<usize>,
    pub editors: Vec<usize>,
    /// The next older and next newer listed notice in its section.
    pub older: Option<usize>,
    pub newer: Option<usize>,
    /// The entry this one translates, and the entries that translate this one.
    pub translation_of: Option<usize>,
    pub translations: Vec<usize>,
    /// Where its links by source path lead, in order.
    pub links: Vec<LinkTarget>,
}

/// Where a link by source path leads: the target entry, and the heading on its page.
pub type LinkTarget = (usize, Option<String>);

#[derive(Debug)]
pub struct Section {
    pub key: String,
    pub language: usize,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub order: Option<i64>,
    pub content: String,
    pub extra: serde_json::Value,
    /// Indexes into `entries`, newest first.
    pub entries: Vec<usize>,
}

/// A tag and its notices.
#[derive(Debug)]
pub struct Group {
    pub name: String,
    /// The identity [`key`] of the name.
    pub key: String,
    pub slug: String,
    pub language: usize,
    pub entries: Vec<usize>,
}

#[derive(Debug)]
pub struct Person {
    pub name: String,
    pub slug: String,
    pub language: usize,
    /// Listed notices only, newest first.
    pub authored: Vec<usize>,
    pub edited: Vec<usize>,
    /// Both, newest first: what the person's feed lists.
    pub notices: Vec<usize>,
    /// From the person's own file, if there is one.
    pub about: Option<PersonMeta>,
}

#[derive(Debug)]
pub struct Year {
    pub year: i16,
    pub language: usize,
    pub months: Vec<Month>,
}

#[derive(Debug)]
pub struct Month {
    pub month: i8,
    pub entries: Vec<usize>,
}

impl Year {
    pub fn count(&self) -> usize {
        self.months.iter().map(|m| m.entries.len()).sum()
    }
}

impl Site {
    /// Builds the model as of `now`; `drafts` keeps drafts and embargoed notices (marked).
    pub fn build(
        config: Config,
        content: &Content,
        drafts: bool,
        now: jiff::Timestamp,
    ) -> Result<Site, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let total = content.notices.len();
        // Sort compact keys, not the notices behind their pointers: one read of each notice.
        let mut order: Vec<(std::cmp::Reverse<jiff::Timestamp>, &str, usize)> = content
            .notices
            .iter()
            .enumerate()
            .filter(|(_, n)| Status::of(n, now).has_page(drafts))
            .map(|(i, n)| (std::cmp::Reverse(n.date), n.rel_path.as_str(), i))
            .collect();
        order.sort_unstable();
        let notices: Vec<Arc<Notice>> = order.iter().map(|&(_, _, i)| content.notices[i].clone()).collect();
        let held = if drafts { Vec::new() } else { publication::held(content, now) };
        let drafts_skipped = total - notices.len() - held.len();

        let lang = Lang::of(&config.language);
        let mode = config.slug_mode;
        let mut languages = languages::of(&config, content);
        let language_of = |n: &Notice| languages.iter().position(|l| l.code.eq_ignore_ascii_case(&n.lang)).unwrap_or(0);
        let notice_languages: Vec<usize> = notices.iter().map(|n| language_of(n)).collect();
        let mut sections = Vec::new();
        for l in 0..languages.len() {
            let own: Vec<&Arc<Notice>> =
                notices.iter().zip(&notice_languages).filter(|(_, nl)| **nl == l).map(|(n, _)| n).collect();
            sections.extend(sections::of(l, &own, &content.sections, &languages, &config, &mut problems));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let section_of: FxHashMap<(usize, &str), usize> =
            sections.iter().enumerate().map(|(i, s)| ((s.language, s.slug.as_str()), i)).collect();
        let slugs = notice_slugs(&notices);

        let mut entries: Vec<Entry> = notices
            .into_iter()
            .zip(slugs)
            .zip(notice_languages)
            .map(|((notice, slug), language)| {
                let section = section_of[&(language, notice.section_slug.as_str())];
                let path = languages[language].path(&config.permalinks.notice_path(
                    &sections[section].slug,
                    notice.day,
                    &slug,
                ));
                Entry {
                    status: Status::of(&notice, now),
                    notice,
                    slug,
                    language,
                    path,
                    section,
                    translation_of: None,
                    translations: vec![],
                    tags: vec![],
                    byline: vec![],
                    editors: vec![],
                    older: None,
                    newer: None,
                    links: vec![],
                }
            })
            .collect();
        check_unique_paths(&entries, &mut problems);
        publication::link_translations(&mut entries, content, &config.languages, &mut problems);
        links::resolve(&mut entries, content, now, &mut problems);

        // Tags and people are per language: each language's part has its own pages of them.
        // Only listed notices make tags; everyone credited on a page gets one of their own.
        let (mut tags, mut people) = (Vec::new(), Vec::new());
        for l in 0..languages.len() {
            let mut more = groups::group(
                &entries,
                |e| {
                    if e.language == l && e.status.listed() {
                        e.notice.tags.iter().zip(&e.notice.tag_keys).collect()
                    } else {
                        vec![]
                    }
                },
                "tag",
                mode,
                &mut problems,
            );
            more.iter_mut().for_each(|g| g.language = l);
            tags.extend(more);
            let mut more = groups::group(
                &entries,
                |e| {
                    let n = &e.notice;
                    if e.language != l {
                        return vec![];
                    }
                    n.byline.iter().zip(&n.byline_keys).chain(n.editors.iter().zip(&n.editor_keys)).collect()
                },
                "name",
                mode,
                &mut problems,
            );
            more.iter_mut().for_each(|g| g.language = l);
            people.extend(more);
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let tag_index = groups::index(&tags);
        let person_index = groups::index(&people);
        let about = about_people(&content.people, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut persons: Vec<Person> = people
            .iter()
            .map(|g| Person {
                name: g.name.clone(),
                slug: g.slug.clone(),
                language: g.language,
                authored: Vec::new(),
                edited: Vec::new(),
                notices: Vec::new(),
                about: about.get(g.key.as_str()).map(|p| (*p).clone()),
            })
            .collect();
        let mut listed = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter_mut().enumerate() {
            let l = e.language;
            e.tags = dedup(e.notice.tag_keys.iter().filter_map(|k| tag_index.get(&(l, k.as_str())).copied()));
            e.byline = dedup(e.notice.byline_keys.iter().map(|k| person_index[&(l, k.as_str())]));
            e.editors = dedup(e.notice.editor_keys.iter().map(|k| person_index[&(l, k.as_str())]));
            if !e.status.listed() {
                continue;
            }
            listed.push(i);
            languages[l].listed.push(i);
            e.byline.iter().for_each(|&p| persons[p].authored.push(i));
            e.editors.iter().for_each(|&p| persons[p].edited.push(i));
            // Entries come newest first, so each person's list stays in that order.
            for &p in e.byline.iter().chain(&e.editors) {
                if persons[p].notices.last() != Some(&i) {
                    persons[p].notices.push(i);
                }
            }
            sections[e.section].entries.push(i);
        }
        for s in &sections {
            for (pos, &i) in s.entries.iter().enumerate() {
                entries[i].newer = pos.checked_sub(1).map(|p| s.entries[p]);
                entries[i].older = s.entries.get(pos + 1).copied();
            }
        }
        let years = (0..languages.len()).flat_map(|l| years(&entries, &languages[l].listed, l)).collect();
        drop((tag_index, person_index));
        Ok(Site {
            config,
            lang,
            languages,
            entries,
            listed,
            held,
            next_change: publication::next_change(content, now),
            sections,
            tags,
            people: persons,
            years,
            drafts_skipped,
            now,
        })
    }

    /// Site paths of the model's pages.
    pub fn section_path(&self, i: usize) -> String {
        let s = &self.sections[i];
        self.languages[s.language].path(&format!("/{}/", s.slug))
    }

    pub fn tag_path(&self, i: usize) -> String {
        let t = &self.tags[i];
        self.languages[t.language].path(&format!("/tags/{}/", t.slug))
    }

    pub fn person_path(&self, i: usize) -> String {
        let p = &self.people[i];
        self.languages[p.language].path(&format!("/people/{}/", p.slug))
    }

    pub fn year_path(&self, i: usize) -> String {
        let y = &self.years[i];
        self.languages[y.language].path(&format!("/archive/{}/", y.year))
    }
}

fn dedup(items: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Each notice's slug: its front matter's, else its title's; a title with no usable
/// characters falls back to its date, with a counter when a section has several such.
fn notice_slugs(notices: &[Arc<Notice>]) -> Vec<String> {
    let mut slugs: Vec<String> =
        notices.iter().map(|n| n.slug.clone().unwrap_or_else(|| n.title_slug.clone())).collect();
    // Fallbacks are numbered in path order, so adding a newer notice does not renumber older ones.
    let mut fallback: Vec<usize> = (0..notices.len()).filter(|&i| slugs[i].is_empty()).collect();
    fallback.sort_by(|&a, &b| notices[a].rel_path.cmp(&notices[b].rel_path));
    let mut used: HashMap<(String, String), usize> = HashMap::new();
    for i in fallback {
        let n = &notices[i];
        let day = n.day.to_string();
        let count = used.entry((n.section_slug.clone(), day.clone())).or_insert(0);
        *count += 1;
        slugs[i] = if *count == 1 { day } else { format!("{day}-{count}") };
    }
    slugs
}

fn check_unique_paths(entries: &[Entry], problems: &mut Vec<Diagnostic>) {
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    seen.reserve(entries.len());
    if entries.iter().enumerate().all(|(i, e)| seen.insert(&e.path, i).is_none()) {
        return;
    }
    // Rare: find every clash and name all the files of each.
    let mut by_path: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by_path.entry(&e.path).or_default().push(e);
    }
    for (path, mut clash) in by_path {
        if clash.len() < 2 {
            continue;
        }
        clash.sort_by(|a, b| a.notice.rel_path.cmp(&b.notice.rel_path));
        let files: Vec<String> = clash.iter().map(|e| e.notice.shown.display().to_string()).collect();
        for e in &clash {
            let others: Vec<&str> =
                files.iter().filter(|f| **f != e.notice.shown.display().to_string()).map(String::as_str).collect();
            let mut d = Diagnostic::file(
                &e.notice.shown,
                format!("two notices would be written at {path}: this one and {}", others.join(", ")),
            )
            .with_hint("give one of them a different `slug` (or title) in its front matter");
            // A slug of its own makes the address: point at it.
            if let Some((line, col)) = e.notice.slug_at {
                d = d.with_position(line, col);
            }
            problems.push(d);
        }
    }
}

/// People's files by the identity key of their names; two files for one name is an error.
fn about_people<'a>(files: &'a [PersonMeta], problems: &mut Vec<Diagnostic>) -> FxHashMap<&'a str, &'a PersonMeta> {
    let mut by_key: FxHashMap<&str, &PersonMeta> = FxHashMap::default();
    for p in files {
        if let Some(first) = by_key.insert(&p.key, p) {
            problems.push(
                Diagnostic::file(&p.shown, format!("{} also describes `{}`", first.shown.display(), p.name))
                    .with_hint("keep one file per person"),
            );
        }
    }
    by_key
}

fn years(entries: &[Entry], listed: &[usize], language: usize) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for &i in listed {
        let d = entries[i].notice.day;
        if years.last().is_none_or(|y| y.year != d.year()) {
            years.push(Year { year: d.year(), language, months: Vec::new() });
        }
        let year = years.last_mut().expect("pushed above");
        if year.months.last().is_none_or(|m| m.month != d.month()) {
            year.months.push(Month { month: d.month(), entries: Vec::new() });
        }
        year.months.last_mut().expect("pushed above").entries.push(i);
    }
    years
}
