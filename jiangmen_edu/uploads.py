"""Evidence files, the one way in and out: what may be uploaded, under what name, and how a
stored file is served (docs/rules.md#evidence; seat projects and assessment items use it).

A file is accepted when its extension is one of `KINDS` *and* its content is that kind of
file: a PDF starts with %PDF-, an image with its format's signature, and a Word, Excel or
PowerPoint file is a zip whose `[Content_Types].xml` declares the right main part, which the
zip holds. The zip is inspected without unpacking it: only its directory is read (and the
content-types part, up to a limit), and one that would unpack too far, holds too many parts,
macros or programs is refused. Programs, old Office files (which cannot be checked and may
carry macros) and anything whose content does not match its extension are refused.

The name the user gave is kept for downloads only, made safe (`safe_name`): no folders, no
control or direction characters, at most 200 characters with the extension kept. Files are
stored under a random name of ours and served as attachments with the content type of their
checked kind and `X-Content-Type-Options: nosniff`, never from a public media URL.
"""

import os
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO
from xml.etree import ElementTree

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.functional import lazy
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
NAME_LENGTH = 200  # the models' `original_name` columns

# Office files are zips: read their directory, never unpack them. A 10 MB Office file unpacks
# to some tens of MB (XML compresses 5–20 : 1, images not at all); a bomb, to gigabytes.
MAX_MEMBERS = 5_000
MAX_DIRECTORY_BYTES = 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
CONTENT_TYPES = "[Content_Types].xml"
OPC = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@dataclass(frozen=True)
class Kind:
    """An accepted kind of file: its name, the content type it is served with, and for an
    Office file the content type of its main part."""

    name: str
    content_type: str
    main_part: str = ""


PDF = Kind("PDF", "application/pdf")
PNG = Kind("PNG", "image/png")
JPEG = Kind("JPEG", "image/jpeg")
DOCX = Kind(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
)
XLSX = Kind(
    "XLSX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
PPTX = Kind(
    "PPTX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
)
KINDS = {".pdf": PDF, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}
KINDS |= {".docx": DOCX, ".xlsx": XLSX, ".pptx": PPTX}
OFFICE = (DOCX, XLSX, PPTX)
OLD_OFFICE = {".doc", ".xls", ".ppt", ".docm", ".xlsm", ".pptm"}

SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
# Windows and Unix programs, Mach-O and scripts: refused with their own message.
PROGRAMS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"#!")
# Inside an Office zip: macros, and programs someone packed in as parts.
UNSAFE_PARTS = re.compile(
    r"(vbaProject\.bin|\.(exe|dll|com|scr|bat|cmd|msi|ps1|vbs|js|jar|hta|lnk))$", re.IGNORECASE
)
UNSAFE_NAME_CHARACTERS = re.compile(r'[<>:"|?*]')


class _Refused(Exception):
    """Inside the sniffing: the message for the user."""


def safe_name(name: str, limit: int = NAME_LENGTH) -> str:
    """The user's file name, safe to keep and to send back: its last path part only (either
    separator), no control, formatting or direction characters ("report", U+202E, "fdp.exe"
    shows as "reportexe.pdf"), none of the characters Windows forbids, spaces
    squeezed, no leading or trailing dots, and at most `limit` characters with the extension
    kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    kept = []
    for char in name:
        category = unicodedata.category(char)
        if category.startswith("Z"):  # any space, the ideographic one included
            kept.append(" ")
        elif not category.startswith("C"):
            kept.append(char)
    name = " ".join(UNSAFE_NAME_CHARACTERS.sub("_", "".join(kept)).split()).strip(" .")
    stem, extension = os.path.splitext(name)
    if len(extension) > 10:  # not an extension: part of a long name with a dot
        stem, extension = name, ""
    stem = stem[: limit - len(extension)].rstrip(" .") or "file"
    return stem + extension


def kind_of(name: str) -> Kind | None:
    """The accepted kind a file name's extension says, or None."""
    return KINDS.get(os.path.splitext(name)[1].lower())


def check_upload(file) -> tuple[str, Kind]:
    """Refuse a file that is too large, of a kind we do not take, or not what its name says.

    Returns the safe name to keep (`safe_name`) and the file's kind; raises
    `ValidationError({"file": …})`. Leaves the file at its start.
    """
    name = safe_name(file.name)
    extension = os.path.splitext(name)[1].lower()
    if file.size is not None and file.size > MAX_BYTES:
        raise _error(_("The file is larger than %(size)s MB.") % {"size": MAX_BYTES >> 20})
    if extension in OLD_OFFICE:
        raise _error(
            _(
                "Older or macro-enabled Office files cannot be checked and may carry macros: "
                "please save the file as .docx, .xlsx or .pptx and upload it again."
            )
        )
    kind = KINDS.get(extension)
    if kind is None:
        raise _error(_("Upload a PDF, an image (PNG, JPEG) or an Office file (DOCX, XLSX, PPTX)."))
    try:
        found = sniff(file)
    except _Refused as refused:
        raise _error(str(refused)) from None
    if file.size == 0 or found != kind:
        raise _error(_("The file's content is not a %(kind)s file.") % {"kind": kind.name})
    return name, kind


