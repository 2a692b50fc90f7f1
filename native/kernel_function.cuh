// The four SVM kernel functions of org.paraml.backend.KernelSpec, from an inner product and two
// squared norms.
#ifndef PARAML_KERNEL_FUNCTION_CUH
#define PARAML_KERNEL_FUNCTION_CUH

// The codes CudaKernels passes (KernelType.ordinal()).
#define PARAML_LINEAR 0
#define PARAML_POLY 1
#define PARAML_RBF 2
#define PARAML_SIGMOID 3

// (not inlined: one copy instead of one per output of a thread keeps the PTX, and its JIT time, small)
// K(a, b) from dot = <a, b>, na = ||a||^2, nb = ||b||^2:
//   linear  dot
//   poly    (gamma dot + coef0)^degree
//   rbf     exp(-gamma max(na + nb - 2 dot, 0))   (NaN stays NaN)
//   sigmoid tanh(gamma dot + coef0)
__device__ __noinline__ double kernel_value(int type, double gamma, double coef0, double degree,
                                            double dot, double na, double nb) {
    switch (type) {
    case PARAML_POLY:
        return pow(gamma * dot + coef0, degree);
    case PARAML_RBF: {
        const double sq = na + nb - 2.0 * dot;
        return exp(-gamma * (sq < 0.0 ? 0.0 : sq));
    }
    case PARAML_SIGMOID:
        return tanh(gamma * dot + coef0);
    default:
        return dot;
    }
}

#endif
