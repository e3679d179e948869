//! What a `build` with the cache on keeps of its output folder for the next one: the record
//! of the pages and files it wrote (`cache::outputs`), and the stamps that let a build with
//! nothing changed skip everything (`cache::unchanged`).

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::Instant;

use super::{Project, Report, indexer, unchanged, write};
use crate::config::{self, Config};
use crate::{Error, cache};

/// What the build cache records of an output folder: the pages and files written, and the
/// search index's fingerprint and files.
#[derive(serde::Deserialize)]
pub(super) struct Saved(write::Written, Option<(u64, indexer::OnDisk)>, write::Memo);

impl Project {
    /// Whether this build keeps records of its output folder in the cache: `build` with the
    /// cache on. `watch` and `serve` change the folder on every edit: they keep none.
    pub(super) fn keeps_record(&self) -> bool {
        self.opts.cache && self.opts.mode == super::Mode::Publish
    }

    /// A key of the settings that, besides the files, decide what the build writes: site.toml
    /// and the command line. `None` when the build keeps no record.
    pub(super) fn settings_key(&self) -> Option<u64> {
        if !self.keeps_record() {
            return None;
        }
        let mut h = crate::hash::hasher();
        let config = std::fs::read(self.opts.root.join(config::FILE_NAME)).ok()?;
        (config, &self.opts.base_url, self.opts.drafts, &self.opts.now).hash(&mut h);
        Some(h.finish())
    }

    /// The build cache's record of the output folder, for `build` with the cache on.
    pub(super) fn outputs(&self) -> Option<cache::outputs::Outputs> {
        let setup = self.setup.as_ref()?;
        Some(cache::outputs::Outputs::new(&self.opts.root, &setup.output, self.settings_key()?))
    }

    /// The report of the last build, if nothing it read or wrote changed since and no time
    /// it waited for (an embargo, an expiry) has come: then the output folder is already
    /// what a build would write, and `build` need not read a notice to find that out.
    /// Only for `build` with the cache on.
    pub fn unchanged(&self) -> Option<Report> {
        let started = Instant::now();
        let key = self.settings_key()?;
        // Only to find the output folder; a site.toml with problems is for the build to report.
        let config = Config::load(&self.opts.root, self.opts.base_url.as_deref()).ok()?;
        let output = self.opts.output.clone().unwrap_or_else(|| self.opts.root.join(&config.output_dir));
        let now = match &self.opts.now {
            // Fixed by --now, which is part of the key.
            Some(_) => i64::MIN,
            None => jiff::Timestamp::now().as_second(),
        };
        let reported: unchanged::Reported =
            unchanged::record(&self.opts.root, &output, key).check(&self.opts.root, &output, now)?;
        Some(reported.report(output, started.elapsed()))
    }

    /// Takes up what an earlier build left in the output folder, as the cache recorded it:
    /// files changed or removed since are forgotten (so they are written again), files no
    /// build wrote are removed. Returns the fingerprints of notices' pages by their inputs;
    /// `None` if there is no usable record.
    pub(super) fn previous_output(
        &mut self,
        outputs: &cache::outputs::Outputs,
        folder: crate::output::manifest::Folder,
    ) -> Result<Option<write::Memo>, Error> {
        use crate::output::manifest::{self, Folder};
        let output = &self.setup.as_ref().expect("prepared before").output;
        let Some(record) = outputs.load::<Saved>() else {
            return Ok(None);
        };
        let Some(mut survey) = record.stamps.survey(output) else {
            return Ok(None);
        };
        // What no build recorded can only be Gazette's here (its manifest, its temporary
        // files, files its manifest lists, empty folders): `survey` refused anything else.
        let listed = match folder {
            Folder::Ours(files) => files,
            Folder::Missing | Folder::Empty => Default::default(),
        };
        survey.strays.retain(|p| p.strip_prefix(output).is_ok_and(|rel| rel != Path::new(manifest::FILE_NAME)));
        cache::outputs::remove_strays(output, &survey.strays)?;
        let listed: std::collections::BTreeSet<String> = listed
            .into_iter()
            .filter(|rel| std::fs::symlink_metadata(output.join(rel)).is_ok_and(|m| m.is_file()))
            .collect();
        self.manifest = Some(crate::output::Manifest::new(output, listed));
        let Saved(mut written, search, memo) = record.written;
        written.forget_files(&survey.damaged);
        let search = search.filter(|(_, files)| !files.iter().any(|(f, _)| survey.damaged.contains(f)));
        self.written = written;
        self.indexer.reset(search);
        Ok(Some(memo))
    }

    /// Keeps what this build read and wrote for the next one, if the cache is on. Returns
    /// the files of the output folder it recorded (none without a record).
    pub(super) fn save_cache(&mut self, outputs: Option<&cache::outputs::Outputs>) -> Vec<String> {
        if let Some(bodies) = &mut self.bodies {
            bodies.save(&self.sources.notices());
        }
        let (Some(outputs), Some(setup)) = (outputs, &self.setup) else {
            return Vec::new();
        };
        let search = self.indexer.current();
        let files: Vec<String> = self
            .written
            .files()
            .chain(search.iter().flat_map(|(_, files)| files.iter().map(|(f, _)| f.clone())))
            .collect();
        let stamps = cache::outputs::Stamps::of(&setup.output, files.iter().map(String::as_str));
        let memo = self.last.as_ref().map(|l| &l.memo);
        outputs.save(&(&self.written, &search, memo.unwrap_or(&write::Memo::default())), &stamps);
        files
    }
}
