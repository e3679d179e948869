//! Shortcodes: Tera templates under `templates/shortcodes/` called from a notice, inline or
//! with a Markdown body; the bureau theme's figure, note, contact and video.

use crate::harness::TestSite;

fn site(body: &str) -> TestSite {
    TestSite::new().notice("news/a.md", "title = \"Notice\"\ndate = 2021-03-02", body)
}

#[test]
fn the_bureau_shortcodes_render_inline_and_with_a_body() {
    let site = site(concat!(
        "Intro.\n\n",
        "{{ figure(src=\"photo.jpg\", alt=\"The hall\", caption=\"The conference hall.\", credit=\"Photo: Li Yang\") }}\n\n",
        "{% note(kind=\"warning\", title=\"Closed\") %}\nThe office is *closed* on 1 October.\n{% end %}\n\n",
        "{{ contact(name=\"Press Office\", email=\"press@example.gov\", phone=\"+86 991 000 0000\") }}\n\n",
        "{{ video(src=\"https://video.example.gov/conference.mp4\", poster=\"poster.png\", title=\"The conference\") }}\n\n",
        "`{{ figure(src=\"x\") }}` stays code.\n",
    ));
    site.write_bytes("content/news/photo.jpg", &crate::harness::photo(30, 20, image::ImageFormat::Jpeg));
    site.write_bytes("content/news/poster.png", &crate::harness::photo(16, 9, image::ImageFormat::Png));
    let built = site.build().ok();
    built
        .page("/news/notice/")
        .has("<figure class=\"figure\">\n<img src=\"photo.jpg\" alt=\"The hall\" loading=\"lazy\" width=\"30\" height=\"20\" decoding=\"async\">")
        .has("<figcaption>The conference hall. <span class=\"figure-credit\">Photo: Li Yang</span></figcaption>")
        .has("<div class=\"note note-warning\" role=\"note\">\n<p class=\"note-title\">Closed</p>\n<p>The office is <em>closed</em> on 1 October.</p>")
        .has("<a href=\"mailto:press@example.gov\">press@example.gov</a>")
        .has("<a href=\"tel:+869910000000\">+86 991 000 0000</a>")
        .has("<a href=\"https://video.example.gov/conference.mp4\"><img src=\"poster.png\" alt=\"\" loading=\"lazy\" width=\"16\" height=\"9\" decoding=\"async\"> <span class=\"video-title\">The conference</span></a>")
        .has("<code>{{ figure(src=\"x\") }}</code>")
        .lacks("GAZETTESHORTCODE")
        .lacks("<p><figure");
    let tree = built.tree();
    assert!(tree.contains_key("news/notice/photo.jpg") && tree.contains_key("news/notice/poster.png"));
    // The summary is the first paragraph of text, not a shortcode.
    built.page("/").has("Intro.");
}

#[test]
fn a_shortcode_that_fails_is_an_error_at_the_call() {
    let err = site("Intro.\n\n{{ figur(src=\"a.jpg\", alt=\"A\") }}\n").build().err();
    assert!(
        err.contains("content/news/a.md:7:1: there is no shortcode `figur`\n")
            && err.contains("hint: did you mean `figure`?"),
        "{err}"
    );
    let err = site("{{ figure(src=\"a.jpg\") }}\n").build().err();
    assert!(err.contains("content/news/a.md:5:1: the shortcode `figure` failed: "), "{err}");
    assert!(err.contains("hint: see templates/shortcodes/figure.html for the arguments it takes"), "{err}");
    let err = site("{{ figure(src=a.jpg) }}\n").build().err();
    assert!(
        err.contains("content/news/a.md:5:1: `src = a.jpg`: write text in double quotes, `src=\"a.jpg\"`"),
        "{err}"
    );
    let err = site("{{ video(src=\"javascript:alert(1)\", title=\"x\") }}\n").build().err();
    assert!(
        err.contains("content/news/a.md:5:1: the shortcode `video`: `src` is not an address a notice may link to"),
        "{err}"
    );
    let err = site("{% note() %}\nNo end.\n").build().err();
    assert!(err.contains("content/news/a.md:5:1: the shortcode `note` has no `{% end %}`"), "{err}");
}

#[test]
fn a_site_adds_and_replaces_shortcodes_and_a_changed_one_renders_again() {
    let site = site("{{ badge(text=\"New\") }} and {% note() %}\nBody.\n{% end %}\n");
    site.write("templates/shortcodes/badge.html", "<span class=\"badge\">{{ text }}</span>");
    site.write("templates/shortcodes/note.html", "<div class=\"mine\">{{ body | safe }}</div>");
    // (The body form needs a line of its own: here it is part of a paragraph, left as text.)
    site.write(
        "content/news/a.md",
        "+++\ntitle = \"Notice\"\ndate = 2021-03-02\n+++\n{{ badge(text=\"New\") }}\n\n{% note() %}\nBody.\n{% end %}\n",
    );
    site.build()
        .ok()
        .page("/news/notice/")
        .has("<span class=\"badge\">New</span>")
        .has("<div class=\"mine\"><p>Body.</p>\n</div>");
    // A changed template reaches the page, though the notice did not change (the cache of
    // rendered bodies is keyed by the shortcodes too).
    site.write("templates/shortcodes/badge.html", "<strong>{{ text }}</strong>");
    site.build().ok().page("/news/notice/").has("<strong>New</strong>").lacks("class=\"badge\"");
}

#[test]
fn serve_and_watch_render_notices_again_when_a_shortcode_changes() {
    use gazette::project::Project;
    use gazette::watch::Layout;
    let site = site("{{ badge(text=\"New\") }}\n");
    site.write("templates/shortcodes/badge.html", "<span class=\"badge\">{{ text }}</span>");
    let root = site.root().to_path_buf();
    let opts = crate::harness::options(&root);
    let mut project = Project::new(opts).unwrap();
    project.build(false).unwrap();
    let layout = Layout { root: root.clone(), output: root.join("public"), theme: "bureau".into() };
    site.write("templates/shortcodes/badge.html", "<strong>{{ text }}</strong>");
    project.rebuild(&layout.change([root.join("templates/shortcodes/badge.html").as_path()])).unwrap();
    let page = std::fs::read_to_string(root.join("public/news/notice/index.html")).unwrap();
    assert!(page.contains("<strong>New</strong>"), "{page}");
}
