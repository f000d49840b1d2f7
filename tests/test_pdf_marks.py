"""Fingerprint and QR code of a print."""

from __future__ import annotations

import pytest
from reportlab.pdfgen.canvas import Canvas

from govreport_gui.core.draft import dumps, loads
from govreport_gui.core.samples import demo_draft
from govreport_gui.output.marks import fingerprint, qr_code, qr_payload


def test_fingerprint_survives_a_file_round_trip_and_changes_with_the_data(library):
    draft = demo_draft(library)
    again = loads(dumps(draft), library)
    assert fingerprint(again) == fingerprint(draft)
    again.values = dict(reversed(list(again.values.items())))  # order does not matter
    assert fingerprint(again) == fingerprint(draft)
    again.set_value("stats.offices", 2)
    assert fingerprint(again) != fingerprint(draft)


def test_qr_payload_names_form_year_unit_and_hash(library):
    draft = demo_draft(library)
    assert (
        qr_payload(draft, "abc")
        == "GOVREPORT;form=pre2019;year=2017;unit=信丰县人民政府办公室;hash=abc"
    )


@pytest.mark.parametrize(
    "unit", ["x" * n for n in range(0, 120)] + ["某" * n for n in range(1, 40)]
)
def test_qr_code_holds_any_unit_name_with_its_utf8_eci_marker(tmp_path, unit):
    code = qr_code(f"GOVREPORT;form=2021;year=2023;unit={unit};hash=0123456789ab")
    assert code.qr.dataList[0].data == 26  # ECI 26: the bytes are UTF-8
    code.drawOn(Canvas(str(tmp_path / "qr.pdf")), 0, 0)  # raised "code length overflow" before
