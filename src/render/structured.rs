//! Structured data for search engines and news aggregators: a schema.org `NewsArticle` for
//! each notice, serialised from data (never pasted together in a template), and made safe to
//! sit inside `<script>` whatever a title holds.

use serde::Serialize;

use super::views::{Link, NoticeRef, Urls};
use crate::site::Site;

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(rename = "alternativeHeadline", skip_serializing_if = "Option::is_none")]
    alternative_headline: Option<&'a str>,
    description: &'a str,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    #[serde(rename = "dateModified")]
    date_modified: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Thing<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<Thing<'a>>,
    publisher: Thing<'a>,
    #[serde(rename = "locationCreated", skip_serializing_if = "Option::is_none")]
    location_created: Option<Thing<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(rename = "articleSection")]
    article_section: &'a str,
    url: &'a str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    image: &'a [Image],
}

/// An image of a notice, as a schema.org `ImageObject`.
#[derive(Debug, Serialize)]
pub struct Image {
    /// `ImageObject`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(rename = "creditText", skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// A typed, named thing: a person, an organisation, a place.
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The JSON-LD of notice `r`, ready to print inside `<script type="application/ld+json">`.
pub fn news_article(site: &Site, urls: &Urls, r: &NoticeRef, images: &[Image]) -> String {
    fn person<'a>(urls: &Urls, l: &'a Link) -> Thing<'a> {
        Thing { kind: "Person", name: &l.name, url: Some(urls.absolute(&l.url)) }
    }
    let article = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &r.title,
        alternative_headline: r.original_title.as_deref(),
        description: &r.summary,
        date_published: &r.date,
        date_modified: r.updated.as_deref().unwrap_or(&r.date),
        author: r.byline.iter().map(|l| person(urls, l)).collect(),
        editor: r.editors.iter().map(|l| person(urls, l)).collect(),
        publisher: Thing {
            kind: "GovernmentOrganization",
            name: &site.config.publisher,
            url: Some(urls.permalink("/")),
        },
        location_created: r.location.as_deref().map(|name| Thing { kind: "Place", name, url: None }),
        identifier: r.reference.as_deref(),
        in_language: &r.lang,
        keywords: r.tags.iter().map(|t| t.name.as_str()).collect(),
        article_section: &r.section.title,
        url: &r.permalink,
        main_entity_of_page: &r.permalink,
        image: images,
    };
    // Serialising strings and structs cannot fail.
    script_safe(&serde_json::to_string(&article).unwrap_or_default())
}

/// `json` with `<`, `>` and `&` written as JSON escapes, so that no string in it can close
/// the `<script>` element (`</script>`) or open a comment; line and paragraph separators
/// too, which older JavaScript parsers refuse in strings. The JSON means the same.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_means_the_same() {
        let value = serde_json::json!({ "headline": "</script><!-- \"A & B\" \u{2028} 退役" });
        let safe = script_safe(&serde_json::to_string(&value).unwrap());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), value);
    }
}
