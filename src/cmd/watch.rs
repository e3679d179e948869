//! `gazette watch`: rebuild the site in place on every change, for people who serve the
//! output folder themselves. Also the loop `serve` runs.

use std::path::{Path, PathBuf};

use crate::cli::WatchArgs;
use crate::project::{Options, Project, Report};
use crate::watch::{Layout, Watcher};
use crate::{Error, fs, report};

pub fn run(args: &WatchArgs) -> Result<(), Error> {
    let mut project = Project::new(Options {
        root: args.root.clone(),
        output: args.output.clone(),
        base_url: None,
        drafts: false,
        now: None,
        background_search: true,
    })?;
    let first = project.build(true);
    print_outcome(&first, None);
    let mut watcher = Watcher::new(&canonical_root(&args.root)?, args.poll)?;
    println!("Watching {} for changes; press Ctrl-C to stop.", fs::shown(Path::new("."), &args.root).display());
    watch_loop(&mut project, &mut watcher, |_| {});
    Ok(())
}

/// The site's root as the watcher reports paths under it.
pub fn canonical_root(root: &Path) -> Result<PathBuf, Error> {
    root.canonicalize().map_err(|e| Error::Usage(format!("error: --root {}: {}", root.display(), fs::io_reason(&e))))
}

/// Rebuilds on every batch of changes until the watcher stops; `after` sees each outcome.
pub fn watch_loop(project: &mut Project, watcher: &mut Watcher, mut after: impl FnMut(&Result<Report, Error>)) {
    let root = project.root().canonicalize().unwrap_or_else(|_| project.root().to_path_buf());
    while let Some(paths) = watcher.next_batch() {
        let layout = Layout {
            root: root.clone(),
            output: project.output().map(absolute).unwrap_or_else(|| root.join("public")),
            theme: project.theme().unwrap_or(crate::theme::BUILTIN).to_owned(),
        };
        let change = layout.change(paths.iter().map(PathBuf::as_path));
        if change.is_empty() {
            continue;
        }
        let result = project.rebuild(&change);
        let what: Vec<String> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(&root).ok())
            .filter(|p| layout.classify(&root.join(p)) != crate::watch::Kind::Ignored)
            .map(|p| p.display().to_string())
            .collect();
        print_outcome(&result, Some(&what));
        after(&result);
    }
}

fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    joined.canonicalize().unwrap_or(joined)
}

/// One line per rebuild, or the problems.
pub fn print_outcome(result: &Result<Report, Error>, changed: Option<&[String]>) {
    let cause = match changed {
        Some([one]) => format!(" ({one})"),
        Some([first, rest @ ..]) => format!(" ({first} and {} more)", rest.len()),
        _ => String::new(),
    };
    match result {
        Ok(r) if r.full => {
            println!(
                "Built {} notice{}: {} pages in {} ms{cause}{}",
                r.notices,
                if r.notices == 1 { "" } else { "s" },
                r.pages,
                r.elapsed.as_millis(),
                super::build::drafts_note(false, r.drafts_skipped)
            );
            super::build::print_held(r);
        }
        Ok(r) => println!(
            "Rebuilt in {} ms: {} page{} rendered, {} file{} written, {} removed{cause}",
            r.elapsed.as_millis(),
            r.rendered,
            if r.rendered == 1 { "" } else { "s" },
            r.written,
            if r.written == 1 { "" } else { "s" },
            r.removed
        ),
        Err(e) => {
            report(e);
            eprintln!("Still serving the last good build; save a fix to rebuild.");
        }
    }
}
