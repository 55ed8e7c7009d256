ALTER TABLE "Users" ADD COLUMN "MustChangePassword" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "Users" ADD COLUMN "Email" character varying(254);
ALTER TABLE "Users" ADD COLUMN "ProConnectSubject" character varying(255);
CREATE INDEX "IX_Users_Email" ON "Users" ("Email");
CREATE UNIQUE INDEX "IX_Users_ProConnectSubject" ON "Users" ("ProConnectSubject");
CREATE TABLE "Sessions" (
    "Id" character varying(64) NOT NULL,
    "UserId" integer NOT NULL,
    "StructureCode" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "Method" character varying(20) NOT NULL,
    CONSTRAINT "PK_Sessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Sessions_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_Sessions_StructureCode_UserId" ON "Sessions" ("StructureCode", "UserId");
CREATE INDEX "IX_Sessions_UserId" ON "Sessions" ("UserId");
CREATE TABLE "InstanceSettings" (
    "Key" character varying(100) NOT NULL,
    "StructureCode" text,
    "Value" text NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_InstanceSettings" PRIMARY KEY ("Key")
);
CREATE INDEX "IX_InstanceSettings_StructureCode" ON "InstanceSettings" ("StructureCode");
