//! A site held in memory between builds. [`Project::build`] writes the whole site into a
//! staging folder swapped in at the end (what `gazette build` does); [`Project::rebuild`]
//! applies a [`Change`] (what `watch` and `serve` do): it re-reads only the files that
//! changed, recomputes the model and the plan, and renders only the pages whose fingerprint
//! changed, writing only the files whose bytes changed. Either way a failure leaves the
//! output as it was.

mod built;
pub mod checks;
mod indexer;
mod model;
mod pages;
pub mod photos;
mod records;
mod report;
mod setup;
mod unchanged;
mod write;

pub use report::Report;
pub use write::Progress;

use model::{Goal, global_hash, model};
use report::{Laps, held};
use setup::{Setup, load_setup, shortcodes};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Error;
use crate::cache;
use crate::config::{self, Config};
use crate::content::{LoadContext, Sources};
use crate::plan::PageJob;
use crate::render::{Engine, PageData, RefCache};
use crate::theme::Theme;
use built::Built;

/// How to build.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// The output folder; `None` for `output_dir` in site.toml.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The time to build as of, as written on the command line; `None` for the clock.
    pub now: Option<String>,
    pub mode: Mode,
    /// Use the build cache (`.gazette/cache/`): bodies rendered by an earlier build, and for
    /// `build`, the record of what it wrote.
    pub cache: bool,
}

/// What the builds are for, which decides when the search index is written and what is
/// kept between builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `gazette build` and `gazette check`: the search index is written with the pages, and
    /// with the cache on, a record of the output folder is kept for the next build.
    Publish,
    /// `gazette watch` and `gazette serve`: an edit reaches its page first and the search
    /// index just after; every notice's search terms are kept between rebuilds; no record
    /// of the output folder, which changes on every edit.
    Preview,
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
    /// Time passed a moment when a notice's embargo lifts or it expires: the model is made
    /// again, though no file changed.
    pub clock: bool,
}

impl Change {
    pub fn everything() -> Change {
        Change { config: true, ..Change::default() }
    }

    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }
}

/// The model and plan of a site, rendered but not written (see [`Project::dry_run`]).
pub struct DryRun {
    pub data: PageData,
    pub jobs: Vec<PageJob>,
    /// Every static file and attachment, by output path.
    pub files: checks::Files,
}

