//! Checks made before anything is written: where the output goes, and that static files do
//! not replace generated pages.

use std::path::{Component, Path, PathBuf};

use crate::images::Beside;
use crate::plan::{self, Blame, Clash, PageJob, Writer};
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
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| absolute(Path::new(&h)));
    if let Some(problem) = never_output(&out_abs, home.as_deref()) {
        return Some(problem);
    }
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

/// Why the folder `out` (absolute, links resolved) can never be an output folder, whatever it
/// holds: the file system's root, the home folder `home`, or a folder that holds it.
fn never_output(out: &Path, home: Option<&Path>) -> Option<String> {
    if out.parent().is_none() {
        return Some("it is the file system's root; a build replaces the output folder whole".to_owned());
    }
    match home {
        Some(home) if home == out => {
            Some("it is your home folder; a build replaces the output folder whole".to_owned())
        }
        Some(home) if home.starts_with(out) => {
            Some("it holds your home folder; a build replaces the output folder whole".to_owned())
        }
        _ => None,
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

/// The writers of the theme's and the site's static files.
fn static_writers<'a>(root: &Path, theme: &'a Theme) -> impl Iterator<Item = (String, Writer<'a>)> {
    let own = root.join("static");
    theme.statics.iter().map(move |(rel, source)| {
        let theme = !matches!(source, StaticSource::Disk(p) if p.starts_with(&own));
        (rel.clone(), Writer::Static { rel, theme })
    })
}

/// The problem with the writer at fault in `blame`, at the field that asked for its file.
fn problem(root: &Path, theme: &Theme, site: &Site, blame: &Blame) -> Option<Diagnostic> {
    let phrase = || plan::clash_phrase(site, blame);
    Some(match blame.writer {
        Writer::Page(_) => return plan::page_problem(site, blame),
        Writer::Static { rel, .. } => {
            let shown = match theme.statics.get(rel) {
                Some(StaticSource::Disk(p)) => fs::shown_real(root, p),
                _ => PathBuf::from(format!("static/{rel}")),
            };
            let message = match blame.clash {
                Clash::Same(Writer::Page(_)) => {
                    format!("this static file would replace the page /{rel} that the site generates")
                }
                _ => format!("this static file, /{rel}, {}", phrase()),
            };
            Diagnostic::file(shown, message).with_hint("rename or remove the static file; pages come from templates")
        }
        Writer::Attachment { entry, index } => {
            let n = &site.entries[entry].notice;
            let a = &n.editorial.attachments[index];
            Diagnostic::file(&n.shown, format!("the attachment `{}` {}", a.path, at(site, blame)))
                .with_position(a.at.0, a.at.1)
                .with_hint("rename the attached file")
        }
        Writer::Image { entry, link, copy } => {
            let n = &site.entries[entry].notice;
            let image = &n.body.links[link];
            let what = if copy { "a smaller copy of the image" } else { "the image" };
            Diagnostic::file(&n.shown, format!("{what} `{}` {}", image.url, at(site, blame)))
                .with_position(image.line + n.body_line - 1, image.col)
                .with_hint("rename the image file")
        }
    })
}

/// Where a file a notice copies would go, and what is there: `would replace /x/index.html,
/// this notice's own address`.
fn at(site: &Site, blame: &Blame) -> String {
    match blame.clash {
        Clash::Same(other) => {
            format!("would replace /{}, {}", blame.file, plan::what_is(site, other, blame.writer.entry()))
        }
        _ => format!("(at /{}) {}", blame.file, plan::clash_phrase(site, blame)),
    }
}

/// Every image beside a published notice that exists: only files inside `content/`, links
/// followed only inside it, so that nothing else of the machine nor the site's own files
/// (`site.toml`, `.git`, `.gazette`) is published; and SVG files without script. A link
/// leading elsewhere, or an SVG with script, is an error at the image.
pub fn images_beside(root: &Path, site: &Site) -> Result<Vec<Beside>, Error> {
    let content = root.join(crate::content::CONTENT_DIR);
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (entry, e) in site.entries.iter().enumerate() {
        let n = &e.notice;
        for (link, image) in n.body.links.iter().enumerate().filter(|(_, l)| l.image) {
            let Some(rel) = crate::images::beside(&image.url) else { continue };
            let folder = match n.rel_path.rsplit_once('/') {
                Some((dir, _)) => content.join(dir),
                None => content.clone(),
            };
            let problem = |message: String, hint: Option<&str>| {
                let d = Diagnostic::file(&n.shown, message).with_position(image.line + n.body_line - 1, image.col);
                match hint {
                    Some(hint) => d.with_hint(hint),
                    None => d,
                }
            };
            let hint = "copy the image beside the notice instead of linking to it: Gazette publishes only files inside content/";
            let source = match fs::resolve_inside(&folder.join(&rel), &content) {
                Ok(source) if source.is_file() => source,
                // A missing image is reported by the check of the notice's links.
                Ok(_) | Err(fs::Refused::Unreadable(_)) => continue,
                Err(fs::Refused::Outside(to)) => {
                    let message = format!("the image `{rel}` is a link to {}, outside content/", to.display());
                    problems.push(problem(message, Some(hint)));
                    continue;
                }
                Err(fs::Refused::Private(private)) => {
                    let message =
                        format!("the image `{rel}` is in or links into a `{private}` folder, which is never published");
                    problems.push(problem(message, Some(hint)));
                    continue;
                }
            };
            if crate::svg::is_svg(&rel) {
                let active = match fs::read_checked(&source) {
                    Ok(bytes) => crate::svg::active_content(&bytes),
                    Err(err) => {
                        problems.push(problem(format!("could not read the image `{rel}`: {err}"), None));
                        continue;
                    }
                };
                if let Some(a) = active {
                    let message = format!("the SVG file `{rel}` has {} (line {} of the file)", a.what, a.line);
                    problems.push(problem(message, Some(crate::svg::HINT)));
                    continue;
                }
            }
            found.push(Beside { entry, link, source, out: format!("{}{rel}", e.path.trim_start_matches('/')) });
        }
    }
    if problems.is_empty() { Ok(found) } else { Err(Error::Site(problems)) }
}

/// Every file copied into the output: the theme's and site's static files, each notice's
/// attachments and images beside its page, and the photos' smaller copies. None may replace
/// a page or a static file, or be where one needs a folder (nor they where it does); the
/// one at fault is told (see [`plan::Writer`]).
pub fn files(
    root: &Path,
    theme: &Theme,
    site: &Site,
    jobs: &[PageJob],
    photos: &crate::images::PhotoSet,
) -> Result<Files, Error> {
    let mut files = theme.statics.clone();
    let mut writers: Vec<(String, Writer)> = plan::page_writers(jobs).collect();
    writers.extend(static_writers(root, theme));
    for (entry, e) in site.entries.iter().enumerate() {
        for (index, a) in e.notice.editorial.attachments.iter().enumerate() {
            let rel = format!("{}{}", e.path.trim_start_matches('/'), a.path);
            writers.push((rel.clone(), Writer::Attachment { entry, index }));
            files.entry(rel).or_insert_with(|| StaticSource::Disk(a.source.clone()));
        }
    }
    // Images written beside a notice (`![Alt](photo.jpg)`) go beside its page, with the
    // smaller copies of photos.
    for b in photos.beside() {
        let (entry, link) = (b.entry, b.link);
        writers.push((b.out.clone(), Writer::Image { entry, link, copy: false }));
        files.entry(b.out.clone()).or_insert_with(|| StaticSource::Disk(b.source.clone()));
        for (out, content) in photos.copies_of(&b.out) {
            writers.push((out.clone(), Writer::Image { entry, link, copy: true }));
            files.entry(out.clone()).or_insert_with(|| match content {
                crate::images::Content::Cached(path) => StaticSource::Disk(path.clone()),
                crate::images::Content::Bytes(bytes) => StaticSource::Owned(bytes.clone().into()),
            });
        }
    }
    let problems: Vec<Diagnostic> =
        plan::clashes(writers).iter().filter_map(|b| problem(root, theme, site, b)).collect();
    if problems.is_empty() { Ok(files) } else { Err(Error::Site(problems)) }
}

/// Files copied into the output, by their path there.
pub type Files = std::collections::BTreeMap<String, StaticSource>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_and_the_home_folder_are_never_the_output() {
        let home = Some(Path::new("/home/press"));
        for (out, home, want) in [
            ("/", home, Some("it is the file system's root")),
            ("/", None, Some("it is the file system's root")),
            ("/home/press", home, Some("it is your home folder")),
            ("/home", home, Some("it holds your home folder")),
            ("/home/press/site/public", home, None),
            ("/home/other", home, None),
            ("/srv/www", None, None),
        ] {
            let got = never_output(Path::new(out), home);
            assert_eq!(got.as_deref().map(|g| &g[..want.map_or(0, str::len)]), want, "{out}");
        }
    }
}
