//! Every page type the site writes, on small fixture sites.

use crate::harness::TestSite;

/// Three notices in two sections with shared tags and credits.
fn small_site() -> TestSite {
    TestSite::new()
        .notice(
            "meetings/work-conference.md",
            "title = \"Work conference held\"\ndate = 2021-01-25\nlocation = \"Urumqi\"\nreference = \"RVAB [2021] No. 3\"\ntags = [\"Veterans\", \"Conferences\"]\nbyline = \"Li Yang\"\neditors = [\"Yang Rui\", \"Han Ting\"]",
            "The conference was held on Monday. It set the year's priorities.\n\n## Priorities\n\nText.\n",
        )
        .notice(
            "meetings/training.md",
            "title = \"Training seminar opens\"\ndate = \"2022-03-05 10:00\"\ntags = [\"veterans\", \"training\"]\nbyline = [\"Chen Wei\"]\neditors = [\"Li Yang\"]",
            "A seminar for caseworkers opened.\n",
        )
        .notice(
            "announcements/office-hours.md",
            "title = \"Office hours during the holiday\"\ndate = 2024-02-01T09:00:00+08:00\nupdated = 2024-02-03\ntags = [\"office hours\"]",
            "The service hall keeps shorter hours.\n",
        )
        .file("content/meetings/_index.md", "+++\ntitle = \"Meetings and conferences\"\ndescription = \"Reports from meetings.\"\norder = 1\n+++\nWhat the bureau discussed.\n")
}

#[test]
fn home_lists_notices_newest_first() {
    let b = small_site().build().ok();
    b.page("/")
        .has("<html lang=\"en\">")
        .has("<title>Test Bureau</title>")
        .in_order(&["Office hours during the holiday", "Training seminar opens", "Work conference held"])
        .has("href=\"/announcements/office-hours-during-the-holiday/\"")
        .lacks("class=\"pagination\"");
}

#[test]
fn notice_page_shows_everything_a_reader_needs() {
    let b = small_site().build().ok();
    let p = b.page("/meetings/work-conference-held/");
    p.has("<title>Work conference held | Test Bureau</title>")
        .has("<h1>Work conference held</h1>")
        .has("Urumqi, 25 January 2021")
        .has("<time datetime=\"2021-01-25T00:00:00+08:00\">")
        .has("By <a href=\"/people/li-yang/\">Li Yang</a>")
        .has("Editors: <a href=\"/people/yang-rui/\">Yang Rui</a>, <a href=\"/people/han-ting/\">Han Ting</a>")
        .has("<dd class=\"reference\">RVAB [2021] No. 3</dd>")
        .has("1 min read")
        .has("<h2 id=\"priorities\">Priorities</h2>")
        .has("<a href=\"/tags/veterans/\" rel=\"tag\">Veterans</a>")
        .has("<a href=\"/meetings/\">Meetings and conferences</a>")
        .has("<meta name=\"description\" content=\"The conference was held on Monday. It set the year’s priorities.\">")
        .has("<link rel=\"canonical\" href=\"https://news.example.gov/meetings/work-conference-held/\">");
    // Previous/next stay within the section: the newer meetings notice, no older one.
    p.has("<li class=\"newer\"><span class=\"label\">Next</span> <a href=\"/meetings/training-seminar-opens/\" rel=\"next\">")
        .lacks("class=\"older\"");
    b.page("/meetings/training-seminar-opens/")
        .has("<a href=\"/meetings/work-conference-held/\" rel=\"prev\">Work conference held</a>")
        .has("Editor: <a href=\"/people/li-yang/\">Li Yang</a>");
    b.page("/announcements/office-hours-during-the-holiday/")
        .has("<dt>Updated</dt><dd><time datetime=\"2024-02-03T00:00:00+08:00\">3 February 2024</time></dd>");
}

#[test]
fn table_of_contents_only_for_long_notices() {
    let b = TestSite::new()
        .notice("news/long.md", "title = \"Long\"\ndate = 2021-01-01", "## One\n\n### One A\n\n## Two\n\n## Three\n")
        .notice("news/short.md", "title = \"Short\"\ndate = 2021-01-02", "## Only\n")
        .build()
        .ok();
    let toc = b.page("/news/long/").element("nav", "class=\"toc\"");
    assert!(toc.contains("<a href=\"#one\">One</a><ol>"), "{toc}");
    assert!(toc.contains("<a href=\"#one-a\">One A</a>"), "{toc}");
    b.page("/news/short/").lacks("class=\"toc\"");
}

