using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Jalon.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.LoadBench;

/// <summary>
/// Simultaneous users over real HTTP (docs/benchmarks-web.md, « Concurrence ») : Jalon.Web on Kestrel on a localhost
/// port, each user with its own sockets and session cookie, all started together, each stopped after
/// <see cref="BenchOptions.RequetesParUtilisateur"/> requests or <see cref="BenchOptions.DureeSecondes"/> seconds.
/// The time of a request is the client's: from the first byte sent to the last byte of the body received.
/// </summary>
internal static class Concurrence
{
    private sealed record Mix(string Role, string Login, (string Page, int Weight)[] Pages);

    private sealed record Sample(string Page, double Milliseconds, HttpStatusCode? Status, string? Error);

    public static async Task<int> RunAsync(BenchApp app, Scenario scenario, BenchOptions options, Func<JalonDbContext> open)
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Console.WriteLine($"Kestrel : {baseUrl} ; {options.Concurrence} utilisateurs simultanés, au plus {options.RequetesParUtilisateur} " +
            $"requêtes chacun ou {options.DureeSecondes} s" + (options.ReflexionMs > 0
                ? $", une pause de {options.ReflexionMs} ms en moyenne (loi exponentielle) entre deux requêtes d'un utilisateur."
                : ", sans pause entre deux requêtes d'un utilisateur."));

        int conseillers;
        using (var db = open())
            conseillers = db.Users.Count(u => u.Login.StartsWith("conseiller") && u.Login.EndsWith(".bench"));
        var periode = $"debut={options.Annee}-01-01&fin={options.Annee}-12-31";
        var ids = scenario.JeuneIds;
        var noms = scenario.Noms;
        string Url(string page, Random r) => page switch
        {
            "Dossier du jeune" => "/Jeunes/" + Uri.EscapeDataString(ids[r.Next(ids.Count)]),
            "Portefeuille" => "/Portefeuille",
            "Recherche par nom" => "/Jeunes?q=" + Uri.EscapeDataString(noms[r.Next(noms.Count)]),
            "Tableau de bord structure" => "/Pilotage?" + periode,
            "Structure (État)" => $"/Pilotage?niveau=structure&code={scenario.Structure}&" + periode,
            "Tableau de bord région" => "/Pilotage?" + periode,
            "Tableau de bord national" => "/Pilotage?niveau=national&" + periode,
            _ => throw new ArgumentOutOfRangeException(nameof(page), page, null),
        };
        // Who the users are: mostly counsellors (files, portfolio, searches, a contact recorded now and then), some
        // directors and State agents on the dashboards.
        Mix MixOf(int user) => (user % 20) switch
        {
            < 14 => new("conseiller", $"conseiller{user % Math.Max(1, conseillers) + 1}.bench",
                [("Dossier du jeune", 40), ("Portefeuille", 20), ("Recherche par nom", 20), ("Écriture (contact)", 20)]),
            < 17 => new("directeur", "directeur.bench", [("Tableau de bord structure", 50), ("Dossier du jeune", 25), ("Recherche par nom", 25)]),
            < 19 => new("État régional", "etat.region.bench", [("Tableau de bord région", 50), ("Structure (État)", 50)]),
            _ => new("État national", "etat.national.bench", [("Tableau de bord national", 100)]),
        };

