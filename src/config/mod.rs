//! `site.toml`: the raw file as strict serde structs ([`RawConfig`]) and the checked,
//! resolved [`Config`] the rest of the build uses.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::Deserialize;
use toml::Spanned;

mod feeds;
pub mod images;
pub mod languages;
pub mod limits;
mod permalinks;

use crate::diagnostic::{Diagnostic, explain_serde_error};
use crate::fs;
pub use feeds::{FeedContent, FeedFormat, FeedSettings, Feeds, Listing};
pub use languages::Language;
pub use limits::Limits;
pub use permalinks::Permalinks;

pub const FILE_NAME: &str = "site.toml";

/// A mistake in a table of site.toml: where (a byte range of the file), what, and a hint.
pub type Problem = (std::ops::Range<usize>, String, String);

/// `site.toml` exactly as written. Unknown keys are errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawConfig {
    pub title: Option<Spanned<String>>,
    pub description: String,
    pub base_url: Option<Spanned<String>>,
    pub language: Spanned<String>,
    pub timezone: Spanned<String>,
    pub theme: Spanned<String>,
    pub publisher: Option<String>,
    pub paginate: Spanned<i64>,
    pub output_dir: PathBuf,
    pub markdown: MarkdownConfig,
    pub slugs: SlugsConfig,
    /// Feed settings for every kind of listing; `[feeds.<kind>]` wins over them.
    pub feed_formats: Option<Vec<FeedFormat>>,
    pub feed_limit: Option<Spanned<i64>>,
    pub feed_content: Option<FeedContent>,
    pub feeds: feeds::RawFeeds,
    pub search: bool,
    /// What a notice's `reference` must look like (a regular expression), for `gazette check`.
    pub reference_pattern: Option<Spanned<String>>,
    /// The only tags notices may use, for `gazette check`; empty means any.
    pub allowed_tags: Vec<String>,
    pub permalinks: permalinks::RawPermalinks,
    pub languages: languages::RawLanguages,
    pub images: images::RawImages,
    pub limits: limits::RawLimits,
    pub extra: toml::Table,
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            title: None,
            description: String::new(),
            base_url: None,
            language: Spanned::new(0..0, "en".into()),
            timezone: Spanned::new(0..0, "UTC".into()),
            theme: Spanned::new(0..0, "bureau".into()),
            publisher: None,
            paginate: Spanned::new(0..0, 20),
            output_dir: PathBuf::from("public"),
            markdown: MarkdownConfig::default(),
            slugs: SlugsConfig::default(),
            feed_formats: None,
            feed_limit: None,
            feed_content: None,
            feeds: feeds::RawFeeds::default(),
            search: true,
            reference_pattern: None,
            allowed_tags: Vec::new(),
            permalinks: permalinks::RawPermalinks::default(),
            languages: Default::default(),
            images: images::RawImages::default(),
            limits: limits::RawLimits::default(),
            extra: toml::Table::new(),
        }
    }
}

/// The `[markdown]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Curly quotes, dashes and ellipses.
    pub smart_punctuation: bool,
    pub raw_html: RawHtml,
    /// Highlight fenced code blocks (into CSS classes).
    pub highlight: bool,
    /// Links to other sites open in a new tab (`target="_blank"`).
    pub external_links_new_tab: bool,
    /// Links to other sites ask search engines not to follow them (`rel="nofollow"`).
    pub external_links_nofollow: bool,
    /// Each heading ends with a `#` link to itself, for readers to copy.
    pub heading_anchors: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            raw_html: RawHtml::Sanitize,
            highlight: true,
            external_links_new_tab: false,
            external_links_nofollow: false,
            heading_anchors: false,
        }
    }
}

/// What to do with HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe markup, remove scripts, event handlers and `javascript:` URLs.
    Sanitize,
    /// Keep it as written (trusted authors only).
    Allow,
    /// Show it as text.
    Escape,
}

/// The `[slugs]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlugsConfig {
    pub mode: SlugMode,
}

/// How titles, tags and names become URL segments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugMode {
    /// ASCII only: `李阳` becomes `li-yang`.
    #[default]
    Transliterate,
    /// Keep letters of every script (CJK included), drop punctuation.
    Safe,
    /// Keep the text as written, replacing only characters that cannot be in a file name.
    Off,
}

