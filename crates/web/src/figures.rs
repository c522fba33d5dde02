//! Figures across documents: claim groups with every source's value, the
//! range a stated rule derives, the relay chain from publisher to origin,
//! and the claims that cannot both be true.

use crate::cache::Want;
use crate::html::{self, context_html, count, esc, evidence_href, num, plural, query_string, t, w};
use crate::security::Pairs;
use crate::{snapshot, Ctx, Failure, Shared};
use axum::extract::{Query, State};
use axum::response::Response;
use sitrep_link::{Claim, ClaimGroup, DocRef, Filter, Linked, Range, Rule};
use sitrep_pipeline::scope::{category_key, place_aliases};
use sitrep_present::dates;
use sitrep_present::numbers::range_bounds;
use std::collections::{BTreeMap, HashMap};

/// Groups on one page.
const PER_PAGE: usize = 20;

/// Filters shared by the figures, timeline and export pages.
#[derive(Default, Clone)]
pub struct Scope {
    pub category: String,
    pub place: String,
    pub from: String,
    pub to: String,
    pub rule: String,
    pub page: usize,
}

impl Scope {
    pub fn parse(pairs: &Pairs) -> Scope {
        let mut s = Scope::default();
        for (k, v) in pairs {
            let v = v.trim().to_string();
            match k.as_str() {
                "category" => s.category = v,
                "place" => s.place = v,
                "from" => s.from = v,
                "to" => s.to = v,
                "rule" => s.rule = v,
                "page" => s.page = v.parse::<usize>().unwrap_or(1).max(1) - 1,
                _ => {}
            }
        }
        s
    }

    pub fn rule(&self) -> Rule {
        Rule::parse(&self.rule).unwrap_or_default()
    }

    pub fn filter(&self) -> Filter {
        let date = |d: &str| (!d.is_empty()).then(|| d.to_string());
        Filter {
            place: (!self.place.is_empty()).then(|| self.place.clone()),
            // The place in any spelling or language the gazetteer knows.
            place_aliases: if self.place.is_empty() { Vec::new() } else { place_aliases(&self.place) },
            from: date(&self.from),
            to: date(&self.to),
            categories: self.category.split(',').map(category_key).filter(|c| !c.is_empty()).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.category.is_empty() && self.place.is_empty() && self.from.is_empty() && self.to.is_empty()
    }

    /// The scope as a query string, with `page` (0-based) when not the first.
    pub fn query(&self, page: usize) -> String {
        let p = (page + 1).to_string();
        query_string(&[
            ("category", &self.category),
            ("place", &self.place),
            ("from", &self.from),
            ("to", &self.to),
            ("rule", if self.rule() == Rule::Median { "" } else { "conservative" }),
            ("page", if page == 0 { "" } else { &p }),
        ])
    }

    /// The linked archive narrowed to this scope (no copy when unscoped).
    pub fn apply<'a>(&self, linked: &'a Linked) -> std::borrow::Cow<'a, Linked> {
        if self.is_empty() {
            std::borrow::Cow::Borrowed(linked)
        } else {
            std::borrow::Cow::Owned(linked.filtered(&self.filter()))
        }
    }
}

