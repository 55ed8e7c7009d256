using System.Net;
using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Storage;
using Jalon.Storage.Backups;
using Jalon.Storage.Taches;
using Jalon.Tests.Shared;
using Jalon.Web.Infrastructure;
using Jalon.Web.Infrastructure.Taches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Jalon.Web.Tests;

/// <summary>
/// The single scheduler (Infrastructure/Taches): jobs run at their planned time on a fake clock, a failure is recorded (short French
/// message, never the exception's text) and stops nothing, a job never overlaps itself; its state table, the /Taches screen and
/// « Lancer maintenant »; the backup and campaign reminder jobs.
/// </summary>
public abstract class TachesTests(JalonWebFactory factory)
{
    private static readonly DateTimeOffset Debut = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A job of the tests: counts its runs, and runs <paramref name="run"/> (given the run's number).</summary>
    private sealed class FausseTache(string nom, Func<int, Task<string>> run) : ITache
    {
        private int _runs;
        public int Runs => Volatile.Read(ref _runs);
        public string Nom => nom;
        public string Libelle => "Tâche de test " + nom;
        public Planning Planning { get; init; } = new(TimeSpan.FromMinutes(1));
        public Task<string> ExecuterAsync(CancellationToken cancellationToken) => run(Interlocked.Increment(ref _runs));
    }

    private Planificateur Planificateur(FakeTimeProvider clock, bool actives, params ITache[] taches) =>
        new(taches, factory.Services.GetRequiredService<IServiceScopeFactory>(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jalon:Taches:Actives"] = actives ? "true" : "false" }).Build(),
            clock, NullLogger<Planificateur>.Instance);

    private TacheEtatEntity? Etat(string nom)
    {
        using var db = factory.Db();
        return db.Taches.AsNoTracking().SingleOrDefault(t => t.Nom == nom);
    }

    /// <summary>Advances the fake clock a minute at a time (giving the scheduler real time to react) until <paramref name="done"/>.</summary>
    private static async Task AdvanceUntil(FakeTimeProvider clock, Func<bool> done, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (done()) return;
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }
        Assert.Fail("Jamais atteint : " + what);
    }

    private static async Task WaitUntil(Func<bool> done, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (done()) return;
            await Task.Delay(50);
        }
        Assert.Fail("Jamais atteint : " + what);
    }

    [Fact]
    public async Task Jobs_run_at_their_planned_time_and_a_failure_is_recorded_without_stopping_the_others()
    {
        var clock = new FakeTimeProvider(Debut);
        var ok = new FausseTache("test-ok-" + factory.Provider, n => Task.FromResult($"exécution {n}"));
        var ko = new FausseTache("test-ko-" + factory.Provider, _ => throw new InvalidOperationException("Dupont Jeanne, née le 01/02/2003"));
        var off = new FausseTache("test-off-" + factory.Provider, _ => Task.FromResult("jamais")) { Planning = new(TimeSpan.Zero) };
        using var planificateur = Planificateur(clock, true, ok, ko, off);
        await planificateur.StartAsync(CancellationToken.None);
        await WaitUntil(() => Etat(ko.Nom)?.ProchaineExecution is not null, "prochaine exécution enregistrée");
        Assert.Equal(Debut.AddMinutes(1).UtcDateTime, Etat(ok.Nom)!.ProchaineExecution);
        Assert.Null(Etat(off.Nom)!.ProchaineExecution);
        Assert.Equal(0, ok.Runs); // nothing before its time

        await AdvanceUntil(clock, () => Etat(ko.Nom) is { EchecsConsecutifs: >= 2 } && Etat(ok.Nom) is { DernierResume: "exécution 2" or "exécution 3" },
            "deux exécutions de chaque tâche");
        await planificateur.StopAsync(CancellationToken.None);

        var reussie = Etat(ok.Nom)!;
        Assert.Equal(ResultatTache.Reussie, reussie.DernierResultat);
        Assert.Equal(0, reussie.EchecsConsecutifs);
        Assert.True(reussie.DerniereFin >= reussie.DernierDebut);
        Assert.True(reussie.ProchaineExecution > reussie.DernierDebut);
        var echec = Etat(ko.Nom)!;
        Assert.Equal(ResultatTache.Echec, echec.DernierResultat);
        Assert.Equal(ko.Runs, echec.EchecsConsecutifs);
        Assert.Equal("Erreur inattendue (InvalidOperationException, détail dans le journal technique).", echec.DerniereErreur);
        Assert.Equal(0, off.Runs);
        Assert.True(ok.Runs >= 2);
    }

    [Fact]
    public async Task A_job_never_overlaps_itself_and_runs_again_once_finished()
    {
        var clock = new FakeTimeProvider(Debut);
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lente = new FausseTache("test-lente-" + factory.Provider, n => n == 1 ? gate.Task : Task.FromResult("rapide"));
        using var planificateur = Planificateur(clock, true, lente);
        await planificateur.StartAsync(CancellationToken.None);
        await AdvanceUntil(clock, () => lente.Runs == 1, "premier lancement");
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }
        Assert.Equal(1, lente.Runs); // five planned runs skipped while the first goes on
        Assert.Null(planificateur.Lancer(lente.Nom)); // « Lancer maintenant » neither
        Assert.Equal(ResultatTache.EnCours, Etat(lente.Nom)!.DernierResultat);

