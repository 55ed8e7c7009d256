using System.Data.Common;
using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Storage.Exchange;

namespace Jalon.Storage.Structures;

/// <summary>
/// Moves the structure side of a package (territoires, sites, brh, budget, contexte) in and out of the database, inside
/// the import's transaction or the loader's snapshot. The package holds good for what it carries: a structure's territory
/// or sites are replaced when the package has rows of them for that structure, its BRH, budget and context figures year by
/// year; what the package does not carry is kept (a BRH entered in Jalon survives the import of a package without brh.csv).
/// </summary>
internal static class StructureDataExchange
{
    public static void Import(DbConnection connection, DbTransaction tx, JourneyPackage package)
    {
        var data = package.StructureData;
        if (data.IsEmpty) return;
        string Code(int s) => package.Structures[s].Code;

        foreach (var s in data.Territoires.Select(r => r.Structure).Distinct())
            Execute(connection, tx, "DELETE FROM \"TerritoireCommunes\" WHERE \"StructureCode\" = @s", Code(s));
        foreach (var s in data.Sites.Select(r => r.Structure).Distinct())
            Execute(connection, tx, "DELETE FROM \"Sites\" WHERE \"StructureCode\" = @s", Code(s));
        foreach (var (s, a) in data.Brh.Select(r => (r.Structure, r.Annee)).Distinct())
            Execute(connection, tx, "DELETE FROM \"BrhLignes\" WHERE \"StructureCode\" = @s AND \"Annee\" = @a", Code(s), a);
        foreach (var (s, a) in data.Budget.Select(r => (r.Structure, r.Annee)).Distinct())
            Execute(connection, tx, "DELETE FROM \"BudgetLignes\" WHERE \"StructureCode\" = @s AND \"Annee\" = @a", Code(s), a);
        foreach (var (s, a) in data.Contexte.Select(r => (r.Structure, r.Annee)).Distinct())
            Execute(connection, tx, "DELETE FROM \"Contexte\" WHERE \"StructureCode\" = @s AND \"Annee\" = @a", Code(s), a);

        Insert(data.Territoires, "TerritoireCommunes", ["StructureCode", "Commune", "Debut", "Fin"], (w, r) =>
        {
            w.Text(Code(r.Structure)); w.Text(r.Commune); w.Date(r.Debut); w.Date(r.Fin);
        });
        Insert(data.Sites, "Sites", ["StructureCode", "SiteId", "Type", "Nom", "Commune", "Adresse", "CodePostal", "Horaires", "EspaceRessources", "Debut", "Fin"], (w, r) =>
        {
            w.Text(Code(r.Structure)); w.Text(r.Id); w.Text(r.Type.ToString()); w.Text(r.Nom); w.Text(r.Commune); w.Text(r.Adresse);
            w.Text(r.CodePostal); w.Text(r.Horaires); w.Bool(r.EspaceRessources); w.Date(r.Debut); w.Date(r.Fin);
        });
        Insert(data.Brh, "BrhLignes", ["StructureCode", "Annee", "Code", "Femmes", "Hommes", "Total"], (w, r) =>
        {
            w.Text(Code(r.Structure)); w.Int(r.Annee); w.Text(r.Code); w.Decimal(r.Femmes); w.Decimal(r.Hommes); w.Decimal(r.Total);
        });
        Insert(data.Budget, "BudgetLignes", ["StructureCode", "Annee", "Financeur", "Nature", "Montant"], (w, r) =>
        {
            w.Text(Code(r.Structure)); w.Int(r.Annee); w.Text(r.Financeur?.ToString()); w.Text(r.Nature.ToString()); w.Decimal(r.Montant);
        });
        Insert(data.Contexte, "Contexte", ["StructureCode", "Annee", "Categorie", "Indicateur", "Zone", "Valeur", "Unite", "Source", "Date"], (w, r) =>
        {
            w.Text(Code(r.Structure)); w.Int(r.Annee); w.Text(r.Categorie.ToString()); w.Text(r.Indicateur); w.Text(r.Zone); w.Decimal(r.Valeur);
            w.Text(r.Unite); w.Text(r.Source); w.Date(r.Date);
        });

        void Insert<T>(IReadOnlyList<T> rows, string table, string[] columns, Action<BulkInserter, T> write)
        {
            if (rows.Count == 0) return;
            using var insert = BulkInserter.Create(connection, table, columns);
            foreach (var row in rows)
            {
                write(insert, row);
                insert.EndRow();
            }
            insert.Complete();
        }
    }

