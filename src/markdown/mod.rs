//! Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough, task lists
//! and smart punctuation; unique heading ids and a table of contents; fenced code
//! highlighted into CSS classes; raw HTML handled by the site's `raw_html` policy.

mod highlight;
mod raw;
mod sanitize;
pub mod shortcodes;
mod toc;

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::config::{MarkdownConfig, RawHtml, SlugMode};
use crate::slug::slugify;
use crate::text;
pub use highlight::Highlighter;
pub use toc::TocEntry;

/// A rendered body and what was measured while rendering it. (Serialized only into the
/// build cache.)
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Plain text of the first top-level paragraph, for the default summary.
    pub first_paragraph: String,
    pub word_count: usize,
    pub reading_minutes: u32,
    /// The text alone, for the search index.
    pub text: String,
    /// Every link and image, for `gazette check`.
    pub links: Vec<LinkRef>,
    /// A hash of all the above, to tell cheaply whether a page showing them changed.
    pub hash: u64,
    /// A hash of the Markdown it was rendered from: its key in the build cache.
    pub source: u64,
    /// What stops a build wherever the body is read: shortcode calls that could not be
    /// rendered, raw HTML nested too deep for the sanitizer; where they are written.
    pub problems: Vec<shortcodes::Problem>,
    /// Raw HTML left open (`<style>`, `<!--`…), which would hide everything after it: a
    /// build refuses it, `check` lists it among its findings (see `check::notices`).
    pub unclosed: Vec<shortcodes::Problem>,
}

/// How a link to another notice by its source path starts: `[text](@/meetings/a.md#tasks)`.
pub const INTERNAL_PREFIX: &str = "@/";

/// What the `k`-th link by source path of a body links to in its rendered HTML, until the
/// site puts the target's address in its place (plain ASCII, so HTML escaping and the
/// sanitizer leave it as it is).
pub fn internal_marker(k: usize) -> String {
    format!("{INTERNAL_PREFIX}gazette-link/{k}")
}

/// The `id` attributes in `html`: the anchors a link can lead to.
pub fn ids(html: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            out.insert(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    out
}

/// The alt text recorded for an image a shortcode marks `decorative=true`: it has alt text
/// on purpose empty, which is not missing.
pub const DECORATIVE: &str = "(decorative)";

/// A link or image in a body, where it is written (1-based line and column of the body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef {
    pub url: String,
    pub image: bool,
    /// An image's alt text (empty for links).
    pub alt: String,
    /// A photo's caption and credit, when a shortcode gives them (`figure`).
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub line: usize,
    pub col: usize,
}

/// Renders Markdown with one site's settings. Built once per build and shared by all
/// threads: the syntax set and the sanitizer are made once.
pub struct Renderer {
    /// Nanoseconds spent rendering, summed over threads, for `build --timings`.
    busy: std::sync::atomic::AtomicU64,
    options: Options,
    config: MarkdownConfig,
    highlighter: Highlighter,
    sanitizer: sanitize::Sanitizer,
    /// Bodies an earlier build rendered with the same settings (from the build cache), by
    /// their `source`; each is taken out when used.
    memo: std::sync::Mutex<rustc_hash::FxHashMap<u64, Rendered>>,
    /// Keep the plain text of bodies (for the search index).
    keep_text: bool,
    /// The site's own origin (`https://news.example.gov`): links elsewhere are external.
    origin: String,
    /// The name of a table's scrolling box, for screen readers ("Table", "表格").
    table_label: String,
    /// What a heading's `#` link says to screen readers ("Link to this section").
    anchor_label: String,
    /// The site's shortcode templates, if it has any.
    shortcodes: Option<std::sync::Arc<shortcodes::Shortcodes>>,
}

impl Renderer {
    pub fn new(config: &MarkdownConfig) -> Self {
        let mut options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_DEFINITION_LIST
            | Options::ENABLE_GFM;
        if config.smart_punctuation {
            options |= Options::ENABLE_SMART_PUNCTUATION;
        }
        Renderer {
            busy: Default::default(),
            options,
            config: config.clone(),
            highlighter: Highlighter::new(),
            sanitizer: sanitize::Sanitizer::new(),
            memo: Default::default(),
            keep_text: true,
            origin: String::new(),
            table_label: "Table".into(),
            anchor_label: "Link to this section".into(),
            shortcodes: None,
        }
    }

