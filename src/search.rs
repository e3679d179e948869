//! The search index: every published notice indexed by pagefind (as a library, with its
//! Chinese and Japanese word splitting) during the build, and written under `pagefind/` with
//! pagefind's own search scripts, so the static site can be searched with no server.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use std::sync::Arc;

use crate::render::PageData;
use crate::render::views::NoticeRef;
use crate::site::Site;
use crate::{Diagnostic, Error};

/// The folder under the output folder that holds the index (the plan keeps it free).
pub const DIR: &str = crate::plan::SEARCH_DIR;

/// The languages of the notices of language `l`'s part of the site other than its own
/// (passages in another language), lowercase as pagefind names its per-language indexes.
pub fn other_languages(site: &crate::site::Site, l: usize) -> Vec<String> {
    let language = &site.languages[l];
    let own = language.code.to_lowercase();
    let mut langs: Vec<String> =
        language.listed.iter().map(|&i| site.entries[i].notice.lang.to_lowercase()).filter(|l| *l != own).collect();
    langs.sort_unstable();
    langs.dedup();
    langs
}

/// Most fragment files (one per notice, by default) an index of one language may have; a
/// larger site's are bundled into shared files. Ten thousand small files cost more to write
/// (and to upload) than a browser saves by fetching one notice's fragment alone.
const MAX_FRAGMENTS: u32 = 1000;

/// A hash of everything the index holds: equal hashes, equal index.
pub fn fingerprint(data: &PageData) -> u64 {
    let mut h = crate::hash::hasher();
    (data.site.listed.len(), &data.site.config.language).hash(&mut h);
    for &i in &data.site.listed {
        data.notice_hash_of(i).hash(&mut h);
    }
    h.finish()
}

/// What pagefind indexes of notice `i`: its title and text as a record, in its own
/// language, with its title and date to show and its section and tags to filter by. (A
/// record, not the page's HTML: pagefind need not parse what Gazette already knows.)
struct Record {
    url: String,
    content: String,
    language: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
}

fn record(site: &Site, refs: &[Arc<NoticeRef>], i: usize) -> Record {
    let e = &site.entries[i];
    let n = &e.notice;
    let r = &refs[i];
    let mut content = String::with_capacity(n.title.len() + n.body.text.len() + 2);
    content.push_str(&n.title);
    content.push('\n');
    content.push_str(&n.body.text);
    let meta = BTreeMap::from([("title".to_owned(), n.title.clone()), ("date".to_owned(), r.date_display.clone())]);
    let filters = BTreeMap::from([
        ("section".to_owned(), vec![filter_value(&site.sections[e.section].title)]),
        ("tag".to_owned(), e.tags.iter().map(|&t| filter_value(&site.tags[t].name)).collect()),
    ]);
    Record { url: r.url.clone(), content, language: n.lang.to_lowercase(), meta, filters }
}

/// A section's title or a tag's name as a filter value: HTML-escaped, because Pagefind's
/// search box writes filter values into the page as HTML (`innerHTML`), and a tag named
/// `<img src=x onerror=…>` would otherwise run its script on the search page (issue 16).
/// Escaped, the box shows the name as written; filtering still works, since the index and
/// the box use the same escaped value. The other values need nothing: the box shows the
/// title and metadata as text, and Pagefind's script escapes the text of excerpts.
fn filter_value(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    pulldown_cmark_escape::escape_html(&mut out, name).expect("writing to a String cannot fail");
    out
}

/// Files by path under the output folder, with their bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// What the index is made of: the site's notices as listings show them (shared, so that
/// indexing can run apart from the build).
pub struct Input {
    pub site: Arc<Site>,
    pub refs: Vec<Arc<NoticeRef>>,
}

impl Input {
    pub fn of(data: &PageData) -> Input {
        Input { site: data.site.clone(), refs: data.refs.clone() }
    }
}

/// The index's files, by path under the output folder (`pagefind/pagefind.js`, …).
pub fn files(data: &PageData) -> Result<Files, Error> {
    Ok(index(&Input::of(data), &|| false)?.unwrap_or_default())
}

/// The index of `input`, by path under the output folder; `None` if `cancelled` said so
/// before it was done.
pub fn index(input: &Input, cancelled: &dyn Fn() -> bool) -> Result<Option<Files>, Error> {
    let failed = |what: &str, e: &dyn std::fmt::Display| {
        Error::Site(vec![
            Diagnostic::file(DIR, format!("could not {what} the search index: {e}"))
                .with_hint("set search = false in site.toml to build without search"),
        ])
    };
    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(|e| failed("start", &e))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(false)
            .max_fragments(MAX_FRAGMENTS)
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| failed("start", &e))?;
        for &i in &input.site.listed {
            if cancelled() {
                return Ok(None);
            }
            let Record { url, content, language, meta, filters } = record(&input.site, &input.refs, i);
            index
                .add_custom_record(url, content, language, Some(meta), Some(filters), None)
                .await
                .map_err(|e| failed("index", &e))?;
        }
        let files = index.get_files().await.map_err(|e| failed("write", &e))?;
        let mut out: Files = files
            .into_iter()
            .map(|f| (format!("{DIR}/{}", f.filename.to_string_lossy().replace('\\', "/")), f.contents))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Some(out))
    })
}

#[cfg(test)]
mod tests {
    use super::filter_value;

    #[test]
    fn filter_values_are_html_escaped() {
        for (name, value) in [
            ("Veterans", "Veterans"),
            ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
            ("R&D", "R&amp;D"),
            ("\"quoted\"", "&quot;quoted&quot;"),
            ("退役军人", "退役军人"),
        ] {
            assert_eq!(filter_value(name), value, "{name}");
        }
    }
}
