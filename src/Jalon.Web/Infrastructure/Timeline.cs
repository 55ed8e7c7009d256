using Jalon.Domain;

namespace Jalon.Web.Infrastructure;

/// <summary>One dated event of the journey as shown on the timeline.</summary>
public sealed record TimelineItem(DateOnly Date, string Type, string Titre, string? Detail, string? Commentaire, string? EditUrl, int Order);

/// <summary>The whole journey of a young person as a timeline, newest first.</summary>
public static class Timeline
{
    /// <param name="diagnosticDetails">
    /// Whether the reader may see a diagnostic's domains and synthesis (health, housing…): the accompaniment roles only,
    /// not reception; otherwise the diagnostic shows as a dated interview without its content.
    /// </param>
    public static List<TimelineItem> Build(JourneyData d, string baseUrl, bool diagnosticDetails = true)
    {
        var items = new List<TimelineItem>
        {
            new(d.Jeune.PremierAccueil, "Premier accueil", "Premier accueil à la Mission Locale", null, null, $"{baseUrl}/Identite", 0),
        };
        foreach (var c in d.Contacts)
        {
            if (c.Diagnostic && !diagnosticDetails)
            {
                items.Add(new(c.Date, "Diagnostic", "Entretien de diagnostic approfondi", "Contenu réservé aux conseillers et à la direction", null, null, 1));
            }
            else if (c.Diagnostic)
            {
                var freins = c.DiagnosticDomaines.Where(x => x.Appreciation == Storage.Entities.AppreciationDiagnostic.FreinImportant).Select(x => Libelles.Of(x.Domaine)).ToList();
                items.Add(new(c.Date, "Diagnostic", "Entretien de diagnostic approfondi",
                    freins.Count > 0 ? "Freins importants : " + string.Join(", ", freins) : "Neuf domaines passés en revue", c.Commentaire, $"{baseUrl}/Diagnostic/{c.Id}", 1));
            }
            else
            {
                items.Add(new(c.Date, "Contact", Libelles.Of(c.Mode), null, c.Commentaire, $"{baseUrl}/Evenement/contact/{c.Id}", 2));
            }
        }
        foreach (var o in d.Orientations)
            items.Add(new(o.Date, "Orientation", $"Orientation vers {Libelles.Of(o.Operateur)}", null, null, $"{baseUrl}/Evenement/orientation/{o.Id}", 3));
        foreach (var p in d.Parcours)
        {
            var url = $"{baseUrl}/Evenement/parcours/{p.Id}";
            items.Add(new(p.Debut, "Parcours", $"Entrée en {Libelles.Of(p.Dispositif)}", p.Neet ? "NEET à l'entrée" : null, null, url, 4));
            if (p.Fin is { } f)
                items.Add(new(f, "Parcours", $"Sortie de {Libelles.Of(p.Dispositif)}", p.MotifFin is { } m ? "Motif : " + Libelles.Of(m) : null, null, url, 5));
        }
        foreach (var p in d.Propositions)
            items.Add(new(p.Date, "Proposition", $"Proposition : {Libelles.Of(p.Theme)}", null, null, $"{baseUrl}/Evenement/proposition/{p.Id}", 6));
        foreach (var s in d.Situations)
        {
            var url = $"{baseUrl}/Evenement/situation/{s.Id}";
            var detail = Libelles.Famille(s.Type) + (s.DureePrevueJours is { } n ? $" · durée prévue {n} jours" : "");
            items.Add(new(s.Debut, "Situation", $"Début : {Libelles.Of(s.Type)}", detail, null, url, 7));
            if (s.Fin is { } f) items.Add(new(f, "Situation", $"Fin : {Libelles.Of(s.Type)}", null, null, url, 8));
        }
        foreach (var x in d.Droits)
            items.Add(new(x.Date, "Droit commun", $"Accès au droit commun : {Libelles.Of(x.Domaine)}", null, null, $"{baseUrl}/Evenement/droit/{x.Id}", 9));
        foreach (var p in d.Parrainages)
        {
            var url = $"{baseUrl}/Evenement/parrainage/{p.Id}";
            items.Add(new(p.Debut, "Parrainage", "Début du parrainage", null, null, url, 10));
            if (p.Fin is { } f) items.Add(new(f, "Parrainage", "Fin du parrainage", null, null, url, 11));
        }
        return items.OrderByDescending(i => i.Date).ThenByDescending(i => i.Order).ToList();
    }
}
