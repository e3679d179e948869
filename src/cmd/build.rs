//! `gazette build`: load → model → plan → render → write, into a staging folder swapped in
//! at the end.

use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::cli::BuildArgs;
use crate::config::{self, Config};
use crate::content::{self, LoadContext};
use crate::markdown::Renderer;
use crate::output::Staging;
use crate::plan::{self, PageJob};
use crate::render::{Engine, PageData};
use crate::site::Site;
use crate::theme::{StaticSource, Theme};
use crate::{Diagnostic, Error, fs};

/// What a build did, for the summary line and for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub notices: usize,
    pub drafts_skipped: usize,
    pub pages: usize,
    pub static_files: usize,
    pub output: PathBuf,
}

pub fn run(args: &BuildArgs) -> Result<Summary, Error> {
    let started = Instant::now();
    let root = &args.root;
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "error: --root {}: no such folder\n\nA site's folder holds site.toml and content/; `gazette init DIR` creates one.",
            root.display()
        )));
    }
    if let Some(url) = &args.base_url {
        config::parse_base_url(url).map_err(|msg| Error::Usage(format!("error: --base-url: {msg}")))?;
    }
    let config = Config::load(root, args.base_url.as_deref())?;
    let output = match &args.output {
        Some(o) => o.clone(),
        None => root.join(&config.output_dir),
    };
    if let Some(problem) = check_output(root, &output) {
        const HINT: &str =
            "write the site to its own folder, e.g. `output_dir = \"public\"` in site.toml or --output public";
        // A folder named on the command line is a usage mistake; one from site.toml is the site's.
        return Err(match &args.output {
            Some(o) => Error::Usage(format!("error: --output {}: {problem}\n\nHint: {HINT}", o.display())),
            None => Diagnostic::file(fs::shown(root, config::FILE_NAME), format!("output_dir: {problem}"))
                .with_hint(HINT)
                .into(),
        });
    }

    // Theme and content problems are reported together.
    let theme = Theme::load(root, &config.theme);
    let renderer = Renderer::new(&config.markdown);
    let content = content::load(&LoadContext { root, config: &config, renderer: &renderer });
    let (theme, content) = match (theme, content) {
        (Ok(t), Ok(c)) => (t, c),
        (t, c) => {
            let mut problems = t.err().unwrap_or_default();
            problems.extend(c.err().unwrap_or_default());
            return Err(Error::Site(problems));
        }
    };
    let site = Site::build(config, content, args.drafts)?;
    let engine = Engine::new(&theme, &site)?;
    let jobs = plan::plan(&site);
    if let Some(file) = plan::first_clash(&jobs) {
        return Err(Diagnostic::file(
            fs::shown(root, content::CONTENT_DIR),
            format!("two pages would be written at {file}"),
        )
        .with_hint("rename the notice, section or tag whose URL this is")
        .into());
    }
    check_static(root, &theme, &jobs)?;

    let data = PageData::new(&site);
    let staging = Staging::begin(&output)?;
    match write_all(&staging, &engine, &data, &jobs, &theme) {
        Ok(()) => staging.commit()?,
        Err(e) => {
            staging.abort();
            return Err(e);
        }
    }
    let summary = Summary {
        notices: site.entries.len(),
        drafts_skipped: site.drafts_skipped,
        pages: jobs.len(),
        static_files: theme.statics.len(),
        output,
    };
    println!(
        "Built {} notice{} into {}: {} pages, {} static files in {:.2} s{}",
        summary.notices,
        if summary.notices == 1 { "" } else { "s" },
        fs::shown(Path::new("."), &summary.output).display(),
        summary.pages,
        summary.static_files,
        started.elapsed().as_secs_f64(),
        match (args.drafts, summary.drafts_skipped) {
            (true, _) => " (drafts included)".to_owned(),
            (false, 0) => String::new(),
            (false, n) => format!(" ({n} draft{} left out)", if n == 1 { "" } else { "s" }),
        }
    );
    Ok(summary)
}

