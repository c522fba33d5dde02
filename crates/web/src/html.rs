//! The page layout and the small helpers every page shares.
//!
//! Everything a document says (titles, text, names, quotes, URLs) is
//! hostile input. It reaches HTML only through [`esc`], the presentation
//! library's one escape, shared with the report, safe in element content
//! and in quoted attributes alike, so there is no second escaping rule to
//! forget. Numbers, direction and evidence windows come from there too.

use sitrep_record::DocId;
use std::fmt::Write;

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($o:expr, $($t:tt)*) => {{
        use std::fmt::Write as _;
        let _ = $o.write_fmt(format_args!($($t)*));
    }};
}
pub(crate) use w;

pub use sitrep_present::direction::is_arabic;
pub use sitrep_present::html::{dir_attrs, esc, isolated as t};

/// Every byte but the unreserved characters of RFC 3986.
const COMPONENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// A query-string or path component (or a cookie value), percent-encoded
/// (then still passed through [`esc`] when it lands in an attribute).
pub fn url_part(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, COMPONENT).to_string()
}

/// `12,345`, `2.5`.
pub use sitrep_present::numbers::grouped as num;

/// An integer with thousands separators.
pub fn count(n: usize) -> String {
    num(n as f64)
}

/// `1 event`, `2 events`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// Where the words `[start, end)` of a document are shown.
pub fn evidence_href(doc: &str, span: [usize; 2]) -> String {
    format!("/documents/{}#c{}-{}", DocId::hex_of(doc), span[0], span[1])
}

/// A sentence with its marked words, shortened around them.
pub use sitrep_present::evidence::desk_html as context_html;

/// What the layout needs to know about the request.
pub struct Chrome<'a> {
    pub title: &'a str,
    /// The nav entry to mark as current.
    pub section: &'a str,
    pub query: &'a str,
    pub user: &'a str,
    pub csrf: &'a str,
    pub flash: Option<&'a str>,
    /// Shown when the figures, timeline and quotes are from a slightly
    /// older state of the archive than the one on disk.
    pub stale: bool,
}

const NAV: [(&str, &str, &str); 5] = [
    ("documents", "/documents", "Documents"),
    ("figures", "/figures", "Figures"),
    ("timeline", "/timeline", "Timeline &amp; map"),
    ("quotes", "/quotes", "Quotes"),
    ("audit", "/audit", "Audit log"),
];

/// A whole page around `body` (already HTML).
pub fn page(c: &Chrome, body: &str) -> String {
    let mut o = String::with_capacity(body.len() + 4096);
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    w!(o, "<title>{} · sitrep</title>\n", esc(c.title));
    o.push_str("<link rel=\"stylesheet\" href=\"/assets/app.css\">\n");
    o.push_str("<script src=\"/assets/app.js\" defer></script>\n</head>\n<body>\n");
    o.push_str("<header class=\"top\"><div class=\"bar\">\n<a class=\"brand\" href=\"/documents\">sitrep</a>\n<nav>");
    for (key, href, label) in NAV {
        let current = if key == c.section { " aria-current=\"page\"" } else { "" };
        w!(o, "<a href=\"{href}\"{current}>{label}</a>");
    }
    o.push_str("</nav>\n");
    w!(
        o,
        "<form class=\"search\" method=\"get\" action=\"/documents\" role=\"search\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search documents (English or Arabic)\" \
         aria-label=\"Search documents\" dir=\"auto\"></form>\n",
        esc(c.query)
    );
    if !c.csrf.is_empty() {
        who_form(&mut o, c);
    }
    o.push_str("</div></header>\n<main>\n");
    if let Some(f) = c.flash {
        w!(o, "<p class=\"flash\" role=\"status\">{}</p>\n", esc(f));
    }
    if c.stale {
        o.push_str(
            "<p class=\"flash warn\" role=\"status\">The archive is changing (documents are being added or \
             reviewed): this page shows the state of a moment ago. Reload to see the newest.</p>\n",
        );
    }
    o.push_str(body);
    o.push_str("\n</main>\n<footer class=\"foot\">sitrep · machine output is a suggestion: every fact links to its words, and every review is in the <a href=\"/audit\">audit log</a>.</footer>\n</body>\n</html>\n");
    o
}

fn who_form(o: &mut String, c: &Chrome) {
    w!(
        o,
        "<form class=\"who\" method=\"post\" action=\"/user\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"back\" value=\"\" class=\"back\">\
         <label>Reviewing as <input name=\"user\" value=\"{}\" size=\"10\" maxlength=\"60\" required></label>\
         <button type=\"submit\" class=\"quiet\">Set</button></form>\n",
        esc(c.csrf),
        esc(c.user)
    );
}

/// Previous / next links for a list of `total` items shown `per` at a
/// time; `href(page)` makes a link. `total` may be `None` when unknown
/// (search), then `more` says whether a next page exists.
pub fn pager(page: usize, per: usize, total: Option<usize>, more: bool, href: &dyn Fn(usize) -> String) -> String {
    let pages = total.map(|t| t.div_ceil(per).max(1));
    let has_next = match pages {
        Some(p) => page + 1 < p,
        None => more,
    };
    if page == 0 && !has_next {
        return String::new();
    }
    let mut o = String::from("<nav class=\"pager\" aria-label=\"Pages\">");
    if page > 0 {
        w!(o, "<a href=\"{}\" rel=\"prev\">← Previous</a>", esc(&href(page - 1)));
    }
    match pages {
        Some(p) => w!(o, "<span>Page {} of {}</span>", count(page + 1), count(p)),
        None => w!(o, "<span>Page {}</span>", count(page + 1)),
    }
    if has_next {
        w!(o, "<a href=\"{}\" rel=\"next\">Next →</a>", esc(&href(page + 1)));
    }
    o.push_str("</nav>");
    o
}

/// A query string from non-empty pairs, `?a=1&b=2`, or empty.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut o = String::new();
    for (k, v) in pairs.iter().filter(|p| !p.1.is_empty()) {
        o.push(if o.is_empty() { '?' } else { '&' });
        let _ = write!(o, "{}={}", url_part(k), url_part(v));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_content_and_attributes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\u{0}b"), "a\u{FFFD}b");
        assert_eq!(url_part("حلب x&y"), "%D8%AD%D9%84%D8%A8%20x%26y");
        assert_eq!(query_string(&[("q", "a b"), ("lang", ""), ("page", "2")]), "?q=a%20b&page=2");
    }

    #[test]
    fn numbers_have_separators() {
        assert_eq!(count(10_000), "10,000");
        assert_eq!(plural(1, "event", "events"), "1 event");
    }
}
