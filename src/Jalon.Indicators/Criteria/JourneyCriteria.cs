using System.Runtime.CompilerServices;
using Jalon.Domain;

namespace Jalon.Indicators.Criteria;

/// <summary>How a young person left their national paths in a period (I8.1 and its sub-keys).</summary>
public enum ExitOutcome : byte
{
    /// <summary>No national path ended within the period.</summary>
    None,
    Emploi,
    Formation,
    ServiceCivique,
    Reorientation,
    SansSolution,
}

/// <summary>
/// The criteria of the CPO catalogues: one method per criterion, each the exact reading of the definition in
/// docs/spec/indicateurs-cpo-2015.md. A criterion says whether one young person is counted over a period.
/// Each method is self-contained (a "dont" criterion checks its parent itself), reads only the journey,
/// and allocates nothing: the engine calls them for every young person of a national package.
/// </summary>
public static class JourneyCriteria
{
    // ---------------------------------------------------------------- Accueil

    /// <summary>
    /// I1, in contact: at least one actualité within the period — premier_accueil, a contact, orientation,
    /// proposition or droits row, or the debut or fin of a path, situation or parrainage.
    /// </summary>
    [Criterion("I1")]
    public static bool EnContact(in JeuneJourney j, in Period p)
    {
        if (p.Contains(j.Jeune.PremierAccueil)) return true;
        foreach (ref readonly var c in j.Contacts) if (p.Contains(c.Date)) return true;
        foreach (ref readonly var o in j.Orientations) if (p.Contains(o.Date)) return true;
        foreach (ref readonly var o in j.Propositions) if (p.Contains(o.Date)) return true;
        foreach (ref readonly var d in j.Droits) if (p.Contains(d.Date)) return true;
        foreach (ref readonly var x in j.Parcours) if (p.Contains(x.Debut) || p.Contains(x.Fin)) return true;
        foreach (ref readonly var s in j.Situations) if (p.Contains(s.Debut) || p.Contains(s.Fin)) return true;
        foreach (ref readonly var r in j.Parrainages) if (p.Contains(r.Debut) || p.Contains(r.Fin)) return true;
        return false;
    }

    /// <summary>I2, first received: premier_accueil within the period.</summary>
    [Criterion("I2", Additif = true)]
    public static bool PremierAccueil(in JeuneJourney j, in Period p) => p.Contains(j.Jeune.PremierAccueil);

    /// <summary>I2.1: among I2, a contact with diagnostic = 1 dated from premier_accueil to the period's fin.</summary>
    [Criterion("I2.1")]
    public static bool PremierAccueilAvecDiagnostic(in JeuneJourney j, in Period p)
    {
        if (!PremierAccueil(j, p)) return false;
        var from = j.Jeune.PremierAccueil;
        foreach (ref readonly var c in j.Contacts)
        {
            if (c.Diagnostic && from <= c.Date && c.Date <= p.Fin) return true;
        }
        return false;
    }

    /// <summary>I2.2: among I2, an orientation dated from premier_accueil to the period's fin.</summary>
    [Criterion("I2.2")]
    public static bool PremierAccueilOriente(in JeuneJourney j, in Period p)
    {
        if (!PremierAccueil(j, p)) return false;
        var from = j.Jeune.PremierAccueil;
        foreach (ref readonly var o in j.Orientations)
        {
            if (from <= o.Date && o.Date <= p.Fin) return true;
        }
        return false;
    }