def sniff(file: IO[bytes]) -> Kind | None:
    """The kind of file its content says it is, or None; reads the first bytes and, for a
    zip, its directory and content-types part. Raises `_Refused` for a program or an unsafe
    zip. Leaves the file at its start."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(PROGRAMS):
        raise _Refused(_("Programs cannot be uploaded."))
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            return _office_kind(file)
        finally:
            file.seek(0)
    return None


def _unsafe_zip() -> _Refused:
    return _Refused(
        _(
            "The file unpacks to more than %(max)s MB, holds too many parts or is packed "
            "unusually; it cannot be checked safely."
        )
        % {"max": MAX_UNPACKED_BYTES >> 20}
    )


def _directory_size(file: IO[bytes]) -> tuple[int, int] | None:
    """The number of entries and the size of the directory the zip's end record declares,
    read before `zipfile` parses the whole directory; None if there is no end record."""
    file.seek(0, os.SEEK_END)
    size = file.tell()
    tail_size = min(size, 22 + 0xFFFF)  # the end record and the longest comment
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    entries, directory_bytes = struct.unpack("<HI", tail[at + 10 : at + 16])
    return entries, directory_bytes


class UnsafeZip(Exception):
    """A zip whose directory alone shows it unsafe to open further."""


def open_bounded_zip(
    file: IO[bytes], *, max_unpacked: int, max_ratio: int
) -> zipfile.ZipFile | None:
    """The zip in `file`, opened only once its directory is bounded; None if it is no zip.

    The end record must declare at most `MAX_MEMBERS` entries in at most
    `MAX_DIRECTORY_BYTES` (zipfile would parse any directory whole), and the members together
    may unpack to at most `max_unpacked` bytes, none above `RATIO_CHECKED_ABOVE` compressed
    more than `max_ratio` : 1, none encrypted; otherwise `UnsafeZip`. Nothing is unpacked.
    The caller closes the archive. Used for evidence files and for Excel imports alike.
    """
    declared = _directory_size(file)
    if declared is None:
        return None
    # 0xFFFF entries or 0xFFFFFFFF bytes mean zip64, which no upload of ours needs.
    entries, directory_bytes = declared
    if entries > MAX_MEMBERS or directory_bytes > MAX_DIRECTORY_BYTES:
        raise UnsafeZip
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    members = archive.infolist()
    if (
        len(members) > MAX_MEMBERS
        or sum(member.file_size for member in members) > max_unpacked
        or any(_encrypted(member) or _packed_past(member, max_ratio) for member in members)
    ):
        archive.close()
        raise UnsafeZip
    return archive


def _encrypted(member: zipfile.ZipInfo) -> bool:
    return bool(member.flag_bits & 0x1)  # its content cannot be checked


def _packed_past(member: zipfile.ZipInfo, max_ratio: int) -> bool:
    return member.file_size > RATIO_CHECKED_ABOVE and member.file_size > max_ratio * max(
        member.compress_size, 1
    )


def _office_kind(file: IO[bytes]) -> Kind | None:
    try:
        archive = open_bounded_zip(
            file, max_unpacked=MAX_UNPACKED_BYTES, max_ratio=MAX_COMPRESSION_RATIO
        )
    except UnsafeZip:
        raise _unsafe_zip() from None
    if archive is None:
        return None
    try:
        with archive:
            members = archive.infolist()
            if any(UNSAFE_PARTS.search(member.filename) for member in members):
                raise _Refused(_("Files with macros or programs inside cannot be uploaded."))
            names = {member.filename.lower(): member for member in members}
            if CONTENT_TYPES.lower() not in names:
                return None
            with archive.open(names[CONTENT_TYPES.lower()]) as part:
                content_types = part.read(MAX_CONTENT_TYPES_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    except NotImplementedError:  # an unknown compression method
        raise _unsafe_zip() from None
    if len(content_types) > MAX_CONTENT_TYPES_BYTES or re.search(
        rb"<!(DOCTYPE|ENTITY)", content_types, re.IGNORECASE
    ):
        raise _unsafe_zip()
    try:
        root = ElementTree.fromstring(content_types)
    except ElementTree.ParseError:
        return None
    overrides = {
        override.get("PartName", "").lstrip("/").lower(): override.get("ContentType", "")
        for override in root.iter(f"{OPC}Override")
    }
    if any("macroenabled" in content_type.lower() for content_type in overrides.values()):
        raise _Refused(_("Files with macros or programs inside cannot be uploaded."))
    for kind in OFFICE:
        parts = [part for part, content_type in overrides.items() if content_type == kind.main_part]
        if parts and all(part in names for part in parts):
            return kind
    return None


def _error(message: str) -> ValidationError:
    return ValidationError({"file": message})


def help_text() -> str:
    return _("Up to %(size)s MB: %(types)s.") % {
        "size": MAX_BYTES >> 20,
        "types": ", ".join(dict.fromkeys(kind.name for kind in KINDS.values())),
    }


def evidence_field(**options) -> forms.FileField:
    """The form field of an evidence file: the browser offers the accepted kinds, the help
    text says them and the size limit (the service checks again, by content)."""
    widget = forms.ClearableFileInput(attrs={"accept": ",".join(KINDS)})
    return forms.FileField(widget=widget, help_text=lazy(help_text, str)(), **options)


def download(stored: FieldFile, name: str) -> FileResponse:
    """Serve a stored evidence file as an attachment under the user's (safe) name, with the
    content type of the kind it was checked as (from our stored name, which keeps the
    extension even where an old row's user name lost it), and never sniffed by the browser.
    The caller has checked the user's scope first."""
    kind = kind_of(stored.name) or kind_of(name)
    name = safe_name(name)
    if kind is not None and kind_of(name) is None:
        name = safe_name(name, NAME_LENGTH - 5) + os.path.splitext(stored.name)[1].lower()
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
