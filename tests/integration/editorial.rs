//! The rules of an official newsroom: embargoes, expiry, withdrawal, corrections,
//! attachments, translations and people's own pages. Every build here sets `--now`.

use crate::harness::{Built, TestSite};

/// Every output file that mentions `needle`, as text.
fn files_mentioning(b: &Built, needle: &str) -> Vec<String> {
    b.tree()
        .into_iter()
        // The output folder's manifest lists every file, withdrawn notices' own pages included.
        .filter(|(rel, bytes)| rel != ".gazette-output" && String::from_utf8_lossy(bytes).contains(needle))
        .map(|(rel, _)| rel)
        .collect()
}

fn embargo_site() -> TestSite {
    TestSite::new()
        .notice("news/open.md", "title = \"Open notice\"\ndate = 2025-12-20\ntags = [\"budget\"]", "Already public.\n")
        .notice(
            "news/budget.md",
            "title = \"Budget Zanzibar announced\"\ndate = 2026-01-01\npublish_at = 2026-01-01T09:00:00+08:00\n\
             byline = \"Embargo Person\"\ntags = [\"quasar-tag\"]\n\n[[attachments]]\npath = \"budget-table.csv\"\ntitle = \"Table\"",
            "The budget is Zanzibar.\n",
        )
        .file("content/news/budget-table.csv", "a,b\n1,2\n")
}

