using Jalon.Domain;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Cej;

/// <summary>Who acts (for the audit log and the validation stamps).</summary>
public sealed record Acteur(int? UserId, string Login);

/// <summary>A refused change of an allowance (a frozen month, a month without a CEJ…), in French.</summary>
public sealed class AllocationRefuseeException(string message) : InvalidOperationException(message);

/// <summary>One line of the ASP's return file, as the store applies it.</summary>
public sealed record RetourAllocation(int Ligne, string Jeune, DateOnly Mois, bool Payee, string? Motif);

/// <summary>
/// The CEJ week and the allowance over the database (docs/cej.md): the hours credited to a young person, the weeks, and the
/// allowance's workflow — counsellor validation (computed from the rule set), director validation (frozen), the ASP request, the
/// ASP's returns. Every change is audited in the same save. Pure rules are in <c>Jalon.Domain.Cej</c>.
/// </summary>
public sealed class CejStore(JalonDbContext db, ReglesDispositifs regles)
{
    public const string EntiteSemaine = "cej-semaine";
    public const string EntiteAllocation = "cej-allocation";
    public const string EntiteActivite = "cej-activité";

    /// <summary>The CEJ paths of a young person, oldest first.</summary>
    public Task<List<ParcoursEntity>> ContratsAsync(string structure, string jeune, CancellationToken ct = default) =>
        db.Parcours.AsNoTracking().Where(p => p.StructureCode == structure && p.JeuneId == jeune && p.Dispositif == Dispositif.Cej)
            .OrderBy(p => p.Debut).ToListAsync(ct);

    /// <summary>The hours credited to a young person between two days: done actions, appointments and collective sessions attended.</summary>
    public async Task<List<HeuresDatees>> CreditsAsync(string structure, string jeune, DateOnly debut, DateOnly fin, CancellationToken ct = default)
    {
        var actions = await db.CejActivites.AsNoTracking()
            .Where(a => a.StructureCode == structure && a.JeuneId == jeune && a.Etat == EtatActivite.Realisee && a.Date >= debut && a.Date <= fin)
            .Select(a => new { a.Date, a.Heures }).ToListAsync(ct);
        var rdv = await db.CejRendezVous.AsNoTracking()
            .Where(r => r.StructureCode == structure && r.JeuneId == jeune && r.Presence == Presence.Present && r.Date >= debut && r.Date <= fin)
            .Select(r => new { r.Date, r.Heures }).ToListAsync(ct);
        var sessions = await (from p in db.CejParticipants.AsNoTracking()
                              join s in db.CejSessions.AsNoTracking() on p.SessionId equals s.Id
                              where p.StructureCode == structure && p.JeuneId == jeune && p.Presence == Presence.Present && s.Date >= debut && s.Date <= fin
                              select new { s.Date, s.Heures }).ToListAsync(ct);
        return [.. actions.Select(a => new HeuresDatees(a.Date, a.Heures)), .. rdv.Select(r => new HeuresDatees(r.Date, r.Heures)),
            .. sessions.Select(s => new HeuresDatees(s.Date, s.Heures))];
    }

    /// <summary>The weeks of a contract, most recent first, with the validated hours.</summary>
    public async Task<List<SemaineCej>> SemainesAsync(string structure, string jeune, ParcoursEntity contrat, DateOnly today, CancellationToken ct = default)
    {
        var last = contrat.Fin is { } f && f < today ? f : today;
        var credits = await CreditsAsync(structure, jeune, contrat.Debut, last, ct);
        var validees = await db.CejSemaines.AsNoTracking()
            .Where(s => s.StructureCode == structure && s.JeuneId == jeune && s.Lundi >= SemainesCej.Lundi(contrat.Debut) && s.Lundi <= last)
            .ToDictionaryAsync(s => s.Lundi, s => s.HeuresDeclarees, ct);
        return SemainesCej.Build(regles, contrat.Debut, contrat.Fin, today, credits, validees);
    }

