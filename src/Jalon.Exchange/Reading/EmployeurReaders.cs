using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Referentiels;

namespace Jalon.Exchange.Reading;

// The employer side's optional files (docs/spec/format-echange.md, « Le côté employeurs »): each row is checked on its own
// here, the references between files (a company of the structure, an offer, the journey's proposal and job situation)
// by EmployeurChecks once every file is read.

internal sealed class EntreprisesReader(ReadSession session) : StructureFileReader<EntrepriseLigne>(session, "entreprises.csv",
    [Col.Req("structure"), Col.Req("siret"), Col.Req("nom"), Col.Opt("naf"), Col.Opt("taille"), Col.Opt("commune"), Col.Opt("cree_le")])
{
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var siret = row.Text(1);
        var nom = row.Text(2);
        var naf = row.Text(3, intern: true);
        var taille = row.Code<TailleEntreprise>(4);
        var commune = row.Text(5, intern: true);
        var creeLe = row.Date(6);
        if (siret is not null && EmployeurFiles.SiretError(siret) is { } siretError) row.Error(1, siretError);
        if (nom is { Length: > EmployeurFiles.NomMax }) row.Error(2, $"nom de {nom.Length} caractères (au plus {EmployeurFiles.NomMax})");
        if (naf is not null && Naf.Find(naf) is not { Niveau: NafNiveau.SousClasse })
            row.Error(3, $"code NAF inconnu « {naf} » (attendu une sous-classe de la NAF rév. 2 écrite comme l'INSEE, ex. 56.10A)");
        if (row.Ok) CheckCommune(row, 5, commune);
        Keep(row, new EntrepriseLigne(structure, siret ?? "", nom ?? "", naf, taille, commune, creeLe),
            structure >= 0 && siret is not null ? (structure, siret) : null);
    }

    protected override (string, string) Duplicate(EntrepriseLigne v, int firstLine) =>
        ("siret", $"SIRET {v.Siret} en double dans la structure « {CodeOf(v.Structure)} » (déjà donné ligne {firstLine})");
}

internal sealed class EchangesEntreprisesReader(ReadSession session) : StructureFileReader<EchangeEntrepriseLigne>(session, "echanges_entreprises.csv",
    [Col.Req("structure"), Col.Req("siret"), Col.Req("date"), Col.Req("mode"), Col.Req("objet")])
{
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var siret = row.Text(1);
        var date = row.Date(2);
        var mode = row.Code<ModeEchange>(3);
        var objet = row.Code<ObjetEchange>(4);
        Keep(row, new EchangeEntrepriseLigne(structure, siret ?? "", date ?? default, mode ?? default, objet ?? default), null);
    }

    protected override (string, string) Duplicate(EchangeEntrepriseLigne v, int firstLine) => throw new InvalidOperationException("No key.");
}

internal sealed class OffresReader(ReadSession session) : StructureFileReader<OffreLigne>(session, "offres.csv",
    [Col.Req("structure"), Col.Req("offre"), Col.Req("siret"), Col.Req("intitule"), Col.Req("rome"), Col.Req("contrat"), Col.Opt("duree_mois"),
     Col.Opt("heures"), Col.Req("commune"), Col.Req("postes"), Col.Req("recue_le"), Col.Opt("debut_souhaite"), Col.Req("statut"), Col.Opt("statut_le"),
     Col.Opt("pourvoi")])
{
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var id = row.Text(1);
        var siret = row.Text(2);
        var intitule = row.Text(3);
        var rome = row.Text(4, intern: true);
        var contrat = row.Code<TypeContrat>(5);
        var duree = row.Int(6);
        var heures = row.Int(7);
        var commune = row.Text(8, intern: true);
        var postes = row.Int(9);
        var recueLe = row.Date(10);
        var debutSouhaite = row.Date(11);
        var statut = row.Code<StatutOffre>(12);
        var statutLe = row.Date(13);
        var pourvoi = row.Code<ModePourvoi>(14);
        if (id is { Length: > TextLimits.IdentifiantEvenement }) row.Error(1, $"identifiant d'offre de {id.Length} caractères (au plus {TextLimits.IdentifiantEvenement})");
        if (intitule is { Length: > EmployeurFiles.NomMax }) row.Error(3, $"intitulé de {intitule.Length} caractères (au plus {EmployeurFiles.NomMax})");
        if (rome is not null && !Rome.IsWellFormed(rome)) row.Error(4, $"code ROME mal formé « {rome} » (attendu une lettre de A à N puis quatre chiffres, ex. G1602)");
        if (duree is { } d && contrat == TypeContrat.Cdi) row.Error(6, $"durée de {d} mois pour un CDI (attendu vide)");
        else if (duree is < 1) row.Error(6, $"durée de {duree} mois (attendu au moins 1)");
        if (heures is < 1 or > 48) row.Error(7, $"{heures} heures par semaine (attendu de 1 à 48)");
        if (postes is < 1) row.Error(9, $"{postes} poste(s) (attendu au moins 1)");
        if (statut is { } s)
        {
            if (s == StatutOffre.Ouverte && statutLe is not null) row.Error(13, "date de statut pour une offre ouverte (attendu vide)");
            if (s != StatutOffre.Ouverte && statutLe is null) row.Error(13, $"date du statut {Codes.Of(s)} manquante (le jour où l'offre a été pourvue, retirée ou a expiré)");
            if (s == StatutOffre.Pourvue && pourvoi is null) row.Error(14, "offre pourvue sans mode (attendu MISE_EN_RELATION ou AUTRE_CANAL)");
            if (s != StatutOffre.Pourvue && pourvoi is not null) row.Error(14, $"mode de pourvoi pour une offre {Codes.Of(s)} (attendu vide : seule une offre POURVUE en a un)");
        }
        if (recueLe is { } r && statutLe is { } l && l < r) row.Error(13, $"statut du {l:yyyy-MM-dd} antérieur à la réception de l'offre ({r:yyyy-MM-dd})");
        if (row.Ok) CheckCommune(row, 8, commune);
        Keep(row, new OffreLigne(structure, id ?? "", siret ?? "", intitule ?? "", rome ?? "", contrat ?? default, duree, heures, commune ?? "", postes ?? 1,
                recueLe ?? default, debutSouhaite, statut ?? default, statutLe, pourvoi),
            structure >= 0 && id is not null ? (structure, id) : null);
    }

    protected override (string, string) Duplicate(OffreLigne v, int firstLine) =>
        ("offre", $"offre « {v.Id} » en double dans la structure « {CodeOf(v.Structure)} » (déjà donnée ligne {firstLine})");
}

