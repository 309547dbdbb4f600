"""Per-paper site configs: one TOML file per paper in this directory, loaded into `SiteConfig`.

Adding a paper is adding a file here (plus its replay for the tests); `crawler.spiders.configured`
turns every valid file into a spider named after the file's `name`. A file with a mistake raises
`SiteConfigError`, whose message names the file and the offending key (`links.articles[1]: ...`).

Schema (every key except `name` and `allowed_domains` is optional; see jsgrb.toml for a full example):

    name = "jsgrb"                  # spider name and PageItem.site; [a-z][a-z0-9_]*
    title = "江苏工人报"
    allowed_domains = ["jsgrb.com"] # never leave these (subdomains included)
    start_urls = ["http://www.jsgrb.com/"]
    encoding = "utf-8"              # what pages are in when they declare nothing (hint for decoding)

    [links]                         # web part: lists -> articles (regexes match absolute URLs)
    lists = ['...']                 # pages to read for links (channel lists)
    pagination = ['...']            # further pages of a list
    articles = ['...']              # article pages (yielded as PageItem)
    deny = ['...']                  # never follow (mobile copies, print views, ...)
    channel = '...'                 # regex with group `channel`, applied to a list URL
    item = "ul.list li"             # optional list-item selector: the link's item gives time/source
    item_time = "span.time::text"
    item_source = "span.src::text"

    [epaper]                        # date-driven e-paper: -a start=YYYY-MM-DD -a end=YYYY-MM-DD
    issue_urls = ['http://epaper.x.com/{date:%Y-%m-%d}/index.htm']   # strftime inside {date:...}
    pages = ['...']                 # page (版面) URLs, read for links
    articles = ['...']
    page_pattern = '第(?P<page>\\w+)版'   # page number: tried on the page URL, link text, page text
    date_pattern = '(?P<y>\\d{4})-(?P<m>\\d\\d)/(?P<d>\\d\\d)'       # issue date from a URL
    deny = ['/m/']                  # never follow
    weekdays = [1, 2, 3, 4, 5]      # ISO weekdays with an issue (default: every day)

    [epaper.catalogue]              # Founder month catalogue (period.xml) instead of probing each day
    url = 'http://x/content/{date:%Y-%m}/period.xml'
    entries = '//period'            # XPath of one issue entry
    date = 'period_date/text()'     # XPath (relative to an entry) of its date YYYY-MM-DD
    first_page = 'front_page/text()'
    issue_url = 'http://x/content/{date:%Y-%m/%d}/{first_page}'

    [clean]                         # cleaning.SiteRules.from_mapping (selectors, noise patterns)
    title = ["div.title"]
    noise_patterns = ['^分享到']
"""
from __future__ import annotations

import codecs
import logging
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cleaning import SiteRules

log = logging.getLogger(__name__)

SITES_DIR = Path(__file__).resolve().parent
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_SAMPLE_DATE = date(2024, 1, 2)

class SiteConfigError(ValueError):
    """A site config file is wrong; the message names the file and the key."""

    def __init__(self, path: str | Path, key: str, problem: str):
        self.path, self.key, self.problem = str(path), key, problem
        super().__init__(f"{path}: {key}: {problem}" if key else f"{path}: {problem}")


@dataclass(frozen=True)
class LinkRules:
    lists: tuple[re.Pattern, ...] = ()
    pagination: tuple[re.Pattern, ...] = ()
    articles: tuple[re.Pattern, ...] = ()
    deny: tuple[re.Pattern, ...] = ()
    channel: re.Pattern | None = None
    item: str = ""
    item_time: str = ""
    item_source: str = ""


@dataclass(frozen=True)
class CatalogueRules:
    url: str
    entries: str
    date: str
    first_page: str
    issue_url: str


@dataclass(frozen=True)
class EpaperRules:
    issue_urls: tuple[str, ...] = ()
    pages: tuple[re.Pattern, ...] = ()
    articles: tuple[re.Pattern, ...] = ()
    page_pattern: re.Pattern | None = None
    date_pattern: re.Pattern | None = None
    deny: tuple[re.Pattern, ...] = ()
    weekdays: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)
    catalogue: CatalogueRules | None = None


