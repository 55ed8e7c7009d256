using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Criteria;

namespace Jalon.Indicators.Catalogues;

internal sealed class CatalogueDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("libelle")] public string? Libelle { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("conventions")] public string? Conventions { get; set; }
    [JsonPropertyName("ancrage")] public string? Ancrage { get; set; }
    [JsonPropertyName("poids_regional")] public List<PoidsDto>? PoidsRegional { get; set; }
    [JsonPropertyName("matrice")] public MatriceDto? Matrice { get; set; }
    [JsonPropertyName("indicateurs")] public List<IndicatorDto>? Indicateurs { get; set; }
    [JsonPropertyName("financement")] public FinancementDto? Financement { get; set; }
}

internal sealed class PoidsDto
{
    [JsonPropertyName("cle")] public string? Cle { get; set; }
    [JsonPropertyName("libelle")] public string? Libelle { get; set; }
}

internal sealed class MatriceDto
{
    [JsonPropertyName("efficacite")] public List<PonderationDto>? Efficacite { get; set; }
    [JsonPropertyName("performance")] public List<PonderationDto>? Performance { get; set; }
}

internal sealed class PonderationDto
{
    [JsonPropertyName("cle")] public string? Cle { get; set; }
    [JsonPropertyName("poids")] public double? Poids { get; set; }
}

internal sealed class IndicatorDto
{
    [JsonPropertyName("cle")] public string? Cle { get; set; }
    [JsonPropertyName("reference")] public string? Reference { get; set; }
    [JsonPropertyName("libelle")] public string? Libelle { get; set; }
    [JsonPropertyName("abrege")] public string? Abrege { get; set; }
    [JsonPropertyName("definition")] public string? Definition { get; set; }
    [JsonPropertyName("nature")] public string? Nature { get; set; }
    [JsonPropertyName("unite")] public string? Unite { get; set; }
    [JsonPropertyName("sens")] public string? Sens { get; set; }
    [JsonPropertyName("objectif")] public bool? Objectif { get; set; }
    [JsonPropertyName("ventilations")] public List<string>? Ventilations { get; set; }
    [JsonPropertyName("critere")] public string? Critere { get; set; }
    [JsonPropertyName("critere_neet")] public string? CritereNeet { get; set; }
    [JsonPropertyName("parmi")] public string? Parmi { get; set; }
    [JsonPropertyName("numerateur")] public string? Numerateur { get; set; }
    [JsonPropertyName("numerateur_critere")] public string? NumerateurCritere { get; set; }
    [JsonPropertyName("denominateur")] public string? Denominateur { get; set; }
    [JsonPropertyName("periode_denominateur")] public string? PeriodeDenominateur { get; set; }
    [JsonPropertyName("moyens")] public string? Moyens { get; set; }
    [JsonPropertyName("mesure")] public string? Mesure { get; set; }
    [JsonPropertyName("population")] public string? Population { get; set; }
    [JsonPropertyName("raison")] public string? Raison { get; set; }
}

