-- Step 18: the CEJ files of the exchange format stored (activites.csv, allocations.csv; docs/cej.md): an activity's session,
-- the amount requested from the ASP, where a row comes from (null = entered in Jalon), and room for retour_asp in MotifRejet.
ALTER TABLE "CejActivites" ADD "Session" character varying(64) NULL;
ALTER TABLE "CejAllocations" ADD "MontantDemandeCentimes" bigint NULL;
ALTER TABLE "CejAllocations" ADD "Ref" character varying(64) NULL;
ALTER TABLE "CejAllocations" ALTER COLUMN "MotifRejet" TYPE character varying(2000);
