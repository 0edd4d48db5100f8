"""Board pack: put the charts people added in order, write the cover, and download PowerPoint or PDF."""
from __future__ import annotations

from datetime import date

import streamlit as st

from components.feedback import empty, show_error
from components.routing import inside_app
from services import board_pack
from services.text import md

inside_app()

st.title("Board pack")
pack = board_pack.items()
if not pack:
    empty("The board pack is empty. Use **Add to board pack** beside any chart on the **Area overview** or "
          "the **Indicator explorer**; the charts then appear here to put in order and download as "
          "PowerPoint or PDF.")
    st.stop()

board_pack.prewarm()  # Chromium starts now, so "Generate" finds it open
st.caption(f"{len(pack)} item{'s' if len(pack) != 1 else ''}, in the order they will appear in the pack.")
for i, item in enumerate(pack):
    with st.container(border=True):
        text, controls = st.columns([3, 2], vertical_alignment="center")
        text.markdown(f"**{i + 1}\\. {md(item.title)}**  \n{md(item.subtitle)}")
        text.caption(f"{item.kind.capitalize()} · Finding: {md(item.finding) if item.finding else 'none written'}")
        with controls.container(horizontal=True, horizontal_alignment="right"):
            st.button("Up", key=f"up_{i}", icon=":material/arrow_upward:", disabled=i == 0,
                      help="Move earlier in the pack", on_click=board_pack.move, args=(pack, i, -1))
            st.button("Down", key=f"down_{i}", icon=":material/arrow_downward:", disabled=i == len(pack) - 1,
                      help="Move later in the pack", on_click=board_pack.move, args=(pack, i, 1))
            st.button("Remove", key=f"remove_{i}", icon=":material/delete:", help="Take out of the pack",
                      on_click=board_pack.remove, args=(pack, i))

with st.form("pack_cover"):
    st.header("Cover")
    title = st.text_input("Title", value=board_pack.DEFAULT_TITLE, max_chars=120)
    meeting = st.text_input("Meeting", placeholder="e.g. Health and Wellbeing Board", max_chars=120)
    author = st.text_input("Author", placeholder="e.g. Public Health Intelligence team", max_chars=120)
    when = st.date_input("Date", value=date.today(), format="DD/MM/YYYY")
    clicked = {fmt: col.form_submit_button(f"Generate {f.label}", icon=":material/file_export:", width="stretch")
               for col, (fmt, f) in zip(st.columns(2), board_pack.FORMATS.items(), strict=True)}
meta = board_pack.PackMeta(title.strip() or board_pack.DEFAULT_TITLE, meeting.strip(), author.strip(), when)
sig = board_pack.signature(pack, meta)


def generate(fmt: str, label: str) -> None:
    """Build one file with a progress bar; keep it for the download button, or say what went wrong."""
    with st.status(f"Building the {label} pack…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        try:
            data = board_pack.build(fmt, pack, meta, progress=lambda done, message: bar.progress(done, text=message))
        except Exception as exc:  # noqa: BLE001 - every failure reaches people as a sentence, never a traceback
            status.update(label=f"The {label} pack could not be built", state="error")
            show_error(exc)
            return
        board_pack.keep_file(fmt, data, sig)
        status.update(label=f"The {label} pack is ready", state="complete", expanded=False)


st.caption("Each chart carries its source and the Open Government Licence attribution inside the files.")
for fmt, f in board_pack.FORMATS.items():
    if clicked[fmt]:
        generate(fmt, f.label)
    if (data := board_pack.kept_file(fmt, sig)) is not None:
        st.download_button(f"Download {f.label} ({len(data) / 1024:,.0f} KB)", data=data, mime=f.mime,
                           file_name=board_pack.file_name(meta, fmt), key=f"download_{fmt}", on_click="ignore",
                           icon=":material/download:", type="primary")
