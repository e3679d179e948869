//! A site in two languages: `[languages.zh-Hans]` gives Chinese notices a part of the site
//! of their own under `/zh-Hans/`, linked to the English one with `hreflang`.

use crate::harness::TestSite;

fn two_languages() -> TestSite {
    TestSite::new()
        .config("[languages.zh-Hans]\ntitle = \"测试局新闻\"\ndescription = \"测试局的新闻发布\"\n")
        .notice(
            "meetings/work-conference.md",
            "title = \"Work conference held\"\ndate = 2021-01-25\ntags = [\"Veterans\"]\nbyline = [\"Li Yang\"]",
            "The conference was held.\n",
        )
        .notice(
            "meetings/work-conference.zh-Hans.md",
            "title = \"工作会议召开\"\ndate = 2021-01-25\ntags = [\"退役军人\"]\nbyline = [\"李阳\"]",
            "会议召开。\n",
        )
        .notice("news/hotline.md", "title = \"热线开通\"\ndate = 2021-02-01\nlang = \"zh-Hans\"", "热线开通。\n")
        .file("content/meetings/_index.zh-Hans.md", "+++\ntitle = \"会议\"\n+++\n")
        .file("content/meetings/_index.md", "+++\ntitle = \"Meetings\"\n+++\n")
        .file("content/_index.zh-Hans.md", "+++\n+++\n欢迎访问。\n")
        .file("content/_index.md", "+++\n+++\nWelcome.\n")
}

const ZH_NOTICE: &str = "/zh-Hans/meetings/gong-zuo-hui-yi-zhao-kai/";
const EN_NOTICE: &str = "/meetings/work-conference-held/";

#[test]
fn each_language_has_its_own_home_page_in_its_own_words() {
    let b = two_languages().build().ok();
    b.page("/zh-Hans/")
        .has("<html lang=\"zh-Hans\">")
        .has("<title>测试局新闻</title>")
        .has("欢迎访问。")
        .has("工作会议召开")
        .has("热线开通")
        .has(">标签</a>")
        .has("href=\"/zh-Hans/meetings/\"")
        .has(">会议</a>")
        .lacks("Work conference held")
        .lacks("Welcome.");
    b.page("/")
        .has("<html lang=\"en\">")
        .has("<title>Test Bureau</title>")
        .has("Welcome.")
        .has("Work conference held")
        .has(">Tags</a>")
        .lacks("工作会议召开")
        .lacks("热线开通");
}

#[test]
fn a_notice_named_for_a_language_translates_the_notice_of_the_same_name() {
    let b = two_languages().build().ok();
    b.page(ZH_NOTICE)
        .has("<html lang=\"zh-Hans\">")
        .has(&format!("<link rel=\"alternate\" hreflang=\"en\" href=\"https://news.example.gov{EN_NOTICE}\">"))
        .has(&format!("<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://news.example.gov{ZH_NOTICE}\">"))
        .has(&format!("<a href=\"{EN_NOTICE}\" hreflang=\"en\" lang=\"en\">Work conference held</a>"))
        .has("href=\"/zh-Hans/tags/tui-yi-jun-ren/\"")
        .has("href=\"/zh-Hans/people/li-yang/\"");
    b.page(EN_NOTICE)
        .has(&format!("<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://news.example.gov{ZH_NOTICE}\">"))
        .has(&format!("<a href=\"{ZH_NOTICE}\" hreflang=\"zh-Hans\" lang=\"zh-Hans\""))
        .has("href=\"/people/li-yang/\"");
}

