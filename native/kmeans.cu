// k-means block operations on the GPU: nearest centre, exact squared distance to it, and per-block
// partial sums (Lloyd); the k-means|| minimum-distance update; and the fixed-order reduction of the
// per-block partials into per-group partials. float64 throughout.
//
// Determinism: block b owns rows [b * rowsPerBlock, (b + 1) * rowsPerBlock); it handles them 64 at a
// time (a tile) in row order, and each partial entry is summed by one thread, tile by tile, over the
// tile's rows in row order. kmeans_reduce_groups sums groupBlocks consecutive blocks in block order;
// the host sums the groups in group order. rowsPerBlock and groupBlocks depend only on (k, d) (see
// CudaKMeans), so a result never depends on how the rows were split into launches.
#include "tile_dot.cuh"

// tile shape: 64 rows x 16 centres, 8 features per step, 256 threads of 4 x 1 outputs
#define KM_TM 64
#define KM_TN 16
using KTile = TileDot<KM_TM, KM_TN, 8, 4, 1>;

struct KMeansShared {
    KTile::Shared dot;
    double score[KM_TM][KM_TN + 1];
    double best[KM_TM];
    double dist[KM_TM];
    double weight[KM_TM];
    int label[KM_TM];
};

// For tile rows r0 .. r0 + 63 (those < n): s.label[t] = argmin_c ||c||^2 - 2 <x, c> (ties: the lowest
// c, the first strictly smaller score wins) and s.dist[t] = sum_f (x_f - c_f)^2 for that centre,
// rounded step by step as ScalarBackend does (no fused multiply-add), so no cancellation reaches it.
__device__ void assign_tile(KMeansShared& s, const double* __restrict__ x, long long n, int d,
                            const double* __restrict__ c, const double* __restrict__ cn, int k, long long r0) {
    const int tid = threadIdx.x;
    if (tid < KM_TM) {
        const long long r = r0 + tid;
        s.dot.aOff[tid] = r < n ? r * d : -1;
        s.best[tid] = __longlong_as_double(0x7ff0000000000000LL); // +infinity
        s.label[tid] = 0;
    }
    for (int c0 = 0; c0 < k; c0 += KM_TN) {
        if (tid < KM_TN) {
            s.dot.bOff[tid] = c0 + tid < k ? (long long) (c0 + tid) * d : -1;
        }
        __syncthreads();
        double acc[4][1];
        KTile::run(s.dot, x, c, d, acc);
        const int tx = tid % KTile::TX;
        const int ty = tid / KTile::TX;
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            s.score[ty + i * KTile::TY][tx] = c0 + tx < k ? cn[c0 + tx] - 2.0 * acc[i][0]
                                                         : __longlong_as_double(0x7ff0000000000000LL);
        }
        __syncthreads();
        if (tid < KM_TM) {
            double best = s.best[tid];
            int label = s.label[tid];
            for (int j = 0; j < KM_TN; ++j) {
                const double v = s.score[tid][j];
                if (v < best) {
                    best = v;
                    label = c0 + j;
                }
            }
            s.best[tid] = best;
            s.label[tid] = label;
        }
        __syncthreads();
    }
    if (tid < KM_TM) {
        const long long r = r0 + tid;
        if (r < n) {
            const double* xr = x + r * d;
            const double* cr = c + (long long) s.label[tid] * d;
            double sum = 0.0;
            for (int f = 0; f < d; ++f) {
                const double t = __dsub_rn(xr[f], cr[f]);
                sum = __dadd_rn(sum, __dmul_rn(t, t));
            }
            s.dist[tid] = sum;
        }
    }
    __syncthreads();
}

