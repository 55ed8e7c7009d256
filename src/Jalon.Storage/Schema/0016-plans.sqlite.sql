-- Step 16: the plans (docs/plans.md): plan → objectives → action sheets (status history) → indicators with yearly targets.
CREATE TABLE "Plans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Plans" PRIMARY KEY,
    "StructureCode" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Titre" TEXT NOT NULL,
    "AnneeDebut" INTEGER NOT NULL,
    "AnneeFin" INTEGER NOT NULL,
    "Statut" TEXT NOT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    "ModifiePar" TEXT NULL,
    "ModifieLe" TEXT NULL
);
CREATE TABLE "PlanActions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanActions" PRIMARY KEY,
    "StructureCode" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Ordre" INTEGER NOT NULL,
    "ObjectifId" TEXT NOT NULL,
    "Titre" TEXT NOT NULL,
    "PiloteId" TEXT NULL,
    "PiloteNom" TEXT NULL,
    "Partenaires" TEXT NOT NULL,
    "PublicCible" TEXT NOT NULL,
    "Moyens" TEXT NOT NULL,
    "Echeance" TEXT NULL,
    "Jalons" TEXT NOT NULL,
    CONSTRAINT "FK_PlanActions_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "PlanActionStatuts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PlanActionStatuts" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "ActionId" TEXT NOT NULL,
    "Statut" TEXT NOT NULL,
    "Le" TEXT NOT NULL,
    "Par" TEXT NOT NULL,
    CONSTRAINT "FK_PlanActionStatuts_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "PlanIndicateurs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanIndicateurs" PRIMARY KEY,
    "StructureCode" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Ordre" INTEGER NOT NULL,
    "ActionId" TEXT NOT NULL,
    "Libelle" TEXT NOT NULL,
    "Nature" TEXT NOT NULL,
    "Sens" TEXT NOT NULL,
    "CleCatalogue" TEXT NULL,
    "Cibles" TEXT NOT NULL,
    "Valeurs" TEXT NOT NULL,
    "Profil" TEXT NULL,
    CONSTRAINT "FK_PlanIndicateurs_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "PlanObjectifs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanObjectifs" PRIMARY KEY,
    "StructureCode" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Ordre" INTEGER NOT NULL,
    "ParentId" TEXT NULL,
    "Code" TEXT NOT NULL,
    "Libelle" TEXT NOT NULL,
    "ObjectifRegionalId" TEXT NULL,
    CONSTRAINT "FK_PlanObjectifs_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_PlanActions_PlanId" ON "PlanActions" ("PlanId");
CREATE INDEX "IX_PlanActions_StructureCode_PlanId" ON "PlanActions" ("StructureCode", "PlanId");
CREATE INDEX "IX_PlanActionStatuts_PlanId" ON "PlanActionStatuts" ("PlanId");
CREATE INDEX "IX_PlanActionStatuts_StructureCode_PlanId" ON "PlanActionStatuts" ("StructureCode", "PlanId");
CREATE INDEX "IX_PlanIndicateurs_PlanId" ON "PlanIndicateurs" ("PlanId");
CREATE INDEX "IX_PlanIndicateurs_StructureCode_PlanId" ON "PlanIndicateurs" ("StructureCode", "PlanId");
CREATE INDEX "IX_PlanObjectifs_PlanId" ON "PlanObjectifs" ("PlanId");
CREATE INDEX "IX_PlanObjectifs_RegionCode_ObjectifRegionalId" ON "PlanObjectifs" ("RegionCode", "ObjectifRegionalId");
CREATE INDEX "IX_PlanObjectifs_StructureCode_PlanId" ON "PlanObjectifs" ("StructureCode", "PlanId");
CREATE INDEX "IX_Plans_RegionCode_Type" ON "Plans" ("RegionCode", "Type");
CREATE INDEX "IX_Plans_StructureCode_AnneeDebut" ON "Plans" ("StructureCode", "AnneeDebut");