/// The keys at the top of site.toml, before any `[table]`.
const TOP_LEVEL_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "theme",
    "publisher",
    "paginate",
    "output_dir",
    "markdown",
    "slugs",
    "feed_formats",
    "feed_limit",
    "feed_content",
    "feeds",
    "search",
    "reference_pattern",
    "allowed_tags",
    "permalinks",
    "languages",
    "images",
    "limits",
];

/// The `[table]` whose section of `text` holds byte `offset`, if any.
fn table_at(text: &str, offset: usize) -> Option<&str> {
    text[..offset.min(text.len())]
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix('[').and_then(|l| l.split(']').next()))
        .map(str::trim)
}

fn misplaced_hint(key: &str, table: Option<&str>) -> String {
    format!(
        "`{key}` belongs at the top of site.toml; here it is inside [{}]: move it above the first [table] line",
        table.unwrap_or("?")
    )
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Scheme and host, no trailing slash: `https://example.gov`.
    pub origin: String,
    /// The path the site lives under, with a trailing slash: `/` or `/news/`.
    pub base_path: String,
    pub language: String,
    pub timezone: TimeZone,
    pub timezone_name: String,
    pub theme: String,
    pub publisher: String,
    pub paginate: usize,
    pub output_dir: PathBuf,
    pub markdown: MarkdownConfig,
    pub slug_mode: SlugMode,
    /// The addresses of notices' pages.
    pub permalinks: Permalinks,
    /// The languages the site is published in besides `language`, each under `/<tag>/`.
    pub languages: Vec<Language>,
    /// The widths of photos' smaller copies, and their quality.
    pub images: images::Images,
    /// The feeds of the site, its sections, tags and people.
    pub feeds: Feeds,
    /// Write a search index and a search page.
    pub search: bool,
    /// `reference_pattern`, anchored at both ends, and as written.
    pub reference_pattern: Option<(regex::Regex, String)>,
    /// `allowed_tags`; empty means any.
    pub allowed_tags: Vec<String>,
    /// The most tags, byline names and editors one notice may have.
    pub limits: Limits,
    pub extra: serde_json::Value,
}

impl Config {
    /// Reads and checks `root/site.toml`; `base_url` replaces the file's `base_url`.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
        let shown = fs::shown(root, FILE_NAME);
        let path = root.join(FILE_NAME);
        let text = fs::read_source(&path, &shown).map_err(|d| {
            if path.is_file() && d.hint.is_some() {
                // It is there but not readable as text: the hint says why.
                return vec![d];
            }
            vec![d.with_hint(format!(
                "every site needs a {FILE_NAME} at its root; `gazette init DIR` writes a new site, \
                 or pass --root to point at an existing one"
            ))]
        })?;
        Config::parse(&text, &shown, base_url)
    }

    /// Parses and checks the text of a `site.toml` shown to the user as `shown`.
    pub fn parse(text: &str, shown: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            if let Some((offset, message, hint)) = too_deep(text, &e) {
                return vec![Diagnostic::at(shown, text, offset, message).with_hint(hint)];
            }
            let (message, mut hint) = explain_serde_error(e.message(), "key", FILE_NAME);
            // A top-level key written after a [table] header belongs to that table in TOML.
            if let Some(span) = e.span()
                && let Some(name) = message.strip_prefix("unknown key `").and_then(|m| m.split('`').next())
                && TOP_LEVEL_KEYS.contains(&name)
            {
                hint = Some(misplaced_hint(name, table_at(text, span.start)));
            }
            let d = match e.span() {
                Some(span) => Diagnostic::at(shown, text, span.start, message),
                None => Diagnostic::file(shown, message),
            };
            vec![match hint {
                Some(h) => d.with_hint(h),
                None => d,
            }]
        })?;
        resolve(raw, text, shown, base_url)
    }
}

