import datetime

import pytest
import time_machine

# "Now" in the advising tests: Wednesday 25 November 2026, 10:00 in Berlin.
NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW
