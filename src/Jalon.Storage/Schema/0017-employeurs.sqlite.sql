CREATE TABLE "Entreprises" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Entreprises" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "Siret" TEXT NOT NULL,
    "Nom" TEXT NOT NULL,
    "Naf" TEXT NULL,
    "Taille" INTEGER NULL,
    "Commune" TEXT NULL,
    "ContactNom" TEXT NULL,
    "ContactFonction" TEXT NULL,
    "ContactTelephone" TEXT NULL,
    "ContactEmail" TEXT NULL,
    "CreeLe" TEXT NOT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_Entreprises_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);

CREATE TABLE "Offres" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Offres" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "EntrepriseId" INTEGER NOT NULL,
    "Intitule" TEXT NOT NULL,
    "Rome" TEXT NOT NULL,
    "Contrat" INTEGER NOT NULL,
    "DureeMois" INTEGER NULL,
    "HeuresHebdo" INTEGER NULL,
    "Commune" TEXT NOT NULL,
    "Postes" INTEGER NOT NULL,
    "RecueLe" TEXT NOT NULL,
    "DebutSouhaite" TEXT NULL,
    "Statut" INTEGER NOT NULL,
    "StatutLe" TEXT NULL,
    "Pourvoi" INTEGER NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_Offres_Entreprises_EntrepriseId" FOREIGN KEY ("EntrepriseId") REFERENCES "Entreprises" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Parrains" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Parrains" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "Nom" TEXT NOT NULL,
    "Profession" TEXT NULL,
    "EntrepriseId" INTEGER NULL,
    "Disponibilites" TEXT NULL,
    "Telephone" TEXT NULL,
    "Email" TEXT NULL,
    "Actif" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_Parrains_Entreprises_EntrepriseId" FOREIGN KEY ("EntrepriseId") REFERENCES "Entreprises" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Parrains_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE RESTRICT
);

CREATE TABLE "EchangesEntreprises" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EchangesEntreprises" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "EntrepriseId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Mode" INTEGER NOT NULL,
    "Objet" INTEGER NOT NULL,
    "AuteurId" INTEGER NULL,
    "Note" TEXT NULL,
    CONSTRAINT "FK_EchangesEntreprises_Entreprises_EntrepriseId" FOREIGN KEY ("EntrepriseId") REFERENCES "Entreprises" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_EchangesEntreprises_Users_AuteurId" FOREIGN KEY ("AuteurId") REFERENCES "Users" ("Id") ON DELETE SET NULL
);

CREATE TABLE "RecherchesEmploi" (
    "StructureCode" TEXT NOT NULL,
    "JeuneId" TEXT NOT NULL,
    "Romes" TEXT NOT NULL,
    "Mobilite" INTEGER NOT NULL,
    "DisponibleLe" TEXT NULL,
    CONSTRAINT "PK_RecherchesEmploi" PRIMARY KEY ("StructureCode", "JeuneId"),
    CONSTRAINT "FK_RecherchesEmploi_Jeunes_StructureCode_JeuneId" FOREIGN KEY ("StructureCode", "JeuneId") REFERENCES "Jeunes" ("StructureCode", "JeuneId") ON DELETE CASCADE
);

