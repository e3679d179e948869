//! `gazette serve`: build the site into a preview folder, serve it locally, and rebuild and
//! reload the browser on every change. Errors show in the terminal and over the page; the
//! last good build keeps being served.

use std::net::SocketAddr;
use std::path::Path;

use crate::cli::{ServeArgs, Verbosity};
use crate::project::{Mode, Options, Project};
use crate::serve::{self, Live, Preview};
use crate::watch::Watcher;
use crate::{Error, fs};

/// Where the preview is written, under the site's folder: never the published output.
pub const PREVIEW_DIR: &str = ".gazette/preview";

pub fn run(args: &ServeArgs, verbosity: Verbosity) -> Result<(), Error> {
    let output = args.output.clone().unwrap_or_else(|| args.root.join(PREVIEW_DIR));
    let mut project = Project::new(Options {
        root: args.root.clone(),
        output: Some(output.clone()),
        base_url: None,
        drafts: args.drafts,
        now: None,
        mode: Mode::Preview,
        cache: true,
    })?;
    let addr = SocketAddr::new(args.bind, args.port);
    // Bind before building, so a taken port is said at once.
    let listener = serve::bind(addr)?;
    // With port 0 the system picks one; say which.
    let addr = listener.local_addr().unwrap_or(addr);
    let preview = Preview::new(output);

    let first = project.build(true);
    super::watch::print_outcome(&first, None, verbosity);
    if let Err(e) = &first {
        if let Error::Usage(_) = e {
            return first.map(|_| ());
        }
        preview.publish(Live::Problem(e.to_string()));
    }
    let mut watcher = Watcher::new(&super::watch::canonical_root(&args.root)?, args.poll)?;
    let url = format!("http://{}/", display_addr(addr));
    serve::start(listener, preview.clone());
    println!(
        "Serving {} at {url}{}; press Ctrl-C to stop.",
        if args.root == Path::new(".") {
            "the site".to_owned()
        } else {
            fs::shown(Path::new("."), &args.root).display().to_string()
        },
        if args.drafts { " with drafts" } else { "" }
    );
    if !args.bind.is_loopback() {
        crate::diagnostic::warn(&format!(
            "listening on {}: anyone who can reach this machine can see the preview{}.",
            args.bind,
            if args.drafts { ", drafts included" } else { "" }
        ));
    }
    if args.open {
        open_browser(&url);
    }
    super::watch::watch_loop(&mut project, &mut watcher, verbosity, |result| {
        preview.publish(match result {
            Ok(r) if r.css_only => Live::Css,
            Ok(r) if r.written > 0 || r.removed > 0 || r.full => Live::Reload,
            Ok(_) => Live::Fine,
            Err(e) => Live::Problem(e.to_string()),
        })
    });
    Ok(())
}

fn display_addr(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() { format!("localhost:{}", addr.port()) } else { addr.to_string() }
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(program).arg(url).spawn().is_err() {
        crate::diagnostic::warn(&format!("could not open a browser; open {url} yourself"));
    }
}
