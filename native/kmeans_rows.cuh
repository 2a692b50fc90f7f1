// k-means block operations, one row per thread: the fast path of kmeans.cu for d <= 32 features and
// blocks of exactly 256 rows (k <= 254), when the centres and the per-warp staging fit the block's
// shared memory (dynamic, sized by the host: kmeans_rows_shared_doubles).
//
// Why: the tiled kernels of kmeans.cu spend most of their time in barriers and in loops that only a
// quarter of the threads run (argmin, exact distance, inertia), and sum each partial entry over every
// row of a tile: 3.3 ms per Lloyd step of 10M x 20 rows, k = 12, on an H200 (13% of its copy
// bandwidth). Here a warp loads its whole 32-row span at once with 16-byte loads into shared memory,
// each thread takes its row into registers and scores every centre from shared memory, and the
// per-centre sums are added by feature: lane f adds feature f of the warp's rows, in row order, to its
// warp's accumulators. Measured on the H200: 1.45 ms (30%), 1.03 ms for the k-means|| update (40%);
// bench/RESULTS.md, "CUDA on an NVIDIA H200".
//
// Values: the scores, labels and exact distances are those of kmeans.cu bit for bit (the same fused
// multiply-add chain in feature order, the same tie rule, the same rounding of the distance). The
// partials are summed in another fixed order: block b's partial is the sum over its 8 warps in warp
// order of each warp's sum over its rows in row order. So results are deterministic and do not depend
// on the launch either, but may differ from the tiled kernels' in the last bits.
#ifndef PARAML_KMEANS_ROWS_CUH
#define PARAML_KMEANS_ROWS_CUH

#define KR_WARPS 8
#define KR_ROWS (KR_WARPS * 32)
#define KR_MAX_D 32
#define KR_FULL 0xffffffffu
// blocks per multiprocessor the registers must allow: 3 (at most 85 registers a thread, a few bytes
// spilled) measured 6-12% faster than 2 (128 registers, no spills) and 4 (64, more spills) on an H200
#define KR_MIN_BLOCKS 3

#ifndef PARAML_DYNAMIC_SHARED
#define PARAML_DYNAMIC_SHARED(name) extern __shared__ double name[]
#endif

// the row pitch of the staging: odd, so that the 32 lanes reading their own rows hit distinct banks
__host__ __device__ inline int kr_pitch(int d) {
    return d | 1;
}

// Shared memory in doubles: the centres and their norms, then per warp its staged rows and (for
// sums) its accumulators of E = k*d + k + 1 entries.
__host__ __device__ inline long long kmeans_rows_shared_doubles(int k, int d, int wantSums) {
    const long long entries = wantSums ? (long long) k * d + k + 1 : 1;
    return (long long) k * d + k + KR_WARPS * (32LL * kr_pitch(d) + entries);
}

