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
            theme.add_dir(root, &dir, &dir.join("templates"), &dir.join("static"), &mut problems);
        } else if name == BUILTIN {
            theme.add_builtin();
        } else {
            let shown = fs::shown(root, Path::new("themes").join(name));
            problems.push(
                Diagnostic::file(shown, format!("the theme `{name}` is not installed")).with_hint(available(root)),
            );
            return Err(problems);
        }
        theme.add_dir(root, root, &root.join("templates"), &root.join("static"), &mut problems);
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

    /// Adds the templates and static files under `templates` and `static`, which must be
    /// inside `base` (the site's or the theme's folder) and whose files must be inside them.
    fn add_dir(&mut self, root: &Path, base: &Path, templates: &Path, statics: &Path, problems: &mut Vec<Diagnostic>) {
        for (rel, path, shown) in files_under(root, base, templates, problems) {
            let read = fs::read_checked(&path).map_err(|e| fs::diagnostic(e, &shown));
            match read.and_then(|bytes| fs::decode_source(bytes, &shown)) {
                Ok(text) => {
                    self.templates.insert(rel, TemplateSource { shown, text });
                }
                Err(d) => problems.push(d),
            }
        }
        for (rel, path, _) in files_under(root, base, statics, problems) {
            self.statics.insert(rel, StaticSource::Disk(path));
        }
    }
}

/// Every file under `dir` (if it exists) as (`/`-separated relative path, real path, path
/// shown), sorted. Links are followed only when they stay inside `dir`, and `dir` only when
/// it stays inside `base`: a link to a file elsewhere on the machine, or to the site's own
/// files (site.toml, `.git`, `.gazette`), would publish it.
fn files_under(
    root: &Path,
    base: &Path,
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let shown = |path: &Path| fs::shown(root, path.strip_prefix(root).unwrap_or(path));
    let refused = |path: &Path, leads_out_of: &Path, why: fs::Refused| {
        let message = match why {
            fs::Refused::Outside(to) => format!(
                "this link leads out of {}/ (to {}); Gazette does not publish files from elsewhere",
                shown(leads_out_of).display(),
                to.display()
            ),
            fs::Refused::Private(folder) => {
                format!("this link leads into a `{folder}` folder, which is never published")
            }
            fs::Refused::Unreadable(e) => format!("could not read: {}", fs::io_reason(&e)),
        };
        Diagnostic::file(shown(path), message)
            .with_hint(format!("copy the file into {}/ instead of linking to it", shown(leads_out_of).display()))
    };
    if let Err(why) = fs::resolve_inside(dir, base) {
        problems.push(refused(dir, base, why));
        return out;
    }
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) if e.depth() > 0 && (e.file_type().is_file() || e.path_is_symlink()) => {
                match fs::resolve_inside(e.path(), dir) {
                    Ok(real) if e.file_type().is_file() => {
                        let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
                        out.push((rel, real, shown(e.path())));
                    }
                    Ok(_) => {}
                    Err(why) => {
                        if e.file_type().is_dir() {
                            walker.skip_current_dir();
                        }
                        problems.push(refused(e.path(), dir, why));
                    }
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                let reason = err.io_error().map(fs::io_reason).unwrap_or_else(|| "a symlink loop".into());
                problems.push(Diagnostic::file(shown(&path), format!("could not read: {reason}")));
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