fn write_all(
    staging: &Staging,
    engine: &Engine,
    data: &PageData,
    jobs: &[PageJob],
    theme: &Theme,
) -> Result<(), Error> {
    let results: Vec<Result<(), Error>> = jobs
        .par_iter()
        .map(|job| {
            let html = engine.render(job.kind.template(), &data.context(job), job)?;
            staging.write(&job.file(), html.as_bytes())
        })
        .collect();
    let mut problems: Vec<Diagnostic> = Vec::new();
    // A mistake in a shared template fails every page that uses it: report it once.
    let mut repeats: Vec<usize> = Vec::new();
    for r in results {
        match r {
            Ok(()) => {}
            Err(Error::Site(ds)) => {
                for d in ds {
                    match problems.iter().position(|p| same_place(p, &d)) {
                        Some(i) => repeats[i] += 1,
                        None => {
                            problems.push(d);
                            repeats.push(0);
                        }
                    }
                }
            }
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() {
        for (d, n) in problems.iter_mut().zip(repeats) {
            if n > 0
                && let Some(hint) = &mut d.hint
            {
                hint.push_str(&format!(" (and {n} other page{})", if n == 1 { "" } else { "s" }));
            }
        }
        return Err(Error::Site(problems));
    }
    theme.statics.par_iter().try_for_each(|(rel, source)| match source {
        StaticSource::Disk(path) => staging.copy(rel, path),
        StaticSource::Embedded(bytes) => staging.write(rel, bytes),
    })
}

fn same_place(a: &Diagnostic, b: &Diagnostic) -> bool {
    (&a.path, a.position, &a.message) == (&b.path, b.position, &b.message)
}

/// The output folder is replaced whole by each build, so it must not hold or sit among the
/// sources, hold the folder the command runs in, or be some other project's folder.
fn check_output(root: &Path, output: &Path) -> Option<String> {
    let root_abs = absolute(root);
    let out_abs = absolute(output);
    let cwd = std::env::current_dir().map(|d| absolute(&d)).unwrap_or_default();
    let foreign = ["site.toml", ".git", "Cargo.toml", "content"].into_iter().find(|f| out_abs.join(f).exists());
    if out_abs == root_abs || root_abs.starts_with(&out_abs) {
        Some("the output folder contains the site's sources; a build replaces the output folder whole".to_owned())
    } else if let Some(dir) =
        ["content", "themes", "templates", "static"].iter().find(|dir| out_abs.starts_with(root_abs.join(dir)))
    {
        Some(format!("the output folder is inside {dir}/, among the sources"))
    } else if cwd.starts_with(&out_abs) {
        Some("the output folder contains the current folder; a build replaces the output folder whole".to_owned())
    } else {
        foreign.map(|f| {
            format!(
                "the output folder holds `{f}`, so it is not a site's output; a build replaces the output folder whole"
            )
        })
    }
}

/// `path` made absolute and without `.`/`..`, following symlinks where the path exists.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let joined = std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve the part that exists, so a symlinked parent compares equal to its target.
    match (out.parent().and_then(|p| p.canonicalize().ok()), out.file_name()) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => out,
    }
}

/// A static file may not replace a page Gazette writes.
fn check_static(root: &Path, theme: &Theme, jobs: &[PageJob]) -> Result<(), Error> {
    let files: std::collections::HashSet<String> = jobs.iter().map(PageJob::file).collect();
    let problems: Vec<Diagnostic> = theme
        .statics
        .iter()
        .filter(|(rel, _)| files.contains(rel.as_str()))
        .map(|(rel, source)| {
            let shown = match source {
                StaticSource::Disk(p) => fs::shown(root, p.strip_prefix(root).unwrap_or(p)),
                StaticSource::Embedded(_) => PathBuf::from(format!("static/{rel}")),
            };
            Diagnostic::file(shown, format!("this static file would replace the page /{rel} that the site generates"))
                .with_hint("rename or remove the static file; pages come from templates")
        })
        .collect();
    if problems.is_empty() { Ok(()) } else { Err(Error::Site(problems)) }
}
