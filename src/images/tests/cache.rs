//! The cache: copies found again without resizing, made again when damaged or changed, the
//! same bytes every time, and a cache that cannot be written never in the way.

use image::GenericImageView;

use super::*;

#[test]
fn copies_are_found_in_the_cache_without_resizing_again() {
    let site = Site::new();
    site.write("p.jpg", &encoded(&picture(1200, 900), ImageFormat::Jpeg));
    let photos = site.photos(&[480, 960]);
    let first = site.process(&photos, "p.jpg").unwrap();
    assert_eq!(photos.resized(), 1);
    let Content::Cached(copy) = &first.files[0].1 else { panic!("not cached: {first:?}") };
    let written = std::fs::metadata(copy).unwrap().modified().unwrap();

    assert_eq!(site.process(&photos, "p.jpg").unwrap(), first);
    assert_eq!(photos.resized(), 1);
    // A later build, with a new `Photos`.
    let later = site.photos(&[480, 960]);
    assert_eq!(site.process(&later, "p.jpg").unwrap(), first);
    assert_eq!(later.resized(), 0);
    assert_eq!(std::fs::metadata(copy).unwrap().modified().unwrap(), written);

    // Other settings are other copies.
    let wider = site.photos(&[480, 1000]);
    let other = site.process(&wider, "p.jpg").unwrap();
    assert_eq!(wider.resized(), 1);
    assert_eq!(decoded_copies(&other), [(ImageFormat::Jpeg, 480, 360), (ImageFormat::Jpeg, 1000, 750)]);
}

#[test]
fn a_changed_photo_is_resized_again() {
    let site = Site::new();
    let photos = site.photos(&[480]);
    site.write("p.jpg", &encoded(&picture(1200, 900), ImageFormat::Jpeg));
    let before = site.process(&photos, "p.jpg").unwrap();
    site.write("p.jpg", &encoded(&picture(1000, 1000), ImageFormat::Jpeg));
    let after = site.process(&photos, "p.jpg").unwrap();
    assert_eq!(photos.resized(), 2);
    assert_eq!(decoded_copies(&before), [(ImageFormat::Jpeg, 480, 360)]);
    assert_eq!(decoded_copies(&after), [(ImageFormat::Jpeg, 480, 480)]);
    assert_ne!(before.files[0].1, after.files[0].1);
}

#[test]
fn damaged_or_missing_cache_files_are_made_again() {
    let site = Site::new();
    site.write("p.png", &encoded(&picture(800, 600), ImageFormat::Png));
    let first = site.process(&site.photos(&[480]), "p.png").unwrap();
    let cached = site.cached();
    assert_eq!(cached.len(), 2, "{cached:?}");
    let entry = site.cache().join(cached.iter().find(|n| n.ends_with(".photo")).unwrap());
    let copy = site.cache().join(cached.iter().find(|n| n.ends_with("-480.png")).unwrap());

    for what in ["garbage entry", "empty entry", "entry removed", "copy removed"] {
        match what {
            "garbage entry" => std::fs::write(&entry, b"\x00\xffnot an entry").unwrap(),
            "empty entry" => std::fs::write(&entry, b"").unwrap(),
            "entry removed" => std::fs::remove_file(&entry).unwrap(),
            _ => std::fs::remove_file(&copy).unwrap(),
        }
        let photos = site.photos(&[480]);
        assert_eq!(site.process(&photos, "p.png").unwrap(), first, "{what}");
        assert_eq!(photos.resized(), 1, "{what}");
        assert_eq!(site.cached(), cached, "{what}");
        // Whole again: the next build finds it.
        let photos = site.photos(&[480]);
        site.process(&photos, "p.png").unwrap();
        assert_eq!(photos.resized(), 0, "{what}");
    }
}

#[test]
fn a_cache_that_cannot_be_written_keeps_the_copies_in_memory() {
    let site = Site::new();
    site.write("p.jpg", &encoded(&picture(1000, 500), ImageFormat::Jpeg));
    // A file where the cache's folder should be.
    std::fs::create_dir_all(site.cache().parent().unwrap()).unwrap();
    std::fs::write(site.cache(), b"").unwrap();
    let processed = site.process(&site.photos(&[480]), "p.jpg").unwrap();
    assert!(matches!(processed.files[0].1, Content::Bytes(_)), "{:?}", processed.files[0].0);
    assert_eq!(decoded_copies(&processed), [(ImageFormat::Jpeg, 480, 240)]);
    let out = site.dir.path().join("out.jpg");
    processed.files[0].1.write_to(&out).unwrap();
    assert_eq!(image::open(&out).unwrap().dimensions(), (480, 240));
}

#[test]
fn copies_are_the_same_bytes_every_time() {
    for (name, format) in [("p.jpg", ImageFormat::Jpeg), ("p.png", ImageFormat::Png)] {
        let bytes = encoded(&picture(1100, 700), format);
        let runs: Vec<Vec<Vec<u8>>> = (0..2)
            .map(|_| {
                let site = Site::new();
                site.write(name, &bytes);
                let processed = site.process(&site.photos(&[300, 600]), name).unwrap();
                processed.files.iter().map(|(_, c)| c.bytes().unwrap().into_owned()).collect()
            })
            .collect();
        assert_eq!(runs[0].len(), 2);
        assert!(runs[0] == runs[1], "{name}: two runs wrote different bytes");
    }
}

#[test]
fn photos_are_processed_on_many_threads_at_once() {
    use rayon::prelude::*;
    let site = Site::new();
    site.write("p.jpg", &encoded(&picture(1000, 800), ImageFormat::Jpeg));
    let photos = site.photos(&[240, 480]);
    let all: Vec<Processed> = (0..8).into_par_iter().map(|_| site.process(&photos, "p.jpg").unwrap()).collect();
    assert!(all.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(decoded_copies(&all[0]), [(ImageFormat::Jpeg, 240, 192), (ImageFormat::Jpeg, 480, 384)]);
    // No temporary file left behind.
    assert_eq!(site.cached().len(), 3, "{:?}", site.cached());
}

#[test]
fn forgetting_others_keeps_only_the_photos_processed() {
    let site = Site::new();
    site.write("a.jpg", &encoded(&picture(900, 600), ImageFormat::Jpeg));
    site.write("b.png", &encoded(&picture(900, 600), ImageFormat::Png));
    let photos = site.photos(&[480]);
    site.process(&photos, "a.jpg").unwrap();
    site.process(&photos, "b.png").unwrap();
    std::fs::write(site.cache().join(".0123456789abcdef-480.jpg.1-1.tmp"), b"half").unwrap();
    std::fs::write(site.cache().join("README"), b"not ours").unwrap();
    assert_eq!(site.cached().len(), 6);

    let later = site.photos(&[480]);
    site.process(&later, "b.png").unwrap();
    later.forget_others().unwrap();
    let left = site.cached();
    assert_eq!(left.len(), 3, "{left:?}");
    assert!(left.iter().any(|n| n.ends_with("-480.png")) && left.contains(&"README".to_owned()), "{left:?}");
    site.process(&later, "b.png").unwrap();
    assert_eq!(later.resized(), 0);
}
