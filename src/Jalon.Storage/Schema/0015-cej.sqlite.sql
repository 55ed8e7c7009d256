CREATE TABLE "CejHeuresDefaut" (
    "StructureCode" TEXT NOT NULL,
    "Categorie" TEXT NOT NULL,
    "Heures" TEXT NOT NULL,
    CONSTRAINT "PK_CejHeuresDefaut" PRIMARY KEY ("StructureCode", "Categorie"),
    CONSTRAINT "FK_CejHeuresDefaut_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE TABLE "CejSessions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CejSessions" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Theme" TEXT NOT NULL,
    "Categorie" TEXT NOT NULL,
    "Heures" TEXT NOT NULL,
    CONSTRAINT "FK_CejSessions_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);
CREATE TABLE "CejActivites" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CejActivites" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "JeuneId" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Categorie" TEXT NOT NULL,
    "Libelle" TEXT NULL,
    "Heures" TEXT NOT NULL,
    "Etat" TEXT NOT NULL,
    "Ref" TEXT NULL,
    CONSTRAINT "FK_CejActivites_Jeunes_StructureCode_JeuneId" FOREIGN KEY ("StructureCode", "JeuneId") REFERENCES "Jeunes" ("StructureCode", "JeuneId") ON DELETE CASCADE
);
CREATE TABLE "CejAllocations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CejAllocations" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "JeuneId" TEXT NOT NULL,
    "Mois" TEXT NOT NULL,
    "Situation" TEXT NOT NULL,
    "AutresRevenusCentimes" INTEGER NOT NULL,
    "RsaOuPrimeActivite" INTEGER NOT NULL,
    "AbsencesInjustifiees" INTEGER NOT NULL,
    "MontantCentimes" INTEGER NOT NULL,
    "Calcul" TEXT NULL,
    "Statut" TEXT NOT NULL,
    "ValideeConseillerLe" TEXT NOT NULL,
    "ValideeConseillerPar" TEXT NOT NULL,
    "ValideeDirecteurLe" TEXT NULL,
    "ValideeDirecteurPar" TEXT NULL,
    "DemandeeLe" TEXT NULL,
    "RetourLe" TEXT NULL,
    "MotifRejet" TEXT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_CejAllocations_Jeunes_StructureCode_JeuneId" FOREIGN KEY ("StructureCode", "JeuneId") REFERENCES "Jeunes" ("StructureCode", "JeuneId") ON DELETE RESTRICT
);
CREATE TABLE "CejParticipants" (
    "StructureCode" TEXT NOT NULL,
    "SessionId" INTEGER NOT NULL,
    "JeuneId" TEXT NOT NULL,
    "Presence" TEXT NOT NULL,
    CONSTRAINT "PK_CejParticipants" PRIMARY KEY ("StructureCode", "SessionId", "JeuneId"),
    CONSTRAINT "FK_CejParticipants_CejSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "CejSessions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CejParticipants_Jeunes_StructureCode_JeuneId" FOREIGN KEY ("StructureCode", "JeuneId") REFERENCES "Jeunes" ("StructureCode", "JeuneId") ON DELETE CASCADE
);
CREATE TABLE "CejRendezVous" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CejRendezVous" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "JeuneId" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Heure" TEXT NOT NULL,
    "Heures" TEXT NOT NULL,
    "ConseillerId" INTEGER NULL,
    "Objet" TEXT NULL,
    "Rappel" TEXT NULL,
    "Presence" TEXT NOT NULL,
    CONSTRAINT "FK_CejRendezVous_Jeunes_StructureCode_JeuneId" FOREIGN KEY ("StructureCode", "JeuneId") REFERENCES "Jeunes" ("StructureCode", "JeuneId") ON DELETE CASCADE,
    CONSTRAINT "FK_CejRendezVous_Users_ConseillerId" FOREIGN KEY ("ConseillerId") REFERENCES "Users" ("Id") ON DELETE SET NULL
);
CREATE TABLE "CejSemaines" (
    "StructureCode" TEXT NOT NULL,
    "JeuneId" TEXT NOT NULL,
    "Lundi" TEXT NOT NULL,
    "HeuresDeclarees" TEXT NOT NULL,
    "ValideeLe" TEXT NOT NULL,
    "ValideePar" TEXT NOT NULL,
    CONSTRAINT "PK_CejSemaines" PRIMARY KEY ("StructureCode", "JeuneId", "Lundi"),
    CONSTRAINT "FK_CejSemaines_Jeunes_StructureCode_JeuneId" FOREIGN KEY ("StructureCode", "JeuneId") REFERENCES "Jeunes" ("StructureCode", "JeuneId") ON DELETE CASCADE
);
CREATE INDEX "IX_CejActivites_StructureCode_JeuneId_Date" ON "CejActivites" ("StructureCode", "JeuneId", "Date");
CREATE UNIQUE INDEX "IX_CejAllocations_StructureCode_JeuneId_Mois" ON "CejAllocations" ("StructureCode", "JeuneId", "Mois");
CREATE INDEX "IX_CejAllocations_StructureCode_Mois_Statut" ON "CejAllocations" ("StructureCode", "Mois", "Statut");
CREATE INDEX "IX_CejParticipants_SessionId" ON "CejParticipants" ("SessionId");
CREATE INDEX "IX_CejParticipants_StructureCode_JeuneId" ON "CejParticipants" ("StructureCode", "JeuneId");
CREATE INDEX "IX_CejRendezVous_ConseillerId" ON "CejRendezVous" ("ConseillerId");
CREATE INDEX "IX_CejRendezVous_StructureCode_JeuneId_Date" ON "CejRendezVous" ("StructureCode", "JeuneId", "Date");
CREATE INDEX "IX_CejSessions_StructureCode_Date" ON "CejSessions" ("StructureCode", "Date");
