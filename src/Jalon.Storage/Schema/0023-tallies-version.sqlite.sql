CREATE INDEX "IX_IndicatorTallies_Catalogue_ComputedAt" ON "IndicatorTallies" ("Catalogue", "ComputedAt");
