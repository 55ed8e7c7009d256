-- Step 10: the Région's « amont » scheme of a regional or local path (column amont of parcours.csv, docs/financement-region.md).
ALTER TABLE "Parcours" ADD "Amont" character varying(32) NULL;
