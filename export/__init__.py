"""Exports: chart images, data tables and board packs.

- export.images: PNG/SVG of plotly figures (the only kaleido caller), the OGL source line and
  `decorate_for_export` (title, subtitle, source note on a copy of a figure).
- export.tables: CSV (UTF-8 with BOM) and formatted Excel workbooks, both guarded against formula
  injection.
- export.board_pack: PackItem/PackMeta and build_pptx/build_pdf (built by export.pack_pptx and
  export.pack_pdf from the shared preparation in export.pack_content).
- errors.ExportError (the project's one error family): its message is a plain-English sentence.
"""
