"""Bounds on an uploaded spreadsheet, checked before any parser opens it.

A few hundred kilobytes of .xlsx (a zip) can inflate to gigabytes, or to millions of empty cells, and a small CSV
can hold more rows than a request has time to check: openpyxl and tablib read whatever they are given. `check`
looks at the zip's directory (how many members, how much they inflate to, how well they compress) and counts the
rows and cells of its sheets, or of a CSV, with a cheap scan that stops at the bound; `UploadRefused` says which
bound the file went over, in words for the person who sent it.

Between a preview and its confirmation, the file travels in the page, signed: `signed_upload` and
`read_signed_upload`.
"""

import base64
import csv
import io
import re
import zipfile
from dataclasses import dataclass

from django.core import signing
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MB = 1024 * 1024
MAX_MEMBERS = 500  # a workbook of 30 sheets has about 50
MAX_RATIO = 100  # deflate packs repeated text 1000 to 1; real sheets stay well below 100 to 1
RATIO_FROM = MB  # small members (styles, empty sheets) may compress better without harm
CHUNK = MB
# The start tag of a row or a cell, with or without a namespace prefix (<row …>, <c …/>, <x:c>).
TAG = re.compile(rb"<(?:\w{1,32}:)?(row|c)[\s/>]")


@dataclass(frozen=True)
class Limits:
    rows: int  # under the header row
    cells: int
    inflated: int  # bytes, every member of the .xlsx together


class UploadRefused(ValueError):
    pass


def check(content: bytes, file_format: str, limits: Limits) -> None:
    """Raises UploadRefused when the file goes over a bound; a file that is not what it says passes, for its
    reader to refuse in its own words."""
    if file_format == "xlsx":
        check_xlsx(content, limits)
    elif file_format == "csv":
        check_csv(content, limits)


def _too_many_rows(limits: Limits) -> UploadRefused:
    return UploadRefused(
        _("The file has more than %(rows)s rows: split it into files of at most %(rows)s rows each.")
        % {"rows": number_format(limits.rows, force_grouping=True)}
    )


def _too_many_cells(limits: Limits) -> UploadRefused:
    return UploadRefused(
        _("The file has more than %(cells)s cells.") % {"cells": number_format(limits.cells, force_grouping=True)}
    )


def check_csv(content: bytes, limits: Limits) -> None:
    rows = cells = 0
    try:
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig", errors="replace"))):
            if not row:
                continue
            rows, cells = rows + 1, cells + len(row)
            if rows > limits.rows + 1:
                raise _too_many_rows(limits)
            if cells > limits.cells:
                raise _too_many_cells(limits)
    except csv.Error:
        return


def check_xlsx(content: bytes, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise UploadRefused(
                _("The file holds more than %(count)s parts: it is not a workbook saved by a spreadsheet program.")
                % {"count": MAX_MEMBERS}
            )
        # zipfile stops inflating a member at the size its directory declares, so the declared sizes bound what
        # any reader of the file will get out of it.
        if sum(member.file_size for member in members) > limits.inflated:
            raise UploadRefused(
                _("The file unpacks to more than %(size)s MB: a spreadsheet of this kind is much smaller.")
                % {"size": limits.inflated // MB}
            )
        for member in members:
            if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise UploadRefused(
                    _("The file unpacks to more than %(ratio)s times its size, which no real spreadsheet does.")
                    % {"ratio": MAX_RATIO}
                )
        rows = cells = 0
        for member in members:
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            try:
                stream = archive.open(member)
            except Exception:  # encrypted, an unknown compression, a damaged header: as above
                return
            for tags in _tags(stream):
                found_rows = tags.count(b"row")
                rows, cells = rows + found_rows, cells + len(tags) - found_rows
                if rows > limits.rows + 1:
                    raise _too_many_rows(limits)
                if cells > limits.cells:
                    raise _too_many_cells(limits)


def _tags(stream):
    """The row and cell tags of a sheet's XML, a chunk at a time: each chunk is cut before its last "<", so no
    tag is split in two; of what follows that "<", a tag's start is all that needs keeping."""
    rest = b""
    try:
        while chunk := stream.read(CHUNK):
            data = rest + chunk
            cut = data.rfind(b"<")
            data, rest = (data[:cut], data[cut : cut + 64]) if cut >= 0 else (data, b"")
            yield TAG.findall(data)
    except Exception:  # a damaged member (zlib, lzma, CRC): its reader refuses the file in its own words
        return
    yield TAG.findall(rest)


def signed_upload(user, content: bytes, *, salt: str, **facts) -> str:
    """The uploaded file and what its preview was made of (`facts`), signed for this user's confirmation."""
    payload = {"user": user.pk, "content": base64.b64encode(content).decode(), **facts}
    return signing.dumps(payload, salt=salt, compress=True)


def read_signed_upload(token: str, user, *, salt: str, max_age: int, **expected) -> tuple[bytes, dict] | None:
    """The file and the facts of a token signed for this user less than `max_age` seconds ago whose facts include
    `expected` (the same template, the same assessment); None when it expired, was altered or is another's."""
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if payload.get("user") != user.pk or any(payload.get(name) != value for name, value in expected.items()):
        return None
    return base64.b64decode(payload.pop("content")), payload
