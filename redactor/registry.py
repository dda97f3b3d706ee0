"""Versioned name -> "module:Class" tables, resolved lazily with importlib.

This module imports no stage, so any stage may use it.  Add a new recogniser,
region detector or OCR engine by adding one line here (and, for recognisers,
one entry in ``configs/recognizers.yaml``).
"""

from __future__ import annotations

import importlib
from typing import Any

from redactor.errors import ConfigError

OCR_ENGINES: dict[str, str] = {
    "rapidocr.v1": "redactor.ingest.ocr.rapidocr_engine:RapidOcrEngine",
    "paddleocr.v1": "redactor.ingest.ocr.paddleocr_engine:PaddleOcrEngine",
}

RECOGNIZERS: dict[str, str] = {
    "cn_resident_id.v1": "redactor.detect.recognizers.cn_resident_id_recognizer:CnResidentIdRecognizer",
    "cn_mobile.v1": "redactor.detect.recognizers.cn_phone_recognizer:CnMobileRecognizer",
    "cn_landline.v1": "redactor.detect.recognizers.cn_phone_recognizer:CnLandlineRecognizer",
    "email.v1": "redactor.detect.recognizers.email_recognizer:EmailRecognizer",
    "lac_ner.v1": "redactor.detect.recognizers.lac_ner_recognizer:LacNerRecognizer",
    "cn_labelled_field.v1": "redactor.detect.recognizers.cn_labelled_field_recognizer:CnLabelledFieldRecognizer",
    "cn_organization.v1": "redactor.detect.recognizers.cn_organization_recognizer:CnOrganizationRecognizer",
    "cn_bio_name.v1": "redactor.detect.recognizers.cn_bio_name_recognizer:CnBioNameRecognizer",
}

# Built per document from the applicant profile (ad-hoc recognisers).
PROFILE_RECOGNIZERS: dict[str, str] = {
    "applicant_value.v1": "redactor.detect.recognizers.applicant_value_recognizer:ApplicantValueRecognizer",
}

REGION_DETECTORS: dict[str, str] = {
    "portrait.v1": "redactor.detect.regions.portrait:PortraitDetector",
    "qr_code.v1": "redactor.detect.regions.qrcode:QrCodeDetector",
    "seal.v1": "redactor.detect.regions.seal:SealDetector",
    "signature.v1": "redactor.detect.regions.signature:SignatureDetector",
    "photo_slot.v1": "redactor.detect.regions.photo_slot:PhotoSlotDetector",
}

EXECUTORS: dict[str, str] = {
    "serial": "redactor.batch.executor:SerialExecutor",
    "process": "redactor.batch.executor:ProcessPoolExecutor",
}


def resolve(table: dict[str, str], name: str, kind: str) -> Any:
    """Return the class registered as ``name``; unknown names list the valid ones."""
    try:
        target = table[name]
    except KeyError:
        valid = ", ".join(sorted(table))
        raise ConfigError(f"unknown {kind} {name!r}; valid names: {valid}") from None
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr)