#[test]
fn an_embargoed_notice_is_in_no_output_file_before_its_time() {
    let site = embargo_site();
    let b = site.build_with(&["--now", "2026-01-01T08:59:59+08:00"]).ok();
    for needle in ["Zanzibar", "budget-announced", "Embargo Person", "embargo-person", "quasar-tag", "budget-table"] {
        assert_eq!(files_mentioning(&b, needle), Vec::<String>::new(), "{needle} leaked");
    }
    assert!(!b.exists("news/budget-zanzibar-announced"));
    b.page("/").has("Open notice");

    let run = site.run_binary(&["build", "--now", "2026-01-01T08:00:00+08:00"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("Held back by embargo (1 notice")
            && run.stdout.contains("content/news/budget.md goes live at 2026-01-01 09:00 +08:00"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_embargoed_notice_appears_everywhere_at_its_time() {
    let b = embargo_site().build_with(&["--now", "2026-01-01T09:00:00+08:00"]).ok();
    let page = b.page("/news/budget-zanzibar-announced/");
    page.has("The budget is Zanzibar.").lacks("Scheduled");
    b.page("/").has("Budget Zanzibar announced");
    b.page("/tags/quasar-tag/").has("Budget Zanzibar announced");
    b.page("/people/embargo-person/").has("Budget Zanzibar announced");
    for feed in ["atom.xml", "rss.xml", "tags/quasar-tag/atom.xml", "sitemap.xml", "news-sitemap.xml"] {
        assert!(files_mentioning(&b, "budget-zanzibar-announced").contains(&feed.to_owned()), "not in {feed}");
    }
    assert!(b.exists("news/budget-zanzibar-announced/budget-table.csv"));
}

#[test]
fn a_preview_with_drafts_shows_an_embargoed_notice_marked() {
    let b = embargo_site().build_with(&["--now", "2025-12-31T00:00:00+08:00", "--drafts"]).ok();
    b.page("/news/budget-zanzibar-announced/")
        .has("<span class=\"badge\">Scheduled</span>")
        .has("Goes live <time datetime=\"2026-01-01T09:00:00+08:00\">1 January 2026, 09:00</time>");
    b.page("/").has("Budget Zanzibar announced");
}

#[test]
fn the_search_index_leaves_out_embargoed_withdrawn_and_expired_notices() {
    let site = TestSite::with_search()
        .notice("news/open.md", "title = \"Open\"\ndate = 2025-12-20", "Visible lighthouse.\n")
        .notice(
            "news/held.md",
            "title = \"Held\"\ndate = 2025-12-21\npublish_at = 2027-01-01T00:00:00Z",
            "Secret zanzibar.\n",
        )
        .notice(
            "news/gone.md",
            "title = \"Gone\"\ndate = 2025-12-22\nwithdrawn = { date = 2025-12-23, reason = \"Wrong.\" }",
            "Withdrawn quokka.\n",
        )
        .notice("news/old.md", "title = \"Old\"\ndate = 2025-12-01\nexpires = 2025-12-10", "Expired narwhal.\n");
    let b = site.build_with(&["--now", "2026-01-01T00:00:00Z"]).ok();
    let words = crate::search::words(&b, "en");
    assert!(words.contains(&"lighthouse".to_owned()), "{words:?}");
    for secret in ["zanzibar", "quokka", "narwhal"] {
        assert!(!words.iter().any(|w| w.starts_with(secret)), "{secret} was indexed: {words:?}");
    }
}

#[test]
fn an_embargo_needs_a_zone_and_expiry_follows_publication() {
    let e = TestSite::new()
        .notice("news/a.md", "title = \"A\"\ndate = 2026-01-01\npublish_at = 2026-01-01T09:00:00", "Text.\n")
        .build()
        .err();
    assert!(e.contains("content/news/a.md:4:14: `publish_at = 2026-01-01T09:00:00` has no time zone offset"), "{e}");
    assert!(e.contains("publish_at = 2026-01-01T09:00:00+08:00"), "{e}");

    let e = TestSite::new()
        .notice("news/a.md", "title = \"A\"\ndate = 2026-01-05\nexpires = 2026-01-01", "Text.\n")
        .build()
        .err();
    assert!(e.contains("content/news/a.md:4:11: `expires` is not after the notice's publication"), "{e}");
}

fn unlisted_site() -> TestSite {
    TestSite::new()
        .notice("news/open.md", "title = \"Open\"\ndate = 2025-12-20\ntags = [\"rates\"]", "Open.\n")
        .notice(
            "news/offer.md",
            "title = \"Seasonal offer\"\ndate = 2025-11-01\nexpires = 2025-12-01T00:00:00+08:00\ntags = [\"rates\"]\n\
             byline = \"Li Yang\"",
            "An offer.\n",
        )
        .notice(
            "news/wrong.md",
            "title = \"Wrong figures\"\ndate = 2025-11-02\ntags = [\"rates\"]\n\
             withdrawn = { date = 2025-11-03, reason = \"The figures were wrong; see notice No. 12.\" }",
            "Figures.\n",
        )
}

#[test]
fn expired_and_withdrawn_notices_keep_their_pages_but_leave_every_listing() {
    let b = unlisted_site().build_with(&["--now", "2026-01-01T00:00:00+08:00"]).ok();
    b.page("/news/seasonal-offer/")
        .has("<div class=\"notice-status expired\" role=\"note\">")
        .has("Expired: <time datetime=\"2025-12-01T00:00:00+08:00\">1 December 2025</time>")
        .has("<meta name=\"robots\" content=\"noindex\">");
    b.page("/news/wrong-figures/")
        .has("<div class=\"notice-status withdrawn\" role=\"note\">")
        .has("Withdrawn: <time datetime=\"2025-11-03T00:00:00+08:00\">3 November 2025</time>")
        .has("Reason: The figures were wrong; see notice No. 12.");
    for slug in ["seasonal-offer", "wrong-figures"] {
        let mut found = files_mentioning(&b, slug);
        found.retain(|f| !f.starts_with(&format!("news/{slug}/")));
        assert_eq!(found, Vec::<String>::new(), "{slug} is still listed");
    }
    b.page("/tags/rates/").has("Open");
    // The author of an expired notice keeps a page, since the notice's page links it.
    b.page("/people/li-yang/").has("Li Yang").lacks("Seasonal offer");
}

#[test]
fn before_expiry_a_notice_is_listed_with_its_expiry() {
    let b = unlisted_site().build_with(&["--now", "2025-11-02T12:00:00+08:00"]).ok();
    b.page("/").has("Seasonal offer");
    b.page("/news/seasonal-offer/")
        .lacks("notice-status")
        .has("<dt>Expires</dt><dd><time datetime=\"2025-12-01T00:00:00+08:00\">1 December 2025</time></dd>");
}

#[test]
fn corrections_are_logged_and_only_real_ones_move_the_updated_time() {
    let b = TestSite::new()
        .notice(
            "news/a.md",
            "title = \"Rates\"\ndate = 2021-03-01\n\n[[corrections]]\ndate = 2021-03-03\nnote = \"The rate is 4%, not 5%.\"\n\n\
             [[corrections]]\ndate = 2021-03-05\nnote = \"A typo in the title.\"\nminor = true",
            "Rates.\n",
        )
        .build_with(&["--now", "2022-01-01T00:00:00Z"])
        .ok();
    let page = b.page("/news/rates/");
    page.in_order(&[
        "<h2 id=\"corrections-title\">Corrections and updates</h2>",
        "<time datetime=\"2021-03-03T00:00:00+08:00\">Correction, 3 March 2021</time>: The rate is 4%, not 5%.",
        "<li class=\"minor\"><time datetime=\"2021-03-05T00:00:00+08:00\">Minor correction, 5 March 2021</time>: A typo",
    ]);
    page.has("<meta property=\"article:modified_time\" content=\"2021-03-03T00:00:00+08:00\">")
        .has("\"dateModified\":\"2021-03-03T00:00:00+08:00\"");
    let atom = std::fs::read_to_string(b.output.join("atom.xml")).unwrap();
    assert!(atom.contains("<updated>2021-03-03T00:00:00+08:00</updated>"), "{atom}");
    let sitemap = std::fs::read_to_string(b.output.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<lastmod>2021-03-03T00:00:00+08:00</lastmod>"), "{sitemap}");
}

#[test]
fn a_correction_without_a_note_or_before_the_notice_is_reported_where_it_is() {
    let e = TestSite::new()
        .notice(
            "news/a.md",
            "title = \"A\"\ndate = 2021-03-01\n\n[[corrections]]\ndate = 2021-02-01\nnote = \"x\"\n\n[[corrections]]\ndate = 2021-03-02",
            "Text.\n",
        )
        .build()
        .err();
    assert!(e.contains("content/news/a.md:6:8: correction 1 is dated before the notice itself"), "{e}");
    assert!(e.contains("content/news/a.md:9:1: correction 2 has no `note` saying what was corrected"), "{e}");
}

#[test]
fn attachments_are_copied_beside_the_page_with_their_type_and_size() {
    let site = TestSite::new().notice(
        "meetings/rules.md",
        "title = \"New rules\"\ndate = 2021-03-01\n\n[[attachments]]\npath = \"rules.pdf\"\ntitle = \"Full text\"\n\n\
         [[attachments]]\npath = \"data/figures.xlsx\"\ntitle = \"Figures\"",
        "Rules.\n",
    );
    site.write_bytes("content/meetings/rules.pdf", &vec![b'%'; 1_234_567]);
    site.write_bytes("content/meetings/data/figures.xlsx", &[0u8; 34_400]);
    let b = site.build().ok();
    assert_eq!(std::fs::read(b.output.join("meetings/new-rules/rules.pdf")).unwrap().len(), 1_234_567);
    assert!(b.exists("meetings/new-rules/data/figures.xlsx"));
    b.page("/meetings/new-rules/")
        .has("<li><a href=\"/meetings/new-rules/rules.pdf\">Full text</a> <span class=\"file-info\">(PDF, 1.2 MB)</span></li>")
        .has("<a href=\"/meetings/new-rules/data/figures.xlsx\">Figures</a> <span class=\"file-info\">(Excel, 34 KB)</span>");
}

#[test]
fn a_missing_or_escaping_attachment_is_an_error() {
    let e = TestSite::new()
        .notice(
            "meetings/rules.md",
            "title = \"New rules\"\ndate = 2021-03-01\n\n[[attachments]]\npath = \"rules.pdf\"\ntitle = \"Full text\"\n\n\
             [[attachments]]\npath = \"../../site.toml\"\ntitle = \"Config\"",
            "Rules.\n",
        )
        .build()
        .err();
    assert!(e.contains("content/meetings/rules.md:6:8: the attachment `rules.pdf` is missing"), "{e}");
    assert!(e.contains("put the file in content/meetings"), "{e}");
    assert!(
        e.contains("content/meetings/rules.md:10:8: the attachment path `../../site.toml` leaves the notice's folder"),
        "{e}"
    );
}

fn translated_site() -> TestSite {
    TestSite::new()
        .notice(
            "meetings/conference.md",
            "title = \"退役军人事务工作会议召开\"\ndate = 2021-01-25\nlang = \"zh-Hans\"",
            "会议召开。\n",
        )
        .notice(
            "meetings/conference-en.md",
            "title = \"Work conference held\"\ndate = 2021-01-25\ntranslation_of = \"meetings/conference.md\"",
            "The conference was held.\n",
        )
}

#[test]
fn a_translation_and_its_original_link_each_other_with_hreflang() {
    let b = translated_site().build().ok();
    let original = "/meetings/tui-yi-jun-ren-shi-wu-gong-zuo-hui-yi-zhao-kai/";
    b.page("/meetings/work-conference-held/")
        .has(&format!(
            "Translation of: <a href=\"{original}\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">退役军人事务工作会议召开</a> <span class=\"language\">(简体中文)</span>"
        ))
        .has(&format!("<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://news.example.gov{original}\">"))
        .has("<link rel=\"alternate\" hreflang=\"en\" href=\"https://news.example.gov/meetings/work-conference-held/\">");
    b.page(original)
        .has("<a href=\"/meetings/work-conference-held/\" hreflang=\"en\" lang=\"en\" title=\"Work conference held\">English</a>")
        .has("<link rel=\"alternate\" hreflang=\"en\" href=\"https://news.example.gov/meetings/work-conference-held/\">");
}

#[test]
fn a_translation_of_a_missing_notice_is_an_error_with_a_suggestion() {
    let e = translated_site()
        .notice(
            "meetings/other.md",
            "title = \"Other\"\ndate = 2021-01-26\ntranslation_of = \"meetings/conferense.md\"",
            "x\n",
        )
        .build()
        .err();
    assert!(
        e.contains("content/meetings/other.md:4:18: `translation_of`: there is no notice meetings/conferense.md"),
        "{e}"
    );
    assert!(e.contains("did you mean \"meetings/conference.md\"?"), "{e}");
}

#[test]
fn a_persons_file_gives_their_page_a_role_and_biography() {
    let b = TestSite::new()
        .notice(
            "news/a.md",
            "title = \"A\"\ndate = 2021-01-25\nbyline = \"Li Yang\"\neditors = [\"Han Ting\"]",
            "Text.\n",
        )
        .file(
            "content/people/li-yang.md",
            "+++\nname = \"Li Yang\"\nrole = \"Senior correspondent\"\n+++\nCovers **veterans' affairs**.\n",
        )
        .build()
        .ok();
    b.page("/people/li-yang/")
        .has("<p class=\"role\">Senior correspondent</p>")
        .has("<div class=\"bio\">\n<p>Covers <strong>veterans’ affairs</strong>.</p>");
    // Han Ting has no file and still gets a page.
    b.page("/people/han-ting/").has("<h1>Han Ting</h1>").lacks("class=\"role\"");
    assert!(!b.exists("people/index.html") || !b.page("/people/").html.contains("/people/people/"));
}

#[test]
fn a_persons_file_without_a_name_is_an_error() {
    let e = TestSite::new().file("content/people/li-yang.md", "+++\nrole = \"Correspondent\"\n+++\n").build().err();
    assert!(e.contains("content/people/li-yang.md:1:1: missing field `name`"), "{e}");
}
