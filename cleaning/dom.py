"""Small lxml helpers: parse once, read blocks of text in reading order, read <meta> tags."""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

BLOCK_TAGS = frozenset("""p div br li ul ol h1 h2 h3 h4 h5 h6 tr table tbody thead tfoot section article header
footer nav aside main blockquote center pre dd dt dl form figure figcaption hr td th caption address
fieldset legend details summary title option select""".split())
SKIP_TAGS = frozenset("script style noscript template iframe object embed svg canvas button input textarea "
                      "select option map head link meta".split())
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=False)
MAX_DEPTH = 150
_WRAPPER_RUN = re.compile(r"(?:<(div|span|font|center|blockquote|section)\b[^<>]{0,200}>\s*){40,}", re.I)
_KEEP_DEEP = frozenset("p br li h1 h2 h3 h4 h5 h6 img a tr td th".split())


def parse_html(html: str):
    """lxml document for `html`, or None when there is nothing to parse. Pathologically deep trees are
    flattened below MAX_DEPTH (wrappers unwrapped, text kept) so that no walk recurses too deep."""
    if not html or not html.strip():
        return None
    html = _CONTROL.sub("", _XML_DECL.sub("", html, count=1))
    # libxml2 silently drops content nested deeper than ~255 levels: collapse runs of bare wrappers first
    html = _WRAPPER_RUN.sub(lambda m: "<%s>" % m.group(1), html)
    try:
        tree = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError):
        try:
            tree = lxml.html.fragment_fromstring(html, create_parent="div", parser=_PARSER)
        except (etree.ParserError, ValueError):
            return None
    _adopt_stray_roots(tree)
    _flatten_deep(tree)
    return tree


def _adopt_stray_roots(tree) -> None:
    """Pages glued from two templates (`</html><!-- --><html>...`) parse into a second top-level <html> beside
    the document's root, out of reach of every walk from the root: move what it holds into the root's body."""
    extra = [el for el in tree.itersiblings() if isinstance(el.tag, str)]
    if not extra:
        return
    body = tree.find("body")
    if body is None:
        body = lxml.html.Element("body")
        tree.append(body)
    for root in extra:
        parts = root.find("body") if root.find("body") is not None else root
        for child in list(parts):
            if child.tag != "head":
                body.append(child)


def _flatten_deep(tree) -> None:
    depth = {tree: 0}
    deep = []
    for el in tree.iter():
        parent = el.getparent()
        d = depth.get(parent, 0) + 1 if parent is not None else 0
        depth[el] = d
        if d > MAX_DEPTH and isinstance(el.tag, str) and el.tag not in _KEEP_DEEP:
            deep.append(el)
    for el in reversed(deep):
        el.drop_tag()


def block_lines(el) -> list[str]:
    """Text of `el` split at block boundaries, whitespace collapsed, empty lines dropped."""
    out: list[str] = []
    buf: list[str] = []

    def flush():
        if buf:
            text = _WS.sub(" ", "".join(buf)).strip()
            if text:
                out.append(text)
            buf.clear()

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in SKIP_TAGS or not tag and node.tag is not None and not isinstance(node, etree._Entity):
            # comments / processing instructions: keep only their tail
            if node.tail:
                buf.append(node.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if node.text:
            buf.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
        if node.tail:
            buf.append(node.tail)

    walk(el)
    flush()
    return out


def text_of(el) -> str:
    return _WS.sub(" ", " ".join(block_lines(el))).strip()


def meta_content(tree, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop", "http-equiv"):
            found = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            for value in found:
                value = _WS.sub(" ", value).strip()
                if value:
                    return value
    return ""


def css_first(tree, selectors) -> object | None:
    from lxml.cssselect import CSSSelector
    for sel in selectors:
        try:
            found = CSSSelector(sel)(tree)
        except Exception:  # noqa: BLE001 - rules are validated; custom tags may still confuse cssselect
            continue
        for el in found:
            if text_of(el) or el.tag == "img":
                return el
    return None
