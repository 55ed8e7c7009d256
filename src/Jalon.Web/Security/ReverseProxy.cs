using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Jalon.Web.Security;

/// <summary>
/// Jalon behind a TLS reverse proxy: the client's address and scheme come from <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, trusted only from the proxies named in <c>Jalon:ReverseProxy:KnownProxies</c> (addresses) and
/// <c>Jalon:ReverseProxy:KnownNetworks</c> (CIDR), comma-separated; by default a proxy on this machine (loopback).
/// </summary>
public static class ReverseProxy
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var proxies = List(configuration["Jalon:ReverseProxy:KnownProxies"]);
        var networks = List(configuration["Jalon:ReverseProxy:KnownNetworks"]);
        if (proxies.Count == 0 && networks.Count == 0) return;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in networks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }

    private static List<string> List(string? value) =>
        [.. (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
