//! A listing page's `paginator`: its place in the listing, with links to the pages around
//! it. Its numbers, its listing's address and the language say all it shows (the site's
//! address is covered by every page's `global` too), so its fingerprint is a hash of those
//! and its URLs are made only when the page is rendered: a rebuild fingerprints thousands of
//! listing pages, and renders a few.

use std::hash::Hash;

use tera::Value;

use super::node::Data;
use super::views::{PageNumber, Paginator, Urls};
use crate::hash::Fingerprinter;
use crate::i18n::Lang;
use crate::plan::{page_count, page_path, page_window};

pub struct PaginatorData {
    /// The address of the listing's first page.
    pub base: String,
    /// This page's number, from 1.
    pub number: usize,
    /// The notices in the whole listing.
    pub count: usize,
    pub per_page: usize,
    pub lang: Lang,
    pub urls: Urls,
}

impl PaginatorData {
    pub fn view(&self) -> Paginator {
        let (n, total) = (self.number, page_count(self.count, self.per_page));
        let url = |p: usize| self.urls.href(&page_path(&self.base, p));
        Paginator {
            number: n,
            total_pages: total,
            total_notices: self.count,
            total_text: self.lang.notices(self.count),
            first_url: url(1),
            last_url: url(total),
            previous_url: (n > 1).then(|| url(n - 1)),
            next_url: (n < total).then(|| url(n + 1)),
            label: self.lang.page_of(n, total),
            pages: page_window(n, total)
                .into_iter()
                .map(|p| match p {
                    Some(p) => PageNumber { number: Some(p), url: Some(url(p)), current: p == n },
                    None => PageNumber { number: None, url: None, current: false },
                })
                .collect(),
        }
    }
}

impl Data for PaginatorData {
    fn hash_into(&self, h: &mut Fingerprinter) {
        (&self.base, self.number, self.count, self.per_page, self.lang, self.urls.href("/")).hash(h);
    }

    fn to_value(&self) -> Value {
        Value::from_serializable(&self.view())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(base: &str, number: usize, count: usize, lang: Lang) -> PaginatorData {
        let config = crate::config::Config::parse(
            "title = \"T\"\nbase_url = \"https://example.gov/news/\"\n",
            std::path::Path::new("site.toml"),
            None,
        )
        .unwrap();
        PaginatorData { base: base.into(), number, count, per_page: 20, lang, urls: Urls::new(&config) }
    }

    fn fingerprint(d: &PaginatorData) -> u64 {
        let mut h = crate::hash::hasher();
        d.hash_into(&mut h);
        std::hash::Hasher::finish(&h)
    }

    #[test]
    fn what_the_paginator_shows_changes_exactly_when_its_fingerprint_does() {
        let cases = [
            data("/tags/a/", 2, 95, Lang::En),
            data("/tags/a/", 3, 95, Lang::En),
            data("/tags/a/", 2, 96, Lang::En),
            data("/tags/a/", 2, 101, Lang::En),
            data("/tags/b/", 2, 95, Lang::En),
            data("/tags/a/", 2, 95, Lang::Zh),
        ];
        for (i, a) in cases.iter().enumerate() {
            for b in &cases[i + 1..] {
                assert_ne!(fingerprint(a), fingerprint(b));
                assert_ne!(serde_json::to_string(&a.view()).unwrap(), serde_json::to_string(&b.view()).unwrap());
            }
        }
        let p = data("/tags/a/", 2, 95, Lang::En).view();
        assert_eq!(
            (p.total_pages, p.first_url.as_str(), p.next_url.as_deref()),
            (5, "/news/tags/a/", Some("/news/tags/a/page/3/"))
        );
    }
}
