using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Dispositifs;
using Jalon.Referentiels;

namespace Jalon.Generator;

/// <summary>
/// Simulates the young people of one Mission Locale and their journeys. Every draw comes from the structure's own
/// random stream, in a fixed order, so the result depends only on the seed, the structure and the options.
/// The proportions are documented in docs/generateur.md.
/// </summary>
internal sealed class StructureSimulator
{
    // Monthly weights of first receptions (back-to-school peak in September–October, August trough).
    private static readonly double[] MonthCumulative = Cumulate([9, 8.5, 9, 8, 7.5, 8, 7, 4.5, 11, 11, 9, 6.5]);

    private static readonly Weighted<int> Ages = new((16, 4), (17, 7), (18, 13), (19, 14), (20, 13), (21, 12), (22, 11), (23, 10), (24, 9), (25, 7));

    private static readonly Weighted<Niveau> Niveaux = new(
        (Niveau.VI, 8), (Niveau.VBis, 10), (Niveau.V, 40), (Niveau.IV, 33), (Niveau.III, 6), (Niveau.II, 2), (Niveau.I, 1));

    private static readonly Weighted<ModeContact> Modes = new(
        (ModeContact.Entretien, 56), (ModeContact.Telephone, 15), (ModeContact.Sms, 11), (ModeContact.Atelier, 9),
        (ModeContact.Courriel, 7), (ModeContact.Courrier, 2));

    private static readonly Weighted<ModeContact> ModesGarantieJeunes = new(
        (ModeContact.Atelier, 45), (ModeContact.Entretien, 35), (ModeContact.Telephone, 8), (ModeContact.Sms, 8), (ModeContact.Courriel, 4));

    private static readonly Weighted<CategorieActivite> CategoriesActivite = new(
        (CategorieActivite.Emploi, 22), (CategorieActivite.Formation, 14), (CategorieActivite.Sante, 5), (CategorieActivite.Logement, 4),
        (CategorieActivite.Citoyennete, 5), (CategorieActivite.ProjetPro, 18), (CategorieActivite.CultureSport, 6), (CategorieActivite.Atelier, 18),
        (CategorieActivite.Information, 8));
    private static readonly Weighted<Theme> Themes = new(
        (Theme.Emploi, 40), (Theme.Formation, 22), (Theme.ProjetPro, 12), (Theme.Mobilite, 6), (Theme.Ressources, 6),
        (Theme.Logement, 5), (Theme.Sante, 4), (Theme.Citoyennete, 3), (Theme.LoisirsCulture, 2));

    private static readonly Weighted<Operateur> OperateursMetropole = new(
        (Operateur.PoleEmploi, 30), (Operateur.Iae, 15), (Operateur.E2C, 12), (Operateur.ServiceCivique, 10), (Operateur.Plie, 8),
        (Operateur.Epide, 5), (Operateur.CapEmploi, 3), (Operateur.Smv, 2), (Operateur.Autre, 15));

    private static readonly Weighted<Operateur> OperateursOutreMer = new(
        (Operateur.PoleEmploi, 28), (Operateur.Sma, 15), (Operateur.Iae, 12), (Operateur.E2C, 10), (Operateur.ServiceCivique, 10),
        (Operateur.Plie, 5), (Operateur.CapEmploi, 3), (Operateur.Autre, 17));

    private static readonly Weighted<DomaineDroit> Domaines = new(
        (DomaineDroit.Sante, 30), (DomaineDroit.Logement, 25), (DomaineDroit.Mobilite, 20), (DomaineDroit.Ressources, 15),
        (DomaineDroit.LoisirsCulture, 5), (DomaineDroit.Citoyennete, 5));

    // Situations found over a journey (outside the exits of a path).
    private static readonly Weighted<TypeSituation> Types = new(
        (TypeSituation.Cdd, 22), (TypeSituation.Interim, 16), (TypeSituation.Formation, 10), (TypeSituation.Pmsmp, 8),
        (TypeSituation.FormationQualifiante, 7), (TypeSituation.Cdi, 6), (TypeSituation.Apprentissage, 5), (TypeSituation.Stage, 5),
        (TypeSituation.CuiCae, 3), (TypeSituation.Eav, 3), (TypeSituation.ServiceCivique, 3), (TypeSituation.ContratPro, 2),
        (TypeSituation.FormationInitiale, 2), (TypeSituation.CuiCie, 1.5), (TypeSituation.Creation, 0.5));

    // Steps taken during a path: immersions, short contracts, training.
    private static readonly Weighted<TypeSituation> TypesEnParcours = new(
        (TypeSituation.Pmsmp, 25), (TypeSituation.Cdd, 20), (TypeSituation.Interim, 20), (TypeSituation.Formation, 15),
        (TypeSituation.Stage, 10), (TypeSituation.FormationQualifiante, 5), (TypeSituation.CuiCae, 3), (TypeSituation.ServiceCivique, 2));

