//! Bad input: every problem is reported as `path:line:col: message` with a hint, all at once,
//! and nothing is written.

use crate::harness::TestSite;

fn one_notice(front_matter: &str) -> String {
    TestSite::new().file("content/news/bad.md", front_matter).build().err()
}

#[test]
fn exact_messages_for_bad_notices() {
    let cases: &[(&str, &str)] = &[
        (
            "+++\ntitle = \"A\"\ndate = 2021-02-30\n+++\n",
            "content/news/bad.md:3:8: `2021-02-30` is not a date: February 2021 has 28 days\n  |\n3 | date = 2021-02-30\n  |        ^",
        ),
        (
            "+++\ntitle = \"A\"\ndate = 2021-01-01\ntitel = \"B\"\n+++\n",
            "content/news/bad.md:4:1: unknown field `titel` in the front matter\n  |\n4 | titel = \"B\"\n  | ^\n  = hint: did you mean `title`?",
        ),
        (
            "+++\ndate = 2021-01-01\n+++\nBody\n",
            "content/news/bad.md:1:1: missing field `title`\n  |\n1 | +++\n  | ^\n  = hint: add a title, e.g. title = \"Work conference held\"",
        ),
        (
            "Just text, no front matter.\n",
            "content/news/bad.md:1:1: the file has no front matter\n  |\n1 | Just text, no front matter.\n  | ^\n  = hint: start the file with front matter between +++ lines (TOML) or --- lines (YAML), holding at least `title` and `date`",
        ),
        ("+++\ntitle = \"A\"\n", "content/news/bad.md:1:1: the front matter opened here with `+++` is never closed"),
        ("", "content/news/bad.md: the file is empty"),
        (
            "---\ntitle: A\ndate: 2021-01-01T09:00:00+25:00\n---\n",
            "content/news/bad.md:3:7: `2021-01-01T09:00:00+25:00` has an invalid offset `+25:00`",
        ),
        (
            "+++\ntitle = \"A\"\ndate = 2021-01-01\ntags = [\"ok\", \"  \"]\n+++\n",
            "content/news/bad.md:4:8: `tags` has an empty entry",
        ),
        (
            "+++\ntitle = \"A\"\ndate = 2021-01-01\nslug = \"../x\"\n+++\n",
            "content/news/bad.md:4:8: the slug `../x` contains a slash",
        ),
        (
            "+++\ntitle = 5\ndate = 2021-01-01\n+++\n",
            "content/news/bad.md:2:9: wrong type: found integer `5`, expected a string",
        ),
        (
            "+++\ntitle = \"A\"\ndate = 2021-01-01\n[extra]\ncontact = \"x\"\ntags = [\"a\"]\n+++\n",
            "content/news/bad.md:6:1: `tags` is inside [extra], where Gazette does not read it",
        ),
        (
            "+++\ntitle = \"A\"\ndate = 2024-01-25 25:00\n+++\n",
            "content/news/bad.md:3:8: `2024-01-25 25:00` has an invalid time `25:00`",
        ),
        ("+++\ntitle = \"A\"\ndate = 2021-01-25T09:30:00+0800\n+++\n", "content/news/bad.md:3:8: invalid offset"),
        (
            "+++\ntitle = \"A\"\ndate = 2021-01-05\nupdated = 2021-01-01\n+++\n",
            "content/news/bad.md:4:11: `updated` is before `date`",
        ),
    ];
    for (text, want) in cases {
        let got = one_notice(text);
        assert!(got.starts_with(want), "for {text:?}\nwant: {want}\ngot:  {got}");
    }
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let site = TestSite::new();
    site.write_bytes("content/news/bad.md", b"+++\ntitle = \"caf\xe9\"\n");
    let err = site.build().err();
    assert!(err.starts_with("content/news/bad.md:2:13: the file is not valid UTF-8 (byte 0xE9)"), "{err}");
    assert!(err.contains("hint: save the file as UTF-8"), "{err}");
}

#[test]
fn every_problem_in_every_file_is_reported_at_once() {
    let err = TestSite::new()
        .file("content/a/one.md", "+++\ntitle = \"\"\ndate = \"2021-13-01\"\n+++\n")
        .file("content/b/two.md", "+++\ntitle = \"Two\"\ndate = \"soon\"\n+++\n")
        .file("content/b/ok.md", "+++\ntitle = \"Fine\"\ndate = 2021-01-01\n+++\n")
        .build()
        .err();
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("content/")).collect();
    assert_eq!(
        lines,
        [
            "content/a/one.md:2:9: `title` is empty",
            "content/a/one.md:3:8: `2021-13-01` is not a date: there is no month 13",
            "content/b/two.md:3:8: `soon` is not a date",
        ],
        "{err}"
    );
}

