"""Placeholder page."""
import streamlit as st

st.title("guidance")
st.info("This page is being built.")
