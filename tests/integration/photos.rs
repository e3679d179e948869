//! Photos in notices: alt text required by the build, and (with the `image` crate) resized
//! copies with `srcset`, width and height.

use crate::harness::{TestSite, photo};

#[test]
fn an_image_without_alt_text_stops_the_build_and_check_lists_it() {
    let site = TestSite::new().notice(
        "news/fair.md",
        "title = \"Job fair\"\ndate = 2026-03-01",
        "The fair opened.\n\n![](/images/fair.jpg)\n\n{{ figure(src=\"/images/hall.jpg\", decorative=true) }}\n",
    );
    let e = site.build().err();
    assert!(e.contains("content/news/fair.md:7:1: the image /images/fair.jpg has no alt text"), "{e}");
    assert!(e.contains("![Minister at the podium](photo.jpg)"), "{e}");
    // The decorative figure is accepted: it says on purpose that it has nothing to describe.
    assert!(!e.contains("hall.jpg"), "{e}");
    let run = site.run_binary(&["check"]);
    assert!(run.stdout.contains("content/news/fair.md:7:1: the image /images/fair.jpg has no alt text"), "{run:?}");
    site.write(
        "content/news/fair.md",
        "+++\ntitle = \"Job fair\"\ndate = 2026-03-01\n+++\nThe fair opened.\n\n![Visitors at the fair](/images/fair.jpg)\n",
    );
    site.build().ok().page("/news/job-fair/").has("alt=\"Visitors at the fair\"");
}

fn size_of(path: &std::path::Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn photo_site() -> TestSite {
    let site = TestSite::new().notice(
        "news/fair.md",
        "title = \"Job fair\"\ndate = 2026-03-01",
        "The fair opened.\n\n![Visitors in the hall](hall.jpg)\n\n\
         {{ figure(src=\"portrait.png\", alt=\"The director\", caption=\"The director opens the fair.\", credit=\"Photo: Li Yang\") }}\n",
    );
    site.write_bytes("content/news/hall.jpg", &photo(2000, 1000, image::ImageFormat::Jpeg));
    site.write_bytes("content/news/portrait.png", &photo(600, 800, image::ImageFormat::Png));
    site
}

const SIZES: &str = "sizes=\"(min-width: 44rem) 42rem, 100vw\"";

#[test]
fn photos_get_smaller_copies_a_srcset_and_their_size() {
    let b = photo_site().build().ok();
    let out = b.output.join("news/job-fair");
    assert_eq!(size_of(&out.join("hall.jpg")), (2000, 1000));
    for (file, size) in [("hall-480w.jpg", (480, 240)), ("hall-960w.jpg", (960, 480)), ("hall-1600w.jpg", (1600, 800))]
    {
        assert_eq!(size_of(&out.join(file)), size, "{file}");
    }
    // Never wider than the original: the 600-pixel portrait has only a 480 copy.
    assert_eq!(size_of(&out.join("portrait-480w.png")), (480, 640));
    assert!(!out.join("portrait-960w.png").exists());
    let page = b.page("/news/job-fair/");
    page.has(&format!(
        "<img src=\"hall.jpg\" alt=\"Visitors in the hall\" width=\"2000\" height=\"1000\" \
         srcset=\"hall-480w.jpg 480w, hall-960w.jpg 960w, hall-1600w.jpg 1600w, hall.jpg 2000w\" {SIZES} \
         loading=\"lazy\" decoding=\"async\" />"
    ))
    .has(&format!(
        "<img src=\"portrait.png\" alt=\"The director\" loading=\"lazy\" width=\"600\" height=\"800\" \
         srcset=\"portrait-480w.png 480w, portrait.png 600w\" {SIZES} decoding=\"async\">"
    ))
    .has("<figcaption>The director opens the fair. <span class=\"figure-credit\">Photo: Li Yang</span></figcaption>");
    // The structured data names the photos, with the figure's caption and credit.
    let json = page.element("script", "application/ld+json");
    let article: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        article["image"],
        serde_json::json!([
            {"@type": "ImageObject", "url": "https://news.example.gov/news/job-fair/hall.jpg",
             "caption": "Visitors in the hall", "width": 2000, "height": 1000},
            {"@type": "ImageObject", "url": "https://news.example.gov/news/job-fair/portrait.png",
             "caption": "The director opens the fair.", "creditText": "Photo: Li Yang", "width": 600, "height": 800},
        ])
    );
    // Feeds carry the sized body too.
    b.page("/atom.xml").has("hall-480w.jpg 480w");
}