fn resolve(raw: RawConfig, text: &str, shown: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let at = |span: std::ops::Range<usize>, msg: String| {
        if span.is_empty() && span.start == 0 {
            Diagnostic::file(shown, msg)
        } else {
            Diagnostic::at(shown, text, span.start, msg)
        }
    };

    let title = match &raw.title {
        Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().trim().to_owned(),
        Some(t) => {
            problems.push(
                at(t.span(), "`title` is empty".into()).with_hint("give the site's name, e.g. title = \"Bureau News\""),
            );
            String::new()
        }
        None => {
            problems.push(
                Diagnostic::file(shown, "missing key `title`")
                    .with_hint("add the site's name, e.g. title = \"Bureau News\""),
            );
            String::new()
        }
    };

    let (origin, base_path) =
        match (base_url, &raw.base_url) {
            (Some(cli), _) => parse_base_url(cli).unwrap_or_else(|msg| {
                problems.push(Diagnostic::file("--base-url", msg));
                Default::default()
            }),
            (None, Some(url)) => parse_base_url(url.get_ref()).unwrap_or_else(|msg| {
                problems.push(at(url.span(), msg).with_hint(
                    "write the address the site is published at, e.g. base_url = \"https://news.example.gov\"",
                ));
                Default::default()
            }),
            (None, None) => {
                problems.push(Diagnostic::file(shown, "missing key `base_url`").with_hint(
                    "add the address the site is published at, e.g. base_url = \"https://news.example.gov\"",
                ));
                Default::default()
            }
        };

    let language = raw.language.get_ref().trim().to_owned();
    if !is_language_tag(&language) {
        problems.push(
            at(raw.language.span(), format!("`{language}` is not a language tag"))
                .with_hint("use a BCP 47 tag such as \"en\", \"zh-Hans\" or \"fr-CA\""),
        );
    }

    let timezone_name = raw.timezone.get_ref().trim().to_owned();
    let timezone = TimeZone::get(&timezone_name).unwrap_or_else(|_| {
        problems.push(
            at(raw.timezone.span(), format!("unknown time zone `{timezone_name}`"))
                .with_hint("use an IANA time zone name such as \"Asia/Shanghai\", \"Europe/Paris\" or \"UTC\""),
        );
        TimeZone::UTC
    });

    let paginate = *raw.paginate.get_ref();
    if paginate < 1 {
        problems.push(at(raw.paginate.span(), format!("`paginate` must be at least 1, not {paginate}")));
    }

    let everywhere =
        feeds::RawFeedSettings { formats: raw.feed_formats, limit: raw.feed_limit, content: raw.feed_content };
    let feeds = raw.feeds.resolve(&everywhere).unwrap_or_else(|list| {
        problems.extend(list.into_iter().map(|(span, message, hint)| at(span, message).with_hint(hint)));
        Feeds::default()
    });

    let theme = raw.theme.get_ref().trim().to_owned();
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        problems.push(
            at(raw.theme.span(), format!("`{theme}` is not a theme name"))
                .with_hint("name a folder under themes/, e.g. theme = \"bureau\""),
        );
    }

    // Keys written after `[extra]` land in it, where Gazette never reads them.
    for key in raw.extra.keys().filter(|k| TOP_LEVEL_KEYS.contains(&k.as_str())) {
        let offset = find_key_after(text, "[extra]", key).unwrap_or(0);
        problems.push(
            Diagnostic::at(shown, text, offset, format!("`{key}` is inside [extra], where Gazette does not read it"))
                .with_hint(misplaced_hint(key, Some("extra"))),
        );
    }

    let reference_pattern = raw.reference_pattern.as_ref().and_then(|p| {
        let written = p.get_ref().trim();
        match regex::Regex::new(&format!("^(?:{written})$")) {
            Ok(r) => Some((r, written.to_owned())),
            Err(e) => {
                let reason = e.to_string();
                let reason = reason.lines().last().unwrap_or("").trim_start_matches("error: ").to_owned();
                problems.push(
                    at(p.span(), format!("`reference_pattern` is not a valid regular expression: {reason}"))
                        .with_hint("write it in single quotes so backslashes stay, e.g. reference_pattern = 'BN \\[\\d{4}\\] No\\. \\d+'"),
                );
                None
            }
        }
    });
    let permalinks = Permalinks::read(&raw.permalinks).unwrap_or_else(|(span, message, hint)| {
        problems.push(at(span, message).with_hint(hint));
        Permalinks::default()
    });
    let languages = languages::read(raw.languages, &language).unwrap_or_else(|list| {
        problems.extend(list.into_iter().map(|(span, message, hint)| at(span, message).with_hint(hint)));
        Vec::new()
    });
    let images = raw.images.resolve().unwrap_or_else(|(span, message, hint)| {
        problems.push(at(span, message).with_hint(hint));
        images::Images::default()
    });
    // Written like notices' tags are read, so that `café` typed either way is allowed.
    let allowed_tags: Vec<String> =
        raw.allowed_tags.iter().map(|t| crate::text::clean_name(t)).filter(|t| !t.is_empty()).collect();
    let limits = raw.limits.resolve().unwrap_or_else(|list| {
        problems.extend(list.into_iter().map(|(span, message, hint)| at(span, message).with_hint(hint)));
        Limits::default()
    });

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        reference_pattern,
        allowed_tags,
        limits,
        publisher: raw
            .publisher
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| title.clone()),
        title,
        description: raw.description.trim().to_owned(),
        origin,
        base_path,
        language,
        timezone,
        timezone_name,
        theme,
        paginate: paginate as usize,
        output_dir: raw.output_dir,
        markdown: raw.markdown,
        slug_mode: raw.slugs.mode,
        permalinks,
        languages,
        images,
        feeds,
        search: raw.search,
        extra: toml_to_json(toml::Value::Table(raw.extra)),
    })
}

