using System.Buffers.Binary;
using System.Numerics;

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
    private int[] _offsets;
    private int[] _groups;
    private uint[] _hashes;
    private int[] _slots; // entry index + 1, 0 = empty
    private int _count;

    public ByteKeyTable(int capacity = 16)
    {
        capacity = Math.Max(capacity, 4);
        _arena = new byte[capacity * 8];
        _offsets = new int[capacity + 1];
        _groups = new int[capacity];
        _hashes = new uint[capacity];
        _slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2)];
    }

    public int Count => _count;

    public ReadOnlySpan<byte> KeyOf(int entry) => _arena.AsSpan(_offsets[entry], _offsets[entry + 1] - _offsets[entry]);

    /// <summary>The entry of (group, key), or −1.</summary>
    public int Find(int group, ReadOnlySpan<byte> key)
    {
        var hash = Hash(group, key);
        var mask = _slots.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0) return -1;
            if (_hashes[entry] == hash && _groups[entry] == group && key.SequenceEqual(KeyOf(entry))) return entry;
        }
    }

    /// <summary>Adds (group, key) as entry <see cref="Count"/>; when already there, returns false and its entry.</summary>
    public bool TryAdd(int group, ReadOnlySpan<byte> key, out int entry)
    {
        if ((_count + 1) * 2 > _slots.Length) Grow();
        var hash = Hash(group, key);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        for (; ; slot = (slot + 1) & mask)
        {
            var existing = _slots[slot] - 1;
            if (existing < 0) break;
            if (_hashes[existing] == hash && _groups[existing] == group && key.SequenceEqual(KeyOf(existing)))
            {
                entry = existing;
                return false;
            }
        }
        entry = _count;
        if (entry == _groups.Length)
        {
            Array.Resize(ref _groups, entry * 2);
            Array.Resize(ref _hashes, entry * 2);
            Array.Resize(ref _offsets, entry * 2 + 1);
        }
        if (_arenaLength + key.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + key.Length));
        key.CopyTo(_arena.AsSpan(_arenaLength));
        _offsets[entry] = _arenaLength;
        _arenaLength += key.Length;
        _offsets[entry + 1] = _arenaLength;
        _groups[entry] = group;
        _hashes[entry] = hash;
        _slots[slot] = entry + 1;
        _count++;
        return true;
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var entry = 0; entry < _count; entry++)
        {
            var slot = (int)_hashes[entry] & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = entry + 1;
        }
        _slots = slots;
    }

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
}
