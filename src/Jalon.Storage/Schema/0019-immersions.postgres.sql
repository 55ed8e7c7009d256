ALTER TABLE "Immersions" ADD "SuiteSituationId" bigint;
ALTER TABLE "Immersions" ADD "ConventionId" character varying(64);
ALTER TABLE "Immersions" ADD CONSTRAINT "FK_Immersions_Situations_SuiteSituationId" FOREIGN KEY ("SuiteSituationId") REFERENCES "Situations" ("Id") ON DELETE SET NULL;

CREATE UNIQUE INDEX "IX_Immersions_SuiteSituationId" ON "Immersions" ("SuiteSituationId");

CREATE UNIQUE INDEX "IX_Immersions_StructureCode_ConventionId" ON "Immersions" ("StructureCode", "ConventionId");
