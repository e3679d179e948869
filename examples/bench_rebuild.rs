//! Measures incremental rebuilds on a generated site (see `gen_corpus`):
//! `cargo run --release --example bench_rebuild -- DIR [EDITS]`.
//!
//! Builds the site once, then applies edits the way `gazette watch` does after its debounce
//! window closes (a `Change` naming the edited file) and times each rebuild until its pages
//! are on disk: body edits below the first paragraph (the notice's page only), edits of the
//! first paragraph (the summary, shown in listings), and tag changes (tag pages). Prints
//! medians and 95th percentiles, and resident memory every 100 edits.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gazette::project::{Change, Options, Project};

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn stats(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p = |q: f64| ms(times[((times.len() as f64 - 1.0) * q).round() as usize]);
    println!(
        "{name:<28} n={:<5} median {:>7.1} ms   p95 {:>7.1} ms   max {:>7.1} ms",
        times.len(),
        p(0.5),
        p(0.95),
        ms(*times.last().unwrap())
    );
}

fn notices(dir: &Path) -> Vec<String> {
    let content = dir.join("content");
    let mut files: Vec<String> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(&content).unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(args.get(1).expect("usage: bench_rebuild DIR [EDITS]"));
    let edits: usize = args.get(2).map(|s| s.parse().unwrap()).unwrap_or(200);
    let output = dir.join("public-bench");
    let mut project = Project::new(Options {
        root: dir.clone(),
        output: Some(output),
        base_url: None,
        drafts: false,
        now: None,
        mode: gazette::project::Mode::Preview,
        cache: false,
    })
    .unwrap();
    let t = Instant::now();
    let report = project.build(false).unwrap();
    println!(
        "full build: {} notices, {} pages in {:.2} s, RSS {:.0} MiB",
        report.notices,
        report.pages,
        t.elapsed().as_secs_f64(),
        rss_mib()
    );

    let files = notices(&dir);
    let (mut body, mut summary, mut tags) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..edits {
        let rel = &files[(i * 7919) % files.len()];
        let path = dir.join("content").join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let kind = i % 3;
        let edited = match kind {
            // Below the first paragraph: a sentence added at the end.
            0 => format!("{text}\nAdded sentence number {i}.\n"),
            // The first paragraph, hence the summary.
            1 => text.replacen("+++\n\n", &format!("+++\n\nEdit {i}: "), 1),
            // One tag replaced by another.
            _ => text.replacen("tags = [\"topic ", &format!("tags = [\"topic {} ", i % 50), 1),
        };
        std::fs::write(&path, edited).unwrap();
        let t = Instant::now();
        let r = project.rebuild(&Change { content: vec![rel.clone()], ..Change::default() }).unwrap();
        let took = t.elapsed();
        assert!(!r.full, "an edit must not need a full rebuild");
        [&mut body, &mut summary, &mut tags][kind].push(took);
        if i < 6 {
            let laps: Vec<String> =
                r.timings.iter().map(|(n, d)| format!("{n} {:.1}", d.as_secs_f64() * 1000.0)).collect();
            println!("edit {i}: {} ms ({})", took.as_millis(), laps.join(", "));
        }
        if (i + 1) % 100 == 0 {
            println!(
                "after {:>5} edits: RSS {:.0} MiB (last: {} pages rendered, {} files written)",
                i + 1,
                rss_mib(),
                r.rendered,
                r.written
            );
        }
    }
    stats("body edit (notice page)", body);
    stats("first paragraph (listings)", summary);
    stats("tag change (tag pages)", tags);

    // Memory over many edits of a site that does not grow: one notice's text and tags
    // switch back and forth between two versions.
    let rel = &files[files.len() / 2];
    let path = dir.join("content").join(rel);
    let original = std::fs::read_to_string(&path).unwrap();
    let other =
        original.replacen("tags = [\"topic ", "tags = [\"steady ", 1).replace("+++\n\n", "+++\n\nSteady edit. ");
    let before = rss_mib();
    let mut steady = Vec::new();
    for i in 0..edits {
        std::fs::write(&path, if i % 2 == 0 { &other } else { &original }).unwrap();
        let t = Instant::now();
        project.rebuild(&Change { content: vec![rel.clone()], ..Change::default() }).unwrap();
        steady.push(t.elapsed());
    }
    println!("{edits} edits back and forth: RSS {before:.0} MiB before, {:.0} MiB after", rss_mib());
    stats("back and forth (tags, summary)", steady);
}
