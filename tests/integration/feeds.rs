//! Feeds: Atom, RSS and JSON Feed for the site, sections, tags and people, parsed with the
//! `atom_syndication` and `rss` crates and checked field by field.

use crate::harness::{Built, TestSite};

/// A title that must survive every format: quotes, markup characters and CJK.
pub const HARD_TITLE: &str = "Notice on \"quotes\" <tags> & 退役军人";

/// English and Chinese notices, one of them a draft, in two sections.
pub fn site() -> TestSite {
    TestSite::new()
        .notice(
            "news/hard.md",
            "title = 'Notice on \"quotes\" <tags> & 退役军人'\ndate = 2026-11-20T09:00:00+08:00\nupdated = 2026-11-22T10:30:00+08:00\nbyline = [\"Li Yang\"]\neditors = [\"Yang Rui\", \"Han Ting\"]\ntags = [\"veterans\", \"就业\"]\nlocation = \"Urumqi\"\nreference = \"RVAB [2026] No. 7\"\noriginal_title = \"Original \\\"one\\\"\"",
            "The conference was held in Urumqi.\n\nA [link](/news/) and <b>bold</b> text.\n",
        )
        .notice(
            "meetings/zh.md",
            "title = \"退役军人就业工作座谈会召开\"\ndate = 2026-11-23\nlang = \"zh\"\nbyline = [\"李阳\"]\ntags = [\"就业\"]",
            "座谈会指出，要进一步做好退役军人就业创业工作。\n",
        )
        .notice("news/old.md", "title = \"An older notice\"\ndate = 2026-01-05\nbyline = [\"Li Yang\"]", "Older body.\n")
        .notice("news/secret.md", "title = \"Secret draft\"\ndate = 2026-11-24\ndraft = true\ntags = [\"veterans\"]", "Unpublished.\n")
}

fn read(b: &Built, rel: &str) -> String {
    std::fs::read_to_string(b.output.join(rel)).unwrap_or_else(|e| panic!("no {rel}: {e}"))
}

fn atom(b: &Built, rel: &str) -> atom_syndication::Feed {
    read(b, rel).parse().unwrap_or_else(|e| panic!("{rel} is not Atom: {e}"))
}

fn rss(b: &Built, rel: &str) -> rss::Channel {
    read(b, rel).parse().unwrap_or_else(|e| panic!("{rel} is not RSS: {e}"))
}

