-- Step 18: the CEJ files of the exchange format stored (activites.csv, allocations.csv; docs/cej.md): an activity's session,
-- the amount requested from the ASP, and where a row comes from (null = entered in Jalon). MotifRejet holds retour_asp
-- (2000 characters): SQLite does not size texts.
ALTER TABLE "CejActivites" ADD COLUMN "Session" TEXT NULL;
ALTER TABLE "CejAllocations" ADD COLUMN "MontantDemandeCentimes" INTEGER NULL;
ALTER TABLE "CejAllocations" ADD COLUMN "Ref" TEXT NULL;
