using System.Numerics;

namespace MRSNode.Dicom;

/// <summary>
/// Creates new UIDs: "2.25." + a random UUID as a decimal integer (PS3.5 §B.2), or, when a site
/// has its own registered root, root + "." + a time-and-random suffix that fits in 64 characters.
/// </summary>
public sealed class DicomUidGenerator
{
    /// <summary>MRSNode's implementation class UID (a fixed UUID-derived UID, PS3.7 §D.3.3.2).</summary>
    public const string ImplementationClassUid = "2.25.135936356977077872332398879830252745005";

    /// <summary>Implementation version name: at most 16 characters.</summary>
    public const string ImplementationVersionName = "MRSNODE_010";

    private readonly string? _root;

    /// <param name="orgRoot">An organisation's UID root from configuration, or null for 2.25 UUID UIDs.</param>
    public DicomUidGenerator(string? orgRoot = null)
    {
        if (orgRoot is not null && (!DicomValueValidator.IsUid(orgRoot) || orgRoot.Length > 30))
        {
            throw new ArgumentException($"'{orgRoot}' is not a usable UID root (a valid UID of at most 30 characters).", nameof(orgRoot));
        }
        _root = orgRoot;
    }

    public static DicomUidGenerator Default { get; } = new();

    public string Generate()
    {
        if (_root is null)
        {
            return "2.25." + ToUnsigned(Guid.NewGuid()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // root . ticks . random: unique across restarts and nodes sharing a root.
        var ticks = DateTime.UtcNow.Ticks;
        var random = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
        return FormattableString.Invariant($"{_root}.{ticks}.{random}");
    }

    /// <summary>A UID derived deterministically from a name (same input, same UID), e.g. for test fixtures.</summary>
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 style
        return "2.25." + new BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A UID derived deterministically from several parts (e.g. the source instances, the output kind and the software
    /// version): the same parts give the same UID, so a resend of the same inputs repeats its outputs' UIDs. Each part is
    /// length-prefixed, so ("ab", "c") and ("a", "bc") differ.
    /// </summary>
    public static string FromParts(IEnumerable<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var name = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part);
            name.Append(part.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(part).Append('|');
        }
        return FromName(name.ToString());
    }

    private static BigInteger ToUnsigned(Guid guid) => new(guid.ToByteArray(bigEndian: true), isUnsigned: true, isBigEndian: true);
}
