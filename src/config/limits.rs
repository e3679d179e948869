//! `[limits]` in site.toml: how many tags, byline names and editors one notice may have.
//! Every tag and person gets pages and feeds that repeat the notice with all of its tags, so
//! a notice with thousands of them (a list pasted into `tags` by mistake) would make builds
//! take minutes and write hundreds of megabytes; it is an error instead.

use serde::Deserialize;
use toml::Spanned;

/// The `[limits]` table as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawLimits {
    pub tags: Spanned<i64>,
    pub byline: Spanned<i64>,
    pub editors: Spanned<i64>,
}

impl Default for RawLimits {
    fn default() -> Self {
        // Far above what a notice uses (a few tags, one to three names), far below what
        // slows a build down.
        let limits = Limits::default();
        RawLimits {
            tags: Spanned::new(0..0, limits.tags as i64),
            byline: Spanned::new(0..0, limits.byline as i64),
            editors: Spanned::new(0..0, limits.editors as i64),
        }
    }
}

/// The checked `[limits]`: each at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    pub tags: usize,
    pub byline: usize,
    pub editors: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { tags: 50, byline: 20, editors: 20 }
    }
}

impl Limits {
    /// The limit for the front matter field `key` (`tags`, `byline` or `editors`).
    pub fn of(&self, key: &str) -> Option<usize> {
        match key {
            "tags" => Some(self.tags),
            "byline" => Some(self.byline),
            "editors" => Some(self.editors),
            _ => None,
        }
    }
}

impl RawLimits {
    /// Checks the table; every value below 1 is a problem at its place.
    pub fn resolve(self) -> Result<Limits, Vec<super::Problem>> {
        let mut problems = Vec::new();
        let mut check = |name: &str, value: &Spanned<i64>| {
            let n = *value.get_ref();
            match usize::try_from(n) {
                Ok(n) if n >= 1 => n,
                _ => {
                    problems.push((
                        value.span(),
                        format!("`limits.{name}` must be at least 1, not {n}"),
                        format!("the most {} one notice may have, e.g. {name} = {}", what(name), default_of(name)),
                    ));
                    1
                }
            }
        };
        let limits = Limits {
            tags: check("tags", &self.tags),
            byline: check("byline", &self.byline),
            editors: check("editors", &self.editors),
        };
        if problems.is_empty() { Ok(limits) } else { Err(problems) }
    }
}

/// What a limit counts, in words.
pub fn what(key: &str) -> &'static str {
    match key {
        "tags" => "tags",
        "byline" => "names in the byline",
        _ => "editors",
    }
}

fn default_of(key: &str) -> usize {
    Limits::default().of(key).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_checked() {
        let read = |text: &str| toml::from_str::<RawLimits>(text).unwrap().resolve();
        assert_eq!(read("").unwrap(), Limits { tags: 50, byline: 20, editors: 20 });
        assert_eq!(read("tags = 3\neditors = 200").unwrap(), Limits { tags: 3, byline: 20, editors: 200 });
        let problems = read("tags = 0\nbyline = -1").unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(messages, ["`limits.tags` must be at least 1, not 0", "`limits.byline` must be at least 1, not -1"]);
        assert_eq!(problems[0].0, 7..8);
    }
}