/// `GET /figures`
pub async fn page(State(s): State<Shared>, ctx: Ctx, Query(pairs): Query<Pairs>) -> Result<Response, Failure> {
    let scope = Scope::parse(&pairs);
    let got = snapshot(&s, Want::linked(scope.rule()), false).await?;
    let all = &got.snapshot.linked;
    let linked = scope.apply(all);
    let mut groups: Vec<&ClaimGroup> = linked.claims.iter().collect();
    groups.sort_by(|a, b| b.to.cmp(&a.to).then(b.claims.len().cmp(&a.claims.len())).then(a.id.cmp(&b.id)));
    let docs: HashMap<&str, &DocRef> = all.documents.iter().map(|d| (d.id.as_str(), d)).collect();

    let mut o = String::with_capacity(64 * 1024);
    o.push_str("<div class=\"head\"><h1>Figures</h1>");
    o.push_str(
        "<p class=\"muted\">Figures of one category about one place on near dates, from every source that gives \
         one. Two pages relaying the same origin count once.</p></div>\n",
    );
    scope_form(&mut o, &scope, all, "/figures", true);
    w!(o, "<p class=\"rule\"><strong>Range rule:</strong> {}</p>\n", esc(&linked.rule_text));
    w!(
        o,
        "<p class=\"count\">{} · {}</p>\n",
        plural(groups.len(), "claim group", "claim groups"),
        plural(groups.iter().map(|g| g.claims.len()).sum(), "claim", "claims")
    );
    if groups.is_empty() {
        o.push_str("<p class=\"empty\">No figures in this selection.</p>\n");
    }
    for g in groups.iter().skip(scope.page * PER_PAGE).take(PER_PAGE) {
        group_html(&mut o, &linked, g, &docs);
    }
    o.push_str(&html::pager(scope.page, PER_PAGE, Some(groups.len()), false, &|p| {
        format!("/figures{}", scope.query(p))
    }));
    Ok(ctx.page("Figures", "figures", "", got.stale, &o))
}

/// The filter form for figures (with categories) and the timeline.
pub fn scope_form(o: &mut String, s: &Scope, linked: &Linked, action: &str, categories: bool) {
    w!(o, "<form class=\"filters\" method=\"get\" action=\"{}\">\n", esc(action));
    if categories {
        let mut cats: BTreeMap<&str, usize> = BTreeMap::new();
        for g in &linked.claims {
            *cats.entry(g.category.as_str()).or_default() += 1;
        }
        o.push_str("<label>Category <select name=\"category\"><option value=\"\">all</option>");
        for (c, n) in cats {
            let sel = if c == s.category { " selected" } else { "" };
            w!(o, "<option value=\"{}\"{sel}>{} ({})</option>", esc(c), esc(c), count(n));
        }
        o.push_str("</select></label>\n");
    }
    w!(
        o,
        "<label>Place <input name=\"place\" value=\"{}\" list=\"linked-places\" dir=\"auto\" size=\"14\"></label>\n",
        esc(&s.place)
    );
    o.push_str("<datalist id=\"linked-places\">");
    for p in linked.places.values().take(300) {
        w!(o, "<option value=\"{}\">", esc(&p.name));
    }
    o.push_str("</datalist>\n");
    w!(o, "<label>From <input type=\"date\" name=\"from\" value=\"{}\"></label>\n", esc(&s.from));
    w!(o, "<label>To <input type=\"date\" name=\"to\" value=\"{}\"></label>\n", esc(&s.to));
    if categories {
        let cons = s.rule() == Rule::Conservative;
        w!(
            o,
            "<label>Rule <select name=\"rule\"><option value=\"median\"{}>median</option>\
             <option value=\"conservative\"{}>conservative (ACLED)</option></select></label>\n",
            if cons { "" } else { " selected" },
            if cons { " selected" } else { "" }
        );
    }
    w!(o, "<button type=\"submit\">Filter</button> <a class=\"quiet\" href=\"{}\">Clear</a>\n", esc(action));
    let q = s.query(0);
    w!(
        o,
        "<span class=\"exports\">Export: <a href=\"/export/csv{q}\">CSV</a> <a href=\"/export/acled{q}\">ACLED</a> \
         <a href=\"/export/ucdp{q}\">UCDP</a> <a href=\"/export/geojson{q}\">GeoJSON</a> <a href=\"/export/json{q}\">JSON</a> \
         · <a href=\"/report{q}\">Report</a></span>\n",
        q = esc(&q)
    );
    o.push_str("</form>\n");
}

/// `80,000–100,000`, or one number; the best is shown beside it.
pub fn range_text(r: &Range) -> String {
    range_bounds(r.low, r.best, r.high, num)
}

/// A claim's value as its source gave it: one number, or its range.
fn claim_value(c: &Claim) -> String {
    match (c.low, c.high) {
        (Some(lo), Some(hi)) if lo != hi => format!("{}–{}", num(lo), num(hi)),
        _ => num(c.value),
    }
}

