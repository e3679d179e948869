//! Front matter: split it from the body (TOML between `+++` lines, YAML between `---`
//! lines) and deserialize it strictly, with positions for every mistake.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, SeqAccess, Visitor};

use super::date::RawDate;
use crate::diagnostic::explain_serde_error;

/// The fields a notice may set. Unknown fields are errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeFrontMatter {
    pub title: Option<String>,
    pub date: Option<RawDate>,
    pub updated: Option<RawDate>,
    pub original_title: Option<String>,
    pub byline: Option<Names>,
    pub editors: Option<Names>,
    pub tags: Option<Vec<String>>,
    pub section: Option<String>,
    pub summary: Option<String>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub lang: Option<String>,
    pub location: Option<String>,
    pub reference: Option<String>,
    /// Embargo: the moment the notice may appear, with its offset.
    pub publish_at: Option<RawDate>,
    pub expires: Option<RawDate>,
    pub withdrawn: Option<RawWithdrawal>,
    #[serde(default)]
    pub corrections: Vec<RawCorrection>,
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// The source path (under `content/`) of the notice this one translates.
    pub translation_of: Option<String>,
    /// Earlier addresses of the notice, each to redirect to its page.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
}

/// `withdrawn = { date = 2021-03-01, reason = "…" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWithdrawal {
    pub date: Option<RawDate>,
    pub reason: Option<String>,
}

/// One `[[corrections]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    pub date: Option<RawDate>,
    pub note: Option<String>,
    #[serde(default)]
    pub minor: bool,
}

/// One `[[attachments]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttachment {
    pub path: Option<String>,
    pub title: Option<String>,
}

/// A person's file, `content/people/{slug}.md`: the body is the biography.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFrontMatter {
    pub name: Option<String>,
    pub role: Option<String>,
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The fields of a section's `_index.md`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Position in the site's navigation; lower comes first.
    pub order: Option<i64>,
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
}

