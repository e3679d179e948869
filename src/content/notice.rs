//! One notice: its front matter checked field by field, its credits and original title read
//! from the body where the front matter does not give them, its body rendered once.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::credits::{find_original_title, find_trailer};
use super::editorial::{self, Editorial};
use super::front_matter::{self, FrontMatterError, NoticeFrontMatter, Split};
use super::{LoadContext, date};
use crate::Diagnostic;
use crate::markdown::Rendered;
use crate::{slug, text};

/// A parsed notice, before the site decides its URL and whether it is published.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Path under `content/`, `/`-separated: `meetings/work-conference.md`.
    pub rel_path: String,
    /// Path as shown in messages.
    pub shown: PathBuf,
    pub title: String,
    pub date: Timestamp,
    pub updated: Option<Timestamp>,
    pub original_title: Option<String>,
    /// The language of the original title.
    pub original_lang: Option<String>,
    pub byline: Vec<String>,
    pub editors: Vec<String>,
    pub tags: Vec<String>,
    /// The section's key: the folder name, or the front matter's `section`.
    pub section: String,
    /// Where the front matter sets `section`, if it does.
    pub section_at: Option<(usize, usize)>,
    /// Plain text.
    pub summary: String,
    /// Whether the front matter gave the summary (else it is cut from the first paragraph).
    pub summary_given: bool,
    /// The front matter's `slug`, checked; `None` means: made from the title.
    pub slug: Option<String>,
    /// Where the front matter sets `slug`, if it does: where a clash of addresses is reported.
    pub slug_at: Option<(usize, usize)>,
    pub draft: bool,
    pub lang: String,
    pub location: Option<String>,
    pub reference: Option<String>,
    /// Embargo, expiry, withdrawal, corrections, attachments, translation.
    pub editorial: Editorial,
    pub extra: serde_json::Value,
    pub body: Rendered,
    /// The line of the file where the body starts, to place problems found in it.
    pub body_line: usize,
    /// Worked out once when the notice is read, for the site model:
    /// the title's slug, the day of publication in the site's time zone, the identity keys
    /// of its tags and people, and a hash of the source to tell versions apart.
    pub title_slug: String,
    pub section_slug: String,
    pub day: jiff::civil::Date,
    pub tag_keys: Vec<String>,
    pub byline_keys: Vec<String>,
    pub editor_keys: Vec<String>,
    pub source_hash: u64,
    /// A hash of everything but the body: all that reaches pages other than the notice's own.
    pub head_hash: u64,
}

impl Notice {
    /// When the notice last changed: its `updated` time, else its date (never before it).
    pub fn last_change(&self) -> Timestamp {
        self.updated.unwrap_or(self.date).max(self.date)
    }
}

/// Collects the problems of one file, positioned at front matter keys.
pub(super) struct Problems<'a> {
    pub shown: &'a Path,
    pub text: &'a str,
    pub split: Option<&'a Split<'a>>,
    pub list: Vec<Diagnostic>,
}

impl Problems<'_> {
    /// Where the value of `key` is written (or the start of the file).
    pub fn key_position(&self, key: &str) -> (usize, usize) {
        self.split.and_then(|s| front_matter::locate(s, key)).unwrap_or((1, 1))
    }

    /// A problem with the value of `key` (or the front matter as a whole if the key is absent).
    pub fn at_key(&mut self, key: &str, message: String, hint: Option<&str>) {
        let position = self.key_position(key);
        self.at(position, message, hint.map(str::to_owned));
    }

    pub fn at(&mut self, (line, col): (usize, usize), message: String, hint: Option<String>) {
        let mut d = Diagnostic::file(self.shown, message).with_position(line, col);
        if let Some(l) = self.text.lines().nth(line - 1) {
            d = d.with_snippet(l);
        }
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        self.list.push(d);
    }

    pub fn front_matter_error(&mut self, e: FrontMatterError) {
        match e.position {
            Some(p) => self.at(p, e.message, e.hint),
            None => {
                let mut d = Diagnostic::file(self.shown, e.message);
                d.hint = e.hint;
                self.list.push(d);
            }
        }
    }
}