#[test]
fn the_language_switcher_leads_to_the_same_page_in_the_other_language() {
    let b = two_languages().build().ok();
    let nav = |path: &str| b.page(path).element("nav", "class=\"language-nav\"");
    let home = nav("/");
    assert!(home.contains("<span aria-current=\"true\" lang=\"en\">English</span>"), "{home}");
    assert!(home.contains("<a href=\"/zh-Hans/\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">简体中文</a>"), "{home}");
    let notice = nav(ZH_NOTICE);
    assert!(notice.contains(&format!("<a href=\"{EN_NOTICE}\" hreflang=\"en\" lang=\"en\">English</a>")), "{notice}");
    // A page with no counterpart leads to the other language's home page.
    let hotline = nav("/zh-Hans/news/re-xian-kai-tong/");
    assert!(hotline.contains("<a href=\"/\" hreflang=\"en\" lang=\"en\">English</a>"), "{hotline}");
    for (path, other) in [
        ("/zh-Hans/tags/", "/tags/"),
        ("/people/", "/zh-Hans/people/"),
        ("/zh-Hans/archive/", "/archive/"),
        ("/zh-Hans/meetings/", "/meetings/"),
    ] {
        b.page(path).has(&format!(
            "hreflang=\"{}\" href=\"https://news.example.gov{other}\">",
            if other.starts_with("/zh") { "zh-Hans" } else { "en" }
        ));
    }
}

#[test]
fn tags_people_archives_and_sections_are_per_language() {
    let b = two_languages().build().ok();
    b.page("/zh-Hans/tags/").has("退役军人").lacks("Veterans");
    b.page("/tags/").has("Veterans").lacks("退役军人");
    b.page("/zh-Hans/tags/tui-yi-jun-ren/").has("工作会议召开").has("<html lang=\"zh-Hans\">");
    assert!(!b.exists("/tags/tui-yi-jun-ren/"));
    b.page("/zh-Hans/people/").has("李阳").lacks("Li Yang");
    b.page("/zh-Hans/people/li-yang/").has("工作会议召开").lacks("Work conference held");
    b.page("/people/li-yang/").has("Work conference held").lacks("工作会议召开");
    b.page("/zh-Hans/archive/").has("href=\"/zh-Hans/archive/2021/\"");
    b.page("/zh-Hans/archive/2021/").has("工作会议召开").has("热线开通").lacks("Work conference held");
    b.page("/zh-Hans/meetings/").has("<h1").has("会议").has("工作会议召开").lacks("Work conference held");
    b.page("/meetings/").has("Meetings").lacks("工作会议召开");
    // The English part has no news section: its only notice in news/ is in Chinese.
    assert!(!b.exists("/news/"));
    assert!(b.exists("/zh-Hans/news/"));
}

#[test]
fn each_language_has_its_own_feeds_and_the_sitemap_lists_both() {
    let b = two_languages().build().ok();
    b.page("/zh-Hans/atom.xml")
        .has("<title type=\"text\">测试局新闻</title>")
        .has("xml:lang=\"zh-Hans\"")
        .has("工作会议召开")
        .has("热线开通")
        .lacks("Work conference held");
    b.page("/atom.xml").has("Work conference held").lacks("工作会议召开");
    b.page("/zh-Hans/rss.xml").has("<language>zh-Hans</language>").has("测试局的新闻发布");
    b.page("/zh-Hans/").has("href=\"/zh-Hans/atom.xml\"");
    b.page("/sitemap.xml")
        .has(&format!("<loc>https://news.example.gov{ZH_NOTICE}</loc>"))
        .has(&format!("<loc>https://news.example.gov{EN_NOTICE}</loc>"))
        .has("<loc>https://news.example.gov/zh-Hans/</loc>")
        .has("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"")
        .has(&format!(
            "<loc>https://news.example.gov{ZH_NOTICE}</loc>\n    <lastmod>2021-01-25T00:00:00+08:00</lastmod>\n    \
             <xhtml:link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://news.example.gov{ZH_NOTICE}\"/>\n    \
             <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://news.example.gov{EN_NOTICE}\"/>"
        ))
        .has(
            "<loc>https://news.example.gov/</loc>\n    <lastmod>2021-01-25T00:00:00+08:00</lastmod>\n    \
              <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://news.example.gov/\"/>\n    \
              <xhtml:link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://news.example.gov/zh-Hans/\"/>",
        );
    // A site in one language without translations names no alternates.
    TestSite::new()
        .notice("a.md", "title = \"A\"\ndate = 2021-01-25", "A.\n")
        .build()
        .ok()
        .page("/sitemap.xml")
        .lacks("xhtml");
}

#[test]
fn each_language_has_a_search_page_of_its_own() {
    let b = TestSite::with_search()
        .config("[languages.zh-Hans]\n")
        .notice("a.md", "title = \"Budget\"\ndate = 2021-01-25", "Budget.\n")
        .notice("a.zh-Hans.md", "title = \"预算\"\ndate = 2021-01-25", "预算。\n")
        .build()
        .ok();
    b.page("/zh-Hans/search/").has("<html lang=\"zh-Hans\">").has("<title>搜索 | Test Bureau</title>");
    b.page("/search/").has("<html lang=\"en\">");
    // Each language's part of the site has an index of its own notices.
    assert_eq!(crate::search::find(&b, "en", "budget"), ["/news/budget/"]);
    assert_eq!(crate::search::find(&b, "zh-Hans", "预算"), ["/zh-Hans/news/yu-suan/"]);
    assert!(crate::search::find(&b, "en", "预算").is_empty());
}

#[test]
fn a_language_s_name_and_its_lang_must_agree() {
    let e = TestSite::new()
        .config("[languages.zh-Hans]\n")
        .notice("a.zh-Hans.md", "title = \"预算\"\ndate = 2021-01-25\nlang = \"en\"", "预算。\n")
        .build()
        .err();
    assert!(
        e.contains("content/a.zh-Hans.md:4:8: the file's name says the notice is in `zh-Hans`, its `lang` says `en`"),
        "{e}"
    );
    assert!(e.contains("remove `lang` (the name says it), or rename the file"), "{e}");
}

#[test]
fn the_site_s_own_language_cannot_be_listed_again() {
    let e = TestSite::new().config("[languages.en]\n").build().err();
    assert!(e.contains("site.toml:6:12: `languages.en` is the site's own `language`"), "{e}");
    let e = TestSite::new().config("[languages.English]\n").build().err();
    assert!(e.contains("`languages.English`: `English` is not a language tag"), "{e}");
    let e = TestSite::new().config("[languages.zh-Hans]\ntitel = \"x\"\n").build().err();
    assert!(e.contains("site.toml:7:1: unknown key `titel`"), "{e}");
}

#[test]
fn a_section_cannot_take_the_address_of_a_language() {
    let e = TestSite::new()
        .config("[languages.zh-Hans]\n")
        .notice("zh-hans/a.md", "title = \"A\"\ndate = 2021-01-25", "A.\n")
        .build()
        .err();
    assert!(
        e.contains("content/zh-hans/a.md: the section `zh-hans` would take the URL /zh-hans/, where the site's zh-Hans pages are"),
        "{e}"
    );
}

#[test]
fn new_writes_a_translation_named_for_its_language_beside_the_original() {
    let site = two_languages().notice("news/budget.md", "title = \"Budget published\"\ndate = 2021-03-01", "Text.\n");
    let run = site.run_binary(&["new", "预算公布", "--lang", "zh-Hans", "--translation-of", "content/news/budget.md"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "content/news/budget.zh-Hans.md");
    let text = std::fs::read_to_string(site.root().join("content/news/budget.zh-Hans.md")).unwrap();
    assert!(text.contains("slug = \"yu-suan-gong-bu\"\n") && !text.contains("lang ="), "{text}");
    // Without a translation, in the section asked for; a language the site is not published
    // in goes into the front matter.
    let run = site.run_binary(&["new", "会议通知", "--lang", "zh-Hans", "--section", "meetings"]);
    assert_eq!(run.stdout.trim(), "content/meetings/hui-yi-tong-zhi.zh-Hans.md", "{}", run.stderr);
    let run = site.run_binary(&["new", "Avis", "--lang", "fr", "--translation-of", "meetings/work-conference.md"]);
    assert_eq!(run.stdout.trim(), "content/news/avis.md", "{}", run.stderr);
    let text = std::fs::read_to_string(site.root().join("content/news/avis.md")).unwrap();
    assert!(text.contains("lang = \"fr\"\ntranslation_of = \"meetings/work-conference.md\"\n"), "{text}");
    site.build_with(&["--drafts"])
        .ok()
        .page("/zh-Hans/news/yu-suan-gong-bu/")
        .has("<html lang=\"zh-Hans\">")
        .has("hreflang=\"en\" lang=\"en\">Budget published</a>");

    for (args, message) in [
        (&["new", "X", "--translation-of", "news/budget.md"][..], "--lang <TAG>"),
        (
            &["new", "X", "--lang", "zh-Hans", "--translation-of", "news/nothing.md"][..],
            "--translation-of: there is no notice content/news/nothing.md",
        ),
        (&["new", "X", "--lang", "Chinese"][..], "--lang: `Chinese` is not a language tag"),
    ] {
        let run = site.run_binary(args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_chinese_site_can_add_english_and_both_parts_stay_under_a_sub_path() {
    let b = TestSite::new()
        .config("language = \"zh-Hans\"\n[languages.en]\ntitle = \"Bureau News\"\n")
        .notice("news/budget.md", "title = \"预算公布\"\ndate = 2021-03-01\ntags = [\"预算\"]", "预算。\n")
        .notice(
            "news/budget.en.md",
            "title = \"Budget published\"\ndate = 2021-03-01\ntags = [\"budget\"]",
            "Budget.\n",
        )
        .notice(
            "news/plan.en.md",
            "title = \"Secret plan\"\ndate = 2021-03-02\npublish_at = 2099-01-01T00:00:00+08:00",
            "Not yet.\n",
        )
        .build_with(&["--base-url", "https://www.example.gov/news"])
        .ok();
    b.page("/").has("<html lang=\"zh-Hans\">").has(">标签</a>").has("预算公布").lacks("Budget published");
    b.page("/en/")
        .has("<html lang=\"en\">")
        .has("<title>Bureau News</title>")
        .has(">Tags</a>")
        .has("href=\"/news/en/news/budget-published/\"")
        .has("<a href=\"/news/\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">简体中文</a>")
        .lacks("Secret plan");
    b.page("/en/news/budget-published/")
        .has(
            "<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://www.example.gov/news/news/yu-suan-gong-bu/\">",
        )
        .has("href=\"/news/en/tags/budget/\"");
    b.page("/en/atom.xml")
        .has("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://www.example.gov/news/en/atom.xml\"/>");
    // The notice under embargo is nowhere yet, in either part.
    for (path, bytes) in b.tree() {
        assert!(!String::from_utf8_lossy(&bytes).contains("Secret plan"), "{path}");
    }
}
