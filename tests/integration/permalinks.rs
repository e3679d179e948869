//! `[permalinks]` in site.toml: the pattern of notices' addresses.

use crate::harness::TestSite;

fn site(pattern: &str) -> TestSite {
    TestSite::new()
        .config(&format!("[permalinks]\nnotice = \"{pattern}\"\n"))
        .notice(
            "meetings/a.md",
            "title = \"Work conference\"\ndate = 2021-03-07\ntags = [\"veterans\"]",
            "See [b](@/meetings/b.md).\n",
        )
        .notice("meetings/b.md", "title = \"Pension rules\"\ndate = 2020-11-02", "Rules.\n")
}

#[test]
fn notices_live_where_the_pattern_says_and_every_link_follows() {
    let built = site("/{section}/{year}/{month}/{slug}/").build().ok();
    built.page("/meetings/2021/03/work-conference/").has("<h1").has(r#"href="/meetings/2020/11/pension-rules/""#);
    assert!(!built.exists("/meetings/work-conference/"));
    built.page("/").has(r#"href="/meetings/2021/03/work-conference/""#);
    built.page("/tags/veterans/").has(r#"href="/meetings/2021/03/work-conference/""#);
    let sitemap = std::fs::read_to_string(built.output.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://news.example.gov/meetings/2021/03/work-conference/"), "{sitemap}");
}

#[test]
fn a_pattern_may_leave_out_the_section_and_add_words() {
    site("/notices/{year}-{month}-{day}-{slug}/").build().ok().page("/notices/2021-03-07-work-conference/");
}

#[test]
fn a_bad_pattern_is_an_error_at_its_line_in_site_toml() {
    let err = site("/{section}/{year}/").build().err();
    assert!(
        err.contains("site.toml:7:10: [permalinks] notice = \"/{section}/{year}/\": it has no {slug}, so two notices of one day would share an address"),
        "{err}"
    );
    assert!(err.contains("hint: write a path from / to /, with {slug}"), "{err}");

    let site = TestSite::new().config("[permalinks]\nnotices = \"/{slug}/\"\n");
    let err = site.build().err();
    assert!(err.contains("site.toml:7:1: unknown key `notices`"), "{err}");
}
