//! Discovery files: sitemap.xml, an Atom feed of disclosures and corrections, robots.txt.
//!
//! These need absolute addresses, taken from `base_url` in site.yaml; without it the sitemap
//! is left out (search engines reject relative sitemaps) and the feed uses relative links.

use crate::content::model::SiteConfig;

use crate::render::xml::escape as xml_escape;

/// One entry of the feed.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    /// Path relative to the site root, e.g. `2024/085/index.html`.
    pub path: String,
    pub summary: String,
    /// Distinguishes entries that share a page (a disclosure and its corrections).
    pub id_suffix: String,
}

/// The feed entries of a 决算 or 单位预算: its publication (none without a date: the feed is ordered by
/// it, and a made-up date would mislead) and each correction, as a budget's.
pub fn final_entries(f: &crate::final_accounts::listing::FinalEntry) -> Vec<FeedEntry> {
    let title = format!("{}{}年度{}", f.name, f.year, f.kind.label());
    let summary = match f.kind {
        crate::content::kind::Kind::FinalAccounts => {
            format!("{title}公开，本年支出合计{}万元。", f.total)
        }
        _ => format!("{title}公开，支出总计{}万元。", f.total),
    };
    let published = f.published.clone().map(|date| FeedEntry {
        date,
        title: title.clone(),
        path: f.href.clone(),
        summary,
        id_suffix: String::new(),
    });
    let corrections = f.corrections.iter().enumerate().map(|(i, c)| FeedEntry {
        date: c.date.clone(),
        title: format!("更正：{title}"),
        path: f.href.clone(),
        summary: c.text.clone(),
        id_suffix: format!("#correction-{}", i + 1),
    });
    published.into_iter().chain(corrections).collect()
}

fn absolute(site: &SiteConfig, path: &str) -> String {
    match &site.base_url {
        Some(b) => format!("{}{}", b.trim_end_matches('/').to_owned() + "/", path),
        None => path.to_owned(),
    }
}

/// Atom feed, newest first; `updated` is the newest entry's date (no clock: deterministic).
/// Handed to `put` an entry at a time: the feed of ten thousand disclosures runs to
/// megabytes, and made whole in memory it was the largest thing a build held at its end.
pub fn atom<E>(
    site: &SiteConfig,
    mut entries: Vec<FeedEntry>,
    mut put: impl FnMut(&[u8]) -> Result<(), E>,
) -> Result<(), E> {
    entries.sort_by(|a, b| (&b.date, &a.path, &a.id_suffix).cmp(&(&a.date, &b.path, &b.id_suffix)));
    let updated = entries
        .first()
        .map(|e| e.date.clone())
        .unwrap_or_else(|| "1970-01-01".into());
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    x += &format!("  <title>{}</title>\n", xml_escape(&site.title));
    x += &format!("  <id>{}</id>\n", xml_escape(&absolute(site, "")));
    x += &format!(
        "  <link href=\"{}\"/>\n",
        xml_escape(&absolute(site, "index.html"))
    );
    x += &format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        xml_escape(&absolute(site, "feed.xml"))
    );
    x += &format!("  <updated>{}T00:00:00Z</updated>\n", xml_escape(&updated));
    x += &format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(site.publisher.as_deref().unwrap_or(&site.region))
    );
    put(x.as_bytes())?;
    for e in &entries {
        x.clear();
        let url = absolute(site, &e.path);
        x += "  <entry>\n";
        x += &format!("    <title>{}</title>\n", xml_escape(&e.title));
        x += &format!(
            "    <id>{}{}</id>\n",
            xml_escape(&url),
            xml_escape(&e.id_suffix)
        );
        x += &format!("    <link href=\"{}\"/>\n", xml_escape(&url));
        // Dates are checked as calendar dates at load; escaped here all the same.
        x += &format!("    <updated>{}T00:00:00Z</updated>\n", xml_escape(&e.date));
        x += &format!("    <summary>{}</summary>\n", xml_escape(&e.summary));
        x += "  </entry>\n";
        put(x.as_bytes())?;
    }
    put(b"</feed>\n")
}

/// sitemap.xml of the given page paths, handed to `put` a line at a time (it lists every
/// page of the site). Only with `base_url`: search engines reject relative sitemaps.
pub fn sitemap<E>(
    site: &SiteConfig,
    paths: &[String],
    mut put: impl FnMut(&[u8]) -> Result<(), E>,
) -> Result<(), E> {
    put(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")?;
    for p in paths {
        let line = format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&absolute(site, p))
        );
        put(line.as_bytes())?;
    }
    put(b"</urlset>\n")
}

pub fn robots(site: &SiteConfig) -> String {
    let mut r = String::from("User-agent: *\nAllow: /\n");
    if site.base_url.is_some() {
        r += &format!("Sitemap: {}\n", absolute(site, "sitemap.xml"));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_cannot_add_markup_to_the_feed() {
        let site: SiteConfig =
            crate::content::yaml::from_str("title: t\nregion: r\n").expect("site");
        let evil = "2024-01-01</updated><script xmlns=\"http://www.w3.org/1999/xhtml\">x</script><updated>";
        let mut feed = String::new();
        let entries = vec![FeedEntry {
            date: evil.into(),
            title: "t".into(),
            path: "2024/085/index.html".into(),
            summary: "s".into(),
            id_suffix: String::new(),
        }];
        atom(&site, entries, |b| {
            feed.push_str(std::str::from_utf8(b).expect("UTF-8"));
            Ok::<(), ()>(())
        })
        .expect("written");
        assert!(!feed.contains("<script"), "{feed}");
        assert!(feed.contains("&lt;/updated&gt;&lt;script"), "{feed}");
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml_escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
