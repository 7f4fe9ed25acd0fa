"""The product rules live in the repository (docs/rules.md): code, pages and documents point
there, never to a specification outside the repository or to an issue tracker's numbers, and
every `docs/rules.md#<anchor>` they cite exists."""

import re
from collections import Counter
from pathlib import Path

import pytest

from assessment.scoring.config import ITEM_CODES
from assessment.scoring.notes import NOTES

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "docs" / "rules.md"
SUFFIXES = {".py", ".html", ".md", ".po", ".json", ".txt"}
SKIPPED_DIRS = {
    *(".venv", "venv", ".git", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"),
    *("var", "staticfiles", "build", "results"),
}

# Spelled in pieces so that this file does not match itself.
OUTSIDE_SPEC = re.compile("SPEC" + r"\s*§")
ISSUE_NUMBER = re.compile(r"\bissues?\s*#?\s*\d", re.IGNORECASE)
# `docs/rules.md#<anchor>` anywhere; `rules.md#<anchor>` in a link from a file under docs/.
ANCHOR_REFERENCE = re.compile(r"(?<![\w/.-])(?:docs/)?rules\.md#([\w-]+)")
ANCHOR = re.compile(r'<a id="([^"]+)"></a>')


def repository_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if any(part in SKIPPED_DIRS for part in relative.parts[:-1]):
            continue
        if path.is_file() and path.suffix in SUFFIXES:
            files.append(path)
    return sorted(files)


def lines_matching(pattern: re.Pattern) -> list[str]:
    found = []
    for path in repository_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def anchors() -> list[str]:
    return ANCHOR.findall(RULES.read_text(encoding="utf-8"))


def test_the_files_are_found():
    names = {path.relative_to(ROOT).as_posix() for path in repository_files()}
    assert {"docs/rules.md", "jiangmen_edu/workflow.py", "README.md"} <= names
    assert "locale/zh_Hans/LC_MESSAGES/django.po" in names
    assert not any(name.startswith(".venv/") for name in names)


@pytest.mark.parametrize(
    "pattern", [OUTSIDE_SPEC, ISSUE_NUMBER], ids=["outside-specification", "issue-number"]
)
def test_no_reference_a_reader_of_the_repository_cannot_follow(pattern):
    """Point to `docs/rules.md#<anchor>` (or `docs/<topic>.md`) instead, or say it in words."""
    assert lines_matching(pattern) == []


def test_the_patterns_catch_what_they_are_meant_to():
    assert OUTSIDE_SPEC.search("(" + "SPEC" + " §6 item 2.1)")
    assert ISSUE_NUMBER.search("(issue " + "#7)") and ISSUE_NUMBER.search("Issue " + "5 item 2")
    assert not ISSUE_NUMBER.search("a tissue 5 cm wide") and not ISSUE_NUMBER.search("an issue")
    found = ANCHOR_REFERENCE.findall("(docs/rules.md#item-2-3c) [x](rules.md#i-7) x/rules.md#y")
    assert found == ["item-2-3c", "i-7"]


def test_anchors_are_unique():
    assert [name for name, count in Counter(anchors()).items() if count > 1] == []


def test_every_cited_anchor_exists():
    defined = set(anchors())
    missing = []
    for path in repository_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            for name in ANCHOR_REFERENCE.findall(line):
                if name not in defined:
                    missing.append(f"{path.relative_to(ROOT)}:{number}: #{name}")
    assert missing == []


def test_every_item_and_interpretation_has_its_anchor():
    defined = set(anchors())
    items = {"item-" + code.replace(".", "-") for code in ITEM_CODES}
    interpretations = {code.lower() for code in NOTES}
    assert items - defined == set()
    assert interpretations - defined == set()
