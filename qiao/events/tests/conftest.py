import pytest

from .factories import make_event, make_index


@pytest.fixture
def index(homes):
    return make_index(homes["de"])


@pytest.fixture
def event(index):
    return make_event(index)