    /// <summary>
    /// The last weeks (from <paramref name="today"/> − 3 weeks) of many contracts at once, for the portfolio's alerts: three reads for
    /// the whole portfolio, by young person.
    /// </summary>
    public async Task<Dictionary<string, List<SemaineCej>>> DernieresSemainesAsync(
        string structure, IReadOnlyList<(string Jeune, DateOnly Debut, DateOnly? Fin)> contrats, DateOnly today, CancellationToken ct = default)
    {
        var result = new Dictionary<string, List<SemaineCej>>(StringComparer.Ordinal);
        if (contrats.Count == 0) return result;
        var depuis = SemainesCej.Lundi(today).AddDays(-21);
        var ids = contrats.Select(c => c.Jeune).Distinct().ToList();
        var actions = await db.CejActivites.AsNoTracking()
            .Where(a => a.StructureCode == structure && ids.Contains(a.JeuneId) && a.Etat == EtatActivite.Realisee && a.Date >= depuis && a.Date <= today)
            .Select(a => new { a.JeuneId, a.Date, a.Heures }).ToListAsync(ct);
        var rdv = await db.CejRendezVous.AsNoTracking()
            .Where(r => r.StructureCode == structure && ids.Contains(r.JeuneId) && r.Presence == Presence.Present && r.Date >= depuis && r.Date <= today)
            .Select(r => new { r.JeuneId, r.Date, r.Heures }).ToListAsync(ct);
        var sessions = await (from p in db.CejParticipants.AsNoTracking()
                              join s in db.CejSessions.AsNoTracking() on p.SessionId equals s.Id
                              where p.StructureCode == structure && ids.Contains(p.JeuneId) && p.Presence == Presence.Present && s.Date >= depuis && s.Date <= today
                              select new { p.JeuneId, s.Date, s.Heures }).ToListAsync(ct);
        var validees = await db.CejSemaines.AsNoTracking()
            .Where(s => s.StructureCode == structure && ids.Contains(s.JeuneId) && s.Lundi >= depuis)
            .Select(s => new { s.JeuneId, s.Lundi, s.HeuresDeclarees }).ToListAsync(ct);
        var credits = actions.Concat(rdv).Concat(sessions).ToLookup(x => x.JeuneId, x => new HeuresDatees(x.Date, x.Heures));
        var weeks = validees.ToLookup(v => v.JeuneId);
        foreach (var (jeune, debut, fin) in contrats)
        {
            result[jeune] = SemainesCej.Build(regles, debut > depuis ? debut : depuis, fin, today, credits[jeune],
                weeks[jeune].ToDictionary(w => w.Lundi, w => w.HeuresDeclarees));
        }
        return result;
    }

