//! Which feeds a site writes. Each kind of listing (the site, its sections, tags, people)
//! has its own formats, length and content, so that the feeds readers subscribe to carry
//! whole notices while the hundreds of tag and person feeds stay small: at 10,000 notices
//! with 50 tags and 400 people, full-text feeds in three formats for every listing weighed
//! three times the HTML pages (issue 18; docs/configuration.md#feeds says why each default).
//!
//! `feed_formats`, `feed_limit` and `feed_content` at the top of site.toml set every kind
//! at once; `[feeds.site]`, `[feeds.sections]`, `[feeds.tags]` and `[feeds.people]` set one
//! kind and win over them.

use serde::Deserialize;
use toml::Spanned;

/// A feed format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedFormat {
    /// Atom 1.0: `atom.xml`.
    Atom,
    /// RSS 2.0: `rss.xml`.
    Rss,
    /// JSON Feed 1.1: `feed.json`.
    Json,
}

/// What a feed entry carries besides its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// The whole notice, as HTML.
    Full,
    /// The summary alone.
    Summary,
}

/// A kind of listing that has feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listing {
    Site,
    Section,
    Tag,
    Person,
}

impl Listing {
    const ALL: [Listing; 4] = [Listing::Site, Listing::Section, Listing::Tag, Listing::Person];

    /// Its table under `[feeds]`.
    fn table(self) -> &'static str {
        match self {
            Listing::Site => "site",
            Listing::Section => "sections",
            Listing::Tag => "tags",
            Listing::Person => "people",
        }
    }

    /// What a site gets when site.toml says nothing. The site's and sections' feeds are the
    /// ones readers, portals and RSS-to-email services subscribe to: the whole notice, in
    /// Atom and in RSS 2.0 (which some of those tools alone read), 50 entries so that a
    /// reader who looks once a week misses nothing. A tag's or a person's feed is for
    /// following one topic or one spokesperson: titles and summaries linking to the page,
    /// the newest 20, in Atom, which every reader takes and which, unlike RSS, dates each
    /// entry's updates and names each entry's authors.
    fn default_settings(self) -> FeedSettings {
        match self {
            Listing::Site | Listing::Section => {
                FeedSettings { formats: vec![FeedFormat::Atom, FeedFormat::Rss], limit: 50, content: FeedContent::Full }
            }
            Listing::Tag | Listing::Person => {
                FeedSettings { formats: vec![FeedFormat::Atom], limit: 20, content: FeedContent::Summary }
            }
        }
    }
}

/// One kind's settings as written: in a `[feeds.<kind>]` table, or at the top of site.toml
/// (`feed_formats`, `feed_limit`, `feed_content`) for every kind.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawFeedSettings {
    pub formats: Option<Vec<FeedFormat>>,
    pub limit: Option<Spanned<i64>>,
    pub content: Option<FeedContent>,
}

/// The `[feeds]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawFeeds {
    pub site: RawFeedSettings,
    pub sections: RawFeedSettings,
    pub tags: RawFeedSettings,
    pub people: RawFeedSettings,
}

impl RawFeeds {
    fn of(&self, listing: Listing) -> &RawFeedSettings {
        match listing {
            Listing::Site => &self.site,
            Listing::Section => &self.sections,
            Listing::Tag => &self.tags,
            Listing::Person => &self.people,
        }
    }

