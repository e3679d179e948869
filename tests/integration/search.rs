//! The search index: written by pagefind during the build, holding the published notices'
//! words, English and Chinese (split into words), and nothing of drafts.

use std::io::Read;

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

/// Every word of the index files of `language`, read the way pagefind stores them: gzip,
/// a signature, then CBOR whose word entries are `[word, pages…]`.
pub fn words(b: &Built, language: &str) -> Vec<String> {
    let dir = b.output.join("pagefind/index");
    let mut words = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with(&format!("{language}_")) {
            continue;
        }
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()).read_to_end(&mut bytes).unwrap();
        let cbor = bytes.strip_prefix(b"pagefind_dcd").expect("a pagefind index chunk");
        let value: ciborium::Value = ciborium::from_reader(cbor).unwrap();
        collect_words(&value, &mut words);
    }
    words.sort();
    words
}

/// Every text in the filter files of `language` (gzip, a signature, then CBOR): the
/// filters' names and values.
fn filter_texts(b: &Built, language: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(b.output.join("pagefind/filter")).unwrap() {
        let path = entry.unwrap().path();
        if !path.file_name().unwrap().to_string_lossy().starts_with(&format!("{language}_")) {
            continue;
        }
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()).read_to_end(&mut bytes).unwrap();
        let cbor = bytes.strip_prefix(b"pagefind_dcd").expect("a pagefind filter chunk");
        collect_texts(&ciborium::from_reader(cbor).unwrap(), &mut texts);
    }
    texts.sort();
    texts
}

fn collect_texts(value: &ciborium::Value, out: &mut Vec<String>) {
    match value {
        ciborium::Value::Text(t) => out.push(t.clone()),
        ciborium::Value::Array(items) => items.iter().for_each(|i| collect_texts(i, out)),
        ciborium::Value::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            collect_texts(k, out);
            collect_texts(v, out);
        }),
        _ => {}
    }
}

/// The text at the head of every array: the words of the index.
fn collect_words(value: &ciborium::Value, out: &mut Vec<String>) {
    if let ciborium::Value::Array(items) = value {
        if let Some(ciborium::Value::Text(word)) = items.first() {
            out.push(word.clone());
        }
        for item in items {
            collect_words(item, out);
        }
    }
}

#[test]
fn the_index_holds_english_and_chinese_words_and_no_drafts() {
    let b = site().build().ok();
    for file in
        ["pagefind/pagefind.js", "pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "pagefind/pagefind-entry.json"]
    {
        assert!(b.exists(file), "no {file}");
    }
    let entry: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(b.output.join("pagefind/pagefind-entry.json")).unwrap()).unwrap();
    assert_eq!(entry["languages"]["en"]["page_count"], 1);
    assert_eq!(entry["languages"]["zh"]["page_count"], 1);

    let en = words(&b, "en");
    assert!(en.contains(&"urumqi".to_owned()), "{en:?}");
    assert!(!en.iter().any(|w| w.starts_with("zanzibar")), "a draft was indexed: {en:?}");
    // 就业 (employment) sits inside a sentence with no spaces: found only if the text was
    // split into words.
    let zh = words(&b, "zh");
    assert!(zh.contains(&"就业".to_owned()), "{zh:?}");
    assert!(!zh.iter().any(|w| w.starts_with("座谈会指出")), "the sentence was indexed whole: {zh:?}");
}

#[test]
fn the_search_page_works_without_javascript_by_pointing_elsewhere() {
    let b = site().build().ok();
    b.page("/search/")
        .has("<noscript>")
        .has("Search runs in your browser and needs JavaScript")
        .has("href=\"/archive/\"")
        .has("href=\"/tags/\"")
        .has("data-bundle=\"/pagefind/\"")
        .has("data-languages=\"zh\"");
    b.page("/").has("href=\"/search/\"");
}

#[test]
fn search_can_be_switched_off() {
    let b = site().config("search = false\n").build().ok();
    assert!(!b.exists("pagefind") && !b.exists("search/index.html"));
    b.page("/").lacks("/search/");
}

#[test]
fn a_theme_without_a_search_page_is_told_what_to_do() {
    let err = site().file("themes/plain/templates/index.html", "x").config("theme = \"plain\"\n").build().err();
    assert!(err.contains("templates/search.html: the theme `plain` has no template `search.html`"), "{err}");
    assert!(err.contains("or set search = false in site.toml"), "{err}");
}

/// Builds, edits a notice's text, rebuilds, and checks the index holds the new word and
/// exactly the files a fresh build's index has.
fn edit_and_check(background_search: bool) {
    use gazette::project::{Options, Project};
    use gazette::watch::Layout;
    let site = site();
    let root = site.root().to_path_buf();
    let opts = Options {
        root: root.clone(),
        output: None,
        base_url: None,
        drafts: false,
        now: None,
        background_search,
        cache: false,
    };
    let mut project = Project::new(opts).unwrap();
    project.build(false).unwrap();
    project.wait_for_search();
    let b = site.built_at(root.join("public"));
    assert!(words(&b, "en").contains(&"urumqi".to_owned()));

    site.write("content/news/urumqi.md", "+++\ntitle = \"Conference held\"\ndate = 2026-11-20\ntags = [\"veterans\"]\n+++\nThe conference was held in Urumqi on Monday.\n\nKashgar joined.\n");
    let layout = Layout { root: root.clone(), output: root.join("public"), theme: "bureau".into() };
    let report = project.rebuild(&layout.change([root.join("content/news/urumqi.md").as_path()])).unwrap();
    assert!(!report.full, "{report:?}");
    project.wait_for_search();
    assert!(words(&b, "en").contains(&"kashgar".to_owned()));
    // No chunk of the old index is left behind: the folder equals a fresh build's.
    let fresh = site.build_with(&["--output", root.join("fresh").to_str().unwrap()]).ok();
    let names = |b: &Built| b.tree().into_keys().filter(|k| k.starts_with("pagefind")).collect::<Vec<_>>();
    assert_eq!(names(&b), names(&fresh));
}

#[test]
fn a_body_edit_updates_the_index_in_place() {
    edit_and_check(false);
}

#[test]
fn watch_and_serve_update_the_index_in_the_background() {
    edit_and_check(true);
}

/// Pagefind's search box shows filter values as HTML (issue 16): a tag or a section named
/// like an element is written into the index escaped, so that the box shows it as text.
#[test]
fn filter_values_are_written_escaped_because_the_search_box_reads_them_as_html() {
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
    let texts = filter_texts(&b, "en");
    assert!(texts.contains(&"&lt;img src=x onerror=alert(1)&gt;".to_owned()), "{texts:?}");
    assert!(texts.contains(&"R&amp;D".to_owned()), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains('<') || t.contains('>')), "markup in a filter: {texts:?}");
}
