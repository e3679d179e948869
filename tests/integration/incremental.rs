//! Incremental rebuilds give exactly the output of a full build: random sequences of the
//! edits press staff make, each applied to a site, rebuilt in place through the watcher's
//! classification, and compared byte for byte with a fresh full build.

use std::path::{Path, PathBuf};

use gazette::project::{Options, Project};
use gazette::watch::Layout;

use crate::harness::{TestSite, tree};

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SECTIONS: &[&str] = &["meetings", "policy", "announcements"];
const TAGS: &[&str] = &["veterans", "Pensions", "pensions", "housing", "就业", "training"];
const PEOPLE: &[&str] = &["Li Yang", "李阳", "Chen Wei", "Han Ting", "Yang Rui"];

#[derive(Clone)]
struct Notice {
    path: String,
    title: String,
    day: usize,
    tags: Vec<String>,
    byline: String,
    body: String,
    draft: bool,
}

impl Notice {
    fn text(&self) -> String {
        let tags: Vec<String> = self.tags.iter().map(|t| format!("\"{t}\"")).collect();
        format!(
            "+++\ntitle = \"{}\"\ndate = 2021-{:02}-{:02}\ntags = [{}]\nbyline = \"{}\"\neditors = [\"Han Ting\"]\ndraft = {}\n+++\n{}\n",
            self.title,
            self.day / 28 + 1,
            self.day % 28 + 1,
            tags.join(", "),
            self.byline,
            self.draft,
            self.body
        )
    }
}

struct World {
    site: TestSite,
    notices: Vec<Notice>,
    next_id: usize,
    /// The site is in English and Chinese: about half the notices are in Chinese, some of
    /// them named after an English one, which they then translate.
    two_languages: bool,
}

/// site.toml's table of the second language, for a world in two languages.
const LANGUAGES: &str = "[languages.zh-Hans]\ntitle = \"中文新闻\"\n";

impl World {
    fn new(rng: &mut Rng) -> World {
        World::with(rng, false)
    }

    fn with(rng: &mut Rng, two_languages: bool) -> World {
        let site = TestSite::new().config("paginate = 2\n");
        if two_languages {
            site.write("content/meetings/_index.zh-Hans.md", "+++\ntitle = \"会议\"\n+++\n");
        }
        let site = if two_languages { site.config(LANGUAGES) } else { site };
        let mut world = World { site, notices: Vec::new(), next_id: 0, two_languages };
        for _ in 0..7 {
            world.add(rng);
        }
        world.site.write("content/meetings/_index.md", "+++\ntitle = \"Meetings\"\norder = 1\n+++\n");
        world
    }

    fn new_notice(&mut self, rng: &mut Rng) -> Notice {
        self.next_id += 1;
        let id = self.next_id;
        let mut path = format!("{}/n{id}.md", rng.pick(SECTIONS));
        if self.two_languages && rng.below(2) == 0 {
            path = path.replace(".md", ".zh-Hans.md");
            if let Some(original) = self.notices.get(rng.below(self.notices.len() + 1)) {
                let translation = original.path.replace(".zh-Hans.md", ".md").replace(".md", ".zh-Hans.md");
                if !self.notices.iter().any(|n| n.path == translation) {
                    path = translation;
                }
            }
        }
        Notice {
            path,
            title: format!("Notice number {id}"),
            day: rng.below(300),
            tags: (0..rng.below(3) + 1).map(|_| rng.pick(TAGS).to_string()).collect(),
            byline: rng.pick(PEOPLE).to_string(),
            body: format!("Body of notice {id}. It says something.\n\n## Details\n\nMore text {}.", rng.below(1000)),
            draft: false,
        }
    }

    fn write(&self, n: &Notice) -> PathBuf {
        self.site.write(&format!("content/{}", n.path), &n.text());
        self.site.root().join("content").join(&n.path)
    }

    fn add(&mut self, rng: &mut Rng) -> Vec<PathBuf> {
        let n = self.new_notice(rng);
        let p = self.write(&n);
        self.notices.push(n);
        vec![p]
    }

