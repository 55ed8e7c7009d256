using System.Text.Json;
using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Referentiels;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Structures;

/// <summary>First receptions and contacts recorded at a site over a period (contacts without a site are under <c>null</c>).</summary>
public sealed record ActiviteSite(string? SiteId, int Contacts, int Entretiens, int PremiersAccueils, int Jeunes);

/// <summary>
/// Loads and saves the structure side (profile, territory, sites, staff register, BRH, budget, context) as the records of
/// Jalon.Domain.Structures: the one place that converts rows ↔ domain. Every write is audited (who, when, what) in the
/// same transaction. Every method takes the structure code: access control is the caller's (the pages' policies).
/// </summary>
public sealed class StructureRepository(JalonDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // ---- Profile (dated versions) ----

    /// <summary>Every version of the profile, oldest first.</summary>
    public async Task<IReadOnlyList<ProfilVersion>> ProfilHistoriqueAsync(string structure, CancellationToken ct = default) =>
        (await db.ProfilVersions.AsNoTracking().Where(p => p.StructureCode == structure)
            .OrderBy(p => p.ValableDu).ThenBy(p => p.SaisiLe).ThenBy(p => p.Id).ToListAsync(ct))
        .Select(ToDomain).ToList();

    /// <summary>The profile in force on a day (<see cref="ProfilHistorique.AsOf"/>), null before the first version.</summary>
    public async Task<ProfilVersion?> ProfilAsync(string structure, DateOnly day, CancellationToken ct = default) =>
        ProfilHistorique.AsOf(await ProfilHistoriqueAsync(structure, ct), day);

    /// <summary>
    /// Records a new version of the profile valid from <paramref name="valableDu"/> (earlier versions are kept: the
    /// history). Returns the problems (field, French message) and saves nothing when there are any.
    /// </summary>
    public async Task<IReadOnlyList<(string Champ, string Message)>> EnregistrerProfilAsync(
        string structure, DateOnly valableDu, ProfilStructure profil, int? userId, string? login, CancellationToken ct = default)
    {
        var problemes = profil.Problemes();
        if (problemes.Count > 0) return problemes;
        db.ProfilVersions.Add(new ProfilVersionEntity
        {
            StructureCode = structure, ValableDu = valableDu, RaisonSociale = profil.RaisonSociale, Type = profil.Type, Siret = profil.Siret,
            Adresse = profil.Adresse, BoitePostale = profil.BoitePostale, CodePostal = profil.CodePostal, Commune = profil.Commune, Ville = profil.Ville,
            CodeCedex = profil.CodeCedex, Telephones = JsonSerializer.Serialize(profil.Telephones, Json), Email = profil.Email, SiteWeb = profil.SiteWeb,
            President = profil.President, Directeur = profil.Directeur, Colleges = JsonSerializer.Serialize(profil.Colleges, Json),
            DateCreation = profil.DateCreation, SaisiLe = DateTime.UtcNow, SaisiParId = userId, SaisiPar = login,
        });
        Audit(structure, AuditAction.Modification, "profil", $"profil valable du {valableDu:yyyy-MM-dd}", userId, login);
        await db.SaveChangesAsync(ct);
        return [];
    }

    private static ProfilVersion ToDomain(ProfilVersionEntity e) => new(e.ValableDu, new ProfilStructure
    {
        RaisonSociale = e.RaisonSociale, Type = e.Type, Siret = e.Siret, Adresse = e.Adresse, BoitePostale = e.BoitePostale, CodePostal = e.CodePostal,
        Commune = e.Commune, Ville = e.Ville, CodeCedex = e.CodeCedex, Telephones = JsonSerializer.Deserialize<Telephone[]>(e.Telephones, Json) ?? [],
        Email = e.Email, SiteWeb = e.SiteWeb, President = e.President, Directeur = e.Directeur,
        Colleges = JsonSerializer.Deserialize<College[]>(e.Colleges, Json) ?? [], DateCreation = e.DateCreation,
    }, DateTime.SpecifyKind(e.SaisiLe, DateTimeKind.Utc), e.SaisiPar);

    // ---- Territory ----

    /// <summary>The communes covered, every period (structure index 0).</summary>
    public async Task<IReadOnlyList<TerritoireCommune>> TerritoireAsync(string structure, CancellationToken ct = default) =>
        (await db.TerritoireCommunes.AsNoTracking().Where(t => t.StructureCode == structure).OrderBy(t => t.Commune).ThenBy(t => t.Debut).ToListAsync(ct))
        .Select(t => new TerritoireCommune(0, t.Commune, t.Debut, t.Fin)).ToList();

    /// <summary>The territory covered on a day, computed with the embedded COG.</summary>
    public async Task<TerritoireCalcule> TerritoireCalculeAsync(string structure, DateOnly day, CancellationToken ct = default) =>
        TerritoireCalcule.Of(await TerritoireAsync(structure, ct), day, InseeData.Instance);

    /// <summary>Replaces the communes covered (what the territory form saves), audited.</summary>
    public async Task EnregistrerTerritoireAsync(string structure, IEnumerable<TerritoireCommune> communes, int? userId, string? login, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TerritoireCommunes.Where(t => t.StructureCode == structure).ExecuteDeleteAsync(ct);
        var rows = communes.Select(c => new TerritoireCommuneEntity { StructureCode = structure, Commune = c.Commune, Debut = c.Debut, Fin = c.Fin }).ToList();
        db.TerritoireCommunes.AddRange(rows);
        Audit(structure, AuditAction.Modification, "territoire", $"{rows.Count} période(s) de communes couvertes", userId, login);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The communes of this structure also covered by another structure at a same date: (commune, other structure, from).</summary>
    public async Task<IReadOnlyList<(string Commune, string AutreStructure, DateOnly Depuis)>> ChevauchementsAsync(string structure, CancellationToken ct = default)
    {
        var mine = await db.TerritoireCommunes.AsNoTracking().Where(t => t.StructureCode == structure).ToListAsync(ct);
        var communes = mine.Select(t => t.Commune).Distinct().ToList();
        var others = await db.TerritoireCommunes.AsNoTracking().Where(t => t.StructureCode != structure && communes.Contains(t.Commune)).ToListAsync(ct);
        var codes = new List<string> { structure };
        codes.AddRange(others.Select(o => o.StructureCode).Distinct());
        var index = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var rows = mine.Concat(others).Select(t => new TerritoireCommune(index[t.StructureCode], t.Commune, t.Debut, t.Fin));
        return Territoires.Chevauchements(rows).Where(c => c.StructureA == 0 || c.StructureB == 0)
            .Select(c => (c.Commune, codes[c.StructureA == 0 ? c.StructureB : c.StructureA], c.Depuis)).ToList();
    }

    /// <summary>The figures the director declared, in force on a day (latest version dated on or before it).</summary>
    public async Task<TerritoireDeclare?> DeclarationAsync(string structure, DateOnly day, CancellationToken ct = default)
    {
        var e = await db.TerritoireDeclarations.AsNoTracking().Where(d => d.StructureCode == structure && d.Date <= day)
            .OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        return e is null ? null : new TerritoireDeclare
        {
            Date = e.Date, CogYear = e.CogYear, Communes = e.Communes, Epcis = e.Epcis,
            EpcisListes = JsonSerializer.Deserialize<EpciDeclare[]>(e.EpcisListes, Json) ?? [],
            Population = e.Population, Population1625 = e.Population1625, TauxChomage = e.TauxChomage, TauxChomage1625 = e.TauxChomage1625,
        };
    }

    public async Task EnregistrerDeclarationAsync(string structure, TerritoireDeclare declare, int? userId, string? login, CancellationToken ct = default)
    {
        db.TerritoireDeclarations.Add(new TerritoireDeclarationEntity
        {
            StructureCode = structure, Date = declare.Date, CogYear = declare.CogYear, Communes = declare.Communes, Epcis = declare.Epcis,
            EpcisListes = JsonSerializer.Serialize(declare.EpcisListes, Json), Population = declare.Population, Population1625 = declare.Population1625,
            TauxChomage = declare.TauxChomage, TauxChomage1625 = declare.TauxChomage1625, SaisiLe = DateTime.UtcNow, SaisiPar = login,
        });
        Audit(structure, AuditAction.Modification, "territoire déclaré", $"déclaration au {declare.Date:yyyy-MM-dd}", userId, login);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Declared against computed, on a day: every discrepancy (<see cref="Territoires.Ecarts"/>); empty without a declaration.</summary>
    public async Task<IReadOnlyList<EcartTerritoire>> EcartsTerritoireAsync(string structure, DateOnly day, CancellationToken ct = default) =>
        await DeclarationAsync(structure, day, ct) is { } declare
            ? Territoires.Ecarts(declare, await TerritoireCalculeAsync(structure, day, ct))
            : [];

    // ---- Sites ----

    public async Task<IReadOnlyList<Site>> SitesAsync(string structure, CancellationToken ct = default) =>
        (await db.Sites.AsNoTracking().Where(s => s.StructureCode == structure).OrderBy(s => s.Type).ThenBy(s => s.Nom).ToListAsync(ct))
        .Select(s => new Site(0, s.SiteId, s.Type, s.Nom, s.Commune, s.Adresse, s.CodePostal, s.Horaires, s.EspaceRessources, s.Debut, s.Fin)).ToList();

    /// <summary>Adds or updates a site (by its id), audited.</summary>
    public async Task EnregistrerSiteAsync(string structure, Site site, int? userId, string? login, CancellationToken ct = default)
    {
        var e = await db.Sites.FirstOrDefaultAsync(s => s.StructureCode == structure && s.SiteId == site.Id, ct);
        var action = e is null ? AuditAction.Creation : AuditAction.Modification;
        if (e is null)
        {
            e = new SiteEntity { StructureCode = structure, SiteId = site.Id, Nom = site.Nom, Commune = site.Commune };
            db.Sites.Add(e);
        }
        (e.Type, e.Nom, e.Commune, e.Adresse, e.CodePostal, e.Horaires, e.EspaceRessources, e.Debut, e.Fin) =
            (site.Type, site.Nom, site.Commune, site.Adresse, site.CodePostal, site.Horaires, site.EspaceRessources, site.Debut, site.Fin);
        Audit(structure, action, "site", site.Id, userId, login);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Contacts, interviews, first receptions (an interview on the young person's first-reception day) and young people
    /// met, per site, over a period: what the structure's dashboard shows. Contacts without a site are under null.
    /// </summary>
    public async Task<IReadOnlyList<ActiviteSite>> ActiviteParSiteAsync(string structure, Period period, CancellationToken ct = default)
    {
        var rows = await (from c in db.Contacts.AsNoTracking()
                          join j in db.Jeunes.AsNoTracking() on new { c.StructureCode, c.JeuneId } equals new { j.StructureCode, j.JeuneId }
                          where c.StructureCode == structure && c.Date >= period.Debut && c.Date <= period.Fin
                          select new { c.SiteId, c.JeuneId, c.Mode, Premier = c.Date == j.PremierAccueil })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.SiteId)
            .Select(g => new ActiviteSite(g.Key, g.Count(), g.Count(r => r.Mode == ModeContact.Entretien),
                g.Where(r => r.Premier && r.Mode == ModeContact.Entretien).Select(r => r.JeuneId).Distinct().Count(),
                g.Select(r => r.JeuneId).Distinct().Count()))
            .OrderBy(a => a.SiteId is null).ThenBy(a => a.SiteId, StringComparer.Ordinal).ToList();
    }

    // ---- Staff register ----

    public async Task<IReadOnlyList<(long Id, MembrePersonnel Membre)>> PersonnelAsync(string structure, CancellationToken ct = default) =>
        (await db.Personnel.AsNoTracking().Where(p => p.StructureCode == structure).OrderBy(p => p.Nom).ToListAsync(ct))
        .Select(p => (p.Id, new MembrePersonnel(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Nom, p.Sexe, p.Statut, p.Contrat,
            p.TempsPlein, p.Etp, p.Metier, p.Debut, p.Fin, p.ContratAide, p.Origine, p.SiteId, p.UserId))).ToList();

    /// <summary>Adds (<paramref name="id"/> null) or updates a person of the register; returns its id.</summary>
    public async Task<long> EnregistrerMembreAsync(string structure, long? id, MembrePersonnel m, int? userId, string? login, CancellationToken ct = default)
    {
        var e = id is null ? null : await db.Personnel.FirstOrDefaultAsync(p => p.StructureCode == structure && p.Id == id, ct);
        if (id is not null && e is null) throw new KeyNotFoundException($"Personne {id} absente du registre de {structure}.");
        if (e is null)
        {
            e = new PersonnelEntity { StructureCode = structure, Nom = m.Nom };
            db.Personnel.Add(e);
        }
        (e.Nom, e.Sexe, e.Statut, e.Contrat, e.TempsPlein, e.Etp, e.Metier, e.ContratAide, e.Origine, e.SiteId, e.UserId, e.Debut, e.Fin) =
            (m.Nom, m.Sexe, m.Statut, m.Contrat, m.TempsPlein, m.Etp, m.Metier, m.ContratAide, m.Origine, m.Site, m.UserId, m.Debut, m.Fin);
        Audit(structure, id is null ? AuditAction.Creation : AuditAction.Modification, "personnel", m.Nom, userId, login);
        await db.SaveChangesAsync(ct);
        return e.Id;
    }

    // ---- Staff table (BRH) ----

    public async Task<IReadOnlyList<BrhLigne>> BrhAsync(string structure, int annee, CancellationToken ct = default) =>
        (await db.BrhLignes.AsNoTracking().Where(b => b.StructureCode == structure && b.Annee == annee).ToListAsync(ct))
        .Select(b => new BrhLigne(0, b.Annee, b.Code, b.Femmes, b.Hommes, b.Total)).OrderBy(b => BrhCodes.RankOf(b.Code)).ToList();

    /// <summary>The years that have a staff table, most recent first.</summary>
    public async Task<IReadOnlyList<int>> AnneesBrhAsync(string structure, CancellationToken ct = default) =>
        await db.BrhLignes.AsNoTracking().Where(b => b.StructureCode == structure).Select(b => b.Annee).Distinct().OrderByDescending(a => a).ToListAsync(ct);

    /// <summary>The staff table pre-filled from the staff register (people present on 31 December).</summary>
    public async Task<IReadOnlyList<BrhLigne>> BrhPreRempliAsync(string structure, int annee, CancellationToken ct = default) =>
        BrhPrefill.From((await PersonnelAsync(structure, ct)).Select(p => p.Membre), 0, annee);

    /// <summary>
    /// Replaces a year's staff table (unknown codes are refused, headings dropped: not data) and returns its roll-up
    /// inconsistencies — anomalies: the table is saved anyway.
    /// </summary>
    public async Task<IReadOnlyList<BrhEcart>> EnregistrerBrhAsync(string structure, int annee, IEnumerable<BrhLigne> rows, int? userId, string? login,
        CancellationToken ct = default)
    {
        var list = rows.ToList();
        if (list.FirstOrDefault(r => BrhCodes.Find(r.Code) is null) is { Code: var unknown } && unknown is not null)
            throw new ArgumentException($"Code BRH inconnu : {unknown}.", nameof(rows));
        list = list.Where(r => BrhCodes.Find(r.Code) is { IsTitre: false }).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.BrhLignes.Where(b => b.StructureCode == structure && b.Annee == annee).ExecuteDeleteAsync(ct);
        db.BrhLignes.AddRange(list.Select(r => new BrhLigneEntity
        {
            StructureCode = structure, Annee = annee, Code = r.Code, Femmes = r.Femmes, Hommes = r.Hommes, Total = r.Total,
        }));
        var ecarts = Brh.Check(list);
        Audit(structure, AuditAction.Modification, "brh", $"BRH {annee} : {list.Count} lignes, {ecarts.Count} incohérence(s)", userId, login);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ecarts;
    }

    // ---- Budget ----

    public async Task<IReadOnlyList<BudgetLigne>> BudgetAsync(string structure, int annee, CancellationToken ct = default) =>
        (await db.BudgetLignes.AsNoTracking().Where(b => b.StructureCode == structure && b.Annee == annee).OrderBy(b => b.Id).ToListAsync(ct))
        .Select(b => new BudgetLigne(0, b.Annee, b.Financeur, b.Nature, b.Montant)).ToList();

    /// <summary>The years that have a budget, most recent first.</summary>
    public async Task<IReadOnlyList<int>> AnneesBudgetAsync(string structure, CancellationToken ct = default) =>
        await db.BudgetLignes.AsNoTracking().Where(b => b.StructureCode == structure).Select(b => b.Annee).Distinct().OrderByDescending(a => a).ToListAsync(ct);

    /// <summary>
    /// Replaces a year's budget and returns its declared totals that do not match (anomalies). A line whose funder does not
    /// fit its nature is refused (<see cref="ArgumentException"/>, French message).
    /// </summary>
    public async Task<IReadOnlyList<(NatureBudget Nature, string Message)>> EnregistrerBudgetAsync(string structure, int annee, IEnumerable<BudgetLigne> lines,
        int? userId, string? login, CancellationToken ct = default)
    {
        var list = lines.ToList();
        foreach (var l in list)
        {
            if (l.Nature.NeedsFinanceur() && l.Financeur is null)
                throw new ArgumentException($"Financeur obligatoire pour la nature {Codes.Of(l.Nature)}.", nameof(lines));
            if (l.Nature.RefusesFinanceur() && l.Financeur is not null)
                throw new ArgumentException($"Une charge ou un total n'a pas de financeur ({Codes.Of(l.Nature)}).", nameof(lines));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.BudgetLignes.Where(b => b.StructureCode == structure && b.Annee == annee).ExecuteDeleteAsync(ct);
        db.BudgetLignes.AddRange(list.Select(l => new BudgetLigneEntity
        {
            StructureCode = structure, Annee = annee, Financeur = l.Financeur, Nature = l.Nature, Montant = l.Montant,
        }));
        var anomalies = Budgets.CheckTotals(Budgets.Of(0, annee, list));
        Audit(structure, AuditAction.Modification, "budget", $"budget {annee} : {list.Count} lignes", userId, login);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return anomalies;
    }

    // ---- Context ----

    /// <summary>The context figures (of one year, or all), by year, category, label and zone.</summary>
    public async Task<IReadOnlyList<ContexteLigne>> ContexteAsync(string structure, int? annee = null, CancellationToken ct = default) =>
        (await db.Contexte.AsNoTracking().Where(c => c.StructureCode == structure && (annee == null || c.Annee == annee)).ToListAsync(ct))
        .Select(c => new ContexteLigne(0, c.Annee, c.Categorie, c.Indicateur, c.Zone, c.Valeur, c.Unite, c.Source, c.Date))
        .OrderBy(c => c.Annee).ThenBy(c => c.Categorie).ThenBy(c => c.Indicateur, StringComparer.Ordinal).ThenBy(c => c.Zone, StringComparer.Ordinal).ToList();

    /// <summary>The years that have context figures, most recent first.</summary>
    public async Task<IReadOnlyList<int>> AnneesContexteAsync(string structure, CancellationToken ct = default) =>
        await db.Contexte.AsNoTracking().Where(c => c.StructureCode == structure).Select(c => c.Annee).Distinct().OrderByDescending(a => a).ToListAsync(ct);

    /// <summary>Replaces a year's context figures, audited.</summary>
    public async Task EnregistrerContexteAsync(string structure, int annee, IEnumerable<ContexteLigne> lines, int? userId, string? login, CancellationToken ct = default)
    {
        var list = lines.ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Contexte.Where(c => c.StructureCode == structure && c.Annee == annee).ExecuteDeleteAsync(ct);
        db.Contexte.AddRange(list.Select(c => new ContexteEntity
        {
            StructureCode = structure, Annee = annee, Categorie = c.Categorie, Indicateur = c.Indicateur, Zone = c.Zone, Valeur = c.Valeur,
            Unite = c.Unite, Source = c.Source, Date = c.Date,
        }));
        Audit(structure, AuditAction.Modification, "contexte", $"contexte {annee} : {list.Count} éléments", userId, login);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    // ---- Effective moyens ----

    /// <summary>The moyens the indicators read for a structure-year, with moyens.csv's values where the BRH or budget disagree.</summary>
    public async Task<MoyensEffectifs> MoyensEffectifsAsync(string structure, int annee, CancellationToken ct = default)
    {
        var m = await db.Moyens.AsNoTracking().FirstOrDefaultAsync(x => x.StructureCode == structure && x.Annee == annee, ct);
        var declared = m is null ? (Moyens?)null : new Moyens(0, annee, m.Jano, m.Defm, m.EtpTotal, m.EtpAccompagnement, m.FinancementTotal,
            m.FinancementActivitesPrincipales, m.FinancementEtat, m.FinancementFse);
        return MoyensEffectifs.Of(0, annee, declared, await BrhAsync(structure, annee, ct), await BudgetAsync(structure, annee, ct));
    }

    private void Audit(string structure, AuditAction action, string entity, string detail, int? userId, string? login) =>
        db.AuditLog.Add(new AuditEntry { StructureCode = structure, Action = action, Entity = entity, Detail = detail, UserId = userId, UserLogin = login });
}
