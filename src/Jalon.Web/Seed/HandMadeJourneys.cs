using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;

namespace Jalon.Web.Seed;

/// <summary>
/// Plausible journeys of young people of the Drôme, dated around today so that the portfolio shows live alerts.
/// Deterministic for a seed.
/// </summary>
public static class HandMadeJourneys
{
    private static readonly string[] PrenomsF = ["Léa", "Chloé", "Manon", "Inès", "Camille", "Sarah", "Emma", "Jade", "Lina", "Océane", "Mélissa", "Yasmine", "Laura", "Clara", "Anaïs", "Pauline", "Maëlys", "Lou", "Aïcha", "Justine"];
    private static readonly string[] PrenomsH = ["Thomas", "Lucas", "Hugo", "Enzo", "Nathan", "Mehdi", "Théo", "Kevin", "Maxime", "Yanis", "Dylan", "Romain", "Alexis", "Bilal", "Quentin", "Mathis", "Adrien", "Samuel", "Rayan", "Florian"];
    private static readonly string[] Noms = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Benali", "Haddad", "Nguyen", "Da Silva", "Ferreira", "Chabert", "Reynaud", "Faure", "Brun", "Chapuis"];

    /// <summary>Communes of the Drôme and the Isère around Romans: INSEE code, QPV and ZRR likelihood.</summary>
    private static readonly (string Code, bool QpvPossible, bool Zrr)[] Communes =
    [
        ("26281", true, false), // Romans-sur-Isère
        ("26057", true, false), // Bourg-de-Péage
        ("26362", true, false), // Valence
        ("26084", false, false), // Chatuzange-le-Goubet
        ("26325", false, false), // Saint-Paul-lès-Romans
        ("26313", false, true), // Saint-Jean-en-Royans
        ("26307", false, false), // Saint-Donat-sur-l'Herbasse
        ("26144", false, false), // Hauterives
        ("26301", false, false), // Saint-Barthélemy-de-Vals
        ("26179", false, false), // Mours-Saint-Eusèbe
        ("38563", false, true), // Saint-Marcellin
    ];

