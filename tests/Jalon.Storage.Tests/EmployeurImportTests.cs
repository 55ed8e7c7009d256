using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Generator;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>The employer files imported into the employer tables (both databases): linked to the journey, replaced on re-import.</summary>
public class EmployeurImportTests
{
    private static JourneyPackage Package() => JourneyGenerator.Generate(new GeneratorOptions { Structures = 2, Jeunes = 1_200, Seed = 11, Annee = 2016 });

    [DatabaseTheory, BothProviders]
    public void The_employer_files_are_imported_linked_to_the_journeys_and_replaced_on_reimport(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Package();
        var data = package.Employeurs;
        var code = package.Structures[0].Code;
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, package);
            Assert.Equal(data.Entreprises.Count, db.Entreprises.Count());
            Assert.Equal(data.Echanges.Count, db.EchangesEntreprises.Count());
            Assert.Equal(data.Offres.Count, db.Offres.Count());
            Assert.Equal(data.MisesEnRelation.Count, db.MisesEnRelation.Count());
            Assert.Equal(data.Immersions.Count, db.Immersions.Count());
            Assert.Equal(data.MisesEnRelation.Count(m => m.Issue is null), db.MisesEnRelation.Count(m => m.Issue == null));

            // Each MER is a stored proposal of its young person, day and theme; each hire the job situation of its offer's contract.
            var mers = db.MisesEnRelation.AsNoTracking().ToList();
            var propositions = db.Propositions.AsNoTracking().ToDictionary(p => p.Id);
            var situations = db.Situations.AsNoTracking().ToDictionary(s => s.Id);
            var offres = db.Offres.AsNoTracking().ToDictionary(o => o.Id);
            Assert.All(mers, m =>
            {
                var p = propositions[m.PropositionId];
                Assert.Equal((m.StructureCode, m.JeuneId, Theme.Emploi), (p.StructureCode, p.JeuneId, p.Theme));
                Assert.Equal(offres[m.OffreId!.Value].EntrepriseId, m.EntrepriseId);
            });
            var hires = mers.Where(m => m.Issue == IssueMiseEnRelation.Embauche).ToList();
            Assert.Equal(data.MisesEnRelation.Count(m => m.Issue == IssueMiseEnRelation.Embauche), hires.Count(h => h.SituationId is not null));
            Assert.All(hires, h =>
            {
                var s = situations[h.SituationId!.Value];
                Assert.Equal((h.JeuneId, EmployeurRules.SituationOf(offres[h.OffreId!.Value].Contrat)), (s.JeuneId, s.Type));
                Assert.Equal(h.IssueLe, s.Debut);
            });
            Assert.All(db.Immersions.AsNoTracking().ToList(), i => Assert.Equal(TypeSituation.Pmsmp, situations[i.SituationId].Type));

            // A contact entered in Jalon on an imported company; a company entered in Jalon gets a fresh identifier.
            var entreprise = db.Entreprises.First(e => e.StructureCode == code);
            entreprise.ContactNom = "Mme Durand";
            db.SaveChanges();
            var saisie = EmployeurStore.AjouterEntreprise(db, code, "36252187900035", "Boulangerie saisie", null, null, null, new DateOnly(2017, 1, 5));
            Assert.True(saisie.Id > db.Entreprises.Where(e => e.Id != saisie.Id).Max(e => e.Id));
        }
        using (var db = database.CreateMigratedContext())
        {
            // Re-imported, the structure's rows are replaced (not doubled); the kept company keeps its contact.
            PackageImporter.Import(db, package);
            Assert.Equal(data.Entreprises.Count, db.Entreprises.Count());
            Assert.Equal(data.Offres.Count, db.Offres.Count());
            Assert.Equal(data.MisesEnRelation.Count, db.MisesEnRelation.Count());
            Assert.Equal(data.Immersions.Count, db.Immersions.Count());
            Assert.Equal("Mme Durand", db.Entreprises.Single(e => e.ContactNom != null).ContactNom);
            Assert.False(db.Entreprises.Any(e => e.Siret == "36252187900035" && e.Nom == "Boulangerie saisie"));
        }
    }
}
