"""The device's two ceilings, measured once per device check (METHOD: measure, don't trust datasheets).

Prints one JSON line: the device-to-device copy bandwidth (bytes read + written per second, median of
20 copies of 2 GiB) and the float64 matrix-product rate (cuBLAS DGEMM 8192^3, median of 5), both
timed with CUDA events after a warm-up. Needs PyTorch with CUDA (the device machines' python3 has it).
"""
import json
import statistics

import torch


def timed(fn, reps):
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        start.record()
        fn()
        stop.record()
        stop.synchronize()
        times.append(start.elapsed_time(stop) / 1e3)
    return statistics.median(times)


def main():
    gen = torch.Generator(device="cuda").manual_seed(7)
    n = (2 << 30) // 8
    src = torch.rand(n, dtype=torch.float64, device="cuda", generator=gen)
    dst = torch.empty_like(src)
    copy_s = timed(lambda: dst.copy_(src), 20)
    del src, dst
    m = 8192
    a = torch.rand(m, m, dtype=torch.float64, device="cuda", generator=gen)
    b = torch.rand(m, m, dtype=torch.float64, device="cuda", generator=gen)
    gemm_s = timed(lambda: torch.matmul(a, b), 5)
    props = torch.cuda.get_device_properties(0)
    print(json.dumps({
        "device": props.name,
        "multiprocessors": props.multi_processor_count,
        "copy_bytes_per_second": 2 * n * 8 / copy_s,
        "dgemm_flops_per_second": 2.0 * m ** 3 / gemm_s,
    }))


if __name__ == "__main__":
    main()