// One Lloyd step over rows [0, n) of x (row-major, d features) against k centres c with squared
// norms cn. Writes labels[i] and dist[i] for every row, and for block b the partials
// partials[b * E + e], E = k*d + k + 1 when wantSums (sums[c*d + f] += w_i x_if, then counts[c] += w_i,
// then the inertia sum_i w_i dist_i), E = 1 otherwise (the inertia). w may be null (all ones).
// Launch: 256 threads, ceil(n / rowsPerBlock) blocks; rowsPerBlock a multiple of 64.
extern "C" __global__ void __launch_bounds__(256)
kmeans_lloyd(const double* __restrict__ x, long long n, int d, const double* __restrict__ w,
             const double* __restrict__ c, const double* __restrict__ cn, int k, int rowsPerBlock,
             int* __restrict__ labels, double* __restrict__ dist, double* __restrict__ partials, int wantSums) {
    __shared__ KMeansShared s;
    const int tid = threadIdx.x;
    const long long kd = (long long) k * d;
    const long long sumsAndCounts = wantSums ? kd + k : 0;
    double* part = partials + blockIdx.x * (sumsAndCounts + 1);
    const long long first = (long long) blockIdx.x * rowsPerBlock;
    double inertia = 0.0; // thread 0's
    for (int t0 = 0; t0 < rowsPerBlock && first + t0 < n; t0 += KM_TM) {
        const long long r0 = first + t0;
        const int rows = (int) min((long long) KM_TM, n - r0);
        assign_tile(s, x, n, d, c, cn, k, r0);
        if (tid < rows) {
            s.weight[tid] = w ? w[r0 + tid] : 1.0;
            labels[r0 + tid] = s.label[tid];
            dist[r0 + tid] = s.dist[tid];
        }
        __syncthreads();
        if (tid == 0) {
            for (int t = 0; t < rows; ++t) {
                inertia += s.weight[t] * s.dist[t];
            }
        }
        for (long long e = tid; e < sumsAndCounts; e += blockDim.x) {
            double acc = 0.0;
            if (e < kd) {
                const int centre = (int) (e / d);
                const int f = (int) (e % d);
                for (int t = 0; t < rows; ++t) {
                    if (s.label[t] == centre) {
                        acc += s.weight[t] * x[(r0 + t) * d + f];
                    }
                }
            } else {
                const int centre = (int) (e - kd);
                for (int t = 0; t < rows; ++t) {
                    if (s.label[t] == centre) {
                        acc += s.weight[t];
                    }
                }
            }
            part[e] = t0 == 0 ? acc : part[e] + acc;
        }
        __syncthreads(); // the next tile overwrites s
    }
    if (tid == 0) {
        part[sumsAndCounts] = inertia;
    }
}

// The k-means|| update over rows [0, n) of x against k new centres: where the exact distance to the
// nearest new centre is strictly below minDist[i], minDist[i] takes it and improved[i] = that centre;
// otherwise improved[i] = -1. partials[b] = sum of minDist over block b's rows (after the update).
// Launch: as kmeans_lloyd.
extern "C" __global__ void __launch_bounds__(256)
kmeans_update_min(const double* __restrict__ x, long long n, int d, const double* __restrict__ c,
                  const double* __restrict__ cn, int k, int rowsPerBlock, double* __restrict__ minDist,
                  int* __restrict__ improved, double* __restrict__ partials) {
    __shared__ KMeansShared s;
    const int tid = threadIdx.x;
    const long long first = (long long) blockIdx.x * rowsPerBlock;
    double cost = 0.0; // thread 0's
    for (int t0 = 0; t0 < rowsPerBlock && first + t0 < n; t0 += KM_TM) {
        const long long r0 = first + t0;
        const int rows = (int) min((long long) KM_TM, n - r0);
        assign_tile(s, x, n, d, c, cn, k, r0);
        if (tid < rows) {
            const double candidate = s.dist[tid];
            const double current = minDist[r0 + tid];
            if (candidate < current) {
                minDist[r0 + tid] = candidate;
                improved[r0 + tid] = s.label[tid];
            } else {
                improved[r0 + tid] = -1;
                s.dist[tid] = current;
            }
        }
        __syncthreads();
        if (tid == 0) {
            for (int t = 0; t < rows; ++t) {
                cost += s.dist[t];
            }
        }
        __syncthreads();
    }
    if (tid == 0) {
        partials[blockIdx.x] = cost;
    }
}

// groups[g * E + e] = sum over blocks b = g * groupBlocks .. min((g + 1) * groupBlocks, blocks) - 1,
// in block order, of partials[b * E + e].
// Launch: 256 threads, grid (ceil(E / 256), number of groups).
extern "C" __global__ void __launch_bounds__(256)
kmeans_reduce_groups(const double* __restrict__ partials, int blocks, long long E, int groupBlocks,
                     double* __restrict__ groups) {
    const long long e = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (e < E) {
        const int b0 = blockIdx.y * groupBlocks;
        const int b1 = min(blocks, b0 + groupBlocks);
        double acc = partials[(long long) b0 * E + e];
        for (int b = b0 + 1; b < b1; ++b) {
            acc += partials[(long long) b * E + e];
        }
        groups[(long long) blockIdx.y * E + e] = acc;
    }
}

#include "kmeans_rows.cuh"
