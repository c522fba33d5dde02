//! Events over time and space: the timeline and map charts the report
//! draws, the events with every document's words for them, and the forms to
//! merge two events or split a mention out.

use crate::cache::Want;
use crate::figures::{range_text, scope_form, Scope};
use crate::html::{self, context_html, esc, evidence_href, plural, t, w};
use crate::security::Pairs;
use crate::{snapshot, Ctx, Failure, Shared};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use sitrep_link::{DocRef, Linked, LinkedEvent, Rule};
use sitrep_record::DocId;
use sitrep_report::html::{anchor, colour, event_type, sub_type};
use std::collections::{BTreeMap, HashMap};

/// Events listed on one page.
const PER_PAGE: usize = 40;

/// More dated events than this and the chart shows the page's events only:
/// a chart of thousands of marks is neither readable nor small.
const CHART_ALL: usize = 400;

/// The report's chart, its links turned to this server's pages and its
/// legend (inline styles, which the page's policy refuses) made of SVG.
fn chart(svg: String, lanes: &[String]) -> String {
    let svg = svg.replace("href=\"#event-", "href=\"/events/");
    let end = svg.find("</svg>").map_or(svg.len(), |i| i + "</svg>".len());
    let mut o = svg[..end].to_string();
    if !lanes.is_empty() {
        o.push_str("<figcaption class=\"legend\">");
        for lane in lanes {
            w!(
                o,
                "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"{}\"/></svg> {}</span>",
                colour(lane),
                esc(lane)
            );
        }
        o.push_str("<span class=\"muted\">Larger marks: more independent sources.</span></figcaption>");
    }
    o.push_str("</figure>\n");
    o
}

fn subset(linked: &Linked, events: Vec<LinkedEvent>) -> Linked {
    Linked {
        schema: linked.schema.clone(),
        rule: linked.rule,
        rule_text: linked.rule_text.clone(),
        window_days: linked.window_days,
        places: linked.places.clone(),
        actors: linked.actors.clone(),
        events,
        ..Default::default()
    }
}

/// `GET /timeline`
pub async fn page(State(s): State<Shared>, ctx: Ctx, Query(pairs): Query<Pairs>) -> Result<Response, Failure> {
    let mut scope = Scope::parse(&pairs);
    scope.category.clear();
    scope.rule.clear();
    let got = snapshot(&s, Want::linked(Rule::Median), false).await?;
    let all = &got.snapshot.linked;
    let linked = scope.apply(all);
    let events = &linked.events;
    let page: Vec<&LinkedEvent> = events.iter().skip(scope.page * PER_PAGE).take(PER_PAGE).collect();
    let dated = events.iter().filter(|e| e.date.is_some()).count();

    let mut o = String::with_capacity(64 * 1024);
    o.push_str("<div class=\"head\"><h1>Timeline &amp; map</h1>");
    o.push_str(
        "<p class=\"muted\">Events merged across documents, oldest first. Every mark leads to the event; every \
         event to the words of each document that reports it.</p></div>\n",
    );
    scope_form(&mut o, &scope, all, "/timeline", false);
    w!(o, "<p class=\"count\">{} · {} with a date</p>\n", plural(events.len(), "event", "events"), html::count(dated));
    let charted =
        if dated <= CHART_ALL { None } else { Some(subset(&linked, page.iter().map(|e| (*e).clone()).collect())) };
    let chart_of = charted.as_ref().unwrap_or(&linked);
    let lanes = {
        let mut l: Vec<String> = chart_of.events.iter().filter(|e| e.date.is_some()).map(event_type).collect();
        l.sort();
        l.dedup();
        l
    };
    o.push_str("<div class=\"charts\">\n<section><h2>Over time</h2>");
    if charted.is_some() {
        w!(
            o,
            "<p class=\"muted small\">The {} events of this page; narrow by place or dates to chart them all.</p>",
            page.len()
        );
    }
    match sitrep_report::html::timeline_chart(chart_of) {
        Some(svg) => o.push_str(&chart(svg, &lanes)),
        None => o.push_str("<p class=\"empty\">No dated events.</p>"),
    }
    o.push_str("</section>\n<section><h2>Over space</h2>");
    match sitrep_report::html::map_chart(chart_of) {
        Some(svg) => {
            o.push_str(&map_html(chart_of));
            // The report's drawing where scripts do not run.
            w!(o, "<noscript>{}</noscript>", chart(svg, &[]));
        }
        None => o.push_str("<p class=\"empty\">No place here has coordinates.</p>"),
    }
    o.push_str("</section>\n</div>\n");

    let docs: HashMap<&str, &DocRef> = all.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let back = format!("/timeline{}", scope.query(scope.page));
    w!(
        o,
        "<form id=\"merge\" method=\"post\" action=\"/events/merge\" class=\"merge\">{}\
         <input type=\"hidden\" name=\"back\" value=\"{}\"><button type=\"submit\">Merge the two ticked events</button> \
         <span class=\"muted small\">when two reports of one happening were not joined.</span></form>\n",
        ctx.csrf_field(),
        esc(&back)
    );
    if events.is_empty() {
        o.push_str("<p class=\"empty\">No events in this selection.</p>\n");
    } else {
        o.push_str("<ol class=\"events\">\n");
        for e in &page {
            event_html(&mut o, &ctx, &linked, e, &docs, &back, true);
        }
        o.push_str("</ol>\n");
    }
    o.push_str(&html::pager(scope.page, PER_PAGE, Some(events.len()), false, &|p| {
        format!("/timeline{}", scope.query(p))
    }));
    places_table(&mut o, chart_of);
    Ok(ctx.page("Timeline & map", "timeline", "", got.stale, &o))
}

