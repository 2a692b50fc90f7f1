package org.paraml.cluster;

/**
 * A running sum with Neumaier's compensation: the error of adding n terms is about one rounding of the
 * total instead of n roundings, so a sum over blocks barely depends on how the rows were cut into blocks.
 */
final class CompensatedSum implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private double sum;
    private double c;

    void add(double v) {
        double t = sum + v;
        if (Math.abs(sum) >= Math.abs(v)) {
            c += (sum - t) + v;
        } else {
            c += (v - t) + sum;
        }
        sum = t;
    }

    void add(CompensatedSum other) {
        add(other.sum);
        add(other.c);
    }

    double value() {
        return sum + c;
    }
}
