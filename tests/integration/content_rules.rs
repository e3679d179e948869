//! How notices are read: credits trailers, original titles, summaries, slugs, raw HTML,
//! names and tags typed in different ways, limits on tags and names.

use crate::harness::TestSite;

const SAMPLE: &str = include_str!("../../content/meetings/retired-military-work-conference.md");

#[test]
fn the_sample_notice_gets_its_credits_from_the_trailer() {
    let b = TestSite::new().file("content/meetings/sample.md", SAMPLE).build().ok();
    let p = b.page("/meetings/promote-the-high-quality-development-of-new-era-retired-military-work/");
    p.has("By <a href=\"/people/li-yang/\">Li Yang</a>")
        .has("Editors: <a href=\"/people/yang-rui/\">Yang Rui</a>, <a href=\"/people/han-ting/\">Han Ting</a>")
        .has("Original title: <span lang=\"en\">Promoting the high quality development of the new era of retired soldiers 24, Xinjiang retired military affairs work conference was held.</span>");
    let body = p.element("div", "class=\"notice-body\"");
    assert!(!body.contains("(Li Yang)") && !body.contains("Editor:"), "trailer left in the body:\n{body}");
    assert!(!body.contains("Original title"), "original title left in the body:\n{body}");
    assert!(body.trim_start().starts_with("<p>Wang Jun, deputy secretary"), "{body}");
    assert!(body.trim_end().ends_with("hosted the meeting.</p>"), "{body}");
    b.page("/people/han-ting/").has("Promote the high quality development of new era retired military work");
}

#[test]
fn chinese_trailers_and_original_titles() {
    let b = TestSite::new()
        .notice(
            "a/one.md",
            "title = \"一\"\ndate = 2021-01-01\nlang = \"zh-Hans\"",
            "原标题：退役军人工作会议召开\n\n正文。\n\n（李阳）（编辑：韩婷）\n",
        )
        .notice(
            "a/two.md",
            "title = \"二\"\ndate = 2021-01-02\nlang = \"zh-Hans\"",
            "正文。\n\n（记者 王芳，陈伟）（责任编辑：杨睿、韩婷）。\n",
        )
        .notice(
            "a/three.md",
            "title = \"Three\"\ndate = 2021-01-03",
            "Body.\n\n(Zhang Min) (Editor: Yang Rui and Han Ting).\n",
        )
        .build()
        .ok();
    b.page("/a/yi/")
        .has("<span lang=\"zh-Hans\">退役军人工作会议召开</span>")
        .has(">李阳</a>")
        .has("Editor: <a href=\"/people/%E9%9F%A9%E5%A9%B7/\">韩婷</a>")
        .lacks("原标题：");
    b.page("/a/er/").has(">王芳</a>, <a").has(">陈伟</a>").has(">杨睿</a>, <a");
    b.page("/a/three/")
        .has(">Zhang Min</a>")
        .has("Editors: <a href=\"/people/yang-rui/\">Yang Rui</a>, <a href=\"/people/han-ting/\">Han Ting</a>");
}

#[test]
fn front_matter_credits_win_and_leave_the_body_alone() {
    let b = TestSite::new()
        .notice(
            "a/x.md",
            "title = \"X\"\ndate = 2021-01-01\nbyline = \"Chen Wei\"",
            "Body.\n\n(Li Yang) (Editor: Han Ting)\n",
        )
        .build()
        .ok();
    b.page("/a/x/")
        .has("By <a href=\"/people/chen-wei/\">Chen Wei</a>")
        .has("<p>(Li Yang) (Editor: Han Ting)</p>")
        .lacks("/people/li-yang/");
}

#[test]
fn parentheses_that_are_not_credits_stay_in_the_body() {
    let b = TestSite::new()
        .notice("a/x.md", "title = \"X\"\ndate = 2021-01-01", "Body.\n\n(see the annex for details)\n")
        .build()
        .ok();
    b.page("/a/x/").has("<p>(see the annex for details)</p>").lacks("class=\"credits\"");
}

#[test]
fn summary_is_the_first_paragraph_cut_at_a_sentence() {
    let long = "First sentence of the notice is here. ".repeat(12);
    let b = TestSite::new()
        .notice(
            "a/long.md",
            "title = \"Long\"\ndate = 2021-01-01",
            &format!("## Heading\n\n{long}\n\nSecond paragraph.\n"),
        )
        .notice("a/given.md", "title = \"Given\"\ndate = 2021-01-02\nsummary = \"Written by hand.\"", "Body text.\n")
        .build()
        .ok();
    let home = b.page("/");
    home.has("<p class=\"notice-item-summary\">Written by hand.</p>");
    let summary = home.html.split("<p class=\"notice-item-summary\">").nth(2).unwrap().split("</p>").next().unwrap();
    assert!(summary.ends_with("is here.") && summary.chars().count() <= 280, "{summary}");
    assert!(!summary.contains("Second"), "{summary}");
}

