// Checks the kernels of native/ run on the CPU (cuda_on_cpu.h) against direct loops: kernel values
// of all four kernel types (narrow and wide tiles, gathered rows, float output), squared norms,
// and the k-means assignment, partial sums, group reduction and minimum-distance update, including
// the tie rule and partial tiles and blocks. Prints one line per check and exits non-zero on failure.
#include <cstdio>
#include <cstdlib>
#include <random>

#include "../kernel_matrix.cu"
#include "../kmeans.cu"

static int failures = 0;

static void check(bool ok, const char* what, double got = 0, double want = 0, long at = -1) {
    if (!ok) {
        ++failures;
        std::printf("FAIL %s: got %.17g want %.17g at %ld\n", what, got, want, at);
    }
}

static bool close(double got, double want, double tol = 1e-12) {
    return std::fabs(got - want) <= tol * (std::fabs(want) + 1.0) || (std::isnan(got) && std::isnan(want));
}

static std::vector<double> uniform(std::mt19937_64& rng, size_t n) {
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<double> v(n);
    for (auto& x : v) {
        x = u(rng);
    }
    return v;
}

static double dot(const double* a, const double* b, int d) {
    double s = 0;
    for (int f = 0; f < d; ++f) {
        s += a[f] * b[f];
    }
    return s;
}

static double sqdist(const double* a, const double* b, int d) {
    double s = 0;
    for (int f = 0; f < d; ++f) {
        s += (a[f] - b[f]) * (a[f] - b[f]);
    }
    return s;
}

static double kernelRef(int type, double g, double c0, double deg, const double* a, const double* b, int d) {
    switch (type) {
    case 1: {
        // libsvm's powi: ret *= tmp for each set bit of the exponent, tmp squared each time
        double tmp = g * dot(a, b, d) + c0, ret = 1.0;
        for (int t = (int) deg; t > 0; t /= 2) {
            if (t % 2 == 1) {
                ret *= tmp;
            }
            tmp = tmp * tmp;
        }
        return ret;
    }
    case 2: return std::exp(-g * sqdist(a, b, d));
    case 3: return std::tanh(g * dot(a, b, d) + c0);
    default: return dot(a, b, d);
    }
}

static std::vector<double> norms(const std::vector<double>& x, long long n, int d) {
    std::vector<double> out(n);
    launchOnCpu((n + 255) / 256, 1, 256, [&] { row_sq_norms(x.data(), n, d, out.data()); });
    return out;
}