#[test]
fn two_notices_with_one_url_name_both_files() {
    let err = TestSite::new()
        .notice("news/a.md", "title = \"Same title\"\ndate = 2021-01-01", "")
        .notice("news/b.md", "title = \"Same Title!\"\ndate = 2021-01-02", "")
        .build()
        .err();
    assert!(
        err.contains(
            "content/news/a.md: two notices would be written at /news/same-title/: this one and content/news/b.md"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/news/b.md: two notices would be written at /news/same-title/: this one and content/news/a.md"
        ),
        "{err}"
    );
    assert!(err.contains("hint: give one of them a different `slug`"), "{err}");
}

#[test]
fn tags_that_would_share_a_page() {
    let err = TestSite::new()
        .notice("news/a.md", "title = \"A\"\ndate = 2021-01-01\ntags = [\"C++\", \"C\"]", "")
        .build()
        .err();
    assert!(err.contains("the tags `C` and `C++` would share one page, …/c/"), "{err}");
}

#[test]
fn a_section_may_not_take_a_reserved_url() {
    let err = TestSite::new().notice("tags/a.md", "title = \"A\"\ndate = 2021-01-01", "").build().err();
    assert!(err.contains("content/tags/a.md: the section `tags` would take the URL /tags/"), "{err}");
}

#[test]
fn sections_from_folders_are_checked_too() {
    let err = TestSite::new().file("content/tags/_index.md", "+++\ntitle = \"Tag section\"\n+++\n").build().err();
    assert!(err.starts_with("content/tags/_index.md: the section `tags` would take the URL /tags/"), "{err}");
    let err = TestSite::new().notice("__/a.md", "title = \"A\"\ndate = 2021-01-01", "").build().err();
    assert!(
        err.starts_with("content/__/a.md: the section `__` has no letters or digits to make its URL from"),
        "{err}"
    );
}

#[test]
fn unknown_key_in_site_toml() {
    let err = TestSite::new().config("paginte = 5\n").build().err();
    assert!(err.starts_with("site.toml:6:1: unknown key `paginte` in site.toml"), "{err}");
    assert!(err.contains("hint: did you mean `paginate`?"), "{err}");
}

#[test]
fn bad_values_in_site_toml() {
    let err = TestSite::new().config("language = \"en\"\n[markdown]\nraw_html = \"sanitise\"\n").build().err();
    assert!(err.starts_with("site.toml:8:12: unknown value `sanitise`"), "{err}");
    assert!(err.contains("did you mean `sanitize`?"), "{err}");
}

#[test]
fn missing_site_toml() {
    let site = TestSite::new();
    std::fs::remove_file(site.root().join("site.toml")).unwrap();
    let err = site.build().err();
    assert!(err.contains("site.toml: could not read the file: no such file or folder"), "{err}");
    assert!(err.contains("hint: every site needs a site.toml"), "{err}");
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = TestSite::new().notice("a/x.md", "title = \"X\"\ndate = 2021-01-01", "").file(
        "templates/notice.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ notice.no_such_field }}</p>\n{% endblock content %}\n",
    );
    let err = site.build().err();
    assert!(err.starts_with("templates/notice.html:3:"), "{err}");
    assert!(err.contains("hint: while rendering /a/x/"), "{err}");

    let site = TestSite::new().file("templates/tags.html", "{% if %}\n");
    let err = site.build().err();
    assert!(err.starts_with("templates/tags.html:1:"), "{err}");
}

#[test]
fn an_error_in_a_shared_template_is_reported_once() {
    let err = TestSite::new()
        .notice("a/x.md", "title = \"X\"\ndate = 2021-01-01", "")
        .notice("a/y.md", "title = \"Y\"\ndate = 2021-01-02", "")
        .file("templates/notice.html", "{{ nope }}")
        .build()
        .err();
    assert_eq!(err.matches("templates/notice.html:1:4: Variable `nope` is not defined").count(), 1, "{err}");
    assert!(err.contains("(and 1 other page)"), "{err}");
}

#[test]
fn missing_theme() {
    let err = TestSite::new().config("theme = \"civic\"\n").build().err();
    assert!(err.starts_with("themes/civic: the theme `civic` is not installed"), "{err}");
    assert!(err.contains("hint: set `theme` in site.toml to one of: bureau (built in)"), "{err}");
}
