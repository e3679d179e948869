//! The build cache (`.gazette/cache/`): a second build with nothing changed renders and
//! writes nothing, a build with the cache writes what a build without it writes, and a
//! damaged or foreign cache is ignored. (Random edit sequences against full builds are in
//! `incremental.rs`.)

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::harness::{TestSite, tree};

fn site() -> TestSite {
    TestSite::new()
        .notice(
            "meetings/a.md",
            "title = \"Work conference\"\ndate = 2021-03-01\ntags = [\"veterans\"]\nbyline = \"Li Yang\"",
            "The bureau held its \"annual\" work conference.\n\n## Tasks\n\n- housing\n- training\n",
        )
        .notice("policy/b.md", "title = \"Pension rules\"\ndate = 2021-03-02\ntags = [\"pensions\"]", "New rules.\n")
}

/// Every file of `dir` with its inode and modification time: what a rewrite would change.
fn identities(dir: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            (e.path().strip_prefix(dir).unwrap().display().to_string(), (m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

#[test]
fn a_second_build_with_nothing_changed_renders_and_writes_nothing() {
    let site = site();
    let first = site.run_binary(&["build"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(!first.stdout.contains("rendered"), "the first build renders everything: {}", first.stdout);
    let public = site.root().join("public");
    let before = identities(&public);
    assert!(site.root().join(".gazette/cache/CACHEDIR.TAG").is_file());

    let second = site.run_binary(&["build"]);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    let pages = before.len() - 3; // the stylesheet and the icon are static files; the manifest
    assert!(
        second.stdout.contains(&format!(": {pages} pages (0 rendered, {pages} unchanged), 2 static files in ")),
        "{}",
        second.stdout
    );
    assert_eq!(identities(&public), before, "no file was written again");
}

#[test]
fn an_edit_renders_only_the_pages_it_reaches_and_gives_the_output_of_a_fresh_build() {
    let site = site();
    // Both builds by the same program: a cache is trusted only by the program that wrote it.
    assert_eq!(site.run_binary(&["build"]).code, Some(0));
    site.write(
        "content/policy/b.md",
        "+++\ntitle = \"Pension rules\"\ndate = 2021-03-02\ntags = [\"pensions\"]\n+++\nNew rules.\n\nMore.\n",
    );
    let run = site.run_binary(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // The notice's page and the feeds with its full text (Atom and RSS of the site and the
    // section; a tag's feed has summaries); its summary, and so every listing, is unchanged.
    assert!(run.stdout.contains(" (5 rendered, "), "{}", run.stdout);
    let fresh = site.root().join("fresh");
    site.build_with(&["--no-cache", "--output", fresh.to_str().unwrap()]).ok();
    assert_eq!(tree(&site.root().join("public")), tree(&fresh));
}

#[test]
fn no_cache_neither_reads_nor_writes_the_cache() {
    let site = site();
    site.build_with(&["--no-cache"]).ok();
    assert!(!site.root().join(".gazette/cache").exists());
    let reference = tree(&site.root().join("public"));

    // A cache from elsewhere (another program, say), or a damaged one, is ignored.
    site.build().ok();
    for entry in std::fs::read_dir(site.root().join(".gazette/cache")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "bin") {
            let mut bytes = std::fs::read(&path).unwrap();
            let middle = bytes.len() / 2;
            bytes.truncate(middle);
            std::fs::write(&path, bytes).unwrap();
        }
    }
    let run = site.run_binary(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.contains("rendered"), "a damaged record is not used: {}", run.stdout);
    assert_eq!(tree(&site.root().join("public")), reference);

    // And deleting the folder is always safe.
    std::fs::remove_dir_all(site.root().join(".gazette/cache")).unwrap();
    site.build().ok();
    assert_eq!(tree(&site.root().join("public")), reference);
}

#[test]
fn cached_bodies_are_used_only_under_the_same_markdown_settings() {
    let site = site();
    let page = "/meetings/work-conference/";
    site.build().ok().page(page).has("\u{201c}annual\u{201d}");
    let text = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("{text}[markdown]\nsmart_punctuation = false\n"));
    site.build().ok().page(page).has("\"annual\"").lacks("\u{201c}annual");
}

#[test]
fn the_search_index_is_kept_when_no_notice_changed_and_made_again_when_one_did() {
    let site = TestSite::with_search()
        .notice("news/a.md", "title = \"Work conference\"\ndate = 2021-03-01", "Veterans housing.\n")
        .notice("news/b.md", "title = \"Pensions\"\ndate = 2021-03-02", "Pension rules.\n");
    assert_eq!(site.run_binary(&["build"]).code, Some(0));
    let index = site.root().join("public/search-index");
    let before = identities(&index);
    assert!(before.keys().any(|f| f.ends_with("meta.json")), "{before:?}");

    let run = site.run_binary(&["build", "--timings"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.contains("search index"), "{}", run.stdout);
    assert_eq!(identities(&index), before);

    site.write("content/news/b.md", "+++\ntitle = \"Pensions\"\ndate = 2021-03-02\n+++\nPension rules, revised.\n");
    let run = site.run_binary(&["build"]);
    assert!(run.stdout.contains(" rendered, "), "{}", run.stdout);
    let fresh = site.root().join("fresh");
    site.build_with(&["--no-cache", "--output", fresh.to_str().unwrap()]).ok();
    assert_eq!(tree(&site.root().join("public")), tree(&fresh));
    assert_ne!(identities(&index), before);
}

/// The phases `--timings` printed, by name.
fn phases(stdout: &str) -> Vec<&str> {
    let table = stdout.split("Phases (wall clock):\n").nth(1).unwrap_or("");
    table.lines().map_while(|l| l.strip_prefix("  ")).filter_map(|l| l.split_whitespace().next()).collect()
}

#[test]
fn a_build_with_nothing_changed_reads_no_notice_and_says_what_the_last_one_did() {
    let site = site();
    let first = site.run_binary(&["build", "--timings"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(phases(&first.stdout).contains(&"load"), "{}", first.stdout);
    let public = site.root().join("public");
    let before = identities(&public);

    let second = site.run_binary(&["build", "--timings"]);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    // Only the check: nothing was read, modelled or compared.
    assert_eq!(phases(&second.stdout), ["check", "total"], "{}", second.stdout);
    let pages = before.len() - 3;
    let counts = "Built 2 notices (2 tags, 1 person) into public: ";
    assert!(second.stdout.contains(&format!("{counts}{pages} pages (0 rendered, {pages} unchanged), 2 static files")));
    assert_eq!(identities(&public), before);
    // --verbose lists the drafts left out, which takes reading the notices.
    let verbose = site.run_binary(&["build", "--verbose"]);
    assert!(phases(&verbose.stdout).contains(&"load"), "{}", verbose.stdout);
}

#[test]
fn a_change_to_a_source_or_to_the_output_is_seen_without_reading_the_notices() {
    type Change = fn(&TestSite);
    let changes: &[(&str, Change)] = &[
        ("a notice edited", |s| {
            s.write("content/policy/b.md", "+++\ntitle = \"Pension rules\"\ndate = 2021-03-02\n+++\nNew rules!\n");
        }),
        ("a notice added", |s| {
            s.write("content/policy/c.md", "+++\ntitle = \"Third\"\ndate = 2021-03-03\n+++\nMore.\n");
        }),
        ("a static file added", |s| {
            s.write("static/robots-extra.txt", "x");
        }),
        ("site.toml edited", |s| {
            let path = s.root().join("site.toml");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(path, format!("{text}\n# Edited.\n")).unwrap();
        }),
        ("a page edited in the output", |s| {
            use std::io::Write;
            let page = s.root().join("public/index.html");
            std::fs::OpenOptions::new().append(true).open(page).unwrap().write_all(b"<!-- by hand -->").unwrap();
        }),
        ("a page removed from the output", |s| {
            std::fs::remove_file(s.root().join("public/tags/pensions/index.html")).unwrap();
        }),
    ];
    for (what, change) in changes {
        let site = site();
        assert_eq!(site.run_binary(&["build"]).code, Some(0));
        change(&site);
        let run = site.run_binary(&["build", "--timings"]);
        assert_eq!(run.code, Some(0), "{what}: {}", run.stderr);
        assert!(phases(&run.stdout).contains(&"load"), "{what}: the build did not look: {}", run.stdout);
        let fresh = site.root().join("fresh");
        site.build_with(&["--no-cache", "--output", fresh.to_str().unwrap()]).ok();
        assert_eq!(tree(&site.root().join("public")), tree(&fresh), "{what}");
    }
}

#[test]
fn a_file_someone_else_put_in_the_output_still_stops_the_build() {
    let site = site();
    assert_eq!(site.run_binary(&["build"]).code, Some(0));
    assert_eq!(site.run_binary(&["build"]).code, Some(0), "a record of the folder is kept");
    std::fs::write(site.root().join("public/tags/stray.html"), "not Gazette's").unwrap();
    let run = site.run_binary(&["build"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stderr.contains("the output folder holds 1 file that Gazette did not write: `tags/stray.html`"),
        "{}",
        run.stderr
    );
    assert!(site.root().join("public/tags/stray.html").is_file());
}

#[test]
fn an_embargo_lifting_is_a_change_even_with_no_file_changed() {
    let lifts = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    let site = site().notice(
        "news/soon.md",
        &format!("title = \"Embargoed budget\"\ndate = 2021-03-03\npublish_at = {lifts}"),
        "Secret until then.\n",
    );
    assert_eq!(site.run_binary(&["build"]).code, Some(0));
    let page = site.root().join("public/news/embargoed-budget/index.html");
    assert!(!page.exists());
    let run = site.run_binary(&["build", "--timings"]);
    assert_eq!(phases(&run.stdout), ["check", "total"], "before the embargo lifts, nothing to do: {}", run.stdout);
    while jiff::Timestamp::now() <= lifts {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let run = site.run_binary(&["build", "--timings"]);
    assert!(phases(&run.stdout).contains(&"load"), "{}", run.stdout);
    assert!(page.is_file(), "the notice is not out after its embargo: {}", run.stdout);
}