internal sealed class MisesEnRelationReader(ReadSession session) : StructureFileReader<MiseEnRelationLigne>(session, "mises_en_relation.csv",
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("date"), Col.Req("type"), Col.Opt("offre"), Col.Opt("siret"), Col.Opt("organisme"), Col.Opt("issue"),
     Col.Opt("issue_le"), Col.Opt("contrat"), Col.Opt("debut_emploi")])
{
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var date = row.Date(2);
        var type = row.Code<TypeMiseEnRelation>(3);
        var offre = row.Text(4);
        var siret = row.Text(5);
        var organisme = row.Text(6);
        var issue = row.Code<IssueMiseEnRelation>(7);
        var issueLe = row.Date(8);
        var contrat = row.Code<TypeContrat>(9);
        var debutEmploi = row.Date(10);
        if (offre is null && siret is null && organisme is null)
            row.Error(4, "mise en relation sans offre, sans entreprise ni organisme (attendu offre, siret ou organisme)");
        if (organisme is not null && (offre is not null || siret is not null))
            row.Error(6, "organisme donné avec une offre ou une entreprise (attendu l'un ou l'autre)");
        if (organisme is { Length: > EmployeurFiles.NomMax }) row.Error(6, $"organisme de {organisme.Length} caractères (au plus {EmployeurFiles.NomMax})");
        if (issue is not null && issueLe is null) row.Error(8, "date de l'issue manquante");
        if (issue is null && issueLe is not null) row.Error(8, "date d'issue sans issue (attendu vide : une MER non résolue n'a pas d'issue)");
        if (type is { } t && date is { } d && issue is { } i && issueLe is { } le && EmployeurRules.IssueError(t, d, i, le) is { } issueError)
            row.Error(i == IssueMiseEnRelation.Embauche && le >= d ? 3 : 8, issueError);
        if (issue == IssueMiseEnRelation.Embauche)
        {
            if (debutEmploi is null) row.Error(10, "embauche sans début de l'emploi (le début de la situation d'emploi de situations.csv)");
            if (offre is null && contrat is null) row.Error(9, "embauche sans offre ni contrat (attendu le contrat de l'emploi)");
            if (debutEmploi is { } de && date is { } d2 && de < d2) row.Error(10, $"emploi commencé le {de:yyyy-MM-dd}, avant la mise en relation du {d2:yyyy-MM-dd}");
        }
        else
        {
            if (debutEmploi is not null) row.Error(10, "début d'emploi sans embauche (attendu vide)");
            if (contrat is not null) row.Error(9, "contrat sans embauche (attendu vide)");
        }
        if (row.Ok) row.CheckAfterArrival(2, jeune, date!.Value);
        Keep(row, new MiseEnRelationLigne(jeune, date ?? default, type ?? default, offre, siret, organisme, issue, issueLe, contrat, debutEmploi), null);
    }

    protected override (string, string) Duplicate(MiseEnRelationLigne v, int firstLine) => throw new InvalidOperationException("No key.");
}

