//! A site held in memory between builds. [`Project::build`] writes the whole site into a
//! staging folder swapped in at the end (what `gazette build` does); [`Project::rebuild`]
//! applies a [`Change`] (what `watch` and `serve` do): it re-reads only the files that
//! changed, recomputes the model and the plan, and renders only the pages whose fingerprint
//! changed, writing only the files whose bytes changed. Either way a failure leaves the
//! output as it was.

mod checks;
mod write;

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::content::{LoadContext, Sources};
use crate::markdown::Renderer;
use crate::plan::{self, PageJob};
use crate::render::{Engine, PageData, RefCache};
use crate::site::Site;
use crate::theme::Theme;
use crate::{Diagnostic, Error, fs};

/// How to build.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// The output folder; `None` for `output_dir` in site.toml.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What changed since the last build, as the watcher saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// site.toml: everything is read again.
    pub config: bool,
    /// A template: every page is rendered again.
    pub templates: bool,
    /// A static file of the site or its theme.
    pub statics: bool,
    /// Markdown files under `content/` that changed, were created or removed.
    pub content: Vec<String>,
    /// Something under `content/` that is not a Markdown file (a folder moved, say): list the
    /// folder again.
    pub rescan: bool,
}

impl Change {
    pub fn everything() -> Change {
        Change { config: true, ..Change::default() }
    }

    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }
}

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub notices: usize,
    pub drafts_skipped: usize,
    pub pages: usize,
    /// Pages rendered (all of them in a full build).
    pub rendered: usize,
    /// Files written or removed in the output folder.
    pub written: usize,
    pub removed: usize,
    pub static_files: usize,
    /// Only stylesheets changed: a browser can swap them without reloading the page.
    pub css_only: bool,
    pub full: bool,
    pub elapsed: Duration,
    /// How long each phase took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub output: PathBuf,
}

/// Times the phases of a build.
struct Laps {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn start() -> Laps {
        Laps { last: Instant::now(), laps: Vec::new() }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
}

/// Configuration, theme and compiled templates: what everything else is read with.
struct Setup {
    config: Config,
    theme: Theme,
    renderer: Renderer,
    engine: Engine,
    output: PathBuf,
}

pub struct Project {
    opts: Options,
    setup: Option<Setup>,
    sources: Sources,
    /// What the output folder holds from our builds, by file.
    written: write::Written,
    refs: RefCache,
    /// The model and plan of the last good build, kept for the next rebuild.
    last: Option<Built>,
}

/// A good build's model, plan and page fingerprints.
struct Built {
    data: PageData,
    jobs: Vec<PageJob>,
    global: u64,
    fingerprints: Vec<u64>,
    /// Notice source path → its entry, and entry → its page's job.
    entry_of: FxHashMap<String, usize>,
    job_of: Vec<usize>,
    memo: write::Memo,
}

impl Built {
    fn new(data: PageData, jobs: Vec<PageJob>, global: u64, written: &write::Written) -> Built {
        let fingerprints: Vec<u64> = jobs.iter().map(|j| written.fingerprint(&j.path).unwrap_or(0)).collect();
        let memo = jobs
            .iter()
            .zip(&fingerprints)
            .filter_map(|(j, &f)| data.inputs(j, global).map(|k| (j.path.clone(), (k, f))))
            .collect();
        let entry_of = data.site.entries.iter().enumerate().map(|(i, e)| (e.notice.rel_path.clone(), i)).collect();
        let mut job_of = vec![usize::MAX; data.site.entries.len()];
        for (j, job) in jobs.iter().enumerate() {
            if let plan::PageKind::Notice(i) = job.kind {
                job_of[i] = j;
            }
        }
        Built { data, jobs, global, fingerprints, entry_of, job_of, memo }
    }

