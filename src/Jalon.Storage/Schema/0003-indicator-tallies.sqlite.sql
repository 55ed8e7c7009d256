ALTER TABLE "Structures" ADD COLUMN "Revision" INTEGER NOT NULL DEFAULT 0;
CREATE TABLE "IndicatorTallies" (
    "StructureCode" TEXT NOT NULL,
    "Debut" TEXT NOT NULL,
    "Fin" TEXT NOT NULL,
    "Layout" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Counts" BLOB NOT NULL,
    "Means" BLOB NOT NULL,
    "ComputedAt" TEXT NOT NULL,
    CONSTRAINT "PK_IndicatorTallies" PRIMARY KEY ("StructureCode", "Debut", "Fin"),
    CONSTRAINT "FK_IndicatorTallies_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE INDEX "IX_IndicatorTallies_Debut_Fin" ON "IndicatorTallies" ("Debut", "Fin");