        // Sign everybody in first (8 at a time: the password hash is deliberately slow), outside the measure.
        var watch = Stopwatch.StartNew();
        var clients = new HttpClient[options.Concurrence];
        var mixes = Enumerable.Range(0, options.Concurrence).Select(MixOf).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Concurrence), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var client = new HttpClient(new SocketsHttpHandler
            {
                UseCookies = true,
                CookieContainer = new CookieContainer(),
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            })
            { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
            await BenchApp.LoginAsync(client, mixes[i].Login, Accounts.Password);
            clients[i] = client;
        });
        Console.WriteLine($"{options.Concurrence} sessions ouvertes en {watch.Elapsed.TotalSeconds.ToString("0.0", fr)} s " +
            $"({string.Join(", ", mixes.GroupBy(m => m.Role).Select(g => $"{g.Count()} {g.Key}"))}).");

        // One warm-up request per distinct page, so that the first user does not pay the JIT and the caches alone.
        foreach (var mix in mixes.DistinctBy(m => m.Role))
        {
            var client = clients[Array.IndexOf(mixes, mix)];
            foreach (var (page, _) in mix.Pages.Where(p => p.Page != "Écriture (contact)"))
                await Timed(client, page, Url(page, new Random(0)));
        }

        var samples = new ConcurrentQueue<Sample>();
        var today = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var dbSeconds = 0.0;
        using var dbListener = new MeterListener();
        dbListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Jalon" && instrument.Name == "jalon.bd.commande.duree") listener.EnableMeasurementEvents(instrument);
        };
        dbListener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Interlocked.Exchange(ref dbSeconds, Volatile.Read(ref dbSeconds) + seconds));
        dbListener.Start();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.DureeSecondes));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var gen2Before = GC.CollectionCount(2);
        var memo = app.Services.GetRequiredService<Jalon.Storage.Indicators.TallyMemo>();
        var recalculsAvant = memo.Computations;
        var lecturesEntieresAvant = memo.WholeReads;
        var pendingMax = 0L;
        var threadsMax = 0;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                pendingMax = Math.Max(pendingMax, ThreadPool.PendingWorkItemCount);
                threadsMax = Math.Max(threadsMax, ThreadPool.ThreadCount);
                try { await Task.Delay(200, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var start = new TaskCompletionSource();
        watch.Restart();
        var users = Enumerable.Range(0, options.Concurrence).Select(async i =>
        {
            await start.Task;
            var random = new Random(1000 + i);
            var mix = mixes[i];
            var total = mix.Pages.Sum(p => p.Weight);
            for (var n = 0; n < options.RequetesParUtilisateur && !stop.IsCancellationRequested; n++)
            {
                // A user reads the page before the next click (--reflexion): without it, 200 users are 200 requests
                // always in flight, far more than 200 people at work.
                if (options.ReflexionMs > 0)
                {
                    try { await Task.Delay(TimeSpan.FromMilliseconds(-options.ReflexionMs * Math.Log(1 - random.NextDouble())), stop.Token); }
                    catch (OperationCanceledException) { break; }
                }
                var pick = random.Next(total);
                var page = mix.Pages.First(p => (pick -= p.Weight) < 0).Page;
                samples.Enqueue(page == "Écriture (contact)"
                    ? await WriteContact(clients[i], ids[random.Next(ids.Count)], today)
                    : await Timed(clients[i], page, Url(page, random)));
            }
        }).ToList();
        start.SetResult();
        await Task.WhenAll(users);
        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        await sampler;
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        dbListener.Dispose();
        foreach (var c in clients) c.Dispose();

        var all = samples.ToList();
        Console.WriteLine();
        Console.WriteLine($"{all.Count.ToString("N0", fr)} requêtes en {elapsed.TotalSeconds.ToString("0.0", fr)} s : " +
            $"{(all.Count / elapsed.TotalSeconds).ToString("0.0", fr)} requêtes/s ; erreurs {all.Count(s => s.Error is not null)} ; " +
            $"charge {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        Console.WriteLine($"Temps vu par le client (Kestrel sur localhost, requête envoyée → corps reçu), en ms :");
        Console.WriteLine($"{"page",-28} {"n",6} {"p50",8} {"p95",8} {"p99",8} {"max",8} {"erreurs",8}");
        foreach (var g in all.GroupBy(s => s.Page).OrderBy(g => g.Key, StringComparer.Ordinal).Append(all.GroupBy(_ => "(toutes)").Single()))
        {
            var ok = new PageResult(g.Key, g.Where(s => s.Error is null).Select(s => s.Milliseconds).ToList(), 0, false);
            var errors = g.Where(s => s.Error is not null).ToList();
            Console.WriteLine($"{g.Key,-28} {g.Count(),6} {F(ok.P(50)),8} {F(ok.P(95)),8} {F(ok.P(99)),8} {F(ok.Max),8} {errors.Count,8}" +
                (errors.Count > 0 ? $"  ({errors[0].Error})" : ""));
        }
        // What saturates first: the processor (the server and this client share the 2 cores), the thread pool's queue,
        // or the database (time spent in SQL commands, summed over concurrent requests).
        var cores = Environment.ProcessorCount;
        Console.WriteLine();
        Console.WriteLine($"Processeur du processus (serveur + client) : {(100 * cpu / (elapsed.TotalSeconds * cores)).ToString("0", fr)} % " +
            $"de {cores} cœur(s) ; GC génération 2 : {GC.CollectionCount(2) - gen2Before} ; file du pool de threads au plus {pendingMax}, " +
            $"{threadsMax} threads au plus.");
        Console.WriteLine($"Recalculs par les vues des décomptes d'une structure modifiée : {memo.Computations - recalculsAvant} " +
            $"pour {all.Count(s => s.Page == "Tableau de bord structure")} vue(s) du tableau de bord de la structure (les vues d'une même révision, " +
            $"et celles arrivées pendant un recalcul, en partagent un), dont {memo.WholeReads - lecturesEntieresAvant} en relisant toute la " +
            "structure (les autres ne relisent que les jeunes modifiés depuis).");
        Console.WriteLine($"Temps passé dans les commandes SQL : {Volatile.Read(ref dbSeconds).ToString("0.0", fr)} s cumulées, soit en moyenne " +
            $"{(Volatile.Read(ref dbSeconds) / elapsed.TotalSeconds).ToString("0.0", fr)} commande(s) en cours à chaque instant " +
            $"pour {(all.Sum(s => s.Milliseconds) / 1000 / elapsed.TotalSeconds).ToString("0.0", fr)} requête(s) en cours.");
        return all.Any(s => s.Error is not null) ? 1 : 0;

        string F(double ms) => double.IsNaN(ms) ? "—" : ms.ToString("0.0", fr);
    }

    private static async Task<Sample> Timed(HttpClient client, string page, string url)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            return new(page, ms, response.StatusCode, response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode} sur {url}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new(page, Stopwatch.GetElapsedTime(start).TotalMilliseconds, null, $"{e.GetType().Name} sur {url}");
        }
    }

    /// <summary>A contact recorded through the real form: its page (antiforgery token), then the post, timed together.</summary>
    private static async Task<Sample> WriteContact(HttpClient client, string jeune, string today)
    {
        const string page = "Écriture (contact)";
        var url = $"/Jeunes/{Uri.EscapeDataString(jeune)}/Evenement/contact";
        var start = Stopwatch.GetTimestamp();
        try
        {
            var form = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            var token = BenchApp.Token(form) ?? throw new HttpRequestException("jeton antifalsification introuvable");
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Date"] = today,
                ["Input.Mode"] = "Entretien",
                ["__RequestVerificationToken"] = token,
            });
            using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            return new(page, ms, response.StatusCode, response.StatusCode == HttpStatusCode.Redirect ? null : $"{(int)response.StatusCode} sur POST {url}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new(page, Stopwatch.GetElapsedTime(start).TotalMilliseconds, null, $"{e.GetType().Name} sur {url}");
        }
    }
}
