//! Loading the sources under `content/`: notices (one Markdown file each) and the
//! `_index.md` files that describe sections. Files are read and parsed in parallel; every
//! problem in every file is collected, none stops the others.

pub mod credits;
pub mod date;
pub mod editorial;
pub mod front_matter;
pub mod notice;
pub mod person;
pub mod refusals;
pub mod section;
pub mod source;
pub mod wire;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::markdown::Renderer;
use crate::{Diagnostic, fs};
pub use notice::Notice;
pub use person::PersonMeta;
pub use section::SectionMeta;

/// The folder of notices under a site's root.
pub const CONTENT_DIR: &str = "content";
/// The section of notices written directly in `content/`.
pub const DEFAULT_SECTION: &str = "news";
/// The file that describes a section (or, at the top, the home page).
pub const SECTION_FILE: &str = "_index.md";

/// Everything read from `content/`, ready for the site model.
#[derive(Debug, Default, Clone)]
pub struct Content {
    /// Every notice, drafts included, in path order.
    pub notices: Vec<Arc<Notice>>,
    /// Section descriptions, in path order. The key `""` is the home page.
    pub sections: Vec<SectionMeta>,
    /// People's own files, in path order.
    pub people: Vec<PersonMeta>,
}

/// What parsing needs besides the file: shared, read-only, built once per build.
pub struct LoadContext<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub renderer: &'a Renderer,
}

/// One parsed file under `content/`.
#[derive(Debug, Clone)]
pub enum Source {
    Notice(Arc<Notice>),
    Section(SectionMeta),
    Person(PersonMeta),
}

/// A file's source, or its problems.
type Parsed = Result<Source, Vec<Diagnostic>>;

/// The parsed files of `content/`, kept between rebuilds so that a change to one file
/// re-reads only that file.
#[derive(Debug, Default)]
pub struct Sources {
    files: BTreeMap<String, Parsed>,
    /// Problems met while listing the folder (unreadable folders, symlink loops).
    walk_problems: Vec<Diagnostic>,
}

impl Sources {
    /// Reads and parses every Markdown file under `root/content`.
    pub fn load(cx: &LoadContext) -> Sources {
        let mut sources = Sources::default();
        sources.rescan(cx, &[]);
        sources
    }

    /// Lists `content/` again: new files are read, vanished ones dropped, and the files in
    /// `changed` (paths under `content/`) read again.
    pub fn rescan(&mut self, cx: &LoadContext, changed: &[String]) {
        let (files, problems) = find_sources(cx.root, &cx.root.join(CONTENT_DIR));
        self.walk_problems = problems;
        let listed: BTreeSet<&String> = files.iter().collect();
        self.files.retain(|rel, _| listed.contains(rel));
        // A notice's attachments are read with it: a change beside it may change them.
        let has_attachments = |rel: &String| matches!(self.files.get(rel), Some(Ok(Source::Notice(n))) if !n.editorial.attachments.is_empty());
        let to_read: Vec<&String> = files
            .iter()
            .filter(|rel| !self.files.contains_key(*rel) || changed.contains(rel) || has_attachments(rel))
            .collect();
        let read: Vec<(String, Parsed)> = to_read.par_iter().map(|rel| ((*rel).clone(), load_one(cx, rel))).collect();
        self.files.extend(read);
    }

    /// Reads the files `changed` (paths under `content/`) again, or forgets those that are
    /// gone. Only Markdown files count; anything else asks for [`Sources::rescan`].
    pub fn reload(&mut self, cx: &LoadContext, changed: &[String]) {
        let dir = cx.root.join(CONTENT_DIR);
        let read: Vec<(String, Option<Parsed>)> = changed
            .par_iter()
            .map(|rel| {
                let exists = dir.join(rel).is_file();
                (rel.clone(), exists.then(|| load_one(cx, rel)))
            })
            .collect();
        for (rel, result) in read {
            match result {
                Some(r) => self.files.insert(rel, r),
                None => self.files.remove(&rel),
            };
        }
    }

    /// The notice read from `rel`, if it was read without problems.
    pub fn notice(&self, rel: &str) -> Option<Arc<Notice>> {
        match self.files.get(rel)? {
            Ok(Source::Notice(n)) => Some(n.clone()),
            _ => None,
        }
    }

