//! The rules of an official newsroom a notice may carry in its front matter: an embargo
//! (`publish_at`), an expiry, a withdrawal with its reason, a log of corrections, attached
//! documents and the notice it translates. Checked here, field by field, with positions;
//! what they mean for the site (which notices are listed) is decided by the site model, a layer above.

use std::path::{Component, Path, PathBuf};

use jiff::Timestamp;

use super::front_matter::{self, NoticeFrontMatter, RawAttachment, RawCorrection, RawWithdrawal};
use super::notice::Problems;
use super::{CONTENT_DIR, LoadContext, date};
use crate::text;

#[derive(Debug, Clone, Default, Hash)]
pub struct Editorial {
    /// Before this moment the notice is held back from every output.
    pub publish_at: Option<Timestamp>,
    /// From this moment the notice leaves listings, feeds and search; its page stays.
    pub expires: Option<Timestamp>,
    pub withdrawn: Option<Withdrawal>,
    /// Oldest first.
    pub corrections: Vec<Correction>,
    pub attachments: Vec<Attachment>,
    /// The source path under `content/` of the notice this one translates, and where the
    /// field is written (line, column), for the site to report a missing one.
    pub translation_of: Option<(String, (usize, usize))>,
    /// Earlier addresses (site paths, like a page's), each redirecting to the notice's page;
    /// and where the field is written, for the site to report one that is taken.
    pub aliases: Vec<String>,
    pub aliases_at: (usize, usize),
}

#[derive(Debug, Clone, Hash)]
pub struct Withdrawal {
    pub date: Timestamp,
    pub reason: String,
}

#[derive(Debug, Clone, Hash)]
pub struct Correction {
    pub date: Timestamp,
    pub note: String,
    /// A minor correction does not move the notice's updated time.
    pub minor: bool,
}

#[derive(Debug, Clone, Hash)]
pub struct Attachment {
    /// As written, relative to the notice's folder, `/`-separated: also where it is copied
    /// relative to the notice's page.
    pub path: String,
    pub title: String,
    /// The file on disk.
    pub source: PathBuf,
    pub bytes: u64,
    /// When the file last changed, so that a replaced file is copied again.
    pub modified: Option<std::time::SystemTime>,
    /// Where its `path` is written (line, column), for the site to report a clash there.
    pub at: (usize, usize),
}

/// The fields this module reads, taken out of the front matter.
pub(super) struct Raw {
    pub publish_at: Option<date::RawDate>,
    pub expires: Option<date::RawDate>,
    pub withdrawn: Option<RawWithdrawal>,
    pub corrections: Vec<RawCorrection>,
    pub attachments: Vec<RawAttachment>,
    pub translation_of: Option<String>,
    pub aliases: Vec<String>,
}

impl Raw {
    pub fn take(fm: &mut NoticeFrontMatter) -> Raw {
        Raw {
            publish_at: fm.publish_at.take(),
            expires: fm.expires.take(),
            withdrawn: fm.withdrawn.take(),
            corrections: std::mem::take(&mut fm.corrections),
            attachments: std::mem::take(&mut fm.attachments),
            translation_of: fm.translation_of.take(),
            aliases: std::mem::take(&mut fm.aliases),
        }
    }
}

