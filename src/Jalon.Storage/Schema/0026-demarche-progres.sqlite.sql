-- Step 26: the démarche de progrès (docs/plans.md): a regional démarche with its cross-analysis and recommendations, an état des lieux per structure.
CREATE TABLE "ProgresDemarches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProgresDemarches" PRIMARY KEY,
    "RegionCode" TEXT NOT NULL,
    "Titre" TEXT NOT NULL,
    "AnneeDebut" INTEGER NOT NULL,
    "AnneeFin" INTEGER NOT NULL,
    "OuverteLe" TEXT NOT NULL,
    "OuvertePar" TEXT NOT NULL,
    "Analyse" TEXT NOT NULL,
    "Preconisations" TEXT NOT NULL,
    "AnalyseLe" TEXT NULL,
    "AnalysePar" TEXT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    "ModifiePar" TEXT NULL,
    "ModifieLe" TEXT NULL
);
CREATE TABLE "ProgresEtatsDesLieux" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProgresEtatsDesLieux" PRIMARY KEY,
    "DemarcheId" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "Sections" TEXT NOT NULL,
    "ValideLe" TEXT NULL,
    "ValidePar" TEXT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    "ModifiePar" TEXT NULL,
    "ModifieLe" TEXT NULL,
    CONSTRAINT "FK_ProgresEtatsDesLieux_ProgresDemarches_DemarcheId" FOREIGN KEY ("DemarcheId") REFERENCES "ProgresDemarches" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ProgresDemarches_RegionCode_AnneeDebut" ON "ProgresDemarches" ("RegionCode", "AnneeDebut");
CREATE UNIQUE INDEX "IX_ProgresEtatsDesLieux_DemarcheId_StructureCode" ON "ProgresEtatsDesLieux" ("DemarcheId", "StructureCode");
CREATE INDEX "IX_ProgresEtatsDesLieux_StructureCode_DemarcheId" ON "ProgresEtatsDesLieux" ("StructureCode", "DemarcheId");