    /// Applies one random edit; returns the paths a watcher would report.
    fn edit(&mut self, rng: &mut Rng) -> (&'static str, Vec<PathBuf>) {
        let root = self.site.root().to_path_buf();
        if self.notices.len() < 3 {
            return ("add", self.add(rng));
        }
        let i = rng.below(self.notices.len());
        match rng.below(13) {
            0 => {
                self.notices[i].body.push_str(&format!("\n\nAdded paragraph {}.", rng.below(1000)));
                ("body", vec![self.write(&self.notices[i].clone())])
            }
            1 => {
                self.notices[i].title = format!("Renamed title {}", rng.below(1000));
                ("title", vec![self.write(&self.notices[i].clone())])
            }
            2 => {
                let tag = rng.pick(TAGS).to_string();
                let n = &mut self.notices[i];
                if n.tags.contains(&tag) && n.tags.len() > 1 {
                    n.tags.retain(|t| *t != tag);
                } else {
                    n.tags.push(tag);
                }
                ("tags", vec![self.write(&self.notices[i].clone())])
            }
            3 => {
                self.notices[i].day = rng.below(300);
                ("date", vec![self.write(&self.notices[i].clone())])
            }
            4 => {
                let n = self.notices.remove(i);
                let p = root.join("content").join(&n.path);
                std::fs::remove_file(&p).unwrap();
                ("delete", vec![p])
            }
            5 => ("add", self.add(rng)),
            6 => {
                // A move to another section, the way a file manager does it: one rename.
                let from = root.join("content").join(&self.notices[i].path);
                let name = self.notices[i].path.rsplit('/').next().unwrap().to_owned();
                self.notices[i].path = format!("{}/{name}", rng.pick(SECTIONS));
                let to = root.join("content").join(&self.notices[i].path);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::rename(&from, &to).unwrap();
                ("move", vec![from, to])
            }
            7 => {
                self.notices[i].draft = !self.notices[i].draft;
                ("draft", vec![self.write(&self.notices[i].clone())])
            }
            8 => {
                self.notices[i].byline = rng.pick(PEOPLE).to_string();
                ("byline", vec![self.write(&self.notices[i].clone())])
            }
            9 => {
                let title = format!("Meetings and conferences {}", rng.below(100));
                self.site.write("content/meetings/_index.md", &format!("+++\ntitle = \"{title}\"\norder = 1\n+++\n"));
                ("section", vec![root.join("content/meetings/_index.md")])
            }
            10 => {
                let p = root.join("templates/tag.html");
                if p.exists() {
                    std::fs::remove_file(&p).unwrap();
                } else {
                    self.site.write(
                        "templates/tag.html",
                        "<h1>{{ tag.name }}</h1>{% for n in paginator.notices %}{{ n.title }};{% endfor %}",
                    );
                }
                ("template", vec![p])
            }
            11 => {
                self.site.write("static/site.css", &format!("body {{ margin: {}px }}", rng.below(100)));
                ("static", vec![root.join("static/site.css")])
            }
            _ => {
                self.site.write(
                    "site.toml",
                    &format!(
                        "{}paginate = {}\nsearch = {}\n{}",
                        crate::harness::SITE_TOML,
                        1 + rng.below(3),
                        rng.below(2) == 0,
                        if self.two_languages { LANGUAGES } else { "" }
                    ),
                );
                ("config", vec![root.join("site.toml")])
            }
        }
    }
}

fn full_build(root: &Path, out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut fresh = Project::new(Options { output: Some(out.into()), ..crate::harness::options(root) }).unwrap();
    fresh.build(false).unwrap_or_else(|e| panic!("full build failed: {e}"));
    tree(out)
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    rebuilds_equal_full_builds(false);
}

#[test]
fn incremental_rebuilds_of_a_site_in_two_languages_equal_full_builds() {
    rebuilds_equal_full_builds(true);
}

fn rebuilds_equal_full_builds(two_languages: bool) {
    // Steps at which a Chinese notice translated an English one.
    let mut translated = 0;
    for seed in 1..=6 {
        let mut rng = Rng(seed);
        let mut world = World::with(&mut rng, two_languages);
        let root = world.site.root().to_path_buf();
        let output = root.join("public");
        let reference = tempfile::tempdir().unwrap();
        let mut project = Project::new(crate::harness::options(&root)).unwrap();
        project.build(true).unwrap();
        let layout = Layout { root: root.clone(), output: output.clone(), theme: "bureau".into() };
        let mut history = Vec::new();
        for step in 0..14 {
            let (what, paths) = world.edit(&mut rng);
            history.push(what);
            let change = layout.change(paths.iter().map(PathBuf::as_path));
            let report = project.rebuild(&change).unwrap_or_else(|e| panic!("seed {seed} step {step} ({what}): {e}"));
            let want = full_build(&root, &reference.path().join(format!("full-{step}")));
            if let Some(difference) = crate::harness::tree_difference(&want, &tree(&output)) {
                panic!("seed {seed}, after {history:?} ({report:?}):\n{difference}");
            }
            let paths: Vec<&str> = world.notices.iter().map(|n| n.path.as_str()).collect();
            translated += paths
                .iter()
                .filter(|p| paths.contains(&p.replace(".zh-Hans.md", ".md").as_str()) && p.contains(".zh-Hans"))
                .count()
                .min(1);
        }
    }
    assert!(!two_languages || translated >= 10, "translations at only {translated} steps");
}

