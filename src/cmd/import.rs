//! `gazette import FILE...`: wire copy in plain text turned into notices. A file that cannot
//! be read as a notice is reported and skipped; the others are still imported.

use std::collections::HashSet;
use std::path::Path;

use crate::cli::{ImportArgs, Verbosity};
use crate::content::source::{self, NewNotice};
use crate::content::{date, wire};
use crate::{Diagnostic, Error, fs};

pub fn run(args: &ImportArgs, verbosity: Verbosity) -> Result<(), Error> {
    let config = super::new::load_config(&args.root)?;
    let section = source::section_folder(&args.section).map_err(|m| Error::Usage(format!("error: --section: {m}")))?;
    let date = match &args.date {
        Some(d) => {
            date::parse(d, &config.timezone).map_err(|e| {
                Error::Usage(format!("error: --date: {}\n\nHint: {}", e.message, e.hint.unwrap_or_default()))
            })?;
            toml_date(d.trim())
        }
        None => jiff::Timestamp::now().to_zoned_datetime(config.timezone.clone()).date().to_string(),
    };
    let tags = super::new::names("--tags", &args.tags)?;
    let mut failed = 0;
    let mut written: HashSet<std::path::PathBuf> = HashSet::new();
    for file in &args.files {
        let shown_in = fs::shown(Path::new("."), file);
        let result = import_one(file, &shown_in, &args.root, &config, &section, &date, &tags, args, &written);
        match result {
            Ok((path, copy)) => {
                let shown = fs::shown(Path::new("."), &path);
                let credits = match (copy.byline.is_empty(), copy.editors.is_empty()) {
                    (true, true) => " (no credits found: add `byline` and `editors`)".to_owned(),
                    _ => format!(" (by {}; editors {})", or_none(&copy.byline), or_none(&copy.editors)),
                };
                if !verbosity.quiet() {
                    println!("{} → {}{credits}", shown_in.display(), shown.display());
                }
                written.insert(path);
            }
            Err(e) => {
                failed += 1;
                crate::report_problem(&e);
            }
        }
    }
    match failed {
        0 => Ok(()),
        n => Err(Error::Failed(format!(
            "{n} of {} file{} could not be imported; the others were",
            args.files.len(),
            crate::text::plural_s(args.files.len())
        ))),
    }
}

#[allow(clippy::too_many_arguments)]
fn import_one(
    file: &Path,
    shown_in: &Path,
    root: &Path,
    config: &crate::config::Config,
    section: &str,
    date: &str,
    tags: &[String],
    args: &ImportArgs,
    written: &HashSet<std::path::PathBuf>,
) -> Result<(std::path::PathBuf, wire::WireCopy), Error> {
    let text = fs::read_source(file, shown_in)?;
    let copy = wire::parse(&text).map_err(|m| {
        Diagnostic::file(shown_in, m).with_hint("wire copy starts with the title on its own line, then the text")
    })?;
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "notice".into());
    let path = source::path_for(root, config, section, &copy.title, &crate::slug::slugify(&stem, config.slug_mode));
    let shown = fs::shown(Path::new("."), &path);
    if written.contains(&path) {
        return Err(Diagnostic::file(
            shown_in,
            format!("another file of this import was just written to {}", shown.display()),
        )
        .with_hint("two files have the same title; import this one on its own")
        .into());
    }
    let notice = NewNotice {
        title: copy.title.clone(),
        original_title: copy.original_title.clone(),
        date: date.to_owned(),
        slug: None,
        byline: copy.byline.clone(),
        editors: copy.editors.clone(),
        tags: tags.to_vec(),
        draft: args.draft,
        body: copy.body.clone(),
        ..Default::default()
    };
    source::write_new(&path, &shown, &notice.to_source(), args.force).map_err(|e| match e {
        Error::Site(mut ds) => {
            for d in &mut ds {
                d.hint = Some("pass --force to replace it".into());
            }
            Error::Site(ds)
        }
        other => other,
    })?;
    Ok((path, copy))
}

/// A date as TOML front matter takes it: a bare date or RFC 3339 time as is, else quoted.
fn toml_date(d: &str) -> String {
    if d.parse::<toml::value::Datetime>().is_ok() { d.to_owned() } else { source::quote(d) }
}

fn or_none(names: &[String]) -> String {
    if names.is_empty() { "none".into() } else { names.join(", ") }
}