/// <summary>Checks a catalogue read from JSON against the criteria and measures of C#, and lists every problem in French.</summary>
internal static class CatalogueValidator
{
    internal static readonly FrozenDictionary<string, Ventilation> VentilationNames =
        Ventilations.Toutes.ToFrozenDictionary(v => v.Cle(), StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, Nature> NatureNames = new Dictionary<string, Nature>
    {
        ["effectif"] = Nature.Effectif,
        ["ratio"] = Nature.Ratio,
        ["moyenne"] = Nature.Moyenne,
        ["montant"] = Nature.Montant,
        ["nombre"] = Nature.Nombre,
        ["non_calculable"] = Nature.NonCalculable,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, Unite> UniteNames = new Dictionary<string, Unite>
    {
        ["jeunes"] = Unite.Jeunes,
        ["pourcentage"] = Unite.Pourcentage,
        ["ratio"] = Unite.Ratio,
        ["euros"] = Unite.Euros,
        ["euros_par_jeune"] = Unite.EurosParJeune,
        ["jeunes_par_etp"] = Unite.JeunesParEtp,
        ["etp"] = Unite.Etp,
        ["mois"] = Unite.Mois,
        ["jours"] = Unite.Jours,
        ["nombre"] = Unite.Nombre,
        ["heures"] = Unite.Heures,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The units each nature may be displayed in (the first is the default when a count names none).</summary>
    private static readonly FrozenDictionary<Nature, Unite[]> UnitesPermises = new Dictionary<Nature, Unite[]>
    {
        [Nature.Effectif] = [Unite.Jeunes],
        [Nature.Ratio] = [Unite.Pourcentage, Unite.Ratio, Unite.EurosParJeune, Unite.JeunesParEtp],
        [Nature.Moyenne] = [Unite.Mois, Unite.Jours, Unite.Heures, Unite.Pourcentage],
        [Nature.Montant] = [Unite.Euros, Unite.Etp, Unite.Jeunes],
        [Nature.Nombre] = [Unite.Nombre],
        [Nature.NonCalculable] = Enum.GetValues<Unite>(),
    }.ToFrozenDictionary();

    internal static readonly FrozenDictionary<string, Sens> SensNames = new Dictionary<string, Sens>
    {
        ["hausse"] = Sens.Hausse,
        ["baisse"] = Sens.Baisse,
        ["neutre"] = Sens.Neutre,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static string Noms<T>(FrozenDictionary<string, T> names) => string.Join(", ", names.Keys.Order(StringComparer.Ordinal));

    private static string NomUnite(Unite u) => UniteNames.First(kv => kv.Value == u).Key;

    public static Catalogue Validate(CatalogueDto dto, CriterionRegistry registry)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(dto.Id)) problems.Add("« id » manquant.");
        if (string.IsNullOrWhiteSpace(dto.Libelle)) problems.Add("« libelle » manquant.");
        var dtos = dto.Indicateurs ?? [];
        if (dtos.Count == 0) problems.Add("Aucun indicateur.");

        var natures = new Dictionary<string, Nature>(StringComparer.Ordinal);
        foreach (var i in dtos)
        {
            if (string.IsNullOrWhiteSpace(i.Cle)) { problems.Add("Un indicateur sans « cle »."); continue; }
            if (i.Nature is null || !NatureNames.TryGetValue(i.Nature, out var nature))
            {
                problems.Add($"{i.Cle} : nature « {i.Nature} » inconnue (effectif, ratio, moyenne, montant, nombre, non_calculable).");
                continue;
            }
            if (!natures.TryAdd(i.Cle, nature)) problems.Add($"{i.Cle} : clé en double.");
        }

        var result = new List<IndicatorDefinition>();
        foreach (var i in dtos)
        {
            if (i.Cle is null || !natures.TryGetValue(i.Cle, out var nature)) continue;
            var where = i.Cle;
            if (string.IsNullOrWhiteSpace(i.Libelle)) problems.Add($"{where} : « libelle » manquant.");
            if (string.IsNullOrWhiteSpace(i.Definition)) problems.Add($"{where} : « definition » manquante.");

            void Forbid(string? value, string field)
            {
                if (value is not null) problems.Add($"{where} : « {field} » n'a pas de sens pour la nature {i.Nature}.");
            }

            // Unit: required except for counts (always young people).
            var permises = UnitesPermises[nature];
            var unite = permises[0];
            if (i.Unite is null)
            {
                if (nature is not (Nature.Effectif or Nature.NonCalculable or Nature.Nombre))
                    problems.Add($"{where} : « unite » manquante ({string.Join(", ", permises.Select(NomUnite))}).");
            }
            else if (!UniteNames.TryGetValue(i.Unite, out unite) || !permises.Contains(unite))
            {
                problems.Add($"{where} : « unite » vaut {string.Join(", ", permises.Select(NomUnite))} pour la nature {i.Nature} (« {i.Unite} »).");
                unite = permises[0];
            }

            var sens = Sens.Neutre;
            if (i.Sens is not null && !SensNames.TryGetValue(i.Sens, out sens))
                problems.Add($"{where} : « sens » vaut hausse, baisse ou neutre (« {i.Sens} »).");
            if (i.Objectif == true && nature != Nature.Ratio)
                problems.Add($"{where} : seuls les ratios portent des objectifs (« objectif »).");

            var ventilations = new List<Ventilation>();
            var periode = PeriodeRelative.N;
            var revele = new List<ComptageRevele>();
            switch (nature)
            {
                case Nature.Effectif:
                    if (i.Critere is null) problems.Add($"{where} : « critere » manquant.");
                    else if (!registry.HasCriterion(i.Critere)) problems.Add($"{where} : critère « {i.Critere} » inconnu.");
                    foreach (var v in i.Ventilations ?? [])
                    {
                        if (!VentilationNames.TryGetValue(v, out var vent)) problems.Add($"{where} : ventilation « {v} » inconnue.");
                        else if (ventilations.Contains(vent)) problems.Add($"{where} : ventilation « {v} » en double.");
                        else ventilations.Add(vent);
                    }
                    if (ventilations.Contains(Ventilation.Neet) != (i.CritereNeet is not null))
                        problems.Add($"{where} : la ventilation « neet » et « critere_neet » vont ensemble.");
                    if (i.CritereNeet is not null && !registry.HasCriterion(i.CritereNeet))
                        problems.Add($"{where} : critère « {i.CritereNeet} » inconnu.");
                    if (i.Parmi is not null && (!natures.TryGetValue(i.Parmi, out var pn) || pn != Nature.Effectif))
                        problems.Add($"{where} : « parmi » doit désigner un effectif du catalogue (« {i.Parmi} »).");
                    Forbid(i.Numerateur, "numerateur"); Forbid(i.NumerateurCritere, "numerateur_critere"); Forbid(i.Denominateur, "denominateur");
                    Forbid(i.PeriodeDenominateur, "periode_denominateur"); Forbid(i.Moyens, "moyens"); Forbid(i.Mesure, "mesure");
                    Forbid(i.Population, "population");
                    revele.Add(new ComptageRevele(i.Cle, PeriodeRelative.N));
                    break;
                case Nature.Ratio:
                    if ((i.Numerateur is null) == (i.NumerateurCritere is null))
                        problems.Add($"{where} : il faut « numerateur » ou « numerateur_critere », l'un des deux.");
                    if (i.Numerateur is not null) CheckOperand(i.Numerateur, "numerateur");
                    if (i.NumerateurCritere is not null && !registry.HasCriterion(i.NumerateurCritere))
                        problems.Add($"{where} : critère « {i.NumerateurCritere} » inconnu.");
                    if (i.Denominateur is null) problems.Add($"{where} : « denominateur » manquant.");
                    else CheckOperand(i.Denominateur, "denominateur");
                    if (i.PeriodeDenominateur is "N-1") periode = PeriodeRelative.NMoins1;
                    else if (i.PeriodeDenominateur is not (null or "N"))
                        problems.Add($"{where} : « periode_denominateur » vaut N ou N-1.");
                    Forbid(i.Critere, "critere"); Forbid(i.CritereNeet, "critere_neet"); Forbid(i.Parmi, "parmi");
                    Forbid(i.Moyens, "moyens"); Forbid(i.Mesure, "mesure"); Forbid(i.Population, "population");
                    if (i.Numerateur is not null && natures.TryGetValue(i.Numerateur, out var nn) && nn == Nature.Effectif)
                        revele.Add(new ComptageRevele(i.Numerateur, PeriodeRelative.N));
                    if (i.NumerateurCritere is not null) revele.Add(new ComptageRevele("critere:" + i.NumerateurCritere, PeriodeRelative.N));
                    if (i.Denominateur is not null && natures.TryGetValue(i.Denominateur, out var dn) && dn == Nature.Effectif)
                        revele.Add(new ComptageRevele(i.Denominateur, periode));
                    // An operand that is a number of events gives away what it does: its population of young people.
                    foreach (var (operand, p) in new[] { (i.Numerateur, PeriodeRelative.N), (i.Denominateur, periode) })
                    {
                        if (operand is not null && natures.TryGetValue(operand, out var on) && on == Nature.Nombre
                            && dtos.Find(x => x.Cle == operand)?.Population is { } pop && !revele.Contains(new ComptageRevele(pop, p)))
                            revele.Add(new ComptageRevele(pop, p));
                    }
                    break;
                case Nature.Moyenne or Nature.Nombre:
                    if (i.Mesure is null) problems.Add($"{where} : « mesure » manquante.");
                    else if (!registry.HasMeasure(i.Mesure)) problems.Add($"{where} : mesure « {i.Mesure} » inconnue.");
                    if (i.Mesure is not null && registry.IsStructureMeasure(i.Mesure))
                    {
                        // A structure's own events (companies, exchanges, offers): no young person, nothing to reveal.
                        if (nature == Nature.Moyenne) problems.Add($"{where} : la mesure « {i.Mesure} » compte des événements de la structure : nature nombre seulement.");
                        Forbid(i.Population, "population");
                    }
                    else if (i.Population is null || !natures.TryGetValue(i.Population, out var popn) || popn != Nature.Effectif)
                        problems.Add($"{where} : « population » doit désigner l'effectif des jeunes sur lesquels porte la moyenne (« {i.Population} »).");
                    else revele.Add(new ComptageRevele(i.Population, PeriodeRelative.N));
                    // A number of events may be a « dont » of another number of events (documentation of the text's tree).
                    if (nature == Nature.Nombre && i.Parmi is not null && (!natures.TryGetValue(i.Parmi, out var np) || np != Nature.Nombre))
                        problems.Add($"{where} : « parmi » doit désigner un nombre d'événements du catalogue (« {i.Parmi} »).");
                    if (nature == Nature.Moyenne) Forbid(i.Parmi, "parmi");
                    Forbid(i.Critere, "critere"); Forbid(i.CritereNeet, "critere_neet"); Forbid(i.Numerateur, "numerateur");
                    Forbid(i.NumerateurCritere, "numerateur_critere"); Forbid(i.Denominateur, "denominateur"); Forbid(i.PeriodeDenominateur, "periode_denominateur"); Forbid(i.Moyens, "moyens");
                    break;
                case Nature.NonCalculable:
                    // Listed with the reason it is not computed; no computation at all, so nothing to reveal.
                    if (string.IsNullOrWhiteSpace(i.Raison)) problems.Add($"{where} : « raison » manquante (pourquoi l'indicateur n'est pas calculable).");
                    if (i.Parmi is not null && (!natures.TryGetValue(i.Parmi, out var ncp) || ncp is not (Nature.Effectif or Nature.NonCalculable)))
                        problems.Add($"{where} : « parmi » doit désigner un effectif ou un indicateur non calculable du catalogue (« {i.Parmi} »).");
                    Forbid(i.Critere, "critere"); Forbid(i.CritereNeet, "critere_neet"); Forbid(i.Numerateur, "numerateur");
                    Forbid(i.NumerateurCritere, "numerateur_critere"); Forbid(i.Denominateur, "denominateur"); Forbid(i.PeriodeDenominateur, "periode_denominateur");
                    Forbid(i.Moyens, "moyens"); Forbid(i.Mesure, "mesure"); Forbid(i.Population, "population");
                    break;
                case Nature.Montant:
                    if (i.Moyens is null || !MoyensColumns.Names.Contains(i.Moyens))
                        problems.Add($"{where} : « moyens » doit être une colonne de moyens.csv ({string.Join(", ", MoyensColumns.Names)}).");
                    Forbid(i.Critere, "critere"); Forbid(i.CritereNeet, "critere_neet"); Forbid(i.Parmi, "parmi"); Forbid(i.Numerateur, "numerateur");
                    Forbid(i.NumerateurCritere, "numerateur_critere"); Forbid(i.Denominateur, "denominateur"); Forbid(i.PeriodeDenominateur, "periode_denominateur");
                    Forbid(i.Mesure, "mesure"); Forbid(i.Population, "population");
                    break;
            }
            if (nature != Nature.Effectif && i.Ventilations is { Count: > 0 })
                problems.Add($"{where} : seuls les effectifs ont des ventilations.");
            if (nature != Nature.NonCalculable && i.Raison is not null)
                problems.Add($"{where} : « raison » est réservée aux indicateurs de nature non_calculable.");

            result.Add(new IndicatorDefinition
            {
                Cle = i.Cle,
                Reference = i.Reference,
                Libelle = i.Libelle ?? "",
                Abrege = string.IsNullOrWhiteSpace(i.Abrege) ? null : i.Abrege,
                Definition = i.Definition ?? "",
                Nature = nature,
                Unite = unite,
                Sens = sens,
                Objectif = i.Objectif == true,
                Ventilations = ventilations,
                Critere = i.Critere,
                CritereNeet = i.CritereNeet,
                Parmi = i.Parmi,
                Numerateur = i.Numerateur,
                NumerateurCritere = i.NumerateurCritere,
                Denominateur = i.Denominateur,
                PeriodeDenominateur = periode,
                Moyens = i.Moyens,
                Mesure = i.Mesure,
                Population = i.Population,
                Raison = nature == Nature.NonCalculable ? i.Raison : null,
                Revele = revele,
            });

            void CheckOperand(string key, string field)
            {
                if (!natures.TryGetValue(key, out var n))
                    problems.Add($"{where} : {field} « {key} » absent du catalogue.");
                else if (n is not (Nature.Effectif or Nature.Montant or Nature.Nombre))
                    problems.Add($"{where} : {field} « {key} » doit être un effectif, un montant ou un nombre d'événements.");
            }
        }

        // "parmi" must not loop.
        var parents = result.Where(r => r.Parmi is not null).ToDictionary(r => r.Cle, r => r.Parmi!, StringComparer.Ordinal);
        foreach (var start in parents.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { start };
            for (var k = start; parents.TryGetValue(k, out var p); k = p)
            {
                if (!seen.Add(p)) { problems.Add($"{start} : la chaîne « parmi » boucle."); break; }
            }
        }

        var byKey = new Dictionary<string, IndicatorDefinition>(StringComparer.Ordinal);
        foreach (var r in result) byKey.TryAdd(r.Cle, r);
        var ancrage = PeriodeRelative.N;
        if (dto.Ancrage is "N-1") ancrage = PeriodeRelative.NMoins1;
        else if (dto.Ancrage is not (null or "N")) problems.Add($"« ancrage » vaut N ou N-1 (« {dto.Ancrage} »).");

        var poids = new List<PoidsRegionalDefinition>();
        foreach (var p in dto.PoidsRegional ?? [])
        {
            if (p.Cle is null || !byKey.TryGetValue(p.Cle, out var d) || d.Nature is not (Nature.Effectif or Nature.Montant))
                problems.Add($"poids_regional : « {p.Cle} » doit être un effectif ou un montant du catalogue.");
            else if (string.IsNullOrWhiteSpace(p.Libelle))
                problems.Add($"poids_regional : « {p.Cle} » sans « libelle ».");
            else poids.Add(new PoidsRegionalDefinition(p.Cle, p.Libelle));
        }

        MatriceDefinition? matrice = null;
        if (dto.Matrice is { } m)
        {
            List<PonderationMatrice> Axe(List<PonderationDto>? axe, string nom)
            {
                var list = new List<PonderationMatrice>();
                foreach (var x in axe ?? [])
                {
                    if (x.Cle is null || !byKey.TryGetValue(x.Cle, out var d) || d.Nature is Nature.Effectif or Nature.NonCalculable)
                        problems.Add($"matrice ({nom}) : « {x.Cle} » doit être un ratio, une moyenne ou un montant du catalogue.");
                    else if (d.Sens == Sens.Neutre)
                        problems.Add($"matrice ({nom}) : {x.Cle} doit avoir un « sens » (hausse ou baisse) pour entrer dans un score.");
                    else if (x.Poids is not { } w || w < 0 || double.IsNaN(w))
                        problems.Add($"matrice ({nom}) : le poids de {x.Cle} doit être un nombre positif.");
                    else list.Add(new PonderationMatrice(x.Cle, w));
                }
                if (list.Sum(x => x.Poids) <= 0) problems.Add($"matrice ({nom}) : au moins un ratio de poids non nul.");
                return list;
            }
            matrice = new MatriceDefinition(Axe(m.Efficacite, "efficacite"), Axe(m.Performance, "performance"));
        }

        var financement = GrilleFinancementValidator.Validate(dto.Financement, byKey, problems);

        if (problems.Count > 0) throw new CatalogueException(problems);
        return new Catalogue(dto.Id!, dto.Libelle!, dto.Source, result, registry, ancrage, poids, matrice) { Financement = financement };
    }
}
