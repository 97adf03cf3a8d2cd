from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data (seed_demo) and the benchmarks (bench_matching, bench_nightly): no models."""

    name = "demo"