/// Control characters in the file (other than tab and line ends): text never holds them,
/// and pages, feeds and search would carry them (a NUL in a meta description) or break on
/// them (XML allows none). Each kind is reported once, where it first is.
fn control_characters(problems: &mut Problems) {
    let text = problems.text;
    let mut seen: Vec<(char, usize, usize)> = Vec::new();
    for (at, c) in text.char_indices().filter(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        match seen.iter_mut().find(|(k, _, _)| *k == c) {
            Some((_, _, n)) => *n += 1,
            None => seen.push((c, at, 1)),
        }
    }
    for (c, at, n) in seen.into_iter().take(5) {
        let times = if n > 1 { format!(" ({n} times; this is the first)") } else { String::new() };
        // How terminals and editors such as vim show it.
        let shown = match c as u32 {
            k @ 0..0x20 => format!("^{}", char::from(k as u8 + 0x40)),
            0x7f => "^?".to_owned(),
            k => format!("<{k:x}>"),
        };
        problems.at(
            crate::diagnostic::line_col(text, at),
            format!("the file contains the control character U+{:04X}{times}", c as u32),
            Some(format!(
                "delete it (an editor may show it as {shown} or a box); a file full of them may be damaged, \
                 or saved as UTF-16: save it as UTF-8"
            )),
        );
        // The line as shown under the message: with a picture of each control character, which
        // a terminal would otherwise act on or hide.
        if let Some(d) = problems.list.last_mut() {
            d.snippet = d.snippet.take().map(|line| line.chars().map(picture).collect());
        }
    }
}

/// A visible stand-in for a control character: its Unicode control picture (`␀`).
fn picture(c: char) -> char {
    match c as u32 {
        k @ 0..0x20 if c != '\t' => char::from_u32(0x2400 + k).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        0x80..0xa0 => '\u{fffd}',
        _ => c,
    }
}

/// The front matter fields, as written.
const FIELDS: &[&str] = &[
    "title",
    "date",
    "updated",
    "original_title",
    "byline",
    "editors",
    "tags",
    "section",
    "summary",
    "slug",
    "draft",
    "lang",
    "location",
    "reference",
    "publish_at",
    "expires",
    "withdrawn",
    "corrections",
    "attachments",
    "translation_of",
    "aliases",
];

