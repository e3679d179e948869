//! Dates in front matter: RFC 3339 with an offset, or a plain `YYYY-MM-DD` /
//! `YYYY-MM-DD HH:MM` read in the site's time zone. Mistakes get messages a press officer
//! can act on ("February 2021 has 28 days"), not parser jargon.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A date as written in front matter, before it is checked: TOML's own date values and
/// YAML or TOML strings all arrive here as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDate(pub String);

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2021-01-25 or 2021-01-25T09:30:00+08:00")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDate, E> {
                Ok(RawDate(v.to_owned()))
            }
            // TOML hands its date values over as a one-entry map holding the text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawDate, A::Error> {
                match map.next_entry::<String, String>()? {
                    Some((_, text)) => Ok(RawDate(text)),
                    None => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A problem with a date: what is wrong, and how to write it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub hint: Option<String>,
}

const FORMS: &str = "write 2021-01-25, 2021-01-25 09:30, or with an offset 2021-01-25T09:30:00+08:00";

/// A date jiff cannot place (near the ends of its range, with an extreme offset).
fn out_of_range(text: &str) -> DateError {
    err(format!("`{text}` is out of the range of dates Gazette can handle"), Some(FORMS))
}

/// The years a date may be in. Before 1000 and after 9999, a year is not four digits
/// (which RFC 3339, and so Atom and JSON-LD, require), and time zones fall back to local
/// mean time (`+08:05:43`): such a date is a slip of the keyboard, not a notice's.
const YEARS: std::ops::RangeInclusive<u32> = 1000..=9999;

fn year_out_of_range(text: &str) -> DateError {
    err(
        format!("`{text}` is not a date Gazette accepts: the year must be from 1000 to 9999"),
        Some("write the year with four digits, e.g. 2021-01-25"),
    )
}

fn err(message: String, hint: Option<&str>) -> DateError {
    DateError { message, hint: hint.map(str::to_owned) }
}

/// Parses `text`; a date without an offset is read in `tz`.
pub fn parse(text: &str, tz: &TimeZone) -> Result<Timestamp, DateError> {
    let text = text.trim();
    let not_a_date = || err(format!("`{text}` is not a date"), Some(FORMS));
    let bytes = text.as_bytes();
    // `10000-01-01`, `-0001-01-01`: a year outside four digits.
    let unsigned = text.trim_start_matches(['-', '+']);
    let digits = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    let signed = unsigned.len() < text.len();
    if (digits > 4 || (signed && digits == 4)) && unsigned.as_bytes().get(digits) == Some(&b'-') {
        return Err(year_out_of_range(text));
    }
    // The date part is ten ASCII characters; anything else there is not a date (and slicing
    // into a character further on would panic).
    if bytes.len() < 10 || !bytes[..10].is_ascii() || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(not_a_date());
    }
    let year = number(&text[0..4]).ok_or_else(not_a_date)?;
    let month = number(&text[5..7]).ok_or_else(not_a_date)?;
    let day = number(&text[8..10]).ok_or_else(not_a_date)?;
    if !YEARS.contains(&year) {
        return Err(year_out_of_range(text));
    }
    if !(1..=12).contains(&month) {
        return Err(err(format!("`{text}` is not a date: there is no month {month}"), Some(FORMS)));
    }
    let date = Date::new(year as i16, month as i8, 1).map_err(|_| not_a_date())?;
    let days = date.days_in_month() as u32;
    if day == 0 || day > days {
        return Err(err(
            format!("`{text}` is not a date: {} {year} has {days} days", MONTHS[month as usize - 1]),
            None,
        ));
    }
    let date = Date::new(year as i16, month as i8, day as i8).map_err(|_| not_a_date())?;

    let rest = &text[10..];
    if rest.is_empty() {
        return date.to_zoned_datetime(tz.clone()).map(|z| z.timestamp()).map_err(|_| out_of_range(text));
    }
    let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(not_a_date)?;
    let (time_text, offset_text) = match rest.find(['Z', 'z', '+', '-']) {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let time =
        parse_time(time_text).ok_or_else(|| err(format!("`{text}` has an invalid time `{time_text}`"), Some(FORMS)))?;
    let datetime = DateTime::from_parts(date, time);
    match offset_text {
        None => datetime.to_zoned_datetime(tz.clone()).map(|z| z.timestamp()).map_err(|_| out_of_range(text)),
        Some(o) => {
            let offset = parse_offset(o).ok_or_else(|| {
                err(
                    format!("`{text}` has an invalid offset `{o}`"),
                    Some("an offset is Z or +HH:MM / -HH:MM between -23:59 and +23:59, e.g. +08:00"),
                )
            })?;
            offset.to_timestamp(datetime).map_err(|_| out_of_range(text))
        }
    }
}

