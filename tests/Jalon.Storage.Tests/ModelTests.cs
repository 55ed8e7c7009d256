using Jalon.Storage;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

public class ModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Every_table_carries_the_structure_code_in_its_key_or_an_index(DatabaseProvider provider)
    {
        // Building the model needs no server.
        using var db = JalonStorage.CreateContext(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost");
        var entityTypes = db.Model.GetEntityTypes().ToList();
        Assert.True(entityTypes.Count >= 13);

        // The kinds of rows that belong to no single structure, each partitioned otherwise: the Région's allocation
        // (its envelope, shares, weights and life belong to a region: partitioned by the region's INSEE code; its rows
        // about one structure carry the structure code too), a region's démarche de progrès (ProgresDemarches: the
        // ARML's cross-analysis and recommendations, by region; each structure's état des lieux carries its structure
        // code) and the scheduler's state (Taches: the instance's own technical rows, no structure's data at all).
        string[] instanceTables = ["Taches"];
        Assert.All(instanceTables, t => Assert.Contains(entityTypes, e => e.GetTableName() == t));
        foreach (var entityType in entityTypes)
        {
            var table = entityType.GetTableName();
            if (instanceTables.Contains(table)) continue;
            var structureCode = entityType.GetProperties().SingleOrDefault(p => p.GetColumnName() == "StructureCode")
                ?? entityType.GetProperties().SingleOrDefault(p => p.GetColumnName() == "RegionCode"
                    && (table!.StartsWith("Allocation", StringComparison.Ordinal) || table == "ProgresDemarches"));
            Assert.True(structureCode is not null, $"{table} n'a pas de colonne StructureCode");
            var keysAndIndexes = entityType.GetKeys().Select(k => k.Properties).Concat(entityType.GetIndexes().Select(i => i.Properties));
            Assert.True(keysAndIndexes.Any(properties => properties[0] == structureCode),
                $"{table} : StructureCode n'est en tête d'aucune clé ni d'aucun index");
        }
    }

    [Fact]
    public void Hot_paths_have_their_index()
    {
        using var db = JalonStorage.CreateContext(DatabaseProvider.Sqlite, "Data Source=:memory:");
        string[][] Indexes<T>() => db.Model.FindEntityType(typeof(T))!.GetIndexes()
            .Select(i => i.Properties.Select(p => p.Name).ToArray())
            .Concat(db.Model.FindEntityType(typeof(T))!.GetKeys().Select(k => k.Properties.Select(p => p.Name).ToArray()))
            .ToArray();

        var jeunes = Indexes<Entities.JeuneEntity>();
        Assert.Contains(["StructureCode", "ConseillerId"], jeunes);
        Assert.Contains(["StructureCode", "Nom", "Prenom"], jeunes);
        Assert.Contains(["StructureCode", "Naissance"], jeunes);
        Assert.Contains(["StructureCode", "JeuneId"], jeunes);
        Assert.Contains(["StructureCode", "JeuneId"], Indexes<Entities.ContactEntity>());
        Assert.Contains(["StructureCode", "JeuneId"], Indexes<Entities.SituationEntity>());
    }
}
