using System.Text;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
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
    public void Figures_are_written_in_their_catalogue_unit()
    {
        Assert.Equal("1\u00A0234", Affichage.Valeur(Unite.Jeunes, 1234));
        Assert.Equal("7,5\u00A0%", Affichage.Valeur(Unite.Pourcentage, 0.075));
        Assert.Equal("1,05", Affichage.Valeur(Unite.Ratio, 1.05));
        Assert.Equal("243\u00A0500\u00A0€", Affichage.Valeur(Unite.Euros, 243500));
        Assert.Equal("1\u00A0234,57\u00A0€ par jeune", Affichage.Valeur(Unite.EurosParJeune, 1234.567));
        Assert.Equal("85,2 jeunes par ETP", Affichage.Valeur(Unite.JeunesParEtp, 85.19));
        Assert.Equal("12,5\u00A0ETP", Affichage.Valeur(Unite.Etp, 12.5));
        Assert.Equal("7,4\u00A0mois", Affichage.Valeur(Unite.Mois, 7.43));
        Assert.Equal("s", Affichage.Publie(Unite.Jeunes, Jalon.Indicators.Secret.ValeurPubliee.Masque));
        Assert.Equal("—", Affichage.Publie(Unite.Jeunes, new(null, false)));
        Assert.Equal("+12 (+10\u00A0%)", Affichage.Evolution(Unite.Jeunes, 12, 120));
        Assert.Equal("−1,5\u00A0pt", Affichage.Evolution(Unite.Pourcentage, -0.015, 0.3));
        Assert.Equal(0.35, Affichage.Saisie(Unite.Pourcentage, 35));
        Assert.Equal(85, Affichage.Saisie(Unite.JeunesParEtp, 85));
    }

    [Fact]
    public void The_matrix_weights_come_from_the_catalogue_and_the_configuration_may_change_them()
    {
        var cpo = Catalogue.Load("cpo-2015");
        var defaut = Jalon.Web.Pages.Pilotage.MatriceModel.Ponderations(cpo, null)!;
        Assert.Equal(new PonderationRatio("I10.1.e", 1, Sens.Baisse), defaut.Efficacite[^1]);
        Assert.Equal(new PonderationRatio("R11", 1, Sens.Baisse), defaut.Performance[^1]);
        Assert.Same(defaut, defaut.Valider());
        // A configured ratio without direction takes the catalogue's.
        var configuree = Jalon.Web.Pages.Pilotage.MatriceModel.Ponderations(cpo,
            new ConfigurationMatrice([new("R13", 3, Sens.Neutre)], [new("R8", 1, Sens.Neutre)]))!;
        Assert.Equal(new PonderationRatio("R13", 3, Sens.Hausse), configuree.Efficacite.Single());
        Assert.Equal(new PonderationRatio("R8", 1, Sens.Baisse), configuree.Performance.Single());
    }
}
