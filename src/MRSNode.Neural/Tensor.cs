namespace MRSNode.Neural;

/// <summary>
/// Where a tensor's numbers live. The CPU backend keeps them in a managed array (<see cref="HostStorage"/>); a GPU
/// backend adds its own storage kind (device memory) and converts at its boundary, so layers and models never see
/// the difference.
/// </summary>
public abstract class TensorStorage
{
    public abstract int Length { get; }
}

/// <summary>Numbers in host memory.</summary>
public sealed class HostStorage(float[] data) : TensorStorage
{
    public float[] Data { get; } = data;

    public override int Length => Data.Length;
}

/// <summary>A dense, contiguous (row-major) float32 tensor: a shape over a storage. Reshape shares the storage.</summary>
public sealed class Tensor
{
    public Tensor(TensorStorage storage, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(shape);
        Shape = (int[])shape.Clone();
        Length = ElementCount(Shape);
        if (Length > storage.Length)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] needs {Length} elements, the storage has {storage.Length}", nameof(shape));
        }
        Storage = storage;
        var strides = new int[shape.Length];
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        Strides = strides;
    }

    /// <summary>A zeroed host tensor.</summary>
    public static Tensor Zeros(params int[] shape) => new(new HostStorage(new float[ElementCount(shape)]), shape);

    /// <summary>A host tensor over a copy of <paramref name="values"/>.</summary>
    public static Tensor FromValues(ReadOnlySpan<float> values, params int[] shape)
    {
        var t = Zeros(shape);
        values.CopyTo(t.Span);
        return t;
    }

    public TensorStorage Storage { get; }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>Elements between neighbours along each dimension (contiguous: the product of the later dimensions).</summary>
    public IReadOnlyList<int> Strides { get; }

    public int Rank => Shape.Count;

    public int Length { get; }

    /// <summary>The numbers, for host storage; a device tensor must be downloaded through its backend first.</summary>
    public Span<float> Span => Storage is HostStorage host
        ? host.Data.AsSpan(0, Length)
        : throw new InvalidOperationException("the tensor is not in host memory: copy it through its backend");

    public int this[int dimension] => Shape[dimension];

    /// <summary>The same numbers under another shape.</summary>
    public Tensor Reshape(params int[] shape)
    {
        if (ElementCount(shape) != Length)
        {
            throw new ArgumentException($"cannot reshape [{string.Join(", ", Shape)}] to [{string.Join(", ", shape)}]", nameof(shape));
        }
        return new Tensor(Storage, shape);
    }

    public bool SameShape(Tensor other) => other is not null && Shape.SequenceEqual(other.Shape);

    public int[] ShapeArray() => [.. Shape];

    public override string ToString() => $"Tensor[{string.Join(", ", Shape)}]";

    private static int ElementCount(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException("negative dimension", nameof(shape));
            }
            n *= d;
        }
        return checked((int)n);
    }
}
