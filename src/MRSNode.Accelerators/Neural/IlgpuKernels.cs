using ILGPU;
using ILGPU.Runtime;
using MRSNode.Accelerators.Neural.Kernels;

namespace MRSNode.Accelerators.Neural;

/// <summary>
/// The neural kernels compiled for one accelerator, each on first use (a CUDA compile costs tens of milliseconds per
/// kernel; a model uses only some of them).
/// </summary>
internal sealed class IlgpuKernels(Accelerator accelerator)
{
    private readonly Lazy<Action<Index1D, ArrayView<float>, float>> _fill = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(PointwiseKernels.Fill));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, int>> _activationForward = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(PointwiseKernels.ActivationForward));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>> _activationBackward = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(PointwiseKernels.ActivationBackward));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, int>> _cReluForward = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(PointwiseKernels.CReluForward));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>> _cReluBackward = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(PointwiseKernels.CReluBackward));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>> _multiply = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(PointwiseKernels.Multiply));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>> _add = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(PointwiseKernels.Add));
    private readonly Lazy<Action<Index1D, ArrayView<float>, float, ArrayView<float>>> _addScaled = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float, ArrayView<float>>(PointwiseKernels.AddScaled));
    private readonly Lazy<Action<Index1D, ArrayView<float>, float>> _scale = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(PointwiseKernels.Scale));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamWArguments>> _adamW = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamWArguments>(PointwiseKernels.AdamW));
    private readonly Lazy<Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArguments>> _gemm = new(() => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArguments>(GemmKernel.Multiply));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ConvArguments>> _im2Col = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ConvArguments>(LayerKernels.Im2Col));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ConvArguments>> _col2Im = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ConvArguments>(LayerKernels.Col2Im));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, int, int>> _addBias = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int>(LayerKernels.AddBias));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int>> _biasGradient = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int, int>(LayerKernels.BiasGradient));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, PoolArguments>> _maxForward = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, PoolArguments>(PoolingKernels.MaxForward));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, PoolArguments>> _maxBackward = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, PoolArguments>(PoolingKernels.MaxBackward));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, PoolArguments>> _avgForward = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, PoolArguments>(PoolingKernels.AvgForward));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, PoolArguments>> _avgBackward = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, PoolArguments>(PoolingKernels.AvgBackward));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormArguments>> _bnStatistics = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormArguments>(BatchNormKernels.Statistics));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>> _bnNormalize = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(BatchNormKernels.Normalize));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, BatchNormArguments>> _bnBackwardSums = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, BatchNormArguments>(BatchNormKernels.BackwardSums));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, ArrayView<float>, BatchNormArguments>> _bnBackwardInput = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, ArrayView<float>, BatchNormArguments>(BatchNormKernels.BackwardInput));
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<double>, int>> _sumOfSquares = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<double>, int>(ReductionKernels.SumOfSquaresChunks));

    public Action<Index1D, ArrayView<float>, float> Fill => _fill.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, int> ActivationForward => _activationForward.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> ActivationBackward => _activationBackward.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, int> CReluForward => _cReluForward.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> CReluBackward => _cReluBackward.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> Multiply => _multiply.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> Add => _add.Value;
    public Action<Index1D, ArrayView<float>, float, ArrayView<float>> AddScaled => _addScaled.Value;
    public Action<Index1D, ArrayView<float>, float> Scale => _scale.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamWArguments> AdamW => _adamW.Value;
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArguments> Gemm => _gemm.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ConvArguments> Im2Col => _im2Col.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ConvArguments> Col2Im => _col2Im.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, int, int> AddBias => _addBias.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int> BiasGradient => _biasGradient.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, PoolArguments> MaxPoolForward => _maxForward.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, PoolArguments> MaxPoolBackward => _maxBackward.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, PoolArguments> AvgPoolForward => _avgForward.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, PoolArguments> AvgPoolBackward => _avgBackward.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormArguments> BatchNormStatistics => _bnStatistics.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> BatchNormNormalize => _bnNormalize.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, BatchNormArguments> BatchNormBackwardSums => _bnBackwardSums.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, ArrayView<float>, BatchNormArguments> BatchNormBackwardInput => _bnBackwardInput.Value;
    public Action<Index1D, ArrayView<float>, ArrayView<double>, int> SumOfSquaresChunks => _sumOfSquares.Value;
}