    // What a young person leaving a path for autonomy is doing.
    private static readonly Weighted<TypeSituation> TypesSortieEmploi = new(
        (TypeSituation.Cdd, 30), (TypeSituation.Interim, 18), (TypeSituation.Cdi, 14), (TypeSituation.CuiCae, 8), (TypeSituation.CuiCie, 4),
        (TypeSituation.Eav, 9), (TypeSituation.Apprentissage, 10), (TypeSituation.ContratPro, 5), (TypeSituation.Creation, 2));

    private static readonly Weighted<TypeSituation> TypesSortieFormation = new(
        (TypeSituation.FormationQualifiante, 45), (TypeSituation.Formation, 40), (TypeSituation.FormationInitiale, 15));

    private static readonly Weighted<MotifFin?> Motifs = new(
        (MotifFin.FinDispositif, 34), (MotifFin.Autonomie, 26), (MotifFin.Abandon, 18), (MotifFin.Reorientation, 8),
        (MotifFin.Demenagement, 5), (MotifFin.Autre, 5), ((MotifFin?)null, 4));

    private readonly StructurePlan _plan;
    private readonly int _index;
    private readonly Rng _rng;

    // The Région's « amont » schemes on regional paths (docs/generateur.md): drawn from a stream of their own, so
    // that every other figure of a generated package stays what it was before the column existed.
    private readonly Rng _amontRng;
    private readonly Rng _employeurRng;

    private static readonly Weighted<string?> Amont = new(
        (null, 40), ("ATELIER_ORIENTATION", 27), ("IMMERSION", 15), ("DPA", 12), ("PREQUALIFICATION", 6));
    private readonly int _annee;
    private readonly DateOnly _debutActivite;   // 1 January of Y−1
    private readonly DateOnly _extraction;      // 31 December of Y
    private readonly double[] _communeCumulative;
    private readonly bool _outreMer;
    private readonly ZoneReference _zones;
    private readonly Rng _structureRng;
    private readonly StructureJourneys _out = new();

    // The current young person's rows, sorted before they join the structure's lists.
    private readonly List<Contact> _contacts = [];
    private readonly List<Parcours> _parcours = [];
    private readonly List<Situation> _situations = [];
    private readonly List<Proposition> _propositions = [];
    private readonly List<Orientation> _orientations = [];
    private readonly List<Droit> _droits = [];
    private readonly List<Parrainage> _parrainages = [];
    private readonly List<Activite> _activites = [];
    private readonly List<AllocationMensuelle> _allocations = [];

    // For moyens.csv: young people in contact, and in a path, during Y−1 (index 0) and Y (index 1).
    private readonly int[] _enContact = new int[2];
    private readonly int[] _enParcours = new int[2];
    private readonly bool[] _touched = new bool[2];

    public StructureSimulator(StructurePlan plan, int index, GeneratorOptions options, Rng rng)
    {
        _plan = plan;
        _index = index;
        _rng = rng;
        _annee = options.Annee;
        _debutActivite = new DateOnly(options.Annee - 1, 1, 1);
        _extraction = new DateOnly(options.Annee, 12, 31);
        _communeCumulative = Cumulate(plan.Communes.Select(c => (double)Math.Max(c.Population, 1)).ToArray());
        _outreMer = plan.Departement.Code.StartsWith("97", StringComparison.Ordinal);
        _zones = options.Zones ?? SyntheticZones.Instance;
        _structureRng = Rng.For(options.Seed, index, 1);
        _amontRng = Rng.For(options.Seed, index, 2);
        _employeurRng = Rng.For(options.Seed, index, 3);
    }