/// Converts TOML data (from `site.toml`) to JSON for templates, dates as strings.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

/// Byte offset of the line `key = …` after the line `header` in `text`.
pub fn find_key_after(text: &str, header: &str, key: &str) -> Option<usize> {
    let start = text.find(header)?;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')) {
            return Some(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    None
}

/// TOML's parser gives up on a dotted key of more than [`KEY_PARTS`] parts
/// (`a.a.a.….a = 1`) with "recursion limit" and no position: find the key, so the message
/// can point at its line. `None` for any other error. Also used for front matter.
pub fn too_deep(text: &str, e: &toml::de::Error) -> Option<(usize, String, String)> {
    if e.span().is_some() || !e.message().contains("recursion limit") {
        return None;
    }
    let (offset, parts) = deepest_key(text)?;
    Some((
        offset,
        format!("this key has {parts} parts separated by dots, more than can be read"),
        format!("a dotted key may have at most {KEY_PARTS} parts (a.b.c = 1 has three); nest the values less deeply"),
    ))
}

/// The most parts a dotted key may have for the `toml` crate.
pub const KEY_PARTS: usize = 80;

/// The start of the dotted key with the most parts in TOML `text`, and its number of parts:
/// on each line, outside quotes, the dots between `=`, `,`, brackets and braces are counted.
fn deepest_key(text: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let (mut quote, mut parts, mut start) = (None, 1, None::<usize>);
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => {
                    quote = Some(c);
                    start.get_or_insert(i);
                }
                (None, '#') => break,
                (None, '=' | ',' | '[' | ']' | '{' | '}') => (parts, start) = (1, None),
                (None, '.') => {
                    parts += 1;
                    if best.is_none_or(|(_, most)| parts > most) {
                        best = Some((offset + start.unwrap_or(i), parts));
                    }
                }
                (None, c) if !c.is_whitespace() => {
                    start.get_or_insert(i);
                }
                _ => {}
            }
        }
        offset += line.len();
    }
    best.filter(|(_, parts)| *parts > KEY_PARTS)
}

