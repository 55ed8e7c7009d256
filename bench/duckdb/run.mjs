// Runner for the DuckDB reference measurement of the CPO 2015 indicators.
//   node run.mjs DIR [--debut 2016-01-01 --fin 2016-12-31] [--out results.json] [--threads N]
//   node run.mjs --check DIR             compares with DIR/attendu-2016.json (exit 1 on a difference)
//   node run.mjs DIR --compare jalon.json compares with Jalon's JSON output for the keys covered here
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const check = args.includes('--check');
const valued = new Set(['--debut', '--fin', '--out', '--compare', '--threads']);
const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
const dir = path.resolve(positional[0] ?? '.');
const debut = opt('--debut', '2016-01-01');
const fin = opt('--fin', '2016-12-31');
const minusYear = (d) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`; // 29 Feb is not handled (not needed)
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const sub = (sql) => sql.replaceAll('{DIR}', dir.replaceAll("'", "''")).replaceAll('{D1}', minusYear(debut))
  .replaceAll('{F1}', minusYear(fin)).replaceAll('{D}', debut).replaceAll('{F}', fin);
const split = (sql) => sql.split(/;\s*\n/).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean);

const instance = await DuckDBInstance.create(':memory:', opt('--threads') ? { threads: opt('--threads') } : {});
const con = await instance.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS();

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const optional = { orientations: 'structure VARCHAR, jeune VARCHAR, date DATE, operateur VARCHAR',
  droits: 'structure VARCHAR, jeune VARCHAR, date DATE, domaine VARCHAR',
  parrainages: 'structure VARCHAR, jeune VARCHAR, debut DATE, fin DATE',
  moyens: 'structure VARCHAR, annee INTEGER, jano BIGINT, defm BIGINT, etp_total DECIMAL(18,4), etp_accompagnement DECIMAL(18,4), financement_total DECIMAL(18,4), financement_activites_principales DECIMAL(18,4), financement_etat DECIMAL(18,4), financement_fse DECIMAL(18,4)' };
for (const stmt of split(sub(fs.readFileSync(path.join(here, 'load.sql'), 'utf8')))) {
  const table = stmt.match(/CREATE OR REPLACE TABLE (\w+)/)[1];
  if (optional[table] && !fs.existsSync(path.join(dir, `${table}.csv`))) await con.run(`CREATE OR REPLACE TABLE ${table} (${optional[table]})`);
  else await con.run(stmt);
}
const t1 = performance.now();
const cpu1 = process.cpuUsage();
const steps = [];
for (const stmt of split(sub(fs.readFileSync(path.join(here, 'indicateurs.sql'), 'utf8')))) {
  const s0 = performance.now();
  await con.run(stmt);
  steps.push(`${stmt.match(/TABLE (\w+)/)?.[1] ?? '?'} ${((performance.now() - s0) / 1000).toFixed(2)} s`);
}
const comptes = await rows('SELECT c.*, s.region FROM comptes c JOIN structures s USING (structure)');
const moyennes = await rows('SELECT * FROM moyennes');
const structures = await rows('SELECT structure, region FROM structures ORDER BY structure');
const moyens = await rows(`SELECT structure, jano::DOUBLE jano, defm::DOUBLE defm, etp_total::DOUBLE etp_total,
  etp_accompagnement::DOUBLE etp_accompagnement, financement_total::DOUBLE financement_total,
  financement_activites_principales::DOUBLE financement_activites_principales,
  financement_etat::DOUBLE financement_etat, financement_fse::DOUBLE financement_fse
  FROM moyens WHERE annee = ${Number(fin.slice(0, 4))}`);
const t2 = performance.now();
const cpu2 = process.cpuUsage();

// ---- levels, sums and ratios (tiny: 440 structures x ~80 keys) ----
const BREAK = ['femmes', 'infra_v', 'qpv', 'zrr'];
const levels = [...structures.map((s) => ['structure', s.structure]),
  ...[...new Set(structures.map((s) => s.region))].sort().map((r) => ['region', r]), ['national', 'FR']];
const member = (lvl, code, s) => lvl === 'national' || (lvl === 'region' ? s.region === code : s.structure === code);
const keys = new Set(); const counts = new Map(); // level|code -> key -> {valeur,...}
for (const [lvl, code] of levels) counts.set(`${lvl}|${code}`, new Map());
for (const c of comptes) {
  keys.add(c.cle.split('#')[0]);
  for (const [lvl, code] of levels) {
    if (!member(lvl, code, c)) continue;
    const m = counts.get(`${lvl}|${code}`);
    const [k, part] = c.cle.split('#');
    const e = m.get(k) ?? { valeur: 0, femmes: 0, infra_v: 0, qpv: 0, zrr: 0 };
    if (part === 'neet') e.neet = (e.neet ?? 0) + Number(c.valeur);
    else for (const f of ['valeur', ...BREAK]) e[f] += Number(c[f]);
    m.set(k, e);
  }
}
const MOYENS = { 'C0.1': 'jano', 'C0.2': 'defm', I9: 'etp_total', 'I9.1': 'etp_accompagnement', I10: 'financement_total',
  'I10.1.a': 'financement_activites_principales', 'I10.1.b': 'financement_etat', 'I10.1.c': 'financement_fse' };
const RATIOS = { R1: ['I1', 'C0.1'], R2: ['I2', 'I2@N-1'], R3: ['I2.1', 'I2'], R4: ['I2bis', 'C0.1'], R5: ['I3', 'I1'],
  R6: ['R6#num', 'I3'], R7: ['I4.1', 'I2bis'], R8: ['I4.1.i', 'I4.1.fin'], R9: ['I4.2.s12', 'I4.2.c12'],
  R10: ['I8.1.f', 'I8.1'], R11: ['I8.1.i', 'I8.1'], R12: ['I9.1', 'I9'], R13: ['I4', 'I9.1'],
  'I10.1.a.part': ['I10.1.a', 'I10'], 'I10.1.b.part': ['I10.1.b', 'I10'], 'I10.1.c.part': ['I10.1.c', 'I10'],
  'I10.1.d': ['I10.1.b', 'I1'], 'I10.1.e': ['I10.1.b', 'I4'] };
const moyMap = new Map(moyens.map((m) => [m.structure, m]));
const resultats = [];
for (const [lvl, code] of levels) {
  const m = counts.get(`${lvl}|${code}`);
  const ss = structures.filter((s) => member(lvl, code, s));
  const num = {};
  for (const k of keys) num[k] = m.get(k)?.valeur ?? 0;
  num['R6#num'] = m.get('R6')?.valeur ?? 0;
  for (const [k, col] of Object.entries(MOYENS)) {
    let sum = 0;
    for (const s of ss) { const v = moyMap.get(s.structure)?.[col]; if (v == null) { sum = null; break; } sum += v; }
    num[k] = ss.length ? sum : null;
  }
  const out = {};
  for (const k of keys) {
    if (k.includes('@') || k === 'R6') continue;
    const e = m.get(k) ?? { valeur: 0, femmes: 0, infra_v: 0, qpv: 0, zrr: 0 };
    out[k] = { ...e };
    if (['I3', 'I3.1', 'I3.2'].includes(k)) out[k].neet = e.neet ?? 0; else delete out[k].neet;
  }
  for (const [k] of Object.entries(MOYENS)) out[k] = { valeur: num[k] };
  for (const [k, [a, b]] of Object.entries(RATIOS)) {
    out[k] = { valeur: num[a] == null || num[b] == null || num[b] === 0 ? null : num[a] / num[b] };
  }
  const i5 = moyennes.filter((x) => ss.some((s) => s.structure === x.structure));
  const n5 = i5.reduce((a, x) => a + Number(x.nombre), 0);
  out.I5 = { valeur: n5 ? i5.reduce((a, x) => a + x.somme_jours, 0) / 30.4375 / n5 : null };
  for (const k of Object.keys(out).sort()) resultats.push({ niveau: lvl, code, indicateur: k, ...out[k] });
}
const t3 = performance.now();
const cpu3 = process.cpuUsage();
const cpuS = (a, b) => ((b.user - a.user + b.system - a.system) / 1e6).toFixed(2);
process.stderr.write(`DuckDB ${'1.5.6'} threads=${(await rows("SELECT current_setting('threads') t"))[0].t} ` +
  `load/parse ${((t1 - t0) / 1000).toFixed(2)} s (cpu ${cpuS(cpu0, cpu1)} s), compute ${((t3 - t1) / 1000).toFixed(2)} s ` +
  `(cpu ${cpuS(cpu1, cpu3)} s; ${steps.join(', ')}), total ${((t3 - t0) / 1000).toFixed(2)} s (cpu ${cpuS(cpu0, cpu3)} s); loadavg ${load()}\n`);
const doc = { catalogue: 'cpo-2015', debut, fin, resultats };
if (opt('--out')) fs.writeFileSync(opt('--out'), JSON.stringify(doc));

// ---- comparisons ----
function compare(expected, label) {
  const mine = new Map(resultats.map((r) => [`${r.niveau}|${r.code}|${r.indicateur}`, r]));
  let same = 0; const diffs = []; const uncovered = new Set();
  for (const e of expected.resultats) {
    const k = `${e.niveau}|${e.code}|${e.indicateur}`;
    const r = mine.get(k);
    if (!r) { uncovered.add(e.indicateur); continue; }
    for (const f of ['valeur', ...BREAK, 'neet']) {
      const a = e[f]; const b = r[f];
      if (a === undefined && b === undefined) continue;
      const ok = (a == null && b == null) || (a != null && b != null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
      if (ok) same++; else diffs.push(`${k} ${f}: ${label} ${a} / duckdb ${b}`);
    }
  }
  console.log(`${label}: ${same} values equal, ${diffs.length} different; keys not covered: ${[...uncovered].sort().join(' ') || 'none'}`);
  for (const d of diffs.slice(0, 200)) console.log('  ' + d);
  return diffs.length;
}
let rc = 0;
if (check) rc = compare(JSON.parse(fs.readFileSync(path.join(dir, `attendu-${fin.slice(0, 4)}.json`), 'utf8')), 'attendu') ? 1 : 0;
if (opt('--compare')) rc = compare(JSON.parse(fs.readFileSync(opt('--compare'), 'utf8')), 'jalon') ? 1 : 0;
if (!check && !opt('--compare') && !opt('--out')) console.log(JSON.stringify(doc));
process.exit(rc);
