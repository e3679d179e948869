//! The search index: Gazette's own (docs/search.md), holding the published notices' words
//! and, for Chinese, every character and pair of characters with its position; nothing of
//! drafts; the same after any edit as a fresh build's.

use std::collections::BTreeMap;

use crate::harness::{Built, TestSite};

fn site() -> TestSite {
    TestSite::with_search()
        .notice(
            "news/urumqi.md",
            "title = \"Conference held\"\ndate = 2026-11-20\ntags = [\"veterans\"]",
            "The conference was held in Urumqi on Monday.\n",
        )
        .notice(
            "news/zh.md",
            "title = \"座谈会召开\"\ndate = 2026-11-21\nlang = \"zh\"",
            "座谈会指出，要进一步做好退役军人就业创业工作。\n",
        )
        .notice("news/draft.md", "title = \"Draft\"\ndate = 2026-11-22\ndraft = true", "Zanzibarian secrets.\n")
}

fn json(b: &Built, rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(b.output.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every term of language `code`'s index with its postings, decoded: page id → (weight,
/// positions).
pub fn terms(b: &Built, code: &str) -> BTreeMap<String, BTreeMap<u64, (u64, Vec<u64>)>> {
    let meta = json(b, &format!("search-index/{code}/meta.json"));
    let mut out = BTreeMap::new();
    for chunk in meta["chunks"].as_array().unwrap() {
        let file = json(b, &format!("search-index/{code}/i/{}.json", chunk[1].as_str().unwrap()));
        for entry in file.as_array().unwrap() {
            let term = entry[0].as_str().unwrap().to_owned();
            let numbers: Vec<u64> = entry[1].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
            let (mut pages, mut k, mut id) = (BTreeMap::new(), 0, 0);
            while k < numbers.len() {
                id += numbers[k];
                let (weight, count) = (numbers[k + 1], numbers[k + 2] as usize);
                let mut positions = Vec::new();
                let mut pos = 0;
                for d in &numbers[k + 3..k + 3 + count] {
                    pos += d;
                    positions.push(pos);
                }
                pages.insert(id, (weight, positions));
                k += 3 + count;
            }
            out.insert(term, pages);
        }
    }
    out
}

/// Every word of language `code`'s index (not the filters' terms).
pub fn words(b: &Built, code: &str) -> Vec<String> {
    terms(b, code).into_keys().filter(|t| !t.starts_with('\u{1}')).collect()
}

/// The fragment of page `id` in language `code`'s index.
pub fn fragment(b: &Built, code: &str, id: u64) -> serde_json::Value {
    let per_file = json(b, &format!("search-index/{code}/meta.json"))["fragments_per_file"].as_u64().unwrap();
    let mut file = json(b, &format!("search-index/{code}/f/{}.json", id / per_file));
    file[(id % per_file) as usize].take()
}

/// The pages (site paths, from their fragments) that hold `term` in language `code`'s index.
pub fn find(b: &Built, code: &str, term: &str) -> Vec<String> {
    let Some(pages) = terms(b, code).remove(term) else {
        return Vec::new();
    };
    pages
        .into_keys()
        .map(|id| {
            let url = fragment(b, code, id)["url"].as_str().unwrap().to_owned();
            format!("/{url}")
        })
        .collect()
}

#[test]
fn the_index_holds_english_words_chinese_pairs_and_no_drafts() {
    let b = site().build().ok();
    assert!(b.exists("search-index/search.js"));
    let meta = json(&b, "search-index/en/meta.json");
    assert_eq!(meta["version"], 1);
    assert_eq!(meta["pages"], 2);
    assert_eq!(meta["sections"], serde_json::json!(["News"]));
    assert_eq!(meta["tags"], serde_json::json!(["veterans"]));

    let all = words(&b, "en");
    assert!(all.contains(&"urumqi".to_owned()), "{all:?}");
    assert!(!all.iter().any(|w| w.starts_with("zanzibar")), "a draft was indexed: {all:?}");
    // 就业 (employment) sits inside a sentence with no spaces: every character and every
    // pair of characters is a term, so any run of them can be found.
    assert_eq!(find(&b, "en", "就业"), ["/news/zuo-tan-hui-zhao-kai/"]);
    assert_eq!(find(&b, "en", "就"), ["/news/zuo-tan-hui-zhao-kai/"]);
    assert!(!all.iter().any(|w| w.starts_with("座谈会指出")), "the sentence was indexed whole: {all:?}");
    // Pairs across punctuation are not terms: 出，要 has none.
    assert!(!all.contains(&"出要".to_owned()));
    assert_eq!(find(&b, "en", "urumqi"), ["/news/conference-held/"]);
    assert_eq!(find(&b, "en", "\u{1}t:veterans"), ["/news/conference-held/"]);
    assert_eq!(find(&b, "en", "\u{1}s:News").len(), 2);
}

#[test]
fn pairs_of_characters_have_their_positions_and_titles_weigh_more() {
    let b = site().build().ok();
    let terms = terms(&b, "en");
    // 座谈会召开 (title, positions 0–4), then 座谈会指出 (text, from 5): 座谈 at 0 and 5.
    let (weight, positions) = &terms["座谈"].values().next().unwrap();
    assert_eq!(positions, &[0, 5]);
    assert_eq!(*weight, 8 + 1);
    // Single characters and words need no positions.
    assert!(terms["座"].values().all(|(_, p)| p.is_empty()));
    assert!(terms["urumqi"].values().all(|(w, p)| *w == 1 && p.is_empty()));
}

#[test]
fn fragments_hold_what_a_result_shows_relative_to_the_site_root() {
    let b = site().build_with(&["--base-url", "https://news.example.gov/gov/news/"]).ok();
    let zh = find(&b, "en", "就业");
    assert_eq!(zh, ["/news/zuo-tan-hui-zhao-kai/"], "the fragment's URL must not repeat the base path");
    let fragment = fragment(&b, "en", 0);
    assert_eq!(fragment["title"], "Conference held");
    assert_eq!(fragment["section"], "News");
    assert_eq!(fragment["tags"], serde_json::json!(["veterans"]));
    assert_eq!(fragment["date"], "20 November 2026");
    assert!(fragment["text"].as_str().unwrap().contains("held in Urumqi"));
    b.page("/search/")
        .has("data-root=\"/gov/news/\"")
        .has("data-index=\"/gov/news/search-index/en/\"")
        .has("src=\"/gov/news/search-index/search.js\"");
}

#[test]
fn the_search_page_works_without_javascript_by_pointing_elsewhere() {
    let b = site().build().ok();
    b.page("/search/")
        .has("<noscript>")
        .has("Search runs in your browser and needs JavaScript")
        .has("href=\"/archive/\"")
        .has("href=\"/tags/\"")
        .has("data-index=\"/search-index/en/\"");
    b.page("/").has("href=\"/search/\"");
}

#[test]
fn the_index_is_the_same_from_one_build_to_the_next() {
    let site = site();
    let one = site.build().ok().tree();
    let two = site.build_with(&["--no-cache", "--output", site.root().join("two").to_str().unwrap()]).ok().tree();
    let index = |t: &BTreeMap<String, Vec<u8>>| {
        t.iter()
            .filter(|(k, _)| k.starts_with("search-index/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert!(!index(&one).is_empty());
    assert_eq!(index(&one), index(&two));
}

#[test]
fn search_can_be_switched_off() {
    let b = site().config("search = false\n").build().ok();
    assert!(!b.exists("search-index") && !b.exists("search/index.html"));
    b.page("/").lacks("/search/");
    // The positive case: with search on, the home page links to it.
    site().build().ok().page("/").has("href=\"/search/\"");
}

#[test]
fn a_theme_without_a_search_page_is_told_what_to_do() {
    let err = site().file("themes/plain/templates/index.html", "x").config("theme = \"plain\"\n").build().err();
    assert!(err.contains("templates/search.html: the theme `plain` has no template `search.html`"), "{err}");
    assert!(err.contains("or set search = false in site.toml"), "{err}");
}

/// Builds, edits a notice's text, rebuilds, and checks the index finds the new word, no
/// longer the removed one, and is byte for byte a fresh build's.
fn edit_and_check(mode: gazette::project::Mode) {
    use gazette::project::{Options, Project};
    use gazette::watch::Layout;
    let site = site();
    let root = site.root().to_path_buf();
    let opts =
        Options { root: root.clone(), output: None, base_url: None, drafts: false, now: None, mode, cache: false };
    let mut project = Project::new(opts).unwrap();
    project.build(false).unwrap();
    let b = site.built_at(root.join("public"));
    assert_eq!(find(&b, "en", "urumqi"), ["/news/conference-held/"]);

    site.write("content/news/urumqi.md", "+++\ntitle = \"Conference held\"\ndate = 2026-11-20\ntags = [\"veterans\"]\n+++\nThe conference was held on Monday.\n\nKashgar joined.\n");
    let layout = Layout { root: root.clone(), output: root.join("public"), theme: "bureau".into() };
    let report = project.rebuild(&layout.change([root.join("content/news/urumqi.md").as_path()])).unwrap();
    assert!(!report.full, "{report:?}");
    assert_eq!(find(&b, "en", "kashgar"), ["/news/conference-held/"]);
    assert!(find(&b, "en", "urumqi").is_empty());
    let fresh = site.build_with(&["--no-cache", "--output", root.join("fresh").to_str().unwrap()]).ok();
    let index = |b: &Built| b.tree().into_iter().filter(|(k, _)| k.starts_with("search-index/")).collect::<Vec<_>>();
    assert_eq!(index(&b), index(&fresh));
}

#[test]
fn a_body_edit_updates_the_index_in_place() {
    edit_and_check(gazette::project::Mode::Publish);
}

#[test]
fn watch_and_serve_update_the_index_just_after_the_pages() {
    edit_and_check(gazette::project::Mode::Preview);
}

/// A deleted notice leaves the index in the build that removes its page.
#[test]
fn a_deleted_notice_leaves_the_index_with_its_page() {
    let site = site();
    let b = site.build().ok();
    assert_eq!(find(&b, "en", "urumqi"), ["/news/conference-held/"]);
    std::fs::remove_file(site.root().join("content/news/urumqi.md")).unwrap();
    let b = site.build().ok();
    assert!(!b.exists("news/conference-held/index.html"));
    assert!(find(&b, "en", "urumqi").is_empty());
    assert_eq!(json(&b, "search-index/en/meta.json")["pages"], 1);
    assert_eq!(json(&b, "search-index/en/f/0.json").as_array().unwrap().len(), 1, "the fragment is left behind");
}

/// Names that look like markup are written as they are, as text in JSON: the search page
/// shows them with text nodes (tests/browser/search.test.mjs checks it does).
#[test]
fn filter_values_and_titles_are_stored_as_written() {
    let evil = "<img src=x onerror=alert(1)>";
    let b = TestSite::with_search()
        .file("content/evil/_index.md", &format!("+++\ntitle = \"{evil}\"\n+++\n"))
        .notice(
            "evil/hostile.md",
            &format!("title = \"Zanzibar <script>\"\ndate = 2026-11-20\ntags = [\"{evil}\", \"R&D\"]"),
            "Zanzibar.\n",
        )
        .build()
        .ok();
    let meta = json(&b, "search-index/en/meta.json");
    assert_eq!(meta["sections"], serde_json::json!([evil]));
    assert_eq!(meta["tags"], serde_json::json!([evil, "R&D"]));
    assert_eq!(fragment(&b, "en", 0)["title"], "Zanzibar <script>");
}

/// Fragments go four to a file, oldest notice first: a site of nine notices has three files,
/// and a new notice goes into the last one without moving the others.
#[test]
fn fragments_go_four_to_a_file_oldest_first() {
    let mut site = TestSite::with_search();
    for day in 1..=9 {
        site = site.notice(
            &format!("news/n{day}.md"),
            &format!("title = \"Notice {day}\"\ndate = 2026-11-{day:02}"),
            &format!("Word{day}.\n"),
        );
    }
    let b = site.build().ok();
    assert_eq!(json(&b, "search-index/en/meta.json")["fragments_per_file"], 4);
    let sizes: Vec<usize> =
        (0..3).map(|n| json(&b, &format!("search-index/en/f/{n}.json")).as_array().unwrap().len()).collect();
    assert_eq!(sizes, [4, 4, 1]);
    assert!(!b.exists("search-index/en/f/3.json"));
    assert_eq!(fragment(&b, "en", 0)["title"], "Notice 1");
    assert_eq!(fragment(&b, "en", 8)["title"], "Notice 9");
    assert_eq!(find(&b, "en", "word6"), ["/news/notice-6/"]);
}
