"""Labels of the printed pages (the A3 wall map of a journey per round, the print stylesheet's notes); merged into
the labels of `i18n`, English the fallback."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "wall_map": "Wall map (A3)", "wall_map_title": "{journey} — wall map",
        "wall_note": "Print this page on A3 landscape for the workshop wall (your browser's print dialog).",
        "wall_ideas": "Ideas",
    },
    "bg": {
        "wall_map": "Карта за стена (A3)", "wall_map_title": "{journey} — карта за стена",
        "wall_note": "Отпечатайте страницата на A3, хоризонтално, за стената на работилницата.",
        "wall_ideas": "Идеи",
    },
    "hu": {
        "wall_map": "Falitérkép (A3)", "wall_map_title": "{journey} — falitérkép",
        "wall_note": "Nyomtassa ki az oldalt A3-as fekvő lapra a workshop falára.",
        "wall_ideas": "Ötletek",
    },
    "ru": {
        "wall_map": "Карта для стены (A3)", "wall_map_title": "{journey} — карта для стены",
        "wall_note": "Распечатайте страницу на A3 в альбомной ориентации для стены на воркшопе.",
        "wall_ideas": "Идеи",
    },
}
