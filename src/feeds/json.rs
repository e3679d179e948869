//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>), serialised from structs.

use serde::Serialize;

use super::Feed;

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    authors: [Author<'a>; 1],
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    summary: &'a str,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    language: &'a str,
}

pub(super) fn write(feed: &Feed) -> String {
    let items: Vec<_> = feed.items().collect();
    let json = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &feed.title,
        home_page_url: &feed.home,
        feed_url: &feed.self_url,
        description: &feed.description,
        language: feed.lang,
        authors: [Author { name: &feed.data.site.config.publisher, url: None }],
        items: items
            .iter()
            .map(|i| Item {
                id: i.permalink,
                url: i.permalink,
                title: i.title,
                content_html: i.content,
                // An item needs content; without the full text, the summary is it.
                content_text: i.content.is_none().then_some(i.summary),
                summary: i.summary,
                date_published: feed.time(i.published),
                date_modified: feed.time(i.updated),
                authors: i.authors.iter().map(|(name, url)| Author { name, url: Some(url) }).collect(),
                tags: i.tags.clone(),
                language: i.lang,
            })
            .collect(),
    };
    // Serialising plain strings and structs cannot fail.
    let mut out = serde_json::to_string_pretty(&json).unwrap_or_default();
    out.push('\n');
    out
}
