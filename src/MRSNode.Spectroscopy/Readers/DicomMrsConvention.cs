using System.Buffers.Binary;
using System.Numerics;

namespace MRSNode.Spectroscopy.Readers;

/// <summary>
/// The sign convention of MR Spectroscopy Storage's Spectroscopy Data (5600,0020) against MRSNode's
/// (<see cref="SpectralAxis"/>): the DICOM data are the complex conjugate of ours. PS3.3 C.8.14.4.1
/// has the signal rotate counterclockwise (real → imaginary) for positive relative frequencies, i.e.
/// downfield of the transmitter; in MRSNode's convention an upfield metabolite (NAA) is the one that
/// rotates counterclockwise. Checked on real files: Siemens XA60 (ethanol CH₃ triplet at 1.07 ppm,
/// mirror at 8.33 ppm empty) and Philips Achieva 3.2.3 (NAA/Cr/Cho pattern upfield of water, mirror
/// empty) both need the conjugate, as in spec2nii and suspect (chirality −1 for (5600,0020)).
/// Siemens CSA data (7FE1,xx10) are not conjugated (see <see cref="SiemensCsaReader"/>).
/// </summary>
internal static class DicomMrsConvention
{
    /// <summary>Interleaved little-endian float32 (re, im) pairs in the DICOM convention → MRSNode's FID.</summary>
    public static Complex[] Decode(ReadOnlySpan<byte> bytes)
    {
        var result = new Complex[bytes.Length / 8];
        for (int i = 0; i < result.Length; i++)
        {
            float re = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(8 * i, 4));
            float im = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(8 * i + 4, 4));
            result[i] = new Complex(re, -im);
        }
        return result;
    }

    /// <summary>MRSNode's FID → interleaved float32 (re, im) in the DICOM convention (the inverse of <see cref="Decode"/>).</summary>
    public static float[] Encode(ReadOnlySpan<Complex> data)
    {
        var result = new float[data.Length * 2];
        for (int i = 0; i < data.Length; i++)
        {
            result[2 * i] = (float)data[i].Real;
            result[2 * i + 1] = (float)-data[i].Imaginary;
        }
        return result;
    }

    /// <summary>Interleaved little-endian float32 (re, im) pairs taken as they are (Siemens CSA: no conjugation).</summary>
    public static Complex[] DecodeUnconjugated(ReadOnlySpan<byte> bytes)
    {
        var result = new Complex[bytes.Length / 8];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new Complex(
                BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(8 * i, 4)),
                BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(8 * i + 4, 4)));
        }
        return result;
    }
}
