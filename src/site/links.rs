//! Links between notices by source path, `[the earlier notice](@/meetings/work-conference.md)`
//! or `(@/meetings/work-conference.md#tasks)`: an author names the file, and the link follows
//! the notice wherever its address goes (a new title, another section). Resolved here, once
//! every notice's page is known; a link to a file that is not there, to a heading the
//! notice does not have, or to a notice the build leaves out is an error at the link.

use rustc_hash::FxHashMap;

use super::{Entry, LinkTarget, Status};
use crate::Diagnostic;
use crate::content::{CONTENT_DIR, Content};
use crate::markdown::INTERNAL_PREFIX;

/// Resolves the links by source path of every entry into [`Entry::links`].
pub fn resolve(entries: &mut [Entry], content: &Content, now: jiff::Timestamp, problems: &mut Vec<Diagnostic>) {
    let by_path: FxHashMap<&str, usize> =
        entries.iter().enumerate().map(|(i, e)| (e.notice.rel_path.as_str(), i)).collect();
    // The ids on each target's page, made once per target.
    let mut anchors: FxHashMap<usize, std::collections::HashSet<String>> = FxHashMap::default();
    let mut resolved: Vec<(usize, Vec<LinkTarget>)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let n = &e.notice;
        let mut links = Vec::new();
        for link in n.body.internal_links() {
            let at = (link.line + n.body_line - 1, link.col);
            let written = &link.url[INTERNAL_PREFIX.len()..];
            let (path, fragment) = match written.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (written, None),
            };
            let path = path.trim_start_matches("./");
            let problem = |message: String, hint: Option<String>| {
                let d = Diagnostic::file(&n.shown, message).with_position(at.0, at.1);
                match hint {
                    Some(h) => d.with_hint(h),
                    None => d,
                }
            };
            let Some(&j) = by_path.get(path) else {
                problems.push(missing(content, now, n.rel_path.as_str(), path, &problem));
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let ids = anchors.entry(j).or_insert_with(|| crate::markdown::ids(&entries[j].notice.body.html));
                if !ids.contains(fragment) {
                    let headings: Vec<&str> = entries[j].notice.body.toc.iter().map(|t| t.id.as_str()).collect();
                    let hint = match crate::diagnostic::did_you_mean(fragment, &headings) {
                        Some(m) => format!("did you mean #{m}?"),
                        None if headings.is_empty() => "that notice has no headings to link to".to_owned(),
                        None => format!("its headings are #{}", headings.join(", #")),
                    };
                    problems.push(problem(
                        format!("the link {}: {CONTENT_DIR}/{path} has no heading #{fragment}", link.url),
                        Some(hint),
                    ));
                    continue;
                }
            }
            links.push((j, fragment.filter(|f| !f.is_empty()).map(str::to_owned)));
        }
        if !links.is_empty() {
            resolved.push((i, links));
        }
    }
    for (i, links) in resolved {
        entries[i].links = links;
    }
}

/// The problem with a link to `path`, which has no page in this build.
fn missing(
    content: &Content,
    now: jiff::Timestamp,
    own: &str,
    path: &str,
    problem: &dyn Fn(String, Option<String>) -> Diagnostic,
) -> Diagnostic {
    if let Some(target) = content.notices.iter().find(|n| n.rel_path == path) {
        // A draft or an embargoed notice: its address must not appear before it does.
        let why = match Status::of(target, now) {
            Status::Scheduled => "is under embargo",
            _ => "is a draft",
        };
        return problem(
            format!("the link @/{path} leads to a notice that {why}, so it has no page yet"),
            Some("publish that notice first, or link to it once it is out".to_owned()),
        );
    }
    let known: Vec<&str> = content.notices.iter().map(|n| n.rel_path.as_str()).filter(|p| *p != own).collect();
    let hint = match crate::diagnostic::did_you_mean(path, &known) {
        Some(m) => format!("did you mean @/{m}?"),
        None => "write the notice's file under content/, e.g. @/meetings/work-conference.md".to_owned(),
    };
    problem(format!("the link @/{path}: there is no notice {CONTENT_DIR}/{path}"), Some(hint))
}
