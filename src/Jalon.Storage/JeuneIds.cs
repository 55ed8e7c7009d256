using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>
/// The identifiers of young people created in Jalon: J followed by six digits (J000123), numbered per structure.
/// The number comes from an atomic increment of <c>Structures.DernierNumeroJeune</c> (<c>UPDATE … RETURNING</c>, the
/// same SQL on SQLite and PostgreSQL): two concurrent creations never get the same number. A number already taken
/// (an imported J000123) moves the counter past the highest one of the structure.
/// </summary>
public static class JeuneIds
{
    public const string Prefix = "J";

    public static string Format(int number) => Prefix + number.ToString("000000", CultureInfo.InvariantCulture);

    /// <summary>A new identifier, free in the structure when returned (its own statements, outside any transaction of the caller's).</summary>
    public static async Task<string> NextAsync(JalonDbContext db, string structure, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var number = (await db.Database.SqlQuery<int>($"""
                UPDATE "Structures" SET "DernierNumeroJeune" = "DernierNumeroJeune" + 1
                WHERE "StructureCode" = {structure} RETURNING "DernierNumeroJeune" AS "Value"
                """).ToListAsync(ct)).SingleOrDefault();
            if (number == 0) throw new InvalidOperationException($"Structure inconnue : {structure}");
            var id = Format(number);
            if (!await db.Jeunes.AnyAsync(j => j.StructureCode == structure && j.JeuneId == id, ct)) return id;
            // Taken (imported): jump past the highest identifier of this form in the structure.
            var taken = await db.Jeunes.Where(j => j.StructureCode == structure && j.JeuneId.StartsWith(Prefix) && j.JeuneId.Length == 7)
                .Select(j => j.JeuneId).ToListAsync(ct);
            var max = taken.Select(t => int.TryParse(t.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty().Max();
            if (max > number)
            {
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE "Structures" SET "DernierNumeroJeune" = {max}
                    WHERE "StructureCode" = {structure} AND "DernierNumeroJeune" < {max}
                    """, ct);
            }
        }
        throw new InvalidOperationException($"Aucun identifiant libre trouvé pour un nouveau jeune de la structure {structure}.");
    }
}
