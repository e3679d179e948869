//! `gazette new`, `gazette import` and `gazette check`, run as the real binary.

use crate::harness::TestSite;

const SAMPLE: &str = include_str!("../fixtures/sample-notice.txt");

#[test]
fn new_writes_a_draft_that_builds_and_never_overwrites() {
    let site = TestSite::new();
    let args = [
        "new",
        "Budget: what's \"new\"",
        "--section",
        "Press releases",
        "--tags",
        "budget,finance",
        "--byline",
        "Li Yang",
        "--editor",
        "Yang Rui",
        "--editor",
        "Han Ting",
    ];
    let run = site.run_binary(&args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "content/press-releases/budget-what-s-new.md");
    let text = std::fs::read_to_string(site.root().join("content/press-releases/budget-what-s-new.md")).unwrap();
    assert!(text.starts_with("+++\ntitle = \"Budget: what's \\\"new\\\"\"\ndate = "), "{text}");
    // The date is now, in the site's time zone.
    assert!(text.contains("+08:00\nslug = \"budget-what-s-new\"\n"), "{text}");
    assert!(text.contains(
        "byline = [\"Li Yang\"]\neditors = [\"Yang Rui\", \"Han Ting\"]\ntags = [\"budget\", \"finance\"]\ndraft = true\n+++\n"
    ));

    // A draft: left out of a build, built with --drafts, with its credits.
    site.build().ok().page("/").lacks("Budget");
    site.build_with(&["--drafts"])
        .ok()
        .page("/press-releases/budget-what-s-new/")
        .has("Budget: what&#39;s &quot;new&quot;")
        .has("<a href=\"/people/han-ting/\">Han Ting</a>");

    std::fs::write(site.root().join("content/press-releases/budget-what-s-new.md"), "edited").unwrap();
    let again = site.run_binary(&args);
    assert_eq!(again.code, Some(1));
    assert!(
        again.stderr.contains("content/press-releases/budget-what-s-new.md: a notice already exists here"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/press-releases/budget-what-s-new.md")).unwrap(),
        "edited"
    );

    let bad = site.run_binary(&["new", "Title", "--section", "tags"]);
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("--section: `tags` is used by the site's own pages"), "{}", bad.stderr);
}

#[test]
fn import_turns_the_sample_notice_into_a_notice_with_its_credits() {
    let site = TestSite::new().file("wire/sample.txt", SAMPLE).file("wire/empty.txt", "\n\n");
    let run = site.run_binary(&[
        "import",
        "wire/sample.txt",
        "wire/empty.txt",
        "--section",
        "meetings",
        "--date",
        "2021-01-25",
        "--tags",
        "veterans",
    ]);
    // The empty file is reported; the sample is still imported.
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("wire/empty.txt: the file is empty"), "{}", run.stderr);
    assert!(run.stderr.contains("1 of 2 files could not be imported"), "{}", run.stderr);
    let target = "content/meetings/promote-the-high-quality-development-of-new-era-retired-military-work.md";
    assert!(
        run.stdout.contains(&format!("wire/sample.txt → {target} (by Li Yang; editors Yang Rui, Han Ting)")),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(site.root().join(target)).unwrap();
    assert!(text.contains("original_title = \"Promoting the high quality development of the new era"), "{text}");
    assert!(text.contains(
        "date = 2021-01-25\nbyline = [\"Li Yang\"]\neditors = [\"Yang Rui\", \"Han Ting\"]\ntags = [\"veterans\"]\n+++"
    ));
    assert!(!text.contains("(Editor:"), "the trailer stayed in the body");

    let b = site.build().ok();
    b.page("/meetings/promote-the-high-quality-development-of-new-era-retired-military-work/")
        .has("<a href=\"/people/li-yang/\">Li Yang</a>")
        .has("<a href=\"/people/yang-rui/\">Yang Rui</a>, <a href=\"/people/han-ting/\">Han Ting</a>")
        .has("Original title: <span lang=\"en\">Promoting the high quality")
        .has("<p>It is necessary to do a good job in retired military work")
        .lacks("(Li Yang)");

    // Never overwrites without --force.
    std::fs::write(site.root().join(target), "hand edits").unwrap();
    let again = site.run_binary(&["import", "wire/sample.txt", "--section", "meetings"]);
    assert_eq!(again.code, Some(1));
    assert!(
        again.stderr.contains("a notice already exists here") && again.stderr.contains("pass --force to replace it")
    );
    assert_eq!(std::fs::read_to_string(site.root().join(target)).unwrap(), "hand edits");
    let forced = site.run_binary(&["import", "wire/sample.txt", "--section", "meetings", "--force"]);
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert!(std::fs::read_to_string(site.root().join(target)).unwrap().contains("byline = [\"Li Yang\"]"));

    let bad_date = site.run_binary(&["import", "wire/sample.txt", "--date", "2021-02-30"]);
    assert_eq!(bad_date.code, Some(2));
    assert!(
        bad_date.stderr.contains("--date: `2021-02-30` is not a date: February 2021 has 28 days"),
        "{}",
        bad_date.stderr
    );
}

