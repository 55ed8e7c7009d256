using System.Data.Common;
using Jalon.Domain;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Storage.Exchange;

namespace Jalon.Storage.Cej;

/// <summary>
/// Moves the CEJ files of a package (activites.csv, allocations.csv; docs/cej.md, « Les fichiers d'échange ») in and out of
/// <c>CejActivites</c> and <c>CejAllocations</c>, inside the import's transaction or the loader's snapshot. For each
/// structure of the package, the rows that came from an earlier package (<c>Ref</c> = <see cref="RefPaquet"/>) are replaced
/// by the package's (an absent file means no rows, as for every event); the rows entered in Jalon (<c>Ref</c> null) are never
/// removed: a package row equal to one of them (an activity with the same day, category, hours, state and session; an
/// allowance of the same month) is that row and is not written twice, so that importing an export changes nothing.
/// </summary>
public static class CejExchange
{
    /// <summary>The <c>Ref</c> of a row loaded from a package.</summary>
    public const string RefPaquet = "paquet";

    /// <summary>The situation of an allowance loaded from a package: allocations.csv does not carry the tax household.</summary>
    public const string SituationInconnue = "INCONNUE";

    private static readonly string[] ActiviteColumns = ["StructureCode", "JeuneId", "Date", "Categorie", "Heures", "Etat", "Session", "Ref"];

    private static readonly string[] AllocationColumns =
    [
        "StructureCode", "JeuneId", "Mois", "Situation", "AutresRevenusCentimes", "RsaOuPrimeActivite", "AbsencesInjustifiees", "MontantCentimes",
        "Calcul", "Statut", "ValideeConseillerLe", "ValideeConseillerPar", "MontantDemandeCentimes", "MotifRejet", "Ref", "Version",
    ];

    private readonly record struct ActiviteKey(string Jeune, DateOnly Date, CategorieActivite Categorie, decimal Heures, bool Realisee, string? Session);

    /// <summary>What importing the package's CEJ rows changes in structure <paramref name="s"/>: rows added and rows removed.</summary>
    internal static (int Ajoutees, int Supprimees) Diff(DbConnection connection, DbTransaction tx, JourneyPackage package, int s, bool[] skip, bool exists)
    {
        var code = package.Structures[s].Code;
        var activites = PackageActivites(package, s, skip);
        var allocations = PackageAllocations(package, s, skip);
        if (!exists) return (activites.Values.Sum() + allocations.Count, 0);
        var (saisies, importees) = StoredActivites(connection, tx, code);
        foreach (var k in saisies) Take(activites, k);
        var ajoutees = 0;
        var supprimees = 0;
        foreach (var (k, n) in activites)
        {
            var before = importees.GetValueOrDefault(k);
            ajoutees += Math.Max(0, n - before);
        }
        foreach (var (k, n) in importees) supprimees += Math.Max(0, n - activites.GetValueOrDefault(k));
        var stored = StoredAllocations(connection, tx, code);
        foreach (var (key, a) in allocations)
        {
            if (!stored.TryGetValue(key, out var before)) ajoutees++;
            else if (before.Ref is not null && before.Value != a) ajoutees++;
        }
        foreach (var (key, before) in stored)
        {
            if (before.Ref is null) continue;
            if (!allocations.TryGetValue(key, out var a) || a != before.Value) supprimees++;
        }
        return (ajoutees, supprimees);
    }

