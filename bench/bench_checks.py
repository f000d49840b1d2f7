"""How long a full check takes: it runs on every keystroke in the wizard."""

from __future__ import annotations

import random
from collections.abc import Callable

from common import median_seconds, ms

from govreport_gui.core.checks import check_draft, run_checks
from govreport_gui.core.library import default_library
from govreport_gui.core.samples import demo_draft
from tests.helpers import filled_2021_draft


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

    def median_ms(action: Callable[[], object]) -> float:
        return ms(median_seconds(action, repeat, number))

    return {
        "check_2021_filled_ms": median_ms(lambda: check_draft(form, draft)),
        "keystroke_2021_ms": median_ms(keystroke),
        "check_2021_empty_ms": median_ms(lambda: run_checks(form, {})),
        "check_demo_ms": median_ms(lambda: check_draft(old, demo)),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name:28} {value:10.3f}")