    /// <summary>Declares and validates the hours of a week (again: the new value replaces the old one, both audited).</summary>
    public async Task ValiderSemaineAsync(string structure, string jeune, DateOnly jour, decimal heures, Acteur par, CancellationToken ct = default)
    {
        if (heures < 0 || heures > 24 * 7) throw new AllocationRefuseeException("Les heures d'une semaine vont de 0 à 168.");
        var lundi = SemainesCej.Lundi(jour);
        var row = await db.CejSemaines.FirstOrDefaultAsync(s => s.StructureCode == structure && s.JeuneId == jeune && s.Lundi == lundi, ct);
        var avant = row?.HeuresDeclarees;
        if (row is null)
        {
            row = new CejSemaineEntity { StructureCode = structure, JeuneId = jeune, Lundi = lundi, ValideePar = par.Login };
            db.CejSemaines.Add(row);
        }
        row.HeuresDeclarees = heures;
        row.ValideeLe = DateTime.UtcNow;
        row.ValideePar = par.Login;
        Audit(par, avant is null ? AuditAction.Creation : AuditAction.Modification, EntiteSemaine, structure, jeune,
            $"semaine du {lundi:dd/MM/yyyy} validée : {heures:0.##} h" + (avant is { } a ? $" (avant : {a:0.##} h)" : ""));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The counsellor validates a month's allowance: the amount is computed from the rule set now and stored with its inputs.
    /// Refused once the director validated the month (frozen) and for a month without a CEJ of the young person.
    /// </summary>
    public async Task<CejAllocationEntity> ValiderConseillerAsync(
        string structure, string jeune, DateOnly mois, FoyerFiscal foyer, decimal autresRevenus, bool rsaOuPrime, int absences, Acteur par,
        CancellationToken ct = default)
    {
        mois = Allocation.MoisDe(mois);
        var person = await db.Jeunes.AsNoTracking().FirstOrDefaultAsync(j => j.StructureCode == structure && j.JeuneId == jeune, ct)
            ?? throw new AllocationRefuseeException("Jeune inconnu dans cette structure.");
        var finMois = mois.AddMonths(1).AddDays(-1);
        var contrat = (await ContratsAsync(structure, jeune, ct)).LastOrDefault(c => c.Debut <= finMois && (c.Fin is not { } f || f >= mois))
            ?? throw new AllocationRefuseeException($"Pas de contrat d'engagement jeune en cours en {mois:MM/yyyy} : pas d'allocation.");
        var row = await db.CejAllocations.FirstOrDefaultAsync(a => a.StructureCode == structure && a.JeuneId == jeune && a.Mois == mois, ct);
        if (row is not null && row.Statut != StatutAllocation.ValideConseiller)
            throw new AllocationRefuseeException($"L'allocation de {mois:MM/yyyy} est validée par la direction : elle est figée.");
        var anterieures = await db.CejAllocations.AsNoTracking()
            .Where(a => a.StructureCode == structure && a.JeuneId == jeune && a.Mois < mois && a.Mois >= Allocation.MoisDe(contrat.Debut))
            .SumAsync(a => a.AbsencesInjustifiees, ct);
        MontantAllocation montant;
        try
        {
            montant = Allocation.Calculer(regles, new EntreeAllocation(mois, person.Naissance, foyer, autresRevenus, rsaOuPrime, absences, anterieures));
        }
        catch (ArgumentException e)
        {
            throw new AllocationRefuseeException(e.Message.Split(" (Parameter", 2)[0]);
        }
        var creation = row is null;
        row ??= db.CejAllocations.Add(new CejAllocationEntity
        {
            StructureCode = structure, JeuneId = jeune, Mois = mois, Situation = foyer.ToString(), ValideeConseillerPar = par.Login,
        }).Entity;
        row.Situation = foyer.ToString();
        row.AutresRevenusCentimes = (long)Math.Round(autresRevenus * 100m, MidpointRounding.AwayFromZero);
        row.RsaOuPrimeActivite = rsaOuPrime;
        row.AbsencesInjustifiees = absences;
        row.MontantCentimes = (long)Math.Round(montant.Montant * 100m, MidpointRounding.AwayFromZero);
        row.Calcul = montant.Calcul.Length > 1000 ? montant.Calcul[..1000] : montant.Calcul;
        row.Statut = StatutAllocation.ValideConseiller;
        row.ValideeConseillerLe = DateTime.UtcNow;
        row.ValideeConseillerPar = par.Login;
        Audit(par, creation ? AuditAction.Creation : AuditAction.Modification, EntiteAllocation, structure, jeune,
            $"allocation de {mois:MM/yyyy} validée par le conseiller : {Allocation.Euros(montant.Montant)}");
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>The director validates counsellor-validated months: they are frozen. Returns how many were validated.</summary>
    public async Task<int> ValiderDirecteurAsync(string structure, IReadOnlyCollection<long> ids, Acteur par, CancellationToken ct = default)
    {
        var rows = await db.CejAllocations.Where(a => a.StructureCode == structure && ids.Contains(a.Id)).ToListAsync(ct);
        var refusees = rows.Where(r => r.Statut != StatutAllocation.ValideConseiller).ToList();
        if (refusees.Count > 0 || rows.Count != ids.Count)
            throw new AllocationRefuseeException("Seules les allocations validées par le conseiller, et pas encore par la direction, peuvent l'être.");
        var now = DateTime.UtcNow;
        foreach (var r in rows)
        {
            r.Statut = StatutAllocation.ValideDirection;
            r.ValideeDirecteurLe = now;
            r.ValideeDirecteurPar = par.Login;
            Audit(par, AuditAction.Modification, EntiteAllocation, structure, r.JeuneId,
                $"allocation de {r.Mois:MM/yyyy} validée par la direction (figée) : {Allocation.Euros(r.MontantCentimes / 100m)}");
        }
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// The month's request to the ASP: the director-validated allowances not yet requested, and those already requested (a new
    /// download gives the same file), marked « demandée ». Audited as an export.
    /// </summary>
    public async Task<List<(CejAllocationEntity Allocation, JeuneEntity Jeune)>> DemanderAsync(string structure, DateOnly mois, Acteur par, CancellationToken ct = default)
    {
        mois = Allocation.MoisDe(mois);
        var rows = await (from a in db.CejAllocations
                          join j in db.Jeunes on new { a.StructureCode, a.JeuneId } equals new { j.StructureCode, j.JeuneId }
                          where a.StructureCode == structure && a.Mois == mois
                                && (a.Statut == StatutAllocation.ValideDirection || a.Statut == StatutAllocation.Demande)
                          orderby a.JeuneId
                          select new { a, j }).ToListAsync(ct);
        var now = DateTime.UtcNow;
        foreach (var r in rows.Where(r => r.a.Statut == StatutAllocation.ValideDirection))
        {
            r.a.Statut = StatutAllocation.Demande;
            r.a.DemandeeLe = now;
        }
        Audit(par, AuditAction.Export, EntiteAllocation, structure, null, $"demande à l'ASP de {mois:MM/yyyy} : {rows.Count} allocation(s)");
        await db.SaveChangesAsync(ct);
        return [.. rows.Select(r => (r.a, r.j))];
    }

    /// <summary>
    /// Applies the ASP's return file: all or nothing. Each line must answer a request of this structure (« demandée »); errors are
    /// <c>fichier:ligne: colonne: message</c>. Returns the errors (nothing written when there are any).
    /// </summary>
    public async Task<List<string>> AppliquerRetoursAsync(string structure, string fichier, IReadOnlyList<RetourAllocation> retours, Acteur par, CancellationToken ct = default)
    {
        var erreurs = new List<string>();
        var jeunes = retours.Select(r => r.Jeune).Distinct().ToList();
        var rows = await db.CejAllocations.Where(a => a.StructureCode == structure && jeunes.Contains(a.JeuneId)).ToListAsync(ct);
        var now = DateTime.UtcNow;
        var pending = new List<(CejAllocationEntity Row, RetourAllocation Retour)>();
        foreach (var r in retours)
        {
            var row = rows.FirstOrDefault(a => a.JeuneId == r.Jeune && a.Mois == Allocation.MoisDe(r.Mois));
            if (row is null)
                erreurs.Add($"{fichier}:{r.Ligne}: jeune: aucune allocation de {r.Jeune} en {r.Mois:yyyy-MM} dans cette structure");
            else if (row.Statut != StatutAllocation.Demande)
                erreurs.Add($"{fichier}:{r.Ligne}: statut: l'allocation de {r.Jeune} en {r.Mois:yyyy-MM} n'est pas en attente de l'ASP ({CejLibelles.Of(row.Statut)})");
            else pending.Add((row, r));
        }
        if (erreurs.Count > 0) return erreurs;
        foreach (var (row, r) in pending)
        {
            row.Statut = r.Payee ? StatutAllocation.Paye : StatutAllocation.Rejete;
            row.MotifRejet = r.Payee ? null : r.Motif;
            row.RetourLe = now;
            Audit(par, AuditAction.Import, EntiteAllocation, structure, row.JeuneId,
                $"retour de l'ASP pour {row.Mois:MM/yyyy} : " + (r.Payee ? "payée" : $"rejetée ({r.Motif})"));
        }
        await db.SaveChangesAsync(ct);
        return erreurs;
    }

    private void Audit(Acteur par, AuditAction action, string entity, string structure, string? jeune, string detail) =>
        db.AuditLog.Add(new AuditEntry
        {
            UserId = par.UserId, UserLogin = par.Login, Action = action, Entity = entity, StructureCode = structure, JeuneId = jeune,
            Detail = detail.Length > 500 ? detail[..500] : detail,
        });
}