    /// <summary>Replaces the imported CEJ rows of the package's structures by the package's (see the class).</summary>
    internal static void Import(DbConnection connection, DbTransaction tx, JourneyPackage package, bool[] skip, bool[] exists, string? userLogin, DateTime now)
    {
        var activites = new List<(string Structure, ActiviteKey Key)>();
        var allocations = new List<(string Structure, string Jeune, AllocationMensuelle Value)>();
        for (var s = 0; s < package.Structures.Count; s++)
        {
            var code = package.Structures[s].Code;
            var rows = PackageActivites(package, s, skip);
            var months = PackageAllocations(package, s, skip);
            if (exists[s])
            {
                var (saisies, _) = StoredActivites(connection, tx, code);
                foreach (var k in saisies) Take(rows, k);
                Execute(connection, tx, """DELETE FROM "CejActivites" WHERE "StructureCode" = @s AND "Ref" IS NOT NULL""", code);
                Execute(connection, tx, """DELETE FROM "CejAllocations" WHERE "StructureCode" = @s AND "Ref" IS NOT NULL""", code);
                foreach (var key in StoredAllocations(connection, tx, code).Keys) months.Remove(key);
            }
            foreach (var (k, n) in rows)
            {
                for (var i = 0; i < n; i++) activites.Add((code, k));
            }
            foreach (var ((jeune, _), a) in months) allocations.Add((code, jeune, a));
        }
        if (activites.Count > 0)
        {
            using var insert = BulkInserter.Create(connection, "CejActivites", ActiviteColumns);
            foreach (var (code, k) in activites)
            {
                insert.Text(code);
                insert.Text(k.Jeune);
                insert.Date(k.Date);
                insert.Text(k.Categorie.ToString());
                insert.Decimal(k.Heures);
                insert.Text((k.Realisee ? EtatActivite.Realisee : EtatActivite.Prevue).ToString());
                insert.Text(k.Session);
                insert.Text(RefPaquet);
                insert.EndRow();
            }
            insert.Complete();
        }
        if (allocations.Count > 0)
        {
            var par = userLogin ?? "import";
            using var insert = BulkInserter.Create(connection, "CejAllocations", AllocationColumns);
            foreach (var (code, jeune, a) in allocations)
            {
                insert.Text(code);
                insert.Text(jeune);
                insert.Date(a.Mois);
                insert.Text(SituationInconnue);
                insert.Long(0);
                insert.Bool(false);
                insert.Int(0);
                insert.Long(Centimes(a.MontantDu));
                insert.Text("Importé du paquet d'échange (allocations.csv).");
                insert.Text(a.Statut.ToString());
                insert.Timestamp(now);
                insert.Text(par);
                insert.Long(a.MontantDemande is { } d ? Centimes(d) : null);
                insert.Text(a.RetourAsp);
                insert.Text(RefPaquet);
                insert.Int(0);
                insert.EndRow();
            }
            insert.Complete();
        }
    }

    /// <summary>
    /// Reads the CEJ rows of the database (one structure or all) into <paramref name="builder"/>: every activity and every
    /// allowance, entered in Jalon or imported. An allowance entered in Jalon gives the amount requested from the ASP from its
    /// status (requested, paid or rejected: the amount due).
    /// </summary>
    internal static void Load(DbConnection connection, DbTransaction tx, string? structureCode, Func<string, string, int?> jeuneIndex,
        JourneyPackageBuilder builder)
    {
        var where = structureCode is null ? "" : " WHERE \"StructureCode\" = @s";
        using (var r = RowReader.Open(connection, tx,
            $"SELECT \"StructureCode\", \"JeuneId\", \"Date\", \"Categorie\", \"Heures\", \"Etat\", \"Session\" FROM \"CejActivites\"{where} ORDER BY \"StructureCode\", \"JeuneId\", \"Id\"",
            structureCode))
        {
            while (r.Read())
            {
                if (jeuneIndex(r.Key(0), r.Key(1)) is not { } j) continue;
                builder.Activites.Add(new Activite(j, r.Date(2), Enum.Parse<CategorieActivite>(r.Text(3)), r.Decimal(4),
                    Enum.Parse<EtatActivite>(r.Text(5)) == EtatActivite.Realisee, r.NullableText(6)));
            }
        }
        using (var r = RowReader.Open(connection, tx,
            $"SELECT \"StructureCode\", \"JeuneId\", \"Mois\", \"MontantCentimes\", \"MontantDemandeCentimes\", \"Statut\", \"MotifRejet\", \"Ref\" FROM \"CejAllocations\"{where} ORDER BY \"StructureCode\", \"JeuneId\", \"Mois\"",
            structureCode))
        {
            while (r.Read())
            {
                // Columns in order (PostgreSQL reads them sequentially).
                if (jeuneIndex(r.Key(0), r.Key(1)) is not { } j) continue;
                var mois = r.Date(2);
                var du = r.Long(3) / 100m;
                var demandee = r.NullableLong(4);
                var statut = Enum.Parse<StatutAllocation>(r.Text(5));
                var retour = r.NullableText(6);
                var saisie = r.IsNull(7);
                var demande = demandee is { } d ? d / 100m
                    : saisie && statut is StatutAllocation.Demande or StatutAllocation.Paye or StatutAllocation.Rejete ? du : (decimal?)null;
                builder.Allocations.Add(new AllocationMensuelle(j, mois, du, demande, statut, retour));
            }
        }
    }

