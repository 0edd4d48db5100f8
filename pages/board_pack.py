"""Placeholder page."""
import streamlit as st

st.title("board_pack")
st.info("This page is being built.")
