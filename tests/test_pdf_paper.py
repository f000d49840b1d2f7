"""What travels on paper: explained 错误 with their 说明, signed counts, units, 附件说明."""

from __future__ import annotations

from decimal import Decimal

from govreport_gui.core.checks import check_draft, unexplained_errors
from govreport_gui.core.draft import new_draft
from govreport_gui.core.samples import demo_draft
from govreport_gui.core.table_layout import printed_value
from govreport_gui.core.values import NA, Kind
from govreport_gui.output.pdf import render_pdf
from tests.support.pdf_support import pdftotext


def flat(path) -> str:
    return "".join(pdftotext(path, "-raw").split())


def test_an_explained_error_prints_its_explanation(library, tmp_path):
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    errors = unexplained_errors(check_draft(form, draft), draft.explanations)
    assert len(errors) == 2
    draft.explanations[errors[0].rule] = "当面申请 3 件未分渠道登记，已在台账中补记。"
    result = render_pdf(form, draft, tmp_path / "explained.pdf")
    text = flat(result.path)
    assert "数据说明：" in text
    assert "说明：当面申请3件未分渠道登记，已在台账中补记。" in text
    assert "".join(errors[0].message.split()) in text  # the contradiction beside it
    assert result.unexplained_errors == 1  # the other one still keeps the 草稿 mark


def test_no_data_notes_without_explanations(library, tmp_path):
    draft = demo_draft(library)
    result = render_pdf(library.get(draft.form_id), draft, tmp_path / "plain.pdf")
    assert "数据说明" not in flat(result.path)


def test_signed_counts_keep_their_sign(library, tmp_path):
    form = library.get("2019")
    draft = new_draft(form, 2019, "某某县人民政府办公室")
    draft.values["t2.license.change"] = 37
    draft.values["t2.penalty.change"] = -12
    draft.values["t2.coercion.change"] = 0
    draft.values["t2.procurement.amount"] = Decimal("251000.5")
    result = render_pdf(form, draft, tmp_path / "signed.pdf")
    words = pdftotext(result.path, "-raw").split()
    assert "+37" in words and "\u221212" in words and "-12" not in words
    assert "采购总金额（元）" in flat(result.path)
    assert "251000.5" in words


def test_printed_values():
    assert printed_value(-3, Kind.SIGNED) == "\u22123"
    assert printed_value(5, Kind.SIGNED) == "+5"
    assert printed_value(0, Kind.SIGNED) == "0"
    assert printed_value(5, Kind.COUNT) == "5"
    assert printed_value(NA, Kind.SIGNED) == "/"
    assert printed_value(None, Kind.SIGNED) == ""


def test_the_attachment_note_names_the_attachment_by_its_own_title(library, tmp_path):
    draft = demo_draft(library)
    result = render_pdf(library.get(draft.form_id), draft, tmp_path / "demo.pdf")
    lines = pdftotext(result.path, "-raw").splitlines()
    note = next(line for line in lines if line.startswith("附件："))
    title = note.removeprefix("附件：")
    at = lines.index("附件")  # the attachment page's label, then its title
    assert lines[at + 1] == title


def test_the_imprint_is_printed_when_given(library, tmp_path):
    draft = demo_draft(library)
    form = library.get(draft.form_id)
    draft.report["print_office"] = "信丰县人民政府办公室"
    draft.report["print_date"] = "2018.1.12"
    result = render_pdf(form, draft, tmp_path / "imprint.pdf")
    last = pdftotext(result.path, "-raw").split("\f")[result.pages - 1]
    assert "2018年1月12日印发" in "".join(last.split())
    assert "信丰县人民政府办公室" in last
    plain = render_pdf(form, demo_draft(library), tmp_path / "plain.pdf")
    assert "日印发" not in flat(plain.path)


def test_signatory_labels_stay_on_one_line(library, tmp_path):
    draft = demo_draft(library)
    result = render_pdf(library.get(draft.form_id), draft, tmp_path / "sign.pdf")
    lines = pdftotext(result.path, "-raw").splitlines()
    assert any("单位负责人：" in line for line in lines)
    assert any("联系电话：" in line for line in lines)