#[test]
fn the_widths_of_the_copies_come_from_site_toml() {
    let b = photo_site()
        .config("[images]\nwidths = [800]\nquality = 60\nsizes = \"(min-width: 60rem) 50vw, 100vw\"\n")
        .build()
        .ok();
    let out = b.output.join("news/job-fair");
    assert_eq!(size_of(&out.join("hall-800w.jpg")), (800, 400));
    assert!(!out.join("hall-480w.jpg").exists());
    b.page("/news/job-fair/")
        .has("srcset=\"hall-800w.jpg 800w, hall.jpg 2000w\" sizes=\"(min-width: 60rem) 50vw, 100vw\"")
        .lacks("portrait-");
    let b = photo_site().config("[images]\nwidths = []\n").build().ok();
    b.page("/news/job-fair/").has("width=\"2000\" height=\"1000\"").lacks("srcset");
    let e = photo_site().config("[images]\nwidths = [480, 20000]\n").build().err();
    assert!(e.contains("site.toml:7:10: `images.widths`: 20000 is not a width between 16 and 8192 pixels"), "{e}");
    let e = photo_site().config("[images]\nsizes = \" \"\n").build().err();
    assert!(e.contains("site.toml:7:9: `images.sizes` is empty"), "{e}");
}

#[test]
fn resized_copies_are_kept_in_the_cache_and_reused() {
    let site = photo_site();
    let cache = site.root().join(".gazette/cache/images");
    let first = site.run_binary(&["build"]);
    assert_eq!(first.code, Some(0), "{first:?}");
    let copies: Vec<_> = std::fs::read_dir(&cache).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(copies.iter().any(|p| p.to_string_lossy().ends_with("-480.jpg")), "{copies:?}");
    let stamps = |paths: &[std::path::PathBuf]| -> Vec<_> {
        paths.iter().map(|p| std::fs::metadata(p).unwrap().modified().unwrap()).collect()
    };
    let before = stamps(&copies);
    let tree = crate::harness::tree(&site.root().join("public"));
    let second = site.run_binary(&["build", "--no-cache"]);
    assert_eq!(second.code, Some(0), "{second:?}");
    // Without the cache the photos are resized again, to the same bytes.
    assert_eq!(crate::harness::tree_difference(&tree, &crate::harness::tree(&site.root().join("public"))), None);
    let third = site.run_binary(&["build"]);
    assert_eq!(third.code, Some(0), "{third:?}");
    assert_eq!(stamps(&copies), before, "the cache's copies were written again");
    // A photo no notice shows any more leaves the cache with the next build.
    site.write("content/news/fair.md", "+++\ntitle = \"Job fair\"\ndate = 2026-03-01\n+++\nNo photos.\n");
    assert_eq!(site.run_binary(&["build"]).code, Some(0));
    assert!(copies.iter().all(|p| !p.exists()), "{copies:?}");
}

#[test]
fn a_photo_that_cannot_be_read_stops_the_build() {
    let site = photo_site();
    site.write("content/news/hall.jpg", "this is not a photo");
    let e = site.build().err();
    assert!(e.contains("content/news/hall.jpg: the image could not be read"), "{e}");
    let run = site.run_binary(&["check"]);
    assert!(run.stdout.contains("error: content/news/hall.jpg: the image could not be read"), "{run:?}");
}

#[test]
fn check_measures_photos_and_writes_nothing() {
    let site = photo_site();
    let run = site.run_binary(&["check"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(!site.root().join(".gazette").exists() && !site.root().join("public").exists());
}

#[test]
fn a_replaced_photo_is_measured_again_by_serve_and_watch() {
    use gazette::project::Project;
    let site = photo_site();
    let root = site.root().to_path_buf();
    let mut project = Project::new(crate::harness::options(&root)).unwrap();
    project.build(false).unwrap();
    let layout = gazette::watch::Layout { root: root.clone(), output: root.join("public"), theme: "bureau".into() };
    let hall = root.join("content/news/hall.jpg");
    site.write_bytes("content/news/hall.jpg", &photo(1000, 1000, image::ImageFormat::Jpeg));
    project.rebuild(&layout.change([hall.as_path()])).unwrap();
    let built = site.built_at(root.join("public"));
    built.page("/news/job-fair/").has("width=\"1000\" height=\"1000\"").has("hall-960w.jpg 960w, hall.jpg 1000w");
    assert!(!root.join("public/news/job-fair/hall-1600w.jpg").exists());
    assert_eq!(size_of(&root.join("public/news/job-fair/hall-960w.jpg")), (960, 960));
}

#[test]
fn a_photo_above_the_text_is_not_the_summary() {
    let site = TestSite::new().notice(
        "news/fair.md",
        "title = \"Job fair\"\ndate = 2026-03-01",
        "{{ figure(src=\"hall.jpg\", alt=\"The hall\", caption=\"The hall.\") }}\n\n![The stands](stands.jpg)\n\nThe fair opened on Monday.\n",
    );
    site.write_bytes("content/news/hall.jpg", &photo(64, 48, image::ImageFormat::Jpeg));
    site.write_bytes("content/news/stands.jpg", &photo(64, 48, image::ImageFormat::Jpeg));
    site.build().ok().page("/news/job-fair/").has("<meta name=\"description\" content=\"The fair opened on Monday.\">");
}
