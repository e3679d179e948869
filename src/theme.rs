//! Themes: the templates and static files a site is rendered with. A site's `templates/`
//! and `static/` override its theme's one file at a time. The `bureau` theme is built into
//! the binary, so a site without a `themes/bureau/` folder still builds, and `gazette init`
//! writes it out for editing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{Diagnostic, fs};

/// A template's source and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub shown: PathBuf,
    pub text: String,
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Disk(PathBuf),
    Embedded(&'static [u8]),
    /// Made by the build: a photo's copy that could not be kept in the cache.
    Owned(std::sync::Arc<[u8]>),
}

/// Templates by name (`notice.html`, `partials/x.html`) and static files by output path.
#[derive(Debug, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, TemplateSource>,
    pub statics: BTreeMap<String, StaticSource>,
}

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../themes/bureau/", $path)))),*]
    };
}

/// The `bureau` theme's files, relative to `themes/bureau/`.
pub const BUREAU: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/components.html",
    "templates/index.html",
    "templates/notice.html",
    "templates/section.html",
    "templates/tags.html",
    "templates/tag.html",
    "templates/people.html",
    "templates/person.html",
    "templates/person_notices.html",
    "templates/archive.html",
    "templates/archive_year.html",
    "templates/404.html",
    "templates/search.html",
    "templates/shortcodes/figure.html",
    "templates/shortcodes/note.html",
    "templates/shortcodes/contact.html",
    "templates/shortcodes/video.html",
    "static/style.css",
    "static/favicon.svg",
];

pub const BUILTIN: &str = "bureau";

impl Theme {
    /// Loads theme `name` for the site at `root`, then the site's own overrides.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::default();
        let mut problems = Vec::new();
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            theme.add_dir(root, &dir.join("templates"), &dir.join("static"), &mut problems);
        } else if name == BUILTIN {
            theme.add_builtin();
        } else {
            let shown = fs::shown(root, Path::new("themes").join(name));
            problems.push(
                Diagnostic::file(shown, format!("the theme `{name}` is not installed")).with_hint(available(root)),
            );
            return Err(problems);
        }
        theme.add_dir(root, &root.join("templates"), &root.join("static"), &mut problems);
        if problems.is_empty() { Ok(theme) } else { Err(problems) }
    }

    fn add_builtin(&mut self) {
        for (path, bytes) in BUREAU {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                let shown = PathBuf::from(format!("(built-in theme {BUILTIN})/{path}"));
                self.templates.insert(name.to_owned(), TemplateSource { shown, text });
            } else if let Some(name) = path.strip_prefix("static/") {
                self.statics.insert(name.to_owned(), StaticSource::Embedded(bytes));
            }
        }
    }

    fn add_dir(&mut self, root: &Path, templates: &Path, statics: &Path, problems: &mut Vec<Diagnostic>) {
        for (rel, path) in files_under(root, templates, problems) {
            let shown = fs::shown(root, path.strip_prefix(root).unwrap_or(&path));
            match fs::read_source(&path, &shown) {
                Ok(text) => {
                    self.templates.insert(rel, TemplateSource { shown, text });
                }
                Err(d) => problems.push(d),
            }
        }
        for (rel, path) in files_under(root, statics, problems) {
            self.statics.insert(rel, StaticSource::Disk(path));
        }
    }
}

/// Every file under `dir` (if it exists) as (`/`-separated relative path, full path), sorted.
fn files_under(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
                out.push((rel, e.path().to_path_buf()));
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                let shown = fs::shown(root, path.strip_prefix(root).unwrap_or(&path));
                let reason = err.io_error().map(fs::io_reason).unwrap_or_else(|| "a symlink loop".into());
                problems.push(Diagnostic::file(shown, format!("could not read: {reason}")));
            }
        }
    }
    out
}

fn available(root: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    if !names.contains(&BUILTIN.to_owned()) {
        names.insert(0, format!("{BUILTIN} (built in)"));
    }
    format!("set `theme` in site.toml to one of: {}", names.join(", "))
}

/// Writes the built-in theme's files under `dir` (`templates/…`, `static/…`).
pub fn write_builtin(dir: &Path) -> Result<(), crate::Error> {
    for (path, bytes) in BUREAU {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of themes/bureau is embedded, so the built-in theme is the one in the repository.
    #[test]
    fn builtin_theme_embeds_every_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/bureau");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = BUREAU.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }
}