fn slug_site(mode: &str) -> TestSite {
    TestSite::new()
        .config(&format!("[slugs]\nmode = \"{mode}\"\n"))
        .notice(
            "news/a.md",
            "title = \"退役军人 工作会议 2021\"\ndate = 2021-01-01\ntags = [\"就业\"]\nbyline = \"李阳\"",
            "Body.\n",
        )
        .notice("news/b.md", "title = \"Café: “Open” day!\"\ndate = 2021-01-02", "Body.\n")
        .notice("news/c.md", "title = \"!!!\"\ndate = 2021-01-03", "Body.\n")
        .notice("news/d.md", "title = \"???\"\ndate = 2021-01-03", "Body.\n")
        .notice("news/e.md", "title = \"Anything\"\ndate = 2021-01-04\nslug = \"chosen-slug\"", "Body.\n")
}

#[test]
fn slug_modes() {
    let b = slug_site("transliterate").build().ok();
    for path in [
        "/news/tui-yi-jun-ren-gong-zuo-hui-yi-2021/",
        "/news/cafe-open-day/",
        "/tags/jiu-ye/",
        "/people/li-yang/",
        "/news/chosen-slug/",
    ] {
        b.page(path);
    }
    // Titles with no usable characters fall back to the date, numbered in path order.
    b.page("/news/2021-01-03/").has("<h1>!!!</h1>");
    b.page("/news/2021-01-03-2/").has("<h1>???</h1>");

    let b = slug_site("safe").build().ok();
    b.page("/news/退役军人-工作会议-2021/");
    b.page("/news/café-open-day/");
    b.page("/tags/就业/");
    // Links are percent-encoded; files keep their Unicode names.
    b.page("/").has("href=\"/news/%E9%80%80%E5%BD%B9%E5%86%9B%E4%BA%BA-%E5%B7%A5%E4%BD%9C%E4%BC%9A%E8%AE%AE-2021/\"");

    let b = slug_site("off").build().ok();
    b.page("/news/退役军人 工作会议 2021/");
    b.page("/news/Café- “Open” day!/");
    b.page("/").has("href=\"/news/Caf%C3%A9-%20%E2%80%9COpen%E2%80%9D%20day%21/\"");
}

#[test]
fn transliteration_twins_keep_separate_person_pages() {
    let b = TestSite::new()
        .notice("a/x.md", "title = \"X\"\ndate = 2021-01-01\nbyline = [\"Li Yang\", \"李阳\"]", "Body.\n")
        .build()
        .ok();
    b.page("/people/li-yang/").has("<h1>Li Yang</h1>");
    b.page("/people/李阳/").has("<h1>李阳</h1>");
}

const HOSTILE: &str = "Text <script>alert(1)</script> <abbr title=\"Bureau\">RVAB</abbr> <img src=x onerror=\"alert(2)\">\n\n[link](javascript:alert(3))\n\n<iframe src=\"https://evil.example\"></iframe>\n";

fn raw_html_site(policy: &str) -> TestSite {
    TestSite::new().config(&format!("[markdown]\nraw_html = \"{policy}\"\n")).notice(
        "a/x.md",
        "title = \"X\"\ndate = 2021-01-01",
        HOSTILE,
    )
}

#[test]
fn raw_html_is_sanitized_by_default() {
    let b = TestSite::new().notice("a/x.md", "title = \"X\"\ndate = 2021-01-01", HOSTILE).build().ok();
    let body = b.page("/a/x/").element("div", "class=\"notice-body\"");
    for bad in ["<script", "alert(1)", "onerror", "javascript:", "<iframe"] {
        assert!(!body.contains(bad), "{bad} survived:\n{body}");
    }
    assert!(body.contains("<abbr title=\"Bureau\">RVAB</abbr>") && body.contains("<p>link</p>"), "{body}");
}

#[test]
fn raw_html_allow_and_escape() {
    let body = raw_html_site("allow").build().ok().page("/a/x/").element("div", "class=\"notice-body\"");
    assert!(body.contains("<script>alert(1)</script>") && body.contains("href=\"javascript:alert(3)\""), "{body}");
    let body = raw_html_site("escape").build().ok().page("/a/x/").element("div", "class=\"notice-body\"");
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && body.contains("&lt;iframe"), "{body}");
    assert!(!body.contains("<abbr") && !body.contains("javascript:"), "{body}");
}

#[test]
fn code_is_highlighted_into_classes() {
    let b =
        TestSite::new().notice("a/x.md", "title = \"X\"\ndate = 2021-01-01", "```json\n{\"a\": 1}\n```\n").build().ok();
    b.page("/a/x/")
        .has("<pre class=\"hl\"><code class=\"language-json\"><span class=\"hl-source hl-json\">")
        .lacks("style=\"color");
    let b = TestSite::new()
        .config("[markdown]\nhighlight = false\n")
        .notice("a/x.md", "title = \"X\"\ndate = 2021-01-01", "```json\n{\"a\": 1}\n```\n")
        .build()
        .ok();
    b.page("/a/x/").has("<pre><code class=\"language-json\">{&quot;a&quot;: 1}\n</code></pre>");
}

