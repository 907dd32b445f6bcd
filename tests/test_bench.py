"""The benchmark's own arithmetic: reading wrk's report and taking percentiles."""

from bench.load import wrk_summary
from bench.run import percentile

WRK_OUTPUT = """Running 30s test @ http://127.0.0.1:8101/api/v1/claims/?page_size=50
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    95.12ms   20.01ms 400.00ms   80.00%
  Latency Distribution
     50%   90.50ms
     75%  100.00ms
     90%  120.00ms
     99%    1.20s
  9000 requests in 30.00s, 90.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:    300.00
Transfer/sec:      3.00MB
"""


def test_it_reads_throughput_latency_and_errors_from_wrk():
    summary = wrk_summary(WRK_OUTPUT)
    assert summary["rps"] == 300.0
    assert summary["requests"] == 9000
    assert summary["p50_ms"] == 90.5
    assert summary["p99_ms"] == 1200.0
    assert summary["errors"] == 2 + 3 + 4


def test_it_counts_no_errors_when_wrk_reports_none():
    clean = WRK_OUTPUT.replace("  Socket errors: connect 0, read 2, write 0, timeout 3\n", "")
    clean = clean.replace("  Non-2xx or 3xx responses: 4\n", "")
    assert wrk_summary(clean)["errors"] == 0


def test_the_95th_percentile_is_a_measured_value_not_an_average():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([7.0], 0.95) == 7.0
