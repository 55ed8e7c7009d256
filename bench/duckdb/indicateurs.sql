-- CPO 2015 count indicators in DuckDB SQL (definitions: shared/spec/indicateurs-cpo-2015.md,
-- reading choices of docs/indicateurs.md). Placeholders replaced by run.mjs:
-- {D},{F} = period; {D1},{F1} = N-1. Tables come from load.sql.
-- Step 1: one row of boolean flags per young person (table fl). Step 2 (run.mjs): unpivot and count
-- per structure with the four breakdowns (and neet for the I3 family), then region/national sums
-- and ratios.
CREATE OR REPLACE TABLE fl AS
WITH
ct AS (  -- contacts
  SELECT structure, jeune,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}') AS act,
    max(date) FILTER (WHERE diagnostic = 1 AND date <= DATE '{F}') AS diag_max_le_fin,
    min(date) FILTER (WHERE diagnostic = 1) AS diag_min,
    bool_or(mode = 'ENTRETIEN' AND date > (DATE '{F}' - INTERVAL 5 MONTH)::DATE AND date <= DATE '{F}') AS ent5
  FROM contacts GROUP BY structure, jeune),
orx AS (
  SELECT structure, jeune,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}') AS act,
    max(date) FILTER (WHERE date <= DATE '{F}') AS max_le_fin
  FROM orientations GROUP BY structure, jeune),
pr AS (
  SELECT structure, jeune,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}') AS act,
    bool_or(date > (DATE '{F}' - INTERVAL 3 MONTH)::DATE AND date <= DATE '{F}') AS p3
  FROM propositions GROUP BY structure, jeune),
dr AS (
  SELECT structure, jeune,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}') AS act,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}' AND domaine = 'SANTE') AS sante,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}' AND domaine = 'LOGEMENT') AS logement,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}' AND domaine = 'MOBILITE') AS mobilite,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}' AND domaine = 'RESSOURCES') AS ressources,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}' AND domaine = 'LOISIRS_CULTURE') AS loisirs,
    bool_or(date BETWEEN DATE '{D}' AND DATE '{F}' AND domaine = 'CITOYENNETE') AS citoyennete
  FROM droits GROUP BY structure, jeune),
p AS (
  SELECT *, dispositif IN ('CIVIS','PPAE','GJ','CONSOLIDATION') AS nat,
    debut <= DATE '{F}' AND (fin IS NULL OR fin >= DATE '{D}') AS ovl
  FROM parcours),
pc AS (  -- paths
  SELECT structure, jeune,
    bool_or(debut BETWEEN DATE '{D}' AND DATE '{F}' OR fin BETWEEN DATE '{D}' AND DATE '{F}') AS act,
    bool_or(debut BETWEEN DATE '{D}' AND DATE '{F}') AS i3,
    bool_or(debut BETWEEN DATE '{D}' AND DATE '{F}' AND neet = 1) AS i3n,
    bool_or(nat AND debut BETWEEN DATE '{D}' AND DATE '{F}') AS i31,
    bool_or(nat AND debut BETWEEN DATE '{D}' AND DATE '{F}' AND neet = 1) AS i31n,
    bool_or(NOT nat AND debut BETWEEN DATE '{D}' AND DATE '{F}') AS reg_in,
    bool_or(NOT nat AND debut BETWEEN DATE '{D}' AND DATE '{F}' AND neet = 1) AS reg_in_n,
    min(debut) FILTER (WHERE debut BETWEEN DATE '{D}' AND DATE '{F}') AS first_in,
    bool_or(ovl) AS i4, bool_or(nat AND ovl) AS i41, bool_or(NOT nat AND ovl) AS i43,
    bool_or(nat AND debut <= DATE '{F}' AND (fin IS NULL OR fin >= DATE '{F}')) AS i41fin,
    bool_or(fin BETWEEN DATE '{D}' AND DATE '{F}') AS i8,
    bool_or(nat AND fin BETWEEN DATE '{D}' AND DATE '{F}') AS i81,
    bool_or(NOT nat AND fin BETWEEN DATE '{D}' AND DATE '{F}') AS i82,
    max(fin) FILTER (WHERE nat AND fin BETWEEN DATE '{D}' AND DATE '{F}') AS exit_date,
    min(debut) FILTER (WHERE nat) AS first_nat
  FROM p GROUP BY structure, jeune),