    /// The site's shortcode templates, for calls in bodies.
    pub fn with_shortcodes(mut self, shortcodes: shortcodes::Shortcodes) -> Self {
        self.shortcodes = (!shortcodes.is_empty()).then(|| std::sync::Arc::new(shortcodes));
        self
    }

    /// A hash of the shortcode templates the bodies were rendered with.
    pub fn shortcodes_key(&self) -> u64 {
        self.shortcodes.as_ref().map_or(0, |s| s.key)
    }

    /// What a heading's `#` link says to screen readers, in the site's language.
    pub fn anchor_label(mut self, label: &str) -> Self {
        self.anchor_label = label.to_owned();
        self
    }

    /// The name of a table's scrolling box, in the site's language.
    pub fn table_label(mut self, label: &str) -> Self {
        self.table_label = label.to_owned();
        self
    }

    /// The site's origin, so that links to it are not taken for links to other sites.
    pub fn site_origin(mut self, origin: &str) -> Self {
        self.origin = origin.to_owned();
        self
    }

    /// Whether to keep each body's plain text in [`Rendered::text`]: only the search index
    /// reads it, and a large site's text takes a lot of memory.
    pub fn keep_text(mut self, keep: bool) -> Self {
        self.keep_text = keep;
        self
    }

    /// What the renderer's settings make of Markdown: a body rendered under the same settings
    /// key by the same program renders the same.
    pub fn settings_key(&self) -> u64 {
        // Every setting shows in its Debug form.
        crate::hash::bytes(
            format!(
                "{:?} {} {} {} {} {}",
                self.config,
                self.keep_text,
                self.origin,
                self.table_label,
                self.anchor_label,
                self.shortcodes_key()
            )
            .as_bytes(),
        )
    }

    /// Gives the renderer bodies rendered earlier with the same settings, to use instead of
    /// rendering them again.
    pub fn remember(&self, rendered: impl IntoIterator<Item = Rendered>) {
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        memo.extend(rendered.into_iter().map(|r| (r.source, r)));
    }

    /// Drops the bodies given by [`Renderer::remember`] that were not used.
    pub fn forget_remembered(&self) {
        *self.memo.lock().unwrap_or_else(|e| e.into_inner()) = Default::default();
    }

    pub fn render(&self, markdown: &str) -> Rendered {
        let source = crate::hash::bytes(markdown.as_bytes());
        if let Some(done) = self.memo.lock().unwrap_or_else(|e| e.into_inner()).remove(&source) {
            return done;
        }
        let started = std::time::Instant::now();
        let mut rendered = match &self.shortcodes {
            Some(sc) if markdown.contains("{{") || markdown.contains("{%") => self.render_with(markdown, sc),
            _ => self.render_timed(markdown),
        };
        rendered.source = source;
        self.busy.fetch_add(started.elapsed().as_nanos() as u64, std::sync::atomic::Ordering::Relaxed);
        rendered
    }

