"""Labels of the printed pages (the A3 wall map of a journey per round, the print stylesheet's notes); merged into
the labels of `i18n`, English the fallback."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {},
    "bg": {},
    "hu": {},
    "ru": {},
}
