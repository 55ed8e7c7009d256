CREATE TABLE "Taches" (
    "Nom" TEXT NOT NULL CONSTRAINT "PK_Taches" PRIMARY KEY,
    "DernierDebut" TEXT NULL,
    "DerniereFin" TEXT NULL,
    "DernierResultat" INTEGER NULL,
    "DernierResume" TEXT NULL,
    "DerniereErreur" TEXT NULL,
    "ProchaineExecution" TEXT NULL,
    "EchecsConsecutifs" INTEGER NOT NULL
);
