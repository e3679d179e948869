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
