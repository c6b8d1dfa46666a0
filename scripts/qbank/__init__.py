"""qbank: turn the YAML question bank into Markdown pages (load -> validate -> render -> write)."""