#[test]
fn section_page_with_title_description_and_intro() {
    let b = small_site().build().ok();
    b.page("/meetings/")
        .has("<h1>Meetings and conferences</h1>")
        .has("<p class=\"lead\">Reports from meetings.</p>")
        .has("<p>What the bureau discussed.</p>")
        .in_order(&["Training seminar opens", "Work conference held"])
        .lacks("Office hours");
    // A section without _index.md is titled after its folder.
    b.page("/announcements/").has("<h1>Announcements</h1>");
    // Navigation follows `order`, then title.
    b.page("/").in_order(&["href=\"/meetings/\"", "href=\"/announcements/\""]);
}

#[test]
fn tag_index_counts_and_sorts_tags_and_ignores_case() {
    let b = small_site().build().ok();
    let index = b.page("/tags/");
    index.in_order(&[
        "<a href=\"/tags/conferences/\">Conferences</a> <span class=\"count\">1 notice</span>",
        "<a href=\"/tags/office-hours/\">office hours</a> <span class=\"count\">1 notice</span>",
        "<a href=\"/tags/training/\">training</a>",
        "<a href=\"/tags/veterans/\">Veterans</a> <span class=\"count\">2 notices</span>",
    ]);
    assert_eq!(index.count("href=\"/tags/veterans/\""), 1);
    b.page("/tags/veterans/").has("<h1>").has("Veterans").in_order(&["Training seminar opens", "Work conference held"]);
}

#[test]
fn people_pages_separate_written_and_edited() {
    let b = small_site().build().ok();
    b.page("/people/").in_order(&["Chen Wei", "Han Ting", "Li Yang", "Yang Rui"]);
    let li = b.page("/people/li-yang/");
    li.has("<h1>Li Yang</h1>");
    let written = li.element("section", "aria-labelledby=\"written\"");
    let edited = li.element("section", "aria-labelledby=\"edited\"");
    assert!(written.contains("Work conference held") && !written.contains("Training"), "{written}");
    assert!(edited.contains("Training seminar opens") && !edited.contains("Work conference"), "{edited}");
    b.page("/people/han-ting/").lacks("aria-labelledby=\"written\"");
}

#[test]
fn a_busy_person_gets_paginated_lists() {
    let mut site = TestSite::new().config("paginate = 2\n");
    for day in 1..=5 {
        site = site.notice(
            &format!("news/n{day}.md"),
            &format!("title = \"Notice {day}\"\ndate = 2021-03-0{day}\nbyline = \"Li Yang\"\neditors = [\"Han Ting\"]"),
            "Body.\n",
        );
    }
    let b = site.notice("news/x.md", "title = \"Extra\"\ndate = 2021-04-01\neditors = [\"Li Yang\"]", "").build().ok();
    let li = b.page("/people/li-yang/");
    let written = li.element("section", "aria-labelledby=\"written\"");
    assert!(written.contains("Notice 5") && written.contains("Notice 4") && !written.contains("Notice 3"), "{written}");
    assert!(written.contains("<a href=\"/people/li-yang/written/\">All notices written (5)</a>"), "{written}");
    // One edited notice fits: no list of all of them.
    assert!(!li.html.contains("/people/li-yang/edited/"));
    assert!(!b.exists("people/li-yang/edited/index.html"));
    b.page("/people/li-yang/written/").has("<h1>Notices written").has("5 notices").has("Notice 5").lacks("Notice 3");
    b.page("/people/li-yang/written/page/3/").has("Notice 1").has("Page 3 of 3");
}

