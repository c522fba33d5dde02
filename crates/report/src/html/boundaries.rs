//! Country and first-level boundaries under the map: Natural Earth, bundled
//! as TopoJSON (`data/boundaries/`, made by `crates/web/tools/map/build.js`;
//! sources and licences in `data/boundaries/SOURCES.md`), decoded once and
//! drawn as SVG paths for the part of the world a map shows. The desk's map
//! draws the same files in the browser.
//!
//! The focus countries' borders come from the admin-1 file and the other
//! countries' from the 1:50m countries: the two editions do not share
//! their lines, and drawing both would double every border.

use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

/// Natural Earth 1:50m countries, `properties: {name, focus}`.
pub const COUNTRIES_TOPOJSON: &str = include_str!("../../data/boundaries/countries.topo.json");
/// Natural Earth admin-1 of the focus countries, `properties: {name, a3}`.
pub const ADMIN1_TOPOJSON: &str = include_str!("../../data/boundaries/admin1.topo.json");

#[derive(Deserialize)]
struct RawTopology {
    transform: Transform,
    objects: HashMap<String, RawCollection>,
    arcs: Vec<Vec<[f64; 2]>>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct RawCollection {
    geometries: Vec<RawGeometry>,
}

#[derive(Deserialize)]
struct RawGeometry {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    arcs: Value,
    #[serde(default)]
    properties: Value,
}

/// A box in degrees: west, south, east, north.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bbox {
    pub w: f64,
    pub s: f64,
    pub e: f64,
    pub n: f64,
}

impl Bbox {
    fn empty() -> Bbox {
        Bbox { w: f64::MAX, s: f64::MAX, e: f64::MIN, n: f64::MIN }
    }

    fn add(&mut self, (x, y): (f64, f64)) {
        self.w = self.w.min(x);
        self.e = self.e.max(x);
        self.s = self.s.min(y);
        self.n = self.n.max(y);
    }

    fn meets(&self, o: &Bbox) -> bool {
        self.w <= o.e && o.w <= self.e && self.s <= o.n && o.s <= self.n
    }

    fn grow(&self, by: f64) -> Bbox {
        Bbox { w: self.w - by, s: self.s - by, e: self.e + by, n: self.n + by }
    }
}

/// One country or division: its polygons as rings of arc references
/// (TopoJSON's: `~i` is arc `i` reversed).
struct Shape {
    name: String,
    /// The country code of a division; `focus` or empty for a country.
    group: String,
    polygons: Vec<Vec<Vec<i64>>>,
    bbox: Bbox,
}

/// A decoded topology.
struct Topology {
    arcs: Vec<Vec<(f64, f64)>>,
    arc_boxes: Vec<Bbox>,
    shapes: Vec<Shape>,
    /// Per arc, the shapes that use it.
    users: Vec<Vec<usize>>,
}

fn arc_index(i: i64) -> usize {
    if i < 0 {
        (!i) as usize
    } else {
        i as usize
    }
}

