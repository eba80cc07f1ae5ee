//! Markdown from content files, rendered without letting data smuggle markup into pages.
//!
//! Raw HTML in Markdown is shown as text, and links may only use safe schemes, because the
//! content comes from many departments and the pages go out under the bureau's name.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

pub fn safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    match lower.split_once(':') {
        // No scheme (relative link or fragment), or a scheme before any `/`, `?`, `#`.
        None => true,
        Some((scheme, _)) if scheme.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto" | "tel"),
    }
}

/// Renders Markdown to sanitised HTML.
pub fn render(text: &str) -> String {
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let events = parser.map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from("#"),
            title,
            id,
        }),
        // An image would be fetched from wherever its address points whenever a reader
        // opens the page (tracking readers, or showing what the bureau never approved): only
        // its description is kept, as text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {
            Event::Text(CowStr::from(""))
        }
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// Renders a one-paragraph Markdown text without the surrounding `<p>`.
pub fn render_inline(text: &str) -> String {
    let html = render(text);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_script_links_do_not_survive() {
        let out = render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
        let out = render(
            "[a](JaVaScript:alert(1)) [b](data:text/html,x) [c](https://example.org/a) [d](%20javascript:x)",
        );
        let hrefs: Vec<&str> = out
            .split("href=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        // pulldown-cmark hands over `%20javascript:` with the space decoded: refused too.
        assert_eq!(hrefs, ["#", "#", "https://example.org/a", "#"], "{out}");
    }

    #[test]
    fn images_are_dropped_keeping_their_description() {
        let out = render("见图：![收支结构](https://tracker.example/p.png) ![本地](a.png)");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("tracker.example"), "{out}");
        assert!(out.contains("收支结构") && out.contains("本地"), "{out}");
    }

    #[test]
    fn inline_drops_the_paragraph() {
        assert_eq!(
            render_inline("是指**市级**财政"),
            "是指<strong>市级</strong>财政"
        );
    }
}
