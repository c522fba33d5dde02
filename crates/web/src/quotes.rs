//! Quotes by speaker, the most quoted first, each leading to its words in
//! the document.

use crate::cache::Want;
use crate::html::{self, count, dir_attrs, esc, evidence_href, plural, t, w};
use crate::security::Pairs;
use crate::{snapshot, Ctx, Failure, Shared};
use axum::extract::{Query, State};
use axum::response::Response;
use sitrep_link::{DocRef, Rule, Testimony};
use std::collections::HashMap;

/// Quotes on one page.
const PER_PAGE: usize = 60;

/// `GET /quotes`
pub async fn page(State(s): State<Shared>, ctx: Ctx, Query(pairs): Query<Pairs>) -> Result<Response, Failure> {
    let (mut speaker, mut page) = (String::new(), 0usize);
    for (k, v) in &pairs {
        match k.as_str() {
            "speaker" => speaker = v.trim().to_string(),
            "page" => page = v.parse::<usize>().unwrap_or(1).max(1) - 1,
            _ => {}
        }
    }
    let got = snapshot(&s, Want::linked(Rule::Median), false).await?;
    let linked = &got.snapshot.linked;
    let wanted = sitrep_link::norm(&speaker);
    let quotes: Vec<&Testimony> = linked
        .quotes
        .iter()
        .filter(|q| q.speaker_role.as_deref() != Some("interviewer"))
        .filter(|q| wanted.is_empty() || sitrep_link::norm(q.speaker.as_deref().unwrap_or("")).contains(&wanted))
        .collect();
    let mut per: HashMap<&str, usize> = HashMap::new();
    for q in &quotes {
        *per.entry(q.speaker.as_deref().unwrap_or("")).or_default() += 1;
    }
    let docs: HashMap<&str, &DocRef> = linked.documents.iter().map(|d| (d.id.as_str(), d)).collect();

    let mut o = String::with_capacity(64 * 1024);
    o.push_str("<div class=\"head\"><h1>Quotes</h1><p class=\"muted\">What people said, by speaker, the most quoted first.</p></div>\n");
    w!(
        o,
        "<form class=\"filters\" method=\"get\" action=\"/quotes\"><label>Speaker <input name=\"speaker\" value=\"{}\" \
         dir=\"auto\"></label><button type=\"submit\">Filter</button> <a class=\"quiet\" href=\"/quotes\">Clear</a></form>\n",
        esc(&speaker)
    );
    w!(
        o,
        "<p class=\"count\">{} from {}</p>\n",
        plural(quotes.len(), "quote", "quotes"),
        plural(per.len(), "speaker", "speakers")
    );
    if quotes.is_empty() {
        o.push_str("<p class=\"empty\">No quotes in this selection.</p>\n");
    }
    let mut last: Option<&str> = None;
    for q in quotes.iter().skip(page * PER_PAGE).take(PER_PAGE) {
        let who = q.speaker.as_deref().unwrap_or("");
        if last != Some(who) {
            if last.is_some() {
                o.push_str("</div>\n");
            }
            let role = q
                .speaker_role
                .as_deref()
                .map(|r| format!(" <span class=\"muted\">· {}</span>", t(r)))
                .unwrap_or_default();
            let name = if who.is_empty() { "Speaker not known".to_string() } else { t(who) };
            w!(
                o,
                "<div class=\"speaker\"><h2>{name}{role} <span class=\"muted small\">· {}</span></h2>\n",
                plural(per.get(who).copied().unwrap_or(0), "quote", "quotes")
            );
            last = Some(who);
        }
        let d = docs.get(q.evidence.doc.as_str());
        let title = d.and_then(|d| d.title.as_deref()).unwrap_or("(untitled)");
        let date = d.and_then(|d| d.published.as_deref()).unwrap_or("");
        w!(
            o,
            "<figure class=\"quote\"><blockquote{}>{}</blockquote><figcaption><a href=\"{}\">{}</a> · <span dir=\"auto\">{}</span>{}{}</figcaption></figure>\n",
            dir_attrs(&q.evidence.text, &q.language),
            esc(&q.evidence.text),
            esc(&evidence_href(&q.evidence.doc, q.evidence.span)),
            esc(&format!("[{}, {})", q.evidence.span[0], q.evidence.span[1])),
            esc(title),
            if date.is_empty() { String::new() } else { format!(" · {}", esc(date)) },
            q.timecode.as_deref().map(|tc| format!(" · at {}", esc(tc))).unwrap_or_default()
        );
    }
    if last.is_some() {
        o.push_str("</div>\n");
    }
    let sp = speaker.clone();
    o.push_str(&html::pager(page, PER_PAGE, Some(quotes.len()), false, &|p| {
        format!("/quotes{}", html::query_string(&[("speaker", &sp), ("page", &(p + 1).to_string())]))
    }));
    let _ = count;
    Ok(ctx.page("Quotes", "quotes", "", got.stale, &o))
}
