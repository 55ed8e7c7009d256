using System.Threading.RateLimiting;

namespace Jalon.Web.Infrastructure;

/// <summary>
/// At most <c>Jalon:Requetes:Simultanees</c> requests (32 by default; 0 for no limit) run at once; the others wait their
/// turn, oldest first, in a queue of <c>Jalon:Requetes:FileAttente</c> (10 000). Under a surge the server then queues
/// instead of failing: without it, 200 users on PostgreSQL took more than the connection pool's 100 connections and got
/// 500s (docs/benchmarks-web.md, « Concurrence »), and on SQLite the blocked requests starved the thread pool. The health
/// endpoints and static files never wait (static files are served before the limiter).
/// </summary>
public static class RequestConcurrency
{
    public static PartitionedRateLimiter<HttpContext> Create(IConfiguration configuration)
    {
        var permits = configuration.GetValue("Jalon:Requetes:Simultanees", 32);
        var queue = configuration.GetValue("Jalon:Requetes:FileAttente", 10_000);
        var options = new ConcurrencyLimiterOptions { PermitLimit = Math.Max(1, permits), QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst };
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
            permits <= 0 || context.Request.Path.StartsWithSegments("/sante", StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetConcurrencyLimiter("requetes", _ => options));
    }
}
