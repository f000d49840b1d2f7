"""How long a full check takes: it runs on every keystroke in the wizard."""

from __future__ import annotations

import random

from common import median_seconds, ms

from govreport_gui.core.checks import check_draft, run_checks
from govreport_gui.core.library import default_library
from govreport_gui.core.samples import demo_draft
from tests.helpers import filled_2021_draft


def measure() -> dict[str, float]:
    library = default_library()
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
    return {
        "check_2021_filled_ms": ms(median_seconds(lambda: check_draft(form, draft), number=50)),
        "keystroke_2021_ms": ms(median_seconds(keystroke, number=50)),
        "check_2021_empty_ms": ms(median_seconds(lambda: run_checks(form, {}), number=50)),
        "check_demo_ms": ms(median_seconds(lambda: check_draft(old, demo), number=50)),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name:28} {value:10.3f}")
