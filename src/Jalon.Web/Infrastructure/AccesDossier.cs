using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Infrastructure;

/// <summary>One line of the audit log about a file: who did what, when.</summary>
public sealed record ConsultationDossier(DateTime Le, string Par, string Action, string Objet, string? Detail);

/// <summary>
/// Everything Jalon holds on one young person (right of access, RGPD art. 15; docs/rgpd.md): identity, journey with every
/// event, comments and diagnostic domains, and who read or changed the file (from the audit log). The same content is
/// shown as a printable page, printed to PDF and written as JSON.
/// </summary>
public sealed class AccesDossier
{
    public required string Structure { get; init; }
    public required string NomStructure { get; init; }
    public required JourneyData Data { get; init; }
    public string? Conseiller { get; init; }
    public required IReadOnlyDictionary<int, string> Auteurs { get; init; }
    public required List<ConsultationDossier> Consultations { get; init; }

    /// <summary>UTC.</summary>
    public DateTime GenereLe { get; init; }

    public JeuneEntity Jeune => Data.Jeune;

    public static async Task<AccesDossier> LoadAsync(JalonDbContext db, JeuneEntity jeune)
    {
        var data = await JourneyData.LoadAsync(db, jeune);
        var s = jeune.StructureCode;
        var users = await db.Users.AsNoTracking().Where(u => u.StructureCode == s || u.StructureCode == null)
            .Select(u => new { u.Id, u.DisplayName, u.Login }).ToListAsync();
        var noms = users.ToDictionary(u => u.Id, u => $"{u.DisplayName} ({u.Login})");
        var audit = await db.AuditLog.AsNoTracking().Where(a => a.StructureCode == s && a.JeuneId == jeune.JeuneId).OrderBy(a => a.Id).ToListAsync();
        return new AccesDossier
        {
            Structure = s,
            NomStructure = await db.Structures.AsNoTracking().Where(x => x.Code == s).Select(x => x.Nom).FirstAsync(),
            Data = data,
            Conseiller = jeune.ConseillerId is { } c && noms.TryGetValue(c, out var nom) ? nom : null,
            Auteurs = noms,
            Consultations = audit.Select(a => new ConsultationDossier(a.At,
                a.UserId is { } id && noms.TryGetValue(id, out var n) ? n : a.UserLogin ?? "système", a.Action.Libelle(), a.Entity, a.Detail)).ToList(),
            GenereLe = DateTime.UtcNow,
        };
    }

    public string? Auteur(int? id) => id is { } i && Auteurs.TryGetValue(i, out var n) ? n : null;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The same content as JSON (UTF-8), French field names, French labels of the codes.</summary>
    public byte[] Json()
    {
        var j = Jeune;
        var document = new
        {
            document = "Données détenues sur une personne (droit d'accès, article 15 du RGPD)",
            genereLe = GenereLe.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            responsableDuTraitement = new { structure = Structure, nom = NomStructure },
            identite = new
            {
                identifiant = j.JeuneId, nom = j.Nom, prenom = j.Prenom, naissance = Libelles.Iso(j.Naissance), sexe = Libelles.Of(j.Sexe),
                niveau = Libelles.Of(j.Niveau), diplome = j.Diplome, commune = j.Commune, communeNom = Communes.Nom(j.Commune), qpv = j.Qpv, zrr = j.Zrr,
                premierAccueil = Libelles.Iso(j.PremierAccueil), telephone = j.Telephone, courriel = j.Email, conseillerReferent = Conseiller,
                creeLe = j.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                modifieLe = j.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
            parcours = new
            {
                contacts = Data.Contacts.Select(c => new
                {
                    date = Libelles.Iso(c.Date), mode = Libelles.Of(c.Mode), diagnosticApprofondi = c.Diagnostic, commentaire = c.Commentaire,
                    auteur = Auteur(c.AuteurId),
                    domainesDiagnostic = c.DiagnosticDomaines.OrderBy(d => d.Domaine)
                        .Select(d => new { domaine = Libelles.Of(d.Domaine), appreciation = Libelles.Of(d.Appreciation), observations = d.Note }),
                }),
                orientations = Data.Orientations.Select(o => new { date = Libelles.Iso(o.Date), operateur = Libelles.Of(o.Operateur) }),
                parcours = Data.Parcours.Select(p => new
                {
                    dispositif = Libelles.Of(p.Dispositif), debut = Libelles.Iso(p.Debut), fin = p.Fin is { } f ? Libelles.Iso(f) : null,
                    motifFin = p.MotifFin is { } m ? Libelles.Of(m) : null, neetAEntree = p.Neet,
                }),
                propositions = Data.Propositions.Select(p => new { date = Libelles.Iso(p.Date), theme = Libelles.Of(p.Theme) }),
                situations = Data.Situations.Select(s => new
                {
                    type = Libelles.Of(s.Type), debut = Libelles.Iso(s.Debut), fin = s.Fin is { } f ? Libelles.Iso(f) : null, dureePrevueJours = s.DureePrevueJours,
                }),
                droitCommun = Data.Droits.Select(d => new { date = Libelles.Iso(d.Date), domaine = Libelles.Of(d.Domaine) }),
                parrainages = Data.Parrainages.Select(p => new { debut = Libelles.Iso(p.Debut), fin = p.Fin is { } f ? Libelles.Iso(f) : null }),
            },
            consultationsEtModifications = Consultations.Select(c => new
            {
                le = c.Le.ToString("O", System.Globalization.CultureInfo.InvariantCulture), par = c.Par, action = c.Action, objet = c.Objet, detail = c.Detail,
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }
}
