using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using Jalon.Storage;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>A structure's share of its region for one figure of the catalogue's poids régional.</summary>
public sealed record PartRegionale(string Libelle, Cellule Part);

/// <summary>
/// The tableau de bord of a structure, a region or the nation for a chosen period and catalogue, with N−1; its CSV and
/// XLSX exports. Under statistical secrecy the period is a whole month, quarter or year.
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class IndexModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Niveau { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Debut { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Fin { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }
    [BindProperty(SupportsGet = true, Name = "catalogue")] public string? CatalogueId { get; set; }

    /// <summary>Under secrecy, the period is chosen as a year and « annee », « T1 »…« T4 » or « M01 »…« M12 ».</summary>
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }

    [BindProperty(SupportsGet = true, Name = "periode")] public string? PeriodeChoisie { get; set; }

    public Catalogue Catalogue { get; private set; } = null!;
    public Territoire Territoire { get; private set; } = null!;
    public Period Periode { get; private set; }
    public IReadOnlyList<LigneTableau> Lignes { get; private set; } = [];
    public bool Secret { get; private set; }
    public string? Erreur { get; private set; }
    public IReadOnlyList<PartRegionale> Poids { get; private set; } = [];
    public IReadOnlyList<Objectif> Objectifs { get; private set; } = [];
    public List<Territoire> Choix { get; } = [];
    public IReadOnlyList<Catalogue> Catalogues => indicateurs.Catalogues.Tous;

    /// <summary>The periods offered under secrecy: the year, its quarters and its months.</summary>
    public static IReadOnlyList<(string Cle, string Libelle)> PeriodesPubliables { get; } =
    [
        ("annee", "Année entière"),
        .. Enumerable.Range(1, 4).Select(k => ("T" + k, $"{k}{(k == 1 ? "er" : "e")} trimestre")),
        .. Enumerable.Range(1, 12).Select(m => ("M" + m.ToString("D2", CultureInfo.InvariantCulture), Libelles.Fr.DateTimeFormat.GetMonthName(m))),
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        Secret = User.Secret();
        if (!indicateurs.Catalogues.TryGet(CatalogueId ?? Catalogue.Defaut, out var catalogue)) return NotFound();
        Catalogue = catalogue;
        var today = Dates.TodayInParis(clock);
        Periode = Annee is { } an ? PeriodeDe(an, PeriodeChoisie) ?? Period.Year(an)
            : new Period(Debut ?? new DateOnly(today.Year - 1, 1, 1), Fin ?? new DateOnly(today.Year - 1, 12, 31));
        var toutes = await indicateurs.StructuresAsync(null);
        var resolu = Resoudre(acteur, toutes);
        if (resolu is null) return NotFound();
        Territoire = resolu;
        var autorise = Territoire.Niveau switch
        {
            Level.Structure => Habilitations.PeutLire(acteur, Territoire.Code, Territoire.Region!) && acteur.Role != Role.ChargeAccueil && acteur.Role != Role.Conseiller,
            Level.Region => Habilitations.PeutLireTerritoire(acteur, Territoire.Code),
            _ => Habilitations.PeutLireTerritoire(acteur, null),
        };
        if (!autorise) return Forbid();
        ListerChoix(acteur, toutes);

        Erreur = Periode.Debut > Periode.Fin ? "La date de début est postérieure à la date de fin."
            : Secret ? SecretStatistique.RefusPeriode(Periode) : null;
        if (Erreur is not null)
        {
            var refus = Page();
            refus.StatusCode = StatusCodes.Status400BadRequest;
            return refus;
        }

        var perimetre = Territoire.Niveau == Level.National ? null : toutes.Where(s => s.Region == Territoire.Region).Select(s => s.Code).ToList();
        var publication = indicateurs.Publier(User, Catalogue, Periode, perimetre);
        Lignes = TableauDeBord.Construire(publication, Territoire.Niveau, Territoire.Code);

        if (Territoire.Niveau == Level.Structure)
        {
            Poids = Catalogue.PoidsRegional
                .Select(p => new PartRegionale(p.Libelle, TableauDeBord.CelluleDe(Unite.Pourcentage, publication.Part(Territoire.Code, Territoire.Region!, p.Cle))))
                .ToList();
            if (Catalogue.Id == Catalogue.Defaut)
            {
                var dialogue = await new Storage.Pilotage.PilotageRepository(db).DialogueAsync(Territoire.Code, Periode.Fin.Year + 1);
                Objectifs = dialogue?.Objectifs ?? [];
            }
        }

        if (Format is "csv" or "xlsx")
        {
            var table = Export();
            Audit.Add(db, User, Storage.Entities.AuditAction.Export, "tableau de bord", Territoire.Niveau == Level.Structure ? Territoire.Code : null, null,
                $"{Territoire.Niveau.Code()} {Territoire.Code} {Periode} {Catalogue.Id} ({Format})");
            await db.SaveChangesAsync();
            var nom = $"tableau-de-bord-{(Catalogue.Id == Catalogue.Defaut ? "" : Catalogue.Id + "-")}{Territoire.Code}-{Periode.Debut:yyyy-MM-dd}-{Periode.Fin:yyyy-MM-dd}";
            return Format == "csv"
                ? File(Exports.Csv(table), Exports.TypeCsv, nom + ".csv")
                : File(Exports.Xlsx(table), Exports.TypeXlsx, nom + ".xlsx");
        }
        return Page();
    }

    /// <summary>A year and « annee », « T1 »…« T4 », « M01 »…« M12 »; null when not one of these.</summary>
    public static Period? PeriodeDe(int annee, string? cle)
    {
        if (annee is < 2000 or > 2100) return null;
        var periodes = SecretStatistique.PeriodesDeLAnnee(annee);
        var i = PeriodesPubliables.Select((p, i) => (p.Cle, i)).FirstOrDefault(p => p.Cle == (cle ?? "annee"));
        return i.Cle is null ? null : periodes[i.i];
    }

    /// <summary>The key of the current period among <see cref="PeriodesPubliables"/> (null when it is none of them).</summary>
    public string? ClePeriode => SecretStatistique.PositionDansLAnnee(Periode) is { } i ? PeriodesPubliables[i].Cle : null;

    private Territoire? Resoudre(Acteur acteur, List<(string Code, string Nom, string Region)> toutes)
    {
        var niveau = Niveau ?? acteur.Role switch
        {
            Role.Directeur => "structure",
            Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion => "region",
            _ => "national",
        };
        switch (niveau)
        {
            case "structure":
                var code = Code ?? acteur.Structure;
                var s = toutes.FirstOrDefault(x => x.Code == code);
                return s.Code is null ? null : new Territoire(Level.Structure, s.Code, s.Nom, s.Region);
            case "region":
                var region = Code ?? acteur.Region;
                return region is null || toutes.All(x => x.Region != region) ? null : new Territoire(Level.Region, region, "Région " + Libelles.Region(region), region);
            case "national":
                return new Territoire(Level.National, LevelNames.National, "France entière", null);
            default:
                return null;
        }
    }

    private void ListerChoix(Acteur acteur, List<(string Code, string Nom, string Region)> toutes)
    {
        foreach (var s in toutes.Where(s => acteur.Role is not Role.Directeur || s.Code == acteur.Structure)
                     .Where(s => Habilitations.PeutLire(acteur, s.Code, s.Region)))
            Choix.Add(new Territoire(Level.Structure, s.Code, s.Nom, s.Region));
        foreach (var r in toutes.Select(s => s.Region).Distinct().Where(r => Habilitations.PeutLireTerritoire(acteur, r)))
            Choix.Add(new Territoire(Level.Region, r, "Région " + Libelles.Region(r), r));
        if (Habilitations.PeutLireTerritoire(acteur, null)) Choix.Add(new Territoire(Level.National, LevelNames.National, "France entière", null));
    }

    /// <summary>
    /// Whether the figures link to the young people they count (« expliquer ce chiffre »): only on a structure's dashboard,
    /// for its own staff who may read its files (the director); never for the aggregate-only roles.
    /// </summary>
    public bool PeutExpliquer => Territoire.Niveau == Level.Structure && Erreur is null && !Secret
        && User.Is(Policies.DossiersRoles) && User.StructureCode() == Territoire.Code;

    /// <summary>The link to the young people behind a count (or one of its breakdowns); null when the figure counts none.</summary>
    public string? LienExpliquer(IndicatorDefinition d, bool n1, Ventilation? ventilation = null) =>
        PeutExpliquer && d.Nature == Nature.Effectif && (ventilation is null || d.Ventilations.Contains(ventilation.Value))
            ? ExpliquerModel.Lien(Territoire.Code, d.Cle, Periode, Catalogue.Id, ventilation, null, n1)
            : null;

    /// <summary>The links to a ratio's numerator and denominator when they count young people (not amounts).</summary>
    public IEnumerable<(string Libelle, string Lien)> LiensRatio(IndicatorDefinition d, bool n1)
    {
        if (!PeutExpliquer || d.Nature != Nature.Ratio) yield break;
        if (d.Numerateur is null || Catalogue[d.Numerateur].Nature == Nature.Effectif)
            yield return ("numérateur", ExpliquerModel.Lien(Territoire.Code, d.Cle, Periode, Catalogue.Id, null, Operande.Numerateur, n1));
        if (Catalogue[d.Denominateur!].Nature == Nature.Effectif)
            yield return ("dénominateur", ExpliquerModel.Lien(Territoire.Code, d.Cle, Periode, Catalogue.Id, null, Operande.Denominateur, n1));
    }

    public string Lien(Territoire t, string? format = null) =>
        $"/Pilotage?niveau={t.Niveau.Code()}&code={Uri.EscapeDataString(t.Code)}&debut={Periode.Debut:yyyy-MM-dd}&fin={Periode.Fin:yyyy-MM-dd}"
        + (Catalogue.Id == Catalogue.Defaut ? "" : "&catalogue=" + Uri.EscapeDataString(Catalogue.Id))
        + (format is null ? "" : "&format=" + format);

    /// <summary>
    /// The export: the same cells as the screen (raw values, as <c>./jalon indicateurs</c>; the secrecy symbol where
    /// masked), then the regional weights of a structure.
    /// </summary>
    public TableExport Export()
    {
        var entetes = new List<string> { "niveau", "code", "indicateur", "libelle", "valeur", "valeur_n_1", "evolution" };
        entetes.AddRange(Ventilations.Toutes.Select(v => v.Cle()));
        entetes.Add("unite");
        var lignes = Lignes.Select(l =>
        {
            var cells = new List<CelluleExport>
            {
                Territoire.Niveau.Code(), Territoire.Code, l.Definition.Cle, l.Definition.Libelle, l.N.Export, l.N1.Export, l.Evolution.Export,
            };
            cells.AddRange(l.Ventilations.Select(v => v.Export));
            cells.Add(l.Definition.Calculable ? l.Definition.Unite.Libelle() : CelluleExport.Vide);
            return (IReadOnlyList<CelluleExport>)cells;
        }).ToList();
        foreach (var (p, part) in Catalogue.PoidsRegional.Zip(Poids))
        {
            var cells = new List<CelluleExport> { Territoire.Niveau.Code(), Territoire.Code, "poids_regional:" + p.Cle, "Poids régional : " + p.Libelle, part.Part.Export };
            cells.AddRange(Enumerable.Repeat(CelluleExport.Vide, 2 + Ventilations.Toutes.Count));
            cells.Add("part");
            lignes.Add(cells);
        }
        return new TableExport("Tableau de bord", entetes, lignes);
    }
}