/// Splits `https://host/path/` into origin `https://host` and base path `/path/`.
pub fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` is not an http:// or https:// address"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || "?#@".contains(c)) {
        return Err(format!("`{url}` has no valid host name"));
    }
    if path.contains(['?', '#']) || path.contains(char::is_whitespace) {
        return Err(format!("`{url}` must not contain a query, a fragment or spaces"));
    }
    // `host:port`; a bracketed IPv6 address has colons of its own.
    let port = match host.rfind([':', ']']) {
        Some(i) if host.as_bytes()[i] == b':' => Some(&host[i + 1..]),
        _ => None,
    };
    if let Some(port) = port
        && !port.parse::<u16>().is_ok_and(|p| p >= 1 && port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!("`{url}` has an invalid port `{port}`: a port is a number from 1 to 65535"));
    }
    let scheme_len = url.len() - rest.len();
    let origin = format!("{}{host}", &url[..scheme_len]);
    let path = format!("{}/", path.trim_end_matches('/'));
    Ok((origin, path))
}

pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("site.toml"), None)
            .map_err(|ds| ds.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))
    }

    const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://example.gov\"\n";

    #[test]
    fn defaults() {
        let c = parse(MINIMAL).unwrap();
        assert_eq!((c.language.as_str(), c.timezone_name.as_str(), c.theme.as_str()), ("en", "UTC", "bureau"));
        assert_eq!(c.paginate, 20);
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.publisher, "T");
        assert_eq!(c.markdown.raw_html, RawHtml::Sanitize);
        assert!(c.markdown.smart_punctuation && c.markdown.highlight);
        assert_eq!(c.slug_mode, SlugMode::Transliterate);
        assert_eq!((c.origin.as_str(), c.base_path.as_str()), ("https://example.gov", "/"));
        assert_eq!(c.feeds, Feeds::default());
        assert_eq!(c.feeds.site.formats, [FeedFormat::Atom, FeedFormat::Rss]);
        assert_eq!((c.feeds.tags.limit, c.feeds.tags.content, c.search), (20, FeedContent::Summary, true));
    }

    #[test]
    fn feed_settings() {
        let c = parse(&format!("{MINIMAL}feed_formats = [\"json\", \"atom\", \"json\"]\nfeed_limit = 5\nfeed_content = \"summary\"\nsearch = false\n")).unwrap();
        for listing in [Listing::Site, Listing::Section, Listing::Tag, Listing::Person] {
            let f = c.feeds.of(listing);
            assert_eq!(f.formats, [FeedFormat::Atom, FeedFormat::Json]);
            assert_eq!((f.limit, f.content), (5, FeedContent::Summary));
        }
        assert!(!c.search);
        let c = parse(&format!("{MINIMAL}feed_limit = 9\n[feeds.tags]\nformats = [\"rss\"]\nlimit = 3\n")).unwrap();
        assert_eq!((&c.feeds.tags.formats[..], c.feeds.tags.limit), (&[FeedFormat::Rss][..], 3));
        assert_eq!((&c.feeds.people.formats[..], c.feeds.people.limit), (&[FeedFormat::Atom][..], 9));
        let err = parse(&format!("{MINIMAL}feed_limit = 0\n")).unwrap_err();
        assert!(err.starts_with("site.toml:3:14: `feed_limit` must be at least 1, not 0"), "{err}");
        let err = parse(&format!("{MINIMAL}[feeds.people]\nlimit = 0\n")).unwrap_err();
        assert!(err.starts_with("site.toml:4:9: `feeds.people.limit` must be at least 1, not 0"), "{err}");
        let err = parse(&format!("{MINIMAL}[feeds.person]\nlimit = 1\n")).unwrap_err();
        assert!(
            err.contains("unknown key `person`") && err.contains("valid keys: site, sections, tags, people"),
            "{err}"
        );
        let err = parse(&format!("{MINIMAL}feed_formats = [\"atom\", \"rss2\"]\n")).unwrap_err();
        assert!(err.contains("unknown value `rss2`") && err.contains("did you mean `rss`?"), "{err}");
    }

    #[test]
    fn unknown_key_names_it_and_suggests_the_closest() {
        let err = parse(&format!("{MINIMAL}paginte = 10\n")).unwrap_err();
        assert!(err.starts_with("site.toml:3:1: unknown key `paginte` in site.toml"), "{err}");
        assert!(err.contains("hint: did you mean `paginate`?"), "{err}");
    }

    #[test]
    fn unknown_key_in_a_table() {
        let err = parse(&format!("{MINIMAL}[markdown]\nraw_htm = \"allow\"\n")).unwrap_err();
        assert!(err.starts_with("site.toml:4:1: unknown key `raw_htm`"), "{err}");
        assert!(err.contains("did you mean `raw_html`?"), "{err}");
    }

    #[test]
    fn bad_enum_value_suggests() {
        let err = parse(&format!("{MINIMAL}[slugs]\nmode = \"transliterat\"\n")).unwrap_err();
        assert!(err.contains("site.toml:4:8: unknown value `transliterat`"), "{err}");
        assert!(err.contains("did you mean `transliterate`?"), "{err}");
    }

    #[test]
    fn semantic_errors_are_all_reported_with_positions() {
        let err = parse("title = \"T\"\nbase_url = \"example.gov\"\ntimezone = \"Mars/Olympus\"\npaginate = 0\nlanguage = \"english!\"\n")
            .unwrap_err();
        for want in [
            "site.toml:2:12: `example.gov` is not an http:// or https:// address",
            "site.toml:3:12: unknown time zone `Mars/Olympus`",
            "site.toml:4:12: `paginate` must be at least 1, not 0",
            "site.toml:5:12: `english!` is not a language tag",
        ] {
            assert!(err.contains(want), "missing {want:?} in:\n{err}");
        }
    }

    #[test]
    fn missing_title_and_base_url() {
        let err = parse("").unwrap_err();
        assert!(err.contains("site.toml: missing key `title`"), "{err}");
        assert!(err.contains("site.toml: missing key `base_url`"), "{err}");
    }

    #[test]
    fn top_level_keys_under_a_table_are_explained() {
        let err = parse(&format!("{MINIMAL}[markdown]\nhighlight = true\npaginate = 5\n")).unwrap_err();
        assert!(err.starts_with("site.toml:5:1: unknown key `paginate` in site.toml"), "{err}");
        assert!(err.contains("`paginate` belongs at the top of site.toml; here it is inside [markdown]"), "{err}");
        let err = parse(&format!("{MINIMAL}[extra]\ncontact = \"x\"\npaginate = 5\n")).unwrap_err();
        assert!(
            err.starts_with("site.toml:5:1: `paginate` is inside [extra], where Gazette does not read it"),
            "{err}"
        );
    }

    #[test]
    fn limits() {
        assert_eq!(parse(MINIMAL).unwrap().limits, Limits { tags: 50, byline: 20, editors: 20 });
        let c = parse(&format!("{MINIMAL}[limits]\ntags = 500\n")).unwrap();
        assert_eq!(c.limits, Limits { tags: 500, byline: 20, editors: 20 });
        let err = parse(&format!("{MINIMAL}[limits]\ntags = 0\n")).unwrap_err();
        assert!(err.starts_with("site.toml:4:8: `limits.tags` must be at least 1, not 0"), "{err}");
        let err = parse(&format!("{MINIMAL}[limits]\nbylines = 5\n")).unwrap_err();
        assert!(err.contains("unknown key `bylines`") && err.contains("did you mean `byline`?"), "{err}");
    }

    #[test]
    fn a_key_of_thousands_of_parts_is_placed() {
        // The toml crate's own limit, which the message names.
        let key = |n: usize| vec!["a"; n].join(".");
        assert!(toml::from_str::<toml::Table>(&format!("{} = 1", key(KEY_PARTS))).is_ok());
        assert!(toml::from_str::<toml::Table>(&format!("{} = 1", key(KEY_PARTS + 1))).is_err());
        let err = parse(&format!("{MINIMAL}[extra]\nversion = 1.5\n{} = 1\n", key(5000))).unwrap_err();
        assert!(err.starts_with("site.toml:5:1: this key has 5000 parts separated by dots"), "{err}");
        assert!(err.contains("at most 80 parts"), "{err}");
        let err = parse(&format!("{MINIMAL}[extra]\nx = {{ \"q\".{} = 1 }}\n", key(300))).unwrap_err();
        assert!(err.starts_with("site.toml:4:7: this key has 301 parts"), "{err}");
    }

    #[test]
    fn base_url_with_a_path() {
        for (url, origin, path) in [
            ("https://example.gov", "https://example.gov", "/"),
            ("https://example.gov/", "https://example.gov", "/"),
            ("http://example.gov/news", "http://example.gov", "/news/"),
            ("https://example.gov/a/b/", "https://example.gov", "/a/b/"),
        ] {
            assert_eq!(parse_base_url(url).unwrap(), (origin.to_owned(), path.to_owned()), "{url}");
        }
        assert!(parse_base_url("ftp://x").is_err());
        assert!(parse_base_url("https://").is_err());
        for (url, ok) in [
            ("https://example.gov:8443/news/", true),
            ("http://[::1]:8080", true),
            ("http://[::1]", true),
            ("https://example.gov:65535", true),
            ("https://example.gov:99999", false),
            ("https://example.gov:0", false),
            ("https://example.gov:", false),
            ("https://example.gov:+80", false),
            ("https://example.gov:http", false),
            ("http://[::1]:99999", false),
        ] {
            assert_eq!(parse_base_url(url).is_ok(), ok, "{url}");
        }
        assert_eq!(
            parse_base_url("https://example.gov:99999").unwrap_err(),
            "`https://example.gov:99999` has an invalid port `99999`: a port is a number from 1 to 65535"
        );
    }
}
