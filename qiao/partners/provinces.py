"""The partner map: China's provinces as a tile grid map drawn by the site (SVG).

Each provincial-level division is one square tile, placed roughly where it lies. The
map is schematic on purpose: no borders to dispute, no map service, nothing loaded from
another host. The same counts are listed in a table beside the map.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

from .enums import Province

TILE = 56
GAP = 6

# code -> (column, row, Latin abbreviation, Chinese abbreviation)
GRID = {
    Province.HEILONGJIANG: (8, 0, "HL", "黑"),
    Province.XINJIANG: (1, 1, "XJ", "新"),
    Province.INNER_MONGOLIA: (5, 1, "NM", "蒙"),
    Province.BEIJING: (6, 1, "BJ", "京"),
    Province.JILIN: (8, 1, "JL", "吉"),
    Province.GANSU: (3, 2, "GS", "甘"),
    Province.NINGXIA: (4, 2, "NX", "宁"),
    Province.SHANXI: (5, 2, "SX", "晋"),
    Province.HEBEI: (6, 2, "HE", "冀"),
    Province.TIANJIN: (7, 2, "TJ", "津"),
    Province.LIAONING: (8, 2, "LN", "辽"),
    Province.QINGHAI: (2, 3, "QH", "青"),
    Province.SHAANXI: (4, 3, "SN", "陕"),
    Province.HENAN: (5, 3, "HA", "豫"),
    Province.SHANDONG: (6, 3, "SD", "鲁"),
    Province.TIBET: (2, 4, "XZ", "藏"),
    Province.SICHUAN: (3, 4, "SC", "川"),
    Province.CHONGQING: (4, 4, "CQ", "渝"),
    Province.HUBEI: (5, 4, "HB", "鄂"),
    Province.ANHUI: (6, 4, "AH", "皖"),
    Province.JIANGSU: (7, 4, "JS", "苏"),
    Province.SHANGHAI: (8, 4, "SH", "沪"),
    Province.GUIZHOU: (4, 5, "GZ", "贵"),
    Province.HUNAN: (5, 5, "HN", "湘"),
    Province.JIANGXI: (6, 5, "JX", "赣"),
    Province.ZHEJIANG: (7, 5, "ZJ", "浙"),
    Province.YUNNAN: (3, 6, "YN", "云"),
    Province.GUANGXI: (4, 6, "GX", "桂"),
    Province.GUANGDONG: (5, 6, "GD", "粤"),
    Province.FUJIAN: (6, 6, "FJ", "闽"),
    Province.TAIWAN: (8, 6, "TW", "台"),
    Province.HAINAN: (4, 7, "HI", "琼"),
    Province.MACAO: (5, 7, "MO", "澳"),
    Province.HONG_KONG: (6, 7, "HK", "港"),
}
COLUMNS = 1 + max(column for column, *_rest in GRID.values())
ROWS = 1 + max(row for _column, row, *_rest in GRID.values())


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    abbreviation: str
    count: int
    x: int
    y: int

    @property
    def level(self) -> int:
        """0 for none, 1, 2, 3 for three or more: the tile's shade."""
        return min(self.count, 3)

    @property
    def centre_x(self) -> int:
        return self.x + TILE // 2

    @property
    def label_y(self) -> int:
        return self.y + TILE // 2 - 4

    @property
    def count_y(self) -> int:
        return self.y + TILE // 2 + 16


def tiles(counts: dict[str, int]) -> list[Tile]:
    chinese = (get_language() or "").startswith("zh")
    result = []
    for province in Province:
        column, row, latin, hanzi = GRID[province]
        result.append(
            Tile(
                code=province.value,
                label=str(province.label),
                abbreviation=hanzi if chinese else latin,
                count=counts.get(province.value, 0),
                x=GAP + column * (TILE + GAP),
                y=GAP + row * (TILE + GAP),
            )
        )
    return result


def viewbox() -> str:
    return f"0 0 {GAP + COLUMNS * (TILE + GAP)} {GAP + ROWS * (TILE + GAP)}"