    /// <summary>
    /// I2bis, JDI: at least one entretien on a day d with fin − 5 months &lt; d ≤ fin (calendar months). An entretien
    /// is a contact of mode ENTRETIEN, or the premier_accueil itself.
    /// </summary>
    [Criterion("I2bis")]
    public static bool DemandeurInsertion(in JeuneJourney j, in Period p)
    {
        var after = p.Fin.AddMonths(-5);
        var pa = j.Jeune.PremierAccueil;
        if (after < pa && pa <= p.Fin) return true;
        foreach (ref readonly var c in j.Contacts)
        {
            if (c.Mode == ModeContact.Entretien && after < c.Date && c.Date <= p.Fin) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- Entries (I3)

    /// <summary>I3, entered: a path (any dispositif) with debut within the period.</summary>
    [Criterion("I3")]
    public static bool Entre(in JeuneJourney j, in Period p) => HasEntry(j.Parcours, p, PathKind.Any, neetOnly: false);

    /// <summary>I3, NEET breakdown: at least one path with debut within the period and neet = 1.</summary>
    [Criterion("I3.neet")]
    public static bool EntreNeet(in JeuneJourney j, in Period p) => HasEntry(j.Parcours, p, PathKind.Any, neetOnly: true);

    /// <summary>I3.1: entered a national path (CIVIS, PPAE, GJ, CONSOLIDATION) within the period.</summary>
    [Criterion("I3.1")]
    public static bool EntreNational(in JeuneJourney j, in Period p) => HasEntry(j.Parcours, p, PathKind.National, neetOnly: false);

    /// <summary>I3.1, NEET breakdown: one of those national entries has neet = 1.</summary>
    [Criterion("I3.1.neet")]
    public static bool EntreNationalNeet(in JeuneJourney j, in Period p) => HasEntry(j.Parcours, p, PathKind.National, neetOnly: true);

    /// <summary>
    /// I3.2, "uniquement": entered a regional/local path within the period and entered no national path within
    /// the period (a national path begun before the period does not exclude).
    /// </summary>
    [Criterion("I3.2")]
    public static bool EntreRegionalUniquement(in JeuneJourney j, in Period p) =>
        HasEntry(j.Parcours, p, PathKind.RegionalOrLocal, neetOnly: false) && !HasEntry(j.Parcours, p, PathKind.National, neetOnly: false);

    /// <summary>I3.2, NEET breakdown: among I3.2, one of the regional/local entries within the period has neet = 1.</summary>
    [Criterion("I3.2.neet")]
    public static bool EntreRegionalUniquementNeet(in JeuneJourney j, in Period p) =>
        HasEntry(j.Parcours, p, PathKind.RegionalOrLocal, neetOnly: true) && !HasEntry(j.Parcours, p, PathKind.National, neetOnly: false);

    /// <summary>
    /// Numerator of R6: among I3, a contact with diagnostic = 1 dated on or before the debut of the young person's
    /// first entry within the period (the earliest debut within the period).
    /// </summary>
    [Criterion("R6.numerateur")]
    public static bool EntreApresDiagnostic(in JeuneJourney j, in Period p)
    {
        DateOnly? first = null;
        foreach (ref readonly var x in j.Parcours)
        {
            if (p.Contains(x.Debut) && (first is null || x.Debut < first.Value)) first = x.Debut;
        }
        if (first is not { } limit) return false;
        foreach (ref readonly var c in j.Contacts)
        {
            if (c.Diagnostic && c.Date <= limit) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- Presence (I4)

    /// <summary>I4, present: a path (any) overlapping the period.</summary>
    [Criterion("I4")]
    public static bool Present(in JeuneJourney j, in Period p) => HasPathOverlapping(j.Parcours, p, PathKind.Any);

    /// <summary>I4.1: a national path overlapping the period.</summary>
    [Criterion("I4.1")]
    public static bool PresentNational(in JeuneJourney j, in Period p) => HasPathOverlapping(j.Parcours, p, PathKind.National);

    /// <summary>I4.3: a regional/local path overlapping the period.</summary>
    [Criterion("I4.3")]
    public static bool PresentRegional(in JeuneJourney j, in Period p) => HasPathOverlapping(j.Parcours, p, PathKind.RegionalOrLocal);

    /// <summary>
    /// I4.1.f: among I4.1, started a professional situation (family emploi, immersion or service civique) with
    /// debut within the period and on a day when one of their national paths is active.
    /// </summary>
    [Criterion("I4.1.f")]
    public static bool DemarreSituationProfessionnelle(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.Professional);

    /// <summary>I4.1.f.immersion: as I4.1.f, the situation of the immersion family (PMSMP, STAGE).</summary>
    [Criterion("I4.1.f.immersion")]
    public static bool DemarreImmersion(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.Immersion);

    /// <summary>I4.1.f.emploi: as I4.1.f, the situation of the emploi family.</summary>
    [Criterion("I4.1.f.emploi")]
    public static bool DemarreEmploi(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.Emploi);

    /// <summary>I4.1.f.alternance: as I4.1.f, the situation APPRENTISSAGE or CONTRAT_PRO.</summary>
    [Criterion("I4.1.f.alternance")]
    public static bool DemarreAlternance(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.Alternance);

    /// <summary>I4.1.f.apprentissage: as I4.1.f, the situation APPRENTISSAGE.</summary>
    [Criterion("I4.1.f.apprentissage")]
    public static bool DemarreApprentissage(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.Apprentissage);

    /// <summary>I4.1.f.durable: as I4.1.f, the situation an emploi durable (<see cref="Situation.IsEmploiDurable"/>).</summary>
    [Criterion("I4.1.f.durable")]
    public static bool DemarreEmploiDurable(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.EmploiDurable);

    /// <summary>I4.1.f.service_civique: as I4.1.f, the situation SERVICE_CIVIQUE.</summary>
    [Criterion("I4.1.f.service_civique")]
    public static bool DemarreServiceCivique(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.ServiceCivique);

    /// <summary>I4.1.g: same rule as I4.1.f for the formation family.</summary>
    [Criterion("I4.1.g")]
    public static bool DemarreFormation(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.Formation);

    /// <summary>I4.1.g.1: same rule as I4.1.f for FORMATION_QUALIFIANTE only.</summary>
    [Criterion("I4.1.g.1")]
    public static bool DemarreFormationQualifiante(in JeuneJourney j, in Period p) => StartedDuringNationalPath(j, p, SituationKind.FormationQualifiante);

    /// <summary>I4.1.h: among I4.1, a parrainage overlapping both the period and one of their national paths.</summary>
    [Criterion("I4.1.h")]
    public static bool Parraine(in JeuneJourney j, in Period p)
    {
        if (!PresentNational(j, p)) return false;
        foreach (ref readonly var r in j.Parrainages)
        {
            if (!r.Interval.Overlaps(p.Debut, p.Fin)) continue;
            foreach (ref readonly var x in j.Parcours)
            {
                if (x.Dispositif.IsNational() && r.Interval.Overlaps(x.Interval)) return true;
            }
        }
        return false;
    }

    /// <summary>I4.1.fin: a national path active on the period's fin.</summary>
    [Criterion("I4.1.fin")]
    public static bool EnParcoursNationalEnFin(in JeuneJourney j, in Period p) => HasNationalPathActiveOn(j.Parcours, p.Fin);

    /// <summary>
    /// I4.1.i: among I4.1.fin, no proposition dated d with fin − 3 months &lt; d ≤ fin, and no emploi- or
    /// formation-family situation active on fin.
    /// </summary>
    [Criterion("I4.1.i")]
    public static bool SansPropositionDepuisTroisMois(in JeuneJourney j, in Period p)
    {
        if (!EnParcoursNationalEnFin(j, p)) return false;
        var after = p.Fin.AddMonths(-3);
        foreach (ref readonly var o in j.Propositions)
        {
            if (after < o.Date && o.Date <= p.Fin) return false;
        }
        return !HasSituationActiveOn(j.Situations, p.Fin, SituationKind.EmploiOrFormation);
    }

    /// <summary>I4.2.c4: the first ever national path's debut + 4 months falls within the period.</summary>
    [Criterion("I4.2.c4", Additif = true)]
    public static bool QuatreMoisAccompagnement(in JeuneJourney j, in Period p) => FirstNationalAnniversary(j, p, 4) is not null;

    /// <summary>
    /// I4.2.s4: among I4.2.c4, a situation of family emploi or formation with debut from the first national
    /// debut to that debut + 4 months (both included).
    /// </summary>
    [Criterion("I4.2.s4", Additif = true)]
    public static bool SituationDansLesQuatrePremiersMois(in JeuneJourney j, in Period p) => SituationInFirstMonths(j, p, 4);

    /// <summary>I4.2.c12: the first ever national path's debut + 12 months falls within the period.</summary>
    [Criterion("I4.2.c12", Additif = true)]
    public static bool DouzeMoisAccompagnement(in JeuneJourney j, in Period p) => FirstNationalAnniversary(j, p, 12) is not null;

    /// <summary>I4.2.s12: as I4.2.s4 with 12 months.</summary>
    [Criterion("I4.2.s12", Additif = true)]
    public static bool SituationDansLesDouzePremiersMois(in JeuneJourney j, in Period p) => SituationInFirstMonths(j, p, 12);

    /// <summary>I4.4: among I4, at least one droits row within the period.</summary>
    [Criterion("I4.4")]
    public static bool AccesDroitCommun(in JeuneJourney j, in Period p) => Present(j, p) && HasDroit(j.Droits, p, null);

    /// <summary>I4.4.SANTE: among I4, a droits row of domaine SANTE within the period.</summary>
    [Criterion("I4.4.SANTE")]
    public static bool AccesDroitSante(in JeuneJourney j, in Period p) => Present(j, p) && HasDroit(j.Droits, p, DomaineDroit.Sante);

    /// <summary>I4.4.LOGEMENT: among I4, a droits row of domaine LOGEMENT within the period.</summary>
    [Criterion("I4.4.LOGEMENT")]
    public static bool AccesDroitLogement(in JeuneJourney j, in Period p) => Present(j, p) && HasDroit(j.Droits, p, DomaineDroit.Logement);

    /// <summary>I4.4.MOBILITE: among I4, a droits row of domaine MOBILITE within the period.</summary>
    [Criterion("I4.4.MOBILITE")]
    public static bool AccesDroitMobilite(in JeuneJourney j, in Period p) => Present(j, p) && HasDroit(j.Droits, p, DomaineDroit.Mobilite);

    /// <summary>I4.4.RESSOURCES: among I4, a droits row of domaine RESSOURCES within the period.</summary>
    [Criterion("I4.4.RESSOURCES")]
    public static bool AccesDroitRessources(in JeuneJourney j, in Period p) => Present(j, p) && HasDroit(j.Droits, p, DomaineDroit.Ressources);

    /// <summary>I4.4.LOISIRS_CULTURE: among I4, a droits row of domaine LOISIRS_CULTURE within the period.</summary>
    [Criterion("I4.4.LOISIRS_CULTURE")]
    public static bool AccesDroitLoisirsCulture(in JeuneJourney j, in Period p) => Present(j, p) && HasDroit(j.Droits, p, DomaineDroit.LoisirsCulture);

    /// <summary>I4.4.CITOYENNETE: among I4, a droits row of domaine CITOYENNETE within the period.</summary>
    [Criterion("I4.4.CITOYENNETE")]
    public static bool AccesDroitCitoyennete(in JeuneJourney j, in Period p) => Present(j, p) && HasDroit(j.Droits, p, DomaineDroit.Citoyennete);

    // ---------------------------------------------------------------- In employment or training (I6)

    /// <summary>I6: among I4, an emploi- or formation-family situation and a path (any) both active on some same day within the period.</summary>
    [Criterion("I6")]
    public static bool DansEmploiOuFormation(in JeuneJourney j, in Period p) => ActiveTogether(j, p, PathKind.Any, SituationKind.EmploiOrFormation);

    /// <summary>I6.1: as I6 with a national path.</summary>
    [Criterion("I6.1")]
    public static bool DansEmploiOuFormationNational(in JeuneJourney j, in Period p) => ActiveTogether(j, p, PathKind.National, SituationKind.EmploiOrFormation);

    /// <summary>I6.1.formation: as I6.1, the situation of the formation family.</summary>
    [Criterion("I6.1.formation")]
    public static bool DansFormationNational(in JeuneJourney j, in Period p) => ActiveTogether(j, p, PathKind.National, SituationKind.Formation);

    /// <summary>I6.1.emploi: as I6.1, the situation of the emploi family.</summary>
    [Criterion("I6.1.emploi")]
    public static bool DansEmploiNational(in JeuneJourney j, in Period p) => ActiveTogether(j, p, PathKind.National, SituationKind.Emploi);

    /// <summary>I6.1.eav: as I6.1, the situation EAV.</summary>
    [Criterion("I6.1.eav")]
    public static bool DansEavNational(in JeuneJourney j, in Period p) => ActiveTogether(j, p, PathKind.National, SituationKind.Eav);

    /// <summary>I6.2: as I6 with a regional/local path.</summary>
    [Criterion("I6.2")]
    public static bool DansEmploiOuFormationRegional(in JeuneJourney j, in Period p) => ActiveTogether(j, p, PathKind.RegionalOrLocal, SituationKind.EmploiOrFormation);

    // ---------------------------------------------------------------- Exits (I8)

    /// <summary>I8, exited: a path (any) with fin within the period.</summary>
    [Criterion("I8")]
    public static bool Sorti(in JeuneJourney j, in Period p) => HasExit(j.Parcours, p, PathKind.Any);

    /// <summary>I8.1: a national path with fin within the period.</summary>
    [Criterion("I8.1")]
    public static bool SortiNational(in JeuneJourney j, in Period p) => HasExit(j.Parcours, p, PathKind.National);

    /// <summary>I8.2: a regional/local path with fin within the period.</summary>
    [Criterion("I8.2")]
    public static bool SortiRegional(in JeuneJourney j, in Period p) => HasExit(j.Parcours, p, PathKind.RegionalOrLocal);

    /// <summary>I8.1.f: exit outcome emploi (an emploi-family situation active on the exit date).</summary>
    [Criterion("I8.1.f")]
    public static bool SortiEmploi(in JeuneJourney j, in Period p) => Exit(j, p, out _) == ExitOutcome.Emploi;

    /// <summary>I8.1.f.durable: among I8.1.f, an emploi durable active on the exit date.</summary>
    [Criterion("I8.1.f.durable")]
    public static bool SortiEmploiDurable(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Emploi, SituationKind.EmploiDurable);

    /// <summary>I8.1.f.cui: among I8.1.f, a CUI_CAE or CUI_CIE active on the exit date.</summary>
    [Criterion("I8.1.f.cui")]
    public static bool SortiCui(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Emploi, SituationKind.Cui);

    /// <summary>I8.1.f.cui_cae: among I8.1.f, a CUI_CAE active on the exit date.</summary>
    [Criterion("I8.1.f.cui_cae")]
    public static bool SortiCuiCae(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Emploi, SituationKind.CuiCae);

    /// <summary>I8.1.f.cui_cie: among I8.1.f, a CUI_CIE active on the exit date.</summary>
    [Criterion("I8.1.f.cui_cie")]
    public static bool SortiCuiCie(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Emploi, SituationKind.CuiCie);

    /// <summary>I8.1.f.eav: among I8.1.f, an EAV active on the exit date.</summary>
    [Criterion("I8.1.f.eav")]
    public static bool SortiEav(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Emploi, SituationKind.Eav);

    /// <summary>I8.1.f.alternance: among I8.1.f, an APPRENTISSAGE or CONTRAT_PRO active on the exit date.</summary>
    [Criterion("I8.1.f.alternance")]
    public static bool SortiAlternance(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Emploi, SituationKind.Alternance);

    /// <summary>I8.1.f.apprentissage: among I8.1.f, an APPRENTISSAGE active on the exit date.</summary>
    [Criterion("I8.1.f.apprentissage")]
    public static bool SortiApprentissage(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Emploi, SituationKind.Apprentissage);

    /// <summary>I8.1.f.creation: among I8.1.f, a CREATION active on the exit date.</summary>
    [Criterion("I8.1.f.creation")]
    public static bool SortiCreation(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Emploi, SituationKind.Creation);

    /// <summary>I8.1.g: exit outcome formation (no emploi, a formation-family situation active on the exit date).</summary>
    [Criterion("I8.1.g")]
    public static bool SortiFormation(in JeuneJourney j, in Period p) => Exit(j, p, out _) == ExitOutcome.Formation;

    /// <summary>I8.1.g.initiale: among I8.1.g, a FORMATION_INITIALE active on the exit date.</summary>
    [Criterion("I8.1.g.initiale")]
    public static bool SortiFormationInitiale(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Formation, SituationKind.FormationInitiale);

    /// <summary>I8.1.g.qualifiante: among I8.1.g, a FORMATION_QUALIFIANTE active on the exit date.</summary>
    [Criterion("I8.1.g.qualifiante")]
    public static bool SortiFormationQualifiante(in JeuneJourney j, in Period p) => ExitedInto(j, p, ExitOutcome.Formation, SituationKind.FormationQualifiante);

    /// <summary>I8.1.h: exit outcome service civique.</summary>
    [Criterion("I8.1.h")]
    public static bool SortiServiceCivique(in JeuneJourney j, in Period p) => Exit(j, p, out _) == ExitOutcome.ServiceCivique;

    /// <summary>I8.1.r: exit outcome réorientation (a national path ended on the exit date with motif REORIENTATION).</summary>
    [Criterion("I8.1.r")]
    public static bool SortiReoriente(in JeuneJourney j, in Period p) => Exit(j, p, out _) == ExitOutcome.Reorientation;

    /// <summary>I8.1.i: exit outcome sans solution connue.</summary>
    [Criterion("I8.1.i")]
    public static bool SortiSansSolution(in JeuneJourney j, in Period p) => Exit(j, p, out _) == ExitOutcome.SansSolution;

    /// <summary>
    /// The exit of I8.1: the exit date is the latest fin, within the period, of a national path; the outcome is
    /// read on that day, first match wins: (1) an emploi-family situation active → emploi; (2) a formation-family
    /// situation active → formation; (3) SERVICE_CIVIQUE active → service civique; (4) a national path ended that
    /// day has motif_fin REORIENTATION → réorientation; (5) otherwise sans solution connue.
    /// </summary>
    public static ExitOutcome Exit(in JeuneJourney j, in Period p, out DateOnly exitDate) => Exit(j, p, PathKind.National, out exitDate);

    /// <summary>The exit of <see cref="Exit(in JeuneJourney, in Period, out DateOnly)"/> over the paths of a kind (all of them for 2011).</summary>
    private static ExitOutcome Exit(in JeuneJourney j, in Period p, PathKind kind, out DateOnly exitDate)
    {
        exitDate = default;
        var found = false;
        foreach (ref readonly var x in j.Parcours)
        {
            if (Is(x.Dispositif, kind) && x.Fin is { } f && p.Contains(f) && (!found || f > exitDate))
            {
                exitDate = f;
                found = true;
            }
        }
        if (!found) return ExitOutcome.None;
        if (HasSituationActiveOn(j.Situations, exitDate, SituationKind.Emploi)) return ExitOutcome.Emploi;
        if (HasSituationActiveOn(j.Situations, exitDate, SituationKind.Formation)) return ExitOutcome.Formation;
        if (HasSituationActiveOn(j.Situations, exitDate, SituationKind.ServiceCivique)) return ExitOutcome.ServiceCivique;
        foreach (ref readonly var x in j.Parcours)
        {
            if (Is(x.Dispositif, kind) && x.Fin == exitDate && x.MotifFin == MotifFin.Reorientation) return ExitOutcome.Reorientation;
        }
        return ExitOutcome.SansSolution;
    }

    // ---------------------------------------------------------------- CPO 2011 (seed 003, annexe 2): docs/indicateurs.md

    /// <summary>
    /// 2011, young people « en entretien »: an entretien within the period — a contact of mode ENTRETIEN dated in the
    /// period, or the premier_accueil itself (the text calls the first reception the « premier entretien »).
    /// </summary>
    [Criterion("2011.entretien")]
    public static bool EnEntretien(in JeuneJourney j, in Period p)
    {
        if (p.Contains(j.Jeune.PremierAccueil)) return true;
        foreach (ref readonly var c in j.Contacts)
        {
            if (c.Mode == ModeContact.Entretien && p.Contains(c.Date)) return true;
        }
        return false;
    }

    /// <summary>2011: a proposition of the « domaine professionnel » (EMPLOI, FORMATION, PROJET_PRO) dated in the period.</summary>
    [Criterion("2011.propositions.professionnel")]
    public static bool PropositionProfessionnelle(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.Professionnel);

    /// <summary>2011: a proposition of theme EMPLOI dated in the period.</summary>
    [Criterion("2011.propositions.EMPLOI")]
    public static bool PropositionEmploi(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.Emploi);

    /// <summary>2011: a proposition of theme FORMATION dated in the period.</summary>
    [Criterion("2011.propositions.FORMATION")]
    public static bool PropositionFormation(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.Formation);

    /// <summary>2011: a proposition of theme PROJET_PRO dated in the period.</summary>
    [Criterion("2011.propositions.PROJET_PRO")]
    public static bool PropositionProjetPro(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.ProjetPro);

    /// <summary>2011: a proposition of the « domaine social » (LOGEMENT, SANTE, MOBILITE, RESSOURCES) dated in the period.</summary>
    [Criterion("2011.propositions.social")]
    public static bool PropositionSociale(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.Social);

    /// <summary>2011: a proposition of theme LOGEMENT dated in the period.</summary>
    [Criterion("2011.propositions.LOGEMENT")]
    public static bool PropositionLogement(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.Logement);

    /// <summary>2011: a proposition of theme SANTE dated in the period.</summary>
    [Criterion("2011.propositions.SANTE")]
    public static bool PropositionSante(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.Sante);

    /// <summary>2011: a proposition of the « vie sociale » domain (CITOYENNETE, LOISIRS_CULTURE) dated in the period.</summary>
    [Criterion("2011.propositions.vie_sociale")]
    public static bool PropositionVieSociale(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.VieSociale);

    /// <summary>2011: a proposition of theme CITOYENNETE dated in the period.</summary>
    [Criterion("2011.propositions.CITOYENNETE")]
    public static bool PropositionCitoyennete(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.Citoyennete);

    /// <summary>2011: a proposition of theme LOISIRS_CULTURE dated in the period.</summary>
    [Criterion("2011.propositions.LOISIRS_CULTURE")]
    public static bool PropositionLoisirsCulture(in JeuneJourney j, in Period p) => HasProposition(j.Propositions, p, ThemeGroup.LoisirsCulture);

    /// <summary>
    /// 2011: among the JDI (<see cref="DemandeurInsertion"/>), no proposition dated d with fin − 3 months &lt; d ≤ fin, and
    /// no emploi- or formation-family situation active on fin (the I4.1.i rule of 2015 applied to every JDI).
    /// </summary>
    [Criterion("2011.jdi_sans_proposition_3_mois")]
    public static bool JdiSansPropositionDepuisTroisMois(in JeuneJourney j, in Period p)
    {
        if (!DemandeurInsertion(j, p)) return false;
        var after = p.Fin.AddMonths(-3);
        foreach (ref readonly var o in j.Propositions)
        {
            if (after < o.Date && o.Date <= p.Fin) return false;
        }
        return !HasSituationActiveOn(j.Situations, p.Fin, SituationKind.EmploiOrFormation);
    }

    /// <summary>2011: a CIVIS path overlapping the period (the denominator of « financement État par jeune présent en CIVIS »).</summary>
    [Criterion("2011.present_civis")]
    public static bool PresentCivis(in JeuneJourney j, in Period p)
    {
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Dispositif == Dispositif.Civis && x.Interval.Overlaps(p.Debut, p.Fin)) return true;
        }
        return false;
    }

    /// <summary>2011: a parrainage overlapping the period, whatever the path (2015's I4.1.h asks for a national path).</summary>
    [Criterion("2011.parrainage")]
    public static bool EnParrainage(in JeuneJourney j, in Period p)
    {
        foreach (ref readonly var r in j.Parrainages)
        {
            if (r.Interval.Overlaps(p.Debut, p.Fin)) return true;
        }
        return false;
    }

    /// <summary>2011: an immersion-family situation (PMSMP, STAGE) overlapping the period.</summary>
    [Criterion("2011.immersion")]
    public static bool EnImmersion(in JeuneJourney j, in Period p) => HasSituationOverlapping(j.Situations, p, SituationKind.Immersion);

    /// <summary>2011: among them, a PMSMP (which replaced the PMP of the text in 2014) overlapping the period.</summary>
    [Criterion("2011.immersion.pmsmp")]
    public static bool EnPmsmp(in JeuneJourney j, in Period p) => HasSituationOverlapping(j.Situations, p, SituationKind.Pmsmp);

    /// <summary>2011, « en situation professionnelle »: an emploi- or formation-family situation with debut in the period.</summary>
    [Criterion("2011.situation")]
    public static bool SituationProfessionnelle(in JeuneJourney j, in Period p) => HasSituationStarted(j.Situations, p, SituationKind.EmploiOrFormation);

    /// <summary>2011: a formation-family situation with debut in the period.</summary>
    [Criterion("2011.situation.formation")]
    public static bool SituationFormation(in JeuneJourney j, in Period p) => HasSituationStarted(j.Situations, p, SituationKind.Formation);

    /// <summary>2011: an emploi-family situation with debut in the period.</summary>
    [Criterion("2011.situation.emploi")]
    public static bool SituationEmploi(in JeuneJourney j, in Period p) => HasSituationStarted(j.Situations, p, SituationKind.Emploi);

    /// <summary>2011: an emploi durable (<see cref="Situation.IsEmploiDurable"/>) with debut in the period.</summary>
    [Criterion("2011.situation.emploi_durable")]
    public static bool SituationEmploiDurable(in JeuneJourney j, in Period p) => HasSituationStarted(j.Situations, p, SituationKind.EmploiDurable);

    /// <summary>2011: an APPRENTISSAGE or CONTRAT_PRO with debut in the period.</summary>
    [Criterion("2011.situation.alternance")]
    public static bool SituationAlternance(in JeuneJourney j, in Period p) => HasSituationStarted(j.Situations, p, SituationKind.Alternance);

    /// <summary>
    /// 2011, exits of every dispositif: exit outcome emploi, read as for I8.1 on the exit date, which is the latest fin
    /// within the period of any path (national, regional or local).
    /// </summary>
    [Criterion("2011.sortie.emploi")]
    public static bool SortieEmploi(in JeuneJourney j, in Period p) => Exit(j, p, PathKind.Any, out _) == ExitOutcome.Emploi;

    /// <summary>
    /// 2011: among exits in emploi, an emploi-family situation active on the exit date that is no emploi durable and lasts
    /// from 91 days (3 months) to 182 days (under the format's 6 months of 183 days) by <see cref="Situation.DureeJours"/>.
    /// </summary>
    [Criterion("2011.sortie.emploi_3_6_mois")]
    public static bool SortieEmploiTroisASixMois(in JeuneJourney j, in Period p) =>
        Exit(j, p, PathKind.Any, out var day) == ExitOutcome.Emploi && HasSituationActiveOn(j.Situations, day, SituationKind.EmploiTroisASixMois);

    /// <summary>2011: among exits in emploi, a path ended on the exit date lasted less than 6 months (debut + 6 months &gt; fin).</summary>
    [Criterion("2011.sortie.emploi_parcours_6_mois")]
    public static bool SortieEmploiParcoursSixMois(in JeuneJourney j, in Period p) => ExitInEmploiAfterPathShorterThan(j, p, 6);

    /// <summary>2011: among exits in emploi, a path ended on the exit date lasted less than 12 months (debut + 12 months &gt; fin).</summary>
    [Criterion("2011.sortie.emploi_parcours_12_mois")]
    public static bool SortieEmploiParcoursDouzeMois(in JeuneJourney j, in Period p) => ExitInEmploiAfterPathShorterThan(j, p, 12);

    /// <summary>2011: among exits in emploi, an emploi durable active on the exit date.</summary>
    [Criterion("2011.sortie.emploi_durable")]
    public static bool SortieEmploiDurable(in JeuneJourney j, in Period p) => ExitedInto(j, p, PathKind.Any, ExitOutcome.Emploi, SituationKind.EmploiDurable);

    /// <summary>2011: among exits in emploi, a CUI_CIE active on the exit date.</summary>
    [Criterion("2011.sortie.cie")]
    public static bool SortieCie(in JeuneJourney j, in Period p) => ExitedInto(j, p, PathKind.Any, ExitOutcome.Emploi, SituationKind.CuiCie);

    /// <summary>2011: among exits in emploi, an APPRENTISSAGE or CONTRAT_PRO active on the exit date.</summary>
    [Criterion("2011.sortie.alternance")]
    public static bool SortieAlternance(in JeuneJourney j, in Period p) => ExitedInto(j, p, PathKind.Any, ExitOutcome.Emploi, SituationKind.Alternance);

    /// <summary>2011: exit outcome formation (no emploi, a formation-family situation active on the exit date).</summary>
    [Criterion("2011.sortie.formation")]
    public static bool SortieFormation(in JeuneJourney j, in Period p) => Exit(j, p, PathKind.Any, out _) == ExitOutcome.Formation;

    /// <summary>2011: among exits in formation, a FORMATION_QUALIFIANTE active on the exit date.</summary>
    [Criterion("2011.sortie.formation_qualifiante")]
    public static bool SortieFormationQualifiante(in JeuneJourney j, in Period p) =>
        ExitedInto(j, p, PathKind.Any, ExitOutcome.Formation, SituationKind.FormationQualifiante);

    private static bool ExitInEmploiAfterPathShorterThan(in JeuneJourney j, in Period p, int months)
    {
        if (Exit(j, p, PathKind.Any, out var day) != ExitOutcome.Emploi) return false;
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Fin == day && x.Debut.AddMonths(months) > day) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- Building blocks

    private enum PathKind : byte { Any, National, RegionalOrLocal }

    internal enum SituationKind : byte
    {
        Professional, Immersion, Emploi, Alternance, Apprentissage, EmploiDurable, ServiceCivique,
        Formation, FormationQualifiante, FormationInitiale, EmploiOrFormation, Eav, Cui, CuiCae, CuiCie, Creation,
        Pmsmp, EmploiTroisASixMois,
    }

    private enum ThemeGroup : byte
    {
        Professionnel, Emploi, Formation, ProjetPro, Social, Logement, Sante, VieSociale, Citoyennete, LoisirsCulture,
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the group folds away
    private static bool HasProposition(ReadOnlySpan<Proposition> propositions, in Period p, ThemeGroup group)
    {
        foreach (ref readonly var o in propositions)
        {
            if (!p.Contains(o.Date)) continue;
            var match = group switch
            {
                ThemeGroup.Professionnel => o.Theme is Theme.Emploi or Theme.Formation or Theme.ProjetPro,
                ThemeGroup.Emploi => o.Theme == Theme.Emploi,
                ThemeGroup.Formation => o.Theme == Theme.Formation,
                ThemeGroup.ProjetPro => o.Theme == Theme.ProjetPro,
                ThemeGroup.Social => o.Theme is Theme.Logement or Theme.Sante or Theme.Mobilite or Theme.Ressources,
                ThemeGroup.Logement => o.Theme == Theme.Logement,
                ThemeGroup.Sante => o.Theme == Theme.Sante,
                ThemeGroup.VieSociale => o.Theme is Theme.Citoyennete or Theme.LoisirsCulture,
                ThemeGroup.Citoyennete => o.Theme == Theme.Citoyennete,
                _ => o.Theme == Theme.LoisirsCulture,
            };
            if (match) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool HasSituationOverlapping(ReadOnlySpan<Situation> situations, in Period p, SituationKind kind)
    {
        foreach (ref readonly var s in situations)
        {
            if (s.Interval.Overlaps(p.Debut, p.Fin) && Is(s, kind)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool HasSituationStarted(ReadOnlySpan<Situation> situations, in Period p, SituationKind kind)
    {
        foreach (ref readonly var s in situations)
        {
            if (p.Contains(s.Debut) && Is(s, kind)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool Is(Dispositif d, PathKind kind) => kind switch
    {
        PathKind.National => d.IsNational(),
        PathKind.RegionalOrLocal => d.IsRegionalOrLocal(),
        _ => true,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    internal static bool Is(in Situation s, SituationKind kind) => kind switch
    {
        SituationKind.Professional => s.Type.IsProfessional(),
        SituationKind.Immersion => s.Type.IsImmersion(),
        SituationKind.Emploi => s.Type.IsEmploi(),
        SituationKind.Alternance => s.Type.IsAlternance(),
        SituationKind.Apprentissage => s.Type == TypeSituation.Apprentissage,
        SituationKind.EmploiDurable => s.IsEmploiDurable,
        SituationKind.ServiceCivique => s.Type.IsServiceCivique(),
        SituationKind.Formation => s.Type.IsFormation(),
        SituationKind.FormationQualifiante => s.Type == TypeSituation.FormationQualifiante,
        SituationKind.FormationInitiale => s.Type == TypeSituation.FormationInitiale,
        SituationKind.EmploiOrFormation => s.Type.IsEmploiOrFormation(),
        SituationKind.Eav => s.Type == TypeSituation.Eav,
        SituationKind.Cui => s.Type.IsCui(),
        SituationKind.CuiCae => s.Type == TypeSituation.CuiCae,
        SituationKind.CuiCie => s.Type == TypeSituation.CuiCie,
        SituationKind.Creation => s.Type == TypeSituation.Creation,
        SituationKind.Pmsmp => s.Type == TypeSituation.Pmsmp,
        SituationKind.EmploiTroisASixMois => s.Type.IsEmploi() && !s.IsEmploiDurable && s.DureeJours is >= 91 and < 183,
        _ => false,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool HasEntry(ReadOnlySpan<Parcours> parcours, in Period p, PathKind kind, bool neetOnly)
    {
        foreach (ref readonly var x in parcours)
        {
            if (p.Contains(x.Debut) && Is(x.Dispositif, kind) && (!neetOnly || x.Neet)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool HasExit(ReadOnlySpan<Parcours> parcours, in Period p, PathKind kind)
    {
        foreach (ref readonly var x in parcours)
        {
            if (p.Contains(x.Fin) && Is(x.Dispositif, kind)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool HasPathOverlapping(ReadOnlySpan<Parcours> parcours, in Period p, PathKind kind)
    {
        foreach (ref readonly var x in parcours)
        {
            if (x.Interval.Overlaps(p.Debut, p.Fin) && Is(x.Dispositif, kind)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool HasNationalPathActiveOn(ReadOnlySpan<Parcours> parcours, DateOnly day)
    {
        foreach (ref readonly var x in parcours)
        {
            if (x.Dispositif.IsNational() && x.Interval.IsActiveOn(day)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool HasSituationActiveOn(ReadOnlySpan<Situation> situations, DateOnly day, SituationKind kind)
    {
        foreach (ref readonly var s in situations)
        {
            if (s.Interval.IsActiveOn(day) && Is(s, kind)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool HasDroit(ReadOnlySpan<Droit> droits, in Period p, DomaineDroit? domaine)
    {
        foreach (ref readonly var d in droits)
        {
            if (p.Contains(d.Date) && (domaine is null || d.Domaine == domaine.Value)) return true;
        }
        return false;
    }

    /// <summary>Among I4.1: a situation of the kind with debut within the period, on a day a national path is active.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool StartedDuringNationalPath(in JeuneJourney j, in Period p, SituationKind kind)
    {
        if (!PresentNational(j, p)) return false;
        foreach (ref readonly var s in j.Situations)
        {
            if (p.Contains(s.Debut) && Is(s, kind) && HasNationalPathActiveOn(j.Parcours, s.Debut)) return true;
        }
        return false;
    }

    /// <summary>The first ever national debut when its anniversary (+ months) falls within the period.</summary>
    private static DateOnly? FirstNationalAnniversary(in JeuneJourney j, in Period p, int months)
    {
        DateOnly? first = null;
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Dispositif.IsNational() && (first is null || x.Debut < first.Value)) first = x.Debut;
        }
        return first is { } f && p.Contains(f.AddMonths(months)) ? f : null;
    }

    private static bool SituationInFirstMonths(in JeuneJourney j, in Period p, int months)
    {
        if (FirstNationalAnniversary(j, p, months) is not { } first) return false;
        var until = first.AddMonths(months);
        foreach (ref readonly var s in j.Situations)
        {
            if (first <= s.Debut && s.Debut <= until && s.Type.IsEmploiOrFormation()) return true;
        }
        return false;
    }

    /// <summary>A situation of the kind and a path of the kind active on a same day within the period.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool ActiveTogether(in JeuneJourney j, in Period p, PathKind pathKind, SituationKind situationKind)
    {
        foreach (ref readonly var s in j.Situations)
        {
            if (!Is(s, situationKind) || !s.Interval.Overlaps(p.Debut, p.Fin)) continue;
            var from = s.Debut > p.Debut ? s.Debut : p.Debut;
            var to = s.Fin is { } sf && sf < p.Fin ? sf : p.Fin;
            foreach (ref readonly var x in j.Parcours)
            {
                if (Is(x.Dispositif, pathKind) && x.Interval.Overlaps(from, to)) return true;
            }
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool ExitedInto(in JeuneJourney j, in Period p, ExitOutcome outcome, SituationKind kind) =>
        ExitedInto(j, p, PathKind.National, outcome, kind);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // one specialised copy per criterion: the kind folds away
    private static bool ExitedInto(in JeuneJourney j, in Period p, PathKind paths, ExitOutcome outcome, SituationKind kind) =>
        Exit(j, p, paths, out var day) == outcome && HasSituationActiveOn(j.Situations, day, kind);
}
