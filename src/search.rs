//! The search index: every published notice indexed by pagefind (as a library, with its
//! Chinese and Japanese word splitting) during the build, and written under `pagefind/` with
//! pagefind's own search scripts, so the static site can be searched with no server.

use std::hash::{Hash, Hasher};

use crate::render::PageData;
use crate::xml::escape_into;
use crate::{Diagnostic, Error};

/// The folder under the output folder that holds the index.
pub const DIR: &str = "pagefind";

/// The languages of the site's notices other than the site's own, lowercase as pagefind
/// names its per-language indexes.
pub fn other_languages(site: &crate::site::Site) -> Vec<String> {
    let own = site.config.language.to_lowercase();
    let mut langs: Vec<String> =
        site.entries.iter().map(|e| e.notice.lang.to_lowercase()).filter(|l| *l != own).collect();
    langs.sort_unstable();
    langs.dedup();
    langs
}

/// A hash of everything the index holds: equal hashes, equal index.
pub fn fingerprint(data: &PageData) -> u64 {
    let mut h = crate::hash::hasher();
    (data.site.entries.len(), &data.site.config.language).hash(&mut h);
    for i in 0..data.site.entries.len() {
        data.notice_hash_of(i).hash(&mut h);
    }
    h.finish()
}

/// What pagefind reads of notice `i`: its title, its text and what to filter it by, in its
/// own language.
fn document(data: &PageData, i: usize) -> String {
    let site = &*data.site;
    let e = &site.entries[i];
    let n = &e.notice;
    let mut doc = String::with_capacity(n.body.html.len() + 512);
    doc.push_str("<!DOCTYPE html><html lang=\"");
    escape_into(&mut doc, &n.lang);
    doc.push_str("\"><head><meta data-pagefind-filter=\"section[content]\" content=\"");
    escape_into(&mut doc, &site.sections[e.section].title);
    doc.push_str("\">");
    for &t in &e.tags {
        doc.push_str("<meta data-pagefind-filter=\"tag[content]\" content=\"");
        escape_into(&mut doc, &site.tags[t].name);
        doc.push_str("\">");
    }
    doc.push_str("<meta data-pagefind-meta=\"date[content]\" content=\"");
    escape_into(&mut doc, &data.refs[i].date_display);
    doc.push_str("\"></head><body><h1>");
    escape_into(&mut doc, &n.title);
    doc.push_str("</h1>");
    doc.push_str(&n.body.html);
    doc.push_str("</body></html>");
    doc
}

/// Files by path under the output folder, with their bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// The index's files, by path under the output folder (`pagefind/pagefind.js`, …).
pub fn files(data: &PageData) -> Result<Files, Error> {
    let failed = |what: &str, e: &dyn std::fmt::Display| {
        Error::Site(vec![
            Diagnostic::file(DIR, format!("could not {what} the search index: {e}"))
                .with_hint("set search = false in site.toml to build without search"),
        ])
    };
    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(|e| failed("start", &e))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder().keep_index_url(false).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| failed("start", &e))?;
        for i in 0..data.site.entries.len() {
            let url = data.refs[i].url.clone();
            index.add_html_file(None, Some(url), document(data, i)).await.map_err(|e| failed("index", &e))?;
        }
        let files = index.get_files().await.map_err(|e| failed("write", &e))?;
        let mut out: Files = files
            .into_iter()
            .map(|f| (format!("{DIR}/{}", f.filename.to_string_lossy().replace('\\', "/")), f.contents))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    })
}
