"""An incoming group from end to end: staff import a partner's 21-person roster (first
with two bad rows, which import nobody), a participant completes their page in Chinese on
a phone, staff record attendance and download all visa letters as a ZIP and one
certificate; the PDFs' text (Chinese included) is read and a page saved as an image."""

import csv
import io
import re
import subprocess
import sys
import zipfile

import pytest
from PIL import Image
from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, PROJECT

pytestmark = pytest.mark.journey

HEADER = [
    "Name in Chinese characters / 中文姓名",
    "Name in pinyin / 姓名拼音",
    "Name as in the passport / 护照姓名",
    "Date of birth (YYYY-MM-DD) / 出生日期",
    "E-mail / 电子邮箱",
    "Role (student, lecturer, staff) / 身份",
    "Gender (female, male, diverse; optional) / 性别",
]
SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen")]
GIVEN = [("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing")]


def roster_rows() -> list[list[str]]:
    rows = []
    for index in range(21):
        surname, given = SURNAMES[index % 5], GIVEN[index // 5 % 5]
        pinyin = f"{surname[1]} {given[1]}"
        rows.append(
            [
                surname[0] + given[0],
                pinyin,
                pinyin.upper(),
                f"198{index % 10}-0{1 + index % 9}-1{index % 10}",
                f"lecturer{index}@example.cn",
                "lecturer",
                "",
            ]
        )
    return rows


def roster_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def manage_shell(live_site, code: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT,
        env=live_site.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def new_cohort(live_site) -> int:
    code = (
        "import datetime;"
        "from django.utils import timezone;"
        "from qiao.incoming.models import Cohort, Session;"
        "from qiao.partners.models import Institution;"
        "today = timezone.localdate();"
        "c = Cohort.objects.create(title_de='Dozierendenfortbildung Digitale Lehre',"
        " title_en='Lecturer Training Digital Teaching', title_zh='数字化教学教师培训',"
        " partner=Institution.objects.get(slug='kust'), type='lecturer_training',"
        " starts_on=today + datetime.timedelta(days=10),"
        " ends_on=today + datetime.timedelta(days=52), capacity=21, hours=120, ects=5,"
        " location='Clausthal-Zellerfeld');"
        "start = timezone.now() + datetime.timedelta(days=10);"
        "[Session.objects.create(cohort=c, title=f'Workshop {n}', room='A 10'+str(n),"
        " starts_at=start + datetime.timedelta(days=n),"
        " ends_at=start + datetime.timedelta(days=n, hours=3)) for n in range(1, 3)];"
        "print(c.pk)"
    )
    return int(manage_shell(live_site, code).splitlines()[-1])


def pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def passport_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (230, 230, 240)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_incoming_group_from_roster_to_letters(staff_page, browser, live_site):
    cohort = new_cohort(live_site)
    staff = staff_page

    # A roster with two bad rows imports nobody and says what is wrong in which line.
    rows = roster_rows()
    bad = [list(row) for row in rows]
    bad[3][3] = "1983-02-30"  # line 5
    bad[9][4] = '=HYPERLINK("http://example.org")'  # line 11
    staff.goto(f"/admin/incoming/group/{cohort}/import/")
    staff.locator("input[type=file]").set_input_files(
        {"name": "roster.csv", "mimeType": "text/csv", "buffer": roster_csv(bad)}
    )
    staff.locator("main form button[type=submit]").click()
    errors = staff.locator("tr.row-error")
    expect(errors).to_have_count(2)
    assert errors.nth(0).locator("td").first.inner_text() == "5"
    assert errors.nth(1).locator("td").first.inner_text() == "11"
    expect(staff.locator("main")).to_contain_text("niemand wurde importiert")
    staff.screenshot(path=ARTIFACTS / "incoming-roster-errors.png", full_page=True)

    # Fixed, the same file imports all 21.
    staff.locator("input[type=file]").set_input_files(
        {"name": "roster.csv", "mimeType": "text/csv", "buffer": roster_csv(rows)}
    )
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(f"**/admin/incoming/group/{cohort}/")
    expect(staff.locator("a.portal-link")).to_have_count(21)
    link = staff.locator("a.portal-link").first.get_attribute("href")
    assert "/zh/incoming/" in link

    # A participant completes their page in Chinese on a 390 px phone.
    phone = browser.new_context(
        base_url=live_site.base_url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
    )
    tab = phone.new_page()
    tab.goto(link)
    expect(tab.locator("h1")).to_have_text("数字化教学教师培训")
    tab.get_by_label("护照号码").fill("EA1234567")
    tab.get_by_label("护照有效期至").fill("2032-05-31")
    tab.get_by_label("抵达时间").fill("2030-01-01T15:30")
    tab.get_by_label("抵达详情").fill("CA 931, Frankfurt")
    tab.get_by_label("饮食要求").fill("素食")
    tab.get_by_label("紧急联系人").fill("王明（丈夫）+86 138 0000 0000")
    tab.get_by_label("医疗保险有效期至").fill("2035-12-31")
    tab.get_by_label("签证有效期至").fill("2035-12-31")
    tab.get_by_role("button", name="保存", exact=True).click()
    expect(tab.locator(".messages")).to_contain_text("谢谢：您的信息已保存。")
    tab.get_by_label("护照照片页").set_input_files(
        {"name": "passport.png", "mimeType": "image/png", "buffer": passport_png()}
    )
    tab.get_by_role("button", name="上传").click()
    expect(tab.locator("#complete")).to_have_text("谢谢：我们已收到所需的全部信息。")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    expect(tab.locator("#timetable ~ ul.timetable").first).to_contain_text("Workshop 1")
    expect(tab.locator("ul.timetable").first).to_contain_text("北京时间")
    tab.screenshot(path=ARTIFACTS / "incoming-portal-phone-zh.png", full_page=True)
    phone.close()

    # The other 20 give their passport numbers (here at once), staff record attendance.
    manage_shell(
        live_site,
        "from qiao.incoming.models import Participant;"
        f"Participant.objects.filter(cohort_id={cohort}, passport_number='')"
        ".update(passport_number='EB7654321')",
    )
    staff.goto(f"/admin/incoming/group/{cohort}/")
    for index in range(2):
        staff.get_by_role("link", name="Anwesenheit erfassen").nth(index).click()
        # The boxes are read only once the attendance page is there: read too early, the
        # list is the group page's (none), and an empty form is saved.
        boxes = staff.locator("main form input[name=present]")
        expect(boxes).to_have_count(21, timeout=30_000)
        for box in boxes.all():
            box.check()
        # Saving 21 attendances answers with a redirect; on a loaded machine that can take
        # longer than a click's usual wait, so wait for the page it leads to.
        with staff.expect_navigation(timeout=60_000):
            staff.locator("main form button[type=submit]").click()
        expect(staff.locator("body")).to_contain_text("21 von 21 anwesend", timeout=30_000)

    # All visa letters as a ZIP; one certificate.
    response = staff.context.request.get(
        f"{live_site.base_url}/admin/incoming/group/{cohort}/letters/visa-de.zip"
    )
    assert response.status == 200
    archive = zipfile.ZipFile(io.BytesIO(response.body()))
    assert len(archive.namelist()) == 21
    visa = archive.read(sorted(archive.namelist())[0])
    visa_text = pdf_text(visa)
    assert "Einladung" in visa_text
    assert re.search(r"[\u4e00-\u9fff]{2} · [A-Z][a-z]+ [A-Z][a-z]+", visa_text), visa_text
    assert "Prüfcode:" in visa_text

    staff.goto(f"/admin/incoming/group/{cohort}/")
    with staff.expect_download() as download:
        staff.get_by_role("link", name="Bescheinigung DE").first.click()
    certificate = download.value.path().read_bytes()
    certificate_text = pdf_text(certificate)
    assert "Teilnahmebescheinigung" in certificate_text
    assert "Umfang: 120 Stunden. ECTS-Punkte: 5." in certificate_text
    assert re.search(r"[\u4e00-\u9fff]{2} · ", certificate_text), certificate_text

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "incoming-certificate.pdf").write_bytes(certificate)
    (ARTIFACTS / "incoming-visa.pdf").write_bytes(visa)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(ARTIFACTS / "incoming-visa.pdf"),
            str(ARTIFACTS / "incoming-visa"),
        ],
        check=True,
    )
    assert (ARTIFACTS / "incoming-visa-1.png").stat().st_size > 5_000
