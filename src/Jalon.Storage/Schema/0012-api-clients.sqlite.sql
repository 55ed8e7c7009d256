CREATE TABLE "ApiClients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiClients" PRIMARY KEY AUTOINCREMENT,
    "ClientId" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "Nom" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "StructureCode" TEXT NULL,
    "RegionCode" TEXT NULL,
    "Scopes" TEXT NOT NULL,
    "CreeLe" TEXT NOT NULL,
    "CreePar" TEXT NOT NULL,
    "RevoqueLe" TEXT NULL
);
CREATE UNIQUE INDEX "IX_ApiClients_ClientId" ON "ApiClients" ("ClientId");
CREATE INDEX "IX_ApiClients_StructureCode" ON "ApiClients" ("StructureCode");
