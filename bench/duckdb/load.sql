-- Load the exchange-format CSVs with explicit column types ({DIR} is replaced by run.mjs).
-- Optional files that are absent are created empty by run.mjs instead.
CREATE OR REPLACE TABLE structures AS SELECT * FROM read_csv('{DIR}/structures.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','nom':'VARCHAR','region':'VARCHAR','departement':'VARCHAR'});
CREATE OR REPLACE TABLE jeunes AS SELECT * FROM read_csv('{DIR}/jeunes.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','jeune':'VARCHAR','naissance':'DATE','sexe':'VARCHAR','niveau':'VARCHAR','diplome':'TINYINT','commune':'VARCHAR','qpv':'TINYINT','zrr':'TINYINT','premier_accueil':'DATE'});
CREATE OR REPLACE TABLE contacts AS SELECT * FROM read_csv('{DIR}/contacts.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','jeune':'VARCHAR','date':'DATE','mode':'VARCHAR','diagnostic':'TINYINT'});
CREATE OR REPLACE TABLE orientations AS SELECT * FROM read_csv('{DIR}/orientations.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','jeune':'VARCHAR','date':'DATE','operateur':'VARCHAR'});
-- parcours.csv may end with the optional column amont (not read by these definitions): the named columns are typed,
-- any other is sniffed, and only the named ones are kept.
CREATE OR REPLACE TABLE parcours AS SELECT structure, jeune, dispositif, debut, fin, motif_fin, neet
  FROM read_csv('{DIR}/parcours.csv', header=true, delim=',', quote='"',
  types={'structure':'VARCHAR','jeune':'VARCHAR','dispositif':'VARCHAR','debut':'DATE','fin':'DATE','motif_fin':'VARCHAR','neet':'TINYINT'});
CREATE OR REPLACE TABLE propositions AS SELECT * FROM read_csv('{DIR}/propositions.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','jeune':'VARCHAR','date':'DATE','theme':'VARCHAR'});
CREATE OR REPLACE TABLE situations AS SELECT * FROM read_csv('{DIR}/situations.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','jeune':'VARCHAR','type':'VARCHAR','debut':'DATE','fin':'DATE','duree_prevue_jours':'INTEGER'});
CREATE OR REPLACE TABLE droits AS SELECT * FROM read_csv('{DIR}/droits.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','jeune':'VARCHAR','date':'DATE','domaine':'VARCHAR'});
CREATE OR REPLACE TABLE parrainages AS SELECT * FROM read_csv('{DIR}/parrainages.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','jeune':'VARCHAR','debut':'DATE','fin':'DATE'});
CREATE OR REPLACE TABLE moyens AS SELECT * FROM read_csv('{DIR}/moyens.csv', header=true, delim=',', quote='"',
  columns={'structure':'VARCHAR','annee':'INTEGER','jano':'BIGINT','defm':'BIGINT','etp_total':'DECIMAL(18,4)','etp_accompagnement':'DECIMAL(18,4)','financement_total':'DECIMAL(18,4)','financement_activites_principales':'DECIMAL(18,4)','financement_etat':'DECIMAL(18,4)','financement_fse':'DECIMAL(18,4)'});
