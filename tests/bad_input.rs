//! The bad-input corpus: tiny sites with one defect each, built by the real `gazette` binary.
//!
//! Every case is checked the same way:
//!
//! 1. the exit status: 1 for problems in the site, 2 for command-line mistakes, 0 for inputs
//!    that must build (a byte-order mark, Windows line endings, very deep nesting…);
//! 2. stderr holds every expected message (`content/news/a.md:3:8: …`, `= hint: …`), with
//!    paths relative to the site's root: the binary runs in the site's folder;
//! 3. no panic, no signal (a stack overflow aborts), no exit status 101, no hang;
//! 4. for a failed build, nothing changed: a known previous output is put in `public/` first,
//!    and afterwards the whole site folder, `public/` included, is compared byte for byte;
//!    for every build, no staging folder (`.public.gazette-new`, `.public.gazette-old`,
//!    `.public.gazette-trash-*`) is left behind.
//!
//! Cases that are plain files live in `tests/bad-input/<case>/`: `site/` is the site,
//! `expect.toml` what must happen (see `tests/bad-input/README.md`). Cases that cannot be
//! committed files (20 MB of text, symlinks, unreadable files, invalid UTF-8, CRLF line
//! endings that git could normalise) are written here, one `#[test]` each.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

const BIN: &str = env!("CARGO_BIN_EXE_gazette");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad-input");
/// The corpus must not shrink unnoticed (a moved folder would otherwise pass with no cases).
const MIN_FOLDER_CASES: usize = 45;
/// A build that takes longer than this is reported as hanging (the 20 MB notice takes about
/// ten seconds in a debug build).
const TIMEOUT: Duration = Duration::from_secs(300);

const SITE_TOML: &str =
    "title = \"Test Bureau\"\nbase_url = \"https://news.example.gov\"\ntimezone = \"Asia/Shanghai\"\nsearch = false\n";
/// The last line of every failed build.
const NOTHING_WRITTEN: &str = "nothing was written, the previous output is unchanged";

/// The output of an earlier, good build: it must survive every failed build byte for byte.
const PREVIOUS_OUTPUT: &[(&str, &[u8])] = &[
    ("index.html", b"<!doctype html><title>Previous home page</title>\n"),
    ("style.css", b"body { color: #111; }\n"),
    ("news/index.html", b"<!doctype html><title>Previous news</title>\n"),
    ("news/previous-notice/index.html", b"<!doctype html><h1>A notice from the previous build</h1>\n"),
    ("news/previous-notice/rules.pdf", b"%PDF-1.4\n\x00\x9f\x92\x96\xff\r\n"),
    // The manifest that makes the folder recognisably a Gazette build's, and so replaceable.
    (
        ".gazette-output",
        b"Gazette output folder: Gazette wrote this folder and the files listed below, and replaces or removes \
          nothing else in it. Keep this file as it is.\nindex.html\nnews/index.html\nnews/previous-notice/index.html\n\
          news/previous-notice/rules.pdf\nstyle.css\n",
    ),
];

/// What must happen, from a case's `expect.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The exit status: 0, 1 or 2.
    exit: i32,
    /// Arguments after `gazette build`.
    #[serde(default)]
    args: Vec<String>,
    /// Texts stderr must contain, each as written (a message with its `path:line:col`, a hint).
    #[serde(default)]
    stderr: Vec<String>,
    /// For a build that must succeed: files of the output (relative to `public/`) and texts
    /// each must contain.
    #[serde(default)]
    pages: BTreeMap<String, Vec<String>>,
}

impl Expect {
    fn fails(exit: i32, stderr: &[&str]) -> Expect {
        Expect { exit, stderr: stderr.iter().map(|s| s.to_string()).collect(), ..Expect::default() }
    }

    fn builds(pages: &[(&str, &[&str])]) -> Expect {
        let pages = pages.iter().map(|(p, n)| (p.to_string(), n.iter().map(|s| s.to_string()).collect())).collect();
        Expect { exit: 0, pages, ..Expect::default() }
    }

    fn args(mut self, args: &[&str]) -> Expect {
        self.args = args.iter().map(|s| s.to_string()).collect();
        self
    }

