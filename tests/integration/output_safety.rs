//! The output folder: deterministic, replaced whole only by a good build, never among the sources.

use crate::harness::{TestSite, tree};

fn site() -> TestSite {
    let mut site = TestSite::new().config("paginate = 2\n");
    for i in 0..6 {
        site = site.notice(
            &format!("s{}/n{i}.md", i % 3),
            &format!(
                "title = \"Notice {i}\"\ndate = 2021-0{}-01\ntags = [\"t{}\", \"shared\"]\nbyline = [\"Person {}\"]",
                i + 1,
                i % 2,
                i % 3
            ),
            "Body with **bold** and a list:\n\n- one\n- two\n\n```rust\nfn main() {}\n```\n",
        );
    }
    site
}

#[test]
fn two_builds_are_byte_identical() {
    let site = site();
    let first = site.build().ok().tree();
    let second_dir = site.root().join("second");
    site.build_with(&["--output", second_dir.to_str().unwrap()]).ok();
    let second = tree(&second_dir);
    assert!(first.len() > 20, "expected a real site, got {} files", first.len());
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = site();
    let before = site.build().ok().tree();
    site.write("content/s0/broken.md", "+++\ntitle = \"Broken\"\ndate = 2021-02-30\n+++\n");
    site.build().err();
    assert_eq!(tree(&site.root().join("public")), before);
    // No staging folder is left behind.
    let names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("gazette-")), "{names:?}");
    // A template error at render time also keeps it.
    std::fs::remove_file(site.root().join("content/s0/broken.md")).unwrap();
    site.write("templates/tag.html", "{{ missing_variable }}");
    site.build().err();
    assert_eq!(tree(&site.root().join("public")), before);
}

#[test]
fn a_good_build_replaces_stale_pages() {
    let site = site();
    site.build().ok().page("/s0/notice-0/");
    std::fs::remove_file(site.root().join("content/s0/n0.md")).unwrap();
    let b = site.build().ok();
    assert!(!b.exists("s0/notice-0/index.html"), "a deleted notice's page survived");
}

#[test]
fn output_folder_from_config_and_flag() {
    let site = site().config("output_dir = \"www\"\n");
    site.build().ok();
    assert!(site.root().join("www/index.html").exists());
    site.build_with(&["--output", site.root().join("elsewhere").to_str().unwrap()]).ok();
    assert!(site.root().join("elsewhere/index.html").exists());
}

#[test]
fn output_inside_the_sources_is_refused() {
    for (out, want) in [
        ("content/public", "the output folder is inside content/, among the sources"),
        ("", "the output folder contains the site's sources"),
        ("themes/x", "the output folder is inside themes/"),
        ("other-project", "the output folder holds `Cargo.toml`, so it is not a site's output"),
        ("other-site", "the output folder holds `site.toml`, so it is not a site's output"),
    ] {
        let site = site().file("other-project/Cargo.toml", "").file("other-site/site.toml", "");
        let out = site.root().join(out);
        let err = site.build_with(&["--output", out.to_str().unwrap()]).usage();
        assert!(err.contains(want), "{}: {err}", out.display());
        assert!(site.root().join("content/s0/n0.md").exists(), "sources were touched");
        assert!(site.root().join("other-project/Cargo.toml").exists(), "another project was touched");
    }
}

#[test]
fn output_dir_among_the_sources_is_a_problem_of_the_site() {
    let err = site().config("output_dir = \"content/out\"\n").build().err();
    assert!(
        err.starts_with("site.toml: output_dir `content/out`: the output folder is inside content/, among the sources"),
        "{err}"
    );
}

#[test]
fn the_current_folder_is_never_the_output() {
    let site = site();
    // The binary runs in the site's root; `--output ..` would hold it.
    let run = site.run_binary(&["build", "--output", ".."]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.starts_with("error: --output ..: the output folder contains"), "{}", run.stderr);
    assert!(site.root().join("site.toml").exists());
}
