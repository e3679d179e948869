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
