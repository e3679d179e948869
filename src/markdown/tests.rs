use super::*;
use crate::config::MarkdownConfig;

fn render_with(md: &str, raw_html: RawHtml) -> Rendered {
    Renderer::new(&MarkdownConfig { raw_html, ..MarkdownConfig::default() }).render(md)
}

fn render(md: &str) -> Rendered {
    render_with(md, RawHtml::Sanitize)
}

#[test]
fn heading_ids_are_unique_and_keep_cjk() {
    let r = render("## Background\n\n## Background\n\n### 工作 要求\n\n## !!!\n");
    assert!(r.html.contains("<h2 id=\"background\">Background</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"background-1\">Background</h2>"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"工作-要求\">工作 要求</h3>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"section\">!!!</h2>"), "{}", r.html);
    let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["background", "background-1", "section"]);
    assert_eq!(r.toc[1].children[0].title, "工作 要求");
}

#[test]
fn extensions_are_on() {
    let r = render(
        "| a | b |\n|:-:|---|\n| 1 | 2 |\n\nText[^1] ~~old~~ \"quoted\" -- done...\n\n- [x] done\n- [ ] todo\n\n[^1]: A note.\n",
    );
    for want in [
        "<table>",
        "<th style=\"text-align: center\">a</th>",
        "<del>old</del>",
        "“quoted” – done…",
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>",
        "class=\"footnote-definition\"",
    ] {
        assert!(r.html.contains(want), "missing {want:?} in {}", r.html);
    }
}

#[test]
fn smart_punctuation_can_be_off() {
    let config = MarkdownConfig { smart_punctuation: false, ..MarkdownConfig::default() };
    let r = Renderer::new(&config).render("\"quoted\"");
    assert_eq!(r.html, "<p>\"quoted\"</p>\n");
}

#[test]
fn raw_html_policies() {
    let md = "Hello <script>alert(1)</script><abbr title=\"x\">RVAB</abbr>\n\n<div onclick=\"steal()\">block</div>\n";
    let sanitized = render_with(md, RawHtml::Sanitize).html;
    assert!(!sanitized.contains("script") && !sanitized.contains("onclick"), "{sanitized}");
    assert!(
        sanitized.contains("<abbr title=\"x\">RVAB</abbr>") && sanitized.contains("<div>block</div>"),
        "{sanitized}"
    );

    let allowed = render_with(md, RawHtml::Allow).html;
    assert!(allowed.contains("<script>alert(1)</script>") && allowed.contains("onclick=\"steal()\""), "{allowed}");

    let escaped = render_with(md, RawHtml::Escape).html;
    assert!(escaped.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{escaped}");
    assert!(escaped.contains("&lt;div onclick=\"steal()\"&gt;"), "{escaped}");
}

#[test]
fn dangerous_link_urls_are_dropped_but_their_text_stays() {
    for raw_html in [RawHtml::Sanitize, RawHtml::Escape] {
        let r = render_with(
            "[click](javascript:alert(1)) ![pic](data:image/png;base64,AA) [ok](https://example.gov)",
            raw_html,
        );
        assert_eq!(r.html, "<p>click pic <a href=\"https://example.gov\" rel=\"noopener\">ok</a></p>\n");
    }
    let r = render_with("[click](javascript:alert(1))", RawHtml::Allow);
    assert!(r.html.contains("href=\"javascript:alert(1)\""));
}

#[test]
fn highlighting_survives_sanitizing() {
    let r = render("<abbr>x</abbr>\n\n```rust\nfn main() {}\n```\n");
    assert!(
        r.html.contains("<pre class=\"hl\"><code class=\"language-rust\"><span class=\"hl-source hl-rust\">"),
        "{}",
        r.html
    );
}

#[test]
fn first_paragraph_and_measures() {
    let r = render("## Heading\n\n> quoted first\n\n- item\n\nThe *real* first\nparagraph.\n\nSecond.\n");
    assert_eq!(r.first_paragraph, "The real first paragraph.");
    assert_eq!(r.word_count, 9);
    assert_eq!(r.reading_minutes, 1);
    // A photo above the text is not the notice's first paragraph.
    let r = render("![The hall](hall.jpg)\n\n![Two](a.png) ![photos](b.png)\n\nThe text.\n");
    assert_eq!(r.first_paragraph, "The text.");
}

#[test]
fn task_lists_survive_sanitizing_but_raw_inputs_do_not() {
    let r = render("- [x] done\n- [ ] open\n\n<input type=\"text\" name=\"q\">\n");
    assert!(r.html.contains("<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\ndone</li>"), "{}", r.html);
    assert!(r.html.contains("<li><input disabled=\"\" type=\"checkbox\"/>\nopen</li>"), "{}", r.html);
    assert!(!r.html.contains("name=\"q\"") && r.html.matches("<input").count() == 2, "{}", r.html);
}

#[test]
fn heading_ids_do_not_clash_with_footnotes_or_the_theme() {
    let r = render("## Main\n\n## 1\n\nText[^1].\n\n[^1]: Note.\n");
    assert!(r.html.contains("<h2 id=\"main-1\">Main</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"1\">1</h2>"), "{}", r.html);
    assert!(r.html.contains("href=\"#fn-1\"") && r.html.contains("id=\"fn-1\""), "{}", r.html);
}

#[test]
fn custom_heading_ids_definition_lists_and_alerts() {
    let r = render(
        "## Tasks for the year {#tasks .lead onclick=alert(1)}\n\n## Tasks {#tasks}\n\nTerm\n: Its definition.\n\n> [!NOTE]\n> Offices close at noon.\n",
    );
    for want in [
        "<h2 id=\"tasks\" class=\"lead\">Tasks for the year</h2>",
        "<h2 id=\"tasks-1\">Tasks</h2>",
        "<dl>\n<dt>Term</dt>\n<dd>Its definition.</dd>\n</dl>",
        "<blockquote class=\"markdown-alert-note\">",
    ] {
        assert!(r.html.contains(want), "missing {want:?} in {}", r.html);
    }
    assert!(!r.html.contains("onclick"), "{}", r.html);
    let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["tasks", "tasks-1"]);
    // Under `allow`, other attributes stay, as written.
    let r = render_with("## T {#t data-x=y}\n", RawHtml::Allow);
    assert!(r.html.contains("data-x=\"y\""), "{}", r.html);
}