    /// The model with the notices of `change` swapped for their new versions, if all they
    /// changed is their text: everything but a notice's body reaches other pages (through
    /// the model and the notice refs), and `head_hash` covers all of that. Returns the jobs to
    /// check: those notices' own pages.
    fn patch(mut self, change: &Change, sources: &Sources) -> Option<(Built, Vec<usize>)> {
        let content_only = !change.config && !change.templates && !change.statics && !change.rescan;
        if !content_only || change.content.is_empty() {
            return None;
        }
        let mut swaps = Vec::with_capacity(change.content.len());
        for rel in &change.content {
            let new = sources.notice(rel)?;
            let &i = self.entry_of.get(rel)?;
            let old = &self.data.site.entries[i].notice;
            if new.head_hash != old.head_hash {
                return None;
            }
            swaps.push((i, new));
        }
        // The data is ours alone between builds, so the model can change in place.
        let site = Arc::get_mut(&mut self.data.site)?;
        let mut jobs = Vec::with_capacity(swaps.len());
        for (i, notice) in swaps {
            site.entries[i].notice = notice;
            jobs.push(self.job_of[i]);
        }
        for &j in &jobs {
            self.fingerprints[j] = self.data.fingerprint(&self.jobs[j], self.global);
        }
        Some((self, jobs))
    }
}

/// Above this share of pages changed, a rebuild writes a fresh folder instead of in place.
const FULL_REBUILD_SHARE: f64 = 0.5;

impl Project {
    /// Checks the command line's part of `opts`; nothing is read yet.
    pub fn new(opts: Options) -> Result<Project, Error> {
        if !opts.root.is_dir() {
            return Err(Error::Usage(format!(
                "error: --root {}: no such folder\n\nA site's folder holds site.toml and content/; `gazette init DIR` creates one.",
                opts.root.display()
            )));
        }
        if let Some(url) = &opts.base_url {
            config::parse_base_url(url).map_err(|msg| Error::Usage(format!("error: --base-url: {msg}")))?;
        }
        Ok(Project {
            opts,
            setup: None,
            sources: Sources::default(),
            written: write::Written::default(),
            refs: RefCache::default(),
            last: None,
        })
    }

    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// The output folder, once site.toml has been read.
    pub fn output(&self) -> Option<&Path> {
        self.setup.as_ref().map(|s| s.output.as_path())
    }

    /// The theme's name, once site.toml has been read.
    pub fn theme(&self) -> Option<&str> {
        self.setup.as_ref().map(|s| s.config.theme.as_str())
    }

    /// Reads everything and writes the whole site into a fresh folder swapped in at the end.
    /// The previous output is removed right away, or by a background thread when
    /// `background_cleanup` (for long-running commands).
    pub fn build(&mut self, background_cleanup: bool) -> Result<Report, Error> {
        let started = Instant::now();
        let mut laps = Laps::start();
        self.last = None;
        self.prepare(&Change::everything())?;
        laps.lap("load");
        let setup = self.setup.as_mut().expect("prepared above");
        let (site, jobs) = model(&self.opts, setup, &self.sources, &mut laps)?;
        let global = global_hash(setup, &site);
        let data = PageData::new(Arc::new(site), &mut self.refs);
        laps.lap("refs");
        let written =
            write::full(&setup.output, &setup.engine, &data, &jobs, global, &setup.theme, background_cleanup)?;
        laps.lap("render and write");
        let report = Report {
            notices: data.site.entries.len(),
            drafts_skipped: data.site.drafts_skipped,
            pages: jobs.len(),
            rendered: jobs.len(),
            written: written.len(),
            removed: 0,
            static_files: setup.theme.statics.len(),
            css_only: false,
            full: true,
            elapsed: started.elapsed(),
            timings: laps.laps,
            output: setup.output.clone(),
        };
        self.written = written;
        self.last = Some(Built::new(data, jobs, global, &self.written));
        Ok(report)
    }

    /// Applies `change`: re-reads what changed and rewrites only the pages that differ.
    pub fn rebuild(&mut self, change: &Change) -> Result<Report, Error> {
        if self.setup.is_none() || self.last.is_none() {
            // Nothing trustworthy in memory or on disk yet: start from scratch.
            return self.build(true);
        }
        let started = Instant::now();
        let mut laps = Laps::start();
        let full_reload = change.config;
        let last = self.last.take();
        self.prepare(change)?;
        if full_reload {
            return self.build(true);
        }
        laps.lap("load");
        let setup = self.setup.as_mut().expect("prepared above");
        let mut last = last;
        let memo = last.as_mut().map(|l| std::mem::take(&mut l.memo)).unwrap_or_default();
        let (data, jobs, global, changed, fingerprints) = match last.and_then(|l| l.patch(change, &self.sources)) {
            // Only notices' texts changed: only their own pages can differ.
            Some((built, candidates)) => {
                let Built { data, jobs, global, fingerprints, .. } = built;
                let changed: Vec<usize> = candidates
                    .into_iter()
                    .filter(|&j| !self.written.is_current(&jobs[j].path, fingerprints[j]))
                    .collect();
                laps.lap("patch");
                (data, jobs, global, changed, fingerprints)
            }
            None => {
                let (site, jobs) = model(&self.opts, setup, &self.sources, &mut laps)?;
                let global = global_hash(setup, &site);
                let data = PageData::new(Arc::new(site), &mut self.refs);
                laps.lap("refs");
                let fingerprints: Vec<u64> =
                    write::fingerprints(&data, &jobs, global, &memo).into_iter().map(|(f, _)| f).collect();
                let changed: Vec<usize> =
                    (0..jobs.len()).filter(|&i| !self.written.is_current(&jobs[i].path, fingerprints[i])).collect();
                laps.lap("fingerprints");
                if changed.len() as f64 > FULL_REBUILD_SHARE * jobs.len() as f64 && changed.len() > 200 {
                    return self.build(true);
                }
                (data, jobs, global, changed, fingerprints)
            }
        };
        let outcome = write::in_place(
            &setup.output,
            &setup.engine,
            &data,
            &jobs,
            &fingerprints,
            &changed,
            &setup.theme,
            &mut self.written,
        )?;
        laps.lap("render and write");
        let report = Report {
            notices: data.site.entries.len(),
            drafts_skipped: data.site.drafts_skipped,
            pages: jobs.len(),
            rendered: changed.len(),
            written: outcome.written,
            removed: outcome.removed,
            static_files: setup.theme.statics.len(),
            css_only: outcome.css_only,
            full: false,
            elapsed: started.elapsed(),
            timings: laps.laps,
            output: setup.output.clone(),
        };
        self.last = Some(Built::new(data, jobs, global, &self.written));
        Ok(report)
    }

