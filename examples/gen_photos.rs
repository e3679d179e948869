//! Writes a small Gazette site whose notices each carry a camera-sized photo, for measuring
//! the photo pipeline: `cargo run --release --example gen_photos -- N DIR`.
//!
//! N notices under `DIR/content/news/`, each with a 4000 × 3000 JPEG beside it (a smooth
//! pattern with noise, so that it compresses like a photo, about 2 MB at quality 90). The
//! same N gives the same files.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse::<u32>().ok()), args.get(1)) else {
        eprintln!("usage: gen_photos N DIR");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let news = dir.join("content/news");
    std::fs::create_dir_all(&news).expect("create content/news");
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Photo Bureau\"\nbase_url = \"https://photos.example.gov\"\nsearch = false\nfeed_formats = []\n",
    )
    .expect("write site.toml");
    for i in 0..n {
        let mut state = 0x9E37_79B9_u32.wrapping_mul(i + 1);
        let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let noise = (state % 24) as u8;
            image::Rgb([
                (x / 16 % 200) as u8 + noise,
                (y / 12 % 200) as u8 + noise,
                ((x + y + i * 40) / 24 % 200) as u8,
            ])
        });
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90).encode_image(&img).expect("encode");
        std::fs::write(news.join(format!("photo-{i:03}.jpg")), bytes).expect("write photo");
        let notice = format!(
            "+++\ntitle = \"Photo notice {i}\"\ndate = 2026-01-{:02}\n+++\n![The hall, view {i}](photo-{i:03}.jpg)\n\nText of notice {i}.\n",
            i % 28 + 1
        );
        std::fs::write(news.join(format!("notice-{i:03}.md")), notice).expect("write notice");
    }
}