#[test]
fn long_listings_link_a_window_of_pages() {
    let mut site = TestSite::new().config("paginate = 1\n");
    for day in 1..=20 {
        site =
            site.notice(&format!("news/n{day}.md"), &format!("title = \"Notice {day}\"\ndate = 2021-03-{day:02}"), "");
    }
    let b = site.build().ok();
    let nav = b.page("/page/10/").element("nav", "class=\"pagination\"");
    assert_eq!(nav.matches("<li class=\"gap\" aria-hidden=\"true\">…</li>").count(), 2, "{nav}");
    for n in ["1", "8", "9", "10", "11", "12", "20"] {
        assert!(nav.contains(&format!(">{n}</a>")), "page {n} missing: {nav}");
    }
    assert!(!nav.contains(">7</a>") && !nav.contains(">13</a>"), "{nav}");
}

#[test]
fn names_are_shown_as_most_notices_write_them() {
    let b = TestSite::new()
        .notice("a/1.md", "title = \"One\"\ndate = 2021-01-01\nbyline = \"li yang\"", "")
        .notice("a/2.md", "title = \"Two\"\ndate = 2021-01-02\neditors = [\"Li Yang\"]", "")
        .notice("a/3.md", "title = \"Three\"\ndate = 2021-01-03\neditors = [\" Li  Yang \"]", "")
        .build()
        .ok();
    let p = b.page("/people/li-yang/");
    p.has("<h1>Li Yang</h1>");
    assert_eq!(p.element("section", "aria-labelledby=\"edited\"").matches("<li>").count(), 2);
    assert_eq!(p.element("section", "aria-labelledby=\"written\"").matches("<li>").count(), 1);
}

#[test]
fn archive_by_year_and_month() {
    let b = small_site().build().ok();
    b.page("/archive/").in_order(&[
        "<a href=\"/archive/2024/\">2024</a>",
        "February 2024",
        "<a href=\"/archive/2022/\">2022</a>",
        "<a href=\"/archive/2021/\">2021</a>",
        "January 2021",
    ]);
    b.page("/archive/2021/").has("<h2 id=\"m1\">January 2021</h2>").has("Work conference held").lacks("Training");
}

#[test]
fn listings_paginate_with_one_scheme() {
    let mut site = TestSite::new().config("paginate = 2\n");
    for day in 1..=5 {
        site = site.notice(
            &format!("news/n{day}.md"),
            &format!("title = \"Notice {day}\"\ndate = 2021-03-0{day}\ntags = [\"t\"]"),
            "Body.\n",
        );
    }
    let b = site.build().ok();
    b.page("/").has("Notice 5").has("Notice 4").lacks("Notice 3").has("href=\"/page/2/\" rel=\"next\"");
    b.page("/page/2/").has("Notice 3").has("Notice 2").has("Page 2 of 3").has("href=\"/\" rel=\"prev\"");
    b.page("/page/3/").has("Notice 1").lacks("rel=\"next\"");
    assert!(!b.exists("page/4/index.html"));
    b.page("/news/page/3/").has("Notice 1");
    b.page("/tags/t/page/2/").has("Notice 3");
}

#[test]
fn not_found_page_and_static_files() {
    let b =
        small_site().file("static/robots.txt", "User-agent: *\n").file("static/style.css", "/* site */").build().ok();
    b.page("/404.html").has("<h1>Page not found</h1>").has("href=\"/style.css\"");
    assert_eq!(std::fs::read_to_string(b.output.join("robots.txt")).unwrap(), "User-agent: *\n");
    // The site's static file overrides the theme's; the theme's other files are still copied.
    assert_eq!(std::fs::read_to_string(b.output.join("style.css")).unwrap(), "/* site */");
    assert!(b.exists("favicon.svg"));
}

#[test]
fn empty_site_still_builds_every_index() {
    let b = TestSite::new().build().ok();
    b.page("/").has("There are no notices here yet.");
    b.page("/tags/").has("<h1>Tags</h1>");
    b.page("/people/");
    b.page("/archive/");
}