pub fn parse(rel: &str, shown: &Path, text: &str, cx: &LoadContext) -> Result<Notice, Vec<Diagnostic>> {
    let mut problems = Problems { shown, text, split: None, list: Vec::new() };
    control_characters(&mut problems);
    if !problems.list.is_empty() {
        return Err(problems.list);
    }
    let (split, mut fm): (_, NoticeFrontMatter) = match front_matter::read(text) {
        Ok(read) => read,
        Err(e) => {
            problems.front_matter_error(e);
            return Err(problems.list);
        }
    };
    problems.split = Some(&split);
    let tz = &cx.config.timezone;
    if split.format == front_matter::Format::Toml
        && let Some(extra) = &fm.extra
    {
        // In TOML, fields written after `[extra]` belong to it: a likely slip, never read.
        for key in extra.keys().filter(|k| FIELDS.contains(&k.as_str())) {
            let offset = crate::config::find_key_after(split.front_matter, "[extra]", key).unwrap_or(0);
            let (line, col) = crate::diagnostic::line_col(split.front_matter, offset);
            problems.at(
                (line + split.front_matter_line - 1, col),
                format!("`{key}` is inside [extra], where Gazette does not read it"),
                Some("move it above the [extra] line".into()),
            );
        }
    }

    let title = required_text(
        &mut problems,
        "title",
        fm.title.as_deref(),
        "add a title, e.g. title = \"Work conference held\"",
    );
    let date = match &fm.date {
        None => {
            problems.at_key(
                "date",
                "missing field `date`".into(),
                Some("add the publication date, e.g. date = 2021-01-25"),
            );
            None
        }
        Some(raw) => checked_date(&mut problems, "date", &raw.0, tz),
    };
    let mut updated = fm.updated.as_ref().and_then(|raw| checked_date(&mut problems, "updated", &raw.0, tz));
    let editorial = editorial::read(&mut problems, editorial::Raw::take(&mut fm), rel, date, cx);
    if let (Some(d), Some(u)) = (date, updated)
        && u < d
    {
        problems.at_key(
            "updated",
            "`updated` is before `date`".into(),
            Some("`updated` is when the notice last changed; it cannot be earlier than its publication"),
        );
    }

    let mut body = split.body.to_owned();
    let limits = &cx.config.limits;
    let (mut byline, mut editors) = (
        names(&mut problems, "byline", fm.byline.map(|n| n.0), limits),
        names(&mut problems, "editors", fm.editors.map(|n| n.0), limits),
    );
    if byline.is_none()
        && editors.is_none()
        && let Some((credits, start)) = find_trailer(&body)
    {
        // The trailer is checked against the same limits, placed at its first line.
        let at = start + (body.len() - start - body[start..].trim_start().len());
        let line = split.body_line + body[..at].matches('\n').count();
        let col = body[..at].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        for (key, list) in [("byline", &credits.byline), ("editors", &credits.editors)] {
            over_limit(&mut problems, key, list.len(), limits, Some((line, col)));
        }
        body.truncate(start);
        let clean = |list: Vec<String>| list.iter().map(|n| text::clean_name(n)).filter(|n| !n.is_empty()).collect();
        byline = Some(clean(credits.byline));
        editors = Some(clean(credits.editors));
    }
    let mut original_title = fm.original_title.as_deref().map(text::clean_title).filter(|t| !t.is_empty());
    if original_title.is_none()
        && let Some((found, range)) = find_original_title(&body)
    {
        // Blank the line rather than remove it, so body line numbers stay those of the file.
        body.replace_range(range, "");
        original_title = Some(text::clean_title(&found)).filter(|t| !t.is_empty());
    }

    let tags = names(&mut problems, "tags", fm.tags, limits).unwrap_or_default();
    let section = match fm.section.as_deref().map(str::trim) {
        Some(s) if slug::slugify(s, cx.config.slug_mode).is_empty() => {
            problems.at_key(
                "section",
                format!("the section `{s}` has no letters or digits"),
                Some("name the section, e.g. section = \"meetings\""),
            );
            String::new()
        }
        Some(s) => s.to_owned(),
        None => super::section_of(rel).to_owned(),
    };
    let explicit_slug = fm.slug.as_deref().and_then(|s| match slug::check_explicit(s) {
        Ok(s) => Some(s),
        Err((message, hint)) => {
            problems.at_key("slug", message, Some(hint));
            None
        }
    });
    // `x.zh-Hans.md` is in zh-Hans when the site is published in it.
    let by_name = crate::config::languages::of_file(rel, &cx.config.languages);
    let lang = match fm.lang.as_deref().map(str::trim) {
        Some(l) if !crate::config::is_language_tag(l) => {
            problems.at_key(
                "lang",
                format!("`{l}` is not a language tag"),
                Some("use a tag such as \"en\" or \"zh-Hans\""),
            );
            String::new()
        }
        Some(l) => l.to_owned(),
        None => match by_name {
            Some(named) => named.code.clone(),
            None => cx.config.language.clone(),
        },
    };
    if let Some(named) = by_name
        && !lang.is_empty()
        && !lang.eq_ignore_ascii_case(&named.code)
    {
        problems.at_key(
            "lang",
            format!("the file's name says the notice is in `{}`, its `lang` says `{lang}`", named.code),
            Some("remove `lang` (the name says it), or rename the file"),
        );
    }

    let (Some(title), Some(date)) = (title, date) else {
        return Err(problems.list);
    };
    if !problems.list.is_empty() {
        return Err(problems.list);
    }
    // A correction that matters moves the notice's updated time; a minor one does not.
    if let Some(c) = editorial.corrections.iter().filter(|c| !c.minor).map(|c| c.date).max() {
        updated = Some(updated.map_or(c, |u| u.max(c)));
    }

    let rendered = cx.renderer.render(&body);
    if !rendered.problems.is_empty() {
        for p in &rendered.problems {
            problems.at((split.body_line + p.line - 1, p.col), p.message.clone(), p.hint.clone());
        }
        return Err(problems.list);
    }
    let summary = match fm.summary.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => text::collapse_spaces(s),
        None => text::summarize(&rendered.first_paragraph),
    };
    // The original is usually in another language than the translation: say which where the
    // script tells (keeping the notice's own tag when it is already right, e.g. zh-Hans).
    let original_lang = original_title.as_ref().map(|t| match text::cjk_language(t) {
        Some(guess) if lang.split('-').next() != Some(guess) => guess.to_owned(),
        _ => lang.clone(),
    });
    let mut extra = serde_json::Value::Object(fm.extra.unwrap_or_default());
    front_matter::fix_toml_dates(&mut extra);
    let byline = byline.unwrap_or_default();
    let editors = editors.unwrap_or_default();
    let keys = |names: &[String]| names.iter().map(|n| crate::text::key(n)).collect();
    let mut notice = Notice {
        title_slug: slug::fit(slug::slugify(&title, cx.config.slug_mode)),
        section_slug: slug::fit(slug::slugify(&section, cx.config.slug_mode)),
        day: date.to_zoned_datetime(cx.config.timezone.clone()).date(),
        tag_keys: keys(&tags),
        byline_keys: keys(&byline),
        editor_keys: keys(&editors),
        source_hash: crate::hash::bytes(text.as_bytes()),
        rel_path: rel.to_owned(),
        shown: shown.to_path_buf(),
        title,
        date,
        updated,
        original_title,
        original_lang,
        byline,
        editors,
        tags,
        section_at: fm.section.is_some().then(|| problems.key_position("section")),
        section,
        summary_given: fm.summary.as_deref().is_some_and(|s| !s.trim().is_empty()),
        summary,
        slug_at: explicit_slug.is_some().then(|| problems.key_position("slug")),
        slug: explicit_slug,
        draft: fm.draft,
        lang,
        location: fm.location.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()),
        reference: fm.reference.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()),
        editorial,
        extra,
        body: rendered,
        body_line: split.body_line,
        head_hash: 0,
    };
    notice.head_hash = head_hash(&notice);
    Ok(notice)
}