/// The map: a Leaflet map over the bundled boundaries (`assets/map.js`),
/// its points written into the page as JSON, which no browser runs.
fn map_html(linked: &Linked) -> String {
    let mut at: BTreeMap<&str, Vec<&LinkedEvent>> = BTreeMap::new();
    for e in &linked.events {
        if let Some(p) = e.place.as_deref() {
            at.entry(p).or_default().push(e);
        }
    }
    let points: Vec<serde_json::Value> = linked
        .places
        .values()
        .filter_map(|p| {
            let (lat, lon) = (p.lat?, p.lon?);
            let events = at.get(p.id.as_str()).map_or(&[][..], |v| v.as_slice());
            let items: Vec<serde_json::Value> = events
                .iter()
                .take(8)
                .map(|e| {
                    serde_json::json!({
                        "label": format!("{} · {}", e.date.as_deref().unwrap_or("undated"), sub_type(e)),
                        "href": format!("/events/{}", html::url_part(&e.id)),
                    })
                })
                .collect();
            Some(serde_json::json!({
                "name": p.name, "lat": lat, "lon": lon, "events": events.len(), "items": items,
                "href": format!("/timeline?place={}", html::url_part(&p.name)),
            }))
        })
        .collect();
    // JSON inside a script element: no `<` may close it.
    let json = serde_json::Value::Array(points).to_string().replace('<', "\\u003c");
    let mut o = String::new();
    o.push_str(
        "<link rel=\"stylesheet\" href=\"/assets/vendor/leaflet.css\">\
         <link rel=\"stylesheet\" href=\"/assets/vendor/MarkerCluster.css\">\
         <link rel=\"stylesheet\" href=\"/assets/vendor/MarkerCluster.Default.css\">\n",
    );
    w!(
        o,
        "<div id=\"map\" class=\"leaflet-map\" role=\"region\" aria-label=\"Map of the events' places\"></div>\n\
         <p class=\"muted small\">Drag to pan, scroll or +/− to zoom; numbers are places close together, click to \
         open them. Dashed lines: first-level divisions. Boundaries: Natural Earth.</p>\n\
         <script type=\"application/json\" id=\"map-points\">{json}</script>\n"
    );
    for src in [
        "/assets/vendor/leaflet.js",
        "/assets/vendor/leaflet.markercluster.js",
        "/assets/vendor/topojson-client.min.js",
        "/assets/map/boundaries.js",
        "/assets/map.js",
    ] {
        w!(o, "<script src=\"{src}\"></script>\n");
    }
    o
}

