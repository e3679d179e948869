//! Photos in notices: alt text required by the build, and (with the `image` crate) resized
//! copies with `srcset`, width and height.

use crate::harness::TestSite;

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