    public StructureJourneys Run()
    {
        var n = _plan.Size;
        // First receptions first, in date order, so that identifiers grow with time as in an information system.
        var premiers = new DateOnly[n];
        for (var i = 0; i < n; i++) premiers[i] = DrawPremierAccueil();
        Array.Sort(premiers);
        var width = Math.Max(6, n.ToString(CultureInfo.InvariantCulture).Length);
        for (var i = 0; i < n; i++)
        {
            SimulateJeune(i, "J" + (i + 1).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), premiers[i]);
        }
        AddMoyens();
        StructureSideGenerator.Add(_plan, _index, _annee, _structureRng, _out);
        EmployeurGenerator.Add(_index, _extraction, _employeurRng, _out);
        return _out;
    }

    private DateOnly DrawPremierAccueil()
    {
        // 43 % first received in Y, 40 % in Y−1, 17 % earlier and still followed (Y−2 to Y−4).
        var u = _rng.NextDouble();
        var year = u < 0.43 ? _annee : u < 0.83 ? _annee - 1 : _annee - 2 - (_rng.Chance(0.65) ? 0 : _rng.Chance(0.65) ? 1 : 2);
        var month = _rng.Pick(MonthCumulative) + 1;
        var day = new DateOnly(year, month, _rng.Between(1, DateTime.DaysInMonth(year, month)));
        return Workday(day, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
    }

    private void SimulateJeune(int local, string id, DateOnly premier)
    {
        ClearScratch();

        // --- The young person.
        var age = _rng.NextDouble() switch
        {
            < 0.0015 => 15,                      // anomaly: under 16 on the first reception
            < 0.004 => _rng.Chance(0.8) ? 26 : 27, // anomaly: 26 or more
            _ => Ages.Draw(_rng),
        };
        var latest = premier.AddYears(-age);
        var earliest = premier.AddYears(-(age + 1)).AddDays(1);
        var naissance = earliest.AddDays(_rng.Next(latest.DayNumber - earliest.DayNumber + 1));
        var sexe = _rng.Chance(0.505) ? Sexe.F : Sexe.H;
        var niveau = Niveaux.Draw(_rng);
        var diplome = niveau switch
        {
            Niveau.VI or Niveau.VBis => false,
            Niveau.V => _rng.Chance(0.45),
            Niveau.IV => _rng.Chance(0.72),
            _ => _rng.Chance(0.88),
        };
        var ci = _rng.Pick(_communeCumulative);
        var commune = _plan.Communes[ci];
        // The flags come from the zone lists in force on the first reception (the synthetic ones when no official list covers
        // that day); a QPV covers part of a town: only some of its young people live in it.
        var qpv = _rng.Chance(InZone(ZoneType.Qpv, commune.Code, premier) ? QpvRate(commune) : 0.0);
        var zrr = InZone(ZoneType.Zrr, commune.Code, premier);
        _out.Jeunes.Add(new Jeune(_index, id, naissance, sexe, niveau, diplome, commune.Code, qpv, zrr, premier));
        var vingtSixAns = naissance.AddYears(26);

        // --- How long they stay in touch: many come once or twice, others are followed for months or years.
        DateOnly suivi;
        if (premier < _debutActivite)
        {
            suivi = _debutActivite.AddDays(_rng.Between(120, 900)); // history: still followed in Y−1 or Y
        }
        else
        {
            var u = _rng.NextDouble();
            suivi = premier.AddDays(u < 0.18 ? _rng.Between(0, 60) : u < 0.42 ? _rng.Between(60, 365) : _rng.Between(365, 900));
        }
        if (suivi > _extraction) suivi = _extraction;
        var engagement = _rng.LogNormal(1, 0.45);

        // --- Paths.
        var dureeSuivi = suivi.DayNumber - premier.DayNumber;
        if (_rng.Chance(dureeSuivi >= 45 ? 0.55 : 0.12)) AddNationalPaths(premier, vingtSixAns);
        if (_rng.Chance(dureeSuivi >= 45 ? 0.11 : 0.02))
        {
            var debut = Workday(premier.AddDays((int)_rng.Exponential(60)));
            if (debut <= _extraction)
            {
                AddPath(_rng.Chance(0.55) ? Dispositif.Regional : Dispositif.Local, debut, _rng.Between(30, 270), vingtSixAns, out _);
            }
        }
        foreach (var p in _parcours)
        {
            var fin = p.Fin ?? _extraction;
            if (fin > suivi) suivi = fin;
        }

        // --- Contacts: the first reception interview, the in-depth diagnostic for about two thirds, then the follow-up.
        var diagnostic = _rng.Chance(0.66);
        if (diagnostic && _rng.Chance(0.3))
        {
            _contacts.Add(new Contact(local, premier, ModeContact.Entretien, true));
        }
        else
        {
            _contacts.Add(new Contact(local, premier, ModeContact.Entretien, false));
            if (diagnostic)
            {
                var jour = Workday(premier.AddDays(_rng.Between(5, 45)));
                if (jour <= _extraction) _contacts.Add(new Contact(local, jour, ModeContact.Entretien, true));
            }
        }
        AddContacts(local, premier, suivi, 0.5 * engagement, Modes);
        foreach (var p in _parcours)
        {
            var rate = p.Dispositif switch
            {
                Dispositif.GarantieJeunes => 1.8,
                Dispositif.Consolidation => 1.5,
                Dispositif.Civis => 0.9,
                Dispositif.Ppae => 0.7,
                _ => 0.6,
            };
            AddContacts(local, p.Debut, p.Fin ?? _extraction, rate * engagement, p.Dispositif == Dispositif.GarantieJeunes ? ModesGarantieJeunes : Modes);
        }

        // --- Proposals, made during interviews and workshops.
        foreach (var c in _contacts)
        {
            if (c.Mode is not (ModeContact.Entretien or ModeContact.Atelier)) continue;
            for (var k = _rng.Poisson(0.4); k > 0; k--) _propositions.Add(new Proposition(local, c.Date, Themes.Draw(_rng)));
        }

        // --- Situations: along the journey, during paths, and at the exit of paths.
        for (var k = _rng.Poisson(0.15 + 0.06 * Months(premier, suivi)); k > 0; k--)
        {
            AddSituation(local, Types.Draw(_rng), DayBetween(premier, suivi));
        }
        foreach (var p in _parcours)
        {
            var fin = p.Fin ?? _extraction;
            for (var k = _rng.Poisson(0.2 * Months(p.Debut, fin)); k > 0; k--) AddSituation(local, TypesEnParcours.Draw(_rng), DayBetween(p.Debut, fin));
            if (p.Fin is not { } sortie) continue;
            var solution = p.MotifFin switch
            {
                MotifFin.Autonomie => 0.95,
                MotifFin.FinDispositif => 0.45,
                MotifFin.Abandon => 0.1,
                MotifFin.LimiteAge => 0.3,
                null => 0.3,
                _ => 0.0,
            };
            if (_rng.Chance(solution))
            {
                var type = _rng.Chance(0.75) ? TypesSortieEmploi.Draw(_rng) : TypesSortieFormation.Draw(_rng);
                var debut = sortie.AddDays(-_rng.Between(0, 60));
                if (debut < p.Debut) debut = p.Debut;
                AddSituation(local, type, Workday(debut, p.Debut, sortie), activeOn: sortie);
            }
            if (p.MotifFin == MotifFin.Reorientation && _rng.Chance(0.5))
            {
                _orientations.Add(new Orientation(local, sortie, (_outreMer ? OperateursOutreMer : OperateursMetropole).Draw(_rng)));
            }
        }

        // --- Orientations, droits, parrainages.
        if (_rng.Chance(0.09))
        {
            for (var k = _rng.Chance(0.15) ? 2 : 1; k > 0; k--)
            {
                _orientations.Add(new Orientation(local, Workday(DayBetween(premier, suivi)), (_outreMer ? OperateursOutreMer : OperateursMetropole).Draw(_rng)));
            }
        }
        if (_parcours.Count > 0 ? _rng.Chance(0.3) : _rng.Chance(0.05))
        {
            var (from, to) = _parcours.Count > 0 ? (_parcours[0].Debut, _parcours[0].Fin ?? _extraction) : (premier, suivi);
            for (var k = _rng.Chance(0.3) ? 2 : 1; k > 0; k--) _droits.Add(new Droit(local, Workday(DayBetween(from, to)), Domaines.Draw(_rng)));
        }
        foreach (var p in _parcours)
        {
            if (!p.Dispositif.IsNational() || !_rng.Chance(0.05)) continue;
            var debut = Workday(DayBetween(p.Debut, p.Fin ?? _extraction));
            var fin = debut.AddDays(_rng.Between(60, 300));
            _parrainages.Add(new Parrainage(local, debut, fin > _extraction ? null : fin));
            break;
        }

        // --- Today's schemes: a diagnostic within the month before each PACEA; the weeks and allowances of each CEJ.
        foreach (var p in _parcours)
        {
            if (p.Dispositif != Dispositif.Pacea) continue;
            var jour = Workday(p.Debut.AddDays(-_rng.Between(0, 25)), premier, p.Debut);
            if (jour >= premier && jour <= p.Debut) _contacts.Add(new Contact(local, jour, ModeContact.Entretien, true));
        }
        foreach (var p in _parcours)
        {
            if (p.Dispositif == Dispositif.Cej) AddCejWeeksAndAllowances(naissance, p);
        }

        Flush(premier);
    }

    /// <summary>
    /// The CEJ's activities (about 17 hours in an active week, a third of active weeks under 15 h, 1 week in 10
    /// without any) and its monthly allowances from the rules in force each month (docs/generateur.md).
    /// </summary>
    private void AddCejWeeksAndAllowances(DateOnly naissance, Parcours cej)
    {
        var end = cej.Fin ?? _extraction;
        var lundi = cej.Debut.AddDays(-(((int)cej.Debut.DayOfWeek + 6) % 7));
        for (; lundi <= end; lundi = lundi.AddDays(7))
        {
            if (!_rng.Chance(0.9)) continue;
            var cible = _rng.Chance(1.0 / 3) ? _rng.Between(16, 29) / 2m : _rng.Between(30, 48) / 2m; // 8–14.5 h or 15–24 h
            var restant = cible;
            var n = _rng.Between(2, 4);
            for (var k = 0; k < n && restant > 0; k++)
            {
                var jour = lundi.AddDays(_rng.Between(0, 4));
                if (jour < cej.Debut || jour > end) jour = cej.Debut > lundi ? cej.Debut : lundi;
                if (jour > end) break;
                var heures = k == n - 1 ? restant : Math.Min(restant, Math.Max(0.5m, Math.Round(cible / n * (decimal)(0.6 + 0.8 * _rng.NextDouble()) * 2) / 2));
                var categorie = CategoriesActivite.Draw(_rng);
                var collective = categorie is CategorieActivite.Atelier or CategorieActivite.Information;
                var session = collective ? $"S{_index}-{jour:yyyyMMdd}-{Codes.Of(categorie)}" : null;
                while (heures > 0)
                {
                    var part = Math.Min(heures, ActivitesAllocations.HeuresMax);
                    _activites.Add(new Activite(0, jour, categorie, part, true, session));
                    heures -= part;
                    restant -= part;
                }
            }
            if (_rng.Chance(0.15))
                _activites.Add(new Activite(0, lundi.AddDays(_rng.Between(0, 4)), CategoriesActivite.Draw(_rng), _rng.Between(2, 8) / 2m, false, null));
        }

        // One allowance per month of the CEJ up to the month before the extraction; that month is only computed.
        var foyer = _rng.Chance(0.75) ? Domain.Cej.FoyerFiscal.NonImposable : Domain.Cej.FoyerFiscal.PremiereTranche;
        var absences = 0;
        var lastMonth = new DateOnly(_extraction.Year, _extraction.Month, 1);
        for (var mois = new DateOnly(cej.Debut.Year, cej.Debut.Month, 1); mois <= end && mois <= lastMonth; mois = mois.AddMonths(1))
        {
            if (ReglesDispositifs.Publiees.Cej(mois) is null) continue;
            var absencesDuMois = _rng.Poisson(0.12);
            // The web's computation (a minor on the 1st gets the minor's amount), without other income nor RSA here.
            var du = Domain.Cej.Allocation.Calculer(ReglesDispositifs.Publiees,
                new Domain.Cej.EntreeAllocation(mois, naissance, foyer, 0m, false, absencesDuMois, absences)).Montant;
            absences += absencesDuMois;
            if (mois == lastMonth)
            {
                _allocations.Add(new AllocationMensuelle(0, mois, du, null, StatutAllocation.Calcule, null));
                continue;
            }
            var rejet = _rng.Chance(0.02);
            _allocations.Add(new AllocationMensuelle(0, mois, du, du, rejet ? StatutAllocation.Rejete : StatutAllocation.Paye, rejet ? "Coordonnées bancaires invalides" : null));
        }
    }

    /// <summary>A national path (consolidation sequence then CIVIS for some), sometimes a second one later, rarely an overlapping one.</summary>
    private void AddNationalPaths(DateOnly premier, DateOnly vingtSixAns)
    {
        var debut = Workday(premier.AddDays((int)_rng.Exponential(45)));
        if (debut > _extraction || debut >= vingtSixAns) return;
        if (debut >= PaceaDebut)
        {
            AddPacea(debut, vingtSixAns);
            return;
        }
        var dispositif = DrawNationalDispositif(debut.Year);
        if (dispositif == Dispositif.Civis && _rng.Chance(0.12))
        {
            // Séquence d'orientation et de consolidation de projet: at most 4 months (a few overrun: an anomaly).
            var duree = _rng.Chance(0.03) ? _rng.Between(125, 160) : _rng.Between(30, 120);
            var sequence = AddPath(Dispositif.Consolidation, debut, duree, vingtSixAns, out _, MotifFin.FinDispositif);
            if (sequence.Fin is not { } finSequence) return;
            debut = Workday(finSequence.AddDays(_rng.Between(1, 20)));
            if (debut > _extraction || debut >= vingtSixAns) return;
        }
        var first = AddPath(dispositif, debut, NationalDuration(dispositif), vingtSixAns, out _);

        if (first.Fin is { } fin && _rng.Chance(0.12))
        {
            var suivant = Workday(fin.AddDays(_rng.Between(15, 200)));
            if (suivant <= _extraction && suivant < vingtSixAns)
            {
                var d = DrawNationalDispositif(suivant.Year);
                AddPath(d, suivant, NationalDuration(d), vingtSixAns, out _);
            }
        }
        else if (_rng.Chance(0.006))
        {
            // Anomaly: a PPAE recorded while another national path is still running.
            var chevauchement = Workday(DayBetween(first.Debut, first.Fin ?? _extraction));
            if (chevauchement < vingtSixAns) AddPath(first.Dispositif == Dispositif.Ppae ? Dispositif.Civis : Dispositif.Ppae, chevauchement, _rng.Between(60, 240), vingtSixAns, out _);
        }
    }

    private static readonly DateOnly PaceaDebut = new(2017, 1, 1);
    private static readonly DateOnly CejDebut = new(2022, 3, 1);

    /// <summary>
    /// Since 2017 the national path is the PACEA; since March 2022 about half of them hold a CEJ signed within their first
    /// weeks (the CEJ is a phase of the PACEA), 7 months long on average, at most 12. A second PACEA, later, has no CEJ
    /// (the 6-month gap between two CEJ is then never broken).
    /// </summary>
    private void AddPacea(DateOnly debut, DateOnly vingtSixAns)
    {
        var duree = _rng.Between(120, 700);
        Parcours? cej = null;
        var cejDebut = Workday(debut.AddDays(_rng.Between(0, 30)));
        if (cejDebut >= CejDebut && cejDebut <= _extraction && cejDebut < vingtSixAns && Dates.AgeOn(vingtSixAns.AddYears(-26), cejDebut) >= 16 && _rng.Chance(0.5))
        {
            cej = AddPath(Dispositif.Cej, cejDebut, _rng.Between(60, 360), vingtSixAns, out _);
            var cejFin = (cej.Value.Fin ?? cejDebut.AddDays(360)).DayNumber - debut.DayNumber;
            duree = Math.Min(Math.Max(duree, cejFin + _rng.Between(0, 60)), debut.AddMonths(24).DayNumber - debut.DayNumber);
        }
        var pacea = AddPath(Dispositif.Pacea, debut, duree, vingtSixAns, out _, cej?.MotifFin);
        if (pacea.Fin is { } fin && _rng.Chance(0.08))
        {
            var suivant = Workday(fin.AddDays(_rng.Between(15, 200)));
            if (suivant <= _extraction && suivant < vingtSixAns) AddPath(Dispositif.Pacea, suivant, _rng.Between(120, 700), vingtSixAns, out _);
        }
    }

    private Dispositif DrawNationalDispositif(int year)
    {
        // Garantie jeunes: piloted from late 2013, scaling up through 2015–2016.
        var gj = year >= _annee ? 22.0 : year == _annee - 1 ? 12.0 : year == _annee - 2 ? 4.0 : 0.0;
        var x = _rng.NextDouble() * (45 + 35 + gj);
        return x < 45 ? Dispositif.Civis : x < 80 ? Dispositif.Ppae : Dispositif.GarantieJeunes;
    }

    private int NationalDuration(Dispositif dispositif) => dispositif switch
    {
        Dispositif.GarantieJeunes => _rng.Chance(0.7) ? _rng.Between(330, 395) : _rng.Between(30, 330),
        Dispositif.Civis => _rng.Chance(0.4) ? _rng.Between(335, 395) : _rng.Between(90, 540),
        _ => _rng.Between(60, 365),
    };

    private Parcours AddPath(Dispositif dispositif, DateOnly debut, int duree, DateOnly vingtSixAns, out bool limiteAge, MotifFin? motif = null)
    {
        DateOnly? fin = debut.AddDays(duree);
        limiteAge = false;
        if (fin >= vingtSixAns && vingtSixAns >= debut)
        {
            fin = vingtSixAns;
            limiteAge = true;
        }
        MotifFin? motifFin = null;
        if (fin > _extraction) fin = null;
        else motifFin = limiteAge ? MotifFin.LimiteAge : motif ?? Motifs.Draw(_rng);
        var neet = _rng.Chance(dispositif switch
        {
            Dispositif.GarantieJeunes or Dispositif.Cej => 0.97,
            Dispositif.Consolidation or Dispositif.Pacea => 0.9,
            Dispositif.Civis => 0.88,
            Dispositif.Ppae => 0.78,
            Dispositif.Regional => 0.75,
            _ => 0.7,
        });
        var amont = dispositif == Dispositif.Regional ? Amont.Draw(_amontRng) : null;
        var parcours = new Parcours(0, dispositif, debut, fin, motifFin, neet, amont);
        _parcours.Add(parcours);
        return parcours;
    }

    private void AddContacts(int local, DateOnly from, DateOnly to, double perMonth, Weighted<ModeContact> modes)
    {
        if (to > _extraction) to = _extraction;
        if (to < from) return;
        for (var k = _rng.Poisson(perMonth * Months(from, to)); k > 0; k--)
        {
            _contacts.Add(new Contact(local, Workday(DayBetween(from, to), from, to), modes.Draw(_rng), false));
        }
    }

    /// <summary>Adds a situation of a type starting on a day, with a plausible end and planned length.</summary>
    private void AddSituation(int local, TypeSituation type, DateOnly debut, DateOnly? activeOn = null)
    {
        debut = Workday(debut, debut.AddDays(-2), activeOn ?? _extraction);
        if (debut > _extraction) return;
        int? prevue = null;
        int? duree;
        switch (type)
        {
            case TypeSituation.Cdi:
                duree = _rng.Chance(0.15) ? _rng.Between(30, 600) : null;
                break;
            case TypeSituation.Cdd:
                prevue = _rng.NextDouble() switch { < 0.3 => _rng.Between(7, 30), < 0.8 => _rng.Between(31, 182), _ => _rng.Between(183, 365) };
                duree = Ending(prevue.Value);
                if (_rng.Chance(0.15)) prevue = null;
                break;
            case TypeSituation.Interim:
                duree = Math.Clamp((int)_rng.LogNormal(10, 0.9), 1, 120);
                if (_rng.Chance(0.4)) prevue = duree;
                break;
            case TypeSituation.CuiCae or TypeSituation.CuiCie:
                prevue = _rng.NextDouble() switch { < 0.45 => 183, < 0.6 => 274, < 0.95 => 365, _ => 730 };
                duree = Ending(prevue.Value);
                break;
            case TypeSituation.Eav:
                prevue = _rng.NextDouble() switch { < 0.7 => 1095, < 0.9 => 365, _ => 730 };
                duree = Ending(prevue.Value);
                break;
            case TypeSituation.Apprentissage:
                prevue = _rng.NextDouble() switch { < 0.25 => 365, < 0.85 => 730, _ => 1095 };
                duree = Ending(prevue.Value);
                break;
            case TypeSituation.ContratPro:
                prevue = _rng.Between(183, 730);
                duree = Ending(prevue.Value);
                break;
            case TypeSituation.Creation:
                duree = null;
                break;
            case TypeSituation.FormationQualifiante:
                duree = _rng.Between(60, 300);
                break;
            case TypeSituation.FormationInitiale:
                duree = _rng.Between(120, 300);
                break;
            case TypeSituation.Formation:
                duree = _rng.Between(10, 150);
                break;
            case TypeSituation.Pmsmp:
                duree = _rng.Between(3, 30);
                break;
            case TypeSituation.Stage:
                duree = _rng.Between(10, 90);
                break;
            default: // service civique: 6 to 10 months
                prevue = _rng.Between(183, 300);
                duree = Ending(prevue.Value);
                if (_rng.Chance(0.3)) prevue = null;
                break;
        }
        DateOnly? fin = duree is { } d ? debut.AddDays(d - 1) : null;
        if (activeOn is { } day && fin < day) fin = day.AddDays(_rng.Between(0, 90)); // still in it on the exit day
        if (fin > _extraction) fin = null;                                            // ongoing at extraction
        _situations.Add(new Situation(local, type, debut, fin, prevue));
    }

    /// <summary>Actual length of a contract planned for some days: usually as planned, sometimes broken off.</summary>
    private int? Ending(int prevue) => _rng.NextDouble() switch
    {
        < 0.8 => prevue,
        < 0.92 => _rng.Between(1, prevue),
        _ => null,
    };

    private void AddMoyens()
    {
        // Young people aged 16–25 not in employment on the territory, and job seekers among them (INSEE orders of magnitude).
        var jano = _plan.Population * 0.018 * _rng.LogNormal(1, 0.1);
        var defm = jano * 0.55 * _rng.LogNormal(1, 0.08);
        // Staff and money are sized on year Y's activity (the generated history thins out before Y−1, the structure
        // does not): one ETP for 100–150 young people in contact, 2 000–3 000 € per young person in a path.
        var jeunesParEtp = _rng.Between(100, 150);
        var eurosParAccompagne = _rng.Between(2000, 3000);
        var partAccompagnement = 0.6 + 0.15 * _rng.NextDouble();
        var enContact = Math.Max(_enContact[1], 1);
        var accompagnes = _enParcours[1] > 0 ? _enParcours[1] : enContact / 4.0;
        for (var y = 0; y < 2; y++)
        {
            var evolution = y == 0 ? _rng.LogNormal(0.97, 0.04) : 1.0; // Y−1 relative to Y
            var etp = Math.Max(1.0, enContact * evolution / jeunesParEtp);
            var total = Math.Round(accompagnes * evolution * eurosParAccompagne + 40_000);
            _out.Moyens.Add(new Moyens(
                _index,
                _annee - 1 + y,
                (long)Math.Round(jano * (y == 0 ? _rng.LogNormal(1.02, 0.03) : 1.0)),
                (long)Math.Round(defm * (y == 0 ? _rng.LogNormal(1.02, 0.03) : 1.0)),
                decimal.Round((decimal)etp, 1),
                decimal.Round((decimal)(etp * partAccompagnement), 1),
                (decimal)total,
                (decimal)Math.Round(total * (0.8 + 0.15 * _rng.NextDouble())),
                (decimal)Math.Round(total * (0.35 + 0.1 * _rng.NextDouble())),
                _rng.Chance(0.25) ? null : (decimal)Math.Round(total * (0.02 + 0.08 * _rng.NextDouble()))));
        }
    }

    /// <summary>Sorts the young person's rows and appends them to the structure's, counting activity for moyens.csv.</summary>
    private void Flush(DateOnly premier)
    {
        _touched[0] = _touched[1] = false;
        Touch(premier);
        _contacts.Sort(static (a, b) =>
        {
            if (a.Date != b.Date) return a.Date.CompareTo(b.Date);
            if (a.Diagnostic != b.Diagnostic) return a.Diagnostic ? -1 : 1;
            return a.Mode.CompareTo(b.Mode);
        });
        foreach (var c in _contacts) Touch(c.Date);
        _out.Contacts.AddRange(_contacts);
        _orientations.Sort(static (a, b) => a.Date.CompareTo(b.Date));
        _out.Orientations.AddRange(_orientations);
        _propositions.Sort(static (a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Theme.CompareTo(b.Theme));
        _out.Propositions.AddRange(_propositions);
        _parcours.Sort(static (a, b) => a.Debut.CompareTo(b.Debut));
        var local = _out.Jeunes.Count - 1;
        for (var y = 0; y < 2; y++)
        {
            var year = Period.Year(_annee - 1 + y);
            foreach (var p in _parcours)
            {
                if (!p.Interval.Overlaps(year.Debut, year.Fin)) continue;
                _enParcours[y]++;
                break;
            }
        }
        foreach (var p in _parcours)
        {
            Touch(p.Debut);
            if (p.Fin is { } f) Touch(f);
            _out.Parcours.Add(p with { Jeune = local });
        }
        _situations.Sort(static (a, b) => a.Debut.CompareTo(b.Debut));
        _out.Situations.AddRange(_situations);
        _droits.Sort(static (a, b) => a.Date.CompareTo(b.Date));
        _out.Droits.AddRange(_droits);
        _out.Parrainages.AddRange(_parrainages);
        foreach (var a in _activites) _out.Activites.Add(a with { Jeune = local });
        foreach (var a in _allocations) _out.Allocations.Add(a with { Jeune = local });
        for (var y = 0; y < 2; y++) if (_touched[y]) _enContact[y]++;
    }

    private void Touch(DateOnly day)
    {
        var y = day.Year - (_annee - 1);
        if (y is 0 or 1) _touched[y] = true;
    }

    private void ClearScratch()
    {
        _contacts.Clear();
        _parcours.Clear();
        _situations.Clear();
        _propositions.Clear();
        _orientations.Clear();
        _droits.Clear();
        _parrainages.Clear();
        _activites.Clear();
        _allocations.Clear();
    }

    private bool InZone(ZoneType type, string commune, DateOnly day) =>
        _zones.Covers(type, day) ? _zones.IsIn(type, commune, day) : SyntheticZones.Instance.IsIn(type, commune, day);

    /// <summary>Share of a town's young people living in its QPV: more in large cities (a small town's QPV: 12 %).</summary>
    private static double QpvRate(Commune commune) => commune.Population switch
    {
        >= 100_000 => 0.32,
        >= 20_000 => 0.23,
        _ => 0.12,
    };

    private DateOnly DayBetween(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(_rng.Next(to.DayNumber - from.DayNumber + 1));

    private static double Months(DateOnly from, DateOnly to) => Math.Max(0, to.DayNumber - from.DayNumber) / Dates.DaysPerMonth;

    /// <summary>Missions Locales are closed at weekends: moves a day to the nearest working day within [min, max].</summary>
    private DateOnly Workday(DateOnly day, DateOnly? min = null, DateOnly? max = null)
    {
        var lo = min ?? DateOnly.MinValue;
        var hi = max ?? _extraction;
        var d = day.DayOfWeek switch
        {
            DayOfWeek.Saturday => day.AddDays(-1),
            DayOfWeek.Sunday => day.AddDays(1),
            _ => day,
        };
        if (d > hi) d = day.DayOfWeek == DayOfWeek.Sunday ? day.AddDays(-2) : hi;
        if (d < lo) d = lo;
        if (d > hi) d = hi;
        return d;
    }

    private static double[] Cumulate(double[] weights)
    {
        var c = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }
}
