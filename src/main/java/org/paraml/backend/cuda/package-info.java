/**
 * The CUDA backend: {@link org.paraml.backend.cuda.CudaBackend} over JCuda's driver API, with the
 * kernels of {@code native/} shipped as PTX resources. Loaded by name from
 * {@link org.paraml.backend.Backends} only when a GPU answers the probe; everything here links
 * against JCuda, whose native library needs the NVIDIA driver.
 */
package org.paraml.backend.cuda;
