//! The documents: a list with filters and full-text search, one
//! document's text with its facts marked and the forms to review them, and
//! the raw original.

use crate::cache::{DocRow, Want};
use crate::html::{self, count, dir_attrs, esc, plural, query_string, t, w};
use crate::security::Pairs;
use crate::{db, snapshot, Ctx, Failure, Shared, KINDS};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sitrep_record::{Category, FactKind, Qualifier};
use sitrep_store::review::Fact;
use sitrep_store::{Hit, StoreError, Stored};
use sitrep_text::CharIndex;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Rows on one page of the list.
pub const PER_PAGE: usize = 50;

/// Search hits read when filters narrow them afterwards.
const FILTERED_HITS: usize = 2_000;

/// The list's query, as given.
#[derive(Default)]
struct ListQuery {
    q: String,
    from: String,
    to: String,
    place: String,
    lang: String,
    source: String,
    page: usize,
}

impl ListQuery {
    fn parse(pairs: &Pairs) -> ListQuery {
        let mut q = ListQuery::default();
        for (k, v) in pairs {
            let v = v.trim().to_string();
            match k.as_str() {
                "q" => q.q = v,
                "from" => q.from = v,
                "to" => q.to = v,
                "place" => q.place = v,
                "lang" => q.lang = v,
                "source" => q.source = v,
                "page" => q.page = v.parse::<usize>().unwrap_or(1).max(1) - 1,
                _ => {}
            }
        }
        q
    }

    fn filtered(&self) -> bool {
        !(self.from.is_empty()
            && self.to.is_empty()
            && self.place.is_empty()
            && self.lang.is_empty()
            && self.source.is_empty())
    }

    fn href(&self, page: usize) -> String {
        let p = (page + 1).to_string();
        format!(
            "/documents{}",
            query_string(&[
                ("q", &self.q),
                ("from", &self.from),
                ("to", &self.to),
                ("place", &self.place),
                ("lang", &self.lang),
                ("source", &self.source),
                ("page", if page == 0 { "" } else { &p }),
            ])
        )
    }

    fn keeps(&self, d: &DocRow, place: &str) -> bool {
        let day = d.published.as_deref().map(|p| p.get(..10).unwrap_or(p));
        if !self.from.is_empty() && day.is_none_or(|p| p < self.from.as_str()) {
            return false;
        }
        if !self.to.is_empty() && day.is_none_or(|p| p > self.to.as_str()) {
            return false;
        }
        if !self.lang.is_empty() && !d.languages.iter().any(|l| l.eq_ignore_ascii_case(&self.lang)) {
            return false;
        }
        if !self.source.is_empty() {
            let s = self.source.to_lowercase();
            if !d.source.to_lowercase().contains(&s) && !d.publisher.to_lowercase().contains(&s) {
                return false;
            }
        }
        if !place.is_empty() && !d.place_keys.iter().any(|k| k == place || k.starts_with(&format!("{place} "))) {
            return false;
        }
        true
    }
}