#[test]
fn yaml_front_matter_and_bom_and_crlf() {
    let b = TestSite::new()
        .file(
            "content/a/y.md",
            "---\ntitle: \"YAML notice\"\ndate: 2020-11-30\ntags: [a, b]\nbyline: Zhang Min\n---\nBody.\n",
        )
        .file(
            "content/a/w.md",
            "\u{feff}+++\r\ntitle = \"Windows notice\"\r\ndate = 2020-12-01\r\n+++\r\nBody line.\r\n",
        )
        .build()
        .ok();
    b.page("/a/yaml-notice/").has("30 November 2020").has(">Zhang Min</a>");
    b.page("/a/windows-notice/").has("<p>Body line.</p>");
}

#[test]
fn notices_directly_in_content_belong_to_news() {
    let b = TestSite::new().notice("launch.md", "title = \"Launch\"\ndate = 2021-01-01", "Body.\n").build().ok();
    b.page("/news/launch/");
    b.page("/news/").has("<h1>News</h1>");
}

#[test]
fn tags_and_names_that_look_the_same_are_one() {
    // NFC and NFD `café`, `pensions` with a zero-width space, `Zoë` in two forms: one tag page,
    // one person page each, listing both notices.
    let b = TestSite::new()
        .notice(
            "news/a.md",
            "title = \"Caf\u{e9} opens\"\ndate = 2021-01-01\ntags = [\"caf\u{e9}\", \"pensions\"]\nbyline = \"Zo\u{eb} Ngata\"",
            "Body.\n",
        )
        .notice(
            "news/b.md",
            "title = \"Cafe\u{301} closes\"\ndate = 2021-01-02\ntags = [\"cafe\u{301}\", \"pen\u{200b}sions\"]\nbyline = \"\u{feff}Zoe\u{308} Ngata\"",
            "Body.\n",
        )
        .file("content/people/zoe-ngata.md", "+++\nname = \"Zoe\u{308}\u{200b} Ngata\"\nrole = \"Spokesperson\"\n+++\n")
        .build()
        .ok();
    for page in ["/tags/cafe/", "/tags/pensions/", "/people/zoe-ngata/"] {
        b.page(page).has("Caf\u{e9} opens").has("Caf\u{e9} closes");
    }
    b.page("/people/zoe-ngata/").has("<h1>Zo\u{eb} Ngata</h1>").has("Spokesperson");
    b.page("/news/cafe-closes/").has("<h1>Caf\u{e9} closes</h1>");
    let pages = |under: &str| -> Vec<String> {
        b.tree()
            .into_keys()
            .filter(|p| p.starts_with(under) && p.matches('/').count() == 2 && p.ends_with("/index.html"))
            .collect()
    };
    assert_eq!(pages("tags/"), ["tags/cafe/index.html", "tags/pensions/index.html"]);
    assert_eq!(pages("people/"), ["people/zoe-ngata/index.html"]);
}

#[test]
fn a_title_keeps_no_byte_order_mark() {
    let b = TestSite::new()
        .notice("news/a.md", "title = \"\u{feff}Work conference\"\ndate = 2021-01-01", "Body.\n")
        .build()
        .ok();
    b.page("/news/work-conference/").has("<h1>Work conference</h1>").lacks("\u{feff}");
}

#[test]
fn limits_on_tags_and_names_are_settings() {
    let tags: Vec<String> = (0..60).map(|i| format!("\"tag {i}\"")).collect();
    let fm = format!("title = \"Many tags\"\ndate = 2021-01-01\ntags = [{}]", tags.join(", "));
    let err = TestSite::new().notice("news/a.md", &fm, "Body.\n").build().err();
    assert!(err.contains("content/news/a.md:4:8: `tags` has 60 entries, more than the limit of 50"), "{err}");
    assert!(err.contains("[limits] tags = 60"), "{err}");
    let b = TestSite::new().config("[limits]\ntags = 60\n").notice("news/a.md", &fm, "Body.\n").build().ok();
    b.page("/tags/tag-59/").has("Many tags");

    // The credits trailer is held to the same limits as the front matter.
    let trailer = "Text.\n\n(Li Yang) (Editor: Yang Rui, Han Ting, Chen Wei).\n";
    let site = || TestSite::new().notice("news/b.md", "title = \"B\"\ndate = 2021-01-01", trailer);
    site().build().ok().page("/people/chen-wei/").has("B");
    let err = site().config("[limits]\neditors = 2\n").build().err();
    assert!(
        err.contains(
            "content/news/b.md:7:1: the credits at the end of the notice name 3 editors, more than the limit of 2"
        ),
        "{err}"
    );
}
