using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace MRSNode.TestSupport;

/// <summary>
/// Writes small NIfTI-MRS files (NIfTI-2, complex128, JSON header extension) with any dims and header, for the tests
/// that need shapes no real test file has: MRSI grids, DIM_EDIT, DIM_INDIRECT echo times.
/// </summary>
public static class NiftiMrsTestFile
{
    /// <summary>
    /// <paramref name="dims"/> are x, y, z, points, then up to three more; <paramref name="samples"/> are in NIfTI
    /// order (x fastest, then y, z, time, dim 5, 6, 7); <paramref name="json"/> is the header extension's JSON object.
    /// </summary>
    public static void Write(string path, long[] dims, Complex[] samples, double dwellSeconds, string json)
    {
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentNullException.ThrowIfNull(samples);
        var header = Encoding.UTF8.GetBytes(json);
        int esize = (8 + header.Length + 15) / 16 * 16;
        int voxOffset = 540 + 4 + esize;
        var bytes = new byte[voxOffset + samples.Length * 16];
        var b = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(b, 540);
        "n+2\0\r\n\u001a\n"u8.CopyTo(b[4..]);
        BinaryPrimitives.WriteInt16LittleEndian(b[12..], 1792); // complex128
        BinaryPrimitives.WriteInt16LittleEndian(b[14..], 128);
        BinaryPrimitives.WriteInt64LittleEndian(b[16..], dims.Length);
        for (int i = 0; i < 7; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b[(24 + 8 * i)..], i < dims.Length ? dims[i] : 1);
            BinaryPrimitives.WriteDoubleLittleEndian(b[(112 + 8 * i)..], i == 3 ? dwellSeconds : 10);
        }
        BinaryPrimitives.WriteDoubleLittleEndian(b[104..], 1);
        BinaryPrimitives.WriteInt64LittleEndian(b[168..], voxOffset);
        BinaryPrimitives.WriteDoubleLittleEndian(b[176..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(b[500..], 2 | 8); // mm, s
        "mrs_v0_9"u8.CopyTo(b[508..]);
        b[540] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(b[544..], esize);
        BinaryPrimitives.WriteInt32LittleEndian(b[548..], 44);
        header.CopyTo(b[552..]);
        for (int k = 0; k < samples.Length; k++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(b[(voxOffset + 16 * k)..], samples[k].Real);
            BinaryPrimitives.WriteDoubleLittleEndian(b[(voxOffset + 16 * k + 8)..], samples[k].Imaginary);
        }
        File.WriteAllBytes(path, bytes);
    }
}