impl Topology {
    fn parse(json: &str, object: &str, group: &dyn Fn(&Value) -> String) -> Topology {
        let raw: RawTopology = serde_json::from_str(json).expect("the bundled boundaries are TopoJSON");
        let [sx, sy] = raw.transform.scale;
        let [tx, ty] = raw.transform.translate;
        // Quantized arcs are delta-encoded from their first point.
        let arcs: Vec<Vec<(f64, f64)>> = raw
            .arcs
            .iter()
            .map(|arc| {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|[dx, dy]| {
                        x += dx;
                        y += dy;
                        (x * sx + tx, y * sy + ty)
                    })
                    .collect()
            })
            .collect();
        let arc_boxes: Vec<Bbox> = arcs
            .iter()
            .map(|a| {
                let mut b = Bbox::empty();
                a.iter().for_each(|p| b.add(*p));
                b
            })
            .collect();
        let mut users = vec![Vec::new(); arcs.len()];
        let mut shapes = Vec::new();
        let geometries = raw.objects.get(object).map(|c| c.geometries.as_slice()).unwrap_or_default();
        for g in geometries {
            let rings = |v: &Value| -> Vec<Vec<i64>> {
                v.as_array()
                    .into_iter()
                    .flatten()
                    .map(|ring| ring.as_array().into_iter().flatten().filter_map(Value::as_i64).collect())
                    .collect()
            };
            let polygons: Vec<Vec<Vec<i64>>> = match g.kind.as_deref() {
                Some("Polygon") => vec![rings(&g.arcs)],
                Some("MultiPolygon") => g.arcs.as_array().into_iter().flatten().map(rings).collect(),
                _ => continue,
            };
            let mut bbox = Bbox::empty();
            let at = shapes.len();
            for r in polygons.iter().flatten().flatten() {
                let i = arc_index(*r);
                let Some(b) = arc_boxes.get(i) else { continue };
                bbox.add((b.w, b.s));
                bbox.add((b.e, b.n));
                if users[i].last() != Some(&at) {
                    users[i].push(at);
                }
            }
            shapes.push(Shape {
                name: g.properties.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
                group: group(&g.properties),
                polygons,
                bbox,
            });
        }
        Topology { arcs, arc_boxes, shapes, users }
    }

    /// The points of a ring, arcs joined (each arc's first point is the
    /// previous one's last).
    fn ring(&self, refs: &[i64]) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = Vec::new();
        for &r in refs {
            let Some(arc) = self.arcs.get(arc_index(r)) else { continue };
            let points: Box<dyn Iterator<Item = &(f64, f64)>> =
                if r < 0 { Box::new(arc.iter().rev()) } else { Box::new(arc.iter()) };
            for (k, p) in points.enumerate() {
                if k > 0 || out.is_empty() {
                    out.push(*p);
                }
            }
        }
        out
    }
}

fn countries() -> &'static Topology {
    static T: OnceLock<Topology> = OnceLock::new();
    T.get_or_init(|| {
        Topology::parse(COUNTRIES_TOPOJSON, "countries", &|p| {
            if p.get("focus").and_then(Value::as_bool) == Some(true) {
                "focus".into()
            } else {
                String::new()
            }
        })
    })
}

fn admin1() -> &'static Topology {
    static T: OnceLock<Topology> = OnceLock::new();
    T.get_or_init(|| {
        Topology::parse(ADMIN1_TOPOJSON, "admin1", &|p| p.get("a3").and_then(Value::as_str).unwrap_or("").to_string())
    })
}

/// A projection from degrees to the map's pixels.
pub(super) struct Projection<'a> {
    pub view: Bbox,
    pub x: &'a dyn Fn(f64) -> f64,
    pub y: &'a dyn Fn(f64) -> f64,
}

impl Projection<'_> {
    /// An SVG path of points, closed or not, with points closer than half
    /// a pixel to the last one left out.
    fn path(&self, points: &[(f64, f64)], close: bool, o: &mut String) {
        let mut last: Option<(f64, f64)> = None;
        for &(lon, lat) in points {
            let p = ((self.x)(lon), (self.y)(lat));
            match last {
                None => {
                    let _ = write!(o, "M{:.1} {:.1}", p.0, p.1);
                }
                Some(l) if (p.0 - l.0).abs() + (p.1 - l.1).abs() < 0.5 => continue,
                Some(_) => {
                    let _ = write!(o, "L{:.1} {:.1}", p.0, p.1);
                }
            }
            last = Some(p);
        }
        if close && last.is_some() {
            o.push('Z');
        }
    }
}

/// What the boundaries under a map are made of, for its legend and tests.
#[derive(Debug, Default, PartialEq)]
pub struct Drawn {
    pub countries: usize,
    pub divisions: usize,
    /// Names of the divisions labelled, with their label's centre.
    pub labels: Vec<(String, f64, f64)>,
}

