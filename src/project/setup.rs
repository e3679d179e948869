//! What everything else is read with: the configuration, the theme and its compiled
//! templates, the Markdown renderer and the photo resizer, made once per site.toml.

use std::path::PathBuf;

use super::{Options, checks};
use crate::config::{self, Config};
use crate::markdown::Renderer;
use crate::render::Engine;
use crate::theme::Theme;
use crate::{Diagnostic, Error, cache, fs};

/// Configuration, theme and compiled templates: what everything else is read with.
pub(super) struct Setup {
    pub(super) config: Config,
    pub(super) theme: Theme,
    pub(super) renderer: Renderer,
    pub(super) engine: Engine,
    pub(super) output: PathBuf,
    /// Resizes photos, through the cache when it is on.
    pub(super) photos: crate::images::Photos,
}

pub(super) fn load_setup(opts: &Options) -> Result<Setup, Error> {
    let root = &opts.root;
    let config = Config::load(root, opts.base_url.as_deref())?;
    let output = match &opts.output {
        Some(o) => o.clone(),
        None => root.join(&config.output_dir),
    };
    if let Some(problem) = checks::output_folder(root, &output) {
        const HINT: &str =
            "write the site to its own folder, e.g. `output_dir = \"public\"` in site.toml or --output public";
        // A folder named on the command line is a usage mistake; one from site.toml is the site's.
        return Err(match &opts.output {
            Some(o) => Error::Usage(format!("error: --output {}: {problem}\n\nHint: {HINT}", o.display())),
            None => Diagnostic::file(
                fs::shown(root, config::FILE_NAME),
                format!("output_dir `{}`: {problem}", config.output_dir.display()),
            )
            .with_hint(HINT)
            .into(),
        });
    }
    let theme = Theme::load(root, &config.theme).map_err(Error::Site)?;
    let engine = Engine::new(&theme, &config).map_err(Error::Site)?;
    let words = crate::i18n::Lang::of(&config.language).words();
    let renderer = Renderer::new(&config.markdown)
        .keep_text(config.search)
        .site_origin(&config.origin)
        .table_label(words.table)
        .anchor_label(words.link_to_section)
        .with_shortcodes(shortcodes(&theme)?);
    let photos = if opts.cache {
        // From the site's real folder: the copies are copied into the output from there
        // by a read that refuses paths through links (see `fs::open_checked`).
        let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        crate::images::Photos::new(cache::dir(&real).join("images"), &config.images)
    } else {
        crate::images::Photos::uncached(&config.images)
    };
    Ok(Setup { config, theme, renderer, engine, output, photos })
}

/// The shortcode templates of the site and its theme (the engine has already checked them).
pub(super) fn shortcodes(theme: &Theme) -> Result<crate::markdown::shortcodes::Shortcodes, Error> {
    crate::markdown::shortcodes::Shortcodes::new(theme.templates.iter().map(|(n, t)| (n.as_str(), t.text.as_str())))
        .map_err(|message| Error::Site(vec![Diagnostic::file("templates/shortcodes", message)]))
}
