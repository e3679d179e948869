//! `watch` and `serve` as press staff use them: the real binary running on a site in a
//! temporary folder, files changed the way editors change them, and the output (or the
//! server's answers) awaited with a timeout rather than fixed sleeps.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

use std::time::{Duration, Instant};

use crate::harness::{Running, TIMEOUT, TestSite};

/// Waits until `check` holds for the file at `path`; returns its text.
fn wait_file(path: &Path, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && check(&text)
        {
            return text;
        }
        if Instant::now() > deadline {
            panic!(
                "{} did not get there within {TIMEOUT:?}; it holds:\n{:?}",
                path.display(),
                std::fs::read_to_string(path)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_gone(path: &Path) {
    let deadline = Instant::now() + TIMEOUT;
    while path.exists() {
        assert!(Instant::now() < deadline, "{} was not removed", path.display());
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn site() -> TestSite {
    TestSite::new()
        .notice("news/a.md", "title = \"First notice\"\ndate = 2021-01-01\ntags = [\"alpha\"]", "Original text.\n")
        .notice("news/b.md", "title = \"Second notice\"\ndate = 2021-01-02\ntags = [\"beta\"]", "Other text.\n")
}

fn notice(title: &str, tags: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2021-01-01\ntags = [{tags}]\n+++\n{body}\n")
}

#[test]
fn watch_follows_edits_the_way_editors_make_them() {
    let site = site();
    let root = site.root().to_path_buf();
    let out = root.join("public");
    let mut run = Running::start(&root, &["watch"]);
    run.wait_line("Watching");
    let page = out.join("news/first-notice/index.html");
    wait_file(&page, |t| t.contains("Original text."));

    // A plain save.
    site.write("content/news/a.md", &notice("First notice", "\"alpha\"", "Edited in place."));
    wait_file(&page, |t| t.contains("Edited in place."));

    // An atomic save: write a temporary file, rename it over the notice (vim, VS Code, …).
    site.write("content/news/.a.md.swp", "junk");
    site.write("content/news/a.md.tmp", &notice("First notice", "\"alpha\", \"gamma\"", "Saved atomically."));
    std::fs::rename(root.join("content/news/a.md.tmp"), root.join("content/news/a.md")).unwrap();
    wait_file(&page, |t| t.contains("Saved atomically."));
    wait_file(&out.join("tags/gamma/index.html"), |t| t.contains("First notice"));

    // A tag removed: its page goes.
    site.write("content/news/a.md", &notice("First notice", "\"alpha\"", "Saved atomically."));
    wait_gone(&out.join("tags/gamma/index.html"));

    // A new file, then a whole folder moved.
    site.write("content/news/c.md", &notice("Third notice", "\"alpha\"", "New."));
    wait_file(&out.join("news/third-notice/index.html"), |t| t.contains("New."));
    std::fs::rename(root.join("content/news"), root.join("content/updates")).unwrap();
    wait_file(&out.join("updates/third-notice/index.html"), |t| t.contains("New."));
    wait_gone(&out.join("news/third-notice/index.html"));

    // A deleted file.
    std::fs::remove_file(root.join("content/updates/c.md")).unwrap();
    wait_gone(&out.join("updates/third-notice/index.html"));

    // A mistake: the error is reported, the last good page stays.
    let page = out.join("updates/first-notice/index.html");
    wait_file(&page, |t| t.contains("Saved atomically."));
    let before = std::fs::read(&page).unwrap();
    site.write("content/updates/a.md", "+++\ntitle = \"First notice\"\ndate = 2021-02-30\n+++\nBroken.\n");
    run.wait_line("content/updates/a.md:3:8: `2021-02-30` is not a date");
    run.wait_line("Still serving the last good build");
    assert_eq!(std::fs::read(&page).unwrap(), before);

    // The fix recovers.
    site.write("content/updates/a.md", &notice("First notice", "\"alpha\"", "Fixed."));
    wait_file(&page, |t| t.contains("Fixed."));

    // A template change re-renders the pages that use it.
    site.write("templates/notice.html", "<p>custom {{ notice.title }}</p>");
    wait_file(&page, |t| t == "<p>custom First notice</p>");
    // A burst of changes (a `git checkout`) is one rebuild that ends in the right state.
    for i in 0..100 {
        site.write(&format!("content/updates/burst-{i}.md"), &notice(&format!("Burst {i}"), "\"alpha\"", "x"));
    }
    wait_file(&out.join("updates/burst-99/index.html"), |t| t.contains("custom Burst 99"));
    wait_file(&out.join("tags/alpha/page/5/index.html"), |_| true);
}

#[test]
fn watch_with_polling_sees_changes_too() {
    let site = site();
    let root = site.root().to_path_buf();
    let mut run = Running::start(&root, &["watch", "--poll"]);
    run.wait_line("Watching");
    let page = root.join("public/news/first-notice/index.html");
    site.write("content/news/a.md", &notice("First notice", "\"alpha\"", "Seen by polling."));
    wait_file(&page, |t| t.contains("Seen by polling."));
}

/// Sends raw bytes to the server and returns its whole answer.
fn raw(addr: &str, request: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn get(addr: &str, path: &str) -> String {
    raw(addr, format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
}

fn serve(site: &TestSite, extra: &[&str]) -> (Running, String) {
    let mut args = vec!["serve", "--port", "0"];
    args.extend(extra);
    let mut run = Running::start(site.root(), &args);
    let addr = run.address();
    (run, addr)
}

#[test]
fn serve_answers_with_pretty_urls_types_and_the_404_page() {
    let site = site().file("static/data/report.pdf", "%PDF-1.4");
    let (_run, addr) = serve(&site, &[]);
    let home = get(&addr, "/");
    assert!(
        home.starts_with("HTTP/1.1 200 OK\r\n") && home.contains("Content-Type: text/html; charset=utf-8"),
        "{home}"
    );
    assert!(home.contains("<script src=\"/__gazette/live.js\"></script></body>"), "{home}");
    assert!(get(&addr, "/news/first-notice/").contains("Original text."));
    let redirect = get(&addr, "/news/first-notice");
    assert!(
        redirect.starts_with("HTTP/1.1 301") && redirect.contains("Location: /news/first-notice/\r\n"),
        "{redirect}"
    );
    assert!(get(&addr, "/style.css").contains("Content-Type: text/css"));
    assert!(get(&addr, "/data/report.pdf").contains("Content-Type: application/pdf"));
    let missing = get(&addr, "/no/such/page/");
    assert!(missing.starts_with("HTTP/1.1 404") && missing.contains("Page not found"), "{missing}");
    let head = raw(&addr, b"HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200") && !head.contains("<html"), "{head}");
    assert!(get(&addr, "/__gazette/live.js").contains("EventSource"));
    // The preview is not the published site: no script in the files, nothing in public/.
    let written = std::fs::read_to_string(site.root().join(".gazette/preview/index.html")).unwrap();
    assert!(!written.contains("live.js"));
    assert!(!site.root().join("public").exists());
}

#[test]
fn serve_never_leaves_its_folder_and_survives_bad_requests() {
    let site = site().file("secret.txt", "do not serve");
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.root().join("secret.txt"), site.root().join("static-link")).unwrap();
    let (_run, addr) = serve(&site, &[]);
    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/news/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/%00",
    ] {
        let answer = get(&addr, path);
        assert!(answer.starts_with("HTTP/1.1 400"), "{path}: {answer}");
        assert!(!answer.contains("do not serve"), "{path} leaked");
    }
    for bad in [
        &b"\r\n\r\n"[..],
        b"GARBAGE\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET nopath HTTP/1.1\r\n\r\n",
        b"GET / HTTP/9\r\n\r\n",
        b"\xff\xfe\r\n\r\n",
    ] {
        assert!(raw(&addr, bad).starts_with("HTTP/1.1 400"), "{bad:?}");
    }
    assert!(raw(&addr, &[b'a'; 40_000]).starts_with("HTTP/1.1 431"));
    assert!(raw(&addr, b"POST / HTTP/1.1\r\nHost: localhost\r\n\r\n").starts_with("HTTP/1.1 405"));
    // A client that connects and says nothing, or hangs up half-way, harms nobody.
    let silent = TcpStream::connect(&addr).unwrap();
    let mut half = TcpStream::connect(&addr).unwrap();
    half.write_all(b"GET / HT").unwrap();
    drop(half);
    assert!(get(&addr, "/").starts_with("HTTP/1.1 200"));
    drop(silent);
}

#[test]
fn serve_keeps_working_under_200_concurrent_connections() {
    let site = site();
    let (_run, addr) = serve(&site, &[]);
    let threads: Vec<_> = (0..200)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/news/first-notice/" };
                get(&addr, path).starts_with("HTTP/1.1 200")
            })
        })
        .collect();
    let ok = threads.into_iter().filter_map(|t| t.join().ok()).filter(|ok| *ok).count();
    assert_eq!(ok, 200);
    // Open event streams count as connections too.
    let streams: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.write_all(b"GET /__gazette/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
            s
        })
        .collect();
    assert!(get(&addr, "/").starts_with("HTTP/1.1 200"));
    drop(streams);
}

