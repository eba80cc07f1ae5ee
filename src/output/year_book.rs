//! A year's workbook: every department's table cells, one per line, joined from pieces that
//! each department deflated when it was built.
//!
//! At provincial scale a year's workbook holds millions of lines. Written through
//! rust_xlsxwriter it cost seconds of every rebuild in which one department of that year
//! changed, and the whole file sat in memory. Here a department's lines become sheet rows
//! once, deflated, when the department is built; the build cache keeps the piece with the
//! department's other working files. The year's file is its pieces one after another inside
//! one zip entry per sheet, which works because:
//! - a deflate stream may be cut where each piece ends on a byte boundary (a sync flush) and
//!   joined again, and an entry's CRC-32 can be combined from its pieces';
//! - a row may leave out its `r` attribute (optional in SpreadsheetML: it then follows the
//!   row before it), so a piece does not depend on where it lands.
//!
//! A sheet holds whole departments, up to Excel's row limit; the next sheet continues.

use super::downloads::{LONG_COLUMNS, Long, long_lines};
use super::xlsx::place;
use crate::derive::table_view::Grid;
use crate::render::page::DisclosureView;
use flate2::{Compress, Compression, FlushCompress, Status};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// Excel's limit on a sheet's rows, its header row included.
const MAX_ROWS: u64 = 1_048_576;

/// Bytes before a piece's deflated rows: CRC-32 and length of the rows as XML, and how many
/// rows, little-endian.
const HEAD: usize = 16;

/// Column widths in characters, as Excel stores them (with its padding).
const WIDTHS: [&str; 8] = [
    "6.7109375",
    "10.7109375",
    "30.7109375",
    "10.7109375",
    "30.7109375",
    "6.7109375",
    "30.7109375",
    "16.7109375",
];

/// Cell styles of `styles.xml`: bold for the header, `#,##0.00` (Excel's built-in format 4)
/// for amounts, as the tables show them.
const BOLD: &str = " s=\"1\"";
const AMOUNT: &str = " s=\"2\"";

/// File name of a year's workbook within the year's folder.
pub fn name(year: u16) -> String {
    format!("budget-{year}.xlsx")
}

/// One department's piece of its year's workbook: its rows, deflated, behind [`HEAD`].
pub fn piece(v: &DisclosureView, grids: &[Grid]) -> Vec<u8> {
    let mut xml = Vec::new();
    let mut rows = 0u32;
    let mut prefix = Vec::new();
    let mut amounts: Vec<Vec<bool>> = Vec::new();
    long_lines(v, grids, |l| match l {
        Long::Table(t, fields) => {
            // Which cells of the body are amounts, where the grid places them.
            amounts = vec![vec![false; t.columns]; t.body.len()];
            place(t.body.iter().map(|r| r.cells.as_slice()), |r, c, cell| {
                if let Some(a) = amounts
                    .get_mut(r as usize)
                    .and_then(|row| row.get_mut(c as usize))
                {
                    *a = cell.class == "num";
                }
            });
            // The five cells every line of a table shares, encoded once per table.
            prefix.clear();
            for f in fields {
                text_cell(&mut prefix, f, "");
            }
        }
        Long::Line {
            row,
            col,
            line,
            column,
            text,
        } => {
            let is_amount = amounts
                .get(row)
                .and_then(|r| r.get(col))
                .copied()
                .unwrap_or(false);
            xml.extend_from_slice(b"<row>");
            xml.extend_from_slice(&prefix);
            number_cell(&mut xml, line, "");
            text_cell(&mut xml, column, "");
            if is_amount {
                number_cell(&mut xml, text, AMOUNT);
            } else {
                text_cell(&mut xml, text, "");
            }
            xml.extend_from_slice(b"</row>");
            rows += 1;
        }
    });
    seal(&xml, rows)
}

/// `rows` rows of XML as a piece.
fn seal(xml: &[u8], rows: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEAD + xml.len() / 4);
    out.extend_from_slice(&crc32fast::hash(xml).to_le_bytes());
    out.extend_from_slice(&(xml.len() as u64).to_le_bytes());
    out.extend_from_slice(&rows.to_le_bytes());
    deflate(xml, false, &mut out);
    out
}

/// A piece on disk, as the year's workbook needs to know it before joining it.
pub struct Piece {
    path: PathBuf,
    crc: u32,
    len: u64,
    rows: u64,
}

