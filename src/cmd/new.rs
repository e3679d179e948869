//! `gazette new "Title"`: a new notice, front matter filled in and marked as a draft.

use std::path::{Path, PathBuf};

use crate::cli::{NewArgs, Verbosity};
use crate::config::Config;
use crate::content::source::{self, NewNotice};
use crate::{Error, fs};

pub fn run(args: &NewArgs, verbosity: Verbosity) -> Result<PathBuf, Error> {
    let config = load_config(&args.root)?;
    let title = crate::text::collapse_spaces(&args.title);
    if title.is_empty() {
        return Err(Error::Usage("error: the title is empty\n\nUsage: gazette new \"Work conference held\"".into()));
    }
    let section = source::section_folder(&args.section).map_err(|m| Error::Usage(format!("error: --section: {m}")))?;
    let now = jiff::Timestamp::now().to_zoned_datetime(config.timezone.clone());
    let mut notice = NewNotice {
        title: title.clone(),
        date: crate::render::views::rfc3339(&now),
        byline: names("--byline", &args.byline)?,
        editors: names("--editor", &args.editor)?,
        tags: names("--tags", &args.tags)?,
        draft: true,
        ..Default::default()
    };
    let name = source::file_name(&config, &title, &now.date().to_string());
    // Only a slug the front matter accepts (with `[slugs] mode = "off"` a title's may not be).
    notice.slug = Some(name.clone()).filter(|s| crate::slug::check_explicit(s).is_ok());
    let path = match language(args, &config)? {
        // A language of the site's own parts: its name says it, and beside the original,
        // that it translates it.
        Some(Language::Part(code)) => match &args.translation_of {
            Some(original) => {
                let original = original_file(&args.root, original)?;
                let stem = original.strip_suffix(".md").unwrap_or(&original);
                args.root.join(crate::content::CONTENT_DIR).join(format!("{stem}.{code}.md"))
            }
            None => args.root.join(crate::content::CONTENT_DIR).join(&section).join(format!("{name}.{code}.md")),
        },
        other => {
            if let Some(Language::Other(tag)) = other {
                notice.lang = Some(tag);
            }
            if let Some(original) = &args.translation_of {
                notice.translation_of = Some(original_file(&args.root, original)?);
            }
            args.root.join(crate::content::CONTENT_DIR).join(&section).join(format!("{name}.md"))
        }
    };
    let shown = fs::shown(Path::new("."), &path);
    source::write_new(&path, &shown, &notice.to_source(), false)?;
    if !verbosity.quiet() {
        println!("{}", shown.display());
    }
    Ok(path)
}

/// The language `--lang` names.
enum Language {
    /// One of the site's `[languages]`: said by the file's name.
    Part(String),
    /// Another language than the site's: said by `lang` in the front matter.
    Other(String),
}

fn language(args: &NewArgs, config: &Config) -> Result<Option<Language>, Error> {
    let Some(tag) = args.lang.as_deref().map(str::trim) else { return Ok(None) };
    if !crate::config::is_language_tag(tag) {
        return Err(Error::Usage(format!(
            "error: --lang: `{tag}` is not a language tag\n\nHint: use a tag such as en or zh-Hans"
        )));
    }
    if tag.eq_ignore_ascii_case(&config.language) {
        return Ok(None);
    }
    Ok(Some(match config.languages.iter().find(|l| l.code.eq_ignore_ascii_case(tag)) {
        Some(l) => Language::Part(l.code.clone()),
        None => Language::Other(tag.to_owned()),
    }))
}

/// `--translation-of`: the original's file under content/, which must be a notice.
fn original_file(root: &Path, written: &str) -> Result<String, Error> {
    let rel = written.trim().trim_start_matches("./");
    let rel = rel.strip_prefix("content/").unwrap_or(rel);
    let is_notice = rel.ends_with(".md") && !rel.split('/').any(|s| s.is_empty() || s == "..");
    if is_notice && root.join(crate::content::CONTENT_DIR).join(rel).is_file() {
        Ok(rel.to_owned())
    } else {
        Err(Error::Usage(format!(
            "error: --translation-of: there is no notice content/{rel}\n\nHint: name the original's file under content/, e.g. --translation-of meetings/work-conference.md"
        )))
    }
}

/// site.toml of the site at `root`, for the commands that write into it.
pub fn load_config(root: &Path) -> Result<Config, Error> {
    if !root.is_dir() {
        return Err(Error::Usage(format!("error: --root {}: no such folder", root.display())));
    }
    Ok(Config::load(root, None)?)
}

/// The names of a repeated flag, trimmed; an empty one is a mistake on the command line.
pub fn names(flag: &str, list: &[String]) -> Result<Vec<String>, Error> {
    list.iter()
        .map(|n| {
            let n = crate::text::collapse_spaces(n);
            if n.is_empty() { Err(Error::Usage(format!("error: {flag}: a name is empty"))) } else { Ok(n) }
        })
        .collect()
}
