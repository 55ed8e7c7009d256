CREATE TABLE "ZoneCommunes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ZoneCommunes" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NULL,
    "Type" TEXT NOT NULL,
    "Liste" TEXT NOT NULL,
    "Debut" TEXT NOT NULL,
    "Fin" TEXT NULL,
    "Commune" TEXT NOT NULL,
    "CodeZone" TEXT NULL,
    "NomZone" TEXT NULL,
    "Source" TEXT NULL,
    "ImporteLe" TEXT NOT NULL
);
CREATE TABLE "BrhLignes" (
    "StructureCode" TEXT NOT NULL,
    "Annee" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "Femmes" TEXT NULL,
    "Hommes" TEXT NULL,
    "Total" TEXT NULL,
    CONSTRAINT "PK_BrhLignes" PRIMARY KEY ("StructureCode", "Annee", "Code"),
    CONSTRAINT "FK_BrhLignes_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE TABLE "BudgetLignes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BudgetLignes" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "Annee" INTEGER NOT NULL,
    "Financeur" TEXT NULL,
    "Nature" TEXT NOT NULL,
    "Montant" TEXT NOT NULL,
    CONSTRAINT "FK_BudgetLignes_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE TABLE "Contexte" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Contexte" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "Annee" INTEGER NOT NULL,
    "Categorie" TEXT NOT NULL,
    "Indicateur" TEXT NOT NULL,
    "Zone" TEXT NOT NULL,
    "Valeur" TEXT NOT NULL,
    "Unite" TEXT NULL,
    "Source" TEXT NULL,
    "Date" TEXT NULL,
    CONSTRAINT "FK_Contexte_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE TABLE "ProfilVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProfilVersions" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "ValableDu" TEXT NOT NULL,
    "RaisonSociale" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Siret" TEXT NULL,
    "Adresse" TEXT NULL,
    "BoitePostale" TEXT NULL,
    "CodePostal" TEXT NULL,
    "Commune" TEXT NULL,
    "Ville" TEXT NULL,
    "CodeCedex" TEXT NULL,
    "Telephones" TEXT NOT NULL,
    "Email" TEXT NULL,
    "SiteWeb" TEXT NULL,
    "President" TEXT NULL,
    "Directeur" TEXT NULL,
    "Colleges" TEXT NOT NULL,
    "DateCreation" TEXT NULL,
    "SaisiLe" TEXT NOT NULL,
    "SaisiParId" INTEGER NULL,
    "SaisiPar" TEXT NULL,
    CONSTRAINT "FK_ProfilVersions_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE TABLE "Sites" (
    "StructureCode" TEXT NOT NULL,
    "SiteId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Nom" TEXT NOT NULL,
    "Commune" TEXT NOT NULL,
    "Adresse" TEXT NULL,
    "CodePostal" TEXT NULL,
    "Horaires" TEXT NULL,
    "EspaceRessources" INTEGER NOT NULL,
    "Debut" TEXT NULL,
    "Fin" TEXT NULL,
    CONSTRAINT "PK_Sites" PRIMARY KEY ("StructureCode", "SiteId"),
    CONSTRAINT "FK_Sites_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE TABLE "TerritoireCommunes" (
    "StructureCode" TEXT NOT NULL,
    "Commune" TEXT NOT NULL,
    "Debut" TEXT NOT NULL,
    "Fin" TEXT NULL,
    CONSTRAINT "PK_TerritoireCommunes" PRIMARY KEY ("StructureCode", "Commune", "Debut"),
    CONSTRAINT "FK_TerritoireCommunes_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE TABLE "TerritoireDeclarations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TerritoireDeclarations" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "CogYear" INTEGER NULL,
    "Communes" INTEGER NULL,
    "Epcis" INTEGER NULL,
    "EpcisListes" TEXT NOT NULL,
    "Population" INTEGER NULL,
    "Population1625" INTEGER NULL,
    "TauxChomage" TEXT NULL,
    "TauxChomage1625" TEXT NULL,
    "SaisiLe" TEXT NOT NULL,
    "SaisiPar" TEXT NULL,
    CONSTRAINT "FK_TerritoireDeclarations_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
CREATE TABLE "Personnel" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Personnel" PRIMARY KEY AUTOINCREMENT,
    "StructureCode" TEXT NOT NULL,
    "Nom" TEXT NOT NULL,
    "Sexe" TEXT NOT NULL,
    "Statut" TEXT NOT NULL,
    "Contrat" TEXT NOT NULL,
    "TempsPlein" INTEGER NOT NULL,
    "Etp" TEXT NOT NULL,
    "Metier" TEXT NOT NULL,
    "ContratAide" INTEGER NOT NULL,
    "Origine" TEXT NULL,
    "SiteId" TEXT NULL,
    "UserId" INTEGER NULL,
    "Debut" TEXT NOT NULL,
    "Fin" TEXT NULL,
    CONSTRAINT "FK_Personnel_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE,
    CONSTRAINT "FK_Personnel_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE SET NULL
);
CREATE INDEX "IX_BudgetLignes_StructureCode_Annee" ON "BudgetLignes" ("StructureCode", "Annee");
CREATE INDEX "IX_Contexte_StructureCode_Annee" ON "Contexte" ("StructureCode", "Annee");
CREATE INDEX "IX_Personnel_StructureCode_Nom" ON "Personnel" ("StructureCode", "Nom");
CREATE INDEX "IX_Personnel_StructureCode_UserId" ON "Personnel" ("StructureCode", "UserId");
CREATE INDEX "IX_Personnel_UserId" ON "Personnel" ("UserId");
CREATE INDEX "IX_ProfilVersions_StructureCode_ValableDu" ON "ProfilVersions" ("StructureCode", "ValableDu");
CREATE INDEX "IX_TerritoireDeclarations_StructureCode_Date" ON "TerritoireDeclarations" ("StructureCode", "Date");
CREATE INDEX "IX_ZoneCommunes_StructureCode_Type_Commune" ON "ZoneCommunes" ("StructureCode", "Type", "Commune");
CREATE INDEX "IX_ZoneCommunes_Type_Liste" ON "ZoneCommunes" ("Type", "Liste");
ALTER TABLE "Contacts" ADD COLUMN "SiteId" TEXT NULL;
