//! The situation report's page, on the hand-built sample of
//! `fixtures/mod.rs`: escaping, links and their targets, figures, Arabic,
//! the map and the timeline.

mod fixtures;

use fixtures::sample_linked;
use sitrep_link::{Linked, LinkedEvent, PlaceInfo};
use sitrep_report::html::{anchor, render, ReportOptions};
use std::collections::BTreeSet;

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
