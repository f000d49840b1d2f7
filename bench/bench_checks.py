"""How long a full check takes: it runs on every keystroke in the wizard.

``check_2021_text5000_ms`` is the full check (narrative against tables and punctuation
included) of a filled 2021 report with 5,000 characters of narrative, as while typing in
a cell (the texts' readings are cached); ``…_cold_ms`` reads the texts afresh each time,
as after typing in a text section.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from common import median_seconds, ms

from govreport_gui.core.checks import check_draft, run_checks
from govreport_gui.core.library import default_library
from govreport_gui.core.punctuation import half_width_marks
from govreport_gui.core.samples import demo_draft
from tests.support.helpers import filled_2021_draft


def measure(quick: bool = False) -> dict[str, float]:
    library = default_library()
    repeat, number = (1, 1) if quick else (7, 50)
    form = library.get("2021")
    draft = filled_2021_draft(library)
    rng = random.Random(1)
    cells = list(form.cells)

    def keystroke() -> None:
        cell = rng.choice(cells)
        draft.enter(form, cell, str(rng.randint(0, 99)))
        check_draft(form, draft)

    demo = demo_draft(library)
    old = library.get(demo.form_id)
    texted = filled_2021_draft(library)
    texted.texts = texts_of_5000_characters(demo.texts.values())

    readers = {id(r.narrative.reader): r.narrative.reader for r in form.rules if r.narrative}

    def cold() -> None:
        for reader in readers.values():
            reader.forget()
        half_width_marks.cache_clear()
        check_draft(form, texted)

    def median_ms(action: Callable[[], object], calls: int = number) -> float:
        return ms(median_seconds(action, repeat, calls))

    return {
        "check_2021_text5000_ms": median_ms(lambda: check_draft(form, texted)),
        "check_2021_text5000_cold_ms": median_ms(cold, min(number, 20)),
        "check_2021_filled_ms": median_ms(lambda: check_draft(form, draft)),
        "keystroke_2021_ms": median_ms(keystroke),
        "check_2021_empty_ms": median_ms(lambda: run_checks(form, {})),
        "check_demo_ms": median_ms(lambda: check_draft(old, demo)),
    }


def texts_of_5000_characters(sample: object) -> dict[str, str]:
    """The demo's narrative (numbers, half-width punctuation) cut to 5,000 characters in all,
    spread over the 2021 format's three free-text sections."""
    text = "\n".join(sample)  # type: ignore[call-overload]
    text = (text * (5000 // len(text) + 1))[:5000]
    third = len(text) // 3
    return {
        "overall": text[:third],
        "problems": text[third : 2 * third],
        "other": text[2 * third :],
    }


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name:28} {value:10.3f}")
