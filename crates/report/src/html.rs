//! The situation report: one self-contained HTML file.
//!
//! [`render`] turns a [`Linked`] (already filtered) into a page an analyst can
//! open offline, print or mail. Nothing is fetched: the styles are inline, the
//! timeline and the map are SVG drawn here from the dates and coordinates, and
//! there is no script at all; a Content-Security-Policy says so to the
//! browser, so a mistake in escaping could not load or run anything either.
//!
//! Every number and every event links to the words behind it: an appendix
//! entry (`#ev-<12 hex of the document>-<start>-<end>`) shows the sentence
//! with the span marked and names the document, its publisher, date, full id
//! and the span in characters. Entries are numbered `E1`, `E2`, … in the
//! order the report first cites them.
//!
//! Document text is hostile input: every string that comes from a document
//! (titles, publishers, names, quotes, contexts) is escaped, attributes
//! included, and only `http(s)` URLs become links. Arabic runs are marked
//! `lang="ar" dir="rtl"`, mixed runs are isolated with `<bdi>`.
//!
//! The output is deterministic: the same input and options give the same
//! bytes.
//!
//! ```
//! use sitrep_report::html::{render, ReportOptions};
//! let page = render(&sitrep_link::Linked::default(), &ReportOptions::default());
//! assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Situation report"));
//! ```

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use sitrep_link::{Claim, ClaimGroup, DocRef, Evidence, Linked, LinkedEvent, PlaceInfo, Range, Testimony};
use sitrep_record::{DocId, Qualifier};

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($o:expr, $($t:tt)*) => {{
        let _ = write!($o, $($t)*);
    }};
}

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

/// ACLED event types and their colours, in ACLED's order.
const EVENT_TYPES: &[(&str, &str)] = &[
    ("Battles", "#a63d2f"),
    ("Explosions/Remote violence", "#d08a2a"),
    ("Violence against civilians", "#6e3f7f"),
    ("Protests", "#2f6f9e"),
    ("Riots", "#3d8a69"),
    ("Strategic developments", "#6b7580"),
];
const OTHER_COLOUR: &str = "#a3acb5";

/// Key figures shown with their claims open; the rest start folded.
const OPEN_FIGURES: usize = 6;

const STYLE: &str = r#"
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

struct Ctx<'a> {
    linked: &'a Linked,
    docs: BTreeMap<&'a str, &'a DocRef>,
    groups: BTreeMap<&'a str, &'a ClaimGroup>,
    /// Evidence cited so far, in order of first citation.
    cited: RefCell<Cited<'a>>,
}

#[derive(Default)]
struct Cited<'a> {
    order: Vec<(String, &'a Evidence)>,
    number: BTreeMap<String, usize>,
}

