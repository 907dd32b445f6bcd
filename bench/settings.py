"""Settings for benchmark runs: the production settings, minus what would distort a measurement.

BENCH_CACHE=off swaps the cache for a dummy one, so every request does its full work ("uncached");
anything else keeps the production cache (Redis when REDIS_URL is set). API throttling is off: the
load generator is one IP playing many partners.
"""

import os

from factcheck.settings import *  # noqa: F403

API_ANON_RATE = None
API_USER_RATE = None
if os.environ.get("BENCH_CACHE", "on") == "off":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
