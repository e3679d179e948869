//! Rendering pages: the Tera engine (theme templates, site overrides, Gazette's filters),
//! loaded once per build, and the context each kind of page is rendered with.

mod alias;
pub mod feed_links;
mod filters;
mod languages;
mod node;
mod pages;
mod paginator;
mod photos;
mod structured;
pub mod views;

use std::collections::HashMap;
use std::path::PathBuf;

use tera::Tera;

use crate::Diagnostic;
use crate::config::Config;
use crate::plan::{PageJob, SEARCH_TEMPLATE, TEMPLATES};
use crate::site::Site;
use crate::theme::Theme;
pub use pages::{PageData, RefCache};

/// Compiled templates and where each came from, for messages.
pub struct Engine {
    tera: Tera,
    sources: HashMap<String, (PathBuf, String)>,
    /// The `site` variable of each of the site's languages' pages.
    sites: Vec<tera::Value>,
}

impl Engine {
    /// Compiles the theme's templates for a site with `config`.
    pub fn new(theme: &Theme, config: &Config) -> Result<Engine, Vec<Diagnostic>> {
        let sources: HashMap<String, (PathBuf, String)> =
            theme.templates.iter().map(|(name, t)| (name.clone(), (t.shown.clone(), t.text.clone()))).collect();
        let search = config.search.then_some(&SEARCH_TEMPLATE);
        let missing: Vec<Diagnostic> = TEMPLATES
            .iter()
            .chain(search)
            .filter(|name| !sources.contains_key(**name))
            .map(|name| {
                Diagnostic::file(
                    format!("templates/{name}"),
                    format!("the theme `{}` has no template `{name}`", config.theme),
                )
                .with_hint(if **name == *SEARCH_TEMPLATE {
                    format!(
                        "add templates/{name} to the site or to themes/{}/templates/, or set search = false in site.toml",
                        config.theme
                    )
                } else {
                    format!("add templates/{name} to the site or to themes/{}/templates/", config.theme)
                })
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut tera = Tera::default();
        filters::register(&mut tera, config.timezone.clone(), config.slug_mode, views::Urls::new(config));
        let mut engine = Engine { tera, sources, sites: Vec::new() };
        engine
            .tera
            .add_raw_templates(theme.templates.iter().map(|(name, t)| (name.as_str(), t.text.as_str())))
            .map_err(|e| vec![engine.diagnostic(&e, None)])?;
        Ok(engine)
    }

    /// Makes `site` the `site` templates see (in the language of the page they render);
    /// returns a hash of it.
    pub fn set_site(&mut self, site: &Site) -> u64 {
        let urls = views::Urls::new(&site.config);
        let mut h = crate::hash::hasher();
        self.sites = (0..site.languages.len())
            .map(|l| {
                let view = views::site_view(site, &urls, l);
                crate::hash::json(&view, &mut h);
                tera::Value::from_serializable(&view)
            })
            .collect();
        std::hash::Hasher::finish(&h)
    }

    /// Renders the page or file of `job`.
    pub fn render(&self, data: &PageData, job: &PageJob) -> Result<String, Diagnostic> {
        match job.kind.template() {
            Some(template) => {
                let mut context = data.context(job);
                if let Some(site) = self.sites.get(job.kind.language(&data.site)) {
                    context.insert_value("site", site.clone());
                }
                self.tera.render(template, &context).map_err(|e| self.diagnostic(&e, Some(job)))
            }
            None => Ok(data.generated(job).unwrap_or_default()),
        }
    }

    /// A Tera error as a diagnostic at the template's file, line and column.
    fn diagnostic(&self, err: &tera::Error, job: Option<&PageJob>) -> Diagnostic {
        let while_rendering = job.map(|j| format!("while rendering {}", j.path));
        let mut d = match err.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let (shown, text) = self
                    .sources
                    .get(report.filename())
                    .cloned()
                    .unwrap_or_else(|| (PathBuf::from(report.filename()), String::new()));
                let span = report.span();
                let mut d = Diagnostic::file(shown, report.message().to_owned())
                    .with_position(span.start_line, span.start_col + 1);
                if let Some(line) = text.lines().nth(span.start_line.saturating_sub(1)) {
                    d = d.with_snippet(line);
                }
                d
            }
            _ => {
                let mut message = err.to_string();
                let mut source = std::error::Error::source(err);
                while let Some(s) = source {
                    message.push_str(&format!(": {s}"));
                    source = s.source();
                }
                // The page's template, else the first template the message names in quotes
                // (as in "Circular include detected for template 'notice.html'").
                let named = message.split('\'').skip(1).step_by(2).find(|n| self.sources.contains_key(*n));
                let name = job.and_then(|j| j.kind.template()).or(named).unwrap_or("templates");
                let about_include = message.contains("include");
                match self.sources.get(name) {
                    Some((shown, text)) => {
                        let mut d = Diagnostic::file(shown, message);
                        // An include error: point at the first include.
                        if about_include && let Some(at) = text.find("{% include").or_else(|| text.find("{%- include"))
                        {
                            d = Diagnostic::at(shown, text, at, d.message);
                        }
                        d
                    }
                    None => Diagnostic::file(PathBuf::from(name), message),
                }
            }
        };
        if let Some(w) = while_rendering {
            d = d.with_hint(w);
        }
        d
    }
}
