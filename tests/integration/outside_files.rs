//! Files that must never be published: files outside the site reached by links in static/,
//! a theme's folder or templates/shortcodes/; the repository's and Gazette's own folders
//! reached from content/; and SVG files that would run script on the site's origin.
//! Outside files are made inside each test's own temporary folder.

use std::os::unix::fs::symlink;

use crate::harness::TestSite;

const SECRET: &str = "SECRET-OUTSIDE-THE-SITE";

/// A file outside the site's folder, in a temporary folder of its own.
fn outside() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passwd");
    std::fs::write(&path, format!("root:x:0:0:{SECRET}\n")).unwrap();
    (dir, path)
}

fn notice_site() -> TestSite {
    TestSite::new().notice("news/a.md", "title = \"Hello\"\ndate = 2021-01-25", "Body.\n")
}

/// No file under the output holds the secret.
fn leaks(site: &TestSite) -> Vec<String> {
    let out = site.root().join("public");
    if !out.exists() {
        return Vec::new();
    }
    crate::harness::tree(&out)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(SECRET))
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn a_link_in_static_to_a_file_outside_the_site_is_refused() {
    let (_dir, secret) = outside();
    let site = notice_site();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    symlink(&secret, site.root().join("static/passwd.txt")).unwrap();
    let err = site.build().err();
    assert!(err.contains("static/passwd.txt: this link leads out of static/"), "{err}");
    assert!(leaks(&site).is_empty());
    // A folder of static files linked from elsewhere is refused too.
    std::fs::remove_file(site.root().join("static/passwd.txt")).unwrap();
    symlink(secret.parent().unwrap(), site.root().join("static/etc")).unwrap();
    let err = site.build().err();
    assert!(err.contains("static/etc: this link leads out of static/"), "{err}");
    assert!(leaks(&site).is_empty());
}

#[test]
fn a_link_in_static_to_the_sites_own_files_is_refused_and_one_inside_static_is_followed() {
    let site = notice_site().file("static/css/site.css", "body{}").file(".git/config", SECRET);
    symlink("../site.toml", site.root().join("static/site.toml")).unwrap();
    let err = site.build().err();
    assert!(err.contains("static/site.toml: this link leads out of static/"), "{err}");
    std::fs::remove_file(site.root().join("static/site.toml")).unwrap();
    symlink("../.git/config", site.root().join("static/config.txt")).unwrap();
    let err = site.build().err();
    assert!(err.contains("static/config.txt: this link leads out of static/"), "{err}");
    assert!(leaks(&site).is_empty());
    std::fs::remove_file(site.root().join("static/config.txt")).unwrap();
    symlink("css/site.css", site.root().join("static/style2.css")).unwrap();
    let built = site.build().ok();
    assert_eq!(built.tree().get("style2.css").map(Vec::as_slice), Some(&b"body{}"[..]));
}

#[test]
fn a_link_in_a_themes_static_folder_to_a_file_outside_it_is_refused() {
    let (_dir, secret) = outside();
    let site = notice_site().config("theme = \"plain\"\n");
    gazette::theme::write_builtin(&site.root().join("themes/plain")).unwrap();
    symlink(&secret, site.root().join("themes/plain/static/passwd.txt")).unwrap();
    let err = site.build().err();
    assert!(err.contains("themes/plain/static/passwd.txt: this link leads out of themes/plain/static/"), "{err}");
    assert!(leaks(&site).is_empty());
}

#[test]
fn a_shortcode_linked_to_a_file_outside_the_site_is_refused() {
    let (_dir, secret) = outside();
    let site = TestSite::new().notice("news/a.md", "title = \"Hello\"\ndate = 2021-01-25", "{{ leak() }}\n");
    std::fs::create_dir_all(site.root().join("templates/shortcodes")).unwrap();
    symlink(&secret, site.root().join("templates/shortcodes/leak.html")).unwrap();
    let err = site.build().err();
    assert!(err.contains("templates/shortcodes/leak.html: this link leads out of templates/"), "{err}");
    assert!(leaks(&site).is_empty());
}

fn attach(path: &str) -> String {
    format!("title = \"Hello\"\ndate = 2021-01-25\n\n[[attachments]]\npath = \"{path}\"\ntitle = \"Document\"")
}

#[test]
fn attachments_linked_to_the_sites_own_files_are_refused() {
    for (target, file) in [
        ("../../site.toml", "site.txt"),
        ("../../.git/config", "config.txt"),
        ("../../.gazette/cache/markdown", "cache.txt"),
        ("../../notes.txt", "notes.txt"),
    ] {
        let site = TestSite::new()
            .notice("news/a.md", &attach(file), "Body.\n")
            .file(".git/config", &format!("[remote]\nurl = https://token:{SECRET}@example.gov/x.git\n"))
            .file(".gazette/cache/markdown", SECRET)
            .file("notes.txt", SECRET);
        symlink(target, site.root().join("content/news").join(file)).unwrap();
        let err = site.build().err();
        assert!(err.contains(&format!("content/news/a.md:6:8: the attachment `{file}` is a link to")), "{err}");
        assert!(err.contains("outside content/"), "{err}");
        assert!(leaks(&site).is_empty(), "{target}");
    }
}