impl Piece {
    pub fn open(path: PathBuf) -> std::io::Result<Piece> {
        let mut head = [0u8; HEAD];
        std::fs::File::open(&path)?.read_exact(&mut head)?;
        let word = |at: usize, n: usize| {
            let mut b = [0u8; 8];
            b[..n].copy_from_slice(&head[at..at + n]);
            u64::from_le_bytes(b)
        };
        Ok(Piece {
            crc: word(0, 4) as u32,
            len: word(4, 8),
            rows: word(12, 4),
            path,
        })
    }
}

/// Writes the year's workbook from its departments' pieces, in order.
pub fn write(out: impl Write, year: u16, pieces: &[Piece]) -> std::io::Result<()> {
    write_within(out, year, pieces, MAX_ROWS)
}

/// [`write`], with at most `limit` rows a sheet.
fn write_within(out: impl Write, year: u16, pieces: &[Piece], limit: u64) -> std::io::Result<()> {
    let sheets = sheets(pieces, limit)?;
    let mut zip = rawzip::ZipArchiveWriter::new(out);
    let n = sheets.len();
    let files = [
        ("[Content_Types].xml", content_types(n)),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("docProps/app.xml", APP.to_owned()),
        ("docProps/core.xml", core(year)),
        ("xl/workbook.xml", workbook(year, n)),
        ("xl/_rels/workbook.xml.rels", workbook_rels(n)),
        ("xl/styles.xml", STYLES.to_owned()),
    ];
    for (name, xml) in files {
        let (mut entry, _) = start(&mut zip, name)?;
        let mut deflated = Vec::new();
        deflate(xml.as_bytes(), true, &mut deflated);
        entry.write_all(&deflated)?;
        let done =
            rawzip::DataDescriptorOutput::new(crc32fast::hash(xml.as_bytes()), xml.len() as u64);
        entry.finish(done).map_err(std::io::Error::other)?;
    }
    for (i, range) in sheets.into_iter().enumerate() {
        let (mut entry, _) = start(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1))?;
        let head = sheet_head(i == 0);
        let mut crc = crc32fast::Hasher::new();
        crc.update(head.as_bytes());
        let mut len = head.len() as u64;
        let mut deflated = Vec::new();
        deflate(head.as_bytes(), false, &mut deflated);
        entry.write_all(&deflated)?;
        for p in &pieces[range] {
            let mut file = std::fs::File::open(&p.path)?;
            file.seek(SeekFrom::Start(HEAD as u64))?;
            std::io::copy(&mut file, &mut entry)?;
            crc.combine(&crc32fast::Hasher::new_with_initial_len(p.crc, p.len));
            len += p.len;
        }
        crc.update(SHEET_TAIL.as_bytes());
        len += SHEET_TAIL.len() as u64;
        deflated.clear();
        deflate(SHEET_TAIL.as_bytes(), true, &mut deflated);
        entry.write_all(&deflated)?;
        let done = rawzip::DataDescriptorOutput::new(crc.finalize(), len);
        entry.finish(done).map_err(std::io::Error::other)?;
    }
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}

/// The pieces each sheet holds: whole departments, as many as fit under the row limit.
fn sheets(pieces: &[Piece], limit: u64) -> std::io::Result<Vec<std::ops::Range<usize>>> {
    let mut sheets = Vec::new();
    let (mut first, mut rows) = (0, 0);
    for (i, p) in pieces.iter().enumerate() {
        if p.rows >= limit {
            return Err(std::io::Error::other(crate::say!(
                "有一个部门的数据有 {} 行，超过了 Excel 一张工作表的行数上限，无法放进年度工作簿；请检查这个部门的表格是否重复录入",
                "one department has {} lines, more than a sheet holds",
                p.rows
            )));
        }
        if rows + p.rows >= limit {
            sheets.push(first..i);
            (first, rows) = (i, 0);
        }
        rows += p.rows;
    }
    sheets.push(first..pieces.len());
    Ok(sheets)
}

fn start<'z, W: Write>(
    zip: &'z mut rawzip::ZipArchiveWriter<W>,
    name: &str,
) -> std::io::Result<(rawzip::ZipEntryWriter<'z, W>, rawzip::ZipDataWriterConfig)> {
    zip.new_file(name)
        .compression_method(rawzip::CompressionMethod::DEFLATE)
        .start()
        .map_err(std::io::Error::other)
}

/// Raw deflate at level 1, appended to `out`: ending the stream when `last`, else with a
/// sync flush, so that what follows may be another piece's deflate.
fn deflate(data: &[u8], last: bool, out: &mut Vec<u8>) {
    let mut c = Compress::new(Compression::fast(), false);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    out.reserve(data.len() / 3 + 64);
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity());
        }
        let taken = c.total_in() as usize;
        // Deflating into memory fails only on misuse of the stream, which this is not.
        let status = c.compress_vec(&data[taken..], out, flush);
        let complete = c.total_in() as usize == data.len() && out.len() < out.capacity();
        match status {
            Ok(Status::StreamEnd) => break,
            Ok(_) if !last && complete => break,
            Ok(_) => {}
            Err(e) => unreachable!("deflate into memory: {e}"),
        }
    }
}

/// A cell holding text: escaped for XML, and for Excel's own `_xHHHH_` escapes.
fn text_cell(out: &mut Vec<u8>, text: &str, style: &str) {
    let space = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    out.extend_from_slice(b"<c t=\"inlineStr\"");
    out.extend_from_slice(style.as_bytes());
    out.extend_from_slice(if space {
        b"><is><t xml:space=\"preserve\">".as_slice()
    } else {
        b"><is><t>"
    });
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'&' => out.extend_from_slice(b"&amp;"),
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'\t' | b'\n' | b'\r' => out.push(b),
            0..0x20 => out.extend_from_slice(format!("_x{b:04X}_").as_bytes()),
            b'_' if is_excel_escape(&bytes[i..]) => out.extend_from_slice(b"_x005F_"),
            _ => out.push(b),
        }
    }
    out.extend_from_slice(b"</t></is></c>");
}

/// Whether `s` starts with `_xHHHH_`, which Excel would read as one escaped character.
fn is_excel_escape(s: &[u8]) -> bool {
    s.len() >= 7 && s[1] == b'x' && s[2..6].iter().all(u8::is_ascii_hexdigit) && s[6] == b'_'
}

