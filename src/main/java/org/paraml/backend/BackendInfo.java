package org.paraml.backend;

/**
 * Whether a backend can be used in this JVM, and why (not).
 *
 * @param name      "scalar", "simd" or "cuda"
 * @param available true when {@link Backends#byName(String)} would return it
 * @param reason    what makes it available (e.g. "jdk.incubator.vector is readable, 8 x float64 (512 bits)")
 *                  or what is missing and how to get it
 */
public record BackendInfo(String name, boolean available, String reason) {
}
