"""The commands of `wirehouse` (the app and its entry point are in `wirehouse.cli`).

`parse` reads files and shows them; `ingest` runs the night once; `operations` holds what
an operator runs around it (serve, ui, reprocess); `options` what they share.
"""