#[test]
fn serve_tells_open_pages_to_reload_or_show_the_error() {
    let site = site();
    let (mut run, addr) = serve(&site, &[]);
    let mut events = TcpStream::connect(&addr).unwrap();
    events.set_read_timeout(Some(TIMEOUT)).unwrap();
    events.write_all(b"GET /__gazette/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reader = BufReader::new(events);
    let mut next_event = || -> (String, String) {
        let mut name = String::new();
        let mut line = String::new();
        loop {
            line.clear();
            assert!(reader.read_line(&mut line).unwrap() > 0, "the event stream closed");
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.trim().to_owned();
            } else if let Some(d) = line.strip_prefix("data: ") {
                return (name.clone(), d.trim().to_owned());
            }
        }
    };
    assert_eq!(next_event().0, "fine");
    site.write("content/news/a.md", "+++\ntitle = \"First notice\"\ndate = nope\n+++\n");
    let (name, data) = next_event();
    assert_eq!(name, "problem");
    assert!(data.contains("content/news/a.md:3:8: `nope` is not a date"), "{data}");
    run.wait_line("is not a date");
    // The last good page is still served.
    assert!(get(&addr, "/news/first-notice/").contains("Original text."));
    site.write("content/news/a.md", &notice("First notice", "\"alpha\"", "Mended."));
    assert_eq!(next_event().0, "reload");
    assert!(get(&addr, "/news/first-notice/").contains("Mended."));
    site.write("static/extra.css", "p { color: black }");
    assert_eq!(next_event().0, "css");
}

