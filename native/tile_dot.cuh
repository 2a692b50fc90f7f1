// Shared-memory tiled inner products: the one matrix product that every ParaML kernel is built on.
#ifndef PARAML_TILE_DOT_CUH
#define PARAML_TILE_DOT_CUH

// A TM x TN tile of inner products <a_r, b_c> between TM rows of A and TN rows of B (both row-major
// with d features), computed by THREADS = (TM / RM) * (TN / RN) threads. Thread t = ty * TX + tx owns
// the RM x RN outputs at tile rows ty + i * TY and tile columns tx + j * TX (strided, so that a warp
// reads consecutive shared-memory words). Features are staged TK at a time through shared memory.
//
// Every output is one chain of fused multiply-adds in feature order f = 0, 1, ..., d - 1 starting
// from 0 (the zero padding past d leaves it unchanged), so its value depends only on the two rows,
// never on the tile shape, the tile position or the batch it was computed in. The squared norms of
// row_sq_norms are the same chain, so <x, x> == ||x||^2 bit for bit.
template <int TM, int TN, int TK, int RM, int RN>
struct TileDot {
    static constexpr int TY = TM / RM;
    static constexpr int TX = TN / RN;
    static constexpr int THREADS = TX * TY;

    struct Shared {
        double a[TK][TM + 1];
        double b[TK][TN + 1];
        // start index in A (B) of the tile's row r (c), or -1 for rows outside the matrix;
        // filled by the caller before run()
        long long aOff[TM];
        long long bOff[TN];
    };

    // acc[i][j] = <a_{ty + i*TY}, b_{tx + j*TX}>; must be called by all THREADS threads of the block.
    __device__ static void run(Shared& s, const double* __restrict__ A, const double* __restrict__ B, int d,
                               double (&acc)[RM][RN]) {
        const int tid = threadIdx.x;
        const int tx = tid % TX;
        const int ty = tid / TX;
#pragma unroll
        for (int i = 0; i < RM; ++i) {
#pragma unroll
            for (int j = 0; j < RN; ++j) {
                acc[i][j] = 0.0;
            }
        }
        for (int f0 = 0; f0 < d; f0 += TK) {
            // consecutive threads read consecutive features of one row
            for (int l = tid; l < TM * TK; l += THREADS) {
                const int r = l / TK;
                const int k = l % TK;
                const long long o = s.aOff[r];
                s.a[k][r] = (o >= 0 && f0 + k < d) ? A[o + f0 + k] : 0.0;
            }
            for (int l = tid; l < TN * TK; l += THREADS) {
                const int c = l / TK;
                const int k = l % TK;
                const long long o = s.bOff[c];
                s.b[k][c] = (o >= 0 && f0 + k < d) ? B[o + f0 + k] : 0.0;
            }
            __syncthreads();
#pragma unroll
            for (int k = 0; k < TK; ++k) {
                double ra[RM];
                double rb[RN];
#pragma unroll
                for (int i = 0; i < RM; ++i) {
                    ra[i] = s.a[k][ty + i * TY];
                }
#pragma unroll
                for (int j = 0; j < RN; ++j) {
                    rb[j] = s.b[k][tx + j * TX];
                }
#pragma unroll
                for (int i = 0; i < RM; ++i) {
#pragma unroll
                    for (int j = 0; j < RN; ++j) {
                        acc[i][j] = fma(ra[i], rb[j], acc[i][j]);
                    }
                }
            }
            __syncthreads();
        }
    }
};

#endif
