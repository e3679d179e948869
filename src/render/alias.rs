//! The page at an earlier address of a notice (one of its `aliases`): it sends browsers on
//! to the notice's page at once, and tells search engines that page is the one to index.
//! Written by Gazette, not by the theme, so that it works whatever the theme.

use super::PageData;

/// The redirect page to notice `i`'s page.
pub fn page(data: &PageData, i: usize) -> String {
    let r = &data.refs[i];
    let (mut title, mut href, mut permalink, mut lang) = (String::new(), String::new(), String::new(), String::new());
    crate::xml::escape_into(&mut title, &r.title);
    crate::xml::escape_into(&mut href, &r.url);
    crate::xml::escape_into(&mut permalink, &r.permalink);
    crate::xml::escape_into(&mut lang, &r.lang);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{permalink}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n\
         <p><a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n"
    )
}
