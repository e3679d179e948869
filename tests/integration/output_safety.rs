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

/// Puts a file of the user's at `dir/docs/budget.xlsx`, as a press officer might.
fn users_file(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("docs/budget.xlsx");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "the budget").unwrap();
    file
}

#[test]
fn a_folder_gazette_did_not_write_is_never_emptied() {
    let site = site();
    let v = site.root().join("v");
    let budget = users_file(&v);
    let err = site.build_with(&["--output", v.to_str().unwrap()]).err();
    assert!(
        err.starts_with(
            "v: the output folder is not empty and is not the output of a Gazette build (it has no .gazette-output): \
             it holds `docs/budget.xlsx`"
        ),
        "{err}"
    );
    assert!(err.contains("hint: write the site to a new or empty folder"), "{err}");
    assert_eq!(std::fs::read_to_string(&budget).unwrap(), "the budget");
    assert_eq!(tree(&v).len(), 1, "something was written into the folder");
    // The binary says the same and exits 1.
    let run = site.run_binary(&["build", "--output", "v"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("it holds `docs/budget.xlsx`"), "{}", run.stderr);
    // From site.toml too.
    let site = site.config("output_dir = \"v\"\n");
    let err = site.build().err();
    assert!(err.contains("it holds `docs/budget.xlsx`"), "{err}");
    assert_eq!(std::fs::read_to_string(&budget).unwrap(), "the budget");
}

#[test]
fn a_file_dropped_into_the_output_stops_every_build_until_it_is_moved() {
    let site = site();
    let built = site.build().ok().tree();
    assert!(built.contains_key(".gazette-output") && built.contains_key("index.html"));
    let public = site.root().join("public");
    let budget = users_file(&public);
    let before = tree(&public);
    // With the build cache (in place) and without it (a fresh folder swapped in).
    for args in [&[][..], &["--no-cache"]] {
        let run = site.run_binary(&[&["build"][..], args].concat());
        assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("public: the output folder holds 1 file that Gazette did not write: `docs/budget.xlsx`"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("files to publish with the site belong in static/"), "{}", run.stderr);
        assert_eq!(tree(&public), before, "{args:?}: the output changed");
    }
    std::fs::remove_file(&budget).unwrap();
    std::fs::remove_dir(budget.parent().unwrap()).unwrap();
    assert_eq!(site.run_binary(&["build"]).code, Some(0));
    assert_eq!(tree(&public), built);
}

#[test]
fn the_home_folder_and_the_folders_that_hold_it_are_refused() {
    let site = site();
    // A home folder of the test's own: HOME is set for the binary alone.
    let home = site.root().join("home/press");
    std::fs::create_dir_all(&home).unwrap();
    for (out, want) in
        [(home.clone(), "it is your home folder"), (home.parent().unwrap().into(), "it holds your home folder")]
    {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["build", "--output"])
            .arg(&out)
            .current_dir(site.root())
            .env("HOME", &home)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(want), "{}: {stderr}", out.display());
    }
    assert_eq!(std::fs::read_dir(&home).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn an_output_folder_given_as_a_link_stays_a_link_and_is_refused_when_foreign() {
    let site = site();
    let public = site.root().join("public");
    // A link to a folder of the user's: refused, untouched.
    let theirs = site.root().join("theirs");
    let budget = users_file(&theirs);
    std::os::unix::fs::symlink(&theirs, &public).unwrap();
    let err = site.build().err();
    assert!(err.contains("it holds `docs/budget.xlsx`"), "{err}");
    assert_eq!(tree(&theirs).len(), 1);
    assert!(std::fs::symlink_metadata(&public).unwrap().file_type().is_symlink());

    // A link to an empty folder: the site is written there, and the link stays.
    std::fs::remove_file(&public).unwrap();
    let www = site.root().join("www");
    std::fs::create_dir(&www).unwrap();
    std::os::unix::fs::symlink(&www, &public).unwrap();
    for args in [&[][..], &["--no-cache"], &[]] {
        site.build_with(args).ok().page("/s0/notice-0/");
        assert!(std::fs::symlink_metadata(&public).unwrap().file_type().is_symlink(), "{args:?}");
        assert!(www.join("index.html").is_file() && www.join(".gazette-output").is_file(), "{args:?}");
    }

    // A link inside the output, to a folder of the user's: refused, never followed.
    std::os::unix::fs::symlink(&theirs, www.join("linked")).unwrap();
    for args in [&[][..], &["--no-cache"]] {
        let err = site.build_with(args).err();
        assert!(err.contains("holds 1 file that Gazette did not write: `linked`"), "{args:?}: {err}");
        assert_eq!(std::fs::read_to_string(&budget).unwrap(), "the budget");
    }
}

#[test]
fn watch_and_serve_leave_a_file_of_the_users_in_their_output_folder() {
    use gazette::project::{Change, Options, Project};
    let site = site();
    // `watch` and `serve` refuse a foreign folder as their first build does.
    let foreign = site.root().join("foreign");
    let budget = users_file(&foreign);
    for command in [["watch", "--output", "foreign"], ["serve", "--output", "foreign"]] {
        let mut args = command.to_vec();
        if command[0] == "serve" {
            args.extend(["--port", "0"]);
        }
        let line = crate::harness::Running::start(site.root(), &args).wait_line("budget.xlsx");
        assert!(line.contains("it holds `docs/budget.xlsx`"), "{command:?}: {line}");
        assert_eq!(std::fs::read_to_string(&budget).unwrap(), "the budget");
        assert_eq!(tree(&foreign).len(), 1, "{command:?} wrote into the folder");
    }

    // A file dropped into the output while `watch` runs survives its rebuilds.
    let mut project = Project::new(Options {
        mode: gazette::project::Mode::Preview,
        cache: true,
        ..crate::harness::options(site.root())
    })
    .unwrap();
    project.build(true).unwrap();
    let public = site.root().join("public");
    let budget = users_file(&public);
    // A change that makes a fresh folder (site.toml), and an edit written in place.
    site.write("site.toml", &format!("{}description = \"Changed\"\npaginate = 2\n", crate::harness::SITE_TOML));
    let err = project.rebuild(&Change::everything()).unwrap_err().to_string();
    assert!(err.contains("holds 1 file that Gazette did not write: `docs/budget.xlsx`"), "{err}");
    assert_eq!(std::fs::read_to_string(&budget).unwrap(), "the budget");

    // In place: a page of the user's where a new notice's page would go is not replaced.
    std::fs::remove_file(&budget).unwrap();
    project.rebuild(&Change::everything()).unwrap();
    let theirs = public.join("s0/late/index.html");
    std::fs::create_dir_all(theirs.parent().unwrap()).unwrap();
    std::fs::write(&theirs, "a page of the user's").unwrap();
    let notice = site.root().join("content/s0/late.md");
    std::fs::write(&notice, "+++\ntitle = \"Late\"\ndate = 2021-03-05\n+++\nText.\n").unwrap();
    let layout =
        gazette::watch::Layout { root: site.root().to_path_buf(), output: public.clone(), theme: "bureau".into() };
    let err = project.rebuild(&layout.change([notice.as_path()])).unwrap_err().to_string();
    assert!(err.contains("s0/late/index.html: Gazette did not write this file"), "{err}");
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "a page of the user's");
}
