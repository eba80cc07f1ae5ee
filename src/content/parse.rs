//! Reading one YAML file into a typed value with its lines: size-limited, parsed by the one
//! YAML reader, every failure a located problem. Split from `load` so that the profile and
//! the content walk can both read files without needing each other.

use crate::content::problem::Problem;
use crate::content::source_map::SourceMap;
use crate::content::yaml;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// A parsed file with what is needed to point back into it.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// Path shown to the user, relative to the site root.
    pub file: PathBuf,
    /// The file as written (offered as a download, and for line lookups).
    pub text: String,
    pub map: SourceMap,
    pub data: T,
}

impl<T> Loaded<T> {
    /// A problem located at a field of this file.
    pub fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        Problem::new(&self.file, message)
            .at(self.map.line(field), None)
            .field(field)
    }
}

/// A year folder's name: four digits.
pub fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Largest content file read, in bytes. A real department-year is under 100 KB; the limit
/// keeps a mistaken or hostile file (a pasted export, a log) from exhausting memory.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads a file and parses it, turning any failure into a located problem.
pub fn read_and_parse<T: DeserializeOwned>(
    path: &Path,
    shown: &Path,
) -> Result<Loaded<T>, Problem> {
    parse_bytes(read_limited(path, shown)?, shown)
}

/// `size` when known before reading.
fn too_large(shown: &Path, size: Option<u64>) -> Problem {
    let message = match size {
        Some(s) => crate::say!(
            "文件有 {s} 字节，超过 10 MB（{MAX_FILE_BYTES} 字节）的上限",
            "the file is {s} bytes, larger than the limit of {MAX_FILE_BYTES} bytes (10 MB)"
        ),
        None => crate::say!(
            "文件超过 10 MB（{MAX_FILE_BYTES} 字节）的上限",
            "the file is larger than the limit of {MAX_FILE_BYTES} bytes (10 MB)"
        ),
    };
    Problem::new(shown, message).hint(crate::say!(
        "一个部门的预算文件通常不到 100 KB：请确认放在这里的是正确的文件",
        "a department's budget file is normally under 100 KB; check that this is the right file"
    ))
}

/// Reads at most [`MAX_FILE_BYTES`] of a file.
pub(crate) fn read_limited(path: &Path, shown: &Path) -> Result<Vec<u8>, Problem> {
    let unreadable = |e: std::io::Error| {
        Problem::new(
            shown,
            crate::say!("无法读取文件：{e}", "cannot read the file: {e}"),
        )
        .hint(crate::say!(
            "请确认文件存在，并且有读取权限",
            "check that the file exists and can be read"
        ))
    };
    // A symlink could show another file's lines in a message; a FIFO or device would hang.
    let meta = std::fs::symlink_metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Problem::new(
            shown,
            "这不是普通文件（而是符号链接、文件夹、管道或设备），不会读取它",
        )
        .hint("把真正的文件放在这里"));
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(shown, Some(size)));
    }
    // Read at most one byte past the limit, in case the file grew since `metadata`.
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(unreadable)?,
            MAX_FILE_BYTES + 1,
        ),
        &mut bytes,
    )
    .map_err(unreadable)?;
    Ok(bytes)
}

/// Parses a file's bytes: UTF-8 (a byte-order mark is allowed), at most [`MAX_FILE_BYTES`].
pub fn parse_bytes<T: DeserializeOwned>(
    bytes: Vec<u8>,
    shown: &Path,
) -> Result<Loaded<T>, Problem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(shown, None));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
        Problem::new(
            shown,
            crate::say!(
                "文件不是 UTF-8 编码的文本",
                "the file is not valid UTF-8 text"
            ),
        )
        .at(Some(line), None)
        .hint(crate::say!(
            "请把文件另存为 UTF-8 编码（多数编辑器：另存为 → 编码 → UTF-8）",
            "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)"
        ))
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    parse(&text, shown)
}

/// Parses YAML text into `T`, reporting the field path and position of the first error.
pub fn parse<T: DeserializeOwned>(text: &str, shown: &Path) -> Result<Loaded<T>, Problem> {
    let data = yaml::from_str::<T>(text).map_err(|mut e| {
        let map = SourceMap::build(text);
        if let Some(key) = &e.repeated_key
            && let Some((field, first, again)) = map.repeated(key, e.line)
        {
            e.message = format!("`{key}` 在同一层写了两次：第一次在第 {first} 行，这里是第二次");
            e.field = field;
            if e.line != Some(again) {
                (e.line, e.column) = (Some(again), None);
            }
        }
        let line = e.line.or_else(|| map.line(&e.field));
        let p = Problem::new(shown, e.message)
            .at(line, e.column)
            .hint(e.hint);
        if e.field.is_empty() {
            p
        } else {
            p.field(e.field)
        }
    })?;
    Ok(Loaded {
        file: shown.to_path_buf(),
        text: text.to_owned(),
        map: SourceMap::build(text),
        data,
    })
}
