//! Tags and people: names grouped by identity (case and surrounding space ignored), each
//! shown in the spelling most notices use and given a URL segment that no other has.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::{Entry, Group};
use crate::Diagnostic;
use crate::config::SlugMode;
use crate::slug::slugify;

/// Groups the names `get` gives for each entry (tags, or everyone credited), sorted by name.
/// A group is shown with the spelling most notices use; on a tie, the one that sorts first.
pub fn group(
    entries: &[Entry],
    get: impl Fn(&Entry) -> Vec<(&String, &String)>,
    what: &str,
    mode: SlugMode,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // Each group's spellings with their counts: usually one or two, so a list is quickest.
    let mut spellings: Vec<Vec<(&str, usize)>> = Vec::new();
    let mut by_key: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, e) in entries.iter().enumerate() {
        for (name, k) in get(e) {
            let g = *by_key.entry(k.as_str()).or_insert_with(|| {
                groups.push(Group {
                    name: String::new(),
                    key: k.clone(),
                    slug: String::new(),
                    language: 0,
                    entries: Vec::new(),
                });
                spellings.push(Vec::new());
                groups.len() - 1
            });
            match spellings[g].iter_mut().find(|(s, _)| *s == name.as_str()) {
                Some((_, n)) => *n += 1,
                None => spellings[g].push((name, 1)),
            }
            // Entries come in order, so a repeat can only be the last one.
            if groups[g].entries.last() != Some(&i) {
                groups[g].entries.push(i);
            }
        }
    }
    for (g, spelling) in groups.iter_mut().zip(spellings) {
        let best = spelling.iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0))).map_or("", |(n, _)| *n);
        g.name = best.to_owned();
        g.slug = crate::slug::fit(slugify(best, mode));
        if g.slug.is_empty() {
            let file = &entries[g.entries[0]].notice.shown;
            problems.push(
                Diagnostic::file(file, format!("the {what} `{best}` has no letters or digits to make its URL from"))
                    .with_hint(format!("write the {what} with at least one letter or digit")),
            );
        }
    }
    groups.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.name.cmp(&b.name)));
    resolve_slug_clashes(&mut groups, entries, what, problems);
    groups
}

/// Group positions by language and identity key.
pub fn index(groups: &[Group]) -> FxHashMap<(usize, &str), usize> {
    groups.iter().enumerate().map(|(i, g)| ((g.language, g.key.as_str()), i)).collect()
}

/// Two different tags (or people) whose URLs would be the same. A name in a non-Latin script
/// that transliterates like another (`李阳` and `Li Yang`) keeps its own script in its URL
/// instead (`/people/李阳/`): the two may well be different people. Any clash left, such
/// as `C++` and `C`, is an error.
fn resolve_slug_clashes(groups: &mut [Group], entries: &[Entry], what: &str, problems: &mut Vec<Diagnostic>) {
    let clashes = |groups: &[Group]| {
        let mut by_slug: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, g) in groups.iter().enumerate().filter(|(_, g)| !g.slug.is_empty()) {
            by_slug.entry(g.slug.clone()).or_default().push(i);
        }
        by_slug.into_iter().filter(|(_, c)| c.len() > 1).collect::<Vec<_>>()
    };
    for (_, clash) in clashes(groups) {
        for i in clash {
            if !groups[i].name.is_ascii() {
                groups[i].slug = crate::slug::fit(slugify(&groups[i].name, SlugMode::Safe));
            }
        }
    }
    for (slug, clash) in clashes(groups) {
        let names: Vec<String> = clash.iter().map(|&i| format!("`{}`", groups[i].name)).collect();
        let first = &entries[groups[clash[1]].entries[0]].notice.shown;
        problems.push(
            Diagnostic::file(first, format!("the {what}s {} would share one page, …/{slug}/", names.join(" and ")))
                .with_hint(format!(
                    "write them the same way if they are the same {what}, or make them differ in letters or digits"
                )),
        );
    }
}
