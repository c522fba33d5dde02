//! CSV that a spreadsheet opens safely: quoting by the `csv` crate, no cell
//! that runs as a formula, and a byte order mark on request.

use std::io::{self, Write};

/// What starts a formula in Excel, LibreOffice and Google Sheets (OWASP,
/// "CSV Injection").
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A plain number (`12`, `-3.5`): left as it is, since a spreadsheet reads
/// it as a number and nothing else.
fn plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The cell as written: a `'` before one a spreadsheet would run.
pub fn safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(TRIGGERS) && !plain_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A CSV table being written.
pub struct Table<'w> {
    w: csv::Writer<&'w mut dyn Write>,
}

impl<'w> Table<'w> {
    pub fn new(out: &'w mut dyn Write, bom: bool, header: &[&str]) -> io::Result<Table<'w>> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header)?;
        Ok(Table { w })
    }

    pub fn row(&mut self, cells: &[String]) -> io::Result<()> {
        self.w.write_record(cells.iter().map(|c| safe(c).into_owned()))?;
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(safe("+44 75 226 13520"), "'+44 75 226 13520");
        assert_eq!(safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe("\tcmd"), "'\tcmd");
        assert_eq!(safe("\rx"), "'\rx");
        assert_eq!(safe("-1+1"), "'-1+1");
        assert_eq!(safe("-"), "'-");
        assert_eq!(safe("-37.15"), "-37.15");
        assert_eq!(safe("12"), "12");
        assert_eq!(safe("قصف = دمار"), "قصف = دمار");
        assert_eq!(safe(""), "");
    }

    #[test]
    fn a_bom_starts_the_file_on_request() {
        let mut out = Vec::new();
        {
            let mut t = Table::new(&mut out, true, &["a", "b"]).unwrap();
            t.row(&["=1".to_string(), "حلب".to_string()]).unwrap();
            t.flush().unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "\u{feff}a,b\n'=1,حلب\n");
    }
}
