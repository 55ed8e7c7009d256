// Build step: reads the INSEE reference data of @etalab/decoupage-administratif (node_modules) and writes
// the compact, gzipped TSV embedded in Jalon.Generator (regions, departments and current communes of
// metropolitan France and the overseas departments, with their population).
// Usage: node compact-insee.js <node_modules/@etalab/decoupage-administratif/data> <output.tsv.gz>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [dataDir, output] = process.argv.slice(2);
const read = name => JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8'));
const kept = zone => zone === 'metro' || zone === 'drom';
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const clean = s => String(s).replace(/[\t\r\n]/g, ' ');

const lines = [];
for (const r of read('regions.json').filter(r => kept(r.zone)).sort(byCode))
  lines.push(['R', r.code, clean(r.nom)].join('\t'));
for (const d of read('departements.json').filter(d => kept(d.zone)).sort(byCode))
  lines.push(['D', d.code, d.region, clean(d.nom)].join('\t'));
for (const c of read('communes.json').filter(c => c.type === 'commune-actuelle' && kept(c.zone)).sort(byCode))
  lines.push(['C', c.code, c.departement, c.region, c.arrondissement || '', c.population || 0, clean(c.nom)].join('\t'));

fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, zlib.gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 }));