reo AS (  -- a national path ended on the exit date with motif REORIENTATION
  SELECT DISTINCT p.structure, p.jeune FROM p JOIN pc USING (structure, jeune)
  WHERE p.nat AND p.fin = pc.exit_date AND p.motif_fin = 'REORIENTATION'),
s AS (
  SELECT *,
    type IN ('CDI','CDD','INTERIM','CUI_CAE','CUI_CIE','EAV','APPRENTISSAGE','CONTRAT_PRO','CREATION') AS emp,
    type IN ('FORMATION_QUALIFIANTE','FORMATION','FORMATION_INITIALE') AS frm,
    type IN ('PMSMP','STAGE') AS imm,
    (type IN ('CDI','EAV') OR (type IN ('CDD','INTERIM','CUI_CAE','CUI_CIE','APPRENTISSAGE','CONTRAT_PRO')
       AND coalesce(duree_prevue_jours, (fin - debut) + 1) >= 183)) AS durable
  FROM situations),
sx AS (  -- situations, with the per-person dates of pc
  SELECT s.structure, s.jeune,
    bool_or(s.debut BETWEEN DATE '{D}' AND DATE '{F}' OR s.fin BETWEEN DATE '{D}' AND DATE '{F}') AS act,
    bool_or((s.emp OR s.frm) AND s.debut <= DATE '{F}' AND (s.fin IS NULL OR s.fin >= DATE '{F}')) AS ef_on_fin,
    bool_or(s.emp AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_emp,
    bool_or(s.frm AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_frm,
    bool_or(s.type = 'SERVICE_CIVIQUE' AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_sc,
    bool_or(s.durable AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_durable,
    bool_or(s.type IN ('CUI_CAE','CUI_CIE') AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_cui,
    bool_or(s.type = 'CUI_CAE' AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_cui_cae,
    bool_or(s.type = 'CUI_CIE' AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_cui_cie,
    bool_or(s.type = 'EAV' AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_eav,
    bool_or(s.type IN ('APPRENTISSAGE','CONTRAT_PRO') AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_alt,
    bool_or(s.type = 'APPRENTISSAGE' AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_app,
    bool_or(s.type = 'CREATION' AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_creation,
    bool_or(s.type = 'FORMATION_INITIALE' AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_init,
    bool_or(s.type = 'FORMATION_QUALIFIANTE' AND s.debut <= pc.exit_date AND (s.fin IS NULL OR s.fin >= pc.exit_date)) AS x_qual,
    bool_or((s.emp OR s.frm) AND s.debut >= pc.first_nat AND s.debut <= (pc.first_nat + INTERVAL 4 MONTH)::DATE) AS s4,
    bool_or((s.emp OR s.frm) AND s.debut >= pc.first_nat AND s.debut <= (pc.first_nat + INTERVAL 12 MONTH)::DATE) AS s12
  FROM s LEFT JOIN pc USING (structure, jeune) GROUP BY s.structure, s.jeune),
sp AS (  -- situation x path of the same young person
  SELECT s.structure, s.jeune,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut)
            AND (s.emp OR s.imm OR s.type = 'SERVICE_CIVIQUE')) AS f,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut) AND s.imm) AS f_imm,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut) AND s.emp) AS f_emp,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut) AND s.type IN ('APPRENTISSAGE','CONTRAT_PRO')) AS f_alt,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut) AND s.type = 'APPRENTISSAGE') AS f_app,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut) AND s.durable) AS f_durable,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut) AND s.type = 'SERVICE_CIVIQUE') AS f_sc,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut) AND s.frm) AS g,
    bool_or(p.nat AND s.debut BETWEEN DATE '{D}' AND DATE '{F}' AND p.debut <= s.debut AND (p.fin IS NULL OR p.fin >= s.debut) AND s.type = 'FORMATION_QUALIFIANTE') AS g1,
    -- I6: situation, path and period share a day
    bool_or((s.emp OR s.frm) AND greatest(s.debut, p.debut, DATE '{D}') <= least(coalesce(s.fin, DATE '9999-12-31'), coalesce(p.fin, DATE '9999-12-31'), DATE '{F}')) AS i6,
    bool_or(p.nat AND (s.emp OR s.frm) AND greatest(s.debut, p.debut, DATE '{D}') <= least(coalesce(s.fin, DATE '9999-12-31'), coalesce(p.fin, DATE '9999-12-31'), DATE '{F}')) AS i61,
    bool_or(p.nat AND s.frm AND greatest(s.debut, p.debut, DATE '{D}') <= least(coalesce(s.fin, DATE '9999-12-31'), coalesce(p.fin, DATE '9999-12-31'), DATE '{F}')) AS i61_frm,
    bool_or(p.nat AND s.emp AND greatest(s.debut, p.debut, DATE '{D}') <= least(coalesce(s.fin, DATE '9999-12-31'), coalesce(p.fin, DATE '9999-12-31'), DATE '{F}')) AS i61_emp,
    bool_or(p.nat AND s.type = 'EAV' AND greatest(s.debut, p.debut, DATE '{D}') <= least(coalesce(s.fin, DATE '9999-12-31'), coalesce(p.fin, DATE '9999-12-31'), DATE '{F}')) AS i61_eav,
    bool_or(NOT p.nat AND (s.emp OR s.frm) AND greatest(s.debut, p.debut, DATE '{D}') <= least(coalesce(s.fin, DATE '9999-12-31'), coalesce(p.fin, DATE '9999-12-31'), DATE '{F}')) AS i62
  FROM s JOIN p USING (structure, jeune)
  WHERE p.ovl AND s.debut <= DATE '{F}' AND (s.fin IS NULL OR s.fin >= DATE '{D}')
  GROUP BY s.structure, s.jeune),
