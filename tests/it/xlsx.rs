//! The Excel downloads, read back with calamine: every cell of every table equals the page's
//! table, codes are text, amounts numbers, headers merged as on the page; the year's
//! workbook holds every line of the year's CSV.

use crate::common::{parse_table, public_dir, read_output};
use calamine::{Data, Reader, Xlsx, open_workbook};
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

/// A page amount (`1,042.10`) as a number, or `None` for any other text.
fn amount(s: &str) -> Option<f64> {
    let plain = s.replace(',', "");
    let numeric = !plain.is_empty()
        && plain.contains('.')
        && plain
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    numeric.then(|| plain.parse().unwrap())
}

fn cell_text(d: Option<&Data>) -> String {
    match d {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => panic!("expected text, found {other:?}"),
    }
}

/// Compares one workbook's sheets with the tables of the page at `page`.
fn workbook_equals_page(page: &str, workbook: &str) -> usize {
    let html = read_output(page);
    let doc = Html::parse_document(&html);
    let mut wb: Xlsx<_> = open_workbook(public_dir().join(workbook)).unwrap();
    let names = wb.sheet_names();
    let sections: Vec<ElementRef> = doc.select(&sel("section.annex-table")).collect();
    assert_eq!(names.len(), sections.len(), "one sheet per table");
    let mut compared = 0;
    for (name, section) in names.iter().zip(&sections) {
        let table = section.select(&sel("table")).next().unwrap();
        let id = table.value().attr("id").unwrap();
        let range = wb.worksheet_range(name).unwrap();
        let at = |r: u32, c: u32| range.get_value((r, c));
        // Title, then the lines under it, as the page shows them.
        let h3 = text(section.select(&sel("h3")).next().unwrap());
        let title = cell_text(at(0, 0));
        assert!(h3.contains(&title) && !title.is_empty(), "{name}: {title}");
        let mut row = 1;
        for sub in section.select(&sel("h3 .subtitle")) {
            assert_eq!(cell_text(at(row, 0)), text(sub), "{name}: subtitle");
            row += 1;
        }
        for meta in section.select(&sel(".table-meta span")) {
            assert_eq!(cell_text(at(row, 0)), text(meta), "{name}: meta line");
            row += 1;
        }
        for note in section.select(&sel(".empty-note")) {
            assert_eq!(cell_text(at(row, 0)), text(note), "{name}: empty note");
            row += 1;
        }
        // Header cells where the page places them, merged over their spans.
        let merged = wb.merge_cells_by_sheet_name(name).unwrap();
        let mut taken: Vec<Vec<bool>> = Vec::new();
        let head_rows: Vec<ElementRef> = table.select(&sel("thead tr")).collect();
        for (r, tr) in head_rows.iter().enumerate() {
            let mut c = 0usize;
            for th in tr.select(&sel("th")) {
                while taken
                    .get(r)
                    .and_then(|t| t.get(c))
                    .copied()
                    .unwrap_or(false)
                {
                    c += 1;
                }
                let span = |a: &str| {
                    th.value()
                        .attr(a)
                        .map_or(1, |v| v.parse::<usize>().unwrap())
                };
                let (cs, rs) = (span("colspan"), span("rowspan"));
                for rr in r..r + rs {
                    if taken.len() <= rr {
                        taken.resize(rr + 1, Vec::new());
                    }
                    if taken[rr].len() < c + cs {
                        taken[rr].resize(c + cs, false);
                    }
                    taken[rr][c..c + cs].iter_mut().for_each(|t| *t = true);
                }
                let (x, y) = (row + r as u32, c as u32);
                assert_eq!(cell_text(at(x, y)), text(th), "{name}: header ({x},{y})");
                if cs > 1 || rs > 1 {
                    let end = (x + rs as u32 - 1, y + cs as u32 - 1);
                    assert!(
                        merged.iter().any(|d| d.start == (x, y) && d.end == end),
                        "{name}: header {} not merged over {cs}×{rs}",
                        text(th)
                    );
                }
                c += cs;
            }
        }
        row += head_rows.len() as u32;
        // Every body cell: amounts as numbers, everything else as the page's text.
        for (r, cells) in parse_table(&html, id).iter().enumerate() {
            for (c, want) in cells.iter().enumerate() {
                let got = at(row + r as u32, c as u32);
                let (x, y) = (row + r as u32, c as u32);
                match amount(want) {
                    Some(n) => match got {
                        Some(Data::Float(f)) => {
                            assert_eq!(format!("{f:.2}"), format!("{n:.2}"), "{name} ({x},{y})")
                        }
                        other => panic!("{name} ({x},{y}): {want} written as {other:?}"),
                    },
                    None => assert_eq!(&cell_text(got), want, "{name} ({x},{y})"),
                }
                compared += 1;
            }
        }
    }
    compared
}

#[test]
fn the_disclosure_workbook_equals_its_tables() {
    let compared = workbook_equals_page("2024/085/index.html", "2024/085/085-2024.xlsx");
    assert!(compared > 500, "only {compared} cells compared");
    // A department with several budget units, and one with empty tables.
    workbook_equals_page("2024/043/index.html", "2024/043/043-2024.xlsx");
    workbook_equals_page("2024/056/index.html", "2024/056/056-2024.xlsx");
}

#[test]
fn codes_are_text_and_amounts_numbers() {
    let mut wb: Xlsx<_> = open_workbook(public_dir().join("2024/085/085-2024.xlsx")).unwrap();
    let first = wb.sheet_names()[1].clone();
    let range = wb.worksheet_range(&first).unwrap();
    let cells: Vec<&Data> = range.used_cells().map(|(_, _, d)| d).collect();
    assert!(cells.contains(&&Data::String("085001".into())), "{cells:?}");
    assert!(cells.contains(&&Data::Float(1042.1)), "{cells:?}");
    assert!(
        cells.contains(&&Data::String("单位：万元".into())),
        "{cells:?}"
    );
}

#[test]
fn the_year_workbook_holds_every_line_of_the_year_csv() {
    let csv = std::fs::read(public_dir().join("2024/budget-2024.csv")).unwrap();
    let mut r = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let lines: Vec<Vec<String>> = r
        .records()
        .map(|rec| {
            rec.unwrap()
                .iter()
                .map(|c| {
                    c.strip_prefix("=\"")
                        .and_then(|c| c.strip_suffix('"'))
                        .unwrap_or(c)
                        .to_owned()
                })
                .collect()
        })
        .collect();
    let mut wb: Xlsx<_> = open_workbook(public_dir().join("2024/budget-2024.xlsx")).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(
        rows[0]
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(","),
        "年度,部门代码,部门名称,表号,表名,行,列,值"
    );
    assert_eq!(rows.len() - 1, lines.len(), "one row per CSV line");
    for (i, (row, line)) in rows[1..].iter().zip(&lines).enumerate() {
        assert_eq!(
            row[1],
            Data::String(line[1].clone()),
            "line {i}: code as text"
        );
        for (c, (cell, want)) in row.iter().zip(line).enumerate() {
            let got = match cell {
                Data::Float(f) if c == 7 => format!("{f:.2}"),
                Data::Float(f) => format!("{f}"),
                other => other.to_string(),
            };
            assert_eq!(&got, want, "line {i}, column {c}");
        }
    }
}

#[test]
fn the_page_links_its_workbooks() {
    let page = read_output("2024/085/index.html");
    assert!(page.contains("href=\"085-2024.xlsx\""));
    let year = read_output("2024/index.html");
    assert!(year.contains("href=\"budget-2024.xlsx\""));
}
