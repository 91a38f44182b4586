"""Registries the core calls for the apps that follow a case (filled from
their AppConfig.ready(), like cases.gates and cases.closing)."""

from .registry import Registry

# Called with (case, discharge, actor) inside the discharge's transaction,
# once the discharge is confirmed (e.g. reablement starts its episode).
after_discharge = Registry("after discharge")

# Called with (case); each returns (label, history rows, created) triples,
# the case timeline's records from other apps.
timeline_records = Registry("case timeline records")
