/**
 * The HTML report of {@code paraml tutorial --report DIR}: charts drawn with JFreeChart (a heat map or
 * a curve of grid-search scores, KMeans centres over a sample of the data on its first two principal
 * components), written as PNG files beside a self-contained {@code index.html}.
 *
 * <p>This package depends on the library; nothing in the library depends on it. It never prints: the
 * command line says where the report went. Charts are drawn headless ({@code java.awt.headless=true}),
 * so no display is needed.
 */
package org.paraml.report;
