using System.Text;
using Jalon.Domain.Pilotage;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.Extensions.Configuration;

namespace Jalon.Web.Tests.Pilotage;

public sealed class PilotageServicesTests
{
    [Fact]
    public void Matrix_weights_are_read_from_configuration()
    {
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""
            { "Jalon": { "Pilotage": { "Matrice": {
              "Efficacite": [ { "Ratio": "R13", "Poids": 3, "Sens": "Hausse" } ],
              "Performance": [ { "Ratio": "R11", "Poids": 1, "Sens": "Baisse" } ] } } } }
            """))).Build();
        var m = config.GetSection("Jalon:Pilotage:Matrice").Get<ConfigurationMatrice>()!;
        Assert.Equal(new PonderationRatio("R13", 3, Sens.Hausse), m.Efficacite.Single());
        Assert.Equal(Sens.Baisse, m.Performance.Single().Sens);
        Assert.Same(m, m.Valider());
    }

    [Fact]
    public void Csv_has_a_bom_semicolons_and_quoting_and_xlsx_keeps_numbers()
    {
        var table = new TableExport("Essai", ["a", "b"], [["x;y", CelluleExport.De(0.125)], ["< 5", CelluleExport.Vide]]);
        var csv = Exports.Csv(table);
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        Assert.Equal("a;b\r\n\"x;y\";0,125\r\n< 5;\r\n", Encoding.UTF8.GetString(csv, 3, csv.Length - 3));
        var xlsx = Exports.LireXlsx(Exports.Xlsx(table));
        Assert.Equal(["x;y", "0.125"], xlsx[1]);
    }

    [Fact]
    public void Rates_built_on_hidden_counts_are_hidden_using_the_catalogue_dependencies()
    {
        var deps = IndicateursPilotage.Dependances;
        Assert.Contains("I8.1", deps["R10"]);
        Assert.Contains("N−1:I2", deps["R2"]);
        var n = new Dictionary<string, ResultatIndicateur>
        {
            ["I8.1"] = new("I8.1", 40, new Dictionary<string, double?>()),
            ["I8.1.f"] = new("I8.1.f", 3, new Dictionary<string, double?>()),
            ["R10"] = new("R10", 0.075, new Dictionary<string, double?>()),
        };
        var defs = IndicateursPilotage.Definitions.Where(d => d.Cle is "I8.1" or "I8.1.f" or "R10").ToList();
        var lignes = TableauDeBord.Construire(defs, n, new Dictionary<string, ResultatIndicateur>(), secret: true, deps);
        Assert.Equal("< 5", lignes.Single(l => l.Definition.Cle == "R10").N.Affiche);
        Assert.Equal("< 5", lignes.Single(l => l.Definition.Cle == "I8.1.f").N.Affiche);
        Assert.Equal("40", lignes.Single(l => l.Definition.Cle == "I8.1").N.Affiche);
        var clair = TableauDeBord.Construire(defs, n, new Dictionary<string, ResultatIndicateur>(), secret: false, deps);
        Assert.Equal("7,5\u00A0%", clair.Single(l => l.Definition.Cle == "R10").N.Affiche);
    }
}
