//! The output folder's manifest: the file `.gazette-output` that every build writes into the
//! output folder, listing every file Gazette wrote there. It is how Gazette knows a folder is
//! its own: a build replaces or empties only a folder that is missing, empty, or holds a
//! manifest and nothing besides the files it lists. Anything else (a folder of the user's, a
//! home folder, a folder a file was dropped into since) is refused before anything is
//! touched, naming what Gazette did not write.
//!
//! The manifest lives in the folder itself, as text, so it survives `rsync`, archives and
//! upload tools (which keep neither inodes nor times); its first line is a sentence nobody
//! writes by accident.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::{Diagnostic, Error, fs};

/// The manifest's file name, at the top of the output folder.
pub const FILE_NAME: &str = ".gazette-output";

/// The manifest's first line.
const HEADER: &str = "Gazette output folder: Gazette wrote this folder and the files listed below, and \
                      replaces or removes nothing else in it. Keep this file as it is.";

/// How many of the files Gazette did not write a refusal names.
const SHOWN: usize = 5;

/// What is percent-encoded in a listed path, besides every byte outside ASCII: control
/// characters (a line break would end the line), `%` itself, and what would be markup if a
/// host served the file as HTML.
const ENCODED: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b'%').add(b'<').add(b'>').add(b'&').add(b'"').add(b'\'').add(b'`');

/// The text of the manifest listing `files` (paths relative to the folder, `/`-separated).
pub fn render<'a>(files: impl IntoIterator<Item = &'a str>) -> String {
    let files: BTreeSet<&str> = files.into_iter().filter(|f| *f != FILE_NAME).collect();
    let mut text = String::with_capacity(HEADER.len() + 1 + files.iter().map(|f| f.len() + 1).sum::<usize>());
    text.push_str(HEADER);
    text.push('\n');
    for f in files {
        text.extend(percent_encoding::utf8_percent_encode(f, ENCODED));
        text.push('\n');
    }
    text
}

/// The files a manifest's text lists; `None` if it is not a manifest.
pub fn parse(text: &str) -> Option<BTreeSet<String>> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    lines
        .filter(|l| !l.is_empty())
        .map(|l| percent_encoding::percent_decode_str(l).decode_utf8().ok().map(|p| p.into_owned()))
        .collect()
}

/// What an output folder is, as far as replacing it goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Folder {
    /// Not there: a build creates it.
    Missing,
    /// There and empty (empty folders inside count as empty).
    Empty,
    /// Written by Gazette: the files its manifest lists, and nothing else.
    Ours(BTreeSet<String>),
}

/// Whether a name is one of Gazette's own temporary files (a file replaced in one step is
/// written as `.name.gazette-tmp` first; a kill can leave one behind).
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".gazette-tmp")
}

/// Looks at the folder `dir` (not following links) and says whether Gazette may replace it;
/// a problem naming the folder and what it holds if not. `dir` itself may be a link to a
/// folder: what counts is the folder it leads to.
pub fn survey(dir: &Path) -> Result<Folder, Error> {
    let refuse = |message: String, hint: &str| -> Error {
        Diagnostic::file(fs::shown(Path::new("."), dir), message).with_hint(hint).into()
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return if std::fs::symlink_metadata(dir).is_ok() {
                Err(refuse(
                    "the output folder is a link to a folder that does not exist".to_owned(),
                    "remove the link, or make the folder it leads to",
                ))
            } else {
                Ok(Folder::Missing)
            };
        }
        Err(e) => return Err(Error::io("read", dir, e)),
        Ok(m) if !m.is_dir() => {
            return Err(refuse(
                "the output folder is an existing file, not a folder; a build would replace it".to_owned(),
                "write the site to a folder of its own",
            ));
        }
        Ok(_) => {}
    }
    let listed = match std::fs::read(dir.join(FILE_NAME)) {
        Ok(bytes) => std::str::from_utf8(&bytes).ok().and_then(parse),
        Err(_) => None,
    };
    let foreign = foreign_files(dir, listed.as_ref())?;
    match (listed, foreign.is_empty()) {
        (None, true) => Ok(Folder::Empty),
        (Some(listed), true) => Ok(Folder::Ours(listed)),
        (Some(_), false) => Err(refuse(
            format!(
                "the output folder holds {} that Gazette did not write: {}; a build replaces the folder, so it \
                 stops here and touches nothing",
                crate::text::plural(foreign.len(), "file"),
                names(&foreign)
            ),
            "move them out of the folder (files to publish with the site belong in static/), or write the site \
             to another folder",
        )),
        (None, false) => Err(refuse(
            format!(
                "the output folder is not empty and is not the output of a Gazette build (it has no {FILE_NAME}): \
                 it holds {}; a build replaces the folder, so it stops here and touches nothing",
                names(&foreign)
            ),
            "write the site to a new or empty folder, e.g. --output public; if this folder is an old build of \
             the site, delete it yourself first",
        )),
    }
}