    /// Renders `markdown` with its shortcode calls.
    fn render_with(&self, markdown: &str, sc: &shortcodes::Shortcodes) -> Rendered {
        let (text, calls, mut problems) = shortcodes::extract(markdown);
        let mut rendered = self.render_timed(&text);
        for (k, call) in calls.iter().enumerate() {
            // Images a shortcode shows are the notice's images too: published beside its
            // page, and checked for alt text.
            for key in ["src", "poster"] {
                if let Some(url) = call.args.get(key).and_then(|v| v.as_str()) {
                    let alt = match (call.args.get("alt"), call.args.get("decorative"), call.args.get("title")) {
                        (Some(a), _, _) => a.as_str().unwrap_or_default().to_owned(),
                        (None, Some(d), _) if d.as_bool() == Some(true) => DECORATIVE.to_owned(),
                        (None, _, Some(t)) => t.as_str().unwrap_or_default().to_owned(),
                        _ => String::new(),
                    };
                    let text = |key: &str| {
                        call.args.get(key).and_then(|v| v.as_str()).map(str::trim).filter(|t| !t.is_empty())
                    };
                    rendered.links.push(LinkRef {
                        url: url.to_owned(),
                        image: true,
                        alt,
                        caption: text("caption").map(str::to_owned),
                        credit: text("credit").map(str::to_owned),
                        line: call.line,
                        col: call.col,
                    });
                }
            }
            let body = call.body.as_ref().map(|b| self.render_timed(b).html);
            let marker = shortcodes::placeholder(k);
            // The template's output skips the sanitizer: its addresses must pass here.
            let refused = ["src", "poster", "href", "url"]
                .into_iter()
                .find(|key| call.args.get(*key).and_then(|v| v.as_str()).is_some_and(|u| !self.url_allowed(u)));
            if let Some(key) = refused {
                problems.push(shortcodes::Problem {
                    line: call.line,
                    col: call.col,
                    message: format!("the shortcode `{}`: `{key}` is not an address a notice may link to", call.name),
                    hint: Some("use a relative address or one starting with http:, https:, mailto: or tel:".into()),
                });
                continue;
            }
            match sc.render(call, body.as_deref()) {
                Ok(html) => {
                    // A call on a line of its own stands for a block; else it is inline.
                    let block = format!("<p>{marker}</p>\n");
                    rendered.html = if rendered.html.contains(&block) {
                        rendered.html.replacen(&block, &html, 1)
                    } else {
                        rendered.html.replacen(&marker, &html, 1)
                    };
                }
                Err(p) => problems.push(p),
            }
            rendered.text = rendered.text.replace(&marker, "");
            rendered.first_paragraph = rendered.first_paragraph.replace(&marker, "").trim().to_owned();
        }
        rendered.rehash();
        rendered.problems.extend(problems);
        rendered
    }