/// A cell holding a number when `text` is a plain decimal; else text, as it reads.
fn number_cell(out: &mut Vec<u8>, text: &str, style: &str) {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && text.parse::<f64>().is_ok_and(f64::is_finite);
    if !plain {
        return text_cell(out, text, "");
    }
    out.extend_from_slice(b"<c");
    out.extend_from_slice(style.as_bytes());
    out.extend_from_slice(b"><v>");
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(b"</v></c>");
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

fn sheet_head(first: bool) -> String {
    let selected = if first { " tabSelected=\"1\"" } else { "" };
    let mut s = format!(
        "{XML}<worksheet xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><sheetViews><sheetView{selected} \
         workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" \
         state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>\
         </sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>"
    );
    for (i, w) in WIDTHS.iter().enumerate() {
        let c = i + 1;
        s.push_str(&format!(
            "<col min=\"{c}\" max=\"{c}\" width=\"{w}\" customWidth=\"1\"/>"
        ));
    }
    s.push_str("</cols><sheetData><row>");
    let mut row = Vec::new();
    for h in LONG_COLUMNS {
        text_cell(&mut row, h, BOLD);
    }
    s.push_str(std::str::from_utf8(&row).unwrap_or_default());
    s.push_str("</row>");
    s
}

const SHEET_TAIL: &str = "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" \
                          bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";

fn sheet_name(year: u16, i: usize) -> String {
    if i == 0 {
        format!("{year}年度")
    } else {
        format!("{year}年度（{}）", i + 1)
    }
}

fn content_types(sheets: usize) -> String {
    let kind = "application/vnd.openxmlformats";
    let mut s = format!(
        "{XML}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"{kind}-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" \
         ContentType=\"{kind}-officedocument.spreadsheetml.sheet.main+xml\"/>"
    );
    for i in 1..=sheets {
        s.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" \
             ContentType=\"{kind}-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
    }
    s.push_str(&format!(
        "<Override PartName=\"/xl/styles.xml\" \
         ContentType=\"{kind}-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" \
         ContentType=\"{kind}-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" \
         ContentType=\"{kind}-officedocument.extended-properties+xml\"/></Types>"
    ));
    s
}

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>gongkai</Application></Properties>";

/// The title, and 1 January of the year as its date: the same content gives the same bytes.
fn core(year: u16) -> String {
    let when = format!("{:04}-01-01T00:00:00Z", year.max(1900));
    format!(
        "{XML}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{year}年度部门预算</dc:title>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>\
         </cp:coreProperties>"
    )
}

fn workbook(year: u16, sheets: usize) -> String {
    let mut s = format!(
        "{XML}<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><bookViews><workbookView/></bookViews><sheets>"
    );
    for i in 0..sheets {
        let (name, n) = (sheet_name(year, i), i + 1);
        s.push_str(&format!(
            "<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"
        ));
    }
    s.push_str("</sheets></workbook>");
    s
}

fn workbook_rels(sheets: usize) -> String {
    let mut s = format!("{XML}<Relationships xmlns=\"{PKG_REL}\">");
    for n in 1..=sheets {
        s.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
    }
    let n = sheets + 1;
    s.push_str(&format!(
        "<Relationship Id=\"rId{n}\" Type=\"{REL}/styles\" Target=\"styles.xml\"/></Relationships>"
    ));
    s
}

const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>\
<fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    fn row(cells: &[(&str, bool)]) -> Vec<u8> {
        let mut xml = b"<row>".to_vec();
        for (text, amount) in cells {
            if *amount {
                number_cell(&mut xml, text, AMOUNT);
            } else {
                text_cell(&mut xml, text, "");
            }
        }
        xml.extend_from_slice(b"</row>");
        xml
    }

    /// Pieces of 2, 3 and 2 rows written to files, as departments leave them.
    fn pieces(dir: &std::path::Path) -> Vec<Piece> {
        let texts = [
            vec![
                vec![("a & b <c>", false), ("1.50", true)],
                vec![(" lead", false), ("-2", true)],
            ],
            vec![
                vec![("_x0041_", false), ("inf", true)],
                vec![("tab\there", false), ("1e3", true)],
                vec![("\u{1}", false), ("", true)],
            ],
            vec![
                vec![("085", false), ("0.10", true)],
                vec![("末", false), ("3", true)],
            ],
        ];
        texts
            .iter()
            .enumerate()
            .map(|(i, rows)| {
                let xml: Vec<u8> = rows.iter().flat_map(|r| row(r)).collect();
                let path = dir.join(format!("{i}.part"));
                std::fs::write(&path, seal(&xml, rows.len() as u32)).unwrap();
                Piece::open(path).unwrap()
            })
            .collect()
    }

    fn read(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<Data>>)> {
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        wb.sheet_names()
            .into_iter()
            .map(|name| {
                let range = wb.worksheet_range(&name).unwrap();
                let rows = range.rows().map(<[Data]>::to_vec).collect();
                (name, rows)
            })
            .collect()
    }

    /// The joined deflate streams read back cell for cell, in order, with each sheet
    /// holding whole pieces under the row limit; texts come back as they were, amounts as
    /// numbers where they are numbers.
    #[test]
    fn pieces_join_into_sheets_that_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let pieces = pieces(dir.path());
        let mut bytes = Vec::new();
        write_within(&mut bytes, 2024, &pieces, 6).unwrap();
        let sheets = read(bytes);
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["2024年度", "2024年度（2）"]);
        let s = |t: &str| Data::String(t.to_owned());
        let header: Vec<Data> = LONG_COLUMNS.iter().map(|h| s(h)).collect();
        for (_, rows) in &sheets {
            assert_eq!(rows[0], header);
        }
        let first: Vec<&[Data]> = sheets[0].1[1..].iter().map(|r| &r[..2]).collect();
        assert_eq!(
            first.len(),
            5,
            "2 + 3 rows; the third piece would pass 6 with the header"
        );
        assert_eq!(first[0], [s("a & b <c>"), Data::Float(1.5)]);
        assert_eq!(first[1], [s(" lead"), Data::Float(-2.0)]);
        assert_eq!(first[2], [s("_x0041_"), s("inf")]);
        assert_eq!(first[3], [s("tab\there"), Data::Float(1000.0)]);
        assert_eq!(first[4][0], s("\u{1}"));
        let second: Vec<&[Data]> = sheets[1].1[1..].iter().map(|r| &r[..2]).collect();
        assert_eq!(
            second,
            [[s("085"), Data::Float(0.1)], [s("末"), Data::Float(3.0)]]
        );
    }

    /// A department with more lines than a sheet holds is an error, not a cut department.
    #[test]
    fn a_piece_larger_than_a_sheet_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let pieces = pieces(dir.path());
        let e = write_within(std::io::sink(), 2024, &pieces, 3).unwrap_err();
        assert!(e.to_string().contains(" 3 "), "{e}");
    }

    /// The same pieces give the same bytes; a piece's bytes do not depend on where it lands.
    #[test]
    fn the_workbook_is_deterministic() {
        let dir = tempfile::tempdir().unwrap();
        let pieces = pieces(dir.path());
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write(&mut a, 2024, &pieces).unwrap();
        write(&mut b, 2024, &pieces).unwrap();
        assert_eq!(a, b);
        assert_eq!(read(a).len(), 1);
    }
}
