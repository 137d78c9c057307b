"""Content models of this app arrive with their own issue; the app is installed now so its
label is fixed from the start."""
