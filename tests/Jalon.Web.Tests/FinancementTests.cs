using AngleSharp.Html.Parser;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>The Région's funding page (docs/financement-region.md): its grid per structure and the simulated allocation.</summary>
public abstract class FinancementTests(JalonWebFactory factory)
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task The_region_sees_its_grid_and_shares_its_envelope_once_jano_is_known()
    {
        var region = await factory.SharedSession("region");
        string[] codes;
        using (var db = factory.Db())
        {
            codes = await db.Structures.Where(s => s.Region == "84").OrderBy(s => s.Code).Select(s => s.Code).ToArrayAsync();
        }
        Assert.Equal(2, codes.Length);

        // Envelope 2041: the activity of 2040, which has no JANO yet — refused, never taken as 0.
        var sans = Parser.ParseDocument(await region.Html("/Financement?annee=2041&enveloppe=1000000"));
        Assert.Equal(codes.Length + 1, sans.QuerySelectorAll("#grille tbody tr").Length);
        Assert.Contains("Moyenne régionale", sans.QuerySelector("#grille")!.TextContent);
        Assert.Contains($"JANO du territoire (RG1) manquant pour la structure {codes[0]} (moyens.csv, colonne jano, année 2040)",
            sans.QuerySelector("#erreurs-financement")!.TextContent);
        Assert.Null(sans.QuerySelector("#allocation"));

        using (var db = factory.Db())
        {
            db.Moyens.Add(new MoyensEntity { StructureCode = codes[0], Annee = 2040, Jano = 1000 });
            db.Moyens.Add(new MoyensEntity { StructureCode = codes[1], Annee = 2040, Jano = 3000 });
            await db.SaveChangesAsync();
        }
        var page = Parser.ParseDocument(await region.Html("/Financement?annee=2041&enveloppe=1000000&poids_RG2=0&poids_RG3=0&poids_RG4=0"));
        Assert.Null(page.QuerySelector("#erreurs-financement"));
        // Weights 0 on RG2–RG4: axis 1 follows JANO alone (1/4, 3/4 of 500 000 €); nobody entered a scheme in 2040:
        // axis 2 is shared equally; axis 3 too, undecided.
        var lignes = page.QuerySelectorAll("#allocation tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(codes, lignes.Select(l => l[0]));
        Assert.Equal(["125 000,00 €", "175 000,00 €", "75 000,00 €", "375 000,00 €", "300 000,00 €", "75 000,00 €"], lignes[0][1..].Select(Espaces));
        Assert.Equal(["375 000,00 €", "175 000,00 €", "75 000,00 €", "625 000,00 €", "500 000,00 €", "125 000,00 €"], lignes[1][1..].Select(Espaces));
    }

    /// <summary>French number formatting uses narrow no-break spaces: compare with plain spaces.</summary>
    private static string Espaces(string s) => s.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : FinancementTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : FinancementTests(factory), IClassFixture<PostgresWebFactory>;
}