/// Whether `text` names its offset (`Z` or `±HH:MM` after a time), rather than leaving the
/// time zone to the site.
pub fn has_offset(text: &str) -> bool {
    let text = text.trim();
    text.get(10..).is_some_and(|t| t.contains(['Z', 'z', '+', '-']))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction`.
fn parse_time(s: &str) -> Option<Time> {
    let mut parts = s.splitn(3, ':');
    let hour = parts.next().filter(|p| p.len() == 2).and_then(number)?;
    let minute = parts.next().filter(|p| p.len() == 2).and_then(number)?;
    let (second, nanos) = match parts.next() {
        None => (0, 0),
        Some(sec) => {
            let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
            let second = Some(whole).filter(|p| p.len() == 2).and_then(number)?;
            let nanos = if frac.is_empty() {
                0
            } else {
                let digits: String = frac.chars().chain("000000000".chars()).take(9).collect();
                if frac.len() > 9 {
                    return None;
                }
                number(&digits)?
            };
            (second, nanos)
        }
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Time::new(hour as i8, minute as i8, second as i8, nanos as i32).ok()
}

fn parse_offset(s: &str) -> Option<Offset> {
    if s.eq_ignore_ascii_case("z") {
        return Some(Offset::UTC);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let body = &s[1..];
    if !body.is_ascii() {
        return None;
    }
    let (h, m) = match body.len() {
        5 if body.as_bytes()[2] == b':' => (&body[..2], &body[3..]),
        4 => (&body[..2], &body[2..]),
        _ => return None,
    };
    let (h, m) = (number(h)?, number(m)?);
    if h > 23 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60) as i32).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai() -> TimeZone {
        TimeZone::get("Asia/Shanghai").unwrap()
    }

    #[test]
    fn offsets_are_told_apart() {
        for (text, want) in [
            ("2021-01-25T09:00:00+08:00", true),
            ("2021-01-25T01:00:00Z", true),
            ("2021-01-25 09:00-05:00", true),
            ("2021-01-25 09:00", false),
            ("2021-01-25", false),
            ("2021-01-25日本", false),
            ("2021-01-2日", false),
        ] {
            assert_eq!(has_offset(text), want, "{text}");
        }
    }

    #[test]
    fn accepted_forms() {
        let tz = shanghai();
        for (text, want) in [
            ("2021-01-25", "2021-01-24T16:00:00Z"),
            ("2021-01-25 09:30", "2021-01-25T01:30:00Z"),
            ("2021-01-25T09:30:15", "2021-01-25T01:30:15Z"),
            ("2021-01-25T09:30:00+08:00", "2021-01-25T01:30:00Z"),
            ("2021-01-25T09:30:00Z", "2021-01-25T09:30:00Z"),
            ("2021-01-25T09:30:00.5-05:00", "2021-01-25T14:30:00.5Z"),
            ("  2024-02-29  ", "2024-02-28T16:00:00Z"),
            ("1000-01-01T00:00:00Z", "1000-01-01T00:00:00Z"),
            ("9999-12-30T12:00:00Z", "9999-12-30T12:00:00Z"),
        ] {
            assert_eq!(parse(text, &tz).unwrap().to_string(), want, "{text}");
        }
    }

    #[test]
    fn mistakes_are_explained() {
        let tz = shanghai();
        for (text, want) in [
            ("2021-02-30", "`2021-02-30` is not a date: February 2021 has 28 days"),
            ("2021-04-31", "`2021-04-31` is not a date: April 2021 has 30 days"),
            ("2021-13-01", "`2021-13-01` is not a date: there is no month 13"),
            ("25/01/2021", "`25/01/2021` is not a date"),
            ("2021-01-2日", "`2021-01-2日` is not a date"),
            ("yesterday", "`yesterday` is not a date"),
            ("2021-01-25 25:00", "`2021-01-25 25:00` has an invalid time `25:00`"),
            ("2021-01-25T09:30:00+25:00", "`2021-01-25T09:30:00+25:00` has an invalid offset `+25:00`"),
            ("2021-01-25T09:30:00+8", "`2021-01-25T09:30:00+8` has an invalid offset `+8`"),
            ("0000-01-01", "`0000-01-01` is not a date Gazette accepts: the year must be from 1000 to 9999"),
            (
                "0999-12-31T23:00:00Z",
                "`0999-12-31T23:00:00Z` is not a date Gazette accepts: the year must be from 1000 to 9999",
            ),
            ("10000-01-01", "`10000-01-01` is not a date Gazette accepts: the year must be from 1000 to 9999"),
            ("-0001-01-01", "`-0001-01-01` is not a date Gazette accepts: the year must be from 1000 to 9999"),
            ("-10000-01-01", "`-10000-01-01` is not a date Gazette accepts: the year must be from 1000 to 9999"),
        ] {
            assert_eq!(parse(text, &tz).unwrap_err().message, want, "{text}");
        }
    }

    #[test]
    fn raw_date_from_toml_and_yaml() {
        #[derive(Deserialize)]
        struct F {
            date: RawDate,
        }
        let toml: F = toml::from_str("date = 2021-01-25").unwrap();
        assert_eq!(toml.date.0, "2021-01-25");
        let toml: F = toml::from_str("date = 2021-01-25T09:30:00+08:00").unwrap();
        assert_eq!(toml.date.0, "2021-01-25T09:30:00+08:00");
        let yaml: F = serde_saphyr::from_str("date: 2020-11-30").unwrap();
        assert_eq!(yaml.date.0, "2020-11-30");
    }
}