pa AS (  -- parrainages
  SELECT structure, jeune,
    bool_or(debut BETWEEN DATE '{D}' AND DATE '{F}' OR fin BETWEEN DATE '{D}' AND DATE '{F}') AS act
  FROM parrainages GROUP BY structure, jeune),
pah AS (  -- I4.1.h: a parrainage overlapping the period and (not necessarily the same day) a national path
  SELECT DISTINCT r.structure, r.jeune FROM parrainages r JOIN p USING (structure, jeune)
  WHERE p.nat AND r.debut <= DATE '{F}' AND (r.fin IS NULL OR r.fin >= DATE '{D}')
    AND r.debut <= coalesce(p.fin, DATE '9999-12-31') AND p.debut <= coalesce(r.fin, DATE '9999-12-31')),
b AS (
  SELECT j.structure, j.jeune,
    j.sexe = 'F' AS femmes,
    (j.niveau IN ('VI','VBIS') OR (j.niveau = 'V' AND j.diplome = 0)) AS infra_v,
    j.qpv = 1 AS qpv, j.zrr = 1 AS zrr,
    j.premier_accueil BETWEEN DATE '{D}' AND DATE '{F}' AS i2,
    j.premier_accueil BETWEEN DATE '{D1}' AND DATE '{F1}' AS i2_n1,
    j.premier_accueil > (DATE '{F}' - INTERVAL 5 MONTH)::DATE AND j.premier_accueil <= DATE '{F}' AS pa5,
    j.premier_accueil,
    ct.act AS ct_act, ct.diag_max_le_fin, ct.diag_min, coalesce(ct.ent5, false) AS ent5,
    orx.act AS or_act, orx.max_le_fin AS or_max_le_fin,
    pr.act AS pr_act, coalesce(pr.p3, false) AS p3,
    dr.act AS dr_act, dr.sante, dr.logement, dr.mobilite, dr.ressources, dr.loisirs, dr.citoyennete,
    pc.*, reo.jeune IS NOT NULL AS reo,
    sx.act AS sx_act, sx.ef_on_fin, sx.x_emp, sx.x_frm, sx.x_sc, sx.x_durable, sx.x_cui, sx.x_cui_cae, sx.x_cui_cie,
    sx.x_eav, sx.x_alt, sx.x_app, sx.x_creation, sx.x_init, sx.x_qual, sx.s4, sx.s12,
    sp.f, sp.f_imm, sp.f_emp, sp.f_alt, sp.f_app, sp.f_durable, sp.f_sc, sp.g, sp.g1,
    sp.i6 AS sp_i6, sp.i61 AS sp_i61, sp.i61_frm, sp.i61_emp, sp.i61_eav, sp.i62 AS sp_i62,
    pa.act AS pa_act, pah.jeune IS NOT NULL AS h
  FROM jeunes j
  LEFT JOIN ct USING (structure, jeune) LEFT JOIN orx USING (structure, jeune)
  LEFT JOIN pr USING (structure, jeune) LEFT JOIN dr USING (structure, jeune)
  LEFT JOIN pc USING (structure, jeune) LEFT JOIN reo USING (structure, jeune)
  LEFT JOIN sx USING (structure, jeune) LEFT JOIN sp USING (structure, jeune)
  LEFT JOIN pa USING (structure, jeune) LEFT JOIN pah USING (structure, jeune)),
