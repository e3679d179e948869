//! A small fluent harness: `TestSite::new().notice(...).build().page("/tags/")`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;

pub const SITE_TOML: &str = "title = \"Test Bureau\"\nbase_url = \"https://news.example.gov\"\ntimezone = \"Asia/Shanghai\"\npublisher = \"Test Bureau Press Office\"\n";

/// A site in a temporary folder.
pub struct TestSite {
    // Shared with the builds, so a build's output outlives a temporary `TestSite`.
    dir: Rc<tempfile::TempDir>,
}

impl TestSite {
    /// A site with a minimal site.toml and no content. Search is off (it costs a tenth of a
    /// second a build in tests); `TestSite::with_search` turns it on.
    pub fn new() -> Self {
        let site = TestSite { dir: Rc::new(tempfile::tempdir().expect("temp dir")) };
        site.write("site.toml", &format!("{SITE_TOML}search = false\n"));
        site.write("content/.keep", "");
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// A site like [`TestSite::new`] with search on.
    pub fn with_search() -> Self {
        let site = TestSite::new();
        site.write("site.toml", SITE_TOML);
        site
    }

    /// Adds lines to site.toml.
    pub fn config(self, toml: &str) -> Self {
        let mut text = std::fs::read_to_string(self.root().join("site.toml")).unwrap();
        text.push_str(toml);
        self.write("site.toml", &text);
        self
    }

    /// Adds a notice at `content/{rel}` with TOML front matter lines `fm` and `body`.
    pub fn notice(self, rel: &str, fm: &str, body: &str) -> Self {
        self.write(&format!("content/{rel}"), &format!("+++\n{fm}\n+++\n{body}"));
        self
    }

    pub fn file(self, rel: &str, text: &str) -> Self {
        self.write(rel, text);
        self
    }

    /// Runs `gazette build --root <site>` plus `args`, in-process.
    pub fn build_with(&self, args: &[&str]) -> Built {
        let mut argv = vec!["gazette".to_owned(), "build".into(), "--root".into(), self.root().display().to_string()];
        argv.extend(args.iter().map(|s| s.to_string()));
        let result = gazette::run(argv);
        let output = match args.iter().position(|a| *a == "--output") {
            Some(i) => PathBuf::from(args[i + 1]),
            None => self.root().join("public"),
        };
        Built { output, root: self.root().to_path_buf(), error: result.err(), _dir: self.dir.clone() }
    }

    pub fn build(&self) -> Built {
        self.build_with(&[])
    }

    /// The output folder `output`, written some other way (by a `Project`, say), to check.
    pub fn built_at(&self, output: PathBuf) -> Built {
        Built { output, root: self.root().to_path_buf(), error: None, _dir: self.dir.clone() }
    }

    /// Runs the real binary with `args` (the site's root is the working folder).
    pub fn run_binary(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_gazette")).args(args).current_dir(self.root()).output().unwrap();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// The result of a build.
pub struct Built {
    pub output: PathBuf,
    root: PathBuf,
    pub error: Option<gazette::Error>,
    _dir: Rc<tempfile::TempDir>,
}

impl Built {
    /// Asserts the build succeeded.
    #[track_caller]
    pub fn ok(self) -> Self {
        if let Some(e) = &self.error {
            panic!("build failed:\n{e}");
        }
        self
    }

    /// Asserts the build failed with a site error and returns its message, with paths shown
    /// relative to the site's root.
    #[track_caller]
    pub fn err(self) -> String {
        match self.error {
            Some(e @ gazette::Error::Site(_)) => e.to_string().replace(&format!("{}/", self.root.display()), ""),
            Some(e) => panic!("expected problems in the site, got: {e:?}"),
            None => panic!("the build succeeded but should have failed"),
        }
    }

    /// Asserts the build failed because of the command line and returns its message.
    #[track_caller]
    pub fn usage(self) -> String {
        match self.error {
            Some(gazette::Error::Usage(m)) => m,
            other => panic!("expected a usage error, got: {other:?}"),
        }
    }

    /// The page at site path `path` (`/`, `/tags/`, `/404.html`).
    #[track_caller]
    pub fn page(&self, path: &str) -> Page {
        let rel = path.trim_start_matches('/');
        let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() };
        let full = self.output.join(&file);
        let html =
            std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("no page {path} ({}): {e}", full.display()));
        Page { path: path.to_owned(), html }
    }

    pub fn exists(&self, path: &str) -> bool {
        self.output.join(path.trim_start_matches('/')).exists()
    }

    /// Every file of the output, by relative path.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.output)
    }
}

pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// A rendered page.
pub struct Page {
    pub path: String,
    pub html: String,
}

impl Page {
    #[track_caller]
    pub fn has(&self, needle: &str) -> &Self {
        assert!(self.html.contains(needle), "{} lacks {needle:?}:\n{}", self.path, self.html);
        self
    }

    #[track_caller]
    pub fn lacks(&self, needle: &str) -> &Self {
        assert!(!self.html.contains(needle), "{} should not contain {needle:?}:\n{}", self.path, self.html);
        self
    }

    /// Asserts `needles` appear in this order.
    #[track_caller]
    pub fn in_order(&self, needles: &[&str]) -> &Self {
        let mut from = 0;
        for n in needles {
            match self.html[from..].find(n) {
                Some(i) => from += i + n.len(),
                None => panic!("{} lacks {n:?} after the previous ones ({needles:?}):\n{}", self.path, self.html),
            }
        }
        self
    }

    /// How many times `needle` occurs.
    pub fn count(&self, needle: &str) -> usize {
        self.html.matches(needle).count()
    }

    /// The inner text of the first `<{tag} …>` element whose opening tag contains `marker`.
    pub fn element(&self, tag: &str, marker: &str) -> String {
        let open = format!("<{tag}");
        let mut from = 0;
        while let Some(i) = self.html[from..].find(&open) {
            let start = from + i;
            let tag_end = start + self.html[start..].find('>').unwrap();
            if self.html[start..tag_end].contains(marker) {
                let close = format!("</{tag}>");
                let end = tag_end + self.html[tag_end..].find(&close).unwrap();
                return self.html[tag_end + 1..end].to_owned();
            }
            from = tag_end;
        }
        panic!("{} has no <{tag}> with {marker:?}", self.path)
    }
}

/// An image of `width` × `height` in `format`, with a gradient so that it compresses like a
/// photo.
pub fn photo(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

/// What a project at `root` is built with by default in these tests: its own output
/// folder, no drafts, the clock, search written with the pages, no build cache.
pub fn options(root: &Path) -> gazette::project::Options {
    gazette::project::Options {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        now: None,
        mode: gazette::project::Mode::Publish,
        cache: false,
    }
}

/// How the tree `got` differs from `want`: missing, extra and differing files; `None` if
/// they are the same.
pub fn tree_difference(want: &BTreeMap<String, Vec<u8>>, got: &BTreeMap<String, Vec<u8>>) -> Option<String> {
    let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    let differ: Vec<&String> = want.keys().filter(|k| got.get(*k).is_some_and(|g| g != &want[*k])).collect();
    (!missing.is_empty() || !extra.is_empty() || !differ.is_empty())
        .then(|| format!("missing {missing:?}\nextra {extra:?}\ndiffer {differ:?}"))
}

/// How long `watch` and `serve` tests wait for what they expect.
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// A running `gazette` process, killed when dropped; its output lines arrive on `lines`.
pub struct Running {
    child: std::process::Child,
    pub lines: std::sync::mpsc::Receiver<String>,
    /// The lines read so far.
    pub seen: Vec<String>,
}

impl Running {
    pub fn start(dir: &Path, args: &[&str]) -> Running {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(args)
            .current_dir(dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in std::io::BufRead::lines(std::io::BufReader::new(stream)).map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Running { child, lines, seen: Vec::new() }
    }

    /// Waits for an output line containing `needle`; returns it.
    pub fn wait_line(&mut self, needle: &str) -> String {
        if let Some(l) = self.seen.iter().find(|l| l.contains(needle)) {
            return l.clone();
        }
        let deadline = std::time::Instant::now() + TIMEOUT;
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with {needle:?} within {TIMEOUT:?}; saw:\n{}", self.seen.join("\n"));
    }

    /// The preview's address, from the "Serving … at http://…/" line.
    pub fn address(&mut self) -> String {
        let line = self.wait_line("Serving ");
        let url = line.split("http://").nth(1).unwrap();
        url.split('/').next().unwrap().to_owned()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
