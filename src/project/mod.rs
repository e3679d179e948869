//! A site held in memory between builds. [`Project::build`] writes the whole site into a
//! staging folder swapped in at the end (what `gazette build` does); [`Project::rebuild`]
//! applies a [`Change`] (what `watch` and `serve` do): it re-reads only the files that
//! changed, recomputes the model and the plan, and renders only the pages whose fingerprint
//! changed, writing only the files whose bytes changed. Either way a failure leaves the
//! output as it was.

mod built;
pub mod checks;
mod indexer;
mod pages;
pub mod photos;
mod unchanged;
mod write;

pub use write::Progress;

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::time::{Duration, Instant};

use crate::cache;
use crate::config::{self, Config};
use crate::content::{LoadContext, Sources};
use crate::markdown::Renderer;
use crate::plan::{self, PageJob};
use crate::render::{Engine, PageData, RefCache};
use crate::site::Site;
use crate::theme::Theme;
use crate::{Diagnostic, Error, fs};
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
    /// Write the search index just after the pages (for `watch` and `serve`, so that an
    /// edit reaches its page first), not together with them.
    pub index_after_pages: bool,
    /// Use the build cache (`.gazette/cache/`): bodies rendered by an earlier build, and for
    /// `build`, the record of what it wrote.
    pub cache: bool,
}

/// What the build cache records of an output folder: the pages and files written, and the
/// search index's fingerprint and files.
#[derive(serde::Deserialize)]
struct Saved(write::Written, Option<(u64, indexer::OnDisk)>, write::Memo);

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

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub notices: usize,
    pub drafts_skipped: usize,
    /// Embargoed notices left out, soonest first: the file and when it goes live, in the
    /// site's time zone.
    pub held: Vec<(PathBuf, String)>,
    pub pages: usize,
    /// Pages rendered (all of them in a full build).
    pub rendered: usize,
    /// Files written or removed in the output folder.
    pub written: usize,
    pub removed: usize,
    pub static_files: usize,
    /// Tags and people that have a page.
    pub tags: usize,
    pub people: usize,
    /// Only stylesheets changed: a browser can swap them without reloading the page.
    pub css_only: bool,
    pub full: bool,
    pub elapsed: Duration,
    /// How long each phase took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Time spent in each kind of work, summed over the threads that shared it (a full
    /// build only): Markdown, templates, writing files.
    pub work: Vec<(&'static str, Duration)>,
    pub output: PathBuf,
}

