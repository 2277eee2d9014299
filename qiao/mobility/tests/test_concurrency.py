"""Places are never over-offered, whatever arrives at the same time."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from qiao.mobility import services
from qiao.mobility.enums import ApplicationStatus
from qiao.mobility.models import Application

from .factories import ApplicationFactory, CallFactory, UserFactory

S = ApplicationStatus
THREADS = 16
PLACES = 5


def _race(function, arguments):
    barrier = threading.Barrier(len(arguments))
    outcomes = []

    def run(argument):
        barrier.wait()
        try:
            for _attempt in range(200):
                try:
                    function(argument)
                    outcomes.append("ok")
                    return
                except services.ApplicationError:
                    outcomes.append("refused")
                    return
                except OperationalError as error:
                    # The in-memory test database of SQLite answers "table is locked" at
                    # once instead of waiting like a file database with busy_timeout; the
                    # transaction was rolled back, so trying again is what a waiter does.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
            outcomes.append("gave up")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_offers_never_exceed_places(programme):
    coordinator = UserFactory(is_superuser=True, is_staff=True)
    call = CallFactory(programme=programme, places=PLACES, is_rolling=True)
    applications = [ApplicationFactory(call=call, status=S.SHORTLISTED) for _ in range(THREADS)]

    outcomes = _race(lambda a: services.offer_place(a, actor=coordinator), applications)

    assert sorted(outcomes) == ["ok"] * PLACES + ["refused"] * (THREADS - PLACES)
    assert Application.objects.filter(status=S.OFFERED).count() == PLACES


@pytest.mark.django_db(transaction=True)
def test_concurrent_declines_and_selection_never_exceed_places(programme):
    coordinator = UserFactory(is_superuser=True, is_staff=True)
    call = CallFactory(programme=programme, places=PLACES, is_rolling=True)
    offered = [ApplicationFactory(call=call, status=S.OFFERED) for _ in range(PLACES)]
    for position in range(1, THREADS + 1):
        ApplicationFactory(call=call, status=S.WAITLISTED, waitlist_position=position)
    ApplicationFactory.create_batch(4, call=call, status=S.SHORTLISTED)

    actions = [lambda a=a: services.decline_offer(a, by=a.applicant) for a in offered]
    actions += [lambda: services.run_selection(call, actor=coordinator)] * 3
    actions += [lambda: services.change_places(call, places=PLACES, actor=coordinator)] * 3
    _race(lambda action: action(), actions)

    assert Application.objects.filter(status=S.OFFERED).count() == PLACES
    assert Application.objects.filter(status=S.DECLINED).count() == PLACES
    # the first waitlisted moved up, in order
    promoted = Application.objects.filter(status=S.OFFERED).values_list("pk", flat=True)
    assert len(set(promoted)) == PLACES


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_grant_approvals_never_exceed_the_budget(programme):
    from decimal import Decimal

    from qiao.mobility import funding
    from qiao.mobility.models import Grant

    coordinator = UserFactory(is_superuser=True, is_staff=True)
    call = CallFactory(
        programme=programme,
        places=10,
        funding_source="BMBF",
        budget=Decimal("4000.00"),
        flight_amount=Decimal("1000.00"),
    )
    applications = [ApplicationFactory(call=call, status=S.OFFERED) for _ in range(10)]

    outcomes = _race(lambda a: funding.approve_grant(a, actor=coordinator), applications)

    assert sorted(outcomes) == ["ok"] * 4 + ["refused"] * 6
    assert Grant.objects.filter(call=call).count() == 4
    assert Grant.objects.filter(call=call).totals()["committed"] == Decimal("4000.00")
