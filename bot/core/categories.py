"""The complaint taxonomy: category ids, their Chinese names and shipped defaults."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["CATEGORIES", "CATEGORY_IDS", "Category", "category_name", "names_meant"]


@dataclass(frozen=True)
class Category:
    """One category of resident complaint."""

    id: str
    name: str
    team: str
    due_hours: int


# Order matters only for display (lists, confusion matrices, charts).
CATEGORIES: tuple[Category, ...] = (
    Category("parking", "停车", "物业秩序部", 72),
    Category("lift", "电梯", "电梯维保单位", 24),
    Category("sanitation", "环境卫生", "物业保洁部", 48),
    Category("water", "供水排水", "物业工程部", 24),
    Category("power", "供电", "物业工程部", 24),
    Category("lighting", "照明", "物业工程部", 72),
    Category("noise", "噪音扰民", "社区网格站", 72),
    Category("fire_safety", "消防安全", "物业安全部", 24),
    Category("greenery", "绿化", "物业绿化部", 72),
    Category("security", "治安安防", "物业安保部", 72),
    Category("facilities", "公共设施", "物业工程部", 72),
    Category("pets", "宠物", "社区网格站", 72),
    Category("property_service", "物业服务", "物业服务中心", 72),
    Category("neighbour_dispute", "邻里纠纷", "社区调解室", 72),
    Category("other", "其他", "社区网格站", 72),
)

CATEGORY_IDS: tuple[str, ...] = tuple(c.id for c in CATEGORIES)
_BY_ID = {c.id: c for c in CATEGORIES}


def category_name(category_id: str | None, extra: Mapping[str, str] | None = None) -> str:
    """The Chinese name of a category id (deployment-defined names in `extra` win)."""
    if category_id is None:
        return "未分类"
    if extra and category_id in extra:
        return extra[category_id]
    found = _BY_ID.get(category_id)
    return found.name if found else category_id


def names_meant(typed: str, names: Iterable[str], guessed: str | None = None) -> list[str]:
    """The category names a word that is none of them may have meant: those it is part of, or
    that are part of it (噪音 → 噪音扰民, 物业 → 物业服务); else `guessed`, the name of the
    category the classifier gives the word (垃圾 → 环境卫生), when it gives one."""
    meant = [name for name in names if typed and (typed in name or name in typed)]
    return meant or ([guessed] if typed and guessed else [])