#[test]
fn attachments_in_the_repositorys_folder_inside_content_are_refused() {
    let site = TestSite::new().notice("a.md", &attach(".git/config"), "Body.\n").file("content/.git/config", SECRET);
    let err = site.build().err();
    assert!(err.contains("the attachment `.git/config` is in a `.git` folder"), "{err}");
    let site =
        TestSite::new().notice("news/a.md", &attach("config.txt"), "Body.\n").file("content/.git/config", SECRET);
    symlink("../.git/config", site.root().join("content/news/config.txt")).unwrap();
    let err = site.build().err();
    assert!(err.contains("the attachment `config.txt` is a link to"), "{err}");
    assert!(leaks(&site).is_empty());
}

#[test]
fn an_attachment_linked_to_another_file_in_content_is_published() {
    let site =
        TestSite::new().notice("news/a.md", &attach("doc.txt"), "Body.\n").file("content/shared/doc.txt", "Doc.");
    symlink("../shared/doc.txt", site.root().join("content/news/doc.txt")).unwrap();
    let built = site.build().ok();
    assert_eq!(built.tree().get("news/hello/doc.txt").map(Vec::as_slice), Some(&b"Doc."[..]));
}

#[test]
fn images_linked_out_of_content_are_errors_at_the_image() {
    let (_dir, secret) = outside();
    let site = TestSite::new()
        .notice("news/a.md", "title = \"Hello\"\ndate = 2021-01-25", "Text.\n\nSee ![Chart](chart.svg) here.\n")
        .file(".gazette/cache/chart.svg", SECRET);
    symlink("../../.gazette/cache/chart.svg", site.root().join("content/news/chart.svg")).unwrap();
    let err = site.build().err();
    assert!(err.contains("content/news/a.md:7:5: the image `chart.svg` is a link to"), "{err}");
    assert!(err.contains("outside content/"), "{err}");
    assert!(leaks(&site).is_empty());
    std::fs::remove_file(site.root().join("content/news/chart.svg")).unwrap();
    symlink(&secret, site.root().join("content/news/chart.svg")).unwrap();
    let err = site.build().err();
    assert!(err.contains("content/news/a.md:7:5: the image `chart.svg` is a link to"), "{err}");
    assert!(leaks(&site).is_empty());
}

const SVG_SCRIPT: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"1\" height=\"1\"/>\n<script>alert(document.cookie)</script>\n</svg>\n";
const SVG_ONLOAD: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>";
const SVG_CLEAN: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\
<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\"/><use xlink:href=\"#g\"/></svg>";

#[test]
fn an_attached_svg_with_script_is_refused_at_its_entry() {
    let site =
        TestSite::new().notice("news/a.md", &attach("chart.svg"), "Body.\n").file("content/news/chart.svg", SVG_SCRIPT);
    let err = site.build().err();
    assert!(
        err.contains("content/news/a.md:6:8: the SVG file `chart.svg` has a <script> element (line 3 of the file)"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
    assert!(!site.root().join("public").exists());
}

#[test]
fn an_svg_image_with_an_event_handler_is_refused_at_the_image() {
    let site = TestSite::new()
        .notice("news/a.md", "title = \"Hello\"\ndate = 2021-01-25", "Text.\n\nSee ![Chart](chart.svg) here.\n")
        .file("content/news/chart.svg", SVG_ONLOAD);
    let err = site.build().err();
    assert!(
        err.contains(
            "content/news/a.md:7:5: the SVG file `chart.svg` has an event handler `onload` (line 1 of the file)"
        ),
        "{err}"
    );
}

#[test]
fn a_clean_svg_is_published() {
    let site = TestSite::new()
        .notice("news/a.md", &attach("logo.svg"), "![Chart](chart.svg)\n")
        .file("content/news/logo.svg", SVG_CLEAN)
        .file("content/news/chart.svg", SVG_CLEAN);
    let built = site.build().ok();
    let tree = built.tree();
    assert_eq!(tree.get("news/hello/logo.svg").map(Vec::as_slice), Some(SVG_CLEAN.as_bytes()));
    assert_eq!(tree.get("news/hello/chart.svg").map(Vec::as_slice), Some(SVG_CLEAN.as_bytes()));
}

/// Files are copied only from paths without links, so a site reached through a link (its
/// `--root`) must still build, photos' smaller copies (from the cache) included.
#[test]
fn a_site_reached_through_a_link_builds_with_its_photos() {
    let site = TestSite::new()
        .config("[images]\nwidths = [20]\n")
        .notice("news/a.md", "title = \"Hello\"\ndate = 2021-01-25", "![Hall](hall.jpg)\n")
        .file("static/css/a.css", "a{}");
    site.write_bytes("content/news/hall.jpg", &crate::harness::photo(40, 30, image::ImageFormat::Jpeg));
    let links = tempfile::tempdir().unwrap();
    let root = links.path().join("site");
    symlink(site.root(), &root).unwrap();
    for _ in 0..2 {
        let output = links.path().join("out");
        gazette::run(["gazette", "build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()])
            .unwrap();
        let tree = crate::harness::tree(&output);
        assert!(tree.contains_key("news/hello/hall.jpg") && tree.contains_key("css/a.css"), "{:?}", tree.keys());
        assert_eq!(tree.keys().filter(|k| k.starts_with("news/hello/hall-")).count(), 1, "{:?}", tree.keys());
    }
}
