"""Board photos and persona pictures are published as they are, so they must be what their names say: images of a
few kinds, told by their content. An SVG file is a document a browser runs when its own address is opened, so it
may carry no script, no event handler, no `javascript:` address and no reference to anything outside itself."""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

# Image types by content, each with the names that say so (servers pick the type they announce from the name).
EXTENSIONS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "GIF": (".gif",), "WebP": (".webp",),
              "AVIF": (".avif",), "SVG": (".svg",)}
ALLOWED = "a PNG, JPEG, GIF, WebP, AVIF or SVG image"
_SVG_NS = "http://www.w3.org/2000/svg"
# In a style: `url(` with anything but a fragment of this file, or an @import.
_STYLE_REFERENCE = re.compile(r"url\(\s*(?!['\"]?\s*#)|@import", re.IGNORECASE)
_JAVASCRIPT = re.compile(r"^[\x00-\x20]*j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)
_REFERENCES = {"href", "src"}
_REFUSED_ELEMENTS = {"script": "runs script", "foreignObject": "embeds HTML, which may run script",
                     "iframe": "embeds another page", "embed": "embeds another document",
                     "object": "embeds another document"}


def sniff(head: bytes) -> str | None:
    """The raster image type of a file by its first bytes, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    return None


def _other_kind(data: bytes) -> str:
    """What a file that is no image of ours holds, in a reader's words."""
    if not data:
        return "an empty file"
    known = {b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive (or an Office document)",
             b"\x7fELF": "a program", b"MZ": "a program", b"BM": "a BMP image", b"II*\x00": "a TIFF image",
             b"MM\x00*": "a TIFF image", b"\x00\x00\x01\x00": "an icon (ICO)"}
    for magic, kind in known.items():
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return f"an ISO media file ({data[8:12].decode('ascii', 'replace')}, e.g. HEIC or MP4)"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "binary data of an unknown type"
    if "\x00" in text:
        return "binary data of an unknown type"
    start = text.lstrip().lower()
    if start.startswith(("<!doctype html", "<html")):
        return "an HTML page"
    return "text"


def image_problem(path: Path) -> str | None:
    """What is wrong with the image file at `path` (which exists), as 'expected ..., found ...; how to fix', or
    None when it is an allowed image whose name says what it is."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return f"expected {ALLOWED}, found a file that cannot be read ({err.strerror})"
    kind = sniff(data[:16])
    if kind is None and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        svg = _svg_problem(data, path.name)
        if svg is None:
            kind = "SVG"
        elif svg:
            return svg
    if kind is None:
        return f"expected {ALLOWED}, found {_other_kind(data)}; save the picture as PNG, JPEG or WebP"
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS[kind]:
        return (f"expected {ALLOWED} named as its type, found a {kind} image named '{path.name}'; rename it to "
                f"{path.stem}{EXTENSIONS[kind][0]} (browsers and servers go by the name)")
    return None


class _Refused(Exception):
    pass


def _svg_problem(data: bytes, name: str) -> str | None:
    """None for a safe SVG; '' when the file is XML but not SVG, HTML or broken (the caller names what it is);
    otherwise what makes the SVG unsafe."""
    return _SvgCheck(name).run(data)


class _SvgCheck:
    """Reads an SVG with expat, refusing at the first element, attribute or declaration that could run script or
    load something from outside the file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.seen: list[str] = []
        self.style: list[str] = []  # the text of the <style> element being read
        self.in_style = False

    def where(self) -> str:
        return f"line {self.parser.CurrentLineNumber} of {self.name}"

    def refuse(self, message: str) -> None:
        raise _Refused(f"expected {ALLOWED} without script or references outside the file, found an SVG whose "
                       f"{message}; remove it, or export the drawing as PNG")

    def doctype(self, *_: object) -> None:
        raise _Refused(f"expected {ALLOWED}, found an XML file with a DOCTYPE ({self.where()}), which may declare "
                       f"entities; remove the <!DOCTYPE ...> declaration")

    def root(self, namespace: str, local: str) -> None:
        self.seen.append(local)
        if local.lower() == "html":
            raise _Refused(f"expected {ALLOWED}, found an HTML page; save the picture as PNG, JPEG or WebP")
        if local != "svg" or namespace != _SVG_NS:
            raise _Refused(f"expected {ALLOWED}, found an XML document whose root element is <{local}>, not "
                           f"an SVG <svg>; save the picture as PNG, JPEG or WebP")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if not self.seen:
            self.root(namespace, local)
        if local in _REFUSED_ELEMENTS:
            self.refuse(f"<{local}> element ({self.where()}) {_REFUSED_ELEMENTS[local]}")
        self.in_style = local == "style"
        for qualified, value in attributes.items():
            self.attribute(local, qualified, value)

    def attribute(self, local: str, qualified: str, value: str) -> None:
        attribute = qualified.rpartition(" ")[2]
        shown = f"<{local} {'xlink:' if qualified.startswith('http://www.w3.org/1999/xlink ') else ''}{attribute}>"
        where = self.where()
        if attribute.lower().startswith("on"):
            self.refuse(f"{shown} attribute ({where}) is an event handler, which runs script")
        if _JAVASCRIPT.match(value):
            self.refuse(f"{shown} attribute ({where}) holds a javascript: address, which runs script")
        if attribute in _REFERENCES and not value.strip().startswith("#"):
            self.refuse(f"{shown} attribute ({where}) refers to '{value[:80]}' outside the file (only "
                        f"references within it, '#id', are allowed)")
        if attribute == "style" and _STYLE_REFERENCE.search(value):
            self.refuse(f"{shown} attribute ({where}) loads a style or an address from outside the file "
                        f"(url(...) other than url(#id), or @import)")

    def end(self, name: str) -> None:
        if self.in_style and _STYLE_REFERENCE.search("".join(self.style)):
            self.refuse(f"<style> element ({self.where()}) loads a style or an address from outside the file "
                        f"(url(...) other than url(#id), or @import)")
        self.in_style = False
        self.style.clear()

    def text(self, chunk: str) -> None:
        if self.in_style:
            self.style.append(chunk)

    def instruction(self, target: str, content: str) -> None:
        self.refuse(f"processing instruction <?{target} ...?> ({self.where()}) may load a style sheet from outside "
                    f"the file")

    def entity(self, *_: object) -> None:
        raise _Refused(f"expected {ALLOWED}, found an XML file that declares entities ({self.where()}); remove them")

    def run(self, data: bytes) -> str | None:
        parser = self.parser
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.entity
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.ProcessingInstructionHandler = self.instruction
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        try:
            parser.Parse(data, True)
        except _Refused as refused:
            return str(refused)
        except expat.ExpatError as err:
            if not self.seen:
                return ""
            return (f"expected {ALLOWED}, found an SVG that is not well-formed XML (line {err.lineno} of "
                    f"{self.name}: {expat.ErrorString(err.code)}); fix it in a drawing program or export it as PNG")
        return None if self.seen else ""