static void checkKernelMatrix() {
    std::mt19937_64 rng(1);
    const int d = 21, na = 70, nb = 150; // a: two tiles of 64 rows in the block
    auto a = uniform(rng, na * d);
    auto b = uniform(rng, nb * d);
    auto aNorms = norms(a, na, d);
    auto bNorms = norms(b, nb, d);
    for (int i = 0; i < na; ++i) {
        check(aNorms[i] == [&] { double s = 0; for (int f = 0; f < d; ++f) s = std::fma(a[i * d + f], a[i * d + f], s); return s; }(),
              "row_sq_norms is the fma chain", aNorms[i], 0, i);
    }
    const int rows[] = {3, 0, 12, 7, 7, 11, 1, 2, 5, 9, 4};
    const int types[] = {0, 1, 2, 3};
    for (int type : types) {
        double g = 0.3, c0 = type == 1 ? 0.5 : -0.2, deg = 3;
        // narrow: 5 gathered rows against all of b; wide: 11 gathered rows, and the block of all of a
        std::vector<double> narrow(5 * nb), wide(11 * nb), block(na * nb);
        std::vector<float> narrowF(5 * nb), wideF(11 * nb);
        launchOnCpu((nb + 127) / 128, 1, 256, [&] {
            kmat_narrow_f64(a.data(), aNorms.data(), rows, 5, b.data(), bNorms.data(), nb, d, narrow.data(), nb, type, g, c0, deg);
        });
        launchOnCpu((nb + 127) / 128, 1, 256, [&] {
            kmat_narrow_f32(a.data(), aNorms.data(), rows, 5, b.data(), bNorms.data(), nb, d, narrowF.data(), nb, type, g, c0, deg);
        });
        launchOnCpu((nb + 63) / 64, 1, 256, [&] {
            kmat_wide_f64(a.data(), aNorms.data(), rows, 11, b.data(), bNorms.data(), nb, d, wide.data(), nb, type, g, c0, deg);
        });
        launchOnCpu((nb + 63) / 64, 1, 256, [&] {
            kmat_wide_f32(a.data(), aNorms.data(), rows, 11, b.data(), bNorms.data(), nb, d, wideF.data(), nb, type, g, c0, deg);
        });
        launchOnCpu((nb + 63) / 64, (na + 63) / 64, 256, [&] {
            kmat_wide_f64(a.data(), aNorms.data(), nullptr, na, b.data(), bNorms.data(), nb, d, block.data(), nb, type, g, c0, deg);
        });
        for (int r = 0; r < 11; ++r) {
            for (int j = 0; j < nb; ++j) {
                double want = kernelRef(type, g, c0, deg, &a[rows[r] * d], &b[j * d], d);
                check(close(wide[r * nb + j], want), "wide kernel rows", wide[r * nb + j], want, r * nb + j);
                check(wideF[r * nb + j] == (float) wide[r * nb + j], "float output is the rounded double");
                if (r < 5) {
                    check(narrow[r * nb + j] == wide[r * nb + j], "narrow == wide bit for bit", narrow[r * nb + j],
                          wide[r * nb + j], r * nb + j);
                    check(narrowF[r * nb + j] == wideF[r * nb + j], "narrow float == wide float");
                }
                check(block[rows[r] * nb + j] == wide[r * nb + j], "block == gathered rows bit for bit");
            }
        }
    }
    // rbf of a row with itself is exactly 1; rows against themselves through the gather
    std::vector<double> self(3 * na);
    const int three[] = {0, 6, 12};
    launchOnCpu((na + 127) / 128, 1, 256, [&] {
        kmat_narrow_f64(a.data(), aNorms.data(), three, 3, a.data(), aNorms.data(), na, d, self.data(), na, 2, 10.0, 0, 3);
    });
    for (int r = 0; r < 3; ++r) {
        check(self[r * na + three[r]] == 1.0, "rbf(x, x) == 1 exactly", self[r * na + three[r]], 1.0, r);
    }
    std::printf("kernel matrix: %s\n", failures ? "FAILED" : "ok");
}

struct LloydOut {
    std::vector<int> labels;
    std::vector<double> dist, groups;
};

static LloydOut lloyd(const std::vector<double>& x, long long n, int d, const double* w, const std::vector<double>& c,
                      int k, int rowsPerBlock, int groupBlocks, bool sums) {
    auto cn = norms(c, k, d);
    LloydOut o{std::vector<int>(n), std::vector<double>(n), {}};
    int blocks = (int) ((n + rowsPerBlock - 1) / rowsPerBlock);
    long long E = sums ? (long long) k * d + k + 1 : 1;
    std::vector<double> partials(blocks * E);
    launchOnCpu(blocks, 1, 256, [&] {
        kmeans_lloyd(x.data(), n, d, w, c.data(), cn.data(), k, rowsPerBlock, o.labels.data(), o.dist.data(),
                     partials.data(), sums ? 1 : 0);
    });
    int groups = (blocks + groupBlocks - 1) / groupBlocks;
    o.groups.assign(groups * E, 0);
    launchOnCpu((E + 255) / 256, groups, 256, [&] {
        kmeans_reduce_groups(partials.data(), blocks, E, groupBlocks, o.groups.data());
    });
    // the group reduction is the block partials summed in block order
    for (int g = 0; g < groups; ++g) {
        for (long long e = 0; e < E; ++e) {
            double s = partials[(g * groupBlocks) * E + e];
            for (int bl = g * groupBlocks + 1; bl < std::min(blocks, (g + 1) * groupBlocks); ++bl) {
                s += partials[bl * E + e];
            }
            check(s == o.groups[g * E + e], "group sums in block order");
        }
    }
    return o;
}

