"""Coded values with their Chinese names and aliases.

:class:`Level` is the administrative level of a listing or a body: 国列 (national),
省列, 市列, 县列, then township and village.  Levels are ordered, highest first::

    >>> Level.parse("省列"), Level.NATIONAL > Level.PROVINCIAL
    (<Level.PROVINCIAL: 'provincial'>, True)
    >>> sorted(Level.parse_range("市级以上"), reverse=True)
    [<Level.NATIONAL: 'national'>, <Level.PROVINCIAL: 'provincial'>, <Level.MUNICIPAL: 'municipal'>]
"""

from __future__ import annotations

import enum
from typing import Self

from ._reading import normalize_text
from .errors import LevelParseError, WrongTypeError

__all__ = ["Level"]


class Level(enum.Enum):
    """An administrative level, from the nation down to a village."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"

    @property
    def rank(self) -> int:
        """6 for NATIONAL down to 1 for VILLAGE."""
        return _RANK[self]

    @property
    def chinese(self) -> str:
        """The level's usual Chinese name: 国家级, 省级, 市级, 县级, 乡镇级, 村级."""
        return _CHINESE[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a level by its Chinese name or alias (国列, 省级, 市, 区级, 乡镇 …) or its
        English value (``"municipal"``).

        >>> Level.parse("区级")
        <Level.COUNTY: 'county'>
        """
        if not isinstance(text, str):
            raise WrongTypeError("level text", "a str", type(text).__name__)
        key = normalize_text(text).strip()
        found = _ALIASES.get(key)
        if found is None:
            for member in cls:
                if member.value == key:
                    return member
            at = len(text) - len(text.lstrip())
            raise LevelParseError(text, at, "an administrative level was expected")
        return cls(found)

    @classmethod
    def parse_range(cls, text: str) -> frozenset[Self]:
        """Read a level or a span of levels: 市级以上, 省级及以上, 县级以下, 省列.

        >>> sorted(Level.parse_range("县级及以下"))
        [<Level.VILLAGE: 'village'>, <Level.TOWNSHIP: 'township'>, <Level.COUNTY: 'county'>]
        """
        if not isinstance(text, str):
            raise WrongTypeError("level text", "a str", type(text).__name__)
        normal = normalize_text(text)
        key = normal.strip()
        for suffix, upward in (
            ("及以上", True),
            ("以上", True),
            ("及以下", False),
            ("以下", False),
        ):
            if key.endswith(suffix) and len(key) > len(suffix):
                head = key[: -len(suffix)]
                if head not in _ALIASES:
                    at = len(normal) - len(normal.lstrip())
                    raise LevelParseError(text, at, "an administrative level was expected")
                base = cls(_ALIASES[head])
                return frozenset(m for m in cls if (m >= base if upward else m <= base))
        return frozenset({cls.parse(text)})


_RANK = {
    Level.NATIONAL: 6,
    Level.PROVINCIAL: 5,
    Level.MUNICIPAL: 4,
    Level.COUNTY: 3,
    Level.TOWNSHIP: 2,
    Level.VILLAGE: 1,
}
_CHINESE = {
    Level.NATIONAL: "国家级",
    Level.PROVINCIAL: "省级",
    Level.MUNICIPAL: "市级",
    Level.COUNTY: "县级",
    Level.TOWNSHIP: "乡镇级",
    Level.VILLAGE: "村级",
}
_ALIASES: dict[str, str] = {}
for _value, _names in (
    ("national", "国 国家 国家级 国列 中央 中央级"),
    ("provincial", "省 省级 省列 省部级 自治区 省(区)"),
    ("municipal", "市 市级 市列 地 地级 地市 地市级 州 州级"),
    ("county", "县 县级 县列 区 区级 县区 县(区) 县(市、区) 县(市区)"),
    ("township", "乡 镇 乡镇 乡级 镇级 乡镇级 乡(镇) 街道"),
    ("village", "村 村级 社区 行政村"),
):
    for _name in _names.split():
        _ALIASES[_name] = _value
