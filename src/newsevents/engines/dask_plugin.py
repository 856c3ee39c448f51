"""The worker plugin that loads the annotate stage's resources once per Dask worker.

Imported only by ``newsevents.engines.dask``, which needs ``distributed`` installed.
"""

from __future__ import annotations

import logging
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from newsevents.engines.work import warm_up

log = logging.getLogger(__name__)


class ResourcesPlugin(WorkerPlugin):
    """Loads the spaCy model, lexicons, gazetteer and areas when a worker starts (not per task)."""

    name = "newsevents-resources"

    def setup(self, worker: Any) -> None:
        """Warm every cache the annotate stage uses in this worker process."""
        warm_up()
        log.info("worker %s: newsevents resources loaded", getattr(worker, "address", "?"))