c AS (  -- every flag as a non-null boolean
  SELECT structure, jeune, femmes, infra_v, qpv, zrr,
    (i2 OR coalesce(ct_act OR false, false) OR coalesce(or_act, false) OR coalesce(pr_act, false) OR coalesce(dr_act, false)
      OR coalesce(act, false) OR coalesce(sx_act, false) OR coalesce(pa_act, false)) AS "I1",
    i2 AS "I2",
    i2_n1 AS "I2@N-1",
    i2 AND coalesce(diag_max_le_fin >= premier_accueil, false) AS "I2.1",
    i2 AND coalesce(or_max_le_fin >= premier_accueil, false) AS "I2.2",
    ent5 OR pa5 AS "I2bis",
    coalesce(i3, false) AS "I3", coalesce(i3n, false) AS "I3#neet",
    coalesce(i31, false) AS "I3.1", coalesce(i31n, false) AS "I3.1#neet",
    coalesce(reg_in AND NOT i31, false) AS "I3.2", coalesce(reg_in_n AND NOT i31, false) AS "I3.2#neet",
    coalesce(i3 AND diag_min <= first_in, false) AS "R6#num",
    coalesce(i4, false) AS "I4", coalesce(i41, false) AS "I4.1", coalesce(i43, false) AS "I4.3",
    coalesce(i41 AND f, false) AS "I4.1.f",
    coalesce(i41 AND f_imm, false) AS "I4.1.f.immersion",
    coalesce(i41 AND f_emp, false) AS "I4.1.f.emploi",
    coalesce(i41 AND f_alt, false) AS "I4.1.f.alternance",
    coalesce(i41 AND f_app, false) AS "I4.1.f.apprentissage",
    coalesce(i41 AND f_durable, false) AS "I4.1.f.durable",
    coalesce(i41 AND f_sc, false) AS "I4.1.f.service_civique",
    coalesce(i41 AND g, false) AS "I4.1.g",
    coalesce(i41 AND g1, false) AS "I4.1.g.1",
    coalesce(i41 AND h, false) AS "I4.1.h",
    coalesce(i41fin, false) AS "I4.1.fin",
    coalesce(i41fin AND NOT p3 AND NOT coalesce(ef_on_fin, false), false) AS "I4.1.i",
    coalesce((first_nat + INTERVAL 4 MONTH)::DATE BETWEEN DATE '{D}' AND DATE '{F}', false) AS "I4.2.c4",
    coalesce((first_nat + INTERVAL 4 MONTH)::DATE BETWEEN DATE '{D}' AND DATE '{F}' AND s4, false) AS "I4.2.s4",
    coalesce((first_nat + INTERVAL 12 MONTH)::DATE BETWEEN DATE '{D}' AND DATE '{F}', false) AS "I4.2.c12",
    coalesce((first_nat + INTERVAL 12 MONTH)::DATE BETWEEN DATE '{D}' AND DATE '{F}' AND s12, false) AS "I4.2.s12",
    coalesce(i4 AND dr_act, false) AS "I4.4",
    coalesce(i4 AND sante, false) AS "I4.4.SANTE",
    coalesce(i4 AND logement, false) AS "I4.4.LOGEMENT",
    coalesce(i4 AND mobilite, false) AS "I4.4.MOBILITE",
    coalesce(i4 AND ressources, false) AS "I4.4.RESSOURCES",
    coalesce(i4 AND loisirs, false) AS "I4.4.LOISIRS_CULTURE",
    coalesce(i4 AND citoyennete, false) AS "I4.4.CITOYENNETE",
    coalesce(i4 AND sp_i6, false) AS "I6",
    coalesce(i4 AND sp_i61, false) AS "I6.1",
    coalesce(i4 AND i61_frm, false) AS "I6.1.formation",
    coalesce(i4 AND i61_emp, false) AS "I6.1.emploi",
    coalesce(i4 AND i61_eav, false) AS "I6.1.eav",
    coalesce(i4 AND sp_i62, false) AS "I6.2",
    coalesce(i8, false) AS "I8",
    coalesce(i81, false) AS "I8.1",
    coalesce(i81 AND x_emp, false) AS "I8.1.f",
    coalesce(i81 AND x_emp AND x_durable, false) AS "I8.1.f.durable",
    coalesce(i81 AND x_emp AND x_cui, false) AS "I8.1.f.cui",
    coalesce(i81 AND x_emp AND x_cui_cae, false) AS "I8.1.f.cui_cae",
    coalesce(i81 AND x_emp AND x_cui_cie, false) AS "I8.1.f.cui_cie",
    coalesce(i81 AND x_emp AND x_eav, false) AS "I8.1.f.eav",
    coalesce(i81 AND x_emp AND x_alt, false) AS "I8.1.f.alternance",
    coalesce(i81 AND x_emp AND x_app, false) AS "I8.1.f.apprentissage",
    coalesce(i81 AND x_emp AND x_creation, false) AS "I8.1.f.creation",
    coalesce(i81 AND NOT coalesce(x_emp, false) AND x_frm, false) AS "I8.1.g",
    coalesce(i81 AND NOT coalesce(x_emp, false) AND x_frm AND x_init, false) AS "I8.1.g.initiale",
    coalesce(i81 AND NOT coalesce(x_emp, false) AND x_frm AND x_qual, false) AS "I8.1.g.qualifiante",
    coalesce(i81 AND NOT coalesce(x_emp, false) AND NOT coalesce(x_frm, false) AND x_sc, false) AS "I8.1.h",
    coalesce(i81 AND NOT coalesce(x_emp OR x_frm OR x_sc, false) AND reo, false) AS "I8.1.r",
    coalesce(i81 AND NOT coalesce(x_emp OR x_frm OR x_sc, false) AND NOT reo, false) AS "I8.1.i",
    coalesce(i82, false) AS "I8.2"
  FROM b)