pub struct Project {
    opts: Options,
    setup: Option<Setup>,
    sources: Sources,
    /// What the output folder holds from our builds, by file.
    written: write::Written,
    /// The output folder's manifest, once a build wrote or took up the folder.
    manifest: Option<crate::output::Manifest>,
    refs: RefCache,
    /// The model and plan of the last good build, kept for the next rebuild.
    last: Option<Built>,
    indexer: indexer::Indexer,
    /// The build cache's rendered bodies, when the cache is on.
    bodies: Option<cache::markdown::Bodies>,
    /// How far a full build's rendering has got.
    progress: Arc<Progress>,
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
        if let Some(now) = &opts.now {
            // Checked now for its form; read in the site's time zone once site.toml is read.
            crate::content::date::parse(now, &jiff::tz::TimeZone::UTC).map_err(|e| {
                Error::Usage(format!(
                    "error: --now: {}\n\nHint: write a time with its offset, --now 2026-11-25T09:00:00+08:00, \
                     or a date and time in the site's time zone, --now \"2026-11-25 09:00\"",
                    e.message
                ))
            })?;
        }
        // `watch` and `serve` build again and again: they keep every notice's terms.
        let indexer = match opts.mode {
            Mode::Preview => indexer::Indexer::keeping_terms(),
            Mode::Publish => indexer::Indexer::default(),
        };
        Ok(Project {
            opts,
            setup: None,
            sources: Sources::default(),
            written: write::Written::default(),
            manifest: None,
            refs: RefCache::default(),
            last: None,
            indexer,
            bodies: None,
            progress: Arc::default(),
        })
    }

    /// How far the rendering of the running full build has got, for a progress bar.
    pub fn progress(&self) -> Arc<Progress> {
        self.progress.clone()
    }

    /// When the site would next change by itself, as time passes (an embargo lifting, a
    /// notice expiring); `None` if never, or if the build's time is fixed with `--now`.
    pub fn next_change(&self) -> Option<jiff::Timestamp> {
        self.opts.now.is_none().then(|| self.last.as_ref()?.data.site.next_change).flatten()
    }

    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// The output folder, once site.toml has been read.
    pub fn output(&self) -> Option<&Path> {
        self.setup.as_ref().map(|s| s.output.as_path())
    }

    /// The files the last good build left in the output folder, relative to it; none while
    /// the site does not build (`watch` and `serve` look for them).
    pub fn written_files(&self) -> impl Iterator<Item = String> + '_ {
        self.last.as_ref().into_iter().flat_map(|_| self.written.files())
    }

    /// The theme's name, once site.toml has been read.
    pub fn theme(&self) -> Option<&str> {
        self.setup.as_ref().map(|s| s.config.theme.as_str())
    }

    /// Reads everything and writes the whole site. Into a fresh folder swapped in at the end;
    /// or, when the build cache holds a record of what an earlier build left in the output
    /// folder, only the pages whose data changed since, in place. The previous output is
    /// removed right away, or by a background thread when `background_cleanup` (for
    /// long-running commands).
    pub fn build(&mut self, background_cleanup: bool) -> Result<Report, Error> {
        let mut laps = Laps::start();
        self.last = None;
        // Stamped before they are read: a file saved during this build is a change for the next.
        let inputs = self.keeps_record().then(|| cache::unchanged::Stamps::inputs(&self.opts.root));
        self.prepare(&Change::everything())?;
        laps.lap("load");
        let record = self.settings_key().map(|key| {
            let record = unchanged::record(&self.opts.root, &self.setup.as_ref().expect("prepared").output, key);
            record.forget();
            record
        });
        let setup = self.setup.as_mut().expect("prepared above");
        // Before anything else: a folder that is not Gazette's to replace stops the build at
        // once, untouched (the write checks again, in case something was put there since).
        let folder = crate::output::manifest::survey(&setup.output)?;
        let (data, jobs, global) = self.page_data(&mut laps, Goal::Write)?;
        let outputs = self.outputs();
        let previous = match &outputs {
            Some(outputs) => self.previous_output(outputs, folder)?,
            None => None,
        };
        let report = if let Some(memo) = previous {
            laps.lap("check output");
            if let Some(outputs) = &outputs {
                outputs.forget();
            }
            self.write_changes(data, jobs, global, &memo, background_cleanup, laps)?
        } else {
            self.write_full(data, jobs, global, background_cleanup, laps)?
        };
        let files = self.save_cache(outputs.as_ref());
        if let (Some(record), Some(inputs), Some(last), Some(setup)) = (record, inputs, &self.last, &self.setup) {
            unchanged::save(&record, inputs, &setup.output, &files, &last.data.site, &report);
        }
        if self.opts.cache {
            // This build measured every photo of the site: the cache's others are of no use.
            let _ = self.setup.as_ref().map(|s| s.photos.forget_others());
        }
        Ok(report)
    }

    /// The model of what was read, its plan, the data pages are rendered from, and the hash
    /// of what every page depends on besides its own data (the engine is given the new
    /// `site` variable on the way).
    fn page_data(&mut self, laps: &mut Laps, goal: Goal) -> Result<(PageData, Vec<PageJob>, u64), Error> {
        let setup = self.setup.as_mut().expect("prepared before");
        let (site, jobs, photos) = model(&self.opts, setup, &self.sources, laps, goal)?;
        let global = global_hash(setup.engine.set_site(&site), &setup.theme);
        let data = PageData::new(Arc::new(site), &mut self.refs, photos);
        laps.lap("refs");
        Ok((data, jobs, global))
    }

    /// Writes every page of the model into a fresh folder swapped in at the end.
    fn write_full(
        &mut self,
        data: PageData,
        jobs: Vec<PageJob>,
        global: u64,
        background_cleanup: bool,
        mut laps: Laps,
    ) -> Result<Report, Error> {
        let setup = self.setup.as_ref().expect("prepared before");
        // A build writes the index with the pages; watch and serve write it after them.
        let search = match self.opts.mode {
            Mode::Publish => self.indexer.full(&data),
            Mode::Preview => None,
        };
        if search.is_some() {
            laps.lap("search index");
        }
        let files = checks::files(&self.opts.root, &setup.theme, &data.site, &jobs, &data.photos)?;
        let work = write::Work::new(Some(self.progress.clone()));
        let (fingerprint, search) = search.unzip();
        let (written, manifest, index) =
            write::full(&setup.output, &setup.engine, &data, &jobs, global, &files, search, background_cleanup, &work)?;
        laps.lap("render and write");
        self.indexer.reset(fingerprint.zip(index));
        if self.indexer.refresh(&data, &setup.output, &manifest)? {
            laps.lap("search index");
        }
        self.manifest = Some(manifest);
        let report = Report {
            notices: data.site.entries.len(),
            drafts_skipped: data.site.drafts_skipped,
            held: held(&data.site),
            pages: jobs.len(),
            rendered: jobs.len(),
            written: written.len(),
            removed: 0,
            static_files: files.len(),
            tags: data.site.tags.len(),
            people: data.site.people.len(),
            css_only: false,
            full: true,
            elapsed: laps.started.elapsed(),
            timings: laps.laps,
            work: vec![
                ("Markdown", setup.renderer.take_busy()),
                ("templates", work.templates()),
                ("writing files", work.files()),
            ],
            output: setup.output.clone(),
        };
        self.written = written;
        self.last = Some(Built::new(data, jobs, global, &self.written));
        Ok(report)
    }

    /// Applies `change`: re-reads what changed and rewrites only the pages that differ.
    pub fn rebuild(&mut self, change: &Change) -> Result<Report, Error> {
        let Some(mut last) = self.last.take().filter(|_| self.setup.is_some()) else {
            // Nothing trustworthy in memory or on disk yet: start from scratch.
            return self.build(true);
        };
        let mut laps = Laps::start();
        self.prepare(change)?;
        laps.lap("load");
        let memo = std::mem::take(&mut last.memo);
        // A notice whose embargo lifted (or that expired) since the last build changes listings.
        let status_changed =
            self.opts.now.is_none() && last.data.site.next_change.is_some_and(|t| t <= jiff::Timestamp::now());
        let patched = if change.config || change.clock || status_changed {
            Err(Box::new(last))
        } else {
            last.patch(change, &self.sources)
        };
        let patched = patched.map_err(|old| {
            // Freeing the old model takes a moment that the edit need not wait for.
            std::thread::spawn(move || drop(old));
        });
        match patched {
            // Only notices' texts changed: only their own pages can differ.
            Ok((built, candidates)) => {
                let Built { data, jobs, global, fingerprints, .. } = built;
                let changed: Vec<usize> = candidates
                    .into_iter()
                    .filter(|&j| !self.written.is_current(&jobs[j].path, fingerprints[j]))
                    .collect();
                laps.lap("patch");
                self.write_in_place(data, jobs, global, fingerprints, changed, laps)
            }
            Err(()) if change.config => {
                let (data, jobs, global) = self.page_data(&mut laps, Goal::Write)?;
                self.write_full(data, jobs, global, true, laps)
            }
            Err(()) => {
                let (data, jobs, global) = self.page_data(&mut laps, Goal::Write)?;
                self.write_changes(data, jobs, global, &memo, true, laps)
            }
        }
    }

    /// Writes the pages whose fingerprint differs from what the output folder holds: in
    /// place, or into a fresh folder when most of them do.
    fn write_changes(
        &mut self,
        data: PageData,
        jobs: Vec<PageJob>,
        global: u64,
        memo: &write::Memo,
        background_cleanup: bool,
        mut laps: Laps,
    ) -> Result<Report, Error> {
        let fingerprints: Vec<u64> =
            write::fingerprints(&data, &jobs, global, memo).into_iter().map(|(f, _)| f).collect();
        let changed: Vec<usize> =
            (0..jobs.len()).filter(|&i| !self.written.is_current(&jobs[i].path, fingerprints[i])).collect();
        laps.lap("fingerprints");
        if changed.len() as f64 > FULL_REBUILD_SHARE * jobs.len() as f64 && changed.len() > 200 {
            // A fresh folder is quicker than rewriting most files in place.
            return self.write_full(data, jobs, global, background_cleanup, laps);
        }
        self.write_in_place(data, jobs, global, fingerprints, changed, laps)
    }

    /// Renders the jobs `changed` and writes the files whose bytes differ, in place.
    fn write_in_place(
        &mut self,
        data: PageData,
        jobs: Vec<PageJob>,
        global: u64,
        fingerprints: Vec<u64>,
        changed: Vec<usize>,
        mut laps: Laps,
    ) -> Result<Report, Error> {
        let setup = self.setup.as_ref().expect("prepared before");
        let files = checks::files(&self.opts.root, &setup.theme, &data.site, &jobs, &data.photos)?;
        let manifest = self.manifest.as_ref().expect("a build wrote or took up the folder before");
        // `build` writes the index with the pages; `watch` and `serve` after them.
        let index = match self.opts.mode {
            Mode::Publish => self.indexer.update(&data),
            Mode::Preview => None,
        };
        if index.is_some() {
            laps.lap("search index");
        }
        let outcome = write::in_place(
            &setup.output,
            &setup.engine,
            &data,
            &jobs,
            &fingerprints,
            &changed,
            &files,
            &mut self.written,
            manifest,
            index.as_ref(),
        )?;
        laps.lap("render and write");
        match index {
            Some(update) => self.indexer.written(update),
            None => {
                if self.indexer.refresh(&data, &setup.output, manifest)? {
                    laps.lap("search index");
                }
            }
        }
        let report = Report {
            notices: data.site.entries.len(),
            drafts_skipped: data.site.drafts_skipped,
            held: held(&data.site),
            pages: jobs.len(),
            rendered: changed.len(),
            written: outcome.written,
            removed: outcome.removed,
            static_files: files.len(),
            tags: data.site.tags.len(),
            people: data.site.people.len(),
            css_only: outcome.css_only,
            full: false,
            elapsed: laps.started.elapsed(),
            timings: laps.laps,
            work: Vec::new(),
            output: setup.output.clone(),
        };
        self.last = Some(Built::new(data, jobs, global, &self.written));
        Ok(report)
    }

    /// Reads everything, builds the model and renders every page in memory, writing nothing:
    /// what `gazette check` runs. Returns the model, or every problem a build would report.
    pub fn dry_run(&mut self) -> Result<DryRun, Error> {
        self.prepare(&Change::everything())?;
        let mut laps = Laps::start();
        let (data, jobs, _) = self.page_data(&mut laps, Goal::Check)?;
        let setup = self.setup.as_ref().expect("prepared above");
        let files = checks::files(&self.opts.root, &setup.theme, &data.site, &jobs, &data.photos)?;
        let engine = &setup.engine;
        use rayon::prelude::*;
        let results: Vec<Result<(), Error>> =
            jobs.par_iter().map(|job| pages::render(engine, &data, job).map(drop).map_err(Error::from)).collect();
        write::collect(results)?;
        Ok(DryRun { data, jobs, files })
    }

    /// The configuration, once site.toml has been read without problems.
    pub fn config(&self) -> Option<&Config> {
        self.setup.as_ref().map(|s| &s.config)
    }

    /// The notices read without problems (after [`Project::dry_run`] or a build).
    pub fn notices(&self) -> Vec<Arc<crate::content::Notice>> {
        self.sources.notices()
    }

    /// The people's files read without problems.
    pub fn people(&self) -> Vec<crate::content::PersonMeta> {
        self.sources.people()
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
            self.bodies = self.opts.cache.then(|| {
                let mut bodies = cache::markdown::Bodies::new(&root, &setup.renderer);
                bodies.load_into(&setup.renderer);
                bodies
            });
            self.sources =
                Sources::load(&LoadContext { root: &root, config: &setup.config, renderer: &setup.renderer });
            // Cached bodies no notice took are of no more use.
            setup.renderer.forget_remembered();
            self.setup = Some(setup);
            return Ok(());
        }
        let setup = self.setup.as_mut().expect("checked above");
        if change.templates || change.statics {
            let theme = Theme::load(&root, &setup.config.theme).map_err(Error::Site)?;
            if change.templates && shortcodes(&theme)?.key != setup.renderer.shortcodes_key() {
                // Bodies were rendered with the old shortcodes: read everything again.
                return self.prepare(&Change::everything());
            }
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
