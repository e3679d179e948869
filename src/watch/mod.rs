//! What a change on disk means for the site: each path the watcher reports is classified
//! (content, template, static file, configuration, or nothing of ours), and a batch of them
//! becomes one [`Change`] for [`crate::project::Project::rebuild`]; and which files show that
//! the output folder was deleted. Pure: no I/O, so the rules are tested as tables; the event
//! loop around them stays thin.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::CONTENT_DIR;
use crate::project::Change;

mod events;
pub use events::Watcher;

/// Where things are in one site.
#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
    pub output: PathBuf,
    pub theme: String,
}

/// What one changed path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A Markdown file under `content/`, by its path there.
    Content(String),
    /// Anything else under `content/`: a folder moved or removed, say.
    ContentOther,
    Template,
    Static,
    Config,
    /// The output folder, editors' temporary files, other themes, version control.
    Ignored,
}

impl Layout {
    pub fn classify(&self, path: &Path) -> Kind {
        if path.starts_with(&self.output) {
            return Kind::Ignored;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else { return Kind::Ignored };
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        if parts.is_empty() || parts.iter().any(|p| p.starts_with('.')) || is_editor_file(parts[parts.len() - 1]) {
            return Kind::Ignored;
        }
        match parts.as_slice() {
            ["site.toml"] => Kind::Config,
            [CONTENT_DIR, rest @ ..] if !rest.is_empty() && rest[rest.len() - 1].ends_with(".md") => {
                Kind::Content(rest.join("/"))
            }
            [CONTENT_DIR, ..] => Kind::ContentOther,
            ["templates", ..] => Kind::Template,
            ["static", ..] => Kind::Static,
            ["themes", theme, "templates", ..] if *theme == self.theme => Kind::Template,
            ["themes", theme, "static", ..] if *theme == self.theme => Kind::Static,
            // The theme's folder itself appearing or vanishing changes which theme is used.
            ["themes", theme] if *theme == self.theme => Kind::Template,
            _ => Kind::Ignored,
        }
    }

    /// One change for a batch of changed paths.
    pub fn change<'a>(&self, paths: impl IntoIterator<Item = &'a Path>) -> Change {
        let mut change = Change::default();
        for path in paths {
            match self.classify(path) {
                Kind::Content(rel) => {
                    if !change.content.contains(&rel) {
                        change.content.push(rel);
                    }
                }
                Kind::ContentOther => change.rescan = true,
                Kind::Template => {
                    change.templates = true;
                    change.statics = true;
                }
                Kind::Static => change.statics = true,
                Kind::Config => change.config = true,
                Kind::Ignored => {}
            }
        }
        change.content.sort();
        change
    }
}

/// The files (relative to the output folder) whose absence shows that the output folder, or a
/// part of it, was deleted behind our back: for each entry at the folder's top, its
/// shallowest file, so `rm -r public`, `rm -r public/news` and `rm -r public/news/*` are all
/// seen. A few dozen files to look at, however large the site, from `files`, what the last
/// build wrote.
pub fn witnesses(files: impl IntoIterator<Item = String>) -> Vec<String> {
    let depth = |f: &str| f.matches('/').count();
    let mut best: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        let top = file.split('/').next().unwrap_or_default().to_owned();
        match best.get(&top) {
            Some(b) if (depth(b), b.as_str()) <= (depth(&file), file.as_str()) => {}
            _ => {
                best.insert(top, file);
            }
        }
    }
    best.into_values().collect()
}