#[test]
fn links_to_other_sites_say_so() {
    let site = |config: MarkdownConfig| Renderer::new(&config).site_origin("https://news.example.gov");
    let md =
        "[gov](https://www.gov.cn/ \"Portal\") [us](https://news.example.gov/x/) [rel](../x/) [mail](mailto:a@b.c)\n";
    let r = site(MarkdownConfig::default()).render(md);
    assert!(r.html.contains(r#"<a href="https://www.gov.cn/" title="Portal" rel="noopener">gov</a>"#), "{}", r.html);
    assert!(r.html.contains(r#"<a href="https://news.example.gov/x/">us</a>"#), "{}", r.html);
    assert!(r.html.contains(r#"<a href="../x/">rel</a>"#), "{}", r.html);
    assert!(r.html.contains(r#"<a href="mailto:a@b.c">mail</a>"#), "{}", r.html);
    let config =
        MarkdownConfig { external_links_nofollow: true, external_links_new_tab: true, ..MarkdownConfig::default() };
    for html in [site(config.clone()).render(md).html, site(config).render(&format!("<b>raw</b>\n\n{md}")).html] {
        assert!(
            html.contains(
                r#"<a href="https://www.gov.cn/" title="Portal" rel="noopener nofollow" target="_blank">gov</a>"#
            ),
            "{html}"
        );
    }
    // A link that is refused stays refused.
    let r = site(MarkdownConfig::default()).render("[x](javascript:alert(1))\n");
    assert!(!r.html.contains("javascript"), "{}", r.html);
}

#[test]
fn tables_sit_in_a_box_keyboard_users_can_scroll() {
    for raw_html in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
        // With raw HTML beside it, the sanitizer runs over the box too.
        let r = Renderer::new(&MarkdownConfig { raw_html, ..MarkdownConfig::default() })
            .table_label("表格")
            .render("<b>x</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            r.html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表格\">\n<table>"),
            "{raw_html:?}: {}",
            r.html
        );
        assert!(r.html.contains("</table>\n</div>"), "{raw_html:?}: {}", r.html);
    }
}

#[test]
fn headings_may_end_with_a_link_to_themselves() {
    for raw_html in [RawHtml::Sanitize, RawHtml::Allow] {
        let config = MarkdownConfig { heading_anchors: true, raw_html, ..MarkdownConfig::default() };
        let r = Renderer::new(&config).anchor_label("本节链接").render("<b>x</b>\n\n## Tasks {#tasks}\n");
        assert!(
            r.html.contains(
                r##"<h2 id="tasks">Tasks <a class="heading-anchor" href="#tasks" aria-label="本节链接">#</a></h2>"##
            ),
            "{raw_html:?}: {}",
            r.html
        );
        assert_eq!(r.toc[0].title, "Tasks");
    }
    assert!(!render("## Tasks\n").html.contains("heading-anchor"));
}

#[test]
fn raw_html_nested_too_deep_is_refused_before_sanitizing() {
    // 16,000 levels took the sanitizer 54 s (debug build) before the limit; now it is not run.
    let n = 16_000;
    let md = format!("Intro.\n\n{}deep{}\n", "<div>".repeat(n), "</div>".repeat(n));
    let r = render(&md);
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    let p = &r.problems[0];
    assert_eq!((p.line, p.col), (3, 5 * raw::MAX_DEPTH + 1));
    assert_eq!(p.message, "raw HTML nested more than 512 elements deep");
    assert_eq!(r.html, "");
    // At the limit it renders; under `allow` and `escape` nothing parses it.
    let at_limit = format!("{}deep{}\n", "<div>".repeat(raw::MAX_DEPTH), "</div>".repeat(raw::MAX_DEPTH));
    let r = render(&at_limit);
    assert!(r.problems.is_empty() && r.html.contains("deep"), "{:?}", r.problems);
    for policy in [RawHtml::Allow, RawHtml::Escape] {
        assert!(render_with(&md, policy).problems.is_empty());
    }
}

#[test]
fn raw_html_left_open_is_found_where_it_is_written() {
    for (md, want) in [
        ("A.\n\n<style>\np{}\n\nB.\n", Some((3, 1, "`<style>` is never closed"))),
        ("A <script src=\"x.js\">\n\nB.\n", Some((1, 3, "`<script>` is never closed"))),
        ("> A.\n>\n> <!-- note\n\nB.\n", Some((3, 3, "the comment `<!--` is never closed"))),
        ("- <div>\n  <!-- x\n", Some((2, 3, "the comment `<!--` is never closed"))),
        ("<style>p{}</style> <style>\n", Some((1, 20, "`<style>` is never closed"))),
        ("<style>\np{}\n</style>\n\nB `<style>` <abbr title=\"<style>\">S</abbr>\n", None),
        ("```\n<style>\n```\n\n    <!--\n", None),
        ("A <!-- x\n", None),
    ] {
        let r = render(md);
        let got = r.unclosed.first().map(|p| (p.line, p.col, p.message.split(':').next().unwrap()));
        assert_eq!(got, want, "{md:?}");
        assert_eq!(render_with(md, RawHtml::Allow).unclosed, r.unclosed, "{md:?}");
        assert!(render_with(md, RawHtml::Escape).unclosed.is_empty(), "{md:?}");
    }
    let p = &render("<textarea>\n").unclosed[0];
    assert_eq!(p.hint.as_deref(), Some("close it with `</textarea>`, or write `&lt;textarea>` to show the text"));
}

/// The plain text the search index reads: text split by inline markup or punctuation is
/// joined as written (a run of Chinese characters across `**…**` stays one run), and
/// blocks are kept apart by a space.
#[test]
fn plain_text_joins_inline_pieces_and_separates_blocks() {
    for (md, want) in [
        ("要**进一步**做好", "要进一步做好"),
        ("The bureau's *new* plan", "The bureau’s new plan"),
        ("在[乌鲁木齐](https://example.gov/)召开", "在乌鲁木齐召开"),
        ("Use `gazette build` now", "Use gazette build now"),
        ("# 标题\n\n第一段\n\n第二段", "标题 第一段 第二段"),
        ("- one\n- two\n\n| a | b |\n|---|---|\n| c | d |", "one two a b c d"),
        ("line one\nline two", "line one line two"),
    ] {
        let r = Renderer::new(&MarkdownConfig::default()).keep_text(true).render(md);
        assert_eq!(r.text, want, "{md}");
    }
}
