using System.Buffers.Binary;

namespace MRSNode.Dicom.Imaging;

/// <summary>
/// Moves a data set's 8-bit Pixel Data between native (OB) and RLE Lossless encapsulated form: one fragment
/// per frame behind a Basic Offset Table (PS3.5 §A.4). Planar Configuration stays 0: PS3.5 G.2 (2024) allows it for
/// consistency with the other compressed syntaxes, and Orthanc before 1.11.3 draws an RLE image with 1 scrambled.
/// </summary>
public static class RlePixelData
{
    /// <summary>Replaces native 8-bit Pixel Data with its RLE encoding, in place.</summary>
    /// <exception cref="InvalidOperationException">The pixel data is not native 8-bit samples of the stated geometry.</exception>
    public static void Encode(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var (rows, columns, samples, frames) = Geometry(dataset);
        if (dataset.GetValue<ushort>(DicomTags.BitsAllocated) != 8)
        {
            throw new InvalidOperationException("RLE encoding here handles 8-bit samples only (the node's captures)");
        }
        if (dataset[DicomTags.PixelData] is not DicomElement native)
        {
            throw new InvalidOperationException("RLE encoding needs native Pixel Data");
        }
        var frameLength = rows * columns * samples;
        if (native.Value.Length < frameLength * frames)
        {
            throw new InvalidOperationException($"Pixel Data holds {native.Value.Length} bytes; {frames} frame(s) of {rows} × {columns} × {samples} need {frameLength * frames}");
        }
        var fragments = new List<ReadOnlyMemory<byte>>(frames);
        var offsets = new byte[4 * frames];
        uint position = 0;
        for (var f = 0; f < frames; f++)
        {
            var fragment = RleLossless.EncodeFrame(native.Value.Span.Slice(f * frameLength, frameLength), rows, columns, samples);
            BinaryPrimitives.WriteUInt32LittleEndian(offsets.AsSpan(4 * f), position);
            position += 8 + (uint)fragment.Length; // item tag and length, then the (even-length) fragment
            fragments.Add(fragment);
        }
        dataset.AddOrUpdate(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, offsets, fragments));
    }

    /// <summary>A copy of the data set with RLE Pixel Data decoded to native colour-by-pixel samples (for a peer that accepts no RLE).</summary>
    /// <exception cref="DicomFormatException">A fragment is not valid RLE of the stated geometry.</exception>
    public static DicomDataset Decode(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var (rows, columns, samples, frames) = Geometry(dataset);
        int bytesPerSample = dataset.GetValue<ushort>(DicomTags.BitsAllocated) / 8;
        if (dataset[DicomTags.PixelData] is not DicomFragmentSequence encoded || encoded.Fragments.Count != frames)
        {
            throw new DicomFormatException($"RLE Pixel Data needs one fragment per frame ({frames})", 0, DicomTags.PixelData);
        }
        var frameLength = rows * columns * samples * bytesPerSample;
        var pixels = new byte[frameLength * frames]; // the writer adds the pad byte of an odd length
        for (var f = 0; f < frames; f++)
        {
            RleLossless.DecodeFrame(encoded.Fragments[f].Span, rows, columns, samples, bytesPerSample).CopyTo(pixels, f * frameLength);
        }
        var copy = new DicomDataset(dataset);
        copy.AddOrUpdate(new DicomElement(DicomTags.PixelData, bytesPerSample == 1 ? DicomVR.OB : DicomVR.OW, pixels));
        return copy;
    }

    private static (int Rows, int Columns, int Samples, int Frames) Geometry(DicomDataset dataset)
    {
        if (dataset.GetValue<ushort>(DicomTags.BitsAllocated) is not (8 or 16 or 32))
        {
            throw new DicomFormatException("RLE Pixel Data needs Bits Allocated 8, 16 or 32", 0, DicomTags.BitsAllocated);
        }
        var frames = int.TryParse(dataset.GetString(DicomTags.NumberOfFrames), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        return (dataset.GetValue<ushort>(DicomTags.Rows), dataset.GetValue<ushort>(DicomTags.Columns), dataset.GetValue<ushort>(DicomTags.SamplesPerPixel), frames);
    }
}
