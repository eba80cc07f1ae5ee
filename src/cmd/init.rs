//! `gongkai init`: a new site for a bureau starting its own, which builds and checks at once.
//!
//! It writes `content/site.yaml` with every field and a Chinese comment saying what goes
//! there, the profile's glossary (the 名词解释 its region publishes) and an empty folder for
//! the year, so that the next step is `gongkai new` for the first department. Nothing is
//! replaced: a folder that already holds a site is refused.

use crate::content::profile::Profile;
use crate::messages::zh;
use std::path::{Path, PathBuf};

/// The glossary each built-in profile's region publishes.
const GLOSSARIES: &[(&str, &str)] = &[
    ("jiyuan-13", include_str!("../../content/glossary.yaml")),
    (
        "putuo-9",
        include_str!("../../examples/putuo/content/glossary.yaml"),
    ),
];

/// `site.yaml`, every field commented. Values to replace say so; the file loads as it is.
fn site_yaml(profile: &str) -> String {
    format!(
        "# 网站设置。每一项的说明在它上方；带“请改为”的内容请换成本地区的实际信息后再发布。
# 修改后运行 `gongkai check` 检查，`gongkai serve` 预览，`gongkai build` 生成网站。

# 网站名称：显示在每页顶部和浏览器标签上。
title: 部门预算公开（请改为本地区网站名称）

# 地区名称：例如“济源产城融合示范区”“上海市普陀区”。
region: 请改为本地区名称

# 发布单位（可不填）：显示在网站名称旁，例如“某某区财政局”。
publisher: 请改为发布单位名称

# 页脚文字（可不填），每行一项：主办单位、ICP备案号、公安备案号等。
footer:
  - 主办单位：请改为主办单位名称

# 网站正式发布地址（可不填），含子路径，以 / 结尾，例如 https://www.example.gov.cn/zwgk/yjs/ 。
# 用于 sitemap.xml、订阅源和 404 页面；其他链接都是相对地址，不填也能正常浏览。
# base_url: https://www.example.gov.cn/zwgk/yjs/

# 咨询电话等联系方式（可不填），显示在页脚和订阅源中。
# contact: 联系电话：0000-0000000

# 公开格式：jiyuan-13（13张表，济源格式）或 putuo-9（9张表，普陀格式）；
# 也可以在 profiles/ 文件夹中放自己的格式文件。
profile: {profile}
"
    )
}

/// What `init` wrote, relative to the site folder.
pub struct Created {
    pub files: Vec<PathBuf>,
    pub year: u16,
}

/// Writes a new site into `dir` (created if missing) for `profile` and `year`.
/// Errors are sentences for the clerk running the command.
pub fn create(dir: &Path, profile: &str, year: u16) -> Result<Created, String> {
    let Some(glossary) = GLOSSARIES
        .iter()
        .find(|(n, _)| *n == profile)
        .map(|(_, g)| *g)
        .filter(|_| Profile::built_in(profile).is_some())
    else {
        let names: Vec<&str> = GLOSSARIES.iter().map(|(n, _)| *n).collect();
        return Err(if zh() {
            format!(
                "没有名为 `{profile}` 的公开格式。请从 {} 中选一个，例如 `--profile {}`。",
                names.join("、"),
                names[0]
            )
        } else {
            format!(
                "there is no profile named `{profile}`; choose one of {}, e.g. `--profile {}`",
                names.join(", "),
                names[0]
            )
        });
    };
    let content = dir.join("content");
    if content.exists() {
        return Err(if zh() {
            format!(
                "{} 已经存在，这里已有网站内容，没有改动任何文件。请换一个空文件夹，例如 `gongkai init 新网站`。",
                content.display()
            )
        } else {
            format!(
                "{} already exists: this folder holds a site, and nothing was changed; choose an empty folder, e.g. `gongkai init new-site`",
                content.display()
            )
        });
    }
    let year_dir = content.join(year.to_string());
    std::fs::create_dir_all(&year_dir).map_err(|e| {
        if zh() {
            format!(
                "无法创建文件夹 {}：{e}。请检查路径和权限。",
                year_dir.display()
            )
        } else {
            format!(
                "cannot create the folder {}: {e}; check the path and permissions",
                year_dir.display()
            )
        }
    })?;
    let files = [
        (PathBuf::from("content/site.yaml"), site_yaml(profile)),
        (PathBuf::from("content/glossary.yaml"), glossary.to_owned()),
    ];
    for (rel, text) in &files {
        let path = dir.join(rel);
        std::fs::write(&path, text).map_err(|e| {
            if zh() {
                format!("无法写入 {}：{e}。请检查路径和权限。", path.display())
            } else {
                format!(
                    "cannot write {}: {e}; check the path and permissions",
                    path.display()
                )
            }
        })?;
    }
    let mut written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    written.push(PathBuf::from(format!("content/{year}/")));
    Ok(Created {
        files: written,
        year,
    })
}

/// This year by the computer's clock (UTC), for the first year's folder.
pub fn this_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // Days to a civil year (Howard Hinnant's algorithm), without a date crate.
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    u16::try_from(year).unwrap_or(2024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_year_is_plausible() {
        let y = this_year();
        assert!((2024..2200).contains(&y), "{y}");
    }

    #[test]
    fn every_built_in_profile_has_a_glossary() {
        for (name, _) in GLOSSARIES {
            assert!(Profile::built_in(name).is_some(), "{name}");
        }
    }
}