    /// Time spent rendering since the last call, summed over threads.
    pub fn take_busy(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.busy.swap(0, std::sync::atomic::Ordering::Relaxed))
    }

    fn render_timed(&self, markdown: &str) -> Rendered {
        let (mut events, ranges): (Vec<Event>, Vec<std::ops::Range<usize>>) =
            Parser::new_ext(markdown, self.options).into_offset_iter().unzip();
        let mut links: Vec<LinkRef> = Vec::new();
        // The image whose alt text is being read, as an index into `links`.
        let mut image: Option<usize> = None;
        let mut has_raw_html = false;
        // The author's raw HTML, joined, and where each piece starts in it and in `markdown`
        // (see `RawPieces`).
        let mut raw = RawPieces::default();
        // Whether the sanitizer will run: raw HTML under the `sanitize` policy.
        let sanitizing = self.config.raw_html == RawHtml::Sanitize
            && events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
        let mut plain = String::new();
        let mut first_paragraph: Option<String> = None;
        let mut paragraph: Option<String> = None;
        // Blocks that a top-level paragraph cannot be inside: lists, quotes, footnotes, tables.
        let mut nesting = 0usize;
        // Ids the page already has: the theme's landmarks and the footnotes.
        let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
        for e in &events {
            if let Event::Start(Tag::FootnoteDefinition(label)) = e {
                used_ids.insert(footnote_id(label));
            }
        }
        let mut next_suffix: HashMap<String, usize> = HashMap::new();
        let mut toc = toc::Builder::default();
        // The heading being read: where it starts in `out`, its text, the id written for it.
        let mut heading: Option<(usize, String, Option<String>)> = None;
        // Links and images whose URL was refused: their end tags are dropped too.
        let mut refused: Vec<bool> = Vec::new();
        let mut code: Option<(String, String)> = None;

        let mut out = Vec::with_capacity(events.len());
        for (event, range) in events.drain(..).zip(ranges) {
            if let Some((lang, buf)) = &mut code {
                match event {
                    Event::Text(t) => buf.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let html = self.highlighter.block(lang, buf, self.config.highlight);
                        out.push(Event::Html(html.into()));
                        code = None;
                    }
                    _ => {}
                }
                continue;
            }
            let event = match event {
                Event::Html(html) | Event::InlineHtml(html) if self.config.raw_html == RawHtml::Escape => {
                    Event::Text(html)
                }
                Event::Html(ref html) | Event::InlineHtml(ref html) => {
                    has_raw_html = true;
                    raw.push(markdown, html, range.start);
                    event
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_owned(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                    continue;
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    links.push(link_ref(markdown, range.start, &dest_url, false));
                    let ok = self.url_allowed(&dest_url);
                    refused.push(!ok);
                    if !ok {
                        continue;
                    }
                    // A link by source path: a marker here, the target's address once the
                    // site knows every notice's (see `site::links`).
                    let dest_url = if dest_url.starts_with(INTERNAL_PREFIX) {
                        let k = links.iter().filter(|l| l.is_internal()).count() - 1;
                        CowStr::from(internal_marker(k))
                    } else {
                        dest_url
                    };
                    if self.is_external(&dest_url) {
                        // Written here, for its `rel` (and `target`); `</a>` ends it as usual.
                        Event::InlineHtml(self.external_link(&dest_url, &title).into())
                    } else {
                        Event::Start(Tag::Link { link_type, dest_url, title, id })
                    }
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    links.push(link_ref(markdown, range.start, &dest_url, true));
                    image = Some(links.len() - 1);
                    let ok = self.url_allowed(&dest_url);
                    refused.push(!ok);
                    if !ok {
                        continue;
                    }
                    Event::Start(Tag::Image { link_type, dest_url, title, id })
                }
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    if event == Event::End(TagEnd::Image) {
                        image = None;
                    }
                    if refused.pop().unwrap_or(false) {
                        continue;
                    }
                    event
                }
                Event::FootnoteReference(label) => Event::FootnoteReference(footnote_id(&label).into()),
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    nesting += 1;
                    Event::Start(Tag::FootnoteDefinition(footnote_id(&label).into()))
                }
                Event::TaskListMarker(done) if sanitizing => {
                    // The sanitizer removes every <input>: a marker stands in for it.
                    Event::InlineHtml(sanitize::task_marker(done).into())
                }
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    // `## Title {#id .class}`: the id is made safe like a slug; classes are
                    // kept, other attributes only under `allow` (they could be handlers).
                    heading = Some((out.len(), String::new(), id.map(|i| i.to_string())));
                    let classes = classes.into_iter().filter(|c| c.chars().all(is_name_char)).collect();
                    let attrs = if self.config.raw_html == RawHtml::Allow { attrs } else { Vec::new() };
                    Event::Start(Tag::Heading { level, id: None, classes, attrs })
                }
                Event::End(TagEnd::Heading(level)) => {
                    if let Some((start, title, custom)) = heading.take() {
                        let id = unique_id(custom.as_deref().unwrap_or(&title), &mut used_ids, &mut next_suffix);
                        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut out[start] {
                            *slot = Some(CowStr::from(id.clone()));
                        }
                        if self.config.heading_anchors {
                            let mut a = String::from(" <a class=\"heading-anchor\" href=\"#");
                            pulldown_cmark_escape::escape_href(&mut a, &id).expect("writing to a String cannot fail");
                            a.push_str("\" aria-label=\"");
                            pulldown_cmark_escape::escape_html(&mut a, &self.anchor_label)
                                .expect("writing to a String cannot fail");
                            a.push_str("\">#</a>");
                            out.push(Event::InlineHtml(a.into()));
                        }
                        toc.push(level as usize, id, text::collapse_spaces(&title));
                    }
                    event
                }
                Event::Start(Tag::Paragraph) => {
                    if nesting == 0 && first_paragraph.is_none() {
                        paragraph = Some(String::new());
                    }
                    event
                }
                Event::End(TagEnd::Paragraph) => {
                    if let Some(p) = paragraph.take() {
                        // A paragraph of photos or shortcodes alone is not the first of text.
                        let p = text::collapse_spaces(&shortcodes::without_placeholders(&p));
                        if !p.is_empty() {
                            first_paragraph = Some(p);
                        }
                    }
                    event
                }
                Event::Start(Tag::Table(_)) => {
                    // A box that scrolls a wide table on a phone, and that keyboard users can
                    // reach to scroll it.
                    let mut open =
                        String::from("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
                    pulldown_cmark_escape::escape_html(&mut open, &self.table_label)
                        .expect("writing to a String cannot fail");
                    open.push_str("\">\n");
                    out.push(Event::Html(open.into()));
                    nesting += 1;
                    event
                }
                Event::End(TagEnd::Table) => {
                    nesting = nesting.saturating_sub(1);
                    out.push(event);
                    Event::Html("</div>\n".into())
                }
                Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                    nesting += 1;
                    event
                }
                Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                    nesting = nesting.saturating_sub(1);
                    event
                }
                other => other,
            };
            match &event {
                Event::Text(t) | Event::Code(t) => {
                    if let Some(i) = image {
                        links[i].alt.push_str(t);
                    }
                    // Text events split at markup and punctuation inside a sentence
                    // (`**进一步**`, `bureau’s`): joined as written, so that the search
                    // index sees the words and runs of characters the reader does.
                    plain.push_str(t);
                    if let Some((_, title, _)) = &mut heading {
                        title.push_str(t);
                    }
                    if let Some(p) = &mut paragraph
                        && image.is_none()
                    {
                        p.push_str(t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    plain.push(' ');
                    if let Some(p) = &mut paragraph {
                        p.push(' ');
                    }
                }
                Event::End(
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Superscript
                    | TagEnd::Subscript,
                ) => {}
                // A block ends: its last word is not the next block's first.
                Event::End(_) | Event::Html(_) | Event::Rule if !plain.is_empty() && !plain.ends_with(' ') => {
                    plain.push(' ');
                }
                _ => {}
            }
            out.push(event);
        }

        let (word_count, reading_minutes) = text::measure(&plain);
        plain.truncate(plain.trim_end().len());
        if !self.keep_text {
            plain = String::new();
        }
        let mut problems = Vec::new();
        let mut unclosed = Vec::new();
        let scan = raw::scan(&raw.html);
        if let Some((name, at)) = scan.unclosed {
            let (line, col) = crate::diagnostic::line_col(markdown, raw.source_offset(at));
            let (what, close) = match name {
                "!--" => ("the comment `<!--`".to_owned(), "-->".to_owned()),
                _ => (format!("`<{name}>`"), format!("</{name}>")),
            };
            let show = if name == "!--" { "&lt;!--".to_owned() } else { format!("&lt;{name}>") };
            let hint = if name == "plaintext" {
                format!("`<plaintext>` cannot be closed: write `{show}` to show the text")
            } else {
                format!("close it with `{close}`, or write `{show}` to show the text")
            };
            unclosed.push(shortcodes::Problem {
                line,
                col,
                message: format!("{what} is never closed: everything after it would vanish from the page"),
                hint: Some(hint),
            });
        }
        // Past this depth the sanitizer's parser slows down with its square; browsers flatten it.
        let too_deep = scan.too_deep.filter(|_| self.config.raw_html == RawHtml::Sanitize);
        if let Some(at) = too_deep {
            let (line, col) = crate::diagnostic::line_col(markdown, raw.source_offset(at));
            problems.push(shortcodes::Problem {
                line,
                col,
                message: format!("raw HTML nested more than {} elements deep", raw::MAX_DEPTH),
                hint: Some(
                    "close the elements opened before this one (`</div>`), or write the content in Markdown".into(),
                ),
            });
        }
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        if has_raw_html && self.config.raw_html == RawHtml::Sanitize {
            // A body nested too deep is refused: not worth the parser's time.
            html = if too_deep.is_some() { String::new() } else { self.sanitizer.clean(&html) };
        }
        // A large site holds every body until its pages are written: no spare capacity.
        html.shrink_to_fit();
        plain.shrink_to_fit();
        links.shrink_to_fit();
        let toc = toc.finish();
        let mut rendered = Rendered {
            hash: 0,
            html,
            toc,
            first_paragraph: first_paragraph.unwrap_or_default(),
            word_count,
            reading_minutes,
            text: plain,
            links,
            source: 0,
            problems,
            unclosed,
        };
        rendered.rehash();
        rendered
    }

    /// Whether `url` leads to another site.
    fn is_external(&self, url: &str) -> bool {
        let lower = url.trim_start().to_ascii_lowercase();
        (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//"))
            && (self.origin.is_empty()
                || !lower.starts_with(&format!("{}/", self.origin.to_ascii_lowercase()))
                    && lower != self.origin.to_ascii_lowercase())
    }

    /// The opening tag of a link to another site.
    fn external_link(&self, url: &str, title: &str) -> String {
        let mut tag = String::from("<a href=\"");
        pulldown_cmark_escape::escape_href(&mut tag, url).expect("writing to a String cannot fail");
        tag.push('"');
        if !title.is_empty() {
            tag.push_str(" title=\"");
            pulldown_cmark_escape::escape_html(&mut tag, title).expect("writing to a String cannot fail");
            tag.push('"');
        }
        tag.push_str(if self.config.external_links_nofollow {
            " rel=\"noopener nofollow\""
        } else {
            " rel=\"noopener\""
        });
        if self.config.external_links_new_tab {
            tag.push_str(" target=\"_blank\"");
        }
        tag.push('>');
        tag
    }

    /// Whether a link or image URL may stay: always under `allow`, else only relative URLs
    /// and the schemes of the web, mail and phone.
    fn url_allowed(&self, url: &str) -> bool {
        self.config.raw_html == RawHtml::Allow || sanitize::safe_url(url)
    }
}