internal sealed class ImmersionsReader(ReadSession session) : StructureFileReader<ImmersionLigne>(session, "immersions.csv",
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("type"), Col.Req("debut"), Col.Req("fin"), Col.Req("siret"), Col.Opt("bilan_le"), Col.Opt("suite")])
{
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var type = row.Code<TypeImmersion>(2);
        var debut = row.Date(3);
        var fin = row.Date(4);
        var siret = row.Text(5);
        var bilanLe = row.Date(6);
        var suite = row.Code<SuiteImmersion>(7);
        if (debut is { } d && fin is { } f && EmployeurRules.ImmersionError(d, f, bilanLe) is { } error)
            row.Error(f < d ? 4 : bilanLe < d ? 6 : 4, error);
        if (row.Ok) row.CheckAfterArrival(3, jeune, debut!.Value);
        Keep(row, new ImmersionLigne(jeune, type ?? default, debut ?? default, fin ?? default, siret ?? "", bilanLe, suite), null);
    }

    protected override (string, string) Duplicate(ImmersionLigne v, int firstLine) => throw new InvalidOperationException("No key.");
}

/// <summary>The employer files' names, limits and the checks between files, once every file is read.</summary>
internal static class EmployeurFiles
{
    public const int NomMax = 200;

    public static readonly string[] Names = ["entreprises.csv", "echanges_entreprises.csv", "offres.csv", "mises_en_relation.csv", "immersions.csv"];

    /// <summary>A SIRET of the file is written as 14 digits, without spaces, with a correct key.</summary>
    public static string? SiretError(string siret) =>
        siret.Length != 14 || !siret.All(char.IsAsciiDigit)
            ? $"SIRET mal formé « {siret} » (attendu 14 chiffres sans espace)"
            : Siret.Error(siret) is not null ? $"SIRET {siret} invalide : sa clé de contrôle est fausse (vérifiez chaque chiffre)" : null;

    /// <summary>
    /// The references between files, as errors: every SIRET is a company of the structure (entreprises.csv), every
    /// offer an offer of the structure; a MER is a proposal of the journey of its day and theme, a hire a job situation
    /// of its contract and start, a period in a company a PMSMP (or internship) situation of its dates — each row of the
    /// journey used by one MER or period at most.
    /// </summary>
    public static void Check(ReadSession session, EntreprisesReader entreprises, EchangesEntreprisesReader echanges, OffresReader offres,
        MisesEnRelationReader mers, ImmersionsReader immersions, RowBuffer<Proposition> propositions, RowBuffer<Situation> situations, List<PackageIssue> errors)
    {
        if (!entreprises.Present && !echanges.Present && !offres.Present && !mers.Present && !immersions.Present) return;
        var sirets = entreprises.All.Select(e => (e.Value.Structure, e.Value.Siret)).ToHashSet();
        var offresById = offres.All.ToDictionary(o => (o.Value.Structure, o.Value.Id), o => o.Value);
        string Code(int s) => session.Structures[s].Code;
        void Error(string file, int line, string column, string message) => errors.Add(new PackageIssue(file, line, column, message, true));
        void CheckSiret(string file, int line, int structure, string siret)
        {
            if (!sirets.Contains((structure, siret)))
                Error(file, line, "siret", $"entreprise inconnue « {siret} » dans la structure « {Code(structure)} » (absente de entreprises.csv)");
        }

        foreach (var e in echanges.All) CheckSiret(echanges.Name, e.Line, e.Value.Structure, e.Value.Siret);
        foreach (var o in offres.All) CheckSiret(offres.Name, o.Line, o.Value.Structure, o.Value.Siret);
        foreach (var i in immersions.All) CheckSiret(immersions.Name, i.Line, session.Jeunes[i.Value.Jeune].Structure, i.Value.Siret);

        // The journey's rows a MER or a period may be (of the young people who have one), grouped by young person; each
        // row can be used once. Arrays indexed by young person, not dictionaries of tuples: 2 M rows at national scale.
        var concerned = new bool[session.Jeunes.Length];
        foreach (var m in mers.All) concerned[m.Value.Jeune] = true;
        foreach (var i in immersions.All) concerned[i.Value.Jeune] = true;
        var freePropositions = new FreeRows<Proposition>(propositions, concerned);
        var freeSituations = new FreeRows<Situation>(situations, concerned);

        foreach (var row in mers.All)
        {
            var m = row.Value;
            var structure = session.Jeunes[m.Jeune].Structure;
            OffreLigne? offre = null;
            if (m.Offre is not null && !offresById.TryGetValue((structure, m.Offre), out offre))
                Error(mers.Name, row.Line, "offre", $"offre inconnue « {m.Offre} » dans la structure « {Code(structure)} » (absente de offres.csv)");
            if (offre is not null)
            {
                if (m.Type != TypeMiseEnRelation.Emploi) Error(mers.Name, row.Line, "type", "une mise en relation sur une offre d'emploi est de type EMPLOI");
                if (m.Date < offre.RecueLe) Error(mers.Name, row.Line, "date", $"mise en relation du {m.Date:yyyy-MM-dd} avant la réception de l'offre ({offre.RecueLe:yyyy-MM-dd})");
                if (m.Siret is not null && m.Siret != offre.Siret) Error(mers.Name, row.Line, "siret", $"SIRET {m.Siret} différent de celui de l'offre ({offre.Siret})");
                if (m.Contrat is { } c && c != offre.Contrat) Error(mers.Name, row.Line, "contrat", $"contrat {Codes.Of(c)} différent de celui de l'offre ({Codes.Of(offre.Contrat)})");
            }
            else if (m.Siret is not null) CheckSiret(mers.Name, row.Line, structure, m.Siret);
            var theme = EmployeurRules.ThemeOf(m.Type);
            if (!freePropositions.Take(m.Jeune, p => p.Date == m.Date && p.Theme == theme))
                Error(mers.Name, row.Line, "date", $"aucune proposition {Codes.Of(theme)} libre du jeune le {m.Date:yyyy-MM-dd} dans propositions.csv (une MER est une proposition du parcours, une seule MER par proposition)");
            if (m.Issue == IssueMiseEnRelation.Embauche && m.DebutEmploi is { } debut && (m.Contrat ?? offre?.Contrat) is { } contrat)
            {
                var type = EmployeurRules.SituationOf(contrat);
                if (!freeSituations.Take(m.Jeune, s => s.Type == type && s.Debut == debut))
                    Error(mers.Name, row.Line, "debut_emploi", $"aucune situation {Codes.Of(type)} libre du jeune commençant le {debut:yyyy-MM-dd} dans situations.csv (une embauche est la situation d'emploi du parcours, une seule MER par situation)");
            }
        }
        foreach (var row in immersions.All)
        {
            var i = row.Value;
            var type = i.Type == TypeImmersion.Pmsmp ? TypeSituation.Pmsmp : TypeSituation.Stage;
            if (!freeSituations.Take(i.Jeune, s => s.Type == type && s.Debut == i.Debut && s.Fin == i.Fin))
                Error(immersions.Name, row.Line, "debut", $"aucune situation {Codes.Of(type)} libre du jeune du {i.Debut:yyyy-MM-dd} au {i.Fin:yyyy-MM-dd} dans situations.csv (une période en entreprise est une situation du parcours, une seule fois)");
        }
    }

