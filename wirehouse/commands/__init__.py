"""The commands of `wirehouse` (the app and its entry point are in `wirehouse.cli`).

`parse` reads files and shows them; `night` runs the night (`ingest` once, `serve` on its
schedule); `operations` holds the local UI and reprocessing; `options` what they share.
"""