// n rows, d features, k centres (centre 7 repeats centre 3), blocks of rowsPerBlock rows, groups of groupBlocks
static void checkKMeans(long long n, int d, int k, int rowsPerBlock, int groupBlocks) {
    int before = failures;
    std::mt19937_64 rng(2 + n + d + k);
    auto x = uniform(rng, n * d);
    auto c = uniform(rng, k * d);
    for (int f = 0; f < d; ++f) {
        c[7 * d + f] = c[3 * d + f]; // centre 7 repeats centre 3: ties go to 3
    }
    std::vector<double> w(n);
    for (long long i = 0; i < n; ++i) {
        w[i] = 0.5 + (i % 5) * 0.25;
    }
    LloydOut o = lloyd(x, n, d, w.data(), c, k, rowsPerBlock, groupBlocks, true);
    std::vector<double> sums(k * d, 0.0), counts(k, 0.0);
    double inertia = 0;
    for (long long i = 0; i < n; ++i) {
        int best = 0;
        double bd = sqdist(&x[i * d], &c[0], d);
        for (int l = 1; l < k; ++l) {
            double dd = sqdist(&x[i * d], &c[l * d], d);
            if (dd < bd) {
                bd = dd;
                best = l;
            }
        }
        bool tie = std::fabs(sqdist(&x[i * d], &c[o.labels[i] * d], d) - bd) <= 1e-12;
        check(o.labels[i] == best || tie, "nearest centre", o.labels[i], best, i);
        check(o.labels[i] != 7, "ties go to the lowest centre", o.labels[i], 3, i);
        check(o.dist[i] == sqdist(&x[i * d], &c[o.labels[i] * d], d), "exact distance", o.dist[i], bd, i);
        for (int f = 0; f < d; ++f) {
            sums[o.labels[i] * d + f] += w[i] * x[i * d + f];
        }
        counts[o.labels[i]] += w[i];
        inertia += w[i] * o.dist[i];
    }
    long long E = (long long) k * d + k + 1;
    int groups = (int) (o.groups.size() / E);
    int blocks = (int) ((n + rowsPerBlock - 1) / rowsPerBlock);
    check(groups == (blocks + groupBlocks - 1) / groupBlocks, "groups", groups, blocks);
    for (long long e = 0; e < E; ++e) {
        double total = o.groups[e];
        for (int g = 1; g < groups; ++g) {
            total += o.groups[g * E + e];
        }
        double want = e < (long long) k * d ? sums[e] : e < E - 1 ? counts[e - (long long) k * d] : inertia;
        check(close(total, want), "sums, counts and inertia", total, want, e);
    }
    // without sums: the inertia alone, same labels
    LloydOut o2 = lloyd(x, n, d, nullptr, c, k, rowsPerBlock, 256, false);
    double inertia1 = 0;
    for (long long i = 0; i < n; ++i) {
        check(o2.labels[i] == o.labels[i], "labels without sums", o2.labels[i], o.labels[i], i);
        inertia1 += o2.dist[i];
    }
    check(o2.groups.size() == 1 && close(o2.groups[0], inertia1), "inertia without sums", o2.groups[0], inertia1);

    // minimum-distance update
    std::vector<double> minD(n);
    for (long long i = 0; i < n; ++i) {
        minD[i] = i % 3 == 0 ? o.dist[i] : (i % 3 == 1 ? 0.05 : INFINITY); // equal, lower, infinite
    }
    std::vector<double> before1 = minD;
    auto cn = norms(c, k, d);
    std::vector<int> improved(n);
    std::vector<double> partials(blocks);
    launchOnCpu(blocks, 1, 256, [&] {
        kmeans_update_min(x.data(), n, d, c.data(), cn.data(), k, rowsPerBlock, minD.data(), improved.data(),
                          partials.data());
    });
    double cost = 0;
    for (long long i = 0; i < n; ++i) {
        double cand = o.dist[i];
        bool better = cand < before1[i];
        check(minD[i] == (better ? cand : before1[i]), "min distance", minD[i], better ? cand : before1[i], i);
        check(improved[i] == (better ? o.labels[i] : -1), "improved label", improved[i], better ? o.labels[i] : -1, i);
        cost += minD[i];
    }
    double got = 0;
    for (double p : partials) {
        got += p;
    }
    check(close(got, cost), "cost", got, cost);
    std::printf("k-means n=%lld d=%d k=%d rows/block=%d blocks/group=%d: %s\n", n, d, k, rowsPerBlock, groupBlocks,
                failures > before ? "FAILED" : "ok");
}

