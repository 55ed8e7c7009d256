-- Step 24: the RQTH of a CEJ at entry (column rqth of parcours.csv, docs/cej.md): raises the entry age limit to 29. Null = not recorded.
ALTER TABLE "Parcours" ADD COLUMN "Rqth" INTEGER NULL;