#[test]
fn a_body_edit_rewrites_only_the_pages_that_show_it() {
    let site = TestSite::new()
        .config("feed_formats = [\"atom\"]\nfeed_content = \"full\"\n")
        .notice("news/a.md", "title = \"A\"\ndate = 2021-01-01\ntags = [\"x\"]", "First body.\n\n## Part\n\nMore.\n")
        .notice("news/b.md", "title = \"B\"\ndate = 2021-01-02\ntags = [\"y\"]", "Other body.\n");
    let root = site.root().to_path_buf();
    let mut project = Project::new(crate::harness::options(&root)).unwrap();
    project.build(false).unwrap();
    let layout = Layout { root: root.clone(), output: root.join("public"), theme: "bureau".into() };

    // A change below the first paragraph shows only on the notice's own page and in the
    // feeds that carry its full text: the site's, its section's and its tag's.
    site.write(
        "content/news/a.md",
        "+++\ntitle = \"A\"\ndate = 2021-01-01\ntags = [\"x\"]\n+++\nFirst body.\n\n## Part\n\nChanged.\n",
    );
    let report = project.rebuild(&layout.change([root.join("content/news/a.md").as_path()])).unwrap();
    assert_eq!((report.rendered, report.written, report.full), (4, 4, false), "{report:?}");

    // A change to the summary shows in every listing of the notice too.
    site.write(
        "content/news/a.md",
        "+++\ntitle = \"A\"\ndate = 2021-01-01\ntags = [\"x\"]\n+++\nNew first body.\n\n## Part\n\nChanged.\n",
    );
    let report = project.rebuild(&layout.change([root.join("content/news/a.md").as_path()])).unwrap();
    // The notice, home, its section, its tag, its year, and its neighbour's page (whose
    // previous/next link shows only title and URL, so it renders equal and is not written),
    // and the three feeds it is in.
    assert_eq!((report.rendered, report.written, report.pages), (9, 8, 18), "{report:?}");

    // Nothing changed: nothing rendered, nothing written.
    let report = project.rebuild(&layout.change([root.join("content/news/b.md").as_path()])).unwrap();
    assert_eq!((report.rendered, report.written), (0, 0), "{report:?}");
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_output_and_recovers() {
    let site = TestSite::new().notice("news/a.md", "title = \"A\"\ndate = 2021-01-01", "Good.\n");
    let root = site.root().to_path_buf();
    let mut project = Project::new(crate::harness::options(&root)).unwrap();
    project.build(false).unwrap();
    let before = tree(&root.join("public"));
    let layout = Layout { root: root.clone(), output: root.join("public"), theme: "bureau".into() };
    let path = root.join("content/news/a.md");

    site.write("content/news/a.md", "+++\ntitle = \"A\"\ndate = 2021-02-30\n+++\nBroken.\n");
    let err = project.rebuild(&layout.change([path.as_path()])).unwrap_err().to_string();
    assert!(err.contains("content/news/a.md:3:8: `2021-02-30` is not a date"), "{err}");
    assert_eq!(tree(&root.join("public")), before);

    site.write("templates/notice.html", "{{ nope }}");
    site.write("content/news/a.md", "+++\ntitle = \"A\"\ndate = 2021-01-01\n+++\nFixed.\n");
    let err =
        project.rebuild(&layout.change([path.as_path(), root.join("templates/notice.html").as_path()])).unwrap_err();
    assert!(err.to_string().contains("Variable `nope` is not defined"), "{err}");
    assert_eq!(tree(&root.join("public")), before);

    std::fs::remove_file(root.join("templates/notice.html")).unwrap();
    project.rebuild(&layout.change([root.join("templates/notice.html").as_path()])).unwrap();
    let page = std::fs::read_to_string(root.join("public/news/a/index.html")).unwrap();
    assert!(page.contains("<p>Fixed.</p>"), "{page}");
}

/// Runs `gazette build` as a fresh process would: a new project, with the build cache.
fn cached_build(root: &Path) -> gazette::project::Report {
    try_cached_build(root).unwrap_or_else(|e| panic!("cached build failed: {e}"))
}

fn try_cached_build(root: &Path) -> Result<gazette::project::Report, gazette::Error> {
    let mut project = Project::new(Options { cache: true, ..crate::harness::options(root) }).unwrap();
    project.build(false)
}

/// Changes the output folder behind the builds' back, as people and tools do. Returns what it
/// did, and a file it put there that Gazette did not write (which the next build must refuse
/// to remove).
fn tamper(output: &Path, rng: &mut Rng) -> (&'static str, Option<PathBuf>) {
    let files: Vec<String> = tree(output).into_keys().filter(|f| f != ".gazette-output").collect();
    let file = output.join(rng.pick(&files));
    match rng.below(5) {
        0 => {
            std::fs::write(&file, "edited by hand").unwrap();
            ("edit a file", None)
        }
        1 => {
            std::fs::remove_file(&file).unwrap();
            ("remove a file", None)
        }
        2 => {
            std::fs::write(output.join("notes.txt"), "not ours").unwrap();
            ("add a file", Some(output.join("notes.txt")))
        }
        3 => {
            std::fs::create_dir_all(output.join("old/empty")).unwrap();
            ("add an empty folder", None)
        }
        _ => {
            std::fs::remove_file(&file).unwrap();
            let elsewhere = output.parent().unwrap().join("elsewhere.txt");
            std::fs::write(&elsewhere, "a file of the user's").unwrap();
            std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
            ("replace a file with a link", Some(file))
        }
    }
}

#[test]
fn cached_builds_equal_full_builds() {
    let mut in_place = 0;
    for seed in 1..=4 {
        let mut rng = Rng(seed + 100);
        let mut world = World::new(&mut rng);
        let root = world.site.root().to_path_buf();
        let output = root.join("public");
        let reference = tempfile::tempdir().unwrap();
        cached_build(&root);
        let mut history = Vec::new();
        for step in 0..12 {
            // Sometimes nothing changed at all; sometimes the output folder was touched.
            match rng.below(6) {
                0 => history.push("nothing"),
                1 => {
                    let (what, foreign) = tamper(&output, &mut rng);
                    history.push(what);
                    if let Some(foreign) = foreign {
                        // Not Gazette's: the build stops, touching nothing, and says which.
                        let before = tree(&output);
                        let err = try_cached_build(&root).unwrap_err().to_string();
                        let name = foreign.strip_prefix(&output).unwrap().to_string_lossy().into_owned();
                        assert!(err.contains(&format!("`{name}`")), "seed {seed}, after {history:?}: {err}");
                        assert!(crate::harness::tree_difference(&before, &tree(&output)).is_none());
                        std::fs::remove_file(&foreign).unwrap();
                    }
                }
                _ => history.push(world.edit(&mut rng).0),
            }
            let report = cached_build(&root);
            let want = full_build(&root, &reference.path().join(format!("full-{step}")));
            if let Some(difference) = crate::harness::tree_difference(&want, &tree(&output)) {
                panic!("seed {seed}, after {history:?} ({report:?}):\n{difference}");
            }
            let folders = |dir: &Path| -> Vec<PathBuf> {
                walkdir::WalkDir::new(dir)
                    .into_iter()
                    .map(|e| e.unwrap())
                    .filter(|e| e.file_type().is_dir())
                    .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
                    .collect()
            };
            let mut want_dirs = folders(&reference.path().join(format!("full-{step}")));
            let mut got_dirs = folders(&output);
            want_dirs.sort();
            got_dirs.sort();
            assert_eq!(got_dirs, want_dirs, "seed {seed}, after {history:?}: the folders differ");
            if history.last() == Some(&"nothing") && report.pages > 0 {
                assert_eq!(report.rendered, 0, "seed {seed}, after {history:?}: nothing changed, yet {report:?}");
            }
            in_place += usize::from(!report.full);
        }
    }
    assert!(in_place >= 24, "only {in_place} of 48 builds used the cache");
}
