"""Labels of groups and the hierarchy of journeys: the home page's groups, the group pages, and the links between
a parent journey and its child journeys; merged into the labels of `labels`, English the fallback."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "group": "Group", "groups": "Journey groups", "group_journeys": "Journeys of this group",
        "journey_count": "Journeys", "services": "Services", "detailed_in": "Detailed in",
        "part_of": "Details a step of", "child_journeys": "Detailed journeys",
        "groups_trend_caption": "Average emotion of each group (the mean of its journeys' averages) in every round "
        "up to {round}.",
        "group_trend_caption": "Average emotion of each journey of this group in every round up to {round}.",
        "no_group_journeys": "No journey belongs to this group yet.",
    },
    "bg": {
        "group": "Група", "groups": "Групи пътувания", "group_journeys": "Пътувания в тази група",
        "journey_count": "Пътувания", "services": "Услуги", "detailed_in": "Подробно в",
        "part_of": "Описва подробно стъпка от", "child_journeys": "Подробни пътувания",
        "groups_trend_caption": "Средна емоция на всяка група (средното от средните стойности на пътуванията й) "
        "във всеки кръг до {round}.",
        "group_trend_caption": "Средна емоция на всяко пътуване от групата във всеки кръг до {round}.",
        "no_group_journeys": "Все още няма пътувания в тази група.",
    },
    "hu": {
        "group": "Csoport", "groups": "Ügyfélút-csoportok", "group_journeys": "A csoport ügyfélútjai",
        "journey_count": "Ügyfélutak", "services": "Szolgáltatások", "detailed_in": "Részletesen",
        "part_of": "Ennek a lépését részletezi", "child_journeys": "Részletező ügyfélutak",
        "groups_trend_caption": "Az egyes csoportok átlagos érzelme (ügyfélútjaik átlagainak átlaga) körönként "
        "a(z) {round} körig.",
        "group_trend_caption": "A csoport ügyfélútjainak átlagos érzelme körönként a(z) {round} körig.",
        "no_group_journeys": "Ebben a csoportban még nincs ügyfélút.",
    },
    "ru": {
        "group": "Группа", "groups": "Группы путей клиента", "group_journeys": "Пути клиента в этой группе",
        "journey_count": "Путей", "services": "Услуги", "detailed_in": "Подробно",
        "part_of": "Подробно описывает шаг пути", "child_journeys": "Подробные пути",
        "groups_trend_caption": "Средняя эмоция каждой группы (среднее средних её путей) в каждом раунде до "
        "{round}.",
        "group_trend_caption": "Средняя эмоция каждого пути группы в каждом раунде до {round}.",
        "no_group_journeys": "В этой группе пока нет путей клиента.",
    },
}
