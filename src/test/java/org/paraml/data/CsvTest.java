package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.linalg.Matrix;

class CsvTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private CsvFormatException refuses(Path f, Csv.Header header, long line, int column, String... parts) {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.read(f, header));
        assertEquals(f, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void readsWithoutHeader() throws IOException {
        Matrix x = Csv.read(csv("1,2,3\n4.5, -6 ,7e-1\n"), false);
        assertArrayEquals(new double[][] {{1, 2, 3}, {4.5, -6, 0.7}}, x.toArray());
    }

    @Test
    void skipsAHeaderWhenTold() throws IOException {
        Matrix x = Csv.read(csv("a,b\n1,2\n3,4"), true);
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, x.toArray());
        // Told there is a header, the first line is skipped even if numeric.
        assertArrayEquals(new double[][] {{3, 4}}, Csv.read(csv("1,2\n3,4\n"), true).toArray());
    }

    @Test
    void detectsAHeader() throws IOException {
        assertArrayEquals(new double[][] {{1, 2}}, Csv.read(csv("x0, x1\n1,2\n"), Csv.Header.DETECT).toArray());
        assertArrayEquals(new double[][] {{1, 2}}, Csv.read(csv("1,label\n1,2\n"), Csv.Header.DETECT).toArray());
        assertArrayEquals(new double[][] {{0, 1}, {1, 2}},
                Csv.read(csv("0,1\n1,2\n"), Csv.Header.DETECT).toArray());
        // nan and inf are numbers, so a first line of them is data.
        Matrix special = Csv.read(csv("nan,inf\n1,2\n"), Csv.Header.DETECT);
        assertEquals(2, special.rows());
        assertTrue(Double.isNaN(special.get(0, 0)));
    }

    @Test
    void aDataLineWithATypoIsNotTakenForAHeader() throws IOException {
        // one word among numbers: a data line with a typo, reported instead of silently dropped
        refuses(csv("1.0,foo,2.0,3.0\n1,2,3,4\n"), Csv.Header.DETECT, 1, 2, "'foo' is not a number");
        // a header must name every column
        refuses(csv("a,b\n1,2,3,4\n"), Csv.Header.DETECT, 2, 0, "found 4 fields", "the header (the first line) has 2");
    }

    @Test
    void headerOnlyGivesZeroRows() throws IOException {
        Matrix x = Csv.read(csv("a,b,c\n"), true);
        assertEquals(0, x.rows());
        assertEquals(3, x.cols());
    }

    @Test
    void commentsBlankLinesCrLfAndBom() throws IOException {
        Matrix x = Csv.read(csv("\uFEFF# made by hand\r\n1,2 # trailing\r\n\r\n   \r\n3,4\r\n"), false);
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, x.toArray());
    }

    @Test
    void readsWhatNumpySavetxtWrites() throws IOException {
        Path f = NpyTestFiles.fixture("savetxt.csv"); // "# a,b,c" then '%.18e' values
        double[][] expected = NpyTestFiles.M;
        assertArrayEquals(expected, Csv.read(f, false).toArray());
        assertArrayEquals(expected, Csv.read(f, Csv.Header.DETECT).toArray());
    }

    @Test
    void oneColumnAndOneRow() throws IOException {
        Matrix col = Csv.read(csv("1\n2\n3\n"), false);
        assertEquals(3, col.rows());
        assertEquals(1, col.cols());
        Matrix row = Csv.read(csv("1,2,3"), false);
        assertEquals(1, row.rows());
        assertEquals(3, row.cols());
    }

    @Test
    void manyRowsGrowTheBuffer() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(',').append(i * 0.5).append('\n');
        }
        Matrix x = Csv.read(csv(sb.toString()), false);
        assertEquals(5000, x.rows());
        assertEquals(2499.5, x.get(4999, 1));
    }

    /** The fields numpy's loadtxt accepts (checked against numpy 1.24) and what they parse to. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"1; 1", "-2.5; -2.5", "' .5 '; 0.5", "1.; 1", "3e-4; 3e-4", "1E5; 1e5",
        "+inf; Infinity", "-inf; -Infinity", "Infinity; Infinity", "INF; Infinity", "+1; 1",
        "0.1; 0.1", "1e-320; 1e-320", "123456789012345678901234567890; 1.2345678901234568e29"})
    void numbersAsNumpyParsesThem(String field, double expected) {
        assertEquals(expected, Csv.parseNumber(field.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "-nan", "NaN", "NAN", "+nan"})
    void nanSpellings(String field) {
        assertTrue(Double.isNaN(Csv.parseNumber(field)));
    }

    /** Fields numpy's loadtxt refuses, several of which Java's Double.parseDouble would accept. */
    @ParameterizedTest
    @ValueSource(strings = {"1e", "0x10", "0x1p3", "1d", "1f", "1_0", "1 2", "++1", ".", "e5", "nanx", "infinit",
        "١", "abc"})
    void notNumbers(String field) throws IOException {
        assertThrows(NumberFormatException.class, () -> Csv.parseNumber(field));
        Path f = csv("1,2\n3," + field + "\n");
        refuses(f, Csv.Header.ABSENT, 2, 2, "'" + field + "' is not a number", "nan, inf");
    }

    @Test
    void nonNumericFirstLineSuggestsAHeader() throws IOException {
        Path f = csv("a,b\n1,2\n");
        refuses(f, Csv.Header.ABSENT, 1, 1, "'a' is not a number", "read with a header");
    }

    @Test
    void raggedRows() throws IOException {
        Path f = csv("# comment\n1,2,3\n4,5,6\n7,8\n");
        refuses(f, Csv.Header.ABSENT, 4, 0, "found 2 fields, expected 3 as in line 2");
        Path g = csv("a,b\n1,2\n3,4,5\n");
        refuses(g, Csv.Header.PRESENT, 3, 0, "found 3 fields, expected 2 as in line 2");
    }

    @Test
    void emptyFieldsAreErrors() throws IOException {
        refuses(csv("1,2\n3,\n"), Csv.Header.ABSENT, 2, 2, "empty field", "write nan");
        refuses(csv("1,,2\n"), Csv.Header.DETECT, 1, 2, "empty field"); // not taken for a header
    }

    @Test
    void emptyFiles() throws IOException {
        refuses(csv(""), Csv.Header.ABSENT, 0, 0, "no data", "is empty");
        refuses(csv("# only a comment\n\n  \n"), Csv.Header.DETECT, 0, 0, "no data", "only blank or comment");
    }

    @Test
    void missingFileIsThePlainJdkError() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Csv.read(dir.resolve("none.csv"), false));
    }
}
