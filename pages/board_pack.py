"""Board pack: put the charts people added in order, write the cover, and download PowerPoint or PDF."""
from __future__ import annotations

from datetime import date

import streamlit as st

from components.feedback import empty, show_error
from components.text import md
from export.board_pack import PackMeta
from services import board_pack

st.title("Board pack")
pack = board_pack.items()
if not pack:
    empty("The board pack is empty. Use **Add to board pack** beside any chart on the **Area overview** or "
          "the **Indicator explorer**; the charts then appear here to put in order and download as "
          "PowerPoint or PDF.")
    st.stop()

st.caption(f"{len(pack)} item{'s' if len(pack) != 1 else ''}, in the order they will appear in the pack.")
for i, item in enumerate(pack):
    with st.container(border=True):
        text, up, down, out = st.columns([7, 1, 1, 1], vertical_alignment="center")
        text.markdown(f"**{i + 1}\\. {md(item.title)}**  \n{md(item.subtitle)}")
        text.caption(f"{item.kind.capitalize()} · Finding: {md(item.finding) if item.finding else 'none written'}")
        up.button("Up", key=f"up_{i}", icon=":material/arrow_upward:", disabled=i == 0, help="Move earlier",
                  on_click=board_pack.move, args=(pack, i, -1), width="stretch")
        down.button("Down", key=f"down_{i}", icon=":material/arrow_downward:", disabled=i == len(pack) - 1,
                    help="Move later", on_click=board_pack.move, args=(pack, i, 1), width="stretch")
        out.button("Remove", key=f"remove_{i}", icon=":material/delete:", help="Take out of the pack",
                   on_click=board_pack.remove, args=(pack, i), width="stretch")

with st.form("pack_cover"):
    st.subheader("Cover")
    title = st.text_input("Title", value=board_pack.DEFAULT_TITLE, max_chars=120)
    meeting = st.text_input("Meeting", placeholder="e.g. Health and Wellbeing Board", max_chars=120)
    author = st.text_input("Author", placeholder="e.g. Public Health Intelligence team", max_chars=120)
    when = st.date_input("Date", value=date.today(), format="DD/MM/YYYY")
    clicked = {fmt: col.form_submit_button(f"Generate {f.label}", icon=":material/file_export:", width="stretch")
               for col, (fmt, f) in zip(st.columns(2), board_pack.FORMATS.items(), strict=True)}
meta = PackMeta(title.strip() or board_pack.DEFAULT_TITLE, meeting.strip(), author.strip(), when)
sig = board_pack.signature(pack, meta)

for fmt, f in board_pack.FORMATS.items():
    if clicked[fmt]:
        with st.status(f"Building the {f.label} pack…", expanded=True) as status:
            bar = st.progress(0.0, text="Starting")
            try:
                board_pack.keep_file(fmt, board_pack.build(fmt, pack, meta, lambda x, m: bar.progress(x, text=m)), sig)
                status.update(label=f"The {f.label} pack is ready", state="complete", expanded=False)
            except Exception as exc:  # noqa: BLE001 - every failure reaches people as a sentence
                status.update(label=f"The {f.label} pack could not be built", state="error")
                show_error(exc)
    if (data := board_pack.kept_file(fmt, sig)) is not None:
        st.download_button(f"Download {f.label} ({len(data) / 1024:,.0f} KB)", data=data, mime=f.mime,
                           file_name=board_pack.file_name(meta, fmt), key=f"download_{fmt}", on_click="ignore",
                           icon=":material/download:", type="primary")