/// Land, country borders and first-level boundaries inside `p.view`, as
/// SVG, and what was drawn. The sea is the map's background.
pub(super) fn svg(p: &Projection) -> (String, Drawn) {
    let view = p.view.grow(((p.view.e - p.view.w).max(p.view.n - p.view.s)) * 0.05);
    let c = countries();
    let a = admin1();
    let mut drawn = Drawn::default();
    let mut o = String::new();
    o.push_str("<g class=\"land\" fill=\"#faf8f3\" stroke=\"none\">");
    for shape in c.shapes.iter().filter(|s| s.bbox.meets(&view)) {
        o.push_str("<path d=\"");
        for polygon in &shape.polygons {
            for ring in polygon {
                p.path(&c.ring(ring), true, &mut o);
            }
        }
        o.push_str("\"/>");
        drawn.countries += 1;
    }
    o.push_str("</g>\n");
    // Divisions: lines between two of one country dashed, a country's
    // edge solid (its border, or its coast).
    let mut inner = String::new();
    let mut edge = String::new();
    for (i, users) in a.users.iter().enumerate() {
        if users.is_empty() || !a.arc_boxes[i].meets(&view) {
            continue;
        }
        let same = users.len() == 2 && a.shapes[users[0]].group == a.shapes[users[1]].group;
        p.path(&a.arcs[i], false, if same { &mut inner } else { &mut edge });
    }
    drawn.divisions = a.shapes.iter().filter(|s| s.bbox.meets(&view)).count();
    // Other countries' borders and coasts from the 1:50m file, where no
    // focus country is on either side.
    let mut other = String::new();
    for (i, users) in c.users.iter().enumerate() {
        if users.is_empty() || !c.arc_boxes[i].meets(&view) || users.iter().any(|&u| c.shapes[u].group == "focus") {
            continue;
        }
        p.path(&c.arcs[i], false, &mut other);
    }
    let _ = write!(
        o,
        "<path class=\"borders\" d=\"{other}\" fill=\"none\" stroke=\"#8c96a0\" stroke-width=\"1\"/>\n\
         <path class=\"admin1\" d=\"{inner}\" fill=\"none\" stroke=\"#a9b3bd\" stroke-width=\"0.9\" stroke-dasharray=\"4 3\"/>\n\
         <path class=\"borders focus\" d=\"{edge}\" fill=\"none\" stroke=\"#6b7580\" stroke-width=\"1.3\"/>\n"
    );
    // A division's name at the middle of its box, when the box is a fair
    // part of the view and its middle is inside.
    let (vw, vh) = (p.view.e - p.view.w, p.view.n - p.view.s);
    for s in a.shapes.iter().filter(|s| s.bbox.meets(&p.view)) {
        let (cx, cy) = ((s.bbox.w + s.bbox.e) / 2.0, (s.bbox.s + s.bbox.n) / 2.0);
        let big = (s.bbox.e - s.bbox.w) > vw / 8.0 || (s.bbox.n - s.bbox.s) > vh / 8.0;
        let inside = cx > p.view.w && cx < p.view.e && cy > p.view.s && cy < p.view.n;
        if big && inside && !s.name.is_empty() {
            drawn.labels.push((s.name.clone(), (p.x)(cx), (p.y)(cy)));
        }
    }
    (o, drawn)
}

/// A locator for a map of a small area: the country around the view's
/// centre with its divisions, the view marked on it, as an SVG group of
/// `width` pixels at the origin, and its height (the caption under it
/// included). `None` outside the focus countries or when the view is
/// already a large part of the country.
pub(super) fn inset(view: Bbox, width: f64) -> Option<(String, f64)> {
    let (lon, lat) = ((view.w + view.e) / 2.0, (view.s + view.n) / 2.0);
    let (division, a3) = division_at(lon, lat)?;
    let a = admin1();
    let mut country = Bbox::empty();
    for s in a.shapes.iter().filter(|s| s.group == a3) {
        country.add((s.bbox.w, s.bbox.s));
        country.add((s.bbox.e, s.bbox.n));
    }
    if (view.e - view.w) > (country.e - country.w) / 3.0 {
        return None;
    }
    let pad = (country.e - country.w).max(country.n - country.s) * 0.06;
    let c = country.grow(pad);
    let k = ((c.s + c.n) / 2.0).to_radians().cos().max(0.1);
    let scale = width / ((c.e - c.w) * k);
    let height = ((c.n - c.s) * scale).min(width * 1.4);
    let px = |lon: f64| (lon - c.w) * k * scale;
    let py = |lat: f64| (c.n - lat) * scale;
    let p = Projection { view: c, x: &px, y: &py };
    let (land, _) = svg(&p);
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\"><rect width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#e2ebf0\"/>{land}"
    );
    // The main view, never smaller than a few pixels.
    let (x0, x1, y0, y1) = (px(view.w), px(view.e), py(view.n), py(view.s));
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (w, h) = ((x1 - x0).max(7.0), (y1 - y0).max(7.0));
    let _ = write!(
        o,
        "<rect class=\"here\" x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"none\" stroke=\"#c0392b\" \
         stroke-width=\"2\"/></svg><rect width=\"{width:.0}\" height=\"{height:.0}\" fill=\"none\" stroke=\"#6b7580\"/>\
         <rect y=\"{height:.0}\" width=\"{width:.0}\" height=\"17\" fill=\"#ffffff\" fill-opacity=\"0.9\"/>\
         <text x=\"4\" y=\"{:.1}\" font-size=\"10.5\" fill=\"#36414c\">{} · {}</text>",
        cx - w / 2.0,
        cy - h / 2.0,
        height + 13.0,
        super::format::esc(division),
        super::format::esc(country_name(a3))
    );
    o.push('\n');
    Some((o, height + 17.0))
}

