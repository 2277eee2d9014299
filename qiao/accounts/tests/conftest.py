from qiao.mobility.tests.conftest import call, private_root, programme  # noqa: F401
