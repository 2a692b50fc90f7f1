package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PythonFormatTest {
    @Test
    void floatReprIsPythons() {
        assertEquals("0.001", PythonFormat.floatRepr(0.001));
        assertEquals("1e-05", PythonFormat.floatRepr(1e-05));
        assertEquals("0.0001", PythonFormat.floatRepr(1e-4));
        assertEquals("100.0", PythonFormat.floatRepr(100.0));
        assertEquals("1e+16", PythonFormat.floatRepr(1e16));
        assertEquals("1000000000000000.0", PythonFormat.floatRepr(1e15));
        assertEquals("0.1", PythonFormat.floatRepr(0.1));
        assertEquals("0.30000000000000004", PythonFormat.floatRepr(0.1 + 0.2));
        assertEquals("-2.5e-10", PythonFormat.floatRepr(-2.5e-10));
        assertEquals("1.7976931348623157e+308", PythonFormat.floatRepr(Double.MAX_VALUE));
        assertEquals("5e-324", PythonFormat.floatRepr(Double.MIN_VALUE));
        assertEquals("2e-07", PythonFormat.floatRepr(2e-7));
        assertEquals("-0.0", PythonFormat.floatRepr(-0.0));
        assertEquals("nan", PythonFormat.floatRepr(Double.NaN));
        assertEquals("-inf", PythonFormat.floatRepr(Double.NEGATIVE_INFINITY));
        assertEquals("True", PythonFormat.str(true));
        assertEquals("None", PythonFormat.str(null));
        assertEquals("10", PythonFormat.str(10));
        assertEquals("rbf", PythonFormat.str("rbf"));
    }

    @Test
    void fixedRoundsTheBinaryValueHalfToEven() {
        assertEquals("0.666", PythonFormat.fixed(0.6665, 3));
        assertEquals("1.000", PythonFormat.fixed(0.9995, 3));
        assertEquals("0.12", PythonFormat.fixed(0.125, 2));
        assertEquals("2.67", PythonFormat.fixed(2.675, 2));
        assertEquals("-0.000", PythonFormat.fixed(-0.0001, 3));
        assertEquals("nan", PythonFormat.fixed(Double.NaN, 3));
        assertEquals("  0.2", PythonFormat.fixed(0.25, 5, 1));
    }

    @Test
    void shortFormatTimeIsJoblibs() {
        assertEquals("   1.2s", PythonFormat.shortFormatTime(1.2));
        assertEquals("   0.0s", PythonFormat.shortFormatTime(0.0));
        assertEquals("  60.0s", PythonFormat.shortFormatTime(60.0));
        assertEquals(" 1.0min", PythonFormat.shortFormatTime(61.0));
        assertEquals("120.0min", PythonFormat.shortFormatTime(7200.0));
    }
}
