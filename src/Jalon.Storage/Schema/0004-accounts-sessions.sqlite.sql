ALTER TABLE "Users" ADD COLUMN "MustChangePassword" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Users" ADD COLUMN "Email" TEXT NULL;
ALTER TABLE "Users" ADD COLUMN "ProConnectSubject" TEXT NULL;
CREATE INDEX "IX_Users_Email" ON "Users" ("Email");
CREATE UNIQUE INDEX "IX_Users_ProConnectSubject" ON "Users" ("ProConnectSubject");
CREATE TABLE "Sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Sessions" PRIMARY KEY,
    "UserId" INTEGER NOT NULL,
    "StructureCode" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    CONSTRAINT "FK_Sessions_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_Sessions_StructureCode_UserId" ON "Sessions" ("StructureCode", "UserId");
CREATE INDEX "IX_Sessions_UserId" ON "Sessions" ("UserId");
CREATE TABLE "InstanceSettings" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_InstanceSettings" PRIMARY KEY,
    "StructureCode" TEXT NULL,
    "Value" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);
CREATE INDEX "IX_InstanceSettings_StructureCode" ON "InstanceSettings" ("StructureCode");