    public static void Add(JalonDbContext db, string structure, string prefix, IReadOnlyList<int> conseillers, DateOnly today, int count, int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var id = $"{prefix}{i + 1:000000}";
            var sexe = rng.Next(2) == 0 ? Sexe.F : Sexe.H;
            var prenom = sexe == Sexe.F ? PrenomsF[rng.Next(PrenomsF.Length)] : PrenomsH[rng.Next(PrenomsH.Length)];
            var nom = Noms[rng.Next(Noms.Length)];
            // First reception spread over the last 30 months, more recent ones more frequent.
            var accueil = today.AddDays(-(int)(Math.Pow(rng.NextDouble(), 1.6) * 900));
            var age = 16 + rng.Next(10);
            var naissance = accueil.AddYears(-age).AddDays(-rng.Next(365));
            var commune = Communes[rng.Next(Communes.Length)];
            var niveau = (Niveau)Math.Min(6, (int)(rng.NextDouble() * rng.NextDouble() * 7));
            db.Jeunes.Add(new JeuneEntity
            {
                StructureCode = structure, JeuneId = id, Nom = nom, Prenom = prenom, Naissance = naissance, Sexe = sexe,
                Niveau = niveau, Diplome = niveau >= Niveau.IV || rng.Next(3) == 0, Commune = commune.Code,
                Qpv = commune.QpvPossible && rng.Next(3) == 0, Zrr = commune.Zrr, PremierAccueil = accueil,
                ConseillerId = conseillers[rng.Next(conseillers.Count)],
                Telephone = $"06 {rng.Next(10, 99)} {rng.Next(10, 99)} {rng.Next(10, 99)} {rng.Next(10, 99)}",
            });
            Journey(db, structure, id, accueil, today, rng);
        }
    }

    private static void Journey(JalonDbContext db, string s, string j, DateOnly accueil, DateOnly today, Random rng)
    {
        DateOnly Clamp(DateOnly d) => d > today ? today : d;
        var day = accueil;
        db.Contacts.Add(new ContactEntity { StructureCode = s, JeuneId = j, Date = accueil, Mode = ModeContact.Entretien, Commentaire = "Premier accueil : présentation de l'offre de service." });
        // An active young person keeps meeting the structure; some stop coming.
        var stopsAfter = rng.Next(4) == 0 ? rng.Next(30, 200) : int.MaxValue;
        var diagnostic = rng.Next(10) < 7;
        if (diagnostic)
        {
            day = Clamp(accueil.AddDays(rng.Next(3, 30)));
            var contact = new ContactEntity { StructureCode = s, JeuneId = j, Date = day, Mode = ModeContact.Entretien, Diagnostic = true };
            foreach (var domaine in Enum.GetValues<DomaineDiagnostic>())
            {
                contact.DiagnosticDomaines.Add(new DiagnosticDomaineEntity { StructureCode = s, Domaine = domaine, Appreciation = (AppreciationDiagnostic)rng.Next(4) });
            }
            db.Contacts.Add(contact);
        }
        // Contractualised path for most of those diagnosed.
        if (diagnostic && rng.Next(10) < 7)
        {
            var dispositif = rng.Next(10) switch { < 4 => Dispositif.Civis, < 6 => Dispositif.GarantieJeunes, < 7 => Dispositif.Ppae, < 8 => Dispositif.Consolidation, < 9 => Dispositif.Regional, _ => Dispositif.Local };
            var debut = Clamp(day.AddDays(rng.Next(1, 40)));
            var length = dispositif == Dispositif.Consolidation ? rng.Next(60, 135) : rng.Next(120, 700);
            DateOnly? fin = debut.AddDays(length) < today ? debut.AddDays(length) : null;
            db.Parcours.Add(new ParcoursEntity
            {
                StructureCode = s, JeuneId = j, Dispositif = dispositif, Debut = debut, Fin = fin, Neet = rng.Next(10) < 8,
                MotifFin = fin is null ? null : (MotifFin)rng.Next(7),
            });
            day = debut;
        }
        // Contacts, proposals and situations along the way.
        var cursor = accueil;
        var end = accueil.AddDays(Math.Min(stopsAfter, today.DayNumber - accueil.DayNumber));
        while (true)
        {
            cursor = cursor.AddDays(rng.Next(12, 75));
            if (cursor > end) break;
            var mode = rng.Next(10) switch { < 5 => ModeContact.Entretien, < 6 => ModeContact.Atelier, < 8 => ModeContact.Telephone, < 9 => ModeContact.Sms, _ => ModeContact.Courriel };
            db.Contacts.Add(new ContactEntity { StructureCode = s, JeuneId = j, Date = cursor, Mode = mode });
            var roll = rng.Next(10);
            if (roll < 4)
            {
                db.Propositions.Add(new PropositionEntity { StructureCode = s, JeuneId = j, Date = cursor, Theme = (Theme)(rng.Next(3) == 0 ? rng.Next(9) : rng.Next(3)) });
            }
            else if (roll == 4)
            {
                var type = (TypeSituation)rng.Next(15);
                var length = type is TypeSituation.Pmsmp or TypeSituation.Stage ? rng.Next(5, 30) : rng.Next(20, 400);
                DateOnly? fin = type == TypeSituation.Cdi ? null : cursor.AddDays(length);
                if (fin > today) fin = null;
                db.Situations.Add(new SituationEntity
                {
                    StructureCode = s, JeuneId = j, Type = type, Debut = cursor, Fin = fin,
                    DureePrevueJours = type is TypeSituation.Cdd or TypeSituation.Interim ? length : null,
                });
            }
            else if (roll == 5 && rng.Next(3) == 0)
            {
                db.Droits.Add(new DroitEntity { StructureCode = s, JeuneId = j, Date = cursor, Domaine = (DomaineDroit)rng.Next(6) });
            }
            else if (roll == 6 && rng.Next(4) == 0)
            {
                db.Orientations.Add(new OrientationEntity { StructureCode = s, JeuneId = j, Date = cursor, Operateur = (Operateur)rng.Next(10) });
            }
        }
        if (rng.Next(15) == 0)
        {
            var debut = Clamp(accueil.AddDays(rng.Next(10, 90)));
            db.Parrainages.Add(new ParrainageEntity { StructureCode = s, JeuneId = j, Debut = debut, Fin = debut.AddDays(180) < today ? debut.AddDays(180) : null });
        }
    }
}