fn json(b: &Built, rel: &str) -> serde_json::Value {
    serde_json::from_str(&read(b, rel)).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

/// Every format for every listing, with whole notices: to try each writer on each kind.
const EVERY_FORMAT: &str = "feed_formats = [\"atom\", \"rss\", \"json\"]\nfeed_content = \"full\"\n";

const SCOPES: &[&str] =
    &["", "news/", "meetings/", "tags/veterans/", "tags/jiu-ye/", "people/li-yang/", "people/han-ting/"];

#[test]
fn every_feed_parses_and_lists_exactly_the_public_notices() {
    let b = site().config(EVERY_FORMAT).build().ok();
    for scope in SCOPES {
        let a = atom(&b, &format!("{scope}atom.xml"));
        let r = rss(&b, &format!("{scope}rss.xml"));
        let j = json(&b, &format!("{scope}feed.json"));
        let atom_titles: Vec<&str> = a.entries().iter().map(|e| e.title().as_str()).collect();
        let rss_titles: Vec<&str> = r.items().iter().map(|i| i.title().unwrap()).collect();
        let json_titles: Vec<&str> =
            j["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
        assert_eq!(atom_titles, rss_titles, "{scope}");
        assert_eq!(atom_titles, json_titles, "{scope}");
        assert!(!atom_titles.is_empty(), "{scope}");
        assert!(!atom_titles.contains(&"Secret draft"), "{scope}: a draft leaked");
    }
    let titles = |rel: &str| atom(&b, rel).entries().iter().map(|e| e.title().to_string()).collect::<Vec<_>>();
    // Newest first; the site's feed has all three, the others theirs alone.
    assert_eq!(titles("atom.xml"), ["退役军人就业工作座谈会召开", HARD_TITLE, "An older notice"]);
    assert_eq!(titles("news/atom.xml"), [HARD_TITLE, "An older notice"]);
    assert_eq!(titles("tags/jiu-ye/atom.xml"), ["退役军人就业工作座谈会召开", HARD_TITLE]);
    // A person's feed has what they wrote and what they edited.
    assert_eq!(titles("people/li-yang/atom.xml"), [HARD_TITLE, "An older notice"]);
    assert_eq!(titles("people/han-ting/atom.xml"), [HARD_TITLE]);
    assert!(!b.exists("tags/secret/atom.xml"));
}

#[test]
fn atom_entries_carry_every_field() {
    let b = site().build().ok();
    let feed = atom(&b, "news/atom.xml");
    assert_eq!(feed.title().as_str(), "Test Bureau – News");
    assert_eq!(feed.id(), "https://news.example.gov/news/atom.xml");
    // The feed's time is its latest entry's, an update counting: compared as times.
    assert_eq!(feed.updated().to_rfc3339(), "2026-11-22T10:30:00+08:00");
    assert!(feed.links().iter().any(|l| l.rel() == "self" && l.href() == "https://news.example.gov/news/atom.xml"));
    assert_eq!(feed.authors()[0].name(), "Test Bureau Press Office");

    let e = &feed.entries()[0];
    let permalink = "https://news.example.gov/news/notice-on-quotes-tags-tui-yi-jun-ren/";
    assert_eq!(e.id(), permalink, "the id is the permalink, never a hash");
    assert_eq!(e.links()[0].href(), permalink);
    assert_eq!(e.published().unwrap().to_rfc3339(), "2026-11-20T09:00:00+08:00");
    assert_eq!(e.updated().to_rfc3339(), "2026-11-22T10:30:00+08:00");
    assert_eq!(e.authors().iter().map(|a| a.name()).collect::<Vec<_>>(), ["Li Yang"]);
    assert_eq!(e.authors()[0].uri(), Some("https://news.example.gov/people/li-yang/"));
    assert_eq!(e.categories().iter().map(|c| c.term()).collect::<Vec<_>>(), ["veterans", "就业"]);
    assert_eq!(e.summary().unwrap().as_str(), "The conference was held in Urumqi.");
    let content = e.content().unwrap();
    assert_eq!(content.content_type(), Some("html"));
    assert!(content.value().unwrap().contains("<b>bold</b>"), "{content:?}");
    // Entries in another language say so.
    let site_feed = read(&b, "atom.xml");
    assert!(site_feed.contains("<entry xml:lang=\"zh\">"), "{site_feed}");
}

#[test]
fn rss_items_carry_every_field() {
    let b = site().build().ok();
    let channel = rss(&b, "rss.xml");
    assert_eq!(channel.link(), "https://news.example.gov/");
    assert_eq!(channel.language(), Some("en"));
    assert_eq!(channel.last_build_date(), Some("Mon, 23 Nov 2026 00:00:00 +0800"));
    let item = &channel.items()[1];
    assert_eq!(item.title(), Some(HARD_TITLE));
    let guid = item.guid().unwrap();
    assert!(guid.is_permalink());
    assert_eq!(guid.value(), item.link().unwrap());
    assert_eq!(item.pub_date(), Some("Fri, 20 Nov 2026 09:00:00 +0800"));
    assert_eq!(item.dublin_core_ext().unwrap().creators(), ["Li Yang"]);
    assert_eq!(item.categories().iter().map(|c| c.name()).collect::<Vec<_>>(), ["veterans", "就业"]);
    assert_eq!(item.description(), Some("The conference was held in Urumqi."));
    assert!(item.content().unwrap().contains("<b>bold</b>"));
}

#[test]
fn json_feed_has_the_required_fields() {
    let b = site().config(EVERY_FORMAT).build().ok();
    let feed = json(&b, "feed.json");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Test Bureau");
    assert_eq!(feed["home_page_url"], "https://news.example.gov/");
    assert_eq!(feed["feed_url"], "https://news.example.gov/feed.json");
    for item in feed["items"].as_array().unwrap() {
        for key in ["id", "url", "title", "content_html", "date_published", "date_modified", "language"] {
            assert!(item[key].is_string(), "item lacks {key}: {item}");
        }
        assert_eq!(item["id"], item["url"]);
    }
    let item = &feed["items"][1];
    assert_eq!(item["title"], HARD_TITLE);
    assert_eq!(item["authors"][0]["name"], "Li Yang");
    assert_eq!(item["tags"], serde_json::json!(["veterans", "就业"]));
    assert_eq!(item["date_modified"], "2026-11-22T10:30:00+08:00");
}

#[test]
fn by_default_the_site_and_sections_have_whole_notices_and_tags_and_people_summaries_in_atom() {
    let b = site().build().ok();
    for rel in ["atom.xml", "news/atom.xml"] {
        let feed = atom(&b, rel);
        assert!(feed.entries().iter().all(|e| e.content().is_some()), "{rel}: an entry without its text");
    }
    let section = rss(&b, "news/rss.xml");
    let item = &section.items()[0];
    assert!(item.content().unwrap().contains("<b>bold</b>"), "news/rss.xml: {item:?}");
    for rel in ["tags/veterans/atom.xml", "people/li-yang/atom.xml"] {
        let feed = atom(&b, rel);
        assert!(!feed.entries().is_empty(), "{rel}");
        for e in feed.entries() {
            assert!(e.content().is_none(), "{rel}: {} carries its whole text", e.title().as_str());
            assert!(e.summary().is_some(), "{rel}: {} has no summary", e.title().as_str());
        }
    }
    for rel in
        ["tags/veterans/rss.xml", "people/li-yang/rss.xml", "feed.json", "news/feed.json", "tags/veterans/feed.json"]
    {
        assert!(!b.exists(rel), "{rel} is written by default");
    }
}

#[test]
fn each_kind_of_listing_has_its_own_feed_settings() {
    let b = site()
        .config(
            "feed_limit = 1\n[feeds.site]\nformats = [\"json\"]\n[feeds.sections]\nformats = []\n\
             [feeds.tags]\nformats = [\"rss\"]\nlimit = 5\ncontent = \"full\"\n",
        )
        .build()
        .ok();
    assert_eq!(json(&b, "feed.json")["items"].as_array().unwrap().len(), 1, "feed_limit reaches the site's feed");
    assert!(!b.exists("atom.xml") && !b.exists("news/atom.xml") && !b.exists("news/rss.xml"));
    let tag = rss(&b, "tags/jiu-ye/rss.xml");
    assert_eq!(tag.items().len(), 2, "[feeds.tags] limit wins over feed_limit");
    assert!(tag.items()[0].content().is_some(), "[feeds.tags] content = \"full\"");
    assert_eq!(atom(&b, "people/li-yang/atom.xml").entries().len(), 1, "people keep Atom, with feed_limit");
    // Pages link the feeds that exist, and no other.
    b.page("/").has("href=\"/feed.json\"").lacks("href=\"/atom.xml\"");
    b.page("/news/").has("href=\"/feed.json\"").lacks("/news/atom.xml").lacks("/news/rss.xml");
    b.page("/tags/jiu-ye/").has("href=\"/tags/jiu-ye/rss.xml\"").lacks("/tags/jiu-ye/atom.xml");
}

#[test]
fn summary_feeds_limits_and_formats_are_settings() {
    let b =
        site().config("feed_formats = [\"atom\", \"json\"]\nfeed_limit = 1\nfeed_content = \"summary\"\n").build().ok();
    assert!(!b.exists("rss.xml") && !b.exists("news/rss.xml"));
    let feed = atom(&b, "atom.xml");
    assert_eq!(feed.entries().len(), 1);
    assert!(feed.entries()[0].content().is_none());
    let item = &json(&b, "feed.json")["items"][0];
    assert!(item["content_html"].is_null());
    assert_eq!(item["content_text"], item["summary"]);
    // Pages link only the formats written.
    b.page("/").has("href=\"/atom.xml\"").has("href=\"/feed.json\"").lacks("rss.xml");

    let b = site().config("feed_formats = []\n").build().ok();
    assert!(!b.exists("atom.xml") && !b.exists("feed.json"));
    b.page("/").lacks("rel=\"alternate\"");
}

#[test]
fn pages_link_their_feeds() {
    let b = site().build().ok();
    b.page("/")
        .has("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Test Bureau (Atom)\" href=\"/atom.xml\">")
        .has("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Test Bureau (RSS)\" href=\"/rss.xml\">")
        .lacks("feed.json");
    b.page("/news/").has("href=\"/news/atom.xml\"").has("href=\"/news/rss.xml\"").has("href=\"/atom.xml\"");
    b.page("/tags/veterans/").has("href=\"/tags/veterans/atom.xml\"").lacks("/tags/veterans/rss.xml");
    b.page("/people/li-yang/").has("href=\"/people/li-yang/atom.xml\"").lacks("/people/li-yang/rss.xml");
    let b = site().config(EVERY_FORMAT).build().ok();
    b.page("/").has(
        "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Test Bureau (JSON Feed)\" href=\"/feed.json\">",
    );
    b.page("/people/li-yang/").has("href=\"/people/li-yang/feed.json\"");
    b.page("/news/an-older-notice/").has("href=\"/news/atom.xml\"").lacks("/tags/veterans/atom.xml");
    b.page("/tags/").has("href=\"/atom.xml\"").lacks("/news/atom.xml");
    b.page("/tags/veterans/").has("title=\"Test Bureau – veterans (Atom)\"");
}

#[test]
fn feeds_are_built_the_same_twice() {
    let one = site().config(EVERY_FORMAT).build().ok().tree();
    let two = site().config(EVERY_FORMAT).build().ok().tree();
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (rel, bytes) in &one {
        assert!(two[rel] == *bytes, "{rel} differs between two builds");
    }
}
