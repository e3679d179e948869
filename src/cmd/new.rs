//! `gazette new "Title"`: a new notice, front matter filled in and marked as a draft.

use std::path::{Path, PathBuf};

use crate::cli::{NewArgs, Verbosity};
use crate::config::Config;
use crate::content::source::{self, NewNotice};
use crate::{Error, fs};

pub fn run(args: &NewArgs, verbosity: Verbosity) -> Result<PathBuf, Error> {
    let config = load_config(&args.root)?;
    let title = crate::content::text::collapse_spaces(&args.title);
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
    let path = source::path_for(&args.root, &config, &section, &title, &now.date().to_string());
    // Only a slug the front matter accepts (with `[slugs] mode = "off"` a title's may not be).
    notice.slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| crate::content::slug::check_explicit(s).is_ok());
    let shown = fs::shown(Path::new("."), &path);
    source::write_new(&path, &shown, &notice.to_source(), false)?;
    if !verbosity.quiet() {
        println!("{}", shown.display());
    }
    Ok(path)
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
            let n = crate::content::text::collapse_spaces(n);
            if n.is_empty() { Err(Error::Usage(format!("error: {flag}: a name is empty"))) } else { Ok(n) }
        })
        .collect()
}