    /// <summary>
    /// The rows of the concerned young people grouped by young person (a counting sort, file order kept), each of which
    /// one MER or period may take once.
    /// </summary>
    private sealed class FreeRows<T> where T : struct, IJeuneEvent
    {
        private readonly RowBuffer<T> _rows;
        private readonly int[] _start;
        private readonly int[] _index;
        private readonly bool[] _used;

        public FreeRows(RowBuffer<T> rows, bool[] concerned)
        {
            _rows = rows;
            _start = new int[concerned.Length + 1];
            foreach (var r in rows)
            {
                if (concerned[r.Jeune]) _start[r.Jeune + 1]++;
            }
            for (var j = 0; j < concerned.Length; j++) _start[j + 1] += _start[j];
            _index = new int[_start[^1]];
            _used = new bool[_index.Length];
            var next = _start[..^1];
            for (var i = 0; i < rows.Count; i++)
            {
                var j = rows[i].Jeune;
                if (concerned[j]) _index[next[j]++] = i;
            }
        }

        /// <summary>Takes the first free row of the young person that matches; false when there is none.</summary>
        public bool Take(int jeune, Func<T, bool> matches)
        {
            for (var k = _start[jeune]; k < _start[jeune + 1]; k++)
            {
                if (_used[k] || !matches(_rows[_index[k]])) continue;
                _used[k] = true;
                return true;
            }
            return false;
        }
    }

    public static EmployeurData Build(EntreprisesReader entreprises, EchangesEntreprisesReader echanges, OffresReader offres, MisesEnRelationReader mers,
        ImmersionsReader immersions) => new()
        {
            HasFiles = entreprises.Present || echanges.Present || offres.Present || mers.Present || immersions.Present,
            Entreprises = [.. entreprises.All.Select(r => r.Value)],
            Echanges = [.. echanges.All.Select(r => r.Value)],
            Offres = [.. offres.All.Select(r => r.Value)],
            MisesEnRelation = [.. mers.All.Select(r => r.Value)],
            Immersions = [.. immersions.All.Select(r => r.Value)],
        };
}