/// Places of the charted events, each leading to the events there.
fn places_table(o: &mut String, linked: &Linked) {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &linked.events {
        if let Some(p) = e.place.as_deref() {
            *n.entry(p).or_default() += 1;
        }
    }
    if n.is_empty() {
        return;
    }
    let mut rows: Vec<(&str, usize)> = n.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    o.push_str("<h2>Places</h2>\n<table class=\"places\"><thead><tr><th>Place</th><th>Kind</th><th>Within</th><th class=\"n\">Events</th></tr></thead><tbody>\n");
    for (id, count) in rows.into_iter().take(100) {
        let p = linked.places.get(id);
        let name = p.map_or(id, |p| p.name.as_str());
        w!(
            o,
            "<tr id=\"{}\"><td><a href=\"/timeline?place={}\">{}</a></td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>\n",
            esc(&anchor("place", id)),
            esc(&html::url_part(name)),
            t(name),
            esc(p.map_or("", |p| p.kind.as_str())),
            t(&p.map(|p| p.within.join(", ")).unwrap_or_default()),
            html::count(count)
        );
    }
    o.push_str("</tbody></table>\n");
}

/// One event with its mentions; `list` adds the merge tick box.
fn event_html(
    o: &mut String,
    ctx: &Ctx,
    linked: &Linked,
    e: &LinkedEvent,
    docs: &HashMap<&str, &DocRef>,
    back: &str,
    list: bool,
) {
    let ty = event_type(e);
    let place = e.place.as_deref().map(|p| linked.place_name(p)).unwrap_or_else(|| "place not stated".into());
    w!(o, "<li class=\"event\" id=\"{}\">", esc(&anchor("event", &e.id)));
    if list {
        w!(
            o,
            "<label class=\"tick\" title=\"Tick two events, then Merge\"><input type=\"checkbox\" name=\"events\" value=\"{}\" form=\"merge\"></label>",
            esc(&e.id)
        );
    }
    w!(
        o,
        "<div class=\"when\">{}</div><div class=\"what\"><div class=\"ev-title\">\
         <svg width=\"12\" height=\"12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"{}\"/></svg> \
         <a href=\"/events/{}\">{}</a> <span class=\"muted\">· {} ·</span> {}</div>\n<div class=\"facts-line\">",
        esc(e.date.as_deref().unwrap_or("undated")),
        colour(&ty),
        esc(&html::url_part(&e.id)),
        esc(&sub_type(e)),
        esc(&ty),
        t(&place)
    );
    if let Some(k) = &e.killed {
        w!(o, "<span><span class=\"k\">Killed</span> {}</span>", esc(&range_text(k)));
    }
    if let Some(k) = &e.injured {
        w!(o, "<span><span class=\"k\">Injured</span> {}</span>", esc(&range_text(k)));
    }
    let mut origins: Vec<String> =
        e.origins.iter().take(4).map(|s| t(if s.name.is_empty() { &s.key } else { &s.name })).collect();
    if e.origins.len() > 4 {
        origins.push(format!("and {} more", html::count(e.origins.len() - 4)));
    }
    w!(o, "<span><span class=\"k\">Sources</span> {} ({})</span>", e.origins.len(), origins.join(", "));
    if !e.actors.is_empty() {
        let names: Vec<String> = e.actors.iter().map(|a| t(&linked.actor_name(a))).collect();
        w!(o, "<span><span class=\"k\">Actors</span> {}</span>", names.join("; "));
    }
    w!(
        o,
        "</div>\n<details class=\"mentions\"{}><summary>{}</summary><ul>\n",
        if list { "" } else { " open" },
        plural(e.mentions.len(), "mention", "mentions")
    );
    for m in &e.mentions {
        let d = docs.get(m.doc.as_str());
        let title = d.and_then(|d| d.title.as_deref()).unwrap_or("(untitled)");
        let publisher = d.map_or("", |d| d.publisher.as_str());
        w!(
            o,
            "<li><a class=\"ctx\" href=\"{}\" dir=\"auto\">{}</a><div class=\"small muted\"><span dir=\"auto\">{}</span> · {}</div>",
            esc(&evidence_href(&m.doc, m.span)),
            context_html(&m.context, m.at, m.text.chars().count()),
            esc(title),
            t(publisher)
        );
        if e.mentions.len() > 1 {
            w!(
                o,
                "<form method=\"post\" action=\"/events/split\" class=\"inline\">{}\
                 <input type=\"hidden\" name=\"event\" value=\"{}\"><input type=\"hidden\" name=\"doc\" value=\"{}\">\
                 <input type=\"hidden\" name=\"start\" value=\"{}\"><input type=\"hidden\" name=\"end\" value=\"{}\">\
                 <input type=\"hidden\" name=\"back\" value=\"{}\"><button type=\"submit\" class=\"quiet small\">Split out</button></form>",
                ctx.csrf_field(),
                esc(&e.id),
                esc(DocId::hex_of(&m.doc)),
                m.span[0],
                m.span[1],
                esc(back)
            );
        }
        o.push_str("</li>\n");
    }
    o.push_str("</ul></details>\n");
    if !list && !e.quotes.is_empty() {
        o.push_str("<h3>Testimony</h3>\n");
        for q in &e.quotes {
            w!(
                o,
                "<blockquote{}><a href=\"{}\">{}</a><footer>{}</footer></blockquote>\n",
                html::dir_attrs(&q.evidence.text, &q.language),
                esc(&evidence_href(&q.evidence.doc, q.evidence.span)),
                esc(&q.evidence.text),
                t(q.speaker.as_deref().unwrap_or("speaker not known"))
            );
        }
    }
    o.push_str("</div></li>\n");
}

