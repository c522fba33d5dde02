//! The timeline and the map, drawn as SVG from the dates and coordinates:
//! nothing is fetched, and every mark links to the event or place it
//! stands for.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::boundaries;
use super::format::*;
use super::page::Ctx;
use sitrep_link::{Linked, LinkedEvent, PlaceInfo};
use sitrep_present::dates;

/// ACLED event types and their colours, in ACLED's order.
pub(super) const EVENT_TYPES: &[(&str, &str)] = &[
    ("Battles", "#a63d2f"),
    ("Explosions/Remote violence", "#d08a2a"),
    ("Violence against civilians", "#6e3f7f"),
    ("Protests", "#2f6f9e"),
    ("Riots", "#3d8a69"),
    ("Strategic developments", "#6b7580"),
];
pub(super) const OTHER_COLOUR: &str = "#a3acb5";

impl<'a> Ctx<'a> {
    pub(super) fn timeline_svg(&self, dated: &[(&'a LinkedEvent, i64)]) -> String {
        const W: f64 = 1000.0;
        const X0: f64 = 196.0;
        const X1: f64 = 984.0;
        const TOP: f64 = 12.0;
        const LANE: f64 = 44.0;

        // The axis covers the days the events span; a long empty stretch
        // between clusters of events (a page from February among December's)
        // is cut out and marked, so the clusters are not squashed at the
        // ends of a year.
        let segs = segments(dated.iter().map(|p| p.1));
        const BREAK: f64 = 34.0;
        let total: i64 = segs.iter().map(|(a, b)| b - a + 1).sum();
        let col = (X1 - X0 - BREAK * (segs.len() - 1) as f64) / total as f64;
        let starts: Vec<f64> = segs
            .iter()
            .scan(X0, |at, (a, b)| {
                let here = *at;
                *at += (b - a + 1) as f64 * col + BREAK;
                Some(here)
            })
            .collect();
        let x = |d: i64| {
            let i = segs.iter().position(|(_, b)| d <= *b).unwrap_or(segs.len() - 1);
            starts[i] + (d - segs[i].0) as f64 * col + col / 2.0
        };

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
        // Day ticks, thinned to at most a dozen labels in all, each stretch
        // of the axis its share; a label too close to the last is left out.
        let mut last_x = f64::MIN;
        let mut last_year = None;
        for (i, &(a, b)) in segs.iter().enumerate() {
            let width = (b - a + 1) as f64 * col;
            let most = ((width / (X1 - X0)) * 12.0).ceil().max(1.0) as usize;
            for tick in ticks_at_most(a, b, most) {
                let tx = x(tick.day);
                if tx - last_x < 46.0 {
                    continue;
                }
                last_x = tx;
                let tx = f1(tx);
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
                // The year under each stretch's first tick and where it changes.
                if let Some(year) = tick.year.filter(|y| Some(*y) != last_year) {
                    w!(
                        o,
                        "<text x=\"{tx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#8a949e\">{year}</text>\n",
                        axis_y + 32.0
                    );
                    last_year = Some(year);
                }
            }
            // The cut: a gap in the lanes and a zigzag on the axis.
            if let Some(&(next, _)) = segs.get(i + 1) {
                let bx = starts[i] + width + BREAK / 2.0;
                let gap = next - b - 1;
                w!(
                    o,
                    "<g class=\"cut\"><rect x=\"{}\" y=\"{TOP}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\
                     <path d=\"M{} {}l6 -6l6 12l6 -6\" fill=\"none\" stroke=\"#18212b\" stroke-width=\"1\"/>\
                     <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#8a949e\">{}</text>\
                     <title>{} with no event</title></g>\n",
                    f1(bx - BREAK / 2.0 + 4.0),
                    f1(BREAK - 8.0),
                    axis_y - TOP,
                    f1(bx - 9.0),
                    f1(axis_y),
                    f1(bx),
                    f1(axis_y - 6.0),
                    esc(&gap_text(gap)),
                    esc(&plural(gap as usize, "day", "days"))
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
            if let Some(k) = e.killed.as_ref().filter(|_| self.tolls.shows(e, "killed")) {
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
            if let (Some(k), 1, true, true) = (&e.killed, n, col >= 70.0, self.tolls.shows(e, "killed")) {
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
pub(super) fn located(linked: &Linked) -> Vec<(&PlaceInfo, f64, f64)> {
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

pub(super) struct Label {
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

pub(super) fn map_svg(located: &[(&PlaceInfo, f64, f64)], events: &[usize]) -> String {
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
         role=\"img\" aria-label=\"Map of {} places\">\n<rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{h}\" fill=\"#e2ebf0\"/>\n",
        located.len()
    );
    // Land, borders and first-level divisions under everything else.
    let view = boundaries::Bbox { w: lo0, s: la0, e: lo1, n: la1 };
    let (land, drawn) = boundaries::svg(&boundaries::Projection { view, x: &px, y: &py });
    o.push_str(&land);
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
        w!(o, "<line x1=\"0\" y1=\"{y}\" x2=\"{W}\" y2=\"{y}\" stroke=\"#c9d3db\" stroke-width=\"0.6\" stroke-opacity=\"0.7\"/>\n");
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
    // Where a small view lies in its country: a locator in a corner no
    // circle is in (top left, else bottom left), kept clear of labels.
    let mut inset_html = String::new();
    if let Some((svg, ih)) = boundaries::inset(view, 170.0) {
        let spots = [(8.0, 8.0), (8.0, h - ih - 28.0)];
        let free = spots
            .iter()
            .map(|&(x, y)| Label { x0: x, y0: y, x1: x + 170.0, y1: y + ih })
            .find(|b| b.y0 >= 0.0 && !boxes.iter().any(|o| o.hits(b)));
        if let Some(b) = free {
            w!(inset_html, "<g class=\"inset\" transform=\"translate({} {})\">{svg}</g>\n", f1(b.x0), f1(b.y0));
            boxes.push(b);
        }
    }
    // The divisions' names, small and grey, where no circle is.
    for (name, x, y) in &drawn.labels {
        let width = name.chars().count() as f64 * 6.6 + 4.0;
        let b = Label { x0: x - width / 2.0, y0: y - 10.0, x1: x + width / 2.0, y1: y + 3.0 };
        let clear = b.x0 >= 2.0 && b.x1 <= W - 2.0 && b.y0 >= 2.0 && b.y1 <= h - 28.0;
        if clear && !boxes.iter().any(|o| o.hits(&b)) {
            w!(
                o,
                "<text class=\"division\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" font-style=\"italic\" \
                 letter-spacing=\"0.5\" fill=\"#7b8794\">{}</text>\n",
                f1(*x),
                f1(*y),
                esc(name)
            );
            boxes.push(b);
        }
    }
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
    o.push_str(&inset_html);
    o.push_str("</svg>\n<figcaption class=\"legend\">");
    for n in [1, 3, 6] {
        let d = f1(2.0 * radius(n));
        w!(o, "<span><span class=\"sz\" style=\"width:{d}px;height:{d}px;background:rgba(29,79,124,.78);border-color:#1d4f7c\"></span> {}</span>", plural(n, "event", "events"));
    }
    o.push_str(
        "<span><span class=\"sz\" style=\"width:9px;height:9px;background:#fff;border-color:#1d4f7c\"></span> \
         figures only</span><span class=\"muted\">Dashed circle: a region, not a point. Dashed lines: \
         first-level divisions. Boundaries: Natural Earth. Graticule in degrees; scale true at the map's centre \
         latitude.</span></figcaption></figure>\n",
    );
    o
}

/// A round graticule step giving at most ten lines across `span` degrees.
pub(super) fn nice_step(span: f64) -> f64 {
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 45.0, 90.0]
        .into_iter()
        .find(|s| span / s <= 10.0)
        .unwrap_or(90.0)
}

pub(super) fn valid_coords(lat: f64, lon: f64) -> bool {
    lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

pub(super) fn coord_text(v: f64, pos: char, neg: char, decimals: usize) -> String {
    let v = if v.abs() < 1e-9 { 0.0 } else { v };
    format!("{:.*}°{}", decimals, v.abs(), if v < 0.0 { neg } else { pos })
}

pub(super) fn coord(v: f64, pos: char, neg: char, decimals: usize) -> String {
    esc(&coord_text(v, pos, neg, decimals))
}

// ----------------------------------------------------------- the timeline

/// The stretches of days the timeline's axis shows: the days from the
/// first event to the last, cut where no event falls for longer than three
/// weeks and a sixth of the whole span. Each stretch is at least three days.
pub(super) fn segments(days: impl Iterator<Item = i64>) -> Vec<(i64, i64)> {
    let mut days: Vec<i64> = days.collect();
    days.sort_unstable();
    days.dedup();
    let (Some(&first), Some(&last)) = (days.first(), days.last()) else { return vec![(0, 2)] };
    let long = 21.max((last - first) / 6);
    let mut out: Vec<(i64, i64)> = vec![(first, first)];
    for w in days.windows(2) {
        if w[1] - w[0] > long {
            out.push((w[1], w[1]));
        } else if let Some(s) = out.last_mut() {
            s.1 = w[1];
        }
    }
    // A stretch of one or two days gets a day either side to breathe.
    for s in &mut out {
        if s.1 - s.0 < 2 {
            s.0 -= 1;
            s.1 += 1;
        }
    }
    out
}

/// `10 mo`, `5 wk`, `24 d`: the length of a cut.
fn gap_text(days: i64) -> String {
    if days >= 60 {
        format!("{} mo", (days as f64 / 30.44).round())
    } else if days >= 14 {
        format!("{} wk", (days as f64 / 7.0).round())
    } else {
        format!("{days} d")
    }
}

/// [`ticks`] for a stretch, at most `most` of them.
fn ticks_at_most(d0: i64, d1: i64, most: usize) -> Vec<Tick> {
    let all = ticks(d0, d1);
    let step = all.len().div_ceil(most.max(1)).max(1);
    all.into_iter().step_by(step).collect()
}

pub(super) struct Tick {
    day: i64,
    label: String,
    year: Option<i64>,
}

/// Tick days between `d0` and `d1`: every day, every few days, weekly or
/// monthly, whatever keeps it to about a dozen. The year is written under
/// the first tick and wherever it changes.
pub(super) fn ticks(d0: i64, d1: i64) -> Vec<Tick> {
    let span = d1 - d0 + 1;
    let mut days: Vec<i64> = Vec::new();
    let mut monthly = false;
    if let Some(step) = [1, 2, 3, 7, 14].into_iter().find(|s| span / s <= 12) {
        days.extend((d0..=d1).step_by(step as usize));
    } else {
        monthly = true;
        let (Some(m0), Some(m1)) = (dates::month_index(d0), dates::month_index(d1)) else { return Vec::new() };
        let step = [1, 2, 3, 6, 12, 24, 60, 120].into_iter().find(|s| (m1 - m0) / s <= 12).unwrap_or(120);
        let mut m = (m0 + 1).div_euclid(step) * step;
        if m <= m0 {
            m += step;
        }
        while m <= m1 {
            days.extend(dates::month_start(m));
            m += step;
        }
    }
    let mut last_year = None;
    days.into_iter()
        .filter_map(|day| {
            let d = dates::from_day_number(day)?;
            let label = if monthly { dates::month_abbr(d) } else { format!("{} {}", d.day(), dates::month_abbr(d)) };
            let y = i64::from(d.year());
            let year = (last_year != Some(y)).then_some(y);
            last_year = Some(y);
            Some(Tick { day, label, year })
        })
        .collect()
}

/// The event types present, in ACLED's order, others after by name.
pub(super) fn lanes_of<'e>(events: impl Iterator<Item = &'e LinkedEvent>) -> Vec<String> {
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

pub(super) fn marker_radius(sources: usize) -> f64 {
    (4.5 + 2.6 * (sources as f64).sqrt()).min(14.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_cuts_long_empty_stretches() {
        let day = |s: &str| day_of(s).unwrap();
        let feb = day("2016-02-06");
        let dec: Vec<i64> = (10..=16).map(|d| day(&format!("2016-12-{d}"))).collect();
        let segs = segments(std::iter::once(feb).chain(dec.iter().copied()));
        assert_eq!(segs, [(feb - 1, feb + 1), (dec[0], dec[6])], "February apart from December");
        let close = segments(dec.iter().copied());
        assert_eq!(close, [(dec[0], dec[6])], "a week of events is one stretch");
        assert_eq!(segments(std::iter::once(feb)), [(feb - 1, feb + 1)]);
        assert_eq!(gap_text(300), "10 mo");
    }

    #[test]
    fn ticks_keep_to_about_a_dozen() {
        let day = |s: &str| day_of(s).unwrap();
        let year = ticks(day("2016-01-01"), day("2016-12-31"));
        assert!(year.len() <= 12 && year.len() >= 4, "{}", year.len());
        assert!(year.iter().all(|t| !t.label.contains(' ')), "monthly ticks name the month");
        assert_eq!(year[0].year, Some(2016));
        let days = ticks(day("2016-12-10"), day("2016-12-14"));
        let labels: Vec<&str> = days.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["10 Dec", "11 Dec", "12 Dec", "13 Dec", "14 Dec"]);
        let across = ticks(day("2016-12-30"), day("2017-01-02"));
        assert_eq!(across.iter().filter_map(|t| t.year).collect::<Vec<_>>(), [2016, 2017]);
        let decade = ticks(day("2010-03-01"), day("2019-11-30"));
        assert!(decade.len() <= 12 && decade.iter().all(|t| t.label == "Jan"), "{:?}", decade.len());
    }
}
