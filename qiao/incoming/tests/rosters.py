"""Roster files for tests (and the browser journey): CSV or XLSX bytes."""

import csv
import io

from openpyxl import Workbook

from qiao.incoming.roster import COLUMNS

HEADER = [header for _name, header in COLUMNS]
SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵"]
SURNAMES_PINYIN = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao"]
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋"]
GIVEN_PINYIN = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yang"]


def person(index: int) -> list[str]:
    surname, given = index % 7, (index // 7) % 7
    pinyin = f"{SURNAMES_PINYIN[surname]} {GIVEN_PINYIN[given]}"
    return [
        SURNAMES[surname] + GIVEN[given],
        pinyin,
        pinyin.upper(),
        f"200{index % 10}-0{1 + index % 9}-1{index % 10}",
        f"p{index}@example.cn",
        "student",
        "female" if index % 2 else "male",
    ]


def rows(count: int) -> list[list[str]]:
    return [person(index) for index in range(count)]


def csv_bytes(data: list[list[str]], *, header=HEADER, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(data)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(data: list[list[str]], *, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
