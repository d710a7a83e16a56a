"""Labels of the plugin's pages in the languages our users write in; English is the fallback."""

from __future__ import annotations

LANGUAGES = ("en", "bg", "hu", "ru")

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "service": "Service", "personas": "Personas", "goal": "Customer goal", "expectations": "Expectations",
        "desired_experience": "Desired experience", "teams": "Stakeholder teams", "owner": "Owner",
        "state": "State", "as-is": "as-is", "to-be": "to-be", "emotion_curve": "Emotion curve",
        "touchpoints": "Touchpoints", "stage": "Stage", "touchpoint": "Touchpoint", "channel": "Channel",
        "customer": "Customer does", "frontstage": "Front stage", "backstage": "Back stage",
        "support": "Support", "zone": "Zone", "element": "Element", "emotion": "Emotion", "notes": "Notes",
        "no_score": "no score", "js_off": "The chart needs JavaScript. The table below holds the same data.",
        "chart_caption": "Emotion at each touchpoint in round {round}, in journey order, grouped by stage.",
        "journeys": "Journeys", "rounds": "Rounds", "role": "Role", "channels": "Preferred channels",
        "goals": "Goals", "frustrations": "Frustrations", "quote": "Quote",
        "persona_journeys": "Journeys of this persona", "average_emotion": "Average emotion",
        "round": "Round", "period": "Period", "status": "Status", "open": "open (in progress)",
        "closed": "closed", "methods": "Methods", "gap": "communication missing",
        "no_data": "No observations for this journey in round {round}.", "journey": "Journey",
        "scores": "scores", "scale": "Scale", "home": "Home",
        "scale_-2": "Very negative", "scale_-1": "Negative", "scale_0": "Neutral", "scale_1": "Positive",
        "scale_2": "Very positive", "summary": "Summary", "round_journeys": "Journeys in this round",
    },
    "bg": {
        "service": "Услуга", "personas": "Персони", "goal": "Цел на клиента", "expectations": "Очаквания",
        "desired_experience": "Желано преживяване", "teams": "Заинтересовани екипи", "owner": "Отговорник",
        "state": "Състояние", "as-is": "текущо", "to-be": "бъдещо", "emotion_curve": "Крива на емоциите",
        "touchpoints": "Допирни точки", "stage": "Етап", "touchpoint": "Допирна точка", "channel": "Канал",
        "customer": "Клиентът", "frontstage": "Пред клиента", "backstage": "Зад кулисите",
        "support": "Поддръжка", "zone": "Зона", "element": "Елемент", "emotion": "Емоция",
        "notes": "Бележки", "no_score": "без оценка",
        "js_off": "Графиката изисква JavaScript. Таблицата по-долу съдържа същите данни.",
        "chart_caption": "Емоция при всяка допирна точка в кръг {round}, по реда на пътуването, по етапи.",
        "journeys": "Пътувания", "rounds": "Кръгове", "role": "Роля", "channels": "Предпочитани канали",
        "goals": "Цели", "frustrations": "Неудовлетвореност", "quote": "Цитат",
        "persona_journeys": "Пътувания на тази персона", "average_emotion": "Средна емоция",
        "round": "Кръг", "period": "Период", "status": "Статус", "open": "отворен (в ход)",
        "closed": "затворен", "methods": "Методи", "gap": "липсва комуникация",
        "no_data": "Няма наблюдения за това пътуване в кръг {round}.", "journey": "Пътуване",
        "scores": "оценки", "scale": "Скала", "home": "Начало",
        "scale_-2": "Много негативно", "scale_-1": "Негативно", "scale_0": "Неутрално",
        "scale_1": "Позитивно", "scale_2": "Много позитивно", "summary": "Обобщение",
        "round_journeys": "Пътувания в този кръг",
    },
    "hu": {
        "service": "Szolgáltatás", "personas": "Perszónák", "goal": "Ügyfél célja", "expectations": "Elvárások",
        "desired_experience": "Kívánt élmény", "teams": "Érintett csapatok", "owner": "Felelős",
        "state": "Állapot", "as-is": "jelenlegi", "to-be": "tervezett", "emotion_curve": "Érzelmi görbe",
        "touchpoints": "Érintkezési pontok", "stage": "Szakasz", "touchpoint": "Érintkezési pont",
        "channel": "Csatorna", "customer": "Az ügyfél", "frontstage": "Az ügyfél előtt",
        "backstage": "A háttérben", "support": "Támogatás", "zone": "Zóna", "element": "Elem",
        "emotion": "Érzelem", "notes": "Megjegyzések", "no_score": "nincs pontszám",
        "js_off": "A diagramhoz JavaScript kell. Az alábbi táblázat ugyanezeket az adatokat tartalmazza.",
        "chart_caption": "Érzelem minden érintkezési pontnál a(z) {round} körben, az út sorrendjében, "
        "szakaszonként.",
        "journeys": "Ügyfélutak", "rounds": "Körök", "role": "Szerep", "channels": "Kedvelt csatornák",
        "goals": "Célok", "frustrations": "Frusztrációk", "quote": "Idézet",
        "persona_journeys": "A perszóna ügyfélútjai", "average_emotion": "Átlagos érzelem",
        "round": "Kör", "period": "Időszak", "status": "Állapot", "open": "nyitott (folyamatban)",
        "closed": "lezárt", "methods": "Módszerek", "gap": "hiányzó kommunikáció",
        "no_data": "Ehhez az ügyfélúthoz nincs megfigyelés a(z) {round} körben.", "journey": "Ügyfélút",
        "scores": "pontszám", "scale": "Skála", "home": "Kezdőlap",
        "scale_-2": "Nagyon negatív", "scale_-1": "Negatív", "scale_0": "Semleges", "scale_1": "Pozitív",
        "scale_2": "Nagyon pozitív", "summary": "Összefoglaló", "round_journeys": "Ügyfélutak ebben a körben",
    },
    "ru": {
        "service": "Услуга", "personas": "Персоны", "goal": "Цель клиента", "expectations": "Ожидания",
        "desired_experience": "Желаемый опыт", "teams": "Участвующие команды", "owner": "Ответственный",
        "state": "Состояние", "as-is": "как есть", "to-be": "как должно быть",
        "emotion_curve": "Кривая эмоций", "touchpoints": "Точки контакта", "stage": "Этап",
        "touchpoint": "Точка контакта", "channel": "Канал", "customer": "Клиент делает",
        "frontstage": "На виду у клиента", "backstage": "За кулисами", "support": "Поддержка",
        "zone": "Зона", "element": "Элемент", "emotion": "Эмоция", "notes": "Заметки",
        "no_score": "нет оценки", "js_off": "Для графика нужен JavaScript. В таблице ниже те же данные.",
        "chart_caption": "Эмоция в каждой точке контакта в раунде {round}, по порядку пути, по этапам.",
        "journeys": "Пути клиента", "rounds": "Раунды", "role": "Роль", "channels": "Предпочтительные каналы",
        "goals": "Цели", "frustrations": "Раздражители", "quote": "Цитата",
        "persona_journeys": "Пути этой персоны", "average_emotion": "Средняя эмоция",
        "round": "Раунд", "period": "Период", "status": "Статус", "open": "открыт (идёт)",
        "closed": "закрыт", "methods": "Методы", "gap": "нет коммуникации",
        "no_data": "Нет наблюдений по этому пути в раунде {round}.", "journey": "Путь клиента",
        "scores": "оценок", "scale": "Шкала", "home": "Главная",
        "scale_-2": "Очень негативно", "scale_-1": "Негативно", "scale_0": "Нейтрально",
        "scale_1": "Позитивно", "scale_2": "Очень позитивно", "summary": "Итоги",
        "round_journeys": "Пути клиента в этом раунде",
    },
}


def labels(language: str | None) -> dict[str, str]:
    """Labels for a language code such as 'hu' or 'pt-BR'; English where a language is unknown."""
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return {**_LABELS["en"], **_LABELS.get(code, {})}
