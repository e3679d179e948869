//! What a good build leaves for the next one: its model, plan and page fingerprints, and
//! the shortcut for the commonest edit, a change to a notice's text alone.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Change, write};
use crate::content::Sources;
use crate::plan::{self, PageJob};
use crate::render::PageData;

/// A good build's model, plan and page fingerprints.
pub struct Built {
    pub data: PageData,
    pub jobs: Vec<PageJob>,
    pub global: u64,
    pub fingerprints: Vec<u64>,
    /// Notice source path → its entry, and entry → its page's job.
    entry_of: FxHashMap<String, usize>,
    job_of: Vec<usize>,
    /// Entry → the feeds that carry its full text.
    feeds_of: Vec<Vec<usize>>,
    pub memo: write::Memo,
}

impl Built {
    pub fn new(data: PageData, jobs: Vec<PageJob>, global: u64, written: &write::Written) -> Built {
        let fingerprints: Vec<u64> = jobs.iter().map(|j| written.fingerprint(&j.path).unwrap_or(0)).collect();
        let memo = {
            use rayon::prelude::*;
            jobs.par_iter()
                .zip(&fingerprints)
                .filter_map(|(j, &f)| data.inputs(j, global).map(|k| (j.path.clone(), (k, f))))
                .collect::<Vec<_>>()
                .into_iter()
                .collect()
        };
        let entry_of = data.site.entries.iter().enumerate().map(|(i, e)| (e.notice.rel_path.clone(), i)).collect();
        let mut job_of = vec![usize::MAX; data.site.entries.len()];
        let mut feeds_of = vec![Vec::new(); data.site.entries.len()];
        for (j, job) in jobs.iter().enumerate() {
            match job.kind {
                plan::PageKind::Notice(i) => job_of[i] = j,
                plan::PageKind::Feed { scope, .. } if scope.settings(&data.site).full() => {
                    for i in crate::feeds::entries(&data.site, scope) {
                        feeds_of[i].push(j);
                    }
                }
                _ => {}
            }
        }
        Built { data, jobs, global, fingerprints, entry_of, job_of, feeds_of, memo }
    }

    /// The model with the notices of `change` swapped for their new versions, if all they
    /// changed is their text: everything but a notice's body reaches other pages (through
    /// the model and the notice refs), and `head_hash` covers all of that. Returns the jobs to
    /// check: those notices' own pages, and the feeds that carry their full text.
    /// Hands itself back when the change is more than notices' texts.
    pub fn patch(mut self, change: &Change, sources: &Sources) -> Result<(Built, Vec<usize>), Box<Built>> {
        let Some(swaps) = self.swaps(change, sources) else { return Err(Box::new(self)) };
        // The data is ours alone between builds, so the model can change in place.
        let Some(site) = Arc::get_mut(&mut self.data.site) else { return Err(Box::new(self)) };
        let mut jobs = Vec::with_capacity(swaps.len());
        for (i, notice) in swaps {
            site.entries[i].notice = notice;
            jobs.push(self.job_of[i]);
            jobs.extend(&self.feeds_of[i]);
        }
        jobs.sort_unstable();
        jobs.dedup();
        for &j in &jobs {
            self.fingerprints[j] = super::pages::fingerprint(&self.data, &self.jobs[j], self.global);
        }
        Ok((self, jobs))
    }

    /// The entries of the notices `change` names with their new versions, if all that
    /// changed is their text.
    fn swaps(&self, change: &Change, sources: &Sources) -> Option<Vec<(usize, Arc<crate::content::Notice>)>> {
        let content_only = !change.config && !change.templates && !change.statics && !change.rescan && !change.clock;
        if !content_only || change.content.is_empty() {
            return None;
        }
        let mut swaps = Vec::with_capacity(change.content.len());
        for rel in &change.content {
            let new = sources.notice(rel)?;
            let &i = self.entry_of.get(rel)?;
            let old = &self.data.site.entries[i].notice;
            // Links by source path are resolved with the whole model, and photos measured
            // with it.
            let links = |n: &crate::content::Notice| {
                n.body.internal_links().next().is_some() || n.body.links.iter().any(|l| l.image)
            };
            if new.head_hash != old.head_hash || links(&new) || links(old) {
                return None;
            }
            swaps.push((i, new));
        }
        Some(swaps)
    }
}
