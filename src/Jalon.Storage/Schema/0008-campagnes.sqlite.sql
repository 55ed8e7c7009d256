CREATE TABLE "Campagnes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Campagnes" PRIMARY KEY,
    "StructureCode" TEXT NOT NULL,
    "Annee" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Echeance" TEXT NOT NULL,
    "Etat" TEXT NOT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    "ModifiePar" TEXT NULL,
    "ModifieLe" TEXT NULL
);
CREATE TABLE "CampagneSoumissions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CampagneSoumissions" PRIMARY KEY,
    "CampagneId" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "Etat" TEXT NOT NULL,
    "DerniereVersion" INTEGER NOT NULL,
    "Champs" TEXT NOT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    "ModifiePar" TEXT NULL,
    "ModifieLe" TEXT NULL,
    CONSTRAINT "FK_CampagneSoumissions_Campagnes_CampagneId" FOREIGN KEY ("CampagneId") REFERENCES "Campagnes" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CampagneSoumissions_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);
CREATE TABLE "CampagneTransitions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CampagneTransitions" PRIMARY KEY AUTOINCREMENT,
    "CampagneId" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "DeLaSoumission" INTEGER NOT NULL,
    "Action" TEXT NOT NULL,
    "De" TEXT NOT NULL,
    "Vers" TEXT NOT NULL,
    "Le" TEXT NOT NULL,
    "Par" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Commentaire" TEXT NULL,
    CONSTRAINT "FK_CampagneTransitions_Campagnes_CampagneId" FOREIGN KEY ("CampagneId") REFERENCES "Campagnes" ("Id") ON DELETE CASCADE
);
CREATE TABLE "CampagneVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CampagneVersions" PRIMARY KEY AUTOINCREMENT,
    "SoumissionId" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "Numero" INTEGER NOT NULL,
    "Le" TEXT NOT NULL,
    "Par" TEXT NOT NULL,
    "Contenu" TEXT NOT NULL,
    CONSTRAINT "FK_CampagneVersions_CampagneSoumissions_SoumissionId" FOREIGN KEY ("SoumissionId") REFERENCES "CampagneSoumissions" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_Campagnes_StructureCode_Annee_Type" ON "Campagnes" ("StructureCode", "Annee", "Type");
CREATE UNIQUE INDEX "IX_CampagneSoumissions_CampagneId_StructureCode" ON "CampagneSoumissions" ("CampagneId", "StructureCode");
CREATE INDEX "IX_CampagneSoumissions_StructureCode" ON "CampagneSoumissions" ("StructureCode");
CREATE INDEX "IX_CampagneTransitions_CampagneId" ON "CampagneTransitions" ("CampagneId");
CREATE INDEX "IX_CampagneTransitions_StructureCode" ON "CampagneTransitions" ("StructureCode");
CREATE UNIQUE INDEX "IX_CampagneVersions_SoumissionId_Numero" ON "CampagneVersions" ("SoumissionId", "Numero");
CREATE INDEX "IX_CampagneVersions_StructureCode" ON "CampagneVersions" ("StructureCode");
