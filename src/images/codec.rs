//! Pixels in and out: reading an image's size and orientation, decoding it, and encoding its
//! smaller copies.

use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{ColorType, DynamicImage, ImageDecoder, ImageEncoder, ImageError, ImageFormat, ImageReader};

use crate::Diagnostic;

/// The most pixels Gazette decodes. A few kilobytes of PNG or JPEG can claim billions of pixels
/// (a decompression bomb) and would take all the machine's memory; no photo on a web page
/// needs more than 100 megapixels.
pub const MAX_PIXELS: u64 = 100_000_000;

/// The formats Gazette writes copies in; the original's file name says which, so that the copy
/// is served with the same type as its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Jpeg,
    Png,
}

impl Kind {
    /// The kind of copies made of the file `rel`, by its extension; `None` for files not resized.
    pub(super) fn of(rel: &str) -> Option<Kind> {
        match super::extension(rel)?.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(Kind::Jpeg),
            "png" => Some(Kind::Png),
            _ => None,
        }
    }

    /// The extension of copies in the cache.
    pub(super) fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }
}

/// A decoder for `bytes`, in the format their content says rather than the file's extension:
/// a PNG saved as `.jpg` is still a readable image.
fn decoder<'a>(bytes: &'a [u8], shown: &Path) -> Result<impl ImageDecoder + 'a, Diagnostic> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(shown, &crate::fs::io_reason(&e)))?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP) => {}
        Some(other) => {
            return Err(unreadable(
                shown,
                &format!(
                    "it is a {} file, and Gazette reads JPEG, PNG, GIF and WebP",
                    format!("{other:?}").to_uppercase()
                ),
            ));
        }
        None => return Err(unreadable(shown, "it is not a JPEG, PNG, GIF or WebP file")),
    }
    reader.into_decoder().map_err(|e| image_error(shown, &e))
}

/// The orientation the image is displayed in. Browsers apply it too, so the width and height
/// written into pages must be the turned ones. A damaged EXIF block is not worth refusing a
/// photo for: it is then shown as stored.
fn orientation(decoder: &mut impl ImageDecoder) -> Orientation {
    decoder.orientation().unwrap_or(Orientation::NoTransforms)
}

/// The size `width` × `height` has when displayed turned by `orientation`.
fn displayed((width, height): (u32, u32), orientation: Orientation) -> (u32, u32) {
    use Orientation::*;
    match orientation {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => (height, width),
        NoTransforms | Rotate180 | FlipHorizontal | FlipVertical => (width, height),
    }
}

/// The displayed width and height of the image in `bytes`, from its header only.
pub(super) fn measure(bytes: &[u8], shown: &Path) -> Result<(u32, u32), Diagnostic> {
    let mut decoder = decoder(bytes, shown)?;
    let orientation = orientation(&mut decoder);
    Ok(displayed(decoder.dimensions(), orientation))
}

/// The image in `bytes`, turned as it is displayed, and its ICC colour profile: phones save
/// photos in wider colour spaces (Display P3) that look dull when read as sRGB.
pub(super) fn decode(bytes: &[u8], shown: &Path) -> Result<(DynamicImage, Option<Vec<u8>>), Diagnostic> {
    let mut decoder = decoder(bytes, shown)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(too_large(shown, width, height));
    }
    let orientation = orientation(&mut decoder);
    let icc = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| image_error(shown, &e))?;
    image.apply_orientation(orientation);
    let icc = icc.filter(|icc| fits(icc, image.color()));
    Ok((image, icc))
}

/// Whether the ICC profile `icc` describes pixels of colour type `color`. A CMYK JPEG is
/// decoded to RGB, and its CMYK profile would tell browsers to read the copy's RGB as CMYK.
fn fits(icc: &[u8], color: ColorType) -> bool {
    let space = icc.get(16..20);
    if color.has_color() { space == Some(b"RGB ") } else { space == Some(b"GRAY") }
}

/// The filter copies are made with: shrinking photos, it looks as sharp as Lanczos3 with less
/// ringing at edges, and its narrower support takes a quarter less time.
const FILTER: FilterType = FilterType::CatmullRom;

/// The encoded copies of `image` at `sizes` (ascending), in that order.
///
/// Each copy is made from the next larger one rather than from the original: the filter's
/// cost grows with the size of its input, so this takes half the time for a camera's photo,
/// and the default widths step by less than 2, where filtering twice costs next to no sharpness.
pub(super) fn copies(
    image: &DynamicImage,
    sizes: &[(u32, u32)],
    kind: Kind,
    quality: u8,
    icc: Option<&[u8]>,
    shown: &Path,
) -> Result<Vec<Vec<u8>>, Diagnostic> {
    let color = image.color();
    // Filtering straight colours mixes the colour of invisible pixels (often black) into the
    // edges of visible ones, a dark fringe around a cut-out logo: filter colours weighed by
    // their opacity instead.
    let premultiplied = color.has_alpha().then(|| premultiply(image));
    let mut larger = premultiplied.as_ref().unwrap_or(image);
    let mut held;
    let mut encoded = Vec::with_capacity(sizes.len());
    for &(width, height) in sizes.iter().rev() {
        held = larger.resize_exact(width, height, FILTER);
        larger = &held;
        let bytes = match premultiplied {
            Some(_) => encode(&unpremultiply(held.clone(), color), kind, quality, icc),
            None => encode(&held, kind, quality, icc),
        };
        encoded.push(bytes.map_err(|e| image_error(shown, &e))?);
    }
    encoded.reverse();
    Ok(encoded)
}

