"""Values written after a form label: 姓名：王某某, 工作单位：某某公司, 身份证号：…

Application forms label their fields; the value right after 姓名 on a 评审表 is
the applicant.  The label (not the value) is recorded in the explanation.  The
same findings let the pipeline infer the applicant when no profile is given.
"""

from __future__ import annotations

import regex

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

_SEP = r"[ \t\u3000]*[:：]?[ \t\u3000]*"

# (entity, label alternatives, value pattern)
FIELDS: list[tuple[str, str, str]] = [
    ("PERSON", r"(?:申报人|申请人|参评人|被考核人)?姓\s*名", r"(?:[\p{Han}]{2,4}(?![\p{Han}])|[\p{Han}](?:[ \u3000][\p{Han}]){1,3}(?![\p{Han}]))"),
    # a former name, in its own cell (on the next line of an OCR reading) and as OCR reads it: 王颖 read E颖
    ("PERSON", r"曾\s*用\s*名(?:[ \t\u3000]*[:：]?[ \t\u3000]*\n)?", r"(?=[A-Z]?[\p{Han}])[\p{Han}A-Z]{2,4}(?![\p{Han}])"),
    ("ORGANIZATION", r"(?:工作单位|所在单位|单位名称|申报单位|现工作单位)", r"[\p{Han}（）()A-Za-z0-9]{4,40}"),
    ("CN_RESIDENT_ID", r"(?:公民)?身份(?:证|证件)?(?:号码|号)", r"[0-9０-９Xx \-]{15,22}"),
    ("CN_MOBILE", r"(?:联系电话|手机号码|手机号|手机|移动电话)", r"[0-9０-９+＋ \-()（）]{7,20}"),
    ("EMAIL_ADDRESS", r"(?:电子邮箱|邮箱|E-?mail)", r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+"),
]


class CnLabelledFieldRecognizer(EntityRecognizer):
    NAME = "cn_labelled_field.v1"

    def __init__(self, supported_language: str = "zh", name: str | None = None, score: float = 0.9,
                 supported_entities: list[str] | None = None, context: list[str] | None = None) -> None:
        self.score = score
        self._patterns = [
            (ent, regex.compile(f"(?P<label>{label}){_SEP}(?P<value>{value})")) for ent, label, value in FIELDS
        ]
        super().__init__(supported_entities=supported_entities or sorted({f[0] for f in FIELDS}),
                         name=name or self.NAME, supported_language=supported_language, version="1", context=context)

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        out = []
        for ent, pat in self._patterns:
            if entities and ent not in entities:
                continue
            for m in pat.finditer(text):
                start, end = m.span("value")
                while end > start and text[end - 1] in " \u3000-":
                    end -= 1
                if end - start < 2:
                    continue
                label = "".join(m.group("label").split())
                expl = AnalysisExplanation(recognizer=self.name, original_score=self.score,
                                           pattern_name=f"label:{ent}", textual_explanation=f"value after label {label}")
                out.append(RecognizerResult(ent, start, end, self.score, expl, recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name, "label": label}))
        return out
