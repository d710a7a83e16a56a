"""Labels of the chart downloads (data, SVG, PNG) and of journeys drawn from Mermaid blocks; merged into the labels
of `i18n`, English the fallback."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # Charts
        "chart_peak": "peak", "chart_dip": "dip", "retired_in": "retired in {round}",
        "chart_more": "Scroll sideways for the whole chart →",
        # Downloads
        "downloads": "Download this chart", "download_data": "Data (CSV)", "download_svg": "SVG image",
        "download_png": "PNG image",
        # Mermaid
        "mermaid_caption": "Drawn from a Mermaid journey diagram: scores 1 to 5 mapped onto the emotion scale.",
    },
    "bg": {
        # Charts
        "chart_peak": "връх", "chart_dip": "спад", "retired_in": "отпаднала в {round}",
        "chart_more": "Превъртете хоризонтално, за да видите цялата графика →",
        "downloads": "Изтегляне на графиката", "download_data": "Данни (CSV)", "download_svg": "SVG изображение",
        "download_png": "PNG изображение",
        # Mermaid
        "mermaid_caption": "Начертано от диаграма на Mermaid: оценките от 1 до 5 са пренесени върху скалата "
        "на емоциите.",
    },
    "hu": {
        # Charts
        "chart_peak": "csúcspont", "chart_dip": "mélypont", "retired_in": "megszűnt: {round}",
        "chart_more": "Görgess oldalra a teljes diagramért →",
        "downloads": "A diagram letöltése", "download_data": "Adatok (CSV)", "download_svg": "SVG-kép",
        "download_png": "PNG-kép",
        # Mermaid
        "mermaid_caption": "Mermaid-diagramból rajzolva: az 1–5 pontszámok az érzelmi skálára vetítve.",
    },
    "ru": {
        # Charts
        "chart_peak": "пик", "chart_dip": "спад", "retired_in": "выведена в раунде {round}",
        "chart_more": "Прокрутите вбок, чтобы увидеть весь график →",
        "downloads": "Скачать график", "download_data": "Данные (CSV)", "download_svg": "Изображение SVG",
        "download_png": "Изображение PNG",
        # Mermaid
        "mermaid_caption": "Построено по диаграмме Mermaid: оценки от 1 до 5 перенесены на шкалу эмоций.",
    },
}
