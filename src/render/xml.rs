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

/// Percent-encodes every byte of a URL path that is not an unreserved character or `/`
/// (and, with `keep_escapes`, not `%`, so an already-encoded path stays as it is). The
/// result holds only characters that are safe as they are in an HTML or XML attribute, a
/// header and a text file: a path from `base_url` can be marked safe in a template after it.
pub fn encode_path(s: &str, keep_escapes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (keep_escapes && b == b'%')
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod path_tests {
    use super::encode_path;

    #[test]
    fn a_path_is_encoded_into_characters_safe_in_markup_and_headers() {
        assert_eq!(encode_path("/zwgk/yjs/", true), "/zwgk/yjs/");
        assert_eq!(encode_path("/预算/", true), "/%E9%A2%84%E7%AE%97/");
        assert_eq!(
            encode_path("/a\"><script>\r\n", true),
            "/a%22%3E%3Cscript%3E%0D%0A"
        );
        assert_eq!(encode_path("/%E9/", true), "/%E9/");
        assert_eq!(encode_path("/%E9/", false), "/%25E9/");
    }
}