#[test]
fn chinese_site_writes_dates_and_words_in_chinese() {
    let b = TestSite::new()
        .config("language = \"zh-Hans\"\n")
        .notice(
            "meetings/zuotanhui.md",
            "title = \"自治区召开退役军人工作座谈会\"\ndate = 2022-06-14\nlocation = \"乌鲁木齐\"\nreference = \"新退役〔2022〕5号\"",
            "会议强调，要做好退役军人工作。会议要求，各地要抓好落实。\n\n（记者 李阳）（责任编辑：杨睿、韩婷）\n",
        )
        .build()
        .ok();
    b.page("/meetings/zi-zhi-qu-zhao-kai-tui-yi-jun-ren-gong-zuo-zuo-tan-hui/")
        .has("<html lang=\"zh-Hans\">")
        .has("乌鲁木齐，2022年6月14日")
        .has("记者 <a href=\"/people/li-yang/\">李阳</a>")
        .has("责任编辑：<a href=\"/people/yang-rui/\">杨睿</a>, <a href=\"/people/han-ting/\">韩婷</a>")
        .has("<dt>文号</dt><dd class=\"reference\">新退役〔2022〕5号</dd>")
        .has("阅读约 1 分钟")
        .lacks("（记者");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new()
        .notice("news/public.md", "title = \"Public\"\ndate = 2021-01-01\ntags = [\"shared\"]", "Body.\n")
        .notice("news/draft.md", "title = \"Secret draft\"\ndate = 2021-02-01\ndraft = true\ntags = [\"secret\"]\nbyline = \"Hidden Person\"", "Body.\n");
    let b = site.build().ok();
    for (_, bytes) in b.tree() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Secret draft") && !text.contains("Hidden Person"), "a draft leaked");
    }
    assert!(!b.exists("tags/secret/index.html") && !b.exists("news/secret-draft/index.html"));
    let b = site.build_with(&["--drafts"]).ok();
    b.page("/news/secret-draft/").has("<span class=\"badge\">Draft</span>");
    b.page("/tags/secret/");
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let b = TestSite::new()
        .config("")
        .notice("news/a.md", "title = \"A\"\ndate = 2021-01-01\ntags = [\"x\"]", "Body.\n")
        .build_with(&["--base-url", "https://example.gov/bureau/"])
        .ok();
    b.page("/news/a/")
        .has("href=\"/bureau/style.css\"")
        .has("href=\"/bureau/tags/x/\"")
        .has("<link rel=\"canonical\" href=\"https://example.gov/bureau/news/a/\">");
    b.page("/").has("href=\"/bureau/news/a/\"");
}

#[test]
fn under_a_sub_path_no_link_escapes_it() {
    let site = TestSite::with_search()
        .notice(
            "meetings/a.md",
            "title = \"Work conference\"\ndate = 2021-01-02\ntags = [\"veterans\"]\nbyline = \"Li Yang\"\naliases = [\"/old/conference/\"]\n[[attachments]]\npath = \"rules.csv\"\ntitle = \"Rules\"",
            // (A link an author writes from the root, `/x/`, is theirs: `gazette check` reports
            // one that leaves the base path.)
            "See [the rules](@/meetings/b.md#details) and [the tag](../../tags/veterans/).\n",
        )
        .notice("meetings/b.md", "title = \"Rules\"\ndate = 2021-01-01", "Intro.\n\n## Details\n\nMore.\n")
        .file("content/meetings/rules.csv", "a,b\n");
    let b = site.build_with(&["--base-url", "https://example.gov/bureau/"]).ok();
    let mut checked = 0;
    for (file, bytes) in b.tree() {
        let Ok(text) = String::from_utf8(bytes) else { continue };
        if !(file.ends_with(".html") || file.ends_with(".xml") || file.ends_with(".json") || file.ends_with(".txt")) {
            continue;
        }
        // Site paths in attributes, and full URLs of the site, in every page, feed and sitemap.
        for attr in ["href=\"", "src=\"", "action=\"", "url="] {
            for part in text.split(attr).skip(1) {
                let url = part.split(['"', '\'', ' ', '>']).next().unwrap_or("");
                if url.starts_with('/') && !url.starts_with("//") {
                    assert!(url.starts_with("/bureau/"), "{file}: {attr}{url} leaves /bureau/");
                    checked += 1;
                }
            }
        }
        for part in text.split("https://example.gov").skip(1) {
            assert!(
                part.starts_with("/bureau/"),
                "{file}: https://example.gov{} leaves /bureau/",
                &part[..part.len().min(40)]
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    b.page("/meetings/work-conference/")
        .has("href=\"/bureau/meetings/rules/#details\"")
        .has("href=\"/bureau/meetings/work-conference/rules.csv\"");
}
