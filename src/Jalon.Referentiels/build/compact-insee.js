// Build step: reads the INSEE reference data of @etalab/decoupage-administratif (node_modules) and writes
// the compact, gzipped TSV embedded in Jalon.Referentiels: the COG year, regions, departments, EPCI, current
// communes of metropolitan France and the overseas departments (with population and EPCI), and the former
// communes (déléguées, associées) with the current commune they belong to.
// Usage: node compact-insee.js <node_modules/@etalab/decoupage-administratif> <output.tsv.gz>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [packageDir, output] = process.argv.slice(2);
// The year of the Code officiel géographique of each version of the package (its README, « Millésimes »).
const cogYears = { '6.0.0': 2026 };
const version = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
const cog = cogYears[version];
if (!cog) throw new Error(`COG year unknown for @etalab/decoupage-administratif ${version}: add it to cogYears`);
const read = name => JSON.parse(fs.readFileSync(path.join(packageDir, 'data', name), 'utf8'));
const kept = zone => zone === 'metro' || zone === 'drom';
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const clean = s => String(s).replace(/[\t\r\n]/g, ' ');

const epciOf = new Map();
const epcis = read('epci.json').sort(byCode);
for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

const lines = [['G', cog].join('\t')];
for (const r of read('regions.json').filter(r => kept(r.zone)).sort(byCode))
  lines.push(['R', r.code, clean(r.nom)].join('\t'));
for (const d of read('departements.json').filter(d => kept(d.zone)).sort(byCode))
  lines.push(['D', d.code, d.region, clean(d.nom)].join('\t'));
for (const e of epcis)
  lines.push(['E', e.code, e.type || '', clean(e.nom)].join('\t'));
const communes = read('communes.json');
for (const c of communes.filter(c => c.type === 'commune-actuelle' && kept(c.zone)).sort(byCode))
  lines.push(['C', c.code, c.departement, c.region, c.arrondissement || '', c.population || 0, clean(c.nom), epciOf.get(c.code) || '',
    (c.codesPostaux || [])[0] || ''].join('\t'));
for (const c of communes.filter(c => (c.type === 'commune-deleguee' || c.type === 'commune-associee') && kept(c.zone) && c.chefLieu && c.chefLieu !== c.code).sort(byCode))
  lines.push(['A', c.code, c.chefLieu, clean(c.nom)].join('\t'));

fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, zlib.gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 }));
