//! `content/<section>/_index.md`: a section's title, description, order and introduction.
//! `content/_index.md` does the same for the home page.

use std::path::Path;

use super::LoadContext;
use super::front_matter::{self, SectionFrontMatter};
use super::notice::Problems;
use crate::Diagnostic;

#[derive(Debug, Clone, Default)]
pub struct SectionMeta {
    /// The folder name, or `""` for `content/_index.md` (the home page).
    pub key: String,
    /// The language of `_index.<tag>.md`, one of `[languages]`; `None` for `_index.md`.
    pub language: Option<String>,
    /// The `_index.md` file, as shown in messages.
    pub shown: std::path::PathBuf,
    pub title: Option<String>,
    pub description: Option<String>,
    pub order: Option<i64>,
    /// The body rendered to HTML, shown above the section's list.
    pub content: String,
    pub extra: serde_json::Value,
}

pub fn parse(rel: &str, shown: &Path, text: &str, cx: &LoadContext) -> Result<SectionMeta, Vec<Diagnostic>> {
    let mut problems = Problems { shown, text, split: None, list: Vec::new() };
    let language = crate::config::languages::of_file(rel, &cx.config.languages).map(|l| l.code.clone());
    let key = rel.rsplit_once('/').map_or("", |(folder, _)| folder);
    if key.contains('/') {
        problems.list.push(
            Diagnostic::file(shown, "an _index.md describes a section and must sit in a section's own folder")
                .with_hint(format!("move it to content/{}/_index.md", super::section_of(rel))),
        );
        return Err(problems.list);
    }
    let (split, fm): (_, SectionFrontMatter) = match front_matter::read(text) {
        Ok(read) => read,
        Err(e) => {
            problems.front_matter_error(e);
            return Err(problems.list);
        }
    };
    let mut extra = serde_json::Value::Object(fm.extra.unwrap_or_default());
    front_matter::fix_toml_dates(&mut extra);
    let clean = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(SectionMeta {
        key: key.to_owned(),
        language,
        shown: shown.to_path_buf(),
        title: clean(fm.title),
        description: clean(fm.description),
        order: fm.order,
        content: if split.body.trim().is_empty() { String::new() } else { cx.renderer.render(split.body).html },
        extra,
    })
}
