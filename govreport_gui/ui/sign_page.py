"""签署与打印: who signs the report, its date and status, then the PDF and printing.

The date is kept as the text printed on the report (e.g. "2026年11月27日"); a date
written differently in an imported draft (the sample's "2018.2.12") is kept as it is
until the clerk picks another date.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
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
from ..core.filenames import safe_file_name
from ..storage.base import Status
from .session import DraftSession
from .widgets import InlineMessage, Page, guidance_label, title_label

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

    def __init__(self, session: DraftSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        draft = session.draft
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("签署与打印", self))
        layout.addWidget(
            guidance_label(
                "填写报告末尾的签署栏，核对报告状态，然后保存 PDF 或打印，也可以导出 Word、Excel 或网页。",
                self,
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields: dict[str, QLineEdit] = {}

        self.unit = self._line("填报单位", draft.unit, form, "unit")
        self.unit.editingFinished.connect(self._unit_finished)
        self.unit.textChanged.connect(self._unit_edited)
        for key, label in PEOPLE:
            edit = self._line(label, draft.signatories.get(key, ""), form, key)
            edit.textChanged.connect(lambda text, key=key: self._signatory(key, text))
        phone = self._line(SIGNATORIES["phone"], draft.signatories.get("phone", ""), form, "phone")
        phone.textChanged.connect(lambda text: self._signatory("phone", text))

        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(DATE_FORMAT)
        self.date.setAccessibleName("填报日期")
        self.date_note = QLabel(self)
        self.date_note.setStyleSheet("color: #4a5563;")
        stored = draft.signatories.get("date", "")
        shown = parse_date_text(stored) if stored else None
        self.date.setDate(shown or QDate.currentDate())
        self.date.dateChanged.connect(self._date_changed)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.date_note, 1)
        date_label = QLabel("填报日期(&D)：", self)
        date_label.setBuddy(self.date)
        form.addRow(date_label, date_row)
        if not stored and not session.read_only:
            self._store_date()  # default: today, printed as shown
        self._show_date_note()

        self.status = QComboBox(self)
        for status in Status:
            self.status.addItem(status.label, status.value)  # a StrEnum comes back as str
        self.status.setAccessibleName("报告状态")
        self.status.setToolTip("已报送的报告会锁定，修改前须先解锁")
        self.status.activated.connect(self._status_chosen)
        status_label = QLabel("报告状态(&S)：", self)
        status_label.setBuddy(self.status)
        form.addRow(status_label, self.status)
        layout.addLayout(form)
        layout.addWidget(self._build_report_fields())

        self.field_message = InlineMessage(self)
        layout.addWidget(self.field_message)
        self.check_message = InlineMessage(self)
        layout.addWidget(self.check_message)

        buttons = QHBoxLayout()
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
        layout.addLayout(buttons)
        self.result = InlineMessage(self)
        layout.addWidget(self.result)
        layout.addStretch(1)

        session.findingsChanged.connect(self.refresh_checks)
        session.draftChanged.connect(self.refresh_checks)
        session.draftChanged.connect(self._show_report_defaults)
        session.statusChanged.connect(self._apply_status)
        self._apply_status()
        self.refresh_checks()

    def focus_first(self) -> None:
        self.unit.setFocus(Qt.FocusReason.TabFocusReason)

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
        self.issue_date_note = QLabel(box)
        self.issue_date_note.setStyleSheet("color: #4a5563;")
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

    def show_result(self, message: str, kind: str = "ok") -> None:
        self.result.show_message(message, kind)

    def default_file_name(self) -> str:
        title = self.session.draft.title(self.session.form)
        return safe_file_name(title) + ".pdf"