    private static long Centimes(decimal euros) => (long)Math.Round(euros * 100m, MidpointRounding.AwayFromZero);

    /// <summary>The package's activities of structure <paramref name="s"/> (but the skipped young people), counted by content.</summary>
    private static Dictionary<ActiviteKey, int> PackageActivites(JourneyPackage package, int s, bool[] skip)
    {
        var result = new Dictionary<ActiviteKey, int>();
        if (package.Activites is not { } table) return result;
        foreach (ref readonly var a in table.All)
        {
            var jeune = package.Jeunes[a.Jeune];
            if (jeune.Structure != s || skip[a.Jeune]) continue;
            var key = new ActiviteKey(jeune.Id, a.Date, a.Categorie, a.Heures, a.Realisee, a.Session);
            result[key] = result.GetValueOrDefault(key) + 1;
        }
        return result;
    }

    /// <summary>The package's allowances of structure <paramref name="s"/> (but the skipped young people), by young person and month.</summary>
    private static Dictionary<(string Jeune, DateOnly Mois), AllocationMensuelle> PackageAllocations(JourneyPackage package, int s, bool[] skip)
    {
        var result = new Dictionary<(string, DateOnly), AllocationMensuelle>();
        if (package.Allocations is not { } table) return result;
        foreach (ref readonly var a in table.All)
        {
            var jeune = package.Jeunes[a.Jeune];
            if (jeune.Structure != s || skip[a.Jeune]) continue;
            // Compared as stored: amounts in cents, the young person's index left out.
            result[(jeune.Id, a.Mois)] = a with
            {
                Jeune = 0,
                MontantDu = Centimes(a.MontantDu) / 100m,
                MontantDemande = a.MontantDemande is { } d ? Centimes(d) / 100m : null,
            };
        }
        return result;
    }

    private static void Take(Dictionary<ActiviteKey, int> rows, ActiviteKey key)
    {
        if (!rows.TryGetValue(key, out var n)) return;
        if (n == 1) rows.Remove(key);
        else rows[key] = n - 1;
    }

    /// <summary>The stored activities of a structure: those entered in Jalon (one entry per row) and the imported ones, counted.</summary>
    private static (List<ActiviteKey> Saisies, Dictionary<ActiviteKey, int> Importees) StoredActivites(DbConnection connection, DbTransaction tx, string code)
    {
        var saisies = new List<ActiviteKey>();
        var importees = new Dictionary<ActiviteKey, int>();
        using var r = RowReader.Open(connection, tx,
            """SELECT "JeuneId", "Date", "Categorie", "Heures", "Etat", "Session", "Ref" FROM "CejActivites" WHERE "StructureCode" = @s""", code);
        while (r.Read())
        {
            var key = new ActiviteKey(r.Text(0), r.Date(1), Enum.Parse<CategorieActivite>(r.Text(2)), r.Decimal(3),
                Enum.Parse<EtatActivite>(r.Text(4)) == EtatActivite.Realisee, r.NullableText(5));
            if (r.IsNull(6)) saisies.Add(key);
            else importees[key] = importees.GetValueOrDefault(key) + 1;
        }
        return (saisies, importees);
    }

    /// <summary>The stored allowances of a structure, by young person and month, with their origin.</summary>
    private static Dictionary<(string Jeune, DateOnly Mois), (AllocationMensuelle Value, string? Ref)> StoredAllocations(
        DbConnection connection, DbTransaction tx, string code)
    {
        var result = new Dictionary<(string, DateOnly), (AllocationMensuelle, string?)>();
        using var r = RowReader.Open(connection, tx,
            """SELECT "JeuneId", "Mois", "MontantCentimes", "MontantDemandeCentimes", "Statut", "MotifRejet", "Ref" FROM "CejAllocations" WHERE "StructureCode" = @s""", code);
        while (r.Read())
        {
            var jeune = r.Text(0);
            var value = new AllocationMensuelle(0, r.Date(1), r.Long(2) / 100m, r.NullableLong(3) is { } d ? d / 100m : null,
                Enum.Parse<StatutAllocation>(r.Text(4)), r.NullableText(5));
            result[(jeune, value.Mois)] = (value, r.NullableText(6));
        }
        return result;
    }

    private static void Execute(DbConnection connection, DbTransaction tx, string sql, string structure)
    {
        using var command = connection.CreateLongCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "s";
        parameter.Value = structure;
        command.Parameters.Add(parameter);
        command.ExecuteNonQuery();
    }
}
