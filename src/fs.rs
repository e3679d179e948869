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

pub fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::copy(from, to).map(drop).map_err(|e| Error::io("copy", from, e))
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::rename(from, to).map_err(|e| Error::io("rename", from, e))
}

/// Removes `path` and everything below it; a path that is already gone is fine.
pub fn remove_dir_all(path: &Path) -> Result<(), Error> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io("remove", path, e)),
        _ => Ok(()),
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
