// Layer kernels of the CUDA backend: convolution (im2col / col2im; the GEMMs go through cuBLAS or gemm.cu),
// biases and their gradients, pooling. Semantics follow CpuConvolution, CpuPooling and CpuBackend.
// Backward passes gather (each output element sums its own contributions in the CPU's order) instead of
// scattering with atomics: deterministic, and the same summation order as the CPU loops.

#define GRID_STRIDE(i, n) for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)
#define REDUCE_THREADS 256

// cols[b, c*K + k, l] = x[b, c, l*stride - padding + k*dilation] (0 outside).
extern "C" __global__ void im2col_1d(const float* x, float* cols, int batch, int inChannels, int inLength,
    int kernel, int stride, int padding, int dilation, int outLength)
{
    int patch = inChannels * kernel;
    GRID_STRIDE(i, batch * patch * outLength)
    {
        int l = i % outLength;
        int row = (i / outLength) % patch;
        int b = i / (outLength * patch);
        int c = row / kernel, k = row - c * kernel;
        int pos = l * stride - padding + k * dilation;
        cols[i] = pos >= 0 && pos < inLength ? x[(b * inChannels + c) * inLength + pos] : 0.0f;
    }
}

// x[b, c, pos] = sum over (k, l) with l*stride - padding + k*dilation == pos of cols[b, c*K + k, l]; overwrites x.
extern "C" __global__ void col2im_1d(const float* cols, float* x, int batch, int inChannels, int inLength,
    int kernel, int stride, int padding, int dilation, int outLength)
{
    int patch = inChannels * kernel;
    GRID_STRIDE(i, batch * inChannels * inLength)
    {
        int pos = i % inLength;
        int c = (i / inLength) % inChannels;
        int b = i / (inLength * inChannels);
        float sum = 0.0f;
        for (int k = 0; k < kernel; k++)
        {
            int t = pos + padding - k * dilation;
            if (t < 0 || t % stride != 0)
            {
                continue;
            }
            int l = t / stride;
            if (l < outLength)
            {
                sum += cols[(b * patch + c * kernel + k) * outLength + l];
            }
        }
        x[i] = sum;
    }
}

// y[b, c, l] += bias[c]
extern "C" __global__ void add_channel_bias(float* y, const float* bias, int channels, int length, int n)
{
    GRID_STRIDE(i, n) { y[i] += bias[(i / length) % channels]; }
}

// y[r, j] += bias[j]
extern "C" __global__ void add_row_bias(float* y, const float* bias, int columns, int n)
{
    GRID_STRIDE(i, n) { y[i] += bias[i % columns]; }
}

// gradBias[j] += sum_r g[r, j]; one thread per column, rows in order as on the CPU.
extern "C" __global__ void column_sum_accumulate(const float* g, float* gradBias, int rows, int columns)
{
    GRID_STRIDE(j, columns)
    {
        float sum = 0.0f;
        for (int r = 0; r < rows; r++)
        {
            sum += g[r * columns + j];
        }
        gradBias[j] += sum;
    }
}

// gradBias[c] += sum_{b,l} g[b, c, l]; one block of REDUCE_THREADS per channel, accumulated in double.
extern "C" __global__ void channel_sum_accumulate(const float* g, float* gradBias, int batch, int channels, int length)
{
    __shared__ double partial[REDUCE_THREADS];
    int c = blockIdx.x;
    double sum = 0.0;
    for (int i = threadIdx.x; i < batch * length; i += blockDim.x)
    {
        int b = i / length, l = i - b * length;
        sum += g[(b * channels + c) * length + l];
    }
    partial[threadIdx.x] = sum;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1)
    {
        if (threadIdx.x < s)
        {
            partial[threadIdx.x] += partial[threadIdx.x + s];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0)
    {
        gradBias[c] += (float)partial[0];
    }
}

// Max pooling of rows [rows, inLength]: the first maximum of each window wins (strict >), as on the CPU.
// argmax holds the flat input index, as CpuPooling writes it.
extern "C" __global__ void maxpool_forward(const float* x, float* y, int* argmax, int rows, int inLength, int kernel, int stride, int outLength)
{
    GRID_STRIDE(i, rows * outLength)
    {
        int r = i / outLength, o = i - r * outLength;
        int start = r * inLength + o * stride, best = start;
        for (int k = 1; k < kernel; k++)
        {
            if (x[start + k] > x[best])
            {
                best = start + k;
            }
        }
        y[i] = x[best];
        argmax[i] = best;
    }
}

// Windows containing input position p: o in [ceil((p - kernel + 1) / stride), min(p / stride, outLength - 1)].
__device__ __forceinline__ void covering_windows(int p, int kernel, int stride, int outLength, int* lo, int* hi)
{
    int t = p - kernel + 1;
    *lo = t > 0 ? (t + stride - 1) / stride : 0;
    int h = p / stride;
    *hi = h < outLength - 1 ? h : outLength - 1;
}

extern "C" __global__ void maxpool_backward(const float* gy, const int* argmax, float* gx, int rows, int inLength, int kernel, int stride, int outLength)
{
    GRID_STRIDE(i, rows * inLength)
    {
        int r = i / inLength, p = i - r * inLength, lo, hi;
        covering_windows(p, kernel, stride, outLength, &lo, &hi);
        float sum = 0.0f;
        for (int o = lo; o <= hi; o++)
        {
            if (argmax[r * outLength + o] == i)
            {
                sum += gy[r * outLength + o];
            }
        }
        gx[i] = sum;
    }
}

extern "C" __global__ void avgpool_forward(const float* x, float* y, int rows, int inLength, int kernel, int stride, int outLength)
{
    GRID_STRIDE(i, rows * outLength)
    {
        int r = i / outLength, o = i - r * outLength;
        int start = r * inLength + o * stride;
        float sum = 0.0f;
        for (int k = 0; k < kernel; k++)
        {
            sum += x[start + k];
        }
        y[i] = sum / kernel;
    }
}

extern "C" __global__ void avgpool_backward(const float* gy, float* gx, int rows, int inLength, int kernel, int stride, int outLength)
{
    GRID_STRIDE(i, rows * inLength)
    {
        int r = i / inLength, p = i - r * inLength, lo, hi;
        covering_windows(p, kernel, stride, outLength, &lo, &hi);
        float sum = 0.0f;
        for (int o = lo; o <= hi; o++)
        {
            sum += gy[r * outLength + o] / kernel;
        }
        gx[i] = sum;
    }
}
