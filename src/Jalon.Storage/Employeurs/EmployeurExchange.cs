using System.Data.Common;
using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Storage.Exchange;

namespace Jalon.Storage.Employeurs;

/// <summary>
/// Imports the employer side of a package (docs/employeurs.md, « Import ») inside the import's transaction, after the
/// journeys' events: for each structure the package has employer rows for, its offers, exchanges, MER and periods in a
/// company are replaced by the package's; its companies are matched by SIRET (a company kept keeps its contact, entered
/// in Jalon and absent from the format), the others removed, the new ones added. A MER is linked to the stored proposal
/// of its young person, day and theme, a hire to the stored job situation of its contract and start, a period to the
/// stored PMSMP (or internship) of its dates — the reader checked they exist; a young person whose file was anonymised or
/// erased has none, and their rows are left out. Rows are written in bulk (SQLite prepared statements, PostgreSQL binary
/// COPY); companies and offers get their identifiers from the import, so that offers and MER can point to them.
/// </summary>
internal static class EmployeurExchange
{
    private static readonly string[] Tables = ["Entreprises", "Offres", "EchangesEntreprises", "MisesEnRelation", "Immersions"];

    public static void Import(DbConnection connection, DbTransaction tx, JourneyPackage package, DateOnly today)
    {
        var data = package.Employeurs;
        if (data.IsEmpty) return;
        var postgres = connection is Npgsql.NpgsqlConnection;
        int StructureOf(int jeune) => package.Jeunes[jeune].Structure;
        var structures = data.Entreprises.Select(e => e.Structure).Concat(data.Echanges.Select(e => e.Structure)).Concat(data.Offres.Select(o => o.Structure))
            .Concat(data.MisesEnRelation.Select(m => StructureOf(m.Jeune))).Concat(data.Immersions.Select(i => StructureOf(i.Jeune))).Distinct().Order().ToList();
        // Identifiers are given here: no one else may take one meanwhile.
        if (postgres) Execute(connection, tx, "LOCK TABLE " + string.Join(", ", Tables.Select(t => $"\"{t}\"")) + " IN SHARE ROW EXCLUSIVE MODE");
        var nextEntreprise = Scalar(connection, tx, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Entreprises\"") + 1;
        var nextOffre = Scalar(connection, tx, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Offres\"") + 1;

        var entreprisesByStructure = data.Entreprises.ToLookup(e => e.Structure);
        var echangesByStructure = data.Echanges.ToLookup(e => e.Structure);
        var offresByStructure = data.Offres.ToLookup(o => o.Structure);
        var mersByStructure = data.MisesEnRelation.ToLookup(m => StructureOf(m.Jeune));
        var immersionsByStructure = data.Immersions.ToLookup(i => StructureOf(i.Jeune));

        var newEntreprises = new List<(long Id, EntrepriseLigne Row)>();
        var newOffres = new List<(long Id, long Entreprise, OffreLigne Row)>();
        var echanges = new List<(long Entreprise, EchangeEntrepriseLigne Row)>();
        var mers = new List<(string Structure, string Jeune, long Proposition, long? Offre, long? Entreprise, long? Situation, MiseEnRelationLigne Row)>();
        var immersions = new List<(string Structure, string Jeune, long Situation, long Entreprise, ImmersionLigne Row)>();
        foreach (var s in structures)
        {
            var code = package.Structures[s].Code;
            foreach (var table in new[] { "MisesEnRelation", "Immersions", "Offres", "EchangesEntreprises" })
                Execute(connection, tx, $"DELETE FROM \"{table}\" WHERE \"StructureCode\" = @p0", code);

            // Companies by SIRET: kept ones updated (their contact stays), absent ones removed, new ones added.
            var stored = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var r = RowReader.Open(connection, tx, "SELECT \"Id\", \"Siret\" FROM \"Entreprises\" WHERE \"StructureCode\" = @s", code))
            {
                while (r.Read())
                {
                    var id = r.Long(0); // columns in order: PostgreSQL reads them sequentially
                    stored[r.Text(1)] = id;
                }
            }
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var e in entreprisesByStructure[s])
            {
                if (stored.Remove(e.Siret, out var id))
                {
                    Execute(connection, tx, "UPDATE \"Entreprises\" SET \"Nom\" = @p0, \"Naf\" = @p1, \"Taille\" = @p2, \"Commune\" = @p3, \"CreeLe\" = COALESCE(@p4, \"CreeLe\") WHERE \"Id\" = @p5",
                        e.Nom, e.Naf, e.Taille is { } t ? (short)t : null, e.Commune, e.CreeLe, id);
                }
                else
                {
                    id = nextEntreprise++;
                    newEntreprises.Add((id, e));
                }
                ids[e.Siret] = id;
            }
            foreach (var gone in stored.Values) Execute(connection, tx, "DELETE FROM \"Entreprises\" WHERE \"Id\" = @p0", gone);