/// `GET /documents`
pub async fn list(State(s): State<Shared>, ctx: Ctx, Query(pairs): Query<Pairs>) -> Result<Response, Failure> {
    let q = ListQuery::parse(&pairs);
    let got = snapshot(&s, Want::Docs, false).await?;
    let snap = got.snapshot;
    let place = sitrep_link::norm(&q.place);
    let mut body = String::with_capacity(64 * 1024);
    let mut rows: Vec<(&DocRow, Option<Hit>)> = Vec::new();
    let mut more = false;
    let mut total = None;
    let mut search_error = None;
    if !q.q.is_empty() {
        let wanted = if q.filtered() { FILTERED_HITS } else { (q.page + 1) * PER_PAGE + 1 };
        let query = q.q.clone();
        match db(&s, move |a| a.search(&query, wanted)).await {
            Ok(hits) => {
                let read = hits.len();
                let kept: Vec<(&DocRow, Option<Hit>)> = hits
                    .into_iter()
                    .filter_map(|h| snap.by_id.get(&h.id).map(|&i| (&snap.docs[i], Some(h))))
                    .filter(|(d, _)| q.keeps(d, &place))
                    .collect();
                if read < wanted {
                    total = Some(kept.len());
                }
                more = kept.len() > (q.page + 1) * PER_PAGE;
                rows = kept.into_iter().skip(q.page * PER_PAGE).take(PER_PAGE).collect();
            }
            Err(f) if f.status == StatusCode::BAD_REQUEST => search_error = Some(f.message),
            Err(f) => return Err(f),
        }
    } else {
        let mut kept: Vec<&DocRow> = snap.docs.iter().filter(|d| q.keeps(d, &place)).collect();
        // Newest reporting first; undated last, newest addition first.
        kept.reverse();
        kept.sort_by(|a, b| b.published.as_deref().map(day).cmp(&a.published.as_deref().map(day)));
        total = Some(kept.len());
        rows = kept.into_iter().skip(q.page * PER_PAGE).take(PER_PAGE).map(|d| (d, None)).collect();
    }

    body.push_str("<div class=\"head\"><h1>Documents</h1>");
    w!(body, "<p class=\"muted\">{} in the archive.</p></div>\n", plural(snap.docs.len(), "document", "documents"));
    filters_form(&mut body, &q, &snap.place_names, &snap.docs);
    let refused = search_error.is_some();
    if let Some(e) = search_error {
        w!(body, "<p class=\"error\">{}</p>\n", esc(&e));
    }
    let shown = match (total, q.q.is_empty()) {
        (Some(n), true) => format!("{} match.", plural(n, "document", "documents")),
        (Some(n), false) => format!("{} found for <q>{}</q>.", plural(n, "document", "documents"), t(&q.q)),
        (None, _) => format!("Best matches for <q>{}</q>, most relevant first.", t(&q.q)),
    };
    w!(body, "<p class=\"count\">{shown}</p>\n");
    if rows.is_empty() {
        body.push_str("<p class=\"empty\">No document matches. Try fewer filters or other words.</p>\n");
    } else {
        body.push_str(
            "<table class=\"docs\">\n<thead><tr><th class=\"date\">Date</th><th>Lang</th><th>Title</th>\
             <th>Source</th><th class=\"facts-col\">Facts</th></tr></thead>\n<tbody>\n",
        );
        for (d, hit) in &rows {
            row_html(&mut body, d, hit.as_ref());
        }
        body.push_str("</tbody>\n</table>\n");
    }
    body.push_str(&html::pager(q.page, PER_PAGE, total, more, &|p| q.href(p)));
    let mut page = ctx.page("Documents", "documents", &q.q, got.stale, &body);
    // A query that cannot be searched is the asker's mistake: the page
    // says why, under 400 so scripts can tell.
    if refused {
        *page.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(page)
}

fn day(p: &str) -> &str {
    p.get(..10).unwrap_or(p)
}

fn filters_form(o: &mut String, q: &ListQuery, places: &[String], docs: &[DocRow]) {
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs {
        for l in &d.languages {
            *langs.entry(l.as_str()).or_default() += 1;
        }
    }
    o.push_str("<form class=\"filters\" method=\"get\" action=\"/documents\">\n");
    w!(
        o,
        "<label class=\"wide\">Words <input type=\"search\" name=\"q\" value=\"{}\" dir=\"auto\" \
         placeholder=\"shelling, &quot;old city&quot;, حلب, -rumour, bomb*\"></label>\n",
        esc(&q.q)
    );
    w!(o, "<label>From <input type=\"date\" name=\"from\" value=\"{}\"></label>\n", esc(&q.from));
    w!(o, "<label>To <input type=\"date\" name=\"to\" value=\"{}\"></label>\n", esc(&q.to));
    w!(
        o,
        "<label>Place <input name=\"place\" value=\"{}\" list=\"places\" dir=\"auto\" size=\"14\"></label>\n",
        esc(&q.place)
    );
    o.push_str("<datalist id=\"places\">");
    for p in places {
        w!(o, "<option value=\"{}\">", esc(p));
    }
    o.push_str("</datalist>\n<label>Language <select name=\"lang\"><option value=\"\">any</option>");
    for (l, n) in langs {
        let sel = if l == q.lang { " selected" } else { "" };
        w!(o, "<option value=\"{}\"{sel}>{} ({})</option>", esc(l), esc(&language_name(l)), count(n));
    }
    o.push_str("</select></label>\n");
    w!(
        o,
        "<label>Source <input name=\"source\" value=\"{}\" size=\"14\" placeholder=\"site or URL\"></label>\n",
        esc(&q.source)
    );
    o.push_str("<button type=\"submit\">Filter</button> <a class=\"quiet\" href=\"/documents\">Clear</a>\n</form>\n");
}

pub fn language_name(code: &str) -> String {
    match code {
        "ar" => "Arabic".into(),
        "en" => "English".into(),
        "fr" => "French".into(),
        "" => "unknown".into(),
        other => other.into(),
    }
}

fn row_html(o: &mut String, d: &DocRow, hit: Option<&Hit>) {
    let date = d.published.as_deref().map(day).unwrap_or("–");
    let title = d.title.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or("(untitled)");
    let langs = d.languages.iter().map(|l| esc(l)).collect::<Vec<_>>().join(" ");
    w!(
        o,
        "<tr><td class=\"date\">{}</td><td class=\"lang\">{langs}</td><td><a class=\"title\" href=\"/documents/{}\"{}>{}</a>",
        esc(date),
        esc(&d.id),
        dir_attrs(title, ""),
        esc(title)
    );
    if let Some(c) = &d.copy_of {
        w!(o, "<div class=\"copy muted small\">{}</div>", copy_html(c));
    }
    if let Some(h) = hit {
        w!(o, "<div class=\"snippet\"{}>{}</div>", dir_attrs(&h.snippet, ""), snippet_html(h));
    }
    // The publisher, else where the copy came from (its host or file).
    let fallback = d.publisher.is_empty() || d.publisher.starts_with("document ");
    let source = if fallback { where_from(&d.source) } else { d.publisher.as_str() };
    w!(o, "</td><td class=\"source\" title=\"{}\">{}</td><td class=\"facts-col\">", esc(&d.source), t(source));
    for (i, kind) in KINDS.iter().enumerate() {
        if d.counts[i] > 0 {
            w!(
                o,
                "<span class=\"chip fact-{kind}\" title=\"{}\">{}</span>",
                plural(d.counts[i], kind.as_str(), &format!("{kind}s")),
                count(d.counts[i])
            );
        }
    }
    o.push_str("</td></tr>\n");
}

/// `copy of <a>3f2a9c1b12ab</a>, 94% the same`.
fn copy_html(c: &sitrep_store::CopyRef) -> String {
    format!(
        "copy of <a href=\"/documents/{}\"><code>{}</code></a>, {}% the same",
        esc(&c.id),
        esc(sitrep_present::short_id(&c.id)),
        c.percent
    )
}

/// A URL's host, else a path's file name.
fn where_from(location: &str) -> &str {
    if let Some(rest) = location.split_once("://").map(|p| p.1) {
        return rest.split(['/', '?', '#']).next().unwrap_or(rest);
    }
    location.rsplit(['/', '\\']).next().unwrap_or(location)
}

fn snippet_html(h: &Hit) -> String {
    let chars: Vec<char> = h.snippet.chars().collect();
    let mut o = String::new();
    let mut at = 0;
    for &(s, e) in &h.highlights {
        if s < at || e > chars.len() {
            continue;
        }
        o.push_str(&esc(&chars[at..s].iter().collect::<String>()));
        w!(o, "<mark>{}</mark>", esc(&chars[s..e].iter().collect::<String>()));
        at = e;
    }
    o.push_str(&esc(&chars[at..].iter().collect::<String>()));
    o
}

/// A document, its facts, and the date (and how it was found) its record
/// gives it.
type Page = (Stored, Vec<Fact>, Option<(String, String)>);

/// What a document address found.
enum Found {
    One(Box<Page>),
    Several(Vec<(String, Option<String>)>),
}

/// `GET /documents/<id or prefix>`
pub async fn show(State(s): State<Shared>, ctx: Ctx, Path(prefix): Path<String>) -> Result<Response, Failure> {
    let found = db(&s, move |a| match a.resolve(&prefix) {
        Ok(id) => {
            let stored = a.get(&id)?;
            let facts = a.facts(&id)?;
            // The date the extractor gave the document, when it states none.
            let dated = a.record(&id)?.and_then(|r| {
                let d = r.document;
                d.published.map(|p| (p, d.published_source.unwrap_or_default()))
            });
            Ok(Found::One(Box::new((stored, facts, dated))))
        }
        Err(StoreError::Ambiguous { candidates, .. }) => {
            let mut out = Vec::new();
            for c in candidates {
                let title = a.get(&c)?.title;
                out.push((c, title));
            }
            Ok(Found::Several(out))
        }
        Err(e) => Err(e),
    })
    .await?;
    match found {
        Found::Several(c) => {
            let mut body = String::from(
                "<h1>Which document?</h1>\n<p>Several documents start with that id:</p>\n<ul class=\"plain\">\n",
            );
            for (id, title) in &c {
                w!(
                    body,
                    "<li><a href=\"/documents/{}\"><code>{}</code></a> {}</li>\n",
                    esc(id),
                    esc(id),
                    t(title.as_deref().unwrap_or("(untitled)"))
                );
            }
            body.push_str("</ul>\n");
            let mut r = ctx.page("Which document?", "documents", "", false, &body);
            *r.status_mut() = StatusCode::MULTIPLE_CHOICES;
            Ok(r)
        }
        Found::One(b) => {
            let (mut stored, facts, dated) = *b;
            if stored.published.is_none() {
                stored.published = dated.map(|(p, how)| match how.as_str() {
                    "text" => format!("{p} (stated in the text)"),
                    "inferred" => format!("{p} (inferred from the text)"),
                    _ => p,
                });
            }
            let title = stored.title.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "(untitled)".into());
            let body = document_html(&ctx, &stored, &facts);
            Ok(ctx.page(&title, "documents", "", false, &body))
        }
    }
}

