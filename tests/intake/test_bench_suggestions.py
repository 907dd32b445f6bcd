import importlib.util

from django.conf import settings


def test_the_bench_finds_every_seed_claim_with_its_claimant(capsys):
    spec = importlib.util.spec_from_file_location("bench_suggestions", settings.BASE_DIR / "bench" / "suggestions.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    figures = bench.main()

    assert figures["recall"] == 1.0
    assert figures["claimants right"] == 1.0
    assert figures["precision"] >= 0.75
    assert "recall of the seed claims      13/13 = 100%" in capsys.readouterr().out
