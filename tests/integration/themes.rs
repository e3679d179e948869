//! Themes: the built-in bureau theme, a theme folder, and site templates overriding it.

use crate::harness::TestSite;

fn site() -> TestSite {
    TestSite::new().notice("news/a.md", "title = \"A notice\"\ndate = 2021-01-01", "Body.\n")
}

#[test]
fn site_templates_override_the_theme_one_file_at_a_time() {
    let b = site()
        .file("templates/notice.html", "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ notice.title }} by the site</p>{% endblock content %}")
        .build()
        .ok();
    // The override is used, inside the theme's own base template.
    b.page("/news/a-notice/").has("<p class=\"custom\">A notice by the site</p>").has("class=\"skip-link\"");
    b.page("/news/").lacks("by the site");
}

#[test]
fn a_theme_folder_replaces_the_built_in_theme() {
    let mut site = site().config("theme = \"plain\"\n");
    for name in [
        "index",
        "notice",
        "section",
        "tags",
        "tag",
        "people",
        "person",
        "person_notices",
        "archive",
        "archive_year",
        "404",
        "search",
    ] {
        site =
            site.file(&format!("themes/plain/templates/{name}.html"), &format!("plain {name}: {{{{ page.title }}}}"));
    }
    let b = site.file("themes/plain/static/plain.css", "p{}").build().ok();
    assert_eq!(b.page("/news/a-notice/").html, "plain notice: A notice");
    assert!(b.exists("plain.css"));
    assert!(!b.exists("style.css"), "the built-in theme's files must not be mixed in");
}

#[test]
fn a_theme_missing_a_template_is_an_error() {
    let err = site().config("theme = \"plain\"\n").file("themes/plain/templates/index.html", "x").build().err();
    assert!(err.contains("templates/notice.html: the theme `plain` has no template `notice.html`"), "{err}");
}

#[test]
fn template_functions_and_filters() {
    let b = site()
        .config("[extra]\ncontact = \"press@example.gov\"\n")
        .file(
            "templates/notice.html",
            "{{ notice.date | date(format=\"%Y/%m/%d %H:%M %:z\") }}|{{ \"Press Releases\" | slugify }}|{{ \"李阳\" | urlencode }}|{{ get_url(path=\"style.css\") }}|{{ site.extra.contact }}|{{ site.timezone }}",
        )
        .build()
        .ok();
    assert_eq!(
        b.page("/news/a-notice/").html,
        "2021/01/01 00:00 +08:00|press-releases|%E6%9D%8E%E9%98%B3|/style.css|press@example.gov|Asia/Shanghai"
    );
}
