//! The page: its styles, and its sections in the order they read
//! (header, key figures, timeline and events, map and places, testimony,
//! evidence, sources).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::charts::{colour, coord, located, map_svg, valid_coords};
use super::format::*;
use sitrep_link::{Claim, ClaimGroup, DocRef, Evidence, Linked, LinkedEvent, PlaceInfo, Testimony};
use sitrep_present::text::quote_words;

/// What the report says about its own scope, shown in the header only: the
/// [`Linked`] given to [`render`] is already filtered.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    pub title: Option<String>,
    pub place: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub generated_at: Option<String>,
    pub archive: Option<String>,
}

/// Key figures shown with their claims open; the rest start folded.
pub(super) const OPEN_FIGURES: usize = 6;

pub(super) const STYLE: &str = r#"
:root{--ink:#18212b;--muted:#5e6a76;--faint:#8a949e;--rule:#dde2e7;--paper:#f6f7f8;--accent:#1d4f7c;--warn:#9a2a1c;--warnbg:#fbefec;--mark:#ffec99}
*{box-sizing:border-box}
html{font-size:15px;-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font-family:"Source Sans 3","Segoe UI","Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;line-height:1.45}
.page{max-width:1180px;margin:0 auto;padding:26px 40px 70px}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
h1{font-family:Georgia,"Times New Roman","Liberation Serif","DejaVu Serif",serif;font-weight:normal;font-size:2.3rem;line-height:1.15;margin:.15em 0 .35em;letter-spacing:-.01em}
h2{font-size:.95rem;text-transform:uppercase;letter-spacing:.09em;border-top:3px solid var(--ink);padding-top:.55em;margin:2.6em 0 .3em}
h3{font-size:1rem;margin:1.6em 0 .5em}
p{margin:.4em 0}
.lede{color:var(--muted);margin:0 0 1em;max-width:52em}
.muted{color:var(--muted)}
.small{font-size:.85rem}
.num,td.n,th.n{font-variant-numeric:tabular-nums lining-nums;text-align:right;white-space:nowrap}
[lang=ar]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Geeza Pro","Segoe UI","Arial","DejaVu Sans",sans-serif}
code,.id{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.78rem;word-break:break-all;color:var(--muted)}
.kicker{font-size:.78rem;text-transform:uppercase;letter-spacing:.14em;color:var(--muted);display:flex;justify-content:space-between;border-bottom:1px solid var(--rule);padding-bottom:6px}
.scope{display:flex;flex-wrap:wrap;gap:6px 34px;margin:0 0 16px;padding:0}
.scope div{margin:0}
.scope dt{font-size:.72rem;text-transform:uppercase;letter-spacing:.08em;color:var(--faint)}
.scope dd{margin:0;font-weight:600}
.counts{display:grid;grid-template-columns:repeat(4,1fr);border-top:1px solid var(--ink);border-bottom:1px solid var(--rule);margin:0;padding:0;list-style:none}
.counts li{padding:10px 14px 10px 0}
.counts b{display:block;font-size:1.9rem;font-weight:600;font-variant-numeric:tabular-nums lining-nums;line-height:1.1}
.counts span{font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
.rule{font-size:.85rem;color:var(--muted);margin:10px 0 0;max-width:62em}
.rule b{color:var(--ink)}
nav.toc{margin:18px 0 0;font-size:.85rem;display:flex;flex-wrap:wrap;gap:4px 18px}
nav.toc a{color:var(--ink);border-bottom:1px solid var(--rule)}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums lining-nums}
th{font-size:.72rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);text-align:left;font-weight:600;border-bottom:1px solid var(--ink);padding:4px 8px 4px 0;vertical-align:bottom}
td{border-bottom:1px solid var(--rule);padding:6px 8px 6px 0;vertical-align:top}
a.ev{display:inline-block;font-size:.72rem;font-weight:600;line-height:1.3;border:1px solid #c4d2df;border-radius:3px;padding:0 4px;background:#eef3f8;white-space:nowrap;font-variant-numeric:tabular-nums}
a.n{color:inherit;border-bottom:1px dotted var(--accent)}
a.n:hover{color:var(--accent);text-decoration:none}
.words{color:var(--muted);font-size:.88rem}
.fig{display:grid;grid-template-columns:300px 1fr;gap:28px;border-top:1px solid var(--rule);padding:16px 0 14px}
.fig:first-of-type{border-top:0}
.fig-label{font-size:.85rem;color:var(--muted)}
.fig-label .cat{font-weight:700;color:var(--ink);text-transform:uppercase;letter-spacing:.07em;margin-right:6px}
.fig-num{font-size:2.1rem;font-weight:600;line-height:1.15;margin:4px 0 2px;font-variant-numeric:tabular-nums lining-nums;letter-spacing:-.01em}
.fig-num .dash{color:var(--faint);font-weight:400;padding:0 2px}
.fig-best{font-size:.95rem}
.fig-meta{font-size:.82rem;color:var(--muted);margin-top:6px}
.flag{margin-top:10px;border-left:3px solid var(--warn);background:var(--warnbg);padding:6px 10px;font-size:.82rem;color:#5a1a10}
.flag b{color:var(--warn);text-transform:uppercase;letter-spacing:.06em;font-size:.72rem;display:block}
details>summary{cursor:pointer;font-size:.78rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin-bottom:4px}
tr.contra td:first-child{box-shadow:inset 3px 0 0 var(--warn)}
td.d{white-space:nowrap}
td.idx{color:var(--faint);width:2.2em;padding-left:8px}
.how{white-space:nowrap;font-size:.7rem;text-transform:uppercase;letter-spacing:.05em;color:var(--faint);margin-left:4px}
.relay{font-size:.8rem;color:var(--muted)}
table.other{font-size:.92rem}
figure{margin:0}
figure.chart{border:1px solid var(--rule);background:#fff;padding:10px 12px 8px}
figure.chart svg{display:block;width:100%;height:auto}
figcaption{font-size:.8rem;color:var(--muted);margin-top:6px}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;align-items:center}
.legend .sw{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:-1px}
.legend .sz{display:inline-block;border-radius:50%;border:1.5px solid var(--muted);margin:0 3px;vertical-align:middle}
svg text{font-family:"Source Sans 3","Segoe UI","Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif}
svg a:hover circle{stroke:var(--ink);stroke-width:2}
ol.events{list-style:none;margin:0;padding:0}
li.event{display:grid;grid-template-columns:120px 1fr;gap:18px;border-top:1px solid var(--rule);padding:10px 0}
li.event .when{font-weight:600;font-variant-numeric:tabular-nums}
.ev-title{font-weight:600}
.ev-title .sub{font-weight:400;color:var(--muted)}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:7px;vertical-align:0}
.facts{font-size:.88rem;margin:3px 0;display:flex;flex-wrap:wrap;gap:2px 18px}
.facts .k{color:var(--faint);font-size:.72rem;text-transform:uppercase;letter-spacing:.06em;margin-right:5px}
ul.mentions{list-style:none;margin:4px 0 0;padding:0;font-size:.88rem}
ul.mentions li{margin:2px 0}
.pub{color:var(--muted);font-size:.8rem}
.speaker{margin-top:18px}
.speaker h3{margin:0 0 6px;font-size:1.02rem}
.role{font-weight:400;color:var(--muted)}
figure.quote{border-top:1px solid var(--rule);padding:8px 0 10px}
.qpair{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.qpair.single{grid-template-columns:1fr}
blockquote{margin:0;font-family:Georgia,"Times New Roman","Liberation Serif","DejaVu Serif",serif;font-size:1.02rem;line-height:1.5}
blockquote[lang=ar]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Geeza Pro","Segoe UI",Arial,"DejaVu Sans",sans-serif;font-size:1.12rem}
blockquote.tr{color:#36414c}
.qtag{display:block;font-family:"Source Sans 3","Segoe UI",Arial,"Liberation Sans",sans-serif;font-size:.7rem;text-transform:uppercase;letter-spacing:.07em;color:var(--faint);margin-bottom:2px}
.event .quote{padding:4px 0 4px;border-top:0}
.event blockquote{font-size:.95rem}
.places td:first-child{font-weight:600}
ol.evidence{list-style:none;margin:0;padding:0}
ol.evidence li{display:grid;grid-template-columns:44px 1fr;gap:10px;border-top:1px solid var(--rule);padding:8px 0}
ol.evidence li:target{background:#fffbe6}
.evn{font-weight:700;font-variant-numeric:tabular-nums;color:var(--accent)}
.ctx{margin:0 0 3px;font-size:.95rem}
mark{background:var(--mark);color:inherit;padding:0 1px}
.evmeta{font-size:.8rem;color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
footer{margin-top:48px;border-top:1px solid var(--rule);padding-top:8px;font-size:.78rem;color:var(--faint)}
:target{scroll-margin-top:12px}
li.event:target,tr:target,.fig:target{background:#fffbe6}
@media (max-width:760px){.page{padding:16px}.fig,li.event,.qpair{grid-template-columns:1fr;gap:8px}.counts{grid-template-columns:repeat(2,1fr)}}
@media print{
html{font-size:10.5pt}
.page{max-width:none;padding:0}
nav.toc{display:none}
a,a.n{color:inherit;border-bottom:0}
a.ev{background:none;border-color:#999}
figure.chart{border:0;padding:0}
.fig,li.event,figure.quote,ol.evidence li,tr,.speaker h3{break-inside:avoid}
h2,h3{break-after:avoid}
section#evidence,section#sources{break-before:page}
details>summary{display:none}
mark{background:#eee;outline:1px solid #aaa}
}
"#;

/// The situation report for `linked`, with `opts` shown as its scope.
pub fn render(linked: &Linked, opts: &ReportOptions) -> String {
    let ctx = Ctx::new(linked);
    let title = opts.title.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or("Situation report");

    // Sections that cite evidence are made first, so the appendix knows
    // every entry and its number.
    let figures = ctx.figures();
    let timeline = ctx.timeline();
    let map = ctx.map();
    let testimony = ctx.testimony();
    let evidence = ctx.evidence();
    let sources = ctx.sources();

    let mut o = String::with_capacity(64 * 1024);
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         img-src data:; form-action 'none'; base-uri 'none'\">\n",
    );
    o.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"sitrep\">\n");
    w!(o, "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<div class=\"page\">\n", esc(title));
    o.push_str(&ctx.header(title, opts));
    o.push_str(&figures);
    o.push_str(&timeline);
    o.push_str(&map);
    o.push_str(&testimony);
    o.push_str(&evidence);
    o.push_str(&sources);
    o.push_str(
        "<footer>Made by sitrep from the documents listed above. Figures are what the sources say, not \
         verified counts; each links to its words. Dates are the figures' own, else their documents'.</footer>\n",
    );
    o.push_str("</div>\n</body>\n</html>\n");
    o
}

pub(super) struct Ctx<'a> {
    pub(super) linked: &'a Linked,
    pub(super) docs: BTreeMap<&'a str, &'a DocRef>,
    pub(super) groups: BTreeMap<&'a str, &'a ClaimGroup>,
    /// Which events' tolls are their own.
    pub(super) tolls: crate::tolls::Tolls,
    /// Evidence cited so far, in order of first citation.
    cited: RefCell<Cited<'a>>,
}

#[derive(Default)]
struct Cited<'a> {
    order: Vec<(String, &'a Evidence)>,
    number: BTreeMap<String, usize>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(linked: &'a Linked) -> Ctx<'a> {
        Ctx {
            linked,
            docs: linked.documents.iter().map(|d| (d.id.as_str(), d)).collect(),
            groups: linked.claims.iter().map(|g| (g.id.as_str(), g)).collect(),
            tolls: crate::tolls::Tolls::of(linked),
            cited: RefCell::default(),
        }
    }

    /// Registers `e` for the appendix; its anchor and number.
    pub(super) fn cite(&self, e: &'a Evidence) -> (String, usize) {
        let anchor = ev_anchor(e);
        let mut cited = self.cited.borrow_mut();
        if let Some(&n) = cited.number.get(&anchor) {
            return (anchor, n);
        }
        cited.order.push((anchor.clone(), e));
        let n = cited.order.len();
        cited.number.insert(anchor.clone(), n);
        (anchor, n)
    }

    /// A small `E12` link to the evidence.
    pub(super) fn ev_link(&self, e: &'a Evidence) -> String {
        let (anchor, n) = self.cite(e);
        let mut tip = self.docs.get(e.doc.as_str()).map_or_else(|| short_doc(&e.doc), |d| d.publisher.clone());
        tip.push_str(&format!(", characters {}–{}", e.span[0], e.span[1]));
        format!("<a class=\"ev\" href=\"#{anchor}\" title=\"{}\">E{n}</a>", esc(&tip))
    }

    /// `text` (already HTML) as a link to the evidence.
    pub(super) fn num_link(&self, html: &str, e: &'a Evidence) -> String {
        let (anchor, n) = self.cite(e);
        format!("<a class=\"n\" href=\"#{anchor}\" title=\"Evidence E{n}\">{html}</a>")
    }

    pub(super) fn place(&self, id: &str) -> Option<&'a PlaceInfo> {
        self.linked.places.get(id)
    }

    pub(super) fn place_name(&self, id: Option<&str>) -> String {
        match id {
            Some(id) => match self.place(id) {
                Some(p) => format!("<a href=\"#{}\">{}</a>", anchor("place", &p.id), t(&p.name)),
                None => t(id),
            },
            None => "<span class=\"muted\">place not stated</span>".into(),
        }
    }

    pub(super) fn actor_name(&self, id: &str) -> String {
        self.linked.actors.get(id).map_or_else(|| t(id), |a| t(&a.name))
    }

    pub(super) fn publisher(&self, doc: &str) -> String {
        self.docs.get(doc).map_or_else(|| format!("<code>{}</code>", esc(&short_doc(doc))), |d| t(&d.publisher))
    }

    pub(super) fn header(&self, title: &str, opts: &ReportOptions) -> String {
        let l = self.linked;
        let mut o = String::new();
        o.push_str(
            "<header>\n<div class=\"kicker\"><span>sitrep · situation report</span>\
             <span>Every figure linked to its source</span></div>\n",
        );
        w!(o, "<h1>{}</h1>\n<dl class=\"scope\">", t(title));
        let place = opts.place.as_deref().map_or_else(|| "All places".to_string(), t);
        w!(o, "<div><dt>Place</dt><dd>{place}</dd></div>");
        let period = match (opts.from.as_deref(), opts.to.as_deref()) {
            (None, None) => "All dates".to_string(),
            (Some(f), None) => format!("From {}", fmt_date(f)),
            (None, Some(to)) => format!("Until {}", fmt_date(to)),
            (Some(f), Some(to)) => date_span(Some(f), Some(to)),
        };
        w!(o, "<div><dt>Period</dt><dd>{period}</dd></div>");
        let dates: BTreeSet<i64> = l
            .events
            .iter()
            .filter_map(|e| e.date.as_deref())
            .chain(l.claims.iter().flat_map(|g| g.from.iter().chain(g.to.iter()).map(String::as_str)))
            .filter_map(day_of)
            .collect();
        if let (Some(&a), Some(&b)) = (dates.first(), dates.last()) {
            w!(o, "<div><dt>Reports cover</dt><dd>{}</dd></div>", date_span(Some(&iso(a)), Some(&iso(b))));
        }
        if let Some(g) = &opts.generated_at {
            w!(o, "<div><dt>Generated</dt><dd>{}</dd></div>", esc(g));
        }
        if let Some(a) = &opts.archive {
            w!(o, "<div><dt>Archive</dt><dd><code>{}</code></dd></div>", esc(a));
        }
        o.push_str("</dl>\n<ul class=\"counts\">");
        let origins: BTreeSet<&str> = l
            .claims
            .iter()
            .flat_map(|g| g.claims.iter().map(|c| c.origin.key.as_str()))
            .chain(l.events.iter().flat_map(|e| e.origins.iter().map(|o| o.key.as_str())))
            .collect();
        for (n, what) in [
            (l.documents.len(), "documents"),
            (l.events.len(), "events"),
            (l.claims.len(), "claim groups"),
            (origins.len(), "independent sources"),
        ] {
            w!(o, "<li><b>{}</b><span>{what}</span></li>", num(n as f64));
        }
        o.push_str("</ul>\n");
        if !l.rule_text.is_empty() {
            w!(o, "<p class=\"rule\"><b>How ranges are made.</b> {}.", esc(l.rule_text.trim_end_matches('.')));
            if l.window_days > 0 {
                w!(
                    o,
                    " Figures of a lasting count (trapped, displaced, …) up to {} days apart are one quantity; \
                     counts of happenings, the same day.",
                    l.window_days
                );
            }
            o.push_str("</p>\n");
        }
        o.push_str(
            "<nav class=\"toc\"><a href=\"#figures\">Key figures</a><a href=\"#timeline\">Timeline</a>\
             <a href=\"#events\">Events</a><a href=\"#map\">Map</a><a href=\"#testimony\">Testimony</a>\
             <a href=\"#evidence\">Evidence</a><a href=\"#sources\">Sources</a></nav>\n</header>\n",
        );
        o
    }

    pub(super) fn figures(&self) -> String {
        let mut people: Vec<&ClaimGroup> = Vec::new();
        let mut other: Vec<&ClaimGroup> = Vec::new();
        for g in &self.linked.claims {
            if g.claims.is_empty() {
                continue;
            }
            if is_people(g) {
                people.push(g);
            } else {
                other.push(g);
            }
        }
        let by_importance = |a: &&ClaimGroup, b: &&ClaimGroup| {
            b.origins
                .cmp(&a.origins)
                .then(b.claims.len().cmp(&a.claims.len()))
                .then(b.range.best.total_cmp(&a.range.best))
                .then(a.id.cmp(&b.id))
        };
        people.sort_by(by_importance);
        other.sort_by(by_importance);

        let mut o = String::from("<section id=\"figures\">\n<h2>Key figures</h2>\n");
        o.push_str(
            "<p class=\"lede\">Counts of people, the most widely sourced first. Each number links to the sentence \
             it comes from; the table beside it lists every claim with its origin (<span class=\"how\">doc.</span> marks a \
             date taken from the document, not stated with the figure).</p>\n",
        );
        if people.is_empty() {
            o.push_str("<p class=\"empty\">No figures about people in this selection.</p>\n");
        }
        for (i, g) in people.iter().enumerate() {
            o.push_str(&self.figure_card(g, i < OPEN_FIGURES));
        }
        if !other.is_empty() {
            o.push_str("<h3>Other counts</h3>\n<table class=\"other\">\n<thead><tr><th>Category</th><th>Place</th>");
            o.push_str("<th>Dates</th><th class=\"n\">Figure</th><th class=\"n\">Claims</th>");
            o.push_str("<th class=\"n\">Origins</th><th>Evidence</th></tr></thead>\n<tbody>\n");
            for g in other {
                self.cite_claims(g);
                let links: Vec<String> = g.claims.iter().map(|c| self.ev_link(&c.evidence)).collect();
                w!(
                    o,
                    "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                     <td class=\"n\">{}</td><td>{}</td></tr>\n",
                    anchor("claim", &g.id),
                    esc(&g.category.label()),
                    self.place_name(g.place.as_deref()),
                    date_span(g.from.as_deref(), g.to.as_deref()),
                    self.range_html(g),
                    g.claims.len(),
                    g.origins,
                    links.join(" ")
                );
            }
            o.push_str("</tbody>\n</table>\n");
        }
        o.push_str("</section>\n");
        o
    }

    /// `low–high (best N)` with each number linked to the claim behind it.
    pub(super) fn range_html(&self, g: &'a ClaimGroup) -> String {
        let r = &g.range;
        let best = self.num_link(&num(r.best), &nearest(g, r.best, |c| c.value).evidence);
        if same(r.low, r.high) {
            return best;
        }
        let low = self.num_link(&num(r.low), &nearest(g, r.low, |c| c.low.unwrap_or(c.value)).evidence);
        let high = self.num_link(&num(r.high), &nearest(g, r.high, |c| c.high.unwrap_or(c.value)).evidence);
        format!("{low}–{high} <span class=\"muted\">(best {best})</span>")
    }

    /// Cites a group's claims in table order, so its evidence numbers read
    /// in order whichever the headline number cites first.
    pub(super) fn cite_claims(&self, g: &'a ClaimGroup) {
        for c in &g.claims {
            self.cite(&c.evidence);
        }
    }

    pub(super) fn figure_card(&self, g: &'a ClaimGroup, open: bool) -> String {
        self.cite_claims(g);
        let r = &g.range;
        let mut o = String::new();
        w!(o, "<article class=\"fig\" id=\"{}\">\n<div>\n<div class=\"fig-label\">", anchor("claim", &g.id));
        w!(
            o,
            "<span class=\"cat\">{}</span>{} · {}</div>\n",
            esc(&g.category.label()),
            self.place_name(g.place.as_deref()),
            date_span(g.from.as_deref(), g.to.as_deref())
        );
        let best_ev = &nearest(g, r.best, |c| c.value).evidence;
        if same(r.low, r.high) {
            w!(o, "<div class=\"fig-num\">{}</div>\n", self.num_link(&num(r.best), best_ev));
        } else {
            let low = self.num_link(&num(r.low), &nearest(g, r.low, |c| c.low.unwrap_or(c.value)).evidence);
            let high = self.num_link(&num(r.high), &nearest(g, r.high, |c| c.high.unwrap_or(c.value)).evidence);
            w!(o, "<div class=\"fig-num\">{low}<span class=\"dash\">–</span>{high}</div>\n");
            w!(o, "<div class=\"fig-best\">best {}</div>\n", self.num_link(&num(r.best), best_ev));
        }
        w!(
            o,
            "<div class=\"fig-meta\">{} · {}</div>\n",
            plural(g.claims.len(), "claim", "claims"),
            plural(g.origins, "independent origin", "independent origins")
        );
        if !g.contradictions.is_empty() {
            o.push_str("<div class=\"flag\"><b>Contradiction</b>");
            for (i, c) in g.contradictions.iter().enumerate() {
                if i > 0 {
                    o.push_str("<br>");
                }
                w!(o, "#{} and #{}: {}", c.a + 1, c.b + 1, t(&c.why));
            }
            o.push_str("</div>\n");
        }
        let flagged: BTreeSet<usize> = g.contradictions.iter().flat_map(|c| [c.a, c.b]).collect();
        w!(
            o,
            "</div>\n<details{}><summary>{} behind the figure</summary>\n<table>\n<thead><tr><th></th>\
             <th class=\"n\">Figure</th><th>Date</th><th>Origin</th><th>Words</th></tr></thead>\n<tbody>\n",
            if open { " open" } else { "" },
            plural(g.claims.len(), "claim", "claims")
        );
        for (i, c) in g.claims.iter().enumerate() {
            let class = if flagged.contains(&i) { " class=\"contra\"" } else { "" };
            let date = match c.date.as_deref() {
                Some(d) if c.date_from == "document" => {
                    format!(
                        "{} <span class=\"how\" title=\"no date with the figure: its document's\">doc.</span>",
                        fmt_date(d)
                    )
                }
                Some(d) => fmt_date(d),
                None => "<span class=\"muted\">undated</span>".into(),
            };
            w!(
                o,
                "<tr{class}><td class=\"idx\">#{}</td><td class=\"n\">{}</td><td class=\"d\">{date}</td><td>{}</td>\
                 <td>{} <span class=\"words\">“{}”</span></td></tr>\n",
                i + 1,
                self.num_link(&claim_value(c), &c.evidence),
                self.origin_html(c),
                self.ev_link(&c.evidence),
                t(&c.evidence.text)
            );
        }
        o.push_str("</tbody>\n</table>\n</details>\n</article>\n");
        o
    }

    pub(super) fn origin_html(&self, c: &Claim) -> String {
        let o = &c.origin;
        let name = if o.name.is_empty() { &o.key } else { &o.name };
        let mut s = format!("<b>{}</b>", t(name));
        if !o.how.is_empty() {
            w!(s, "<span class=\"how\">{}</span>", esc(&o.how));
        }
        if !o.relay.is_empty() {
            let mut chain: Vec<&str> = o.relay.iter().map(String::as_str).collect();
            if chain.last() != Some(&name.as_str()) {
                chain.push(name);
            }
            // A publisher relaying itself is no chain.
            if chain.len() > 1 {
                let chain: Vec<String> = chain.into_iter().map(t).collect();
                w!(s, "<div class=\"relay\">via {}</div>", chain.join(" → "));
            }
        } else if o.how != "publisher" {
            w!(s, "<div class=\"relay\">in {}</div>", self.publisher(&c.evidence.doc));
        }
        s
    }

    /// Events in the order they happened; undated ones last.
    pub(super) fn events_in_order(&self) -> Vec<&'a LinkedEvent> {
        let mut events: Vec<&LinkedEvent> = self.linked.events.iter().collect();
        events.sort_by_key(|e| e.date.as_deref().and_then(day_of).map_or((1, 0), |d| (0, d)));
        events
    }

    pub(super) fn timeline(&self) -> String {
        let events = self.events_in_order();
        let mut o = String::from("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        o.push_str(
            "<p class=\"lede\">One mark per event, by day and type; larger marks have more independent sources. \
             Each mark leads to the event below.</p>\n",
        );
        let dated: Vec<(&LinkedEvent, i64)> =
            events.iter().filter_map(|e| e.date.as_deref().and_then(day_of).map(|d| (*e, d))).collect();
        if dated.is_empty() {
            o.push_str("<p class=\"empty\">No dated events in this selection.</p>\n");
        } else {
            o.push_str(&self.timeline_svg(&dated));
        }
        let undated = events.len() - dated.len();
        if undated > 0 {
            w!(
                o,
                "<p class=\"muted small\">{} without a date {} listed below but not drawn.</p>\n",
                plural(undated, "event", "events"),
                if undated == 1 { "is" } else { "are" }
            );
        }
        o.push_str("<h3 id=\"events\">Events</h3>\n");
        if events.is_empty() {
            o.push_str("<p class=\"empty\">No events in this selection.</p>\n");
        } else {
            o.push_str("<ol class=\"events\">\n");
            for e in events {
                o.push_str(&self.event_item(e));
            }
            o.push_str("</ol>\n");
        }
        o.push_str("</section>\n");
        o
    }

    pub(super) fn event_item(&self, e: &'a LinkedEvent) -> String {
        let mut o = String::new();
        let when = match e.date.as_deref() {
            Some(d) => format!("<time datetime=\"{}\">{}</time>", esc(d), fmt_date(d)),
            None => "<span class=\"muted\">undated</span>".into(),
        };
        let ty = event_type(e);
        w!(
            o,
            "<li class=\"event\" id=\"{}\"><div class=\"when\">{when}</div>\n<div>\n<div class=\"ev-title\">\
             <span class=\"dot\" style=\"background:{}\"></span>{} <span class=\"sub\">· {} ·</span> {}</div>\n",
            anchor("event", &e.id),
            colour(&ty),
            esc(&sub_type(e)),
            esc(&ty),
            self.place_name(e.place.as_deref())
        );
        o.push_str("<div class=\"facts\">");
        let groups: Vec<&ClaimGroup> = e.claims.iter().filter_map(|id| self.groups.get(id.as_str()).copied()).collect();
        for (label, range, category) in [("Killed", &e.killed, "killed"), ("Injured", &e.injured, "injured")] {
            if let Some(r) = range.as_ref().filter(|_| self.tolls.shows(e, category)) {
                let evidence = groups
                    .iter()
                    .find(|g| g.category == category)
                    .map(|g| &nearest(g, r.best, |c| c.value).evidence)
                    .or(e.mentions.first());
                let text = esc(&range_text(r));
                let html = evidence.map_or(text.clone(), |ev| self.num_link(&text, ev));
                w!(o, "<span><span class=\"k\">{label}</span>{html}</span>");
            }
        }
        let origins: Vec<String> =
            e.origins.iter().map(|s| t(if s.name.is_empty() { &s.key } else { &s.name })).collect();
        w!(
            o,
            "<span><span class=\"k\">Sources</span>{}{}</span>",
            e.origins.len(),
            if origins.is_empty() { String::new() } else { format!(" ({})", origins.join(", ")) }
        );
        if !e.actors.is_empty() {
            let names: Vec<String> = e.actors.iter().map(|a| self.actor_name(a)).collect();
            w!(o, "<span><span class=\"k\">Actors</span>{}</span>", names.join("; "));
        }
        let groups: Vec<&ClaimGroup> = groups
            .into_iter()
            .filter(|g| match g.category.as_str() {
                c @ ("killed" | "injured") => self.tolls.shows(e, if c == "killed" { "killed" } else { "injured" }),
                _ => true,
            })
            .collect();
        if !groups.is_empty() {
            let links: Vec<String> = groups
                .iter()
                .map(|g| format!("<a href=\"#{}\">{}</a>", anchor("claim", &g.id), esc(&g.category.label())))
                .collect();
            w!(o, "<span><span class=\"k\">Figures</span>{}</span>", links.join(", "));
        }
        o.push_str("</div>\n<ul class=\"mentions\">\n");
        for m in &e.mentions {
            w!(
                o,
                "<li>{} “{}” <span class=\"pub\">{}</span></li>\n",
                self.ev_link(m),
                t(&m.text),
                self.publisher(&m.doc)
            );
        }
        o.push_str("</ul>\n");
        if !e.quotes.is_empty() {
            let quotes: Vec<&Testimony> = e.quotes.iter().collect();
            for (q, translations) in pair_translations(&quotes) {
                o.push_str(&self.quote_html(q, &translations, true));
            }
        }
        o.push_str("</div></li>\n");
        o
    }

    pub(super) fn map(&self) -> String {
        let mut o = String::from("<section id=\"map\">\n<h2>Map</h2>\n");
        o.push_str(
            "<p class=\"lede\">Places the events and figures name, drawn from their coordinates over country and \
             first-level boundaries (Natural Earth, bundled: the report fetches nothing; equirectangular). Circles \
             are sized by the number of events.</p>\n",
        );
        let mut events_at: BTreeMap<&str, Vec<&LinkedEvent>> = BTreeMap::new();
        for e in self.events_in_order() {
            if let Some(p) = e.place.as_deref() {
                events_at.entry(p).or_default().push(e);
            }
        }
        let mut groups_at: BTreeMap<&str, Vec<&ClaimGroup>> = BTreeMap::new();
        for g in &self.linked.claims {
            if let Some(p) = g.place.as_deref() {
                groups_at.entry(p).or_default().push(g);
            }
        }
        let located = located(self.linked);
        if located.is_empty() {
            o.push_str("<p class=\"empty\">No place in this selection has coordinates.</p>\n");
        } else {
            let counts: Vec<usize> =
                located.iter().map(|p| events_at.get(p.0.id.as_str()).map_or(0, Vec::len)).collect();
            o.push_str(&map_svg(&located, &counts));
        }
        let unlocated: Vec<String> = self
            .linked
            .places
            .values()
            .filter(|p| !located.iter().any(|l| l.0.id == p.id))
            .map(|p| format!("<a href=\"#{}\">{}</a>", anchor("place", &p.id), t(&p.name)))
            .collect();
        if !unlocated.is_empty() {
            w!(o, "<p class=\"muted small\">Not on the map (no coordinates): {}.</p>\n", unlocated.join(", "));
        }
        if !self.linked.places.is_empty() {
            o.push_str("<h3>Places</h3>\n<table class=\"places\">\n<thead><tr><th>Place</th><th>Within</th>");
            o.push_str("<th class=\"n\">Coordinates</th><th>Events</th><th>Figures</th></tr></thead>\n<tbody>\n");
            let mut places: Vec<&PlaceInfo> = self.linked.places.values().collect();
            places.sort_by(|a, b| {
                let n = |p: &PlaceInfo| events_at.get(p.id.as_str()).map_or(0, Vec::len);
                n(b).cmp(&n(a)).then(a.name.cmp(&b.name)).then(a.id.cmp(&b.id))
            });
            for p in places {
                let coords = match (p.lat, p.lon) {
                    (Some(lat), Some(lon)) if valid_coords(lat, lon) => {
                        format!("{}, {}", coord(lat, 'N', 'S', 3), coord(lon, 'E', 'W', 3))
                    }
                    _ => "<span class=\"muted\">none</span>".into(),
                };
                let events: Vec<String> = events_at.get(p.id.as_str()).map_or_else(Vec::new, |es| {
                    es.iter()
                        .map(|e| {
                            let d = e.date.as_deref().map_or_else(|| "undated".to_string(), fmt_date);
                            format!("<a href=\"#{}\">{d} · {}</a>", anchor("event", &e.id), esc(&sub_type(e)))
                        })
                        .collect()
                });
                let groups: Vec<String> = groups_at.get(p.id.as_str()).map_or_else(Vec::new, |gs| {
                    gs.iter()
                        .map(|g| {
                            format!(
                                "<a href=\"#{}\">{} {}</a>",
                                anchor("claim", &g.id),
                                esc(&g.category.label()).to_lowercase(),
                                esc(&range_text(&g.range))
                            )
                        })
                        .collect()
                });
                let mut within = p.within.iter().map(|w| t(w)).collect::<Vec<_>>().join(", ");
                if !p.kind.is_empty() {
                    within = format!(
                        "<span class=\"muted\">{}</span>{}{within}",
                        esc(p.kind.as_str()),
                        if within.is_empty() { "" } else { " in " }
                    );
                }
                w!(
                    o,
                    "<tr id=\"{}\"><td>{}</td><td class=\"small\">{within}</td><td class=\"n small\">{coords}</td>\
                     <td class=\"small\">{}</td><td class=\"small\">{}</td></tr>\n",
                    anchor("place", &p.id),
                    t(&p.name),
                    if events.is_empty() { "–".into() } else { events.join("<br>") },
                    if groups.is_empty() { "–".into() } else { groups.join("<br>") }
                );
            }
            o.push_str("</tbody>\n</table>\n");
        }
        o.push_str("</section>\n");
        o
    }

    /// Every quote once: the report's own list, then any only an event holds.
    pub(super) fn all_quotes(&self) -> Vec<&'a Testimony> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for q in self.linked.quotes.iter().chain(self.linked.events.iter().flat_map(|e| e.quotes.iter())) {
            if seen.insert((q.evidence.doc.as_str(), q.evidence.span)) {
                out.push(q);
            }
        }
        out
    }

    pub(super) fn speaker_name(&self, q: &Testimony) -> Option<String> {
        let s = q.speaker.as_deref().filter(|s| !s.trim().is_empty())?;
        Some(self.linked.actors.get(s).map_or_else(|| s.to_string(), |a| a.name.clone()))
    }

    pub(super) fn testimony(&self) -> String {
        let mut o = String::from("<section id=\"testimony\">\n<h2>Testimony</h2>\n");
        o.push_str(
            "<p class=\"lede\">Quotes by speaker, the most quoted first; translations beside their originals.</p>\n",
        );
        let quotes = self.all_quotes();
        if quotes.is_empty() {
            o.push_str("<p class=\"empty\">No quotes in this selection.</p>\n");
            o.push_str("</section>\n");
            return o;
        }
        // Speakers in order of first quote, then by number of quotes.
        let mut speakers: Vec<(Option<String>, Vec<Quoted>)> = Vec::new();
        for (q, translations) in pair_translations(&quotes) {
            let name = self.speaker_name(q);
            match speakers.iter_mut().find(|s| s.0 == name) {
                Some(s) => s.1.push((q, translations)),
                None => speakers.push((name, vec![(q, translations)])),
            }
        }
        speakers.sort_by(|a, b| a.0.is_none().cmp(&b.0.is_none()).then(b.1.len().cmp(&a.1.len())));
        for (name, quotes) in speakers {
            let role = quotes.iter().find_map(|q| q.0.speaker_role.as_deref()).filter(|r| !r.is_empty());
            o.push_str("<div class=\"speaker\">\n<h3>");
            match &name {
                Some(n) => o.push_str(&t(n)),
                None => o.push_str("Unattributed"),
            }
            if let Some(r) = role {
                w!(o, " <span class=\"role\">· {}</span>", t(r));
            }
            w!(o, " <span class=\"role muted small\">· {}</span></h3>\n", plural(quotes.len(), "quote", "quotes"));
            for (q, translations) in quotes {
                o.push_str(&self.quote_html(q, &translations, false));
            }
            o.push_str("</div>\n");
        }
        o.push_str("</section>\n");
        o
    }

    /// A quote with its translations beside it.
    pub(super) fn quote_html(&self, q: &'a Testimony, translations: &[&'a Testimony], compact: bool) -> String {
        let mut o = String::new();
        let single = if translations.is_empty() { " single" } else { "" };
        w!(o, "<figure class=\"quote\"><div class=\"qpair{single}\">");
        let tag = if compact {
            self.speaker_name(q).map_or_else(String::new, |n| format!("<span class=\"qtag\">{}</span>", esc(&n)))
        } else {
            String::new()
        };
        w!(
            o,
            "<blockquote{}>{tag}{}</blockquote>",
            lang_attrs(&q.evidence.text, &q.language),
            esc(quote_words(&q.evidence.text))
        );
        for tr in translations {
            w!(
                o,
                "<blockquote class=\"tr\"{}><span class=\"qtag\">{} translation</span>{}</blockquote>",
                lang_attrs(&tr.evidence.text, &tr.language),
                esc(&language_name(&tr.language)),
                esc(quote_words(&tr.evidence.text))
            );
        }
        o.push_str("</div>\n<figcaption>");
        let mut parts = vec![esc(&language_name(&q.language))];
        if let Some(tc) = q.timecode.as_deref().filter(|s| !s.is_empty()) {
            parts.push(format!("at {}", esc(tc)));
        }
        let doc = self.docs.get(q.evidence.doc.as_str());
        let mut from = self.publisher(&q.evidence.doc);
        if let Some(d) = doc.and_then(|d| d.published.as_deref()) {
            w!(from, ", {}", fmt_date(d));
        }
        parts.push(from);
        parts.push(self.ev_link(&q.evidence));
        for tr in translations {
            parts.push(format!("translation {}", self.ev_link(&tr.evidence)));
        }
        o.push_str(&parts.join(" · "));
        o.push_str("</figcaption></figure>\n");
        o
    }

    pub(super) fn evidence(&self) -> String {
        let mut o = String::from("<section id=\"evidence\">\n<h2>Evidence</h2>\n");
        o.push_str(
            "<p class=\"lede\">The words behind every number, event and quote above, in the order first cited. \
             Spans are <code>[start, end)</code> in characters of the document text.</p>\n",
        );
        let cited = self.cited.borrow();
        if cited.order.is_empty() {
            o.push_str("<p class=\"empty\">Nothing cited.</p>\n");
        } else {
            o.push_str("<ol class=\"evidence\">\n");
            for (i, (anchor, e)) in cited.order.iter().enumerate() {
                w!(
                    o,
                    "<li id=\"{anchor}\"><span class=\"evn\">E{}</span><div><p class=\"ctx\"{}>{}</p>\n<div class=\"evmeta\">",
                    i + 1,
                    lang_attrs(&e.context, ""),
                    context_html(e)
                );
                match self.docs.get(e.doc.as_str()) {
                    Some(d) => {
                        let title = d.title.as_deref().filter(|s| !s.is_empty()).map_or_else(|| "untitled".into(), t);
                        w!(o, "<a href=\"#{}\">{title}</a> · {}", doc_anchor(&d.id), t(&d.publisher));
                        if let Some(p) = &d.published {
                            w!(o, " · {}", fmt_date(p));
                        }
                    }
                    None => o.push_str("<span class=\"muted\">document not in this selection</span>"),
                }
                w!(
                    o,
                    " · characters [{}, {})<br><span class=\"id\">{}</span></div></div></li>\n",
                    e.span[0],
                    e.span[1],
                    esc(&e.doc)
                );
            }
            o.push_str("</ol>\n");
        }
        o.push_str("</section>\n");
        o
    }

    pub(super) fn sources(&self) -> String {
        let mut o = String::from("<section id=\"sources\">\n<h2>Sources</h2>\n");
        if self.linked.documents.is_empty() {
            o.push_str("<p class=\"empty\">No documents.</p>\n</section>\n");
            return o;
        }
        o.push_str("<table class=\"sources\">\n<thead><tr><th>Document</th><th>Publisher</th><th>Published</th>");
        o.push_str("<th>Address</th></tr></thead>\n<tbody>\n");
        for d in &self.linked.documents {
            let title = d.title.as_deref().filter(|s| !s.is_empty()).map_or_else(|| "untitled".into(), t);
            let url = match d.url.as_deref() {
                Some(u) if is_web_url(u) => format!(
                    "<a href=\"{}\" rel=\"noreferrer noopener\" class=\"small\">{}</a>",
                    esc(u),
                    esc(&shorten(u, 70))
                ),
                Some(u) => format!("<span class=\"small\">{}</span>", esc(&shorten(u, 70))),
                None => "–".into(),
            };
            w!(
                o,
                "<tr id=\"{}\"><td>{title}<br><span class=\"id\">{}</span></td><td>{}</td><td class=\"n\">{}</td>\
                 <td>{url}</td></tr>\n",
                doc_anchor(&d.id),
                esc(&d.id),
                t(&d.publisher),
                d.published.as_deref().map_or_else(|| "–".into(), fmt_date)
            );
        }
        o.push_str("</tbody>\n</table>\n</section>\n");
        o
    }
}

// ------------------------------------------------------------- testimony

/// A quote and the quotes that translate it.
pub(super) type Quoted<'q> = (&'q Testimony, Vec<&'q Testimony>);

/// Originals in order, each with the quotes that translate it (same
/// document, `translation_of` its span). A translation whose original is
/// missing stands alone.
pub(super) fn pair_translations<'q>(quotes: &[&'q Testimony]) -> Vec<Quoted<'q>> {
    let present: BTreeSet<(&str, [usize; 2])> =
        quotes.iter().map(|q| (q.evidence.doc.as_str(), q.evidence.span)).collect();
    let is_translation = |q: &Testimony| {
        q.translation_of.is_some_and(|s| s != q.evidence.span && present.contains(&(q.evidence.doc.as_str(), s)))
    };
    quotes
        .iter()
        .filter(|q| !is_translation(q))
        .map(|q| {
            let translations = quotes
                .iter()
                .filter(|t| {
                    is_translation(t) && t.evidence.doc == q.evidence.doc && t.translation_of == Some(q.evidence.span)
                })
                .copied()
                .collect();
            (*q, translations)
        })
        .collect()
}
