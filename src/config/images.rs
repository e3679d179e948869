//! `[images]` in site.toml: the widths of the smaller copies Gazette makes of each photo, so
//! that a phone downloads a 480-pixel copy instead of a 4000-pixel original, and the JPEG
//! quality they are saved at.

use serde::Deserialize;
use toml::Spanned;

/// The narrowest and widest copy Gazette makes: narrower is useless on any screen, wider is a
/// mistake (a typo of 1600) that would only make files larger than most originals.
const WIDTHS: std::ops::RangeInclusive<i64> = 16..=8192;

/// The `[images]` table as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawImages {
    pub widths: Spanned<Vec<i64>>,
    pub quality: Spanned<i64>,
    /// How wide photos are shown, for browsers to pick a copy: the `sizes` attribute.
    pub sizes: Spanned<String>,
}

impl Default for RawImages {
    fn default() -> Self {
        // A phone, a laptop and a large screen; 82 is where JPEG artefacts stop being visible
        // in photos while files stay about a third of the size of quality 95.
        // The bureau theme's text column: the whole width of a phone, at most 42rem.
        RawImages {
            widths: Spanned::new(0..0, vec![480, 960, 1600]),
            quality: Spanned::new(0..0, 82),
            sizes: Spanned::new(0..0, "(min-width: 44rem) 42rem, 100vw".into()),
        }
    }
}

/// The checked `[images]` settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Images {
    /// The widths of the copies, in pixels: ascending, without repeats, each in 16..=8192.
    /// Empty means no copies: photos only get their width and height.
    pub widths: Vec<u32>,
    /// The JPEG quality of the copies, 1..=100.
    pub quality: u8,
    /// The `sizes` attribute of photos with copies: how wide the theme shows them.
    pub sizes: String,
}

impl Default for Images {
    fn default() -> Self {
        RawImages::default().resolve().expect("the default settings are valid")
    }
}

impl RawImages {
    /// Checks the table: the error has the span in site.toml of the value it is about, a
    /// message and a hint. Widths out of order or repeated are sorted out, not errors: the
    /// order means nothing, so there is nothing to correct.
    pub fn resolve(self) -> Result<Images, super::Problem> {
        let span = self.widths.span();
        let mut widths = Vec::with_capacity(self.widths.get_ref().len());
        for &width in self.widths.get_ref() {
            if !WIDTHS.contains(&width) {
                return Err((
                    span,
                    format!(
                        "`images.widths`: {width} is not a width between {} and {} pixels",
                        WIDTHS.start(),
                        WIDTHS.end()
                    ),
                    "list the widths of the copies in pixels, e.g. widths = [480, 960, 1600], or widths = [] for none"
                        .into(),
                ));
            }
            widths.push(width as u32);
        }
        widths.sort_unstable();
        widths.dedup();

        let quality = *self.quality.get_ref();
        let quality = u8::try_from(quality).ok().filter(|q| (1..=100).contains(q)).ok_or_else(|| {
            (
                self.quality.span(),
                format!("`images.quality`: {quality} is not a JPEG quality between 1 and 100"),
                "82 suits photos; higher is sharper and larger, lower is smaller and blurrier".to_owned(),
            )
        })?;
        let sizes = self.sizes.get_ref().trim().to_owned();
        if sizes.is_empty() {
            return Err((
                self.sizes.span(),
                "`images.sizes` is empty".into(),
                "say how wide the theme shows photos, e.g. sizes = \"(min-width: 44rem) 42rem, 100vw\"".into(),
            ));
        }
        Ok(Images { widths, quality, sizes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Site {
        #[serde(default)]
        images: RawImages,
    }

    #[test]
    fn settings_are_checked_and_problems_point_at_the_value() {
        let ok = |widths: &[u32], quality| {
            Ok::<_, (&str, &str)>(Images { widths: widths.to_vec(), quality, sizes: Images::default().sizes })
        };
        for (toml, want) in [
            ("", ok(&[480, 960, 1600], 82)),
            ("[images]\n", ok(&[480, 960, 1600], 82)),
            ("[images]\nwidths = [320, 640]\n", ok(&[320, 640], 82)),
            ("[images]\nwidths = [1600, 480, 960, 480]\n", ok(&[480, 960, 1600], 82)),
            ("[images]\nwidths = []\n", ok(&[], 82)),
            ("[images]\nwidths = [16, 8192]\nquality = 100\n", ok(&[16, 8192], 100)),
            ("[images]\nquality = 1\n", ok(&[480, 960, 1600], 1)),
            (
                "[images]\nwidths = [480, 20000]\n",
                Err(("[480, 20000]", "`images.widths`: 20000 is not a width between 16 and 8192 pixels")),
            ),
            (
                "[images]\nwidths = [15]\n",
                Err(("[15]", "`images.widths`: 15 is not a width between 16 and 8192 pixels")),
            ),
            (
                "[images]\nwidths = [-480]\n",
                Err(("[-480]", "`images.widths`: -480 is not a width between 16 and 8192 pixels")),
            ),
            ("[images]\nquality = 0\n", Err(("0", "`images.quality`: 0 is not a JPEG quality between 1 and 100"))),
            (
                "[images]\nquality = 101\n",
                Err(("101", "`images.quality`: 101 is not a JPEG quality between 1 and 100")),
            ),
            (
                "[images]\nquality = 300\n",
                Err(("300", "`images.quality`: 300 is not a JPEG quality between 1 and 100")),
            ),
        ] {
            let site: Site = toml::from_str(toml).unwrap();
            let got = site.images.resolve();
            let got = match &got {
                Ok(images) => Ok(images.clone()),
                Err((span, message, hint)) => {
                    assert!(!hint.is_empty(), "{toml}");
                    Err((&toml[span.clone()], message.as_str()))
                }
            };
            assert_eq!(got, want, "{toml}");
        }
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_refused() {
        for toml in ["[images]\nwidth = [480]\n", "[images]\nwidths = 480\n", "[images]\nquality = \"high\"\n"] {
            assert!(toml::from_str::<Site>(toml).is_err(), "{toml}");
        }
    }

    #[test]
    fn the_default_is_the_default_table() {
        assert_eq!(
            Images::default(),
            Images { widths: vec![480, 960, 1600], quality: 82, sizes: "(min-width: 44rem) 42rem, 100vw".into() }
        );
    }
}
