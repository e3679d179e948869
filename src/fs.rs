//! File-system helpers whose errors always name the path.

use std::path::{Path, PathBuf};

use crate::{Diagnostic, Error};

/// Reads a source file (notice, template, config) as text.
///
/// A UTF-8 byte-order mark is dropped and CRLF line endings become LF, so that editors on
/// any system produce the same site; invalid UTF-8 is a diagnostic pointing at the first
/// bad byte.
pub fn read_source(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file(shown, format!("could not read the file: {}", io_reason(&e))))?;
    decode_source(bytes, shown)
}

/// The text of `bytes` read from `shown`; see [`read_source`].
pub fn decode_source(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            return Err(Diagnostic::at(
                shown,
                &before,
                valid,
                format!("the file is not valid UTF-8 (byte 0x{:02X})", bytes[valid]),
            )
            .with_hint("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text })
}

/// A short reason for an I/O error, without the OS error number.
pub fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = err.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))
}

pub fn create_dir_all(path: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(path).map_err(|e| Error::io("create the folder", path, e))
}

/// Copies the file at `from`, a path as [`resolve_inside`] returns it, to `to`, from the one
/// handle [`open_checked`] opened: a file replaced by a link after it was checked is
/// refused, not copied through the link.
pub fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    let mut source = open_checked(from)?;
    let mut target = std::fs::File::create(to).map_err(|e| Error::io("write", to, e))?;
    std::io::copy(&mut source, &mut target).map(drop).map_err(|e| Error::io_to("copy", from, to, e))
}

/// Reads the file at `from`, a path as [`resolve_inside`] returns it; see [`copy`].
pub fn read_checked(from: &Path) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut open_checked(from)?, &mut bytes).map_err(|e| Error::io("read", from, e))?;
    Ok(bytes)
}

/// `err`, met reading the file shown as `shown`, as a problem at that file.
pub fn diagnostic(err: Error, shown: &Path) -> Diagnostic {
    match err {
        Error::Io { action, source, .. } => {
            Diagnostic::file(shown, format!("could not {action} the file: {}", io_reason(&source)))
        }
        other => Diagnostic::file(shown, other.to_string()),
    }
}

/// Folders never published, wherever a link in the site leads: the repository's (its
/// config may hold a token) and Gazette's own (its cache holds the text of drafts).
pub const PRIVATE_FOLDERS: [&str; 2] = [".git", ".gazette"];

/// Why a file may not be published.
#[derive(Debug)]
pub enum Refused {
    /// It could not be read (missing, unreadable, a loop of links).
    Unreadable(std::io::Error),
    /// Links lead it out of the allowed folder, to this path.
    Outside(PathBuf),
    /// It is inside a `.git` or `.gazette` folder (this one).
    Private(&'static str),
}

/// Where the file at `path` really is, links followed: the path to copy it from with
/// [`copy`]. It must be inside `folder` (itself resolved, so the folder may be a link) and
/// not inside a `.git` or `.gazette` folder below it.
pub fn resolve_inside(path: &Path, folder: &Path) -> Result<PathBuf, Refused> {
    let real = path.canonicalize().map_err(Refused::Unreadable)?;
    let folder = folder.canonicalize().map_err(Refused::Unreadable)?;
    let Ok(below) = real.strip_prefix(&folder) else { return Err(Refused::Outside(real)) };
    if let Some(private) = PRIVATE_FOLDERS.into_iter().find(|p| below.iter().any(|c| c == *p)) {
        return Err(Refused::Private(private));
    }
    Ok(real)
}

/// Opens the regular file at `path` for reading, without following a link at its end, and
/// only if the file opened is the one at `path` itself: a folder on the way replaced by a
/// link since `path` was resolved is caught too. `path` must be absolute and free of links
/// (as [`resolve_inside`] returns it); the copy reads from this handle, so what was checked
/// is what is copied.
pub fn open_checked(path: &Path) -> Result<std::fs::File, Error> {
    let changed = |why: &str| {
        Error::io(
            "read",
            path,
            std::io::Error::other(format!("{why} since the build checked it; nothing was copied (build again)")),
        )
    };
    let file = open_no_follow(path).map_err(|e| {
        if e.raw_os_error() == Some(ELOOP) { changed("it was replaced by a link") } else { Error::io("read", path, e) }
    })?;
    let meta = file.metadata().map_err(|e| Error::io("read", path, e))?;
    if !meta.is_file() {
        return Err(changed("it is no longer a regular file"));
    }
    match opened_path(&file) {
        // `std::path::absolute` drops `.` and resolves no link: the path as checked.
        Some(real) if !std::path::absolute(path).is_ok_and(|p| real == p) => Err(changed("a link now leads to it")),
        _ => Ok(file),
    }
}

#[cfg(target_os = "linux")]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = -1;

#[cfg(target_os = "linux")]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC).open(path)
}

