// Pointwise kernels of the CUDA backend: one thread per element over grid-stride loops, so any launch size covers n.
// Semantics follow CpuBackend / CpuPointwise exactly (same formulas, same float arithmetic where it matters).
// No #include: the file must compile under nvcc and under NVRTC without the CUDA headers.

#define GRID_STRIDE(i, n) for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)

// GELU, tanh approximation: sqrt(2/pi) and 0.044715 as in CpuPointwise.
#define GELU_C 0.7978845608028654f
#define GELU_A 0.044715f

// kind: 0 = ReLU, 1 = GELU (the order of the C# Activation enum).
extern "C" __global__ void activation_forward(const float* x, float* y, int n, int kind)
{
    GRID_STRIDE(i, n)
    {
        float v = x[i];
        y[i] = kind == 0 ? fmaxf(v, 0.0f) : 0.5f * v * (1.0f + tanhf(GELU_C * (v + GELU_A * v * v * v)));
    }
}

extern "C" __global__ void activation_backward(const float* x, const float* gy, float* gx, int n, int kind)
{
    GRID_STRIDE(i, n)
    {
        float v = x[i];
        if (kind == 0)
        {
            gx[i] = v > 0.0f ? gy[i] : 0.0f;
        }
        else
        {
            float t = tanhf(GELU_C * (v + GELU_A * v * v * v));
            float d = 0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * GELU_C * (1.0f + 3.0f * GELU_A * v * v);
            gx[i] = d * gy[i];
        }
    }
}

// CReLU over channels: x [B, block] -> y [B, 2, block] = (relu(x), relu(-x)).
extern "C" __global__ void crelu_forward(const float* x, float* y, int batch, int block)
{
    GRID_STRIDE(i, batch * block)
    {
        int b = i / block, j = i - b * block;
        float v = x[i];
        y[(2 * b) * block + j] = fmaxf(v, 0.0f);
        y[(2 * b + 1) * block + j] = fmaxf(-v, 0.0f);
    }
}

extern "C" __global__ void crelu_backward(const float* x, const float* gy, float* gx, int batch, int block)
{
    GRID_STRIDE(i, batch * block)
    {
        int b = i / block, j = i - b * block;
        float v = x[i];
        gx[i] = v > 0.0f ? gy[(2 * b) * block + j] : v < 0.0f ? -gy[(2 * b + 1) * block + j] : 0.0f;
    }
}

extern "C" __global__ void multiply_f32(const float* a, const float* b, float* y, int n)
{
    GRID_STRIDE(i, n) { y[i] = a[i] * b[i]; }
}

extern "C" __global__ void add_f32(const float* a, const float* b, float* y, int n)
{
    GRID_STRIDE(i, n) { y[i] = a[i] + b[i]; }
}

// y += alpha * x
extern "C" __global__ void add_scaled_f32(const float* x, float alpha, float* y, int n)
{
    GRID_STRIDE(i, n) { y[i] = x[i] * alpha + y[i]; }
}

extern "C" __global__ void scale_f32(float* x, float alpha, int n)
{
    GRID_STRIDE(i, n) { x[i] = x[i] * alpha; }
}

// One AdamW step; c1, c2 (bias corrections) and decay = 1 - lr*wd are computed on the host as in CpuBackend.
extern "C" __global__ void adamw_update(float* p, const float* g, float* m, float* v, int n,
    float lr, float beta1, float beta2, float epsilon, float decay, float c1, float c2)
{
    GRID_STRIDE(i, n)
    {
        float gi = g[i];
        float mi = beta1 * m[i] + (1.0f - beta1) * gi;
        float vi = beta2 * v[i] + (1.0f - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] * decay - lr * (mi * c1) / (sqrtf(vi * c2) + epsilon);
    }
}