/// Ids the bureau theme uses on every page, which headings must not take.
const RESERVED_IDS: &[&str] = &["main", "toc-title", "written", "edited", "attachments-title", "corrections-title"];

impl LinkRef {
    /// A link to another notice by its source path.
    pub fn is_internal(&self) -> bool {
        !self.image && self.url.starts_with(INTERNAL_PREFIX)
    }
}

impl Rendered {
    /// Sets [`Rendered::hash`] from what a page shows of the body.
    fn rehash(&mut self) {
        let mut h = crate::hash::hasher();
        std::hash::Hash::hash(&(&self.html, &self.toc, self.word_count, self.reading_minutes), &mut h);
        self.hash = std::hash::Hasher::finish(&h);
    }

    /// The links to other notices by source path, in order: the `k`-th is written as
    /// [`internal_marker`]`(k)` in `html`.
    pub fn internal_links(&self) -> impl Iterator<Item = &LinkRef> {
        self.links.iter().filter(|l| l.is_internal())
    }
}

/// The raw HTML pieces of a body joined as the HTML parser reads them (Markdown's own
/// markup between them never opens or closes anything), with where each piece starts.
#[derive(Default)]
struct RawPieces {
    html: String,
    /// For each piece: its offset in `html`, its offset in the Markdown, and whether it is
    /// written there as it is (a piece of a block in a quote is not: its `> ` is left out).
    starts: Vec<(usize, usize, bool)>,
}

