using Jalon.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Jalon.Web.Tests;

/// <summary>The server's limit of simultaneous requests: the next ones wait their turn, the health endpoints never.</summary>
public sealed class RequestConcurrencyTests
{
    private static DefaultHttpContext Request(string path) => new() { Request = { Path = path } };

    private static IConfiguration Settings(int permits, int queue) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Jalon:Requetes:Simultanees"] = $"{permits}", ["Jalon:Requetes:FileAttente"] = $"{queue}" })
        .Build();

    [Fact]
    public async Task Beyond_the_limit_a_request_waits_its_turn_and_beyond_the_queue_it_is_refused()
    {
        using var limiter = RequestConcurrency.Create(Settings(permits: 2, queue: 1));
        using var first = await limiter.AcquireAsync(Request("/Portefeuille"));
        var second = await limiter.AcquireAsync(Request("/Jeunes"));
        Assert.True(first.IsAcquired && second.IsAcquired);

        var third = limiter.AcquireAsync(Request("/Pilotage")); // waits
        Assert.False(third.IsCompleted);
        using (var fourth = await limiter.AcquireAsync(Request("/Plans"))) Assert.False(fourth.IsAcquired); // the queue is full
        using (var sante = await limiter.AcquireAsync(Request("/sante/pret"))) Assert.True(sante.IsAcquired); // never waits

        second.Dispose();
        using var turn = await third.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(turn.IsAcquired);
    }

    [Fact]
    public async Task Zero_means_no_limit()
    {
        using var limiter = RequestConcurrency.Create(Settings(permits: 0, queue: 0));
        var leases = new List<System.Threading.RateLimiting.RateLimitLease>();
        for (var i = 0; i < 100; i++) leases.Add(await limiter.AcquireAsync(Request("/Jeunes")));
        Assert.All(leases, l => Assert.True(l.IsAcquired));
        leases.ForEach(l => l.Dispose());
    }
}
