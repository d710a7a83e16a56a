"""Labels of the evidence and action pages (findings, KPIs, feedback map, action plan, did it help); merged into
the labels of `i18n`, English the fallback."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "service_stage": "Service stage", "service_stage_idea": "idea", "service_stage_pilot": "pilot",
        "service_stage_launch": "launch", "service_stage_growth": "growth", "service_stage_mature": "mature",
        "service_stage_decline": "decline",
        "findings": "Findings", "works": "What works", "must_change": "Must change", "feedback": "Feedback",
        "feedback_count": "Feedback: {n}", "kpis": "KPIs", "kpi": "KPI", "kpi_value": "Value",
        "kpi_axis": "KPI, share of its scale", "kpi_n": "Answers", "kpi_target": "Target", "kpi_met": "target met",
        "kpi_missed": "target not met", "kpi_no_target": "no target", "persona": "Persona",
        "overall": "all personas",
        "chart_personas": "Dashed lines show each persona's emotion; the solid dark line is the overall score.",
        "chart_kpis": "Bars show KPIs on the right-hand axis as a share of their own scale, black ticks their "
        "targets.",
        "feedback_map": "Feedback map", "feedback_map_title": "{journey} — feedback map",
        "board": "Board", "board_intro": "Round {round}: what customers said and did at each touchpoint, grouped "
        "by how it was gathered, with what works and what must change.",
        "board_label": "Feedback board, one column per touchpoint; scroll sideways to see every column",
        "board_photos": "Photos of the board", "board_photo": "Photo of the board, round {round}",
        "no_feedback": "No feedback at this touchpoint.", "evidence_observed": "observed",
        "evidence_assumed": "assumed",
        "method_observation": "Observation", "method_informal-conversation": "Informal conversation",
        "method_social-media": "Social media", "method_forum": "Forum", "method_interview": "Interview",
        "method_survey": "Survey", "method_other": "Other",
        "development_plan": "Touchpoint development plan",
        "development_intro": "Opportunities at each touchpoint found up to round {round}, with their status then.",
        "pain_point": "Pain point", "idea": "Idea", "to_be": "To-be", "due": "Due", "votes": "Votes",
        "votes_header": "Votes: quick win / important", "effort": "Effort", "impact": "Impact",
        "effort_impact": "Effort / impact", "rank": "Rank", "nomination": "Nomination",
        "status_proposed": "proposed", "status_planned": "planned", "status_in-progress": "in progress",
        "status_done": "done", "status_dropped": "dropped",
        "nomination_quick-win": "Quick wins", "nomination_important": "Important results",
        "nomination_unvoted": "Not voted yet",
        "action_plan": "Action plan", "ranking": "Ranked opportunities",
        "action_plan_intro": "Every opportunity found up to round {round}, ranked: quick wins first (at least as "
        "many quick-win votes as important votes), then important results, then those nobody voted for; within "
        "each, more votes first, then journey and touchpoint order. Statuses are as of {round}.",
        "no_opportunities": "No opportunities were found up to round {round}.",
        "priority_matrix": "Priority matrix",
        "matrix_caption": "Effort against impact of every opportunity that has both, numbered by its rank in the "
        "action plan, coloured by journey; dashed lines divide the quadrants.",
        "effort_axis": "Effort (1 little – 5 a lot)", "impact_axis": "Impact (1 little – 5 a lot)",
        "quadrant_quick": "Quick wins", "quadrant_major": "Major projects", "quadrant_fill": "Fill-ins",
        "quadrant_thankless": "Thankless tasks",
        "did_it_help": "Did it help?",
        "did_it_help_intro": "Each opportunity done up to round {round}: the touchpoint's emotion and KPIs in the "
        "last round before it was done (else the round it was found in) against the latest round.",
        "done_in": "Done in", "not_measured": "not measured again since it was done",
        "kpi_better": "better", "kpi_worse": "worse", "kpi_same": "unchanged",
        "no_done": "No opportunity was done up to round {round}.",
    },
    "bg": {
        "service_stage": "Етап на услугата", "service_stage_idea": "идея", "service_stage_pilot": "пилот",
        "service_stage_launch": "пускане", "service_stage_growth": "растеж", "service_stage_mature": "зрялост",
        "service_stage_decline": "упадък",
        "findings": "Констатации", "works": "Какво работи", "must_change": "Какво трябва да се промени",
        "feedback": "Обратна връзка", "feedback_count": "Обратна връзка: {n}", "kpis": "Показатели",
        "kpi": "Показател", "kpi_value": "Стойност", "kpi_axis": "Показател, дял от скалата му",
        "kpi_n": "Отговори", "kpi_target": "Цел", "kpi_met": "целта е постигната",
        "kpi_missed": "целта не е постигната", "kpi_no_target": "без цел", "persona": "Персона",
        "overall": "всички персони",
        "chart_personas": "Прекъснатите линии показват емоцията на всяка персона; плътната тъмна линия е общата "
        "оценка.",
        "chart_kpis": "Стълбовете показват показателите по дясната ос като дял от собствената им скала, черните "
        "чертички – целите им.",
        "feedback_map": "Карта на обратната връзка", "feedback_map_title": "{journey} — карта на обратната връзка",
        "board": "Табло", "board_intro": "Кръг {round}: какво казаха и направиха клиентите при всяка допирна "
        "точка, подредено по начина на събиране, заедно с това какво работи и какво трябва да се промени.",
        "board_label": "Табло с обратна връзка, по една колона за допирна точка; превъртете хоризонтално, за да "
        "видите всички колони",
        "board_photos": "Снимки на таблото", "board_photo": "Снимка на таблото, кръг {round}",
        "no_feedback": "Няма обратна връзка за тази допирна точка.", "evidence_observed": "наблюдавано",
        "evidence_assumed": "предположение",
        "method_observation": "Наблюдение", "method_informal-conversation": "Неформален разговор",
        "method_social-media": "Социални медии", "method_forum": "Форум", "method_interview": "Интервю",
        "method_survey": "Анкета", "method_other": "Друго",
        "development_plan": "План за развитие на допирните точки",
        "development_intro": "Възможности при всяка допирна точка, открити до кръг {round}, със статуса им тогава.",
        "pain_point": "Проблем", "idea": "Идея", "to_be": "Желано състояние", "due": "Срок", "votes": "Гласове",
        "votes_header": "Гласове: бърза победа / важен резултат", "effort": "Усилие", "impact": "Ефект",
        "effort_impact": "Усилие / ефект", "rank": "Място", "nomination": "Номинация",
        "status_proposed": "предложено", "status_planned": "планирано", "status_in-progress": "в изпълнение",
        "status_done": "изпълнено", "status_dropped": "отказано",
        "nomination_quick-win": "Бързи победи", "nomination_important": "Важни резултати",
        "nomination_unvoted": "Още без гласове",
        "action_plan": "План за действие", "ranking": "Класирани възможности",
        "action_plan_intro": "Всички възможности, открити до кръг {round}, класирани: първо бързите победи (поне "
        "толкова гласове за бърза победа, колкото за важен резултат), после важните резултати, накрая тези без "
        "гласове; във всяка група първо тези с повече гласове, после по реда на пътуванията и допирните точки. "
        "Статусите са към {round}.",
        "no_opportunities": "До кръг {round} няма открити възможности.",
        "priority_matrix": "Матрица на приоритетите",
        "matrix_caption": "Усилие срещу ефект за всяка възможност, която има и двете, номерирана с мястото си в "
        "плана, оцветена по пътуване; прекъснатите линии делят квадрантите.",
        "effort_axis": "Усилие (1 малко – 5 много)", "impact_axis": "Ефект (1 малък – 5 голям)",
        "quadrant_quick": "Бързи победи", "quadrant_major": "Големи проекти", "quadrant_fill": "Дребни задачи",
        "quadrant_thankless": "Неблагодарни задачи",
        "did_it_help": "Помогна ли?",
        "did_it_help_intro": "Всяка възможност, изпълнена до кръг {round}: емоцията и показателите на допирната "
        "точка в последния кръг преди изпълнението (иначе в кръга, в който е открита) срещу най-новия кръг.",
        "done_in": "Изпълнено в", "not_measured": "не е измервано отново след изпълнението",
        "kpi_better": "по-добре", "kpi_worse": "по-зле", "kpi_same": "без промяна",
        "no_done": "До кръг {round} няма изпълнена възможност.",
    },
    "hu": {
        "service_stage": "A szolgáltatás szakasza", "service_stage_idea": "ötlet", "service_stage_pilot": "kísérlet",
        "service_stage_launch": "bevezetés", "service_stage_growth": "növekedés", "service_stage_mature": "érett",
        "service_stage_decline": "hanyatló",
        "findings": "Megállapítások", "works": "Ami működik", "must_change": "Amin változtatni kell",
        "feedback": "Visszajelzések", "feedback_count": "Visszajelzés: {n}", "kpis": "Mutatók", "kpi": "Mutató",
        "kpi_value": "Érték", "kpi_axis": "Mutató, a saját skálája arányában", "kpi_n": "Válaszok",
        "kpi_target": "Cél", "kpi_met": "cél teljesítve", "kpi_missed": "cél nem teljesült",
        "kpi_no_target": "nincs cél", "persona": "Perszóna", "overall": "minden perszóna",
        "chart_personas": "A szaggatott vonalak perszónánként mutatják az érzelmet; a folytonos sötét vonal az "
        "összesített pontszám.",
        "chart_kpis": "Az oszlopok a jobb oldali tengelyen mutatják a mutatókat a saját skálájuk arányában, a "
        "fekete jelek a célértékeket.",
        "feedback_map": "Visszajelzési térkép", "feedback_map_title": "{journey} — visszajelzési térkép",
        "board": "Tábla", "board_intro": "A(z) {round} kör: mit mondtak és tettek az ügyfelek az egyes "
        "érintkezési pontoknál, a gyűjtés módja szerint csoportosítva, azzal együtt, ami működik, és amin "
        "változtatni kell.",
        "board_label": "Visszajelzési tábla, érintkezési pontonként egy oszlop; görgess oldalra az összes "
        "oszlophoz",
        "board_photos": "Fotók a tábláról", "board_photo": "Fotó a tábláról, {round} kör",
        "no_feedback": "Ennél az érintkezési pontnál nincs visszajelzés.", "evidence_observed": "megfigyelt",
        "evidence_assumed": "feltételezés",
        "method_observation": "Megfigyelés", "method_informal-conversation": "Kötetlen beszélgetés",
        "method_social-media": "Közösségi média", "method_forum": "Fórum", "method_interview": "Interjú",
        "method_survey": "Kérdőív", "method_other": "Egyéb",
        "development_plan": "Az érintkezési pontok fejlesztési terve",
        "development_intro": "Lehetőségek érintkezési pontonként a(z) {round} körig, az akkori állapotukkal.",
        "pain_point": "Probléma", "idea": "Ötlet", "to_be": "Cél állapot", "due": "Határidő", "votes": "Szavazatok",
        "votes_header": "Szavazatok: gyors győzelem / fontos eredmény", "effort": "Ráfordítás", "impact": "Hatás",
        "effort_impact": "Ráfordítás / hatás", "rank": "Helyezés", "nomination": "Kategória",
        "status_proposed": "javasolt", "status_planned": "tervezett", "status_in-progress": "folyamatban",
        "status_done": "kész", "status_dropped": "elvetve",
        "nomination_quick-win": "Gyors győzelmek", "nomination_important": "Fontos eredmények",
        "nomination_unvoted": "Még nincs szavazat",
        "action_plan": "Akcióterv", "ranking": "Rangsorolt lehetőségek",
        "action_plan_intro": "Minden lehetőség a(z) {round} körig, rangsorolva: elöl a gyors győzelmek (legalább "
        "annyi szavazat gyors győzelemre, mint fontos eredményre), aztán a fontos eredmények, végül amelyekre még "
        "senki nem szavazott; csoporton belül a több szavazat előre, aztán az ügyfélutak és az érintkezési pontok "
        "sorrendje. Az állapotok a(z) {round} kör szerintiek.",
        "no_opportunities": "A(z) {round} körig nincs feltárt lehetőség.",
        "priority_matrix": "Prioritási mátrix",
        "matrix_caption": "Ráfordítás és hatás minden lehetőségnél, amelynél mindkettő meg van adva, az akcióterv "
        "szerinti helyezéssel számozva, ügyfélutanként színezve; a szaggatott vonalak választják el a "
        "negyedeket.",
        "effort_axis": "Ráfordítás (1 kevés – 5 sok)", "impact_axis": "Hatás (1 kicsi – 5 nagy)",
        "quadrant_quick": "Gyors győzelmek", "quadrant_major": "Nagy projektek", "quadrant_fill": "Apróságok",
        "quadrant_thankless": "Hálátlan feladatok",
        "did_it_help": "Segített?",
        "did_it_help_intro": "Minden lehetőség, amely a(z) {round} körig elkészült: az érintkezési pont érzelme "
        "és mutatói az elkészülés előtti utolsó körben (ennek híján a feltárás körében) a legutóbbi körhöz képest.",
        "done_in": "Elkészült", "not_measured": "elkészülte óta nem mérték újra",
        "kpi_better": "jobb", "kpi_worse": "rosszabb", "kpi_same": "változatlan",
        "no_done": "A(z) {round} körig egyetlen lehetőség sem készült el.",
    },
    "ru": {
        "service_stage": "Стадия услуги", "service_stage_idea": "идея", "service_stage_pilot": "пилот",
        "service_stage_launch": "запуск", "service_stage_growth": "рост", "service_stage_mature": "зрелость",
        "service_stage_decline": "спад",
        "findings": "Выводы", "works": "Что работает", "must_change": "Что нужно изменить",
        "feedback": "Обратная связь", "feedback_count": "Обратная связь: {n}", "kpis": "Показатели",
        "kpi": "Показатель", "kpi_value": "Значение", "kpi_axis": "Показатель, доля его шкалы",
        "kpi_n": "Ответов", "kpi_target": "Цель", "kpi_met": "цель достигнута", "kpi_missed": "цель не достигнута",
        "kpi_no_target": "без цели", "persona": "Персона", "overall": "все персоны",
        "chart_personas": "Пунктирные линии — эмоция каждой персоны; сплошная тёмная линия — общая оценка.",
        "chart_kpis": "Столбцы — показатели по правой оси как доля их собственной шкалы, чёрные засечки — их "
        "целевые значения.",
        "feedback_map": "Карта обратной связи", "feedback_map_title": "{journey} — карта обратной связи",
        "board": "Доска", "board_intro": "Раунд {round}: что клиенты говорили и делали в каждой точке контакта, "
        "по способам сбора, а также что работает и что нужно изменить.",
        "board_label": "Доска обратной связи, по колонке на точку контакта; прокрутите вбок, чтобы увидеть все "
        "колонки",
        "board_photos": "Фотографии доски", "board_photo": "Фотография доски, раунд {round}",
        "no_feedback": "По этой точке контакта обратной связи нет.", "evidence_observed": "наблюдение",
        "evidence_assumed": "предположение",
        "method_observation": "Наблюдение", "method_informal-conversation": "Неформальная беседа",
        "method_social-media": "Социальные сети", "method_forum": "Форум", "method_interview": "Интервью",
        "method_survey": "Опрос", "method_other": "Другое",
        "development_plan": "План развития точек контакта",
        "development_intro": "Возможности в каждой точке контакта, найденные до раунда {round}, с их статусом "
        "на тот момент.",
        "pain_point": "Что мешает", "idea": "Идея", "to_be": "Как должно быть", "due": "Срок", "votes": "Голоса",
        "votes_header": "Голоса: быстрая победа / важный результат", "effort": "Усилия", "impact": "Эффект",
        "effort_impact": "Усилия / эффект", "rank": "Место", "nomination": "Номинация",
        "status_proposed": "предложено", "status_planned": "запланировано", "status_in-progress": "в работе",
        "status_done": "сделано", "status_dropped": "отклонено",
        "nomination_quick-win": "Быстрые победы", "nomination_important": "Важные результаты",
        "nomination_unvoted": "Пока без голосов",
        "action_plan": "План мероприятий", "ranking": "Ранжированные возможности",
        "action_plan_intro": "Все возможности, найденные до раунда {round}, по рангу: сначала быстрые победы (за "
        "быструю победу голосов не меньше, чем за важный результат), затем важные результаты, затем те, за "
        "которые ещё не голосовали; внутри группы — больше голосов выше, затем порядок путей и точек контакта. "
        "Статусы — на раунд {round}.",
        "no_opportunities": "До раунда {round} возможностей не найдено.",
        "priority_matrix": "Матрица приоритетов",
        "matrix_caption": "Усилия и эффект каждой возможности, у которой указано и то и другое, с номером её "
        "места в плане, цвет — путь клиента; пунктир делит квадранты.",
        "effort_axis": "Усилия (1 мало – 5 много)", "impact_axis": "Эффект (1 малый – 5 большой)",
        "quadrant_quick": "Быстрые победы", "quadrant_major": "Крупные проекты", "quadrant_fill": "Мелкие задачи",
        "quadrant_thankless": "Неблагодарные задачи",
        "did_it_help": "Помогло ли?",
        "did_it_help_intro": "Каждая возможность, реализованная до раунда {round}: эмоция и показатели точки "
        "контакта в последнем раунде до реализации (иначе в раунде, где её нашли) против последнего раунда.",
        "done_in": "Сделано в", "not_measured": "после реализации ещё не измерялось",
        "kpi_better": "лучше", "kpi_worse": "хуже", "kpi_same": "без изменений",
        "no_done": "До раунда {round} ни одна возможность не реализована.",
    },
}
