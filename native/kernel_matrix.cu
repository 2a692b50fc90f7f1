// SVM kernel matrices on the GPU: batched kernel rows K(x_rows[r], x_j) for an SMO kernel cache, and
// kernel blocks K(a_i, b_j) for predictions and Gram matrices. float64 arithmetic throughout; the
// output is float64 or float32 (one rounding of the float64 value).
//
// Launch: 256 threads per block, grid (ceil(n / TN), ceil(m / TM)); "narrow" (TM = 8, TN = 128) for
// batches of at most 8 rows, "wide" (TM = 64, TN = 64) otherwise. Both give identical values.
#include "tile_dot.cuh"
#include "kernel_function.cuh"

// out[r * ldo + c] = K(a_{row(r)}, b_c) for r < m, c < n, where row(r) = aRows[r] (or r when aRows is
// null); a and b are row-major with d features, na and nb their squared norms.
template <int TM, int TN, int TK, int RM, int RN, typename Out>
__device__ __forceinline__ void kernel_matrix(const double* __restrict__ a, const double* __restrict__ na,
                                              const int* __restrict__ aRows, int m,
                                              const double* __restrict__ b, const double* __restrict__ nb, int n,
                                              int d, Out* __restrict__ out, long long ldo,
                                              int type, double gamma, double coef0, double degree) {
    using T = TileDot<TM, TN, TK, RM, RN>;
    __shared__ typename T::Shared s;
    const int r0 = blockIdx.y * TM;
    const int c0 = blockIdx.x * TN;
    for (int t = threadIdx.x; t < TM; t += T::THREADS) {
        const int r = r0 + t;
        s.aOff[t] = r < m ? (long long) (aRows ? aRows[r] : r) * d : -1;
    }
    for (int t = threadIdx.x; t < TN; t += T::THREADS) {
        const int c = c0 + t;
        s.bOff[t] = c < n ? (long long) c * d : -1;
    }
    __syncthreads();
    double acc[RM][RN];
    T::run(s, a, b, d, acc);
    const int tx = threadIdx.x % T::TX;
    const int ty = threadIdx.x / T::TX;
#pragma unroll
    for (int i = 0; i < RM; ++i) {
        const int r = r0 + ty + i * T::TY;
        if (r < m) {
            const double nr = na[aRows ? aRows[r] : r];
#pragma unroll
            for (int j = 0; j < RN; ++j) {
                const int c = c0 + tx + j * T::TX;
                if (c < n) {
                    out[r * ldo + c] = (Out) kernel_value(type, gamma, coef0, degree, acc[i][j], nr, nb[c]);
                }
            }
        }
    }
}

#define KERNEL_MATRIX_ENTRY(NAME, TM, TN, TK, RM, RN, OUT)                                                   \
    extern "C" __global__ void __launch_bounds__(256)                                                       \
    NAME(const double* a, const double* na, const int* aRows, int m, const double* b, const double* nb,     \
         int n, int d, OUT* out, long long ldo, int type, double gamma, double coef0, double degree) {     \
        kernel_matrix<TM, TN, TK, RM, RN, OUT>(a, na, aRows, m, b, nb, n, d, out, ldo, type, gamma, coef0,  \
                                               degree);                                                     \
    }

KERNEL_MATRIX_ENTRY(kmat_narrow_f64, 8, 128, 8, 4, 1, double)
KERNEL_MATRIX_ENTRY(kmat_narrow_f32, 8, 128, 8, 4, 1, float)
KERNEL_MATRIX_ENTRY(kmat_wide_f64, 64, 64, 8, 4, 4, double)
KERNEL_MATRIX_ENTRY(kmat_wide_f32, 64, 64, 8, 4, 4, float)

// norms[i] = ||x_i||^2 for i < n (row-major, d features), the fused multiply-add chain of TileDot.
// Launch: 256 threads per block, ceil(n / 256) blocks.
extern "C" __global__ void __launch_bounds__(256)
row_sq_norms(const double* __restrict__ x, long long n, int d, double* __restrict__ norms) {
    const long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        const double* row = x + i * d;
        double acc = 0.0;
        for (int f = 0; f < d; ++f) {
            acc = fma(row[f], row[f], acc);
        }
        norms[i] = acc;
    }
}
