//! Sitemaps and robots.txt: parsed as XML and checked against the pages built.

use crate::feeds::{HARD_TITLE, site};
use crate::harness::Built;

fn xml(b: &Built, rel: &str) -> String {
    std::fs::read_to_string(b.output.join(rel)).unwrap_or_else(|e| panic!("no {rel}: {e}"))
}

/// `(loc, lastmod)` of every `<url>` of a sitemap.
fn urls(text: &str) -> Vec<(String, Option<String>)> {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"));
    let child = |n: roxmltree::Node, name: &str| {
        n.children().find(|c| c.tag_name().name() == name).and_then(|c| c.text()).map(str::to_owned)
    };
    doc.root_element()
        .children()
        .filter(|n| n.tag_name().name() == "url")
        .map(|n| (child(n, "loc").unwrap(), child(n, "lastmod")))
        .collect()
}

/// `s` with `%XX` escapes decoded.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_sitemap_lists_every_public_page_and_nothing_else() {
    let b = site().build().ok();
    let list = urls(&xml(&b, "sitemap.xml"));
    let locs: Vec<&str> = list.iter().map(|(l, _)| l.as_str()).collect();
    // Every HTML page built, but the 404 page, is listed once.
    let mut pages: Vec<String> = b
        .tree()
        .keys()
        .filter(|rel| rel.ends_with(".html") && *rel != "404.html")
        .map(|rel| format!("https://news.example.gov/{}", rel.trim_end_matches("index.html")))
        .collect();
    pages.sort();
    let mut sorted = locs.iter().map(|s| percent_decoded(s)).collect::<Vec<_>>();
    sorted.sort();
    assert_eq!(sorted, pages);
    assert!(!locs.iter().any(|l| l.contains("secret")), "a draft leaked: {locs:?}");
    let lastmod = |loc: &str| list.iter().find(|(l, _)| l == loc).unwrap().1.clone();
    // A notice's lastmod is its update, else its date; a listing's its newest notice's.
    assert_eq!(
        lastmod("https://news.example.gov/news/notice-on-quotes-tags-tui-yi-jun-ren/").as_deref(),
        Some("2026-11-22T10:30:00+08:00")
    );
    assert_eq!(lastmod("https://news.example.gov/news/an-older-notice/").as_deref(), Some("2026-01-05T00:00:00+08:00"));
    assert_eq!(lastmod("https://news.example.gov/").as_deref(), Some("2026-11-23T00:00:00+08:00"));
    assert_eq!(lastmod("https://news.example.gov/tags/").as_deref(), Some("2026-11-23T00:00:00+08:00"));
}

#[test]
fn robots_txt_points_at_the_sitemaps_unless_the_site_has_its_own() {
    let b = site().build().ok();
    assert_eq!(
        xml(&b, "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://news.example.gov/sitemap.xml\nSitemap: https://news.example.gov/news-sitemap.xml\n"
    );
    let b = site().file("static/robots.txt", "User-agent: *\nDisallow: /\n").build().ok();
    assert_eq!(xml(&b, "robots.txt"), "User-agent: *\nDisallow: /\n");
}

/// `(loc, name, language, publication date, title)` of every entry of a news sitemap.
fn news(text: &str) -> Vec<[String; 5]> {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"));
    const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
    let find = |n: roxmltree::Node, name: &str| {
        n.descendants()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(NEWS))
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_owned()
    };
    doc.root_element()
        .children()
        .filter(|n| n.tag_name().name() == "url")
        .map(|n| {
            let loc = n.children().find(|c| c.tag_name().name() == "loc").unwrap().text().unwrap().to_owned();
            [loc, find(n, "name"), find(n, "language"), find(n, "publication_date"), find(n, "title")]
        })
        .collect()
}