CREATE TABLE "ParrainageParrains" (
    "ParrainageId" INTEGER NOT NULL CONSTRAINT "PK_ParrainageParrains" PRIMARY KEY,
    "StructureCode" TEXT NOT NULL,
    "ParrainId" INTEGER NOT NULL,
    CONSTRAINT "FK_ParrainageParrains_Parrainages_ParrainageId" FOREIGN KEY ("ParrainageId") REFERENCES "Parrainages" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ParrainageParrains_Parrains_ParrainId" FOREIGN KEY ("ParrainId") REFERENCES "Parrains" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Immersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Immersions" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "JeuneId" TEXT NOT NULL,
    "SituationId" INTEGER NOT NULL,
    "Type" INTEGER NOT NULL,
    "EntrepriseId" INTEGER NOT NULL,
    "Tuteur" TEXT NULL,
    "Objectif" TEXT NULL,
    "BilanLe" TEXT NULL,
    "BilanJeune" TEXT NULL,
    "BilanTuteur" TEXT NULL,
    "BilanConseiller" TEXT NULL,
    "Suite" INTEGER NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_Immersions_Entreprises_EntrepriseId" FOREIGN KEY ("EntrepriseId") REFERENCES "Entreprises" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Immersions_Situations_SituationId" FOREIGN KEY ("SituationId") REFERENCES "Situations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MisesEnRelation" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MisesEnRelation" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "JeuneId" TEXT NOT NULL,
    "PropositionId" INTEGER NOT NULL,
    "Type" INTEGER NOT NULL,
    "OffreId" INTEGER NULL,
    "EntrepriseId" INTEGER NULL,
    "Organisme" TEXT NULL,
    "Issue" INTEGER NULL,
    "IssueLe" TEXT NULL,
    "SituationId" INTEGER NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_MisesEnRelation_Entreprises_EntrepriseId" FOREIGN KEY ("EntrepriseId") REFERENCES "Entreprises" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_MisesEnRelation_Offres_OffreId" FOREIGN KEY ("OffreId") REFERENCES "Offres" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_MisesEnRelation_Propositions_PropositionId" FOREIGN KEY ("PropositionId") REFERENCES "Propositions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MisesEnRelation_Situations_SituationId" FOREIGN KEY ("SituationId") REFERENCES "Situations" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_EchangesEntreprises_AuteurId" ON "EchangesEntreprises" ("AuteurId");

CREATE INDEX "IX_EchangesEntreprises_EntrepriseId" ON "EchangesEntreprises" ("EntrepriseId");

CREATE INDEX "IX_EchangesEntreprises_StructureCode_EntrepriseId_Date" ON "EchangesEntreprises" ("StructureCode", "EntrepriseId", "Date");

CREATE INDEX "IX_Entreprises_StructureCode_Nom" ON "Entreprises" ("StructureCode", "Nom");

CREATE UNIQUE INDEX "IX_Entreprises_StructureCode_Siret" ON "Entreprises" ("StructureCode", "Siret");

CREATE INDEX "IX_Immersions_EntrepriseId" ON "Immersions" ("EntrepriseId");

CREATE UNIQUE INDEX "IX_Immersions_SituationId" ON "Immersions" ("SituationId");

CREATE INDEX "IX_Immersions_StructureCode_EntrepriseId" ON "Immersions" ("StructureCode", "EntrepriseId");

CREATE INDEX "IX_Immersions_StructureCode_JeuneId" ON "Immersions" ("StructureCode", "JeuneId");

CREATE INDEX "IX_MisesEnRelation_EntrepriseId" ON "MisesEnRelation" ("EntrepriseId");

CREATE INDEX "IX_MisesEnRelation_OffreId" ON "MisesEnRelation" ("OffreId");

CREATE UNIQUE INDEX "IX_MisesEnRelation_PropositionId" ON "MisesEnRelation" ("PropositionId");

CREATE UNIQUE INDEX "IX_MisesEnRelation_SituationId" ON "MisesEnRelation" ("SituationId");

CREATE INDEX "IX_MisesEnRelation_StructureCode_JeuneId" ON "MisesEnRelation" ("StructureCode", "JeuneId");

CREATE INDEX "IX_MisesEnRelation_StructureCode_OffreId" ON "MisesEnRelation" ("StructureCode", "OffreId");

CREATE INDEX "IX_Offres_EntrepriseId" ON "Offres" ("EntrepriseId");

CREATE INDEX "IX_Offres_StructureCode_EntrepriseId" ON "Offres" ("StructureCode", "EntrepriseId");

CREATE INDEX "IX_Offres_StructureCode_Statut_RecueLe" ON "Offres" ("StructureCode", "Statut", "RecueLe");

CREATE INDEX "IX_ParrainageParrains_ParrainId" ON "ParrainageParrains" ("ParrainId");

CREATE INDEX "IX_ParrainageParrains_StructureCode_ParrainId" ON "ParrainageParrains" ("StructureCode", "ParrainId");

CREATE INDEX "IX_Parrains_EntrepriseId" ON "Parrains" ("EntrepriseId");

CREATE INDEX "IX_Parrains_StructureCode_Nom" ON "Parrains" ("StructureCode", "Nom");