impl<'a> Ctx<'a> {
    fn new(linked: &'a Linked) -> Ctx<'a> {
        Ctx {
            linked,
            docs: linked.documents.iter().map(|d| (d.id.as_str(), d)).collect(),
            groups: linked.claims.iter().map(|g| (g.id.as_str(), g)).collect(),
            cited: RefCell::default(),
        }
    }

    /// Registers `e` for the appendix; its anchor and number.
    fn cite(&self, e: &'a Evidence) -> (String, usize) {
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
    fn ev_link(&self, e: &'a Evidence) -> String {
        let (anchor, n) = self.cite(e);
        let mut tip = self.docs.get(e.doc.as_str()).map_or_else(|| short_doc(&e.doc), |d| d.publisher.clone());
        tip.push_str(&format!(", characters {}–{}", e.span[0], e.span[1]));
        format!("<a class=\"ev\" href=\"#{anchor}\" title=\"{}\">E{n}</a>", esc(&tip))
    }

    /// `text` (already HTML) as a link to the evidence.
    fn num_link(&self, html: &str, e: &'a Evidence) -> String {
        let (anchor, n) = self.cite(e);
        format!("<a class=\"n\" href=\"#{anchor}\" title=\"Evidence E{n}\">{html}</a>")
    }

    fn place(&self, id: &str) -> Option<&'a PlaceInfo> {
        self.linked.places.get(id)
    }

    fn place_name(&self, id: Option<&str>) -> String {
        match id {
            Some(id) => match self.place(id) {
                Some(p) => format!("<a href=\"#{}\">{}</a>", anchor("place", &p.id), t(&p.name)),
                None => t(id),
            },
            None => "<span class=\"muted\">place not stated</span>".into(),
        }
    }

    fn actor_name(&self, id: &str) -> String {
        self.linked.actors.get(id).map_or_else(|| t(id), |a| t(&a.name))
    }

    fn publisher(&self, doc: &str) -> String {
        self.docs.get(doc).map_or_else(|| format!("<code>{}</code>", esc(&short_doc(doc))), |d| t(&d.publisher))
    }

    fn header(&self, title: &str, opts: &ReportOptions) -> String {
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

    fn figures(&self) -> String {
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
    fn range_html(&self, g: &'a ClaimGroup) -> String {
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
    fn cite_claims(&self, g: &'a ClaimGroup) {
        for c in &g.claims {
            self.cite(&c.evidence);
        }
    }

    fn figure_card(&self, g: &'a ClaimGroup, open: bool) -> String {
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

    fn origin_html(&self, c: &Claim) -> String {
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
    fn events_in_order(&self) -> Vec<&'a LinkedEvent> {
        let mut events: Vec<&LinkedEvent> = self.linked.events.iter().collect();
        events.sort_by_key(|e| e.date.as_deref().and_then(day_of).map_or((1, 0), |d| (0, d)));
        events
    }

    fn timeline(&self) -> String {
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

    fn timeline_svg(&self, dated: &[(&'a LinkedEvent, i64)]) -> String {
        const W: f64 = 1000.0;
        const X0: f64 = 196.0;
        const X1: f64 = 984.0;
        const TOP: f64 = 12.0;
        const LANE: f64 = 44.0;

        let mut d0 = dated.iter().map(|p| p.1).min().unwrap_or(0);
        let mut d1 = dated.iter().map(|p| p.1).max().unwrap_or(0);
        if d1 - d0 < 2 {
            d0 -= 1;
            d1 += 1;
        }
        let days = (d1 - d0 + 1) as f64;
        let col = (X1 - X0) / days;
        let x = |d: i64| X0 + (d - d0) as f64 * col + col / 2.0;

        let lanes = lanes_of(dated.iter().map(|p| p.0));
        let h = TOP + LANE * lanes.len() as f64 + 40.0;
        let axis_y = TOP + LANE * lanes.len() as f64;

        let mut o = String::new();
        w!(
            o,
            "<figure class=\"chart\"><svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" \
             viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"Timeline of {} dated events\">\n",
            dated.len()
        );
        for (i, lane) in lanes.iter().enumerate() {
            let y = TOP + LANE * i as f64;
            if i % 2 == 0 {
                w!(o, "<rect x=\"{X0}\" y=\"{y}\" width=\"{}\" height=\"{LANE}\" fill=\"#f6f7f8\"/>\n", X1 - X0);
            }
            w!(
                o,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12.5\" fill=\"#36414c\">{}</text>\n",
                X0 - 10.0,
                f1(y + LANE / 2.0 + 4.0),
                esc(lane)
            );
        }
        // Day ticks, thinned to at most a dozen labels.
        for tick in ticks(d0, d1) {
            let tx = f1(x(tick.day));
            w!(
                o,
                "<line x1=\"{tx}\" y1=\"{TOP}\" x2=\"{tx}\" y2=\"{}\" stroke=\"#e3e7eb\" stroke-width=\"1\"/>\n",
                axis_y + 4.0
            );
            w!(
                o,
                "<text x=\"{tx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#36414c\">{}</text>\n",
                axis_y + 18.0,
                esc(&tick.label)
            );
            if let Some(year) = tick.year {
                w!(
                    o,
                    "<text x=\"{tx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#8a949e\">{year}</text>\n",
                    axis_y + 32.0
                );
            }
        }
        w!(
            o,
            "<line x1=\"{X0}\" y1=\"{axis_y}\" x2=\"{X1}\" y2=\"{axis_y}\" stroke=\"#18212b\" stroke-width=\"1\"/>\n"
        );

        // Events sharing a lane and a day sit side by side.
        let mut slots: BTreeMap<(usize, i64), usize> = BTreeMap::new();
        for (e, d) in dated {
            let lane = lanes.iter().position(|l| *l == event_type(e)).unwrap_or(0);
            *slots.entry((lane, *d)).or_default() += 1;
        }
        let mut taken: BTreeMap<(usize, i64), usize> = BTreeMap::new();
        for (e, d) in dated {
            let lane = lanes.iter().position(|l| *l == event_type(e)).unwrap_or(0);
            let n = slots[&(lane, *d)];
            let k = taken.entry((lane, *d)).or_default();
            let r = marker_radius(e.origins.len().max(1));
            let spread = (col * 0.8 / n as f64).min(2.0 * r + 3.0);
            let cx = x(*d) + (*k as f64 - (n as f64 - 1.0) / 2.0) * spread;
            *k += 1;
            let cy = TOP + LANE * lane as f64 + LANE / 2.0;
            let mut tip = format!("{} · {}", fmt_date_text(e.date.as_deref().unwrap_or("")), sub_type(e));
            if let Some(p) = e.place.as_deref() {
                tip.push_str(&format!(" · {}", self.place(p).map_or(p, |p| p.name.as_str())));
            }
            if let Some(k) = &e.killed {
                tip.push_str(&format!(" · killed {}", range_text(k)));
            }
            tip.push_str(&format!(" · {}", plural(e.origins.len(), "source", "sources")));
            w!(
                o,
                "<a href=\"#{}\"><circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"0.88\" \
                 stroke=\"#fff\" stroke-width=\"1.5\"><title>{}</title></circle></a>\n",
                anchor("event", &e.id),
                f1(cx),
                f1(cy),
                f1(r),
                colour(&event_type(e)),
                esc(&tip)
            );
            // The toll beside a mark that has its day to itself.
            if let (Some(k), 1, true) = (&e.killed, n, col >= 70.0) {
                w!(
                    o,
                    "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#5e6a76\">{} killed</text>\n",
                    f1(cx + r + 4.0),
                    f1(cy + 4.0),
                    esc(&num(k.best))
                );
            }
        }
        o.push_str("</svg>\n<figcaption class=\"legend\">");
        for lane in &lanes {
            w!(o, "<span><span class=\"sw\" style=\"background:{}\"></span>{}</span>", colour(lane), esc(lane));
        }
        o.push_str("<span class=\"muted\">Sources:");
        for n in [1, 3, 6] {
            let d = f1(2.0 * marker_radius(n));
            w!(o, " <span class=\"sz\" style=\"width:{d}px;height:{d}px\"></span>{n}");
        }
        o.push_str("</span></figcaption></figure>\n");
        o
    }

    fn event_item(&self, e: &'a LinkedEvent) -> String {
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
            if let Some(r) = range {
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

    fn map(&self) -> String {
        let mut o = String::from("<section id=\"map\">\n<h2>Map</h2>\n");
        o.push_str(
            "<p class=\"lede\">Places the events and figures name, drawn from their coordinates (equirectangular, \
             no base map: the report fetches nothing). Circles are sized by the number of events.</p>\n",
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
    fn all_quotes(&self) -> Vec<&'a Testimony> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for q in self.linked.quotes.iter().chain(self.linked.events.iter().flat_map(|e| e.quotes.iter())) {
            if seen.insert((q.evidence.doc.as_str(), q.evidence.span)) {
                out.push(q);
            }
        }
        out
    }

    fn speaker_name(&self, q: &Testimony) -> Option<String> {
        let s = q.speaker.as_deref().filter(|s| !s.trim().is_empty())?;
        Some(self.linked.actors.get(s).map_or_else(|| s.to_string(), |a| a.name.clone()))
    }

    fn testimony(&self) -> String {
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
    fn quote_html(&self, q: &'a Testimony, translations: &[&'a Testimony], compact: bool) -> String {
        let mut o = String::new();
        let single = if translations.is_empty() { " single" } else { "" };
        w!(o, "<figure class=\"quote\"><div class=\"qpair{single}\">");
        let tag = if compact {
            self.speaker_name(q).map_or_else(String::new, |n| format!("<span class=\"qtag\">{}</span>", esc(&n)))
        } else {
            String::new()
        };
        w!(o, "<blockquote{}>{tag}{}</blockquote>", lang_attrs(&q.evidence.text, &q.language), esc(&q.evidence.text));
        for tr in translations {
            w!(
                o,
                "<blockquote class=\"tr\"{}><span class=\"qtag\">{} translation</span>{}</blockquote>",
                lang_attrs(&tr.evidence.text, &tr.language),
                esc(&language_name(&tr.language)),
                esc(&tr.evidence.text)
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

    fn evidence(&self) -> String {
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

    fn sources(&self) -> String {
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

/// The timeline chart alone, for pages that list the events themselves
/// (the web desk): one mark per dated event, linking to `#event-<id>` as
/// [`anchor`] makes it. `None` when no event has a date.
pub fn timeline_chart(linked: &Linked) -> Option<String> {
    let ctx = Ctx::new(linked);
    let dated: Vec<(&LinkedEvent, i64)> =
        ctx.events_in_order().into_iter().filter_map(|e| e.date.as_deref().and_then(day_of).map(|d| (e, d))).collect();
    (!dated.is_empty()).then(|| ctx.timeline_svg(&dated))
}

/// The map chart alone: a circle per place with coordinates, sized by its
/// events, linking to `#place-<id>`. `None` when no place has coordinates.
pub fn map_chart(linked: &Linked) -> Option<String> {
    let located = located(linked);
    let counts: Vec<usize> = located
        .iter()
        .map(|(p, _, _)| linked.events.iter().filter(|e| e.place.as_deref() == Some(p.id.as_str())).count())
        .collect();
    (!located.is_empty()).then(|| map_svg(&located, &counts))
}

/// Places with usable coordinates.
fn located(linked: &Linked) -> Vec<(&PlaceInfo, f64, f64)> {
    linked
        .places
        .values()
        .filter_map(|p| match (p.lat, p.lon) {
            (Some(lat), Some(lon)) if valid_coords(lat, lon) => Some((p, lat, lon)),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------- the map

struct Label {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Label {
    fn hits(&self, o: &Label) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

fn map_svg(located: &[(&PlaceInfo, f64, f64)], events: &[usize]) -> String {
    const W: f64 = 1000.0;
    let (mut la0, mut la1) = (f64::MAX, f64::MIN);
    let (mut lo0, mut lo1) = (f64::MAX, f64::MIN);
    for (_, lat, lon) in located {
        la0 = la0.min(*lat);
        la1 = la1.max(*lat);
        lo0 = lo0.min(*lon);
        lo1 = lo1.max(*lon);
    }
    let k = ((la0 + la1) / 2.0).to_radians().cos().max(0.1);
    // At least a tenth of a degree (11 km), so a single place has a neighbourhood.
    let min_span = 0.1;
    if la1 - la0 < min_span {
        let c = (la0 + la1) / 2.0;
        (la0, la1) = (c - min_span / 2.0, c + min_span / 2.0);
    }
    if (lo1 - lo0) * k < min_span {
        let c = (lo0 + lo1) / 2.0;
        (lo0, lo1) = (c - min_span / k / 2.0, c + min_span / k / 2.0);
    }
    let (pad_la, pad_lo) = ((la1 - la0) * 0.14, (lo1 - lo0) * 0.14);
    (la0, la1, lo0, lo1) = (la0 - pad_la, la1 + pad_la, lo0 - pad_lo, lo1 + pad_lo * 1.6);
    let mut pw = (lo1 - lo0) * k;
    let mut ph = la1 - la0;
    let h = (W * ph / pw).clamp(360.0, 540.0);
    if pw / ph > W / h {
        let grow = (pw * h / W - ph) / 2.0;
        (la0, la1) = (la0 - grow, la1 + grow);
        ph = la1 - la0;
    } else {
        let grow = (ph * W / h - pw) / k / 2.0;
        (lo0, lo1) = (lo0 - grow, lo1 + grow);
        pw = (lo1 - lo0) * k;
    }
    let s = W / pw;
    let h = (ph * s).round();
    let px = |lon: f64| (lon - lo0) * k * s;
    let py = |lat: f64| (la1 - lat) * s;

    let mut o = String::new();
    w!(
        o,
        "<figure class=\"chart\"><svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" \
         role=\"img\" aria-label=\"Map of {} places\">\n<rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{h}\" fill=\"#f3f5f6\"/>\n",
        located.len()
    );
    // Scale bar: a round distance about a sixth of the width.
    let km_per_px = 111.32 / s;
    let km = [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0]
        .into_iter()
        .rev()
        .find(|d| d / km_per_px <= W / 6.0)
        .unwrap_or(0.5);
    let len = km / km_per_px;
    let (bx, by) = (W - 24.0 - len, h - 22.0);
    // Graticule: up to ten lines across, the same step both ways.
    let step = nice_step((lo1 - lo0).max(la1 - la0));
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 && (step * 10.0).fract() == 0.0 {
        1
    } else {
        2
    };
    for i in (lo0 / step).ceil() as i64..=(lo1 / step).floor() as i64 {
        let g = i as f64 * step;
        let x = f1(px(g));
        w!(o, "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{h}\" stroke=\"#dde3e8\" stroke-width=\"1\"/>\n");
        if px(g) > bx - 56.0 {
            continue;
        }
        w!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#7b8794\">{}</text>\n",
            f1(px(g) + 3.0),
            h - 5.0,
            coord(g, 'E', 'W', decimals)
        );
    }
    for i in (la0 / step).ceil() as i64..=(la1 / step).floor() as i64 {
        let g = i as f64 * step;
        let y = f1(py(g));
        w!(o, "<line x1=\"0\" y1=\"{y}\" x2=\"{W}\" y2=\"{y}\" stroke=\"#dde3e8\" stroke-width=\"1\"/>\n");
        if py(g) < 16.0 || py(g) > h - 20.0 {
            continue;
        }
        w!(
            o,
            "<text x=\"4\" y=\"{}\" font-size=\"11\" fill=\"#7b8794\">{}</text>\n",
            f1(py(g) - 4.0),
            coord(g, 'N', 'S', decimals)
        );
    }
    w!(
        o,
        "<g class=\"scale\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"30\" fill=\"#f3f5f6\" fill-opacity=\"0.85\"/>\
         <path d=\"M{} {}v6h{}v-6\" fill=\"none\" stroke=\"#18212b\" stroke-width=\"1.5\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#18212b\">{} km</text></g>\n",
        f1(bx - 8.0),
        f1(by - 18.0),
        f1(len + 16.0),
        f1(bx),
        f1(by - 2.0),
        f1(len),
        f1(bx + len / 2.0),
        f1(by - 6.0),
        num(km)
    );
    w!(
        o,
        "<g class=\"north\"><path d=\"M{x} 16l6 16h-12z\" fill=\"#18212b\"/><text x=\"{x}\" y=\"46\" font-size=\"11\" \
         text-anchor=\"middle\" fill=\"#18212b\">N</text></g>\n",
        x = W - 28.0
    );

    // Biggest first, so small circles stay on top and clickable.
    let mut order: Vec<usize> = (0..located.len()).collect();
    order.sort_by(|&a, &b| events[b].cmp(&events[a]).then(located[a].0.id.cmp(&located[b].0.id)));
    let radius = |n: usize| if n == 0 { 4.5 } else { 4.0 + 6.0 * (n as f64).sqrt() };
    let mut boxes: Vec<Label> = order
        .iter()
        .map(|&i| {
            let (x, y, r) = (px(located[i].2), py(located[i].1), radius(events[i]));
            Label { x0: x - r, y0: y - r, x1: x + r, y1: y + r }
        })
        .collect();
    for &i in &order {
        let (p, lat, lon) = located[i];
        let (x, y, r) = (px(lon), py(lat), radius(events[i]));
        let (fill, opacity, dash) = match (events[i], p.precision.acled) {
            (0, _) => ("#ffffff", "1", ""),
            (_, 3) => ("#1d4f7c", "0.35", " stroke-dasharray=\"3 2\""),
            _ => ("#1d4f7c", "0.78", ""),
        };
        w!(
            o,
            "<a href=\"#{}\"><circle class=\"place\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" fill-opacity=\"{opacity}\" \
             stroke=\"#1d4f7c\" stroke-width=\"1.5\"{dash}><title>{} — {}, {}</title></circle></a>\n",
            anchor("place", &p.id),
            f1(x),
            f1(y),
            f1(r),
            esc(&p.name),
            plural(events[i], "event", "events"),
            esc(&format!("{}, {}", coord_text(lat, 'N', 'S', 3), coord_text(lon, 'E', 'W', 3)))
        );
    }
    // Labels: right, left, above or below the circle, wherever they do not
    // cover another label or circle.
    for &i in &order {
        let (p, lat, lon) = located[i];
        let (x, y, r) = (px(lon), py(lat), radius(events[i]));
        let rtl = script(&p.name) == Script::Arabic;
        let width = p.name.chars().count() as f64 * if rtl { 7.5 } else { 7.4 } + 4.0;
        let candidates = [
            (x + r + 5.0, y + 4.5, "start"),
            (x - r - 5.0, y + 4.5, "end"),
            (x, y - r - 6.0, "middle"),
            (x, y + r + 15.0, "middle"),
        ];
        let boxed = |(lx, ly, a): (f64, f64, &str)| {
            let x0 = match a {
                "start" => lx,
                "end" => lx - width,
                _ => lx - width / 2.0,
            };
            Label { x0, y0: ly - 12.0, x1: x0 + width, y1: ly + 3.0 }
        };
        let inside = |b: &Label| b.x0 >= 2.0 && b.x1 <= W - 2.0 && b.y0 >= 2.0 && b.y1 <= h - 16.0;
        let pick = candidates
            .iter()
            .copied()
            .find(|&c| {
                let b = boxed(c);
                inside(&b)
                    && !boxes.iter().any(|o| {
                        // Its own circle is not an obstacle.
                        let centre = ((o.x0 + o.x1) / 2.0 - x).abs() < 0.01 && ((o.y0 + o.y1) / 2.0 - y).abs() < 0.01;
                        !centre && o.hits(&b)
                    })
            })
            .or_else(|| candidates.iter().copied().find(|&c| inside(&boxed(c))))
            .unwrap_or(candidates[0]);
        boxes.push(boxed(pick));
        let (lx, ly, a) = pick;
        // With direction="rtl" SVG's start and end swap sides.
        let (anchor_attr, bidi) = if rtl {
            let a = match a {
                "start" => "end",
                "end" => "start",
                m => m,
            };
            (a, " direction=\"rtl\" unicode-bidi=\"embed\" lang=\"ar\"")
        } else {
            (a, "")
        };
        w!(
            o,
            "<a href=\"#{}\"><text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor_attr}\"{bidi} font-size=\"13\" \
             font-weight=\"600\" fill=\"#18212b\" stroke=\"#f3f5f6\" stroke-width=\"3.5\" paint-order=\"stroke\" \
             stroke-linejoin=\"round\">{}</text></a>\n",
            anchor("place", &p.id),
            f1(lx),
            f1(ly),
            esc(&p.name)
        );
    }
    o.push_str("</svg>\n<figcaption class=\"legend\">");
    for n in [1, 3, 6] {
        let d = f1(2.0 * radius(n));
        w!(o, "<span><span class=\"sz\" style=\"width:{d}px;height:{d}px;background:rgba(29,79,124,.78);border-color:#1d4f7c\"></span> {}</span>", plural(n, "event", "events"));
    }
    o.push_str(
        "<span><span class=\"sz\" style=\"width:9px;height:9px;background:#fff;border-color:#1d4f7c\"></span> \
         figures only</span><span class=\"muted\">Dashed: a region, not a point. Graticule in degrees; \
         scale true at the map's centre latitude.</span></figcaption></figure>\n",
    );
    o
}

/// A round graticule step giving at most ten lines across `span` degrees.
fn nice_step(span: f64) -> f64 {
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 45.0, 90.0]
        .into_iter()
        .find(|s| span / s <= 10.0)
        .unwrap_or(90.0)
}

fn valid_coords(lat: f64, lon: f64) -> bool {
    lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

fn coord_text(v: f64, pos: char, neg: char, decimals: usize) -> String {
    let v = if v.abs() < 1e-9 { 0.0 } else { v };
    format!("{:.*}°{}", decimals, v.abs(), if v < 0.0 { neg } else { pos })
}

fn coord(v: f64, pos: char, neg: char, decimals: usize) -> String {
    esc(&coord_text(v, pos, neg, decimals))
}

// ----------------------------------------------------------- the timeline

struct Tick {
    day: i64,
    label: String,
    year: Option<i64>,
}

/// Tick days between `d0` and `d1`: every day, every few days, weekly or
/// monthly, whatever keeps it to about a dozen. The year is written under
/// the first tick and wherever it changes.
fn ticks(d0: i64, d1: i64) -> Vec<Tick> {
    let span = d1 - d0 + 1;
    let mut days: Vec<i64> = Vec::new();
    let mut monthly = false;
    if let Some(step) = [1, 2, 3, 7, 14].into_iter().find(|s| span / s <= 12) {
        days.extend((d0..=d1).step_by(step as usize));
    } else {
        monthly = true;
        let months = |d: i64| {
            let (y, m, _) = civil_from_days(d);
            y * 12 + m as i64 - 1
        };
        let (m0, m1) = (months(d0), months(d1));
        let step = [1, 2, 3, 6, 12, 24, 60, 120].into_iter().find(|s| (m1 - m0) / s <= 12).unwrap_or(120);
        let mut m = (m0 + 1).div_euclid(step) * step;
        if m <= m0 {
            m += step;
        }
        while m <= m1 {
            days.push(days_from_civil(m.div_euclid(12), (m.rem_euclid(12) + 1) as u32, 1));
            m += step;
        }
    }
    let mut last_year = None;
    days.into_iter()
        .map(|day| {
            let (y, m, d) = civil_from_days(day);
            let label =
                if monthly { MONTHS[m as usize - 1].to_string() } else { format!("{d} {}", MONTHS[m as usize - 1]) };
            let year = (last_year != Some(y)).then_some(y);
            last_year = Some(y);
            Tick { day, label, year }
        })
        .collect()
}

/// An event's ACLED type, `Other` when it has none.
pub fn event_type(e: &LinkedEvent) -> String {
    let t = e.acled.event_type.trim();
    if t.is_empty() {
        "Other".into()
    } else {
        t.into()
    }
}

/// An event's ACLED sub-type, else its own type in words.
pub fn sub_type(e: &LinkedEvent) -> String {
    let s = e.acled.sub_event_type.trim();
    if !s.is_empty() {
        return s.into();
    }
    let k = e.kind.trim();
    if k.is_empty() {
        "event".into()
    } else {
        capitalize(k)
    }
}

/// The event types present, in ACLED's order, others after by name.
fn lanes_of<'e>(events: impl Iterator<Item = &'e LinkedEvent>) -> Vec<String> {
    let present: BTreeSet<String> = events.map(event_type).collect();
    let mut lanes: Vec<String> =
        EVENT_TYPES.iter().filter(|(t, _)| present.contains(*t)).map(|(t, _)| t.to_string()).collect();
    lanes.extend(present.into_iter().filter(|t| !EVENT_TYPES.iter().any(|(k, _)| k == t)));
    lanes
}

/// The colour of an ACLED event type on the timeline.
pub fn colour(event_type: &str) -> &'static str {
    EVENT_TYPES.iter().find(|(t, _)| *t == event_type).map_or(OTHER_COLOUR, |(_, c)| c)
}

fn marker_radius(sources: usize) -> f64 {
    (4.5 + 2.6 * (sources as f64).sqrt()).min(14.0)
}

// ------------------------------------------------------------- testimony

/// A quote and the quotes that translate it.
type Quoted<'q> = (&'q Testimony, Vec<&'q Testimony>);

/// Originals in order, each with the quotes that translate it (same
/// document, `translation_of` its span). A translation whose original is
/// missing stands alone.
fn pair_translations<'q>(quotes: &[&'q Testimony]) -> Vec<Quoted<'q>> {
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

fn language_name(code: &str) -> String {
    match code {
        "ar" => "Arabic".into(),
        "en" => "English".into(),
        "fr" => "French".into(),
        "tr" => "Turkish".into(),
        "ku" => "Kurdish".into(),
        "fa" => "Persian".into(),
        "he" => "Hebrew".into(),
        "ru" => "Russian".into(),
        "" => "Language not known".into(),
        other => other.into(),
    }
}

// -------------------------------------------------------------- evidence

/// `ev-<12 hex of the document>-<start>-<end>`.
fn ev_anchor(e: &Evidence) -> String {
    anchor("ev", &format!("{}-{}-{}", DocId::short_of(&e.doc), e.span[0], e.span[1]))
}

fn doc_anchor(id: &str) -> String {
    anchor("doc", DocId::short_of(id))
}

fn short_doc(id: &str) -> String {
    format!("sha256:{}…", DocId::short_of(id))
}

/// An id safe in `id` and `href="#…"`: letters, digits, `-`, `_`, `.`.
pub fn anchor(prefix: &str, id: &str) -> String {
    let safe: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    format!("{prefix}-{safe}")
}

/// The sentence with the span's words marked; long sentences are cut
/// around the span.
fn context_html(e: &Evidence) -> String {
    const KEEP: usize = 280;
    let ctx: Vec<char> = e.context.chars().collect();
    let words: Vec<char> = e.text.chars().collect();
    let at = if e.at + words.len() <= ctx.len() && ctx[e.at..e.at + words.len()] == words[..] {
        Some(e.at)
    } else if words.is_empty() {
        None
    } else {
        ctx.windows(words.len()).position(|w| w == &words[..])
    };
    let Some(at) = at else {
        if ctx.is_empty() {
            return format!("<mark>{}</mark>", esc(&e.text));
        }
        return format!("{} <mark>{}</mark>", esc(&e.context), esc(&e.text));
    };
    let end = at + words.len();
    let from = at.saturating_sub(KEEP);
    let to = (end + KEEP).min(ctx.len());
    let s = |a: usize, b: usize| esc(&ctx[a..b].iter().collect::<String>());
    format!(
        "{}{}<mark>{}</mark>{}{}",
        if from > 0 { "…" } else { "" },
        s(from, at),
        s(at, end),
        s(end, to),
        if to < ctx.len() { "…" } else { "" }
    )
}

fn is_web_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://")) && !u.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

// --------------------------------------------------------------- numbers

fn is_people(g: &ClaimGroup) -> bool {
    g.unit == "people" || g.category.is_key()
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The claim whose `key` is closest to `v` (the first on a tie).
fn nearest(g: &ClaimGroup, v: f64, key: impl Fn(&Claim) -> f64) -> &Claim {
    let mut best = &g.claims[0];
    for c in &g.claims[1..] {
        if (key(c) - v).abs() < (key(best) - v).abs() {
            best = c;
        }
    }
    best
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// `80,000–100,000 (best 90,000)`, or one number when they agree.
fn range_text(r: &Range) -> String {
    if same(r.low, r.high) {
        num(r.best)
    } else {
        format!("{}–{} (best {})", num(r.low), num(r.high), num(r.best))
    }
}

/// A claim's figure as its source gave it: `about 90,000`, `12–15`.
fn claim_value(c: &Claim) -> String {
    if let (Some(l), Some(h)) = (c.low, c.high) {
        if !same(l, h) {
            return format!("{}–{}", num(l), num(h));
        }
    }
    let q = match c.qualifier {
        Qualifier::Over => "over ",
        Qualifier::AtLeast => "at least ",
        Qualifier::Under => "under ",
        Qualifier::AtMost => "at most ",
        Qualifier::About => "about ",
        Qualifier::Vague => "some ",
        Qualifier::Exact | Qualifier::Range => "",
    };
    format!("{q}{}", num(c.value))
}

/// `100,000`; fractions keep up to two decimals.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "?".into();
    }
    let neg = v < 0.0;
    let a = v.abs();
    let text = if (a - a.round()).abs() < 1e-9 || a >= 1e15 {
        format!("{:.0}", a.round())
    } else {
        let s = format!("{a:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = if neg { format!("−{grouped}") } else { grouped };
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", num(n as f64), if n == 1 { one } else { many })
}

/// One decimal, for SVG coordinates.
fn f1(v: f64) -> String {
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

// ----------------------------------------------------------------- dates

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything after is ignored).
fn parse_date(s: &str) -> Option<(i64, Option<u32>, Option<u32>)> {
    let s = s.trim();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let y = s.get(..4).filter(|p| digits(p))?.parse().ok()?;
    let rest = &s[4..];
    if rest.is_empty() {
        return Some((y, None, None));
    }
    let m: u32 = rest.strip_prefix('-')?.get(..2).filter(|p| digits(p))?.parse().ok()?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let rest = &rest[3..];
    if rest.is_empty() {
        return Some((y, Some(m), None));
    }
    let d: u32 = rest.strip_prefix('-')?.get(..2).filter(|p| digits(p))?.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    Some((y, Some(m), Some(d)))
}

/// Days since 1970-01-01 of a date's first day.
fn day_of(s: &str) -> Option<i64> {
    let (y, m, d) = parse_date(s)?;
    Some(days_from_civil(y, m.unwrap_or(1), d.unwrap_or(1)))
}

fn iso(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `13 Dec 2016`, `Dec 2016`, `2016`; a time after a day is kept. Escaped.
fn fmt_date(s: &str) -> String {
    esc(&fmt_date_text(s))
}

fn fmt_date_text(s: &str) -> String {
    match parse_date(s) {
        Some((y, Some(m), Some(d))) => {
            let mut out = format!("{d} {} {y}", MONTHS[m as usize - 1]);
            let time = s.trim().get(10..).unwrap_or("");
            if let Some(t) = time.strip_prefix('T').or_else(|| time.strip_prefix(' ')) {
                if t.len() >= 5 && t.as_bytes()[2] == b':' {
                    out.push(' ');
                    out.push_str(&t[..5]);
                }
            }
            out
        }
        Some((y, Some(m), None)) => format!("{} {y}", MONTHS[m as usize - 1]),
        Some((y, None, _)) => y.to_string(),
        None => s.to_string(),
    }
}

/// `13–15 Dec 2016`, `30 Nov – 2 Dec 2016`, or one date. Escaped.
fn date_span(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (None, None) => "<span class=\"muted\">undated</span>".into(),
        (Some(a), None) | (None, Some(a)) => fmt_date(a),
        (Some(a), Some(b)) if a == b => fmt_date(a),
        (Some(a), Some(b)) => match (parse_date(a), parse_date(b)) {
            (Some((ya, Some(ma), Some(da))), Some((yb, Some(mb), Some(db))))
                if ya == yb && a.len() == 10 && b.len() == 10 =>
            {
                if ma == mb {
                    format!("{da}–{db} {} {ya}", MONTHS[ma as usize - 1])
                } else {
                    format!("{da} {} – {db} {} {ya}", MONTHS[ma as usize - 1], MONTHS[mb as usize - 1])
                }
            }
            _ => format!("{} – {}", fmt_date(a), fmt_date(b)),
        },
    }
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

// ------------------------------------------------------------ escaping

/// Text for element content or a quoted attribute. The one escape of
/// every page sitrep makes: the report here and the desk (`sitrep-web`)
/// both call it, so document text is made safe in one place.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\0' => o.push('\u{FFFD}'),
            c if c.is_control() && !matches!(c, '\n' | '\t') => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

#[derive(PartialEq, Eq, Debug)]
enum Script {
    Arabic,
    Mixed,
    Other,
}

/// A letter of the Arabic script's blocks (presentation forms included),
/// for choosing a text's direction: wider than
/// `sitrep_text::fold::is_arabic_letter`, which is about folding.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Arabic when most letters are Arabic letters.
fn script(s: &str) -> Script {
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if is_arabic_letter(c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    if arabic > other {
        Script::Arabic
    } else if arabic > 0 {
        Script::Mixed
    } else {
        Script::Other
    }
}

/// Escaped text, in a right-to-left span when it is Arabic, isolated when
/// it mixes scripts.
fn t(s: &str) -> String {
    match script(s) {
        Script::Arabic => format!("<span lang=\"ar\" dir=\"rtl\">{}</span>", esc(s)),
        Script::Mixed => arabic_runs(s),
        Script::Other => esc(s),
    }
}

/// Escaped text with each Arabic run isolated right to left, so an Arabic
/// name inside an English sentence keeps its order and its brackets.
fn arabic_runs(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 32);
    let mut i = 0;
    while i < chars.len() {
        if !is_arabic_letter(chars[i]) {
            out.push_str(&esc(chars[i].encode_utf8(&mut [0; 4])));
            i += 1;
            continue;
        }
        // The run ends at its last Arabic letter before any other letter.
        let mut end = i + 1;
        for (j, &c) in chars.iter().enumerate().skip(i + 1) {
            if is_arabic_letter(c) {
                end = j + 1;
            } else if c.is_alphabetic() {
                break;
            }
        }
        let depth = |cs: &[char]| cs.iter().map(|&c| i64::from(c == '(') - i64::from(c == ')')).sum::<i64>();
        let mut open = depth(&chars[i..end]);
        while open > 0 && chars.get(end) == Some(&')') {
            end += 1;
            open -= 1;
        }
        let run: String = chars[i..end].iter().collect();
        w!(out, "<bdi lang=\"ar\" dir=\"rtl\">{}</bdi>", esc(&run));
        i = end;
    }
    out
}

/// ` lang=… dir=…` for a block of text in `language` (may be empty).
fn lang_attrs(text: &str, language: &str) -> String {
    let valid =
        !language.is_empty() && language.len() <= 12 && language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let arabic = script(text) == Script::Arabic;
    if language == "ar" || (arabic && !valid) {
        return " lang=\"ar\" dir=\"rtl\"".into();
    }
    if arabic {
        return format!(" lang=\"{language}\" dir=\"rtl\"");
    }
    if valid {
        format!(" lang=\"{language}\" dir=\"ltr\"")
    } else {
        " dir=\"auto\"".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::sample_linked;

    fn page() -> String {
        let opts = ReportOptions {
            title: Some("Aleppo, December 2016".into()),
            place: Some("Aleppo".into()),
            from: Some("2016-12-10".into()),
            to: Some("2016-12-20".into()),
            generated_at: Some("2016-12-20T12:00:00Z".into()),
            archive: Some("aleppo.db".into()),
        };
        render(&sample_linked(), &opts)
    }

    /// Every value of `attr="…"` in `html`.
    fn values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
        let pat = format!(" {attr}=\"");
        html.match_indices(&pat)
            .map(|(i, _)| {
                let rest = &html[i + pat.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect()
    }

    /// The opening tag of the element whose content holds `needle`.
    fn enclosing_tag<'h>(html: &'h str, needle: &str) -> &'h str {
        let mut at = html.find(needle).unwrap_or_else(|| panic!("{needle:?} missing"));
        let mut closed = 0;
        loop {
            let open = html[..at].rfind('<').unwrap();
            let tag = &html[open..open + html[open..].find('>').unwrap() + 1];
            if tag.starts_with("</") {
                closed += 1;
            } else if tag != "<br>" {
                if closed == 0 {
                    return tag;
                }
                closed -= 1;
            }
            at = open;
        }
    }

    fn svg<'h>(html: &'h str, class: &str) -> &'h str {
        let start = html.find(&format!("<svg class=\"{class}\"")).unwrap_or_else(|| panic!("no {class} svg"));
        &html[start..start + html[start..].find("</svg>").unwrap()]
    }

    #[test]
    fn document_text_is_escaped() {
        let html = page();
        assert!(!html.contains("<script"), "no script at all, least of all a document's");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;b&gt;to fight&lt;/b&gt;"));
        assert!(html.contains("&quot;shelling&quot; resumes &amp; convoy hit"));
        assert!(!html.contains("javascript:alert(3)\""), "a javascript: URL never becomes a link");
        assert!(html.contains("default-src 'none'"));
    }

    #[test]
    fn every_internal_link_has_its_target() {
        let html = page();
        let ids: BTreeSet<&str> = values(&html, "id").into_iter().collect();
        let hrefs = values(&html, "href");
        assert!(hrefs.len() > 40);
        for href in hrefs.iter().filter_map(|h| h.strip_prefix('#')) {
            assert!(ids.contains(href), "href=\"#{href}\" has no id");
        }
        assert_eq!(ids.len(), values(&html, "id").len(), "ids are unique");
    }

    #[test]
    fn evidence_anchors_name_document_and_span() {
        let html = page();
        let linked = sample_linked();
        let claim = &linked.claims[0].claims[1];
        let anchor = format!("ev-029625d45f07-{}-{}", claim.evidence.span[0], claim.evidence.span[1]);
        assert!(html.contains(&format!("id=\"{anchor}\"")));
        assert!(html.contains(&format!("href=\"#{anchor}\"")));
        // Every event and figure cites evidence.
        for e in &linked.events {
            let item = &html[html.find(&format!("id=\"{}\"", anchor_of("event", &e.id))).unwrap()..];
            let item = &item[..item.find("</li>\n").unwrap()];
            assert!(item.contains("href=\"#ev-"), "event {} cites nothing", e.id);
        }
        assert!(html.contains("<mark>80,000 people are trapped</mark>"));
        assert!(html.contains("characters [13, 38)"));
        assert!(html.contains(&linked.documents[1].id));
    }

    fn anchor_of(prefix: &str, id: &str) -> String {
        anchor(prefix, id)
    }

    #[test]
    fn figures_and_range() {
        let html = page();
        assert!(html.contains(">80,000</a>"));
        assert!(html.contains(">100,000</a>"));
        assert!(html.contains("best <a class=\"n\""));
        assert!(html.contains("about 90,000"));
        assert!(html.contains("via blog.example → the UN"));
        assert!(html.contains("Contradiction</b>#1 and #2"));
        assert!(html.contains("3 independent origins"));
        // People first (trapped, most origins), other counts in their own table.
        let trapped = html.find("<span class=\"cat\">Trapped").unwrap();
        let killed = html.find("<span class=\"cat\">Killed").unwrap();
        let other = html.find("<h3>Other counts</h3>").unwrap();
        assert!(trapped < killed && killed < other);
        assert!(html[other..].contains("Airstrikes") && html[other..].contains("Buildings"));
        assert!(html.contains("best = the median of the independent origins"));
    }

    #[test]
    fn arabic_is_right_to_left() {
        let html = page();
        let tag = enclosing_tag(&html, "لم يعد هناك مكان آمن في حلب");
        assert!(tag.contains("dir=\"rtl\"") && tag.contains("lang=\"ar\""), "{tag}");
        // The translation sits beside its original, left to right.
        let tr = enclosing_tag(&html, "English translation");
        assert!(tr.starts_with("<span class=\"qtag\""));
        let tr = enclosing_tag(&html, "There is no safe place left in Aleppo");
        assert!(tr.contains("lang=\"en\" dir=\"ltr\""), "{tr}");
        let title = enclosing_tag(&html, "شهادات من حلب المحاصرة");
        assert!(title.contains("dir=\"rtl\""));
        let label = enclosing_tag(svg(&html, "map"), "خان شيخون</text>");
        assert!(label.contains("direction=\"rtl\" unicode-bidi=\"embed\" lang=\"ar\""), "{label}");
        // Speakers with the most quotes first.
        assert!(html.find("Abdulkafi al-Hamdo <span").unwrap() < html.find("Abu Omar <span").unwrap());
    }

    #[test]
    fn map_has_a_circle_per_located_place() {
        let html = page();
        let map = svg(&html, "map");
        let linked = sample_linked();
        let located: Vec<&PlaceInfo> = linked.places.values().filter(|p| p.lat.is_some()).collect();
        assert_eq!(map.matches("<circle class=\"place\"").count(), located.len());
        for p in located {
            assert!(map.contains(&format!("href=\"#{}\"", anchor("place", &p.id))));
        }
        assert!(!map.contains("place-ramouseh-road"));
        assert!(html.contains("Not on the map (no coordinates): <a href=\"#place-ramouseh-road\">"));
        assert!(map.contains("°N") && map.contains("°E") && map.contains(" km</text>"));
    }

    #[test]
    fn timeline_has_a_mark_per_dated_event() {
        let html = page();
        let tl = svg(&html, "timeline");
        let linked = sample_linked();
        let dated: Vec<&LinkedEvent> = linked.events.iter().filter(|e| e.date.is_some()).collect();
        assert_eq!(tl.matches("<circle class=\"mark\"").count(), dated.len());
        for e in dated {
            assert!(tl.contains(&format!("href=\"#{}\"", anchor("event", &e.id))));
        }
        assert!(tl.contains(">12 Dec</text>") && tl.contains(">2016</text>"));
        assert!(html.contains("1 event without a date is listed below"));
        // Chronological list, undated last.
        let first = html.find("id=\"event-ev-1c7e4b9a02d5\"").unwrap();
        let undated = html.find("id=\"event-ev-5f9c1e6a3b20\"").unwrap();
        let last_dated = html.find("id=\"event-ev-e07f3a92c1b8\"").unwrap();
        assert!(first < last_dated && last_dated < undated);
    }

    #[test]
    fn deterministic_and_empty_safe() {
        assert_eq!(page(), page());
        let empty = render(&Linked::default(), &ReportOptions::default());
        assert!(empty.contains("<h1>Situation report</h1>"));
        assert!(empty.contains("No dated events") && empty.contains("No place in this selection has coordinates"));
    }

    #[test]
    fn one_place_and_far_places_fit_the_map() {
        let mut linked = sample_linked();
        linked.places.retain(|id, _| id == "aleppo");
        let html = render(&linked, &ReportOptions::default());
        assert_eq!(svg(&html, "map").matches("<circle class=\"place\"").count(), 1);
        let mut linked = sample_linked();
        let far = linked.places.get_mut("gaziantep").unwrap();
        (far.lat, far.lon) = (Some(-33.87), Some(151.21));
        let html = render(&linked, &ReportOptions::default());
        let map = svg(&html, "map");
        for c in map.split("<circle class=\"place\"").skip(1) {
            let get = |a: &str| -> f64 {
                let v = &c[c.find(&format!("{a}=\"")).unwrap() + a.len() + 2..];
                v[..v.find('"').unwrap()].parse().unwrap()
            };
            assert!((0.0..=1000.0).contains(&get("cx")) && get("cy") >= 0.0);
        }
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(num(100_000.0), "100,000");
        assert_eq!(num(1_234_567.0), "1,234,567");
        assert_eq!(num(999.0), "999");
        assert_eq!(num(13.5), "13.5");
        assert_eq!(num(0.0), "0");
        assert_eq!(
            range_text(&Range { low: 80_000.0, best: 90_000.0, high: 100_000.0 }),
            "80,000–100,000 (best 90,000)"
        );
        assert_eq!(fmt_date_text("2016-12-13"), "13 Dec 2016");
        assert_eq!(fmt_date_text("2016-12"), "Dec 2016");
        assert_eq!(fmt_date_text("2016-12-13T10:30"), "13 Dec 2016 10:30");
        assert_eq!(fmt_date_text("soon"), "soon");
        assert_eq!(date_span(Some("2016-12-13"), Some("2016-12-15")), "13–15 Dec 2016");
        assert_eq!(date_span(Some("2016-11-30"), Some("2016-12-02")), "30 Nov – 2 Dec 2016");
        for d in [-800_000, -1, 0, 17_148, 800_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(iso(day_of("2016-12-13").unwrap()), "2016-12-13");
        let t = ticks(day_of("2016-01-01").unwrap(), day_of("2016-12-31").unwrap());
        assert!(t.len() <= 12 && t.len() >= 4, "{}", t.len());
    }

    #[test]
    fn context_marks_the_span_even_when_at_is_wrong() {
        let e = Evidence { doc: "x".into(), span: [0, 3], text: "<b>".into(), context: "a <b> c".into(), at: 99 };
        assert_eq!(context_html(&e), "a <mark>&lt;b&gt;</mark> c");
        assert_eq!(ev_anchor(&e), "ev-x-0-3");
        assert_eq!(script("خان شيخون"), Script::Arabic);
        assert_eq!(script("Khan شيخون Shaykhun"), Script::Mixed);
        assert_eq!(lang_attrs("hello", "x\"y"), " dir=\"auto\"");
        assert_eq!(
            t("the United Nations gives 100,000 and (حلب (نص)) & more"),
            "the United Nations gives 100,000 and (<bdi lang=\"ar\" dir=\"rtl\">حلب (نص)</bdi>) &amp; more"
        );
    }
}