    /// Each kind's settings: its table's, else the top-level keys' (`everywhere`), else the
    /// default. A limit below 1 is a problem at its place.
    pub fn resolve(self, everywhere: &RawFeedSettings) -> Result<Feeds, Vec<super::Problem>> {
        let mut problems = Vec::new();
        let mut settings = Listing::ALL.map(|listing| {
            let table = self.of(listing);
            let default = listing.default_settings();
            let mut formats = table.formats.clone().or_else(|| everywhere.formats.clone()).unwrap_or(default.formats);
            formats.sort_unstable();
            formats.dedup();
            let (limit, key) = match (&table.limit, &everywhere.limit) {
                (Some(l), _) => (Some(l), format!("feeds.{}.limit", listing.table())),
                (None, Some(l)) => (Some(l), "feed_limit".to_owned()),
                (None, None) => (None, String::new()),
            };
            let limit = match limit {
                None => default.limit,
                Some(l) => match usize::try_from(*l.get_ref()) {
                    Ok(n) if n >= 1 => n,
                    _ => {
                        let hint = if table.limit.is_some() {
                            format!(
                                "to write no {} feeds, set formats = [] in [feeds.{}]",
                                listing.table(),
                                listing.table()
                            )
                        } else {
                            "to write no feeds at all, set feed_formats = []".to_owned()
                        };
                        let problem = (l.span(), format!("`{key}` must be at least 1, not {}", l.get_ref()), hint);
                        // The top-level key is one mistake, however many kinds it reaches.
                        if !problems.contains(&problem) {
                            problems.push(problem);
                        }
                        1
                    }
                },
            };
            let content = table.content.or(everywhere.content).unwrap_or(default.content);
            Some(FeedSettings { formats, limit, content })
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut take = |i: usize| settings[i].take().expect("each kind is resolved once");
        Ok(Feeds { site: take(0), sections: take(1), tags: take(2), people: take(3) })
    }
}

/// One kind's checked settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FeedSettings {
    /// Sorted, without repeats; empty when this kind has no feeds.
    pub formats: Vec<FeedFormat>,
    /// The most entries a feed lists: its newest notices.
    pub limit: usize,
    pub content: FeedContent,
}

impl FeedSettings {
    /// Whether entries carry the whole notice.
    pub fn full(&self) -> bool {
        self.content == FeedContent::Full
    }
}

/// The checked settings of every kind of listing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Feeds {
    pub site: FeedSettings,
    pub sections: FeedSettings,
    pub tags: FeedSettings,
    pub people: FeedSettings,
}

impl Default for Feeds {
    fn default() -> Self {
        RawFeeds::default().resolve(&RawFeedSettings::default()).expect("the defaults are valid")
    }
}

impl Feeds {
    pub fn of(&self, listing: Listing) -> &FeedSettings {
        match listing {
            Listing::Site => &self.site,
            Listing::Section => &self.sections,
            Listing::Tag => &self.tags,
            Listing::Person => &self.people,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeedFormat::*;

    fn resolve(table: &str, top: &str) -> Result<Feeds, Vec<String>> {
        let raw: RawFeeds = toml::from_str(table).unwrap();
        let everywhere: RawFeedSettings = toml::from_str(top).unwrap();
        raw.resolve(&everywhere).map_err(|ps| ps.into_iter().map(|(_, m, h)| format!("{m} ({h})")).collect())
    }

    /// Formats, limit, and whether entries are whole notices.
    type Summary = (Vec<FeedFormat>, usize, bool);

    fn summary(f: &FeedSettings) -> Summary {
        (f.formats.clone(), f.limit, f.full())
    }

    #[test]
    fn each_kind_takes_its_table_then_the_top_level_keys_then_its_default() {
        let cases: &[(&str, &str, [Summary; 4])] = &[
            (
                "",
                "",
                [
                    (vec![Atom, Rss], 50, true),
                    (vec![Atom, Rss], 50, true),
                    (vec![Atom], 20, false),
                    (vec![Atom], 20, false),
                ],
            ),
            // The top-level keys reach every kind.
            (
                "",
                "formats = [\"json\", \"atom\", \"json\"]\nlimit = 5\ncontent = \"summary\"",
                [
                    (vec![Atom, Json], 5, false),
                    (vec![Atom, Json], 5, false),
                    (vec![Atom, Json], 5, false),
                    (vec![Atom, Json], 5, false),
                ],
            ),
            // A table wins over them, key by key.
            (
                "[tags]\nformats = [\"rss\"]\n[people]\nformats = []\ncontent = \"full\"",
                "limit = 7",
                [(vec![Atom, Rss], 7, true), (vec![Atom, Rss], 7, true), (vec![Rss], 7, false), (vec![], 7, true)],
            ),
        ];
        for (table, top, want) in cases {
            let feeds = resolve(table, top).unwrap();
            let got = Listing::ALL.map(|l| summary(feeds.of(l)));
            assert_eq!(&got, want, "[feeds] {table:?}, top {top:?}");
        }
    }

    #[test]
    fn a_limit_below_one_names_its_key_once() {
        assert_eq!(
            resolve("", "limit = 0").unwrap_err(),
            ["`feed_limit` must be at least 1, not 0 (to write no feeds at all, set feed_formats = [])"]
        );
        assert_eq!(
            resolve("[people]\nlimit = -3", "").unwrap_err(),
            [
                "`feeds.people.limit` must be at least 1, not -3 (to write no people feeds, set formats = [] in [feeds.people])"
            ]
        );
    }
}