@dataclass(frozen=True)
class SiteConfig:
    name: str
    path: str
    allowed_domains: tuple[str, ...]
    title: str = ""
    start_urls: tuple[str, ...] = ()
    encoding: str = ""
    links: LinkRules | None = None
    epaper: EpaperRules | None = None
    clean: dict[str, Any] = field(default_factory=dict)

    def allows(self, url: str) -> bool:
        """True when `url` is on one of the paper's own domains (subdomains included)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def clean_mapping(self) -> dict[str, Any]:
        """The [clean] table with the site's name and hosts filled in."""
        mapping = dict(self.clean)
        mapping.setdefault("name", self.name)
        mapping.setdefault("hosts", list(self.allowed_domains))
        return mapping

    def site_rules(self):
        """cleaning.SiteRules for this paper (raises SiteConfigError naming the [clean] key)."""
        try:
            return SiteRules.from_mapping(self.clean_mapping())
        except ValueError as exc:
            raise SiteConfigError(self.path, "clean", str(exc)) from exc


# --- validation helpers -----------------------------------------------------------------------------

class _Reader:
    """Reads one TOML table, remembering which keys were used so unknown ones are reported."""

    def __init__(self, path: Path, table: dict, prefix: str = "", known: tuple[str, ...] = ()):
        self.path, self.table, self.prefix = path, table, prefix
        self.used: set[str] = set(known)
        self.done()     # a misspelt key is reported as such, not as the missing key it was meant to be

    def key(self, k: str) -> str:
        return f"{self.prefix}{k}"

    def fail(self, k: str, problem: str):
        raise SiteConfigError(self.path, self.key(k), problem)

    def get(self, k: str, kind: type | tuple, default=None, required: bool = False):
        self.used.add(k)
        if k not in self.table:
            if required:
                self.fail(k, "is required")
            return default
        value = self.table[k]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(t.__name__ for t in kind)
            self.fail(k, f"expected {names}, got {type(value).__name__} {value!r}")
        return value

    def strings(self, k: str, required: bool = False) -> tuple[str, ...]:
        value = self.get(k, (list, str), default=[], required=required)
        if isinstance(value, str):
            value = [value]
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                self.fail(f"{k}[{i}]", f"expected a non-empty string, got {v!r}")
        if required and not value:
            self.fail(k, "must not be empty")
        return tuple(value)

    def regexes(self, k: str, required: bool = False) -> tuple[re.Pattern, ...]:
        out = []
        for i, src in enumerate(self.strings(k, required=required)):
            out.append(self._compile(f"{k}[{i}]", src))
        return tuple(out)

    def regex(self, k: str, groups: tuple[str, ...] = ()) -> re.Pattern | None:
        src = self.get(k, str)
        if src is None:
            return None
        pattern = self._compile(k, src)
        missing = [g for g in groups if g not in pattern.groupindex]
        if missing:
            self.fail(k, f"regular expression needs named group(s) {', '.join(missing)}: {src!r}")
        return pattern

    def _compile(self, k: str, src: str) -> re.Pattern:
        try:
            return re.compile(src)
        except re.error as exc:
            self.fail(k, f"bad regular expression {src!r}: {exc}")

    def template(self, k: str, src: str, **extra) -> str:
        try:
            url = src.format(date=_SAMPLE_DATE, **extra)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            self.fail(k, f"bad URL template {src!r} (use {{date:%Y-%m-%d}}-style fields): {exc!r}")
        if urlsplit(url).scheme not in ("http", "https"):
            self.fail(k, f"URL template {src!r} does not give an http(s) URL")
        return src

    def table_(self, k: str) -> dict | None:
        return self.get(k, dict)

    def done(self) -> None:
        unknown = sorted(set(self.table) - self.used)
        if unknown:
            self.fail(unknown[0], f"unknown key (known keys: {', '.join(sorted(self.used))})")


