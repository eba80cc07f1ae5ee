//! Cells of the CSV downloads: what a spreadsheet program must not run as a formula, and
//! how a code keeps its leading zeros there. Every CSV the site publishes (table downloads,
//! the year files, the open data) writes its cells through these.

/// A cell of the table downloads, which people open in Excel or WPS first.
///
/// A code (`085`, `05`, a 21-digit project code) would lose its leading zeros or turn into
/// `4.19E+20` there, so it is written as `="085"`: a formula whose only content is the code
/// as a constant text, which both show as `085`. Only texts of digits alone are written so,
/// and amounts always hold a decimal point, so no data can make this write anything else.
/// The open-data CSV, read by programs, keeps codes plain and uses [`neutralise`] alone.
pub fn excel_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if is_code(cell) {
        return format!("=\"{cell}\"").into();
    }
    neutralise(cell)
}

/// A spreadsheet would run a cell starting with `=`, `+`, `-` or `@` (or their full-width
/// forms) as a formula, and some trim leading whitespace first; a leading apostrophe keeps
/// such text as text. Plain numbers are left alone.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
        || cell.starts_with(char::is_whitespace);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Digits that a spreadsheet would read as a number but that are a code: those with a
/// leading zero, and those too long for a spreadsheet's 15 significant digits. Other
/// digit-only codes (`2010101`) read back the same either way and stay plain.
fn is_code(cell: &str) -> bool {
    !cell.is_empty()
        && cell.bytes().all(|b| b.is_ascii_digit())
        && (cell.starts_with('0') && cell.len() > 1 || cell.len() > 15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("+1+2"), "'+1+2");
        assert_eq!(neutralise("-3.50"), "-3.50");
        assert_eq!(neutralise("1042.10"), "1042.10");
        assert_eq!(neutralise("事业运行"), "事业运行");
        assert_eq!(excel_cell("085"), "=\"085\"");
        assert_eq!(excel_cell("085001"), "=\"085001\"");
        assert_eq!(
            excel_cell("419001240000000000001"),
            "=\"419001240000000000001\""
        );
        assert_eq!(excel_cell("2010101"), "2010101");
        assert_eq!(excel_cell("0"), "0");
        assert_eq!(excel_cell("0.50"), "0.50");
        assert_eq!(excel_cell("=1+1"), "'=1+1");
        // The open data keeps codes as they are.
        assert_eq!(neutralise("085"), "085");
        assert_eq!(neutralise(" =1+1"), "' =1+1");
        assert_eq!(neutralise("\u{3000}=1"), "'\u{3000}=1");
        assert_eq!(neutralise("\n@x"), "'\n@x");
        assert_eq!(neutralise("＝1+1"), "'＝1+1");
    }
}
