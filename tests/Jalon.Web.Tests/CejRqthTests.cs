using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>The RQTH box of the path form: the domain's CEJ entry age rule (16–25, 29 with an RQTH) as the form warns.</summary>
public abstract partial class CejTests
{
    /// <summary>A young person of <paramref name="age"/> on the CEJ's first day signs one, with or without the RQTH ticked; the warning after the save.</summary>
    private async Task<(string Id, string Warning)> SignCejAtAsync(string nom, int age, bool rqth)
    {
        var client = await factory.SignedIn("conseiller1");
        var debut = Today.AddDays(-7);
        var created = await client.PostForm("/Jeunes/Nouveau", new()
        {
            ["Input.Nom"] = nom, ["Input.Prenom"] = "Noé", ["Input.Naissance"] = debut.AddYears(-age).AddDays(-3).ToString("yyyy-MM-dd"), ["Input.Sexe"] = "H",
            ["Input.Niveau"] = "V", ["Input.Diplome"] = "false", ["Input.Commune"] = "26281", ["Input.Qpv"] = "false", ["Input.Zrr"] = "false",
            ["Input.PremierAccueil"] = Today.AddDays(-30).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var form = new Dictionary<string, string> { ["Input.Dispositif"] = "Cej", ["Input.Debut"] = debut.ToString("yyyy-MM-dd"), ["Input.Neet"] = "true" };
        if (rqth) form["Input.Rqth"] = "true";
        var signed = await client.PostForm(url + "/Evenement/parcours", form);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var warning = await client.Html(signed.Headers.Location!.OriginalString);
        return (url.Split('/').Last(), warning);
    }

    [Fact]
    public async Task The_rqth_box_raises_the_cej_entry_age_to_29_with_the_rule_s_french_message()
    {
        var (sans, html26) = await SignCejAtAsync("Sansrqth", 26, rqth: false);
        Assert.Contains("26 ans, hors de la tranche 16–25 ans (jusqu'à 29 ans avec une RQTH : cochez « RQTH » si le jeune en a une)", html26);
        var (avec, html29) = await SignCejAtAsync("Avecrqth", 29, rqth: true);
        Assert.DoesNotContain("Âge à l'entrée en CEJ", html29);
        var (_, html30) = await SignCejAtAsync("Trenterqth", 30, rqth: true);
        Assert.Contains("30 ans, hors de la tranche 16–29 ans avec une RQTH.", html30);

        using (var db = factory.Db())
        {
            Assert.Null((await db.Parcours.SingleAsync(p => p.StructureCode == "ML26001" && p.JeuneId == sans)).Rqth);
            var stored = await db.Parcours.SingleAsync(p => p.StructureCode == "ML26001" && p.JeuneId == avec);
            Assert.True(stored.Rqth);
        }

        // The form shows the box ticked when the CEJ is opened again, and refuses it on another scheme.
        var client = await factory.SignedIn("conseiller1");
        long parcoursId;
        using (var db = factory.Db()) parcoursId = (await db.Parcours.SingleAsync(p => p.StructureCode == "ML26001" && p.JeuneId == avec)).Id;
        var edit = await client.Html($"/Jeunes/{avec}/Evenement/parcours/{parcoursId}");
        Assert.Matches("<input[^>]*name=\"Input.Rqth\"[^>]*checked|<input[^>]*checked[^>]*name=\"Input.Rqth\"", edit);
        var refused = await client.PostForm($"/Jeunes/{sans}/Evenement/parcours", new()
        {
            ["Input.Dispositif"] = "Regional", ["Input.Debut"] = Today.AddDays(-3).ToString("yyyy-MM-dd"), ["Input.Neet"] = "true", ["Input.Rqth"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("La RQTH ne se coche que pour un contrat d'engagement jeune", await refused.Body());
    }
}
