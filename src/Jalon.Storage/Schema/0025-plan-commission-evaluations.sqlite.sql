-- Step 25: a plan's follow-up commission (meetings: date, participants, actions reviewed with their status, decisions) and its
-- evaluations (18 months, 3 years, dated), signed by the director and then frozen with their report as signed (docs/plans.md).
CREATE TABLE "PlanReunions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanReunions" PRIMARY KEY,
    "StructureCode" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Participants" TEXT NOT NULL,
    "ActionsRevues" TEXT NOT NULL,
    "Decisions" TEXT NOT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    "ModifiePar" TEXT NULL,
    "ModifieLe" TEXT NULL,
    CONSTRAINT "FK_PlanReunions_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "PlanEvaluations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanEvaluations" PRIMARY KEY,
    "StructureCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Nature" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Appreciation" TEXT NOT NULL,
    "SigneePar" TEXT NULL,
    "SigneeLe" TEXT NULL,
    "Rapport" TEXT NULL,
    "Version" INTEGER NOT NULL DEFAULT 0,
    "ModifiePar" TEXT NULL,
    "ModifieLe" TEXT NULL,
    CONSTRAINT "FK_PlanEvaluations_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_PlanReunions_PlanId" ON "PlanReunions" ("PlanId");
CREATE INDEX "IX_PlanReunions_StructureCode_PlanId" ON "PlanReunions" ("StructureCode", "PlanId");
CREATE INDEX "IX_PlanEvaluations_PlanId" ON "PlanEvaluations" ("PlanId");
CREATE INDEX "IX_PlanEvaluations_StructureCode_PlanId" ON "PlanEvaluations" ("StructureCode", "PlanId");
