CREATE TABLE "Taches" (
    "Nom" character varying(60) NOT NULL,
    "DernierDebut" timestamp with time zone,
    "DerniereFin" timestamp with time zone,
    "DernierResultat" smallint,
    "DernierResume" character varying(300),
    "DerniereErreur" character varying(300),
    "ProchaineExecution" timestamp with time zone,
    "EchecsConsecutifs" integer NOT NULL,
    CONSTRAINT "PK_Taches" PRIMARY KEY ("Nom")
);
