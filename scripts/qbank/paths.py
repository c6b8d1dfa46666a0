"""Where things live in the repository (the package is installed from scripts/ in place)."""

from pathlib import Path

# Relative to the project root (the folder of mkdocs.yml).
BANK_FILE = Path("questions/bank.yml")
GENERATED_DIR = Path(".generated")  # generated Markdown: git-ignored, rewritten on every build
NOTEBOOK_CACHE_DIR = Path(".cache/qbank-notebooks")  # executed snippet notebooks: git-ignored
EXPORT_CACHE_DIR = Path(".cache/qbank-exports")  # the last Anki deck built: git-ignored

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / BANK_FILE
GENERATED = ROOT / GENERATED_DIR
NOTEBOOK_CACHE = ROOT / NOTEBOOK_CACHE_DIR
SCHEMA = ROOT / "questions" / "schema.json"
TEMPLATES = Path(__file__).resolve().parent / "templates"
