using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Jalon.Exchange.Reading;

/// <summary>
/// A hash set of (group, UTF-8 key) pairs, numbered 0, 1, 2… in the order they are added.
/// Looking up a key from a span of bytes allocates nothing; the keys live in one byte arena.
/// Not thread-safe for writing; concurrent lookups are safe once writing is over.
/// </summary>
internal sealed class ByteKeyTable
{
    private byte[] _arena;
    private int _arenaLength;
    private Entry[] _entries;
    private ulong[] _slots; // hash << 32 | entry index + 1; 0 = empty
    private int _count;

    public ByteKeyTable(int capacity = 16)
    {
        capacity = Math.Max(capacity, 4);
        _arena = new byte[capacity * 8];
        _entries = new Entry[capacity];
        _slots = new ulong[(int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2)];
    }

    public int Count => _count;

    public ReadOnlySpan<byte> KeyOf(int entry) => _arena.AsSpan(_entries[entry].Offset, _entries[entry].Length);

    /// <summary>Whether entry <paramref name="entry"/> is (group, key).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(int entry, int group, ReadOnlySpan<byte> key)
    {
        ref readonly var e = ref _entries[entry];
        return e.Group == group && key.SequenceEqual(_arena.AsSpan(e.Offset, e.Length));
    }

    /// <summary>The entry of (group, key), or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(int group, ReadOnlySpan<byte> key)
    {
        var hash = Hash(group, key);
        var mask = _slots.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var packed = _slots[slot];
            if (packed == 0) return -1;
            var entry = (int)(uint)packed - 1;
            if ((uint)(packed >> 32) == hash && Matches(entry, group, key)) return entry;
        }
    }

    /// <summary>Adds (group, key) as entry <see cref="Count"/>; when already there, returns false and its entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(int group, ReadOnlySpan<byte> key, out int entry)
    {
        if ((_count + 1) * 2 > _slots.Length) Grow();
        var hash = Hash(group, key);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        for (; ; slot = (slot + 1) & mask)
        {
            var packed = _slots[slot];
            if (packed == 0) break;
            var existing = (int)(uint)packed - 1;
            if ((uint)(packed >> 32) == hash && Matches(existing, group, key))
            {
                entry = existing;
                return false;
            }
        }
        entry = _count;
        if (entry == _entries.Length) Array.Resize(ref _entries, entry * 2);
        if (_arenaLength + key.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + key.Length));
        key.CopyTo(_arena.AsSpan(_arenaLength));
        _entries[entry] = new Entry(_arenaLength, key.Length, group);
        _arenaLength += key.Length;
        _slots[slot] = ((ulong)hash << 32) | (uint)(entry + 1);
        _count++;
        return true;
    }

    private void Grow()
    {
        var slots = new ulong[_slots.Length * 2];
        var mask = slots.Length - 1;
        foreach (var packed in _slots)
        {
            if (packed == 0) continue;
            var slot = (int)(packed >> 32) & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = packed;
        }
        _slots = slots;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(int group, ReadOnlySpan<byte> key)
    {
        var h = 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)group * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)key.Length;
        while (key.Length >= 8)
        {
            h = Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(key));
            key = key[8..];
        }
        if (!key.IsEmpty)
        {
            ulong tail = 0;
            for (var i = 0; i < key.Length; i++) tail |= (ulong)key[i] << (8 * i);
            h = Mix(h, tail);
        }
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return (uint)h;
    }

    private static ulong Mix(ulong h, ulong word) => BitOperations.RotateLeft(h ^ (word * 0x87C37B91114253D5UL), 31) * 0x4CF5AD432745937FUL;

    private readonly record struct Entry(int Offset, int Length, int Group);
}
