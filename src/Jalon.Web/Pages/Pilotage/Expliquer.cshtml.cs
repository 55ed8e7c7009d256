using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>One young person behind a figure: their file (null when anonymised) and the facts that qualify them.</summary>
public sealed record JeuneExplique(string Id, string? Nom, bool Anonymise, IReadOnlyList<QualifyingFact> Motifs);

/// <summary>
/// « Expliquer ce chiffre »: the young people a count of a structure's dashboard holds (a breakdown, N−1, a ratio's
/// numerator or denominator), with why each is in and a link to their file; CSV export. Only the staff of that
/// structure (who may read its files: policy <see cref="Policies.Dossiers"/>) get it; every view is audited as a read of
/// each file listed. The list is the engine's (<see cref="IndicatorEngine.Explain"/>), over the structure's data as the
/// dashboard reads them (whole-month N−1).
/// </summary>
[Authorize(Policy = Policies.Dossiers)]
public sealed class ExpliquerModel(JalonDbContext db, IndicateursPilotage indicateurs) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Structure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cle { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Debut { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Fin { get; set; }
    [BindProperty(SupportsGet = true, Name = "catalogue")] public string? CatalogueId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ventilation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Partie { get; set; }
    [BindProperty(SupportsGet = true)] public bool N1 { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public Catalogue Catalogue { get; private set; } = null!;
    public Explanation Explication { get; private set; } = null!;
    public IReadOnlyList<JeuneExplique> Jeunes { get; private set; } = [];
    public string StructureNom { get; private set; } = "";

    /// <summary>What the list is, in words: « I3 — … (NEET), 2016 » and so on.</summary>
    public string Titre { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        // Only the structure's own staff: an aggregate-only role never reaches here (policy), another structure is refused.
        if (Structure is null || User.StructureCode() != Structure) return Forbid();
        if (Cle is null || Debut is not { } debut || Fin is not { } fin || debut > fin) return BadRequest();
        if (!indicateurs.Catalogues.TryGet(CatalogueId ?? Catalogue.Defaut, out var catalogue)) return NotFound();
        Catalogue = catalogue;
        Ventilation? ventilation = null;
        if (Ventilation is not null)
        {
            if (!Ventilations.Toutes.Any(v => v.Cle() == Ventilation)) return BadRequest();
            ventilation = Ventilations.Toutes.First(v => v.Cle() == Ventilation);
        }
        Operande? partie = Partie switch
        {
            null => null,
            "numerateur" => Indicators.Engine.Operande.Numerateur,
            "denominateur" => Indicators.Engine.Operande.Denominateur,
            _ => (Operande)(-1),
        };
        if (partie == (Operande)(-1)) return BadRequest();

        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Code == Structure);
        if (structure is null) return NotFound();
        StructureNom = structure.Nom;
        var request = new IndicatorRequest(new Period(debut, fin)) { MoisEntiers = true };
        var what = new ExplainRequest(Cle) { Previous = N1, Ventilation = ventilation, Partie = partie };
        var package = PackageLoader.Load(db, Structure);
        try
        {
            Explication = IndicatorEngine.Explain(package, catalogue, request, Structure, what);
        }
        catch (ExplanationException e)
        {
            return BadRequest(e.Message);
        }

        var ids = Explication.Jeunes.Select(j => package.Jeunes[j].Id).ToList();
        var fiches = await db.Jeunes.AsNoTracking().Where(j => j.StructureCode == Structure && ids.Contains(j.JeuneId))
            .Select(j => new { j.JeuneId, j.Nom, j.Prenom, j.AnonymiseLe }).ToDictionaryAsync(j => j.JeuneId, StringComparer.Ordinal);
        Jeunes = Explication.Jeunes.Select(j =>
        {
            var id = package.Jeunes[j].Id;
            var fiche = fiches.GetValueOrDefault(id);
            var anonymise = fiche is null || fiche.AnonymiseLe is not null;
            var nom = anonymise ? null : string.Join(' ', new[] { fiche!.Prenom, fiche.Nom }.Where(x => !string.IsNullOrEmpty(x)));
            return new JeuneExplique(id, nom, anonymise, IndicatorEngine.Why(package, catalogue, Explication, j));
        }).ToList();

        var d = Explication.Indicator;
        Titre = $"{d.Cle} — {d.Libelle}"
            + (partie is { } p ? $" ({(p == Indicators.Engine.Operande.Numerateur ? "numérateur" : "dénominateur")} : {Explication.CountDefinition?.Cle ?? Explication.Count})" : "")
            + (ventilation is { } v ? $" ({v.Libelle()})" : "");

        // Each file listed is read: audited as such (the young person's access history shows it), plus the export.
        var detail = $"expliquer ce chiffre : {d.Cle}{(partie is null ? "" : " " + Partie)}{(ventilation is null ? "" : " " + Ventilation)} {Explication.Period} ({catalogue.Id})";
        foreach (var j in Jeunes.Where(j => !j.Anonymise)) Audit.Add(db, User, AuditAction.Lecture, "jeune", Structure, j.Id, detail);
        if (Format == "csv") Audit.Add(db, User, AuditAction.Export, "liste de jeunes", Structure, null, $"{detail}, {Jeunes.Count} jeunes (csv)");
        await db.SaveChangesAsync();

        if (Format == "csv")
        {
            var table = new TableExport("Jeunes comptés", ["jeune", "nom", "motifs"],
                Jeunes.Select(j => (IReadOnlyList<CelluleExport>)[j.Id, j.Nom ?? (j.Anonymise ? "(dossier anonymisé)" : ""), Motifs(j)]).ToList());
            return File(Exports.Csv(table), Exports.TypeCsv, $"jeunes-{Structure}-{d.Cle}-{Explication.Period.Debut:yyyy-MM-dd}-{Explication.Period.Fin:yyyy-MM-dd}.csv");
        }
        return Page();
    }

    public static string Motifs(JeuneExplique j) =>
        j.Motifs.Count == 0 ? "fiche du jeune" : string.Join(" ; ", j.Motifs.Select(m => $"{m.Date:dd/MM/yyyy} {m.Libelle}"));

    /// <summary>The link to this list (the dashboard's cells use it), or to its CSV.</summary>
    public static string Lien(string structure, string cle, Period periode, string catalogue, Ventilation? ventilation = null, Operande? partie = null,
        bool n1 = false, string? format = null) =>
        $"/Pilotage/Expliquer?structure={Uri.EscapeDataString(structure)}&cle={Uri.EscapeDataString(cle)}&debut={periode.Debut:yyyy-MM-dd}&fin={periode.Fin:yyyy-MM-dd}"
        + (catalogue == Catalogue.Defaut ? "" : "&catalogue=" + Uri.EscapeDataString(catalogue))
        + (ventilation is { } v ? "&ventilation=" + v.Cle() : "")
        + (partie is { } p ? "&partie=" + (p == Indicators.Engine.Operande.Numerateur ? "numerateur" : "denominateur") : "")
        + (n1 ? "&n1=true" : "")
        + (format is null ? "" : "&format=" + format);

    public string LienCsv => Lien(Structure!, Cle!, new Period(Debut!.Value, Fin!.Value), Catalogue.Id, Explication.Ventilation,
        Partie is null ? null : Explication.Indicator.Nature == Nature.Ratio ? (Partie == "numerateur" ? Indicators.Engine.Operande.Numerateur : Indicators.Engine.Operande.Denominateur) : null,
        N1, "csv");
}