/// Every file, link or other entry below `dir` that is not a folder, not listed in `listed`,
/// not the manifest and not one of Gazette's temporary files, in order; links are not
/// followed.
fn foreign_files(dir: &Path, listed: Option<&BTreeSet<String>>) -> Result<Vec<String>, Error> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            match e.into_io_error() {
                Some(io) => Error::io("read", &path, io),
                None => Error::io("read", &path, std::io::Error::other("a link loop")),
            }
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let ours = entry.file_type().is_file()
            && (rel == FILE_NAME
                || is_temporary(&entry.file_name().to_string_lossy())
                || listed.is_some_and(|l| l.contains(&rel)));
        if !ours {
            found.push(rel);
        }
    }
    Ok(found)
}

fn names(files: &[String]) -> String {
    let mut shown: Vec<String> = files.iter().take(SHOWN).map(|f| format!("`{f}`")).collect();
    if files.len() > SHOWN {
        shown.push(format!("and {} more", files.len() - SHOWN));
    }
    shown.join(", ")
}

/// The manifest of an output folder that Gazette is writing into in place (`watch`, `serve`,
/// a cached build): every change to the files is recorded here and written at once, so the
/// folder is recognisably Gazette's at every moment. Shared with the thread that writes the
/// search index.
#[derive(Clone, Debug)]
pub struct Manifest {
    dir: PathBuf,
    files: Arc<Mutex<BTreeSet<String>>>,
}

impl Manifest {
    /// The manifest of `dir`, which holds `files` from Gazette.
    pub fn new(dir: &Path, files: BTreeSet<String>) -> Manifest {
        Manifest { dir: dir.to_path_buf(), files: Arc::new(Mutex::new(files)) }
    }

    /// Whether Gazette wrote the file `rel`.
    pub fn contains(&self, rel: &str) -> bool {
        self.lock().contains(rel)
    }

