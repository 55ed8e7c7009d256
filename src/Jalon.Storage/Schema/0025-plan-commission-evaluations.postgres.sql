-- Step 25: a plan's follow-up commission (meetings: date, participants, actions reviewed with their status, decisions) and its
-- evaluations (18 months, 3 years, dated), signed by the director and then frozen with their report as signed (docs/plans.md).
CREATE TABLE "PlanReunions" (
    "Id" uuid NOT NULL,
    "StructureCode" text,
    "RegionCode" text NOT NULL,
    "PlanId" uuid NOT NULL,
    "Date" date NOT NULL,
    "Participants" text NOT NULL,
    "ActionsRevues" text NOT NULL,
    "Decisions" character varying(10000) NOT NULL,
    "Version" integer NOT NULL DEFAULT 0,
    "ModifiePar" character varying(200),
    "ModifieLe" timestamp with time zone,
    CONSTRAINT "PK_PlanReunions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PlanReunions_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "PlanEvaluations" (
    "Id" uuid NOT NULL,
    "StructureCode" text NOT NULL,
    "RegionCode" text NOT NULL,
    "PlanId" uuid NOT NULL,
    "Nature" character varying(20) NOT NULL,
    "Date" date NOT NULL,
    "Appreciation" character varying(10000) NOT NULL,
    "SigneePar" character varying(200),
    "SigneeLe" timestamp with time zone,
    "Rapport" text,
    "Version" integer NOT NULL DEFAULT 0,
    "ModifiePar" character varying(200),
    "ModifieLe" timestamp with time zone,
    CONSTRAINT "PK_PlanEvaluations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PlanEvaluations_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_PlanReunions_PlanId" ON "PlanReunions" ("PlanId");
CREATE INDEX "IX_PlanReunions_StructureCode_PlanId" ON "PlanReunions" ("StructureCode", "PlanId");
CREATE INDEX "IX_PlanEvaluations_PlanId" ON "PlanEvaluations" ("PlanId");
CREATE INDEX "IX_PlanEvaluations_StructureCode_PlanId" ON "PlanEvaluations" ("StructureCode", "PlanId");