    /// Brings configuration, theme and sources up to date with `change`.
    fn prepare(&mut self, change: &Change) -> Result<(), Error> {
        let root = self.opts.root.clone();
        if change.config || self.setup.is_none() {
            // Anything read with the old configuration may now read differently.
            self.setup = None;
            self.written = write::Written::default();
            self.refs = RefCache::default();
            let setup = load_setup(&self.opts)?;
            self.sources =
                Sources::load(&LoadContext { root: &root, config: &setup.config, renderer: &setup.renderer });
            self.setup = Some(setup);
            return Ok(());
        }
        let setup = self.setup.as_mut().expect("checked above");
        if change.templates || change.statics {
            let theme = Theme::load(&root, &setup.config.theme).map_err(Error::Site)?;
            if change.templates {
                setup.engine = Engine::new(&theme, &setup.config).map_err(Error::Site)?;
            }
            setup.theme = theme;
        }
        let cx = LoadContext { root: &root, config: &setup.config, renderer: &setup.renderer };
        if change.rescan {
            self.sources.rescan(&cx, &change.content);
        } else if !change.content.is_empty() {
            self.sources.reload(&cx, &change.content);
        }
        Ok(())
    }
}

fn load_setup(opts: &Options) -> Result<Setup, Error> {
    let root = &opts.root;
    let config = Config::load(root, opts.base_url.as_deref())?;
    let output = match &opts.output {
        Some(o) => o.clone(),
        None => root.join(&config.output_dir),
    };
    if let Some(problem) = checks::output_folder(root, &output) {
        const HINT: &str =
            "write the site to its own folder, e.g. `output_dir = \"public\"` in site.toml or --output public";
        // A folder named on the command line is a usage mistake; one from site.toml is the site's.
        return Err(match &opts.output {
            Some(o) => Error::Usage(format!("error: --output {}: {problem}\n\nHint: {HINT}", o.display())),
            None => Diagnostic::file(fs::shown(root, config::FILE_NAME), format!("output_dir: {problem}"))
                .with_hint(HINT)
                .into(),
        });
    }
    let theme = Theme::load(root, &config.theme).map_err(Error::Site)?;
    let engine = Engine::new(&theme, &config).map_err(Error::Site)?;
    let renderer = Renderer::new(&config.markdown);
    Ok(Setup { config, theme, renderer, engine, output })
}

/// The model and the plan, or every problem in the sources.
fn model(opts: &Options, setup: &mut Setup, sources: &Sources, laps: &mut Laps) -> Result<(Site, Vec<PageJob>), Error> {
    let content = sources.content()?;
    laps.lap("content");
    let site = Site::build(setup.config.clone(), &content, opts.drafts)?;
    laps.lap("site");
    let jobs = plan::plan(&site);
    laps.lap("plan");
    if let Some(file) = plan::first_clash(&jobs) {
        return Err(Diagnostic::file(
            fs::shown(&opts.root, crate::content::CONTENT_DIR),
            format!("two pages would be written at {file}"),
        )
        .with_hint("rename the notice, section or tag whose URL this is")
        .into());
    }
    checks::statics(&opts.root, &setup.theme, &jobs)?;
    Ok((site, jobs))
}

/// What every page depends on besides its own data: the templates and the `site` variable.
fn global_hash(setup: &mut Setup, site: &Site) -> u64 {
    let site_hash = setup.engine.set_site(site);
    let mut h = crate::hash::hasher();
    site_hash.hash(&mut h);
    for (name, t) in &setup.theme.templates {
        (name, &t.text).hash(&mut h);
    }
    h.finish()
}
