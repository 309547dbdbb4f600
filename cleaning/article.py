"""The typed result of cleaning: one article and what was removed from it."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Image:
    url: str
    caption: str = ""


@dataclass
class Removal:
    """A piece of the page or text the cleaner dropped, and why (e.g. 'editor-line', 'copyright')."""
    text: str
    reason: str


@dataclass
class Article:
    title: str = ""
    lead_title: str = ""          # 引题 (pretitle), shown above the headline
    subtitle: str = ""            # 副题, shown below the headline
    published: str = ""           # 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD'
    source: str = ""              # 来源
    authors: list[str] = field(default_factory=list)   # reporters / correspondents
    editor: str = ""              # 编辑 / 责任编辑 (metadata, never body text)
    paragraphs: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    url: str = ""
    canonical_url: str = ""
    site: str = ""
    channel: str = ""
    issue_date: str = ""          # e-paper issue 'YYYY-MM-DD'
    page: str = ""                # e-paper page ('01', '04版 视角', ...)
    traditional: bool = False     # the input was (mostly) in Traditional script
    cleaner_version: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def is_empty(self) -> bool:
        return not self.paragraphs

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        data = dict(data)
        data["images"] = [Image(**i) for i in data.get("images", [])]
        data["removed"] = [Removal(**r) for r in data.get("removed", [])]
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in known})
