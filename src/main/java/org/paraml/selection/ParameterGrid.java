package org.paraml.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * scikit-learn's {@code ParameterGrid}: every combination of the listed values of each parameter,
 * for one grid or a list of grids, in scikit-learn's order.
 *
 * <p>Within a grid the keys are sorted and the last key varies fastest:
 * {@code {"kernel": [rbf, poly], "C": [1, 10]}} gives {@code C=1,kernel=rbf}, {@code C=1,kernel=poly},
 * {@code C=10,kernel=rbf}, {@code C=10,kernel=poly}. Grids follow one another; an empty grid is one
 * point, the empty parameter set. Values are {@link Number}, {@link Boolean}, {@link String} or null.
 *
 * <p>Each point is an unmodifiable map whose keys are sorted, as scikit-learn's iteration makes
 * them; {@link #get(int)} returns the same point with its keys in reverse order, as scikit-learn's
 * {@code __getitem__} does (the order only shows in the {@code param_*} keys of a randomized search).
 */
public final class ParameterGrid implements Iterable<Map<String, Object>> {
    /** Each grid with its keys sorted. */
    private final List<List<Map.Entry<String, List<Object>>>> grids;
    private final long size;

    /** A single grid: parameter name → the values to try (non-empty). */
    public ParameterGrid(Map<String, ? extends List<?>> grid) {
        this(List.of(Objects.requireNonNull(grid, "grid")));
    }

    /** A list of grids, explored one after the other. */
    public ParameterGrid(List<? extends Map<String, ? extends List<?>>> grids) {
        Objects.requireNonNull(grids, "grids");
        List<List<Map.Entry<String, List<Object>>>> copy = new ArrayList<>();
        long total = 0;
        for (Map<String, ? extends List<?>> grid : grids) {
            Objects.requireNonNull(grid, "a grid of the list is null");
            TreeMap<String, List<Object>> sorted = new TreeMap<>();
            long points = 1;
            for (Map.Entry<String, ? extends List<?>> e : grid.entrySet()) {
                String key = Objects.requireNonNull(e.getKey(), "parameter name");
                List<?> values = e.getValue();
                if (values == null) {
                    throw new IllegalArgumentException("Parameter grid for parameter '" + key
                            + "' needs to be a list, but got None instead. Single values need to be wrapped "
                            + "in a list with one element.");
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("Parameter grid for parameter '" + key
                            + "' need to be a non-empty sequence, got: []");
                }
                for (Object v : values) {
                    ParameterValues.check(key, v);
                }
                sorted.put(key, Collections.unmodifiableList(new ArrayList<>(values)));
                points = Math.multiplyExact(points, values.size());
            }
            copy.add(List.copyOf(sorted.entrySet().stream()
                    .map(en -> Map.entry(en.getKey(), en.getValue())).toList()));
            total = Math.addExact(total, points);
        }
        this.grids = List.copyOf(copy);
        this.size = total;
    }

    /** The number of points ({@code len(ParameterGrid(...))}). */
    public long size() {
        return size;
    }

    /**
     * The point at {@code index} of the iteration order ({@code grid[index]}), keys in reverse
     * order as scikit-learn's {@code __getitem__} builds them.
     */
    public Map<String, Object> get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("ParameterGrid index out of range: " + index + " (size " + size + ")");
        }
        long ind = index;
        for (List<Map.Entry<String, List<Object>>> grid : grids) {
            long total = 1;
            for (Map.Entry<String, List<Object>> e : grid) {
                total *= e.getValue().size();
            }
            if (ind >= total) {
                ind -= total;
                continue;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (int k = grid.size() - 1; k >= 0; k--) {
                List<Object> values = grid.get(k).getValue();
                int n = values.size();
                out.put(grid.get(k).getKey(), values.get((int) (ind % n)));
                ind /= n;
            }
            return Collections.unmodifiableMap(out);
        }
        throw new AssertionError("index " + index + " not found");
    }

    /** Every point, in iteration order. */
    public List<Map<String, Object>> toList() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the grid has " + size + " points, too many for a list");
        }
        List<Map<String, Object>> out = new ArrayList<>((int) size);
        forEach(out::add);
        return Collections.unmodifiableList(out);
    }

    /** The grids, each an unmodifiable map from parameter name to its values, keys sorted. */
    public List<Map<String, List<Object>>> grids() {
        List<Map<String, List<Object>>> out = new ArrayList<>();
        for (List<Map.Entry<String, List<Object>>> g : grids) {
            Map<String, List<Object>> m = new LinkedHashMap<>();
            g.forEach(e -> m.put(e.getKey(), e.getValue()));
            out.add(Collections.unmodifiableMap(m));
        }
        return out;
    }

    @Override
    public Iterator<Map<String, Object>> iterator() {
        return new Iterator<>() {
            private int grid = 0;
            private int[] odometer = start(0);

            private int[] start(int g) {
                return g < grids.size() ? new int[grids.get(g).size()] : null;
            }

            @Override
            public boolean hasNext() {
                return odometer != null;
            }

            @Override
            public Map<String, Object> next() {
                if (odometer == null) {
                    throw new NoSuchElementException();
                }
                List<Map.Entry<String, List<Object>>> g = grids.get(grid);
                Map<String, Object> out = new LinkedHashMap<>();
                for (int k = 0; k < g.size(); k++) {
                    out.put(g.get(k).getKey(), g.get(k).getValue().get(odometer[k]));
                }
                advance(g);
                return Collections.unmodifiableMap(out);
            }

            private void advance(List<Map.Entry<String, List<Object>>> g) {
                for (int k = g.size() - 1; k >= 0; k--) {
                    if (++odometer[k] < g.get(k).getValue().size()) {
                        return;
                    }
                    odometer[k] = 0;
                }
                grid++;
                odometer = start(grid);
            }
        };
    }

    @Override
    public String toString() {
        return "ParameterGrid(" + grids() + ")";
    }
}
