namespace Jalon.Web.Security;

/// <summary>
/// How this process was started. The demo start (<c>./jalon web</c>, <c>Jalon:Demo=true</c>) seeds an empty database and says
/// « Démonstration » on every page; the production start — the default, <c>./jalon web --production</c> or the published
/// application run directly — never seeds, refuses a demo database and the demo password, sends <c>Secure</c> cookies and HSTS.
/// </summary>
public sealed record StartMode(bool Demo)
{
    public const string Setting = "Jalon:Demo";

    public static StartMode From(IConfiguration configuration) => new(configuration.GetValue(Setting, false));

    public bool Production => !Demo;
}
