-- Step 5: re-import merge (event identity and origin), optimistic concurrency (versions), identifiers allocated
-- without races, anonymisation (retention, erasure) and its traces. SQLite keeps TEXT for sized texts.
ALTER TABLE "Structures" ADD COLUMN "DernierNumeroJeune" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Jeunes" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Jeunes" ADD COLUMN "AnonymiseLe" TEXT NULL;
ALTER TABLE "Contacts" ADD COLUMN "Ref" TEXT NULL;
ALTER TABLE "Contacts" ADD COLUMN "Origine" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Contacts" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Orientations" ADD COLUMN "Ref" TEXT NULL;
ALTER TABLE "Orientations" ADD COLUMN "Origine" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Orientations" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Parcours" ADD COLUMN "Ref" TEXT NULL;
ALTER TABLE "Parcours" ADD COLUMN "Origine" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Parcours" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Propositions" ADD COLUMN "Ref" TEXT NULL;
ALTER TABLE "Propositions" ADD COLUMN "Origine" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Propositions" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Situations" ADD COLUMN "Ref" TEXT NULL;
ALTER TABLE "Situations" ADD COLUMN "Origine" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Situations" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Droits" ADD COLUMN "Ref" TEXT NULL;
ALTER TABLE "Droits" ADD COLUMN "Origine" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Droits" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Parrainages" ADD COLUMN "Ref" TEXT NULL;
ALTER TABLE "Parrainages" ADD COLUMN "Origine" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Parrainages" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Dialogues" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Dialogues" ADD COLUMN "ModifiePar" TEXT NULL;
ALTER TABLE "Dialogues" ADD COLUMN "ModifieLe" TEXT NULL;
CREATE TABLE "JeunesEffaces" (
    "StructureCode" TEXT NOT NULL,
    "Empreinte" TEXT NOT NULL,
    "Le" TEXT NOT NULL,
    CONSTRAINT "PK_JeunesEffaces" PRIMARY KEY ("StructureCode", "Empreinte"),
    CONSTRAINT "FK_JeunesEffaces_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