/// Checks the editorial fields of the notice at `rel` (published at `date`, if that was valid).
pub(super) fn read(
    problems: &mut Problems,
    raw: Raw,
    rel: &str,
    date: Option<Timestamp>,
    cx: &LoadContext,
) -> Editorial {
    let tz = &cx.config.timezone;
    let mut out = Editorial::default();
    if let Some(raw_date) = &raw.publish_at {
        if !date::has_offset(&raw_date.0) {
            problems.at_key(
                "publish_at",
                format!("`publish_at = {}` has no time zone offset", raw_date.0.trim()),
                Some(&format!(
                    "an embargo is a moment: write it with its offset, e.g. publish_at = {}T09:00:00+08:00",
                    raw_date.0.trim().get(..10).unwrap_or("2021-01-25")
                )),
            );
        } else {
            out.publish_at = timestamp(problems, "publish_at", &raw_date.0, tz);
        }
    }
    if let Some(raw_date) = &raw.expires {
        out.expires = timestamp(problems, "expires", &raw_date.0, tz);
        let start = out.publish_at.or(date);
        if let (Some(e), Some(s)) = (out.expires, start)
            && e <= s
        {
            problems.at_key(
                "expires",
                "`expires` is not after the notice's publication".into(),
                Some("a notice expires after it is published; remove `expires` or move it later"),
            );
        }
    }
    if let Some(w) = raw.withdrawn {
        out.withdrawn = withdrawal(problems, w, tz);
    }
    for (i, c) in raw.corrections.into_iter().enumerate() {
        if let Some(c) = correction(problems, i, c, date, tz) {
            out.corrections.push(c);
        }
    }
    out.corrections.sort_by_key(|c| c.date);
    let folder = match rel.rsplit_once('/') {
        Some((dir, _)) => cx.root.join(CONTENT_DIR).join(dir),
        None => cx.root.join(CONTENT_DIR),
    };
    for (i, a) in raw.attachments.into_iter().enumerate() {
        if let Some(a) = attachment(problems, i, a, &folder, cx.root) {
            if out.attachments.iter().any(|b| b.path == a.path) {
                let at = item_position(problems, "attachments", i, "path");
                problems.at(at, format!("`{}` is attached twice", a.path), None);
            } else {
                out.attachments.push(a);
            }
        }
    }
    if let Some(t) = raw.translation_of {
        let target = t.trim().trim_start_matches("./").trim_start_matches(&format!("{CONTENT_DIR}/")).to_owned();
        let at = problems.key_position("translation_of");
        if target.is_empty() {
            problems.at(at, "`translation_of` is empty".into(), Some(TRANSLATION_HINT.into()));
        } else if target == rel {
            problems.at(at, "a notice cannot be a translation of itself".into(), Some(TRANSLATION_HINT.into()));
        } else {
            out.translation_of = Some((target, at));
        }
    }
    out.aliases_at = problems.key_position("aliases");
    for alias in raw.aliases {
        match alias_path(&alias) {
            Ok(path) if !out.aliases.contains(&path) => out.aliases.push(path),
            Ok(_) => {}
            Err(why) => problems.at_key(
                "aliases",
                format!("the alias `{}` {why}", crate::slug::shortened(&alias, 40)),
                Some("write the old address on this site, from its first slash: aliases = [\"/2021/old-notice/\"]"),
            ),
        }
    }
    out
}

/// Longest alias, in bytes.
const MAX_ALIAS_BYTES: usize = 1024;

/// An alias as a site path: `/old/notice` becomes `/old/notice/`, `/old/notice.html` stays.
fn alias_path(alias: &str) -> Result<String, String> {
    let a = alias.trim();
    if !a.starts_with('/') {
        return Err("does not start with /".into());
    }
    if a == "/" {
        return Err("is the home page".into());
    }
    if a.contains(['?', '#', '\\']) || a.chars().any(char::is_control) {
        return Err("has a character that cannot be in a page's address (?, #, \\ or a control character)".into());
    }
    let segments: Vec<&str> = a.trim_matches('/').split('/').collect();
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return Err("has an empty, `.` or `..` part".into());
    }
    // The whole is a path in the output folder, which file systems keep to a few thousand
    // bytes with the folder's own path; no old address is near this long.
    if a.len() > MAX_ALIAS_BYTES {
        return Err(format!("is {} bytes long; an address may have at most {MAX_ALIAS_BYTES}", a.len()));
    }
    // Each part is a folder's or a file's name, which file systems keep to 255 bytes.
    if let Some(long) = segments.iter().find(|s| s.len() > crate::slug::MAX_FILE_NAME_BYTES) {
        return Err(format!(
            "has a part {} bytes long; a file name may have at most {}",
            long.len(),
            crate::slug::MAX_FILE_NAME_BYTES
        ));
    }
    let last = segments.last().copied().unwrap_or_default();
    Ok(if a.ends_with('/') || !last.contains('.') { format!("/{}/", segments.join("/")) } else { a.to_owned() })
}

