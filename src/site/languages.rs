//! The languages a site is published in (its own, then those of `[languages]` in
//! site.toml), each with its part of the site: its path prefix, title and home page.

use super::Language;
use crate::config::Config;
use crate::content::Content;
use crate::i18n::Lang;

/// The site's languages: its own, then those of `[languages]`, each with the title and
/// description of its part and its home page's introduction.
pub fn of(config: &Config, content: &Content) -> Vec<Language> {
    let home = |code: Option<&str>| {
        content
            .sections
            .iter()
            .find(|m| m.key.is_empty() && m.language.as_deref() == code)
            .map(|m| m.content.clone())
            .unwrap_or_default()
    };
    let own = Language {
        code: config.language.clone(),
        lang: Lang::of(&config.language),
        prefix: String::new(),
        title: config.title.clone(),
        description: config.description.clone(),
        listed: Vec::new(),
        home_content: home(None),
    };
    std::iter::once(own)
        .chain(config.languages.iter().map(|l| Language {
            code: l.code.clone(),
            lang: Lang::of(&l.code),
            prefix: format!("/{}", l.code),
            title: l.title.clone().unwrap_or_else(|| config.title.clone()),
            description: l.description.clone().unwrap_or_else(|| config.description.clone()),
            listed: Vec::new(),
            home_content: home(Some(&l.code)),
        }))
        .collect()
}
