"""Differential test of Pathways' XLSForm reader and XForm writer against pyxform 4.5.

Every case of the corpus (cases.py) is written as a workbook with openpyxl and converted by both:
pyxform in process (its own checks; ODK Validate needs Java), Pathways by
`pathways questionnaire xform`. A case agrees when both accept it or both refuse it; when pyxform
names a row in its refusal, Pathways must name the same row; when both accept, the two XForms
must be equal once canonicalised (same elements, attributes, binds and itext; whitespace in
expressions and the order of the model's children, translations and texts do not count).

Disagreements listed in known.py (with their reason) are expected; the run fails on any other,
and on a listed one that now agrees (so the list stays true).

Usage: python compare.py PATHWAYS_BINARY WORK_DIR [--verbose] [--only PREFIX] [--real DIR]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import openpyxl

import cases
import known

# Attributes holding XPath: whitespace outside string literals does not count.
EXPRESSIONS = {"nodeset", "ref", "relevant", "constraint", "calculate", "required", "readonly", "value",
               "{http://openrosa.org/javarosa}count", "query"}
# Children whose order the spec leaves free.
UNORDERED = {"{http://www.w3.org/2002/xforms}model", "{http://www.w3.org/2002/xforms}itext",
             "{http://www.w3.org/2002/xforms}translation", "{http://www.w3.org/2002/xforms}text"}


def squeeze(expr):
    """An expression without whitespace outside quotes."""
    out, quote = [], None
    for ch in expr:
        if quote:
            out.append(ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif not ch.isspace():
            out.append(ch)
    return "".join(out)


def words(s):
    return " ".join((s or "").split())


def canon(el):
    attrs = tuple(sorted((k, squeeze(v) if k in EXPRESSIONS else words(v)) for k, v in el.attrib.items()))
    kids = [canon(c) + (words(c.tail),) for c in el]
    if el.tag in UNORDERED:
        kids.sort()
    return (el.tag, attrs, words(el.text), tuple(kids))


def first_difference(a, b, path=""):
    """Where two canonical trees first differ, for the report."""
    here = f"{path}/{a[0].split('}')[-1]}"
    if a[0] != b[0]:
        return f"{path}: <{a[0]}> vs <{b[0]}>"
    if a[1] != b[1]:
        return f"{here}: attributes {dict(a[1])} vs {dict(b[1])}"
    if a[2] != b[2]:
        return f"{here}: text {a[2]!r} vs {b[2]!r}"
    for x, y in zip(a[3], b[3]):
        if x != y:
            return first_difference(x, y, here)
    if len(a[3]) != len(b[3]):
        extra = a[3][len(b[3]):] or b[3][len(a[3]):]
        who = "pyxform" if len(a[3]) > len(b[3]) else "pathways"
        return f"{here}: {who} has {len(extra)} more children, first <{extra[0][0].split('}')[-1]} {dict(extra[0][1])}>"
    return None


def parsed(path):
    """The canonical tree of an XForm; a document that is not namespace-well-formed (a name with
    an undeclared prefix, which pyxform writes as given) compares as its whitespace-free text."""
    try:
        return canon(ET.parse(path).getroot())
    except ET.ParseError:
        with open(path, encoding="utf-8") as f:
            return ("unparsed", (), "".join(f.read().split()), ())


def write(path, survey, choices, settings, entities=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (("survey", survey), ("choices", choices), ("settings", settings), ("entities", entities)):
        if rows:
            ws = wb.create_sheet(name)
            for row in rows:
                ws.append(row)
    wb.save(path)


def pyxform(path, out):
    from pyxform.xls2xform import xls2xform_convert
    try:
        xls2xform_convert(xlsform_path=path, xform_path=out, validate=False)
        return True, ""
    except Exception as e:  # noqa: BLE001 - any refusal counts
        return False, " ".join(str(e).split()) or type(e).__name__


def rows_named(message):
    return {int(n) for n in re.findall(r"[Rr]ow(?:\s*:)?\s*(\d+)", message)}


def main():
    binary, work = sys.argv[1], sys.argv[2]
    verbose = "--verbose" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    os.makedirs(work, exist_ok=True)
    tally = {"cases": 0, "pyxform_accepts": 0, "pyxform_refuses": 0, "accept_agree": 0, "refuse_agree": 0,
             "xform_equal": 0, "unexpected": 0, "listed_but_agree": 0}
    report = []
    # The shipped programme questionnaire is a fixture too; `--real DIR` adds every workbook of
    # a directory (published forms, pyxform's own examples) to measure against.
    here = os.path.dirname(os.path.abspath(__file__))
    real = [("shipped_mapping", os.path.join(here, "..", "..", "data", "questionnaires", "mapping.xlsx"))]
    if "--real" in sys.argv:
        d = sys.argv[sys.argv.index("--real") + 1]
        real += [("real_" + os.path.splitext(f)[0], os.path.join(d, f)) for f in sorted(os.listdir(d))
                 if f.endswith((".xlsx", ".xls"))]
    for name, survey, choices, settings, entities in [(n, None, None, p, None) for n, p in real] + cases.all_cases():
        if not name.startswith(only):
            continue
        tally["cases"] += 1
        if survey is None:
            ext = os.path.splitext(settings)[1]
            path = os.path.join(work, name + ext)
            shutil.copyfile(settings, path)
        else:
            path = os.path.join(work, name + ".xlsx")
            write(path, survey, choices, settings, entities)
        py_ok, py_why = pyxform(path, os.path.join(work, name + ".pyxform.xml"))
        mine = os.path.join(work, name + ".pathways.xml")
        r = subprocess.run([binary, "questionnaire", "xform", path, "-o", mine], capture_output=True, text=True)
        pw_ok = r.returncode == 0
        pw_why = " ".join(r.stderr.split())
        tally["pyxform_accepts" if py_ok else "pyxform_refuses"] += 1
        problem = None
        if py_ok != pw_ok:
            problem = ("accepts" if py_ok else "refuses", f"pyxform {'accepts' if py_ok else 'refuses: ' + py_why[:160]}; "
                       f"pathways {'accepts' if pw_ok else 'refuses: ' + pw_why[-160:]}")
        elif not py_ok:
            tally["refuse_agree"] += 1
            wanted = rows_named(py_why)
            if wanted and not wanted & rows_named(pw_why):
                problem = ("row", f"pyxform names row {sorted(wanted)}: {py_why[:120]}; pathways: {pw_why[-160:]}")
        else:
            tally["accept_agree"] += 1
            a, b = parsed(os.path.join(work, name + ".pyxform.xml")), parsed(mine)
            if a == b:
                tally["xform_equal"] += 1
            else:
                problem = ("xform", first_difference(a, b))
        listed = known.DISAGREEMENTS.get(name)
        if problem:
            if listed and listed[0] == problem[0]:
                if verbose:
                    report.append(f"known {name}: {problem[1]}  [{listed[1]}]")
            else:
                tally["unexpected"] += 1
                report.append(f"FAIL  {name} ({problem[0]}): {problem[1]}")
        elif listed:
            tally["listed_but_agree"] += 1
            report.append(f"FAIL  {name}: listed in known.py ({listed[0]}) but now agrees; remove it")
    for line in report:
        print(line)
    accepted, refused = tally["pyxform_accepts"], tally["pyxform_refuses"]
    tally["accept_agreement"] = round(tally["accept_agree"] / accepted, 4) if accepted else None
    tally["refuse_agreement"] = round(tally["refuse_agree"] / refused, 4) if refused else None
    tally["agreement"] = round((tally["accept_agree"] + tally["refuse_agree"]) / tally["cases"], 4) if tally["cases"] else None
    tally["xform_equal_share"] = round(tally["xform_equal"] / tally["accept_agree"], 4) if tally["accept_agree"] else None
    print(json.dumps(tally))
    sys.exit(1 if tally["unexpected"] or tally["listed_but_agree"] else 0)


if __name__ == "__main__":
    main()
