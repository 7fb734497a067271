//! Task descriptions in Markdown, rendered safely: raw HTML in the text is shown as text, and
//! links keep only web and mail addresses, so a description can never carry script.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('/') && !lower.starts_with("//")
}

/// Text escaped for HTML, quotes too, so nothing in it reads as an attribute either.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(text: &str) -> String {
    let parser = Parser::new_ext(
        text,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS,
    )
    .map(|e| match e {
        // Raw HTML becomes visible text; all text is escaped here, quotes included.
        Event::Html(h) | Event::InlineHtml(h) | Event::Text(h) => Event::Html(CowStr::from(escape(&h))),
        // A checkbox without a label is a form field nobody can name; the mark says the same.
        Event::TaskListMarker(done) => Event::Html(CowStr::from(if done { "☑ " } else { "☐ " })),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_link(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(""),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_link(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::from(""),
            title,
            id,
        }),
        e => e,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_script_links_are_defused() {
        let out = render(
            "**Viktigt** <script>alert(1)</script> [x](javascript:alert(2)) [ok](https://norrvik.se)\n\n<img src=x onerror=alert(3)>",
        );
        assert!(out.contains("<strong>Viktigt</strong>"));
        assert!(!out.contains("<script") && !out.contains("<img src=x"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains(r#"href="https://norrvik.se""#));
        assert!(out.contains("&lt;script&gt;"));
        assert!(
            render("- [x] klart\n- [ ] kvar").contains("☑ klart"),
            "task lists as marks, not unlabelled inputs"
        );
        let quoted = render("<a href=\"javascript:alert(5)\">x</a>");
        assert!(!quoted.contains("href=\"javascript:"), "{quoted}");
    }
}
