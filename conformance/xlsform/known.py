"""Where Pathways disagrees with pyxform 4.5 on purpose or for a known reason, by case name:
(kind, reason). Kinds: "accepts" (pyxform accepts, Pathways refuses), "refuses" (pyxform refuses,
Pathways accepts), "row" (both refuse, Pathways names another row), "xform" (both accept, the
XForms differ). docs/xlsform-conformance.md explains each.
"""

DISAGREEMENTS = {
    "expression_syntax_error": (
        "accepts",
        "Pathways parses every expression and refuses `${a} >`; pyxform passes it through and ODK Validate "
        "(Java, not run by pyxform alone) and every ODK client refuse it when the form is loaded.",
    ),
    "settings_bad_name": (
        "row",
        "pyxform reports settings values at row 1 (the header); Pathways names row 2, where the value is.",
    ),
}