/// Elsewhere the link is looked for first (the kernel's check on Linux leaves no gap).
#[cfg(not(target_os = "linux"))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other("it is a link"));
    }
    std::fs::File::open(path)
}

/// The path the kernel gives the file opened as `file`, where it tells.
#[cfg(target_os = "linux")]
fn opened_path(file: &std::fs::File) -> Option<PathBuf> {
    use std::os::fd::AsRawFd;
    std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
}

#[cfg(not(target_os = "linux"))]
fn opened_path(_: &std::fs::File) -> Option<PathBuf> {
    None
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::rename(from, to).map_err(|e| Error::io_to("move", from, to, e))
}

/// Removes `path` and everything below it; a path that is already gone is fine.
pub fn remove_dir_all(path: &Path) -> Result<(), Error> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io("remove", path, e)),
        _ => Ok(()),
    }
}

/// A real path (as [`resolve_inside`] returns) under the site at `root` as it should be
/// shown to the user: from `root` as written when it is inside the site.
pub fn shown_real(root: &Path, real: &Path) -> PathBuf {
    if let Ok(rel) = real.strip_prefix(root) {
        return shown(root, rel);
    }
    match root.canonicalize().ok().and_then(|r| real.strip_prefix(r).ok().map(Path::to_path_buf)) {
        Some(rel) => shown(root, rel),
        None => real.to_path_buf(),
    }
}

