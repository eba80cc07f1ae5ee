//! Answering one request: a file of the preview folder (never anything outside it), the error
//! page when the content is broken, or the live-reload poll.

use super::{Live, Snapshot};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Path of the live-reload poll and of the page listing all current errors.
pub const EVENTS: &str = "/__gongkai/events";
pub const ERRORS: &str = "/__gongkai/errors";

/// How long a poll waits for a new build before answering "nothing new".
const POLL: Duration = Duration::from_secs(25);

/// Where a request path leads inside the served folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    NotFound,
    /// The path tries to leave the folder (`..`, a symlink pointing out).
    Forbidden,
    /// Not a path we accept at all (bad percent-encoding, backslashes, NUL).
    BadRequest,
}

/// Decodes `%XX` escapes; None for a malformed escape or text that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request path (`/2024/085/`, `/static/style.css?v=1`) to a file under `root`, which
/// must be canonical. Segments are decoded first and then checked one by one, so encoded
/// `%2e%2e` and `%2f` are caught like plain ones; the file found is canonicalised and must
/// still be inside `root`, which catches symlinks pointing out.
pub fn resolve(root: &Path, url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\\', '\0']) {
        return Resolved::BadRequest;
    }
    let mut file = root.to_path_buf();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        let mut parts = Path::new(seg).components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(_)), None) if !seg.starts_with('.') => file.push(seg),
            (Some(Component::ParentDir | Component::CurDir), None) => return Resolved::Forbidden,
            // Hidden files (the build's marker, files being written) are not part of the site.
            (Some(Component::Normal(_)), None) => return Resolved::NotFound,
            _ => return Resolved::Forbidden,
        }
    }
    if std::fs::metadata(&file).is_ok_and(|m| m.is_dir()) {
        file.push("index.html");
    }
    match file.canonicalize() {
        Ok(real) if !real.starts_with(root) => Resolved::Forbidden,
        Ok(real) if real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

/// Content type by extension; the site has only these kinds of files.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "application/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") if name == "feed.xml" => "application/atom+xml",
        Some("xml") => "application/xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "text/plain; charset=utf-8",
    }
}

/// What the server sends back: the server module turns it into HTTP.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header; a value that is not visible ASCII (a `base_url` path in Chinese) is
    /// percent-encoded, so no value can be refused or add a line to the response.
    fn header(mut self, name: &'static str, value: &str) -> Reply {
        let value = if value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            value.to_owned()
        } else {
            encode_path(value)
        };
        self.headers.push((name, value));
        self
    }

    /// A response of `body`, never cached by the browser (the preview changes under it).
    fn of(status: u16, ctype: &str, body: Vec<u8>) -> Reply {
        let mut r = Reply::new(status)
            .header("Content-Type", ctype)
            .header("Cache-Control", "no-store")
            .header("X-Content-Type-Options", "nosniff");
        r.body = body;
        r
    }

    pub fn plain(status: u16, text: &str) -> Reply {
        Reply::of(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }
}

/// Percent-encodes a decoded path for a header or a redirect (a literal `%` too).
pub fn encode_path(s: &str) -> String {
    crate::render::xml::encode_path(s, false)
}

/// Answers one request of `method` for `url` (the request target as sent).
pub fn handle(method: &str, url: &str, live: &Live) -> Reply {
    match method {
        "GET" | "HEAD" => answer(url, live),
        _ => Reply::plain(
            405,
            &crate::say!("预览只接受 GET 和 HEAD 请求", "only GET and HEAD"),
        ),
    }
}

