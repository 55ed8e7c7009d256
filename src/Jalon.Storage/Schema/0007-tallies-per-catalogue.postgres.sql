DROP TABLE "IndicatorTallies";
CREATE TABLE "IndicatorTallies" (
    "StructureCode" text NOT NULL,
    "Catalogue" character varying(100) NOT NULL,
    "Debut" date NOT NULL,
    "Fin" date NOT NULL,
    "Layout" character varying(100) NOT NULL,
    "Revision" bigint NOT NULL,
    "Counts" bytea NOT NULL,
    "Means" bytea NOT NULL,
    "ComputedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_IndicatorTallies" PRIMARY KEY ("StructureCode", "Catalogue", "Debut", "Fin"),
    CONSTRAINT "FK_IndicatorTallies_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE INDEX "IX_IndicatorTallies_Catalogue_Debut_Fin" ON "IndicatorTallies" ("Catalogue", "Debut", "Fin");