#[test]
fn the_news_sitemap_lists_the_last_two_days_as_of_now() {
    // Two days before 2026-11-24 10:00 in Shanghai: the Chinese notice (23 Nov) only, not
    // the notice of 20 Nov (updated on the 22nd, but news is about publication), nor the draft.
    let b = site().build_with(&["--now", "2026-11-24 10:00"]).ok();
    let list = news(&xml(&b, "news-sitemap.xml"));
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0][0], "https://news.example.gov/meetings/tui-yi-jun-ren-jiu-ye-gong-zuo-zuo-tan-hui-zhao-kai/");
    assert_eq!(list[0][1], "Test Bureau Press Office");
    assert_eq!(list[0][2], "zh-cn");
    assert_eq!(list[0][3], "2026-11-23T00:00:00+08:00");

    let b = site().build_with(&["--now", "2026-11-21T12:00:00+08:00"]).ok();
    let list = news(&xml(&b, "news-sitemap.xml"));
    assert_eq!(list.iter().map(|e| e[4].as_str()).collect::<Vec<_>>(), [HARD_TITLE]);
    assert_eq!(list[0][2], "en");

    // Long after: an empty, valid news sitemap.
    let b = site().build_with(&["--now", "2027-06-01"]).ok();
    assert!(news(&xml(&b, "news-sitemap.xml")).is_empty());
}

#[test]
fn a_bad_now_is_a_usage_error() {
    let msg = site().build_with(&["--now", "yesterday"]).usage();
    assert!(msg.starts_with("error: --now: `yesterday` is not a date"), "{msg}");
    let run = site().run_binary(&["build", "--now", "2026-02-30"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("error: --now: `2026-02-30` is not a date: February 2026 has 28 days"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Hint: write a time with its offset"), "{}", run.stderr);
}

/// The sitemaps of the site at `root` when one sitemap may list `limit` URLs (50,000 in
/// builds, which no test site reaches): `(path, text)` of each sitemap file.
fn sitemaps_with_limit(root: &std::path::Path, limit: usize) -> Vec<(String, String)> {
    use gazette::plan::PageKind;
    let config = gazette::config::Config::load(root, None).unwrap();
    let renderer = gazette::markdown::Renderer::new(&config.markdown);
    let cx = gazette::content::LoadContext { root, config: &config, renderer: &renderer };
    let content = gazette::content::Sources::load(&cx).content().unwrap();
    let site = gazette::site::Site::build(config.clone(), &content, false, jiff::Timestamp::UNIX_EPOCH).unwrap();
    let jobs = gazette::plan::plan_with(&site, limit);
    let data = gazette::render::PageData::new(std::sync::Arc::new(site), &mut Default::default(), Default::default());
    jobs.iter()
        .filter_map(|j| match j.kind {
            PageKind::Sitemap { part, of } => Some((j.path.clone(), gazette::sitemaps::sitemap(&data, part, of))),
            PageKind::SitemapIndex { parts } => Some((j.path.clone(), gazette::sitemaps::sitemap_index(&data, parts))),
            _ => None,
        })
        .collect()
}

#[test]
fn above_the_limit_the_sitemap_becomes_an_index_of_sitemaps() {
    let b = site().build().ok();
    let single = urls(&xml(&b, "sitemap.xml"));
    let files = sitemaps_with_limit(b.output.parent().unwrap(), 5);
    // 16 pages, 5 to a file: an index and four sitemaps, which together list every page once.
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["/sitemap.xml", "/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml", "/sitemap-4.xml"]);
    let index = roxmltree::Document::parse(&files[0].1).unwrap();
    assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
    let listed: Vec<&str> =
        index.descendants().filter(|n| n.tag_name().name() == "loc").filter_map(|n| n.text()).collect();
    assert_eq!(
        listed,
        [
            "https://news.example.gov/sitemap-1.xml",
            "https://news.example.gov/sitemap-2.xml",
            "https://news.example.gov/sitemap-3.xml",
            "https://news.example.gov/sitemap-4.xml"
        ]
    );
    let mut parts = Vec::new();
    for (_, text) in &files[1..] {
        let list = urls(text);
        assert!(list.len() <= 5);
        parts.extend(list);
    }
    assert_eq!(parts, single);
}
