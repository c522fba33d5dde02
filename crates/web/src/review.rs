//! The analyst's decisions: confirm, correct, reject and add items, merge
//! and split events, who is reviewing, and the audit log that records it
//! all.
//!
//! Forms send plain fields (a figure's value, a place's name); the item the
//! archive stores is built here from the item as it stands with those
//! fields changed, so a correction keeps everything the analyst did not
//! touch. The archive validates it against the record's shape and writes
//! the review and its audit entry in one transaction.

use crate::html::{self, count, esc, plural, t, w};
use crate::security::{first, Pairs};
use crate::{db, see_other, Ctx, Failure, Shared, USER_COOKIE};
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use serde_json::{json, Value};
use sitrep_record::{DatePrecision, FactKind, ReviewAction, UnknownWord};
use sitrep_store::review::{Fact, ReviewInput};
use sitrep_store::StoreError;
use std::collections::HashMap;

/// The first value of each field.
fn fields(pairs: Pairs) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (k, v) in pairs {
        out.entry(k).or_insert(v);
    }
    out
}

fn field<'a>(f: &'a HashMap<String, String>, k: &str) -> &'a str {
    f.get(k).map(|s| s.trim()).unwrap_or("")
}

/// A number as an analyst may type it: `14`, `14,000`, `١٤`, `2.5`.
pub fn parse_number(s: &str) -> Option<f64> {
    let mut t = String::new();
    for c in s.trim().chars() {
        match c {
            ',' | ' ' | '\u{066C}' | '\u{00A0}' | '\u{202F}' | '_' => {}
            '\u{066B}' => t.push('.'),
            '\u{0660}'..='\u{0669}' => t.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '\u{06F0}'..='\u{06F9}' => t.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            c => t.push(c),
        }
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn slug(s: &str) -> String {
    let n = sitrep_link::norm(s);
    let mut o = String::new();
    for c in n.chars() {
        if c.is_alphanumeric() {
            o.push(c);
        } else if !o.ends_with('-') && !o.is_empty() {
            o.push('-');
        }
    }
    o.trim_end_matches('-').to_string()
}

/// An empty item of `kind` over `words`, for an analyst to fill.
fn skeleton(kind: FactKind, words: &str) -> Value {
    let arabic = html::is_arabic(words);
    match kind {
        FactKind::Date => json!({ "text": words, "value": "", "precision": "day", "relative": false }),
        FactKind::Figure => json!({
            "text": words,
            "quantity": { "value": 0.0, "low": null, "high": null, "qualifier": "exact" },
            "category": "", "unit": "people", "date": null, "place": null, "source": null
        }),
        FactKind::Place => json!({
            "text": words, "id": "", "name": "", "kind": "place", "within": [], "lat": null, "lon": null,
            "pcode": null, "country": null, "precision": { "acled": 0, "ucdp": 0 }, "basis": "analyst"
        }),
        FactKind::Actor => json!({
            "text": words, "id": "", "name": "", "kind": "unknown", "role": null, "role_span": null,
            "acled": null, "inter": null, "country": null
        }),
        FactKind::Quote => json!({
            "text": words, "speaker": null, "speaker_role": null, "timecode": null,
            "language": if arabic { "ar" } else { "en" }, "translation_of": null
        }),
        FactKind::Event => json!({
            "type": "", "acled": { "event_type": "", "sub_event_type": "" }, "date": null, "date_precision": null,
            "place": null, "actors": [], "killed": null, "injured": null
        }),
    }
}

/// The item to store for a correction or an addition: the item as it
/// stands (or an empty one) with the form's fields applied, or the JSON
/// the analyst wrote when it differs from the item.
pub fn build_value(
    kind: FactKind,
    fact: Option<&Fact>,
    f: &HashMap<String, String>,
    words: &str,
) -> Result<Value, String> {
    let base =
        fact.and_then(|x| x.current.clone().or_else(|| x.machine.clone())).unwrap_or_else(|| skeleton(kind, words));
    let raw_json = field(f, "json");
    if !raw_json.is_empty() {
        let v: Value = serde_json::from_str(raw_json).map_err(|e| format!("the JSON is not valid: {e}"))?;
        if v != base {
            return Ok(v);
        }
    }
    let mut v = base;
    let num = |k: &str| -> Result<Option<f64>, String> {
        let s = field(f, k);
        if s.is_empty() {
            return Ok(None);
        }
        parse_number(s).map(Some).ok_or_else(|| format!("{s:?} is not a number"))
    };
    match kind {
        FactKind::Date => {
            let d = field(f, "value");
            if !d.is_empty() {
                let p = DatePrecision::of_value(d)
                    .ok_or_else(|| format!("{d:?} is not a date: write YYYY-MM-DD (or YYYY-MM, YYYY)"))?;
                v["value"] = json!(d);
                v["precision"] = json!(p);
            }
            if v["value"].as_str().unwrap_or("").is_empty() {
                return Err("give the date as YYYY-MM-DD".into());
            }
        }
        FactKind::Figure => {
            if let Some(x) = num("value")? {
                v["quantity"]["value"] = json!(x);
            } else if fact.is_none() {
                return Err("give the figure's value".into());
            }
            if f.contains_key("low") {
                v["quantity"]["low"] = json!(num("low")?);
            }
            if f.contains_key("high") {
                v["quantity"]["high"] = json!(num("high")?);
            }
            let q = field(f, "qualifier");
            if !q.is_empty() {
                v["quantity"]["qualifier"] = json!(q);
            }
            // An exact figure is its own low and high.
            if v["quantity"]["qualifier"] == "exact" {
                let x = v["quantity"]["value"].clone();
                v["quantity"]["low"] = x.clone();
                v["quantity"]["high"] = x;
            }
            let c = field(f, "category");
            if !c.is_empty() {
                v["category"] = json!(c.to_lowercase());
            }
            if v["category"].as_str().unwrap_or("").is_empty() {
                return Err("give the figure's category (killed, injured, displaced, …)".into());
            }
        }
        FactKind::Place | FactKind::Actor => {
            let old_name = v["name"].as_str().unwrap_or("").to_string();
            let old_id = v["id"].as_str().unwrap_or("").to_string();
            let name = match field(f, "name") {
                "" if old_name.is_empty() => words.trim().to_string(),
                "" => old_name.clone(),
                n => n.to_string(),
            };
            let id = field(f, "id");
            let id = if !id.is_empty() && (id != old_id || name == old_name) {
                id.to_string()
            } else if name == old_name && !old_id.is_empty() {
                old_id
            } else {
                // Another name is another place or actor: its own id, and
                // no coordinates that belonged to the old one.
                if kind == FactKind::Place {
                    v["lat"] = Value::Null;
                    v["lon"] = Value::Null;
                    v["pcode"] = Value::Null;
                    v["basis"] = json!("analyst");
                }
                format!("analyst:{}", slug(&name))
            };
            v["name"] = json!(name);
            v["id"] = json!(id);
            let k = field(f, "category");
            if !k.is_empty() {
                v["kind"] = json!(k);
            }
            if name.is_empty() {
                return Err(format!("give the {kind}'s name"));
            }
        }
        FactKind::Quote => {
            if f.contains_key("name") || fact.is_none() {
                let sp = field(f, "name");
                v["speaker"] = if sp.is_empty() { Value::Null } else { json!(sp) };
            }
            if f.contains_key("category") {
                let r = field(f, "category");
                v["speaker_role"] = if r.is_empty() { Value::Null } else { json!(r) };
            }
        }
        FactKind::Event => {
            let ty = field(f, "value");
            if !ty.is_empty() {
                v["type"] = json!(ty);
            }
            let d = field(f, "date");
            if !d.is_empty() {
                let p = DatePrecision::of_value(d).ok_or_else(|| format!("{d:?} is not a date: write YYYY-MM-DD"))?;
                v["date"] = json!(d);
                v["date_precision"] = json!(p);
            }
            if v["type"].as_str().unwrap_or("").is_empty() {
                return Err("give the event's type (air_strike, shelling, …)".into());
            }
        }
    }
    Ok(v)
}

fn span_of(f: &HashMap<String, String>) -> Result<[usize; 2], Failure> {
    let p = |k: &str| field(f, k).parse::<usize>().ok();
    match (p("start"), p("end")) {
        (Some(s), Some(e)) if s < e => Ok([s, e]),
        _ => Err(Failure::bad_request("The item's start and end are missing: select words in the text first.")),
    }
}

/// `POST /documents/<id>/review`
pub async fn review(
    State(s): State<Shared>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, Failure> {
    let f = fields(pairs);
    let kind = field(&f, "kind").to_string();
    let action = field(&f, "action").to_string();
    let span = span_of(&f)?;
    let who = ctx.user.clone();
    let note = Some(field(&f, "note").to_string()).filter(|n| !n.is_empty());
    let (id, act) = (kind.clone(), action.clone());
    let doc = db(&s, move |a| {
        let id = a.resolve(&prefix)?;
        let value = match act.parse::<ReviewAction>() {
            Ok(ReviewAction::Correct | ReviewAction::Add) => {
                let typed: FactKind = kind.parse().map_err(|e: UnknownWord| StoreError::Review(e.to_string()))?;
                let facts = a.facts(&id)?;
                let fact = facts.iter().find(|x| x.kind == typed && x.span == span);
                let text = a.get(&id)?.text;
                let words: String = text.chars().skip(span[0]).take(span[1] - span[0]).collect();
                Some(build_value(typed, fact, &f, &words).map_err(StoreError::Review)?)
            }
            _ => None,
        };
        a.review(&ReviewInput { doc: id.clone(), kind, span, action: act, value, who, note })?;
        Ok(id)
    })
    .await?;
    let done = ReviewAction::parse(&action).map_or("reviewed", ReviewAction::past);
    let message = format!("The {id} at characters [{}, {}) is {done}; the audit log has the entry.", span[0], span[1]);
    Ok(see_other(&format!("/documents/{doc}#c{}-{}", span[0], span[1]), &message))
}

/// `POST /documents/<id>/review-group`: confirm or reject every mention of
/// one place or actor in a document at once. Each mention is reviewed
/// through the archive's review API like a single one, so the audit log has
/// an entry per mention (who, when, before and after), not one for the
/// group.
pub async fn review_group(
    State(s): State<Shared>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, Failure> {
    let f = fields(pairs);
    let kind: FactKind = field(&f, "kind").parse().map_err(|e: UnknownWord| Failure::bad_request(&e.to_string()))?;
    if !matches!(kind, FactKind::Place | FactKind::Actor) {
        return Err(Failure::bad_request("Only places and actors are reviewed as a group."));
    }
    let action = match field(&f, "action").parse::<ReviewAction>() {
        Ok(a @ (ReviewAction::Confirm | ReviewAction::Reject)) => a,
        _ => return Err(Failure::bad_request("A group is confirmed or rejected; correct its mentions one by one.")),
    };
    let key = field(&f, "key").to_string();
    let who = ctx.user.clone();
    let note = Some(field(&f, "note").to_string()).filter(|n| !n.is_empty());
    let (doc, done, name, first) = db(&s, move |a| {
        let id = a.resolve(&prefix)?;
        let facts = a.facts(&id)?;
        let members: Vec<&Fact> = facts
            .iter()
            .filter(|x| x.kind == kind && x.current.as_ref().is_some_and(|v| crate::documents::entity_key(v) == key))
            .filter(|x| action != ReviewAction::Confirm || x.status != "confirmed")
            .collect();
        if members.is_empty() {
            return Err(StoreError::Review(format!("no {kind} in this document is left to {action} under that name")));
        }
        let name = members[0].current.as_ref().and_then(|v| v["name"].as_str()).unwrap_or("").to_string();
        let first = members[0].span;
        for m in &members {
            a.review(&ReviewInput {
                doc: id.clone(),
                kind: kind.as_str().to_string(),
                span: m.span,
                action: action.as_str().to_string(),
                value: None,
                who: who.clone(),
                note: note.clone(),
            })?;
        }
        Ok((id, members.len(), name, first))
    })
    .await?;
    let message = format!(
        "{} of {name} {} {}; the audit log has an entry for each.",
        plural(done, "mention", "mentions"),
        if done == 1 { "is" } else { "are" },
        action.past()
    );
    Ok(see_other(&format!("/documents/{doc}#c{}-{}", first[0], first[1]), &message))
}

/// `POST /events/merge`: two events are one happening.
pub async fn merge(State(s): State<Shared>, ctx: Ctx, Form(pairs): Form<Pairs>) -> Result<Response, Failure> {
    let events: Vec<String> = pairs
        .iter()
        .filter(|(k, v)| k == "events" && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
        .collect();
    let back = back_to(first(&pairs, "back").unwrap_or("").trim(), "/timeline");
    let [a, b] = &events[..] else {
        return Err(Failure::bad_request("Tick exactly two events to merge."));
    };
    if a == b {
        return Err(Failure::bad_request("Tick two different events to merge."));
    }
    let (a2, b2, who) = (a.clone(), b.clone(), ctx.user.clone());
    db(&s, move |x| x.merge_events(&a2, &b2, &who)).await?;
    Ok(see_other(&back, &format!("Events {a} and {b} are merged; the audit log has the entry.")))
}

/// `POST /events/split`: one document's mention stands apart.
pub async fn split(State(s): State<Shared>, ctx: Ctx, Form(pairs): Form<Pairs>) -> Result<Response, Failure> {
    let f = fields(pairs);
    let event = field(&f, "event").to_string();
    let doc = field(&f, "doc").to_string();
    let span = span_of(&f)?;
    if event.is_empty() || doc.is_empty() {
        return Err(Failure::bad_request("Say which event and which mention to split out."));
    }
    let who = ctx.user.clone();
    let e2 = event.clone();
    db(&s, move |a| {
        let id = a.resolve(&doc)?;
        a.split_event(&e2, &id, span, &who)
    })
    .await?;
    let back = back_to(field(&f, "back"), "/timeline");
    Ok(see_other(
        &back,
        &format!("The mention at [{}, {}) is split out of {event}; the audit log has the entry.", span[0], span[1]),
    ))
}

/// A local path to go back to; anything else goes to `fallback`, so a
/// form cannot be made to redirect elsewhere.
fn back_to(back: &str, fallback: &str) -> String {
    if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') && !back.chars().any(char::is_control) {
        back.to_string()
    } else {
        fallback.to_string()
    }
}

/// `POST /user`: the name the audit log records for this browser.
pub async fn set_user(Form(pairs): Form<Pairs>) -> Result<Response, Failure> {
    let f = fields(pairs);
    let user: String = field(&f, "user").chars().filter(|c| !c.is_control()).take(60).collect();
    let user = user.trim().to_string();
    if user.is_empty() {
        return Err(Failure::bad_request("Give a name: the audit log records who made each review."));
    }
    let mut r = see_other(&back_to(field(&f, "back"), "/documents"), &format!("Reviewing as {user}."));
    let c = format!("{USER_COOKIE}={}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict", html::url_part(&user));
    if let Ok(v) = HeaderValue::from_str(&c) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}

const AUDIT_PER_PAGE: usize = 50;

/// `GET /audit`: every action, newest first, and whether the chain holds.
pub async fn audit(State(s): State<Shared>, ctx: Ctx, Query(pairs): Query<Pairs>) -> Result<Response, Failure> {
    let page = first(&pairs, "page").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).max(1) - 1;
    let (entries, problems) = db(&s, |a| Ok((a.audit()?, a.verify_audit()?))).await?;
    let mut o = String::from("<div class=\"head\"><h1>Audit log</h1>");
    w!(
        o,
        "<p class=\"muted\">Every review, append-only; each entry's hash covers the one before it, so an entry changed \
         or removed breaks the chain. <code>sitrep verify</code> checks it too.</p></div>\n"
    );
    if problems.is_empty() {
        w!(o, "<p class=\"chain ok\">Chain intact: {} verified.</p>\n", plural(entries.len(), "entry", "entries"));
    } else {
        o.push_str("<div class=\"chain bad\"><p>The chain is broken:</p><ul>");
        for p in &problems {
            w!(o, "<li>{}</li>", esc(p));
        }
        o.push_str("</ul></div>\n");
    }
    if entries.is_empty() {
        o.push_str("<p class=\"empty\">No reviews yet.</p>\n");
    } else {
        o.push_str(
            "<table class=\"audit\"><thead><tr><th class=\"n\">#</th><th>When</th><th>Who</th><th>Action</th>\
             <th>What</th><th>Before</th><th>After</th></tr></thead><tbody>\n",
        );
        for e in entries.iter().rev().skip(page * AUDIT_PER_PAGE).take(AUDIT_PER_PAGE) {
            w!(
                o,
                "<tr><td class=\"n\">{}</td><td class=\"when\">{}</td><td>{}</td><td><span class=\"badge act-{a}\">{a}</span></td>\
                 <td class=\"target\">{}</td><td>{}</td><td>{}</td></tr>\n",
                count(e.seq as usize),
                esc(&e.at),
                t(&e.who),
                target_html(&e.target),
                json_cell(e.before.as_ref()),
                json_cell(e.after.as_ref()),
                a = esc(&e.action)
            );
        }
        o.push_str("</tbody></table>\n");
        o.push_str(&html::pager(page, AUDIT_PER_PAGE, Some(entries.len()), false, &|p| {
            format!("/audit?page={}", p + 1)
        }));
    }
    Ok(ctx.page("Audit log", "audit", "", false, &o))
}

/// `doc:kind:start-end` as a link to the words; event targets as text.
fn target_html(target: &str) -> String {
    let mut parts = target.splitn(3, ':');
    if let (Some(doc), Some(kind), Some(span)) = (parts.next(), parts.next(), parts.next()) {
        if doc.len() == 64 && doc.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Some((a, b)) = span.split_once('-') {
                if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                    return format!(
                        "<a href=\"{}\">{} <code>{}</code> [{a}, {b})</a>",
                        esc(&html::evidence_href(doc, [a, b])),
                        esc(kind),
                        esc(sitrep_present::short_id(doc))
                    );
                }
            }
        }
    }
    format!("<code>{}</code>", esc(target))
}

fn json_cell(v: Option<&Value>) -> String {
    match v {
        None => "<span class=\"muted\">–</span>".into(),
        Some(v) => {
            let pretty = serde_json::to_string_pretty(v).unwrap_or_default();
            let summary = v
                .get("text")
                .and_then(Value::as_str)
                .map(|s| s.chars().take(40).collect::<String>())
                .unwrap_or_else(|| "JSON".into());
            format!(
                "<details class=\"json-cell\"><summary dir=\"auto\">{}</summary><pre>{}</pre></details>",
                esc(&summary),
                esc(&pretty)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_as_typed() {
        assert_eq!(parse_number("14,000"), Some(14000.0));
        assert_eq!(parse_number("١٤"), Some(14.0));
        assert_eq!(parse_number("2.5"), Some(2.5));
        assert_eq!(parse_number("many"), None);
        assert_eq!(DatePrecision::of_value("2016-12-13"), Some(DatePrecision::Day));
        assert_eq!(DatePrecision::of_value("2016-12"), Some(DatePrecision::Month));
        assert_eq!(DatePrecision::of_value("2016-13-01"), None);
        assert_eq!(DatePrecision::of_value("2016-12-13T10:30"), Some(DatePrecision::Time));
    }

    #[test]
    fn a_corrected_figure_keeps_what_was_not_changed() {
        let machine = json!({
            "span": [10, 20], "text": "killed 12", "category": "killed", "unit": "people",
            "quantity": { "value": 12.0, "low": 12.0, "high": 12.0, "qualifier": "exact" },
            "date": "2016-12-03", "place": "wof:1", "source": "the UN"
        });
        let fact = Fact {
            kind: FactKind::Figure,
            span: [10, 20],
            status: "machine".into(),
            machine: Some(machine.clone()),
            current: Some(machine),
            review: None,
        };
        let f: HashMap<String, String> =
            [("value", "14"), ("qualifier", "exact"), ("low", "12"), ("high", "12"), ("category", "killed")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let v = build_value(FactKind::Figure, Some(&fact), &f, "killed 12").unwrap();
        assert_eq!(v["quantity"]["value"], 14.0);
        assert_eq!(v["quantity"]["low"], 14.0);
        assert_eq!(v["source"], "the UN");
        assert!(build_value(FactKind::Date, None, &HashMap::new(), "yesterday").is_err());
    }

    #[test]
    fn redirects_stay_here() {
        assert_eq!(back_to("/timeline?page=2", "/"), "/timeline?page=2");
        assert_eq!(back_to("//evil.example/", "/"), "/");
        assert_eq!(back_to("https://evil.example/", "/"), "/");
    }
}
