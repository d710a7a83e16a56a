"""Labels of the chart downloads (data, SVG, PNG) and of journeys drawn from Mermaid blocks; merged into the labels
of `i18n`, English the fallback."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {},
    "bg": {},
    "hu": {},
    "ru": {},
}
