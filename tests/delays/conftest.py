import pytest


@pytest.fixture(autouse=True)
def _delay_reasons(db):
    """The national list (a transactional test elsewhere may have emptied it)."""
    from cases.delay_reasons import ensure_delay_reasons

    ensure_delay_reasons()
