namespace Jalon.Domain.Alerts;

/// <summary>The kinds of alert a counsellor sees on their portfolio, most urgent first.</summary>
public enum AlertKind : byte
{
    /// <summary>NEET at entry in a path for 4 months without any job, training, apprenticeship or internship (Garantie européenne pour la jeunesse).</summary>
    NeetSansSolution,

    /// <summary>An open séquence de consolidation has reached its 4 months.</summary>
    ConsolidationQuatreMois,

    /// <summary>No proposal for more than 3 months while not in a job or a training.</summary>
    SansProposition,

    /// <summary>No entretien for 5 months: the young person drops out of the JDI.</summary>
    SansEntretien,

    /// <summary>26th birthday within 3 months: the end of the Missions Locales' public.</summary>
    VingtSixAns,

    /// <summary>An open CEJ has reached its maximum length in all (18 months, docs/dispositifs.md).</summary>
    CejDureeMaximale,

    /// <summary>A young person in a CEJ whose last complete week is under the weekly minimum (docs/cej.md).</summary>
    SemaineCejSousMinimum,
}

/// <summary>One alert on a young person: its kind, the day it started to apply and a French message.</summary>
public readonly record struct Alert(AlertKind Kind, DateOnly Depuis, string Message)
{
    public string Libelle => Kind.Libelle();
}

/// <summary>
/// The portfolio alerts: pure rules over one journey and a "today" (Europe/Paris). Month windows use calendar
/// months (AddMonths) as the indicators do (docs/spec/indicateurs-cpo-2015.md, Conventions).
/// </summary>
public static class PortfolioAlerts
{
    /// <summary>A young person is followed when they have an actualité within the last 12 months or a path active today.</summary>
    public const int FollowedMonths = 12;

    public static string Libelle(this AlertKind kind) => kind switch
    {
        AlertKind.NeetSansSolution => "NEET sans solution depuis 4 mois",
        AlertKind.ConsolidationQuatreMois => "Consolidation : 4 mois atteints",
        AlertKind.SansProposition => "Aucune proposition depuis 3 mois",
        AlertKind.SansEntretien => "Aucun entretien depuis 5 mois",
        AlertKind.VingtSixAns => "26 ans dans moins de 3 mois",
        AlertKind.CejDureeMaximale => "CEJ : durée maximale atteinte",
        AlertKind.SemaineCejSousMinimum => "CEJ : semaine sous le minimum d'heures",
        _ => kind.ToString(),
    };

    /// <summary>All alerts of a journey on <paramref name="today"/>, most urgent kind first.</summary>
    public static List<Alert> For(in JeuneJourney journey, DateOnly today)
    {
        var alerts = new List<Alert>(2);
        if (NeetSansSolution(journey, today) is { } a) alerts.Add(a);
        if (ConsolidationQuatreMois(journey, today) is { } b) alerts.Add(b);
        if (SansProposition(journey, today) is { } c) alerts.Add(c);
        if (SansEntretien(journey, today) is { } d) alerts.Add(d);
        if (VingtSixAns(journey.Jeune, today) is { } e) alerts.Add(e);
        if (CejDureeMaximale(journey, today) is { } f) alerts.Add(f);
        return alerts;
    }

    /// <summary>
    /// Followed on <paramref name="today"/>: premier accueil or any other actualité in the last 12 months
    /// (today − 12 months &lt; date ≤ today), or a path active today. Older files raise no alert.
    /// </summary>
    public static bool IsFollowed(in JeuneJourney journey, DateOnly today)
    {
        var since = today.AddMonths(-FollowedMonths);
        bool Recent(DateOnly d) => since < d && d <= today;
        bool RecentInterval(DateOnly debut, DateOnly? fin) => Recent(debut) || (fin is { } f && Recent(f)) || new DateInterval(debut, fin).IsActiveOn(today);
        if (Recent(journey.Jeune.PremierAccueil)) return true;
        foreach (var c in journey.Contacts) if (Recent(c.Date)) return true;
        foreach (var o in journey.Orientations) if (Recent(o.Date)) return true;
        foreach (var p in journey.Propositions) if (Recent(p.Date)) return true;
        foreach (var d in journey.Droits) if (Recent(d.Date)) return true;
        foreach (var p in journey.Parcours) if (RecentInterval(p.Debut, p.Fin)) return true;
        foreach (var s in journey.Situations) if (RecentInterval(s.Debut, s.Fin)) return true;
        foreach (var p in journey.Parrainages) if (RecentInterval(p.Debut, p.Fin)) return true;
        return false;
    }

