using Jalon.Domain;
using Jalon.Domain.Alerts;

namespace Jalon.Core.Tests.DomainRules;

/// <summary>The portfolio alerts, each on both sides of its boundary.</summary>
public sealed class PortfolioAlertsTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>A small mutable journey builder: lists turned into the spans of a <see cref="JeuneJourney"/>.</summary>
    private sealed class J
    {
        public Jeune Jeune = new(0, "J1", new DateOnly(2005, 1, 10), Sexe.F, Niveau.V, false, null, false, false, new DateOnly(2026, 1, 5));
        public List<Contact> Contacts = [];
        public List<Orientation> Orientations = [];
        public List<Parcours> Parcours = [];
        public List<Proposition> Propositions = [];
        public List<Situation> Situations = [];
        public List<Droit> Droits = [];
        public List<Parrainage> Parrainages = [];

        public JeuneJourney Journey() => new(0, Jeune, Contacts.ToArray(), Orientations.ToArray(), Parcours.ToArray(),
            Propositions.ToArray(), Situations.ToArray(), Droits.ToArray(), Parrainages.ToArray());

        public List<Alert> Alerts(DateOnly today) => PortfolioAlerts.For(Journey(), today);

        public bool Has(AlertKind kind, DateOnly today) => Alerts(today).Exists(a => a.Kind == kind);
    }

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // ---- No proposal for 3 months while not in a job or a training ----

    [Fact]
    public void SansProposition_counts_from_the_last_proposition_boundary_included()
    {
        var j = new J();
        j.Propositions.Add(new Proposition(0, D(2026, 8, 23), Theme.Emploi));
        j.Propositions.Add(new Proposition(0, D(2026, 3, 1), Theme.Logement));
        Assert.True(j.Has(AlertKind.SansProposition, Today)); // 23/08 + 3 months = 23/11 = today
        Assert.False(j.Has(AlertKind.SansProposition, Today.AddDays(-1)));
        Assert.Equal(Today, j.Alerts(Today).Single(a => a.Kind == AlertKind.SansProposition).Depuis);
    }

    [Fact]
    public void SansProposition_counts_from_the_premier_accueil_when_there_is_none()
    {
        var j = new J { Jeune = new J().Jeune with { PremierAccueil = D(2026, 8, 24) } };
        Assert.False(j.Has(AlertKind.SansProposition, Today));
        Assert.True(j.Has(AlertKind.SansProposition, Today.AddDays(1)));
    }

    [Fact]
    public void SansProposition_not_while_in_a_job_or_a_training()
    {
        var j = new J();
        j.Situations.Add(new Situation(0, TypeSituation.Cdd, D(2026, 10, 1), Today, null));
        Assert.False(j.Has(AlertKind.SansProposition, Today));
        Assert.True(j.Has(AlertKind.SansProposition, Today.AddDays(1))); // the CDD ended yesterday
        j.Situations[0] = new Situation(0, TypeSituation.FormationQualifiante, D(2026, 10, 1), null, null);
        Assert.False(j.Has(AlertKind.SansProposition, Today.AddDays(1)));
        j.Situations[0] = new Situation(0, TypeSituation.Stage, D(2026, 10, 1), null, null); // immersion is neither
        Assert.True(j.Has(AlertKind.SansProposition, Today));
    }

    [Fact]
    public void SansProposition_ignores_future_propositions()
    {
        var j = new J();
        j.Propositions.Add(new Proposition(0, Today.AddDays(3), Theme.Emploi));
        Assert.True(j.Has(AlertKind.SansProposition, Today));
    }

    // ---- NEET in a path for 4 months without a solution ----

    [Fact]
    public void NeetSansSolution_reaches_four_months_to_the_day()
    {
        var j = new J();
        j.Parcours.Add(new Parcours(0, Dispositif.Civis, D(2026, 7, 23), null, null, Neet: true));
        Assert.True(j.Has(AlertKind.NeetSansSolution, Today));
        Assert.False(j.Has(AlertKind.NeetSansSolution, Today.AddDays(-1)));
        Assert.Equal(Today, j.Alerts(Today).Single(a => a.Kind == AlertKind.NeetSansSolution).Depuis);
    }

    [Fact]
    public void NeetSansSolution_only_for_neet_entries_and_active_paths()
    {
        var j = new J();
        j.Parcours.Add(new Parcours(0, Dispositif.GarantieJeunes, D(2026, 1, 5), null, null, Neet: false));
        Assert.False(j.Has(AlertKind.NeetSansSolution, Today));
        j.Parcours[0] = new Parcours(0, Dispositif.GarantieJeunes, D(2026, 1, 5), Today.AddDays(-1), MotifFin.Abandon, Neet: true);
        Assert.False(j.Has(AlertKind.NeetSansSolution, Today));
        j.Parcours[0] = new Parcours(0, Dispositif.GarantieJeunes, D(2026, 1, 5), Today, null, Neet: true);
        Assert.True(j.Has(AlertKind.NeetSansSolution, Today));
    }

    [Theory]
    [InlineData(TypeSituation.Cdd, false)]
    [InlineData(TypeSituation.Apprentissage, false)]
    [InlineData(TypeSituation.Formation, false)]
    [InlineData(TypeSituation.Stage, false)]
    [InlineData(TypeSituation.Pmsmp, false)]
    [InlineData(TypeSituation.ServiceCivique, true)]
    public void NeetSansSolution_any_job_training_apprenticeship_or_internship_since_debut_is_a_solution(TypeSituation type, bool alert)
    {
        var j = new J();
        j.Parcours.Add(new Parcours(0, Dispositif.Civis, D(2026, 3, 1), null, null, Neet: true));
        j.Situations.Add(new Situation(0, type, D(2026, 4, 1), D(2026, 4, 15), 15));
        Assert.Equal(alert, j.Has(AlertKind.NeetSansSolution, Today));
    }

    [Fact]
    public void NeetSansSolution_a_situation_ended_before_the_path_does_not_count()
    {
        var j = new J();
        j.Parcours.Add(new Parcours(0, Dispositif.Civis, D(2026, 3, 1), null, null, Neet: true));
        j.Situations.Add(new Situation(0, TypeSituation.Cdd, D(2026, 1, 1), D(2026, 2, 28), null));
        Assert.True(j.Has(AlertKind.NeetSansSolution, Today));
        j.Situations[0] = new Situation(0, TypeSituation.Cdd, D(2026, 1, 1), D(2026, 3, 1), null); // last day = debut
        Assert.False(j.Has(AlertKind.NeetSansSolution, Today));
    }

    // ---- Consolidation reaching 4 months ----

    [Fact]
    public void ConsolidationQuatreMois_reaches_four_months_to_the_day()
    {
        var j = new J();
        j.Parcours.Add(new Parcours(0, Dispositif.Consolidation, D(2026, 7, 23), null, null, Neet: false));
        Assert.True(j.Has(AlertKind.ConsolidationQuatreMois, Today));
        Assert.False(j.Has(AlertKind.ConsolidationQuatreMois, Today.AddDays(-1)));
    }

    [Fact]
    public void ConsolidationQuatreMois_not_once_closed_nor_for_other_paths()
    {
        var j = new J();
        j.Parcours.Add(new Parcours(0, Dispositif.Consolidation, D(2026, 5, 1), D(2026, 8, 31), MotifFin.FinDispositif, Neet: false));
        j.Parcours.Add(new Parcours(0, Dispositif.Civis, D(2026, 5, 1), null, null, Neet: false));
        Assert.False(j.Has(AlertKind.ConsolidationQuatreMois, Today));
    }

    // ---- 26th birthday within 3 months ----

    [Fact]
    public void VingtSixAns_within_three_months_both_ends()
    {
        var j = new J { Jeune = new J().Jeune with { Naissance = D(2001, 2, 23) } }; // 26 on 23/02/2027 = today + 3 months
        Assert.True(j.Has(AlertKind.VingtSixAns, Today));
        Assert.False(j.Has(AlertKind.VingtSixAns, Today.AddDays(-1)));
        Assert.True(j.Has(AlertKind.VingtSixAns, D(2027, 2, 22)));
        Assert.False(j.Has(AlertKind.VingtSixAns, D(2027, 2, 23))); // the birthday itself: already 26
    }

    // ---- No entretien for 5 months ----

    [Fact]
    public void SansEntretien_counts_from_the_last_entretien_boundary_included()
    {
        var j = new J();
        j.Contacts.Add(new Contact(0, D(2026, 6, 23), ModeContact.Entretien, false));
        j.Contacts.Add(new Contact(0, D(2026, 10, 1), ModeContact.Telephone, false)); // not an entretien
        Assert.True(j.Has(AlertKind.SansEntretien, Today));
        Assert.False(j.Has(AlertKind.SansEntretien, Today.AddDays(-1)));
    }

    [Fact]
    public void SansEntretien_the_premier_accueil_is_an_entretien()
    {
        var j = new J { Jeune = new J().Jeune with { PremierAccueil = D(2026, 6, 24) } };
        Assert.False(j.Has(AlertKind.SansEntretien, Today));
        Assert.True(j.Has(AlertKind.SansEntretien, Today.AddDays(1)));
    }

    // ---- Followed young people and ordering ----

    [Fact]
    public void IsFollowed_within_twelve_months_or_in_an_active_path()
    {
        var j = new J { Jeune = new J().Jeune with { PremierAccueil = D(2025, 11, 23) } };
        Assert.False(PortfolioAlerts.IsFollowed(j.Journey(), Today));
        Assert.True(PortfolioAlerts.IsFollowed(j.Journey(), Today.AddDays(-1)));
        j.Parcours.Add(new Parcours(0, Dispositif.Civis, D(2024, 1, 1), null, null, false));
        Assert.True(PortfolioAlerts.IsFollowed(j.Journey(), Today));
        j.Parcours[0] = j.Parcours[0] with { Fin = D(2024, 12, 31) };
        Assert.False(PortfolioAlerts.IsFollowed(j.Journey(), Today));
        j.Contacts.Add(new Contact(0, D(2026, 2, 1), ModeContact.Sms, false));
        Assert.True(PortfolioAlerts.IsFollowed(j.Journey(), Today));
    }

    [Fact]
    public void Alerts_come_most_urgent_first_with_french_messages()
    {
        var j = new J { Jeune = new J().Jeune with { Naissance = D(2001, 1, 15) } };
        j.Parcours.Add(new Parcours(0, Dispositif.Consolidation, D(2026, 1, 5), null, null, Neet: true));
        var alerts = j.Alerts(Today);
        Assert.Equal(
            [AlertKind.NeetSansSolution, AlertKind.ConsolidationQuatreMois, AlertKind.SansProposition, AlertKind.SansEntretien, AlertKind.VingtSixAns],
            alerts.Select(a => a.Kind));
        Assert.All(alerts, a => Assert.False(string.IsNullOrWhiteSpace(a.Message)));
        Assert.Contains("15/01/2027", alerts[^1].Message);
    }
}