// Copies the centres and norms into shared memory, and warp w's rows r0 .. r0 + 31 (those < n) into
// its staging; then thread `lane` (row r0 + lane, if < n) takes its row into xr and returns the
// nearest centre (argmin of ||c||^2 - 2 <x, c>, the lowest on ties) and the exact squared distance to
// it, as kmeans.cu's assign_tile computes them. Called by all threads of the block.
template <int DMAX>
__device__ void kr_assign(const double* __restrict__ x, long long n, int d, const double* __restrict__ c,
                          const double* __restrict__ cn, int k, double* cs, double* xs, long long r0,
                          int& label, double& dist) {
    const int tid = threadIdx.x;
    const int lane = tid % 32;
    const int pitch = kr_pitch(d);
    for (int e = tid; e < k * d + k; e += blockDim.x) {
        cs[e] = e < k * d ? c[e] : cn[e - k * d];
    }
    const long long rows = min(32LL, max(0LL, n - r0));
    if (d % 2 == 0 && rows == 32) {
        // the warp's 32 rows are one contiguous span of 32 * d values (16-byte aligned: r0 is a
        // multiple of 32 and d is even): 16-byte loads, all in flight together (d / 2 per lane)
        const double2* span = reinterpret_cast<const double2*>(x + r0 * d);
        double2 v[DMAX / 2];
#pragma unroll
        for (int j = 0; j < DMAX / 2; ++j) {
            if (j < d / 2) {
                v[j] = span[lane + 32 * j];
            }
        }
        // value e = 2 * (lane + 32 j) is feature e % d of row e / d: stepped without dividing
        int row = (2 * lane) / d;
        int f = (2 * lane) % d;
        const int rowStep = 64 / d;
        const int fStep = 64 % d;
#pragma unroll
        for (int j = 0; j < DMAX / 2; ++j) {
            if (j < d / 2) {
                xs[row * pitch + f] = v[j].x;
                xs[row * pitch + f + 1] = v[j].y;
                row += rowStep;
                f += fStep;
                if (f >= d) {
                    f -= d;
                    ++row;
                }
            }
        }
    } else {
        // one coalesced load per row: lanes 0 .. d-1 read the row's d consecutive values
#pragma unroll 8
        for (int rr = 0; rr < 32; ++rr) {
            if (lane < d && rr < rows) {
                xs[rr * pitch + lane] = x[(r0 + rr) * d + lane];
            }
        }
    }
    __syncthreads();
    double xr[DMAX];
#pragma unroll
    for (int f = 0; f < DMAX; ++f) {
        xr[f] = f < d ? xs[lane * pitch + f] : 0.0;
    }
    const double* cnorm = cs + k * d;
    double best = __longlong_as_double(0x7ff0000000000000LL); // +infinity
    label = 0;
#pragma unroll 1
    for (int j = 0; j < k; ++j) {
        const double* cj = cs + j * d;
        double acc = 0.0;
#pragma unroll
        for (int f = 0; f < DMAX; ++f) {
            if (f < d) {
                acc = fma(xr[f], cj[f], acc);
            }
        }
        const double v = cnorm[j] - 2.0 * acc;
        if (v < best) {
            best = v;
            label = j;
        }
    }
    const double* cl = cs + label * d;
    double sum = 0.0;
#pragma unroll
    for (int f = 0; f < DMAX; ++f) {
        if (f < d) {
            const double t = __dsub_rn(xr[f], cl[f]);
            sum = __dadd_rn(sum, __dmul_rn(t, t));
        }
    }
    dist = sum;
}

// kmeans_lloyd for one block of 256 rows (see kmeans_lloyd_rows).
template <int DMAX>
__device__ void kr_lloyd(const double* __restrict__ x, long long n, int d, const double* __restrict__ w,
                         const double* __restrict__ c, const double* __restrict__ cn, int k,
                         int* __restrict__ labels, double* __restrict__ dist, double* __restrict__ partials,
                         int wantSums, double* smem) {
    const int tid = threadIdx.x;
    const int lane = tid % 32;
    const int warp = tid / 32;
    const int kd = k * d;
    const int entries = wantSums ? kd + k + 1 : 1;
    const int pitch = kr_pitch(d);
    double* cs = smem;
    double* xs = cs + kd + k + warp * (32 * pitch + entries);
    double* acc = xs + 32 * pitch;
    for (int e = lane; e < entries; e += 32) {
        acc[e] = 0.0;
    }
    const long long r0 = (long long) blockIdx.x * KR_ROWS + warp * 32;
    int label;
    double distance;
    kr_assign<DMAX>(x, n, d, c, cn, k, cs, xs, r0, label, distance);
    const bool mine = r0 + lane < n;
    const double weight = mine ? (w ? w[r0 + lane] : 1.0) : 0.0;
    if (mine) {
        labels[r0 + lane] = label;
        dist[r0 + lane] = distance;
    }
    // the warp's sums, row by row in row order: lane f < d adds feature f, lane 0 the count and
    // the inertia (each to its own accumulators, so lanes never write the same entry)
    double inertia = 0.0;
    for (int rr = 0; rr < 32; ++rr) {
        const int lr = __shfl_sync(KR_FULL, label, rr);
        const double wr = __shfl_sync(KR_FULL, weight, rr);
        const double dr = __shfl_sync(KR_FULL, distance, rr);
        if (r0 + rr < n) {
            if (wantSums) {
                if (lane < d) {
                    acc[lr * d + lane] += wr * xs[rr * pitch + lane];
                }
                if (lane == 0) {
                    acc[kd + lr] += wr;
                }
            }
            if (lane == 0) {
                inertia += wr * dr;
            }
        }
    }
    if (lane == 0) {
        acc[entries - 1] = inertia;
    }
    __syncthreads();
    double* part = partials + (long long) blockIdx.x * entries;
    const int stride = 32 * pitch + entries;
    for (int e = tid; e < entries; e += blockDim.x) {
        const double* a = cs + kd + k + 32 * pitch + e;
        double s = a[0];
        for (int v = 1; v < KR_WARPS; ++v) {
            s += a[v * stride];
        }
        part[e] = s;
    }
}