/// `path` as it should be shown to the user: `root/rel` without a leading `./`.
pub fn shown(root: &Path, rel: impl AsRef<Path>) -> PathBuf {
    let joined = root.join(rel);
    match joined.strip_prefix(".") {
        Ok(stripped) if !stripped.as_os_str().is_empty() => stripped.to_path_buf(),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A site's content/ with `news/doc.txt`, and a secret outside it.
    #[test]
    fn a_failed_move_names_both_paths() {
        let tmp = tempfile::tempdir().unwrap();
        let (from, to) = (tmp.path().join("staging/page.html"), tmp.path().join("public/page.html"));
        let err = rename(&from, &to).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}: could not move it to {}: ", from.display(), to.display())), "{err}");
        // One path alone where there is one.
        let err = read(&from).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}: could not read: ", from.display())), "{err}");
    }

    fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("site/content");
        std::fs::create_dir_all(content.join("news")).unwrap();
        std::fs::create_dir_all(tmp.path().join("outside")).unwrap();
        std::fs::write(content.join("news/doc.txt"), "document").unwrap();
        std::fs::write(tmp.path().join("outside/doc.txt"), "secret").unwrap();
        std::fs::write(tmp.path().join("site/site.toml"), "secret").unwrap();
        std::fs::create_dir_all(content.join(".git")).unwrap();
        std::fs::write(content.join(".git/config"), "secret").unwrap();
        (tmp, content.clone(), content.join("news/doc.txt"))
    }

    #[test]
    fn files_resolve_inside_their_folder_only() {
        let (tmp, content, doc) = setup();
        symlink("doc.txt", content.join("news/same.txt")).unwrap();
        symlink("../../site.toml", content.join("news/site.txt")).unwrap();
        symlink(tmp.path().join("outside/doc.txt"), content.join("news/out.txt")).unwrap();
        symlink("../.git/config", content.join("news/config.txt")).unwrap();
        let real = doc.canonicalize().unwrap();
        assert_eq!(resolve_inside(&content.join("news/same.txt"), &content).unwrap(), real);
        assert_eq!(resolve_inside(&doc, &content).unwrap(), real);
        for (name, want) in
            [("site.txt", "outside"), ("out.txt", "outside"), ("config.txt", "private"), ("gone", "unreadable")]
        {
            let got = match resolve_inside(&content.join("news").join(name), &content) {
                Err(Refused::Outside(_)) => "outside",
                Err(Refused::Private(_)) => "private",
                Err(Refused::Unreadable(_)) => "unreadable",
                Ok(_) => "inside",
            };
            assert_eq!(got, want, "{name}");
        }
    }

    /// The race of a build: a file checked, then replaced by a link to a file elsewhere
    /// before it is copied. The copy opens the checked path without following links and
    /// copies from that handle, so nothing is copied.
    #[test]
    fn a_file_replaced_by_a_link_after_its_check_is_not_copied() {
        let (tmp, content, doc) = setup();
        let checked = resolve_inside(&doc, &content).unwrap();
        std::fs::remove_file(&doc).unwrap();
        symlink(tmp.path().join("outside/doc.txt"), &doc).unwrap();
        let to = tmp.path().join("copy.txt");
        let err = copy(&checked, &to).unwrap_err().to_string();
        assert!(err.contains("it was replaced by a link since the build checked it"), "{err}");
        assert!(!to.exists(), "something was copied");
        assert!(read_checked(&checked).is_err());
    }

    /// The same race one folder up: the notice's folder replaced by a link to a folder
    /// elsewhere holding a file of the same name.
    #[test]
    fn a_folder_replaced_by_a_link_after_the_check_is_not_copied_from() {
        let (tmp, content, doc) = setup();
        let checked = resolve_inside(&doc, &content).unwrap();
        std::fs::rename(content.join("news"), content.join("news-old")).unwrap();
        symlink(tmp.path().join("outside"), content.join("news")).unwrap();
        let to = tmp.path().join("copy.txt");
        let err = copy(&checked, &to).unwrap_err().to_string();
        assert!(err.contains("a link now leads to it since the build checked it"), "{err}");
        assert!(!to.exists(), "something was copied");
    }

    #[test]
    fn real_paths_are_shown_from_the_root_as_written() {
        let (tmp, _, doc) = setup();
        let link = tmp.path().join("link");
        symlink(tmp.path().join("site"), &link).unwrap();
        let real = doc.canonicalize().unwrap();
        assert_eq!(shown_real(&link, &real), link.join("content/news/doc.txt"));
        assert_eq!(shown_real(&tmp.path().join("site"), &real), tmp.path().join("site/content/news/doc.txt"));
        assert_eq!(shown_real(&link.join("content"), Path::new("/elsewhere/x")), Path::new("/elsewhere/x"));
    }

    #[test]
    fn a_checked_file_is_copied() {
        let (tmp, content, doc) = setup();
        symlink("doc.txt", content.join("news/same.txt")).unwrap();
        let checked = resolve_inside(&content.join("news/same.txt"), &content).unwrap();
        let to = tmp.path().join("copy.txt");
        copy(&checked, &to).unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"document");
        assert_eq!(read_checked(&doc.canonicalize().unwrap()).unwrap(), b"document");
        // A folder is not a file to copy.
        assert!(read_checked(&content.canonicalize().unwrap()).is_err());
    }
}
