//! The command line: exit statuses, messages on stderr, `init`, and the sample site itself.

use crate::harness::TestSite;

#[test]
fn exit_status_0_on_success_1_on_bad_content_2_on_bad_usage() {
    let site = TestSite::new().notice("news/a.md", "title = \"A\"\ndate = 2021-01-01", "");
    let ok = site.run_binary(&["build"]);
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    assert!(ok.stdout.starts_with("Built 1 notice (0 tags, 0 people) into public: "), "{}", ok.stdout);

    site.write("content/news/bad.md", "+++\ntitle = \"B\"\ndate = 2021-02-30\n+++\n");
    let bad = site.run_binary(&["build"]);
    assert_eq!(bad.code, Some(1));
    assert!(
        bad.stderr.starts_with("content/news/bad.md:3:8: `2021-02-30` is not a date: February 2021 has 28 days\n"),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr.ends_with("error: 1 problem found; nothing was written, the previous output is unchanged\n"),
        "{}",
        bad.stderr
    );

    let usage = site.run_binary(&["build", "--no-such-flag"]);
    assert_eq!(usage.code, Some(2));
    assert!(usage.stderr.contains("unexpected argument '--no-such-flag'"), "{}", usage.stderr);

    let nowhere = site.run_binary(&["build", "--root", "does/not/exist"]);
    assert_eq!(nowhere.code, Some(2));
    assert!(nowhere.stderr.starts_with("error: --root does/not/exist: no such folder"), "{}", nowhere.stderr);

    let bad_url = site.run_binary(&["build", "--base-url", "example.gov"]);
    assert_eq!(bad_url.code, Some(2));
    assert!(
        bad_url.stderr.contains("error: --base-url: `example.gov` is not an http:// or https:// address"),
        "{}",
        bad_url.stderr
    );

    assert_eq!(site.run_binary(&[]).code, Some(2));
    assert_eq!(site.run_binary(&["--help"]).code, Some(0));
}

#[test]
fn init_writes_a_site_that_builds_at_once() {
    let site = TestSite::new();
    let run = site.run_binary(&["init", "newsite"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("cd newsite"), "{}", run.stdout);
    let dir = site.root().join("newsite");
    for file in [
        "site.toml",
        "content/announcements/welcome.md",
        "themes/bureau/templates/notice.html",
        "themes/bureau/static/style.css",
    ] {
        assert!(dir.join(file).exists(), "{file} missing");
    }
    let build =
        std::process::Command::new(env!("CARGO_BIN_EXE_gazette")).arg("build").current_dir(&dir).output().unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let page = std::fs::read_to_string(dir.join("public/announcements/our-news-site-is-online/index.html")).unwrap();
    assert!(page.contains(">Jane Doe</a>") && page.contains(">John Roe</a>"), "{page}");

    let again = site.run_binary(&["init", "newsite"]);
    assert_eq!(again.code, Some(2));
    assert!(again.stderr.contains("already exists and is not empty"), "{}", again.stderr);
}

#[test]
fn the_sample_site_builds() {
    let out = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--root", root, "--output"])
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let page = std::fs::read_to_string(
        out.path()
            .join("public/meetings/promote-the-high-quality-development-of-new-era-retired-military-work/index.html"),
    )
    .unwrap();
    assert!(page.contains("By <a href=\"/people/li-yang/\">Li Yang</a>"), "{page}");
    assert!(page.contains("<a href=\"/people/yang-rui/\">Yang Rui</a>, <a href=\"/people/han-ting/\">Han Ting</a>"));
}

#[test]
fn build_timings_lists_the_phases_and_the_work() {
    let site = TestSite::new().notice("news/a.md", "title = \"A\"\ndate = 2021-01-25", "Text.\n");
    let run = site.run_binary(&["build", "--timings"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    let mut from = 0;
    for line in [
        "Phases (wall clock):",
        "  load ",
        "  render and write ",
        "  total ",
        "Work (summed over ",
        "  Markdown ",
        "  templates ",
        "  writing files ",
    ] {
        let at = out[from..].find(line).unwrap_or_else(|| panic!("no {line:?} after the previous lines in:\n{out}"));
        from += at + line.len();
    }
    assert!(!site.run_binary(&["build"]).stdout.contains("Phases"));
}