#[test]
fn serve_says_when_the_port_is_taken_and_warns_when_not_local() {
    let site = site();
    let (_first, addr) = serve(&site, &[]);
    let port = addr.rsplit(':').next().unwrap();
    let second = site.run_binary(&["serve", "--port", port]);
    assert_eq!(second.code, Some(2));
    assert!(second.stderr.contains(&format!("error: port {port} is already in use on 127.0.0.1")), "{}", second.stderr);
    assert!(second.stderr.contains("--port"), "{}", second.stderr);

    let mut open = Running::start(site.root(), &["serve", "--port", "0", "--bind", "0.0.0.0"]);
    open.wait_line("anyone who can reach this machine can see the preview");
}

#[test]
fn serve_starts_even_when_the_site_is_broken() {
    let site = site().file("content/news/bad.md", "no front matter");
    let (mut run, addr) = serve(&site, &[]);
    run.wait_line("content/news/bad.md:1:1: the file has no front matter");
    let page = get(&addr, "/");
    assert!(page.starts_with("HTTP/1.1 404") && page.contains("live.js"), "{page}");
    std::fs::remove_file(site.root().join("content/news/bad.md")).unwrap();
    run.wait_line("Built 2 notices");
    let _ = PathBuf::new();
    assert!(get(&addr, "/").contains("First notice"));
}

