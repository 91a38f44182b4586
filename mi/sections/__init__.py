"""The sections of the management information, in the order shown."""

from . import (  # noqa: F401  (each registers itself)
    beds,
    delays,
    equipment,
    pathways,
    reablement,
    referrals,
    safeguarding,
)
