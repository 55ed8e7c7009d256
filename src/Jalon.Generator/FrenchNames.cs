using System.Text;
using Jalon.Domain;

namespace Jalon.Generator;

/// <summary>
/// Realistic, diverse French first and last names for demo data (names are not part of the exchange format).
/// Deterministic: the same seed, structure code and young person's id always give the same name.
/// Frequent names come first in each list and are drawn more often (Zipf-like weights).
/// </summary>
public static class FrenchNames
{
    private static readonly string[] Femmes =
    [
        "Léa", "Manon", "Camille", "Chloé", "Laura", "Sarah", "Marine", "Julie", "Pauline", "Océane",
        "Emma", "Inès", "Mathilde", "Marie", "Clara", "Anaïs", "Justine", "Morgane", "Lucie", "Charlotte",
        "Amandine", "Élodie", "Mélanie", "Audrey", "Émilie", "Jessica", "Marion", "Lisa", "Maëva", "Jade",
        "Louise", "Alice", "Juliette", "Margaux", "Célia", "Léna", "Eva", "Lina", "Yasmine", "Sofia",
        "Nour", "Aya", "Fatoumata", "Aïssata", "Kenza", "Salomé", "Romane", "Lou", "Zoé", "Ambre",
        "Louna", "Noémie", "Coralie", "Estelle", "Ophélie", "Alexia", "Cindy", "Jennifer", "Sabrina", "Nadia",
        "Samira", "Myriam", "Assia", "Sonia", "Leïla", "Wendy", "Kelly", "Mégane", "Cassandra", "Amélie",
        "Claire", "Elisa", "Axelle", "Mélissa", "Priscilla", "Déborah", "Naomi", "Mariama", "Awa", "Khadija",
        "Rania", "Dounia", "Sirine", "Ana", "Beatriz", "Tiphaine", "Gwendoline", "Maëlle", "Clémence", "Émeline",
        "Agathe", "Capucine", "Héloïse", "Chaïma", "Imane", "Jihane", "Lucile", "Oriane", "Sandra", "Laetitia",
        "Vanessa", "Aurélie", "Floriane", "Perrine", "Solène", "Maëlys", "Anaëlle", "Bérénice", "Tessa", "Mélina",
        "Aminata", "Hawa", "Fanta", "Safiya", "Malika", "Hanane", "Nawel", "Sherine", "Thi Mai", "Linh",
    ];

    private static readonly string[] Hommes =
    [
        "Thomas", "Nicolas", "Julien", "Kévin", "Maxime", "Alexandre", "Quentin", "Antoine", "Romain", "Hugo",
        "Lucas", "Théo", "Dylan", "Florian", "Anthony", "Jordan", "Mathieu", "Clément", "Valentin", "Alexis",
        "Benjamin", "Jérémy", "Sébastien", "Adrien", "Pierre", "Guillaume", "Baptiste", "Corentin", "Enzo", "Mathis",
        "Nathan", "Louis", "Paul", "Arthur", "Jules", "Tom", "Léo", "Killian", "Loïc", "Yanis",
        "Rayan", "Mehdi", "Karim", "Sofiane", "Bilal", "Nassim", "Samir", "Youssef", "Mohamed", "Ibrahim",
        "Moussa", "Mamadou", "Amadou", "Oumar", "Ousmane", "Mathéo", "Gabriel", "Raphaël", "Axel", "Bryan",
        "Steven", "Jonathan", "Cédric", "Vincent", "David", "Damien", "Loris", "Aurélien", "Rémi", "Gaëtan",
        "Tristan", "Erwan", "Yann", "Gwenaël", "Ewen", "Malo", "Noah", "Ethan", "Evan", "Sacha",
        "Timothée", "Victor", "Martin", "Simon", "Samuel", "Jason", "Mickaël", "Ryan", "Wassim", "Walid",
        "Adam", "Ilyes", "Hamza", "Anis", "Amine", "Ayoub", "Idriss", "Djibril", "Tiago", "Diego",
        "Rafael", "João", "Luca", "Marco", "Hakim", "Farid", "Jérôme", "Fabien", "Grégory", "Cyril",
        "Johan", "Morgan", "Thibault", "Arnaud", "Benoît", "Florent", "Kylian", "Seydou", "Boubacar", "Minh",
    ];

    private static readonly string[] Noms =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
        "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
        "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
        "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
        "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
        "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
        "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
        "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
        "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
        "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
        "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
        "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain",
        "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
        "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
        "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chauvin", "Da Silva", "Bouchet", "Gay",
        "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier",
        "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte", "Ferreira", "Dos Santos",
        "Pereira", "Rodrigues", "Gomes", "Fernandes", "Benali", "Benaïssa", "Bouzid", "Haddad", "Mansouri", "Belkacem",
        "Cherif", "Amrani", "Benmoussa", "Boukhari", "Diallo", "Traoré", "Koné", "Camara", "Diarra", "Cissé",
        "Sylla", "Keita", "Ndiaye", "Diop", "Sow", "Ba", "Fofana", "Touré", "Mendy", "Nguyen",
        "Tran", "Pham", "Yilmaz", "Kaya", "Demir", "Kowalski", "Nowak", "Rossi", "Ferrari", "Lopes",
        "Alves", "Martins", "Moreira", "Jean-Baptiste", "Alexis", "Hamidou", "Saïdi", "Meziane", "Lambert-Diallo", "Ribeiro",
    ];

    private static readonly double[] FemmesCumulative = Zipf(Femmes.Length);
    private static readonly double[] HommesCumulative = Zipf(Hommes.Length);
    private static readonly double[] NomsCumulative = Zipf(Noms.Length);

    /// <summary>The first and last names of a young person of a generated package.</summary>
    public static (string Prenom, string Nom) For(long seed, string structure, string jeune, Sexe sexe)
    {
        var rng = new Rng(Rng.Mix((ulong)seed ^ Hash(structure) * 31 ^ Hash(jeune)));
        var prenom = sexe == Sexe.F ? Femmes[rng.Pick(FemmesCumulative)] : Hommes[rng.Pick(HommesCumulative)];
        var nom = Noms[rng.Pick(NomsCumulative)];
        // About one in twenty-five has a double-barrelled name.
        if (rng.Chance(0.04))
        {
            var second = Noms[rng.Pick(NomsCumulative)];
            if (second != nom && !nom.Contains('-', StringComparison.Ordinal)) nom = $"{nom}-{second}";
        }
        return (prenom, nom);
    }

    /// <summary>FNV-1a over UTF-8 bytes: stable across processes (unlike string.GetHashCode).</summary>
    private static ulong Hash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return h;
    }

    private static double[] Zipf(int n)
    {
        var c = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / (i + 15);
            c[i] = sum;
        }
        return c;
    }
}
