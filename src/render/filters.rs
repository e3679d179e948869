//! Filters and functions Gazette adds to Tera, for theme authors.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use tera::{Kwargs, State, Tera, TeraResult};

use super::views::Urls;
use crate::config::SlugMode;
use crate::slug::{encode_segment, slugify};

pub fn register(tera: &mut Tera, tz: TimeZone, mode: SlugMode, urls: Urls) {
    // `{{ notice.date | date(format="%d %B %Y") }}`: an RFC 3339 date, shown in the site's time zone.
    tera.register_filter("date", move |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let format = kwargs.get::<&str>("format")?.unwrap_or("%Y-%m-%d");
        let ts: Timestamp = value.parse().map_err(|e| {
            tera::Error::message(format!("`date` needs an RFC 3339 date such as notice.date, not `{value}`: {e}"))
        })?;
        let zoned = ts.to_zoned_datetime(tz.clone());
        let mut out = String::new();
        jiff::fmt::strtime::format(format, &zoned)
            .map(|s| out.push_str(&s))
            .map_err(|e| tera::Error::message(format!("bad `date` format `{format}`: {e}")))?;
        Ok(out)
    });
    // `{{ "Press Releases" | slugify }}`: the site's slug rule.
    tera.register_filter("slugify", move |value: &str, _: Kwargs, _: &State| slugify(value, mode));
    // `{{ name | urlencode }}`: percent-encodes one URL segment.
    tera.register_filter("urlencode", |value: &str, _: Kwargs, _: &State| encode_segment(value));
    // `{{ get_url(path="style.css") }}`: a site path under the site's base path.
    tera.register_function("get_url", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path = kwargs.must_get::<&str>("path")?;
        Ok(urls.href(path))
    });
}
