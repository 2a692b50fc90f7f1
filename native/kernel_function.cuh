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
//   poly    (gamma dot + coef0)^degree, by libsvm's repeated squaring
//   rbf     exp(-gamma max(na + nb - 2 dot, 0))   (NaN stays NaN)
//   sigmoid tanh(gamma dot + coef0)
__device__ __noinline__ double kernel_value(int type, double gamma, double coef0, double degree,
                                            double dot, double na, double nb) {
    switch (type) {
    case PARAML_POLY: {
        // libsvm's powi, as KernelSpec.powi: the squares b, b^2, b^4, ... multiplied into the result from the
        // lowest set bit of the exponent up (pow rounds once and differs in the last bit for about a quarter
        // of cubes)
        double base = gamma * dot + coef0;
        double result = 1.0;
        for (int e = (int) degree; e > 0; e >>= 1) {
            if (e & 1) {
                result *= base;
            }
            if (e > 1) {
                base *= base;
            }
        }
        return result;
    }
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