// kmeans_update_min for one block of 256 rows (see kmeans_update_min_rows).
template <int DMAX>
__device__ void kr_update_min(const double* __restrict__ x, long long n, int d, const double* __restrict__ c,
                              const double* __restrict__ cn, int k, double* __restrict__ minDist,
                              int* __restrict__ improved, double* __restrict__ partials, double* smem) {
    const int tid = threadIdx.x;
    const int lane = tid % 32;
    const int warp = tid / 32;
    const int pitch = kr_pitch(d);
    double* cs = smem;
    double* xs = cs + k * d + k + warp * (32 * pitch + 1);
    const long long r0 = (long long) blockIdx.x * KR_ROWS + warp * 32;
    int label;
    double candidate;
    kr_assign<DMAX>(x, n, d, c, cn, k, cs, xs, r0, label, candidate);
    double kept = 0.0;
    if (r0 + lane < n) {
        const double current = minDist[r0 + lane];
        if (candidate < current) {
            minDist[r0 + lane] = candidate;
            improved[r0 + lane] = label;
            kept = candidate;
        } else {
            improved[r0 + lane] = -1;
            kept = current;
        }
    }
    double cost = 0.0;
    for (int rr = 0; rr < 32; ++rr) {
        const double v = __shfl_sync(KR_FULL, kept, rr);
        if (lane == 0 && r0 + rr < n) {
            cost += v;
        }
    }
    if (lane == 0) {
        xs[32 * pitch] = cost;
    }
    __syncthreads();
    if (tid == 0) {
        const double* a = cs + k * d + k + 32 * pitch;
        double s = a[0];
        for (int v = 1; v < KR_WARPS; ++v) {
            s += a[v * (32 * pitch + 1)];
        }
        partials[blockIdx.x] = s;
    }
}

// One Lloyd step as kmeans_lloyd (same outputs and partials layout, rowsPerBlock = 256), one row per
// thread. Launch: 256 threads, ceil(n / 256) blocks, kmeans_rows_shared_doubles(k, d, wantSums) * 8
// bytes of dynamic shared memory; d <= 32; x 16-byte aligned (for the 16-byte loads when d is even).
extern "C" __global__ void __launch_bounds__(KR_ROWS, KR_MIN_BLOCKS)
kmeans_lloyd_rows(const double* __restrict__ x, long long n, int d, const double* __restrict__ w,
                  const double* __restrict__ c, const double* __restrict__ cn, int k,
                  int* __restrict__ labels, double* __restrict__ dist, double* __restrict__ partials, int wantSums) {
    PARAML_DYNAMIC_SHARED(kr_smem);
    if (d <= 8) {
        kr_lloyd<8>(x, n, d, w, c, cn, k, labels, dist, partials, wantSums, kr_smem);
    } else if (d <= 16) {
        kr_lloyd<16>(x, n, d, w, c, cn, k, labels, dist, partials, wantSums, kr_smem);
    } else if (d <= 24) {
        kr_lloyd<24>(x, n, d, w, c, cn, k, labels, dist, partials, wantSums, kr_smem);
    } else {
        kr_lloyd<KR_MAX_D>(x, n, d, w, c, cn, k, labels, dist, partials, wantSums, kr_smem);
    }
}

// The k-means|| update as kmeans_update_min (rowsPerBlock = 256), one row per thread. Launch: 256
// threads, ceil(n / 256) blocks, kmeans_rows_shared_doubles(k, d, 0) * 8 bytes of dynamic shared
// memory; d <= 32; x 16-byte aligned.
extern "C" __global__ void __launch_bounds__(KR_ROWS, KR_MIN_BLOCKS)
kmeans_update_min_rows(const double* __restrict__ x, long long n, int d, const double* __restrict__ c,
                       const double* __restrict__ cn, int k, double* __restrict__ minDist,
                       int* __restrict__ improved, double* __restrict__ partials) {
    PARAML_DYNAMIC_SHARED(kr_smem);
    if (d <= 8) {
        kr_update_min<8>(x, n, d, c, cn, k, minDist, improved, partials, kr_smem);
    } else if (d <= 16) {
        kr_update_min<16>(x, n, d, c, cn, k, minDist, improved, partials, kr_smem);
    } else if (d <= 24) {
        kr_update_min<24>(x, n, d, c, cn, k, minDist, improved, partials, kr_smem);
    } else {
        kr_update_min<KR_MAX_D>(x, n, d, c, cn, k, minDist, improved, partials, kr_smem);
    }
}

#endif