/// Times the phases of a build.
struct Laps {
    started: Instant,
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn start() -> Laps {
        let now = Instant::now();
        Laps { started: now, last: now, laps: Vec::new() }
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
    /// Resizes photos, through the cache when it is on.
    photos: crate::images::Photos,
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
        let indexer =
            if opts.index_after_pages { indexer::Indexer::keeping_terms() } else { indexer::Indexer::default() };
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
        let (site, jobs, photos) = model(&self.opts, setup, &self.sources, &mut laps, false)?;
        let global = global_hash(setup, &site);
        let data = PageData::new(Arc::new(site), &mut self.refs, photos);
        laps.lap("refs");
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

    /// Whether this build keeps records of its output folder in the cache: `build` with the
    /// cache on. `watch` and `serve` change the folder on every edit: they keep none.
    fn keeps_record(&self) -> bool {
        self.opts.cache && !self.opts.index_after_pages
    }

    /// A key of the settings that, besides the files, decide what the build writes: site.toml
    /// and the command line. `None` when the build keeps no record.
    fn settings_key(&self) -> Option<u64> {
        if !self.keeps_record() {
            return None;
        }
        let mut h = crate::hash::hasher();
        let config = std::fs::read(self.opts.root.join(config::FILE_NAME)).ok()?;
        (config, &self.opts.base_url, self.opts.drafts, &self.opts.now).hash(&mut h);
        Some(h.finish())
    }

    /// The build cache's record of the output folder, for `build` with the cache on.
    fn outputs(&self) -> Option<cache::outputs::Outputs> {
        let setup = self.setup.as_ref()?;
        Some(cache::outputs::Outputs::new(&self.opts.root, &setup.output, self.settings_key()?))
    }

    /// The report of the last build, if nothing it read or wrote changed since and no time
    /// it waited for (an embargo, an expiry) has come: then the output folder is already
    /// what a build would write, and `build` need not read a notice to find that out.
    /// Only for `build` with the cache on.
    pub fn unchanged(&self) -> Option<Report> {
        let started = Instant::now();
        let key = self.settings_key()?;
        // Only to find the output folder; a site.toml with problems is for the build to report.
        let config = Config::load(&self.opts.root, self.opts.base_url.as_deref()).ok()?;
        let output = self.opts.output.clone().unwrap_or_else(|| self.opts.root.join(&config.output_dir));
        let now = match &self.opts.now {
            // Fixed by --now, which is part of the key.
            Some(_) => i64::MIN,
            None => jiff::Timestamp::now().as_second(),
        };
        let reported: unchanged::Reported =
            unchanged::record(&self.opts.root, &output, key).check(&self.opts.root, &output, now)?;
        Some(reported.report(output, started.elapsed()))
    }

    /// Takes up what an earlier build left in the output folder, as the cache recorded it:
    /// files changed or removed since are forgotten (so they are written again), files no
    /// build wrote are removed. Returns the fingerprints of notices' pages by their inputs;
    /// `None` if there is no usable record.
    fn previous_output(
        &mut self,
        outputs: &cache::outputs::Outputs,
        folder: crate::output::manifest::Folder,
    ) -> Result<Option<write::Memo>, Error> {
        use crate::output::manifest::{self, Folder};
        let output = &self.setup.as_ref().expect("prepared before").output;
        let Some(record) = outputs.load::<Saved>() else {
            return Ok(None);
        };
        let Some(mut survey) = record.stamps.survey(output) else {
            return Ok(None);
        };
        // What no build recorded can only be Gazette's here (its manifest, its temporary
        // files, files its manifest lists, empty folders): `survey` refused anything else.
        let listed = match folder {
            Folder::Ours(files) => files,
            Folder::Missing | Folder::Empty => Default::default(),
        };
        survey.strays.retain(|p| p.strip_prefix(output).is_ok_and(|rel| rel != Path::new(manifest::FILE_NAME)));
        cache::outputs::remove_strays(output, &survey.strays)?;
        let listed: std::collections::BTreeSet<String> = listed
            .into_iter()
            .filter(|rel| std::fs::symlink_metadata(output.join(rel)).is_ok_and(|m| m.is_file()))
            .collect();
        self.manifest = Some(crate::output::Manifest::new(output, listed));
        let Saved(mut written, search, memo) = record.written;
        written.forget_files(&survey.damaged);
        let search = search.filter(|(_, files)| !files.iter().any(|(f, _)| survey.damaged.contains(f)));
        self.written = written;
        self.indexer.reset(search);
        Ok(Some(memo))
    }

    /// Keeps what this build read and wrote for the next one, if the cache is on. Returns
    /// the files of the output folder it recorded (none without a record).
    fn save_cache(&mut self, outputs: Option<&cache::outputs::Outputs>) -> Vec<String> {
        if let Some(bodies) = &mut self.bodies {
            bodies.save(&self.sources.notices());
        }
        let (Some(outputs), Some(setup)) = (outputs, &self.setup) else {
            return Vec::new();
        };
        let search = self.indexer.current();
        let files: Vec<String> = self
            .written
            .files()
            .chain(search.iter().flat_map(|(_, files)| files.iter().map(|(f, _)| f.clone())))
            .collect();
        let stamps = cache::outputs::Stamps::of(&setup.output, files.iter().map(String::as_str));
        let memo = self.last.as_ref().map(|l| &l.memo);
        outputs.save(&(&self.written, &search, memo.unwrap_or(&write::Memo::default())), &stamps);
        files
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
        let search = if self.opts.index_after_pages { None } else { self.indexer.full(&data) };
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
        let setup = self.setup.as_mut().expect("prepared above");
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
                let (site, jobs, photos) = model(&self.opts, setup, &self.sources, &mut laps, false)?;
                let global = global_hash(setup, &site);
                let data = PageData::new(Arc::new(site), &mut self.refs, photos);
                laps.lap("refs");
                self.write_full(data, jobs, global, true, laps)
            }
            Err(()) => {
                let (site, jobs, photos) = model(&self.opts, setup, &self.sources, &mut laps, false)?;
                let global = global_hash(setup, &site);
                let data = PageData::new(Arc::new(site), &mut self.refs, photos);
                laps.lap("refs");
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
        let index = if self.opts.index_after_pages { None } else { self.indexer.update(&data) };
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
        let setup = self.setup.as_mut().expect("prepared above");
        let mut laps = Laps::start();
        let (site, jobs, photos) = model(&self.opts, setup, &self.sources, &mut laps, true)?;
        setup.engine.set_site(&site);
        let data = PageData::new(Arc::new(site), &mut self.refs, photos);
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

fn held(site: &Site) -> Vec<(PathBuf, String)> {
    let tz = &site.config.timezone;
    site.held
        .iter()
        .map(|h| {
            (h.shown.clone(), h.publish_at.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M %:z").to_string())
        })
        .collect()
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
            None => Diagnostic::file(
                fs::shown(root, config::FILE_NAME),
                format!("output_dir `{}`: {problem}", config.output_dir.display()),
            )
            .with_hint(HINT)
            .into(),
        });
    }
    let theme = Theme::load(root, &config.theme).map_err(Error::Site)?;
    let engine = Engine::new(&theme, &config).map_err(Error::Site)?;
    let words = crate::i18n::Lang::of(&config.language).words();
    let renderer = Renderer::new(&config.markdown)
        .keep_text(config.search)
        .site_origin(&config.origin)
        .table_label(words.table)
        .anchor_label(words.link_to_section)
        .with_shortcodes(shortcodes(&theme)?);
    let photos = if opts.cache {
        // From the site's real folder: the copies are copied into the output from there
        // by a read that refuses paths through links (see `fs::open_checked`).
        let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        crate::images::Photos::new(cache::dir(&real).join("images"), &config.images)
    } else {
        crate::images::Photos::uncached(&config.images)
    };
    Ok(Setup { config, theme, renderer, engine, output, photos })
}

/// The shortcode templates of the site and its theme (the engine has already checked them).
fn shortcodes(theme: &Theme) -> Result<crate::markdown::shortcodes::Shortcodes, Error> {
    crate::markdown::shortcodes::Shortcodes::new(theme.templates.iter().map(|(n, t)| (n.as_str(), t.text.as_str())))
        .map_err(|message| Error::Site(vec![Diagnostic::file("templates/shortcodes", message)]))
}

/// The model and the plan, or every problem in the sources.
fn model(
    opts: &Options,
    setup: &mut Setup,
    sources: &Sources,
    laps: &mut Laps,
    for_check: bool,
) -> Result<(Site, Vec<PageJob>, crate::images::PhotoSet), Error> {
    let content = sources.content()?;
    laps.lap("content");
    let now = match &opts.now {
        Some(text) => crate::content::date::parse(text, &setup.config.timezone).map_err(|e| Error::Usage(e.message))?,
        None => jiff::Timestamp::now(),
    };
    let site = Site::build(setup.config.clone(), &content, opts.drafts, now)?;
    laps.lap("site");
    let mut jobs = plan::plan(&site);
    if setup.theme.statics.contains_key("robots.txt") {
        // The site's own robots.txt replaces the one Gazette writes.
        jobs.retain(|j| j.kind != plan::PageKind::Robots);
    }
    laps.lap("plan");
    // Two pages or files for one path are found with every file to write, in `checks::files`.
    let in_search_folder = plan::aliases_in_search_folder(&site, &jobs);
    if !in_search_folder.is_empty() {
        return Err(Error::Site(in_search_folder));
    }
    if !for_check {
        // `check` reports these among its other findings instead.
        let missing: Vec<Diagnostic> =
            site.entries.iter().flat_map(|e| crate::content::refusals::refused_by_build(&e.notice)).collect();
        if !missing.is_empty() {
            return Err(Error::Site(missing));
        }
    }
    let photos = if for_check {
        // `check` writes nothing, not even to the cache: it measures photos, resizing none.
        photos::process(&opts.root, &site, &crate::images::Photos::sizes_only(&setup.config.images))?
    } else {
        photos::process(&opts.root, &site, &setup.photos)?
    };
    laps.lap("photos");
    Ok((site, jobs, photos))
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
