-- Step 27: the indexes of a contact's author and of a young person's counsellor hold only the rows that have one
-- (imported contacts and young people have none: 13.5 M empty entries on the national package, sorted at every first load).
-- Every lookup by author or counsellor (equality, foreign key ON DELETE SET NULL) implies IS NOT NULL and uses them.
DROP INDEX "IX_Contacts_AuteurId";
CREATE INDEX "IX_Contacts_AuteurId" ON "Contacts" ("AuteurId") WHERE "AuteurId" IS NOT NULL;
DROP INDEX "IX_Jeunes_ConseillerId";
CREATE INDEX "IX_Jeunes_ConseillerId" ON "Jeunes" ("ConseillerId") WHERE "ConseillerId" IS NOT NULL;
