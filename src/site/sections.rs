//! Sections: the folders of `content/` (or a notice's `section`), per language, described
//! by their `_index.md` (`_index.<tag>.md` for another language).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Language, Section};
use crate::Diagnostic;
use crate::config::Config;
use crate::content::{Notice, SectionMeta};
use crate::slug::RESERVED;
use crate::slug::slugify;

/// Every section of language `l`'s part that one of its notices names or an `_index.md`
/// (`_index.<tag>.md`) describes, in navigation order. Another language's section takes
/// the title, description and order of the site's own language's `_index.md` where its
/// own does not give them.
pub fn of(
    l: usize,
    notices: &[&Arc<Notice>],
    metas: &[SectionMeta],
    languages: &[Language],
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    let code = (l > 0).then(|| languages[l].code.as_str());
    let mut by_slug: BTreeMap<String, Section> = BTreeMap::new();
    let new_section = |key: &str, slug: String| Section {
        key: key.to_owned(),
        language: l,
        title: default_title(key),
        slug,
        description: None,
        order: None,
        content: String::new(),
        extra: serde_json::Value::Object(Default::default()),
        entries: Vec::new(),
    };
    let mut reported: Vec<String> = Vec::new();
    // The section's URL segment, or `None` (with a problem reported once) if it has none.
    // `at`: where the front matter sets the section, when it is not the folder's name.
    let mut checked_slug = |key: &str, slug: &str, shown: &std::path::Path, at: Option<(usize, usize)>| {
        let rename = if at.is_some() {
            "set another `section` in the front matter"
        } else {
            "rename the folder, or set `section` in the front matter"
        };
        let slug = slug.to_owned();
        // The site's own language's sections sit beside the other languages' parts.
        let part = languages[1..].iter().find(|o| l == 0 && o.code.eq_ignore_ascii_case(&slug));
        let problem = if slug.is_empty() {
            Some((format!("the section `{key}` has no letters or digits to make its URL from"), rename.to_owned()))
        } else if RESERVED.contains(&slug.as_str()) {
            Some((
                format!("the section `{key}` would take the URL /{slug}/, which the site's own {slug} pages use"),
                format!("{rename}; {} are reserved", RESERVED.join(", ")),
            ))
        } else {
            part.map(|part| {
                (
                    format!(
                        "the section `{key}` would take the URL /{slug}/, where the site's {} pages are",
                        part.code
                    ),
                    format!("{rename}; each language in [languages] has its part of the site under /<tag>/"),
                )
            })
        };
        match problem {
            None => Some(slug),
            Some((message, hint)) => {
                if !reported.contains(&key.to_owned()) {
                    let d = Diagnostic::file(shown, message).with_hint(hint);
                    problems.push(match at {
                        Some((line, col)) => d.with_position(line, col),
                        None => d,
                    });
                    reported.push(key.to_owned());
                }
                None
            }
        }
    };
    let slug_of = |meta: &SectionMeta| crate::slug::fit(slugify(&meta.key, config.slug_mode));
    for meta in metas.iter().filter(|m| !m.key.is_empty() && m.language.as_deref() == code) {
        let Some(slug) = checked_slug(&meta.key, &slug_of(meta), &meta.shown, None) else {
            continue;
        };
        let s = by_slug.entry(slug.clone()).or_insert_with(|| new_section(&meta.key, slug));
        s.title = meta.title.clone().unwrap_or_else(|| s.title.clone());
        s.description = meta.description.clone();
        s.order = meta.order;
        s.content = meta.content.clone();
        s.extra = meta.extra.clone();
    }
    for n in notices {
        if by_slug.contains_key(&n.section_slug) {
            continue;
        }
        if let Some(slug) = checked_slug(&n.section, &n.section_slug, &n.shown, n.section_at) {
            by_slug.entry(slug.clone()).or_insert_with(|| new_section(&n.section, slug));
        }
    }
    if code.is_some() {
        let own: Vec<&str> = metas.iter().filter(|m| m.language.as_deref() == code).map(|m| m.key.as_str()).collect();
        for meta in metas.iter().filter(|m| !m.key.is_empty() && m.language.is_none()) {
            if let Some(s) = by_slug.get_mut(&slug_of(meta))
                && !own.contains(&meta.key.as_str())
            {
                s.title = meta.title.clone().unwrap_or_else(|| s.title.clone());
                s.description = meta.description.clone();
                s.order = meta.order;
                s.extra = meta.extra.clone();
            }
        }
    }
    let mut sections: Vec<Section> = by_slug.into_values().collect();
    sections.sort_by(|a, b| {
        (a.order.unwrap_or(i64::MAX), &a.title, &a.slug).cmp(&(b.order.unwrap_or(i64::MAX), &b.title, &b.slug))
    });
    sections
}

/// `press-releases` → `Press releases`.
fn default_title(key: &str) -> String {
    let spaced = key.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}
