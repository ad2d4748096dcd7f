"""An import freezes its long-lived objects for the cycle collector, and always thaws them."""

from __future__ import annotations

import gc

import pytest

from archive.pipeline import run as run_module
from archive.pipeline.sources import iter_sources


@pytest.mark.django_db
def test_a_run_is_frozen_while_it_imports_and_thawed_after(seed_dir):
    seen = []
    outcomes = run_module.run(
        iter_sources([str(seed_dir)]), on_outcome=lambda _: seen.append(gc.get_freeze_count())
    )
    assert {o.outcome for o in outcomes} == {"created"}
    assert seen and all(count > 0 for count in seen)
    assert gc.get_freeze_count() == 0


@pytest.mark.django_db
def test_a_failing_run_still_thaws(monkeypatch, seed_dir):
    def broken(self, sources):
        raise RuntimeError("the disk went away")
        yield  # a generator, as the real one  # pragma: no cover

    monkeypatch.setattr(run_module.Importer, "import_sources", broken)
    with pytest.raises(RuntimeError, match="disk"):
        run_module.run(iter_sources([str(seed_dir)]))
    assert gc.get_freeze_count() == 0