    /// Records that `added` were written and `removed` removed, and saves the manifest.
    pub fn update<'a>(
        &self,
        added: impl IntoIterator<Item = &'a str>,
        removed: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), Error> {
        let mut files = self.lock();
        let mut changed = false;
        for rel in added {
            changed |= files.insert(rel.to_owned());
        }
        for rel in removed {
            changed |= files.remove(rel);
        }
        if !changed && self.dir.join(FILE_NAME).exists() {
            return Ok(());
        }
        super::write_atomic(&self.dir.join(FILE_NAME), render(files.iter().map(String::as_str)).as_bytes())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeSet<String>> {
        // A panic while holding the lock leaves a set of names, which is still usable.
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, rel).unwrap();
    }

    #[test]
    fn the_manifest_reads_back_what_it_lists() {
        let text = render(["b/index.html", "index.html", FILE_NAME, "a.css", "x/<b>\n100%.pdf", "新闻/index.html"]);
        assert!(text.starts_with("Gazette output folder: "));
        assert!(text.contains("\nx/%3Cb%3E%0A100%25.pdf\n%E6%96%B0%E9%97%BB/index.html\n"), "{text}");
        let files: Vec<String> = parse(&text).unwrap().into_iter().collect();
        assert_eq!(files, ["a.css", "b/index.html", "index.html", "x/<b>\n100%.pdf", "新闻/index.html"]);
        // Only Gazette's own first line makes a manifest.
        for other in ["", "index.html\n", "Gazette output folder\nindex.html\n", &text[1..]] {
            assert_eq!(parse(other), None, "{other:?}");
        }
    }

    #[test]
    fn folders_gazette_may_replace_and_those_it_refuses() {
        let tmp = tempfile::tempdir().unwrap();
        let at = |name: &str| tmp.path().join(name);
        assert_eq!(survey(&at("missing")).unwrap(), Folder::Missing);

        std::fs::create_dir_all(at("empty/with/empty/folders")).unwrap();
        assert_eq!(survey(&at("empty")).unwrap(), Folder::Empty);

        write(&at("ours"), "index.html");
        write(&at("ours"), "news/a/index.html");
        write(&at("ours"), "news/.index.html.gazette-tmp");
        std::fs::write(at("ours").join(FILE_NAME), render(["index.html", "news/a/index.html"])).unwrap();
        let listed = survey(&at("ours")).unwrap();
        assert!(matches!(&listed, Folder::Ours(files) if files.len() == 2), "{listed:?}");

        // (folder, files in it besides a manifest listing `index.html`, what the refusal names)
        let cases: &[(&str, bool, &[&str], &str)] = &[
            (
                "users",
                false,
                &["docs/budget.xlsx"],
                "is not the output of a Gazette build (it has no .gazette-output): it holds `docs/budget.xlsx`",
            ),
            (
                "dropped-in",
                true,
                &["index.html", "docs/budget.xlsx"],
                "holds 1 file that Gazette did not write: `docs/budget.xlsx`",
            ),
            (
                "many",
                true,
                &["a", "b", "c", "d", "e", "f", "g"],
                "holds 7 files that Gazette did not write: `a`, `b`, `c`, `d`, `e`, and 2 more",
            ),
        ];
        for (name, manifest, files, want) in cases {
            for f in *files {
                write(&at(name), f);
            }
            if *manifest {
                std::fs::write(at(name).join(FILE_NAME), render(["index.html"])).unwrap();
            }
            let err = survey(&at(name)).unwrap_err().to_string();
            assert!(err.contains(want), "{name}: {err}");
        }
        // A file where the folder should be.
        write(tmp.path(), "file");
        assert!(survey(&at("file")).unwrap_err().to_string().contains("is an existing file"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_followed_inside_and_a_dangling_one_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write(tmp.path(), "elsewhere/secret.txt");
        write(&out, "index.html");
        std::fs::write(out.join(FILE_NAME), render(["index.html", "docs"])).unwrap();
        // Even listed, a link is not Gazette's: it never writes one.
        std::os::unix::fs::symlink(tmp.path().join("elsewhere"), out.join("docs")).unwrap();
        let err = survey(&out).unwrap_err().to_string();
        assert!(err.contains("`docs`"), "{err}");

        std::os::unix::fs::symlink(tmp.path().join("nowhere"), tmp.path().join("dangling")).unwrap();
        let err = survey(&tmp.path().join("dangling")).unwrap_err().to_string();
        assert!(err.contains("a link to a folder that does not exist"), "{err}");
    }

    #[test]
    fn a_manifest_records_changes_in_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let m = Manifest::new(tmp.path(), BTreeSet::from(["index.html".to_owned()]));
        m.update(["a/index.html"], ["index.html"]).unwrap();
        let text = std::fs::read_to_string(tmp.path().join(FILE_NAME)).unwrap();
        assert_eq!(parse(&text).unwrap().into_iter().collect::<Vec<_>>(), ["a/index.html"]);
        assert!(m.contains("a/index.html") && !m.contains("index.html"));
    }
}