/// `GET /documents/<id>/raw`: the original bytes, verified against the id,
/// as a download that no browser renders.
pub async fn raw(State(s): State<Shared>, Path(prefix): Path<String>) -> Result<Response, Failure> {
    let (id, bytes) = db(&s, move |a| {
        let id = a.resolve(&prefix)?;
        let bytes = a.raw(&id)?;
        Ok((id, bytes))
    })
    .await?;
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    let name = format!("attachment; filename=\"{}.bin\"", &id[..id.len().min(16)]);
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&name).expect("hex is a valid header"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    Ok(r)
}

/// A fact's item as it stands, else as the machine had it.
fn item(f: &Fact) -> Option<&Value> {
    f.current.as_ref().or(f.machine.as_ref())
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn n(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// A fact's normalized value in words.
pub fn describe(kind: FactKind, v: &Value, places: &HashMap<String, String>) -> String {
    let place = |id: &str| places.get(id).cloned().unwrap_or_else(|| id.to_string());
    match kind {
        FactKind::Date => {
            let mut d = s(v, "value").to_string();
            let p = s(v, "precision");
            if !p.is_empty() {
                d.push_str(&format!(" ({p}"));
                if v.get("relative").and_then(Value::as_bool) == Some(true) {
                    d.push_str(", relative");
                }
                d.push(')');
            }
            d
        }
        FactKind::Figure => {
            let q = &v["quantity"];
            let mut d =
                format!("{}: {}", s(v, "category"), q.get("value").and_then(n).map(html::num).unwrap_or_default());
            let (lo, hi) = (q.get("low").and_then(n), q.get("high").and_then(n));
            if lo.is_some() && hi.is_some() && lo != hi {
                d.push_str(&format!(" (range {}–{})", html::num(lo.unwrap_or(0.0)), html::num(hi.unwrap_or(0.0))));
            }
            let qual = s(&v["quantity"], "qualifier");
            if !qual.is_empty() && qual != "exact" {
                d.push_str(&format!(", {qual}"));
            }
            let unit = s(v, "unit");
            if !unit.is_empty() && unit != "people" {
                d.push_str(&format!(" {unit}"));
            }
            if let Some(date) = v.get("date").and_then(Value::as_str) {
                d.push_str(&format!(" · {date}"));
            }
            if let Some(p) = v.get("place").and_then(Value::as_str) {
                d.push_str(&format!(" · {}", place(p)));
            }
            if let Some(src) = v.get("source").and_then(Value::as_str) {
                d.push_str(&format!(" · according to {src}"));
            }
            d
        }
        FactKind::Place => {
            let mut d = s(v, "name").to_string();
            let k = s(v, "kind");
            let within: Vec<&str> = v["within"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            if !k.is_empty() {
                d.push_str(&format!(" ({k}"));
                if !within.is_empty() {
                    d.push_str(&format!(" in {}", within.join(", ")));
                }
                d.push(')');
            }
            if let (Some(lat), Some(lon)) = (v.get("lat").and_then(n), v.get("lon").and_then(n)) {
                d.push_str(&format!(" · {lat:.3}, {lon:.3}"));
            }
            // Why the extractor took it (`exact name, cue, country`).
            let why: Vec<&str> = v["evidence"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            if !why.is_empty() {
                d.push_str(&format!(" · taken on: {}", why.join(", ")));
            }
            d
        }
        FactKind::Actor => {
            let mut d = s(v, "name").to_string();
            let k = s(v, "kind");
            if !k.is_empty() {
                d.push_str(&format!(" ({k})"));
            }
            if let Some(r) = v.get("role").and_then(Value::as_str) {
                d.push_str(&format!(" · {r}"));
            }
            // A monitor or a ministry that documents what happened.
            if v.get("part").and_then(Value::as_str) == Some("reporter") {
                d.push_str(" · reporter");
            }
            d
        }
        FactKind::Quote => {
            let mut d = match v.get("speaker").and_then(Value::as_str) {
                Some(sp) => format!("said by {sp}"),
                None => "speaker not known".into(),
            };
            if let Some(r) = v.get("speaker_role").and_then(Value::as_str) {
                d.push_str(&format!(", {r}"));
            }
            d
        }
        FactKind::Event => {
            let sub = s(&v["acled"], "sub_event_type");
            let mut d = if sub.is_empty() { s(v, "type").replace('_', " ") } else { sub.to_string() };
            if let Some(date) = v.get("date").and_then(Value::as_str) {
                d.push_str(&format!(" · {date}"));
            }
            if let Some(p) = v.get("place").and_then(Value::as_str) {
                d.push_str(&format!(" · {}", place(p)));
            }
            if let Some(k) = v.get("killed").and_then(|k| k.get("best")).and_then(n) {
                d.push_str(&format!(" · {} killed", html::num(k)));
            }
            d
        }
    }
}

fn document_html(ctx: &Ctx, d: &Stored, facts: &[Fact]) -> String {
    let mut o = String::with_capacity(d.text.len() * 3 + 16 * 1024);
    let title = d.title.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or("(untitled)");
    let places: HashMap<String, String> = facts
        .iter()
        .filter(|f| f.kind == FactKind::Place)
        .filter_map(item)
        .map(|v| (s(v, "id").to_string(), s(v, "name").to_string()))
        .collect();
    w!(o, "<article class=\"doc\" data-doc=\"{}\">\n", esc(&d.id));
    w!(o, "<h1{}>{}</h1>\n", dir_attrs(title, ""), esc(title));
    o.push_str("<dl class=\"meta\">");
    let mut meta = |k: &str, v: String| w!(o, "<div><dt>{k}</dt><dd>{v}</dd></div>");
    meta("Published", d.published.as_deref().map_or_else(|| "not stated".into(), esc));
    meta("Languages", d.languages.iter().map(|l| esc(&language_name(l))).collect::<Vec<_>>().join(", "));
    meta(
        "Format",
        format!("{}{}", esc(&d.format), d.container.as_deref().map(|c| format!(" in {}", esc(c))).unwrap_or_default()),
    );
    meta("Size", format!("{} bytes", count(d.size as usize)));
    if let Some(site) = &d.site {
        meta("Site", t(site));
    }
    if let Some(author) = &d.author {
        meta("Author", t(author));
    }
    if let Some(url) = &d.url {
        meta("Address", url_html(url));
    }
    if let Some(r) = &d.relayed_from {
        meta("Relays", t(r));
    }
    if let Some(c) = &d.copy_of {
        meta("Copy", copy_html(c));
    }
    if !d.copies.is_empty() {
        let copies: Vec<String> = d
            .copies
            .iter()
            .map(|c| {
                format!(
                    "<a href=\"/documents/{}\"><code>{}</code></a> ({}% the same)",
                    esc(&c.id),
                    esc(sitrep_present::short_id(&c.id)),
                    c.percent
                )
            })
            .collect();
        meta("Copied by", copies.join(", "));
    }
    if let Some(ocr) = &d.ocr {
        meta(
            "Read by OCR",
            format!(
                "{} ({}), {:.1}% confident; each paragraph's confidence shows on hover",
                esc(&ocr.engine),
                esc(&ocr.languages),
                ocr.confidence
            ),
        );
    }
    for (k, v) in &d.details {
        meta(&esc(k), if v.starts_with("https://") || v.starts_with("http://") { url_html(v) } else { t(v) });
    }
    o.push_str("</dl>\n");
    w!(
        o,
        "<p class=\"hash\">SHA-256 <code>{}</code> · <a href=\"/documents/{}/raw\" download>Download the original</a> \
         <span class=\"muted\">(checked against this hash before it is sent)</span></p>\n",
        esc(&d.id),
        esc(&d.id)
    );
    o.push_str("<details class=\"provenance\"><summary>Provenance: ");
    o.push_str(&plural(d.provenance.len(), "copy", "copies"));
    o.push_str("</summary>\n<table><thead><tr><th>Where</th><th>In</th><th>Retrieved</th><th>Added</th><th>sitrep</th></tr></thead><tbody>\n");
    for p in &d.provenance {
        let parent = p.parent.as_deref().map(|id| {
            format!(
                " · attached to <a href=\"/documents/{}\"><code>{}</code></a>",
                esc(id),
                esc(sitrep_present::short_id(id))
            )
        });
        w!(
            o,
            "<tr><td class=\"loc\">{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            url_html(&p.location),
            esc(&[p.container.as_deref(), p.locator.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ")),
            parent.unwrap_or_default(),
            esc(p.retrieved_at.as_deref().unwrap_or("–")),
            esc(&p.added_at),
            esc(&p.sitrep_version)
        );
    }
    o.push_str("</tbody></table></details>\n</article>\n");

    o.push_str("<div class=\"reading\">\n<section class=\"text-col\">\n");
    o.push_str("<div class=\"legend\">");
    for k in KINDS {
        w!(o, "<span class=\"fact fact-{k}\">{k}</span>");
    }
    o.push_str("<span class=\"hint\">Select words in the text to add a fact the extractor missed.</span></div>\n");
    w!(o, "<div id=\"doc-text\" class=\"text\">{}</div>\n", text_html(d, facts, &places));
    o.push_str("</section>\n<aside class=\"facts-panel\">\n");
    facts_panel(&mut o, ctx, d, facts, &places);
    o.push_str("</aside>\n</div>\n");
    o
}

/// A URL as a link when it is a web address, else as text.
fn url_html(u: &str) -> String {
    let lower = u.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        format!("<a href=\"{}\" rel=\"noreferrer noopener\" target=\"_blank\">{}</a>", esc(u.trim()), esc(u))
    } else {
        esc(u)
    }
}

/// The text, paragraph by paragraph, with every fact marked. Text is cut
/// at every fact boundary; each piece is wrapped in the marks of every
/// fact covering it, outermost first, so overlapping and nested facts
/// both give well-formed HTML. Each piece carries its character offset
/// (`data-at`) for the script that turns a selection into a span.
fn text_html(d: &Stored, facts: &[Fact], places: &HashMap<String, String>) -> String {
    let text = &d.text;
    let ix = CharIndex::new(text);
    let total = ix.char_of(text.len());
    let mut paras: Vec<(usize, usize, &str)> = d
        .paragraphs
        .iter()
        .map(|p| (ix.char_of(p.span.start.min(text.len())), ix.char_of(p.span.end.min(text.len())), p.lang.as_str()))
        .filter(|p| p.0 < p.1)
        .collect();
    if paras.is_empty() && total > 0 {
        paras.push((0, total, ""));
    }
    // Marks sorted outermost first: by start, longer first.
    let mut marks: Vec<(usize, &Fact)> = facts.iter().enumerate().collect();
    marks.sort_by(|a, b| {
        (a.1.span[0], std::cmp::Reverse(a.1.span[1])).cmp(&(b.1.span[0], std::cmp::Reverse(b.1.span[1])))
    });
    let titles: Vec<String> = facts
        .iter()
        .map(|f| {
            let value = item(f).map(|v| describe(f.kind, v, places)).unwrap_or_default();
            format!("{}: {} [{}]", f.kind, value, f.status)
        })
        .collect();
    let mut anchored: HashSet<[usize; 2]> = HashSet::new();
    let slice = |a: usize, b: usize| &text[ix.byte_of(a)..ix.byte_of(b)];
    let mut o = String::with_capacity(text.len() * 3);
    for (ps, pe, lang) in paras {
        let mut cuts = vec![ps, pe];
        let inside: Vec<&(usize, &Fact)> =
            marks.iter().filter(|(_, f)| f.span[0] < pe && f.span[1] > ps && f.span[0] < f.span[1]).collect();
        for (_, f) in &inside {
            cuts.push(f.span[0].clamp(ps, pe));
            cuts.push(f.span[1].clamp(ps, pe));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let body = slice(ps, pe);
        // A paragraph read by OCR says how sure the reading was.
        let ocr = d.ocr.as_ref().and_then(|r| {
            r.paragraphs.iter().find(|p| {
                ix.char_of(p.span.start.min(text.len())) >= ps && ix.char_of(p.span.start.min(text.len())) < pe
            })
        });
        let ocr = ocr
            .map(|p| format!(" class=\"ocr\" title=\"read by OCR, {:.1}% confident\"", p.confidence))
            .unwrap_or_default();
        w!(o, "<p data-at=\"{ps}\"{}{ocr}>", dir_attrs(body, lang));
        for w2 in cuts.windows(2) {
            let (a, b) = (w2[0], w2[1]);
            let covering: Vec<&&(usize, &Fact)> =
                inside.iter().filter(|(_, f)| f.span[0] <= a && f.span[1] >= b).collect();
            for (i, f) in covering.iter().map(|m| (m.0, m.1)) {
                let id = if f.span[0] == a && anchored.insert(f.span) {
                    format!(" id=\"c{}-{}\"", f.span[0], f.span[1])
                } else {
                    String::new()
                };
                w!(
                    o,
                    "<mark class=\"fact fact-{k} status-{st}\"{id} data-fact=\"{i}\" data-kind=\"{k}\" data-start=\"{s}\" \
                     data-end=\"{e}\" title=\"{title}\">",
                    k = esc(f.kind.as_str()),
                    st = esc(&f.status),
                    s = f.span[0],
                    e = f.span[1],
                    title = esc(&titles[i])
                );
            }
            w!(o, "<span class=\"t\" data-at=\"{a}\">{}</span>", esc(slice(a, b)));
            for _ in &covering {
                o.push_str("</mark>");
            }
        }
        o.push_str("</p>");
    }
    o
}

/// The form fields to correct an item of `kind`, prefilled from `v`.
fn correct_fields(kind: FactKind, v: &Value) -> String {
    let mut o = String::new();
    let field = |o: &mut String, label: &str, name: &str, value: &str, extra: &str| {
        w!(o, "<label>{label} <input name=\"{name}\" value=\"{}\"{extra}></label>", esc(value));
    };
    let fnum = |x: Option<f64>| {
        x.map(|x| if x.fract() == 0.0 { format!("{x:.0}") } else { x.to_string() }).unwrap_or_default()
    };
    match kind {
        FactKind::Date => field(&mut o, "Date", "value", s(v, "value"), " placeholder=\"YYYY-MM-DD\" required"),
        FactKind::Figure => {
            let q = &v["quantity"];
            field(&mut o, "Value", "value", &fnum(q.get("value").and_then(n)), " inputmode=\"decimal\" required");
            field(&mut o, "Low", "low", &fnum(q.get("low").and_then(n)), " inputmode=\"decimal\" size=\"6\"");
            field(&mut o, "High", "high", &fnum(q.get("high").and_then(n)), " inputmode=\"decimal\" size=\"6\"");
            field(&mut o, "Category", "category", s(v, "category"), " list=\"categories\" size=\"10\"");
            o.push_str(&qualifier_select(s(q, "qualifier")));
        }
        FactKind::Place | FactKind::Actor => {
            field(&mut o, "Name", "name", s(v, "name"), " dir=\"auto\" required");
            field(&mut o, "Id", "id", s(v, "id"), " size=\"14\"");
            field(&mut o, "Kind", "category", s(v, "kind"), " size=\"10\"");
        }
        FactKind::Quote => {
            field(&mut o, "Speaker", "name", v.get("speaker").and_then(Value::as_str).unwrap_or(""), " dir=\"auto\"");
            field(&mut o, "Role", "category", v.get("speaker_role").and_then(Value::as_str).unwrap_or(""), "");
        }
        FactKind::Event => {
            field(&mut o, "Type", "value", s(v, "type"), " size=\"12\"");
            field(
                &mut o,
                "Date",
                "date",
                v.get("date").and_then(Value::as_str).unwrap_or(""),
                " placeholder=\"YYYY-MM-DD\"",
            );
        }
    }
    let json = serde_json::to_string_pretty(v).unwrap_or_default();
    w!(
        o,
        "<details class=\"json\"><summary>As JSON</summary><textarea name=\"json\" rows=\"8\" \
         spellcheck=\"false\">{}</textarea><small>Used when changed; otherwise the fields above.</small></details>",
        esc(&json)
    );
    o
}

/// The qualifiers in the order the form offers them: the common first.
const QUALIFIERS: [Qualifier; 8] = [
    Qualifier::Exact,
    Qualifier::About,
    Qualifier::AtLeast,
    Qualifier::Over,
    Qualifier::AtMost,
    Qualifier::Under,
    Qualifier::Range,
    Qualifier::Vague,
];

fn qualifier_select(current: &str) -> String {
    let mut o = String::from("<label>Qualifier <select name=\"qualifier\">");
    for q in QUALIFIERS {
        let sel = if q == current { " selected" } else { "" };
        w!(o, "<option{sel}>{q}</option>");
    }
    o.push_str("</select></label>");
    o
}

fn facts_panel(o: &mut String, ctx: &Ctx, d: &Stored, facts: &[Fact], places: &HashMap<String, String>) {
    let action = format!("/documents/{}/review", esc(&d.id));
    let hidden = |kind: FactKind, span: [usize; 2]| {
        format!(
            "{}<input type=\"hidden\" name=\"kind\" value=\"{}\"><input type=\"hidden\" name=\"start\" value=\"{}\">\
             <input type=\"hidden\" name=\"end\" value=\"{}\">",
            ctx.csrf_field(),
            esc(kind.as_str()),
            span[0],
            span[1]
        )
    };
    o.push_str("<h2>Facts</h2>\n");
    let reviewed = facts.iter().filter(|f| f.status != "machine").count();
    w!(
        o,
        "<p class=\"muted small\">{} found; {} reviewed. Machine output is a suggestion: confirm, correct or reject \
         each item.</p>\n",
        plural(facts.len(), "item", "items"),
        count(reviewed)
    );
    // The add form: filled by selecting text.
    w!(
        o,
        "<details class=\"add\" id=\"add-fact\"><summary>Add a fact</summary>\n<form method=\"post\" action=\"{action}\" class=\"stack\">{}\
         <input type=\"hidden\" name=\"action\" value=\"add\">\
         <p class=\"selected\" dir=\"auto\"><span class=\"muted\">Select words in the text first.</span></p>\
         <div class=\"row\"><label>Start <input name=\"start\" inputmode=\"numeric\" size=\"6\" required></label>\
         <label>End <input name=\"end\" inputmode=\"numeric\" size=\"6\" required></label>\
         <label>Kind <select name=\"kind\">",
        ctx.csrf_field()
    );
    for k in KINDS {
        let sel = if *k == FactKind::Figure { " selected" } else { "" };
        w!(o, "<option{sel}>{k}</option>");
    }
    o.push_str(
        "</select></label></div>\
         <div class=\"row\" data-kinds=\"date figure event\"><label>Value <input name=\"value\" size=\"12\" \
         placeholder=\"14 · 2016-12-13 · air_strike\"></label></div>\
         <div class=\"row\" data-kinds=\"figure\"><label>Low <input name=\"low\" size=\"6\"></label>\
         <label>High <input name=\"high\" size=\"6\"></label>\
         <label>Category <input name=\"category\" list=\"categories\" size=\"10\" placeholder=\"killed\"></label>",
    );
    o.push_str(&qualifier_select("exact"));
    o.push_str(
        "</div><div class=\"row\" data-kinds=\"place actor quote\"><label>Name <input name=\"name\" dir=\"auto\" \
         placeholder=\"as it should read; the selection if empty\"></label></div>\
         <div class=\"row\" data-kinds=\"event\"><label>Date <input name=\"date\" placeholder=\"YYYY-MM-DD\"></label></div>\
         <details class=\"json\"><summary>As JSON</summary><textarea name=\"json\" rows=\"6\" spellcheck=\"false\" \
         placeholder=\"The item in sitrep.extract/1 shape; overrides the fields\"></textarea></details>\
         <label>Note <input name=\"note\" size=\"24\"></label>\
         <button type=\"submit\">Add</button></form></details>\n",
    );
    o.push_str("<datalist id=\"categories\">");
    // Every category the record knows, key figures first.
    let (key, other): (Vec<&Category>, Vec<&Category>) = Category::all().iter().partition(|c| c.is_key());
    for c in key.into_iter().chain(other) {
        w!(o, "<option value=\"{c}\">");
    }
    o.push_str("</datalist>\n");
    let text_of =
        |span: [usize; 2]| -> String { d.text.chars().skip(span[0]).take(span[1].saturating_sub(span[0])).collect() };
    let item_html = |o: &mut String, i: usize, f: &Fact| {
        let kind = f.kind;
        let v = item(f);
        let words = v.map(|v| s(v, "text").to_string()).filter(|w| !w.is_empty()).unwrap_or_else(|| text_of(f.span));
        let value = v.map(|v| describe(kind, v, places)).unwrap_or_default();
        w!(
            o,
            "<li class=\"fact-item status-{st}\" id=\"fact-{i}\" data-kind=\"{kind}\" data-start=\"{s0}\" data-end=\"{s1}\">\
             <div class=\"fi-head\"><a class=\"fi-text\" href=\"#c{s0}-{s1}\"{dir}>{words}</a>\
             <span class=\"badge status-{st}\">{stl}</span></div>\n<div class=\"fi-value\"{vdir}>{value}</div>\n",
            st = esc(&f.status),
            s0 = f.span[0],
            s1 = f.span[1],
            dir = dir_attrs(&words, ""),
            words = esc(&shorten(&words, 120)),
            stl = esc(&status_label(&f.status)),
            vdir = dir_attrs(&value, ""),
            value = esc(&value)
        );
        if let Some(r) = &f.review {
            w!(
                o,
                "<div class=\"fi-review\">{} by {} · {}</div>\n",
                esc(&status_label(&f.status)),
                t(&r.who),
                esc(&r.at)
            );
            if f.status == "corrected" {
                if let Some(m) = &f.machine {
                    w!(o, "<div class=\"fi-machine\">Machine: {}</div>\n", esc(&describe(kind, m, places)));
                }
            }
        }
        o.push_str("<div class=\"fi-actions\">");
        let h = hidden(kind, f.span);
        if f.current.is_some() {
            if f.status != "confirmed" {
                w!(
                    o,
                    "<form method=\"post\" action=\"{action}\">{h}<input type=\"hidden\" name=\"action\" value=\"confirm\">\
                     <button type=\"submit\" class=\"ok\">Confirm</button></form>"
                );
            }
            w!(
                o,
                "<form method=\"post\" action=\"{action}\">{h}<input type=\"hidden\" name=\"action\" value=\"reject\">\
                 <button type=\"submit\" class=\"no\">Reject</button></form>"
            );
        } else if let Some(m) = &f.machine {
            // Restoring a rejected item is a correction back to the
            // machine's value: the log shows both steps.
            w!(
                o,
                "<form method=\"post\" action=\"{action}\">{h}<input type=\"hidden\" name=\"action\" value=\"correct\">\
                 <input type=\"hidden\" name=\"json\" value=\"{}\"><button type=\"submit\">Restore</button></form>",
                esc(&m.to_string())
            );
        }
        if let Some(v) = v {
            w!(
                o,
                "<details class=\"correct\"><summary>Correct</summary><form method=\"post\" action=\"{action}\" class=\"stack\">{h}\
                 <input type=\"hidden\" name=\"action\" value=\"correct\"><div class=\"row\">{}</div>\
                 <label>Note <input name=\"note\" size=\"24\"></label><button type=\"submit\">Save correction</button></form></details>",
                correct_fields(kind, v)
            );
        }
        o.push_str("</div></li>\n");
    };
    o.push_str(
        "<p class=\"keys muted small\">Keys: <kbd>j</kbd>/<kbd>k</kbd> next and previous, <kbd>c</kbd> confirm, \
         <kbd>x</kbd> reject, <kbd>e</kbd> correct, <kbd>o</kbd> open a group's mentions, <kbd>Esc</kbd> close.</p>\n",
    );
    for &kind in KINDS {
        let of: Vec<(usize, &Fact)> = facts.iter().enumerate().filter(|(_, f)| f.kind == kind).collect();
        if of.is_empty() {
            continue;
        }
        let grouped = matches!(kind, FactKind::Place | FactKind::Actor);
        // Places and actors: one row per entity with its mentions, in the
        // order each is first named.
        let mut groups: Vec<(String, Vec<(usize, &Fact)>)> = Vec::new();
        for (i, f) in of.iter().copied() {
            let key = if grouped { item(f).map(entity_key).unwrap_or_default() } else { format!("{i}") };
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.1.push((i, f)),
                None => groups.push((key, vec![(i, f)])),
            }
        }
        let heading = if grouped {
            format!("{} · {}", count(groups.len()), plural(of.len(), "mention", "mentions"))
        } else {
            count(of.len())
        };
        w!(
            o,
            "<details class=\"kind\" open><summary><span class=\"fact fact-{kind}\">{kind}s</span> {heading}</summary>\n<ol class=\"facts\">\n"
        );
        for (key, members) in &groups {
            if !grouped || members.len() == 1 {
                for (i, f) in members {
                    item_html(o, *i, f);
                }
                continue;
            }
            group_html(o, ctx, d, kind, key, members, places);
            o.push_str("<ol class=\"facts members\">\n");
            for (i, f) in members {
                item_html(o, *i, f);
            }
            o.push_str("</ol></details></li>\n");
        }
        o.push_str("</ol></details>\n");
    }
}

/// What makes mentions one entity: the place's or actor's id, else its
/// name folded (an analyst's addition may have no id).
pub fn entity_key(v: &Value) -> String {
    match s(v, "id") {
        "" => format!("name:{}", sitrep_link::norm(if s(v, "name").is_empty() { s(v, "text") } else { s(v, "name") })),
        id => id.to_string(),
    }
}

/// The head of a group of mentions: the entity, how many times and how it
/// stands, and the forms that confirm or reject every mention at once.
fn group_html(
    o: &mut String,
    ctx: &Ctx,
    d: &Stored,
    kind: FactKind,
    key: &str,
    members: &[(usize, &Fact)],
    places: &HashMap<String, String>,
) {
    let first = members.iter().find_map(|(_, f)| item(f));
    let name = first.map(|v| s(v, "name").to_string()).filter(|n| !n.is_empty()).unwrap_or_else(|| "(no name)".into());
    let value = first.map(|v| describe(kind, v, places)).unwrap_or_default();
    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, f) in members {
        *statuses.entry(f.status.as_str()).or_default() += 1;
    }
    let summary: Vec<String> = statuses.iter().map(|(st, n)| format!("{} {}", count(*n), status_label(st))).collect();
    let all = if statuses.len() == 1 { statuses.keys().next().copied().unwrap_or("machine") } else { "mixed" };
    let words: Vec<String> = {
        let mut w: Vec<String> =
            members.iter().filter_map(|(_, f)| item(f)).map(|v| s(v, "text").to_string()).collect();
        w.sort();
        w.dedup();
        w
    };
    let spans: Vec<String> = members.iter().map(|(_, f)| format!("c{}-{}", f.span[0], f.span[1])).collect();
    w!(
        o,
        "<li class=\"fact-group status-{all}\" data-kind=\"{kind}\" data-key=\"{}\" data-spans=\"{}\">\
         <div class=\"fi-head\"><a class=\"fi-text\" href=\"#{}\"{}>{}</a> <span class=\"badge count\">{}</span></div>\n\
         <div class=\"fi-value\"{}>{}</div>\n<div class=\"fi-words small muted\"{}>{}</div>\n\
         <div class=\"fi-review small\">{}</div>\n<div class=\"fi-actions\">",
        esc(key),
        esc(&spans.join(" ")),
        esc(&spans[0]),
        dir_attrs(&name, ""),
        esc(&name),
        plural(members.len(), "mention", "mentions"),
        dir_attrs(&value, ""),
        esc(&value),
        dir_attrs(&words.join(" "), ""),
        esc(&words.iter().map(|w| format!("“{w}”")).collect::<Vec<_>>().join(" · ")),
        esc(&summary.join(", "))
    );
    let action = format!("/documents/{}/review-group", esc(&d.id));
    let live = members.iter().filter(|(_, f)| f.current.is_some()).count();
    let unconfirmed = members.iter().filter(|(_, f)| f.current.is_some() && f.status != "confirmed").count();
    for (act, label, class, n) in [("confirm", "Confirm all", "ok", unconfirmed), ("reject", "Reject all", "no", live)]
    {
        if n == 0 {
            continue;
        }
        w!(
            o,
            "<form method=\"post\" action=\"{action}\">{}<input type=\"hidden\" name=\"kind\" value=\"{kind}\">\
             <input type=\"hidden\" name=\"key\" value=\"{}\"><input type=\"hidden\" name=\"action\" value=\"{act}\">\
             <button type=\"submit\" class=\"{class} group\">{label} {}</button></form>",
            ctx.csrf_field(),
            esc(key),
            count(n)
        );
    }
    o.push_str("</div>\n<details class=\"mentions\"><summary>Each mention</summary>\n");
}

fn status_label(s: &str) -> String {
    match s {
        "machine" => "machine".into(),
        other => other.into(),
    }
}

use sitrep_present::text::clip_after as shorten;
