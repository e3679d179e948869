//! Writing a notice's source file, for `gazette new` and `gazette import`: TOML front
//! matter with every value quoted by the TOML library (so no title can break it), and a
//! file name from the title that never replaces an existing file unless asked.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{Config, SlugMode};
use crate::content::CONTENT_DIR;
use crate::slug;
use crate::{Diagnostic, Error};

/// A notice to write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewNotice {
    pub title: String,
    pub original_title: Option<String>,
    /// As it goes into the front matter: `2021-01-25` or `2026-11-26T09:30:00+08:00`.
    pub date: String,
    /// Written out so that the address stays when the title is reworded before publishing.
    pub slug: Option<String>,
    pub byline: Vec<String>,
    pub editors: Vec<String>,
    pub tags: Vec<String>,
    /// The notice's language, when the front matter must say it.
    pub lang: Option<String>,
    /// The file of the notice it translates, when the front matter must say it.
    pub translation_of: Option<String>,
    pub draft: bool,
    /// Markdown.
    pub body: String,
}

impl NewNotice {
    /// The whole file: front matter between `+++` lines, then the body.
    pub fn to_source(&self) -> String {
        let q = |s: &str| quote(s);
        let list = |v: &[String]| format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "));
        let mut out = String::from("+++\n");
        out.push_str(&format!("title = {}\n", q(&self.title)));
        if let Some(o) = &self.original_title {
            out.push_str(&format!("original_title = {}\n", q(o)));
        }
        out.push_str(&format!("date = {}\n", self.date));
        if let Some(s) = &self.slug {
            out.push_str(&format!("slug = {}\n", quote(s)));
        }
        if !self.byline.is_empty() {
            out.push_str(&format!("byline = {}\n", list(&self.byline)));
        }
        if !self.editors.is_empty() {
            out.push_str(&format!("editors = {}\n", list(&self.editors)));
        }
        if !self.tags.is_empty() {
            out.push_str(&format!("tags = {}\n", list(&self.tags)));
        }
        if let Some(l) = &self.lang {
            out.push_str(&format!("lang = {}\n", q(l)));
        }
        if let Some(t) = &self.translation_of {
            out.push_str(&format!("translation_of = {}\n", q(t)));
        }
        if self.draft {
            out.push_str("draft = true\n");
        }
        out.push_str("+++\n");
        if !self.body.is_empty() {
            out.push('\n');
            out.push_str(self.body.trim_end());
            out.push('\n');
        }
        out
    }
}

/// `s` as a TOML basic string, the way a person would write it: `"say \"hi\""`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The section folder for `section` as typed (`Press releases` → `press-releases`), or why
/// it cannot be one.
pub fn section_folder(section: &str) -> Result<String, String> {
    let folder = slug::slugify(section.trim(), SlugMode::Safe);
    if folder.is_empty() {
        Err(format!("the section `{section}` has no letters or digits"))
    } else if crate::slug::RESERVED.contains(&folder.as_str()) || folder == crate::content::person::PEOPLE_DIR {
        Err(format!("`{folder}` is used by the site's own pages and cannot be a section"))
    } else {
        Ok(folder)
    }
}

/// Where a notice titled `title` goes in `section`: `content/{section}/{slug}.md`, the slug
/// made from the title (or `fallback` when the title has no letters or digits).
pub fn path_for(root: &Path, config: &Config, section: &str, title: &str, fallback: &str) -> PathBuf {
    root.join(CONTENT_DIR).join(section).join(format!("{}.md", file_name(config, title, fallback)))
}

/// The name a notice titled `title` is written under, without `.md`: its slug, at most 80
/// characters; `fallback` (a date) for a title without letters or digits.
pub fn file_name(config: &Config, title: &str, fallback: &str) -> String {
    let mut name = slug::slugify(title, config.slug_mode);
    if name.is_empty() {
        name = fallback.to_owned();
    }
    // Long titles make unwieldy file names; the URL slug comes from the title anyway.
    if name.chars().count() > 80 {
        let cut: String = name.chars().take(80).collect();
        name = cut.trim_end_matches('-').to_owned();
    }
    name
}

/// Writes `text` at `path`, creating its folder. Refuses to replace an existing file
/// unless `replace`; the check and the creation are one step, so nothing is lost to a race.
pub fn write_new(path: &Path, shown: &Path, text: &str, replace: bool) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        crate::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if replace {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Diagnostic::file(shown, "a notice already exists here; it was left as it is")
                .with_hint("choose another title, or edit the existing notice")
                .into());
        }
        Err(e) => return Err(Error::io("create", path, e)),
    };
    file.write_all(text.as_bytes()).map_err(|e| Error::io("write", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_quotes_every_value() {
        let n = NewNotice {
            title: "Say \"hello\"\n+++".into(),
            date: "2021-01-25".into(),
            byline: vec!["Li Yang".into()],
            editors: vec!["Yang Rui".into(), "Han Ting".into()],
            draft: true,
            body: "Text.".into(),
            ..Default::default()
        };
        let text = n.to_source();
        assert_eq!(
            text,
            "+++\ntitle = \"Say \\\"hello\\\"\\n+++\"\ndate = 2021-01-25\nbyline = [\"Li Yang\"]\n\
             editors = [\"Yang Rui\", \"Han Ting\"]\ndraft = true\n+++\n\nText.\n"
        );
    }

    #[test]
    fn quoted_values_read_back_the_same() {
        for s in ["plain", "say \"hi\"", "back\\slash", "line\nbreak", "bell\u{7}", "李阳 “quoted”", "'''"] {
            let table: toml::Table = toml::from_str(&format!("t = {}", quote(s))).unwrap();
            assert_eq!(table["t"].as_str(), Some(s));
        }
    }

    #[test]
    fn sections() {
        assert_eq!(section_folder("Press releases").as_deref(), Ok("press-releases"));
        assert!(section_folder("tags").is_err() && section_folder("people").is_err() && section_folder("!!").is_err());
    }
}
