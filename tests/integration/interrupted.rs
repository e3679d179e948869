//! Builds killed with SIGKILL at moments spread over a large build: the output folder always
//! holds one complete build (the previous one, or the new one once it was swapped in), and the
//! next build succeeds. A killed `watch` never leaves a half-written page.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{TestSite, tree};

/// A site big enough for a build to take a while, even in the test profile.
fn big_site(notices: usize) -> TestSite {
    let site = TestSite::new();
    let paragraph = "The bureau held a working meeting on the employment of veterans, with the departments \
                     concerned, and set out the tasks for the coming months in detail. ";
    for i in 0..notices {
        let body: String = (0..8).map(|p| format!("{}{p}\n\n", paragraph.repeat(3))).collect();
        site.write(
            &format!("content/news/n{i:05}.md"),
            &format!(
                "+++\ntitle = \"Notice number {i}\"\ndate = 2021-01-{:02}\ntags = [\"t{}\", \"t{}\"]\nbyline = \"Writer {}\"\n+++\n{body}",
                i % 28 + 1,
                i % 40,
                i % 7,
                i % 15
            ),
        );
    }
    site
}

fn build(root: &Path, output: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A small deterministic generator: the same moments on every run.
struct Moments(u64);

impl Moments {
    fn next(&mut self, below: Duration) -> Duration {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        below.mul_f64((self.0 >> 11) as f64 / (1u64 << 53) as f64)
    }
}

fn same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_output() {
    let site = big_site(200);
    let root = site.root();
    let public = root.join("public");
    let started = Instant::now();
    assert!(build(root, &public).wait().unwrap().success());
    let whole = started.elapsed();
    let previous = tree(&public);
    assert!(previous.len() > 200);
    eprintln!("a whole build takes {whole:?}");

    // A change that reaches every listing: the new output differs from the old one.
    site.write("content/news/extra.md", "+++\ntitle = \"Late addition\"\ndate = 2021-02-01\n+++\nNew text.\n");
    let expected_dir = tempfile::tempdir().unwrap();
    let expected_out = expected_dir.path().join("public");
    assert!(build(root, &expected_out).wait().unwrap().success());
    let next = tree(&expected_out);
    assert!(!same(&previous, &next));

    let mut moments = Moments(20261126);
    let mut killed_before_swap = 0;
    for round in 0..9 {
        let mut child = build(root, &public);
        std::thread::sleep(moments.next(whole.mul_f64(1.2)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = tree(&public);
        if same(&now, &previous) {
            killed_before_swap += 1;
        } else {
            assert!(same(&now, &next), "round {round} ({status:?}): the output is neither the old nor the new build");
        }
        if round % 3 == 2 {
            // Whatever the moment, the next build succeeds and gives the new output.
            let again = build(root, &public).wait_with_output().unwrap();
            assert!(again.status.success(), "round {round}: {}", String::from_utf8_lossy(&again.stderr));
            assert!(same(&tree(&public), &next), "round {round}: the build after a kill differs");
        }
        if !same(&tree(&public), &previous) {
            // Back to the previous output for the next round.
            std::fs::remove_dir_all(&public).unwrap();
            restore(&previous, &public);
        }
    }
    let last = build(root, &public).wait_with_output().unwrap();
    assert!(last.status.success(), "{}", String::from_utf8_lossy(&last.stderr));
    assert!(same(&tree(&public), &next));
    assert!(killed_before_swap >= 3, "only {killed_before_swap} of 9 kills landed during a build");
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("gazette-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

fn restore(files: &BTreeMap<String, Vec<u8>>, dir: &Path) {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Every HTML page under `dir` is whole: it ends the way the theme ends a page.
fn pages_are_whole(dir: &Path) -> Result<usize, String> {
    let mut n = 0;
    for (rel, bytes) in tree(dir) {
        if rel.ends_with(".html") && !rel.rsplit('/').next().unwrap_or("").starts_with('.') {
            let text = String::from_utf8_lossy(&bytes);
            if !text.trim_end().ends_with("</html>") {
                return Err(format!("{rel} is cut short ({} bytes)", bytes.len()));
            }
            n += 1;
        }
    }
    Ok(n)
}

#[test]
fn a_killed_watch_never_leaves_a_half_written_page() {
    let site = big_site(120);
    let root = site.root().to_path_buf();
    let public = root.join("public");
    let mut moments = Moments(7);
    for round in 0..6 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .arg("watch")
            .current_dir(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
        assert!(lines.any(|l| l.unwrap().starts_with("Watching")), "round {round}: watch did not start");
        // Alternately a change every page shows (a full rebuild swapped in) and one notice
        // edited (pages rewritten in place).
        if round % 2 == 0 {
            site.write(
                "templates/404.html",
                &format!(
                    "{{% extends \"base.html\" %}}{{% block content %}}<p>Gone {round}.</p>{{% endblock content %}}"
                ),
            );
            site.write(
                "site.toml",
                &format!(
                    "{}description = \"Round {round}\"\n",
                    crate::harness::SITE_TOML.to_owned() + "search = false\n"
                ),
            );
        } else {
            site.write(
                "content/news/n00003.md",
                &format!("+++\ntitle = \"Notice edited {round}\"\ndate = 2021-01-04\n+++\nEdited {round}.\n"),
            );
        }
        std::thread::sleep(moments.next(Duration::from_millis(1500)));
        let _ = child.kill();
        let _ = child.wait();
        let pages = pages_are_whole(&public).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(pages > 120, "round {round}: only {pages} pages");
    }
}

/// A notice edited and put back, in turn: in `content/news/n00027.md` as [`big_site`]
/// writes it, "veterans" becomes "pensioners" (the old word must leave the search index).
fn edit(site: &TestSite, edited: bool) {
    let path = site.root().join("content/news/n00027.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (from, to) = if edited { ("veterans", "pensioners") } else { ("pensioners", "veterans") };
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

#[test]
fn a_cached_build_killed_as_its_pages_change_never_leaves_them_newer_than_the_search_index() {
    const ENTRY: &str = "search-index/en/meta.json";
    const PAGE: &str = "news/notice-number-27/index.html";
    let site = big_site(150);
    site.write("site.toml", crate::harness::SITE_TOML);
    let root = site.root();
    let public = root.join("public");
    // The two states the output goes between, each built into a folder of its own.
    let references = tempfile::tempdir().unwrap();
    let mut states = Vec::new();
    for edited in [false, true] {
        edit(&site, edited);
        let out = references.path().join(format!("edited-{edited}"));
        assert!(build(root, &out).wait().unwrap().success());
        states.push(tree(&out));
    }
    for file in [PAGE, ENTRY] {
        assert!(states[0][file] != states[1][file], "{file} is the same in both states");
    }
    edit(&site, false);
    assert!(build(root, &public).wait().unwrap().success());

    for round in 0..4 {
        // From a complete cached build of one state, a cached build (in place) of the other,
        // killed the moment the notice's page is the new one.
        let to = (round + 1) % 2;
        edit(&site, to == 1);
        let mut child = build(root, &public);
        let deadline = Instant::now() + Duration::from_secs(120);
        while std::fs::read(public.join(PAGE)).ok().as_ref() != Some(&states[to][PAGE]) {
            assert!(Instant::now() < deadline, "round {round}: the page never changed");
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        let entry = std::fs::read(public.join(ENTRY)).unwrap();
        assert!(
            entry == states[to][ENTRY],
            "round {round} ({status:?}): the page is the new build's, the search index the old one's"
        );
        // The next build gives the whole new state.
        let again = build(root, &public).wait_with_output().unwrap();
        assert!(again.status.success(), "round {round}: {}", String::from_utf8_lossy(&again.stderr));
        assert!(same(&tree(&public), &states[to]), "round {round}: the build after a kill differs");
    }
}
