//! `content/people/{slug}.md`: what a person's page says about them (name, role, and a
//! biography in Markdown). Optional: a person credited on notices without a file still gets
//! a page.

use std::path::{Path, PathBuf};

use super::LoadContext;
use super::front_matter::{self, PersonFrontMatter};
use super::notice::Problems;
use crate::Diagnostic;

/// The folder under `content/` that holds people's files.
pub const PEOPLE_DIR: &str = "people";

#[derive(Debug, Clone)]
pub struct PersonMeta {
    pub shown: PathBuf,
    pub name: String,
    /// The identity key of the name, as for credits.
    pub key: String,
    pub role: Option<String>,
    /// The body as HTML.
    pub bio: String,
    pub extra: serde_json::Value,
}

/// Whether the file at `rel` (under `content/`) is a person's file.
pub fn is_person_file(rel: &str) -> bool {
    rel.strip_prefix(PEOPLE_DIR).and_then(|r| r.strip_prefix('/')).is_some_and(|r| !r.contains('/'))
        && rel != format!("{PEOPLE_DIR}/{}", super::SECTION_FILE)
}

pub fn parse(shown: &Path, text: &str, cx: &LoadContext) -> Result<PersonMeta, Vec<Diagnostic>> {
    let mut problems = Problems { shown, text, split: None, list: Vec::new() };
    let (split, fm): (_, PersonFrontMatter) = match front_matter::read(text) {
        Ok(read) => read,
        Err(e) => {
            problems.front_matter_error(e);
            return Err(problems.list);
        }
    };
    problems.split = Some(&split);
    // Cleaned as credits are, so that the file names the person the notices credit.
    let name = fm.name.as_deref().map(crate::text::clean_name).unwrap_or_default();
    if name.is_empty() {
        let message = if fm.name.is_some() { "`name` is empty" } else { "missing field `name`" };
        problems.at_key("name", message.into(), Some("write the name as notices credit it, e.g. name = \"Li Yang\""));
        return Err(problems.list);
    }
    let mut extra = serde_json::Value::Object(fm.extra.unwrap_or_default());
    front_matter::fix_toml_dates(&mut extra);
    Ok(PersonMeta {
        shown: shown.to_path_buf(),
        key: crate::text::key(&name),
        name,
        role: fm.role.as_deref().map(crate::text::collapse_spaces).filter(|r| !r.is_empty()),
        bio: if split.body.trim().is_empty() { String::new() } else { cx.renderer.render(split.body).html },
        extra,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn people_files() {
        for (rel, want) in [
            ("people/li-yang.md", true),
            ("people/_index.md", false),
            ("people/old/li-yang.md", false),
            ("peoples/li-yang.md", false),
            ("meetings/people.md", false),
        ] {
            assert_eq!(super::is_person_file(rel), want, "{rel}");
        }
    }
}
