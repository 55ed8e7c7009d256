-- Step 28: the young people each revision of a structure changed (a counsellor's save), so that a tally kept in memory
-- is brought up to date by reading only them again.
CREATE TABLE "RevisionMarks" (
    "StructureCode" text NOT NULL,
    "Revision" bigint NOT NULL,
    "JeuneId" text NOT NULL,
    CONSTRAINT "PK_RevisionMarks" PRIMARY KEY ("StructureCode", "Revision", "JeuneId"),
    CONSTRAINT "FK_RevisionMarks_Structures_StructureCode" FOREIGN KEY ("StructureCode") REFERENCES "Structures" ("StructureCode") ON DELETE CASCADE
);
