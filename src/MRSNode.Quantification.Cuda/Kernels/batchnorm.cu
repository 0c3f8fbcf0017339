// Batch normalisation of [B, C, L] per channel, one block of BN_THREADS threads per channel (the backend launches
// exactly that many). Sums are accumulated in double like CpuBatchNorm; the per-element arithmetic is float.

#define BN_THREADS 256

// Sums a and b over the block into a_shared[0], b_shared[0].
__device__ void block_sum2(double* a_shared, double* b_shared, double a, double b)
{
    a_shared[threadIdx.x] = a;
    b_shared[threadIdx.x] = b;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1)
    {
        if (threadIdx.x < s)
        {
            a_shared[threadIdx.x] += a_shared[threadIdx.x + s];
            b_shared[threadIdx.x] += b_shared[threadIdx.x + s];
        }
        __syncthreads();
    }
}

// training != 0: batch statistics into mean/invStd and the running averages updated with momentum;
// training == 0: the running statistics. Then y = x * (gamma * invStd) + (beta - mean * gamma * invStd).
extern "C" __global__ void batchnorm_forward(const float* x, const float* gamma, const float* beta, float* runningMean, float* runningVar,
    float* mean, float* invStd, float* y, int batch, int channels, int length, int training, float momentum, float epsilon)
{
    __shared__ double s_a[BN_THREADS];
    __shared__ double s_b[BN_THREADS];
    int c = blockIdx.x, n = batch * length;
    if (training)
    {
        double sum = 0.0, sumSq = 0.0;
        for (int i = threadIdx.x; i < n; i += blockDim.x)
        {
            int b = i / length, l = i - b * length;
            double v = x[(b * channels + c) * length + l];
            sum += v;
            sumSq += v * v;
        }
        block_sum2(s_a, s_b, sum, sumSq);
        if (threadIdx.x == 0)
        {
            double mu = s_a[0] / n, variance = s_b[0] / n - mu * mu;
            variance = variance > 0.0 ? variance : 0.0;
            mean[c] = (float)mu;
            invStd[c] = (float)(1.0 / sqrt(variance + (double)epsilon));
            runningMean[c] = (1.0f - momentum) * runningMean[c] + momentum * (float)mu;
            runningVar[c] = (1.0f - momentum) * runningVar[c] + momentum * (float)(n > 1 ? variance * n / (n - 1) : variance);
        }
    }
    else if (threadIdx.x == 0)
    {
        mean[c] = runningMean[c];
        invStd[c] = 1.0f / sqrtf(runningVar[c] + epsilon);
    }
    __syncthreads();
    float scale = gamma[c] * invStd[c], shift = beta[c] - mean[c] * scale;
    for (int i = threadIdx.x; i < n; i += blockDim.x)
    {
        int b = i / length, l = i - b * length, o = (b * channels + c) * length + l;
        y[o] = x[o] * scale + shift;
    }
}

// Training-mode backward: gx = gamma*invStd/N * (N*gy - sum(gy) - xhat*sum(gy*xhat)); gradGamma += sum(gy*xhat),
// gradBeta += sum(gy).
extern "C" __global__ void batchnorm_backward(const float* x, const float* gamma, const float* mean, const float* invStd, const float* gy,
    float* gx, float* gradGamma, float* gradBeta, int batch, int channels, int length)
{
    __shared__ double s_a[BN_THREADS];
    __shared__ double s_b[BN_THREADS];
    int c = blockIdx.x, n = batch * length;
    float mu = mean[c], is = invStd[c];
    double sumGy = 0.0, sumGyXhat = 0.0;
    for (int i = threadIdx.x; i < n; i += blockDim.x)
    {
        int b = i / length, l = i - b * length, o = (b * channels + c) * length + l;
        double xhat = (x[o] - mu) * is;
        sumGy += gy[o];
        sumGyXhat += gy[o] * xhat;
    }
    block_sum2(s_a, s_b, sumGy, sumGyXhat);
    sumGy = s_a[0];
    sumGyXhat = s_b[0];
    if (threadIdx.x == 0)
    {
        gradGamma[c] += (float)sumGyXhat;
        gradBeta[c] += (float)sumGy;
    }
    double k = gamma[c] * is / n;
    for (int i = threadIdx.x; i < n; i += blockDim.x)
    {
        int b = i / length, l = i - b * length, o = (b * channels + c) * length + l;
        double xhat = (x[o] - mu) * is;
        gx[o] = (float)(k * (n * gy[o] - sumGy - xhat * sumGyXhat));
    }
}
