import pytest

from qiao.outbox.tests.conftest import smtp_port, smtp_server  # noqa: F401

from .factories import make_archive


@pytest.fixture
def archives(homes, locales):
    from .factories import translate

    german = make_archive(homes["de"], title="Newsletter")
    return {
        "de": german,
        "en": translate(german, locales["en"], title="Newsletter archive"),
        "zh-hans": translate(german, locales["zh-hans"], title="通讯"),
    }