    /// An expectation that cannot fail is a mistake in the corpus.
    fn validate(&self) -> Result<(), String> {
        if ![0, 1, 2].contains(&self.exit) {
            return Err(format!("`exit = {}`: must be 0, 1 or 2", self.exit));
        }
        if self.stderr.iter().any(|s| s.trim().is_empty()) {
            return Err("`stderr` has an empty entry, which every output contains".into());
        }
        if self.exit == 0 {
            if self.pages.is_empty() {
                return Err("a case that must build needs `[pages]`: the output files it must write".into());
            }
        } else {
            if self.stderr.is_empty() {
                return Err("a case that must fail needs `stderr = [...]`: the messages it must print".into());
            }
            if !self.pages.is_empty() {
                return Err("`[pages]` is only for cases that must build (`exit = 0`)".into());
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Cases in tests/bad-input/

#[test]
fn every_case_in_the_corpus_folder() {
    let mut names: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for entry in fs::read_dir(CORPUS).unwrap_or_else(|e| panic!("{CORPUS}: {e}")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            names.push(name);
        } else if name != "README.md" {
            failures.push(format!("{name}: not a case folder (each case is a folder with site/ and expect.toml)"));
        }
    }
    names.sort();
    assert!(
        names.len() >= MIN_FOLDER_CASES,
        "only {} cases in {CORPUS}, expected at least {MIN_FOLDER_CASES}",
        names.len()
    );
    for name in &names {
        if let Err(problems) = folder_case(&Path::new(CORPUS).join(name)) {
            failures.push(format!("{name}:\n{problems}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), names.len(), failures.join("\n\n"));
}

fn folder_case(dir: &Path) -> Result<(), String> {
    for entry in fs::read_dir(dir).map_err(|e| format!("  cannot read the case folder: {e}"))? {
        let name = entry.unwrap().file_name();
        if name != "site" && name != "expect.toml" {
            return Err(format!("  unexpected {name:?}: a case folder holds only site/ and expect.toml"));
        }
    }
    let text = fs::read_to_string(dir.join("expect.toml")).map_err(|e| format!("  expect.toml: {e}"))?;
    let expect: Expect = toml::from_str(&text).map_err(|e| format!("  expect.toml: {e}"))?;
    expect.validate().map_err(|e| format!("  expect.toml: {e}"))?;
    let site = dir.join("site");
    if !site.is_dir() {
        return Err("  no site/ folder".into());
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&site, tmp.path());
    check(tmp.path(), &expect)
}

/// Copies `from` into `to`, symlinks as symlinks.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        let kind = entry.file_type();
        if kind.is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else if kind.is_symlink() {
            symlink(fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------
// Running and checking one case

struct Run {
    code: Option<i32>,
    signal: Option<i32>,
    timed_out: bool,
    stderr: String,
}

/// Runs `gazette build ARGS` in `root` (so paths in messages are relative to it).
fn run_build(root: &Path, args: &[String]) -> Run {
    // Output goes to files, not pipes, so a chatty build cannot block on a full pipe.
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("stdout"), logs.path().join("stderr"));
    let mut child = Command::new(BIN)
        .arg("build")
        .args(args)
        .current_dir(root)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("run the gazette binary");
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            timed_out = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = String::from_utf8_lossy(&fs::read(&err_path).unwrap()).into_owned();
    Run { code: status.code(), signal: status.signal(), timed_out, stderr }
}

/// Puts [`PREVIOUS_OUTPUT`] in `root/public`.
fn seed_previous_output(root: &Path) {
    for (rel, bytes) in PREVIOUS_OUTPUT {
        let path = root.join("public").join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// One entry of a folder tree, for comparing trees byte for byte.
#[derive(Debug, PartialEq)]
enum Node {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
    /// A file that cannot be read (a test without permission), or a walk error.
    Unreadable(String),
}

fn snapshot(root: &Path) -> BTreeMap<String, Node> {
    let mut tree = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1).sort_by_file_name() {
        match entry {
            Ok(entry) => {
                let rel = entry.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
                let kind = entry.file_type();
                let node = if kind.is_dir() {
                    Node::Dir
                } else if kind.is_symlink() {
                    Node::Link(fs::read_link(entry.path()).unwrap())
                } else {
                    match fs::read(entry.path()) {
                        Ok(bytes) => Node::File(bytes),
                        Err(e) => Node::Unreadable(e.kind().to_string()),
                    }
                };
                tree.insert(rel, node);
            }
            Err(e) => {
                let rel = e.path().map(|p| p.strip_prefix(root).unwrap_or(p).to_string_lossy().into_owned());
                tree.insert(rel.unwrap_or_default(), Node::Unreadable(e.to_string()));
            }
        }
    }
    tree
}

/// How `after` differs from `before`, at most a few lines.
fn tree_changes(before: &BTreeMap<String, Node>, after: &BTreeMap<String, Node>) -> Vec<String> {
    let mut changes = Vec::new();
    for (path, node) in before {
        match after.get(path) {
            None => changes.push(format!("removed {path}")),
            Some(new) if new != node => changes.push(format!("changed {path}")),
            Some(_) => {}
        }
    }
    changes.extend(after.keys().filter(|p| !before.contains_key(*p)).map(|p| format!("added {p}")));
    if changes.len() > 12 {
        let more = changes.len() - 10;
        changes.truncate(10);
        changes.push(format!("… and {more} more"));
    }
    changes
}

/// Gazette's staging folders: `.public.gazette-new`, `.public.gazette-old`,
/// `.public.gazette-trash-*` (named after the output folder).
fn is_staging(name: &str) -> bool {
    name.starts_with('.') && [".gazette-new", ".gazette-old", ".gazette-trash"].iter().any(|s| name.contains(s))
}

fn staging_leftovers(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| is_staging(&e.file_name().to_string_lossy()))
        .map(|e| e.path().strip_prefix(root).unwrap().display().to_string())
        .collect()
}

/// Runs the build in `root` and returns every way it fell short of `expect`.
fn check(root: &Path, expect: &Expect) -> Result<(), String> {
    seed_previous_output(root);
    let before = snapshot(root);
    let run = run_build(root, &expect.args);
    let mut problems = Vec::new();

    if run.timed_out {
        problems.push(format!("did not finish within {} s (killed)", TIMEOUT.as_secs()));
    } else if let Some(signal) = run.signal {
        problems.push(format!("killed by signal {signal} (a stack overflow aborts with SIGABRT)"));
    } else if run.code == Some(101) {
        problems.push("exit status 101: a panic".into());
    } else if run.code != Some(expect.exit) {
        problems.push(format!("exit status {:?}, expected {}", run.code, expect.exit));
    }
    for text in ["panicked", "RUST_BACKTRACE", "overflowed its stack"] {
        if run.stderr.contains(text) {
            problems.push(format!("stderr contains {text:?}"));
        }
    }
    for want in &expect.stderr {
        if !run.stderr.contains(want.as_str()) {
            problems.push(format!("stderr lacks {want:?}"));
        }
    }
    if run.stderr.lines().any(|line| line.split(['/', ' ', ':']).any(is_staging)) {
        problems.push("stderr names Gazette's staging folder instead of the site's own files".into());
    }
    if expect.exit == 1 && !run.stderr.contains(NOTHING_WRITTEN) {
        problems.push(format!("stderr lacks the closing line {NOTHING_WRITTEN:?}"));
    }

    let leftovers = staging_leftovers(root);
    if !leftovers.is_empty() {
        problems.push(format!("staging left behind: {}", leftovers.join(", ")));
    }
    if expect.exit == 0 {
        for (page, needles) in &expect.pages {
            match fs::read(root.join("public").join(page)) {
                Err(e) => problems.push(format!("no page public/{page}: {e}")),
                Ok(bytes) => {
                    let html = String::from_utf8_lossy(&bytes);
                    for needle in needles {
                        if !html.contains(needle.as_str()) {
                            problems.push(format!("public/{page} lacks {needle:?}"));
                        }
                    }
                }
            }
        }
    } else {
        // A failed build writes nothing: the previous output and everything else in the
        // site's folder are as they were, byte for byte.
        let changes = tree_changes(&before, &snapshot(root));
        if !changes.is_empty() {
            problems.push(format!("the site's folder changed: {}", changes.join("; ")));
        }
    }

    if problems.is_empty() {
        return Ok(());
    }
    let mut report = String::new();
    for p in &problems {
        writeln!(report, "  - {p}").unwrap();
    }
    let command = format!("gazette build {}", expect.args.join(" "));
    write!(report, "  command: {}\n  exit: {:?}, stderr:\n", command.trim_end(), run.code).unwrap();
    let shown: String = run.stderr.chars().take(3000).collect();
    for line in shown.lines() {
        writeln!(report, "    | {line}").unwrap();
    }
    Err(report)
}

// ---------------------------------------------------------------------------------------
// Generated cases

/// A site with the minimal site.toml and nothing else.
fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site.toml", SITE_TOML.as_bytes());
    fs::create_dir_all(dir.path().join("content/news")).unwrap();
    dir
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// A notice that builds, so a site's only defect is the one under test.
fn fine_notice(root: &Path) {
    write(root, "content/news/fine.md", b"+++\ntitle = \"Fine\"\ndate = 2021-01-20\n+++\nA fine notice.\n");
}

#[track_caller]
fn assert_case(name: &str, root: &Path, expect: Expect) {
    expect.validate().unwrap();
    if let Err(problems) = check(root, &expect) {
        panic!("{name}:\n{problems}");
    }
}

/// Makes `path` unreadable; false when that does not stop reading (running as root).
fn make_unreadable(path: &Path) -> bool {
    fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
    fs::read(path).is_err()
}

#[test]
fn a_20_mb_notice_builds() {
    let site = new_site();
    const PARAGRAPH: &str = "The bureau publishes the payment dates of pensions and allowances, the office \
        hours of every county office, and the rules that apply to them.";
    let mut text = String::from("+++\ntitle = \"A very long notice\"\ndate = 2021-01-25\n+++\n");
    let mut n = 0;
    while text.len() < 20 * 1024 * 1024 {
        n += 1;
        writeln!(text, "Paragraph {n}. {PARAGRAPH}\n").unwrap();
    }
    text.push_str("The last paragraph of the long notice.\n");
    write(site.path(), "content/news/big.md", text.as_bytes());
    let expect = Expect::builds(&[(
        "news/a-very-long-notice/index.html",
        &["<h1>A very long notice</h1>", "The last paragraph of the long notice."],
    )]);
    assert_case("huge-notice-20mb", site.path(), expect);
}

#[test]
fn ten_thousand_nested_blockquotes_build() {
    let site = new_site();
    let text =
        format!("+++\ntitle = \"Quotes\"\ndate = 2021-01-25\n+++\n{}The innermost quote.\n", "> ".repeat(10_000));
    write(site.path(), "content/news/quotes.md", text.as_bytes());
    let expect = Expect::builds(&[("news/quotes/index.html", &["<h1>Quotes</h1>", "The innermost quote."])]);
    assert_case("nested-blockquotes-10000", site.path(), expect);
}

#[test]
fn ten_thousand_nested_list_items_build() {
    let site = new_site();
    // `- - - … item`: each `- ` opens a list item holding the next list.
    let text = format!("+++\ntitle = \"Lists\"\ndate = 2021-01-25\n+++\n{}The innermost item.\n", "- ".repeat(10_000));
    write(site.path(), "content/news/lists.md", text.as_bytes());
    let expect = Expect::builds(&[("news/lists/index.html", &["<h1>Lists</h1>", "The innermost item."])]);
    assert_case("nested-lists-10000", site.path(), expect);
}

#[test]
fn ten_thousand_nested_ordered_list_items_build() {
    let site = new_site();
    let text =
        format!("+++\ntitle = \"Numbered\"\ndate = 2021-01-25\n+++\n{}The innermost item.\n", "1. ".repeat(10_000));
    write(site.path(), "content/news/numbered.md", text.as_bytes());
    let expect = Expect::builds(&[("news/numbered/index.html", &["<h1>Numbered</h1>", "The innermost item."])]);
    assert_case("nested-ordered-lists-10000", site.path(), expect);
}

#[test]
fn a_symlink_loop_to_a_parent_folder() {
    let site = new_site();
    fine_notice(site.path());
    symlink("..", site.path().join("content/news/loop")).unwrap();
    let expect =
        Expect::fails(1, &["content/news/loop: this link points back to a folder that contains it (a symlink loop)"]);
    assert_case("symlink-loop-to-parent", site.path(), expect);
}

#[test]
fn a_symlink_loop_between_two_links() {
    let site = new_site();
    fine_notice(site.path());
    symlink("loop-b.md", site.path().join("content/news/loop-a.md")).unwrap();
    symlink("loop-a.md", site.path().join("content/news/loop-b.md")).unwrap();
    let expect =
        Expect::fails(1, &["content/news/loop-a.md: could not read", "content/news/loop-b.md: could not read"]);
    assert_case("symlink-loop-between-links", site.path(), expect);
}

#[test]
fn an_unreadable_notice_a_dangling_link() {
    let site = new_site();
    fine_notice(site.path());
    symlink("missing.md", site.path().join("content/news/a.md")).unwrap();
    let expect = Expect::fails(1, &["content/news/a.md: could not read: no such file or folder"]);
    assert_case("unreadable-notice-dangling-link", site.path(), expect);
}

#[test]
fn an_unreadable_notice_without_permission() {
    let site = new_site();
    fine_notice(site.path());
    write(site.path(), "content/news/a.md", b"+++\ntitle = \"A\"\ndate = 2021-01-25\n+++\nText.\n");
    if !make_unreadable(&site.path().join("content/news/a.md")) {
        eprintln!("unreadable-notice-no-permission: skipped, running as root (see the dangling-link case)");
        return;
    }
    let expect = Expect::fails(1, &["content/news/a.md: could not read"]);
    assert_case("unreadable-notice-no-permission", site.path(), expect);
}

#[test]
fn an_unreadable_site_toml_a_dangling_link() {
    let site = new_site();
    fine_notice(site.path());
    fs::remove_file(site.path().join("site.toml")).unwrap();
    symlink("missing.toml", site.path().join("site.toml")).unwrap();
    let expect = Expect::fails(
        1,
        &[
            "site.toml: could not read the file: no such file or folder",
            "= hint: every site needs a site.toml at its root",
        ],
    );
    assert_case("unreadable-site-toml-dangling-link", site.path(), expect);
}

#[test]
fn an_unreadable_site_toml_without_permission() {
    let site = new_site();
    fine_notice(site.path());
    if !make_unreadable(&site.path().join("site.toml")) {
        eprintln!("unreadable-site-toml-no-permission: skipped, running as root (see the dangling-link case)");
        return;
    }
    let expect = Expect::fails(1, &["site.toml: could not read the file"]);
    assert_case("unreadable-site-toml-no-permission", site.path(), expect);
}

#[test]
fn invalid_utf8_in_a_notice() {
    let site = new_site();
    fine_notice(site.path());
    write(
        site.path(),
        "content/news/cafe.md",
        b"+++\ntitle = \"Caf\xe9 opening hours\"\ndate = 2021-01-25\n+++\nText.\n",
    );
    let expect = Expect::fails(
        1,
        &[
            "content/news/cafe.md:2:13: the file is not valid UTF-8 (byte 0xE9)",
            "= hint: save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)",
        ],
    );
    assert_case("invalid-utf8-notice", site.path(), expect);
}

#[test]
fn invalid_utf8_in_the_body_of_a_notice() {
    let site = new_site();
    fine_notice(site.path());
    write(
        site.path(),
        "content/news/a.md",
        b"+++\ntitle = \"A\"\ndate = 2021-01-25\n+++\nFirst line.\nSecond \xff\xfe line.\n",
    );
    let expect = Expect::fails(1, &["content/news/a.md:6:8: the file is not valid UTF-8 (byte 0xFF)"]);
    assert_case("invalid-utf8-notice-body", site.path(), expect);
}

#[test]
fn invalid_utf8_in_site_toml() {
    let site = new_site();
    fine_notice(site.path());
    write(
        site.path(),
        "site.toml",
        b"title = \"Caf\xe9 Bureau\"\nbase_url = \"https://news.example.gov\"\nsearch = false\n",
    );
    let expect = Expect::fails(1, &["site.toml:1:13: the file is not valid UTF-8 (byte 0xE9)"]);
    assert_case("invalid-utf8-site-toml", site.path(), expect);
}

#[test]
fn invalid_utf8_in_a_template() {
    let site = new_site();
    fine_notice(site.path());
    write(site.path(), "templates/notice.html", b"{% extends \"base.html\" %}\n<p>caf\xe9</p>\n");
    let expect = Expect::fails(1, &["templates/notice.html:2:7: the file is not valid UTF-8 (byte 0xE9)"]);
    assert_case("invalid-utf8-template", site.path(), expect);
}

#[test]
fn crlf_line_endings_build() {
    // Written here, not committed: git may turn CRLF into LF on checkout.
    let site = new_site();
    let lines = ["+++", "title = \"Windows line endings\"", "date = 2021-01-25", "tags = [\"office hours\"]", "+++"];
    let text = format!("{}\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n", lines.join("\r\n"));
    write(site.path(), "content/news/crlf.md", text.as_bytes());
    let expect = Expect::builds(&[
        ("news/windows-line-endings/index.html", &["<h1>Windows line endings</h1>", "Second paragraph."]),
        ("tags/office-hours/index.html", &["Windows line endings"]),
    ]);
    assert_case("crlf-line-endings", site.path(), expect);
}

#[test]
fn a_bom_and_crlf_in_yaml_front_matter_build() {
    let site = new_site();
    let text = "\u{feff}---\r\ntitle: Saved by Notepad\r\ndate: 2021-01-25\r\n---\r\nText.\r\n";
    write(site.path(), "content/news/notepad.md", text.as_bytes());
    let expect = Expect::builds(&[("news/saved-by-notepad/index.html", &["<h1>Saved by Notepad</h1>"])]);
    assert_case("utf8-bom-and-crlf-yaml", site.path(), expect);
}

#[test]
fn a_dotted_key_of_5000_parts_in_front_matter() {
    // Written here: a 10 kB line of `a.a.a…` says nothing in a committed file.
    let site = new_site();
    fine_notice(site.path());
    let key = vec!["a"; 5000].join(".");
    let text = format!("+++\ntitle = \"A\"\ndate = 2021-01-25\n[extra]\n{key} = 1\n+++\nText.\n");
    write(site.path(), "content/news/a.md", text.as_bytes());
    let expect = Expect::fails(
        1,
        &[
            "content/news/a.md:5:1: this key has 5000 parts separated by dots, more than can be read",
            "= hint: a dotted key may have at most 80 parts",
        ],
    );
    assert_case("dotted-key-5000-parts-front-matter", site.path(), expect);
}

#[test]
fn a_dotted_key_of_5000_parts_in_site_toml() {
    let site = new_site();
    fine_notice(site.path());
    let key = vec!["a"; 5000].join(".");
    write(site.path(), "site.toml", format!("{SITE_TOML}\n[extra]\n{key} = 1\n").as_bytes());
    let expect = Expect::fails(1, &["site.toml:7:1: this key has 5000 parts separated by dots, more than can be read"]);
    assert_case("dotted-key-5000-parts-site-toml", site.path(), expect);
}

#[test]
fn root_pointing_at_nothing() {
    let site = new_site();
    fine_notice(site.path());
    let nothing = site.path().join("no/such/site");
    let arg = nothing.display().to_string();
    let message = format!("error: --root {arg}: no such folder");
    let expect = Expect::fails(2, &[&message]).args(&["--root", &arg]);
    assert_case("root-absolute-path-to-nothing", site.path(), expect);
}

// ---------------------------------------------------------------------------------------
// The runner itself

#[test]
fn an_empty_or_partial_expect_toml_is_rejected() {
    assert!(toml::from_str::<Expect>("").is_err(), "an empty expect.toml must not parse");
    assert!(toml::from_str::<Expect>("exit = 1\nstderr = []\n").unwrap().validate().is_err());
    assert!(toml::from_str::<Expect>("exit = 1\nstderr = [\"\"]\n").unwrap().validate().is_err());
    assert!(toml::from_str::<Expect>("exit = 0\n").unwrap().validate().is_err());
    assert!(toml::from_str::<Expect>("exit = 3\nstderr = [\"x\"]\n").unwrap().validate().is_err());
    assert!(toml::from_str::<Expect>("exit = 1\nstdrr = [\"x\"]\n").is_err(), "unknown keys are mistakes");

    // A case folder without expect.toml, or with an empty one, fails.
    let case = tempfile::tempdir().unwrap();
    fs::create_dir_all(case.path().join("site/content")).unwrap();
    assert!(folder_case(case.path()).unwrap_err().contains("expect.toml"));
    fs::write(case.path().join("expect.toml"), "").unwrap();
    assert!(folder_case(case.path()).unwrap_err().contains("expect.toml"));
}

#[test]
fn the_checks_catch_a_changed_output_and_leftovers() {
    let site = new_site();
    fine_notice(site.path());
    seed_previous_output(site.path());
    let before = snapshot(site.path());
    fs::write(site.path().join("public/news/previous-notice/rules.pdf"), b"changed").unwrap();
    fs::create_dir(site.path().join(".public.gazette-new")).unwrap();
    let changes = tree_changes(&before, &snapshot(site.path()));
    assert_eq!(changes, ["changed public/news/previous-notice/rules.pdf", "added .public.gazette-new"]);
    assert_eq!(staging_leftovers(site.path()), [".public.gazette-new"]);
    assert!(is_staging(".public.gazette-trash-1234") && is_staging(".out.gazette-old") && !is_staging("public"));
}