/// One name or a list of names: `byline = "Li Yang"` or `byline = ["Li Yang", "Chen Wei"]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names(pub Vec<String>);

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Names;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or a list of names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Names, E> {
                Ok(Names(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Names, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(Names(names))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A source file cut into its front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    pub front_matter: &'a str,
    /// 1-based line of the file where the front matter text starts.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// A problem in front matter, positioned within the file (1-based line, column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
}

/// Cuts `text` into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let (format, fence) = if text.starts_with("+++") {
        (Format::Toml, "+++")
    } else if text.starts_with("---") {
        (Format::Yaml, "---")
    } else {
        let empty = text.trim().is_empty();
        return Err(FrontMatterError {
            position: if empty { None } else { Some((1, 1)) },
            message: if empty { "the file is empty".into() } else { "the file has no front matter".into() },
            hint: Some(
                "start the file with front matter between +++ lines (TOML) or --- lines (YAML), \
                 holding at least `title` and `date`"
                    .into(),
            ),
        });
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if !text[fence.len()..first_line_end].trim().is_empty() {
        return Err(FrontMatterError {
            position: Some((1, fence.len() + 1)),
            message: format!("the opening `{fence}` must be alone on its line"),
            hint: None,
        });
    }
    let mut offset = (first_line_end + 1).min(text.len());
    let fm_start = offset;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let content = text[offset..end].trim_end();
        if content == fence || (format == Format::Yaml && content == "...") {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                format,
                front_matter: &text[fm_start..offset],
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(FrontMatterError {
        position: Some((1, 1)),
        message: format!("the front matter opened here with `{fence}` is never closed"),
        hint: Some(format!("add a line `{fence}` after the last field")),
    })
}

/// Cuts `text` and deserializes its front matter into `T`: [`split`] then [`parse`].
pub fn read<T: DeserializeOwned + Default>(text: &str) -> Result<(Split<'_>, T), FrontMatterError> {
    let split = split(text)?;
    let fm = parse(&split)?;
    Ok((split, fm))
}

/// Deserializes the front matter of `split` into `T`; `place` names it in messages.
pub fn parse<T: DeserializeOwned + Default>(split: &Split) -> Result<T, FrontMatterError> {
    let fm = split.front_matter;
    let shift = |(line, col): (usize, usize)| Some((line + split.front_matter_line - 1, col));
    match split.format {
        Format::Toml => toml::from_str(fm).map_err(|e| {
            if let Some((offset, message, hint)) = crate::config::too_deep(fm, &e) {
                let position = shift(crate::diagnostic::line_col(fm, offset));
                return FrontMatterError { position, message, hint: Some(hint) };
            }
            let (mut message, mut hint) = explain_serde_error(e.message(), "field", "the front matter");
            // TOML checks its own date values; explain them the way other dates are explained.
            let mut offset = e.span().map(|s| s.start);
            // TOML's own messages about a value it could not read ("invalid float, expected
            // `nan`" for `date = nope`) say nothing to a press officer: explain the value.
            if let Some(start) = offset
                && let Some((key, value, value_start)) = key_value_at(fm, start)
                && !value.starts_with(['"', '\'', '[', '{'])
            {
                let date_key = ["date", "updated"].contains(&key);
                // Digits, then `-`: `2021-01-25`, also a mistyped year such as `10000-01-01`.
                let digits = value.bytes().take_while(u8::is_ascii_digit).count();
                let looks_like_date = value.len() >= 10 && digits >= 4 && value.as_bytes().get(digits) == Some(&b'-');
                if date_key || looks_like_date {
                    offset = Some(value_start);
                    match super::date::parse(value, &jiff::tz::TimeZone::UTC) {
                        Err(date_error) => (message, hint) = (date_error.message, date_error.hint),
                        Ok(_) => hint = Some(format!("write the date in quotes: {key} = \"{value}\"")),
                    }
                } else if !value.is_empty()
                    && value.chars().next().is_some_and(char::is_alphabetic)
                    && !["true", "false"].contains(&value)
                {
                    offset = Some(value_start);
                    message = format!("the text of `{key}` must be in quotes");
                    hint = Some(format!("write {key} = \"{value}\""));
                }
            }
            FrontMatterError {
                position: offset.map(|o| crate::diagnostic::line_col(fm, o)).and_then(shift),
                message,
                hint,
            }
        }),
        Format::Yaml => {
            if fm.trim().is_empty() {
                return Ok(T::default());
            }
            serde_saphyr::from_str(fm).map_err(|e| {
                let inner = e.without_snippet();
                let position = inner
                    .location()
                    .filter(|l| l.line() > 0)
                    .map(|l| yaml_position(fm, l.line() as usize, (l.column() as usize).max(1)))
                    .and_then(shift);
                let text = inner.to_string();
                // The text may end with its own " at line X column Y"; we print positions ourselves.
                let text = match text.find(" at line ") {
                    Some(i) => text[..i].to_owned(),
                    None => text,
                };
                let (message, hint) = explain_serde_error(&text, "field", "the front matter");
                FrontMatterError { position, message, hint }
            })
        }
    }
}

/// A YAML parser's (line, column) as Gazette counts them: YAML also breaks lines at a lone
/// carriage return, Gazette (and every message) only at `\n`.
fn yaml_position(fm: &str, line: usize, col: usize) -> (usize, usize) {
    let mut current = 1;
    let mut chars = fm.char_indices().peekable();
    let mut offset = fm.len();
    while let Some((i, c)) = chars.peek().copied() {
        if current == line {
            offset = i;
            break;
        }
        chars.next();
        if c == '\n' || (c == '\r' && chars.peek().is_none_or(|(_, n)| *n != '\n')) {
            current += 1;
        }
    }
    // Then `col - 1` characters along that line, not past its end.
    let rest = &fm[offset..];
    let along: usize = rest.chars().take_while(|c| *c != '\n' && *c != '\r').take(col - 1).map(char::len_utf8).sum();
    crate::diagnostic::line_col(fm, offset + along)
}

/// The `key = value` line holding byte `offset` of TOML text `fm`: the key, the value (to a
/// comment) and the value's offset.
fn key_value_at(fm: &str, offset: usize) -> Option<(&str, &str, usize)> {
    let line_start = fm[..offset.min(fm.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = fm[line_start..].lines().next().unwrap_or("");
    let (key, after) = line.split_once('=')?;
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    let value = after.split('#').next().unwrap_or("").trim();
    Some((key, value, line_start + line.len() - after.trim_start().len()))
}

/// Where the value of top-level `key` is written in the front matter of `split`, as a
/// 1-based (line, column) in the file. Serde does not keep positions of values, so checks
/// made after parsing (a bad date, an empty tag) find the key again here.
pub fn locate(split: &Split, key: &str) -> Option<(usize, usize)> {
    for (i, line) in split.front_matter.lines().enumerate() {
        if split.format == Format::Toml && line.trim_start().starts_with('[') {
            // Keys after a table header belong to that table.
            break;
        }
        let Some(rest) = line.strip_prefix(key) else { continue };
        let after = rest.trim_start();
        let sep = if split.format == Format::Toml { '=' } else { ':' };
        if let Some(value) = after.strip_prefix(sep) {
            let value_start = line.len() - value.trim_start().len();
            let col = line[..value_start].chars().count() + 1;
            return Some((split.front_matter_line + i, col));
        }
    }
    None
}

/// Where `key` of entry `index` (0-based) of the list of tables `table` is written, e.g. the
/// `date` of the second `[[corrections]]`; else where the list itself starts.
pub fn locate_item(split: &Split, table: &str, index: usize, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = split.front_matter.lines().collect();
    let (header, item_start): (String, fn(&str) -> bool) = match split.format {
        Format::Toml => (format!("[[{table}]]"), |_| false),
        Format::Yaml => (format!("{table}:"), |l: &str| l.trim_start().starts_with("- ")),
    };
    let at = |i: usize, line: &str, key_at: usize| {
        let value = &line[key_at + key.len()..];
        let value = value.trim_start().trim_start_matches([':', '=']);
        let col = line[..line.len() - value.trim_start().len()].chars().count() + 1;
        (split.front_matter_line + i, col)
    };
    let mut seen = 0;
    let mut inside = false;
    // The entry's own header (TOML) or the list's (YAML), if the key is not written.
    let mut first = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        match split.format {
            Format::Toml => {
                if trimmed.starts_with('[') {
                    inside = trimmed == header;
                    if inside {
                        seen += 1;
                        if seen == index + 1 {
                            first = Some((split.front_matter_line + i, 1));
                        }
                    }
                    continue;
                }
            }
            Format::Yaml => {
                if !line.starts_with([' ', '-']) {
                    inside = trimmed == header;
                    if inside {
                        first.get_or_insert((split.front_matter_line + i, 1));
                    }
                    continue;
                }
                if inside && item_start(line) {
                    seen += 1;
                }
            }
        }
        if inside && seen == index + 1 {
            let body = line.trim_start().trim_start_matches("- ");
            let key_at = line.len() - body.len();
            if body.starts_with(key) && body[key.len()..].trim_start().starts_with([':', '=']) {
                return Some(at(i, line, key_at));
            }
        }
    }
    first.or_else(|| locate(split, table))
}

/// Replaces TOML's date values, which arrive in JSON as one-key maps, by their text.
pub fn fix_toml_dates(value: &mut serde_json::Value) {
    use serde_json::Value as J;
    match value {
        J::Object(map) => {
            if map.len() == 1
                && let Some(J::String(s)) = map.get("$__toml_private_datetime")
            {
                *value = J::String(s.clone());
                return;
            }
            map.values_mut().for_each(fix_toml_dates);
        }
        J::Array(items) => items.iter_mut().for_each(fix_toml_dates),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_and_yaml() {
        let s = split("+++\ntitle = \"A\"\n+++\nBody\n").unwrap();
        assert_eq!((s.format, s.front_matter, s.body, s.body_line), (Format::Toml, "title = \"A\"\n", "Body\n", 4));
        let s = split("---\ntitle: A\n---\n\nBody").unwrap();
        assert_eq!((s.format, s.front_matter, s.body, s.body_line), (Format::Yaml, "title: A\n", "\nBody", 4));
        let s = split("+++\n+++").unwrap();
        assert_eq!((s.front_matter, s.body), ("", ""));
    }

    #[test]
    fn split_errors() {
        for (text, pos, msg) in [
            ("", None, "the file is empty"),
            ("  \n", None, "the file is empty"),
            ("# Title\n", Some((1, 1)), "the file has no front matter"),
            ("+++\ntitle = \"A\"\n", Some((1, 1)), "the front matter opened here with `+++` is never closed"),
            ("---\ntitle: A\n", Some((1, 1)), "the front matter opened here with `---` is never closed"),
            ("+++ title\n+++\n", Some((1, 4)), "the opening `+++` must be alone on its line"),
        ] {
            let e = split(text).unwrap_err();
            assert_eq!((e.position, e.message.as_str()), (pos, msg), "{text:?}");
        }
    }

    fn parse_notice(text: &str) -> Result<NoticeFrontMatter, FrontMatterError> {
        parse(&split(text).unwrap())
    }

    #[test]
    fn parses_fields_in_both_formats() {
        let t = parse_notice("+++\ntitle = \"A\"\ndate = 2021-01-25\nbyline = \"Li Yang\"\neditors = [\"Yang Rui\", \"Han Ting\"]\n[extra]\nwhen = 2021-01-01\n+++\n").unwrap();
        assert_eq!(t.date.unwrap().0, "2021-01-25");
        assert_eq!(t.byline.unwrap().0, ["Li Yang"]);
        assert_eq!(t.editors.unwrap().0, ["Yang Rui", "Han Ting"]);
        let mut extra = serde_json::Value::Object(t.extra.unwrap());
        fix_toml_dates(&mut extra);
        assert_eq!(extra["when"], "2021-01-01");
        let y =
            parse_notice("---\ntitle: A\ndate: 2021-01-25\nbyline: [Li Yang, Chen Wei]\ntags:\n  - a\n  - b\n---\n")
                .unwrap();
        assert_eq!(y.byline.unwrap().0, ["Li Yang", "Chen Wei"]);
        assert_eq!(y.tags.unwrap(), ["a", "b"]);
    }

    #[test]
    fn errors_have_file_positions_and_hints() {
        let e = parse_notice("+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n").unwrap_err();
        assert_eq!(e.position, Some((3, 1)));
        assert_eq!(e.message, "unknown field `titel` in the front matter");
        assert!(e.hint.unwrap().starts_with("did you mean `title`?"));

        let e = parse_notice("---\ntitle: A\ndraft: maybe\n---\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e:?}");

        let e = parse_notice("---\ntitle: A\nsumary: x\n---\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e:?}");
        assert_eq!(e.message, "unknown field `sumary` in the front matter");
        assert!(e.hint.unwrap().starts_with("did you mean `summary`?"));

        let e = parse_notice("+++\ntitle = \"A\ndate = 1\n+++\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2), "{e:?}");

        let e = parse_notice("+++\ntitle = 5\n+++\n").unwrap_err();
        assert_eq!(e.position, Some((2, 9)));
        assert!(e.message.starts_with("wrong type: found integer `5`"), "{e:?}");
    }

    #[test]
    fn toml_value_errors_are_explained() {
        for (fm, pos, message, hint) in [
            ("date = nope", (2, 8), "`nope` is not a date", None),
            ("date = 2024-01-25 25:00", (2, 8), "`2024-01-25 25:00` has an invalid time `25:00`", None),
            (
                "date = 2021-01-25T09:30:00+0800",
                (2, 8),
                "invalid offset",
                Some("write the date in quotes: date = \"2021-01-25T09:30:00+0800\""),
            ),
            ("reference = 12345678901", (2, 13), "wrong type: found integer", None),
            (
                "expires = 10000-01-01",
                (2, 11),
                "`10000-01-01` is not a date Gazette accepts: the year must be from 1000 to 9999",
                None,
            ),
            (
                "location = Urumqi",
                (2, 12),
                "the text of `location` must be in quotes",
                Some("write location = \"Urumqi\""),
            ),
        ] {
            let e = parse_notice(&format!("+++\ntitle = \"A\"\n{fm}\n+++\n").replacen("title = \"A\"\n", "", 1))
                .unwrap_err();
            assert_eq!(e.position, Some(pos), "{fm}");
            assert!(e.message.starts_with(message), "{fm}: {e:?}");
            if let Some(h) = hint {
                assert_eq!(e.hint.as_deref(), Some(h), "{fm}");
            }
        }
    }

    #[test]
    fn a_key_of_thousands_of_parts_is_placed() {
        let key = vec!["a"; 5000].join(".");
        let e = parse_notice(&format!("+++\ntitle = \"A\"\n[extra]\n{key} = 1\n+++\n")).unwrap_err();
        assert_eq!(e.position, Some((4, 1)), "{e:?}");
        assert_eq!(e.message, "this key has 5000 parts separated by dots, more than can be read");
    }

    #[test]
    fn locates_keys() {
        let s = split("+++\ntitle = \"A\"\ndate   =  2021-02-30\n[extra]\ndate = 1\n+++\n").unwrap();
        assert_eq!(locate(&s, "date"), Some((3, 11)));
        assert_eq!(locate(&s, "slug"), None);
        let s = split("---\ntitle: A\ndate: 2021-02-30\n---\n").unwrap();
        assert_eq!(locate(&s, "date"), Some((3, 7)));
    }
}
