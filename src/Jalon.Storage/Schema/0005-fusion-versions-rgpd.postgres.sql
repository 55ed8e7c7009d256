-- Step 5: re-import merge (event identity and origin), optimistic concurrency (versions), identifiers allocated
-- without races, anonymisation (retention, erasure) and its traces, sizes of the free texts.
ALTER TABLE "Structures" ADD "DernierNumeroJeune" integer NOT NULL DEFAULT 0;
ALTER TABLE "Jeunes" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Jeunes" ADD "AnonymiseLe" timestamp with time zone NULL;
ALTER TABLE "Jeunes" ALTER COLUMN "Nom" TYPE character varying(100);
ALTER TABLE "Jeunes" ALTER COLUMN "Prenom" TYPE character varying(100);
ALTER TABLE "Jeunes" ALTER COLUMN "Email" TYPE character varying(254);
ALTER TABLE "Jeunes" ALTER COLUMN "Telephone" TYPE character varying(30);
ALTER TABLE "Contacts" ADD "Ref" character varying(64) NULL;
ALTER TABLE "Contacts" ADD "Origine" smallint NOT NULL DEFAULT 0;
ALTER TABLE "Contacts" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Orientations" ADD "Ref" character varying(64) NULL;
ALTER TABLE "Orientations" ADD "Origine" smallint NOT NULL DEFAULT 0;
ALTER TABLE "Orientations" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Parcours" ADD "Ref" character varying(64) NULL;
ALTER TABLE "Parcours" ADD "Origine" smallint NOT NULL DEFAULT 0;
ALTER TABLE "Parcours" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Propositions" ADD "Ref" character varying(64) NULL;
ALTER TABLE "Propositions" ADD "Origine" smallint NOT NULL DEFAULT 0;
ALTER TABLE "Propositions" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Situations" ADD "Ref" character varying(64) NULL;
ALTER TABLE "Situations" ADD "Origine" smallint NOT NULL DEFAULT 0;
ALTER TABLE "Situations" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Droits" ADD "Ref" character varying(64) NULL;
ALTER TABLE "Droits" ADD "Origine" smallint NOT NULL DEFAULT 0;
ALTER TABLE "Droits" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Parrainages" ADD "Ref" character varying(64) NULL;
ALTER TABLE "Parrainages" ADD "Origine" smallint NOT NULL DEFAULT 0;
ALTER TABLE "Parrainages" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Contacts" ALTER COLUMN "Commentaire" TYPE character varying(2000);
ALTER TABLE "DiagnosticDomaines" ALTER COLUMN "Note" TYPE character varying(2000);
ALTER TABLE "AuditLog" ALTER COLUMN "Detail" TYPE character varying(500);
ALTER TABLE "DialogueEtapes" ALTER COLUMN "AnalyseMissionLocale" TYPE character varying(10000);
ALTER TABLE "DialogueEtapes" ALTER COLUMN "CommentaireEtat" TYPE character varying(10000);
ALTER TABLE "DialogueObjectifs" ALTER COLUMN "Commentaire" TYPE character varying(1000);
ALTER TABLE "DialoguePlans" ALTER COLUMN "Forces" TYPE character varying(5000);
ALTER TABLE "DialoguePlans" ALTER COLUMN "AxesDeProgres" TYPE character varying(5000);
ALTER TABLE "DialoguePlans" ALTER COLUMN "ActionsPrioritaires" TYPE character varying(5000);
ALTER TABLE "DialogueTransitions" ALTER COLUMN "Par" TYPE character varying(200);
ALTER TABLE "DialogueTransitions" ALTER COLUMN "Commentaire" TYPE character varying(1000);
ALTER TABLE "DialogueValidations" ALTER COLUMN "Par" TYPE character varying(200);
ALTER TABLE "Conventions" ALTER COLUMN "Numero" TYPE character varying(50);
ALTER TABLE "Conventions" ALTER COLUMN "Siret" TYPE character varying(14);
ALTER TABLE "Conventions" ALTER COLUMN "CodeApe" TYPE character varying(10);
ALTER TABLE "Conventions" ALTER COLUMN "StatutJuridique" TYPE character varying(100);
ALTER TABLE "DecisionsFinancement" ALTER COLUMN "Par" TYPE character varying(200);
ALTER TABLE "DecisionsFinancement" ALTER COLUMN "Motif" TYPE character varying(1000);
ALTER TABLE "Dialogues" ADD "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "Dialogues" ADD "ModifiePar" character varying(200) NULL;
ALTER TABLE "Dialogues" ADD "ModifieLe" timestamp with time zone NULL;
CREATE TABLE "JeunesEffaces" (
    "StructureCode" text NOT NULL,
    "Empreinte" character varying(64) NOT NULL,
    "Le" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_JeunesEffaces" PRIMARY KEY ("StructureCode", "Empreinte"),
    CONSTRAINT "FK_JeunesEffaces_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
