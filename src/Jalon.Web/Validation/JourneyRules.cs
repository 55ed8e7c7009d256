using Jalon.Domain;
using Jalon.Domain.Qualite;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;

namespace Jalon.Web.Validation;

/// <summary>
/// The rules of the exchange format (docs/spec/format-echange.md, « Errors and anomalies ») as the forms apply
/// them: errors block the save with a message saying what to fix; anomalies are saved and shown as warnings.
/// </summary>
public static class JourneyRules
{
    public const string FinAvantDebut = "La date de fin doit être égale ou postérieure à la date de début.";
    public const string DiagnosticSansEntretien = "Le diagnostic approfondi ne peut être coché que pour un entretien individuel : choisissez le mode « Entretien individuel » ou décochez le diagnostic.";
    public const string MotifSansFin = "Un motif de fin ne peut être saisi qu'avec une date de fin : saisissez la date de fin ou retirez le motif.";

    /// <summary>The French message of the CEJ entry age rule (<see cref="JourneyChecks.CejAgeHorsTranche"/>), with or without an RQTH.</summary>
    public static string CejAgeHorsTranche(DateOnly debut, int age, int ageMax, bool rqth) => rqth
        ? $"Âge à l'entrée en CEJ ({Libelles.Date(debut)}) : {age} ans, hors de la tranche 16–{ageMax} ans avec une RQTH."
        : $"Âge à l'entrée en CEJ ({Libelles.Date(debut)}) : {age} ans, hors de la tranche 16–{ageMax} ans (jusqu'à 29 ans avec une RQTH : cochez « RQTH » si le jeune en a une).";

    /// <summary>Anomalies of a whole file, in French, one per problem; every rule is the domain's (<see cref="JourneyChecks"/>).</summary>
    public static List<string> Anomalies(JourneyData data)
    {
        var list = new List<string>();
        var jeune = data.Jeune;
        if (JourneyChecks.AgeHorsTranche(jeune.Naissance, jeune.PremierAccueil, out var age))
            list.Add($"Âge au premier accueil ({Libelles.Date(jeune.PremierAccueil)}) : {age} ans, hors de la tranche 16–25 ans.");

        void Before(DateOnly date, string what)
        {
            var anteriorite = JourneyChecks.Anteriorite(date, jeune.Naissance, jeune.PremierAccueil);
            if (anteriorite == DateAnterieure.AvantNaissance) list.Add($"{what} daté(e) du {Libelles.Date(date)}, avant la date de naissance.");
            else if (anteriorite == DateAnterieure.AvantPremierAccueil) list.Add($"{what} daté(e) du {Libelles.Date(date)}, avant le premier accueil du {Libelles.Date(jeune.PremierAccueil)}.");
        }
        foreach (var c in data.Contacts) Before(c.Date, Libelles.Of(c.Mode));
        foreach (var o in data.Orientations) Before(o.Date, "Orientation");
        foreach (var p in data.Propositions) Before(p.Date, "Proposition");
        foreach (var d in data.Droits) Before(d.Date, "Accès au droit commun");
        foreach (var p in data.Parcours)
        {
            Before(p.Debut, $"Entrée en {Libelles.Of(p.Dispositif)}");
            if (p.Fin is { } f) Before(f, $"Sortie de {Libelles.Of(p.Dispositif)}");
        }
        foreach (var s in data.Situations)
        {
            Before(s.Debut, $"Début de {Libelles.Of(s.Type)}");
            if (s.Fin is { } f) Before(f, $"Fin de {Libelles.Of(s.Type)}");
        }
        foreach (var p in data.Parrainages) Before(p.Debut, "Parrainage");

        foreach (var p in data.Parcours)
        {
            if (JourneyChecks.ConsolidationTropLongue(p.Dispositif, p.Debut, p.Fin) && p.Fin is { } fin)
                list.Add($"La séquence de consolidation du {Libelles.Date(p.Debut)} au {Libelles.Date(fin)} dure plus de 4 mois.");
        }
        foreach (var p in data.Parcours)
        {
            if (p.Dispositif is Dispositif.Cej or Dispositif.Pacea && JourneyChecks.DureeDepassee(p.Dispositif, p.Debut, p.Fin, out var maxMois) && p.Fin is { } fin)
                list.Add($"Le {Libelles.Of(p.Dispositif)} du {Libelles.Date(p.Debut)} au {Libelles.Date(fin)} dure plus de {maxMois} mois, sa durée maximale au total.");
            if (p.Dispositif == Dispositif.Cej && JourneyChecks.CejAgeHorsTranche(jeune.Naissance, p.Debut, p.Rqth == true, out var ageCej, out var ageMax))
                list.Add(CejAgeHorsTranche(p.Debut, ageCej, ageMax, p.Rqth == true));
            if (p.Dispositif == Dispositif.Pacea && JourneyChecks.PaceaSignatureHorsDelai(p.Debut, data.Contacts.Where(c => c.Diagnostic).Select(c => c.Date), out var diagnostic))
                list.Add(diagnostic is { } d
                    ? $"PACEA signé le {Libelles.Date(p.Debut)}, plus d'un mois après le diagnostic approfondi du {Libelles.Date(d)}."
                    : $"PACEA signé le {Libelles.Date(p.Debut)} sans diagnostic approfondi enregistré dans le mois qui précède.");
        }
        var cej = data.Parcours.Where(p => p.Dispositif == Dispositif.Cej).OrderBy(p => p.Debut).ToList();
        for (var i = 1; i < cej.Count; i++)
        {
            if (!cej[i - 1].Interval().Overlaps(cej[i].Interval()) && JourneyChecks.CejDelaiNonRespecte(cej[i - 1].Debut, cej[i - 1].Fin, cej[i].Debut, out var possible))
                list.Add($"Le CEJ du {Libelles.Date(cej[i].Debut)} commence moins de 6 mois après la fin du précédent (possible à partir du {Libelles.Date(possible)}, sauf réduction du délai).");
        }
        var national = data.Parcours.Where(p => p.Dispositif.IsNational()).OrderBy(p => p.Debut).ToList();
        for (var i = 0; i < national.Count; i++)
        {
            for (var k = i + 1; k < national.Count; k++)
            {
                var a = national[i];
                var b = national[k];
                if (JourneyChecks.NationauxChevauchants(a.Dispositif, new DateInterval(a.Debut, a.Fin), b.Dispositif, new DateInterval(b.Debut, b.Fin)))
                    list.Add($"Deux parcours nationaux se chevauchent : {Libelles.Of(a.Dispositif)} (depuis le {Libelles.Date(a.Debut)}) et {Libelles.Of(b.Dispositif)} (depuis le {Libelles.Date(b.Debut)}).");
            }
        }
        return list;
    }
}

file static class ParcoursEntityExtensions
{
    public static DateInterval Interval(this ParcoursEntity p) => new(p.Debut, p.Fin);
}
