//! The command line's conveniences, with the real binary: shell completions, colour on
//! request (`NO_COLOR`, `CLICOLOR_FORCE`), `--quiet` and `--verbose`, and the summary line.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Run, TestSite};

/// Runs the binary in `dir` with `args`, with none of the colour variables but those in `env`.
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
    cmd.args(args).current_dir(dir);
    for name in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "TERM"] {
        cmd.env_remove(name);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `text` without its ANSI escape codes.
fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('\x1b') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('m').expect("an escape code ends with m");
        rest = &rest[i + end + 1..];
    }
    out + rest
}

/// Two notices with 3 tags and 3 people between them, and a draft whose tag and byline are
/// left out with it.
fn small_site() -> TestSite {
    TestSite::new()
        .notice(
            "news/a.md",
            "title = \"A\"\ndate = 2021-01-25\ntags = [\"veterans\", \"employment\"]\nbyline = [\"Li Yang\"]\neditors = [\"Yang Rui\"]",
            "Text.\n",
        )
        .notice(
            "news/b.md",
            "title = \"B\"\ndate = 2021-01-26\ntags = [\"veterans\", \"pensions\"]\nbyline = [\"Han Ting\"]",
            "Text.\n",
        )
        .notice(
            "news/c.md",
            "title = \"C\"\ndate = 2021-01-27\ndraft = true\ntags = [\"drafts-only\"]\nbyline = [\"Wang Fang\"]",
            "Text.\n",
        )
}

const BAD_DATE: &str = "+++\ntitle = \"Bad\"\ndate = 2021-02-30\n+++\n";

#[test]
fn completions_name_every_command_for_each_shell() {
    let site = TestSite::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = site.run_binary(&["completions", shell]);
        assert_eq!(run.code, Some(0), "{shell}: {}", run.stderr);
        assert!(run.stderr.is_empty(), "{shell}: {}", run.stderr);
        for word in ["build", "serve", "watch", "check", "new", "import", "init", "completions", "quiet", "drafts"] {
            assert!(run.stdout.contains(word), "the {shell} script does not name {word}:\n{}", run.stdout);
        }
    }
    let bash = site.run_binary(&["completions", "bash"]).stdout;
    assert!(bash.contains("complete -F _gazette"), "{bash}");
    assert!(site.run_binary(&["completions", "zsh"]).stdout.starts_with("#compdef gazette"));
    assert!(site.run_binary(&["completions", "fish"]).stdout.contains("complete -c gazette"));

    let bad = site.run_binary(&["completions", "tcsh"]);
    assert_eq!(bad.code, Some(2));
    assert!(bad.stdout.is_empty());
    assert!(bad.stderr.starts_with("error: invalid value 'tcsh'"), "{}", bad.stderr);
    assert!(bad.stderr.contains("bash, elvish, fish, powershell, zsh"), "{}", bad.stderr);
    assert_eq!(site.run_binary(&["completions"]).code, Some(2));
}

