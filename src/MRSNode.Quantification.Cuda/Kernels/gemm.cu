// The backend's own SGEMM, used when cuBLAS is not loadable: row-major C = alpha*op(A)*op(B) + beta*C with
// GEMM_TILE x GEMM_TILE shared-memory tiles (the backend launches GEMM_TILE x GEMM_TILE threads per block),
// batched over blockIdx.z with element strides (stride 0 broadcasts one matrix to the whole batch).
// beta == 0 overwrites C (it may hold garbage or NaN), as BLAS defines it.

#define GEMM_TILE 16

extern "C" __global__ void sgemm_tiled(int transA, int transB, int m, int n, int k, float alpha,
    const float* A, long long strideA, const float* B, long long strideB, float beta, float* C, long long strideC)
{
    __shared__ float as[GEMM_TILE][GEMM_TILE];
    __shared__ float bs[GEMM_TILE][GEMM_TILE + 1];
    A += blockIdx.z * strideA;
    B += blockIdx.z * strideB;
    C += blockIdx.z * strideC;
    int row = blockIdx.y * GEMM_TILE + threadIdx.y;
    int col = blockIdx.x * GEMM_TILE + threadIdx.x;
    float acc = 0.0f;
    for (int t = 0; t < k; t += GEMM_TILE)
    {
        // op(A)[row, t + tx] and op(B)[t + ty, col]
        int p = t + threadIdx.x;
        as[threadIdx.y][threadIdx.x] = row < m && p < k ? (transA ? A[(long long)p * m + row] : A[(long long)row * k + p]) : 0.0f;
        int q = t + threadIdx.y;
        bs[threadIdx.y][threadIdx.x] = q < k && col < n ? (transB ? B[(long long)col * k + q] : B[(long long)q * n + col]) : 0.0f;
        __syncthreads();
        for (int j = 0; j < GEMM_TILE; j++)
        {
            acc += as[threadIdx.y][j] * bs[j][threadIdx.x];
        }
        __syncthreads();
    }
    if (row < m && col < n)
    {
        long long o = (long long)row * n + col;
        C[o] = beta == 0.0f ? alpha * acc : alpha * acc + beta * C[o];
    }
}
