//! The site settings (`content/site.yaml`) and the glossary.

use super::*;

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title, e.g. `济源产城融合示范区部门预算公开`.
    pub title: String,
    /// Region, e.g. `济源产城融合示范区`.
    pub region: String,
    /// Who publishes the site, e.g. `济源产城融合示范区财政金融局`.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Lines shown in the footer (contact, ICP/公安 filing numbers …).
    #[serde(default)]
    pub footer: Vec<String>,
    /// Where the site is published, with its sub-path and a trailing slash, e.g.
    /// `https://www.example.gov.cn/zwgk/yjs/`. Needed for sitemap.xml, the feed and the 404 page;
    /// all other links are relative, so the folder works anywhere and from disk.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Contact for questions about the disclosures (shown in the footer and the feed).
    #[serde(default)]
    pub contact: Option<String>,
    /// The region profile: which tables are published and how (`jiyuan-13` when not given;
    /// `putuo-9` is built in too; `profiles/<name>.yaml` under the site root adds one).
    #[serde(default)]
    pub profile: Option<String>,
    /// The site folder this configuration was read from (set by `load::scan`, never read
    /// from the file): pages that link a kind of disclosure kept in its own file (a
    /// department's 单位预算) ask whether that file is there.
    #[serde(skip)]
    pub root: std::path::PathBuf,
}

/// One entry of the glossary (`content/glossary.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: String,
    /// The definition; Markdown allowed.
    pub definition: String,
}