    /// <summary>Reads the structure side of the structures already in <paramref name="structureIndex"/> (one structure, or all).</summary>
    public static StructureData Load(DbConnection connection, DbTransaction tx, string? structureCode, Func<string, int> structureIndex)
    {
        RowReader Query(string sql, string orderBy) =>
            RowReader.Open(connection, tx, sql + (structureCode is null ? "" : " WHERE \"StructureCode\" = @s") + " ORDER BY " + orderBy, structureCode);

        var territoires = new List<TerritoireCommune>();
        using (var r = Query("SELECT \"StructureCode\", \"Commune\", \"Debut\", \"Fin\" FROM \"TerritoireCommunes\"", "\"StructureCode\", \"Commune\", \"Debut\""))
        {
            while (r.Read()) territoires.Add(new TerritoireCommune(structureIndex(r.Text(0)), r.Text(1), r.Date(2), r.NullableDate(3)));
        }
        var sites = new List<Site>();
        using (var r = Query("SELECT \"StructureCode\", \"SiteId\", \"Type\", \"Nom\", \"Commune\", \"Adresse\", \"CodePostal\", \"Horaires\", \"EspaceRessources\", \"Debut\", \"Fin\" FROM \"Sites\"",
                   "\"StructureCode\", \"SiteId\""))
        {
            while (r.Read())
            {
                sites.Add(new Site(structureIndex(r.Text(0)), r.Text(1), Enum.Parse<TypeSite>(r.Text(2)), r.Text(3), r.Text(4), r.NullableText(5),
                    r.NullableText(6), r.NullableText(7), r.Bool(8), r.NullableDate(9), r.NullableDate(10)));
            }
        }
        var brh = new List<BrhLigne>();
        using (var r = Query("SELECT \"StructureCode\", \"Annee\", \"Code\", \"Femmes\", \"Hommes\", \"Total\" FROM \"BrhLignes\"", "\"StructureCode\", \"Annee\", \"Code\""))
        {
            while (r.Read()) brh.Add(new BrhLigne(structureIndex(r.Text(0)), r.Int(1), r.Text(2), r.NullableDecimal(3), r.NullableDecimal(4), r.NullableDecimal(5)));
        }
        var budget = new List<BudgetLigne>();
        using (var r = Query("SELECT \"StructureCode\", \"Annee\", \"Financeur\", \"Nature\", \"Montant\" FROM \"BudgetLignes\"", "\"StructureCode\", \"Annee\", \"Id\""))
        {
            while (r.Read())
            {
                budget.Add(new BudgetLigne(structureIndex(r.Text(0)), r.Int(1), r.IsNull(2) ? null : Enum.Parse<Financeur>(r.Text(2)),
                    Enum.Parse<NatureBudget>(r.Text(3)), r.Decimal(4)));
            }
        }
        var contexte = new List<ContexteLigne>();
        using (var r = Query("SELECT \"StructureCode\", \"Annee\", \"Categorie\", \"Indicateur\", \"Zone\", \"Valeur\", \"Unite\", \"Source\", \"Date\" FROM \"Contexte\"",
                   "\"StructureCode\", \"Annee\", \"Id\""))
        {
            while (r.Read())
            {
                contexte.Add(new ContexteLigne(structureIndex(r.Text(0)), r.Int(1), Enum.Parse<CategorieContexte>(r.Text(2)), r.Text(3), r.Text(4), r.Decimal(5),
                    r.NullableText(6), r.NullableText(7), r.NullableDate(8)));
            }
        }
        if (territoires.Count + sites.Count + brh.Count + budget.Count + contexte.Count == 0) return StructureData.Empty;
        return new StructureData { Territoires = territoires, Sites = sites, Brh = brh, Budget = budget, Contexte = contexte };
    }

    private static void Execute(DbConnection connection, DbTransaction tx, string sql, string structure, int? annee = null)
    {
        using var command = connection.CreateLongCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var s = command.CreateParameter();
        s.ParameterName = "s";
        s.Value = structure;
        command.Parameters.Add(s);
        if (annee is { } a)
        {
            var p = command.CreateParameter();
            p.ParameterName = "a";
            p.Value = a;
            command.Parameters.Add(p);
        }
        command.ExecuteNonQuery();
    }
}
