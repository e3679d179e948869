//! Rendered notice bodies, kept between builds: a body whose Markdown did not change is
//! taken from here instead of being rendered again. Keyed by the program and the site's
//! `[markdown]` settings as a whole, and by a hash of each body's Markdown.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::Notice;
use crate::markdown::{Rendered, Renderer};

/// The cached bodies of one site.
pub struct Bodies {
    path: PathBuf,
    key: u64,
    /// A hash of the bodies the file holds, to skip writing the same file again.
    held: Option<u64>,
}

impl Bodies {
    pub fn new(root: &Path, renderer: &Renderer) -> Bodies {
        let mut h = crate::hash::hasher();
        (super::program(), renderer.settings_key()).hash(&mut h);
        Bodies { path: super::dir(root).join("markdown.bin"), key: h.finish(), held: None }
    }

    /// Hands the cached bodies to `renderer`.
    pub fn load_into(&mut self, renderer: &Renderer) {
        let Some(bodies) = super::read_records::<Rendered>(&self.path, self.key) else {
            return;
        };
        self.held = Some(sources_hash(bodies.iter().map(|r| r.source)));
        renderer.remember(bodies);
    }

    /// Keeps the bodies of `notices` for the next build (unless the file already holds just
    /// those).
    pub fn save(&mut self, notices: &[Arc<Notice>]) {
        self.save_bodies(&notices.iter().map(|n| &n.body).collect::<Vec<_>>());
    }

    fn save_bodies(&mut self, bodies: &[&Rendered]) {
        let held = sources_hash(bodies.iter().map(|r| r.source));
        if self.held == Some(held) {
            return;
        }
        if super::write_records(&self.path, self.key, bodies.iter().copied()).is_ok() {
            self.held = Some(held);
        }
    }
}

/// A hash of a set of bodies' sources, in any order.
fn sources_hash(sources: impl Iterator<Item = u64>) -> u64 {
    let mut all: Vec<u64> = sources.collect();
    all.sort_unstable();
    crate::hash::bytes(&all.iter().flat_map(|s| s.to_le_bytes()).collect::<Vec<u8>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MarkdownConfig;

    #[test]
    fn a_body_rendered_once_is_taken_from_the_cache_under_the_same_settings_only() {
        let tmp = tempfile::tempdir().unwrap();
        let config = MarkdownConfig::default();
        let renderer = Renderer::new(&config);
        let body = renderer.render("# Title\n\nSome *text* with a [link](/x/).\n");
        let mut bodies = Bodies::new(tmp.path(), &renderer);
        bodies.save_bodies(&[&body]);

        // The same settings: the body comes back as it was, with its links, without rendering.
        let again = Renderer::new(&config);
        Bodies::new(tmp.path(), &again).load_into(&again);
        let _ = again.take_busy();
        assert_eq!(again.render("# Title\n\nSome *text* with a [link](/x/).\n"), body);
        assert_eq!(again.take_busy(), std::time::Duration::ZERO);

        // Other settings: rendered again.
        let other = MarkdownConfig { smart_punctuation: false, ..MarkdownConfig::default() };
        let fresh = Renderer::new(&other);
        Bodies::new(tmp.path(), &fresh).load_into(&fresh);
        let _ = fresh.take_busy();
        fresh.render("# Title\n\nSome *text* with a [link](/x/).\n");
        assert!(fresh.take_busy() > std::time::Duration::ZERO);

        // Without the plain text (no search index): rendered again too.
        let textless = Renderer::new(&config).keep_text(false);
        Bodies::new(tmp.path(), &textless).load_into(&textless);
        let body = textless.render("# Title\n\nSome *text* with a [link](/x/).\n");
        assert_eq!(body.text, "");
    }
}