// The one-row-per-thread kernels (kmeans_rows.cuh) against the tiled ones: the same labels and exact
// distances bit for bit, the same minimum-distance update, and block partials that agree to rounding.
static void checkKMeansRows(long long n, int d, int k) {
    int before = failures;
    std::mt19937_64 rng(5 + n + d + k);
    auto x = uniform(rng, n * d);
    auto c = uniform(rng, k * d);
    for (int f = 0; f < d; ++f) {
        c[(k - 1) * d + f] = c[0 * d + f]; // the last centre repeats the first: ties go to 0
    }
    std::vector<double> w(n);
    for (long long i = 0; i < n; ++i) {
        w[i] = 0.5 + (i % 7) * 0.125;
    }
    auto cn = norms(c, k, d);
    const int blocks = (int) ((n + 255) / 256);
    // the dynamic shared memory exactly as large as the host asks for (so an overrun shows as a fault
    // under a sanitizer, and NaN where a kernel reads what it did not write)
    auto shared = [&](int sums) {
        std::vector<double>(kmeans_rows_shared_doubles(k, d, sums), std::nan("")).swap(cpuDynamicShared);
    };
    for (int sums = 0; sums <= 1; ++sums) {
        const long long E = sums ? (long long) k * d + k + 1 : 1;
        std::vector<int> labels(n, -9), labelsRef(n);
        std::vector<double> dist(n, -9), distRef(n), partials(blocks * E, -9), partialsRef(blocks * E);
        launchOnCpu(blocks, 1, 256, [&] {
            kmeans_lloyd(x.data(), n, d, w.data(), c.data(), cn.data(), k, 256, labelsRef.data(), distRef.data(),
                         partialsRef.data(), sums);
        });
        shared(sums);
        launchOnCpu(blocks, 1, 256, [&] {
            kmeans_lloyd_rows(x.data(), n, d, w.data(), c.data(), cn.data(), k, labels.data(), dist.data(),
                              partials.data(), sums);
        });
        for (long long i = 0; i < n; ++i) {
            check(labels[i] == labelsRef[i], "rows kernel: labels", labels[i], labelsRef[i], i);
            check(dist[i] == distRef[i], "rows kernel: exact distances", dist[i], distRef[i], i);
            check(labels[i] != k - 1, "rows kernel: ties go to the lowest centre", labels[i], 0, i);
        }
        for (long long e = 0; e < blocks * E; ++e) {
            check(close(partials[e], partialsRef[e]), "rows kernel: block partials", partials[e], partialsRef[e], e);
        }
        // the same rows in two launches split at a block boundary: the same partials, bit for bit
        if (blocks > 1) {
            std::vector<int> labels2(n);
            std::vector<double> dist2(n), partials2(blocks * E);
            launchOnCpu(1, 1, 256, [&] {
                kmeans_lloyd_rows(x.data(), 256, d, w.data(), c.data(), cn.data(), k, labels2.data(), dist2.data(),
                                  partials2.data(), sums);
            });
            launchOnCpu(blocks - 1, 1, 256, [&] {
                kmeans_lloyd_rows(x.data() + 256 * d, n - 256, d, w.data() + 256, c.data(), cn.data(), k,
                                  labels2.data() + 256, dist2.data() + 256, partials2.data() + E, sums);
            });
            check(labels2 == labels && dist2 == dist, "rows kernel: split launches give the same labels and distances");
            check(partials2 == partials, "rows kernel: split launches give the same partials");
        }
        // without weights: counts are row counts
        std::vector<double> unweighted(blocks * E);
        launchOnCpu(blocks, 1, 256, [&] {
            kmeans_lloyd_rows(x.data(), n, d, nullptr, c.data(), cn.data(), k, labels.data(), dist.data(),
                              unweighted.data(), sums);
        });
        double rowsCounted = 0, inertia = 0;
        for (int b = 0; b < blocks; ++b) {
            for (int j = 0; sums && j < k; ++j) {
                rowsCounted += unweighted[b * E + (long long) k * d + j];
            }
            inertia += unweighted[b * E + E - 1];
        }
        double inertiaRef = 0;
        for (long long i = 0; i < n; ++i) {
            inertiaRef += distRef[i];
        }
        check(!sums || rowsCounted == (double) n, "rows kernel: counts without weights", rowsCounted, (double) n);
        check(close(inertia, inertiaRef), "rows kernel: inertia without weights", inertia, inertiaRef);
    }
    std::vector<double> minD(n), minRef(n);
    for (long long i = 0; i < n; ++i) {
        minD[i] = minRef[i] = i % 3 == 0 ? 0.0 : (i % 3 == 1 ? 0.4 : INFINITY);
    }
    std::vector<int> improved(n, -9), improvedRef(n);
    std::vector<double> cost(blocks, -9), costRef(blocks);
    launchOnCpu(blocks, 1, 256, [&] {
        kmeans_update_min(x.data(), n, d, c.data(), cn.data(), k, 256, minRef.data(), improvedRef.data(), costRef.data());
    });
    shared(0);
    launchOnCpu(blocks, 1, 256, [&] {
        kmeans_update_min_rows(x.data(), n, d, c.data(), cn.data(), k, minD.data(), improved.data(), cost.data());
    });
    for (long long i = 0; i < n; ++i) {
        check(minD[i] == minRef[i], "rows kernel: min distance", minD[i], minRef[i], i);
        check(improved[i] == improvedRef[i], "rows kernel: improved label", improved[i], improvedRef[i], i);
    }
    for (int b = 0; b < blocks; ++b) {
        check(close(cost[b], costRef[b]), "rows kernel: block costs", cost[b], costRef[b], b);
    }
    std::printf("k-means rows kernels n=%lld d=%d k=%d: %s\n", n, d, k, failures > before ? "FAILED" : "ok");
}

int main() {
    checkKernelMatrix();
    checkKMeans(1000, 5, 20, 256, 3);  // two tiles of centres, 4 blocks (the last partial), 2 groups
    checkKMeans(700, 9, 40, 128, 2);   // 400 partial entries: more than one per thread
    checkKMeans(63, 1, 8, 256, 256);   // one partial tile
    checkKMeansRows(600, 20, 12);      // the tutorial's shape; the last block partial (88 rows: a partial warp)
    checkKMeansRows(300, 1, 3);
    checkKMeansRows(257, 32, 5);       // the largest d; one row in the last block
    checkKMeansRows(512, 9, 40);       // d between the register sizes; more entries than threads
    std::printf("%s (%d failures)\n", failures ? "FAILED" : "all kernel checks passed on the CPU", failures);
    return failures ? 1 : 0;
}
