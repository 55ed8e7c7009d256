-- Step 13: the Région's allocation of its envelope (docs/financement-region.md): parameters, axis-3 decisions, voted figures, life.
CREATE TABLE "AllocationsRegionales" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AllocationsRegionales" PRIMARY KEY AUTOINCREMENT,
    "RegionCode" TEXT NOT NULL,
    "Grille" TEXT NOT NULL,
    "Annee" INTEGER NOT NULL,
    "Enveloppe" TEXT NOT NULL,
    "Statut" TEXT NOT NULL,
    "Deliberation" TEXT NULL,
    "DeliberationLe" TEXT NULL,
    "NotifieeLe" TEXT NULL,
    "ModifieeLe" TEXT NOT NULL,
    "ModifieePar" TEXT NOT NULL
);
CREATE TABLE "AllocationParts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AllocationParts" PRIMARY KEY AUTOINCREMENT,
    "AllocationId" INTEGER NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "Axe" INTEGER NOT NULL,
    "Part" TEXT NOT NULL,
    "MontantVote" TEXT NULL,
    "NonAttribueVote" TEXT NULL,
    CONSTRAINT "FK_AllocationParts_AllocationsRegionales_AllocationId" FOREIGN KEY ("AllocationId") REFERENCES "AllocationsRegionales" ("Id") ON DELETE CASCADE
);
CREATE TABLE "AllocationPoids" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AllocationPoids" PRIMARY KEY AUTOINCREMENT,
    "AllocationId" INTEGER NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "Axe" INTEGER NOT NULL,
    "Indicateur" TEXT NOT NULL,
    "Poids" TEXT NOT NULL,
    CONSTRAINT "FK_AllocationPoids_AllocationsRegionales_AllocationId" FOREIGN KEY ("AllocationId") REFERENCES "AllocationsRegionales" ("Id") ON DELETE CASCADE
);
CREATE TABLE "AllocationTransitions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AllocationTransitions" PRIMARY KEY AUTOINCREMENT,
    "AllocationId" INTEGER NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "De" TEXT NOT NULL,
    "Vers" TEXT NOT NULL,
    "Le" TEXT NOT NULL,
    "Par" TEXT NOT NULL,
    "Detail" TEXT NULL,
    CONSTRAINT "FK_AllocationTransitions_AllocationsRegionales_AllocationId" FOREIGN KEY ("AllocationId") REFERENCES "AllocationsRegionales" ("Id") ON DELETE CASCADE
);
CREATE TABLE "AllocationDecisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AllocationDecisions" PRIMARY KEY AUTOINCREMENT,
    "AllocationId" INTEGER NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "Axe" INTEGER NOT NULL,
    "Montant" TEXT NOT NULL,
    "Argument" TEXT NOT NULL,
    "DecideeLe" TEXT NOT NULL,
    "DecideePar" TEXT NOT NULL,
    CONSTRAINT "FK_AllocationDecisions_AllocationsRegionales_AllocationId" FOREIGN KEY ("AllocationId") REFERENCES "AllocationsRegionales" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AllocationDecisions_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);
CREATE TABLE "AllocationMontants" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AllocationMontants" PRIMARY KEY AUTOINCREMENT,
    "AllocationId" INTEGER NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "Axe" INTEGER NOT NULL,
    "Montant" TEXT NOT NULL,
    CONSTRAINT "FK_AllocationMontants_AllocationsRegionales_AllocationId" FOREIGN KEY ("AllocationId") REFERENCES "AllocationsRegionales" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AllocationMontants_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);
CREATE TABLE "AllocationStructures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AllocationStructures" PRIMARY KEY AUTOINCREMENT,
    "AllocationId" INTEGER NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "PremierVersement" TEXT NOT NULL,
    CONSTRAINT "FK_AllocationStructures_AllocationsRegionales_AllocationId" FOREIGN KEY ("AllocationId") REFERENCES "AllocationsRegionales" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AllocationStructures_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_AllocationDecisions_AllocationId_Axe_StructureCode" ON "AllocationDecisions" ("AllocationId", "Axe", "StructureCode");
CREATE INDEX "IX_AllocationDecisions_StructureCode" ON "AllocationDecisions" ("StructureCode");
CREATE UNIQUE INDEX "IX_AllocationMontants_AllocationId_StructureCode_Axe" ON "AllocationMontants" ("AllocationId", "StructureCode", "Axe");
CREATE INDEX "IX_AllocationMontants_StructureCode" ON "AllocationMontants" ("StructureCode");
CREATE UNIQUE INDEX "IX_AllocationParts_AllocationId_Axe" ON "AllocationParts" ("AllocationId", "Axe");
CREATE INDEX "IX_AllocationParts_RegionCode" ON "AllocationParts" ("RegionCode");
CREATE UNIQUE INDEX "IX_AllocationPoids_AllocationId_Axe_Indicateur" ON "AllocationPoids" ("AllocationId", "Axe", "Indicateur");
CREATE INDEX "IX_AllocationPoids_RegionCode" ON "AllocationPoids" ("RegionCode");
CREATE UNIQUE INDEX "IX_AllocationsRegionales_RegionCode_Grille_Annee" ON "AllocationsRegionales" ("RegionCode", "Grille", "Annee");
CREATE UNIQUE INDEX "IX_AllocationStructures_AllocationId_StructureCode" ON "AllocationStructures" ("AllocationId", "StructureCode");
CREATE INDEX "IX_AllocationStructures_StructureCode" ON "AllocationStructures" ("StructureCode");
CREATE INDEX "IX_AllocationTransitions_AllocationId" ON "AllocationTransitions" ("AllocationId");
CREATE INDEX "IX_AllocationTransitions_RegionCode" ON "AllocationTransitions" ("RegionCode");