#[test]
fn errors_are_coloured_only_when_forced_and_never_with_no_color() {
    let site = small_site();
    site.write("content/news/bad.md", BAD_DATE);
    let plain = run_env(site.root(), &["build"], &[]);
    assert_eq!(plain.code, Some(1));
    assert!(!plain.stderr.contains('\x1b'), "a pipe gets no colour:\n{}", plain.stderr);
    assert_eq!(
        plain.stderr,
        "content/news/bad.md:3:8: `2021-02-30` is not a date: February 2021 has 28 days\n  |\n3 | date = 2021-02-30\n  |        ^\n\
         error: 1 problem found; nothing was written, the previous output is unchanged\n"
    );

    let forced = run_env(site.root(), &["build"], &[("CLICOLOR_FORCE", "1")]);
    assert_eq!(forced.code, Some(1));
    assert!(forced.stderr.contains("\x1b[1;31merror:\x1b[0m 1 problem found"), "{:?}", forced.stderr);
    assert!(forced.stderr.starts_with("\x1b[1mcontent/news/bad.md:3:8\x1b[0m: "), "{:?}", forced.stderr);
    assert!(forced.stderr.contains("\x1b[1;31m^\x1b[0m"), "{:?}", forced.stderr);
    assert_eq!(strip_escapes(&forced.stderr), plain.stderr, "colour changes nothing but colour");

    for env in [
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")][..],
        &[("CLICOLOR_FORCE", "0")],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "true")],
    ] {
        let run = run_env(site.root(), &["build"], env);
        assert_eq!(run.stderr, plain.stderr, "with {env:?}");
    }

    // Hints, usage errors and the end of `check` are coloured the same way.
    site.write("content/news/bad.md", "+++\ntitel = \"Bad\"\ndate = 2021-02-01\n+++\n");
    let hint = run_env(site.root(), &["build"], &[("CLICOLOR_FORCE", "1")]);
    assert!(hint.stderr.contains("\x1b[1;36m= hint:\x1b[0m did you mean `title`?"), "{:?}", hint.stderr);
    let usage = run_env(site.root(), &["build", "--no-such-flag"], &[("CLICOLOR_FORCE", "1")]);
    assert_eq!(usage.code, Some(2));
    assert!(usage.stderr.starts_with("\x1b[1;31merror:\x1b[0m unexpected argument"), "{:?}", usage.stderr);
    let usage = run_env(site.root(), &["build", "--no-such-flag"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(usage.stderr.starts_with("error: unexpected argument") && !usage.stderr.contains('\x1b'));
    let check = run_env(site.root(), &["check"], &[("CLICOLOR_FORCE", "1")]);
    assert!(check.stdout.starts_with("\x1b[1;31merror:\x1b[0m \x1b[1mcontent/news/bad.md"), "{:?}", check.stdout);
    assert!(check.stderr.starts_with("\x1b[1;31merror:\x1b[0m the check found 1 error"), "{:?}", check.stderr);
}

#[test]
fn quiet_prints_nothing_on_success_and_still_the_problems() {
    let site = small_site();
    for args in [&["build", "-q"][..], &["-q", "build"], &["build", "--quiet"], &["--quiet", "build", "--timings"]] {
        let run = site.run_binary(args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(run.stderr.is_empty(), "{args:?}: {}", run.stderr);
        if args.contains(&"--timings") {
            // Asked for by name, the table is still printed.
            assert!(run.stdout.starts_with("Phases (wall clock):"), "{}", run.stdout);
        } else {
            assert_eq!(run.stdout, "", "{args:?}");
        }
    }
    assert!(site.root().join("public/news/a/index.html").exists());

    site.write("content/news/bad.md", BAD_DATE);
    let bad = site.run_binary(&["build", "-q"]);
    assert_eq!(bad.code, Some(1));
    assert_eq!(bad.stdout, "");
    assert!(bad.stderr.starts_with("content/news/bad.md:3:8: `2021-02-30` is not a date"), "{}", bad.stderr);
    assert!(bad.stderr.ends_with("error: 1 problem found; nothing was written, the previous output is unchanged\n"));

    // `check -q`: the errors only, no warnings, no count on standard output.
    site.write("content/news/future.md", "+++\ntitle = \"Future\"\ndate = 2099-01-01\n+++\n");
    assert!(site.run_binary(&["check"]).stdout.contains("warning: content/news/future.md:3:8: "));
    let check = site.run_binary(&["check", "-q"]);
    assert_eq!(check.code, Some(1));
    assert!(check.stdout.starts_with("error: content/news/bad.md:3:8: "), "{}", check.stdout);
    assert!(!check.stdout.contains("warning:") && !check.stdout.contains("1 error and"), "{}", check.stdout);
    assert_eq!(check.stderr, "error: the check found 1 error\n");
    std::fs::remove_file(site.root().join("content/news/bad.md")).unwrap();
    let check = site.run_binary(&["-q", "check"]);
    assert_eq!((check.code, check.stdout.as_str(), check.stderr.as_str()), (Some(0), "", ""));

    // `new`, `import` and `init`.
    let new = site.run_binary(&["new", "Quiet notice", "-q"]);
    assert_eq!((new.code, new.stdout.as_str(), new.stderr.as_str()), (Some(0), "", ""));
    assert!(site.root().join("content/news/quiet-notice.md").exists());
    let again = site.run_binary(&["new", "Quiet notice", "-q"]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("a notice already exists here"), "{}", again.stderr);
    site.write("wire.txt", "A wire notice\n\nIts text.\n\n(Li Yang) (Editor: Yang Rui)\n");
    let import = site.run_binary(&["import", "wire.txt", "missing.txt", "-q"]);
    assert_eq!(import.code, Some(1));
    assert_eq!(import.stdout, "");
    assert!(import.stderr.contains("missing.txt: could not read the file"), "{}", import.stderr);
    assert!(site.root().join("content/news/a-wire-notice.md").exists());
    let init = site.run_binary(&["-q", "init", "newsite"]);
    assert_eq!((init.code, init.stdout.as_str(), init.stderr.as_str()), (Some(0), "", ""));
    assert!(site.root().join("newsite/site.toml").exists());

    let both = site.run_binary(&["build", "-q", "-v"]);
    assert_eq!(both.code, Some(2));
    assert!(both.stderr.contains("'--quiet' cannot be used with '--verbose'"), "{}", both.stderr);
}

#[test]
fn verbose_prints_the_phases_the_drafts_left_out_and_how_the_folder_was_written() {
    let site = small_site();
    let run = site.run_binary(&["build", "-v", "--no-cache"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    let mut from = 0;
    for line in [
        "Built 2 notices ",
        "Drafts left out (1 notice; `--drafts` includes them):\n  content/news/c.md\n",
        "Wrote a new folder and swapped it in for public (--no-cache)\n",
        "Phases (wall clock):\n  load ",
        "  render and write ",
        "Work (summed over ",
    ] {
        let at = out[from..].find(line).unwrap_or_else(|| panic!("no {line:?} after the previous lines in:\n{out}"));
        from += at + line.len();
    }
    assert!(run.stderr.is_empty(), "{}", run.stderr);

    // --no-cache kept no record: the first build with the cache writes a new folder too.
    let first = site.run_binary(&["--verbose", "build"]);
    assert!(first.stdout.contains("\nWrote a new folder and swapped it in for public\n"), "{}", first.stdout);
    let cached = site.run_binary(&["--verbose", "build"]);
    assert_eq!(cached.code, Some(0), "{}", cached.stderr);
    assert!(cached.stdout.contains("(0 rendered, "), "{}", cached.stdout);
    assert!(cached.stdout.contains("\nWrote 0 files and removed 0 in place in public\n"), "{}", cached.stdout);
    assert!(cached.stdout.contains("Phases (wall clock):"), "{}", cached.stdout);

    let drafts = site.run_binary(&["build", "-v", "--drafts", "--output", "preview"]);
    assert!(!drafts.stdout.contains("Drafts left out"), "{}", drafts.stdout);

    let normal = site.run_binary(&["build"]);
    assert!(!normal.stdout.contains("Phases") && !normal.stdout.contains("Drafts left out"), "{}", normal.stdout);
}

#[test]
fn the_summary_counts_notices_tags_and_people() {
    let site = small_site();
    let run = site.run_binary(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // The draft's tag and byline have no page: 3 tags (veterans, employment, pensions) and
    // 3 people (Li Yang, Yang Rui, Han Ting).
    assert!(run.stdout.starts_with("Built 2 notices (3 tags, 3 people) into public: "), "{}", run.stdout);
    assert!(run.stdout.trim_end().ends_with(" s (1 draft left out)"), "{}", run.stdout);
    let again = site.run_binary(&["build"]);
    assert!(again.stdout.starts_with("Built 2 notices (3 tags, 3 people) into public: "), "{}", again.stdout);
    assert!(again.stdout.contains(" pages (0 rendered, "), "{}", again.stdout);

    let one = TestSite::new().notice("news/a.md", "title = \"A\"\ndate = 2021-01-25\nbyline = [\"Li Yang\"]", "");
    let run = one.run_binary(&["build"]);
    assert!(run.stdout.starts_with("Built 1 notice (0 tags, 1 person) into public: "), "{}", run.stdout);
}

#[test]
fn no_progress_bar_off_a_terminal() {
    // The bar is drawn only when standard error is a terminal; here it is a pipe. (Its line is
    // tested beside the code: `cmd::build::progress_line`.)
    let site = small_site();
    let run = site.run_binary(&["build", "--no-cache"]);
    assert_eq!(run.code, Some(0));
    assert!(run.stderr.is_empty(), "{:?}", run.stderr);
    assert!(!run.stdout.contains("Rendering pages") && !run.stdout.contains('\r'), "{:?}", run.stdout);
}

/// `watch` with `flag`: its standard output and error once `until` appears in one of them.
/// Once the first build is in place, `then` runs every half second until then (the watcher
/// may not be listening yet the first time).
fn watch_until(site: &TestSite, flag: &str, then: impl Fn(), until: &str) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["watch", flag])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let collect = |mut stream: Box<dyn Read + Send>| {
        let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let shared = text.clone();
        let thread = std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                shared.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        (text, thread)
    };
    let (out, out_thread) = collect(Box::new(child.stdout.take().unwrap()));
    let (err, err_thread) = collect(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + Duration::from_secs(20);
    let wait = |what: &dyn Fn() -> bool, each: &dyn Fn(), name: &str| {
        let mut last = Instant::now() - Duration::from_secs(1);
        while !what() {
            assert!(Instant::now() < deadline, "{name} did not happen; stdout {:?}, stderr {:?}", out, err);
            if last.elapsed() >= Duration::from_millis(500) {
                each();
                last = Instant::now();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait(&|| site.root().join("public/news/a/index.html").exists(), &|| {}, "the first build");
    wait(&|| out.lock().unwrap().contains(until) || err.lock().unwrap().contains(until), &then, until);
    let _ = child.kill();
    let _ = child.wait();
    out_thread.join().unwrap();
    err_thread.join().unwrap();
    let (out, err) = (out.lock().unwrap().clone(), err.lock().unwrap().clone());
    (out, err)
}

#[test]
fn watch_quiet_prints_only_problems_and_verbose_the_phases() {
    let site = small_site();
    let (out, err) = watch_until(
        &site,
        "--quiet",
        || {
            site.write("content/news/bad.md", BAD_DATE);
        },
        "Still serving the last good build",
    );
    assert_eq!(out, "", "stderr: {err}");
    assert!(err.starts_with("content/news/bad.md:3:8: `2021-02-30` is not a date"), "{err}");

    let site = small_site();
    let (out, _) = watch_until(&site, "--verbose", || {}, "Phases (wall clock):");
    assert!(out.starts_with("Built 2 notices: "), "{out}");
}