/// `image` with its colours weighed by opacity, in 16 bits a channel: enough precision for
/// faint pixels of 8-bit images, at half the memory of floats.
fn premultiply(image: &DynamicImage) -> DynamicImage {
    let mut pixels = image.to_rgba16();
    for p in pixels.pixels_mut() {
        let a = u32::from(p[3]);
        let weigh = |c: u16| ((u32::from(c) * a + 32_767) / 65_535) as u16;
        p.0 = [weigh(p[0]), weigh(p[1]), weigh(p[2]), p[3]];
    }
    DynamicImage::ImageRgba16(pixels)
}

/// Straight colours again, in the original's colour type.
fn unpremultiply(image: DynamicImage, color: ColorType) -> DynamicImage {
    let mut pixels = image.into_rgba16();
    for p in pixels.pixels_mut() {
        let a = u32::from(p[3]);
        // The filter overshoots a little near sharp edges: a colour may come out brighter than
        // its opacity allows, and an invisible pixel has no colour to recover.
        let unweigh = |c: u16| ((u32::from(c) * 65_535 + a / 2).checked_div(a).unwrap_or(0)).min(65_535) as u16;
        p.0 = [unweigh(p[0]), unweigh(p[1]), unweigh(p[2]), p[3]];
    }
    let image = DynamicImage::ImageRgba16(pixels);
    match color {
        ColorType::La8 => image.into_luma_alpha8().into(),
        ColorType::La16 => image.into_luma_alpha16().into(),
        ColorType::Rgba16 => image,
        _ => image.into_rgba8().into(),
    }
}

/// Encodes `image`: without EXIF, so no GPS position or camera serial number is published
/// with a copy, but with the original's colour profile.
fn encode(image: &DynamicImage, kind: Kind, quality: u8, icc: Option<&[u8]>) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    match kind {
        Kind::Jpeg => {
            let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
            if let Some(icc) = icc {
                // Both encoders carry a profile: this cannot fail.
                let _ = encoder.set_icc_profile(icc.to_vec());
            }
            image.write_with_encoder(encoder)?;
        }
        Kind::Png => {
            let mut encoder = PngEncoder::new(&mut out);
            if let Some(icc) = icc {
                let _ = encoder.set_icc_profile(icc.to_vec());
            }
            image.write_with_encoder(encoder)?;
        }
    }
    Ok(out)
}

fn unreadable(shown: &Path, reason: &str) -> Diagnostic {
    Diagnostic::file(shown, format!("the image could not be read: {reason}"))
        .with_hint("open it in an image editor and save it again as JPEG or PNG")
}

fn too_large(shown: &Path, width: u32, height: u32) -> Diagnostic {
    Diagnostic::file(
        shown,
        format!(
            "the image is {width} × {height} pixels, more than the {} megapixels Gazette reads",
            MAX_PIXELS / 1_000_000
        ),
    )
    .with_hint("make it smaller in an image editor: 4000 pixels wide is plenty for any screen")
}

fn image_error(shown: &Path, err: &ImageError) -> Diagnostic {
    match err {
        // The decoder's own memory limit, for images under MAX_PIXELS with many bytes a pixel.
        ImageError::Limits(_) => Diagnostic::file(shown, format!("the image is too large to read: {err}"))
            .with_hint("make it smaller in an image editor: 4000 pixels wide is plenty for any screen"),
        _ => unreadable(shown, &err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turned_sizes_swap_width_and_height() {
        use Orientation::*;
        for (orientation, want) in [
            (NoTransforms, (4, 3)),
            (Rotate90, (3, 4)),
            (Rotate180, (4, 3)),
            (Rotate270, (3, 4)),
            (FlipHorizontal, (4, 3)),
            (FlipVertical, (4, 3)),
            (Rotate90FlipH, (3, 4)),
            (Rotate270FlipH, (3, 4)),
        ] {
            assert_eq!(displayed((4, 3), orientation), want, "{orientation:?}");
        }
    }

    #[test]
    fn profiles_are_kept_for_their_colour_space_only() {
        let profile = |space: &[u8; 4]| [&[0u8; 16][..], space, &[0; 108]].concat();
        for (space, color, want) in [
            (b"RGB ", ColorType::Rgb8, true),
            (b"RGB ", ColorType::Rgba16, true),
            (b"GRAY", ColorType::L8, true),
            (b"GRAY", ColorType::Rgb8, false),
            (b"RGB ", ColorType::La8, false),
            (b"CMYK", ColorType::Rgb8, false),
        ] {
            assert_eq!(fits(&profile(space), color), want, "{space:?} {color:?}");
        }
        assert!(!fits(b"short", ColorType::Rgb8));
    }

    #[test]
    fn kinds_follow_the_extension() {
        for (rel, want) in [
            ("a/p.jpg", Some(Kind::Jpeg)),
            ("p.JPEG", Some(Kind::Jpeg)),
            ("p.Png", Some(Kind::Png)),
            ("p.gif", None),
            ("p.webp", None),
            ("p.svg", None),
            ("jpg", None),
            ("a.jpg/p", None),
        ] {
            assert_eq!(Kind::of(rel), want, "{rel}");
        }
    }
}
