using Jalon.Domain.Plans;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;

namespace Jalon.Storage.Tests;

public class ProgresStorageTests
{
    [DatabaseTheory, BothProviders]
    public async Task A_demarche_and_its_etats_des_lieux_round_trip_and_a_stale_save_is_refused(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var jour = new DateOnly(2013, 11, 15);
        var demarche = DemarcheProgres.Ouvrir("44", "Démarche de progrès 2013", 2013, 2014, "ARML", new DateOnly(2013, 9, 2));
        var etat = EtatDesLieux.Nouveau(demarche, "S1", "44");
        etat.Rediger(Enum.GetValues<SectionEtatDesLieux>().ToDictionary(s => s, s => (string?)$"Texte « {s} »"));
        etat.Valider("Direction S1", jour);
        var brouillon = EtatDesLieux.Nouveau(demarche, "S2", "44");
        brouillon.Rediger(new Dictionary<SectionEtatDesLieux, string?> { [SectionEtatDesLieux.Sources] = "Bilan d'activité 2012" });
        demarche.RedigerAnalyse(new Dictionary<ThemeAnalyse, string?> { [ThemeAnalyse.DifficultesStructurelles] = "Petites équipes" }, ["Territorialiser", "Manager"], [etat], "ARML", jour);

        using (var db = database.CreateMigratedContext())
        {
            var repo = new ProgresRepository(db);
            await repo.EnregistrerAsync(demarche, null, "ARML");
            await repo.EnregistrerAsync(etat, null, "Direction S1");
            await repo.EnregistrerAsync(brouillon, null, "Direction S2");
        }

        using (var db = database.CreateContext())
        {
            var repo = new ProgresRepository(db);
            var (d, version) = (await repo.DemarcheAsync(demarche.Id))!.Value;
            Assert.Equal(("44", "Démarche de progrès 2013", 2013, 2014, new Signature("ARML", new DateOnly(2013, 9, 2))), (d.Region, d.Titre, d.AnneeDebut, d.AnneeFin, d.Ouverture));
            Assert.Equal("Petites équipes", Assert.Single(d.Analyse).Value);
            Assert.Equal(["Territorialiser", "Manager"], d.Preconisations);
            Assert.Equal(new Signature("ARML", jour), d.AnalyseModifiee);
            Assert.Single(await repo.DemarchesAsync("44"));
            Assert.Empty(await repo.DemarchesAsync("84"));

            var etats = await repo.EtatsAsync(demarche.Id);
            Assert.Equal(["S1", "S2"], etats.Select(e => e.Etat.Structure));
            var (valide, v1) = etats[0];
            Assert.Equal(new Signature("Direction S1", jour), valide.Validation);
            Assert.Equal("Texte « PointsDeBlocage »", valide.Sections[SectionEtatDesLieux.PointsDeBlocage]);
            Assert.Equal(6, valide.Sections.Count);
            var (s2, v2) = etats[1];
            Assert.Null(s2.Validation);
            Assert.Equal("Bilan d'activité 2012", Assert.Single(s2.Sections).Value);

            // Two users edit the same draft: the second save, on the version both read, is refused and writes nothing.
            s2.Rediger(new Dictionary<SectionEtatDesLieux, string?> { [SectionEtatDesLieux.Partenariats] = "Région, État" });
            await repo.EnregistrerAsync(s2, v2, "Direction S2");
            var perime = (await new ProgresRepository(database.CreateContext()).EtatsAsync(demarche.Id))[1].Etat;
            perime.Rediger(new Dictionary<SectionEtatDesLieux, string?> { [SectionEtatDesLieux.Partenariats] = "Autre" });
            var refus = await Assert.ThrowsAsync<ModificationConcurrenteException>(() => new ProgresRepository(database.CreateContext()).EnregistrerAsync(perime, v2, "Autre"));
            Assert.Equal("Direction S2", refus.Par);
            d.RedigerAnalyse(new Dictionary<ThemeAnalyse, string?>(), [], [valide], "ARML", jour);
            await repo.EnregistrerAsync(d, version, "ARML");
            await Assert.ThrowsAsync<ModificationConcurrenteException>(() => new ProgresRepository(database.CreateContext()).EnregistrerAsync(d, version, "ARML"));
        }

        using (var db = database.CreateContext())
        {
            var etats = await new ProgresRepository(db).EtatsAsync(demarche.Id);
            Assert.Equal("Région, État", etats[1].Etat.Sections[SectionEtatDesLieux.Partenariats]);
            Assert.Empty((await new ProgresRepository(db).DemarcheAsync(demarche.Id))!.Value.Demarche.Preconisations);
        }
    }
}
