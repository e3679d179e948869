//! `gazette init DIR`: a new site that builds at once: site.toml, one example notice and
//! the bureau theme, written out so it can be edited.

use std::path::Path;

use crate::cli::{InitArgs, Verbosity};
use crate::{Error, fs, theme};

pub fn run(args: &InitArgs, verbosity: Verbosity) -> Result<(), Error> {
    let dir = &args.dir;
    if dir.exists() {
        let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(Error::Usage(format!(
                "error: {} already exists and is not empty\n\nChoose a new folder name: `gazette init` never overwrites files.",
                dir.display()
            )));
        }
    }
    let today = jiff::ZonedDateTime::now().date();
    fs::create_dir_all(&dir.join("content/announcements"))?;
    fs::write(&dir.join("site.toml"), SITE_TOML.as_bytes())?;
    fs::write(&dir.join("content/announcements/_index.md"), SECTION.as_bytes())?;
    fs::write(&dir.join("content/announcements/welcome.md"), notice(today).as_bytes())?;
    theme::write_builtin(&dir.join("themes").join(theme::BUILTIN))?;
    fs::write(&dir.join(".gitignore"), b"/public\n/.gazette/\n")?;
    if verbosity.quiet() {
        return Ok(());
    }
    println!(
        "Created a new site in {}.\n\nNext:\n  cd {}\n  gazette serve        # previews it at http://127.0.0.1:1111/\n  gazette build        # writes it into public/ for publishing\n\nEdit site.toml (title, base_url, timezone, publisher) and add notices under content/.",
        dir.display(),
        shell_word(dir)
    );
    Ok(())
}

fn shell_word(dir: &Path) -> String {
    let s = dir.display().to_string();
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

const SITE_TOML: &str = r#"# Gazette site settings. Every key is documented in docs/configuration.md.
title = "Bureau News"
description = "Official announcements of the bureau."
base_url = "https://news.example.gov"
language = "en"
timezone = "UTC"
publisher = "The Bureau"
theme = "bureau"
paginate = 20
output_dir = "public"
# Feeds: the site's and each section's in Atom and RSS with whole notices (the newest 50),
# each tag's and person's in Atom with summaries (the newest 20). To change them, add
# [feeds.site], [feeds.sections], [feeds.tags] or [feeds.people] with formats ("atom",
# "rss", "json"; [] for none), limit and content ("full" or "summary").
# A search page and its index (search-index/); false to build without.
search = true
# What `gazette check` expects of every notice's `reference` (a regular expression) and tags.
# reference_pattern = 'BN \[\d{4}\] No\. \d+'
# allowed_tags = ["announcements", "meetings", "regulations"]

[markdown]
smart_punctuation = true
raw_html = "sanitize"
highlight = true

[slugs]
mode = "transliterate"

[extra]
# Shown in the footer of every page by the bureau theme.
media_contact_name = "Press Office"
media_contact_email = "press@example.gov"
media_contact_phone = "+1 555 0100"
address = "1 Example Street, Capital City"
"#;

const SECTION: &str = r#"+++
title = "Announcements"
description = "Public announcements of the bureau."
order = 1
+++
"#;

fn notice(date: jiff::civil::Date) -> String {
    format!(
        r#"+++
title = "Our news site is online"
date = {date}
location = "Capital City"
reference = "BN [{year}] No. 1"
tags = ["website"]
+++

The bureau's news site is now online. Notices are written in Markdown under
`content/`, one file each, and published with `gazette build`.

## What you will find here

- announcements of the bureau,
- the people who wrote and edited each notice,
- an archive by year and month.

(Jane Doe) (Editor: John Roe)
"#,
        year = date.year()
    )
}
