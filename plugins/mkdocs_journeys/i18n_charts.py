"""Labels of the chart downloads (data, SVG, PNG) and of journeys drawn from Mermaid blocks; merged into the labels
of `i18n`, English the fallback."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # Downloads
        "downloads": "Download this chart", "download_data": "Data (CSV)", "download_svg": "SVG image",
        "download_png": "PNG image",
    },
    "bg": {
        "downloads": "Изтегляне на графиката", "download_data": "Данни (CSV)", "download_svg": "SVG изображение",
        "download_png": "PNG изображение",
    },
    "hu": {
        "downloads": "A diagram letöltése", "download_data": "Adatok (CSV)", "download_svg": "SVG-kép",
        "download_png": "PNG-kép",
    },
    "ru": {
        "downloads": "Скачать график", "download_data": "Данные (CSV)", "download_svg": "Изображение SVG",
        "download_png": "Изображение PNG",
    },
}
