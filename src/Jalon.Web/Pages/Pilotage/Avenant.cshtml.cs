using Jalon.Domain.Pilotage;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Pilotage;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>The avenant of a dialogue's year (fiche n°4), printable and as a PDF (<c>format=pdf</c>); a draft until the dialogue is concluded.</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class AvenantModel(JalonDbContext db, IndicateursPilotage indicateurs, ChromiumPdf chromium, IRazorViewEngine vues, IWebHostEnvironment environnement) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Structure { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public Avenant? Avenant { get; private set; }

    /// <summary>The avenant as this user reads it (targets with their units; references through statistical secrecy for the State).</summary>
    public AvenantAffiche? Affiche { get; private set; }
    public string? Erreur { get; private set; }
    /// <summary>Why the PDF could not be produced (the page is then shown, with status 503, for the browser's print).</summary>
    public string? ErreurPdf { get; private set; }

    public string LienPdf => $"/Pilotage/Avenant?structure={Uri.EscapeDataString(Structure)}&annee={Annee}&format=pdf";

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        var repo = new PilotageRepository(db);
        var dialogue = await repo.DialogueAsync(Structure, Annee);
        if (dialogue is null) return NotFound();
        if (!Habilitations.PeutLire(acteur, dialogue.Structure, dialogue.Region)) return Forbid();
        var convention = await repo.ConventionAsync(Structure, Annee);
        if (convention is null)
        {
            Erreur = "Aucune convention pluriannuelle n'est enregistrée pour cette Mission locale : l'avenant ne peut pas être établi.";
            return Page();
        }
        var s = await db.Structures.AsNoTracking().FirstAsync(x => x.Code == Structure);
        var c = await db.Conventions.AsNoTracking().FirstAsync(x => x.Id == convention.Id);
        var adresse = string.Join(" ", new[] { s.Adresse, s.CodePostal, s.Commune }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var association = new Association(s.Nom, adresse, s.Email ?? "", s.Telephone ?? "", c.StatutJuridique, c.Siret, c.CodeApe);
        try
        {
            var planAction = await new Storage.Plans.PlanRepository(db).PlanAsync(dialogue.Id);
            Avenant = Avenant.Etablir(dialogue, convention, association, $"Le Préfet de la région {Libelles.Region(dialogue.Region)}, représenté par le directeur régional de l'économie, de l'emploi, du travail et des solidarités", planAction);
        }
        catch (PilotageException e)
        {
            Erreur = e.Message;
        }
        if (Avenant is null) return Page();
        Affiche = AvenantAffiche.Pour(Avenant, dialogue, indicateurs, User);
        return Format == "pdf" ? await PdfAsync(Affiche) : Page();
    }

    /// <summary>The same avenant (same partial, same print stylesheet) printed by Chromium; audited once produced.</summary>
    private async Task<IActionResult> PdfAsync(AvenantAffiche affiche)
    {
        var avenant = affiche.Avenant;
        var html = await this.RendreAsync(vues, "/Pages/Pilotage/_AvenantPdf.cshtml", new AvenantPdf(affiche, ChromiumPdf.FeuillesDeStyle(environnement)));
        return await this.PdfOuPageAsync(chromium, html, $"avenant-{Structure}-{Annee}.pdf", e => ErreurPdf = e, async () =>
        {
            Audit.Add(db, User, AuditAction.Export, "avenant", Structure, null,
                    $"avenant {avenant.Annee} n° {avenant.Numero}{(avenant.EstProjet ? " (projet)" : "")} (pdf)");
            await db.SaveChangesAsync();
        });
    }
}

/// <summary>The model of the document printed to PDF.</summary>
public sealed record AvenantPdf(AvenantAffiche Affiche, IReadOnlyList<Uri> FeuillesDeStyle);

/// <summary>One target of the avenant's annex as written: ratio, reference of the year analysed, target, comment.</summary>
public sealed record LigneObjectif(string Cle, string Libelle, string Reference, string Cible, string? Commentaire);

/// <summary>
/// The avenant as a user reads it — the one model of the page and the PDF: the targets in the catalogue's units, and
/// their references as the dialogue page shows them (through statistical secrecy for the aggregate-only roles).
/// </summary>
public sealed record AvenantAffiche(Avenant Avenant, IReadOnlyList<LigneObjectif> Objectifs)
{
    public static AvenantAffiche Pour(Avenant avenant, DialogueDeGestion dialogue, IndicateursPilotage indicateurs, System.Security.Claims.ClaimsPrincipal user)
    {
        var grille = indicateurs.Catalogues.Defaut;
        Jalon.Indicators.Secret.Publication? publication = user.Secret()
            ? indicateurs.Publier(user, grille, Domain.Period.Year(DialogueModel.AnneeAnalysee(grille, dialogue)), [dialogue.Structure], avecN1: false)
            : null;
        var lignes = avenant.Objectifs.Select(o =>
        {
            if (!grille.TryGet(o.Ratio, out var d)) return new LigneObjectif(o.Ratio, o.Ratio, "—", o.Cible.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Commentaire);
            var reference = publication is not null
                ? Affichage.Publie(d.Unite, publication.Valeur(Jalon.Indicators.Engine.Level.Structure, dialogue.Structure, o.Ratio))
                : o.Reference is { } x ? Affichage.Valeur(d.Unite, x) : "—";
            return new LigneObjectif(d.Cle, d.LibelleCourt, reference, Affichage.Valeur(d.Unite, o.Cible), o.Commentaire);
        }).ToList();
        return new AvenantAffiche(avenant, lignes);
    }
}
