using System.Numerics;

namespace Jalon.Generator;

/// <summary>
/// A small, fast, seeded pseudo-random generator (xoshiro256**, seeded by SplitMix64). Its sequence depends on
/// the seed only — never on the .NET version — so generated packages are byte-identical for a seed.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A generator for one stream (e.g. one structure) derived from a seed: independent of the other streams.</summary>
    public static Rng For(long seed, params ReadOnlySpan<long> stream)
    {
        var h = (ulong)seed ^ 0x9E3779B97F4A7C15UL;
        foreach (var s in stream) h = Mix(h ^ (ulong)s);
        return new Rng(h);
    }

    /// <summary>A stable 64-bit hash of a few numbers (SplitMix64 finaliser chained).</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)((NextUInt64() >> 32) * (ulong)n >> 32);

    /// <summary>Uniform integer in [min, max] (both included).</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given median and shape σ.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>Exponential with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Poisson with a small mean (Knuth; the means used here stay below ~30), normal approximation above.</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal()));
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= NextDouble();
        } while (p > l);
        return k - 1;
    }

    /// <summary>Index drawn from cumulative weights (ascending, last = total).</summary>
    public int Pick(ReadOnlySpan<double> cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        if (cumulative.Length > 16)
        {
            // Binary search: the first index whose cumulative weight exceeds x.
            int lo = 0, hi = cumulative.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
            }
            return lo;
        }
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (x < cumulative[i]) return i;
        }
        return cumulative.Length - 1;
    }
}

/// <summary>A discrete distribution over values, drawn with <see cref="Rng.Pick"/>.</summary>
public sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] items)
    {
        _values = items.Select(i => i.Value).ToArray();
        _cumulative = new double[items.Length];
        var sum = 0.0;
        for (var i = 0; i < items.Length; i++)
        {
            sum += items[i].Weight;
            _cumulative[i] = sum;
        }
    }

    public T Draw(Rng rng) => _values[rng.Pick(_cumulative)];
}
