//! Photos in a notice's HTML: each `<img>` of a photo published beside the notice gets its
//! width and height, so that the page does not jump as it loads, and, when Gazette made
//! smaller copies of it, a `srcset` that lets a phone download a copy its screen can show.

use crate::images::{Photo, variant_file};

/// `html` with each `<img>` whose `src` `photo_of` knows given its size and copies; `None`
/// when no image changed. An image that already has a `width` or a `srcset` (written by
/// hand, or by a shortcode) is left as it is.
/// `sizes` is how wide the theme shows photos (`[images] sizes`): browsers pick the copy from it.
pub fn sized<'a>(html: &str, sizes: &str, photo_of: impl Fn(&str) -> Option<&'a Photo>) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = html[from..].find("<img ") {
        let start = from + found;
        let Some(length) = html[start..].find('>') else { break };
        let end = start + length;
        from = end + 1;
        let tag = &html[start..end];
        if attribute(tag, "width").is_some() || attribute(tag, "srcset").is_some() {
            continue;
        }
        let Some(src) = attribute(tag, "src").filter(|s| !s.contains(['?', '#'])) else { continue };
        let Some(photo) = photo_of(&src.replace("&amp;", "&")) else { continue };
        let mut added = format!(" width=\"{}\" height=\"{}\"", photo.width, photo.height);
        if !photo.variants.is_empty() {
            let mut set: Vec<String> =
                photo.variants.iter().map(|v| format!("{} {}w", variant_file(src, v.width), v.width)).collect();
            set.push(format!("{src} {}w", photo.width));
            added.push_str(&format!(" srcset=\"{}\" sizes=\"", set.join(", ")));
            crate::xml::escape_into(&mut added, sizes);
            added.push('"');
        }
        if attribute(tag, "loading").is_none() {
            added.push_str(" loading=\"lazy\"");
        }
        if attribute(tag, "decoding").is_none() {
            added.push_str(" decoding=\"async\"");
        }
        let at = if tag.ends_with('/') { end - 1 } else { end };
        let at = html[..at].trim_end().len();
        out.push_str(&html[copied..at]);
        out.push_str(&added);
        copied = at;
    }
    (copied > 0).then(|| {
        out.push_str(&html[copied..]);
        out
    })
}

/// The value of attribute `name` of a tag written as Gazette writes them: `name="value"`.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let length = tag[start..].find('"')?;
    Some(&tag[start..start + length])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::Variant;

    fn photo(width: u32, height: u32, widths: &[u32]) -> Photo {
        let variants = widths
            .iter()
            .map(|&w| Variant { file: variant_file("x/photo.jpg", w), width: w, height: height * w / width })
            .collect();
        Photo { width, height, variants }
    }

    #[test]
    fn photos_beside_the_notice_get_their_size_and_copies() {
        let big = photo(2000, 1000, &[480, 960]);
        let small = photo(300, 200, &[]);
        let of = |src: &str| match src {
            "photo.jpg" | "my%20photo.jpg" => Some(&big),
            "icon.png" => Some(&small),
            _ => None,
        };
        for (html, want) in [
            (
                "<p><img src=\"photo.jpg\" alt=\"Hall\"></p>",
                Some(
                    "<p><img src=\"photo.jpg\" alt=\"Hall\" width=\"2000\" height=\"1000\" \
                     srcset=\"photo-480w.jpg 480w, photo-960w.jpg 960w, photo.jpg 2000w\" \
                     sizes=\"(min-width: 44rem) 42rem, 100vw\" loading=\"lazy\" decoding=\"async\"></p>",
                ),
            ),
            (
                "<img src=\"icon.png\" alt=\"\" loading=\"lazy\" />",
                Some(
                    "<img src=\"icon.png\" alt=\"\" loading=\"lazy\" width=\"300\" height=\"200\" decoding=\"async\" />",
                ),
            ),
            (
                "<img src=\"my%20photo.jpg\" alt=\"a\">",
                Some(
                    "<img src=\"my%20photo.jpg\" alt=\"a\" width=\"2000\" height=\"1000\" \
                     srcset=\"my%20photo-480w.jpg 480w, my%20photo-960w.jpg 960w, my%20photo.jpg 2000w\" \
                     sizes=\"(min-width: 44rem) 42rem, 100vw\" loading=\"lazy\" decoding=\"async\">",
                ),
            ),
            ("<img src=\"/images/logo.png\" alt=\"Logo\">", None),
            ("<img src=\"photo.jpg\" alt=\"Hall\" width=\"50\">", None),
            ("<img src=\"photo.jpg?v=2\" alt=\"Hall\">", None),
            ("<p>No images</p>", None),
            ("<img src=\"photo.jpg\" alt=\"unclosed\"", None),
        ] {
            assert_eq!(sized(html, "(min-width: 44rem) 42rem, 100vw", of).as_deref(), want, "{html}");
        }
    }
}