SELECT * FROM c;

-- Per-structure counts with breakdowns (the "#neet" flags give the neet breakdown of their key):
-- one columnar pass per breakdown over fl (one count_if per flag column), then the small
-- 440-row wide tables are unpivoted to (structure, cle).
CREATE OR REPLACE TABLE comptes AS
WITH w AS (
  SELECT structure, 'valeur' AS br, count_if(COLUMNS(* EXCLUDE (structure, jeune, femmes, infra_v, qpv, zrr))) FROM fl GROUP BY structure
  UNION ALL BY NAME
  SELECT structure, 'femmes' AS br, count_if(COLUMNS(* EXCLUDE (structure, jeune, femmes, infra_v, qpv, zrr)) AND femmes) FROM fl GROUP BY structure
  UNION ALL BY NAME
  SELECT structure, 'infra_v' AS br, count_if(COLUMNS(* EXCLUDE (structure, jeune, femmes, infra_v, qpv, zrr)) AND infra_v) FROM fl GROUP BY structure
  UNION ALL BY NAME
  SELECT structure, 'qpv' AS br, count_if(COLUMNS(* EXCLUDE (structure, jeune, femmes, infra_v, qpv, zrr)) AND qpv) FROM fl GROUP BY structure
  UNION ALL BY NAME
  SELECT structure, 'zrr' AS br, count_if(COLUMNS(* EXCLUDE (structure, jeune, femmes, infra_v, qpv, zrr)) AND zrr) FROM fl GROUP BY structure),
u AS (UNPIVOT w ON COLUMNS(* EXCLUDE (structure, br)) INTO NAME cle VALUE n)
SELECT structure, cle,
  sum(n) FILTER (WHERE br = 'valeur') AS valeur,
  sum(n) FILTER (WHERE br = 'femmes') AS femmes,
  sum(n) FILTER (WHERE br = 'infra_v') AS infra_v,
  sum(n) FILTER (WHERE br = 'qpv') AS qpv,
  sum(n) FILTER (WHERE br = 'zrr') AS zrr
FROM u GROUP BY structure, cle;

-- I5: mean length in months of the paths whose fin is within the period (sum and count per structure).
CREATE OR REPLACE TABLE moyennes AS
SELECT structure, 'I5' AS cle, sum(fin - debut)::DOUBLE AS somme_jours, count(*) AS nombre
FROM parcours WHERE fin BETWEEN DATE '{D}' AND DATE '{F}' GROUP BY structure;
