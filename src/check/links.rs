//! Links and images in notice bodies that point inside the site: each must lead to a page,
//! a file or a heading anchor the build writes.

use std::collections::{HashMap, HashSet};

use super::{Code, Finding};
use crate::Diagnostic;
use crate::project::DryRun;
use crate::site::Status;

/// What a built site holds: page paths, file paths, the ids on each notice's page, and the
/// notices that are not public yet (drafts and embargoed ones, which `check` includes).
struct Targets<'a> {
    pages: HashSet<&'a str>,
    files: HashSet<String>,
    anchors: HashMap<&'a str, HashSet<String>>,
    unpublished: HashMap<&'a str, Status>,
}

pub fn check(run: &DryRun, findings: &mut Vec<Finding>) {
    let site = &run.data.site;
    let targets = Targets {
        pages: run.jobs.iter().map(|j| j.path.as_str()).collect(),
        files: run.files.keys().map(|rel| format!("/{rel}")).collect(),
        anchors: site.entries.iter().map(|e| (e.path.as_str(), crate::markdown::ids(&e.notice.body.html))).collect(),
        unpublished: site.entries.iter().filter(|e| !public(e.status)).map(|e| (e.path.as_str(), e.status)).collect(),
    };
    let base_path = &site.config.base_path;
    let own_origin = format!("{}{}", site.config.origin, base_path);
    for e in &site.entries {
        let n = &e.notice;
        // A link by source path is checked as a link to the page the build resolved it to
        // (which, with drafts in the check, may be one the public site will not have).
        let mut internal = e.links.iter();
        for link in &n.body.links {
            let url = if link.is_internal() {
                let Some((j, fragment)) = internal.next() else { continue };
                let page = &site.entries[*j].path;
                let mut url = format!("{base_path}{}", page.trim_start_matches('/'));
                if let Some(f) = fragment {
                    url = format!("{url}#{f}");
                }
                url
            } else {
                link.url.clone()
            };
            let Some(problem) = resolve(&url, &e.path, public(e.status), base_path, &own_origin, &targets) else {
                continue;
            };
            // Said with the link as written.
            let problem = (problem.0, problem.1.replace(&url, &link.url), problem.2);
            let (code, message, hint) = problem;
            let mut d = Diagnostic::file(&n.shown, message).with_position(link.line + n.body_line - 1, link.col);
            if let Some(h) = hint {
                d = d.with_hint(h);
            }
            findings.push(Finding::error(code, d));
        }
    }
}

type Problem = (Code, String, Option<String>);

/// Why `url`, written on the page at `page`, leads nowhere; `None` if it leads somewhere
/// (or outside the site, which is not ours to check).
fn resolve(
    url: &str,
    page: &str,
    from_public: bool,
    base_path: &str,
    own_origin: &str,
    t: &Targets,
) -> Option<Problem> {
    let url = url.trim();
    let local = if let Some(rest) = url.strip_prefix(own_origin) {
        format!("{base_path}{rest}")
    } else if has_scheme(url) || url.starts_with("//") || url.is_empty() {
        return None;
    } else {
        url.to_owned()
    };
    let (before_fragment, fragment) = match local.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (local.as_str(), None),
    };
    let path_part = before_fragment.split('?').next().unwrap_or("");
    let target = if path_part.is_empty() {
        page.to_owned()
    } else if let Some(abs) = path_part.strip_prefix('/') {
        match format!("/{abs}").strip_prefix(base_path) {
            Some(rest) => format!("/{rest}"),
            None => {
                return Some((
                    Code::BrokenLink,
                    format!("the link {url} leads outside the site, which lives under {base_path}"),
                    Some(format!("write links within the site starting with {base_path}")),
                ));
            }
        }
    } else {
        join(page, path_part)
    };
    let target = percent_decode(&target);
    let page_path =
        if target.ends_with("/index.html") { target.trim_end_matches("index.html").to_owned() } else { target.clone() };
    let exists = t.pages.contains(page_path.as_str())
        || t.files.contains(&target)
        || (!target.ends_with('/') && t.pages.contains(format!("{target}/").as_str()));
    if !exists {
        let mut known: Vec<&str> = t.pages.iter().copied().chain(t.files.iter().map(String::as_str)).collect();
        known.sort_unstable();
        let hint = crate::diagnostic::did_you_mean(&target, &known).map(|m| format!("did you mean {m}?"));
        return Some((
            Code::BrokenLink,
            format!("the link {url} leads to no page or file of the site ({target})"),
            hint,
        ));
    }
    // A public notice may not link to one the public site does not have yet.
    if from_public && let Some(status) = t.unpublished.get(page_path.as_str()) {
        let what = if *status == Status::Draft { "a draft" } else { "a notice still under embargo" };
        return Some((
            Code::BrokenLink,
            format!("the link {url} leads to {what} ({page_path}), which the public site does not have"),
            Some("publish that notice first, or remove the link until it is out".into()),
        ));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let key = if t.anchors.contains_key(page_path.as_str()) { page_path.as_str() } else { return None };
    let ids = &t.anchors[key];
    let fragment = percent_decode(fragment);
    if ids.contains(&fragment) {
        return None;
    }
    let known: Vec<&str> = ids.iter().map(String::as_str).collect();
    let hint = match crate::diagnostic::did_you_mean(&fragment, &known) {
        Some(m) => format!("did you mean #{m}?"),
        None if known.is_empty() => "that notice has no headings to link to".to_owned(),
        None => {
            let mut all = known.clone();
            all.sort_unstable();
            format!("its anchors are #{}", all.join(", #"))
        }
    };
    Some((Code::BrokenAnchor, format!("the link {url} points to #{fragment}, which {key} does not have"), Some(hint)))
}

/// Whether a notice with `status` is on the public site (its page, at least).
fn public(status: Status) -> bool {
    !matches!(status, Status::Draft | Status::Scheduled)
}

fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// `rel` resolved against the page at site path `page` (a folder, ending in `/`).
fn join(page: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').filter(|p| !p.is_empty()).collect();
    let trailing = rel.ends_with('/') || rel.ends_with("/.") || rel.ends_with("/..") || rel == "." || rel == "..";
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// `s` with its `%XX` escapes decoded (bytes that are not UTF-8 shown as U+FFFD).
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The `id` attributes in `html`.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_page() {
        for (page, rel, want) in [
            ("/meetings/a/", "../b/", "/meetings/b/"),
            ("/meetings/a/", "report.pdf", "/meetings/a/report.pdf"),
            ("/meetings/a/", "../../tags/x/", "/tags/x/"),
            ("/meetings/a/", "../../../../x/", "/x/"),
            ("/meetings/a/", "..", "/meetings/"),
        ] {
            assert_eq!(join(page, rel), want, "{rel}");
        }
        assert!(has_scheme("https://x") && has_scheme("mailto:a@b") && !has_scheme("../a:b/") && !has_scheme("/x"));
        assert_eq!(percent_decode("/people/%E6%9D%8E/"), "/people/李/");
        let ids = crate::markdown::ids("<h2 id=\"a\">x</h2><sup id=\"fn-1\">");
        assert!(ids.contains("a") && ids.contains("fn-1"));
    }
}