/// `GET /events/<id>`
pub async fn event(State(s): State<Shared>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, Failure> {
    let got = snapshot(&s, Want::linked(Rule::Median), false).await?;
    let linked = &got.snapshot.linked;
    let Some(e) = linked.events.iter().find(|e| e.id == id) else {
        return Err(Failure::not_found(
            "No event has this id now. Merges, splits and new documents can rename events: find it on the timeline.",
        ));
    };
    let docs: HashMap<&str, &DocRef> = linked.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut o = String::from("<p class=\"crumbs\"><a href=\"/timeline\">Timeline &amp; map</a></p>\n");
    w!(
        o,
        "<h1>{} · {}</h1>\n<ol class=\"events single\">",
        esc(&sub_type(e)),
        esc(e.date.as_deref().unwrap_or("undated"))
    );
    let back = format!("/events/{}", html::url_part(&e.id));
    event_html(&mut o, &ctx, linked, e, &docs, &back, false);
    o.push_str("</ol>\n");
    let groups: Vec<&sitrep_link::ClaimGroup> = linked.claims.iter().filter(|g| e.claims.contains(&g.id)).collect();
    if !groups.is_empty() {
        o.push_str("<h2>Figures said of it</h2>\n<ul class=\"plain\">");
        for g in groups {
            w!(
                o,
                "<li><strong>{}</strong> {} · {} · <a href=\"/figures?category={}&amp;place={}\">the claim group</a></li>",
                esc(g.category.as_str()),
                esc(&range_text(&g.range)),
                plural(g.origins, "origin", "origins"),
                esc(&html::url_part(g.category.as_str())),
                esc(&html::url_part(&g.place.as_deref().map(|p| linked.place_name(p)).unwrap_or_default()))
            );
        }
        o.push_str("</ul>\n");
    }
    Ok(ctx.page(&sub_type(e), "timeline", "", got.stale, &o))
}
