//! The same page in the site's other languages: for `<link rel="alternate" hreflang>` and
//! the language switcher of a site in several languages.

use super::PageData;
use super::views::{LanguageLink, PageTranslation};
use crate::plan::PageKind;

impl PageData {
    /// The same page in the site's other languages, where it has one: a notice's
    /// translations; a section of the same folder; the home page, indexes and search page.
    pub fn translations(&self, kind: PageKind) -> Vec<PageTranslation> {
        let site = &*self.site;
        let link = |code: &str, path: &str| PageTranslation {
            lang: code.to_owned(),
            language: crate::i18n::language_name(code),
            url: self.urls.href(path),
            permalink: self.urls.permalink(path),
        };
        let others = |path: &str| -> Vec<PageTranslation> {
            let own = kind.language(site);
            (0..site.languages.len())
                .filter(|&l| l != own)
                .map(|l| link(&site.languages[l].code, &site.languages[l].path(path)))
                .collect()
        };
        match kind {
            PageKind::Notice(i) => {
                let e = &site.entries[i];
                e.translation_of
                    .iter()
                    .chain(&e.translations)
                    .map(|&j| link(&site.entries[j].notice.lang, &site.entries[j].path))
                    .collect()
            }
            PageKind::Home { page: 1, .. } => others("/"),
            PageKind::TagIndex(_) => others("/tags/"),
            PageKind::PeopleIndex(_) => others("/people/"),
            PageKind::ArchiveIndex(_) => others("/archive/"),
            PageKind::Search(_) => others("/search/"),
            PageKind::Section { section, page: 1 } => {
                let s = &site.sections[section];
                (0..site.sections.len())
                    .filter(|&o| site.sections[o].key == s.key && site.sections[o].language != s.language)
                    .map(|o| link(&site.languages[site.sections[o].language].code, &site.section_path(o)))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// For a site in several languages, a link to each: to this page's translation where
    /// there is one, else to that language's home page.
    pub(super) fn language_links(&self, l: usize, translations: &[PageTranslation]) -> Vec<LanguageLink> {
        let site = &*self.site;
        if site.languages.len() < 2 {
            return Vec::new();
        }
        site.languages
            .iter()
            .enumerate()
            .map(|(o, language)| {
                let url = match translations.iter().find(|t| t.lang.eq_ignore_ascii_case(&language.code)) {
                    Some(t) => t.url.clone(),
                    None => self.urls.href(&language.path("/")),
                };
                LanguageLink {
                    lang: language.code.clone(),
                    name: crate::i18n::language_name(&language.code),
                    url,
                    current: o == l,
                }
            })
            .collect()
    }
}