def _parse_links(path: Path, table: dict) -> LinkRules:
    r = _Reader(path, table, "links.", known=("lists", "pagination", "articles", "deny", "channel", "item",
                                              "item_time", "item_source"))
    rules = LinkRules(lists=r.regexes("lists"), pagination=r.regexes("pagination"),
                      articles=r.regexes("articles", required=True), deny=r.regexes("deny"),
                      channel=r.regex("channel", groups=("channel",)), item=r.get("item", str, ""),
                      item_time=r.get("item_time", str, ""), item_source=r.get("item_source", str, ""))
    r.done()
    return rules


def _parse_catalogue(path: Path, table: dict) -> CatalogueRules:
    r = _Reader(path, table, "epaper.catalogue.", known=("url", "entries", "date", "first_page", "issue_url"))
    from lxml import etree
    xpaths = {}
    for k in ("entries", "date", "first_page"):
        xp = r.get(k, str, required=True)
        try:
            etree.XPath(xp)
        except etree.XPathSyntaxError as exc:
            r.fail(k, f"bad XPath {xp!r}: {exc}")
        xpaths[k] = xp
    rules = CatalogueRules(url=r.template("url", r.get("url", str, required=True)),
                           issue_url=r.template("issue_url", r.get("issue_url", str, required=True),
                                                first_page="node_1.htm"), **xpaths)
    r.done()
    return rules


def _parse_epaper(path: Path, table: dict) -> EpaperRules:
    r = _Reader(path, table, "epaper.", known=("issue_urls", "catalogue", "pages", "articles", "page_pattern",
                                               "date_pattern", "deny", "weekdays"))
    issue_urls = tuple(r.template(f"issue_urls[{i}]", t) for i, t in enumerate(r.strings("issue_urls")))
    catalogue_table = r.table_("catalogue")
    catalogue = _parse_catalogue(path, catalogue_table) if catalogue_table is not None else None
    if not issue_urls and catalogue is None:
        r.fail("issue_urls", "is required (or an [epaper.catalogue] table)")
    weekdays = r.get("weekdays", list, [1, 2, 3, 4, 5, 6, 7])
    for i, wd in enumerate(weekdays):
        if not isinstance(wd, int) or isinstance(wd, bool) or not 1 <= wd <= 7:
            r.fail(f"weekdays[{i}]", f"expected an ISO weekday 1 (Monday) .. 7 (Sunday), got {wd!r}")
    rules = EpaperRules(issue_urls=issue_urls, pages=r.regexes("pages"),
                        articles=r.regexes("articles", required=True),
                        page_pattern=r.regex("page_pattern", groups=("page",)),
                        date_pattern=r.regex("date_pattern", groups=("y", "m", "d")), deny=r.regexes("deny"),
                        weekdays=tuple(weekdays), catalogue=catalogue)
    r.done()
    return rules


def _check_clean(path: Path, table: dict) -> dict:
    """Validate [clean] with cleaning.SiteRules; a bad key is named with the file."""
    try:
        SiteRules.from_mapping({"name": "check", **table})
    except ValueError as exc:
        m = re.search(r"key '?\"?(\w+)", str(exc))
        raise SiteConfigError(path, f"clean.{m.group(1)}" if m else "clean", str(exc)) from None
    return dict(table)


