"""Counted words in the right plural form: "1 journey", "2 journeys"; "1 путь", "3 пути", "5 путей".

The rules are CLDR's for cardinal numbers in the languages of the site: English, Bulgarian and Hungarian have a
singular and a plural; Russian a form for 1, 21, 31 ... (one), for 2-4, 22-24 ... (few) and one for the rest (many).
"""

from __future__ import annotations

import re


def category(number: int, language: str = "en") -> str:
    """The CLDR plural category of a whole number: one, few, many or other."""
    if language == "ru":
        tens, units = number % 100, number % 10
        if units == 1 and tens != 11:
            return "one"
        if 2 <= units <= 4 and not 12 <= tens <= 14:
            return "few"
        return "many"
    return "one" if number == 1 else "other"


def count(number: int, one: str, other: str, language: str = "en", **forms: str) -> str:
    """`number` and the word in its form: count(1, "journey", "journeys") is "1 journey". Languages with more
    forms pass them by category: count(5, "путь", "путей", "ru", few="пути", many="путей")."""
    form = category(number, language)
    word = one if form == "one" else forms.get(form, other)
    return f"{number} {word}"


_WORD = re.compile(r"\{(\w+)\|([^{}|]+(?:\|[^{}|]+)+)\}")


class Counted(str):
    """A label with counted words: `{n|touchpoint|touchpoints}` stands for the word in the form the number `n` takes
    in the label's language, when the label is filled with format(n=...). Forms as count() takes them: the `one`
    form, then the other; Russian gives three, one|few|many. Used as a plain string everywhere else.

    Counted("{n} {n|touchpoint|touchpoints}").format(n=1) is "1 touchpoint"."""

    language: str

    def __new__(cls, text: str, language: str = "en") -> Counted:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return str(self), self.language

    def format(self, *args: object, **values: object) -> str:
        def word(match: re.Match[str]) -> str:
            forms = match.group(2).split("|")
            names = ("one", "few", "many") if len(forms) == 3 else ("one", "other")
            number = values[match.group(1)]
            assert isinstance(number, int), match.group(1)
            return dict(zip(names, forms, strict=False)).get(category(number, self.language), forms[-1])

        return _WORD.sub(word, str(self)).format(*args, **values)
