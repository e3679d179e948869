//! RSS 2.0, with `atom:link rel="self"`, `dc:creator` for bylines (RSS's own `author` must
//! be an e-mail address) and `content:encoded` for the full text.

use super::Feed;
use crate::xml::Writer;

/// A time as RFC 2822, as RSS wants it, in the site's time zone.
fn rfc2822(feed: &Feed, t: jiff::Timestamp) -> String {
    let zoned = t.to_zoned_datetime(feed.data.site.config.timezone.clone());
    // Only years outside 0–9999 cannot be written, and dates are checked to be in range.
    jiff::fmt::rfc2822::to_string(&zoned).unwrap_or_default()
}

pub(super) fn write(feed: &Feed) -> String {
    let mut w = Writer::new();
    w.open(
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:atom", "http://www.w3.org/2005/Atom"),
            ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ],
    );
    w.open("channel", &[]);
    w.text("title", &[], &feed.title);
    w.text("link", &[], &feed.home);
    // Readers show an RSS description as HTML: plain text is escaped as HTML first.
    w.text("description", &[], &html_text(&feed.description));
    w.text("language", &[], feed.lang);
    w.empty("atom:link", &[("href", &feed.self_url), ("rel", "self"), ("type", "application/rss+xml")]);
    w.text("lastBuildDate", &[], &rfc2822(feed, feed.updated()));
    w.text("generator", &[], "Gazette");
    for item in feed.items() {
        w.open("item", &[]);
        w.text("title", &[], item.title);
        w.text("link", &[], item.permalink);
        w.text("guid", &[("isPermaLink", "true")], item.permalink);
        w.text("pubDate", &[], &rfc2822(feed, item.published));
        for (name, _) in &item.authors {
            w.text("dc:creator", &[], name);
        }
        for tag in &item.tags {
            w.text("category", &[], tag);
        }
        w.text("description", &[], &html_text(item.summary));
        if let Some(html) = item.content {
            w.text("content:encoded", &[], html);
        }
        w.close("item");
    }
    w.close("channel");
    w.close("rss");
    w.finish()
}

/// Plain text as HTML that shows it as written: escaped once here, and once more as XML by
/// the writer. (XML's escapes are HTML's, and it drops what neither may hold.)
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::xml::escape_into(&mut out, text);
    out
}
