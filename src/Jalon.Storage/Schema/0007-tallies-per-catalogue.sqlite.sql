DROP TABLE "IndicatorTallies";
CREATE TABLE "IndicatorTallies" (
    "StructureCode" TEXT NOT NULL,
    "Catalogue" TEXT NOT NULL,
    "Debut" TEXT NOT NULL,
    "Fin" TEXT NOT NULL,
    "Layout" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Counts" BLOB NOT NULL,
    "Means" BLOB NOT NULL,
    "ComputedAt" TEXT NOT NULL,
    CONSTRAINT "PK_IndicatorTallies" PRIMARY KEY ("StructureCode", "Catalogue", "Debut", "Fin"),
    CONSTRAINT "FK_IndicatorTallies_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE INDEX "IX_IndicatorTallies_Catalogue_Debut_Fin" ON "IndicatorTallies" ("Catalogue", "Debut", "Fin");
