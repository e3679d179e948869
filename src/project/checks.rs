//! Checks made before anything is written: where the output goes, and that static files do
//! not replace generated pages.

use std::path::{Component, Path, PathBuf};

use crate::plan::PageJob;
use crate::site::Site;
use crate::theme::{StaticSource, Theme};
use crate::{Diagnostic, Error, fs};

/// Why `output` may not be the output folder of the site at `root`, if it may not. The
/// output folder is replaced whole by each build, so it must not hold or sit among the
/// sources, hold the folder the command runs in, or be some other project's folder.
pub fn output_folder(root: &Path, output: &Path) -> Option<String> {
    let root_abs = absolute(root);
    let out_abs = absolute(output);
    let cwd = std::env::current_dir().map(|d| absolute(&d)).unwrap_or_default();
    let foreign = ["site.toml", ".git", "Cargo.toml", "content"].into_iter().find(|f| out_abs.join(f).exists());
    let is_file = std::fs::metadata(&out_abs).is_ok_and(|m| !m.is_dir());
    if is_file {
        Some("it is an existing file, not a folder; a build would replace it".to_owned())
    } else if out_abs == root_abs || root_abs.starts_with(&out_abs) {
        Some("the output folder contains the site's sources; a build replaces the output folder whole".to_owned())
    } else if let Some(dir) =
        ["content", "themes", "templates", "static"].iter().find(|dir| out_abs.starts_with(root_abs.join(dir)))
    {
        Some(format!("the output folder is inside {dir}/, among the sources"))
    } else if cwd.starts_with(&out_abs) {
        Some("the output folder contains the current folder; a build replaces the output folder whole".to_owned())
    } else {
        foreign.map(|f| {
            format!(
                "the output folder holds `{f}`, so it is not a site's output; a build replaces the output folder whole"
            )
        })
    }
}

/// `path` made absolute and without `.`/`..`, following symlinks where the path exists.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let joined = std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve the part that exists, so a symlinked parent compares equal to its target.
    match (out.parent().and_then(|p| p.canonicalize().ok()), out.file_name()) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => out,
    }
}

/// A static file may not replace a page Gazette writes.
pub fn statics(root: &Path, theme: &Theme, jobs: &[PageJob]) -> Result<(), Error> {
    let paths: std::collections::HashSet<&str> = jobs.iter().map(|j| j.path.as_str()).collect();
    let problems: Vec<Diagnostic> = theme
        .statics
        .iter()
        .filter(|(rel, _)| paths.contains(crate::plan::path_of_file(rel).as_str()))
        .map(|(rel, source)| {
            let shown = match source {
                StaticSource::Disk(p) => fs::shown(root, p.strip_prefix(root).unwrap_or(p)),
                StaticSource::Embedded(_) => PathBuf::from(format!("static/{rel}")),
            };
            Diagnostic::file(shown, format!("this static file would replace the page /{rel} that the site generates"))
                .with_hint("rename or remove the static file; pages come from templates")
        })
        .collect();
    if problems.is_empty() { Ok(()) } else { Err(Error::Site(problems)) }
}

/// Every file copied into the output: the theme's and site's static files, and each notice's
/// attachments beside its page. An attachment may not replace a page or a static file.
pub fn files(root: &Path, theme: &Theme, site: &Site, jobs: &[PageJob]) -> Result<Files, Error> {
    let mut files = theme.statics.clone();
    let pages: std::collections::HashSet<String> = jobs.iter().map(|j| j.file()).collect();
    let mut problems = Vec::new();
    let content = root.join(crate::content::CONTENT_DIR).canonicalize().ok();
    for e in &site.entries {
        for a in &e.notice.editorial.attachments {
            let rel = format!("{}{}", e.path.trim_start_matches('/'), a.path);
            if pages.contains(&rel) || files.contains_key(&rel) {
                problems.push(
                    Diagnostic::file(&e.notice.shown, format!("the attachment `{}` would replace /{rel}", a.path))
                        .with_hint("rename the attached file"),
                );
            } else {
                files.insert(rel, StaticSource::Disk(a.source.clone()));
            }
        }
        // Images written beside the notice (`![Alt](photo.jpg)`) go beside its page.
        for image in e.notice.body.links.iter().filter(|l| l.image) {
            let Some(rel) = image_beside(&image.url) else { continue };
            let folder = match e.notice.rel_path.rsplit_once('/') {
                Some((dir, _)) => root.join(crate::content::CONTENT_DIR).join(dir),
                None => root.join(crate::content::CONTENT_DIR),
            };
            // Only a file inside content/, links followed: nothing else of the machine.
            let Some(source) = folder.join(&rel).canonicalize().ok().filter(|s| s.is_file()) else { continue };
            if !content.as_ref().is_some_and(|c| source.starts_with(c)) {
                continue;
            }
            let out = format!("{}{rel}", e.path.trim_start_matches('/'));
            if pages.contains(&out) {
                problems.push(
                    Diagnostic::file(&e.notice.shown, format!("the image `{rel}` would replace /{out}"))
                        .with_position(image.line + e.notice.body_line - 1, image.col)
                        .with_hint("rename the image file"),
                );
            } else {
                files.entry(out).or_insert(StaticSource::Disk(source));
            }
        }
    }
    if problems.is_empty() { Ok(files) } else { Err(Error::Site(problems)) }
}

/// The path of an image beside its notice, relative to the notice's folder, as written in
/// `url` (percent-decoded); `None` for addresses elsewhere and for files that are not images.
fn image_beside(url: &str) -> Option<String> {
    const IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg"];
    let path = url.split(['?', '#']).next()?.trim();
    if path.is_empty()
        || path.starts_with('/')
        || path.contains(':')
        || path.starts_with(crate::markdown::INTERNAL_PREFIX)
    {
        return None;
    }
    let path = crate::check::percent_decode(path);
    let path = path.trim_start_matches("./");
    if path.split('/').any(|s| s.is_empty() || s == "." || s == "..") || path.contains('\\') {
        return None;
    }
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    IMAGES.contains(&ext.as_str()).then(|| path.to_owned())
}

/// Files copied into the output, by their path there.
pub type Files = std::collections::BTreeMap<String, StaticSource>;