const TRANSLATION_HINT: &str =
    "name the original's file under content/, e.g. translation_of = \"meetings/work-conference.md\"";

fn timestamp(problems: &mut Problems, key: &str, raw: &str, tz: &jiff::tz::TimeZone) -> Option<Timestamp> {
    match date::parse(raw, tz) {
        Ok(t) => Some(t),
        Err(e) => {
            problems.at_key(key, e.message, e.hint.as_deref());
            None
        }
    }
}

fn item_position(problems: &Problems, table: &str, index: usize, key: &str) -> (usize, usize) {
    problems.split.and_then(|s| front_matter::locate_item(s, table, index, key)).unwrap_or((1, 1))
}

fn withdrawal(problems: &mut Problems, w: RawWithdrawal, tz: &jiff::tz::TimeZone) -> Option<Withdrawal> {
    let hint = "write withdrawn = { date = 2021-03-01, reason = \"Replaced by notice No. 12\" }";
    let date = match &w.date {
        Some(d) => timestamp(problems, "withdrawn", &d.0, tz),
        None => {
            problems.at_key("withdrawn", "`withdrawn` needs the `date` it was withdrawn".into(), Some(hint));
            None
        }
    };
    let reason = w.reason.as_deref().map(text::collapse_spaces).unwrap_or_default();
    if reason.is_empty() {
        problems.at_key("withdrawn", "`withdrawn` needs a `reason`: readers are told why".into(), Some(hint));
        return None;
    }
    Some(Withdrawal { date: date?, reason })
}

fn correction(
    problems: &mut Problems,
    i: usize,
    c: RawCorrection,
    published: Option<Timestamp>,
    tz: &jiff::tz::TimeZone,
) -> Option<Correction> {
    let hint = "write each correction as [[corrections]] with date = 2021-03-03 and note = \"…\"";
    let date = match &c.date {
        None => {
            let at = item_position(problems, "corrections", i, "date");
            problems.at(at, format!("correction {} has no `date`", i + 1), Some(hint.into()));
            None
        }
        Some(raw) => match date::parse(&raw.0, tz) {
            Ok(t) => Some(t),
            Err(e) => {
                let at = item_position(problems, "corrections", i, "date");
                problems.at(at, e.message, e.hint);
                None
            }
        },
    };
    let note = c.note.as_deref().map(text::collapse_spaces).unwrap_or_default();
    if note.is_empty() {
        let at = item_position(problems, "corrections", i, "note");
        problems.at(at, format!("correction {} has no `note` saying what was corrected", i + 1), Some(hint.into()));
        return None;
    }
    let date = date?;
    if published.is_some_and(|p| date < p) {
        let at = item_position(problems, "corrections", i, "date");
        problems.at(at, format!("correction {} is dated before the notice itself", i + 1), None);
        return None;
    }
    Some(Correction { date, note, minor: c.minor })
}

