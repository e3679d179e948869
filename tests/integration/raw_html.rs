//! Raw HTML in notice bodies: what would make text vanish is refused at its place (a
//! finding in `check`), what would give other sites a hold on the reader's tab is removed,
//! and control characters never reach a page.

use crate::harness::TestSite;

#[test]
fn an_unclosed_style_stops_the_build_and_check_lists_it() {
    let site = TestSite::new().notice(
        "news/hours.md",
        "title = \"Opening hours\"\ndate = 2021-01-25",
        "The office opens at nine.\n\n<style>\np { color: red }\n\nThe office closes at five.\n",
    );
    let e = site.build().err();
    assert!(
        e.contains(
            "content/news/hours.md:7:1: `<style>` is never closed: everything after it would vanish from the page"
        ),
        "{e}"
    );
    assert!(e.contains("close it with `</style>`, or write `&lt;style>` to show the text"), "{e}");
    assert!(!site.root().join("public").exists());

    let run = site.run_binary(&["check"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.contains("error: content/news/hours.md:7:1: `<style>` is never closed"), "{run:?}");
    let run = site.run_binary(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["problems"][0]["code"], "unclosed-html", "{json}");

    // Closed, it builds, and the text after it is on the page.
    site.write(
        "content/news/hours.md",
        "+++\ntitle = \"Opening hours\"\ndate = 2021-01-25\n+++\nThe office opens at nine.\n\n<style>\np { color: red }\n</style>\n\nThe office closes at five.\n",
    );
    site.build().ok().page("/news/opening-hours/").has("The office closes at five.");
}

#[test]
fn an_unclosed_comment_or_script_is_found_inline_and_in_quotes() {
    for (body, at, what) in [
        ("Text <script src=\"https://x.example/a.js\">\n\nMore.\n", "5:6", "`<script>`"),
        ("> Quoted.\n>\n> <!-- note\n\nMore.\n", "7:3", "the comment `<!--`"),
        ("Text <TEXTAREA rows=3>\n\nMore.\n", "5:6", "`<textarea>`"),
    ] {
        let site = TestSite::new().notice("news/a.md", "title = \"A\"\ndate = 2021-01-25", body);
        let e = site.build().err();
        assert!(e.contains(&format!("content/news/a.md:{at}: {what} is never closed")), "{body:?}: {e}");
    }
}

#[test]
fn closed_raw_html_and_code_about_it_build() {
    let site = TestSite::new().notice(
        "news/a.md",
        "title = \"A\"\ndate = 2021-01-25",
        "<!-- a note -->\n\n<style>p{}</style>\n\nText `<style>` and <abbr title=\"<style>\">S</abbr>\n\n    <script>\n\n```\n<!--\n```\n\nThe end.\n",
    );
    site.build().ok().page("/news/a/").has("The end.").has("<code>&lt;style&gt;</code>");
}

#[test]
fn raw_rel_opener_and_named_targets_are_removed() {
    let site = TestSite::new().notice(
        "news/a.md",
        "title = \"A\"\ndate = 2021-01-25",
        "<a href=\"https://other.example/\" target=\"_blank\" rel=\"opener\">one</a>\n\
         <a href=\"https://other.example/\" rel=\"Opener nofollow\">two</a>\n\
         <a href=\"https://other.example/\" target=\"news\">three</a>\n\
         <a href=\"https://other.example/\" target=\"_blank\" rel=\"noopener\">four</a>\n\n\
         [five](https://other.example/)\n",
    );
    let built = site.build().ok();
    let page = built.page("/news/a/");
    page.lacks("rel=\"opener\"").lacks("Opener").lacks("target=\"news\"");
    page.has("<a href=\"https://other.example/\" target=\"_blank\">one</a>")
        .has("<a href=\"https://other.example/\" rel=\"nofollow\">two</a>")
        .has("<a href=\"https://other.example/\">three</a>")
        .has("rel=\"noopener\">four</a>")
        .has("<a href=\"https://other.example/\" rel=\"noopener\">five</a>");
}

#[test]
fn a_nul_in_the_body_stops_the_build_at_its_place() {
    let site = TestSite::new().notice(
        "news/a.md",
        "title = \"A\"\ndate = 2021-01-25",
        "The office \u{0}opens at nine.\n\nMore \u{1b}[31mtext.\n",
    );
    let e = site.build().err();
    assert!(e.contains("content/news/a.md:5:12: the file contains the control character U+0000"), "{e}");
    assert!(e.contains("content/news/a.md:7:6: the file contains the control character U+001B"), "{e}");
    let run = site.run_binary(&["check"]);
    assert!(run.stdout.contains("content/news/a.md:5:12: the file contains the control character U+0000"), "{run:?}");

    // Tabs, line ends (CRLF too) are text.
    site.write("content/news/a.md", "+++\r\ntitle = \"A\"\r\ndate = 2021-01-25\r\n+++\r\nThe\toffice opens.\r\n");
    site.build().ok().page("/news/a/").has("content=\"The office opens.\"");
}
