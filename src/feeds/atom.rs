//! Atom 1.0 (RFC 4287).

use super::Feed;
use crate::xml::Writer;

pub(super) fn write(feed: &Feed) -> String {
    let mut w = Writer::new();
    w.open("feed", &[("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", feed.lang)]);
    w.text("title", &[("type", "text")], &feed.title);
    w.text("subtitle", &[("type", "text")], &feed.description);
    w.empty("link", &[("rel", "self"), ("type", "application/atom+xml"), ("href", &feed.self_url)]);
    w.empty("link", &[("rel", "alternate"), ("type", "text/html"), ("href", &feed.home)]);
    w.text("id", &[], &feed.self_url);
    w.text("updated", &[], &feed.time(feed.updated()));
    // Entries without a byline are the publisher's.
    w.open("author", &[]);
    w.text("name", &[], &feed.data.site.config.publisher);
    w.close("author");
    w.text("generator", &[], "Gazette");
    for item in feed.items() {
        let lang = (item.lang != feed.lang).then_some(("xml:lang", item.lang));
        w.open("entry", lang.as_slice());
        w.text("title", &[("type", "text")], item.title);
        w.empty("link", &[("rel", "alternate"), ("type", "text/html"), ("href", item.permalink)]);
        w.text("id", &[], item.permalink);
        w.text("published", &[], &feed.time(item.published));
        w.text("updated", &[], &feed.time(item.updated));
        for (name, uri) in &item.authors {
            w.open("author", &[]);
            w.text("name", &[], name);
            w.text("uri", &[], uri);
            w.close("author");
        }
        for tag in &item.tags {
            w.empty("category", &[("term", tag)]);
        }
        w.text("summary", &[("type", "text")], item.summary);
        if let Some(html) = item.content {
            // Links inside the notice are relative to its page.
            w.text("content", &[("type", "html"), ("xml:base", item.permalink)], html);
        }
        w.close("entry");
    }
    w.close("feed");
    w.finish()
}
