//! `gazette build`: the whole site, written into a staging folder swapped in at the end.

use std::path::Path;

use crate::cli::BuildArgs;
use crate::project::{Options, Project, Report};
use crate::{Error, fs};

pub fn run(args: &BuildArgs) -> Result<Report, Error> {
    let mut project = Project::new(Options {
        root: args.root.clone(),
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        now: args.now.clone(),
        background_search: false,
        cache: !args.no_cache,
    })?;
    let report = project.build(false)?;
    // After a cached build, say how much was done again.
    let redone = if report.full {
        String::new()
    } else {
        format!(" ({} rendered, {} unchanged)", report.rendered, report.pages - report.rendered)
    };
    println!(
        "Built {} notice{} into {}: {} pages{redone}, {} static files in {:.2} s{}",
        report.notices,
        if report.notices == 1 { "" } else { "s" },
        fs::shown(Path::new("."), &report.output).display(),
        report.pages,
        report.static_files,
        report.elapsed.as_secs_f64(),
        drafts_note(args.drafts, report.drafts_skipped),
    );
    print_held(&report);
    if args.timings {
        print!("{}", timings(&report));
    }
    // Freeing a large site's model takes a noticeable moment that nobody waits for: the
    // process ends without waiting for this thread.
    std::thread::spawn(move || drop(project));
    Ok(report)
}

/// The phases of a build with their wall-clock times, then the work of each kind summed over
/// the threads that shared it.
pub fn timings(report: &Report) -> String {
    let mut out = String::from("Phases (wall clock):\n");
    for (name, d) in &report.timings {
        out.push_str(&format!("  {name:<18} {:>8.3} s\n", d.as_secs_f64()));
    }
    out.push_str(&format!("  {:<18} {:>8.3} s\n", "total", report.elapsed.as_secs_f64()));
    if !report.work.is_empty() {
        let threads = rayon::current_num_threads();
        out.push_str(&format!("Work (summed over {threads} thread{}):\n", if threads == 1 { "" } else { "s" }));
        for (name, d) in &report.work {
            out.push_str(&format!("  {name:<18} {:>8.3} s\n", d.as_secs_f64()));
        }
    }
    out
}

/// The embargoed notices a build left out, and when each goes live.
pub fn print_held(report: &Report) {
    if report.held.is_empty() {
        return;
    }
    let n = report.held.len();
    println!(
        "Held back by embargo ({n} notice{}, left out of every page, feed and index):",
        if n == 1 { "" } else { "s" }
    );
    for (shown, when) in &report.held {
        println!("  {} goes live at {when}", shown.display());
    }
}

/// ` (2 drafts left out)`, ` (drafts included)` or nothing.
pub fn drafts_note(included: bool, skipped: usize) -> String {
    match (included, skipped) {
        (true, _) => " (drafts included)".to_owned(),
        (false, 0) => String::new(),
        (false, n) => format!(" ({n} draft{} left out)", if n == 1 { "" } else { "s" }),
    }
}