fn answer(url: &str, live: &Live) -> Reply {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let path = format!("/{}", raw.trim_start_matches('/'));
    if path == EVENTS {
        let since = url
            .split_once("since=")
            .and_then(|(_, v)| v.split('&').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let build = live.wait_for_build(since, POLL);
        return Reply::plain(200, &build.to_string());
    }
    let now = live.snapshot();
    if path == ERRORS {
        return html(200, super::page::errors(&now), &now);
    }
    // The site is served under the path it is published under (`/zwgk/yjs/`, or
    // `/预算公开/`, which browsers send percent-encoded): both are compared decoded.
    let Some(decoded) = percent_decode(&path) else {
        return Reply::plain(400, "bad request");
    };
    let prefix = percent_decode(&now.prefix).unwrap_or_else(|| now.prefix.clone());
    let base_text = prefix.trim_end_matches('/');
    let base = encode_path(base_text);
    let rest = match decoded.strip_prefix(base_text) {
        Some("") => return redirect(&encode_path(&prefix)),
        Some(rest) if rest.starts_with('/') => encode_path(rest),
        _ if path == "/" => return redirect(&encode_path(&prefix)),
        _ => return not_found(live, &now),
    };
    let rest = rest.as_str();
    if let Some(fatal) = &now.fatal
        && is_page(rest)
    {
        return html(500, super::page::fatal(fatal, &now), &now);
    }
    match resolve(&live.dir, rest) {
        // A folder without its final `/`: the page's relative links need it.
        Resolved::File(f)
            if !rest.ends_with('/')
                && f.file_name().is_some_and(|n| n == "index.html")
                && !rest.ends_with("index.html") =>
        {
            redirect(&format!("{base}{rest}/"))
        }
        Resolved::File(f) => {
            let rel = f
                .strip_prefix(&live.dir)
                .unwrap_or(&f)
                .to_string_lossy()
                .replace('\\', "/");
            if rel.ends_with(".html")
                && let Some(b) = now.broken.iter().find(|b| {
                    b.pages
                        .as_deref()
                        .is_some_and(|p| rel == format!("{p}index.html"))
                })
            {
                return html(500, super::page::broken(b, &now), &now);
            }
            file_response(&f, &now)
        }
        Resolved::NotFound => {
            // A page whose file is broken and has never built: show why it is missing.
            let wanted = rest.trim_start_matches('/');
            if let Some(b) = now.broken.iter().find(|b| {
                b.pages
                    .as_deref()
                    .is_some_and(|p| wanted.starts_with(p) || format!("{wanted}/") == p)
            }) {
                return html(500, super::page::broken(b, &now), &now);
            }
            not_found(live, &now)
        }
        Resolved::Forbidden => Reply::plain(403, "forbidden"),
        Resolved::BadRequest => Reply::plain(400, "bad request"),
    }
}

/// The site's own 404 page, as the web server will send it once published.
fn not_found(live: &Live, now: &Snapshot) -> Reply {
    let page = std::fs::read(live.dir.join("404.html"))
        .unwrap_or_else(|_| b"<!DOCTYPE html><title>404</title><body>404</body>".into());
    html(404, page, now)
}

fn redirect(to: &str) -> Reply {
    Reply::new(302)
        .header("Location", to)
        .header("Cache-Control", "no-store")
}

/// Whether a path names a page (not a stylesheet, script or download).
fn is_page(path: &str) -> bool {
    path.ends_with('/')
        || path.ends_with(".html")
        || !path.rsplit('/').next().unwrap_or("").contains('.')
}

fn file_response(f: &Path, now: &Snapshot) -> Reply {
    let ctype = content_type(f);
    match std::fs::read(f) {
        Ok(bytes) if ctype.starts_with("text/html") => html(200, bytes, now),
        Ok(bytes) => Reply::of(200, ctype, bytes),
        Err(_) => Reply::plain(404, "not found"),
    }
}

/// An HTML response with the live-reload script (and, when some file is broken, a notice)
/// added before `</body>`. Only the response is changed: the built files never hold it.
fn html(status: u16, page: Vec<u8>, now: &Snapshot) -> Reply {
    let inject = super::page::injection(now);
    let mut page = page;
    let at = find_last(&page, b"</body>").unwrap_or(page.len());
    page.splice(at..at, inject.into_bytes());
    Reply::of(status, "text/html; charset=utf-8", page)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("2024/085")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("2024/085/index.html"), "page").unwrap();
        std::fs::write(root.join(".gongkai-site"), "marker").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        let file = |p: &str| Resolved::File(root.join(p));
        assert_eq!(resolve(&root, "/"), file("index.html"));
        assert_eq!(resolve(&root, "/2024/085/"), file("2024/085/index.html"));
        assert_eq!(resolve(&root, "/2024/085"), file("2024/085/index.html"));
        assert_eq!(
            resolve(&root, "/2024/085/index.html"),
            file("2024/085/index.html")
        );
        assert_eq!(
            resolve(&root, "/2024/%30%385/index.html?x=1#t"),
            file("2024/085/index.html")
        );
        assert_eq!(resolve(&root, "/../secret.txt"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/%2e%2e/secret.txt"), Resolved::Forbidden);
        assert_eq!(resolve(&root, "/%2e%2e%2fsecret.txt"), Resolved::Forbidden);
        assert_eq!(
            resolve(&root, "/2024/%2E%2E/%2E%2E/secret.txt"),
            Resolved::Forbidden
        );
        assert_eq!(resolve(&root, "/..\\secret.txt"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "/%5c..%5csecret.txt"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "/index.html%00.css"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "/%zz"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "/%ff"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "http://example.com/"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "//etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/.gongkai-site"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/missing.html"), Resolved::NotFound);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            std::os::unix::fs::symlink(dir.path(), root.join("out")).unwrap();
            assert_eq!(resolve(&root, "/link.txt"), Resolved::Forbidden);
            assert_eq!(resolve(&root, "/out/secret.txt"), Resolved::Forbidden);
        }
    }

    #[test]
    fn content_types() {
        for (f, t) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("static/style.css", "text/css; charset=utf-8"),
            ("static/site.js", "application/javascript; charset=utf-8"),
            (
                "2024/search-index.js",
                "application/javascript; charset=utf-8",
            ),
            ("c.svg", "image/svg+xml"),
            ("2024/budget-2024.csv", "text/csv; charset=utf-8"),
            ("2024/085/085-2024.json", "application/json"),
            ("feed.xml", "application/atom+xml"),
            ("sitemap.xml", "application/xml"),
            ("2024/SHA256SUMS", "text/plain; charset=utf-8"),
            ("2024/085/085-2024.yaml", "text/plain; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
        ] {
            assert_eq!(content_type(Path::new(f)), t, "{f}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        assert_eq!(find_last(b"<body>x</body></html>", b"</body>"), Some(7));
        assert_eq!(find_last(b"no end", b"</body>"), None);
    }
}