impl RawPieces {
    fn push(&mut self, markdown: &str, piece: &str, source: usize) {
        let exact = markdown.get(source..).is_some_and(|s| s.starts_with(piece));
        self.starts.push((self.html.len(), source, exact));
        self.html.push_str(piece);
    }

    /// Where offset `at` of the joined HTML is written in the Markdown (the start of its
    /// piece, when the piece is not written as it is).
    fn source_offset(&self, at: usize) -> usize {
        let k = self.starts.partition_point(|(start, _, _)| *start <= at).saturating_sub(1);
        match self.starts.get(k) {
            Some(&(start, source, true)) => source + (at - start),
            Some(&(_, source, false)) => source,
            None => 0,
        }
    }
}

fn link_ref(markdown: &str, offset: usize, url: &str, image: bool) -> LinkRef {
    let (line, col) = crate::diagnostic::line_col(markdown, offset);
    LinkRef { url: url.to_owned(), image, alt: String::new(), caption: None, credit: None, line, col }
}

/// Footnote ids get a prefix, so `[^1]` cannot clash with a heading `## 1`.
fn footnote_id(label: &str) -> String {
    format!("fn-{}", slugify(label, SlugMode::Safe))
}

/// A heading id unique within its page: the heading's text in `safe` slug mode (so CJK
/// headings keep a readable id), `-1`, `-2`… added on repeats.
/// `next` remembers, for each base, the suffix to try next, so that many equal headings cost
/// one step each.
/// A character of a CSS class name as Gazette keeps it.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn unique_id(title: &str, used: &mut HashSet<String>, next: &mut HashMap<String, usize>) -> String {
    let mut base = slugify(title, SlugMode::Safe);
    if base.is_empty() {
        base = "section".into();
    }
    let mut id = base.clone();
    let n = next.entry(base.clone()).or_insert(1);
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        *n += 1;
    }
    id
}

#[cfg(test)]
mod tests;
