-- Step 26: the démarche de progrès (docs/plans.md): a regional démarche with its cross-analysis and recommendations, an état des lieux per structure.
CREATE TABLE "ProgresDemarches" (
    "Id" uuid NOT NULL,
    "RegionCode" text NOT NULL,
    "Titre" character varying(200) NOT NULL,
    "AnneeDebut" integer NOT NULL,
    "AnneeFin" integer NOT NULL,
    "OuverteLe" date NOT NULL,
    "OuvertePar" character varying(200) NOT NULL,
    "Analyse" text NOT NULL,
    "Preconisations" text NOT NULL,
    "AnalyseLe" date,
    "AnalysePar" character varying(200),
    "Version" integer NOT NULL DEFAULT 0,
    "ModifiePar" character varying(200),
    "ModifieLe" timestamp with time zone,
    CONSTRAINT "PK_ProgresDemarches" PRIMARY KEY ("Id")
);
CREATE TABLE "ProgresEtatsDesLieux" (
    "Id" uuid NOT NULL,
    "DemarcheId" uuid NOT NULL,
    "StructureCode" text NOT NULL,
    "RegionCode" text NOT NULL,
    "Sections" text NOT NULL,
    "ValideLe" date,
    "ValidePar" character varying(200),
    "Version" integer NOT NULL DEFAULT 0,
    "ModifiePar" character varying(200),
    "ModifieLe" timestamp with time zone,
    CONSTRAINT "PK_ProgresEtatsDesLieux" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProgresEtatsDesLieux_ProgresDemarches_DemarcheId" FOREIGN KEY ("DemarcheId") REFERENCES "ProgresDemarches" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ProgresDemarches_RegionCode_AnneeDebut" ON "ProgresDemarches" ("RegionCode", "AnneeDebut");
CREATE UNIQUE INDEX "IX_ProgresEtatsDesLieux_DemarcheId_StructureCode" ON "ProgresEtatsDesLieux" ("DemarcheId", "StructureCode");
CREATE INDEX "IX_ProgresEtatsDesLieux_StructureCode_DemarcheId" ON "ProgresEtatsDesLieux" ("StructureCode", "DemarcheId");
