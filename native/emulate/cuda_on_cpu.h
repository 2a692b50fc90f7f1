// Runs the CUDA kernels of native/ on the CPU, to test their logic where no GPU is at hand: every
// CUDA thread of a block is a std::thread, blocks run one after another, __syncthreads() is a
// barrier, and __shared__ variables are static (shared by the threads of the block that runs).
// Arithmetic follows the host compiler (no implicit fused multiply-add), so results may differ from
// a GPU's in the last bits; logic, indexing, ordering and reductions are the same. No performance.
#ifndef PARAML_CUDA_ON_CPU_H
#define PARAML_CUDA_ON_CPU_H

#include <algorithm>
#include <barrier>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

struct Dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local Dim3 threadIdx;
inline Dim3 blockIdx;
inline Dim3 blockDim;
inline Dim3 gridDim;
inline std::barrier<>* cpuBarrier = nullptr;

#define __global__
#define __device__
#define __host__
#define __shared__ static
#define __restrict__ __restrict
#define __launch_bounds__(...)
#define __noinline__ __attribute__((noinline))
#define __forceinline__ inline

inline void __syncthreads() {
    cpuBarrier->arrive_and_wait();
}

inline double __dadd_rn(double a, double b) {
    return a + b;
}

inline double __dsub_rn(double a, double b) {
    return a - b;
}

inline double __dmul_rn(double a, double b) {
    return a * b;
}

inline double __longlong_as_double(long long v) {
    double d;
    std::memcpy(&d, &v, sizeof d);
    return d;
}

struct alignas(16) double2 {
    double x, y;
};

// dynamic shared memory: the launcher sizes cpuDynamicShared before the launch
inline std::vector<double> cpuDynamicShared;
#define PARAML_DYNAMIC_SHARED(name) double* name = cpuDynamicShared.data()

// __shfl_sync as a block-wide exchange: every thread of the block must call it the same number of
// times (the kernels call it in loops of a fixed count), which the barrier needs
template <class T>
T __shfl_sync(unsigned, T v, int srcLane) {
    static T slots[1024];
    slots[threadIdx.x] = v;
    __syncthreads();
    T r = slots[(threadIdx.x & ~31u) + srcLane];
    __syncthreads();
    return r;
}

using std::max;
using std::min;

// Runs kernel() as a grid of gridX x gridY blocks of `threads` threads.
template <class Kernel>
void launchOnCpu(unsigned gridX, unsigned gridY, unsigned threads, Kernel kernel) {
    gridDim = {gridX, gridY, 1};
    blockDim = {threads, 1, 1};
    for (unsigned by = 0; by < gridY; ++by) {
        for (unsigned bx = 0; bx < gridX; ++bx) {
            blockIdx = {bx, by, 1};
            std::barrier<> barrier(threads);
            cpuBarrier = &barrier;
            std::vector<std::thread> pool;
            pool.reserve(threads);
            for (unsigned t = 0; t < threads; ++t) {
                pool.emplace_back([&, t] {
                    threadIdx = {t, 0, 0};
                    kernel();
                    cpuBarrier->arrive_and_drop(); // an exited thread no longer takes part in barriers
                });
            }
            for (auto& th : pool) {
                th.join();
            }
        }
    }
}

#endif