    /// The notices read without problems, in path order.
    pub fn notices(&self) -> Vec<Arc<Notice>> {
        self.files
            .values()
            .filter_map(|r| match r {
                Ok(Source::Notice(n)) => Some(n.clone()),
                _ => None,
            })
            .collect()
    }

    /// The people's files read without problems, in path order.
    pub fn people(&self) -> Vec<PersonMeta> {
        self.files
            .values()
            .filter_map(|r| match r {
                Ok(Source::Person(p)) => Some(p.clone()),
                _ => None,
            })
            .collect()
    }

    /// The content, or every problem in it.
    pub fn content(&self) -> Result<Content, Vec<Diagnostic>> {
        let mut content = Content::default();
        let mut problems = self.walk_problems.clone();
        for result in self.files.values() {
            match result {
                Ok(Source::Notice(n)) => content.notices.push(n.clone()),
                Ok(Source::Section(s)) => content.sections.push(s.clone()),
                Ok(Source::Person(p)) => content.people.push(p.clone()),
                Err(ds) => problems.extend(ds.iter().cloned()),
            }
        }
        if problems.is_empty() { Ok(content) } else { Err(problems) }
    }
}

fn load_one(cx: &LoadContext, rel: &str) -> Parsed {
    let shown = fs::shown(cx.root, Path::new(CONTENT_DIR).join(rel));
    let text = fs::read_source(&cx.root.join(CONTENT_DIR).join(rel), &shown).map_err(|d| vec![d])?;
    if is_section_file(rel, &cx.config.languages) {
        section::parse(rel, &shown, &text, cx).map(Source::Section)
    } else if person::is_person_file(rel) {
        person::parse(&shown, &text, cx).map(Source::Person)
    } else {
        notice::parse(rel, &shown, &text, cx).map(|n| Source::Notice(Arc::new(n)))
    }
}

/// Whether `rel` describes a section (or the home page): `_index.md`, or `_index.<tag>.md`
/// for one of the site's other languages.
pub fn is_section_file(rel: &str, languages: &[crate::config::Language]) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name == SECTION_FILE || (name.starts_with("_index.") && crate::config::languages::of_file(rel, languages).is_some())
}

/// The Markdown files under `dir`, as `/`-separated paths relative to it, sorted. Hidden
/// files and folders (and editors' lock files, which are hidden) are skipped.
fn find_sources(root: &Path, dir: &Path) -> (Vec<String>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        problems.push(
            Diagnostic::file(fs::shown(root, CONTENT_DIR), "the content folder is missing")
                .with_hint("notices are Markdown files under content/; `gazette init DIR` writes an example site"),
        );
        return (files, problems);
    }
    // Links are followed, but only to files and folders inside the site's folder (as for
    // attachments): nothing else of the machine may be published by a link put there.
    let inside = root.canonicalize().ok();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.path_is_symlink()
                    && !path.canonicalize().ok().zip(inside.as_ref()).is_some_and(|(p, c)| p.starts_with(c))
                {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    let is_source = entry.file_type().is_dir() || path.extension().is_some_and(|e| e == "md");
                    if is_source {
                        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                        problems.push(
                            Diagnostic::file(fs::shown(root, rel), "this link leads out of the site's folder; Gazette does not publish files from elsewhere")
                                .with_hint("copy the notices into content/ instead of linking to them")
                        );
                    }
                    continue;
                }
                if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "md") {
                    let rel = path.strip_prefix(dir).unwrap_or(path);
                    match rel.to_str() {
                        Some(s) => files.push(s.replace('\\', "/")),
                        None => problems.push(Diagnostic::file(
                            fs::shown(root, PathBuf::from(CONTENT_DIR).join(rel)),
                            "the file name is not valid UTF-8",
                        )),
                    }
                }
            }
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                let message = if err.loop_ancestor().is_some() {
                    "this link points back to a folder that contains it (a symlink loop)".to_owned()
                } else {
                    match err.io_error() {
                        Some(io) => format!("could not read: {}", fs::io_reason(io)),
                        None => err.to_string(),
                    }
                };
                let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                problems.push(Diagnostic::file(fs::shown(root, rel), message));
            }
        }
    }
    files.sort();
    (files, problems)
}

/// The section a notice at `rel` belongs to when its front matter does not say: the first
/// folder under `content/`, or [`DEFAULT_SECTION`] for a file directly in it.
pub fn section_of(rel: &str) -> &str {
    match rel.split_once('/') {
        Some((first, _)) => first,
        None => DEFAULT_SECTION,
    }
}
