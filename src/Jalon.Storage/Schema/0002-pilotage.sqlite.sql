-- Databases stamped 1 by a build that already created these tables from the model keep them (IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS "Conventions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Conventions" PRIMARY KEY,
    "StructureCode" TEXT NOT NULL,
    "Region" TEXT NOT NULL,
    "Numero" TEXT NOT NULL,
    "AnneeDebut" INTEGER NOT NULL,
    "AnneeFin" INTEGER NOT NULL,
    "DateNotification" TEXT NULL,
    "StatutJuridique" TEXT NOT NULL,
    "Siret" TEXT NOT NULL,
    "CodeApe" TEXT NOT NULL,
    CONSTRAINT "FK_Conventions_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Dialogues" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Dialogues" PRIMARY KEY,
    "StructureCode" TEXT NOT NULL,
    "Region" TEXT NOT NULL,
    "Annee" INTEGER NOT NULL,
    "Etat" TEXT NOT NULL,
    "DateSignatureAvenant" TEXT NULL,
    CONSTRAINT "FK_Dialogues_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "DecisionsFinancement" (
    "ConventionId" TEXT NOT NULL,
    "Annee" INTEGER NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "SubventionCpo" TEXT NOT NULL,
    "Parrainage" TEXT NOT NULL,
    "FipjAidesDirectes" TEXT NOT NULL,
    "FipjAidesIndirectes" TEXT NOT NULL,
    "Le" TEXT NOT NULL,
    "Par" TEXT NOT NULL,
    "Motif" TEXT NULL,
    CONSTRAINT "PK_DecisionsFinancement" PRIMARY KEY ("ConventionId", "Annee"),
    CONSTRAINT "FK_DecisionsFinancement_Conventions_ConventionId" FOREIGN KEY ("ConventionId") REFERENCES "Conventions" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "DialogueEtapes" (
    "DialogueId" TEXT NOT NULL,
    "Etape" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "AnalyseMissionLocale" TEXT NOT NULL,
    "CommentaireEtat" TEXT NOT NULL,
    CONSTRAINT "PK_DialogueEtapes" PRIMARY KEY ("DialogueId", "Etape"),
    CONSTRAINT "FK_DialogueEtapes_Dialogues_DialogueId" FOREIGN KEY ("DialogueId") REFERENCES "Dialogues" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "DialogueObjectifs" (
    "DialogueId" TEXT NOT NULL,
    "Ratio" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "Cible" REAL NOT NULL,
    "Reference" REAL NULL,
    "Commentaire" TEXT NULL,
    CONSTRAINT "PK_DialogueObjectifs" PRIMARY KEY ("DialogueId", "Ratio"),
    CONSTRAINT "FK_DialogueObjectifs_Dialogues_DialogueId" FOREIGN KEY ("DialogueId") REFERENCES "Dialogues" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "DialoguePlans" (
    "DialogueId" TEXT NOT NULL,
    "Theme" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "Forces" TEXT NOT NULL,
    "AxesDeProgres" TEXT NOT NULL,
    "ActionsPrioritaires" TEXT NOT NULL,
    CONSTRAINT "PK_DialoguePlans" PRIMARY KEY ("DialogueId", "Theme"),
    CONSTRAINT "FK_DialoguePlans_Dialogues_DialogueId" FOREIGN KEY ("DialogueId") REFERENCES "Dialogues" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "DialogueTransitions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DialogueTransitions" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "DialogueId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "De" TEXT NOT NULL,
    "Vers" TEXT NOT NULL,
    "Le" TEXT NOT NULL,
    "Par" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Commentaire" TEXT NULL,
    CONSTRAINT "FK_DialogueTransitions_Dialogues_DialogueId" FOREIGN KEY ("DialogueId") REFERENCES "Dialogues" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "DialogueValidations" (
    "DialogueId" TEXT NOT NULL,
    "Partie" TEXT NOT NULL,
    "StructureCode" TEXT NOT NULL,
    "Par" TEXT NOT NULL,
    "Le" TEXT NOT NULL,
    CONSTRAINT "PK_DialogueValidations" PRIMARY KEY ("DialogueId", "Partie"),
    CONSTRAINT "FK_DialogueValidations_Dialogues_DialogueId" FOREIGN KEY ("DialogueId") REFERENCES "Dialogues" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "IX_Conventions_StructureCode_AnneeDebut" ON "Conventions" ("StructureCode", "AnneeDebut");
CREATE INDEX IF NOT EXISTS "IX_DecisionsFinancement_StructureCode" ON "DecisionsFinancement" ("StructureCode");
CREATE INDEX IF NOT EXISTS "IX_DialogueEtapes_StructureCode" ON "DialogueEtapes" ("StructureCode");
CREATE INDEX IF NOT EXISTS "IX_DialogueObjectifs_StructureCode" ON "DialogueObjectifs" ("StructureCode");
CREATE INDEX IF NOT EXISTS "IX_DialoguePlans_StructureCode" ON "DialoguePlans" ("StructureCode");
CREATE INDEX IF NOT EXISTS "IX_Dialogues_Region_Annee" ON "Dialogues" ("Region", "Annee");
CREATE UNIQUE INDEX IF NOT EXISTS "IX_Dialogues_StructureCode_Annee" ON "Dialogues" ("StructureCode", "Annee");
CREATE INDEX IF NOT EXISTS "IX_DialogueTransitions_DialogueId" ON "DialogueTransitions" ("DialogueId");
CREATE INDEX IF NOT EXISTS "IX_DialogueTransitions_StructureCode_DialogueId" ON "DialogueTransitions" ("StructureCode", "DialogueId");
CREATE INDEX IF NOT EXISTS "IX_DialogueValidations_StructureCode" ON "DialogueValidations" ("StructureCode");