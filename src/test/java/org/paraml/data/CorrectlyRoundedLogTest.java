package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorrectlyRoundedLogTest {

    @Test
    void specialValuesBehaveAsMathLog() {
        assertEquals(0.0, CorrectlyRoundedLog.log(1.0));
        assertEquals(Double.NEGATIVE_INFINITY, CorrectlyRoundedLog.log(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, CorrectlyRoundedLog.log(-0.0));
        assertTrue(Double.isNaN(CorrectlyRoundedLog.log(-1.0)));
        assertTrue(Double.isNaN(CorrectlyRoundedLog.log(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, CorrectlyRoundedLog.log(Double.POSITIVE_INFINITY));
        assertEquals(Math.log(Double.MIN_VALUE), CorrectlyRoundedLog.log(Double.MIN_VALUE), 1e-12);
        assertEquals(Math.log(Double.MAX_VALUE), CorrectlyRoundedLog.log(Double.MAX_VALUE), 1e-12);
        assertEquals(Math.log(2.0), CorrectlyRoundedLog.log(2.0));
    }

    /** Within one ulp of StrictMath (fdlibm, < 1 ulp) everywhere, near 1 included, subnormals included. */
    @Test
    void agreesWithStrictMathToAnUlp() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 4) {
                case 0 -> r.nextDouble();
                case 1 -> 1.0 + (r.nextDouble() - 0.5) * 1e-6;
                case 2 -> Math.exp((r.nextDouble() - 0.5) * 1400);
                default -> Double.longBitsToDouble(r.nextLong(1L, 0x7fefffffffffffffL));
            };
            double ours = CorrectlyRoundedLog.log(x);
            double ref = StrictMath.log(x);
            assertTrue(Math.abs(ours - ref) <= Math.ulp(ref), "log(" + x + ") = " + ours + ", StrictMath " + ref);
        }
    }

    /** Exact (correctly rounded) against a 50-digit BigDecimal evaluation on a sample of inputs. */
    @Test
    void isCorrectlyRoundedOnASample() {
        SplittableRandom r = new SplittableRandom(2);
        MathContext mc = new MathContext(50);
        for (int i = 0; i < 300; i++) {
            double x = r.nextDouble(1e-3, 1.0);
            double approx = Math.log(x);
            // refine ln x by Newton's method on exp(y) = x, in BigDecimal: y <- y + x·exp(-y) - 1
            BigDecimal y = new BigDecimal(approx);
            BigDecimal bx = new BigDecimal(x);
            for (int it = 0; it < 3; it++) {
                y = y.add(bx.multiply(expBig(y.negate(), mc), mc).subtract(BigDecimal.ONE), mc);
            }
            assertEquals(y.doubleValue(), CorrectlyRoundedLog.log(x), "log(" + x + ")");
        }
    }

    private static BigDecimal expBig(BigDecimal z, MathContext mc) {
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 200; n++) {
            term = term.multiply(z, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(BigDecimal.ONE.movePointLeft(55)) < 0) {
                break;
            }
        }
        return sum;
    }
}
