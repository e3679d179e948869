//! `[languages.<tag>]` in site.toml: the languages the site is published in besides its
//! own `language`. Each has its own part of the site under `/<tag>/` (home, sections, tags,
//! people, archive, feeds, search), its notices named `*.<tag>.md` or with `lang = "<tag>"`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One `[languages.<tag>]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawLanguage {
    /// The site's title in this language; the site's `title` if absent.
    pub title: Option<String>,
    /// The site's description in this language; the site's `description` if absent.
    pub description: Option<String>,
}

pub type RawLanguages = BTreeMap<Spanned<String>, RawLanguage>;

/// A language the site is published in besides its own.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language {
    /// The tag as written in site.toml: the URL prefix, `/<code>/`, and the file suffix.
    pub code: String,
    pub title: Option<String>,
    pub description: Option<String>,
}

/// The checked languages, in the order of their tags; or the first problem: its span in
/// site.toml, message and hint.
pub fn read(raw: RawLanguages, own: &str) -> Result<Vec<Language>, Vec<super::Problem>> {
    let mut problems = Vec::new();
    let mut out: Vec<Language> = Vec::new();
    let clean = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    for (code, lang) in raw {
        let span = code.span();
        let code = code.into_inner();
        if !super::is_language_tag(&code) {
            problems.push((
                span,
                format!("`languages.{code}`: `{code}` is not a language tag"),
                "name the table with a tag such as [languages.zh-Hans] or [languages.en]".to_owned(),
            ));
        } else if code.eq_ignore_ascii_case(own) {
            problems.push((
                span,
                format!("`languages.{code}` is the site's own `language`"),
                "[languages.…] lists the other languages the site is published in; remove this table".to_owned(),
            ));
        } else if let Some(first) = out.iter().find(|l| l.code.eq_ignore_ascii_case(&code)) {
            problems.push((
                span,
                format!("`languages.{code}` repeats `languages.{}`", first.code),
                "keep one table per language".to_owned(),
            ));
        } else {
            out.push(Language { code, title: clean(lang.title), description: clean(lang.description) });
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// The language a content file's name gives it: `meetings/x.zh-Hans.md` and
/// `meetings/_index.zh-Hans.md` → `zh-Hans`, when `zh-Hans` is one of `languages`.
pub fn of_file<'a>(rel: &str, languages: &'a [Language]) -> Option<&'a Language> {
    let stem = rel.strip_suffix(".md")?;
    let name = stem.rsplit('/').next()?;
    let (_, suffix) = name.rsplit_once('.')?;
    languages.iter().find(|l| l.code == suffix)
}

/// `meetings/x.zh-Hans.md` → `meetings/x.md`: the file a translation named by its language
/// translates.
pub fn without_suffix(rel: &str, language: &Language) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let base = stem.strip_suffix(&format!(".{}", language.code)).unwrap_or(stem);
    format!("{base}.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(codes: &[&str]) -> Vec<Language> {
        codes.iter().map(|c| Language { code: (*c).into(), title: None, description: None }).collect()
    }

    #[test]
    fn languages_of_files() {
        let l = langs(&["zh-Hans", "fr"]);
        for (rel, want) in [
            ("meetings/x.zh-Hans.md", Some("zh-Hans")),
            ("x.fr.md", Some("fr")),
            ("meetings/_index.zh-Hans.md", Some("zh-Hans")),
            ("meetings/x.md", None),
            ("meetings/x.zh-hans.md", None),
            ("meetings/report.v2.md", None),
            ("zh-Hans/x.md", None),
            ("meetings/x.zh-Hans.txt", None),
        ] {
            assert_eq!(of_file(rel, &l).map(|l| l.code.as_str()), want, "{rel}");
        }
        assert_eq!(without_suffix("meetings/x.zh-Hans.md", &l[0]), "meetings/x.md");
        assert_eq!(without_suffix("_index.fr.md", &l[1]), "_index.md");
    }

    #[test]
    fn tables_are_checked() {
        let read_one = |toml_text: &str, own: &str| {
            #[derive(Deserialize)]
            struct T {
                languages: RawLanguages,
            }
            let t: T = toml::from_str(toml_text).unwrap();
            read(t.languages, own).map_err(|p| p.into_iter().map(|(_, m, _)| m).collect::<Vec<_>>())
        };
        let ok = read_one("[languages.zh-Hans]\ntitle = \" 新闻 \"\n[languages.fr]\n", "en").unwrap();
        assert_eq!(ok.iter().map(|l| l.code.as_str()).collect::<Vec<_>>(), ["fr", "zh-Hans"]);
        assert_eq!(ok[1].title.as_deref(), Some("新闻"));
        for (text, own, want) in [
            ("[languages.English]\n", "en", "`languages.English`: `English` is not a language tag"),
            ("[languages.en]\n", "en", "`languages.en` is the site's own `language`"),
            ("[languages.EN]\n", "en", "`languages.EN` is the site's own `language`"),
            ("[languages.fr]\n[languages.FR]\n", "en", "`languages.fr` repeats `languages.FR`"),
        ] {
            assert_eq!(read_one(text, own).unwrap_err(), [want], "{text}");
        }
    }
}
