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
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::content::{LoadContext, Sources};
use crate::markdown::Renderer;
use crate::plan::{self, PageJob};
use crate::render::{Engine, PageData};
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
    pub output: PathBuf,
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
        Ok(Project { opts, setup: None, sources: Sources::default(), written: write::Written::default() })
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
        self.prepare(&Change::everything())?;
        let setup = self.setup.as_mut().expect("prepared above");
        let (site, jobs) = model(&self.opts, setup, &self.sources)?;
        let global = global_hash(setup, &site);
        let data = PageData::new(&site);
        let written =
            write::full(&setup.output, &setup.engine, &data, &jobs, global, &setup.theme, background_cleanup)?;
        let report = Report {
            notices: site.entries.len(),
            drafts_skipped: site.drafts_skipped,
            pages: jobs.len(),
            rendered: jobs.len(),
            written: written.len(),
            removed: 0,
            static_files: setup.theme.statics.len(),
            css_only: false,
            full: true,
            elapsed: started.elapsed(),
            output: setup.output.clone(),
        };
        self.written = written;
        Ok(report)
    }

    /// Applies `change`: re-reads what changed and rewrites only the pages that differ.
    pub fn rebuild(&mut self, change: &Change) -> Result<Report, Error> {
        if self.setup.is_none() || self.written.is_empty() {
            // Nothing trustworthy in memory or on disk yet: start from scratch.
            return self.build(true);
        }
        let started = Instant::now();
        let full_reload = change.config;
        self.prepare(change)?;
        if full_reload {
            return self.build(true);
        }
        let setup = self.setup.as_mut().expect("prepared above");
        let (site, jobs) = model(&self.opts, setup, &self.sources)?;
        let global = global_hash(setup, &site);
        let data = PageData::new(&site);
        let fingerprints = write::fingerprints(&data, &jobs, global);
        let changed: Vec<usize> =
            (0..jobs.len()).filter(|&i| !self.written.is_current(&jobs[i].file(), fingerprints[i])).collect();
        if changed.len() as f64 > FULL_REBUILD_SHARE * jobs.len() as f64 && changed.len() > 200 {
            return self.build(true);
        }
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
        Ok(Report {
            notices: site.entries.len(),
            drafts_skipped: site.drafts_skipped,
            pages: jobs.len(),
            rendered: changed.len(),
            written: outcome.written,
            removed: outcome.removed,
            static_files: setup.theme.statics.len(),
            css_only: outcome.css_only,
            full: false,
            elapsed: started.elapsed(),
            output: setup.output.clone(),
        })
    }

    /// Brings configuration, theme and sources up to date with `change`.
    fn prepare(&mut self, change: &Change) -> Result<(), Error> {
        let root = self.opts.root.clone();
        if change.config || self.setup.is_none() {
            // Anything read with the old configuration may now read differently.
            self.setup = None;
            self.written = write::Written::default();
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
fn model(opts: &Options, setup: &mut Setup, sources: &Sources) -> Result<(Site, Vec<PageJob>), Error> {
    let content = sources.content()?;
    let site = Site::build(setup.config.clone(), &content, opts.drafts)?;
    let jobs = plan::plan(&site);
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
    let mut h = std::collections::hash_map::DefaultHasher::new();
    site_hash.hash(&mut h);
    for (name, t) in &setup.theme.templates {
        (name, &t.text).hash(&mut h);
    }
    h.finish()
}
