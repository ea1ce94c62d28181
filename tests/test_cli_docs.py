"""The docs must match the CLI (datasette-style)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kapextract.cli import COMMANDS, build_parser, parse_args

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import update_cli_docs  # noqa: E402


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == update_cli_docs.render(), "docs/cli.md is stale: run scripts/update_cli_docs.py"


def test_readme_mentions_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"kapextract {name}" in readme, f"README does not mention `kapextract {name}`"


def test_quick_start_is_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("\n\n", 2)[1]
    assert [line.strip() for line in block.strip().splitlines()] == ["make demo", "make test"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(name, capsys):
    with pytest.raises(SystemExit) as exc:
        parse_args([name, "--help"])
    assert exc.value.code == 0
    assert "usage: kapextract " + name in capsys.readouterr().out


def test_every_handler_resolves():
    from kapextract.cli import resolve_handler

    for name in COMMANDS:
        assert callable(resolve_handler(name))


def test_version_from_console_entry_point():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-m", "kapextract", "--version"], capture_output=True, text=True, env=env)
    assert out.returncode == 0
    from kapextract import __version__

    assert out.stdout.strip() == f"kapextract {__version__}"


def test_parser_builds():
    assert build_parser().prog == "kapextract"
