ALTER TABLE "Immersions" ADD COLUMN "SuiteSituationId" INTEGER NULL CONSTRAINT "FK_Immersions_Situations_SuiteSituationId" REFERENCES "Situations" ("Id") ON DELETE SET NULL;
ALTER TABLE "Immersions" ADD COLUMN "ConventionId" TEXT NULL;

CREATE UNIQUE INDEX "IX_Immersions_SuiteSituationId" ON "Immersions" ("SuiteSituationId");

CREATE UNIQUE INDEX "IX_Immersions_StructureCode_ConventionId" ON "Immersions" ("StructureCode", "ConventionId");