    /// <summary>
    /// A path active today, entered NEET, begun at least 4 months ago (debut + 4 months ≤ today), during which
    /// no job (emploi family, apprenticeship included), training (formation family) or internship (immersion family)
    /// has been active between its debut and today. The oldest such path gives the date.
    /// </summary>
    public static Alert? NeetSansSolution(in JeuneJourney journey, DateOnly today)
    {
        DateOnly? since = null;
        foreach (var p in journey.Parcours)
        {
            if (!p.Neet || !p.Interval.IsActiveOn(today)) continue;
            var deadline = p.Debut.AddMonths(4);
            if (deadline > today) continue;
            var solution = false;
            foreach (var s in journey.Situations)
            {
                if ((s.Type.IsEmploi() || s.Type.IsFormation() || s.Type.IsImmersion()) && s.Interval.Overlaps(p.Debut, today))
                {
                    solution = true;
                    break;
                }
            }
            if (!solution && (since is null || deadline < since)) since = deadline;
        }
        return since is { } d
            ? new Alert(AlertKind.NeetSansSolution, d, $"Entré(e) NEET en parcours il y a plus de 4 mois, sans emploi, formation, apprentissage ni stage depuis : une solution est à proposer (Garantie européenne pour la jeunesse).")
            : null;
    }

    /// <summary>An open séquence de consolidation (active today) whose debut + 4 months ≤ today.</summary>
    public static Alert? ConsolidationQuatreMois(in JeuneJourney journey, DateOnly today)
    {
        foreach (var p in journey.Parcours)
        {
            if (p.Dispositif != Dispositif.Consolidation || !p.Interval.IsActiveOn(today)) continue;
            var mois = Qualite.JourneyChecks.ConsolidationMaxMois(p.Debut);
            var deadline = p.Debut.AddMonths(mois);
            if (deadline <= today)
                return new Alert(AlertKind.ConsolidationQuatreMois, deadline, $"La séquence de consolidation commencée le {p.Debut:dd/MM/yyyy} a atteint {mois} mois le {deadline:dd/MM/yyyy} : elle doit être close.");
        }
        return null;
    }

    /// <summary>An open CEJ (active today) whose debut + its maximum length in all (18 months, from the rule set) ≤ today.</summary>
    public static Alert? CejDureeMaximale(in JeuneJourney journey, DateOnly today)
    {
        foreach (var p in journey.Parcours)
        {
            if (p.Dispositif != Dispositif.Cej || !p.Interval.IsActiveOn(today)) continue;
            if (Qualite.JourneyChecks.FinMaximale(p.Dispositif, p.Debut, journey.Jeune.Naissance) is { } deadline && deadline <= today)
                return new Alert(AlertKind.CejDureeMaximale, deadline, $"Le CEJ signé le {p.Debut:dd/MM/yyyy} a atteint sa durée maximale le {deadline:dd/MM/yyyy} : il doit être clos (sortie à enregistrer).");
        }
        return null;
    }

    /// <summary>
    /// No emploi- or formation-family situation active today, and the latest proposition — or the premier accueil
    /// when later or when there is none — is at least 3 months old (its date ≤ today − 3 months).
    /// </summary>
    public static Alert? SansProposition(in JeuneJourney journey, DateOnly today)
    {
        foreach (var s in journey.Situations)
        {
            if (s.Type.IsEmploiOrFormation() && s.Interval.IsActiveOn(today)) return null;
        }
        DateOnly? last = null;
        foreach (var p in journey.Propositions)
        {
            if (p.Date <= today && (last is null || p.Date > last)) last = p.Date;
        }
        var reference = last is { } l && l > journey.Jeune.PremierAccueil ? l : journey.Jeune.PremierAccueil;
        var threshold = reference.AddMonths(3);
        if (threshold > today) return null;
        var message = last is { } lp
            ? $"Dernière proposition le {lp:dd/MM/yyyy}, ni emploi ni formation en cours."
            : $"Aucune proposition depuis le premier accueil du {journey.Jeune.PremierAccueil:dd/MM/yyyy}, ni emploi ni formation en cours.";
        return new Alert(AlertKind.SansProposition, threshold, message);
    }

    /// <summary>
    /// The latest entretien (a contact in mode ENTRETIEN, or the premier accueil itself, as for the JDI) is on or
    /// before today − 5 months: the young person is no longer "en demande d'insertion".
    /// </summary>
    public static Alert? SansEntretien(in JeuneJourney journey, DateOnly today)
    {
        var last = journey.Jeune.PremierAccueil;
        foreach (var c in journey.Contacts)
        {
            if (c.Mode == ModeContact.Entretien && c.Date <= today && c.Date > last) last = c.Date;
        }
        var threshold = last.AddMonths(5);
        return threshold <= today
            ? new Alert(AlertKind.SansEntretien, threshold, $"Dernier entretien le {last:dd/MM/yyyy} : le jeune ne compte plus parmi les jeunes en demande d'insertion (JDI).")
            : null;
    }

    /// <summary>The 26th birthday falls after today and no later than today + 3 months.</summary>
    public static Alert? VingtSixAns(Jeune jeune, DateOnly today)
    {
        var birthday = jeune.Naissance.AddYears(26);
        return birthday > today && birthday <= today.AddMonths(3)
            ? new Alert(AlertKind.VingtSixAns, birthday.AddMonths(-3), $"Aura 26 ans le {birthday:dd/MM/yyyy} : préparer la sortie ou le relais vers le droit commun.")
            : null;
    }
}