            var offres = new Dictionary<string, (long Id, long Entreprise)>(StringComparer.Ordinal);
            foreach (var o in offresByStructure[s])
            {
                var id = nextOffre++;
                offres[o.Id] = (id, ids[o.Siret]);
                newOffres.Add((id, ids[o.Siret], o));
            }
            foreach (var e in echangesByStructure[s]) echanges.Add((ids[e.Siret], e));

            // The stored proposals and situations the MER and periods are, by their key; each used once.
            var propositions = new Dictionary<(string, DateOnly, Theme), Queue<long>>();
            using (var r = RowReader.Open(connection, tx,
                       $"SELECT \"Id\", \"JeuneId\", \"Date\", \"Theme\" FROM \"Propositions\" WHERE \"StructureCode\" = @s AND \"Theme\" IN ({(int)Theme.Emploi}, {(int)Theme.Formation}, {(int)Theme.ProjetPro}) ORDER BY \"Id\"",
                       code))
            {
                while (r.Read())
                {
                    var id = r.Long(0);
                    Enqueue(propositions, (r.Text(1), r.Date(2), (Theme)r.Int(3)), id);
                }
            }
            var situations = new Dictionary<(string, TypeSituation, DateOnly), Queue<long>>();
            var periods = new Dictionary<(string, TypeSituation, DateOnly, DateOnly?), Queue<long>>();
            using (var r = RowReader.Open(connection, tx, "SELECT \"Id\", \"JeuneId\", \"Type\", \"Debut\", \"Fin\" FROM \"Situations\" WHERE \"StructureCode\" = @s ORDER BY \"Id\"", code))
            {
                while (r.Read())
                {
                    var (id, jeune, type, debut, fin) = (r.Long(0), r.Text(1), (TypeSituation)r.Int(2), r.Date(3), r.NullableDate(4));
                    Enqueue(situations, (jeune, type, debut), id);
                    if (type is TypeSituation.Pmsmp or TypeSituation.Stage) Enqueue(periods, (jeune, type, debut, fin), id);
                }
            }
            foreach (var m in mersByStructure[s])
            {
                var jeune = package.Jeunes[m.Jeune].Id;
                if (!Dequeue(propositions, (jeune, m.Date, EmployeurRules.ThemeOf(m.Type)), out var proposition)) continue;
                (long Id, long Entreprise)? offre = m.Offre is null ? null : offres[m.Offre];
                long? situation = null;
                if (m.Issue == IssueMiseEnRelation.Embauche)
                {
                    var contrat = m.Contrat ?? offresByStructure[s].First(o => o.Id == m.Offre).Contrat;
                    if (Dequeue(situations, (jeune, EmployeurRules.SituationOf(contrat), m.DebutEmploi!.Value), out var found)) situation = found;
                }
                mers.Add((code, jeune, proposition, offre?.Id, offre?.Entreprise ?? (m.Siret is null ? null : ids[m.Siret]), situation, m));
            }
            foreach (var i in immersionsByStructure[s])
            {
                var jeune = package.Jeunes[i.Jeune].Id;
                var type = i.Type == TypeImmersion.Pmsmp ? TypeSituation.Pmsmp : TypeSituation.Stage;
                if (Dequeue(periods, (jeune, type, i.Debut, i.Fin), out var situation)) immersions.Add((code, jeune, situation, ids[i.Siret], i));
            }
        }

        string Code(int s) => package.Structures[s].Code;
        Insert(connection, newEntreprises, "Entreprises", ["Id", "StructureCode", "Siret", "Nom", "Naf", "Taille", "Commune", "CreeLe"], (w, x) =>
        {
            w.Long(x.Id); w.Text(Code(x.Row.Structure)); w.Text(x.Row.Siret); w.Text(x.Row.Nom); w.Text(x.Row.Naf); w.Code((int?)x.Row.Taille); w.Text(x.Row.Commune);
            w.Date(x.Row.CreeLe ?? today);
        });
        Insert(connection, newOffres, "Offres",
            ["Id", "StructureCode", "EntrepriseId", "Intitule", "Rome", "Contrat", "DureeMois", "HeuresHebdo", "Commune", "Postes", "RecueLe", "DebutSouhaite", "Statut", "StatutLe", "Pourvoi"],
            (w, x) =>
            {
                var o = x.Row;
                w.Long(x.Id); w.Text(Code(o.Structure)); w.Long(x.Entreprise); w.Text(o.Intitule); w.Text(o.Rome); w.Code((int)o.Contrat); w.Int(o.DureeMois);
                w.Int(o.HeuresHebdo); w.Text(o.Commune); w.Int(o.Postes); w.Date(o.RecueLe); w.Date(o.DebutSouhaite); w.Code((int)o.Statut); w.Date(o.StatutLe);
                w.Code((int?)o.Pourvoi);
            });
        Insert(connection, echanges, "EchangesEntreprises", ["StructureCode", "EntrepriseId", "Date", "Mode", "Objet"], (w, x) =>
        {
            w.Text(Code(x.Row.Structure)); w.Long(x.Entreprise); w.Date(x.Row.Date); w.Code((int)x.Row.Mode); w.Code((int)x.Row.Objet);
        });
        Insert(connection, mers, "MisesEnRelation",
            ["StructureCode", "JeuneId", "PropositionId", "Type", "OffreId", "EntrepriseId", "Organisme", "Issue", "IssueLe", "SituationId"], (w, x) =>
            {
                w.Text(x.Structure); w.Text(x.Jeune); w.Long(x.Proposition); w.Code((int)x.Row.Type); w.Long(x.Offre); w.Long(x.Entreprise); w.Text(x.Row.Organisme);
                w.Code((int?)x.Row.Issue); w.Date(x.Row.IssueLe); w.Long(x.Situation);
            });
        Insert(connection, immersions, "Immersions", ["StructureCode", "JeuneId", "SituationId", "Type", "EntrepriseId", "BilanLe", "Suite"], (w, x) =>
        {
            w.Text(x.Structure); w.Text(x.Jeune); w.Long(x.Situation); w.Code((int)x.Row.Type); w.Long(x.Entreprise); w.Date(x.Row.BilanLe); w.Code((int?)x.Row.Suite);
        });
        if (postgres)
        {
            foreach (var table in new[] { "Entreprises", "Offres" })
                Execute(connection, tx, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST((SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"), 1))");
        }
    }

    /// <summary>
    /// Reads the employer rows of the database (one structure or all) back into the format's rows, those imported and those
    /// recorded in Jalon alike: one query per table (a MER with its proposal and hire situation, a period with its
    /// situation). An offer is identified in the format by its rank within its structure in the order of recording
    /// (<c>O000001</c>…), which an import gives back in the same order: export → import → export gives the same files.
    /// A MER is left out when the young person is not loaded (a portfolio, an anonymised file) or when it can no longer be
    /// written as the format's row: its proposal's theme changed, or its hire lost its job situation (removed from the
    /// journey); a period likewise when its situation is no longer a PMSMP (or internship) with an end. Nothing personal,
    /// no free text: no contact, tutor, note or review text.
    /// </summary>
    internal static EmployeurData Load(DbConnection connection, DbTransaction tx, string? structureCode, Func<string, int> structureIndex,
        Func<string, string, int?> jeuneIndex)
    {
        RowReader Query(string sql, string structureColumn, string orderBy) => RowReader.Open(connection, tx,
            sql + (structureCode is null ? "" : $" WHERE {structureColumn} = @s") + " ORDER BY " + orderBy, structureCode);

        var entreprises = new List<EntrepriseLigne>();
        var sirets = new Dictionary<long, string>();
        using (var r = Query("SELECT \"Id\", \"StructureCode\", \"Siret\", \"Nom\", \"Naf\", \"Taille\", \"Commune\", \"CreeLe\" FROM \"Entreprises\"",
                   "\"StructureCode\"", "\"Id\""))
        {
            while (r.Read())
            {
                // Columns in order: PostgreSQL reads them sequentially.
                var id = r.Long(0);
                var e = new EntrepriseLigne(structureIndex(r.Key(1)), r.Text(2), r.Text(3), r.NullableText(4), (TailleEntreprise?)r.NullableInt(5),
                    r.NullableText(6), r.Date(7));
                sirets[id] = e.Siret;
                entreprises.Add(e);
            }
        }

        // Offers in the order of recording; ranks within each structure, written once their number is known.
        var offres = new List<(long Id, int Rank, OffreLigne Row)>();
        var counts = new Dictionary<int, int>();
        using (var r = Query(
                   "SELECT \"Id\", \"StructureCode\", \"EntrepriseId\", \"Intitule\", \"Rome\", \"Contrat\", \"DureeMois\", \"HeuresHebdo\", \"Commune\", \"Postes\", \"RecueLe\", \"DebutSouhaite\", \"Statut\", \"StatutLe\", \"Pourvoi\" FROM \"Offres\"",
                   "\"StructureCode\"", "\"Id\""))
        {
            while (r.Read())
            {
                var id = r.Long(0);
                var structure = structureIndex(r.Key(1));
                var rank = counts[structure] = counts.GetValueOrDefault(structure) + 1;
                offres.Add((id, rank, new OffreLigne(structure, "", sirets[r.Long(2)], r.Text(3), r.Text(4), (TypeContrat)r.Int(5), r.NullableInt(6),
                    r.NullableInt(7), r.Text(8), r.Int(9), r.Date(10), r.NullableDate(11), (StatutOffre)r.Int(12), r.NullableDate(13),
                    (ModePourvoi?)r.NullableInt(14))));
            }
        }
        var offreIds = new Dictionary<long, (string Code, TypeContrat Contrat)>(offres.Count);
        var offreRows = new List<OffreLigne>(offres.Count);
        foreach (var (id, rank, row) in offres)
        {
            var code = OffreCode(rank, counts[row.Structure]);
            offreIds[id] = (code, row.Contrat);
            offreRows.Add(row with { Id = code });
        }

        var echanges = new List<EchangeEntrepriseLigne>();
        using (var r = Query("SELECT \"StructureCode\", \"EntrepriseId\", \"Date\", \"Mode\", \"Objet\" FROM \"EchangesEntreprises\"", "\"StructureCode\"", "\"Id\""))
        {
            while (r.Read()) echanges.Add(new EchangeEntrepriseLigne(structureIndex(r.Key(0)), sirets[r.Long(1)], r.Date(2), (ModeEchange)r.Int(3), (ObjetEchange)r.Int(4)));
        }

        var mers = new List<MiseEnRelationLigne>();
        using (var r = Query(
                   "SELECT m.\"StructureCode\", m.\"JeuneId\", p.\"Date\", p.\"Theme\", m.\"Type\", m.\"OffreId\", m.\"EntrepriseId\", m.\"Organisme\", m.\"Issue\", m.\"IssueLe\", s.\"Type\", s.\"Debut\" " +
                   "FROM \"MisesEnRelation\" m JOIN \"Propositions\" p ON p.\"Id\" = m.\"PropositionId\" LEFT JOIN \"Situations\" s ON s.\"Id\" = m.\"SituationId\"",
                   "m.\"StructureCode\"", "m.\"Id\""))
        {
            while (r.Read())
            {
                var jeune = jeuneIndex(r.Key(0), r.Key(1));
                var (date, theme, type) = (r.Date(2), (Theme)r.Int(3), (TypeMiseEnRelation)r.Int(4));
                var (offre, entreprise, organisme) = (r.NullableLong(5), r.NullableLong(6), r.NullableText(7));
                var (issue, issueLe) = ((IssueMiseEnRelation?)r.NullableInt(8), r.NullableDate(9));
                var (situation, debut) = ((TypeSituation?)r.NullableInt(10), r.NullableDate(11));
                if (jeune is not { } j || theme != EmployeurRules.ThemeOf(type)) continue;
                (string Code, TypeContrat Contrat)? surOffre = offre is { } o ? offreIds[o] : null;
                TypeContrat? contrat = null;
                if (issue == IssueMiseEnRelation.Embauche)
                {
                    // The hire is its job situation, of the offer's contract: without it, the row cannot be written.
                    if (situation is not { } s || !Contrats.TryGetValue(s, out var c) || (surOffre is { } so && so.Contrat != c)) continue;
                    contrat = surOffre is null ? c : null; // with an offer, the format leaves its contract (and company) empty
                }
                mers.Add(new MiseEnRelationLigne(j, date, type, surOffre?.Code, offre is null && entreprise is { } e ? sirets[e] : null,
                    organisme, issue, issueLe, contrat, issue == IssueMiseEnRelation.Embauche ? debut : null));
            }
        }

        var immersions = new List<ImmersionLigne>();
        using (var r = Query(
                   "SELECT i.\"StructureCode\", i.\"JeuneId\", i.\"Type\", s.\"Type\", s.\"Debut\", s.\"Fin\", i.\"EntrepriseId\", i.\"BilanLe\", i.\"Suite\" " +
                   "FROM \"Immersions\" i JOIN \"Situations\" s ON s.\"Id\" = i.\"SituationId\"",
                   "i.\"StructureCode\"", "i.\"Id\""))
        {
            while (r.Read())
            {
                var jeune = jeuneIndex(r.Key(0), r.Key(1));
                var (type, situation, debut, fin) = ((TypeImmersion)r.Int(2), (TypeSituation)r.Int(3), r.Date(4), r.NullableDate(5));
                var (entreprise, bilanLe, suite) = (r.Long(6), r.NullableDate(7), (SuiteImmersion?)r.NullableInt(8));
                if (jeune is not { } j || fin is not { } f || situation != (type == TypeImmersion.Pmsmp ? TypeSituation.Pmsmp : TypeSituation.Stage)) continue;
                immersions.Add(new ImmersionLigne(j, type, debut, f, sirets[entreprise], bilanLe, suite));
            }
        }

        // A database always carries the employer side: a structure without rows has 0 MER, not an unknown number.
        return new EmployeurData { HasFiles = true, Entreprises = entreprises, Echanges = echanges, Offres = offreRows, MisesEnRelation = mers, Immersions = immersions };
    }

    /// <summary>
    /// The format's identifier of the offer of rank <paramref name="rank"/> (from 1) of a structure of <paramref name="count"/>
    /// offers: <c>O</c> and the rank on six digits (more if the structure has more offers), so that the identifiers sort as the ranks.
    /// </summary>
    internal static string OffreCode(int rank, int count) =>
        "O" + rank.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(Math.Max(6, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length), '0');

    /// <summary>The contract of a hire by its job situation (the inverse of <see cref="EmployeurRules.SituationOf"/>).</summary>
    private static readonly Dictionary<TypeSituation, TypeContrat> Contrats = Enum.GetValues<TypeContrat>().ToDictionary(EmployeurRules.SituationOf);

    private static void Enqueue<TKey>(Dictionary<TKey, Queue<long>> index, TKey key, long id) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var queue)) index[key] = queue = new Queue<long>();
        queue.Enqueue(id);
    }

    private static bool Dequeue<TKey>(Dictionary<TKey, Queue<long>> index, TKey key, out long id) where TKey : notnull
    {
        id = 0;
        return index.TryGetValue(key, out var queue) && queue.TryDequeue(out id);
    }

    private static void Insert<T>(DbConnection connection, List<T> rows, string table, string[] columns, Action<BulkInserter, T> write)
    {
        if (rows.Count == 0) return;
        using var insert = BulkInserter.Create(connection, table, columns);
        foreach (var row in rows)
        {
            write(insert, row);
            insert.EndRow();
        }
        insert.Complete();
    }

    private static long Scalar(DbConnection connection, DbTransaction tx, string sql)
    {
        using var command = connection.CreateLongCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(DbConnection connection, DbTransaction tx, string sql, params object?[] values)
    {
        using var command = connection.CreateLongCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "p" + i;
            p.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        command.ExecuteNonQuery();
    }
}
