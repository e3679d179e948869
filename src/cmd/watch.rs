//! `gazette watch`: rebuild the site in place on every change, for people who serve the
//! output folder themselves. Also the loop `serve` runs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cli::{Verbosity, WatchArgs};
use crate::project::{Mode, Options, Project, Report};
use crate::watch::{Layout, Watcher};
use crate::{Error, fs, report};

pub fn run(args: &WatchArgs, verbosity: Verbosity) -> Result<(), Error> {
    let mut project = Project::new(Options {
        root: args.root.clone(),
        output: args.output.clone(),
        base_url: None,
        drafts: false,
        now: None,
        mode: Mode::Preview,
        cache: true,
    })?;
    let first = project.build(true);
    print_outcome(&first, None, verbosity);
    let mut watcher = Watcher::new(&canonical_root(&args.root)?, args.poll)?;
    if !verbosity.quiet() {
        println!("Watching {} for changes; press Ctrl-C to stop.", fs::shown(Path::new("."), &args.root).display());
    }
    watch_loop(&mut project, &mut watcher, verbosity, |_| {});
    Ok(())
}

/// The site's root as the watcher reports paths under it.
pub fn canonical_root(root: &Path) -> Result<PathBuf, Error> {
    root.canonicalize().map_err(|e| Error::Usage(format!("error: --root {}: {}", root.display(), fs::io_reason(&e))))
}

/// Longest wait for a scheduled change before looking again (a clock may jump).
const MAX_WAIT: Duration = Duration::from_secs(3600);
/// How often the output folder is looked at when nothing else happens: the watcher does not
/// watch it (our own writes are no changes), so its deletion is seen this way.
const OUTPUT_CHECK: Duration = Duration::from_secs(1);

/// Rebuilds on every batch of changes until the watcher stops, and when an embargo lifts or
/// a notice expires; builds the whole site again when its output folder (or part of it) is
/// deleted. `after` sees each outcome.
pub fn watch_loop(
    project: &mut Project,
    watcher: &mut Watcher,
    verbosity: Verbosity,
    mut after: impl FnMut(&Result<Report, Error>),
) {
    let root = project.root().canonicalize().unwrap_or_else(|_| project.root().to_path_buf());
    let mut witnesses = crate::watch::witnesses(project.written_files());
    loop {
        let scheduled = project.next_change().map(|t| {
            let wait = t.duration_since(jiff::Timestamp::now()).unsigned_abs();
            // A second late, so that the moment has surely passed when the site is rebuilt.
            Instant::now() + wait.min(MAX_WAIT) + Duration::from_secs(1)
        });
        let check = Instant::now() + OUTPUT_CHECK;
        let Some(paths) = watcher.next_batch_until(Some(scheduled.map_or(check, |s| s.min(check)))) else { break };
        if let Some(output) = project.output()
            && witnesses.iter().any(|f| !output.join(f).exists())
        {
            // Whatever else changed, a full build reads it too.
            let result = project.build(true);
            print_outcome(&result, Some(&["the output folder or part of it was deleted".into()]), verbosity);
            after(&result);
            witnesses = crate::watch::witnesses(project.written_files());
            continue;
        }
        let layout = Layout {
            root: root.clone(),
            output: project.output().map(absolute).unwrap_or_else(|| root.join("public")),
            theme: project.theme().unwrap_or(crate::theme::BUILTIN).to_owned(),
        };
        let mut change = layout.change(paths.iter().map(PathBuf::as_path));
        if paths.is_empty() {
            // Nothing changed on disk, but an embargo lifted or a notice expired.
            if project.next_change().is_none_or(|t| t > jiff::Timestamp::now()) {
                continue;
            }
            change.clock = true;
        }
        if change.is_empty() {
            continue;
        }
        let result = project.rebuild(&change);
        witnesses = crate::watch::witnesses(project.written_files());
        let mut what: Vec<String> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(&root).ok())
            .filter(|p| layout.classify(&root.join(p)) != crate::watch::Kind::Ignored)
            .map(|p| p.display().to_string())
            .collect();
        if change.clock {
            what.push("an embargo lifted or a notice expired".into());
        }
        print_outcome(&result, Some(&what), verbosity);
        after(&result);
    }
}

fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    joined.canonicalize().unwrap_or(joined)
}

/// One line per rebuild (none with `--quiet`; with `--verbose`, its phases too), or the
/// problems.
pub fn print_outcome(result: &Result<Report, Error>, changed: Option<&[String]>, verbosity: Verbosity) {
    let cause = match changed {
        Some([one]) => format!(" ({one})"),
        Some([first, rest @ ..]) => format!(" ({first} and {} more)", rest.len()),
        _ => String::new(),
    };
    match result {
        Ok(_) if verbosity.quiet() => {}
        Ok(r) if r.full => {
            println!(
                "Built {} notice{}: {} pages in {} ms{cause}{}",
                r.notices,
                crate::text::plural_s(r.notices),
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
            crate::text::plural_s(r.rendered),
            r.written,
            crate::text::plural_s(r.written),
            r.removed
        ),
        Err(e) => {
            report(e);
            eprintln!("Still serving the last good build; save a fix to rebuild.");
        }
    }
    if let Ok(r) = result
        && verbosity.verbose()
    {
        print!("{}", super::build::timings(r));
    }
}
