"""The portal's settings with the bench's URLs: its own plus the bare view (bench/urls.py), the yardstick of the
load test's capacity step. Nothing else differs from cjhp.settings."""

from cjhp.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
