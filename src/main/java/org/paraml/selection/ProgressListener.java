package org.paraml.selection;

/**
 * Follows a search as its fits finish (a progress bar, a log). Calls are serialised (never two at
 * once) but may come from any of the search's threads; keep them short.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param done fits finished so far (including fits resumed from a journal)
     * @param total fits in the whole search ({@code n_candidates × n_splits})
     * @param bestScore the best mean test score among the candidates whose splits are all done,
     *                  NaN while there is none
     */
    void onProgress(int done, int total, double bestScore);
}
