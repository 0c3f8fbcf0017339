namespace MRSNode.Quantification.Cuda.Kernels;

/// <summary>
/// Every kernel the backend launches, with the module (.cu / .ptx file) that defines it. Launches name kernels only
/// through these constants, and a test checks each one against the sources and the PTX, so a renamed or missing
/// kernel fails the build's tests instead of a GPU run.
/// </summary>
internal static class KernelNames
{
    public const string ActivationForward = "activation_forward";
    public const string ActivationBackward = "activation_backward";
    public const string CReluForward = "crelu_forward";
    public const string CReluBackward = "crelu_backward";
    public const string Multiply = "multiply_f32";
    public const string Add = "add_f32";
    public const string AddScaled = "add_scaled_f32";
    public const string Scale = "scale_f32";
    public const string AdamWUpdate = "adamw_update";

    public const string Im2Col = "im2col_1d";
    public const string Col2Im = "col2im_1d";
    public const string AddChannelBias = "add_channel_bias";
    public const string AddRowBias = "add_row_bias";
    public const string ColumnSumAccumulate = "column_sum_accumulate";
    public const string ChannelSumAccumulate = "channel_sum_accumulate";
    public const string MaxPoolForward = "maxpool_forward";
    public const string MaxPoolBackward = "maxpool_backward";
    public const string AvgPoolForward = "avgpool_forward";
    public const string AvgPoolBackward = "avgpool_backward";

    public const string BatchNormForward = "batchnorm_forward";
    public const string BatchNormBackward = "batchnorm_backward";

    public const string SumSquaresPartial = "sum_squares_partial";
    public const string SumPartials = "sum_partials";

    public const string SgemmTiled = "sgemm_tiled";

    /// <summary>Kernel → module file stem (Kernels/{stem}.cu and .ptx).</summary>
    public static IReadOnlyDictionary<string, string> Modules { get; } = new Dictionary<string, string>
    {
        [ActivationForward] = "elementwise",
        [ActivationBackward] = "elementwise",
        [CReluForward] = "elementwise",
        [CReluBackward] = "elementwise",
        [Multiply] = "elementwise",
        [Add] = "elementwise",
        [AddScaled] = "elementwise",
        [Scale] = "elementwise",
        [AdamWUpdate] = "elementwise",
        [Im2Col] = "layers",
        [Col2Im] = "layers",
        [AddChannelBias] = "layers",
        [AddRowBias] = "layers",
        [ColumnSumAccumulate] = "layers",
        [ChannelSumAccumulate] = "layers",
        [MaxPoolForward] = "layers",
        [MaxPoolBackward] = "layers",
        [AvgPoolForward] = "layers",
        [AvgPoolBackward] = "layers",
        [BatchNormForward] = "batchnorm",
        [BatchNormBackward] = "batchnorm",
        [SumSquaresPartial] = "reduce",
        [SumPartials] = "reduce",
        [SgemmTiled] = "gemm",
    };

    /// <summary>Threads per block of the reduction kernels (REDUCE_THREADS / BN_THREADS in the .cu files).</summary>
    public const int ReduceThreads = 256;

    /// <summary>GEMM_TILE in gemm.cu.</summary>
    public const int GemmTile = 16;
}
