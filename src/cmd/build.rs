//! `gazette build`: the whole site, written into a staging folder swapped in at the end.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::cli::{BuildArgs, Verbosity};
use crate::project::{Mode, Options, Progress, Project, Report};
use crate::{Error, fs};

pub fn run(args: &BuildArgs, verbosity: Verbosity) -> Result<Report, Error> {
    let mut project = Project::new(Options {
        root: args.root.clone(),
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        now: args.now.clone(),
        mode: Mode::Publish,
        cache: !args.no_cache,
    })?;
    let bar = (!verbosity.quiet() && std::io::stderr().is_terminal()).then(|| Bar::start(project.progress()));
    // With nothing changed since the last build, nothing to read. Not with --verbose, which
    // lists the drafts left out: that takes reading them.
    let result = match project.unchanged().filter(|_| !verbosity.verbose()) {
        Some(report) => Ok(report),
        None => project.build(false),
    };
    // Gone from the terminal before anything else is printed, problems included.
    drop(bar);
    let report = result?;
    if !verbosity.quiet() {
        println!("{}", summary(&report, args.drafts));
        print_held(&report);
    }
    if verbosity.verbose() {
        print_drafts(&drafts_left_out(&project, args.drafts));
        println!("{}", how_written(&report, args.no_cache));
    }
    if args.timings || verbosity.verbose() {
        print!("{}", timings(&report));
    }
    // Freeing a large site's model takes a noticeable moment that nobody waits for: the
    // process ends without waiting for this thread.
    std::thread::spawn(move || drop(project));
    Ok(report)
}

/// The line a successful build ends with: `Built 16 notices (9 tags, 5 people) into public:
/// 56 pages, 2 static files in 0.75 s`, with what a cached build did again and the drafts
/// left out.
pub fn summary(report: &Report, drafts: bool) -> String {
    // After a cached build, say how much was done again.
    let redone = if report.full {
        String::new()
    } else {
        format!(" ({} rendered, {} unchanged)", report.rendered, report.pages - report.rendered)
    };
    format!(
        "Built {} ({}, {}) into {}: {} pages{redone}, {} static files in {:.2} s{}",
        count(report.notices, "notice", "notices"),
        count(report.tags, "tag", "tags"),
        count(report.people, "person", "people"),
        fs::shown(Path::new("."), &report.output).display(),
        report.pages,
        report.static_files,
        report.elapsed.as_secs_f64(),
        drafts_note(drafts, report.drafts_skipped),
    )
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
        out.push_str(&format!("Work (summed over {threads} thread{}):\n", crate::text::plural_s(threads)));
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
    println!("Held back by embargo ({n} notice{}, left out of every page, feed and index):", crate::text::plural_s(n));
    for (shown, when) in &report.held {
        println!("  {} goes live at {when}", shown.display());
    }
}

/// The files of the drafts a build without `--drafts` left out, in order.
fn drafts_left_out(project: &Project, included: bool) -> Vec<PathBuf> {
    if included {
        return Vec::new();
    }
    let mut drafts: Vec<PathBuf> = project.notices().iter().filter(|n| n.draft).map(|n| n.shown.clone()).collect();
    drafts.sort();
    drafts
}

fn print_drafts(drafts: &[PathBuf]) {
    if drafts.is_empty() {
        return;
    }
    let n = drafts.len();
    println!("Drafts left out ({n} notice{}; `--drafts` includes them):", crate::text::plural_s(n));
    for shown in drafts {
        println!("  {}", shown.display());
    }
}

/// How the output folder was written: a new folder swapped in, or in place with the build
/// cache's record of it.
fn how_written(report: &Report, no_cache: bool) -> String {
    let output = fs::shown(Path::new("."), &report.output);
    if report.full {
        format!(
            "Wrote a new folder and swapped it in for {}{}",
            output.display(),
            if no_cache { " (--no-cache)" } else { "" }
        )
    } else {
        format!(
            "Wrote {} file{} and removed {} in place in {}",
            report.written,
            crate::text::plural_s(report.written),
            report.removed,
            output.display()
        )
    }
}

/// ` (2 drafts left out)`, ` (drafts included)` or nothing.
pub fn drafts_note(included: bool, skipped: usize) -> String {
    match (included, skipped) {
        (true, _) => " (drafts included)".to_owned(),
        (false, 0) => String::new(),
        (false, n) => format!(" ({n} draft{} left out)", crate::text::plural_s(n)),
    }
}

/// A progress bar on standard error, for builds on a terminal: it appears once the build
/// has run for [`Bar::DELAY`] and is rendering pages, is redrawn in place every
/// [`Bar::EVERY`], and is wiped when dropped.
struct Bar {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Bar {
    const DELAY: Duration = Duration::from_secs(1);
    const EVERY: Duration = Duration::from_millis(100);

    fn start(progress: Arc<Progress>) -> Bar {
        let (stop, stopped) = mpsc::channel::<()>();
        let started = Instant::now();
        let thread = std::thread::spawn(move || {
            let mut shown = 0;
            let mut wait = Bar::DELAY;
            // Any message, or the sender dropped, means the build is over.
            while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
                wait = Bar::EVERY;
                let (done, total) = progress.get();
                if total == 0 || started.elapsed() < Bar::DELAY {
                    continue;
                }
                let line = progress_line(done, total);
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r{line}");
                let _ = err.flush();
                shown = shown.max(line.chars().count());
            }
            if shown > 0 {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r{:shown$}\r", "");
                let _ = err.flush();
            }
        });
        Bar { stop: Some(stop), thread: Some(thread) }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The progress bar's line: `Rendering pages [=========>          ]  8123/14266`.
pub fn progress_line(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let done = done.min(total);
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    let mut bar = "=".repeat(filled);
    if filled < WIDTH {
        bar.push('>');
        bar.push_str(&" ".repeat(WIDTH - filled - 1));
    }
    let digits = total.to_string().len();
    format!("Rendering pages [{bar}] {done:>digits$}/{total}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_fills_as_pages_are_done() {
        assert_eq!(progress_line(0, 14266), "Rendering pages [>                             ]     0/14266");
        assert_eq!(progress_line(8123, 14266), "Rendering pages [=================>            ]  8123/14266");
        assert_eq!(progress_line(14266, 14266), "Rendering pages [==============================] 14266/14266");
        // Never past the end, never a division by zero, always the same width.
        assert_eq!(progress_line(12, 10), "Rendering pages [==============================] 10/10");
        assert_eq!(progress_line(0, 0), "Rendering pages [>                             ] 0/0");
        let widths: Vec<usize> = (0..=100).map(|d| progress_line(d, 100).chars().count()).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
    }

    #[test]
    fn the_summary_counts_notices_tags_and_people() {
        let mut report = Report {
            notices: 16,
            tags: 9,
            people: 5,
            pages: 56,
            rendered: 56,
            static_files: 2,
            full: true,
            elapsed: Duration::from_millis(750),
            output: PathBuf::from("public"),
            drafts_skipped: 1,
            ..Report::default()
        };
        assert_eq!(
            summary(&report, false),
            "Built 16 notices (9 tags, 5 people) into public: 56 pages, 2 static files in 0.75 s (1 draft left out)"
        );
        report.full = false;
        report.rendered = 0;
        (report.notices, report.tags, report.people) = (1, 1, 1);
        assert_eq!(
            summary(&report, true),
            "Built 1 notice (1 tag, 1 person) into public: 56 pages (0 rendered, 56 unchanged), 2 static files in 0.75 s (drafts included)"
        );
    }
}