def load_site_config(path: str | Path) -> SiteConfig:
    """Read and validate one site config file."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SiteConfigError(path, "", f"not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(path, "", f"cannot be read: {exc}") from exc
    r = _Reader(path, raw, known=("name", "title", "allowed_domains", "start_urls", "encoding", "links", "epaper",
                                  "clean"))
    name = r.get("name", str, required=True)
    if not _NAME_RE.match(name):
        r.fail("name", f"must match {_NAME_RE.pattern} (it becomes the spider name), got {name!r}")
    domains = tuple(d.lower().lstrip(".") for d in r.strings("allowed_domains", required=True))
    for i, d in enumerate(domains):
        if "/" in d or ":" in d or " " in d:
            r.fail(f"allowed_domains[{i}]", f"expected a bare host name like 'example.com', got {d!r}")
    encoding = r.get("encoding", str, "")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            r.fail("encoding", f"unknown encoding {encoding!r}")
    links_table, epaper_table, clean_table = r.table_("links"), r.table_("epaper"), r.table_("clean")
    config = SiteConfig(
        name=name, path=str(path), allowed_domains=domains, title=r.get("title", str, ""),
        start_urls=r.strings("start_urls"), encoding=encoding,
        links=_parse_links(path, links_table) if links_table is not None else None,
        epaper=_parse_epaper(path, epaper_table) if epaper_table is not None else None,
        clean=_check_clean(path, clean_table or {}))
    r.done()
    if config.links is None and config.epaper is None:
        r.fail("links", "a site needs a [links] table (web pages) or an [epaper] table (issues), or both")
    if config.links is not None and not config.start_urls:
        r.fail("start_urls", "is required with a [links] table")
    for i, url in enumerate(config.start_urls):
        if urlsplit(url).scheme not in ("http", "https") or not config.allows(url):
            r.fail(f"start_urls[{i}]", f"{url!r} is not an http(s) URL on allowed_domains {list(domains)}")
    if config.epaper:
        templates = [("epaper.issue_urls", t) for t in config.epaper.issue_urls]
        if config.epaper.catalogue:
            templates += [("epaper.catalogue.url", config.epaper.catalogue.url),
                          ("epaper.catalogue.issue_url", config.epaper.catalogue.issue_url)]
        for key, t in templates:
            url = t.format(date=_SAMPLE_DATE, first_page="node_1.htm")
            if not config.allows(url):
                raise SiteConfigError(path, key, f"{t!r} leads off allowed_domains {list(domains)}")
    return config


def config_paths(directory: str | Path = SITES_DIR) -> list[Path]:
    return sorted(Path(directory).glob("*.toml"))


def load_site_configs(directory: str | Path = SITES_DIR, strict: bool = True) -> list[SiteConfig]:
    """All site configs of `directory`. strict=False logs a bad file (naming file and key) and skips it."""
    configs, names = [], {}
    for path in config_paths(directory):
        try:
            config = load_site_config(path)
            if config.name in names:
                raise SiteConfigError(path, "name", f"{config.name!r} is already used by {names[config.name]}")
        except SiteConfigError as exc:
            if strict:
                raise
            log.error("site config skipped: %s", exc)
            continue
        names[config.name] = path
        configs.append(config)
    return configs


def site_config(name: str, directory: str | Path = SITES_DIR) -> SiteConfig:
    for config in load_site_configs(directory, strict=False):
        if config.name == name:
            return config
    raise KeyError(f"no site config named {name!r} in {directory}")


def rules_by_site(directory: str | Path = SITES_DIR) -> dict[str, Any]:
    """{site name: cleaning.SiteRules} for every valid config (for the cleaning pipeline)."""
    out = {}
    for config in load_site_configs(directory, strict=False):
        try:
            out[config.name] = config.site_rules()
        except SiteConfigError as exc:
            log.error("cleaning rules skipped: %s", exc)
    return out


def main(argv: list[str] | None = None) -> int:
    """`python -m crawler.sites [DIR]`: validate every config, print one line per file."""
    import sys
    directory = (argv if argv is not None else sys.argv[1:]) or [SITES_DIR]
    bad = 0
    for path in config_paths(directory[0]):
        try:
            config = load_site_config(path)
            if config.clean:
                config.site_rules()
            print(f"ok   {path.name}: {config.name} ({config.title})")
        except SiteConfigError as exc:
            bad += 1
            print(f"BAD  {exc}")
    return 1 if bad else 0


def parse_day(value: str | date | None, arg: str) -> date | None:
    """'YYYY-MM-DD' (or a date) -> date; a clear error naming the spider argument otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"-a {arg}={value!r}: expected a date YYYY-MM-DD") from None


def date_range(start: str | date | None = None, end: str | date | None = None,
               today: date | None = None) -> list[date]:
    """The days from `start` to `end` inclusive (spider args `-a start= -a end=`); default: today only;
    only `start`: up to today; only `end`: that day."""
    today = today or date.today()
    first, last = parse_day(start, "start"), parse_day(end, "end")
    if first is None and last is None:
        first = last = today
    elif first is None:
        first = last
    elif last is None:
        last = max(first, today)
    if last < first:
        raise ValueError(f"-a start={first} is after -a end={last}")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
