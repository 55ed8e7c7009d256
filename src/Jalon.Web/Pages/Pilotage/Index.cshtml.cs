using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Engine;
using Jalon.Storage;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>The CPO tableau de bord of a structure, a region or the nation, for a chosen period, with N−1.</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class IndexModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Niveau { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Debut { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Fin { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public Territoire Territoire { get; private set; } = null!;
    public Period Periode { get; private set; }
    public IReadOnlyList<LigneTableau> Lignes { get; private set; } = [];
    public bool Secret { get; private set; }
    public PoidsRegional? Poids { get; private set; }
    public IReadOnlyList<Objectif> Objectifs { get; private set; } = [];
    public List<Territoire> Choix { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        Secret = User.Secret();
        var today = Dates.TodayInParis(clock);
        Periode = new Period(Debut ?? new DateOnly(today.Year - 1, 1, 1), Fin ?? new DateOnly(today.Year - 1, 12, 31));
        if (Periode.Debut > Periode.Fin) return BadRequest("La date de début est postérieure à la date de fin.");
        var service = new IndicateursPilotage(db);
        var toutes = await service.StructuresAsync(null);

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

        var perimetre = Territoire.Niveau == Level.National ? null : toutes.Where(s => s.Region == Territoire.Region).Select(s => s.Code).ToList();
        var resultats = service.Calculer(Periode, perimetre);
        var n = IndicateursPilotage.Resultats(resultats.Current, Territoire.Niveau, Territoire.Code);
        var n1 = IndicateursPilotage.Resultats(resultats.Previous, Territoire.Niveau, Territoire.Code);
        Lignes = TableauDeBord.Construire(IndicateursPilotage.Definitions, n, n1, Secret, IndicateursPilotage.Dependances);

        if (Territoire.Niveau == Level.Structure)
        {
            var region = toutes.Where(s => s.Region == Territoire.Region).Select(s =>
            {
                var r = IndicateursPilotage.Resultats(resultats.Current, Level.Structure, s.Code);
                long? L(string k) => r.GetValueOrDefault(k)?.Valeur is { } v ? (long)v : null;
                return new DonneesPoids(s.Code, L("C0.1"), L("C0.2"), L("I2bis"));
            }).ToList();
            Poids = PoidsRegionalCalcul.Calculer(region).FirstOrDefault(p => p.Structure == Territoire.Code);
            var dialogue = await new Storage.Pilotage.PilotageRepository(db).DialogueAsync(Territoire.Code, Periode.Fin.Year + 1);
            Objectifs = dialogue?.Objectifs ?? [];
        }

        if (Format is "csv" or "xlsx")
        {
            var table = Export();
            Infrastructure.Audit.Add(db, User, Storage.Entities.AuditAction.Export, "tableau de bord", Territoire.Niveau == Level.Structure ? Territoire.Code : null, null,
                $"{Territoire.Niveau.Code()} {Territoire.Code} {Periode} ({Format})");
            await db.SaveChangesAsync();
            var nom = $"tableau-de-bord-{Territoire.Code}-{Periode.Debut:yyyy-MM-dd}-{Periode.Fin:yyyy-MM-dd}";
            return Format == "csv"
                ? File(Exports.Csv(table), Exports.TypeCsv, nom + ".csv")
                : File(Exports.Xlsx(table), Exports.TypeXlsx, nom + ".xlsx");
        }
        return Page();
    }

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

    public string Lien(Territoire t, string? format = null) =>
        $"/Pilotage?niveau={t.Niveau.Code()}&code={Uri.EscapeDataString(t.Code)}&debut={Periode.Debut:yyyy-MM-dd}&fin={Periode.Fin:yyyy-MM-dd}" + (format is null ? "" : "&format=" + format);

    /// <summary>The export: the same cells as the screen, raw values (as <c>./jalon indicateurs</c>), secrecy applied.</summary>
    public TableExport Export()
    {
        var entetes = new List<string> { "niveau", "code", "indicateur", "libelle", "valeur", "valeur_n_1", "evolution" };
        entetes.AddRange(TableauDeBord.Ventilations.Select(v => v.Cle));
        var lignes = Lignes.Select(l =>
        {
            var cells = new List<CelluleExport>
            {
                Territoire.Niveau.Code(), Territoire.Code, l.Definition.Cle, l.Definition.Libelle, l.N.Export, l.N1.Export, l.Evolution.Export,
            };
            cells.AddRange(l.Ventilations.Select(v => v.Export));
            return (IReadOnlyList<CelluleExport>)cells;
        }).ToList();
        return new TableExport("Tableau de bord", entetes, lignes);
    }
}