/// See [`Notice::head_hash`]. Every field but `body` (and `source_hash`, which includes the
/// body) goes in; a field added to `Notice` must be added here.
fn head_hash(n: &Notice) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::hasher();
    let Notice {
        rel_path,
        shown,
        title,
        date,
        updated,
        original_title,
        original_lang,
        byline,
        editors,
        tags,
        section,
        section_at: _,
        summary,
        summary_given,
        slug,
        slug_at: _,
        draft,
        lang,
        location,
        reference,
        editorial,
        extra,
        body: _,
        body_line: _,
        title_slug,
        section_slug,
        day,
        tag_keys,
        byline_keys,
        editor_keys,
        source_hash: _,
        head_hash: _,
    } = n;
    (rel_path, shown, title, date, updated, original_title, original_lang, byline, editors, tags, section).hash(&mut h);
    (
        (summary, summary_given),
        slug,
        draft,
        lang,
        location,
        reference,
        title_slug,
        section_slug,
        day,
        tag_keys,
        byline_keys,
        editor_keys,
    )
        .hash(&mut h);
    editorial.hash(&mut h);
    crate::hash::json(extra, &mut h);
    h.finish()
}

/// A title, cleaned (see [`text::clean_title`]); one that is empty, or holds only invisible
/// characters (a byte-order mark pasted in), is an error.
fn required_text(problems: &mut Problems, key: &str, value: Option<&str>, hint: &str) -> Option<String> {
    match value.map(|v| (text::clean_title(v), v)) {
        Some((v, _)) if !v.is_empty() => Some(v),
        Some((_, written)) => {
            let invisible = text::invisible_codes(written);
            let message = if invisible.is_empty() {
                format!("`{key}` is empty")
            } else {
                format!("`{key}` is empty: it holds only invisible characters ({invisible})")
            };
            problems.at_key(key, message, Some(hint));
            None
        }
        None => {
            problems.at_key(key, format!("missing field `{key}`"), Some(hint));
            None
        }
    }
}

fn checked_date(problems: &mut Problems, key: &str, raw: &str, tz: &jiff::tz::TimeZone) -> Option<Timestamp> {
    match date::parse(raw, tz) {
        Ok(ts) => Some(ts),
        Err(e) => {
            problems.at_key(key, e.message, e.hint.as_deref());
            None
        }
    }
}

/// Names (or tags) cleaned: in NFC, without invisible characters, spaces collapsed (see
/// [`text::clean_name`]); an empty one is an error, and so are more than `[limits]` allow.
fn names(
    problems: &mut Problems,
    key: &str,
    list: Option<Vec<String>>,
    limits: &crate::config::Limits,
) -> Option<Vec<String>> {
    let list = list?;
    if over_limit(problems, key, list.len(), limits, None) {
        return Some(Vec::new());
    }
    let mut out = Vec::with_capacity(list.len());
    for name in list {
        let name = text::clean_name(&name);
        if name.is_empty() {
            let what = if key == "tags" { "a tag" } else { "a name" };
            problems.at_key(key, format!("`{key}` has an empty entry"), Some(&format!("remove it or write {what}")));
        } else {
            out.push(name);
        }
    }
    Some(out)
}

/// Whether `count` entries of `key` (`tags`, `byline`, `editors`) are more than `[limits]`
/// allow; if so, a problem at `at` (else at the key in the front matter).
fn over_limit(
    problems: &mut Problems,
    key: &str,
    count: usize,
    limits: &crate::config::Limits,
    at: Option<(usize, usize)>,
) -> bool {
    let Some(limit) = limits.of(key).filter(|limit| count > *limit) else {
        return false;
    };
    let what = crate::config::limits::what(key);
    let (message, written) = match at {
        Some(_) => (
            format!("the credits at the end of the notice name {count} {what}, more than the limit of {limit}"),
            "credited",
        ),
        None => (format!("`{key}` has {count} entries, more than the limit of {limit}"), "listed"),
    };
    let hint = format!(
        "a notice may have at most {limit} {what}; keep the ones that matter, or if more must be {written}, \
         raise the limit in site.toml: [limits] {key} = {count}"
    );
    let position = at.unwrap_or_else(|| problems.key_position(key));
    problems.at(position, message, Some(hint));
    true
}