#[test]
fn watch_publishes_an_embargoed_notice_when_its_time_comes() {
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    let site = site().notice(
        "news/held.md",
        &format!("title = \"Held notice\"\ndate = 2021-01-03\npublish_at = \"{at}\""),
        "Embargoed text.\n",
    );
    let root = site.root().to_path_buf();
    let mut run = Running::start(&root, &["watch"]);
    let first = run.wait_line("Watching");
    let home = root.join("public/index.html");
    assert!(!std::fs::read_to_string(&home).unwrap().contains("Held notice"), "leaked before its time: {first}");
    run.wait_line("content/news/held.md goes live at");
    // No file changes: the clock alone rebuilds the site.
    wait_file(&home, |t| t.contains("Held notice"));
    wait_file(&root.join("public/news/held-notice/index.html"), |t| t.contains("Embargoed text."));
    run.wait_line("an embargo lifted or a notice expired");
}

/// The status code of an HTTP answer.
fn status(answer: &str) -> u16 {
    answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[test]
fn serve_answers_1000_requests_from_100_connections_while_rebuilding() {
    let site = site();
    let (mut run, addr) = serve(&site, &[]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // An editor saving over and over while readers load pages.
    let editor = {
        let (stop, root) = (stop.clone(), site.root().to_path_buf());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                std::fs::write(
                    root.join("content/news/a.md"),
                    notice("First notice", "\"alpha\"", &format!("Edit number {n}.")),
                )
                .unwrap();
                std::thread::sleep(Duration::from_millis(40));
            }
            n
        })
    };
    let paths = ["/", "/news/first-notice/", "/tags/alpha/", "/style.css", "/atom.xml", "/no/such/page/"];
    let clients: Vec<_> = (0..100)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                (0..10)
                    .map(|j| {
                        let path = paths[(i + j) % paths.len()];
                        let answer = get(&addr, path);
                        (path, status(&answer))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let answers: Vec<(&str, u16)> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let edits = editor.join().unwrap();
    assert_eq!(answers.len(), 1000);
    for (path, code) in &answers {
        let expected = if *path == "/no/such/page/" { 404 } else { 200 };
        assert_eq!(*code, expected, "{path}");
    }
    assert!(edits > 3, "only {edits} edits were made");
    run.wait_line("Rebuilt in");
    // Still up, and showing the last edit.
    let last = format!("Edit number {edits}.");
    let deadline = Instant::now() + TIMEOUT;
    while !get(&addr, "/news/first-notice/").contains(&last) {
        assert!(Instant::now() < deadline, "the last edit never showed");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_refuses_over_long_and_malformed_requests_with_400_or_404() {
    let site = site();
    let (_run, addr) = serve(&site, &[]);
    let long_path = format!("/{}", "a".repeat(6000));
    let long_segments = "/x".repeat(3000);
    for (name, request) in [
        ("a long path", format!("GET {long_path} HTTP/1.1\r\nHost: localhost\r\n\r\n")),
        ("many segments", format!("GET {long_segments} HTTP/1.1\r\nHost: localhost\r\n\r\n")),
        ("a long encoded path", format!("GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n", "%2e".repeat(2000))),
        ("no version", "GET /\r\n\r\n".to_owned()),
        ("tabs", "GET\t/\tHTTP/1.1\r\n\r\n".to_owned()),
        ("absolute form", "GET http://evil.example/../../etc/passwd HTTP/1.1\r\n\r\n".to_owned()),
        ("bad escape", "GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n".to_owned()),
        ("control bytes", "GET /\u{1}\u{7f} HTTP/1.1\r\nHost: localhost\r\n\r\n".to_owned()),
    ] {
        let answer = raw(&addr, request.as_bytes());
        assert!([400, 404].contains(&status(&answer)), "{name}: {answer:.200}");
        assert!(!answer.contains("root:x:0:0"), "{name} leaked");
    }
    assert!(get(&addr, "/").starts_with("HTTP/1.1 200"));
}

#[test]
fn serve_answers_only_its_own_names_against_dns_rebinding() {
    let site = site();
    let (_run, addr) = serve(&site, &[]);
    let port = addr.rsplit(':').next().unwrap().to_owned();
    let with_host =
        |path: &str, host: &str| raw(&addr, format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
    // A page that made evil.example resolve to 127.0.0.1 sends its own name: refused,
    // pages, the script and the live-reload stream alike.
    for host in ["evil.example", &format!("evil.example:{port}"), "127.0.0.1.evil.example", "localhost.evil.example"] {
        for path in ["/", "/news/first-notice/", "/__gazette/live.js", "/__gazette/events"] {
            let answer = with_host(path, host);
            assert_eq!(status(&answer), 421, "{host} {path}: {answer:.300}");
            assert!(answer.contains("evil.example"), "{answer}");
            assert!(!answer.contains("First notice") && !answer.contains("EventSource"), "{host} {path} leaked");
        }
    }
    // The names of this machine's loopback address are fine, with or without the port.
    for host in [
        addr.as_str(),
        "127.0.0.1",
        "localhost",
        &format!("localhost:{port}"),
        "LocalHost",
        &format!("preview.localhost:{port}"),
        &format!("[::1]:{port}"),
        "[::1]",
    ] {
        assert_eq!(status(&with_host("/", host)), 200, "{host}");
    }
    // No Host at all, or two of them: malformed (HTTP/1.1 requires exactly one).
    assert_eq!(status(&raw(&addr, b"GET / HTTP/1.1\r\n\r\n")), 400);
    assert_eq!(status(&raw(&addr, b"GET / HTTP/1.0\r\n\r\n")), 400);
    let two = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nHost: evil.example\r\n\r\n");
    assert_eq!(status(&raw(&addr, two.as_bytes())), 400);
}

#[test]
fn watch_writes_the_whole_site_again_when_its_output_folder_is_deleted() {
    let site = site();
    let root = site.root().to_path_buf();
    let out = root.join("public");
    let mut run = Running::start(&root, &["watch"]);
    run.wait_line("Watching");
    let (home, edited, untouched) =
        (out.join("index.html"), out.join("news/first-notice/index.html"), out.join("news/second-notice/index.html"));
    wait_file(&untouched, |t| t.contains("Other text."));
    // Gone at once (a slow `rm -r` may be seen half-way, and then again when it ends).
    let delete = |dir: &Path| {
        let aside = root.join("deleted");
        std::fs::rename(dir, &aside).unwrap();
        std::fs::remove_dir_all(&aside).unwrap();
    };

    // Deleted, and nothing else happens: it comes back by itself.
    delete(&out);
    wait_file(&home, |t| t.contains("Second notice"));
    wait_file(&edited, |t| t.contains("Original text."));
    wait_file(&untouched, |t| t.contains("Other text."));
    wait_file(&out.join("tags/beta/index.html"), |t| t.contains("Second notice"));
    wait_file(&out.join("style.css"), |_| true);
    run.wait_line("Built 2 notices");

    // Deleted, then a notice saved: the whole site, not just the pages of the edit.
    delete(&out);
    site.write("content/news/a.md", &notice("First notice", "\"alpha\"", "Edited after the deletion."));
    wait_file(&edited, |t| t.contains("Edited after the deletion."));
    wait_file(&untouched, |t| t.contains("Other text."));
    wait_file(&home, |t| t.contains("Second notice"));
    wait_file(&out.join("tags/beta/index.html"), |t| t.contains("Second notice"));

    // Part of it deleted: the same.
    delete(&out.join("tags"));
    wait_file(&out.join("tags/beta/index.html"), |t| t.contains("Second notice"));
    // Once back, it is left alone: no rebuild after rebuild.
    std::thread::sleep(Duration::from_millis(2500));
    while let Ok(line) = run.lines.try_recv() {
        run.seen.push(line);
    }
    let rebuilt = run.seen.iter().filter(|l| l.contains("the output folder")).count();
    assert_eq!(rebuilt, 3, "{}", run.seen.join("\n"));
}

#[test]
fn serve_writes_the_whole_preview_again_when_its_folder_is_deleted() {
    let site = site();
    let (_run, addr) = serve(&site, &[]);
    assert_eq!(status(&get(&addr, "/news/second-notice/")), 200);
    std::fs::remove_dir_all(site.root().join(".gazette/preview")).unwrap();
    let deadline = Instant::now() + TIMEOUT;
    while status(&get(&addr, "/news/second-notice/")) != 200 {
        assert!(Instant::now() < deadline, "the preview never came back");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(get(&addr, "/").contains("Second notice"));
    assert!(get(&addr, "/news/first-notice/").contains("Original text."));
    assert_eq!(status(&get(&addr, "/style.css")), 200);
}