fn group_html(o: &mut String, linked: &Linked, g: &ClaimGroup, docs: &HashMap<&str, &DocRef>) {
    let place = g.place.as_deref().map(|p| linked.place_name(p)).unwrap_or_else(|| "place not stated".into());
    let disputed = if g.contradictions.is_empty() { "" } else { " disputed" };
    w!(
        o,
        "<article class=\"group{disputed}\" id=\"{}\">\n<header><h2><span class=\"cat\">{}</span> · {} · \
         <span class=\"muted\">{}</span></h2><div class=\"range\" title=\"low–high, best by the rule above\">\
         <span class=\"big\">{}</span> <span class=\"muted\">best {}</span></div></header>\n",
        esc(&sitrep_report::html::anchor("claim", &g.id)),
        esc(g.category.as_str()),
        t(&place),
        esc(&dates::span_as_written(g.from.as_deref(), g.to.as_deref())),
        esc(&range_text(&g.range)),
        esc(&num(g.range.best))
    );
    w!(
        o,
        "<p class=\"gmeta\">{} from {} · {} · <code>{}</code></p>\n",
        plural(g.claims.len(), "claim", "claims"),
        plural(g.origins, "independent origin", "independent origins"),
        esc(&g.unit),
        esc(&g.id)
    );
    if !g.contradictions.is_empty() {
        // A few in full; many pairs of one group say the same thing.
        const SHOWN: usize = 3;
        o.push_str("<ul class=\"contradictions\">");
        for c in g.contradictions.iter().take(SHOWN) {
            w!(o, "<li><strong>Contradiction:</strong> <span dir=\"auto\">{}</span></li>", esc(&c.why));
        }
        o.push_str("</ul>\n");
        if g.contradictions.len() > SHOWN {
            w!(
                o,
                "<details class=\"more\"><summary>{} more</summary><ul class=\"contradictions\">",
                plural(g.contradictions.len() - SHOWN, "contradiction", "contradictions")
            );
            for c in g.contradictions.iter().skip(SHOWN) {
                w!(o, "<li><span dir=\"auto\">{}</span></li>", esc(&c.why));
            }
            o.push_str("</ul></details>\n");
        }
    }
    o.push_str(
        "<table class=\"claims\"><thead><tr><th class=\"n\">Value</th><th>Qualifier</th><th>Date</th>\
         <th>Origin · relay</th><th>Evidence</th></tr></thead><tbody>\n",
    );
    for (i, c) in g.claims.iter().enumerate() {
        let flagged = g.contradictions.iter().any(|x| x.a == i || x.b == i);
        let relay = c.origin.relay.iter().map(|r| t(r)).collect::<Vec<_>>().join(" → ");
        let doc = docs.get(c.evidence.doc.as_str());
        let title = doc.and_then(|d| d.title.as_deref()).unwrap_or("(untitled)");
        w!(
            o,
            "<tr{}><td class=\"n value\">{}</td><td>{}</td><td class=\"date\">{}{}</td>\
             <td><strong>{}</strong> <span class=\"muted small\">({})</span><div class=\"relay small\">{}</div></td>\
             <td class=\"ev\"><a href=\"{}\" class=\"ctx\" dir=\"auto\">{}</a><div class=\"small muted\" dir=\"auto\">{}</div></td></tr>\n",
            if flagged { " class=\"flagged\"" } else { "" },
            esc(&claim_value(c)),
            esc(c.qualifier.as_str()),
            esc(c.date.as_deref().unwrap_or("–")),
            if c.date_from == "document" { " <span class=\"muted small\" title=\"the document's date\">(doc)</span>" } else { "" },
            t(if c.origin.name.is_empty() { &c.origin.key } else { &c.origin.name }),
            esc(&c.origin.how),
            relay,
            esc(&evidence_href(&c.evidence.doc, c.evidence.span)),
            context_html(&c.evidence.context, c.evidence.at, c.evidence.text.chars().count()),
            esc(title)
        );
    }
    o.push_str("</tbody></table>\n</article>\n");
}
