// sitrep's desk: the timeline page's map.
//
// Leaflet draws the bundled Natural Earth boundaries (served by the desk
// as /assets/map/boundaries.js; no tiles, nothing fetched elsewhere) and
// one circle per place with events, clustered where they crowd. The points
// come from the page itself (#map-points, JSON the server wrote). Names
// come from documents and are hostile: they reach the page only as
// textContent, never as HTML.
"use strict";

(function () {
  const el = document.getElementById("map");
  const data = document.getElementById("map-points");
  if (!el || !data || !window.L || !window.topojson || !window.SITREP_BOUNDARIES) return;
  const points = JSON.parse(data.textContent);

  // Without a tile layer Leaflet knows no zoom range; clustering needs one.
  const map = L.map(el, { minZoom: 2, maxZoom: 15, zoomSnap: 0.5, worldCopyJump: false });
  map.attributionControl.setPrefix("Leaflet").addAttribution("Boundaries: Natural Earth");
  el.classList.add("ready");

  const B = window.SITREP_BOUNDARIES;
  const countries = topojson.feature(B.countries, B.countries.objects.countries);
  L.geoJSON(countries, {
    interactive: false,
    style: { stroke: false, fillColor: "#faf8f3", fillOpacity: 1 },
  }).addTo(map);
  // Borders of the countries drawn from the 1:50m file: those with no focus
  // country on either side (the focus countries' come from admin-1).
  const focus = (g) => g.properties && g.properties.focus;
  L.geoJSON(
    topojson.mesh(B.countries, B.countries.objects.countries, (a, b) => !focus(a) && !focus(b)),
    { interactive: false, style: { color: "#8c96a0", weight: 1, fill: false } },
  ).addTo(map);
  const a1 = B.admin1.objects.admin1;
  const divisions = topojson.feature(B.admin1, a1);
  L.geoJSON(topojson.mesh(B.admin1, a1, (a, b) => a !== b && a.properties.a3 === b.properties.a3), {
    interactive: false,
    style: { color: "#a9b3bd", weight: 0.9, dashArray: "4 3", fill: false },
  }).addTo(map);
  L.geoJSON(topojson.mesh(B.admin1, a1, (a, b) => a === b || a.properties.a3 !== b.properties.a3), {
    interactive: false,
    style: { color: "#6b7580", weight: 1.4, fill: false },
  }).addTo(map);

  // The divisions' names, shown from a zoom at which they fit.
  const names = L.layerGroup();
  for (const f of divisions.features) {
    const centre = L.geoJSON(f).getBounds().getCenter();
    const label = document.createElement("span");
    label.textContent = f.properties.name;
    names.addLayer(L.marker(centre, {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: "division-label", html: label, iconSize: null }),
    }));
  }
  const syncNames = () => {
    if (map.getZoom() >= 6) names.addTo(map);
    else names.remove();
  };
  map.on("zoomend", syncNames);

  // Places: clusters of circles, each with its name beside it when alone.
  const cluster = L.markerClusterGroup({
    maxClusterRadius: 36,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
  });
  const bounds = [];
  for (const p of points) {
    const r = 5 + 3 * Math.sqrt(p.events);
    const m = L.circleMarker([p.lat, p.lon], {
      radius: Math.min(r, 16),
      color: "#1d4f7c",
      weight: 1.5,
      fillColor: "#1d4f7c",
      fillOpacity: p.events ? 0.75 : 0.15,
    });
    const name = document.createElement("span");
    name.textContent = p.name;
    name.dir = "auto";
    m.bindTooltip(name, { permanent: true, direction: "right", offset: [r, 0], className: "place-label" });
    m.bindPopup(() => popup(p));
    cluster.addLayer(m);
    bounds.push([p.lat, p.lon]);
  }
  map.addLayer(cluster);

  function popup(p) {
    const box = document.createElement("div");
    box.className = "map-popup";
    const h = document.createElement("a");
    h.href = p.href;
    h.textContent = p.name;
    h.dir = "auto";
    const strong = document.createElement("strong");
    strong.appendChild(h);
    box.appendChild(strong);
    const ul = document.createElement("ul");
    for (const e of p.items) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = e.href;
      a.textContent = e.label;
      li.appendChild(a);
      ul.appendChild(li);
    }
    box.appendChild(ul);
    return box;
  }

  if (bounds.length) {
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 12 });
  } else {
    map.setView([30, 30], 3);
  }
  syncNames();
})();
