//! The floor of a static site build on this machine, as issue 18 defines it: read every
//! notice under `SITE/content/`, render its Markdown with pulldown-cmark (its front matter
//! skipped), and write one page each into the new folder `OUT`, on every core. No model,
//! templates, listings or feeds: no generator can be faster than this on the same notices.
//!
//! `cargo run --release --example floor -- SITE OUT` (OUT must not exist yet).

use std::path::Path;

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: floor SITE OUT");
        std::process::exit(2);
    }
    let (content, out) = (Path::new(&args[1]).join("content"), Path::new(&args[2]));
    if out.exists() {
        eprintln!("floor: {} exists; give a new folder", out.display());
        std::process::exit(2);
    }
    let started = std::time::Instant::now();
    let notices: Vec<_> = walkdir::WalkDir::new(&content)
        .into_iter()
        .map(|e| e.expect("a readable content folder"))
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    notices.par_iter().for_each(|path| {
        let text = std::fs::read_to_string(path).expect("a readable notice");
        // The body follows the second `+++` line.
        let body = text.splitn(3, "+++").nth(2).unwrap_or(&text);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
        let rel = path.strip_prefix(&content).expect("under content/").with_extension("");
        let dir = out.join(rel);
        std::fs::create_dir_all(&dir).expect("a writable output folder");
        std::fs::write(dir.join("index.html"), html).expect("a writable output folder");
    });
    println!("floor: {} notices into {} in {:.2} s", notices.len(), out.display(), started.elapsed().as_secs_f64());
}
