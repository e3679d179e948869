//! `aliases`: earlier addresses of a notice, each a page that sends readers on to the notice
//! and tells search engines which page to index; an alias that another page uses is an
//! error at the field.

use crate::harness::{SITE_TOML, TestSite};

fn site(aliases: &str) -> TestSite {
    TestSite::new()
        .notice("meetings/b.md", "title = \"Pension rules\"\ndate = 2021-03-01\ntags = [\"pensions\"]", "Rules.\n")
        .notice(
            "meetings/a.md",
            &format!("title = \"Work conference\"\ndate = 2021-03-02\naliases = {aliases}"),
            "Text.\n",
        )
}

#[test]
fn each_alias_is_a_redirect_to_the_notice_that_search_engines_do_not_index() {
    let built = site(r#"["/2021/old-conference/", "/old/notice.html", "/legacy/conference"]"#).build().ok();
    for old in ["/2021/old-conference/", "/old/notice.html", "/legacy/conference/"] {
        built
            .page(old)
            .has(r#"<meta http-equiv="refresh" content="0; url=/meetings/work-conference/">"#)
            .has(r#"<link rel="canonical" href="https://news.example.gov/meetings/work-conference/">"#)
            .has(r#"<meta name="robots" content="noindex">"#)
            .has(r#"<a href="/meetings/work-conference/">Work conference</a>"#);
    }
    let sitemap = std::fs::read_to_string(built.output.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("old-conference") && !sitemap.contains("legacy"), "{sitemap}");
}

#[test]
fn aliases_live_under_the_base_path_like_every_page() {
    let site = site(r#"["/2021/old-conference/"]"#);
    site.write(
        "site.toml",
        &format!("{}search = false\n", SITE_TOML.replace("https://news.example.gov", "https://www.example.gov/news")),
    );
    site.build()
        .ok()
        .page("/2021/old-conference/")
        .has(r#"content="0; url=/news/meetings/work-conference/""#)
        .has(r#"href="https://www.example.gov/news/meetings/work-conference/""#);
}

#[test]
fn an_alias_another_page_uses_is_an_error_at_the_field() {
    let err = site(r#"["/meetings/pension-rules/"]"#).build().err();
    assert!(
        err.contains(
            "content/meetings/a.md:4:11: the alias /meetings/pension-rules/ is the address of content/meetings/b.md"
        ),
        "{err}"
    );
    assert!(err.contains("hint: an alias is an old address that no page has any more; remove this one"), "{err}");

    let err = site(r#"["/tags/pensions"]"#).build().err();
    assert!(err.contains("the alias /tags/pensions/ is the address of a page of the site (tag)"), "{err}");

    let err = site(r#"["/meetings/work-conference/"]"#).build().err();
    assert!(err.contains("the alias /meetings/work-conference/ is this notice's own address"), "{err}");

    let two = site(r#"["/old/"]"#);
    two.write(
        "content/meetings/b.md",
        "+++\ntitle = \"Pension rules\"\ndate = 2021-03-01\naliases = [\"/old\"]\n+++\nRules.\n",
    );
    let err = two.build().err();
    assert!(err.contains("the alias /old/ is an alias of content/meetings/"), "{err}");
}

#[test]
fn an_alias_that_is_not_an_address_on_the_site_is_an_error() {
    for (alias, why) in [
        ("old/notice", "does not start with /"),
        ("/", "is the home page"),
        ("/a/../b/", "has an empty, `.` or `..` part"),
        ("/a//b/", "has an empty, `.` or `..` part"),
        ("/old?id=3", "has a character that cannot be in a page's address"),
    ] {
        let err = site(&format!("[\"{alias}\"]")).build().err();
        assert!(err.contains(&format!("content/meetings/a.md:4:11: the alias `{alias}` {why}")), "{alias}: {err}");
    }
}

#[test]
fn a_draft_leaves_no_redirect_behind() {
    let site = site(r#"["/2021/old-conference/"]"#);
    site.write(
        "content/meetings/a.md",
        "+++\ntitle = \"Work conference\"\ndate = 2021-03-02\ndraft = true\naliases = [\"/2021/old-conference/\"]\n+++\nText.\n",
    );
    assert!(!site.build().ok().exists("/2021/old-conference/"));
}

#[test]
fn an_alias_is_compared_with_pages_by_the_file_it_would_be_written_to() {
    // `/index.html` is the home page's file, as `/x/index.html` is `/x/`'s: before, these
    // built, and the alias's redirect replaced the page.
    for (alias, what) in [
        ("/index.html", "a page of the site (home)"),
        ("/meetings/index.html", "a page of the site (section)"),
        ("/tags/pensions/index.html", "a page of the site (tag)"),
        ("/meetings/pension-rules/index.html", "content/meetings/b.md"),
        ("/meetings/work-conference/index.html", "this notice's own address"),
        ("/atom.xml", "a page of the site (feed)"),
        ("/sitemap.xml", "a page of the site (sitemap)"),
    ] {
        let err = site(&format!("[\"{alias}\"]")).build().err();
        let is = if what.starts_with("this") { what.to_owned() } else { format!("the address of {what}") };
        assert!(err.contains(&format!("content/meetings/a.md:4:11: the alias {alias} is {is}")), "{alias}: {err}");
    }
}

#[test]
fn an_alias_that_needs_a_folder_where_a_file_is_written_is_an_error_at_the_field() {
    // `/atom.xml/` is written at atom.xml/index.html: a folder where the feed is a file.
    for (written, alias, folder, what) in [
        ("/atom.xml/", "/atom.xml/", "/atom.xml", "a page of the site (feed)"),
        ("/sitemap.xml/", "/sitemap.xml/", "/sitemap.xml", "a page of the site (sitemap)"),
        ("/robots.txt/old", "/robots.txt/old/", "/robots.txt", "a page of the site (robots)"),
    ] {
        let err = site(&format!("[\"{written}\"]")).build().err();
        assert!(
            err.contains(&format!(
                "content/meetings/a.md:4:11: the alias {alias} would need a folder {folder}, which is the address of {what}"
            )),
            "{alias}: {err}"
        );
    }
}

#[test]
fn an_alias_that_is_a_static_file_or_an_attachment_is_blamed_on_the_alias() {
    let err = site(r#"["/favicon.svg"]"#).build().err();
    assert!(
        err.contains(
            "content/meetings/a.md:4:11: the alias /favicon.svg is the address of the theme's static file favicon.svg"
        ),
        "{err}"
    );
    assert!(!err.contains("this static file would replace"), "{err}");

    let own = site(r#"["/logo.png"]"#).file("static/logo.png", "png");
    let err = own.build().err();
    assert!(err.contains("the alias /logo.png is the address of the static file static/logo.png"), "{err}");

    let attached = site(r#"["/meetings/pension-rules/report.pdf"]"#);
    attached.write("content/meetings/report.pdf", "pdf");
    attached.write(
        "content/meetings/b.md",
        "+++\ntitle = \"Pension rules\"\ndate = 2021-03-01\n[[attachments]]\npath = \"report.pdf\"\ntitle = \"Report\"\n+++\nRules.\n",
    );
    let err = attached.build().err();
    assert!(
        err.contains(
            "content/meetings/a.md:4:11: the alias /meetings/pension-rules/report.pdf is the address of the attachment `report.pdf` of content/meetings/b.md"
        ),
        "{err}"
    );
    assert!(!err.contains("content/meetings/b.md:"), "{err}");
}

#[test]
fn an_alias_with_a_part_too_long_for_a_file_name_is_an_error_at_the_field() {
    let long = "a".repeat(300);
    let err = site(&format!("[\"/old/{long}\"]")).build().err();
    assert!(
        err.contains(&format!(
            "content/meetings/a.md:4:11: the alias `/old/{}…` has a part 300 bytes long; a file name may have at most 255",
            &long[..35]
        )),
        "{err}"
    );
    assert!(!err.contains("gazette-new"), "{err}");
    // Parts that fit, too many of them for a path.
    let deep = format!("/{}", vec!["b".repeat(200); 12].join("/"));
    let err = site(&format!("[\"{deep}\"]")).build().err();
    assert!(
        err.contains("content/meetings/a.md:4:11: the alias `/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb…` is 2412 bytes long; an address may have at most 1024"),
        "{err}"
    );
    // 255 bytes is a file name still.
    site(&format!("[\"/old/{}\"]", "a".repeat(255))).build().ok();
}

#[test]
fn a_notice_whose_address_is_another_page_is_an_error_at_its_slug() {
    // With notices at `/{slug}/`, a notice with the slug `tags` would take the tags page.
    let site = TestSite::new().config("[permalinks]\nnotice = \"/{slug}/\"\n").notice(
        "meetings/a.md",
        "title = \"Work conference\"\ndate = 2021-03-02\nslug = \"tags\"",
        "Text.\n",
    );
    let err = site.build().err();
    assert!(
        err.contains(
            "content/meetings/a.md:4:8: the notice's address /tags/ is the address of a page of the site (tags)"
        ),
        "{err}"
    );
    assert!(!err.contains("content: two pages"), "{err}");

    let two = TestSite::new()
        .notice("meetings/a.md", "title = \"Work conference\"\ndate = 2021-03-02\nslug = \"same\"", "Text.\n")
        .notice("meetings/b.md", "title = \"Pension rules\"\ndate = 2021-03-01\nslug = \"same\"", "Text.\n");
    let err = two.build().err();
    assert!(
        err.contains("content/meetings/a.md:4:8: two notices would be written at /meetings/same/: this one and content/meetings/b.md"),
        "{err}"
    );
}

#[test]
fn an_alias_in_the_search_index_folder_is_an_error_at_the_field() {
    let site = TestSite::with_search().notice(
        "meetings/a.md",
        "title = \"Work conference\"\ndate = 2021-03-02\naliases = [\"/search-index/search.js\"]",
        "Text.\n",
    );
    let err = site.build().err();
    assert!(
        err.contains(
            "content/meetings/a.md:4:11: the alias /search-index/search.js is in /search-index/, where the search index is written"
        ),
        "{err}"
    );
    // Without search, the folder is free.
    let site = TestSite::new().notice(
        "meetings/a.md",
        "title = \"Work conference\"\ndate = 2021-03-02\naliases = [\"/search-index/old/\"]",
        "Text.\n",
    );
    site.build().ok().page("/search-index/old/").has("url=/meetings/work-conference/");
}