/// Files editors and systems write beside the ones being edited.
fn is_editor_file(name: &str) -> bool {
    name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_")
        || name == "4913"
        || name == "Thumbs.db"
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".crdownload", ".part"].iter().any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout { root: "/site".into(), output: "/site/public".into(), theme: "bureau".into() }
    }

    #[test]
    fn classifies_paths() {
        let cases = [
            ("/site/site.toml", Kind::Config),
            ("/site/content/news/a.md", Kind::Content("news/a.md".into())),
            ("/site/content/a.md", Kind::Content("a.md".into())),
            ("/site/content/news/_index.md", Kind::Content("news/_index.md".into())),
            ("/site/content/news", Kind::ContentOther),
            ("/site/content/news/photo.jpg", Kind::ContentOther),
            ("/site/templates/notice.html", Kind::Template),
            ("/site/themes/bureau/templates/base.html", Kind::Template),
            ("/site/themes/bureau", Kind::Template),
            ("/site/themes/other/templates/base.html", Kind::Ignored),
            ("/site/static/logo.svg", Kind::Static),
            ("/site/themes/bureau/static/style.css", Kind::Static),
            ("/site/public/index.html", Kind::Ignored),
            ("/site/public", Kind::Ignored),
            ("/site/README.md", Kind::Ignored),
            ("/elsewhere/x.md", Kind::Ignored),
            // Editors' and systems' files.
            ("/site/content/news/.a.md.swp", Kind::Ignored),
            ("/site/content/news/a.md.swp", Kind::Ignored),
            ("/site/content/news/a.md~", Kind::Ignored),
            ("/site/content/news/#a.md#", Kind::Ignored),
            ("/site/content/news/.#a.md", Kind::Ignored),
            ("/site/content/news/a.md___jb_tmp___", Kind::Ignored),
            ("/site/content/news/4913", Kind::Ignored),
            ("/site/content/.DS_Store", Kind::Ignored),
            ("/site/.git/index", Kind::Ignored),
            ("/site/content/.hidden/a.md", Kind::Ignored),
        ];
        for (path, want) in cases {
            assert_eq!(layout().classify(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn an_output_folder_elsewhere_is_ignored_too() {
        let l = Layout { output: "/site/content/../www".into(), ..layout() };
        assert_eq!(l.classify(Path::new("/site/content/../www/x.html")), Kind::Ignored);
    }

    #[test]
    fn watches_the_shallowest_file_of_each_top_entry_of_the_output() {
        let files = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let cases: &[(&[&str], &[&str])] = &[
            (&[], &[]),
            (&["index.html"], &["index.html"]),
            (
                &[
                    "news/a/index.html",
                    "index.html",
                    "news/index.html",
                    "news/b/index.html",
                    "style.css",
                    "tags/x/page/2/index.html",
                    "tags/x/index.html",
                    "images/b.png",
                    "images/a.png",
                ],
                &["images/a.png", "index.html", "news/index.html", "style.css", "tags/x/index.html"],
            ),
            // The same whatever the order the record lists them in.
            (&["news/b/index.html", "news/a/index.html"], &["news/a/index.html"]),
            (&["李阳/index.html", "a.txt"], &["a.txt", "李阳/index.html"]),
        ];
        for (written, want) in cases {
            assert_eq!(witnesses(files(written)), files(want), "{written:?}");
        }
    }

    #[test]
    fn plans_one_change_for_a_batch() {
        let cases: &[(&[&str], Change)] = &[
            (&[], Change::default()),
            (
                // An atomic save: a temporary file renamed over the notice.
                &["/site/content/news/.a.md.tmp", "/site/content/news/a.md", "/site/content/news/a.md"],
                Change { content: vec!["news/a.md".into()], ..Change::default() },
            ),
            (
                &["/site/content/b.md", "/site/content/a.md"],
                Change { content: vec!["a.md".into(), "b.md".into()], ..Change::default() },
            ),
            (&["/site/content/old-folder"], Change { rescan: true, ..Change::default() }),
            (&["/site/static/x.css"], Change { statics: true, ..Change::default() }),
            (&["/site/templates/base.html"], Change { templates: true, statics: true, ..Change::default() }),
            (
                &["/site/site.toml", "/site/content/a.md"],
                Change { config: true, content: vec!["a.md".into()], ..Change::default() },
            ),
            (&["/site/public/index.html", "/site/content/a.md~"], Change::default()),
        ];
        for (paths, want) in cases {
            assert_eq!(&layout().change(paths.iter().map(Path::new)), want, "{paths:?}");
        }
    }
}