fn attachment(problems: &mut Problems, i: usize, a: RawAttachment, folder: &Path, root: &Path) -> Option<Attachment> {
    let hint = "write each attachment as [[attachments]] with path = \"report.pdf\" (beside the notice) and title";
    let written = a.path.as_deref().map(str::trim).unwrap_or("");
    if written.is_empty() {
        let at = item_position(problems, "attachments", i, "path");
        problems.at(at, format!("attachment {} has no `path`", i + 1), Some(hint.into()));
        return None;
    }
    let path_at = item_position(problems, "attachments", i, "path");
    let title = a.title.as_deref().map(text::collapse_spaces).unwrap_or_default();
    if title.is_empty() {
        let at = item_position(problems, "attachments", i, "title");
        problems.at(
            at,
            format!("attachment `{written}` has no `title`"),
            Some("say what the document is, e.g. title = \"Full text of the regulation\"".into()),
        );
        return None;
    }
    let path = Path::new(written);
    let inside = path.components().all(|c| matches!(c, Component::Normal(_)));
    if !inside || written.contains('\\') {
        problems.at(
            path_at,
            format!("the attachment path `{written}` leaves the notice's folder"),
            Some("put the file beside the notice (or in a folder under it) and name it from there".into()),
        );
        return None;
    }
    if let Some(private) = crate::fs::PRIVATE_FOLDERS.into_iter().find(|p| path.iter().any(|c| c == *p)) {
        problems.at(
            path_at,
            format!("the attachment `{written}` is in a `{private}` folder, which is never published"),
            None,
        );
        return None;
    }
    // Links are followed only to files inside content/: a link may point anywhere, and
    // nothing else of the machine, nor the site's own files, may be published by one.
    let written_at = folder.join(path);
    let outside_hint =
        "copy the file beside the notice instead of linking to it: Gazette publishes only files inside content/";
    let source = match crate::fs::resolve_inside(&written_at, &root.join(CONTENT_DIR)) {
        Ok(real) => real,
        Err(crate::fs::Refused::Outside(to)) => {
            let message = format!("the attachment `{written}` is a link to {}, outside content/", to.display());
            problems.at(path_at, message, Some(outside_hint.into()));
            return None;
        }
        Err(crate::fs::Refused::Private(private)) => {
            let message = format!(
                "the attachment `{written}` is a link to a file in a `{private}` folder, which is never published"
            );
            problems.at(path_at, message, Some(outside_hint.into()));
            return None;
        }
        Err(crate::fs::Refused::Unreadable(_)) => {
            let beside = written_at.parent().map(|p| crate::fs::shown(root, p.strip_prefix(root).unwrap_or(p)));
            problems.at(
                path_at,
                format!("the attachment `{written}` is missing"),
                Some(format!(
                    "put the file in {}, or correct the path (it is read relative to the notice's folder)",
                    beside.map(|b| b.display().to_string()).unwrap_or_default()
                )),
            );
            return None;
        }
    };
    let meta = match std::fs::metadata(&source) {
        Ok(m) if m.is_file() => m,
        Ok(_) => {
            problems.at(path_at, format!("the attachment `{written}` is a folder, not a file"), None);
            return None;
        }
        Err(e) => {
            let message = format!("could not read the attachment `{written}`: {}", crate::fs::io_reason(&e));
            problems.at(path_at, message, None);
            return None;
        }
    };
    if crate::svg::is_svg(written) {
        let found = match crate::fs::read_checked(&source) {
            Ok(bytes) => crate::svg::active_content(&bytes),
            Err(e) => {
                problems.at(path_at, format!("could not read the attachment `{written}`: {e}"), None);
                return None;
            }
        };
        if let Some(found) = found {
            let message = format!("the SVG file `{written}` has {} (line {} of the file)", found.what, found.line);
            problems.at(path_at, message, Some(crate::svg::HINT.into()));
            return None;
        }
    }
    Some(Attachment {
        path: path.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/"),
        title,
        source,
        bytes: meta.len(),
        modified: meta.modified().ok(),
        at: path_at,
    })
}

/// What readers are told a file is: `PDF`, `Word document`, `ZIP`.
pub fn kind_of(path: &str) -> String {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "doc" | "docx" => "Word".into(),
        "xls" | "xlsx" => "Excel".into(),
        "ppt" | "pptx" => "PowerPoint".into(),
        "jpeg" => "JPEG".into(),
        "" => "File".into(),
        e => e.to_uppercase(),
    }
}

/// A file size as readers read it, in decimal units: `812 bytes`, `34 KB`, `1.2 MB`.
pub fn size_label(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if bytes < 1000 {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{} KB", (b / KB).round().max(1.0))
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.1} GB", b / (KB * KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_kinds() {
        let cases = [(0, "0 bytes"), (812, "812 bytes"), (1000, "1 KB"), (34_400, "34 KB"), (999_499, "999 KB")];
        for (bytes, want) in cases {
            assert_eq!(size_label(bytes), want, "{bytes}");
        }
        assert_eq!(size_label(1_234_567), "1.2 MB");
        assert_eq!(size_label(3_400_000_000), "3.4 GB");
        for (path, want) in [("a/report.PDF", "PDF"), ("x.docx", "Word"), ("data.csv", "CSV"), ("README", "File")] {
            assert_eq!(kind_of(path), want);
        }
    }
}
