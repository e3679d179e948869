//! `[permalinks]` in site.toml: the pattern of notices' addresses, e.g.
//! `notice = "/{section}/{year}/{month}/{slug}/"`. The default is `/{section}/{slug}/`.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

/// The `[permalinks]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPermalinks {
    pub notice: Option<Spanned<String>>,
}

/// The addresses of notices' pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Permalinks {
    notice: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Part {
    Text(String),
    Section,
    Year,
    Month,
    Day,
    Slug,
}

/// The placeholders a pattern may use.
const PLACEHOLDERS: &[(&str, Part)] = &[
    ("section", Part::Section),
    ("year", Part::Year),
    ("month", Part::Month),
    ("day", Part::Day),
    ("slug", Part::Slug),
];

impl Default for Permalinks {
    fn default() -> Self {
        Permalinks { notice: parse("/{section}/{slug}/").expect("the default pattern is valid") }
    }
}

impl Permalinks {
    /// Reads the table; each problem with the span of the value it is about.
    pub fn read(raw: &RawPermalinks) -> Result<Permalinks, (Range<usize>, String, &'static str)> {
        let Some(pattern) = &raw.notice else { return Ok(Permalinks::default()) };
        parse(pattern.get_ref().trim()).map(|notice| Permalinks { notice }).map_err(|why| {
            (
                pattern.span(),
                format!("[permalinks] notice = \"{}\": {why}", pattern.get_ref()),
                "write a path from / to /, with {slug} and any of {section}, {year}, {month}, {day}, e.g. \"/{section}/{year}/{month}/{slug}/\"",
            )
        })
    }

    /// The site path of a notice's page: in section `section` (its slug), dated `day` in the
    /// site's time zone, with slug `slug`.
    pub fn notice_path(&self, section: &str, day: jiff::civil::Date, slug: &str) -> String {
        let mut path = String::with_capacity(section.len() + slug.len() + 16);
        for part in &self.notice {
            match part {
                Part::Text(t) => path.push_str(t),
                Part::Section => path.push_str(section),
                Part::Year => path.push_str(&format!("{:04}", day.year())),
                Part::Month => path.push_str(&format!("{:02}", day.month())),
                Part::Day => path.push_str(&format!("{:02}", day.day())),
                Part::Slug => path.push_str(slug),
            }
        }
        path
    }
}

fn parse(pattern: &str) -> Result<Vec<Part>, String> {
    if !pattern.starts_with('/') || !pattern.ends_with('/') {
        return Err("it must start and end with /".into());
    }
    let mut parts = Vec::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        match rest.find('{') {
            Some(0) => {
                let end = rest.find('}').ok_or("a { has no closing }")?;
                let name = &rest[1..end];
                let part = PLACEHOLDERS.iter().find(|(n, _)| *n == name).map(|(_, p)| p.clone()).ok_or_else(|| {
                    format!("{{{name}}} is not one of {{section}}, {{year}}, {{month}}, {{day}}, {{slug}}")
                })?;
                parts.push(part);
                rest = &rest[end + 1..];
            }
            found => {
                let end = found.unwrap_or(rest.len());
                let text = &rest[..end];
                if text.contains('}') {
                    return Err("a } has no opening {".into());
                }
                if text.chars().any(|c| c.is_control() || "?#\\\" <>".contains(c)) {
                    return Err("it has a character that cannot be in a page's address".into());
                }
                parts.push(Part::Text(text.to_owned()));
                rest = &rest[end..];
            }
        }
    }
    if !parts.contains(&Part::Slug) {
        return Err("it has no {slug}, so two notices of one day would share an address".into());
    }
    let shape: String =
        parts.iter().map(|p| if let Part::Text(t) = p { t.as_str() } else { "x" }).collect::<Vec<_>>().concat();
    if shape.contains("//") || shape.split('/').any(|s| s == "." || s == "..") {
        return Err("it has an empty, `.` or `..` part".into());
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_make_paths_and_bad_ones_say_why() {
        let day = jiff::civil::date(2021, 3, 7);
        for (pattern, want) in [
            ("/{section}/{slug}/", Ok("/meetings/work-conference/")),
            ("/{section}/{year}/{month}/{slug}/", Ok("/meetings/2021/03/work-conference/")),
            ("/news/{year}-{month}-{day}-{slug}/", Ok("/news/2021-03-07-work-conference/")),
            ("/{slug}/", Ok("/work-conference/")),
            ("{section}/{slug}/", Err("it must start and end with /")),
            ("/{section}/{slug}", Err("it must start and end with /")),
            ("/{section}/{year}/", Err("it has no {slug}, so two notices of one day would share an address")),
            ("/{category}/{slug}/", Err("{category} is not one of {section}, {year}, {month}, {day}, {slug}")),
            ("/{section/{slug}/", Err("{section/{slug} is not one of {section}, {year}, {month}, {day}, {slug}")),
            ("/{slug}}/", Err("a } has no opening {")),
            ("/a//{slug}/", Err("it has an empty, `.` or `..` part")),
            ("/../{slug}/", Err("it has an empty, `.` or `..` part")),
            ("/a?b/{slug}/", Err("it has a character that cannot be in a page's address")),
        ] {
            let got =
                parse(pattern).map(|notice| Permalinks { notice }.notice_path("meetings", day, "work-conference"));
            assert_eq!(got.as_deref().map_err(String::as_str), want, "{pattern}");
        }
    }
}
