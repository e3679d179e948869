//! JSON-LD, Open Graph and Twitter cards on notice pages.

use crate::feeds::{HARD_TITLE, site};
use crate::harness::Page;

/// The JSON of the page's `application/ld+json` script.
fn json_ld(page: &Page) -> serde_json::Value {
    let start = page.html.find("<script type=\"application/ld+json\">").expect("no JSON-LD") + 35;
    let end = start + page.html[start..].find("</script>").unwrap();
    serde_json::from_str(&page.html[start..end]).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}"))
}

/// The `content` of `<meta property|name="{key}">`, unescaped.
fn meta(page: &Page, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["property", "name"] {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        let mut from = 0;
        while let Some(i) = page.html[from..].find(&needle) {
            let start = from + i + needle.len();
            let end = start + page.html[start..].find('"').unwrap();
            out.push(
                page.html[start..end]
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&#x27;", "'")
                    .replace("&#x2F;", "/")
                    .replace("&amp;", "&"),
            );
            from = end;
        }
    }
    out
}

#[test]
fn notice_pages_carry_a_news_article() {
    let b = site().build().ok();
    let page = b.page("/news/notice-on-quotes-tags-tui-yi-jun-ren/");
    let ld = json_ld(&page);
    let permalink = "https://news.example.gov/news/notice-on-quotes-tags-tui-yi-jun-ren/";
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    // The quote, `<` and `&` of the title survive, and none of them is raw in the script.
    assert_eq!(ld["headline"], HARD_TITLE);
    assert_eq!(ld["alternativeHeadline"], "Original \"one\"");
    assert_eq!(ld["datePublished"], "2026-11-20T09:00:00+08:00");
    assert_eq!(ld["dateModified"], "2026-11-22T10:30:00+08:00");
    assert_eq!(
        ld["author"],
        serde_json::json!([{ "@type": "Person", "name": "Li Yang", "url": "https://news.example.gov/people/li-yang/" }])
    );
    let editors: Vec<&str> = ld["editor"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(editors, ["Yang Rui", "Han Ting"]);
    assert_eq!(ld["publisher"]["@type"], "GovernmentOrganization");
    assert_eq!(ld["publisher"]["name"], "Test Bureau Press Office");
    assert_eq!(ld["locationCreated"], serde_json::json!({ "@type": "Place", "name": "Urumqi" }));
    assert_eq!(ld["identifier"], "RVAB [2026] No. 7");
    assert_eq!(ld["inLanguage"], "en");
    assert_eq!(ld["keywords"], serde_json::json!(["veterans", "就业"]));
    assert_eq!(ld["url"], permalink);
    let script = &page.html[page.html.find("application/ld+json").unwrap()..];
    let script = &script[..script.find("</script>").unwrap()];
    assert!(!script[2..].contains('<'), "a raw < inside the script: {script}");

    let zh = json_ld(&b.page("/meetings/tui-yi-jun-ren-jiu-ye-gong-zuo-zuo-tan-hui-zhao-kai/"));
    assert_eq!(zh["inLanguage"], "zh");
    assert_eq!(zh["headline"], "退役军人就业工作座谈会召开");
    assert!(zh.get("editor").is_none() && zh.get("identifier").is_none(), "{zh}");
}

#[test]
fn open_graph_and_twitter_cards() {
    let b = site().build().ok();
    let page = b.page("/news/notice-on-quotes-tags-tui-yi-jun-ren/");
    assert_eq!(meta(&page, "og:title"), [HARD_TITLE]);
    assert_eq!(meta(&page, "og:type"), ["article"]);
    assert_eq!(meta(&page, "og:url"), ["https://news.example.gov/news/notice-on-quotes-tags-tui-yi-jun-ren/"]);
    assert_eq!(meta(&page, "og:description"), ["The conference was held in Urumqi."]);
    assert_eq!(meta(&page, "article:published_time"), ["2026-11-20T09:00:00+08:00"]);
    assert_eq!(meta(&page, "article:modified_time"), ["2026-11-22T10:30:00+08:00"]);
    assert_eq!(meta(&page, "article:tag"), ["veterans", "就业"]);
    assert_eq!(meta(&page, "twitter:card"), ["summary"]);
    assert_eq!(meta(&page, "twitter:title"), [HARD_TITLE]);
    assert_eq!(meta(&b.page("/tags/"), "og:type"), ["website"]);
}

#[test]
fn descriptions_are_cut_by_characters_not_bytes() {
    let long = "退役军人事务厅召开全区退役军人工作会议，".repeat(20);
    let b = site()
        .notice(
            "news/long.md",
            &format!("title = \"长摘要\"\ndate = 2026-01-01\nlang = \"zh\"\nsummary = \"{long}\""),
            "正文。\n",
        )
        .build()
        .ok();
    let page = b.page("/news/chang-zhai-yao/");
    let description = &meta(&page, "og:description")[0];
    assert!(description.chars().count() <= 200, "{} characters", description.chars().count());
    assert!(description.len() > 200, "cut by bytes: {description}");
    assert!(description.ends_with('…') && long.starts_with(description.trim_end_matches('…')), "{description}");
    assert_eq!(&meta(&page, "twitter:description")[0], description);
    assert_eq!(&meta(&page, "description")[0], description);
}
