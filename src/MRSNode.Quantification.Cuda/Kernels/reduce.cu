// Sum of squares by a two-pass reduction in double: each block writes a partial, one block sums the partials.
// Deterministic (no atomics), so the gradient norm is the same on every run.

#define REDUCE_THREADS 256

__device__ void block_sum(double* shared, double value)
{
    shared[threadIdx.x] = value;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1)
    {
        if (threadIdx.x < s)
        {
            shared[threadIdx.x] += shared[threadIdx.x + s];
        }
        __syncthreads();
    }
}

extern "C" __global__ void sum_squares_partial(const float* x, double* partial, int n)
{
    __shared__ double shared[REDUCE_THREADS];
    double sum = 0.0;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    {
        double v = x[i];
        sum += v * v;
    }
    block_sum(shared, sum);
    if (threadIdx.x == 0)
    {
        partial[blockIdx.x] = shared[0];
    }
}

extern "C" __global__ void sum_partials(const double* partial, double* result, int count)
{
    __shared__ double shared[REDUCE_THREADS];
    double sum = 0.0;
    for (int i = threadIdx.x; i < count; i += blockDim.x)
    {
        sum += partial[i];
    }
    block_sum(shared, sum);
    if (threadIdx.x == 0)
    {
        result[0] = shared[0];
    }
}
