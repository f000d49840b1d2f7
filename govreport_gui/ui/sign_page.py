"""签署与打印: who signs the report, its date and status, then the PDF and printing.

The date is kept as the text printed on the report (e.g. "2026年11月27日"); a date
written differently in an imported draft (the sample's "2018.2.12") is kept as it is
until the clerk picks another date.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..core.dates import official_date, parse_date
from ..core.draft import REPORT_FIELDS, SIGNATORIES, SIGNERS
from ..core.errors import GovreportError, ValueInputError
from ..storage.base import Status
from .session import DraftSession
from .widgets import GUIDANCE_STYLE, InlineMessage, Page, guidance_label, title_label
from .zero_fill import fill_zero

DATE_FORMAT = "yyyy年M月d日"
#: The people who sign, in print order (keys of Draft.signatories), with their labels.
PEOPLE = tuple((key, SIGNATORIES[key]) for key in SIGNERS)


EXPORT_BUTTONS = (  # beside 保存PDF: the same files as 文件 → 导出
    ("docx", "Word…", "保存为可编辑的 Word 文档（.docx）"),
    ("xlsx", "Excel…", "把统计表保存为 Excel 工作簿（.xlsx）"),
    ("html", "网页…", "保存为可上传到门户网站的网页（.html）"),
)


def parse_date_text(text: str) -> QDate | None:
    try:
        day = parse_date(text)
    except ValueInputError:
        return None
    return QDate(day.year, day.month, day.day) if day else None


class SignPage(Page):
    pdfRequested = Signal()
    exportRequested = Signal(str)  # docx, xlsx, html (ui/export_actions.py)
    copyHtmlRequested = Signal()
    printRequested = Signal()
    statusRequested = Signal(object)  # Status

    jumpRequested = Signal(str)  # a blank cell to show

    def __init__(self, session: DraftSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.fields: dict[str, QLineEdit] = {}
        self._font_note: Callable[[], str] | None = None  # see set_font_note
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("签署与打印", self))
        layout.addWidget(
            guidance_label(
                "填写报告末尾的签署栏，核对报告状态，然后保存 PDF 或打印，也可以导出 Word、Excel 或网页。",
                self,
            )
        )
        columns = QHBoxLayout()  # side by side: the print buttons stay on a laptop's screen
        columns.addLayout(self._build_signatories(), 1)
        columns.addWidget(self._build_report_fields(), 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(columns)
        self.field_message = InlineMessage(self)
        layout.addWidget(self.field_message)
        self.check_message = InlineMessage(self)
        layout.addWidget(self.check_message)
        layout.addLayout(self._build_blank_line())
        layout.addLayout(self._build_output_buttons())
        self.result = InlineMessage(self)
        layout.addWidget(self.result)
        self.font_message = InlineMessage(self)  # under the buttons: it can be long
        layout.addWidget(self.font_message)
        layout.addStretch(1)
        session.findingsChanged.connect(self.refresh_checks)
        session.draftChanged.connect(self.refresh_checks)
        session.draftChanged.connect(self._show_report_defaults)
        session.statusChanged.connect(self._apply_status)
        self._apply_status()
        self.refresh_checks()

    def _build_signatories(self) -> QFormLayout:
        """填报单位, the people who sign, 联系电话, 填报日期 and the report's status."""
        draft = self.session.draft
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.unit = self._line("填报单位", draft.unit, form, "unit")
        self.unit.editingFinished.connect(self._unit_finished)
        self.unit.textChanged.connect(self._unit_edited)
        for key, label in PEOPLE:
            edit = self._line(label, draft.signatories.get(key, ""), form, key)
            edit.textChanged.connect(lambda text, key=key: self._signatory(key, text))
        phone = self._line(SIGNATORIES["phone"], draft.signatories.get("phone", ""), form, "phone")
        phone.textChanged.connect(lambda text: self._signatory("phone", text))
        date_label = QLabel("填报日期(&D)：", self)
        form.addRow(date_label, self._build_date())
        date_label.setBuddy(self.date)
        self.status = QComboBox(self)
        for status in Status:
            self.status.addItem(status.label, status.value)  # a StrEnum comes back as str
        self.status.setAccessibleName("报告状态")
        self.status.setToolTip("已报送的报告会锁定，修改前须先解锁")
        self.status.activated.connect(self._status_chosen)
        status_label = QLabel("报告状态(&S)：", self)
        status_label.setBuddy(self.status)
        form.addRow(status_label, self.status)
        return form

    def _build_date(self) -> QHBoxLayout:
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(DATE_FORMAT)
        self.date.setAccessibleName("填报日期")
        self.date_note = QLabel(self)
        self.date_note.setStyleSheet(GUIDANCE_STYLE)
        self.date_note.setWordWrap(True)
        stored = self.session.draft.signatories.get("date", "")
        shown = parse_date_text(stored) if stored else None
        self.date.setDate(shown or QDate.currentDate())
        self.date.dateChanged.connect(self._date_changed)
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(self.date_note, 1)
        if not stored and not self.session.read_only:
            self._store_date()  # default: today, printed as shown
        self._show_date_note()
        return row

    def _build_blank_line(self) -> QHBoxLayout:
        """How many cells are still blank, before the print buttons, with the two ways on."""
        row = QHBoxLayout()
        self.blank_message = InlineMessage(self)
        self.blank_jump = QPushButton("转到空白格(&J)", self)
        self.blank_jump.clicked.connect(self.jump_to_blank)
        self.blank_fill = QPushButton("空白格填 0…", self)
        self.blank_fill.setToolTip("没有发生的事项填 0（只填允许填 0 的格；可以撤销）")
        self.blank_fill.clicked.connect(self.fill_blanks)
        row.addWidget(self.blank_message, 1)
        row.addWidget(self.blank_jump, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.blank_fill, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _build_output_buttons(self) -> QHBoxLayout:
        """The report's outputs; more (Word, Excel…) go in this row."""
        self.output_buttons = buttons = QHBoxLayout()
        self.pdf_button = QPushButton("保存PDF(&V)…", self)
        self.pdf_button.clicked.connect(self.pdfRequested)
        self.print_button = QPushButton("打印(&P)…", self)
        self.print_button.setToolTip("生成 PDF 并用系统的 PDF 阅读器打开，在阅读器中打印")
        self.print_button.clicked.connect(self.printRequested)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        for name, text, tip in EXPORT_BUTTONS:
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, n=name: self.exportRequested.emit(n))
            buttons.addWidget(button)
        self.copy_html_button = QPushButton("复制网页格式", self)
        self.copy_html_button.setToolTip("把报告以网页格式放到剪贴板，粘贴到网站编辑器")
        self.copy_html_button.clicked.connect(self.copyHtmlRequested)
        buttons.addWidget(self.copy_html_button)
        buttons.addStretch(1)
        return buttons

    def focus_first(self) -> None:
        """The keys in 填报单位, its text not selected: typing must not replace the name."""
        self.unit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.unit.deselect()
        self.unit.end(False)

    def _line(self, label: str, text: str, form: QFormLayout, key: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setAccessibleName(label)
        edit.setMaxLength(200)
        caption = QLabel(f"{label}：", self)
        caption.setBuddy(edit)
        form.addRow(caption, edit)
        self.fields[key] = edit
        return edit

    def _build_report_fields(self) -> QGroupBox:
        """报告标题, 主送机关, 落款单位, 成文日期: blank prints the default shown greyed."""
        box = QGroupBox("报告标题与落款（可选，不填则按灰色提示印）", self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.report_fields: dict[str, QLineEdit] = {}
        for key, label in REPORT_FIELDS.items():
            edit = QLineEdit(self.session.draft.report.get(key, ""), box)
            edit.setAccessibleName(label)
            edit.setMaxLength(200)
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(lambda text, key=key: self._report_field(key, text))
            caption = QLabel(f"{label}：", box)
            caption.setBuddy(edit)
            form.addRow(caption, edit)
            self.report_fields[key] = edit
            self.fields[f"report.{key}"] = edit
        self.report_fields["addressee"].setPlaceholderText(
            "不印主送机关（如需要，例如：县人民政府）"
        )
        self.report_fields["print_office"].setPlaceholderText(
            "不印版记（如需要，例如：信丰县人民政府办公室）"
        )
        self.report_fields["print_date"].setPlaceholderText("版记的印发日期，例如：2018年1月12日")
        self.issue_date_note = QLabel(box)
        self.issue_date_note.setStyleSheet(GUIDANCE_STYLE)
        self.issue_date_note.setWordWrap(True)
        form.addRow("", self.issue_date_note)
        self._show_report_defaults()
        return box

    def _show_report_defaults(self) -> None:
        """The greyed defaults follow the unit name and the 填报日期."""
        draft = self.session.draft
        self.report_fields["title"].setPlaceholderText(draft.default_title(self.session.form))
        self.report_fields["issuer"].setPlaceholderText(draft.unit)
        signed = draft.signatories.get("date", "")
        self.report_fields["issue_date"].setPlaceholderText(
            f"与填报日期相同（{signed}）" if signed else "与填报日期相同"
        )
        typed = self.report_fields["issue_date"].text().strip()
        if typed and parse_date_text(typed) is None:
            try:
                official_date(typed, "成文日期")
                note = f"“{typed}”不是日期（例如 2024年1月20日），将按所填文字原样印在报告上"
            except ValueInputError as exc:
                note = f"{exc}，请改正后再生成 PDF"
            self.issue_date_note.setText(note)
            self.issue_date_note.show()
        else:
            self.issue_date_note.clear()
            self.issue_date_note.hide()

    # -- fields ------------------------------------------------------------------------

    def _signatory(self, key: str, text: str) -> None:
        if self.session.read_only or text.strip() == self.session.draft.signatories.get(key, ""):
            return
        try:
            self.session.set_signatory(key, text)
        except GovreportError as exc:
            self.field_message.show_message(str(exc))

    def _report_field(self, key: str, text: str) -> None:
        if not self.session.read_only:
            try:
                self.session.set_report_field(key, text)
            except GovreportError as exc:
                self.field_message.show_message(str(exc))
        self._show_report_defaults()

    def _unit_edited(self, text: str) -> None:
        if self.session.read_only or text.strip() == self.session.draft.unit:
            return
        self.field_message.clear()
        try:
            self.session.set_unit(text)
        except GovreportError as exc:
            self.field_message.show_message(str(exc))

    def _unit_finished(self) -> None:
        if not self.unit.text().strip():  # nothing lost: put the stored name back
            self.unit.setText(self.session.draft.unit)
            self.field_message.clear()

    def _date_changed(self, _date: QDate) -> None:
        if not self.session.read_only:
            self._store_date()
        self._show_date_note()

    def _store_date(self) -> None:
        try:
            self.session.set_signatory("date", self.date.date().toString(DATE_FORMAT))
        except GovreportError as exc:
            self.field_message.show_message(str(exc))

    def _show_date_note(self) -> None:
        stored = self.session.draft.signatories.get("date", "")
        if stored and stored != self.date.date().toString(DATE_FORMAT):
            self.date_note.setText(f"报告上印的是“{stored}”；选择日期后改为所选日期")
        else:
            self.date_note.clear()

    def _status_chosen(self, index: int) -> None:
        status = Status(self.status.itemData(index))
        if status is not self.session.status:
            self.statusRequested.emit(status)
        self._apply_status()

    def _apply_status(self, *_: object) -> None:
        read_only = self.session.read_only
        for edit in self.fields.values():
            edit.setReadOnly(read_only)
        self.date.setReadOnly(read_only)
        self.status.setCurrentIndex(self.status.findData(self.session.status.value))
        self.status.setEnabled(not read_only)

    # -- checks and output -------------------------------------------------------------

    def refresh_checks(self) -> None:
        open_errors = self.session.unexplained_errors()
        if open_errors:
            self.check_message.show_message(
                f"还有 {len(open_errors)} 个错误既未改正也未写说明。现在保存或打印的报告每页都带“草稿”字样；"
                "请回到“审核”页改正或写明说明。",
                "error",
            )
        else:
            self.check_message.show_message("没有未处理的错误，报告可以正式打印。", "ok")
        self._show_blanks()

    def _show_blanks(self, done: str = "") -> None:
        """The count of blank cells (after ``done``, what a fill just did)."""
        blanks = len(self.session.blank_cells())
        for widget in (self.blank_jump, self.blank_fill):
            widget.setVisible(bool(blanks))
        self.blank_fill.setEnabled(not self.session.read_only)
        if blanks:
            self.blank_message.show_message(
                f"{done}还有 {blanks} 个单元格空着（空白不等于 0）。没有发生的事项请填 0，"
                "确实不知道的请核实后再打印。",
                "warning",
            )
        elif done:
            self.blank_message.show_message(done, "ok")
        else:
            self.blank_message.clear()

    def jump_to_blank(self) -> None:
        blanks = self.session.blank_cells()
        if blanks:
            self.jumpRequested.emit(blanks[0])

    def fill_blanks(self) -> int:
        filled, note = fill_zero(self, self.session, self.session.blank_cells(), "全部表格")
        if note:
            self._show_blanks(note)
        return filled

    def set_font_note(self, source: Callable[[], str]) -> None:
        """Where the page reads which fonts the PDF will use (when not the standard ones)."""
        self._font_note = source
        if self.isVisible():
            self.font_message.show_message(source(), "warning")

    def showEvent(self, event: QShowEvent) -> None:
        """Say which fonts the PDF uses when they are not the standard ones (read each time:
        the clerk may install a font or choose another while the window is open)."""
        super().showEvent(event)
        if self._font_note is not None:
            self.font_message.show_message(self._font_note(), "warning")

    def show_result(self, message: str, kind: str = "ok") -> None:
        self.result.show_message(message, kind)

    def default_file_name(self) -> str:
        return self.session.file_name(".pdf")