        gate.SetResult("lente");
        await WaitUntil(() => Etat(lente.Nom)?.DernierResultat == ResultatTache.Reussie, "fin de la première exécution");
        await AdvanceUntil(clock, () => lente.Runs >= 2, "exécution suivante");
        await planificateur.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_jobs_disabled_nothing_is_planned_but_an_administrator_can_run_one_now()
    {
        var clock = new FakeTimeProvider(Debut);
        var tache = new FausseTache("test-inactive-" + factory.Provider, n => Task.FromResult($"exécution {n}"));
        using var planificateur = Planificateur(clock, false, tache);
        await planificateur.StartAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }
        Assert.Equal(0, tache.Runs);
        Assert.Null(Etat(tache.Nom));
        await planificateur.Lancer(tache.Nom)!;
        Assert.Equal("exécution 1", Etat(tache.Nom)!.DernierResume);
        await planificateur.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_administrator_sees_every_job_and_runs_one_now_audited()
    {
        var admin = await factory.SignedIn("admin");
        var html = await admin.Html("/Taches");
        foreach (var nom in new[] { "rafraichissement-indicateurs", "conservation-rgpd", "sauvegarde", "relances-campagnes" })
            Assert.Contains($"data-tache=\"{nom}\"", html, StringComparison.Ordinal);
        Assert.Contains("Cette instance ne planifie aucune tâche", html, StringComparison.Ordinal); // the tests' setting

        var response = await admin.PostForm("/Taches?handler=Lancer", new() { ["nom"] = "relances-campagnes" }, "/Taches");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (factory.Services.GetRequiredService<Planificateur>().EnCours("relances-campagnes") is { } run) await run;
        await WaitUntil(() => Etat("relances-campagnes")?.DernierResultat == ResultatTache.Reussie, "relances terminées");
        using (var db = factory.Db())
            Assert.True(db.AuditLog.Any(a => a.UserLogin == "admin" && a.Entity == "tâche" && a.Detail == "lancement manuel de la tâche relances-campagnes"));
        html = await admin.Html("/Taches");
        Assert.Contains("Réussie", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostForm("/Taches?handler=Lancer", new() { ["nom"] = "inconnue" }, "/Taches")).StatusCode);

        var directeur = await factory.SignedIn("directeur");
        Assert.Equal(HttpStatusCode.Forbidden, (await directeur.PostAsync("/Taches?handler=Lancer", new FormUrlEncodedContent(new Dictionary<string, string> { ["nom"] = "sauvegarde" }))).StatusCode);
    }

    [Fact]
    public async Task The_backup_job_writes_a_restorable_backup_and_keeps_the_latest_only()
    {
        var job = factory.Services.GetServices<ITache>().OfType<SauvegardeTache>().Single();
        string dossier;
        using (var db = factory.Db())
            dossier = Sauvegardes.Dossier(factory.Services.GetRequiredService<IConfiguration>(), factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(), db);
        var resume = await job.ExecuterAsync(CancellationToken.None);
        var files = Directory.GetFiles(dossier, $"jalon-{SauvegardeTache.Motif}-*");
        Assert.Single(files);
        Assert.Contains(Path.GetFileName(files[0]), resume, StringComparison.Ordinal);
        var info = DatabaseBackup.Inspect(files[0]);
        Assert.Equal(factory.Provider, info.Provider);
        Assert.Equal(JalonDatabase.LatestVersion, info.SchemaVersion);
        using (var db = factory.Db())
            Assert.True(db.AuditLog.Any(a => a.Entity == "sauvegarde" && a.UserLogin == "tâche planifiée"));
    }

    [Fact]
    public async Task The_reminder_job_notifies_once_each_structure_that_has_not_submitted_before_the_deadline()
    {
        var etat = await factory.SignedIn("etat.region");
        var directeur = await factory.SignedIn("directeur");
        var echeance = Dates.TodayInParis().AddDays(3);
        var ouverte = await etat.PostForm("/Campagnes", new() { ["Type"] = "Juin", ["Annee"] = "2041", ["Echeance"] = echeance.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Redirect, ouverte.StatusCode);
        var lointaine = await etat.PostForm("/Campagnes", new() { ["Type"] = "Fevrier", ["Annee"] = "2041", ["Echeance"] = Dates.TodayInParis().AddDays(30).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Redirect, lointaine.StatusCode);

        var job = factory.Services.GetServices<ITache>().OfType<RelancesCampagnes>().Single();
        var resume = await job.ExecuterAsync(CancellationToken.None);
        Assert.Contains("2 relance(s)", resume, StringComparison.Ordinal); // the two Missions Locales of the region, the June campaign only
        var detail = $"relance : {TypeCampagne.Juin.Libelle()} 2041 non soumise, échéance le {echeance:dd/MM/yyyy}";
        using (var db = factory.Db())
        {
            var relances = db.AuditLog.AsNoTracking().Where(a => a.Entity == RelancesCampagnes.Entite && a.Detail == detail).Select(a => a.StructureCode).ToList();
            Assert.Equal(["ML26001", "ML26002"], relances.Order());
        }
        Assert.Contains("0 relance(s)", await job.ExecuterAsync(CancellationToken.None), StringComparison.Ordinal); // once only

        // The director reads it in the structure's audit journal.
        Assert.Contains(detail, await directeur.Html("/Journal"), StringComparison.Ordinal);
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : TachesTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : TachesTests(factory), IClassFixture<PostgresWebFactory>;
}
