-- Step 20: the dialogue's plan d'action becomes a plan of the plans' model (docs/pilotage.md), and the relevé de conclusions.
-- Each dialogue whose priority actions were free text gets its plan (id: the dialogue's; one general objective per theme
-- of fiche n°1, code « 1 » to « 5 »), each non-empty row one action sheet under its theme (title: the text; a text over
-- the 1000 characters of a title is cut there and kept whole in « moyens »). Derived ids: the dialogue's id with its last
-- two hex digits replaced by « 0n » (objective of theme n) or « An » (action of theme n).
INSERT INTO "Plans" ("Id", "StructureCode", "RegionCode", "Type", "Titre", "AnneeDebut", "AnneeFin", "Statut", "Version", "ModifiePar", "ModifieLe")
SELECT d."Id", d."StructureCode", d."Region", 'PlanActionDialogue', 'Plan d''action du dialogue de gestion ' || d."Annee", d."Annee", d."Annee", 'EnCours', 0, NULL, NULL
FROM "Dialogues" d
WHERE EXISTS (SELECT 1 FROM "DialoguePlans" p WHERE p."DialogueId" = d."Id" AND trim(p."ActionsPrioritaires") <> '');

WITH t(n, theme, libelle) AS (VALUES
    (1, 'Contexte', 'Analyse et partage du contexte'),
    (2, 'Parcours', 'Parcours d''accompagnement vers et dans l''emploi, dont l''accès des jeunes à l''autonomie et au droit commun'),
    (3, 'Employeurs', 'Offre de service aux employeurs'),
    (4, 'IngenierieProjets', 'Ingénierie de projets'),
    (5, 'DynamiqueGlobale', 'Mesure de la dynamique globale, adéquation des ressources'))
INSERT INTO "PlanObjectifs" ("Id", "StructureCode", "RegionCode", "PlanId", "Ordre", "ParentId", "Code", "Libelle", "ObjectifRegionalId")
SELECT (left(d."Id"::text, 34) || '0' || t.n)::uuid, d."StructureCode", d."Region", d."Id", t.n - 1, NULL, t.n::text, t.libelle, NULL
FROM "Dialogues" d JOIN "Plans" p ON p."Id" = d."Id" CROSS JOIN t;

WITH t(n, theme) AS (VALUES (1, 'Contexte'), (2, 'Parcours'), (3, 'Employeurs'), (4, 'IngenierieProjets'), (5, 'DynamiqueGlobale'))
INSERT INTO "PlanActions" ("Id", "StructureCode", "RegionCode", "PlanId", "Ordre", "ObjectifId", "Titre", "PiloteId", "PiloteNom",
    "Partenaires", "PublicCible", "Moyens", "Echeance", "Jalons")
SELECT (left(d."Id"::text, 34) || 'a' || t.n)::uuid, d."StructureCode", d."Region", d."Id", t.n - 1, (left(d."Id"::text, 34) || '0' || t.n)::uuid,
    CASE WHEN length(trim(l."ActionsPrioritaires")) <= 1000 THEN trim(l."ActionsPrioritaires") ELSE substr(trim(l."ActionsPrioritaires"), 1, 999) || '…' END,
    NULL, NULL, '', '',
    CASE WHEN length(trim(l."ActionsPrioritaires")) <= 1000 THEN '' ELSE trim(l."ActionsPrioritaires") END,
    NULL, '[]'
FROM "DialoguePlans" l JOIN "Dialogues" d ON d."Id" = l."DialogueId" JOIN t ON t.theme = l."Theme"
WHERE trim(l."ActionsPrioritaires") <> '';

ALTER TABLE "DialoguePlans" DROP COLUMN "ActionsPrioritaires";

CREATE TABLE "DialogueReleves" (
    "DialogueId" uuid NOT NULL,
    "StructureCode" text NOT NULL,
    "Region" text NOT NULL,
    "Conclusions" character varying(10000) NOT NULL,
    "EngagementsMissionLocale" character varying(10000) NOT NULL,
    "EngagementsEtat" character varying(10000) NOT NULL,
    "ValideMissionLocalePar" character varying(200),
    "ValideMissionLocaleLe" timestamp with time zone,
    "ValideEtatPar" character varying(200),
    "ValideEtatLe" timestamp with time zone,
    "Version" integer NOT NULL DEFAULT 0,
    "ModifiePar" character varying(200),
    "ModifieLe" timestamp with time zone,
    CONSTRAINT "PK_DialogueReleves" PRIMARY KEY ("DialogueId"),
    CONSTRAINT "FK_DialogueReleves_Dialogues_DialogueId" FOREIGN KEY ("DialogueId") REFERENCES "Dialogues" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_DialogueReleves_StructureCode" ON "DialogueReleves" ("StructureCode");
