//! Links between notices by source path: `[text](@/meetings/b.md)` and
//! `(@/meetings/b.md#heading)` lead to the target's page wherever its address goes; a link to
//! a missing file or heading, or to a notice not yet published, stops the build at the link.

use crate::harness::{SITE_TOML, TestSite, photo};

const TARGET: &str = "+++\ntitle = \"Pension rules\"\ndate = 2021-03-01\n+++\nThe rules.\n\n## Tasks ahead\n\nMore.\n";

fn site(body: &str) -> TestSite {
    TestSite::new().file("content/meetings/b.md", TARGET).notice(
        "meetings/a.md",
        "title = \"Work conference\"\ndate = 2021-03-02",
        body,
    )
}

#[test]
fn links_by_source_path_lead_to_the_page_and_heading_under_the_base_path() {
    let site = site("See [the rules](@/meetings/b.md) and [their tasks](@/meetings/b.md#tasks-ahead).\n");
    site.write(
        "site.toml",
        &format!("{}search = false\n", SITE_TOML.replace("https://news.example.gov", "https://www.example.gov/news")),
    );
    let built = site.build().ok();
    built
        .page("/meetings/work-conference/")
        .has(r#"<a href="/news/meetings/pension-rules/">the rules</a>"#)
        .has(r#"<a href="/news/meetings/pension-rules/#tasks-ahead">their tasks</a>"#)
        .lacks("gazette-link")
        .lacks("@/");
    // Full-text feeds carry the same links.
    let feed = std::fs::read_to_string(built.output.join("atom.xml")).unwrap();
    assert!(feed.contains("/news/meetings/pension-rules/#tasks-ahead"), "{feed}");
    assert!(!feed.contains("gazette-link"), "{feed}");
}

#[test]
fn a_link_follows_its_target_to_a_new_address() {
    let site = site("See [the rules](@/meetings/b.md).\n");
    site.build().ok().page("/meetings/work-conference/").has(r#"href="/meetings/pension-rules/""#);
    site.write("content/meetings/b.md", &TARGET.replace("Pension rules", "New pension rules"));
    site.build()
        .ok()
        .page("/meetings/work-conference/")
        .has(r#"href="/meetings/new-pension-rules/""#)
        .lacks(r#"href="/meetings/pension-rules/""#);
}

#[test]
fn links_survive_the_sanitizer_beside_raw_html() {
    let site = site("<div class=\"box\">Raw HTML.</div>\n\nSee [the rules](@/meetings/b.md#tasks-ahead).\n");
    site.build().ok().page("/meetings/work-conference/").has(r#"href="/meetings/pension-rules/#tasks-ahead""#);
}

#[test]
fn a_link_to_a_missing_file_is_an_error_at_the_link() {
    let err = site("Intro.\n\nSee [the rules](@/meetings/bb.md).\n").build().err();
    assert!(
        err.contains(
            "content/meetings/a.md:7:5: the link @/meetings/bb.md: there is no notice content/meetings/bb.md\n  = hint: did you mean @/meetings/b.md?"
        ),
        "{err}"
    );
    let err = site("[x](@/elsewhere/entirely-unknown.md)\n").build().err();
    assert!(
        err.contains("content/meetings/a.md:5:1: the link @/elsewhere/entirely-unknown.md: there is no notice"),
        "{err}"
    );
    assert!(err.contains("hint: write the notice's file under content/, e.g. @/meetings/work-conference.md"), "{err}");
}

#[test]
fn a_link_to_a_missing_heading_is_an_error_at_the_link() {
    let err = site("See [tasks](@/meetings/b.md#tasks-ahaed).\n").build().err();
    assert!(
        err.contains("content/meetings/a.md:5:5: the link @/meetings/b.md#tasks-ahaed: content/meetings/b.md has no heading #tasks-ahaed\n  = hint: did you mean #tasks-ahead?"),
        "{err}"
    );
}

#[test]
fn a_link_to_an_unpublished_notice_is_an_error_unless_drafts_are_built() {
    let site = site("See [the rules](@/meetings/b.md).\n");
    site.write("content/meetings/b.md", &TARGET.replace("date = 2021-03-01\n", "date = 2021-03-01\ndraft = true\n"));
    let err = site.build().err();
    assert!(
        err.contains("content/meetings/a.md:5:5: the link @/meetings/b.md leads to a notice that is a draft, so it has no page yet"),
        "{err}"
    );
    site.build_with(&["--drafts"]).ok().page("/meetings/work-conference/").has(r#"href="/meetings/pension-rules/""#);

    site.write(
        "content/meetings/b.md",
        &TARGET.replace("date = 2021-03-01\n", "date = 2021-03-01\npublish_at = 2099-01-01T09:00:00+08:00\n"),
    );
    let err = site.build().err();
    assert!(err.contains("leads to a notice that is under embargo, so it has no page yet"), "{err}");
}

#[test]
fn watch_rebuilds_follow_links_as_a_full_build_does() {
    use gazette::project::Project;
    use gazette::watch::Layout;
    let site = site("No links yet.\n");
    let root = site.root().to_path_buf();
    let opts = crate::harness::options(&root);
    let mut project = Project::new(opts).unwrap();
    project.build(false).unwrap();
    let layout = Layout { root: root.clone(), output: root.join("public"), theme: "bureau".into() };
    let page = || std::fs::read_to_string(root.join("public/meetings/work-conference/index.html")).unwrap();

    // A text-only edit that adds a link: the link is resolved, not left as a marker.
    site.write(
        "content/meetings/a.md",
        "+++\ntitle = \"Work conference\"\ndate = 2021-03-02\n+++\nSee [it](@/meetings/b.md#tasks-ahead).\n",
    );
    project.rebuild(&layout.change([root.join("content/meetings/a.md").as_path()])).unwrap();
    assert!(page().contains(r#"href="/meetings/pension-rules/#tasks-ahead""#), "{}", page());

    // The target moves: the linking page follows.
    site.write("content/meetings/b.md", &TARGET.replace("Pension rules", "Pension rules revised"));
    project.rebuild(&layout.change([root.join("content/meetings/b.md").as_path()])).unwrap();
    assert!(page().contains(r#"href="/meetings/pension-rules-revised/#tasks-ahead""#), "{}", page());

    // The heading goes: the rebuild fails at the link, and the last good page stays.
    site.write(
        "content/meetings/b.md",
        "+++\ntitle = \"Pension rules revised\"\ndate = 2021-03-01\n+++\nNo headings.\n",
    );
    let err = project.rebuild(&layout.change([root.join("content/meetings/b.md").as_path()])).unwrap_err();
    assert!(err.to_string().contains("has no heading #tasks-ahead"), "{err}");
    assert!(page().contains(r#"href="/meetings/pension-rules-revised/#tasks-ahead""#));
}

#[test]
fn check_reports_a_link_by_source_path_to_a_draft_as_written() {
    let site = site("See [the rules](@/meetings/b.md#tasks-ahead).\n");
    site.write("content/meetings/b.md", &TARGET.replace("date = 2021-03-01\n", "date = 2021-03-01\ndraft = true\n"));
    let run = site.run_binary(&["check"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "error: content/meetings/a.md:5:5: the link @/meetings/b.md#tasks-ahead leads to a draft (/meetings/pension-rules/), which the public site does not have"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn images_beside_a_notice_are_published_beside_its_page_and_nothing_else_is() {
    let site = TestSite::new()
        .notice(
            "meetings/a.md",
            "title = \"Work conference\"\ndate = 2021-03-02",
            "![The meeting room](photo.jpg)\n\n![Plan](plans/floor%20plan.png)\n\n![x](notes.md) ![y](../b.md) ![z](/favicon.svg)\n",
        )
        .file("content/meetings/notes.md.png", "not referenced")
        .notice("meetings/b.md", "title = \"Draft\"\ndate = 2021-03-01\ndraft = true", "Secret.\n");
    let (jpeg, png) = (photo(40, 30, image::ImageFormat::Jpeg), photo(20, 10, image::ImageFormat::Png));
    site.write_bytes("content/meetings/photo.jpg", &jpeg);
    site.write_bytes("content/meetings/plans/floor plan.png", &png);
    // (An image linked out of content/ is an error: see outside_files.rs.)
    let built = site.build().ok();
    let tree = built.tree();
    assert_eq!(tree.get("meetings/work-conference/photo.jpg"), Some(&jpeg));
    assert_eq!(tree.get("meetings/work-conference/plans/floor plan.png"), Some(&png));
    let copied: Vec<&String> = tree.keys().filter(|k| k.starts_with("meetings/work-conference/")).collect();
    assert_eq!(copied.len(), 3, "only the page and its two images: {copied:?}");
    built.page("/meetings/work-conference/").has(
        r#"<img src="photo.jpg" alt="The meeting room" width="40" height="30" loading="lazy" decoding="async" />"#,
    );

    // A newer photo replaces the old one, in a build with the cache as without.
    let newer = photo(50, 30, image::ImageFormat::Jpeg);
    site.write_bytes("content/meetings/photo.jpg", &newer);
    let built = site.build().ok();
    assert_eq!(built.tree().get("meetings/work-conference/photo.jpg"), Some(&newer));
    built.page("/meetings/work-conference/").has(r#"width="50" height="30""#);

    // `gazette check` finds the images where the build puts them.
    let run = site.run_binary(&["check"]);
    assert!(!run.stdout.contains("photo.jpg") && !run.stdout.contains("floor"), "{}", run.stdout);
}

#[test]
fn markdown_settings_for_links_and_headings_reach_the_page() {
    let site = TestSite::new()
        .config("[markdown]\nheading_anchors = true\nexternal_links_nofollow = true\n")
        .notice(
            "news/a.md",
            "title = \"Notice\"\ndate = 2021-03-02",
            "## Tasks for the year {#tasks}\n\nSee [the portal](https://www.gov.cn/) and [us](https://news.example.gov/news/).\n\n> [!WARNING]\n> Closed on 1 October.\n\nTerm\n: Definition.\n",
        );
    site.build()
        .ok()
        .page("/news/notice/")
        .has(r##"<h2 id="tasks">Tasks for the year <a class="heading-anchor" href="#tasks" aria-label="Link to this section">#</a></h2>"##)
        .has(r#"<a href="https://www.gov.cn/" rel="noopener nofollow">the portal</a>"#)
        .has(r#"<a href="https://news.example.gov/news/">us</a>"#)
        .has(r#"<blockquote class="markdown-alert-warning">"#)
        .has("<dt>Term</dt>")
        .has(r##"href="#tasks""##);
}
