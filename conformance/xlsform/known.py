"""Where Pathways disagrees with pyxform 4.5 on purpose or for a known reason, by case name:
(kind, reason). Kinds: "accepts" (pyxform accepts, Pathways refuses), "refuses" (pyxform refuses,
Pathways accepts), "row" (both refuse, Pathways names another row), "xform" (both accept, the
XForms differ). docs/xlsform-conformance.md explains each class.
"""

DISAGREEMENTS = {
}
