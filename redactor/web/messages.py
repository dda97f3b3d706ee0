"""What a user of the web app reads when something goes wrong: plain Chinese, the technical line behind 详情.

The command line's errors are one English line for operators and scripts (docs/errors.md); an applicant at
the self-check page needs to know what to do, in the notices' words.  Each error class and message maps to
a sentence here; the original line is kept as the detail, shown only on request.
"""

from __future__ import annotations

import re

from redactor.errors import EncryptedPdfError, InputFileError, ProfileError, RedactorError, VerificationFailedError

# (pattern of the English message, what the applicant reads)
_INPUT = (
    (r"file is empty", "文件是空的（0 字节），请重新导出后再上传。"),
    (r"not a PDF", "这个文件不是有效的 PDF，请重新导出为 PDF 后再上传。"),
    (r"truncated or damaged|cannot be opened|corrupt", "文件不完整或已损坏，请重新导出后再上传。"),
    (r"has no pages", "这个 PDF 没有页面。"),
    (r"more than ingest\.max_pages|pages, more than", "页数超过上限，请拆分后再上传。"),
    (r"absurd size", "页面尺寸异常，请重新导出后再上传。"),
    (r"unsupported file type", "文件格式不支持：只接受 PDF、PNG、JPG、TIF。"),
    (r"image|decompress|pixels", "图片无法读取，请重新扫描或导出后再上传。"),
)
# a file whose worker process died under it alone, or again when read alone (``jobs._Deal``)
PROCESS_DIED = "处理这个文件时后台进程意外退出（可能是内存不足），请稍后重试；仍然失败时请拆分后再上传。"
_FIELDS = {"name": "姓名", "id_number": "身份证号", "phones": "手机号码", "employers": "工作单位",
           "name_aliases": "曾用名", "emails": "电子邮箱"}
_FIELD_HINTS = {"id_number": "请逐位核对身份证号（最后一位校验码不符）", "phones": "请填写 11 位手机号码",
                "emails": "请填写完整的邮箱地址"}


def user_message(exc: RedactorError) -> tuple[str, str]:
    """(what the applicant reads, the technical line behind 详情) for ``exc``."""
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, EncryptedPdfError):
        return "PDF 设有密码，请去除密码（例如用“打印为 PDF”另存）后再上传。", detail
    if isinstance(exc, InputFileError):
        for pattern, text in _INPUT:
            if re.search(pattern, detail, re.I):
                return text, detail
        return "文件无法读取，请重新导出后再上传。", detail
    if isinstance(exc, ProfileError):
        return profile_message(detail), detail
    if isinstance(exc, VerificationFailedError):
        return "脱敏后仍能找到您的个人信息，未生成文件；请把此文件交给管理员处理。", detail
    return "处理这个文件时出错。", detail


def profile_message(detail: str) -> str:
    """申请人信息有误：<which field> ... from a profile error's English line (its value is never in it)."""
    for field, label in _FIELDS.items():
        if re.search(rf"\b{field}\b", detail):
            hint = _FIELD_HINTS.get(field, "请检查填写的内容")
            return f"申请人信息有误：{label}填写不正确，{hint}。"
    return "申请人信息有误，请检查填写的内容。"
