using Jalon.Storage;
using Jalon.Storage.Indicators;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Jalon.Web.Seed;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;

var builder = WebApplication.CreateBuilder(args);
// The technical log: JSON lines with the request id when Jalon:Journaux:Format=json, never personal data (Infrastructure/JournalTechnique.cs).
JournalTechnique.Configure(builder);

// SQLite by default in data/jalon.db at the repository root (PostgreSQL: Jalon:Database:Provider=postgres).
if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Jalon"))
    && JalonStorage.ParseProvider(builder.Configuration["Jalon:Database:Provider"]) == DatabaseProvider.Sqlite)
{
    builder.Configuration["ConnectionStrings:Jalon"] =
        JalonStorage.SqliteConnectionString(Path.Combine(RepositoryPaths.Root(builder.Environment.ContentRootPath), "data", "jalon.db"));
}
builder.Services.AddJalonStorage(builder.Configuration);
// The indicator catalogues: those embedded and those of the folder Jalon:Catalogues:Dossier, validated at start.
builder.Services.AddSingleton(CatalogueFolder.Load(builder.Configuration["Jalon:Catalogues:Dossier"]));
builder.Services.AddSingleton<CacheSecret>();
builder.Services.AddSingleton<TallyMemo>();
builder.Services.AddScoped<IndicateursPilotage>();
// The demo start (./jalon web) or production (the default): Security/StartMode.cs.
var mode = StartMode.From(builder.Configuration);
builder.Services.AddSingleton(mode);
// Production: the session cookie is always Secure; the other cookies are Secure over HTTPS, the only way a client other than
// this machine reaches a production start (Security/HttpsOnly.cs).
var sessionCookieSecurity = mode.Production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ChromiumPdf>();
// The background jobs (tally refresh, retention, backups, campaign reminders) and their single scheduler (Infrastructure/Taches).
Jalon.Web.Infrastructure.Taches.TachesPlanifiees.AddTo(builder.Services);
// /sante/vivant and /sante/pret for monitoring (Infrastructure/Sante.cs, docs/exploitation.md).
Sante.AddTo(builder.Services);
// OpenTelemetry metrics and traces of the requests, exported over OTLP when Jalon:Telemetrie:Otlp is set (Infrastructure/Telemetrie.cs).
Telemetrie.AddTo(builder.Services, builder.Configuration);
// French text is written as is (é, not &#xE9;): only HTML-significant characters are encoded.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "Jalon.Session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = sessionCookieSecurity;
        options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
        options.SlidingExpiration = true;
        options.LoginPath = "/Connexion";
        options.LogoutPath = "/Deconnexion";
        options.ReturnUrlParameter = "retour";
        // A signed-in user without the right gets a plain 403 (rendered by /Erreur/403), never a redirect.
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
    });
ProConnect.AddTo(authentication, builder.Configuration);
// The open REST API v1: bearer tokens for partner clients, OpenAPI document, problem details (Api/ApiV1.cs, docs/api.md).
Jalon.Web.Api.ApiV1.AddTo(builder.Services, builder.Configuration);
builder.Services.AddRateLimiter(options => LoginThrottle.Configure(options, builder.Configuration));
builder.Services.Configure<ForwardedHeadersOptions>(options => ReverseProxy.Configure(options, builder.Configuration));
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
builder.Services.AddAuthorization(Policies.Configure);
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AllowAnonymousToPage("/Connexion");
    options.Conventions.AllowAnonymousToPage("/ConnexionSuite");
    options.Conventions.AllowAnonymousToFolder("/Erreur");
}).AddMvcOptions(options =>
{
    options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    var m = options.ModelBindingMessageProvider;
    m.SetValueMustNotBeNullAccessor(_ => "Ce champ est obligatoire.");
    m.SetAttemptedValueIsInvalidAccessor((value, _) => $"La valeur « {value} » n'est pas valide.");
    m.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
    m.SetMissingBindRequiredValueAccessor(_ => "Ce champ est obligatoire.");
    m.SetMissingKeyOrValueAccessor(() => "Ce champ est obligatoire.");
    m.SetUnknownValueIsInvalidAccessor(_ => "La valeur saisie n'est pas valide.");
    m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
    m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
    m.SetNonPropertyValueMustBeANumberAccessor(() => "Saisissez un nombre.");
    m.SetValueMustBeANumberAccessor(_ => "Saisissez un nombre.");
    m.SetMissingRequestBodyRequiredValueAccessor(() => "Le formulaire est vide.");
});
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "Jalon.Antiforgery";
    options.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = 512L * 1024 * 1024);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 512L * 1024 * 1024);

var app = builder.Build();

await DemoSeed.EnsureDatabaseAsync(app.Services, app.Configuration, app.Logger);
if (await InstanceStart.RefusalAsync(app.Services, mode, app.Logger) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return InstanceStart.Refused;
}

app.UseForwardedHeaders();
// /metrics for Prometheus when Jalon:Telemetrie:Prometheus=true, to the admin networks only (Infrastructure/Telemetrie.cs).
Telemetrie.Use(app);
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Erreur/500");
if (mode.Production)
{
    app.Use(HttpsOnly.Apply);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/Erreur/{0}");
app.Use(Jalon.Web.Api.ApiV1.Problems);
app.Use(SecurityHeaders.Apply);

// The DSFR is served from npm's node_modules, never copied into the repository.
var dsfr = RepositoryPaths.Dsfr(builder.Environment.ContentRootPath);
if (dsfr is not null)
{
    app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new PhysicalFileProvider(dsfr),
        RequestPath = "/dsfr",
        OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public,max-age=86400",
    });
}
else
{
    app.Logger.LogWarning("DSFR introuvable ({Path}) : lancez « npm ci --ignore-scripts » dans src/Jalon.Web.",
        Path.Combine(builder.Environment.ContentRootPath, "node_modules", "@gouvfr", "dsfr", "dist"));
}
app.UseStaticFiles();
app.UseRouting();
app.Use(LoginThrottle.BufferLoginForm);
app.UseRateLimiter();
app.UseAuthentication();
app.Use(SessionValidation.PasswordChangeGate);
app.UseAuthorization();
Sante.Map(app);
Jalon.Web.Api.ApiV1.Map(app);
app.MapRazorPages();
ProConnect.Map(app);
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