fn problem_site() -> TestSite {
    TestSite::new()
        .config("reference_pattern = 'BN \\[\\d{4}\\] No\\. \\d+'\nallowed_tags = [\"veterans\", \"employment\"]\n")
        .notice(
            "meetings/target.md",
            "title = \"Target\"\ndate = 2021-01-20\nreference = \"BN [2021] No. 7\"\ntags = [\"veterans\"]\n\n\
             [[attachments]]\npath = \"plan.pdf\"\ntitle = \"Plan\"",
            "## Key points\n\nText.\n",
        )
        .file("content/meetings/plan.pdf", "%PDF")
        .notice(
            "meetings/links.md",
            "title = \"Links\"\ndate = 2021-01-25\nreference = \"BN-2021-8\"\ntags = [\"veteran\"]",
            "Fine: [target](../target/), [anchor](/meetings/target/#key-points), [plan](../target/plan.pdf), \
             [tag](/tags/veterans/), [out](https://example.org/x).\n\n\
             Broken: [gone](../gone/), [bad anchor](../target/#key-point), [no file](../target/plan.doc).\n\n\
             ![](photo.png)\n",
        )
        .notice("meetings/draft.md", "title = \"Draft\"\ndate = 2021-01-26\ndraft = true", "[ok](../links/)\n")
        .notice(
            "meetings/soon.md",
            "title = \"Soon\"\ndate = 2021-01-27\npublish_at = 2099-01-01T09:00:00+08:00",
            "Text.\n",
        )
        .notice("meetings/early.md", "title = \"Early\"\ndate = 2021-01-28", "See [draft](../draft/) and [soon](/meetings/soon/).\n")
        .notice(
            "meetings/future.md",
            "title = \"Future\"\ndate = 2099-01-01\nsummary = \"This summary is far too long for a search result or a feed reader, which cut it off after about one hundred and sixty characters, so the end of it is lost for good.\"",
            "Text.\n",
        )
}

#[test]
fn check_finds_each_kind_of_problem_where_it_is() {
    let site = problem_site();
    let run = site.run_binary(&["check"]);
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    let out = &run.stdout;
    for want in [
        "error: content/meetings/links.md:9:9: the link ../gone/ leads to no page or file of the site (/meetings/gone/)",
        "error: content/meetings/links.md:9:27: the link ../target/#key-point points to #key-point, which /meetings/target/ does not have",
        "= hint: did you mean #key-points?",
        "error: content/meetings/links.md:9:63: the link ../target/plan.doc leads to no page or file of the site (/meetings/target/plan.doc)",
        "= hint: did you mean /meetings/target/plan.pdf?",
        "error: content/meetings/links.md:11:1: the image photo.png has no alt text",
        "error: content/meetings/links.md:11:1: the link photo.png leads to no page or file of the site",
        "error: content/meetings/links.md:4:13: the reference `BN-2021-8` does not match reference_pattern",
        "error: content/meetings/links.md:5:8: the tag `veteran` is not in allowed_tags",
        "= hint: did you mean `veterans`?",
        "warning: content/meetings/future.md:3:8: the notice is dated in the future but has no `publish_at`",
        "warning: content/meetings/future.md:4:11: the summary is 164 characters long",
        "error: content/meetings/early.md:5:5: the link ../draft/ leads to a draft (/meetings/draft/), which the public site does not have",
        "error: content/meetings/early.md:5:28: the link /meetings/soon/ leads to a notice still under embargo (/meetings/soon/)",
        "9 errors and 2 warnings.",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(!site.root().join("public").exists(), "check wrote output");
}

#[test]
fn check_as_json_is_stable_and_warnings_alone_pass() {
    let site = problem_site();
    let run = site.run_binary(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["errors"], 9);
    assert_eq!(json["warnings"], 2);
    let problems = json["problems"].as_array().unwrap();
    // Sorted by file, then position.
    assert_eq!(problems[0]["file"], "content/meetings/early.md");
    let first = problems.iter().find(|p| p["file"] == "content/meetings/future.md").unwrap();
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["code"], "future-date");
    assert_eq!(first["file"], "content/meetings/future.md");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(3), Some(8)));
    assert!(first["hint"].as_str().unwrap().contains("publish_at"));
    let codes: Vec<&str> = json["problems"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    for code in ["broken-link", "broken-anchor", "missing-alt", "reference-pattern", "tag-not-allowed", "long-summary"]
    {
        assert!(codes.contains(&code), "{codes:?}");
    }

    let clean = TestSite::new().notice("news/a.md", "title = \"A\"\ndate = 2099-01-01", "Text.\n");
    let run = clean.run_binary(&["check"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(run.stdout.contains("No errors; 1 warning."), "{}", run.stdout);
}

#[test]
fn check_reports_what_a_build_would_reject() {
    let site = TestSite::new()
        .notice("news/a.md", "title = \"A\"\ndate = 2021-02-30", "Text.\n")
        .file("content/people/x.md", "+++\nname = \"Nobody Credited\"\n+++\n");
    let run = site.run_binary(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let problems = json["problems"].as_array().unwrap();
    assert!(problems.iter().any(|p| p["code"] == "build"
        && p["file"] == "content/news/a.md"
        && p["line"] == 3
        && p["message"].as_str().unwrap().contains("February 2021 has 28 days")));
    assert!(problems.iter().any(|p| p["code"] == "unused-person-file" && p["severity"] == "warning"));
    let bad_root = site.run_binary(&["check", "--root", "nowhere"]);
    assert_eq!(bad_root.code, Some(2));
}

#[test]
fn new_leaves_out_a_slug_the_front_matter_would_refuse() {
    let site = TestSite::new().config("[slugs]\nmode = \"off\"\n");
    let run = site.run_binary(&["new", "Budget plan"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rel = run.stdout.trim();
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(!text.contains("slug ="), "{rel}: {text}");
    site.build_with(&["--drafts"]).ok();
}
