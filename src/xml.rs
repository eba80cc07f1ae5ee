//! Escaping for XML: the feed, the sitemap and the inline SVG charts all put text from data
//! into markup, so they share this one function.

/// Escapes text for XML content and attribute values, and drops the control characters that
/// XML 1.0 does not allow (a stray one would make the whole document unreadable).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}