/// A focus country's name as the countries file writes it.
fn country_name(a3: &str) -> &str {
    match a3 {
        "SYR" => "Syria",
        "IRQ" => "Iraq",
        "LBN" => "Lebanon",
        "HTI" => "Haiti",
        "MMR" => "Myanmar",
        "ETH" => "Ethiopia",
        "SDN" => "Sudan",
        "SDS" => "South Sudan",
        "UKR" => "Ukraine",
        "YEM" => "Yemen",
        "PSX" => "Palestine",
        "ISR" => "Israel",
        "TUR" => "Turkey",
        "JOR" => "Jordan",
        "LBY" => "Libya",
        "MLI" => "Mali",
        "SOM" => "Somalia",
        "SOL" => "Somaliland",
        "AFG" => "Afghanistan",
        other => other,
    }
}

/// Whether the bundled files decode and hold what the map needs: a test
/// and the report's own check.
pub fn shapes() -> (usize, usize) {
    (countries().shapes.len(), admin1().shapes.len())
}

/// The division a point lies in, by even-odd rule over its rings.
pub fn division_at(lon: f64, lat: f64) -> Option<(&'static str, &'static str)> {
    let a = admin1();
    a.shapes
        .iter()
        .filter(|s| s.bbox.w <= lon && lon <= s.bbox.e && s.bbox.s <= lat && lat <= s.bbox.n)
        .find(|s| {
            let mut inside = false;
            for ring in s.polygons.iter().flatten() {
                let pts = a.ring(ring);
                for k in 0..pts.len().saturating_sub(1) {
                    let ((x1, y1), (x2, y2)) = (pts[k], pts[k + 1]);
                    if (y1 > lat) != (y2 > lat) && lon < x1 + (lat - y1) / (y2 - y1) * (x2 - x1) {
                        inside = !inside;
                    }
                }
            }
            inside
        })
        .map(|s| (s.name.as_str(), s.group.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_boundaries_decode() {
        let (countries, divisions) = shapes();
        assert!(countries > 200, "{countries} countries");
        assert!(divisions > 300, "{divisions} divisions");
        // Points fall in the divisions they are in.
        assert_eq!(division_at(37.15, 36.20), Some(("Aleppo", "SYR")), "Aleppo city");
        assert_eq!(division_at(36.29, 33.51).map(|d| d.1), Some("SYR"), "Damascus");
        assert_eq!(division_at(44.36, 33.31).map(|d| d.1), Some("IRQ"), "Baghdad");
        assert_eq!(division_at(0.0, 0.0), None, "the Gulf of Guinea");
    }

    #[test]
    fn a_view_of_northern_syria_has_borders_and_divisions() {
        let x = |lon: f64| (lon - 35.5) * 100.0;
        let y = |lat: f64| (37.5 - lat) * 100.0;
        let view = Bbox { w: 35.5, s: 35.0, e: 39.0, n: 37.5 };
        let (svg, drawn) = svg(&Projection { view, x: &x, y: &y });
        assert!(drawn.countries >= 2 && drawn.divisions >= 4, "{drawn:?}");
        assert!(drawn.labels.iter().any(|l| l.0 == "Aleppo"), "{drawn:?}");
        assert!(svg.contains("class=\"admin1\" d=\"M") && svg.contains("class=\"borders focus\" d=\"M"));
    }
}
